import { eq } from "drizzle-orm";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { inviteEmployees } from "../../access/invitations.ts";
import { staffImport } from "../schema.ts";
import { loadImport, resultOf } from "./store.ts";

/** inviteEmployees takes this many ids at a time. */
const BATCH = 1000;

/**
 * Invites the employees an applied import created (those who meanwhile got an account or left
 * are skipped). The invitations go through the mail outbox, so they show in the mail log.
 */
export async function inviteImported(
  actor: Actor,
  importId: string,
): Promise<{ invited: number; skipped: number }> {
  requirePermission(actor, "accounts.invite");
  const row = await loadImport(db(), actor.centreId, importId);
  const result = resultOf(row);
  if (row.status !== "applied" || !result) {
    throw new AppError("conflict", { _form: "errors.importBusy" });
  }
  if (result.createdIds.length === 0) {
    throw new AppError("validation", { _form: "errors.noneSelected" });
  }
  let invited = 0;
  let skipped = 0;
  for (let i = 0; i < result.createdIds.length; i += BATCH) {
    const r = await inviteEmployees(actor, { ids: result.createdIds.slice(i, i + BATCH) });
    invited += r.invited;
    skipped += r.skipped;
  }
  await db()
    .update(staffImport)
    .set({
      result: { ...result, invited: { invited, skipped, at: new Date().toISOString() } },
      updatedAt: new Date(),
    })
    .where(eq(staffImport.id, row.id));
  return { invited, skipped };
}
