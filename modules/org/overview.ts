import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { type Actor, can } from "../access/actor.ts";
import { employee, orgUnit, position } from "./schema.ts";

/** Counts for the dashboard: what exists, so empty states can point to the next step. */
export async function centreOverview(actor: Actor) {
  const managed = actor.managedUnitIds.length
    ? await db()
        .select({ id: orgUnit.id, name: orgUnit.name })
        .from(orgUnit)
        .where(and(eq(orgUnit.centreId, actor.centreId), inArray(orgUnit.id, actor.managedUnitIds)))
    : [];
  if (!can(actor, "org.structure.view")) return { managed, counts: null };
  const c = actor.centreId;
  const [[units], [positions], [employees], [accounts]] = await Promise.all([
    db().select({ n: count() }).from(orgUnit).where(eq(orgUnit.centreId, c)),
    db().select({ n: count() }).from(position).where(eq(position.centreId, c)),
    db()
      .select({ n: count() })
      .from(employee)
      .where(and(eq(employee.centreId, c), eq(employee.active, true))),
    db()
      .select({ n: count() })
      .from(employee)
      .where(and(eq(employee.centreId, c), eq(employee.active, true), isNotNull(employee.userId))),
  ]);
  return {
    managed,
    counts: {
      units: units.n,
      positions: positions.n,
      employees: employees.n,
      accounts: accounts.n,
    },
  };
}
