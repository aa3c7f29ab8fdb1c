import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { getEmployee } from "../org/employees.ts";
import { centre, employee } from "../org/schema.ts";
import { type Actor, requirePermission } from "./actor.ts";
import { createPasswordAccount, findUserByEmail, passwordFields } from "./create-account.ts";
import { consumeLink, expireOpenLinks, findUsableLink, issueLink } from "./one-time-links.ts";
import { oneTimeLink, roleAssignment } from "./schema.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type AccountStatus = "not_invited" | "invited" | "active" | "disabled";

type Invitee = { id: string; firstName: string; email: string };

/** Replaces any open link of the employee with a fresh one and queues the mail, in `tx`. */
async function sendInvitation(tx: Queryable, actor: Actor, e: Invitee, centreName: string) {
  await expireOpenLinks(tx, { purpose: "invitation", employeeId: e.id });
  const token = await issueLink(tx, {
    purpose: "invitation",
    ttlMs: INVITATION_TTL_MS,
    centreId: actor.centreId,
    employeeId: e.id,
    email: e.email,
  });
  await enqueueMail(tx, {
    centreId: actor.centreId,
    kind: "invitation",
    to: e.email,
    template: "invitation",
    values: {
      name: e.firstName,
      centre: centreName,
      link: `${config().baseUrl}/invitation/${token}`,
    },
  });
  await writeAudit(tx, {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "employee.invite",
    entityType: "employee",
    entityId: e.id,
    requestId: actor.requestId,
  });
}

async function centreName(actor: Actor): Promise<string> {
  const [c] = await db()
    .select({ name: centre.name })
    .from(centre)
    .where(eq(centre.id, actor.centreId));
  return c.name;
}

/** Sends (or re-sends, replacing the old link) a one-time invitation to an employee. */
export async function inviteEmployee(actor: Actor, employeeId: string): Promise<void> {
  requirePermission(actor, "accounts.invite");
  const e = await getEmployee(actor, employeeId);
  if (e.userId) throw new AppError("conflict", { _form: "errors.alreadyHasAccount" });
  if (!e.active) throw new AppError("conflict", { _form: "errors.employeeInactive" });
  const name = await centreName(actor);
  await db().transaction((tx) => sendInvitation(tx, actor, e, name));
}

/**
 * Invites several employees at once: the chosen ones, or everyone active without an account
 * who has not been invited yet. Those who cannot be invited (an account already, inactive,
 * another centre's id) are skipped and counted. All or nothing: one transaction.
 */
export async function inviteEmployees(
  actor: Actor,
  target: { ids: string[] } | { allNotInvited: true },
): Promise<{ invited: number; skipped: number }> {
  requirePermission(actor, "accounts.invite");
  const requested = "ids" in target ? [...new Set(target.ids)].slice(0, 1000) : null;
  if (requested && requested.length === 0) {
    throw new AppError("validation", { ids: "errors.noneSelected" });
  }
  const candidates = await db()
    .select({ id: employee.id, firstName: employee.firstName, email: employee.email })
    .from(employee)
    .where(
      and(
        eq(employee.centreId, actor.centreId),
        eq(employee.active, true),
        isNull(employee.userId),
        requested ? inArray(employee.id, requested.filter(isUuid)) : undefined,
      ),
    );
  let chosen = candidates;
  if (!requested) {
    const statuses = await accountStatuses(
      actor,
      candidates.map((c) => ({ id: c.id, hasAccount: false, active: true })),
    );
    chosen = candidates.filter((c) => statuses.get(c.id) === "not_invited");
  }
  const name = await centreName(actor);
  await db().transaction(async (tx) => {
    for (const e of chosen) await sendInvitation(tx, actor, e, name);
  });
  return { invited: chosen.length, skipped: requested ? requested.length - chosen.length : 0 };
}

/** Status of the account for each employee id given (for lists and the employee page). */
export async function accountStatuses(
  actor: Actor,
  rows: { id: string; hasAccount: boolean; active: boolean }[],
): Promise<Map<string, AccountStatus>> {
  const out = new Map<string, AccountStatus>();
  const pending = rows.filter((r) => !r.hasAccount).map((r) => r.id);
  const open = pending.length
    ? await db()
        .select({ employeeId: oneTimeLink.employeeId, expiresAt: oneTimeLink.expiresAt })
        .from(oneTimeLink)
        .where(
          and(
            eq(oneTimeLink.centreId, actor.centreId),
            eq(oneTimeLink.purpose, "invitation"),
            inArray(oneTimeLink.employeeId, pending),
            isNull(oneTimeLink.usedAt),
          ),
        )
        .orderBy(desc(oneTimeLink.createdAt))
    : [];
  const invited = new Set(open.filter((o) => o.expiresAt > new Date()).map((o) => o.employeeId));
  for (const r of rows) {
    if (r.hasAccount) out.set(r.id, r.active ? "active" : "disabled");
    else out.set(r.id, invited.has(r.id) ? "invited" : "not_invited");
  }
  return out;
}

/** Who an invitation is for: an employee record, or (create-admin) a name and address. */
async function invitee(q: Queryable, link: typeof oneTimeLink.$inferSelect) {
  if (link.employeeId) {
    const [e] = await q
      .select()
      .from(employee)
      .where(and(eq(employee.id, link.employeeId), eq(employee.centreId, link.centreId!)));
    if (!e?.active || e.userId) throw new AppError("gone");
    return {
      employeeId: e.id,
      firstName: e.firstName,
      name: `${e.firstName} ${e.lastName}`,
      email: e.email,
      role: "employee",
    };
  }
  if (!link.email || !link.name || !link.role) throw new AppError("gone");
  return {
    employeeId: null,
    firstName: link.name.split(" ")[0],
    name: link.name,
    email: link.email,
    role: link.role,
  };
}

/** What the invitation page shows before the password is set. */
export async function describeInvitation(token: string) {
  const link = await findUsableLink(db(), "invitation", token);
  const who = await invitee(db(), link);
  const [c] = await db()
    .select({ name: centre.name })
    .from(centre)
    .where(eq(centre.id, link.centreId!));
  const existing = await findUserByEmail(db(), who.email);
  return {
    firstName: who.firstName,
    email: who.email,
    centreName: c?.name ?? "",
    hasAccount: Boolean(existing),
  };
}

/**
 * Turns an invitation into an account: a new one with the chosen password, or, when the
 * address already has an account of this centre, a link to it — which only its owner, signed
 * in, may make. An account of another centre is never joined to this one.
 */
export async function acceptInvitation(
  token: string,
  input: unknown,
  locale: string,
  signedInUserId: string | null,
) {
  return db().transaction(async (tx) => {
    const link = await findUsableLink(tx, "invitation", token);
    const who = await invitee(tx, link);
    const centreId = link.centreId!;
    const existing = await findUserByEmail(tx, who.email);
    const password = existing ? null : parseInput(passwordFields, input).password;
    if (existing) {
      if (existing.id !== signedInUserId) {
        throw new AppError("validation", { _form: "errors.signInToJoin" });
      }
      const elsewhere = await tx
        .select({ id: roleAssignment.id })
        .from(roleAssignment)
        .where(and(eq(roleAssignment.userId, existing.id), ne(roleAssignment.centreId, centreId)));
      if (elsewhere.length)
        throw new AppError("conflict", { _form: "errors.accountInOtherCentre" });
    }
    // Used up before anything is created, so a double submit fails cleanly on the link.
    await consumeLink(tx, link.id);
    const userId =
      existing?.id ??
      (await createPasswordAccount(tx, {
        email: who.email,
        name: who.name,
        password: password!,
        locale,
      }));
    if (who.employeeId) {
      await tx
        .update(employee)
        .set({ userId, updatedAt: new Date() })
        .where(and(eq(employee.id, who.employeeId), eq(employee.centreId, centreId)));
    }
    const roles = [...new Set(["employee", who.role])];
    for (const role of roles) {
      await tx.insert(roleAssignment).values({ centreId, userId, role }).onConflictDoNothing();
    }
    await writeAudit(tx, {
      centreId,
      actorUserId: userId,
      action: "invitation.accept",
      entityType: who.employeeId ? "employee" : "user",
      entityId: who.employeeId ?? userId,
    });
    return { email: who.email, existing: Boolean(existing) };
  });
}
