// The closed questions of a closed cycle's instrument as the results show them: by section,
// with each answer's label, in the reader's language.
import { db } from "../../platform/db.ts";
import { type Locale, translator } from "../../platform/i18n.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { answerLabels } from "./export-common.ts";
import { closedCycle } from "./result-cells.ts";
import { localized } from "./result-text.ts";

export type ResultItem = {
  id: string;
  kind: string;
  text: string;
  /** The answers in the instrument's order (number items: none; their values come with data). */
  answers: { key: string; label: string }[];
};

export type ResultSection = { id: string; title: string; items: ResultItem[] };

export async function resultItems(
  actor: Actor,
  cycleId: string,
  locale: Locale,
): Promise<ResultSection[]> {
  requirePermission(actor, "survey.results.view");
  const { instrument } = await closedCycle(db(), actor, cycleId);
  const t = translator(locale);
  return instrument.definition.sections
    .map((section) => ({
      id: section.id,
      title: localized(section.title, locale),
      items: section.items
        .filter((item) => item.kind !== "text")
        .map((item) => ({
          id: item.id,
          kind: item.kind,
          text: localized(item.text, locale),
          answers: answerLabels(item, locale, t),
        })),
    }))
    .filter((s) => s.items.length > 0);
}
