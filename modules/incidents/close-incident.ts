// Closing an incident's procedure: only when no mandatory step is open — the refusal names
// each of them. A closed incident may be opened again (a step done too soon, new facts).
import { and, asc, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { stepScope, visibleIncidents, worksUnit } from "./incident-scope.ts";
import { incident, incidentStep, stepField } from "./schema.ts";

export async function setIncidentClosed(
  actor: Actor,
  incidentId: string,
  closed: boolean,
  now = new Date(),
): Promise<void> {
  if (!isUuid(incidentId)) throw notFound();
  // Who may see and work what is read before the transaction (see stepScope).
  const visible = await visibleIncidents(actor);
  const scope = await stepScope(actor);
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: incident.id, unitId: incident.unitId, status: incident.status })
      .from(incident)
      .where(and(eq(incident.id, incidentId), visible))
      .for("update");
    if (!row) throw notFound();
    if (!worksUnit(scope, row.unitId)) throw new AppError("forbidden");
    if ((row.status === "closed") === closed) return;
    if (closed) {
      const open = await tx
        .select({ id: incidentStep.id })
        .from(incidentStep)
        .where(
          and(
            eq(incidentStep.incidentId, row.id),
            eq(incidentStep.mandatory, true),
            eq(incidentStep.status, "open"),
          ),
        )
        .orderBy(asc(incidentStep.position));
      if (open.length) {
        throw new AppError("conflict", {
          _form: "errors.incidentOpenSteps",
          ...Object.fromEntries(open.map((s) => [stepField(s.id), "errors.incidentStepOpen"])),
        });
      }
    }
    await tx
      .update(incident)
      .set({ status: closed ? "closed" : "open", closedAt: closed ? now : null, updatedAt: now })
      .where(eq(incident.id, row.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: closed ? "incident.close" : "incident.reopen",
      entityType: "incident",
      entityId: row.id,
      details: {},
      requestId: actor.requestId,
    });
  });
}
