// The anonymous satisfaction evaluation of an activity: five ratings 1–5 and an optional
// comment, answered once by participants who attended, from the last session's start until the
// evaluation closes. Who answered is kept apart from what (like the workload survey); closing
// reseals the rows, and results are shown only after closing and only for enough responses.
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, forbidden, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can } from "../access/actor.ts";
import { centre } from "../org/schema.ts";
import { centreThresholds } from "../survey/create-cycle.ts";
import { checkEvaluation, EVALUATION_QUESTIONS } from "./evaluation-rules.ts";
import {
  type ActivityRow,
  findActivity,
  findVisibleActivity,
  sessionsOf,
} from "./find-activity.ts";
import {
  programmeActivity,
  programmeAttendance,
  programmeEnrolment,
  programmeEvaluationParticipation,
  programmeEvaluationResponse,
  programmeSession,
} from "./schema.ts";
import { EVALUATION_DAYS, evaluationWindow, type TimeWindow, windowState } from "./test-window.ts";

/**
 * open — the actor may answer now; answered — done (once only); notParticipant — not a
 * confirmed participant; notAttended — no attendance recorded; notYet — before the last
 * session starts; closed — closed, or the activity was cancelled.
 */
export type EvaluationState =
  | "open"
  | "answered"
  | "notParticipant"
  | "notAttended"
  | "notYet"
  | "closed";

/** The actor's enrolment, and whether they were present at any session of it. */
async function participation(q: Queryable, activityId: string, employeeId: string | null) {
  if (!employeeId) return { confirmed: false, attended: false, answered: false };
  // In turn, not Promise.all: `q` may be the answering transaction (one query at a time).
  const [enrolment] = await q
    .select({
      id: programmeEnrolment.id,
      // Qualified by hand: in a one-table select the column names would be left bare.
      attended: sql<boolean>`exists (select 1 from programme_attendance pa
          where pa.enrolment_id = programme_enrolment.id and pa.present)`,
    })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        eq(programmeEnrolment.employeeId, employeeId),
        eq(programmeEnrolment.status, "confirmed"),
      ),
    );
  const [answered] = await q
    .select({ id: programmeEvaluationParticipation.id })
    .from(programmeEvaluationParticipation)
    .where(
      and(
        eq(programmeEvaluationParticipation.activityId, activityId),
        eq(programmeEvaluationParticipation.employeeId, employeeId),
      ),
    );
  return {
    confirmed: Boolean(enrolment),
    attended: Boolean(enrolment?.attended),
    answered: Boolean(answered),
  };
}

function stateOf(
  activity: Pick<ActivityRow, "status" | "evaluationClosedAt">,
  p: { confirmed: boolean; attended: boolean; answered: boolean },
  window: TimeWindow,
  now: Date,
): EvaluationState {
  if (p.answered) return "answered";
  if (!p.confirmed) return "notParticipant";
  if (activity.status !== "published" || activity.evaluationClosedAt) return "closed";
  const w = windowState(window, now);
  if (w !== "open") return w;
  if (!p.attended) return "notAttended";
  return "open";
}

async function evaluationOf(q: Queryable, actor: Actor, activity: ActivityRow) {
  // In turn, not Promise.all: `q` may be the answering transaction (one query at a time).
  const sessions = await sessionsOf(q, activity.id);
  const p = await participation(q, activity.id, actor.employeeId);
  const window = evaluationWindow(activity, sessions);
  return {
    state: stateOf(activity, p, window, new Date()),
    window,
    answered: p.answered,
  };
}

/** For the activity page and "My development": may the actor evaluate, have they, until when. */
export async function evaluationStatus(
  actor: Actor,
  activityId: string,
): Promise<{ canAnswer: boolean; answered: boolean; closesAt: Date | null }> {
  const activity = await findActivity(db(), actor, activityId);
  const e = await evaluationOf(db(), actor, activity);
  return {
    canAnswer: e.state === "open",
    answered: e.answered,
    closesAt: e.window.unscheduled ? null : e.window.closesAt,
  };
}

/** The evaluation page of a participant: its state and when it closes. */
export async function evaluationForm(actor: Actor, activityId: string) {
  const activity = await findActivity(db(), actor, activityId);
  if (activity.status === "draft") throw notFound();
  const e = await evaluationOf(db(), actor, activity);
  return {
    activity: { id: activity.id, title: activity.title },
    state: e.state,
    opensAt: e.window.unscheduled ? null : e.window.opensAt,
    closesAt: e.window.unscheduled ? null : e.window.closesAt,
  };
}

const refusal: Record<Exclude<EvaluationState, "open" | "notParticipant">, string> = {
  answered: "errors.evaluationAlreadyAnswered",
  notAttended: "errors.evaluationNotAttended",
  notYet: "errors.evaluationNotOpenYet",
  closed: "errors.evaluationClosed",
};

/**
 * Stores one evaluation: the participation (who) and the response (what, with no time or
 * person) in one transaction, so neither exists without the other. Refused whole on bad input,
 * outside the window, or a second time.
 */
export async function submitEvaluation(
  actor: Actor,
  activityId: string,
  input: Readonly<Record<string, unknown>>,
): Promise<void> {
  if (!isUuid(activityId)) throw notFound();
  const { ratings, comment, errors } = checkEvaluation(input);
  await db().transaction(async (tx) => {
    // KEY SHARE: closing takes the row FOR UPDATE and waits for answers already in flight.
    const [activity] = await tx
      .select()
      .from(programmeActivity)
      .where(
        and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
      )
      .for("key share");
    if (!activity || activity.status === "draft") throw notFound();
    const e = await evaluationOf(tx, actor, activity);
    if (e.state === "notParticipant") throw forbidden();
    if (e.state !== "open") throw new AppError("conflict", { _form: refusal[e.state] });
    if (Object.keys(errors).length) throw new AppError("validation", errors);
    await tx
      .insert(programmeEvaluationParticipation)
      .values({
        centreId: actor.centreId,
        activityId: activity.id,
        employeeId: actor.employeeId!,
        answeredOn: sql`(now() at time zone 'Europe/Warsaw')::date`,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err, "programme_evaluation_participation_unique")) {
          throw new AppError("conflict", { _form: "errors.evaluationAlreadyAnswered" });
        }
        throw err;
      });
    await tx
      .insert(programmeEvaluationResponse)
      .values({ centreId: actor.centreId, activityId: activity.id, ratings, comment });
    // That the person answered (the participation row says so anyway); never what.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.evaluation.answer",
      entityType: "programme_activity",
      entityId: activity.id,
      requestId: actor.requestId,
    });
  });
}

/**
 * Rewrites an activity's evaluation rows in the closing transaction, so no transaction id
 * (`xmin`) or physical order pairs a participation with its response — see
 * modules/survey/reseal-cycle.ts for the reasoning.
 */
export async function resealEvaluationRows(q: Queryable, activityId: string): Promise<void> {
  await q.execute(
    sql`update programme_evaluation_participation set answered_on = answered_on where activity_id = ${activityId}`,
  );
  await q.execute(sql`with moved as (delete from programme_evaluation_response where activity_id = ${activityId} returning *)
    insert into programme_evaluation_response select * from moved order by id`);
}

async function closeLocked(
  tx: Queryable,
  activity: ActivityRow,
  who: { userId: string | null; requestId?: string },
  trigger: "coordinator" | "scheduled",
) {
  await tx
    .update(programmeActivity)
    .set({ evaluationClosedAt: new Date() })
    .where(eq(programmeActivity.id, activity.id));
  await resealEvaluationRows(tx, activity.id);
  await writeAudit(tx, {
    centreId: activity.centreId,
    actorUserId: who.userId,
    action: "programme.evaluation.close",
    entityType: "programme_activity",
    entityId: activity.id,
    details: { trigger },
    requestId: who.requestId,
  });
}

/** Closes the evaluation early (or on time, by hand); from then on results may be shown. */
export async function closeEvaluation(actor: Actor, activityId: string): Promise<void> {
  if (!can(actor, "programme.manage")) throw forbidden();
  if (!isUuid(activityId)) throw notFound();
  await db().transaction(async (tx) => {
    const [activity] = await tx
      .select()
      .from(programmeActivity)
      .where(
        and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
      )
      .for("update");
    if (!activity) throw notFound();
    if (activity.evaluationClosedAt) {
      throw new AppError("conflict", { _form: "errors.evaluationAlreadyClosed" });
    }
    const window = evaluationWindow(activity, await sessionsOf(tx, activity.id));
    if (activity.status !== "published" || windowState(window, new Date()) === "notYet") {
      throw new AppError("conflict", { _form: "errors.evaluationCloseNotYet" });
    }
    await closeLocked(
      tx,
      activity,
      { userId: actor.userId, requestId: actor.requestId },
      "coordinator",
    );
  });
}

/**
 * Closes every evaluation whose closing time has passed: the activity's own, or 14 days after
 * its last session. Idempotent: each takes the row lock and checks again.
 */
export async function closeDueEvaluations(): Promise<number> {
  const lastEnd = sql`(select max(${programmeSession.endsAt}) from ${programmeSession}
    where ${programmeSession.activityId} = ${programmeActivity.id} and ${programmeSession.cancelledAt} is null)`;
  const due = await db()
    .select({ id: programmeActivity.id })
    .from(programmeActivity)
    .where(
      and(
        eq(programmeActivity.status, "published"),
        isNull(programmeActivity.evaluationClosedAt),
        sql`${lastEnd} is not null`,
        sql`coalesce(${programmeActivity.evaluationClosesAt}, ${lastEnd} + ${sql.raw(`interval '${EVALUATION_DAYS} days'`)}) <= now()`,
      ),
    );
  const ids = due.map((r) => r.id);
  let closed = 0;
  for (const id of ids) {
    await db().transaction(async (tx) => {
      const [activity] = await tx
        .select()
        .from(programmeActivity)
        .where(eq(programmeActivity.id, id))
        .for("update");
      if (!activity || activity.evaluationClosedAt || activity.status !== "published") return;
      const window = evaluationWindow(activity, await sessionsOf(tx, activity.id));
      if (windowState(window, new Date()) !== "closed") return;
      await closeLocked(tx, activity, { userId: null }, "scheduled");
      closed++;
    });
  }
  return closed;
}

export type EvaluationResults = Awaited<ReturnType<typeof evaluationResults>>;

/**
 * The results for whoever reads programme reports or runs the programme. While the evaluation
 * is open only the number of responses is known; after closing, the ratings are shown when at
 * least the centre's minimum group size answered, and comments only from its comment threshold
 * (the workload survey's thresholds, never below 5 and 10). Activity-wide only: no breakdown by
 * unit, so no smaller group can be read by subtraction.
 */
export async function evaluationResults(actor: Actor, activityId: string) {
  if (!can(actor, "programme.reports.view") && !can(actor, "programme.manage")) throw forbidden();
  const activity = await findVisibleActivity(db(), actor, activityId);
  const [sessions, [{ responses }], [{ eligible }], [c]] = await Promise.all([
    sessionsOf(db(), activity.id),
    db()
      .select({ responses: count() })
      .from(programmeEvaluationParticipation)
      .where(eq(programmeEvaluationParticipation.activityId, activity.id)),
    db()
      .select({ eligible: sql<number>`count(distinct ${programmeEnrolment.id})::int` })
      .from(programmeEnrolment)
      .innerJoin(
        programmeAttendance,
        and(
          eq(programmeAttendance.enrolmentId, programmeEnrolment.id),
          eq(programmeAttendance.present, true),
        ),
      )
      .where(
        and(
          eq(programmeEnrolment.activityId, activity.id),
          eq(programmeEnrolment.status, "confirmed"),
        ),
      ),
    db().select({ settings: centre.settings }).from(centre).where(eq(centre.id, actor.centreId)),
  ]);
  const thresholds = centreThresholds(c?.settings ?? {});
  const window = evaluationWindow(activity, sessions);
  const closed = Boolean(activity.evaluationClosedAt);
  const base = {
    activity: { id: activity.id, title: activity.title, status: activity.status },
    state: closed
      ? ("closed" as const)
      : windowState(window, new Date()) === "notYet"
        ? ("notYet" as const)
        : ("open" as const),
    opensAt: window.unscheduled ? null : window.opensAt,
    closesAt: window.unscheduled ? null : window.closesAt,
    closedAt: activity.evaluationClosedAt,
    responses,
    eligible: Number(eligible),
    ...thresholds,
    canClose: can(actor, "programme.manage") && !closed && activity.status === "published",
  };
  if (!closed || responses < thresholds.minGroupSize) {
    return { ...base, results: null, comments: null };
  }
  const rows = await db()
    .select({
      ratings: programmeEvaluationResponse.ratings,
      comment: programmeEvaluationResponse.comment,
    })
    .from(programmeEvaluationResponse)
    .where(eq(programmeEvaluationResponse.activityId, activity.id))
    .orderBy(programmeEvaluationResponse.id);
  const results = EVALUATION_QUESTIONS.map((key) => {
    const counts = [0, 0, 0, 0, 0];
    let sum = 0;
    let n = 0;
    for (const r of rows) {
      const v = r.ratings[key];
      if (!Number.isInteger(v) || v < 1 || v > 5) continue;
      counts[v - 1]++;
      sum += v;
      n++;
    }
    return { key, n, mean: n ? sum / n : null, counts };
  });
  const all = results.filter((r) => r.mean !== null);
  const overall = all.length ? all.reduce((s, r) => s + r.mean!, 0) / all.length : null;
  const comments =
    rows.length >= thresholds.minCommentGroupSize
      ? rows.map((r) => r.comment).filter((x) => x !== "")
      : null;
  return { ...base, results: { questions: results, overall }, comments };
}
