// Test support for results views and exports: a closed cycle whose responses and open answers
// are written straight into the tables (scored by `scoreResponse`), so a test states exactly
// how many people answered in which unit and staff group.
import { eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { Actor } from "../access/actor.ts";
import { closeCycle } from "./close-cycle.ts";
import { createCycle } from "./create-cycle.ts";
import type { InstrumentInput } from "./instrument.ts";
import { getInstrument, saveInstrument } from "./save-instrument.ts";
import { surveyComment, surveyCycle, surveyResponse } from "./schema.ts";
import { type Answers, scoreResponse } from "./scoring.ts";
import { miniInstrument } from "./test-fixtures.ts";

export type FixtureResponse = {
  unitId: string | null;
  staffGroupId: string | null;
  answers: Answers;
};

export type FixtureComment = {
  unitId: string | null;
  staffGroupId: string | null;
  itemId?: string;
  text: string;
  reviewed?: boolean;
  redactedText?: string | null;
};

/** `count` responses in one cell, the answers made by `answers(i)`. */
export function responsesIn(
  unitId: string | null,
  staffGroupId: string | null,
  count: number,
  answers: (i: number) => Answers,
): FixtureResponse[] {
  return Array.from({ length: count }, (_, i) => ({ unitId, staffGroupId, answers: answers(i) }));
}

/** A closed cycle with the given responses and comments; returns its id. */
export async function closedCycleWith(
  coordinator: Actor,
  opts: {
    name?: string;
    instrument?: InstrumentInput;
    responses?: FixtureResponse[];
    comments?: FixtureComment[];
    minGroupSize?: number;
    minCommentGroupSize?: number;
    opensAt?: Date;
    closesAt?: Date;
    answeredOn?: string;
    close?: boolean;
  },
): Promise<string> {
  const saved = await saveInstrument(coordinator, opts.instrument ?? miniInstrument());
  const { definition } = await getInstrument(coordinator, saved.id);
  const { id } = await createCycle(coordinator, {
    instrumentId: saved.id,
    name: opts.name ?? "Badanie testowe",
    // A new cycle must close in the future; the real dates (often past ones) are set below.
    opensAt: new Date(Date.now() + 3_600_000),
    closesAt: new Date(Date.now() + 14 * 86_400_000),
  });
  await db()
    .update(surveyCycle)
    .set({
      opensAt: opts.opensAt ?? new Date("2025-04-01T08:00:00Z"),
      closesAt: opts.closesAt ?? new Date("2025-04-30T20:00:00Z"),
      minGroupSize: opts.minGroupSize ?? 5,
      minCommentGroupSize: opts.minCommentGroupSize ?? 10,
    })
    .where(eq(surveyCycle.id, id));
  const responses = opts.responses ?? [];
  for (let i = 0; i < responses.length; i += 500) {
    await db()
      .insert(surveyResponse)
      .values(
        responses.slice(i, i + 500).map((r) => ({
          cycleId: id,
          unitId: r.unitId,
          staffGroupId: r.staffGroupId,
          answeredOn: opts.answeredOn ?? "2025-04-10",
          answers: r.answers as Record<string, number>,
          scores: scoreResponse(definition, r.answers),
        })),
      );
  }
  if (opts.comments?.length) {
    await db()
      .insert(surveyComment)
      .values(
        opts.comments.map((c) => ({
          cycleId: id,
          unitId: c.unitId,
          staffGroupId: c.staffGroupId,
          itemId: c.itemId ?? "t1",
          text: c.text,
          reviewed: c.reviewed ?? true,
          redactedText: c.redactedText ?? null,
        })),
      );
  }
  if (opts.close !== false) {
    await closeCycle(coordinator, id);
    // Closed on time: the trend's "previous cycle" goes by when each cycle ended.
    await db()
      .update(surveyCycle)
      .set({ closedAt: opts.closesAt ?? new Date("2025-04-30T20:00:00Z") })
      .where(eq(surveyCycle.id, id));
  }
  return id;
}
