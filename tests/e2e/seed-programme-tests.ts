// Seed step of the end-to-end suite for knowledge tests and evaluations (programme-tests.spec.ts,
// and the access and accessibility walks), written straight into the tables: in the main
// centre an activity whose test is still to be written, a running one with a test and results,
// finished ones whose evaluations are closed (one with enough responses, one with too few),
// upcoming activities of several kinds for the survey results' links, and one activity of the
// other centre.

import {
  DAY,
  DIFFICULT_CLIENT_QUESTIONS,
  enrolConfirmed,
  HOUR,
  insertActivity,
  insertEmployees,
  insertQuestions,
  markPresent,
} from "../../modules/programme/knowledge-test-fixtures.ts";
import {
  programmeEvaluationParticipation,
  programmeEvaluationResponse,
  programmeTestAttempt,
} from "../../modules/programme/schema.ts";
import { db } from "../../platform/db.ts";

export type ProgrammeTestsSeed = {
  /** Published, first session in a week, the employee enrolled: its test is written in the spec. */
  writable: string;
  writableTitle: string;
  /** Published, its one session running: a 3-question test (threshold 60 %), results of two others. */
  running: string;
  runningTitle: string;
  /** Finished; the evaluation closed with 6 responses: results shown, comments hidden. */
  evaluated: string;
  /** Finished; the evaluation closed with 3 responses: results hidden. */
  fewResponses: string;
  /** An activity of the other centre. */
  otherCentre: string;
};

export async function seedProgrammeTests(ids: {
  centre: string;
  unitA: string;
  unitB: string;
  employee: string;
  otherCentre: string;
}): Promise<ProgrammeTestsSeed> {
  const writableTitle = "E2E: szkolenie z testem do napisania";
  const writable = await insertActivity(ids.centre, {
    title: writableTitle,
    sessions: [{ from: 7 * DAY, to: 7 * DAY + 4 * HOUR }],
  });
  await enrolConfirmed(ids.centre, writable.id, [ids.employee]);

  const runningTitle = "E2E: trudny klient — zajęcia w toku";
  const running = await insertActivity(ids.centre, {
    title: runningTitle,
    // Long enough for the whole suite: the pre-test stays open until the session ends.
    sessions: [{ from: -HOUR, to: 8 * HOUR }],
    passThresholdPercent: 60,
    learningOutcomes:
      "Uczestnik rozpoznaje sygnały eskalacji agresji i prowadzi rozmowę deeskalacyjną.",
  });
  const questions = await insertQuestions(ids.centre, running.id, DIFFICULT_CLIENT_QUESTIONS);
  // Łucja in unit A (the manager's), Grzegorz in unit B.
  const others = [
    ...(await insertEmployees(
      ids.centre,
      ids.unitA,
      [{ firstName: "Łucja", lastName: "Żmuda" }],
      "E2E-TWA",
    )),
    ...(await insertEmployees(
      ids.centre,
      ids.unitB,
      [{ firstName: "Grzegorz", lastName: "Ślęzak" }],
      "E2E-TWB",
    )),
  ];
  const enrolments = await enrolConfirmed(ids.centre, running.id, [ids.employee, ...others]);
  await markPresent(ids.centre, running.sessionIds[0], enrolments);
  const score = (stage: "pre" | "post", employeeId: string, right: number) => ({
    centreId: ids.centre,
    activityId: running.id,
    employeeId,
    stage,
    answers: Object.fromEntries(questions.map((q) => [q.id, []])),
    score: right,
    maxScore: 3,
  });
  await db()
    .insert(programmeTestAttempt)
    .values([
      score("pre", others[0], 1),
      score("post", others[0], 3),
      score("pre", others[1], 2),
      score("post", others[1], 1),
    ]);

  const closed = async (title: string, responses: number) => {
    const a = await insertActivity(ids.centre, {
      title,
      sessions: [{ from: -5 * DAY, to: -5 * DAY + 3 * HOUR }],
      evaluationClosedAt: new Date(Date.now() - DAY),
    });
    const people = await insertEmployees(
      ids.centre,
      ids.unitA,
      Array.from({ length: responses }, (_, i) => ({
        firstName: `Ocena${i + 1}`,
        lastName: title,
      })),
      `E2E-EV${responses}`,
    );
    const e = await enrolConfirmed(ids.centre, a.id, people);
    await markPresent(ids.centre, a.sessionIds[0], e);
    await db()
      .insert(programmeEvaluationParticipation)
      .values(
        people.map((employeeId) => ({
          centreId: ids.centre,
          activityId: a.id,
          employeeId,
          answeredOn: new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10),
        })),
      );
    await db()
      .insert(programmeEvaluationResponse)
      .values(
        people.map((_, i) => ({
          centreId: ids.centre,
          activityId: a.id,
          ratings: {
            usefulness: 5 - (i % 2),
            trainer: 4,
            organisation: 3 + (i % 3),
            expectations: 4,
            application: 5,
          },
          comment: i === 0 ? "Więcej ćwiczeń w parach." : "",
        })),
      );
    return a.id;
  };
  const evaluated = await closed("E2E: warsztat oceniony", 6);
  const fewResponses = await closed("E2E: warsztat z trzema ocenami", 3);

  // Upcoming activities of several kinds: the survey results link the support to them.
  for (const [title, type, day] of [
    ["E2E: warsztat redukcji stresu", "stress_workshop", 10],
    ["E2E: superwizja grupowa", "supervision", 12],
    ["E2E: webinarium psychoedukacyjne", "webinar", 14],
    ["E2E: warsztat plenerowy", "outdoor_workshop", 20],
  ] as const) {
    await insertActivity(ids.centre, {
      title,
      type,
      sessions: [{ from: day * DAY, to: day * DAY + 3 * HOUR }],
    });
  }

  const other = await insertActivity(ids.otherCentre, {
    title: "E2E: szkolenie innego ośrodka",
    sessions: [{ from: -HOUR, to: 2 * HOUR }],
  });
  return {
    writable: writable.id,
    writableTitle,
    running: running.id,
    runningTitle,
    evaluated,
    fewResponses,
    otherCentre: other.id,
  };
}
