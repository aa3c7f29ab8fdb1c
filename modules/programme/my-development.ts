// "My development": an employee's own side of the programme — upcoming sessions, hours
// attended per activity (in each activity's unit) with totals, certificates and test results.
import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { certificatesOfEmployee } from "./certificates.ts";
import { attendedPercent, hasCompleted } from "./completion.ts";
import { hoursCenti, plannedMinutes } from "./hours.ts";
import { employeeAttendedMinutes } from "./participant-hours.ts";
import {
  type HourUnit,
  programmeActivity,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";
import { myTestResults } from "./test-results.ts";

export async function myDevelopment(actor: Actor, now = new Date()) {
  requirePermission(actor, "programme.enrol");
  const employeeId = actor.employeeId;
  // An account without an employee record (an external administrator) has no programme.
  if (!employeeId) return { hasEmployee: false as const };
  const q = db();
  const [upcoming, minutesByActivity, certificates, tests] = await Promise.all([
    q
      .select({
        sessionId: programmeSession.id,
        startsAt: programmeSession.startsAt,
        endsAt: programmeSession.endsAt,
        place: programmeSession.place,
        meetingUrl: programmeSession.meetingUrl,
        activityId: programmeActivity.id,
        title: programmeActivity.title,
        format: programmeActivity.format,
        status: programmeEnrolment.status,
      })
      .from(programmeEnrolment)
      .innerJoin(programmeActivity, eq(programmeActivity.id, programmeEnrolment.activityId))
      .innerJoin(programmeSession, eq(programmeSession.activityId, programmeActivity.id))
      .where(
        and(
          eq(programmeEnrolment.centreId, actor.centreId),
          eq(programmeEnrolment.employeeId, employeeId),
          inArray(programmeEnrolment.status, ["confirmed", "pending", "waitlisted"]),
          eq(programmeActivity.status, "published"),
          isNull(programmeSession.cancelledAt),
          gte(programmeSession.endsAt, now),
        ),
      )
      .orderBy(asc(programmeSession.startsAt))
      .limit(100),
    employeeAttendedMinutes(q, actor.centreId, employeeId),
    certificatesOfEmployee(actor.centreId, employeeId),
    myTestResults(actor),
  ]);

  const activityIds = [...minutesByActivity.keys()];
  const [activities, sessions] = activityIds.length
    ? await Promise.all([
        q
          .select({
            id: programmeActivity.id,
            title: programmeActivity.title,
            hourUnit: programmeActivity.hourUnit,
            completionPercent: programmeActivity.completionPercent,
          })
          .from(programmeActivity)
          .where(
            and(
              eq(programmeActivity.centreId, actor.centreId),
              inArray(programmeActivity.id, activityIds),
            ),
          ),
        q
          .select({
            activityId: programmeSession.activityId,
            startsAt: programmeSession.startsAt,
            endsAt: programmeSession.endsAt,
            cancelledAt: programmeSession.cancelledAt,
          })
          .from(programmeSession)
          .where(inArray(programmeSession.activityId, activityIds)),
      ])
    : [[], []];
  const hours = activities
    .map((a) => {
      const attended = minutesByActivity.get(a.id) ?? 0;
      const planned = plannedMinutes(sessions.filter((s) => s.activityId === a.id));
      return {
        activityId: a.id,
        title: a.title,
        hourUnit: a.hourUnit,
        attendedCenti: hoursCenti(attended, a.hourUnit),
        plannedCenti: hoursCenti(planned, a.hourUnit),
        percent: attendedPercent(attended, planned),
        completed: hasCompleted(attended, planned, a.completionPercent),
        attendedMinutes: attended,
      };
    })
    .filter((h) => h.attendedMinutes > 0)
    .sort((a, b) => a.title.localeCompare(b.title, "pl"));
  // Totals per unit: clock and academic hours are not added together.
  const totals: Partial<Record<HourUnit, number>> = {};
  for (const h of hours) totals[h.hourUnit] = (totals[h.hourUnit] ?? 0) + h.attendedCenti;
  return {
    hasEmployee: true as const,
    upcoming,
    hours,
    totals,
    certificates,
    tests,
  };
}
