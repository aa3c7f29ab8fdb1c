// What the results exports share: file names, the audit entry of a download, the answers of a
// closed item in the instrument's order with their labels, and the names of views and groups.
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import type { Locale, T } from "../../platform/i18n.ts";
import type { Actor } from "../access/actor.ts";
import type { Item } from "./instrument.ts";
import type { ResultView } from "./result-cells.ts";
import { localized } from "./result-text.ts";

/** ASCII for a file name: Polish letters without their marks, anything else a hyphen. */
export function fileSlug(text: string): string {
  const ascii = text
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
  return (
    ascii
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "badanie"
  );
}

/**
 * Who downloaded what of which cycle — never any figure or answer of the file. The format and,
 * for a unit's report, the unit are enough to tell what left the system.
 */
export async function auditExport(
  actor: Actor,
  cycleId: string,
  details: { format: "xlsx" | "pdf" | "csv"; unitId?: string; previous?: string },
): Promise<void> {
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "survey.results.export",
    entityType: "survey_cycle",
    entityId: cycleId,
    details,
    requestId: actor.requestId,
  });
}

export function viewName(t: T, view: ResultView | "centre"): string {
  if (view === "centre") return t("surveyResults.viewCentre");
  if (view === "unit") return t("surveyResults.viewUnit");
  if (view === "staffGroup") return t("surveyResults.viewStaffGroup");
  return t("surveyResults.viewUnitStaffGroup");
}

/** The possible answers of a closed item, keyed as the results count them, with labels. */
export function answerLabels(
  item: Item,
  locale: Locale,
  t: T,
  seen: readonly string[] = [],
): { key: string; label: string }[] {
  switch (item.kind) {
    case "likert":
    case "frequency":
      return item.points.map((p) => ({
        key: String(p.value),
        label: `${p.value} — ${localized(p.label, locale)}`,
      }));
    case "yesNo":
      return [
        { key: "true", label: t("common.yes") },
        { key: "false", label: t("common.no") },
      ];
    case "single":
    case "multiple":
      return item.options.map((o) => ({ key: o.value, label: localized(o.label, locale) }));
    case "number":
      // Numbers are counted by the value given; list those that occur, in numeric order.
      return [...seen].sort((a, b) => Number(a) - Number(b)).map((key) => ({ key, label: key }));
    default:
      return [];
  }
}
