// Exams of one employee, by the health coordinator: recording a certificate (orzeczenie),
// planning one exam, cancelling a planned one. Only what the law asks to keep: the kind, the
// dates, fit / unfit / fit with restrictions and the validity — never a diagnosis.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { isUuid, parseEachField } from "../../platform/validation.ts";
import {
  addDays,
  isCalendarDay,
  timeToMinutes,
  warsawDay,
  warsawInstant,
} from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { findEmployee } from "./employee-health.ts";
import { notifyExamCancelled, notifyExamPlanned } from "./exam-notice.ts";
import { lockCentre, reserveReferralNumbers } from "./referral-numbers.ts";
import { EXAM_KINDS, EXAM_OUTCOMES, healthClinic, healthExam } from "./schema.ts";

/** A certificate's validity is never this far ahead: a longer one is a typing mistake. */
export const MAX_VALIDITY_YEARS = 10;

const required = (key = "errors.required") => z.string({ message: key }).trim().min(1, key);

const day = required().refine(isCalendarDay, "errors.date");
const optionalDay = z
  .string()
  .nullish()
  .transform((v) => v?.trim() || null)
  .pipe(z.string().refine(isCalendarDay, "errors.date").nullable());

export const certificateFields = z.object({
  kind: z.enum(EXAM_KINDS, { message: "errors.required" }),
  examDate: day.describe("yyyy-mm-dd, not after today"),
  outcome: z.enum(EXAM_OUTCOMES, { message: "errors.required" }),
  validUntil: optionalDay.describe(
    "yyyy-mm-dd, not before the exam date; required unless the outcome is unfit",
  ),
});
export type CertificateInput = z.input<typeof certificateFields>;

/** The certificate's fields checked against each other and against today (Warsaw). */
export function checkCertificate(input: unknown, today: string) {
  const { values: v, errors } = parseEachField(certificateFields, input);
  if (v.examDate && v.examDate > today) errors.examDate = "errors.examDateFuture";
  if (v.outcome === "unfit") {
    if (v.validUntil) errors.validUntil = "errors.unfitNoValidity";
  } else if (v.validUntil === null && !errors.validUntil) {
    errors.validUntil = "errors.required";
  }
  if (v.examDate && v.validUntil) {
    if (v.validUntil < v.examDate) errors.validUntil = "errors.validityBeforeExam";
    else if (v.validUntil > addDays(v.examDate, MAX_VALIDITY_YEARS * 366)) {
      errors.validUntil = "errors.validityTooLong";
    }
  }
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  return v as z.infer<typeof certificateFields>;
}

/** The database's CHECK refused the row (the last guard behind the checks above). */
function isCheckViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === "23514" && e.constraint === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Records a certificate. A planned exam of the person becomes this certificate (its
 * appointment and referral stay with it) when the exam was taken on or after the day it was
 * planned; otherwise — no planned exam, or an older certificate entered late — a new exam is
 * stored and the planned one stays. The same certificate sent twice (a double submit) is
 * stored once.
 */
export async function recordCertificate(
  actor: Actor,
  employeeId: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string; completedPlanned: boolean }> {
  requirePermission(actor, "health.manage");
  // Someone else's or no one's record is "not found" whatever was sent.
  await findEmployee(db(), actor.centreId, employeeId);
  const d = checkCertificate(input, warsawDay(now));
  return db()
    .transaction(async (tx) => {
      const e = await findEmployee(tx, actor.centreId, employeeId);
      const values = {
        kind: d.kind,
        status: "done" as const,
        examDate: d.examDate,
        outcome: d.outcome,
        validUntil: d.outcome === "unfit" ? null : d.validUntil,
        updatedAt: new Date(),
      };
      const [planned] = await tx
        .select({ id: healthExam.id, createdAt: healthExam.createdAt })
        .from(healthExam)
        .where(and(eq(healthExam.employeeId, e.id), eq(healthExam.status, "planned")))
        .for("update");
      let id: string;
      let completedPlanned = false;
      // Only an exam taken since the appointment was planned can be that appointment's; an older
      // certificate typed in afterwards (catching up the records) is an exam of its own, and
      // the appointment, its referral and the person's calendar entry stay as they are.
      if (planned && d.examDate >= warsawDay(planned.createdAt)) {
        await tx.update(healthExam).set(values).where(eq(healthExam.id, planned.id));
        id = planned.id;
        completedPlanned = true;
      } else {
        const [same] = await tx
          .select({ id: healthExam.id })
          .from(healthExam)
          .where(
            and(
              eq(healthExam.employeeId, e.id),
              eq(healthExam.status, "done"),
              eq(healthExam.kind, values.kind),
              eq(healthExam.examDate, values.examDate),
              eq(healthExam.outcome, values.outcome),
            ),
          );
        if (same) return { id: same.id, completedPlanned: false };
        const [row] = await tx
          .insert(healthExam)
          .values({ ...values, centreId: actor.centreId, employeeId: e.id })
          .returning({ id: healthExam.id });
        id = row.id;
      }
      // Which exam changed and by whom; the outcome is health data and stays out of the log.
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "health.exam.record",
        entityType: "health_exam",
        entityId: id,
        details: { employeeId: e.id, completedPlanned },
        requestId: actor.requestId,
      });
      return { id, completedPlanned };
    })
    .catch((err) => {
      if (isCheckViolation(err, "health_exam_validity")) {
        throw new AppError("validation", { validUntil: "errors.validityBeforeExam" });
      }
      throw err;
    });
}

export const planExamFields = z.object({
  kind: z.enum(EXAM_KINDS, { message: "errors.required" }),
  date: day.describe("yyyy-mm-dd, Warsaw"),
  time: required()
    .refine((v) => timeToMinutes(v) !== null, "errors.time")
    .describe("HH:MM, Warsaw"),
  clinicId: z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .pipe(z.string().uuid("errors.invalid").nullable())
    .describe("one of the centre's active clinics; optional"),
});
export type PlanExamInput = z.input<typeof planExamFields>;

/**
 * Plans one exam for one person (health.manage): an appointment in the future, at one of the
 * centre's clinics or none yet, with the next referral number. A person has at most one
 * planned exam. The employee is told by mail, with the appointment as a calendar event.
 */
export async function planExam(
  actor: Actor,
  employeeId: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string; referralNumber: string }> {
  requirePermission(actor, "health.manage");
  await findEmployee(db(), actor.centreId, employeeId);
  const { values: v, errors } = parseEachField(planExamFields, input);
  const at = v.date && v.time ? warsawInstant(v.date, v.time) : null;
  if (at && at.getTime() <= now.getTime()) errors.date = "errors.appointmentPast";
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  const d = v as z.infer<typeof planExamFields>;
  const alreadyPlanned = () => new AppError("conflict", { _form: "errors.examAlreadyPlanned" });
  return db()
    .transaction(async (tx) => {
      const e = await findEmployee(tx, actor.centreId, employeeId);
      if (!e.active) throw new AppError("validation", { _form: "errors.examEmployeeInactive" });
      // Plans and referral numbers of the centre are made one at a time (as the bulk plan is).
      await lockCentre(tx, actor.centreId);
      let clinic: { id: string; name: string; address: string } | null = null;
      if (d.clinicId) {
        const [c] = await tx
          .select({ id: healthClinic.id, name: healthClinic.name, address: healthClinic.address })
          .from(healthClinic)
          .where(
            and(
              eq(healthClinic.id, d.clinicId),
              eq(healthClinic.centreId, actor.centreId),
              eq(healthClinic.active, true),
            ),
          );
        if (!c) throw new AppError("validation", { clinicId: "errors.invalid" });
        clinic = c;
      }
      const [existing] = await tx
        .select({ id: healthExam.id })
        .from(healthExam)
        .where(and(eq(healthExam.employeeId, e.id), eq(healthExam.status, "planned")));
      if (existing) throw alreadyPlanned();
      const [referral] = await reserveReferralNumbers(
        tx,
        actor.centreId,
        Number(warsawDay(now).slice(0, 4)),
        1,
      );
      const [row] = await tx
        .insert(healthExam)
        .values({
          centreId: actor.centreId,
          employeeId: e.id,
          kind: d.kind,
          status: "planned",
          clinicId: clinic?.id ?? null,
          appointmentAt: at,
          referralNumber: referral,
        })
        .returning({ id: healthExam.id });
      await notifyExamPlanned(tx, actor.centreId, [
        {
          examId: row.id,
          employeeId: e.id,
          kind: d.kind,
          appointmentAt: at!,
          referralNumber: referral,
          clinic,
        },
      ]);
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "health.exam.plan",
        entityType: "health_exam",
        entityId: row.id,
        details: { employeeId: e.id, kind: d.kind },
        requestId: actor.requestId,
      });
      return { id: row.id, referralNumber: referral };
    })
    .catch((err) => {
      if (isUniqueViolation(err, "health_exam_one_planned")) throw alreadyPlanned();
      throw err;
    });
}

/** Cancels a planned exam (health.manage); a done or cancelled one cannot be. */
export async function cancelExam(actor: Actor, examId: string): Promise<void> {
  requirePermission(actor, "health.manage");
  if (!isUuid(examId)) throw notFound();
  await db().transaction(async (tx) => {
    const [x] = await tx
      .select({
        id: healthExam.id,
        status: healthExam.status,
        employeeId: healthExam.employeeId,
        kind: healthExam.kind,
        appointmentAt: healthExam.appointmentAt,
        referralNumber: healthExam.referralNumber,
        clinicName: healthClinic.name,
        clinicAddress: healthClinic.address,
      })
      .from(healthExam)
      .leftJoin(healthClinic, eq(healthClinic.id, healthExam.clinicId))
      .where(and(eq(healthExam.id, examId), eq(healthExam.centreId, actor.centreId)))
      .for("update", { of: healthExam });
    if (!x) throw notFound();
    if (x.status !== "planned") throw new AppError("conflict", { _form: "errors.examNotPlanned" });
    await tx
      .update(healthExam)
      .set({ status: "cancelled", updatedAt: new Date() })
      .where(eq(healthExam.id, x.id));
    // An appointment still ahead is in the person's calendar: take it out.
    if (x.appointmentAt && x.appointmentAt.getTime() > Date.now()) {
      await notifyExamCancelled(tx, actor.centreId, [
        {
          examId: x.id,
          employeeId: x.employeeId,
          kind: x.kind,
          appointmentAt: x.appointmentAt,
          referralNumber: x.referralNumber,
          clinic: x.clinicName ? { name: x.clinicName, address: x.clinicAddress ?? "" } : null,
        },
      ]);
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "health.exam.cancel",
      entityType: "health_exam",
      entityId: x.id,
      details: { employeeId: x.employeeId },
      requestId: actor.requestId,
    });
  });
}

/**
 * Calls off the planned exams of employees who stop working here (from
 * org/deactivation.ts, inside the transaction that deactivates them). They are not mailed:
 * their account stops working with the same change. Nor is anything audited: an entry per exam
 * beside the deactivation would show the administrator doing it that the person had an
 * exam planned, which the confidential notices keep from them.
 */
export async function cancelPlannedExamsOf(
  tx: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<number> {
  if (employeeIds.length === 0) return 0;
  const cancelled = await tx
    .update(healthExam)
    .set({ status: "cancelled", updatedAt: new Date() })
    .where(
      and(
        eq(healthExam.centreId, centreId),
        inArray(healthExam.employeeId, employeeIds),
        eq(healthExam.status, "planned"),
      ),
    )
    .returning({ id: healthExam.id });
  return cancelled.length;
}
