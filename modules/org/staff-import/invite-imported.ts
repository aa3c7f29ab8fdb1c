import { and, eq, sql } from "drizzle-orm";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { inviteEmployees } from "../../access/invitations.ts";
import { staffImport } from "../schema.ts";
import { loadImport, resultOf, type StoredResult } from "./store.ts";

/** inviteEmployees takes this many ids at a time. */
const BATCH = 1000;

/**
 * Invites the employees an applied import created (those who meanwhile got an account or left
 * are skipped). The invitations go through the mail outbox, so they show in the mail log. Done
 * once per import: a second run (a double submit, another tab) would send every invitation
 * again, and each new one voids the link in the mail before it.
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
  if (result.invited) throw new AppError("conflict", { _form: "errors.alreadyInvited" });
  // The claim: of two runs at once, only one finds "invited" still unset.
  const at = new Date().toISOString();
  const claim: StoredResult["invited"] = { invited: 0, skipped: 0, at, pending: true };
  const claimed = await db()
    .update(staffImport)
    .set({
      result: sql`jsonb_set(${staffImport.result}, '{invited}', ${JSON.stringify(claim)}::jsonb)`,
    })
    .where(
      and(
        eq(staffImport.id, row.id),
        eq(staffImport.status, "applied"),
        sql`${staffImport.result} -> 'invited' is null`,
      ),
    )
    .returning({ id: staffImport.id });
  if (claimed.length === 0) throw new AppError("conflict", { _form: "errors.alreadyInvited" });
  const record = (value: StoredResult["invited"]) =>
    db()
      .update(staffImport)
      .set({
        result: sql`jsonb_set(${staffImport.result}, '{invited}', ${JSON.stringify(value)}::jsonb)`,
        updatedAt: new Date(),
      })
      .where(eq(staffImport.id, row.id));
  let invited = 0;
  let skipped = 0;
  try {
    for (let i = 0; i < result.createdIds.length; i += BATCH) {
      const r = await inviteEmployees(actor, { ids: result.createdIds.slice(i, i + BATCH) });
      invited += r.invited;
      skipped += r.skipped;
    }
  } catch (err) {
    if (invited + skipped === 0) {
      // Nothing went out (a batch is one transaction): the claim is let go, to try again.
      await db()
        .update(staffImport)
        .set({ result: sql`${staffImport.result} - 'invited'` })
        .where(eq(staffImport.id, row.id));
    } else {
      // Some went out: sending those again would void their links. The rest can be invited
      // from the employee list ("everyone not yet invited").
      await record({ invited, skipped, at });
    }
    throw err;
  }
  await record({ invited, skipped, at });
  return { invited, skipped };
}
