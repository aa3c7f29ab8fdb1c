import { and, eq, inArray, sql } from "drizzle-orm";
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
  // One round trip for the four counts.
  const [counts] = await db()
    .select({
      units: sql<number>`(select count(*)::int from ${orgUnit} where ${orgUnit.centreId} = ${c})`,
      positions: sql<number>`(select count(*)::int from ${position} where ${position.centreId} = ${c})`,
      employees: sql<number>`(select count(*)::int from ${employee} where ${employee.centreId} = ${c} and ${employee.active})`,
      accounts: sql<number>`(select count(*)::int from ${employee} where ${employee.centreId} = ${c} and ${employee.active} and ${employee.userId} is not null)`,
    })
    .from(sql`(select 1) as one`);
  return { managed, counts };
}
