// Sessions of an activity: added, changed and cancelled by whoever runs the programme. Once an
// activity is published, every change reaches the people enrolled: the session's SEQUENCE
// goes up (calendars replace the event) and the change notice is queued in the same
// transaction as the change, so a change is never made without its notice, nor the reverse.
import { and, count, eq, isNull, ne } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Tx } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { isCalendarDay, warsawInstant } from "../survey/schedule-cycle.ts";
import { httpsUrl, instant, throwFormErrors } from "./catalogue-fields.ts";
import { findActivity } from "./find-activity.ts";
import { notifyActivityChanged } from "./notices.ts";
import { programmeActivity, programmeSession } from "./schema.ts";

export const sessionFields = z
  .object({
    startsAt: instant,
    endsAt: instant,
    place: z.string().trim().max(300, "errors.tooLong").optional().default(""),
    meetingUrl: httpsUrl.optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.endsAt.getTime() <= v.startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "errors.programmeSessionEnd" });
    }
  });
export type SessionInput = z.input<typeof sessionFields>;

/** The time fields of the session form, named as its inputs are. */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The input of saveSession from the session form: a Warsaw day and two times of that day.
 * A session ending at or before its start is refused next to the end time; every mistake
 * comes back at once, on its field.
 */
export function sessionFormInput(v: Record<string, string | undefined>): Record<string, unknown> {
  const errors: Record<string, string> = {};
  const day = (v.date ?? "").trim();
  const start = (v.startTime ?? "").trim();
  const end = (v.endTime ?? "").trim();
  if (!day) errors.date = "errors.required";
  else if (!isCalendarDay(day)) errors.date = "errors.date";
  if (!start) errors.startTime = "errors.required";
  else if (!TIME.test(start)) errors.startTime = "errors.time";
  if (!end) errors.endTime = "errors.required";
  else if (!TIME.test(end)) errors.endTime = "errors.time";
  const startsAt = errors.date || errors.startTime ? null : warsawInstant(day, start);
  const endsAt = errors.date || errors.endTime ? null : warsawInstant(day, end);
  if (startsAt && endsAt && endsAt <= startsAt) errors.endTime = "errors.programmeSessionEnd";
  const input = {
    startsAt: startsAt ?? undefined,
    endsAt: endsAt ?? undefined,
    place: v.place ?? "",
    meetingUrl: v.meetingUrl ?? "",
  };
  if (Object.keys(errors).length > 0) {
    // Stand-in times let the schema judge the other fields; the times' own errors are above.
    const stand = { startsAt: new Date(0), endsAt: new Date(60_000) };
    throwFormErrors(errors, sessionFields.safeParse({ ...input, ...stand }));
  }
  return input;
}

async function lockActivity(tx: Tx, actor: Actor, activityId: string) {
  if (!isUuid(activityId)) throw notFound();
  const [a] = await tx
    .select()
    .from(programmeActivity)
    .where(
      and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
    )
    .for("update");
  if (!a) throw notFound();
  if (a.status === "cancelled") {
    throw new AppError("conflict", { _form: "errors.programmeActivityCancelled" });
  }
  return a;
}

/**
 * Adds (sessionId null) or changes a session. Online activities meet by a link (https only),
 * the others at a place: the one they need is required. A cancelled session stays cancelled.
 * A change of a published activity's session, or a new session of it, is announced to the
 * people enrolled; a change to nothing announces nothing.
 */
export async function saveSession(
  actor: Actor,
  activityId: string,
  sessionId: string | null,
  input: unknown,
): Promise<string> {
  requirePermission(actor, "programme.manage");
  // Another centre's activity is "not found" whatever the body holds: nothing is learnt by
  // sending a bad one.
  await findActivity(db(), actor, activityId);
  const d = parseInput(sessionFields, input);
  return db().transaction(async (tx) => {
    const activity = await lockActivity(tx, actor, activityId);
    if (activity.format === "online" && !d.meetingUrl) {
      throw new AppError("validation", { meetingUrl: "errors.programmeMeetingUrlRequired" });
    }
    if (activity.format !== "online" && !d.place) {
      throw new AppError("validation", { place: "errors.programmePlaceRequired" });
    }
    let id: string;
    let changed = true;
    if (sessionId !== null) {
      if (!isUuid(sessionId)) throw notFound();
      const [s] = await tx
        .select()
        .from(programmeSession)
        .where(
          and(eq(programmeSession.id, sessionId), eq(programmeSession.activityId, activity.id)),
        );
      if (!s) throw notFound();
      if (s.cancelledAt)
        throw new AppError("conflict", { _form: "errors.programmeSessionCancelled" });
      changed =
        s.startsAt.getTime() !== d.startsAt.getTime() ||
        s.endsAt.getTime() !== d.endsAt.getTime() ||
        s.place !== d.place ||
        s.meetingUrl !== d.meetingUrl;
      if (changed) {
        await tx
          .update(programmeSession)
          .set({
            ...d,
            sequence: s.sequence + 1,
            // A new day gets its own day-before reminder.
            ...(s.startsAt.getTime() !== d.startsAt.getTime() ? { remindedAt: null } : {}),
          })
          .where(eq(programmeSession.id, s.id));
      }
      id = s.id;
    } else {
      const [row] = await tx
        .insert(programmeSession)
        .values({ ...d, centreId: actor.centreId, activityId: activity.id })
        .returning({ id: programmeSession.id });
      id = row.id;
    }
    if (!changed) return id;
    if (activity.status === "published") {
      await notifyActivityChanged(tx, actor.centreId, activity.id, "session_changed");
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: sessionId ? "programme.session.update" : "programme.session.create",
      entityType: "programme_session",
      entityId: id,
      details: { activityId: activity.id },
      requestId: actor.requestId,
    });
    return id;
  });
}

/**
 * Cancels a session. A draft's session is simply removed (nobody was told of it); a published
 * activity's is kept, marked cancelled, and the people enrolled are told. The last session of
 * a published activity is not cancelled on its own: that is cancelling the activity.
 */
export async function cancelSession(
  actor: Actor,
  sessionId: string,
): Promise<{ activityId: string }> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(sessionId)) throw notFound();
  return db().transaction(async (tx) => {
    const [ref] = await tx
      .select({ activityId: programmeSession.activityId })
      .from(programmeSession)
      .where(
        and(eq(programmeSession.id, sessionId), eq(programmeSession.centreId, actor.centreId)),
      );
    if (!ref) throw notFound();
    const activity = await lockActivity(tx, actor, ref.activityId);
    const [s] = await tx.select().from(programmeSession).where(eq(programmeSession.id, sessionId));
    if (s.cancelledAt)
      throw new AppError("conflict", { _form: "errors.programmeSessionCancelled" });
    if (activity.status === "draft") {
      await tx.delete(programmeSession).where(eq(programmeSession.id, s.id));
    } else {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(programmeSession)
        .where(
          and(
            eq(programmeSession.activityId, activity.id),
            isNull(programmeSession.cancelledAt),
            ne(programmeSession.id, s.id),
          ),
        );
      if (n === 0) throw new AppError("conflict", { _form: "errors.programmeLastSession" });
      await tx
        .update(programmeSession)
        .set({ cancelledAt: new Date(), sequence: s.sequence + 1 })
        .where(eq(programmeSession.id, s.id));
      await notifyActivityChanged(tx, actor.centreId, activity.id, "session_cancelled");
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: activity.status === "draft" ? "programme.session.delete" : "programme.session.cancel",
      entityType: "programme_session",
      entityId: s.id,
      details: { activityId: activity.id },
      requestId: actor.requestId,
    });
    return { activityId: activity.id };
  });
}
