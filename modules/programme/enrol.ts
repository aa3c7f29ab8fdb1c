// Enrolment: an employee signs up, or a coordinator or manager signs someone up. Who may, and
// when, is eligibility.ts; the place itself is decided under the activity's row lock: a free
// place (seats_taken < capacity) makes the enrolment confirmed, or pending where a manager
// must approve it, and takes the place; no place puts it on the waitlist. `seq` is assigned
// by the insert inside the locked section, so it is the order of arrival there, and the
// waitlist is promoted by it. The database's check on seats_taken is the last line of defence.
//
// Under a rush every enrolment of one activity waits for that one row lock, and each holder
// keeps it through its commit's disk flush. So the enrolments that arrive (in this process)
// while one transaction is in flight are decided together, in arrival order, in the next one:
// the same lock, the same rules, one flush for many. A batch that fails (a person enrolling
// twice at the same moment) is retried one enrolment at a time, so one refusal never costs
// the others their place.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { type AuditEntry, writeAuditMany } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, forbidden, isUniqueViolation, notFound } from "../../platform/errors.ts";
import type { MailInput } from "../../platform/outbox.ts";
import { booleanField, isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission, unitScope } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { inAudience } from "./audience.ts";
import { checkEligibility, type EnrolMode, firstSessionStart, placeStatus } from "./eligibility.ts";
import {
  type Approver,
  approversOf,
  centreNameOf,
  enrolmentFacts,
  lockActivity,
  type Person,
  waitlistLength,
} from "./enrolment-common.ts";
import { sessionsOf } from "./find-activity.ts";
import { approvalRequestNotice, enrolmentNotice, sendNotices } from "./notice-mail.ts";
import { programmeActivity, programmeEnrolment } from "./schema.ts";

export const enrolBody = z.object({
  /** Someone else to sign up (a nomination); absent or empty: the actor themselves. */
  employeeId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  /** A coordinator's deliberate choice to place a person outside the target groups. */
  outsideTarget: booleanField(false),
});

export type PlacedStatus = "pending" | "confirmed" | "waitlisted";
export type EnrolResult = {
  id: string;
  status: PlacedStatus;
  /** 1 for the first person waiting; null with a place. */
  waitlistPosition: number | null;
  /** The person enrolled, "First Last", for the page that nominated them. */
  name: string;
};

type Placement = {
  person: Person;
  approval: boolean;
  nominatedByUserId: string | null;
  outsideTarget: boolean;
  approvers: Approver[];
  actorUserId: string;
  requestId?: string;
};

const alreadyEnrolled = () =>
  new AppError("conflict", { _form: "programme.enrol.reason.alreadyEnrolled" });

/**
 * Enrols the actor, or (with `employeeId`) nominates an employee: a coordinator anyone in the
 * centre, a manager the employees of their units. Refusals are conflicts with the reason as
 * the form's message; a full activity is not a refusal but a place on the waitlist.
 */
export async function enrol(
  actor: Actor,
  activityId: string,
  input: unknown,
): Promise<EnrolResult> {
  requirePermission(actor, "programme.enrol");
  const d = parseInput(enrolBody, input ?? {});
  if (!isUuid(activityId)) throw notFound();
  const nominating = d.employeeId !== undefined && d.employeeId !== actor.employeeId;
  if (nominating) {
    requirePermission(actor, "programme.nominate");
    if (!isUuid(d.employeeId)) throw new AppError("validation", { employeeId: "errors.invalid" });
  } else if (d.outsideTarget) {
    throw new AppError("validation", {
      outsideTarget: "programme.enrol.error.outsideTargetCoordinator",
    });
  }
  const facts = await enrolmentFacts(
    db(),
    actor.centreId,
    activityId,
    nominating ? d.employeeId! : actor.employeeId,
  );
  if (!facts) throw notFound();
  const { activity, person } = facts;
  let mode: EnrolMode = { kind: "self" };
  if (nominating) {
    // Another centre's employee is, from here, nobody at all.
    if (!person) {
      throw new AppError("validation", { employeeId: "programme.enrol.reason.employeeUnknown" });
    }
    const scope = await unitScope(db(), actor, "programme.nominate");
    if (scope && !(person.unitId && scope.includes(person.unitId))) throw forbidden();
    if (d.outsideTarget && scope) {
      throw new AppError("validation", {
        outsideTarget: "programme.enrol.error.outsideTargetCoordinator",
      });
    }
    mode = {
      kind: "nominate",
      by: scope ? "manager" : "coordinator",
      outsideTarget: d.outsideTarget,
    };
  }
  const verdict = checkEligibility({
    now: new Date(),
    activity,
    firstSessionStart: facts.firstStart,
    member: person?.member ?? null,
    live: facts.live?.status ?? null,
    mode,
  });
  if (!verdict.ok) throw new AppError("conflict", { _form: verdict.reason });
  const who = person!;
  return place(actor.centreId, activity.id, {
    person: who,
    approval: verdict.approval,
    nominatedByUserId: nominating ? actor.userId : null,
    // Audited when the coordinator's choice actually placed someone outside the audience.
    outsideTarget:
      mode.kind === "nominate" && mode.outsideTarget && !inAudience(activity.target, who.member),
    approvers: verdict.approval ? await approversOf(db(), actor.centreId, who) : [],
    actorUserId: actor.userId,
    requestId: actor.requestId,
  });
}

// ---------------------------------------------------------------------------------------------
// Placing, batched per activity.

type Waiting = Placement & {
  resolve: (r: EnrolResult) => void;
  reject: (e: unknown) => void;
};
type Queue = { waiting: Waiting[]; running: boolean };

const MAX_BATCH = 100;
const queues = new Map<string, Queue>();
let batching = true;

/**
 * With batching off every enrolment is its own transaction, all of them competing for the
 * row lock at once: the concurrency test checks the database's guarantees that way too.
 */
export function setEnrolmentBatching(on: boolean): void {
  batching = on;
}

function place(centreId: string, activityId: string, p: Placement): Promise<EnrolResult> {
  if (!batching) {
    return new Promise((resolve, reject) =>
      settle(centreId, activityId, [{ ...p, resolve, reject }]),
    );
  }
  return new Promise((resolve, reject) => {
    const key = `${centreId}:${activityId}`;
    let q = queues.get(key);
    if (!q) {
      q = { waiting: [], running: false };
      queues.set(key, q);
    }
    q.waiting.push({ ...p, resolve, reject });
    if (!q.running) void drain(key, centreId, activityId, q);
  });
}

async function drain(key: string, centreId: string, activityId: string, q: Queue) {
  q.running = true;
  try {
    while (q.waiting.length > 0) {
      const batch = q.waiting.splice(0, MAX_BATCH);
      await settle(centreId, activityId, batch);
    }
  } finally {
    q.running = false;
    if (q.waiting.length === 0) queues.delete(key);
    else void drain(key, centreId, activityId, q);
  }
}

async function settle(centreId: string, activityId: string, batch: Waiting[]) {
  try {
    const results = await placeBatch(centreId, activityId, batch);
    batch.forEach((w, i) => {
      const r = results[i];
      if (r instanceof Error) w.reject(r);
      else w.resolve(r);
    });
    return;
  } catch (err) {
    if (batch.length === 1) {
      batch[0].reject(
        isUniqueViolation(err, "programme_enrolment_live_unique") ? alreadyEnrolled() : err,
      );
      return;
    }
  }
  for (const w of batch) await settle(centreId, activityId, [w]);
}

/**
 * One transaction for a batch: lock the activity, read what the lock protects, decide each
 * enrolment in arrival order, write enrolments, the seat count, the audit log and the notices.
 */
async function placeBatch(
  centreId: string,
  activityId: string,
  batch: Placement[],
): Promise<(EnrolResult | AppError)[]> {
  // Read before the lock: it does not change with enrolments.
  const centreName = await centreNameOf(db(), centreId);
  return db().transaction(async (tx) => {
    // People before the activity: a deactivation locks the employee and then the activities,
    // so taking the two in the other order could deadlock with it. FOR SHARE also waits for a
    // deactivation in flight, and a person deactivated meanwhile is refused below.
    const stillActive = await activePeople(
      tx,
      centreId,
      batch.map((b) => b.person.id),
    );
    const activity = await lockActivity(tx, centreId, activityId);
    if (!activity) return batch.map(() => new AppError("not_found"));
    const sessions = await sessionsOf(tx, activityId);
    const first = firstSessionStart(sessions);
    // The activity may have changed between the checks and the lock.
    let closed: AppError | null = null;
    if (activity.status !== "published") {
      closed = new AppError("conflict", {
        _form:
          activity.status === "cancelled"
            ? "programme.enrol.reason.cancelled"
            : "programme.enrol.reason.notPublished",
      });
    } else if (first && first <= new Date()) {
      closed = new AppError("conflict", { _form: "programme.enrol.reason.started" });
    }
    if (closed) return batch.map(() => closed);
    const ctx = { centreId, centreName, activity, sessions };
    let waiting = await waitlistLength(tx, activityId);
    let free = activity.capacity - activity.seatsTaken;
    const results: (EnrolResult | AppError)[] = [];
    const rows: (typeof programmeEnrolment.$inferInsert)[] = [];
    const mails: MailInput[] = [];
    const audits: AuditEntry[] = [];
    for (const p of batch) {
      if (!stillActive.has(p.person.id)) {
        results.push(new AppError("conflict", { _form: "programme.enrol.reason.inactive" }));
        continue;
      }
      const status = placeStatus(free > 0, p.approval) as PlacedStatus;
      if (status !== "waitlisted") free--;
      else waiting++;
      const id = randomUUID();
      rows.push({
        id,
        centreId,
        activityId,
        employeeId: p.person.id,
        status,
        nominatedByUserId: p.nominatedByUserId,
      });
      results.push({
        id,
        status,
        waitlistPosition: status === "waitlisted" ? waiting : null,
        name: `${p.person.firstName} ${p.person.lastName}`,
      });
      if (status === "waitlisted") {
        mails.push(enrolmentNotice(ctx, p.person, "waitlisted", { position: waiting }));
      } else if (status === "pending") {
        mails.push(enrolmentNotice(ctx, p.person, "pending"));
        for (const a of p.approvers) mails.push(approvalRequestNotice(ctx, a, p.person));
      } else {
        mails.push(enrolmentNotice(ctx, p.person, "confirmed"));
      }
      audits.push({
        centreId,
        actorUserId: p.actorUserId,
        action: p.nominatedByUserId ? "programme.enrolment.nominate" : "programme.enrolment.create",
        entityType: "programme_enrolment",
        entityId: id,
        details: {
          activityId,
          status,
          ...(p.nominatedByUserId ? { employeeId: p.person.id } : {}),
          ...(p.outsideTarget ? { outsideTarget: true } : {}),
        },
        requestId: p.requestId,
      });
    }
    if (rows.length === 0) return results;
    // One statement, rows in arrival order: seq follows it.
    await tx.insert(programmeEnrolment).values(rows);
    const seated = rows.filter((r) => r.status !== "waitlisted").length;
    if (seated > 0) {
      await tx
        .update(programmeActivity)
        .set({ seatsTaken: sql`${programmeActivity.seatsTaken} + ${seated}` })
        .where(eq(programmeActivity.id, activityId));
    }
    await writeAuditMany(tx, audits);
    await sendNotices(tx, mails);
    return results;
  });
}

async function activePeople(tx: Queryable, centreId: string, ids: string[]) {
  const rows = await tx
    .select({ id: employee.id })
    .from(employee)
    .where(
      and(eq(employee.centreId, centreId), inArray(employee.id, ids), eq(employee.active, true)),
    )
    .for("share");
  return new Set(rows.map((r) => r.id));
}
