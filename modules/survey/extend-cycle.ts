import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { lockCycle, notOpen } from "./cycle-common.ts";
import { surveyCycle } from "./schema.ts";

const extendFields = z.object({
  closesAt: z
    .union([z.date(), z.iso.datetime({ offset: true, error: "errors.date" })], {
      error: "errors.date",
    })
    .transform((v) => new Date(v)),
});

/**
 * Moves the closing time of an open cycle later. Only while it is open: a closed cycle stays
 * closed — its results may already have been read, and answers arriving after that would change
 * published figures (and could be told apart by the change). A cycle needing more answers after
 * closing gets a new cycle. The new time must be later than the current one and in the future;
 * reminder days already set stay as they are.
 */
export async function extendCycle(actor: Actor, cycleId: string, input: unknown): Promise<void> {
  requirePermission(actor, "survey.manage");
  const d = parseInput(extendFields, input);
  await db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (cycle.status !== "open") throw notOpen();
    if (d.closesAt.getTime() <= cycle.closesAt.getTime() || d.closesAt.getTime() <= Date.now()) {
      throw new AppError("validation", { closesAt: "errors.surveyExtendLater" });
    }
    await tx.update(surveyCycle).set({ closesAt: d.closesAt }).where(eq(surveyCycle.id, cycle.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.cycle.extend",
      entityType: "survey_cycle",
      entityId: cycle.id,
      details: { from: cycle.closesAt.toISOString(), to: d.closesAt.toISOString() },
      requestId: actor.requestId,
    });
  });
}
