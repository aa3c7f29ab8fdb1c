// Seed step of the end-to-end suite for survey results (survey-results.spec.ts, and the access
// and accessibility walks): two closed cycles of the default workload survey in the main centre
// — spring and autumn 2025, so the autumn one has a trend — with synthetic answers written
// straight into the tables, and a draft whose results page says it is not closed yet. Unit A ×
// the second staff group has three respondents: a cell the results must hide.
import { asc, eq } from "drizzle-orm";
import { actorFor } from "../../modules/access/test-fixtures.ts";
import { staffGroup } from "../../modules/org/schema.ts";
import { workloadSurvey } from "../../modules/survey/default-instruments.ts";
import {
  closedCycleWith,
  type FixtureComment,
  type FixtureResponse,
} from "../../modules/survey/export-fixtures.ts";
import type { Instrument } from "../../modules/survey/instrument.ts";
import { type Answers, pruneAnswers } from "../../modules/survey/scoring.ts";
import { db } from "../../platform/db.ts";

export type SurveyResultsSeed = {
  /** The autumn cycle: closed, with a trend against spring. */
  cycle: string;
  cycleName: string;
  previous: string;
  previousName: string;
  /** A draft: its results page explains that results wait for closing. */
  draft: string;
};

/** A small deterministic generator (mulberry32), so every run seeds the same answers. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One person's answers: a personal level of strain drives every point item, plus noise; in
 * the later cycle the workload items (wl_*) run one point higher.
 */
function answersOf(instrument: Instrument, rnd: () => number, later: boolean): Answers {
  const strain = rnd();
  // Everyone works with clients: every scale then has a score from every respondent, so what
  // is hidden depends on the group sizes alone (the spec names the hidden cell).
  const answers: Record<string, Answers[string]> = { client_contact: true };
  for (const section of instrument.sections) {
    for (const item of section.items) {
      if (item.kind === "likert" || item.kind === "frequency") {
        const m = item.points.length - 1;
        const shift = later && item.id.startsWith("wl_") ? 1 : 0;
        const at = Math.round(m * (0.6 * strain + 0.4 * rnd())) + shift;
        answers[item.id] = item.points[Math.max(0, Math.min(m, at))].value;
      } else if (item.kind === "single") {
        answers[item.id] = item.options[Math.floor(rnd() * item.options.length)].value;
      }
    }
  }
  return pruneAnswers(instrument, answers);
}

export async function seedSurveyResults(
  coordinatorUserId: string,
  centreId: string,
  units: { a: string; b: string },
): Promise<SurveyResultsSeed> {
  const coordinator = await actorFor(coordinatorUserId);
  const groups = (
    await db()
      .select({ id: staffGroup.id })
      .from(staffGroup)
      .where(eq(staffGroup.centreId, centreId))
      .orderBy(asc(staffGroup.sortOrder))
  ).map((g) => g.id);
  const plan: [string, string, number][] = [
    [units.a, groups[0], 12],
    [units.a, groups[1], 3],
    [units.a, groups[2], 9],
    [units.b, groups[0], 10],
    [units.b, groups[1], 8],
    [units.b, groups[2], 7],
  ];
  const responses = (later: boolean): FixtureResponse[] => {
    const rnd = random(later ? 2 : 1);
    return plan.flatMap(([unitId, staffGroupId, n]) =>
      Array.from({ length: n }, () => ({
        unitId,
        staffGroupId,
        answers: answersOf(workloadSurvey, rnd, later),
      })),
    );
  };
  const comments: FixtureComment[] = [
    ...Array.from({ length: 11 }, (_, i) => ({
      unitId: units.a,
      staffGroupId: groups[0],
      itemId: "open_burden",
      text: `Liczba spraw na osobę — uwaga ${i + 1}`,
    })),
    {
      unitId: units.a,
      staffGroupId: groups[0],
      itemId: "open_burden",
      text: "Pan Jan Kowalski z pokoju 12 krzyczy na klientów",
      redactedText: "[usunięto] krzyczy na klientów",
    },
    {
      unitId: units.b,
      staffGroupId: groups[1],
      itemId: "open_burden",
      text: "Nieprzejrzany komentarz",
      reviewed: false,
    },
  ];
  const previousName = "Badanie wiosna 2025";
  const previous = await closedCycleWith(coordinator, {
    name: previousName,
    instrument: workloadSurvey,
    opensAt: new Date("2025-04-01T06:00:00Z"),
    closesAt: new Date("2025-04-30T20:00:00Z"),
    answeredOn: "2025-04-10",
    responses: responses(false),
  });
  const cycleName = "Badanie jesień 2025";
  const cycle = await closedCycleWith(coordinator, {
    name: cycleName,
    instrument: workloadSurvey,
    opensAt: new Date("2025-10-01T06:00:00Z"),
    closesAt: new Date("2025-10-31T20:00:00Z"),
    answeredOn: "2025-10-10",
    responses: responses(true),
    comments,
  });
  const draft = await closedCycleWith(coordinator, {
    name: "Badanie wiosna 2026 (w przygotowaniu)",
    instrument: workloadSurvey,
    opensAt: new Date(Date.now() + 30 * 86_400_000),
    closesAt: new Date(Date.now() + 60 * 86_400_000),
    close: false,
  });
  return { cycle, cycleName, previous, previousName, draft };
}
