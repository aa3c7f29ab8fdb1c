// The centre's own procedure: the kinds of incident (built-in ones switched off or on, the
// centre's own added) and the steps of the Procedure (changed, added, switched off). Changes
// apply to incidents reported from then on; a reported incident keeps the checklist it got.
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { booleanField, isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { ensureIncidentSetup } from "./defaults.ts";
import { incidentKind, incidentProcedureStep, SEVERITIES, STEP_OWNERS } from "./schema.ts";

export async function incidentSettings(actor: Actor) {
  requirePermission(actor, "incidents.manage");
  await ensureIncidentSetup(db(), actor.centreId);
  const kinds = await db()
    .select()
    .from(incidentKind)
    .where(eq(incidentKind.centreId, actor.centreId))
    .orderBy(asc(incidentKind.position), asc(incidentKind.label));
  const steps = await db()
    .select()
    .from(incidentProcedureStep)
    .where(eq(incidentProcedureStep.centreId, actor.centreId))
    .orderBy(asc(incidentProcedureStep.position));
  return { kinds, steps };
}

export const kindFields = z.object({
  label: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(80, "errors.incidentLabelTooLong"),
  penalCode: booleanField(false),
});

/** Adds a kind of the centre's own. */
export async function addKind(actor: Actor, input: unknown): Promise<{ id: string }> {
  requirePermission(actor, "incidents.manage");
  const d = parseInput(kindFields, input);
  await ensureIncidentSetup(db(), actor.centreId);
  try {
    return await db().transaction(async (tx) => {
      const [row] = await tx
        .insert(incidentKind)
        .values({ centreId: actor.centreId, label: d.label, penalCode: d.penalCode, position: 100 })
        .returning({ id: incidentKind.id });
      await audit(tx, actor, "incident.kind.add", row.id);
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err, "incident_kind_label_unique")) {
      throw new AppError("validation", { label: "errors.incidentKindExists" });
    }
    throw err;
  }
}

/** Switches a kind off (no new reports of it) or on again. */
export async function setKindActive(actor: Actor, id: string, active: boolean): Promise<void> {
  requirePermission(actor, "incidents.manage");
  if (!isUuid(id)) throw notFound();
  await db().transaction(async (tx) => {
    const done = await tx
      .update(incidentKind)
      .set({ active })
      .where(and(eq(incidentKind.id, id), eq(incidentKind.centreId, actor.centreId)))
      .returning({ id: incidentKind.id });
    if (done.length === 0) throw notFound();
    await audit(tx, actor, active ? "incident.kind.on" : "incident.kind.off", id);
  });
}

export const procedureStepFields = z.object({
  title: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(300, "errors.incidentTitleTooLong"),
  owner: z.enum(STEP_OWNERS, { message: "errors.required" }),
  deadlineHours: wholeNumber(0, 8760, "errors.incidentDeadline"),
  mandatory: booleanField(false),
  penalCodeOnly: booleanField(false),
  minSeverity: z.enum(SEVERITIES, { message: "errors.required" }),
  kindIds: z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((v) =>
      (Array.isArray(v) ? v : (v ?? "").split(",")).map((x) => x.trim()).filter(Boolean),
    ),
  active: booleanField(true),
});

/** Changes a step of the procedure (id) or adds one (null) at the end. */
export async function saveStep(
  actor: Actor,
  id: string | null,
  input: unknown,
): Promise<{ id: string }> {
  requirePermission(actor, "incidents.manage");
  if (id !== null && !isUuid(id)) throw notFound();
  const d = parseInput(procedureStepFields, input);
  await ensureIncidentSetup(db(), actor.centreId);
  return db().transaction(async (tx) => {
    if (d.kindIds.length) {
      const known = await tx
        .select({ id: incidentKind.id })
        .from(incidentKind)
        .where(
          and(
            eq(incidentKind.centreId, actor.centreId),
            inArray(incidentKind.id, d.kindIds.filter(isUuid)),
          ),
        );
      if (known.length !== new Set(d.kindIds).size) {
        throw new AppError("validation", { kindIds: "errors.invalid" });
      }
    }
    const values = {
      title: d.title,
      owner: d.owner,
      deadlineHours: d.deadlineHours,
      mandatory: d.mandatory,
      penalCodeOnly: d.penalCodeOnly,
      minSeverity: d.minSeverity,
      kindIds: [...new Set(d.kindIds)],
      active: d.active,
    };
    let saved: string;
    if (id) {
      const done = await tx
        .update(incidentProcedureStep)
        .set(values)
        .where(
          and(eq(incidentProcedureStep.id, id), eq(incidentProcedureStep.centreId, actor.centreId)),
        )
        .returning({ id: incidentProcedureStep.id });
      if (done.length === 0) throw notFound();
      saved = id;
    } else {
      const existing = await tx
        .select({ position: incidentProcedureStep.position })
        .from(incidentProcedureStep)
        .where(eq(incidentProcedureStep.centreId, actor.centreId));
      const [row] = await tx
        .insert(incidentProcedureStep)
        .values({
          ...values,
          centreId: actor.centreId,
          position: Math.max(-1, ...existing.map((e) => e.position)) + 1,
        })
        .returning({ id: incidentProcedureStep.id });
      saved = row.id;
    }
    await audit(tx, actor, id ? "incident.step.update" : "incident.step.add", saved);
    return { id: saved };
  });
}

async function audit(
  tx: Parameters<typeof writeAudit>[0],
  actor: Actor,
  action: string,
  entityId: string,
) {
  await writeAudit(tx, {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action,
    entityType: "incident_procedure",
    entityId,
    details: {},
    requestId: actor.requestId,
  });
}
