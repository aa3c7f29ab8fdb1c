import { and, eq, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { programmeActivity, programmeSession } from "./schema.ts";

/**
 * Puts a draft in the catalogue, where everyone of the centre sees it. It must have at least
 * one session that is not cancelled: people enrol into dates, not into a title; an online
 * activity's sessions all need their meeting link. Publishing a
 * published activity again changes nothing; a cancelled one stays cancelled.
 */
export async function publishActivity(actor: Actor, activityId: string): Promise<void> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(activityId)) throw notFound();
  await db().transaction(async (tx) => {
    const [a] = await tx
      .select({
        id: programmeActivity.id,
        status: programmeActivity.status,
        format: programmeActivity.format,
      })
      .from(programmeActivity)
      .where(
        and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
      )
      .for("update");
    if (!a) throw notFound();
    if (a.status === "published") return;
    if (a.status === "cancelled") {
      throw new AppError("conflict", { _form: "errors.programmeActivityCancelled" });
    }
    const live = await tx
      .select({ meetingUrl: programmeSession.meetingUrl })
      .from(programmeSession)
      .where(and(eq(programmeSession.activityId, a.id), isNull(programmeSession.cancelledAt)));
    const n = live.length;
    if (n === 0) throw new AppError("validation", { _form: "errors.programmeNoSessions" });
    // An online activity whose format changed after its sessions were set may lack links.
    if (a.format === "online" && live.some((s) => !s.meetingUrl)) {
      throw new AppError("validation", { _form: "errors.programmeSessionsNeedLink" });
    }
    await tx
      .update(programmeActivity)
      .set({ status: "published", updatedAt: new Date() })
      .where(eq(programmeActivity.id, a.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.activity.publish",
      entityType: "programme_activity",
      entityId: a.id,
      details: { sessions: n },
      requestId: actor.requestId,
    });
  });
}
