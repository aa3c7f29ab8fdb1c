import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { isLocale, type Locale } from "../../platform/i18n.ts";
import { centre, employee, orgUnit } from "../org/schema.ts";
import { auth, SESSION_COOKIE_PREFIX } from "./auth.ts";
import { hasPermission, isRole, isUnitScoped, type Permission, type Role } from "./permissions.ts";
import { installationAdmin, roleAssignment, user } from "./schema.ts";

/** Who is acting: every service function takes this first. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  locale: Locale | null;
  twoFactorEnabled: boolean;
  centreId: string;
  centreName: string;
  roles: Role[];
  /** Units a manager role is assigned to (descendants are included by unitScope()). */
  managedUnitIds: string[];
  employeeId: string | null;
  /** May create centres and appoint their administrators (gives no access to their data). */
  installationAdmin: boolean;
  /** Set when the request is made with an integration key instead of a session. */
  apiKeyId?: string;
  requestId?: string;
};

type UserRow = {
  id: string;
  name: string;
  email: string;
  locale?: string | null;
  twoFactorEnabled?: boolean | null;
};

/** The actor for a user whose row is already at hand (from the session): one query more. */
async function actorForUser(u: UserRow, requestId?: string): Promise<Actor | null> {
  const [assignments, [installation]] = await Promise.all([
    db()
      .select({
        centreId: roleAssignment.centreId,
        role: roleAssignment.role,
        unitId: roleAssignment.unitId,
        centreName: centre.name,
        employeeId: employee.id,
        employeeActive: employee.active,
      })
      .from(roleAssignment)
      .innerJoin(centre, eq(centre.id, roleAssignment.centreId))
      .leftJoin(
        employee,
        and(
          eq(employee.centreId, roleAssignment.centreId),
          eq(employee.userId, roleAssignment.userId),
        ),
      )
      .where(eq(roleAssignment.userId, u.id))
      .orderBy(asc(roleAssignment.createdAt)),
    db()
      .select({ userId: installationAdmin.userId })
      .from(installationAdmin)
      .where(eq(installationAdmin.userId, u.id)),
  ]);
  if (assignments.length === 0) return null;
  // One centre per person for now; a person working for two centres has two accounts.
  const centreId = assignments[0].centreId;
  const mine = assignments.filter((a) => a.centreId === centreId);
  // A deactivated employee's account stops working at once, whatever sessions it still holds.
  if (mine[0].employeeId && mine[0].employeeActive === false) return null;
  return {
    userId: u.id,
    name: u.name,
    email: u.email,
    locale: isLocale(u.locale) ? u.locale : null,
    twoFactorEnabled: Boolean(u.twoFactorEnabled),
    centreId,
    centreName: assignments[0].centreName,
    roles: [...new Set(mine.map((a) => a.role).filter(isRole))],
    managedUnitIds: [
      ...new Set(mine.filter((a) => a.role === "manager" && a.unitId).map((a) => a.unitId!)),
    ],
    employeeId: mine[0].employeeId ?? null,
    installationAdmin: Boolean(installation),
    requestId,
  };
}

export async function loadActor(userId: string, requestId?: string): Promise<Actor | null> {
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  return u ? actorForUser(u, requestId) : null;
}

/** The signed-in person behind a request's session cookie, or null. */
export async function actorFromRequest(
  headers: Headers,
  requestId?: string,
): Promise<Actor | null> {
  if (!headers.get("cookie")?.includes(SESSION_COOKIE_PREFIX)) return null;
  const a = await auth();
  const s = await a.api.getSession({ headers });
  if (!s) return null;
  return actorForUser(s.user as UserRow, requestId);
}

export function can(actor: Actor, permission: Permission): boolean {
  return hasPermission(actor.roles, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError("forbidden");
}

/**
 * The units whose data the actor may see under a permission: null means all of the centre;
 * for a unit-scoped role it is the assigned units and everything beneath them.
 */
export async function unitScope(
  q: Db,
  actor: Actor,
  permission: Permission,
): Promise<string[] | null> {
  requirePermission(actor, permission);
  if (!isUnitScoped(actor.roles, permission)) return null;
  if (actor.managedUnitIds.length === 0) return [];
  const units = await q
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, actor.centreId));
  return descendantsOf(actor.managedUnitIds, units);
}

/** Pure: the given units and all their descendants in a parent-linked list. */
export function descendantsOf(
  roots: string[],
  units: { id: string; parentId: string | null }[],
): string[] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...seen];
}

export async function usersByIds(ids: string[]) {
  if (ids.length === 0) return [];
  return db().select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids));
}
