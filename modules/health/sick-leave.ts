// Sick leaves, recorded by the health coordinator only for their length: one of more than 30
// days calls for a control exam before the person goes back to work (Kodeks pracy, art. 229
// § 2). No reason and no diagnosis is ever stored; the employee is told only that a control
// exam is due.
import { and, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, type FieldErrors, notFound } from "../../platform/errors.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { isUuid } from "../../platform/validation.ts";
import { isCalendarDay, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { centre, employee } from "../org/schema.ts";
import { examsOf, findEmployee, sickLeavesOf } from "./employee-health.ts";
import { myHealthUrl } from "./exam-notice.ts";
import { examSituation, sickLeaveDays } from "./exam-status.ts";
import { healthSickLeave } from "./schema.ts";

/** The longest sick leave the law pays for (270 days in pregnancy or tuberculosis). */
export const MAX_SICK_LEAVE_DAYS = 270;

const day = z
  .string({ message: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .refine(isCalendarDay, "errors.date");

export const sickLeaveFields = z.object({
  fromDate: day.describe("first day, yyyy-mm-dd"),
  toDate: day.describe("last day, yyyy-mm-dd, not before the first"),
});
export type SickLeaveInput = z.input<typeof sickLeaveFields>;

function checkSickLeave(input: unknown) {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const values: Record<string, string> = {};
  for (const name of ["fromDate", "toDate"] as const) {
    const r = sickLeaveFields.shape[name].safeParse(raw[name]);
    if (r.success) values[name] = r.data;
    else
      errors[name] = r.error.issues[0]?.message.startsWith("errors.")
        ? r.error.issues[0].message
        : "errors.invalid";
  }
  if (values.fromDate && values.toDate) {
    const leave = { fromDate: values.fromDate, toDate: values.toDate };
    if (leave.toDate < leave.fromDate) errors.toDate = "errors.sickLeaveOrder";
    else if (sickLeaveDays(leave) > MAX_SICK_LEAVE_DAYS) errors.toDate = "errors.sickLeaveTooLong";
  }
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  return values as { fromDate: string; toDate: string };
}

/**
 * Records a sick leave (health.manage). One that overlaps a leave already recorded is refused
 * (it is most likely the same one typed twice). When it brings on a control exam, the
 * employee is told so by mail, and their status is overdue until the exam is recorded.
 */
export async function recordSickLeave(
  actor: Actor,
  employeeId: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string; days: number; controlRequired: boolean; notified: boolean }> {
  requirePermission(actor, "health.manage");
  await findEmployee(db(), actor.centreId, employeeId);
  const d = checkSickLeave(input);
  const today = warsawDay(now);
  return db().transaction(async (tx) => {
    const e = await findEmployee(tx, actor.centreId, employeeId);
    // Two leaves typed for one person at once: the second waits for the first's commit.
    await tx.select({ id: employee.id }).from(employee).where(eq(employee.id, e.id)).for("update");
    const [clash] = await tx
      .select({ id: healthSickLeave.id })
      .from(healthSickLeave)
      .where(
        and(
          eq(healthSickLeave.employeeId, e.id),
          lte(healthSickLeave.fromDate, d.toDate),
          gte(healthSickLeave.toDate, d.fromDate),
        ),
      );
    if (clash) throw new AppError("validation", { fromDate: "errors.sickLeaveOverlap" });
    // In turn, not Promise.all: a transaction's connection runs one query at a time.
    const exams = await examsOf(tx, actor.centreId, [e.id]);
    const before = await sickLeavesOf(tx, actor.centreId, [e.id]);
    const was = examSituation(exams, before, today);
    const [row] = await tx
      .insert(healthSickLeave)
      .values({ centreId: actor.centreId, employeeId: e.id, ...d })
      .returning({ id: healthSickLeave.id });
    const is = examSituation(exams, [...before, d], today);
    const newlyRequired = is.controlRequired && is.controlAfter !== was.controlAfter;
    let notified = false;
    if (newlyRequired && e.active) {
      const to = (await recipientsOf(tx, actor.centreId, [e.id])).get(e.id)!;
      const [c] = await tx
        .select({ name: centre.name })
        .from(centre)
        .where(eq(centre.id, actor.centreId));
      await enqueueMail(tx, {
        centreId: actor.centreId,
        kind: "health.control.due",
        to: to.email,
        template: "healthControlDue",
        locale: to.locale ?? "pl",
        confidential: true,
        values: { name: to.firstName, centre: c.name, link: myHealthUrl() },
      });
      notified = true;
    }
    // That a leave was entered, and which record: administrators and the DPO read the log, and
    // whose leave it was, how long or whether it calls for a control exam are health data.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "health.sickleave.record",
      entityType: "health_sick_leave",
      entityId: row.id,
      details: {},
      requestId: actor.requestId,
    });
    return {
      id: row.id,
      days: sickLeaveDays(d),
      controlRequired: is.controlRequired,
      notified,
    };
  });
}

/** Removes a sick leave entered by mistake (health.manage). */
export async function deleteSickLeave(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "health.manage");
  if (!isUuid(id)) throw notFound();
  await db().transaction(async (tx) => {
    const [l] = await tx
      .delete(healthSickLeave)
      .where(and(eq(healthSickLeave.id, id), eq(healthSickLeave.centreId, actor.centreId)))
      .returning({ id: healthSickLeave.id });
    if (!l) throw notFound();
    // As when it was recorded: which record, not whose.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "health.sickleave.delete",
      entityType: "health_sick_leave",
      entityId: l.id,
      details: {},
      requestId: actor.requestId,
    });
  });
}
