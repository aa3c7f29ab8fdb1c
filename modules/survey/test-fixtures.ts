// Test support for the survey services: a small instrument and an open cycle with its tokens.
import { and, eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import type { Actor } from "../access/actor.ts";
import { createCycle } from "./create-cycle.ts";
import type { InstrumentInput } from "./instrument.ts";
import { openCycle } from "./open-cycle.ts";
import { saveInstrument } from "./save-instrument.ts";

const t = (pl: string, en = pl) => ({ pl, en });
const points = [1, 2, 3, 4, 5].map((value) => ({ value, label: t(`${value}`) }));

/**
 * Five closed items and one open one. The scale "load" averages q1–q3 with q3 reversed as
 * 6 − x, scored linearly: 100 · (x − 1) / 4.
 */
export function miniInstrument(slug = "mini"): InstrumentInput {
  return {
    formatVersion: 1,
    id: slug,
    title: t("Ankieta testowa", "Test survey"),
    sections: [
      {
        id: "s1",
        title: t("Część 1"),
        items: [
          { id: "q1", kind: "likert", text: t("Item 1"), points, required: true },
          { id: "q2", kind: "likert", text: t("Item 2"), points },
          { id: "q3", kind: "likert", text: t("Item 3"), points },
          { id: "n1", kind: "number", text: t("Item 4"), min: 0, max: 10, integer: true },
          { id: "yn", kind: "yesNo", text: t("Item 5") },
          { id: "t1", kind: "text", text: t("Item 6") },
        ],
      },
    ],
    scales: [
      {
        id: "load",
        name: t("Obciążenie", "Load"),
        items: ["q1", "q2", "q3"],
        reverse: { rule: "max+min-x", items: ["q3"] },
        minAnswered: 2,
        higherIs: "worse",
      },
    ],
  };
}

const HOUR = 3_600_000;

/** A cycle of the mini instrument; open now unless told otherwise. */
export async function cycleOf(
  coordinator: Actor,
  opts: {
    name?: string;
    opensAt?: Date;
    closesAt?: Date;
    population?: { unitIds?: string[]; staffGroupIds?: string[] };
    open?: boolean;
  } = {},
): Promise<string> {
  const { id: instrumentId } = await saveInstrument(coordinator, miniInstrument());
  const { id } = await createCycle(coordinator, {
    instrumentId,
    name: opts.name ?? "Badanie wiosna",
    opensAt: opts.opensAt ?? new Date(Date.now() - HOUR),
    closesAt: opts.closesAt ?? new Date(Date.now() + 14 * 24 * HOUR),
    population: opts.population,
  });
  if (opts.open !== false) await openCycle(coordinator, id);
  return id;
}

/** The survey token in a mail body. */
export const surveyToken = (body: string) => body.match(/\/survey\/([A-Za-z0-9_-]+)$/m)?.[1] ?? "";

/**
 * Survey invitations by recipient, with the token of each. Several cycles mail the same people,
 * so the caller names the cycle by its (unique in the test) name, which is in the subject.
 */
export async function tokensOf(cycleName: string): Promise<Map<string, string>> {
  const mails = await db()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.kind, "survey-invitation")));
  const out = new Map<string, string>();
  for (const m of mails) {
    if (m.subject.includes(cycleName)) out.set(m.toAddress, surveyToken(m.textBody));
  }
  return out;
}
