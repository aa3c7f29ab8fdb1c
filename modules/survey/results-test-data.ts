// Test support for the results engine: an instrument that uses every kind of closed item and
// scale feature, closed cycles inserted directly, and responses generated from a seeded random
// source, stored exactly as the submit path stores them (pruned answers, `scoreResponse`).
import { randomUUID } from "node:crypto";
import { db } from "../../platform/db.ts";
import { allItems, type Instrument, type InstrumentInput, parseInstrument } from "./instrument.ts";
import { surveyCycle, surveyInstrument, surveyPaperCode, surveyResponse } from "./schema.ts";
import { type AnswerValue, pruneAnswers, scoreResponse } from "./scoring.ts";

const t = (pl: string, en = pl) => ({ pl, en });
const points = (scores?: number[]) =>
  [1, 2, 3, 4, 5].map((value, i) => ({
    value,
    label: t(`${value}`),
    ...(scores ? { score: scores[i] } : {}),
  }));
const options = (...values: string[]) => values.map((value) => ({ value, label: t(value) }));

/**
 * Two scales: "load" (q1–q3, q3 reversed as 6 − x, at least 2 answers, higher is worse) and
 * "support" (q4 with its own point scores, q5 shown only after "yes" to yn, and the number item
 * n1 reversed as 100 − score; higher is better). Besides them a single and a multiple choice
 * and an open question.
 */
export function resultsInstrument(slug = "wyniki"): InstrumentInput {
  return {
    formatVersion: 1,
    id: slug,
    title: t("Ankieta wyników", "Results survey"),
    sections: [
      {
        id: "s1",
        title: t("Część 1"),
        items: [
          { id: "q1", kind: "likert", text: t("Item 1"), points: points() },
          { id: "q2", kind: "likert", text: t("Item 2"), points: points() },
          { id: "q3", kind: "frequency", text: t("Item 3"), points: points() },
          { id: "q4", kind: "likert", text: t("Item 4"), points: points([0, 10, 40, 80, 100]) },
          { id: "yn", kind: "yesNo", text: t("Item 5") },
          {
            id: "q5",
            kind: "frequency",
            text: t("Item 6"),
            points: points(),
            showIf: { item: "yn", equals: true },
          },
          { id: "ch", kind: "single", text: t("Item 7"), options: options("a", "b", "c") },
          { id: "mc", kind: "multiple", text: t("Item 8"), options: options("x", "y", "z") },
          { id: "n1", kind: "number", text: t("Item 9"), min: 0, max: 10, integer: true },
          { id: "t1", kind: "text", text: t("Item 10") },
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
        bands: [
          { id: "low", label: t("niskie", "low"), from: 0, to: 50 },
          { id: "mid", label: t("podwyższone", "elevated"), from: 50, to: 75 },
          { id: "high", label: t("wysokie", "high"), from: 75, to: 100 },
        ],
      },
      {
        id: "support",
        name: t("Wsparcie", "Support"),
        items: ["q4", "q5", "n1"],
        reverse: { rule: "100-score", items: ["n1"] },
        minAnswered: 1,
        higherIs: "better",
        bands: [
          { id: "low", label: t("słabe", "weak"), from: 0, to: 40 },
          { id: "mid", label: t("umiarkowane", "moderate"), from: 40, to: 70 },
          { id: "good", label: t("dobre", "good"), from: 70, to: 100 },
        ],
      },
    ],
  };
}

export function parsed(input: InstrumentInput): Instrument {
  const r = parseInstrument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.instrument;
}

/** A deterministic source of numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** An instrument version stored directly (as `saveInstrument` would after validation). */
export async function insertInstrument(
  centreId: string,
  input: InstrumentInput,
  version = 1,
): Promise<{ id: string; definition: Instrument }> {
  const definition = parsed(input);
  const [row] = await db()
    .insert(surveyInstrument)
    .values({ centreId, slug: definition.id, version, definition })
    .returning();
  return { id: row.id, definition };
}

const DAY = 86_400_000;

/** A cycle in the given state; a closed one closed `closedDaysAgo` days ago. */
export async function insertCycle(
  centreId: string,
  instrumentId: string,
  opts: { name: string; status?: "draft" | "open" | "closed"; closedDaysAgo?: number },
): Promise<string> {
  const ago = opts.closedDaysAgo ?? 1;
  const closedAt = new Date(Date.now() - ago * DAY);
  const [row] = await db()
    .insert(surveyCycle)
    .values({
      centreId,
      instrumentId,
      name: opts.name,
      opensAt: new Date(closedAt.getTime() - 14 * DAY),
      closesAt: opts.status === "closed" || !opts.status ? closedAt : new Date(Date.now() + DAY),
      status: opts.status ?? "closed",
      closedAt: opts.status === "closed" || !opts.status ? closedAt : null,
    })
    .returning();
  return row.id;
}

export type StoredResponse = {
  unitId: string | null;
  staffGroupId: string | null;
  answers: Record<string, AnswerValue>;
  scores: ReturnType<typeof scoreResponse>;
};

/**
 * Random answers to the results instrument; `shift` moves the load items up (positive) or
 * down. Optional items are sometimes skipped, so valid counts differ from respondent counts.
 */
export function randomAnswers(random: () => number, shift = 0): Record<string, AnswerValue> {
  const point = (bias = 0) => Math.min(5, Math.max(1, 1 + Math.floor(random() * 5) + bias));
  const answers: Record<string, AnswerValue> = {
    q1: point(shift),
    q2: point(shift),
    q4: point(),
    yn: random() < 0.4,
    ch: ["a", "b", "c"][Math.floor(random() * 3)],
  };
  if (random() < 0.85) answers.q3 = point(-shift);
  if (answers.yn === true && random() < 0.9) answers.q5 = point();
  const chosen = ["x", "y", "z"].filter(() => random() < 0.4);
  if (chosen.length > 0) answers.mc = chosen;
  if (random() < 0.8) answers.n1 = Math.floor(random() * 11);
  if (random() < 0.3) answers.t1 = "Uwagi";
  return answers;
}

/** Stores responses as the submit path does: visible closed answers and their scale scores. */
export async function insertResponses(
  cycleId: string,
  instrument: Instrument,
  rows: {
    unitId: string | null;
    staffGroupId: string | null;
    answers: Record<string, AnswerValue>;
  }[],
): Promise<StoredResponse[]> {
  const open = new Set(
    allItems(instrument)
      .filter(({ item }) => item.kind === "text")
      .map(({ item }) => item.id),
  );
  const stored = rows.map((r) => {
    const kept = pruneAnswers(instrument, r.answers);
    const closed = Object.fromEntries(Object.entries(kept).filter(([id]) => !open.has(id)));
    return {
      unitId: r.unitId,
      staffGroupId: r.staffGroupId,
      answers: closed,
      scores: scoreResponse(instrument, kept),
    };
  });
  for (let i = 0; i < stored.length; i += 500) {
    await db()
      .insert(surveyResponse)
      .values(stored.slice(i, i + 500).map((s) => ({ cycleId, answeredOn: "2026-03-10", ...s })));
  }
  return stored;
}

/** Paper codes of a unit and staff group: `issued` handed out, the first `used` spent. */
export async function insertPaperCodes(
  cycleId: string,
  unitId: string,
  staffGroupId: string,
  issued: number,
  used: number,
): Promise<void> {
  if (issued === 0) return;
  await db()
    .insert(surveyPaperCode)
    .values(
      Array.from({ length: issued }, (_, i) => ({
        cycleId,
        unitId,
        staffGroupId,
        tokenHash: randomUUID(),
        createdOn: "2026-03-01",
        usedOn: i < used ? "2026-03-10" : null,
      })),
    );
}
