import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { cancelAllEnrolments } from "./cancel-enrolment.ts";
import { notifyActivityChanged } from "./notices.ts";
import { programmeActivity } from "./schema.ts";

/**
 * Calls an activity off. A published one releases every enrolment (reason
 * "activity_cancelled") and tells each person, with calendar cancellations, in the same
 * transaction: either the activity is cancelled and everyone is told, or nothing happened.
 * A draft had no enrolments and simply stops being one.
 */
export async function cancelActivity(actor: Actor, activityId: string): Promise<void> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(activityId)) throw notFound();
  await db().transaction(async (tx) => {
    const [a] = await tx
      .select({ id: programmeActivity.id, status: programmeActivity.status })
      .from(programmeActivity)
      .where(
        and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
      )
      .for("update");
    if (!a) throw notFound();
    if (a.status === "cancelled") {
      throw new AppError("conflict", { _form: "errors.programmeActivityCancelled" });
    }
    await tx
      .update(programmeActivity)
      .set({ status: "cancelled", updatedAt: new Date() })
      .where(eq(programmeActivity.id, a.id));
    if (a.status === "published") {
      await cancelAllEnrolments(tx, actor.centreId, a.id, "activity_cancelled");
      await notifyActivityChanged(tx, actor.centreId, a.id, "activity_cancelled");
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.activity.cancel",
      entityType: "programme_activity",
      entityId: a.id,
      details: { was: a.status },
      requestId: actor.requestId,
    });
  });
}
