// Cancelling a support booking: the employee until the centre's deadline before the meeting
// (support.cancelHoursBefore, 24 hours unless set), the specialist at any time while it is
// still booked — and then the employee is told. Both get a confidential mail with the
// meeting's iCalendar CANCEL, so their calendars drop it. A deactivated employee's future
// bookings are cancelled with the deactivation (`cancelFutureBookingsOf`), and the specialist
// learns the time is free again. The audit log learns that a booking changed, not which — and
// nothing at all when the deactivation cancels them.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { type AuditEntry, writeAuditMany } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { enqueueMails, type MailInput } from "../../platform/outbox.ts";
import type { Actor } from "../access/actor.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { centre } from "../org/schema.ts";
import {
  accountsOf,
  employeeNotice,
  type NoticeContext,
  specialistNotice,
} from "./booking-mail.ts";
import { findBookingFor } from "./find-booking.ts";
import { supportBooking, supportSpecialist } from "./schema.ts";
import { supportSettings } from "./support-settings.ts";

const HOUR = 3_600_000;

/** The last moment the employee may cancel a booking themselves. */
export function cancelDeadline(startsAt: Date, cancelHoursBefore: number): Date {
  return new Date(startsAt.getTime() - cancelHoursBefore * HOUR);
}

/**
 * Pure: may this party cancel the booking now? The employee until the deadline, the specialist
 * any time; only a booking still "booked" can be cancelled.
 */
export function checkCancel(
  b: { status: string; startsAt: Date },
  who: "employee" | "specialist",
  cancelHoursBefore: number,
  now: Date,
): { ok: true } | { ok: false; reason: "status" | "deadline"; deadline?: Date } {
  if (b.status !== "booked") return { ok: false, reason: "status" };
  if (who === "specialist") return { ok: true };
  const deadline = cancelDeadline(b.startsAt, cancelHoursBefore);
  if (now > deadline) return { ok: false, reason: "deadline", deadline };
  return { ok: true };
}

/**
 * The deadline refusal: a conflict on the form whose `deadline` (an ISO instant) the page and
 * the API add to the message, so the person sees until when they could have cancelled.
 */
export class CancelDeadlineError extends AppError {
  readonly deadline: Date;
  constructor(deadline: Date) {
    super("conflict", { _form: "supportBook.cancel.error.deadline" }, "cancel_deadline");
    this.deadline = deadline;
    this.extensions = { reason: "cancel_deadline", deadline: deadline.toISOString() };
  }
}

async function contextOf(
  q: Queryable,
  b: typeof supportBooking.$inferSelect,
): Promise<NoticeContext & { specialistUserId: string | null }> {
  // In turn, not Promise.all: `q` is the cancelling transaction, which runs one query at a time.
  const [sp] = await q
    .select()
    .from(supportSpecialist)
    .where(eq(supportSpecialist.id, b.specialistId));
  const [c] = await q.select({ name: centre.name }).from(centre).where(eq(centre.id, b.centreId));
  const people = await recipientsOf(q, b.centreId, [b.employeeId]);
  return {
    booking: b,
    specialist: sp,
    employee: people.get(b.employeeId)!,
    centreName: c?.name ?? "",
    specialistUserId: sp.userId,
  };
}

/**
 * Cancels a booking as its employee or its specialist (anyone else: not_found). Returns who
 * cancelled it.
 */
export async function cancelSupportBooking(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ id: string; status: "cancelled"; by: "employee" | "specialist" }> {
  const settings = await supportSettings(db(), actor.centreId);
  return db().transaction(async (tx) => {
    // Locked: an outcome being marked at the same moment waits, then this sees it.
    const found = await findBookingFor(actor, id, { q: tx, forUpdate: true });
    const who = found.asEmployee ? "employee" : "specialist";
    const verdict = checkCancel(found.booking, who, settings.cancelHoursBefore, now);
    if (!verdict.ok) {
      if (verdict.reason === "deadline") throw new CancelDeadlineError(verdict.deadline!);
      throw new AppError("conflict", { _form: "supportBook.cancel.error.status" });
    }
    const [row] = await tx
      .update(supportBooking)
      .set({
        status: "cancelled",
        sequence: found.booking.sequence + 1,
        updatedAt: now,
      })
      .where(eq(supportBooking.id, found.booking.id))
      .returning();
    const ctx = await contextOf(tx, row);
    const mails: MailInput[] = [];
    if (ctx.employee) {
      mails.push(employeeNotice(ctx, who === "employee" ? "cancelled" : "cancelledBySpecialist"));
    }
    if (ctx.specialistUserId) {
      const account = (await accountsOf(tx, [ctx.specialistUserId])).get(ctx.specialistUserId);
      if (account) mails.push(specialistNotice(ctx, account, "cancelled"));
    }
    await enqueueMails(tx, mails);
    await writeAuditMany(tx, [cancelledAudit(actor.centreId)]);
    return { id: row.id, status: "cancelled" as const, by: who };
  });
}

/** Confidential: no actor, no booking id, no details — a booking was cancelled. */
function cancelledAudit(centreId: string): AuditEntry {
  return {
    centreId,
    actorUserId: null,
    action: "support.booking.cancelled",
    entityType: "support_booking",
    entityId: null,
    details: {},
  };
}

/**
 * Deactivation's step (org/deactivation.ts), inside its transaction: the employees' bookings
 * not yet started are cancelled and their specialists told the time is free again. Writes no
 * audit entry (see below).
 */
export async function cancelFutureBookingsOf(
  tx: Queryable,
  centreId: string,
  employeeIds: string[],
  now = new Date(),
): Promise<number> {
  if (employeeIds.length === 0) return 0;
  const rows = await tx
    .update(supportBooking)
    .set({ status: "cancelled", sequence: sql`${supportBooking.sequence} + 1`, updatedAt: now })
    .where(
      and(
        eq(supportBooking.centreId, centreId),
        inArray(supportBooking.employeeId, employeeIds),
        eq(supportBooking.status, "booked"),
        gt(supportBooking.startsAt, now),
      ),
    )
    .returning();
  if (rows.length === 0) return 0;
  const specialists = await tx
    .select({ id: supportSpecialist.id, row: supportSpecialist })
    .from(supportSpecialist)
    .where(
      inArray(
        supportSpecialist.id,
        rows.map((r) => r.specialistId),
      ),
    );
  const spById = new Map(specialists.map((s) => [s.id, s.row]));
  // In turn, not Promise.all: a transaction's connection runs one query at a time.
  const [c] = await tx.select({ name: centre.name }).from(centre).where(eq(centre.id, centreId));
  const people = await recipientsOf(
    tx,
    centreId,
    rows.map((r) => r.employeeId),
  );
  const accounts = await accountsOf(
    tx,
    specialists.map((s) => s.row.userId).filter((u): u is string => u !== null),
  );
  const mails: MailInput[] = [];
  for (const b of rows) {
    const sp = spById.get(b.specialistId)!;
    const account = sp.userId ? accounts.get(sp.userId) : undefined;
    const person = people.get(b.employeeId);
    if (!account || !person) continue;
    mails.push(
      specialistNotice(
        { booking: b, specialist: sp, employee: person, centreName: c?.name ?? "" },
        account,
        "cancelled",
      ),
    );
  }
  await enqueueMails(tx, mails);
  // No audit entry here, on purpose: these rows would be written in the same transaction and at
  // the same instant as "employee X deactivated", so anyone reading the log (an administrator,
  // the DPO) would learn that X had support booked, and how many. The deactivation's own entry
  // covers what changed.
  return rows.length;
}
