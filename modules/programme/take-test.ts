// A participant's pre- or post-test: who may take it and when, the sheet without the answers,
// and the submission — every question answered, scored at once, once per stage.

import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { findActivity, sessionsOf } from "./find-activity.ts";
import {
  programmeActivity,
  programmeEnrolment,
  programmeTestAttempt,
  type TestStage,
} from "./schema.ts";
import { questionsOf } from "./test-bank.ts";
import { checkSheet, percentOf, scoreSheet } from "./test-scoring.ts";
import { type TimeWindow, testWindow, windowState } from "./test-window.ts";

/**
 * open — may be taken now; submitted — taken (the score is shown); notYet / closed — outside
 * its window; notEnrolled — only confirmed participants take tests; noTest — the activity has
 * no questions; cancelled — the activity was cancelled.
 */
export type TestState =
  | "open"
  | "submitted"
  | "notYet"
  | "closed"
  | "notEnrolled"
  | "noTest"
  | "cancelled";

export type AttemptView = {
  score: number;
  maxScore: number;
  percent: number;
  submittedAt: Date;
};

async function confirmedEnrolment(q: Queryable, activityId: string, employeeId: string | null) {
  if (!employeeId) return false;
  const [row] = await q
    .select({ id: programmeEnrolment.id })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        eq(programmeEnrolment.employeeId, employeeId),
        eq(programmeEnrolment.status, "confirmed"),
      ),
    );
  return Boolean(row);
}

async function attemptOf(q: Queryable, activityId: string, employeeId: string, stage: TestStage) {
  const [row] = await q
    .select()
    .from(programmeTestAttempt)
    .where(
      and(
        eq(programmeTestAttempt.activityId, activityId),
        eq(programmeTestAttempt.employeeId, employeeId),
        eq(programmeTestAttempt.stage, stage),
      ),
    );
  return row ?? null;
}

const attemptView = (a: { score: number; maxScore: number; submittedAt: Date }): AttemptView => ({
  score: a.score,
  maxScore: a.maxScore,
  percent: percentOf(a.score, a.maxScore),
  submittedAt: a.submittedAt,
});

function stateOf(o: {
  status: string;
  questions: number;
  enrolled: boolean;
  attempt: unknown;
  window: TimeWindow;
  now: Date;
}): TestState {
  if (o.attempt) return "submitted";
  if (o.status === "cancelled") return "cancelled";
  if (o.questions === 0) return "noTest";
  if (!o.enrolled) return "notEnrolled";
  return windowState(o.window, o.now);
}

/** The sheet the actor sees for a stage: questions without the correct answers, only when open. */
export async function testForParticipant(actor: Actor, activityId: string, stage: TestStage) {
  const activity = await findActivity(db(), actor, activityId);
  if (activity.status === "draft") throw notFound();
  const [sessions, questions, enrolled, attempt] = await Promise.all([
    sessionsOf(db(), activity.id),
    questionsOf(db(), activity.id),
    confirmedEnrolment(db(), activity.id, actor.employeeId),
    actor.employeeId ? attemptOf(db(), activity.id, actor.employeeId, stage) : null,
  ]);
  const window = testWindow(stage, sessions);
  const state = stateOf({
    status: activity.status,
    questions: questions.length,
    enrolled,
    attempt,
    window,
    now: new Date(),
  });
  return {
    activity: { id: activity.id, title: activity.title },
    stage,
    state,
    window,
    questions:
      state === "open"
        ? questions.map((q) => ({
            id: q.id,
            kind: q.kind,
            text: q.text,
            options: q.options.map((o) => ({ id: o.id, text: o.text })),
          }))
        : [],
    attempt: attempt ? attemptView(attempt) : null,
  };
}

const stateError: Record<Exclude<TestState, "open">, string> = {
  submitted: "errors.testAlreadySubmitted",
  notYet: "errors.testNotOpenYet",
  closed: "errors.testClosed",
  notEnrolled: "errors.testNotParticipant",
  noTest: "errors.testNoQuestions",
  cancelled: "errors.testActivityCancelled",
};

/**
 * Submits a sheet: answers by question id (option ids; a single value or a list). Refused
 * whole — nothing stored — when a question is unanswered or the window is not open; a second
 * submission of the same stage is a conflict and changes nothing. Returns the score.
 */
export async function submitTest(
  actor: Actor,
  activityId: string,
  stage: TestStage,
  raw: Readonly<Record<string, unknown>>,
): Promise<AttemptView> {
  if (!isUuid(activityId)) throw notFound();
  const employeeId = actor.employeeId;
  return db().transaction(async (tx) => {
    // The person first, as enrolment and deactivation do (employee, then activity): the
    // attempt's foreign key would lock the employee row after the activity otherwise.
    if (employeeId) {
      await tx
        .select({ id: employee.id })
        .from(employee)
        .where(eq(employee.id, employeeId))
        .for("key share");
    }
    // KEY SHARE: the bank cannot change (its edits lock the row FOR UPDATE) while this sheet
    // is checked against it; other submissions and enrolments go on in parallel.
    const [activity] = await tx
      .select()
      .from(programmeActivity)
      .where(
        and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
      )
      .for("key share");
    if (!activity || activity.status === "draft") throw notFound();
    // In turn, not Promise.all: a transaction's connection runs one query at a time.
    const sessions = await sessionsOf(tx, activity.id);
    const questions = await questionsOf(tx, activity.id);
    const enrolled = await confirmedEnrolment(tx, activity.id, employeeId);
    const attempt = employeeId ? await attemptOf(tx, activity.id, employeeId, stage) : null;
    const state = stateOf({
      status: activity.status,
      questions: questions.length,
      enrolled,
      attempt,
      window: testWindow(stage, sessions),
      now: new Date(),
    });
    if (state === "notEnrolled") throw new AppError("forbidden");
    if (state !== "open") throw new AppError("conflict", { _form: stateError[state] });
    const { answers, errors } = checkSheet(questions, raw);
    if (Object.keys(errors).length) throw new AppError("validation", errors);
    const { score, maxScore } = scoreSheet(questions, answers);
    const [row] = await tx
      .insert(programmeTestAttempt)
      .values({
        centreId: actor.centreId,
        activityId: activity.id,
        employeeId: employeeId!,
        stage,
        answers,
        score,
        maxScore,
      })
      .returning()
      .catch((err: unknown) => {
        // Two submissions at once both passed the check; the unique index keeps the first.
        if (isUniqueViolation(err, "programme_test_attempt_unique")) {
          throw new AppError("conflict", { _form: "errors.testAlreadySubmitted" });
        }
        throw err;
      });
    // Who took which test when; never the answers or the score.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.test.submit",
      entityType: "programme_activity",
      entityId: activity.id,
      details: { stage },
      requestId: actor.requestId,
    });
    return attemptView(row);
  });
}

/**
 * A participant's two tests of an activity in short, for the activity page and "My
 * development": each stage's state and, once taken, its per cent.
 */
export async function participantTestStatus(actor: Actor, activityId: string) {
  const [pre, post] = await Promise.all([
    testForParticipant(actor, activityId, "pre"),
    testForParticipant(actor, activityId, "post"),
  ]);
  const short = (s: typeof pre) => ({
    state: s.state,
    percent: s.attempt?.percent ?? null,
    closesAt: s.window.closesAt,
    opensAt: s.window.unscheduled ? null : s.window.opensAt,
  });
  return { pre: short(pre), post: short(post) };
}
