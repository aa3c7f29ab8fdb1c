// The Procedure's text as a versioned document: a safety officer publishes a new version (the
// old ones are kept); every employee confirms reading the newest; who has and who has not is
// counted per unit, with the names of those who have not, for the unit's manager and the
// safety officer and management.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { type Actor, can, requirePermission, unitScope } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { ensureIncidentSetup } from "./defaults.ts";
import { DOCUMENT_MAX, incidentProcedureDocument, incidentProcedureRead } from "./schema.ts";

async function latest(centreId: string) {
  await ensureIncidentSetup(db(), centreId);
  const [doc] = await db()
    .select()
    .from(incidentProcedureDocument)
    .where(eq(incidentProcedureDocument.centreId, centreId))
    .orderBy(desc(incidentProcedureDocument.version))
    .limit(1);
  return doc;
}

/** The newest version, whether the actor has confirmed it, and what they may do. */
export async function procedureDocument(actor: Actor) {
  requirePermission(actor, "incidents.report");
  const doc = await latest(actor.centreId);
  const [read] = actor.employeeId
    ? await db()
        .select({ at: incidentProcedureRead.confirmedAt })
        .from(incidentProcedureRead)
        .where(
          and(
            eq(incidentProcedureRead.documentId, doc.id),
            eq(incidentProcedureRead.employeeId, actor.employeeId),
          ),
        )
    : [];
  return {
    id: doc.id,
    version: doc.version,
    body: doc.body,
    publishedAt: doc.publishedAt,
    confirmedAt: read?.at ?? null,
    mayConfirm: actor.employeeId !== null,
    mayPublish: can(actor, "incidents.manage"),
    mayReport: can(actor, "incidents.view"),
  };
}

/** The actor confirms reading a version; confirming twice keeps the first time. */
export async function confirmRead(actor: Actor, documentId: string): Promise<void> {
  requirePermission(actor, "incidents.report");
  if (!actor.employeeId) throw new AppError("validation", { _form: "errors.incidentNoEmployee" });
  const doc = await latest(actor.centreId);
  // Only the newest version can be confirmed: a page left open over a new version says so.
  if (doc.id !== documentId) {
    throw new AppError("conflict", { _form: "errors.incidentProcedureChanged" });
  }
  await db()
    .insert(incidentProcedureRead)
    .values({ documentId: doc.id, employeeId: actor.employeeId })
    .onConflictDoNothing();
}

export const publishFields = z.object({
  body: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(DOCUMENT_MAX, "errors.incidentDocumentTooLong"),
  basedOn: z.coerce.number().int().describe("the version the edit started from"),
});

/** Publishes a new version (incidents.manage); an edit of an older version is refused. */
export async function publishVersion(actor: Actor, input: unknown): Promise<{ version: number }> {
  requirePermission(actor, "incidents.manage");
  const d = parseInput(publishFields, input);
  await ensureIncidentSetup(db(), actor.centreId);
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`incidents:${actor.centreId}`}))`);
    const [{ version }] = await tx
      .select({ version: sql<number>`coalesce(max(${incidentProcedureDocument.version}), 0)::int` })
      .from(incidentProcedureDocument)
      .where(eq(incidentProcedureDocument.centreId, actor.centreId));
    if (version !== d.basedOn) {
      throw new AppError("conflict", { body: "errors.incidentProcedureChanged" });
    }
    await tx.insert(incidentProcedureDocument).values({
      centreId: actor.centreId,
      version: version + 1,
      body: d.body,
      publishedByUserId: actor.userId,
    });
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "incident.procedure.publish",
      entityType: "incident_procedure_document",
      details: { version: version + 1 },
      requestId: actor.requestId,
    });
    return { version: version + 1 };
  });
}

/**
 * Who has confirmed the newest version, per unit (a manager: their units), and by name those
 * who have not, in the unit asked for.
 */
export async function readingReport(actor: Actor, unitId?: string) {
  const units = await unitScope(db(), actor, "incidents.view");
  const doc = await latest(actor.centreId);
  const confirmed = sql<boolean>`exists (select 1 from ${incidentProcedureRead} r
    where r.document_id = ${doc.id} and r.employee_id = ${employee.id})`;
  const inScope =
    units === null ? undefined : inArray(employee.unitId, units.length ? units : [""]);
  const rows = await db()
    .select({
      unitId: employee.unitId,
      unitName: orgUnit.name,
      total: sql<number>`count(*)::int`,
      read: sql<number>`count(*) filter (where ${confirmed})::int`,
    })
    .from(employee)
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .where(and(eq(employee.centreId, actor.centreId), eq(employee.active, true), inScope))
    .groupBy(employee.unitId, orgUnit.name)
    .orderBy(asc(orgUnit.name));
  const chosen = unitId && rows.some((r) => r.unitId === unitId) ? unitId : null;
  const notRead = chosen
    ? await db()
        .select({ id: employee.id, firstName: employee.firstName, lastName: employee.lastName })
        .from(employee)
        .where(
          and(
            eq(employee.centreId, actor.centreId),
            eq(employee.active, true),
            eq(employee.unitId, chosen),
            sql`not ${confirmed}`,
          ),
        )
        .orderBy(asc(employee.lastName), asc(employee.firstName))
    : [];
  return { version: doc.version, units: rows, unitId: chosen, notRead };
}
