import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { lockCycle } from "./cycle-common.ts";
import { resealCycleRows } from "./reseal-cycle.ts";
import { surveyCycle } from "./schema.ts";

/**
 * Closes a cycle (early, or on time): from then on it accepts nothing, whatever its closing
 * date. A draft that was never opened may be closed too, so it can be abandoned. Closing twice
 * is a conflict rather than a silent success, so a caller learns the cycle was already closed.
 * Submissions hold a KEY SHARE lock on the cycle row, which this FOR UPDATE lock waits for:
 * a submission already past its checks lands before the close, and one that comes after waits
 * and then sees the cycle closed.
 */
export async function closeCycle(actor: Actor, cycleId: string): Promise<void> {
  requirePermission(actor, "survey.manage");
  await db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (cycle.status === "closed") {
      throw new AppError("conflict", { _form: "errors.surveyClosed" });
    }
    await tx
      .update(surveyCycle)
      .set({ status: "closed", closedAt: new Date() })
      .where(eq(surveyCycle.id, cycle.id));
    await resealCycleRows(tx, cycle.id);
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.cycle.close",
      entityType: "survey_cycle",
      entityId: cycle.id,
      requestId: actor.requestId,
    });
  });
}
