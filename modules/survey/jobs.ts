// Background work of the survey: scheduled openings, closing at the closing time, and the
// reminders of the reminder days. One "tick" job a minute does all three; each step is
// idempotent and takes the cycle's row lock, so a tick run twice, or by two processes, does
// each thing once.
import { and, eq, lte, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { periodicJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { openLockedCycle } from "./open-cycle.ts";
import { resealCycleRows } from "./reseal-cycle.ts";
import { surveyCycle } from "./schema.ts";
import { centreNameOf, sendDueReminders } from "./send-reminders.ts";

export const SURVEY_TICK_JOB = "survey.tick";
const TICK_MS = 60_000;

/**
 * Opens every draft with `auto_open` whose opening time has come. A draft that cannot open
 * (nobody to invite, or its closing time already past) stays a draft with `auto_open` turned
 * off — otherwise it would be retried every minute — and the audit log says why; the cycle's
 * page then tells the coordinator to open it by hand or change its dates.
 */
export async function openDueCycles(): Promise<number> {
  const due = await db()
    .select({ id: surveyCycle.id })
    .from(surveyCycle)
    .where(
      and(
        eq(surveyCycle.status, "draft"),
        eq(surveyCycle.autoOpen, true),
        lte(surveyCycle.opensAt, sql`now()`),
      ),
    );
  let opened = 0;
  for (const { id } of due) {
    try {
      await db().transaction(async (tx) => {
        const [cycle] = await tx
          .select()
          .from(surveyCycle)
          .where(eq(surveyCycle.id, id))
          .for("update");
        if (cycle?.status !== "draft" || !cycle.autoOpen) return;
        const centreName = await centreNameOf(tx, cycle.centreId);
        await openLockedCycle(tx, cycle, { centreId: cycle.centreId, centreName, userId: null });
        opened++;
      });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const reason = Object.values(err.fieldErrors)[0] ?? err.code;
      await db().transaction(async (tx) => {
        const [cycle] = await tx
          .update(surveyCycle)
          .set({ autoOpen: false })
          .where(and(eq(surveyCycle.id, id), eq(surveyCycle.status, "draft")))
          .returning({ centreId: surveyCycle.centreId });
        if (!cycle) return;
        await writeAudit(tx, {
          centreId: cycle.centreId,
          actorUserId: null,
          action: "survey.cycle.autoOpenFailed",
          entityType: "survey_cycle",
          entityId: id,
          details: { reason },
        });
      });
      logger.warn({ cycleId: id, reason }, "scheduled survey opening failed");
    }
  }
  return opened;
}

/**
 * Closes every open cycle whose closing time has passed, so its results can be published.
 * Submissions hold a KEY SHARE lock on the cycle; this FOR UPDATE waits for those in flight.
 */
export async function closeDueCycles(): Promise<number> {
  const due = await db()
    .select({ id: surveyCycle.id })
    .from(surveyCycle)
    .where(and(eq(surveyCycle.status, "open"), lte(surveyCycle.closesAt, sql`now()`)));
  let closed = 0;
  for (const { id } of due) {
    await db().transaction(async (tx) => {
      const [cycle] = await tx
        .select()
        .from(surveyCycle)
        .where(eq(surveyCycle.id, id))
        .for("update");
      if (cycle?.status !== "open" || cycle.closesAt.getTime() > Date.now()) return;
      await tx
        .update(surveyCycle)
        .set({ status: "closed", closedAt: new Date() })
        .where(eq(surveyCycle.id, id));
      await resealCycleRows(tx, id);
      await writeAudit(tx, {
        centreId: cycle.centreId,
        actorUserId: null,
        action: "survey.cycle.close",
        entityType: "survey_cycle",
        entityId: id,
        details: { trigger: "scheduled" },
      });
      closed++;
    });
  }
  return closed;
}

/** One pass of everything time-driven in the survey module. */
export async function runSurveySchedule(): Promise<{
  opened: number;
  closed: number;
  reminded: number;
}> {
  const opened = await openDueCycles();
  const closed = await closeDueCycles();
  const reminded = await sendDueReminders();
  return { opened, closed, reminded };
}

const tick = periodicJob(SURVEY_TICK_JOB, TICK_MS, async () => {
  const done = await runSurveySchedule();
  if (done.opened || done.closed || done.reminded) logger.info(done, "survey schedule");
});

export const registerSurveyJobs = tick.register;
/** Registers the handler and queues the next tick (call where the worker runs). */
export const startSurveyJobs = tick.start;
