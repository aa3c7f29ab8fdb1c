import { and, asc, eq, inArray } from "drizzle-orm";
import { type Db, db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { isLocale, type Locale } from "../../platform/i18n.ts";
import { centre, employee, orgUnit } from "../org/schema.ts";
import { auth } from "./auth.ts";
import { hasPermission, isRole, isUnitScoped, type Permission, type Role } from "./permissions.ts";
import { roleAssignment, user } from "./schema.ts";

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
  requestId?: string;
};

export async function loadActor(userId: string, requestId?: string): Promise<Actor | null> {
  const [u] = await db().select().from(user).where(eq(user.id, userId));
  if (!u) return null;
  const assignments = await db()
    .select({
      centreId: roleAssignment.centreId,
      role: roleAssignment.role,
      unitId: roleAssignment.unitId,
      centreName: centre.name,
    })
    .from(roleAssignment)
    .innerJoin(centre, eq(centre.id, roleAssignment.centreId))
    .where(eq(roleAssignment.userId, userId))
    .orderBy(asc(roleAssignment.createdAt));
  if (assignments.length === 0) return null;
  // One centre per person for now; a person working for two centres has two accounts.
  const centreId = assignments[0].centreId;
  const mine = assignments.filter((a) => a.centreId === centreId);
  const roles = [...new Set(mine.map((a) => a.role).filter(isRole))];
  const [emp] = await db()
    .select({ id: employee.id })
    .from(employee)
    .where(and(eq(employee.centreId, centreId), eq(employee.userId, userId)));
  return {
    userId,
    name: u.name,
    email: u.email,
    locale: isLocale(u.locale) ? u.locale : null,
    twoFactorEnabled: Boolean(u.twoFactorEnabled),
    centreId,
    centreName: assignments[0].centreName,
    roles,
    managedUnitIds: mine.filter((a) => a.role === "manager" && a.unitId).map((a) => a.unitId!),
    employeeId: emp?.id ?? null,
    requestId,
  };
}

/** The signed-in person behind a request's session cookie, or null. */
export async function actorFromRequest(
  headers: Headers,
  requestId?: string,
): Promise<Actor | null> {
  const a = await auth();
  const s = await a.api.getSession({ headers });
  if (!s) return null;
  return loadActor(s.user.id, requestId);
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
