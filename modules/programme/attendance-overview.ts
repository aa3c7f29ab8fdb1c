// The attendance page of an activity: each session with how many were marked and present and
// whether its signed sheet was scanned, and each participant's hours so far.
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { Actor } from "../access/actor.ts";
import { requireAttendanceAccess } from "./attendance-access.ts";
import { findActivity, sessionsOf } from "./find-activity.ts";
import { plannedMinutes, sessionMinutes } from "./hours.ts";
import { activityProgress, pageProgress } from "./participant-progress.ts";
import {
  programmeAttendance,
  programmeEnrolment,
  programmeSession,
  programmeSessionScan,
} from "./schema.ts";

export async function attendanceOverview(
  actor: Actor,
  activityId: string,
  query: unknown,
  now = new Date(),
) {
  const q = db();
  const activity = await findActivity(q, actor, activityId);
  requireAttendanceAccess(actor, activity);
  const sessions = await sessionsOf(q, activity.id);
  const [progress, counts, scans] = await Promise.all([
    activityProgress(q, activity, sessions),
    q
      .select({
        sessionId: programmeAttendance.sessionId,
        marked: sql<number>`count(*)::int`,
        present: sql<number>`(count(*) filter (where ${programmeAttendance.present}))::int`,
      })
      .from(programmeAttendance)
      .innerJoin(programmeSession, eq(programmeSession.id, programmeAttendance.sessionId))
      .innerJoin(programmeEnrolment, eq(programmeEnrolment.id, programmeAttendance.enrolmentId))
      .where(
        and(
          eq(programmeSession.activityId, activity.id),
          eq(programmeEnrolment.status, "confirmed"),
        ),
      )
      .groupBy(programmeAttendance.sessionId),
    q
      .select({ sessionId: programmeSessionScan.sessionId })
      .from(programmeSessionScan)
      .innerJoin(programmeSession, eq(programmeSession.id, programmeSessionScan.sessionId))
      .where(
        and(
          eq(programmeSessionScan.centreId, actor.centreId),
          eq(programmeSession.activityId, activity.id),
        ),
      ),
  ]);
  const bySession = new Map(counts.map((c) => [c.sessionId, c]));
  const withScan = new Set(scans.map((s) => s.sessionId));
  return {
    activity,
    enrolled: progress.length,
    plannedMinutes: plannedMinutes(sessions),
    sessions: sessions.map((s, i) => ({
      id: s.id,
      number: i + 1,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      place: s.place,
      meetingUrl: s.meetingUrl,
      cancelled: Boolean(s.cancelledAt),
      minutes: sessionMinutes(s),
      started: s.startsAt.getTime() <= now.getTime(),
      marked: bySession.get(s.id)?.marked ?? 0,
      present: bySession.get(s.id)?.present ?? 0,
      hasScan: withScan.has(s.id),
    })),
    participants: pageProgress(progress, query),
  };
}
