// The signed-in employee's own occupational-medicine record: their exams, the validity of the
// last certificate, an appointment with its referral, and whether a control exam is due. Only
// their own: no one else's record is reachable from here.
import { db } from "../../platform/db.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { examsOf, sickLeavesOf } from "./employee-health.ts";
import { examSituation } from "./exam-status.ts";

export async function myExams(actor: Actor, today?: string) {
  requirePermission(actor, "health.own");
  const day = today ?? warsawDay(new Date());
  if (!actor.employeeId) return { hasRecord: false as const, exams: [], situation: null };
  const [exams, leaves] = await Promise.all([
    examsOf(db(), actor.centreId, [actor.employeeId]),
    sickLeavesOf(db(), actor.centreId, [actor.employeeId]),
  ]);
  const s = examSituation(exams, leaves, day);
  return {
    hasRecord: true as const,
    // The sick leaves themselves are not shown back: only what they mean for the exams.
    exams: exams.map((x) => ({
      id: x.id,
      kind: x.kind,
      status: x.status,
      appointmentAt: x.appointmentAt,
      clinicName: x.clinicName,
      clinicAddress: x.clinicAddress,
      referralNumber: x.referralNumber,
      examDate: x.examDate,
      outcome: x.outcome,
      validUntil: x.validUntil,
    })),
    situation: {
      status: s.status,
      validUntil: s.validUntil,
      daysLeft: s.daysLeft,
      controlRequired: s.controlRequired,
      nextKind: s.nextKind,
      plannedId: s.planned?.id ?? null,
    },
  };
}
