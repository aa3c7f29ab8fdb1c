// Who sees which incidents. Safety officers and management: all of the centre's. A manager: the
// incidents of their units (and the units beneath), besides their own reports. Everyone else:
// the incidents they reported. An incident outside one's view is "not found", never "forbidden",
// so its existence is not given away either.
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { type Actor, can, requirePermission, unitScope } from "../access/actor.ts";
import { incident } from "./schema.ts";

/** The condition on `incident` rows the actor may see. */
export async function visibleIncidents(actor: Actor): Promise<SQL> {
  requirePermission(actor, "incidents.report");
  const centre = eq(incident.centreId, actor.centreId);
  const own = actor.employeeId ? eq(incident.reporterId, actor.employeeId) : sql`false`;
  if (!can(actor, "incidents.view")) return and(centre, own)!;
  const units = await unitScope(db(), actor, "incidents.view");
  if (units === null) return centre;
  return and(centre, or(own, units.length ? inArray(incident.unitId, units) : sql`false`))!;
}

/**
 * The units whose incidents' checklists the actor works: null for all (safety officers), the
 * managed units for a manager, none without the permission. Read before a transaction opens:
 * PGlite has one connection, and a query outside the transaction would wait for it forever.
 */
export async function stepScope(actor: Actor): Promise<string[] | null> {
  if (!can(actor, "incidents.steps")) return [];
  return unitScope(db(), actor, "incidents.steps");
}

export function worksUnit(scope: string[] | null, unitId: string | null): boolean {
  return scope === null || (unitId !== null && scope.includes(unitId));
}

/** Whether the actor works the checklist of an incident of this unit (scoped for managers). */
export async function mayWorkSteps(actor: Actor, unitId: string | null): Promise<boolean> {
  return worksUnit(await stepScope(actor), unitId);
}
