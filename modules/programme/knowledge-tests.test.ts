import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import {
  DAY,
  DIFFICULT_CLIENT_QUESTIONS,
  enrolConfirmed,
  HOUR,
  insertActivity,
  insertEmployees,
  insertQuestions,
  participantActor,
} from "./knowledge-test-fixtures.ts";
import { activitiesForSupportKinds } from "./matching-activities.ts";
import { programmeTestAttempt, programmeTestQuestion } from "./schema.ts";
import { participantTestStatus, submitTest, testForParticipant } from "./take-test.ts";
import {
  deleteTestQuestion,
  moveTestQuestion,
  saveTestQuestion,
  saveTestStandard,
  testBank,
} from "./test-bank.ts";
import { exportTestResults, myTestResults, testResults } from "./test-results.ts";
import { testsApi } from "./tests-api.ts";

const question = {
  kind: "single",
  text: "Co robisz, gdy klient krzyczy?",
  options: [
    { text: "Mówię spokojnie", correct: true },
    { text: "Krzyczę", correct: false },
  ],
};

/** Answers by question: the correct options, or the first wrong one. */
function sheet(
  questions: { id: string; options: { id: string; correct: boolean }[] }[],
  right: boolean[],
): Record<string, string[]> {
  return Object.fromEntries(
    questions.map((q, i) => [
      q.id,
      right[i]
        ? q.options.filter((o) => o.correct).map((o) => o.id)
        : [q.options.find((o) => !o.correct)!.id],
    ]),
  );
}

describe.each(testDbKinds)("knowledge tests (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employee: Actor;
  let manager: Actor;
  let administrator: Actor;
  let management: Actor;
  let otherCoordinator: Actor;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    employee = await actorFor(s.users.employee.userId);
    manager = await actorFor(s.users.manager.userId);
    administrator = await actorFor(s.users.administrator.userId);
    management = await actorFor(s.users.management.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
  });
  afterAll(() => d.drop());

  it("edits the bank until the first session starts, then refuses with a clear message", async () => {
    const future = await insertActivity(s.centre.id, {
      title: "Przyszłe szkolenie",
      sessions: [{ from: 2 * DAY, to: 2 * DAY + 3 * HOUR }],
    });
    const q1 = await saveTestQuestion(coordinator, future.id, null, question);
    const q2 = await saveTestQuestion(coordinator, future.id, null, {
      ...question,
      text: "Drugie pytanie",
      kind: "multiple",
    });
    await saveTestStandard(coordinator, future.id, {
      learningOutcomes: "Uczestnik zna techniki deeskalacji.",
      passThresholdPercent: "70",
    });
    let bank = await testBank(coordinator, future.id);
    expect(bank.questions.map((q) => q.id)).toEqual([q1, q2]);
    expect(bank.activity).toMatchObject({ passThresholdPercent: 70 });
    expect(bank.lock).toEqual({ started: false, answered: false });

    await moveTestQuestion(coordinator, future.id, q2, "up");
    bank = await testBank(coordinator, future.id);
    expect(bank.questions.map((q) => q.id)).toEqual([q2, q1]);
    await moveTestQuestion(coordinator, future.id, q2, "up"); // already first: nothing happens
    await deleteTestQuestion(coordinator, future.id, q2);
    expect((await testBank(coordinator, future.id)).questions.map((q) => q.id)).toEqual([q1]);

    const started = await insertActivity(s.centre.id, {
      title: "Trwające szkolenie",
      sessions: [{ from: -HOUR, to: 2 * HOUR }],
    });
    const [existing] = await insertQuestions(s.centre.id, started.id, DIFFICULT_CLIENT_QUESTIONS);
    const locked = [
      () => saveTestQuestion(coordinator, started.id, null, question),
      () => saveTestQuestion(coordinator, started.id, existing.id, question),
      () => deleteTestQuestion(coordinator, started.id, existing.id),
      () => moveTestQuestion(coordinator, started.id, existing.id, "down"),
      () => saveTestStandard(coordinator, started.id, { passThresholdPercent: "50" }),
    ];
    for (const change of locked) {
      const e = await caught(change());
      expect(e.code).toBe("conflict");
      expect(e.fieldErrors).toEqual({ _form: "errors.testBankLocked" });
    }
    const rows = await db()
      .select()
      .from(programmeTestQuestion)
      .where(eq(programmeTestQuestion.activityId, started.id));
    expect(rows.map((r) => r.text).sort()).toEqual(
      DIFFICULT_CLIENT_QUESTIONS.map((q) => q.text).sort(),
    );
    expect((await testBank(coordinator, started.id)).lock.started).toBe(true);
  });

  it("refuses bad questions with field errors and stores nothing", async () => {
    const a = await insertActivity(s.centre.id, {
      title: "Szkolenie z błędami",
      sessions: [{ from: DAY, to: DAY + HOUR }],
    });
    const e = await caught(
      saveTestQuestion(coordinator, a.id, null, {
        kind: "single",
        text: "",
        options: [
          { text: "A", correct: true },
          { text: "B", correct: true },
        ],
      }),
    );
    expect(e.code).toBe("validation");
    expect(e.fieldErrors).toEqual({
      text: "errors.required",
      options: "errors.testSingleOneCorrect",
    });
    expect((await testBank(coordinator, a.id)).questions).toEqual([]);
    const standard = await caught(
      saveTestStandard(coordinator, a.id, { passThresholdPercent: "0" }),
    );
    expect(standard.fieldErrors).toEqual({ passThresholdPercent: "errors.testThreshold" });
  });

  it("lets only those who run the programme edit, and only their own centre's", async () => {
    const a = await insertActivity(s.centre.id, {
      title: "Cudze ręce",
      sessions: [{ from: DAY, to: DAY + HOUR }],
    });
    for (const who of [employee, manager, management]) {
      expect((await caught(saveTestQuestion(who, a.id, null, question))).code).toBe("forbidden");
      expect((await caught(testBank(who, a.id))).code).toBe("forbidden");
    }
    expect(await saveTestQuestion(administrator, a.id, null, question)).toBeTruthy();
    expect((await caught(saveTestQuestion(otherCoordinator, a.id, null, question))).code).toBe(
      "not_found",
    );
    expect((await caught(testBank(otherCoordinator, a.id))).code).toBe("not_found");
    expect((await caught(testBank(coordinator, "nie-uuid"))).code).toBe("not_found");
  });

  it("lets a confirmed participant take each test once, whole, and shows the score", async () => {
    const a = await insertActivity(s.centre.id, {
      title: "Szkolenie z testem",
      sessions: [{ from: DAY, to: DAY + 3 * HOUR }],
      passThresholdPercent: 60,
    });
    const questions = await insertQuestions(s.centre.id, a.id, DIFFICULT_CLIENT_QUESTIONS);
    const answers = sheet(questions, [true, false, true]);

    // Not enrolled: the page says so, and a submission is refused.
    expect((await testForParticipant(employee, a.id, "pre")).state).toBe("notEnrolled");
    expect((await caught(submitTest(employee, a.id, "pre", answers))).code).toBe("forbidden");

    await enrolConfirmed(s.centre.id, a.id, [employee.employeeId!]);
    const view = await testForParticipant(employee, a.id, "pre");
    expect(view.state).toBe("open");
    expect(view.questions).toHaveLength(3);
    // The sheet never carries the correct answers.
    expect(JSON.stringify(view.questions)).not.toContain("correct");

    const partial = await caught(
      submitTest(employee, a.id, "pre", { [questions[0].id]: answers[questions[0].id] }),
    );
    expect(partial.code).toBe("validation");
    expect(partial.fieldErrors).toEqual({
      [`q-${questions[1].id}`]: "errors.testAnswerRequired",
      [`q-${questions[2].id}`]: "errors.testAnswerRequired",
    });
    const attempts = () =>
      db().select().from(programmeTestAttempt).where(eq(programmeTestAttempt.activityId, a.id));
    expect(await attempts()).toHaveLength(0);

    const result = await submitTest(employee, a.id, "pre", answers);
    expect(result).toMatchObject({ score: 2, maxScore: 3 });
    expect(result.percent).toBeCloseTo(66.667, 2);

    const again = await caught(
      submitTest(employee, a.id, "pre", sheet(questions, [true, true, true])),
    );
    expect(again.code).toBe("conflict");
    expect(again.fieldErrors).toEqual({ _form: "errors.testAlreadySubmitted" });
    const stored = await attempts();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ stage: "pre", score: 2, maxScore: 3 });

    const after = await testForParticipant(employee, a.id, "pre");
    expect(after.state).toBe("submitted");
    expect(after.questions).toEqual([]);
    expect(after.attempt).toMatchObject({ score: 2, maxScore: 3 });

    // The post-test waits for the last session to start.
    expect((await testForParticipant(employee, a.id, "post")).state).toBe("notYet");
    const early = await caught(submitTest(employee, a.id, "post", answers));
    expect(early.fieldErrors).toEqual({ _form: "errors.testNotOpenYet" });

    // With an answer on record the questions are fixed; the standard is not yet.
    const fixed = await caught(saveTestQuestion(coordinator, a.id, questions[0].id, question));
    expect(fixed.fieldErrors).toEqual({ _form: "errors.testBankAnswered" });
    await saveTestStandard(coordinator, a.id, { passThresholdPercent: "65" });

    // The audit says who took which test, never the answers or the score.
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "programme.test.submit"), eq(auditLog.entityId, a.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toEqual({ stage: "pre" });
  });

  it("keeps exactly one attempt when the same test is sent twice at the same moment", async () => {
    const a = await insertActivity(s.centre.id, {
      title: "Podwójne wysłanie",
      sessions: [{ from: DAY, to: DAY + HOUR }],
    });
    const questions = await insertQuestions(s.centre.id, a.id, DIFFICULT_CLIENT_QUESTIONS);
    await enrolConfirmed(s.centre.id, a.id, [employee.employeeId!]);
    const results = await Promise.allSettled([
      submitTest(employee, a.id, "pre", sheet(questions, [true, true, true])),
      submitTest(employee, a.id, "pre", sheet(questions, [false, false, false])),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.fieldErrors).toEqual({ _form: "errors.testAlreadySubmitted" });
    const stored = await db()
      .select()
      .from(programmeTestAttempt)
      .where(eq(programmeTestAttempt.activityId, a.id));
    expect(stored).toHaveLength(1);
  });

  it("closes the pre-test when the first session ends and keeps the post-test open 30 days", async () => {
    const a = await insertActivity(s.centre.id, {
      title: "Szkolenie zakończone",
      sessions: [
        { from: -40 * DAY, to: -40 * DAY + 3 * HOUR },
        { from: -20 * DAY, to: -20 * DAY + 3 * HOUR },
      ],
    });
    const questions = await insertQuestions(s.centre.id, a.id, DIFFICULT_CLIENT_QUESTIONS);
    await enrolConfirmed(s.centre.id, a.id, [employee.employeeId!]);
    const late = await caught(
      submitTest(employee, a.id, "pre", sheet(questions, [true, true, true])),
    );
    expect(late.fieldErrors).toEqual({ _form: "errors.testClosed" });
    expect(
      (await submitTest(employee, a.id, "post", sheet(questions, [true, true, true]))).score,
    ).toBe(3);
    const status = await participantTestStatus(employee, a.id);
    expect(status.pre.state).toBe("closed");
    expect(status.post).toMatchObject({ state: "submitted", percent: 100 });
  });

  it("computes per participant and per activity results, a manager seeing own units only", async () => {
    const a = await insertActivity(s.centre.id, {
      title: "Praca z trudnym klientem — grupa 1",
      sessions: [{ from: -HOUR, to: 2 * HOUR }],
      passThresholdPercent: 60,
      learningOutcomes: "Rozpoznaje sygnały eskalacji.",
    });
    const questions = await insertQuestions(s.centre.id, a.id, DIFFICULT_CLIENT_QUESTIONS);
    const [inB] = await insertEmployees(
      s.centre.id,
      s.unitB.id,
      [{ firstName: "Żaneta", lastName: "Łęcka" }],
      "KT",
    );
    await enrolConfirmed(s.centre.id, a.id, [employee.employeeId!, inB, s.employeeInUnitB.id]);
    const zaneta = participantActor(employee, inB);
    // One session that has started: the pre-test is open until it ends, the post-test from its start.
    await submitTest(employee, a.id, "pre", sheet(questions, [true, false, false]));
    await submitTest(employee, a.id, "post", sheet(questions, [true, true, true]));
    await submitTest(zaneta, a.id, "pre", sheet(questions, [true, true, false]));
    await submitTest(zaneta, a.id, "post", sheet(questions, [true, false, false]));

    const r = await testResults(coordinator, a.id);
    expect(r.total).toBe(3);
    const byName = Object.fromEntries(r.rows.map((x) => [x.lastName, x]));
    expect(byName.employee.prePercent).toBeCloseTo(33.333, 2);
    expect(byName.employee.postPercent).toBe(100);
    expect(byName.employee.gainPoints).toBeCloseTo(66.667, 2);
    expect(byName.employee.acquired).toBe(true);
    expect(byName.Łęcka.gainPoints).toBeCloseTo(-33.333, 2);
    expect(byName.Łęcka.acquired).toBe(false);
    expect(byName.Nowak).toMatchObject({ pre: null, post: null, gainPoints: null, acquired: null });
    expect(r.summary.paired).toBe(2);
    expect(r.summary.meanPre).toBeCloseTo(50, 6);
    expect(r.summary.meanPost).toBeCloseTo(66.667, 2);
    expect(r.summary.meanGain).toBeCloseTo(16.667, 2);
    expect(r.summary).toMatchObject({ withPost: 2, acquired: 1, shareAcquired: 0.5 });
    expect(r.activity).toMatchObject({ questionCount: 3, passThresholdPercent: 60 });

    // Sorted by gain, highest first; searched by name; paged.
    const sorted = await testResults(coordinator, a.id, { sort: "gain", dir: "desc" });
    expect(sorted.rows.map((x) => x.lastName)).toEqual(["employee", "Łęcka", "Nowak"]);
    const found = await testResults(coordinator, a.id, { q: "żaneta" });
    expect(found.rows.map((x) => x.lastName)).toEqual(["Łęcka"]);
    expect(found.summary.paired).toBe(2); // the summary is always of everyone
    const paged = await testResults(coordinator, a.id, { pageSize: 2, page: 2 });
    expect(paged.rows).toHaveLength(1);

    // The manager of unit A sees unit A's participants only, and sums over them.
    const mine = await testResults(manager, a.id);
    expect(mine.rows.map((x) => x.lastName)).toEqual(["employee"]);
    expect(mine.summary.paired).toBe(1);
    expect((await caught(testResults(employee, a.id))).code).toBe("forbidden");
    expect((await caught(testResults(administrator, a.id))).code).toBe("forbidden");
    expect((await caught(testResults(otherCoordinator, a.id))).code).toBe("not_found");

    // The participant sees their own results.
    const own = (await myTestResults(employee)).find((x) => x.activityId === a.id);
    expect(own).toMatchObject({ pre: { score: 1, maxScore: 3 }, post: { score: 3, maxScore: 3 } });
    expect(own?.gainPoints).toBeCloseTo(66.667, 2);
    expect(await myTestResults(participantActor(employee, s.employeeInUnitB.id))).toEqual([]);

    // The API and the XLSX export carry the same figures.
    const api = testsApi[0];
    if (api.public) throw new Error("not public");
    const body = (await api.handler({
      actor: coordinator,
      params: { id: a.id },
      query: {},
      body: {},
    })) as {
      participants: { lastName: string; gainPoints: number | null }[];
      summary: { paired: number };
    };
    expect(body.participants).toHaveLength(3);
    expect(body.summary.paired).toBe(2);
    const file = await exportTestResults(coordinator, a.id, "pl");
    expect(file.fileName).toMatch(/^wyniki-testow-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const XLSX = await import("@e965/xlsx");
    const wb = XLSX.read(file.body);
    expect(wb.SheetNames).toEqual(["Uczestnicy", "Podsumowanie", "Standard"]);
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Uczestnicy, { header: 1 });
    expect(rows).toHaveLength(4);
    expect(rows.find((x) => x[0] === "employee")).toEqual(
      expect.arrayContaining(["1/3", 33.3, "3/3", 100, 66.7, "Tak"]),
    );
  });

  it("links the kinds of support to upcoming published activities of a matching kind", async () => {
    const upcoming = await insertActivity(s.centre.id, {
      title: "Warsztat antystresowy — maj",
      type: "stress_workshop",
      sessions: [{ from: 3 * DAY, to: 3 * DAY + 2 * HOUR }],
    });
    await insertActivity(s.centre.id, {
      title: "Warsztat antystresowy — przeszły",
      type: "stress_workshop",
      sessions: [{ from: -3 * DAY, to: -3 * DAY + 2 * HOUR }],
    });
    await insertActivity(s.centre.id, {
      title: "Warsztat antystresowy — szkic",
      type: "stress_workshop",
      status: "draft",
      sessions: [{ from: 4 * DAY, to: 4 * DAY + 2 * HOUR }],
    });
    await insertActivity(otherCoordinator.centreId, {
      title: "Warsztat innego ośrodka",
      type: "stress_workshop",
      sessions: [{ from: 3 * DAY, to: 3 * DAY + 2 * HOUR }],
    });
    const m = await activitiesForSupportKinds(employee, ["stressWorkshop", "psychConsultation"]);
    expect(Object.keys(m)).toEqual(["stressWorkshop"]);
    expect(m.stressWorkshop?.map((x) => x.id)).toEqual([upcoming.id]);
    expect(m.stressWorkshop?.[0].nextStart).toBeInstanceOf(Date);
    expect(await activitiesForSupportKinds(employee, [])).toEqual({});
  });
});
