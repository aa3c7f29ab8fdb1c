// Background work of the programme's enrolment: the reminder the day before each session.
// One "tick" job every few minutes finds the sessions starting within a day that have not
// been reminded; each session is claimed with FOR UPDATE SKIP LOCKED and marked `reminded_at`
// in the transaction that queues its mail, so a tick run twice, or by two processes, or again
// after a crash, reminds each session once.
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { periodicJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { activityContext, loadPeople } from "./enrolment-common.ts";
import { reminderNotice, sendNotices } from "./notice-mail.ts";
import { programmeActivity, programmeEnrolment, programmeSession } from "./schema.ts";

export const PROGRAMME_TICK_JOB = "programme.tick";
const TICK_MS = 5 * 60_000;
/** How long before a session its reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

/** Reminds the confirmed participants of every session starting within the next day. */
export async function sendDueReminders(now = new Date()): Promise<number> {
  const due = await db()
    .select({ id: programmeSession.id })
    .from(programmeSession)
    .innerJoin(programmeActivity, eq(programmeActivity.id, programmeSession.activityId))
    .where(
      and(
        isNull(programmeSession.remindedAt),
        isNull(programmeSession.cancelledAt),
        gt(programmeSession.startsAt, now),
        lte(programmeSession.startsAt, new Date(now.getTime() + REMINDER_LEAD_MS)),
        eq(programmeActivity.status, "published"),
      ),
    );
  let reminded = 0;
  for (const { id } of due) {
    await db().transaction(async (tx) => {
      const [session] = await tx
        .select()
        .from(programmeSession)
        .where(
          and(
            eq(programmeSession.id, id),
            isNull(programmeSession.remindedAt),
            isNull(programmeSession.cancelledAt),
          ),
        )
        .for("update", { skipLocked: true });
      if (!session) return;
      const [activity] = await tx
        .select()
        .from(programmeActivity)
        .where(eq(programmeActivity.id, session.activityId));
      const participants = await tx
        .select({ employeeId: programmeEnrolment.employeeId })
        .from(programmeEnrolment)
        .where(
          and(
            eq(programmeEnrolment.activityId, activity.id),
            eq(programmeEnrolment.status, "confirmed"),
          ),
        );
      const ctx = await activityContext(tx, activity);
      const people = await loadPeople(
        tx,
        activity.centreId,
        participants.map((p) => p.employeeId),
      );
      const mails = [...people.values()]
        .filter((p) => p.active)
        .map((p) => reminderNotice(ctx, session, p));
      await sendNotices(tx, mails);
      await tx
        .update(programmeSession)
        .set({ remindedAt: new Date() })
        .where(eq(programmeSession.id, session.id));
      await writeAudit(tx, {
        centreId: activity.centreId,
        actorUserId: null,
        action: "programme.session.remind",
        entityType: "programme_session",
        entityId: session.id,
        details: { activityId: activity.id, reminded: mails.length },
      });
      reminded += mails.length;
    });
  }
  return reminded;
}

const tick = periodicJob(PROGRAMME_TICK_JOB, TICK_MS, async () => {
  const reminded = await sendDueReminders();
  if (reminded) logger.info({ reminded }, "programme reminders");
});

export const registerProgrammeJobs = tick.register;
/** Registers the handler and queues the next tick (call where the worker runs). */
export const startProgrammeJobs = tick.start;
