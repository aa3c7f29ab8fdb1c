// What the reporting form offers: the centre's active kinds, its units (the reporter's own
// chosen), and the reporter's colleagues of the same unit to tick as present.
import { and, asc, eq, ne } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { centreUnits } from "../org/units.ts";
import { ensureIncidentSetup } from "./defaults.ts";
import { activeKinds } from "./kinds.ts";

export async function reportFormOptions(actor: Actor) {
  requirePermission(actor, "incidents.report");
  await ensureIncidentSetup(db(), actor.centreId);
  const [me] = actor.employeeId
    ? await db()
        .select({ unitId: employee.unitId })
        .from(employee)
        .where(eq(employee.id, actor.employeeId))
    : [];
  const unitId = me?.unitId ?? null;
  const colleagues =
    unitId && actor.employeeId
      ? await db()
          .select({ id: employee.id, firstName: employee.firstName, lastName: employee.lastName })
          .from(employee)
          .where(
            and(
              eq(employee.centreId, actor.centreId),
              eq(employee.unitId, unitId),
              eq(employee.active, true),
              ne(employee.id, actor.employeeId),
            ),
          )
          .orderBy(asc(polishSortKey(employee.lastName)), asc(polishSortKey(employee.firstName)))
          .limit(200)
      : [];
  return {
    canReport: Boolean(actor.employeeId),
    kinds: await activeKinds(actor.centreId),
    units: await centreUnits(actor.centreId),
    unitId,
    colleagues,
  };
}
