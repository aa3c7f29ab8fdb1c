// Hours per participant, computed from attendance: a present mark counts the whole session, or
// the minutes written for a partial stay; an absent mark and a cancelled session count nothing.
import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { sessionMinutes } from "./hours.ts";
import { programmeAttendance, programmeEnrolment, programmeSession } from "./schema.ts";

export type Mark = { sessionId: string; present: boolean; minutes: number | null };
export type TimedSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  cancelledAt?: Date | null;
};

/** Minutes one mark is worth: never more than the session lasted. */
export function markMinutes(mark: Pick<Mark, "present" | "minutes">, session: TimedSession) {
  if (!mark.present || session.cancelledAt) return 0;
  const full = sessionMinutes(session);
  return mark.minutes === null ? full : Math.min(Math.max(0, mark.minutes), full);
}

/** A participant's attended minutes over an activity's sessions. */
export function attendedMinutes(marks: Mark[], sessions: TimedSession[]): number {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  let sum = 0;
  for (const m of marks) {
    const s = byId.get(m.sessionId);
    if (s) sum += markMinutes(m, s);
  }
  return sum;
}

export type ParticipantHours = {
  enrolmentId: string;
  employeeId: string;
  attendedMinutes: number;
  /** Sessions marked present (whole or in part). */
  sessionsAttended: number;
};

/**
 * Attended minutes of every enrolment of an activity that has any attendance marked, keyed by
 * enrolment id. Enrolments with no mark are absent from the map (zero minutes).
 */
export async function activityParticipantHours(
  q: Queryable,
  activityId: string,
  sessions: TimedSession[],
): Promise<Map<string, ParticipantHours>> {
  const rows = await q
    .select({
      enrolmentId: programmeAttendance.enrolmentId,
      employeeId: programmeEnrolment.employeeId,
      sessionId: programmeAttendance.sessionId,
      present: programmeAttendance.present,
      minutes: programmeAttendance.minutes,
    })
    .from(programmeAttendance)
    .innerJoin(programmeEnrolment, eq(programmeEnrolment.id, programmeAttendance.enrolmentId))
    .where(eq(programmeEnrolment.activityId, activityId));
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const out = new Map<string, ParticipantHours>();
  for (const r of rows) {
    const s = byId.get(r.sessionId);
    if (!s) continue;
    const entry = out.get(r.enrolmentId) ?? {
      enrolmentId: r.enrolmentId,
      employeeId: r.employeeId,
      attendedMinutes: 0,
      sessionsAttended: 0,
    };
    const minutes = markMinutes(r, s);
    entry.attendedMinutes += minutes;
    if (minutes > 0) entry.sessionsAttended += 1;
    out.set(r.enrolmentId, entry);
  }
  return out;
}

/** One employee's attended minutes per activity (every activity with a mark). */
export async function employeeAttendedMinutes(
  q: Queryable,
  centreId: string,
  employeeId: string,
): Promise<Map<string, number>> {
  const rows = await q
    .select({
      activityId: programmeEnrolment.activityId,
      sessionId: programmeAttendance.sessionId,
      present: programmeAttendance.present,
      minutes: programmeAttendance.minutes,
      startsAt: programmeSession.startsAt,
      endsAt: programmeSession.endsAt,
      cancelledAt: programmeSession.cancelledAt,
    })
    .from(programmeAttendance)
    .innerJoin(programmeEnrolment, eq(programmeEnrolment.id, programmeAttendance.enrolmentId))
    .innerJoin(programmeSession, eq(programmeSession.id, programmeAttendance.sessionId))
    .where(
      and(eq(programmeEnrolment.centreId, centreId), eq(programmeEnrolment.employeeId, employeeId)),
    );
  const out = new Map<string, number>();
  for (const r of rows) {
    const m = markMinutes(r, { id: r.sessionId, ...r });
    out.set(r.activityId, (out.get(r.activityId) ?? 0) + m);
  }
  return out;
}
