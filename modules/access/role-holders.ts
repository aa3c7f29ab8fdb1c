// The people who hold a role in a centre, as recipients of mail: unit managers to approve an
// enrolment or to hear of an incident, safety officers, and so on.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { isLocale, type Locale } from "../../platform/i18n.ts";
import { employee } from "../org/schema.ts";
import type { Role } from "./permissions.ts";
import { roleAssignment, user } from "./schema.ts";

export type RoleHolder = {
  userId: string;
  email: string;
  firstName: string;
  locale: Locale | null;
};

/**
 * Holders of `role` in the centre (for a unit role, only those assigned to one of `unitIds`),
 * each once. Addresses come from their own employee records (the account's e-mail when there is
 * none); people whose employee record is deactivated are left out.
 */
export async function roleHolders(
  q: Queryable,
  centreId: string,
  role: Role,
  unitIds?: string[],
): Promise<RoleHolder[]> {
  if (unitIds && unitIds.length === 0) return [];
  const rows = await q
    .selectDistinct({
      userId: roleAssignment.userId,
      email: sql<string>`coalesce(${employee.email}, ${user.email})`,
      firstName: sql<string>`coalesce(${employee.firstName}, ${user.name})`,
      locale: user.locale,
    })
    .from(roleAssignment)
    .innerJoin(user, eq(user.id, roleAssignment.userId))
    .leftJoin(
      employee,
      and(eq(employee.userId, roleAssignment.userId), eq(employee.centreId, centreId)),
    )
    .where(
      and(
        eq(roleAssignment.centreId, centreId),
        eq(roleAssignment.role, role),
        unitIds ? inArray(roleAssignment.unitId, unitIds) : undefined,
        sql`coalesce(${employee.active}, true)`,
      ),
    )
    .orderBy(asc(roleAssignment.userId));
  return rows
    .filter((r) => r.email)
    .map((r) => ({ ...r, locale: isLocale(r.locale) ? r.locale : null }));
}
