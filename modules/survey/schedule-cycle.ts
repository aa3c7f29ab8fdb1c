import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { booleanField, parseInput } from "../../platform/validation.ts";
import { isCalendarDay, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { lockCycle } from "./cycle-common.ts";
import { surveyCycle } from "./schema.ts";

export { isCalendarDay, warsawDay, warsawInstant, warsawTime } from "../../platform/warsaw-time.ts";

/** The reminder days of a form or the API: Warsaw days, sorted, without repeats. */
export const reminderDatesField = z
  .array(z.string().refine(isCalendarDay, "errors.date"), { error: "errors.date" })
  .max(30, "errors.surveyReminderDates")
  .optional()
  .default([])
  .transform((v) => [...new Set(v)].sort());

/**
 * Reminder days must fall within the cycle's window, counted in Warsaw days: from the day it
 * opens to the day it closes. A reminder before opening has nobody to remind; one after closing
 * would invite people to a survey that no longer accepts answers.
 */
export function checkReminderDates(dates: string[], opensAt: Date, closesAt: Date): void {
  const from = warsawDay(opensAt);
  const to = warsawDay(closesAt);
  if (dates.some((d) => d < from || d > to)) {
    throw new AppError("validation", { reminderDates: "errors.surveyReminderOutside" });
  }
}

/** An instant: an ISO 8601 string with a time zone (as the API sends), or a Date. */
const instant = z
  .union([z.date(), z.iso.datetime({ offset: true, error: "errors.date" })], {
    error: "errors.date",
  })
  .transform((v) => new Date(v));

const scheduleFields = z.object({
  opensAt: instant,
  closesAt: instant,
  autoOpen: booleanField(false),
});

/**
 * Sets when a draft opens and closes, and whether it opens by itself at that time (the jobs
 * runner opens a draft with `auto_open` once `opens_at` has come; see jobs.ts). Only a draft:
 * an open cycle's window changes by extending it. Reminder days outside the new window are
 * refused rather than dropped silently.
 */
export async function scheduleCycle(actor: Actor, cycleId: string, input: unknown) {
  requirePermission(actor, "survey.manage");
  const d = parseInput(scheduleFields, input);
  if (d.closesAt.getTime() <= d.opensAt.getTime() || d.closesAt.getTime() <= Date.now()) {
    throw new AppError("validation", { closesAt: "errors.surveyDates" });
  }
  await db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (cycle.status !== "draft") {
      throw new AppError("conflict", { _form: "errors.surveyNotDraft" });
    }
    checkReminderDates(cycle.reminderDates, d.opensAt, d.closesAt);
    await tx
      .update(surveyCycle)
      .set({ opensAt: d.opensAt, closesAt: d.closesAt, autoOpen: d.autoOpen })
      .where(eq(surveyCycle.id, cycle.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.cycle.schedule",
      entityType: "survey_cycle",
      entityId: cycle.id,
      details: {
        opensAt: d.opensAt.toISOString(),
        closesAt: d.closesAt.toISOString(),
        autoOpen: d.autoOpen,
      },
      requestId: actor.requestId,
    });
  });
}

/**
 * Replaces the reminder days of a draft or open cycle. On each of these Warsaw days the jobs
 * runner reminds everyone invited who has not answered yet (send-reminders.ts).
 */
export async function setReminderDates(actor: Actor, cycleId: string, input: unknown) {
  requirePermission(actor, "survey.manage");
  const { reminderDates } = parseInput(z.object({ reminderDates: reminderDatesField }), input);
  await db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (cycle.status === "closed") {
      throw new AppError("conflict", { _form: "errors.surveyClosed" });
    }
    checkReminderDates(reminderDates, cycle.opensAt, cycle.closesAt);
    await tx.update(surveyCycle).set({ reminderDates }).where(eq(surveyCycle.id, cycle.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.cycle.reminders",
      entityType: "survey_cycle",
      entityId: cycle.id,
      details: { reminderDates },
      requestId: actor.requestId,
    });
  });
}
