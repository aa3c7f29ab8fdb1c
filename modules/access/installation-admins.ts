import { and, asc, count, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Actor } from "./actor.ts";
import { findUserByEmail } from "./create-account.ts";
import { targetCentre } from "./installation-appoint-admin.ts";
import { requireInstallationAdmin } from "./installation-guard.ts";
import { installationAdmin, roleAssignment } from "./schema.ts";

/** Grants or takes away the capability in `tx`; the installation always keeps one holder. */
async function apply(
  tx: Queryable,
  who: { userId: string; centreId: string },
  on: boolean,
  audit: { actorUserId: string | null; action: string; requestId?: string },
) {
  // One change at a time, so two revocations cannot each leave the other as the last holder.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('installation:admins'))`);
  if (on) {
    await tx.insert(installationAdmin).values({ userId: who.userId }).onConflictDoNothing();
  } else {
    const [{ n }] = await tx.select({ n: count() }).from(installationAdmin);
    const removed = await tx
      .delete(installationAdmin)
      .where(eq(installationAdmin.userId, who.userId))
      .returning({ userId: installationAdmin.userId });
    if (removed.length && n <= 1) {
      throw new AppError("validation", { _form: "errors.installation.lastInstallationAdmin" });
    }
  }
  await writeAudit(tx, {
    centreId: who.centreId,
    actorUserId: audit.actorUserId,
    action: audit.action,
    entityType: "user",
    entityId: who.userId,
    requestId: audit.requestId,
  });
}

/**
 * Makes an administrator of a centre an installation administrator as well, or takes that
 * away. Only a centre's administrators are eligible: they are the people an installation
 * administrator already sees.
 */
export async function setInstallationAdmin(
  actor: Actor,
  centreId: string,
  userId: string,
  on: boolean,
): Promise<void> {
  requireInstallationAdmin(actor);
  await db().transaction(async (tx) => {
    const target = await targetCentre(tx, centreId);
    const [admin] = await tx
      .select({ userId: roleAssignment.userId })
      .from(roleAssignment)
      .where(
        and(
          eq(roleAssignment.centreId, target.id),
          eq(roleAssignment.userId, userId),
          eq(roleAssignment.role, "administrator"),
        ),
      );
    if (!admin) throw notFound();
    await apply(tx, { userId, centreId: target.id }, on, {
      actorUserId: actor.userId,
      action: on ? "installation.admin.grant" : "installation.admin.revoke",
      requestId: actor.requestId,
    });
  });
}

/**
 * For the command line (for example when the last installation administrator has left): grants
 * or takes away the capability by e-mail. The account must belong to a centre.
 */
export async function setInstallationAdminByEmail(email: string, on: boolean): Promise<string> {
  return db().transaction(async (tx) => {
    const u = await findUserByEmail(tx, email.trim());
    const [first] = u
      ? await tx
          .select({ centreId: roleAssignment.centreId })
          .from(roleAssignment)
          .where(eq(roleAssignment.userId, u.id))
          .orderBy(asc(roleAssignment.createdAt))
          .limit(1)
      : [];
    if (!u || !first) throw new Error(`No account of a centre has the address ${email}`);
    await apply(tx, { userId: u.id, centreId: first.centreId }, on, {
      actorUserId: null,
      action: on ? "cli.installation_admin.grant" : "cli.installation_admin.revoke",
    }).catch((err) => {
      if (err instanceof AppError && err.fieldErrors._form) {
        throw new Error("The installation must keep at least one installation administrator");
      }
      throw err;
    });
    return u.id;
  });
}
