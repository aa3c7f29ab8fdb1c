import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { enqueueJob, runDueJobs } from "../../platform/jobs.ts";
import { job } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import {
  closeDueEvaluations,
  closeEvaluation,
  evaluationForm,
  evaluationResults,
  evaluationStatus,
  submitEvaluation,
} from "./evaluation.ts";
import { EVALUATION_TICK_JOB, registerEvaluationJobs } from "./evaluation-jobs.ts";
import { checkEvaluation } from "./evaluation-rules.ts";
import {
  DAY,
  enrolConfirmed,
  HOUR,
  insertActivity,
  insertEmployees,
  markPresent,
  participantActor,
} from "./knowledge-test-fixtures.ts";
import {
  programmeActivity,
  programmeEvaluationParticipation,
  programmeEvaluationResponse,
} from "./schema.ts";

const answers = (n: number, comment = "") => ({
  "r-usefulness": String(n),
  "r-trainer": String(n),
  "r-organisation": "4",
  "r-expectations": String(n),
  "r-application": "5",
  comment,
});

describe("evaluation answers, checked", () => {
  it("wants five ratings 1–5 and a comment of at most 1000 characters", () => {
    expect(checkEvaluation(answers(3, " Dobre zajęcia "))).toEqual({
      ratings: { usefulness: 3, trainer: 3, organisation: 4, expectations: 3, application: 5 },
      comment: "Dobre zajęcia",
      errors: {},
    });
    const bad = checkEvaluation({
      ...answers(3),
      "r-trainer": "",
      "r-usefulness": "7",
      "r-expectations": "2.5",
      comment: "x".repeat(1001),
    });
    expect(bad.errors).toEqual({
      "r-trainer": "errors.evaluationRatingRequired",
      "r-usefulness": "errors.evaluationRatingRange",
      "r-expectations": "errors.evaluationRatingRange",
      comment: "errors.evaluationCommentTooLong",
    });
    expect(checkEvaluation({ ...answers(2), comment: 5 }).errors).toEqual({
      comment: "errors.invalid",
    });
  });
});

describe.each(testDbKinds)("evaluations (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employee: Actor;
  let administrator: Actor;
  let specialist: Actor;
  let manager: Actor;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    employee = await actorFor(s.users.employee.userId);
    administrator = await actorFor(s.users.administrator.userId);
    specialist = await actorFor(s.users.specialist.userId);
    manager = await actorFor(s.users.manager.userId);
  });
  afterAll(() => d.drop());

  /** A finished activity with `n` participants who attended (and one who did not). */
  async function finished(title: string, n: number) {
    const a = await insertActivity(s.centre.id, {
      title,
      sessions: [
        { from: -3 * DAY, to: -3 * DAY + 3 * HOUR },
        { from: -DAY, to: -DAY + 3 * HOUR },
      ],
    });
    const people = await insertEmployees(
      s.centre.id,
      s.unitA.id,
      Array.from({ length: n + 1 }, (_, i) => ({ firstName: `Osoba${i}`, lastName: title })),
      `${title.slice(0, 3).toUpperCase()}${n}`,
    );
    const enrolments = await enrolConfirmed(s.centre.id, a.id, people);
    await markPresent(s.centre.id, a.sessionIds[1], enrolments.slice(0, n));
    return {
      id: a.id,
      attendees: people.slice(0, n).map((id) => participantActor(employee, id)),
      absent: participantActor(employee, people[n]),
    };
  }

  it("takes one evaluation from each participant who attended, inside its window", async () => {
    const a = await finished("Ewaluacja A", 2);
    const [first, second] = a.attendees;
    expect(await evaluationStatus(first, a.id)).toMatchObject({ canAnswer: true, answered: false });

    const bad = await caught(submitEvaluation(first, a.id, { ...answers(4), "r-trainer": "" }));
    expect(bad.code).toBe("validation");
    expect(bad.fieldErrors).toEqual({ "r-trainer": "errors.evaluationRatingRequired" });

    await submitEvaluation(first, a.id, answers(4, "Więcej ćwiczeń."));
    const twice = await caught(submitEvaluation(first, a.id, answers(1)));
    expect(twice.code).toBe("conflict");
    expect(twice.fieldErrors).toEqual({ _form: "errors.evaluationAlreadyAnswered" });
    expect(await evaluationStatus(first, a.id)).toMatchObject({ canAnswer: false, answered: true });
    expect((await evaluationForm(first, a.id)).state).toBe("answered");

    // Present at no session: refused with its reason; not enrolled at all: forbidden.
    const absent = await caught(submitEvaluation(a.absent, a.id, answers(3)));
    expect(absent.fieldErrors).toEqual({ _form: "errors.evaluationNotAttended" });
    expect((await evaluationForm(a.absent, a.id)).state).toBe("notAttended");
    expect((await caught(submitEvaluation(employee, a.id, answers(3)))).code).toBe("forbidden");
    expect((await evaluationForm(employee, a.id)).state).toBe("notParticipant");

    const rows = await db()
      .select()
      .from(programmeEvaluationResponse)
      .where(eq(programmeEvaluationResponse.activityId, a.id));
    expect(rows).toHaveLength(1);
    // The response knows nothing of who or when.
    expect(Object.keys(rows[0]).sort()).toEqual([
      "activityId",
      "centreId",
      "comment",
      "id",
      "ratings",
    ]);

    // Before the last session starts the evaluation is not open.
    const upcoming = await insertActivity(s.centre.id, {
      title: "Ewaluacja przyszła",
      sessions: [{ from: DAY, to: DAY + HOUR }],
    });
    const [e] = await enrolConfirmed(s.centre.id, upcoming.id, [employee.employeeId!]);
    await markPresent(s.centre.id, upcoming.sessionIds[0], [e]);
    const early = await caught(submitEvaluation(employee, upcoming.id, answers(5)));
    expect(early.fieldErrors).toEqual({ _form: "errors.evaluationNotOpenYet" });
    expect(await evaluationStatus(employee, upcoming.id)).toMatchObject({ canAnswer: false });

    // Closed: refused.
    await closeEvaluation(coordinator, a.id);
    const late = await caught(submitEvaluation(second, a.id, answers(5)));
    expect(late.fieldErrors).toEqual({ _form: "errors.evaluationClosed" });
  });

  it("stores one evaluation when the same person sends it twice at the same moment", async () => {
    const a = await finished("Ewaluacja naraz", 1);
    const [p] = a.attendees;
    const results = await Promise.allSettled([
      submitEvaluation(p, a.id, answers(5)),
      submitEvaluation(p, a.id, answers(1)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [{ n }] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(programmeEvaluationResponse)
      .where(eq(programmeEvaluationResponse.activityId, a.id));
    expect(n).toBe(1);
  });

  it("hides results below 5 responses and shows them at 5; comments only from 10", async () => {
    const four = await finished("Ewaluacja cztery", 4);
    for (const p of four.attendees) await submitEvaluation(p, four.id, answers(5, "Super"));
    // While open, only the count is known.
    let r = await evaluationResults(coordinator, four.id);
    expect(r).toMatchObject({
      state: "open",
      responses: 4,
      eligible: 4,
      results: null,
      comments: null,
    });
    await closeEvaluation(coordinator, four.id);
    r = await evaluationResults(coordinator, four.id);
    expect(r).toMatchObject({
      state: "closed",
      responses: 4,
      minGroupSize: 5,
      results: null,
      comments: null,
    });

    const five = await finished("Ewaluacja pięć", 5);
    for (const [i, p] of five.attendees.entries()) {
      await submitEvaluation(p, five.id, answers(i + 1, i === 0 ? "Za krótko" : ""));
    }
    await closeEvaluation(coordinator, five.id);
    r = await evaluationResults(coordinator, five.id);
    expect(r.responses).toBe(5);
    const usefulness = r.results?.questions.find((q) => q.key === "usefulness");
    expect(usefulness).toEqual({ key: "usefulness", n: 5, mean: 3, counts: [1, 1, 1, 1, 1] });
    expect(r.results?.questions.find((q) => q.key === "application")?.mean).toBe(5);
    expect(r.comments).toBeNull(); // 5 < 10

    const ten = await finished("Ewaluacja dziesięć", 10);
    for (const [i, p] of ten.attendees.entries()) {
      await submitEvaluation(p, ten.id, answers(4, i < 2 ? `Uwaga ${i}` : ""));
    }
    await closeEvaluation(coordinator, ten.id);
    r = await evaluationResults(manager, ten.id);
    expect(r.comments?.sort()).toEqual(["Uwaga 0", "Uwaga 1"]);

    // A centre may raise its threshold; results then hide again.
    const { centre } = await import("../org/schema.ts");
    await db()
      .update(centre)
      .set({ settings: { survey: { minGroupSize: 6 } } })
      .where(eq(centre.id, s.centre.id));
    r = await evaluationResults(coordinator, five.id);
    expect(r).toMatchObject({ minGroupSize: 6, results: null });
    await db().update(centre).set({ settings: {} }).where(eq(centre.id, s.centre.id));

    // Who may read results and close.
    expect((await caught(evaluationResults(employee, five.id))).code).toBe("forbidden");
    expect((await caught(evaluationResults(specialist, five.id))).code).toBe("forbidden");
    expect((await evaluationResults(administrator, five.id)).results).not.toBeNull();
    expect((await caught(closeEvaluation(manager, four.id))).code).toBe("forbidden");
    const again = await caught(closeEvaluation(coordinator, five.id));
    expect(again.fieldErrors).toEqual({ _form: "errors.evaluationAlreadyClosed" });
  });

  it("reseals the rows at closing, so no transaction id pairs a participation with its response", async () => {
    const a = await finished("Ewaluacja pieczęć", 3);
    for (const p of a.attendees) await submitEvaluation(p, a.id, answers(3, "Komentarz"));
    const xmins = async () => {
      const [p, r] = await Promise.all([
        db()
          .select({ x: sql<string>`xmin::text` })
          .from(programmeEvaluationParticipation)
          .where(eq(programmeEvaluationParticipation.activityId, a.id)),
        db()
          .select({ x: sql<string>`xmin::text` })
          .from(programmeEvaluationResponse)
          .where(eq(programmeEvaluationResponse.activityId, a.id)),
      ]);
      return { p: p.map((x) => x.x), r: r.map((x) => x.x) };
    };
    const before = await xmins();
    // Each answer's two rows share their transaction's id: the link that closing removes.
    expect(new Set(before.p).size).toBe(3);
    expect([...before.p].sort()).toEqual([...before.r].sort());
    await closeEvaluation(coordinator, a.id);
    const after = await xmins();
    expect(after.p).toHaveLength(3);
    expect(after.r).toHaveLength(3);
    expect(new Set([...after.p, ...after.r]).size).toBe(1);
  });

  it("closes due evaluations by the job: at their own time or 14 days after the last session", async () => {
    const own = await insertActivity(s.centre.id, {
      title: "Zamknięcie własne",
      sessions: [{ from: -2 * DAY, to: -2 * DAY + HOUR }],
      evaluationClosesAt: new Date(Date.now() - HOUR),
    });
    const byDefault = await insertActivity(s.centre.id, {
      title: "Zamknięcie domyślne",
      sessions: [{ from: -15 * DAY, to: -15 * DAY + HOUR }],
    });
    const stillOpen = await insertActivity(s.centre.id, {
      title: "Jeszcze otwarta",
      sessions: [{ from: -13 * DAY, to: -13 * DAY + HOUR }],
    });
    await closeDueEvaluations();
    const closedAt = async (id: string) =>
      (
        await db()
          .select({ c: programmeActivity.evaluationClosedAt })
          .from(programmeActivity)
          .where(eq(programmeActivity.id, id))
      )[0].c;
    expect(await closedAt(own.id)).toBeInstanceOf(Date);
    expect(await closedAt(byDefault.id)).toBeInstanceOf(Date);
    expect(await closedAt(stillOpen.id)).toBeNull();
    expect(await closeDueEvaluations()).toBe(0); // nothing left to do: idempotent
  });
  it("runs the closing as a tick job that queues the next tick", async () => {
    registerEvaluationJobs();
    const due = await insertActivity(s.centre.id, {
      title: "Zamknięcie przez zadanie",
      sessions: [{ from: -3 * DAY, to: -3 * DAY + HOUR }],
      evaluationClosesAt: new Date(Date.now() - 1000),
    });
    await enqueueJob(db(), EVALUATION_TICK_JOB, {}, { dedupeKey: `${EVALUATION_TICK_JOB}:test` });
    await runDueJobs();
    const [row] = await db()
      .select({ closedAt: programmeActivity.evaluationClosedAt })
      .from(programmeActivity)
      .where(eq(programmeActivity.id, due.id));
    expect(row.closedAt).toBeInstanceOf(Date);
    const next = (await db().select().from(job).where(eq(job.kind, EVALUATION_TICK_JOB))).filter(
      (j) => j.doneAt === null,
    );
    expect(next).toHaveLength(1);
    expect(next[0].runAt.getTime()).toBeGreaterThan(Date.now());
  });
});
