import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { CENTRE_TYPES, centre, employee } from "../org/schema.ts";
import type { Actor } from "./actor.ts";
import { requireInstallationAdmin } from "./installation-guard.ts";
import { roleAssignment } from "./schema.ts";

export const CENTRE_SORTS = ["name", "city", "type", "employees", "created"] as const;

export const centreListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  type: z.enum(CENTRE_TYPES).optional().catch(undefined),
  sort: z.enum(CENTRE_SORTS).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});

/**
 * Every centre of the installation with what an installation administrator needs to look after
 * it: name, type, city, the number of active employees and of administrators. No centre's
 * records are read beyond these counts.
 */
export async function listCentres(actor: Actor, query: unknown) {
  requireInstallationAdmin(actor);
  const f = centreListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [];
  if (f.type) where.push(eq(centre.type, f.type));
  for (const w of f.q.split(/\s+/).filter(Boolean).slice(0, 5)) {
    const like = `%${w.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(or(ilike(centre.name, like), ilike(centre.city, like)));
  }
  const cond = and(...where);
  const employees = db()
    .select({ centreId: employee.centreId, n: count().as("employee_count") })
    .from(employee)
    .where(eq(employee.active, true))
    .groupBy(employee.centreId)
    .as("employees");
  const admins = db()
    .select({ centreId: roleAssignment.centreId, n: count().as("admin_count") })
    .from(roleAssignment)
    .where(eq(roleAssignment.role, "administrator"))
    .groupBy(roleAssignment.centreId)
    .as("admins");
  const employeeCount = sql<number>`coalesce(${employees.n}, 0)::int`;
  const dirFn = f.dir === "desc" ? desc : asc;
  const byName = asc(polishSortKey(centre.name));
  const orderBy = {
    name: [dirFn(polishSortKey(centre.name))],
    city: [dirFn(polishSortKey(centre.city)), byName],
    type: [dirFn(centre.type), byName],
    employees: [dirFn(employeeCount), byName],
    created: [dirFn(centre.createdAt), byName],
  }[f.sort];
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: centre.id,
        name: centre.name,
        type: centre.type,
        city: centre.city,
        createdAt: centre.createdAt,
        employees: employeeCount,
        administrators: sql<number>`coalesce(${admins.n}, 0)::int`,
      })
      .from(centre)
      .leftJoin(employees, eq(employees.centreId, centre.id))
      .leftJoin(admins, eq(admins.centreId, centre.id))
      .where(cond)
      .orderBy(...orderBy, asc(centre.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(centre).where(cond),
  ]);
  return { rows, total, ...f };
}
