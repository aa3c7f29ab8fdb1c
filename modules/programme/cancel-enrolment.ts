// Leaving an activity, and everything else that ends enrolments: a rejection, the activity
// being called off, an employee being deactivated. A place given back goes at once to the first
// person on the waitlist (by arrival, `seq`), in the same transaction, and they are told.
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { type AuditEntry, writeAuditMany } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, forbidden, notFound } from "../../platform/errors.ts";
import type { MailInput } from "../../platform/outbox.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can, requirePermission, unitScope } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { checkCancel, firstSessionStart, isSeated, LIVE_STATUSES } from "./eligibility.ts";
import {
  type ActivityContext,
  activityContext,
  approversOf,
  loadPeople,
  lockActivity,
} from "./enrolment-common.ts";
import { approvalRequestNotice, enrolmentNotice, sendNotices } from "./notice-mail.ts";
import {
  type CancelReason,
  type EnrolmentStatus,
  programmeActivity,
  programmeEnrolment,
} from "./schema.ts";

/** Who made the change, for the audit log (null: the system, e.g. a deactivation). */
export type ChangedBy = { userId: string | null; requestId?: string };

export type EndedEnrolment = { id: string; employeeId: string; status: EnrolmentStatus };

type Outcome = { status: "cancelled"; reason: CancelReason } | { status: "rejected" };

/** A freed place is worth giving while the activity is on and has not ended. */
function takesPromotions(ctx: ActivityContext, now: Date): boolean {
  if (ctx.activity.status !== "published") return false;
  const live = ctx.sessions.filter((s) => !s.cancelledAt);
  return live.length === 0 || live.some((s) => s.endsAt > now);
}

/**
 * Gives up to `places` freed places of a locked activity to the first people waiting, by
 * arrival. Each becomes confirmed, or pending where the activity asks for approval and they
 * signed up themselves. Returns the notices and audit entries for the caller to write.
 */
export async function promoteWaitlist(
  tx: Queryable,
  ctx: ActivityContext,
  places: number,
  by: ChangedBy,
): Promise<{ promoted: number; mails: MailInput[]; audits: AuditEntry[] }> {
  const none = { promoted: 0, mails: [], audits: [] };
  if (places <= 0 || !takesPromotions(ctx, new Date())) return none;
  const next = await tx
    .select({
      id: programmeEnrolment.id,
      employeeId: programmeEnrolment.employeeId,
      nominatedByUserId: programmeEnrolment.nominatedByUserId,
    })
    .from(programmeEnrolment)
    // Someone deactivated keeps no claim to a place, even while still on a waitlist.
    .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
    .where(
      and(
        eq(programmeEnrolment.activityId, ctx.activity.id),
        eq(programmeEnrolment.status, "waitlisted"),
        eq(employee.active, true),
      ),
    )
    .orderBy(asc(programmeEnrolment.seq))
    .limit(places)
    .for("update", { of: programmeEnrolment });
  if (next.length === 0) return none;
  const needsApproval = (e: (typeof next)[number]) =>
    ctx.activity.requiresApproval && !e.nominatedByUserId;
  const toPending = next.filter(needsApproval).map((e) => e.id);
  const toConfirmed = next.filter((e) => !needsApproval(e)).map((e) => e.id);
  if (toPending.length) {
    await tx
      .update(programmeEnrolment)
      .set({ status: "pending" })
      .where(inArray(programmeEnrolment.id, toPending));
  }
  if (toConfirmed.length) {
    await tx
      .update(programmeEnrolment)
      .set({ status: "confirmed" })
      .where(inArray(programmeEnrolment.id, toConfirmed));
  }
  await tx
    .update(programmeActivity)
    .set({ seatsTaken: sql`${programmeActivity.seatsTaken} + ${next.length}` })
    .where(eq(programmeActivity.id, ctx.activity.id));
  ctx.activity.seatsTaken += next.length;
  const people = await loadPeople(
    tx,
    ctx.centreId,
    next.map((e) => e.employeeId),
  );
  const mails: MailInput[] = [];
  for (const e of next) {
    const p = people.get(e.employeeId);
    if (!p) continue;
    if (needsApproval(e)) {
      mails.push(enrolmentNotice(ctx, p, "promotedPending"));
      for (const a of await approversOf(tx, ctx.centreId, p)) {
        mails.push(approvalRequestNotice(ctx, a, p));
      }
    } else {
      mails.push(enrolmentNotice(ctx, p, "promoted"));
    }
  }
  const audits = next.map(
    (e): AuditEntry => ({
      centreId: ctx.centreId,
      actorUserId: by.userId,
      action: "programme.enrolment.promote",
      entityType: "programme_enrolment",
      entityId: e.id,
      details: {
        activityId: ctx.activity.id,
        status: needsApproval(e) ? "pending" : "confirmed",
      },
      requestId: by.requestId,
    }),
  );
  return { promoted: next.length, mails, audits };
}

/**
 * Ends live enrolments of an activity whose row the caller has locked, gives the freed places
 * to the waitlist, tells the people (unless `notify` is off) and writes the audit log.
 */
export async function endEnrolments(
  tx: Queryable,
  ctx: ActivityContext,
  rows: EndedEnrolment[],
  outcome: Outcome,
  by: ChangedBy,
  opts: { notify: boolean; promote: boolean },
): Promise<{ promoted: number }> {
  if (rows.length === 0) return { promoted: 0 };
  const now = new Date();
  await tx
    .update(programmeEnrolment)
    .set(
      outcome.status === "cancelled"
        ? { status: "cancelled", cancelledAt: now, cancelReason: outcome.reason }
        : { status: "rejected", decidedAt: now, decidedByUserId: by.userId },
    )
    .where(
      inArray(
        programmeEnrolment.id,
        rows.map((r) => r.id),
      ),
    );
  const freed = rows.filter((r) => isSeated(r.status)).length;
  if (freed > 0) {
    await tx
      .update(programmeActivity)
      .set({ seatsTaken: sql`${programmeActivity.seatsTaken} - ${freed}` })
      .where(eq(programmeActivity.id, ctx.activity.id));
    ctx.activity.seatsTaken -= freed;
  }
  const mails: MailInput[] = [];
  if (opts.notify) {
    const people = await loadPeople(
      tx,
      ctx.centreId,
      rows.map((r) => r.employeeId),
    );
    const kind =
      outcome.status === "rejected"
        ? "rejected"
        : outcome.reason === "activity_cancelled"
          ? "activityCancelled"
          : "cancelled";
    for (const r of rows) {
      const p = people.get(r.employeeId);
      if (p) mails.push(enrolmentNotice(ctx, p, kind, { hadPlace: r.status === "confirmed" }));
    }
  }
  const audits = rows.map(
    (r): AuditEntry => ({
      centreId: ctx.centreId,
      actorUserId: by.userId,
      action:
        outcome.status === "rejected" ? "programme.enrolment.reject" : "programme.enrolment.cancel",
      entityType: "programme_enrolment",
      entityId: r.id,
      details: {
        activityId: ctx.activity.id,
        was: r.status,
        ...(outcome.status === "cancelled" ? { reason: outcome.reason } : {}),
      },
      requestId: by.requestId,
    }),
  );
  const promotion = opts.promote
    ? await promoteWaitlist(tx, ctx, freed, by)
    : { promoted: 0, mails: [], audits: [] };
  await sendNotices(tx, [...mails, ...promotion.mails]);
  await writeAuditMany(tx, [...audits, ...promotion.audits]);
  return { promoted: promotion.promoted };
}

/** Live enrolments of the activity (those `where` picks), locked, in arrival order. */
async function lockLive(tx: Queryable, activityId: string, where: SQL | undefined) {
  return tx
    .select({
      id: programmeEnrolment.id,
      employeeId: programmeEnrolment.employeeId,
      status: programmeEnrolment.status,
    })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        inArray(programmeEnrolment.status, [...LIVE_STATUSES]),
        where,
      ),
    )
    .orderBy(asc(programmeEnrolment.seq))
    .for("update");
}

/**
 * An enrolment cancelled by the person (until the deadline before the first session), by their
 * manager (the same deadline), or by a coordinator (at any time).
 */
export async function cancelEnrolment(
  actor: Actor,
  enrolmentId: string,
): Promise<{ id: string; status: "cancelled"; activityId: string; promoted: number }> {
  requirePermission(actor, "programme.enrol");
  if (!isUuid(enrolmentId)) throw notFound();
  const [row] = await db()
    .select({
      activityId: programmeEnrolment.activityId,
      employeeId: programmeEnrolment.employeeId,
      unitId: employee.unitId,
    })
    .from(programmeEnrolment)
    .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
    .where(
      and(eq(programmeEnrolment.id, enrolmentId), eq(programmeEnrolment.centreId, actor.centreId)),
    );
  if (!row) throw notFound();
  const own = row.employeeId === actor.employeeId;
  let by: "self" | "manager" | "coordinator";
  if (can(actor, "programme.manage")) by = "coordinator";
  else if (own) by = "self";
  else if (can(actor, "programme.nominate")) {
    const scope = await unitScope(db(), actor, "programme.nominate");
    if (scope && !(row.unitId && scope.includes(row.unitId))) throw forbidden();
    by = scope ? "manager" : "coordinator";
  } else throw forbidden();
  const reason: CancelReason = own ? "self" : by;
  return db().transaction(async (tx) => {
    const activity = await lockActivity(tx, actor.centreId, row.activityId);
    if (!activity) throw notFound();
    const [e] = await lockLive(tx, activity.id, eq(programmeEnrolment.id, enrolmentId));
    if (!e) throw new AppError("conflict", { _form: "programme.enrol.reason.notLive" });
    const ctx = await activityContext(tx, activity);
    const verdict = checkCancel({
      now: new Date(),
      status: e.status,
      firstSessionStart: firstSessionStart(ctx.sessions),
      deadlineHours: activity.cancelDeadlineHours,
      by,
    });
    if (!verdict.ok) throw new AppError("conflict", { _form: verdict.reason });
    const { promoted } = await endEnrolments(
      tx,
      ctx,
      [e],
      { status: "cancelled", reason },
      { userId: actor.userId, requestId: actor.requestId },
      { notify: true, promote: true },
    );
    return { id: e.id, status: "cancelled" as const, activityId: activity.id, promoted };
  });
}

/**
 * Releases every live enrolment of an activity that is being called off, telling each person
 * once (with a calendar cancellation where they had a place). Idempotent: a second call finds
 * nobody left. Runs inside the caller's transaction.
 */
export async function cancelAllEnrolments(
  tx: Queryable,
  centreId: string,
  activityId: string,
  reason: "activity_cancelled",
): Promise<void> {
  const activity = await lockActivity(tx, centreId, activityId);
  if (!activity) return;
  const rows = await lockLive(tx, activityId, undefined);
  if (rows.length === 0) return;
  const ctx = await activityContext(tx, activity);
  await endEnrolments(
    tx,
    ctx,
    rows,
    { status: "cancelled", reason },
    { userId: null },
    { notify: true, promote: false },
  );
}

/**
 * Cancels the future enrolments of employees who stop being active (reason "deactivated"):
 * those in activities not yet started, whose places go to the waitlist. Called from
 * afterEmployeesDeactivated inside the deactivating transaction. Activities are locked in id
 * order, so two deactivations never wait on each other in a circle.
 */
export async function cancelFutureEnrolmentsOf(
  tx: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<number> {
  if (employeeIds.length === 0) return 0;
  const found = await tx
    .selectDistinct({ activityId: programmeEnrolment.activityId })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.centreId, centreId),
        inArray(programmeEnrolment.employeeId, employeeIds),
        inArray(programmeEnrolment.status, [...LIVE_STATUSES]),
      ),
    );
  // In an activity that has started, confirmed places stay (their attendance is history), but
  // a place awaiting approval or on the waitlist goes, so nobody gone is promoted into it.
  const activityIds = found.map((f) => f.activityId).sort();
  let cancelled = 0;
  for (const activityId of activityIds) {
    const activity = await lockActivity(tx, centreId, activityId);
    if (!activity) continue;
    const ctx = await activityContext(tx, activity);
    const first = firstSessionStart(ctx.sessions);
    const started = Boolean(first && first <= new Date());
    const rows = await lockLive(
      tx,
      activityId,
      and(
        inArray(programmeEnrolment.employeeId, employeeIds),
        started ? inArray(programmeEnrolment.status, ["pending", "waitlisted"]) : undefined,
      ),
    );
    if (rows.length === 0) continue;
    // The person leaving is not written to; the people promoted in their place are.
    await endEnrolments(
      tx,
      ctx,
      rows,
      { status: "cancelled", reason: "deactivated" },
      { userId: null },
      { notify: false, promote: true },
    );
    cancelled += rows.length;
  }
  return cancelled;
}
