// Precautions on a case reference: "visits in pairs", "police assistance advised". Set by a
// unit's manager (their units) or a safety officer; shown besides to the unit's staff who meet
// clients (their position's client contact), and to them only while the review date has not
// passed: after it the precaution lapses unless renewed, so what is kept about a client is kept
// only as long as it is needed. The reviewer is told when it lapses (incident-jobs.ts).
import { and, asc, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { searchWords } from "../../platform/sql.ts";
import { booleanField, isUuid, parseEachField } from "../../platform/validation.ts";
import { addDays, isCalendarDay, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, can, unitScope } from "../access/actor.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { checkCaseReference } from "./case-reference.ts";
import { incidentPrecaution, REASON_MAX } from "./schema.ts";

/** A precaution is reviewed at least once a year. */
export const REVIEW_MAX_DAYS = 366;

export const precautionFields = z.object({
  unitId: z.string({ message: "errors.required" }).trim().min(1, "errors.required"),
  caseReference: z.string({ message: "errors.required" }).trim().min(1, "errors.required"),
  visitsInPairs: booleanField(false),
  policeAdvised: booleanField(false),
  reason: z
    .string()
    .trim()
    .max(REASON_MAX, "errors.incidentReasonTooLong")
    .optional()
    .default("")
    .describe("why, in a few words, without the client's name (an incident's number will do)"),
  reviewOn: z
    .string({ message: "errors.required" })
    .trim()
    .refine(isCalendarDay, "errors.date")
    .describe("yyyy-mm-dd: after this day it lapses unless renewed; at most a year ahead"),
});

/** The units whose precautions the actor keeps: null for all, none without the permission. */
async function keptUnits(actor: Actor): Promise<string[] | null> {
  if (!can(actor, "incidents.precautions.manage")) return [];
  return unitScope(db(), actor, "incidents.precautions.manage");
}

/**
 * What the actor sees: kept units' precautions, lapsed ones included; and, for anyone whose
 * position meets clients, the active precautions of their own unit.
 */
async function seenWhere(actor: Actor, today: string): Promise<SQL> {
  const kept = await keptUnits(actor);
  const centre = eq(incidentPrecaution.centreId, actor.centreId);
  if (kept === null) return centre;
  const parts: SQL[] = [];
  if (kept.length) parts.push(inArray(incidentPrecaution.unitId, kept));
  if (actor.employeeId) {
    const [me] = await db()
      .select({ unitId: employee.unitId, contact: position.clientContact })
      .from(employee)
      .leftJoin(position, eq(position.id, employee.positionId))
      .where(and(eq(employee.id, actor.employeeId), eq(employee.active, true)));
    if (me?.unitId && me.contact && me.contact !== "none") {
      parts.push(
        and(eq(incidentPrecaution.unitId, me.unitId), gte(incidentPrecaution.reviewOn, today))!,
      );
    }
  }
  if (parts.length === 0) return sql`false`;
  return and(centre, parts.length === 1 ? parts[0] : sql`(${parts[0]} or ${parts[1]})`)!;
}

export async function listPrecautions(actor: Actor, query: { q?: unknown } = {}, now = new Date()) {
  const today = warsawDay(now);
  const q = typeof query.q === "string" ? query.q.trim().slice(0, 100) : "";
  const kept = await keptUnits(actor);
  const rows = await db()
    .select({
      id: incidentPrecaution.id,
      unitId: incidentPrecaution.unitId,
      unitName: orgUnit.name,
      caseReference: incidentPrecaution.caseReference,
      visitsInPairs: incidentPrecaution.visitsInPairs,
      policeAdvised: incidentPrecaution.policeAdvised,
      reason: incidentPrecaution.reason,
      reviewOn: incidentPrecaution.reviewOn,
    })
    .from(incidentPrecaution)
    .innerJoin(orgUnit, eq(orgUnit.id, incidentPrecaution.unitId))
    .where(
      and(
        await seenWhere(actor, today),
        ...(q ? searchWords(q, [incidentPrecaution.caseReference, orgUnit.name]) : []),
      ),
    )
    .orderBy(asc(incidentPrecaution.caseReference), desc(incidentPrecaution.reviewOn))
    .limit(500);
  return {
    q,
    today,
    mayKeep: kept === null || kept.length > 0,
    /** The units whose precautions the actor keeps (null: all). */
    keptUnitIds: kept,
    rows: rows.map((r) => ({
      ...r,
      lapsed: r.reviewOn < today,
      mayEdit: kept === null || kept.includes(r.unitId),
    })),
  };
}

/** One precaution for its keeper (the form), or not found. */
export async function getPrecaution(actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound();
  const kept = await keptUnits(actor);
  const [p] = await db()
    .select()
    .from(incidentPrecaution)
    .where(and(eq(incidentPrecaution.id, id), eq(incidentPrecaution.centreId, actor.centreId)));
  if (!p || !(kept === null || kept.includes(p.unitId))) throw notFound();
  return p;
}

/** Creates (id null) or changes a precaution; saving with a new review date renews it. */
export async function savePrecaution(
  actor: Actor,
  id: string | null,
  input: unknown,
  now = new Date(),
): Promise<{ id: string }> {
  const kept = await keptUnits(actor);
  if (kept !== null && kept.length === 0) throw new AppError("forbidden");
  if (id) await getPrecaution(actor, id);
  const { values: v, errors } = parseEachField(precautionFields, input);
  const today = warsawDay(now);
  const caseRef = checkCaseReference(v.caseReference);
  if (!caseRef.ok) errors.caseReference = caseRef.error;
  if (v.unitId && !(isUuid(v.unitId) && (kept === null || kept.includes(v.unitId)))) {
    errors.unitId = "errors.invalid";
  }
  if (!errors.visitsInPairs && !v.visitsInPairs && !v.policeAdvised) {
    errors.visitsInPairs = "errors.incidentPrecautionNone";
  }
  if (v.reviewOn && !errors.reviewOn) {
    if (v.reviewOn <= today) errors.reviewOn = "errors.incidentReviewPast";
    else if (v.reviewOn > addDays(today, REVIEW_MAX_DAYS))
      errors.reviewOn = "errors.incidentReviewFar";
  }
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  const d = v as z.infer<typeof precautionFields>;
  return db().transaction(async (tx) => {
    const [unit] = await tx
      .select({ id: orgUnit.id })
      .from(orgUnit)
      .where(and(eq(orgUnit.id, d.unitId), eq(orgUnit.centreId, actor.centreId)));
    if (!unit) throw new AppError("validation", { unitId: "errors.invalid" });
    const values = {
      unitId: d.unitId,
      caseReference: caseRef.ok ? caseRef.value : "",
      visitsInPairs: d.visitsInPairs,
      policeAdvised: d.policeAdvised,
      reason: d.reason,
      reviewOn: d.reviewOn,
      reviewerUserId: actor.userId,
      lapseNoticeSentAt: null,
      updatedAt: now,
    };
    let saved: string;
    if (id) {
      await tx.update(incidentPrecaution).set(values).where(eq(incidentPrecaution.id, id));
      saved = id;
    } else {
      const [row] = await tx
        .insert(incidentPrecaution)
        .values({ ...values, centreId: actor.centreId, createdByUserId: actor.userId })
        .returning({ id: incidentPrecaution.id });
      saved = row.id;
    }
    // The case reference is the client's; the log says only that a precaution changed.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: id ? "incident.precaution.update" : "incident.precaution.create",
      entityType: "incident_precaution",
      entityId: saved,
      details: {},
      requestId: actor.requestId,
    });
    return { id: saved };
  });
}

export async function deletePrecaution(actor: Actor, id: string): Promise<void> {
  await getPrecaution(actor, id);
  await db().transaction(async (tx) => {
    await tx.delete(incidentPrecaution).where(eq(incidentPrecaution.id, id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "incident.precaution.delete",
      entityType: "incident_precaution",
      entityId: id,
      details: {},
      requestId: actor.requestId,
    });
  });
}

/** Precautions past their review date whose reviewer has not been told yet (the job's work). */
export function lapsedWhere(today: string): SQL {
  return and(
    lt(incidentPrecaution.reviewOn, today),
    sql`${incidentPrecaution.lapseNoticeSentAt} is null`,
  )!;
}
