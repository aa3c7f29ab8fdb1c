// Background work of confidential support: the reminder the day before a meeting, sent once
// to the employee (confidential, with the meeting's .ics). One "tick" job every few minutes
// finds the bookings starting within a day that have not been reminded; each is claimed with
// FOR UPDATE SKIP LOCKED and marked `reminder_sent_at` in the transaction that queues its
// mail, so a tick run twice, by two processes, or again after a crash reminds each booking once.
// A booking made less than a day ahead gets no reminder: its confirmation came moments ago.
import { and, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { periodicJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { enqueueMails } from "../../platform/outbox.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { centre } from "../org/schema.ts";
import { employeeNotice } from "./booking-mail.ts";
import { cancelDeadline } from "./cancel-booking.ts";
import { supportBooking, supportSpecialist } from "./schema.ts";
import { supportSettingsOf } from "./support-settings.ts";

export const SUPPORT_TICK_JOB = "support.tick";
const TICK_MS = 5 * 60_000;
/** How long before a meeting its reminder goes out. */
export const SUPPORT_REMINDER_LEAD_MS = 24 * 3_600_000;

/**
 * Booked at least the reminder's lead before its start. One booked inside the window has just
 * had its confirmation, with the same details and .ics; a reminder minutes later only repeats
 * it.
 */
const bookedBeforeReminderWindow = sql`${supportBooking.createdAt} <= ${supportBooking.startsAt} - ${sql.raw(String(SUPPORT_REMINDER_LEAD_MS / 1000))} * interval '1 second'`;

/**
 * Reminds the employees of every live booking starting within the next day, once each — those
 * booked before that day only.
 */
export async function sendSupportReminders(now = new Date()): Promise<number> {
  const due = await db()
    .select({ id: supportBooking.id })
    .from(supportBooking)
    .where(
      and(
        eq(supportBooking.status, "booked"),
        isNull(supportBooking.reminderSentAt),
        gt(supportBooking.startsAt, now),
        lte(supportBooking.startsAt, new Date(now.getTime() + SUPPORT_REMINDER_LEAD_MS)),
        bookedBeforeReminderWindow,
      ),
    );
  let reminded = 0;
  for (const { id } of due) {
    await db().transaction(async (tx) => {
      const [b] = await tx
        .select()
        .from(supportBooking)
        .where(
          and(
            eq(supportBooking.id, id),
            eq(supportBooking.status, "booked"),
            isNull(supportBooking.reminderSentAt),
          ),
        )
        .for("update", { skipLocked: true });
      if (!b) return;
      // In turn, not Promise.all: a transaction's connection runs one query at a time.
      const [sp] = await tx
        .select()
        .from(supportSpecialist)
        .where(eq(supportSpecialist.id, b.specialistId));
      const [c] = await tx
        .select({ name: centre.name, settings: centre.settings })
        .from(centre)
        .where(eq(centre.id, b.centreId));
      const people = await recipientsOf(tx, b.centreId, [b.employeeId]);
      const person = people.get(b.employeeId);
      if (person?.active) {
        const hours = supportSettingsOf(c?.settings).cancelHoursBefore;
        await enqueueMails(tx, [
          employeeNotice(
            {
              booking: b,
              specialist: sp,
              employee: person,
              centreName: c?.name ?? "",
              cancelDeadline: cancelDeadline(b.startsAt, hours),
            },
            "reminder",
          ),
        ]);
        reminded++;
      }
      await tx
        .update(supportBooking)
        .set({ reminderSentAt: now })
        .where(eq(supportBooking.id, b.id));
    });
  }
  return reminded;
}

const tick = periodicJob(SUPPORT_TICK_JOB, TICK_MS, async () => {
  const reminded = await sendSupportReminders();
  if (reminded) logger.info({ reminded }, "support reminders");
});

export const registerSupportJobs = tick.register;
/** Registers the handler and queues the next tick (call where the worker runs). */
export const startSupportJobs = tick.start;
