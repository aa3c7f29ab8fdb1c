// Working the checklist: a step marked done (or, when not mandatory, skipped) or opened again,
// with a note. Every step carries a version: a change made from an older copy of the page —
// someone else saved the step in the meantime — is refused and the step shown as it is now.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { stepScope, visibleIncidents, worksUnit } from "./incident-scope.ts";
import { incident, incidentStep, NOTE_MAX, STEP_STATUSES, stepField } from "./schema.ts";

export const stepFields = z.object({
  status: z.enum(STEP_STATUSES, { message: "errors.required" }),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX, "errors.incidentNoteTooLong")
    .optional()
    .default("")
    .describe(`what was done, at most ${NOTE_MAX} characters; no client names`),
  version: wholeNumber(1, 1_000_000, "errors.invalid").describe(
    "the step's version as read; a newer one on the server is a 409",
  ),
});

export async function workStep(
  actor: Actor,
  incidentId: string,
  stepId: string,
  input: unknown,
  now = new Date(),
): Promise<{ version: number }> {
  if (!isUuid(incidentId) || !isUuid(stepId)) throw notFound();
  const field = stepField(stepId);
  const d = parseInput(stepFields, input);
  // Who may see and work what is read before the transaction (see stepScope).
  const visible = await visibleIncidents(actor);
  const scope = await stepScope(actor);
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ unitId: incident.unitId, status: incident.status, step: incidentStep })
      .from(incidentStep)
      .innerJoin(incident, eq(incident.id, incidentStep.incidentId))
      .where(and(eq(incidentStep.id, stepId), eq(incidentStep.incidentId, incidentId), visible))
      .for("update", { of: incidentStep });
    if (!row) throw notFound();
    if (!worksUnit(scope, row.unitId)) throw new AppError("forbidden");
    if (row.status === "closed") {
      throw new AppError("conflict", { [field]: "errors.incidentClosed" });
    }
    if (d.status === "skipped" && row.step.mandatory) {
      throw new AppError("validation", { [field]: "errors.incidentMandatorySkip" });
    }
    // Someone saved this step since the page was loaded: tell, overwrite nothing.
    if (row.step.version !== d.version) {
      throw new AppError("conflict", { [field]: "errors.incidentStepChanged" });
    }
    const finished = d.status !== "open";
    const [saved] = await tx
      .update(incidentStep)
      .set({
        status: d.status,
        note: d.note,
        doneAt: finished ? (row.step.status === d.status ? row.step.doneAt : now) : null,
        doneByUserId: finished ? actor.userId : null,
        byReport: false,
        version: sql`${incidentStep.version} + 1`,
      })
      .where(and(eq(incidentStep.id, stepId), eq(incidentStep.version, d.version)))
      .returning({ version: incidentStep.version });
    if (!saved) throw new AppError("conflict", { [field]: "errors.incidentStepChanged" });
    await tx.update(incident).set({ updatedAt: now }).where(eq(incident.id, incidentId));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "incident.step",
      entityType: "incident",
      entityId: incidentId,
      details: { step: row.step.key ?? row.step.title, status: d.status },
      requestId: actor.requestId,
    });
    return saved;
  });
}
