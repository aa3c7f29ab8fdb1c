// One employee's occupational-medicine record for the health coordinator: exams, sick leaves
// and where they stand. Also the centre-scoped look-ups the exam services share.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { db, type Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { examSituation } from "./exam-status.ts";
import { healthClinic, healthExam, healthSickLeave } from "./schema.ts";

/** An employee of the centre with unit and position names; another centre's is not found. */
export async function findEmployee(q: Queryable, centreId: string, employeeId: string) {
  if (!isUuid(employeeId)) throw notFound();
  const [e] = await q
    .select({
      id: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      employeeNumber: employee.employeeNumber,
      active: employee.active,
      userId: employee.userId,
      employmentStart: employee.employmentStart,
      unitId: employee.unitId,
      unitName: orgUnit.name,
      positionId: employee.positionId,
      positionName: position.name,
    })
    .from(employee)
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(position, eq(position.id, employee.positionId))
    .where(and(eq(employee.id, employeeId), eq(employee.centreId, centreId)));
  if (!e) throw notFound();
  return e;
}

/** What examSituation (exam-status.ts) reads of an exam: for the look-ups over many people. */
export const examFactColumns = {
  id: healthExam.id,
  employeeId: healthExam.employeeId,
  kind: healthExam.kind,
  status: healthExam.status,
  examDate: healthExam.examDate,
  outcome: healthExam.outcome,
  validUntil: healthExam.validUntil,
  createdAt: healthExam.createdAt,
};

export const examColumns = {
  id: healthExam.id,
  employeeId: healthExam.employeeId,
  kind: healthExam.kind,
  status: healthExam.status,
  reason: healthExam.reason,
  clinicId: healthExam.clinicId,
  clinicName: healthClinic.name,
  clinicAddress: healthClinic.address,
  appointmentAt: healthExam.appointmentAt,
  referralNumber: healthExam.referralNumber,
  examDate: healthExam.examDate,
  outcome: healthExam.outcome,
  validUntil: healthExam.validUntil,
  createdAt: healthExam.createdAt,
  updatedAt: healthExam.updatedAt,
};
export type ExamRow = Awaited<ReturnType<typeof examsOf>>[number];

/** The exams of some employees (cancelled ones too when asked), newest first. */
export async function examsOf(
  q: Queryable,
  centreId: string,
  employeeIds: string[],
  opts: { withCancelled?: boolean } = {},
) {
  if (employeeIds.length === 0) return [];
  return q
    .select(examColumns)
    .from(healthExam)
    .leftJoin(healthClinic, eq(healthClinic.id, healthExam.clinicId))
    .where(
      and(
        eq(healthExam.centreId, centreId),
        inArray(healthExam.employeeId, employeeIds),
        opts.withCancelled ? undefined : ne(healthExam.status, "cancelled"),
      ),
    )
    .orderBy(desc(healthExam.examDate), desc(healthExam.appointmentAt), desc(healthExam.createdAt));
}

/** The sick leaves of some employees (dates only), latest first. */
export async function sickLeavesOf(q: Queryable, centreId: string, employeeIds: string[]) {
  if (employeeIds.length === 0) return [];
  return q
    .select({
      id: healthSickLeave.id,
      employeeId: healthSickLeave.employeeId,
      fromDate: healthSickLeave.fromDate,
      toDate: healthSickLeave.toDate,
      createdAt: healthSickLeave.createdAt,
    })
    .from(healthSickLeave)
    .where(
      and(eq(healthSickLeave.centreId, centreId), inArray(healthSickLeave.employeeId, employeeIds)),
    )
    .orderBy(desc(healthSickLeave.fromDate));
}

/** Active clinics of the centre, for choosing one when planning an exam. */
export async function activeClinics(q: Queryable, centreId: string) {
  return q
    .select({ id: healthClinic.id, name: healthClinic.name })
    .from(healthClinic)
    .where(and(eq(healthClinic.centreId, centreId), eq(healthClinic.active, true)))
    .orderBy(asc(healthClinic.name));
}

/** An employee's page for the health coordinator: history, sick leaves and the situation. */
export async function getEmployeeHealth(actor: Actor, employeeId: string, today?: string) {
  requirePermission(actor, "health.manage");
  const day = today ?? warsawDay(new Date());
  const e = await findEmployee(db(), actor.centreId, employeeId);
  const [exams, leaves, clinics] = await Promise.all([
    examsOf(db(), actor.centreId, [e.id], { withCancelled: true }),
    sickLeavesOf(db(), actor.centreId, [e.id]),
    activeClinics(db(), actor.centreId),
  ]);
  const situation = examSituation(
    exams.filter((x) => x.status !== "cancelled"),
    leaves,
    day,
  );
  return { employee: e, exams, sickLeaves: leaves, situation, clinics, today: day };
}
