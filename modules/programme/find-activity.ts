import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can } from "../access/actor.ts";
import { programmeActivity, programmeSession } from "./schema.ts";

export type ActivityRow = typeof programmeActivity.$inferSelect;
export type SessionRow = typeof programmeSession.$inferSelect;

/**
 * The activity of the actor's centre, or not_found (also for another centre's id, so ids of
 * other centres cannot be probed). Permissions are the caller's to check.
 */
export async function findActivity(
  q: Queryable,
  actor: Actor,
  activityId: string,
): Promise<ActivityRow> {
  if (!isUuid(activityId)) throw notFound();
  const [row] = await q
    .select()
    .from(programmeActivity)
    .where(
      and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
    );
  if (!row) throw notFound();
  return row;
}

/** As findActivity, but a draft exists only for those who run the programme. */
export async function findVisibleActivity(
  q: Queryable,
  actor: Actor,
  activityId: string,
): Promise<ActivityRow> {
  const activity = await findActivity(q, actor, activityId);
  if (activity.status === "draft" && !can(actor, "programme.manage")) throw notFound();
  return activity;
}

export async function sessionsOf(q: Queryable, activityId: string): Promise<SessionRow[]> {
  return q
    .select()
    .from(programmeSession)
    .where(eq(programmeSession.activityId, activityId))
    .orderBy(asc(programmeSession.startsAt));
}

/** A session of the actor's centre with its activity, or not_found. */
export async function findSession(
  q: Queryable,
  actor: Actor,
  sessionId: string,
): Promise<{ session: SessionRow; activity: ActivityRow }> {
  if (!isUuid(sessionId)) throw notFound();
  const [row] = await q
    .select({ session: programmeSession, activity: programmeActivity })
    .from(programmeSession)
    .innerJoin(programmeActivity, eq(programmeActivity.id, programmeSession.activityId))
    .where(and(eq(programmeSession.id, sessionId), eq(programmeSession.centreId, actor.centreId)));
  if (!row) throw notFound();
  return row;
}
