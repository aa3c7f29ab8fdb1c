// Attendance of one session: who is on its list (the activity's confirmed enrolments), and
// marking them present or absent, with minutes for a partial stay. Saving again overwrites the
// marks (one row per session and enrolment), so a double submit changes nothing.
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, type FieldErrors } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { requireAttendanceAccess } from "./attendance-access.ts";
import { type ActivityRow, findSession, type SessionRow, sessionsOf } from "./find-activity.ts";
import { sessionMinutes } from "./hours.ts";
import { programmeAttendance, programmeEnrolment, programmeSessionScan } from "./schema.ts";
import { byPolishName } from "./session-text.ts";

export type AttendanceRow = {
  enrolmentId: string;
  employeeId: string;
  firstName: string;
  lastName: string;
  unitName: string | null;
  /** null until marked. */
  present: boolean | null;
  /** Minutes of a partial stay; null for the whole session (or unmarked). */
  minutes: number | null;
};

/** The session's list: confirmed enrolments of its activity, by last name (Polish order). */
export async function attendanceList(
  q: Queryable,
  activityId: string,
  sessionId: string,
): Promise<AttendanceRow[]> {
  const rows = await q
    .select({
      enrolmentId: programmeEnrolment.id,
      employeeId: programmeEnrolment.employeeId,
      firstName: employee.firstName,
      lastName: employee.lastName,
      unitName: orgUnit.name,
      present: programmeAttendance.present,
      minutes: programmeAttendance.minutes,
    })
    .from(programmeEnrolment)
    .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(
      programmeAttendance,
      and(
        eq(programmeAttendance.enrolmentId, programmeEnrolment.id),
        eq(programmeAttendance.sessionId, sessionId),
      ),
    )
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        eq(programmeEnrolment.status, "confirmed"),
      ),
    );
  return rows.sort(byPolishName);
}

export type SessionAttendance = {
  session: SessionRow;
  activity: ActivityRow;
  /** 1-based place of the session among the activity's sessions, and how many there are. */
  number: number;
  of: number;
  minutes: number;
  started: boolean;
  rows: AttendanceRow[];
  scan: { fileName: string; contentType: string; size: number; uploadedAt: Date } | null;
};

/** What the session's attendance page shows; the coordinator or the activity's trainer only. */
export async function sessionAttendance(
  actor: Actor,
  sessionId: string,
  now = new Date(),
): Promise<SessionAttendance> {
  const q = db();
  const { session, activity } = await findSession(q, actor, sessionId);
  requireAttendanceAccess(actor, activity);
  const [sessions, rows, [scan]] = await Promise.all([
    sessionsOf(q, activity.id),
    attendanceList(q, activity.id, session.id),
    q
      .select({
        fileName: programmeSessionScan.fileName,
        contentType: programmeSessionScan.contentType,
        size: programmeSessionScan.size,
        uploadedAt: programmeSessionScan.uploadedAt,
      })
      .from(programmeSessionScan)
      .where(
        and(
          eq(programmeSessionScan.centreId, actor.centreId),
          eq(programmeSessionScan.sessionId, session.id),
        ),
      )
      .orderBy(sql`${programmeSessionScan.uploadedAt} desc`)
      .limit(1),
  ]);
  return {
    session,
    activity,
    number: sessions.findIndex((s) => s.id === session.id) + 1,
    of: sessions.length,
    minutes: sessionMinutes(session),
    started: session.startsAt.getTime() <= now.getTime(),
    rows,
    scan: scan ?? null,
  };
}

// A mark as the API sends it; forms are read into the same shape (marksFromForm).
const minutesField = z
  .union([z.number(), z.string().trim()])
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === "") return null;
    const n = typeof v === "number" ? v : Number(v.replace(",", "."));
    if (!Number.isInteger(n) || n < 0) {
      ctx.addIssue({ code: "custom", message: "errors.attendanceMinutes" });
      return z.NEVER;
    }
    return n;
  });

export const attendanceMarks = z.object({
  marks: z
    .array(
      z.object({
        employeeId: z.string().uuid("errors.attendanceNotEnrolled"),
        present: z.boolean({ error: "errors.attendanceChoose" }),
        minutes: minutesField,
      }),
    )
    .max(10_000, "errors.invalid"),
});
export type AttendanceMarksInput = z.input<typeof attendanceMarks>;

/** Refusals that concern the session as a whole, before anything is read from the input. */
function checkSessionOpen(session: SessionRow, activity: ActivityRow, now: Date) {
  if (activity.status === "cancelled") {
    throw new AppError("conflict", { _form: "errors.attendanceActivityCancelled" });
  }
  if (session.cancelledAt) {
    throw new AppError("conflict", { _form: "errors.attendanceSessionCancelled" });
  }
  if (session.startsAt.getTime() > now.getTime()) {
    throw new AppError("conflict", { _form: "errors.attendanceNotStarted" });
  }
}

/**
 * Marks people of the session's list present or absent. Each mark names an employee with a
 * confirmed enrolment in the activity; anyone else (not enrolled, waitlisted, cancelled, or of
 * another activity) makes the whole call fail with nothing written. Minutes, when given for a
 * present person, are a partial stay of 1 up to the session's length; the full length is kept
 * as "the whole session". Errors are keyed `marks.<index>.<field>`.
 */
export async function markAttendance(
  actor: Actor,
  sessionId: string,
  input: unknown,
  now = new Date(),
): Promise<{ marked: number; present: number }> {
  const { session, activity } = await findSession(db(), actor, sessionId);
  requireAttendanceAccess(actor, activity);
  checkSessionOpen(session, activity, now);
  const { marks } = parseInput(attendanceMarks, input);
  if (marks.length === 0) throw new AppError("validation", { _form: "errors.attendanceNothing" });
  const full = sessionMinutes(session);
  const errors: FieldErrors = {};
  const seen = new Set<string>();
  marks.forEach((m, i) => {
    if (seen.has(m.employeeId)) errors[`marks.${i}.employeeId`] = "errors.attendanceDuplicate";
    seen.add(m.employeeId);
    if (m.minutes === null) return;
    if (!m.present) errors[`marks.${i}.minutes`] = "errors.attendanceMinutesAbsent";
    else if (m.minutes < 1 || m.minutes > full)
      errors[`marks.${i}.minutes`] = "errors.attendanceMinutes";
  });
  if (Object.keys(errors).length) throw new AppError("validation", errors);

  return db().transaction(async (tx) => {
    // Read inside the transaction and locked: an enrolment cancelled a moment ago is no longer
    // markable, and one being cancelled now waits for this mark (or the mark for it).
    const enrolments = await tx
      .select({ id: programmeEnrolment.id, employeeId: programmeEnrolment.employeeId })
      .from(programmeEnrolment)
      .where(
        and(
          eq(programmeEnrolment.activityId, activity.id),
          eq(programmeEnrolment.status, "confirmed"),
          inArray(
            programmeEnrolment.employeeId,
            marks.map((m) => m.employeeId),
          ),
        ),
      )
      .orderBy(programmeEnrolment.id)
      .for("share");
    const enrolmentOf = new Map(enrolments.map((e) => [e.employeeId, e.id]));
    marks.forEach((m, i) => {
      if (!enrolmentOf.has(m.employeeId)) {
        errors[`marks.${i}.employeeId`] = "errors.attendanceNotEnrolled";
      }
    });
    if (Object.keys(errors).length) throw new AppError("validation", errors);
    await upsertMarks(
      tx,
      actor,
      session.id,
      marks.map((m) => ({
        enrolmentId: enrolmentOf.get(m.employeeId)!,
        present: m.present,
        // The whole session is kept as "whole", so a later change of its times follows.
        minutes: m.present && m.minutes !== null && m.minutes < full ? m.minutes : null,
      })),
    );
    const present = marks.filter((m) => m.present).length;
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.attendance.mark",
      entityType: "programme_session",
      entityId: session.id,
      details: { activityId: activity.id, marked: marks.length, present },
      requestId: actor.requestId,
    });
    return { marked: marks.length, present };
  });
}

/** The "everyone was here" shortcut: every confirmed enrolment present for the whole session. */
export async function markAllPresent(
  actor: Actor,
  sessionId: string,
  now = new Date(),
): Promise<{ marked: number; present: number }> {
  const { session, activity } = await findSession(db(), actor, sessionId);
  requireAttendanceAccess(actor, activity);
  checkSessionOpen(session, activity, now);
  return db().transaction(async (tx) => {
    const enrolments = await tx
      .select({ id: programmeEnrolment.id })
      .from(programmeEnrolment)
      .where(
        and(
          eq(programmeEnrolment.activityId, activity.id),
          eq(programmeEnrolment.status, "confirmed"),
        ),
      );
    if (enrolments.length === 0) {
      throw new AppError("validation", { _form: "errors.attendanceNobody" });
    }
    await upsertMarks(
      tx,
      actor,
      session.id,
      enrolments.map((e) => ({ enrolmentId: e.id, present: true, minutes: null })),
    );
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.attendance.mark",
      entityType: "programme_session",
      entityId: session.id,
      details: {
        activityId: activity.id,
        marked: enrolments.length,
        present: enrolments.length,
        allPresent: true,
      },
      requestId: actor.requestId,
    });
    return { marked: enrolments.length, present: enrolments.length };
  });
}

async function upsertMarks(
  q: Queryable,
  actor: Actor,
  sessionId: string,
  marks: { enrolmentId: string; present: boolean; minutes: number | null }[],
) {
  const markedAt = new Date();
  // Chunks keep each statement's parameter count well under PostgreSQL's limit.
  for (let i = 0; i < marks.length; i += 1000) {
    await q
      .insert(programmeAttendance)
      .values(
        marks.slice(i, i + 1000).map((m) => ({
          centreId: actor.centreId,
          sessionId,
          enrolmentId: m.enrolmentId,
          present: m.present,
          minutes: m.minutes,
          markedAt,
          markedByUserId: actor.userId,
        })),
      )
      .onConflictDoUpdate({
        target: [programmeAttendance.sessionId, programmeAttendance.enrolmentId],
        set: {
          present: sql`excluded.present`,
          minutes: sql`excluded.minutes`,
          markedAt: sql`excluded.marked_at`,
          markedByUserId: sql`excluded.marked_by_user_id`,
        },
      });
  }
}

/**
 * The attendance form's fields as marks: `present-<employeeId>` is "yes" or "no" (a person
 * left unchosen is not marked), `minutes-<employeeId>` the optional partial stay. Every such
 * field the form sent is read, so a forged one reaches the service and is refused there.
 */
export function marksFromForm(values: Record<string, string>): AttendanceMarksInput["marks"] {
  const marks: AttendanceMarksInput["marks"] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith("present-")) continue;
    const employeeId = key.slice("present-".length);
    if (value !== "yes" && value !== "no") continue;
    marks.push({
      employeeId,
      present: value === "yes",
      minutes: values[`minutes-${employeeId}`] ?? "",
    });
  }
  return marks;
}

/**
 * Marks from the form, with errors re-keyed to the form's fields (`minutes-<employeeId>`,
 * `present-<employeeId>`); an id that is on nobody's row goes to the form as a whole.
 */
export async function markAttendanceFromForm(
  actor: Actor,
  sessionId: string,
  values: Record<string, string>,
) {
  const marks = marksFromForm(values);
  try {
    return await markAttendance(actor, sessionId, { marks });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation") throw e;
    const out: FieldErrors = {};
    for (const [key, message] of Object.entries(e.fieldErrors)) {
      const m = /^marks\.(\d+)\.(\w+)$/.exec(key);
      const mark = m ? marks[Number(m[1])] : undefined;
      if (!mark) out[key] = message;
      else if (m![2] === "minutes") out[`minutes-${mark.employeeId}`] = message;
      else out._form = message;
    }
    throw new AppError("validation", out);
  }
}
