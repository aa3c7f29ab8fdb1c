// Reporting an incident with a client, by the employee it happened to. One transaction writes
// the report, the colleagues present and the incident's checklist (the centre's procedure steps
// that apply, with deadlines counted from the incident), gives the reporter a crisis link to
// the specialists' reserved slots and mails it, and tells the unit's managers and the safety
// officers. The form sends a key of its own, so the same report sent twice is stored once.
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isUniqueViolation } from "../../platform/errors.ts";
import { booleanField, isUuid, parseEachField } from "../../platform/validation.ts";
import {
  isCalendarDay,
  timeToMinutes,
  warsawDay,
  warsawInstant,
} from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { createCrisisLink, mailCrisisLink } from "../support/crisis-links.ts";
import { checkCaseReference } from "./case-reference.ts";
import { DONE_BY_REPORT, ensureIncidentSetup } from "./defaults.ts";
import { notifyIncidentReported } from "./incident-mail.ts";
import {
  DESCRIPTION_MAX,
  incident,
  incidentKind,
  incidentProcedureStep,
  incidentStep,
  incidentWitness,
  PLACES,
  SEVERITIES,
  type Severity,
  WITNESSES_MAX,
} from "./schema.ts";

const required = z.string({ message: "errors.required" }).trim().min(1, "errors.required");

/** Several ids from a form (repeated fields or one comma-separated value) or a JSON array. */
const idList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim()).filter(Boolean),
  )
  .pipe(
    z
      .array(z.string().refine(isUuid, "errors.invalid"))
      .max(WITNESSES_MAX, "errors.incidentTooManyWitnesses"),
  );

export const reportFields = z.object({
  date: required.refine(isCalendarDay, "errors.date").describe("yyyy-mm-dd, Warsaw"),
  time: required.refine((v) => timeToMinutes(v) !== null, "errors.time").describe("HH:MM, Warsaw"),
  place: z.enum(PLACES, { message: "errors.required" }),
  unitId: z
    .string()
    .nullish()
    .transform((v) => v?.trim() || null)
    .describe("the unit it concerns; the reporter's own when left out"),
  kindId: z.string({ message: "errors.incidentKind" }).trim().min(1, "errors.incidentKind"),
  severity: z.enum(SEVERITIES, { message: "errors.required" }),
  description: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(DESCRIPTION_MAX, "errors.incidentDescriptionTooLong")
    .describe(`what happened, at most ${DESCRIPTION_MAX} characters; no client names`),
  caseReference: z
    .string()
    .optional()
    .describe("the case number in the centre's case system, never a name"),
  witnessIds: idList.describe("employees (ids) who were present"),
  injuries: booleanField(false),
  policeCalled: booleanField(false),
  wantsSupport: booleanField(false),
  submissionKey: z
    .string({ message: "errors.invalid" })
    .refine(isUuid, "errors.invalid")
    .describe("a UUID made once per report by the client: a repeat returns the same incident"),
});
export type ReportInput = z.input<typeof reportFields>;

export type Reported = {
  id: string;
  number: string;
  /** The crisis link, made for this report (null when the same report came again). */
  crisisUrl: string | null;
  repeated: boolean;
};

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

/** The step applies to an incident of this kind and severity. */
export function stepApplies(
  step: { kindIds: string[]; penalCodeOnly: boolean; minSeverity: Severity },
  kind: { id: string; penalCode: boolean },
  severity: Severity,
): boolean {
  if (step.kindIds.length > 0 && !step.kindIds.includes(kind.id)) return false;
  if (step.penalCodeOnly && !kind.penalCode) return false;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[step.minSeverity];
}

export async function reportIncident(
  actor: Actor,
  input: unknown,
  now = new Date(),
): Promise<Reported> {
  requirePermission(actor, "incidents.report");
  const employeeId = actor.employeeId;
  if (!employeeId) throw new AppError("validation", { _form: "errors.incidentNoEmployee" });
  const { values: v, errors } = parseEachField(reportFields, input);
  const occurredAt = v.date && v.time ? warsawInstant(v.date, v.time) : null;
  // A clock a few minutes fast on the phone is not "the future".
  if (occurredAt && occurredAt.getTime() > now.getTime() + 5 * 60_000) {
    errors.date = "errors.incidentFuture";
  }
  const caseRef = checkCaseReference(v.caseReference);
  if (!caseRef.ok) errors.caseReference = caseRef.error;
  if (v.kindId && !isUuid(v.kindId)) errors.kindId = "errors.incidentKind";
  if (v.unitId && !isUuid(v.unitId)) errors.unitId = "errors.invalid";
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  const d = v as z.infer<typeof reportFields>;
  const caseReference = caseRef.ok ? caseRef.value : "";

  await ensureIncidentSetup(db(), actor.centreId);
  try {
    return await db().transaction(async (tx) => {
      const [repeat] = await tx
        .select({ id: incident.id, number: incident.number })
        .from(incident)
        .where(
          and(
            eq(incident.centreId, actor.centreId),
            eq(incident.reporterId, employeeId),
            eq(incident.submissionKey, d.submissionKey),
          ),
        );
      if (repeat) return { ...repeat, crisisUrl: null, repeated: true };

      const [kind] = await tx
        .select({ id: incidentKind.id, key: incidentKind.key, penalCode: incidentKind.penalCode })
        .from(incidentKind)
        .where(
          and(
            eq(incidentKind.id, d.kindId),
            eq(incidentKind.centreId, actor.centreId),
            eq(incidentKind.active, true),
          ),
        );
      if (!kind) throw new AppError("validation", { kindId: "errors.incidentKind" });
      const unitId = await unitOf(tx, actor.centreId, employeeId, d.unitId);
      const witnessIds = d.witnessIds.filter((id) => id !== employeeId);
      if (witnessIds.length) {
        const found = await tx
          .select({ id: employee.id })
          .from(employee)
          .where(
            and(
              eq(employee.centreId, actor.centreId),
              inArray(employee.id, witnessIds),
              eq(employee.active, true),
            ),
          );
        if (found.length !== new Set(witnessIds).size) {
          throw new AppError("validation", { witnessIds: "errors.incidentWitness" });
        }
      }

      const year = Number(warsawDay(occurredAt!).slice(0, 4));
      const row = await insertNumbered(tx, {
        centreId: actor.centreId,
        year,
        reporterId: employeeId,
        unitId,
        occurredAt: occurredAt!,
        place: d.place,
        kindId: kind.id,
        severity: d.severity,
        description: d.description,
        caseReference,
        injuries: d.injuries,
        policeCalled: d.policeCalled,
        wantsSupport: d.wantsSupport,
        submissionKey: d.submissionKey,
        createdAt: now,
        updatedAt: now,
      });
      if (witnessIds.length) {
        await tx
          .insert(incidentWitness)
          .values([...new Set(witnessIds)].map((id) => ({ incidentId: row.id, employeeId: id })));
      }
      await writeChecklist(tx, {
        centreId: actor.centreId,
        incidentId: row.id,
        kind,
        severity: d.severity,
        occurredAt: occurredAt!,
        policeCalled: d.policeCalled,
        reporterUserId: actor.userId,
        now,
      });

      // The offer of psychological help comes with the report, whatever was ticked: the law
      // gives it to everyone this happened to, and asking should not be the reporter's job.
      const link = await createCrisisLink(tx, {
        centreId: actor.centreId,
        employeeId,
        source: "incident",
        sourceId: row.id,
        now,
      });
      await mailCrisisLink(tx, actor.centreId, employeeId, link);
      await notifyIncidentReported(tx, {
        centreId: actor.centreId,
        incidentId: row.id,
        number: row.number,
        unitId,
        reporterUserId: actor.userId,
        wantsSupport: d.wantsSupport,
      });
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "incident.report",
        entityType: "incident",
        entityId: row.id,
        details: { number: row.number },
        requestId: actor.requestId,
      });
      return { id: row.id, number: row.number, crisisUrl: link.url, repeated: false };
    });
  } catch (err) {
    // The same report sent twice at the same moment: the second finds the first.
    if (isUniqueViolation(err, "incident_submission_unique")) {
      const [first] = await db()
        .select({ id: incident.id, number: incident.number })
        .from(incident)
        .where(
          and(
            eq(incident.centreId, actor.centreId),
            eq(incident.reporterId, employeeId),
            eq(incident.submissionKey, d.submissionKey),
          ),
        );
      if (first) return { ...first, crisisUrl: null, repeated: true };
    }
    throw err;
  }
}

/** The unit chosen (one of the centre's) or, when none was, the reporter's own. */
async function unitOf(
  tx: Queryable,
  centreId: string,
  employeeId: string,
  chosen: string | null,
): Promise<string | null> {
  if (chosen) {
    const [u] = await tx
      .select({ id: orgUnit.id })
      .from(orgUnit)
      .where(and(eq(orgUnit.id, chosen), eq(orgUnit.centreId, centreId)));
    if (!u) throw new AppError("validation", { unitId: "errors.invalid" });
    return u.id;
  }
  const [e] = await tx
    .select({ unitId: employee.unitId })
    .from(employee)
    .where(eq(employee.id, employeeId));
  return e?.unitId ?? null;
}

type NewIncident = Omit<typeof incident.$inferInsert, "number" | "seq">;

/**
 * Inserts with the next number of the year ("ZD/2026/0007"). Two reports at the same moment
 * may pick the same number; the unique index refuses the second, which tries again inside a
 * savepoint so the rest of its transaction stands.
 */
async function insertNumbered(
  tx: Queryable,
  values: NewIncident,
): Promise<{ id: string; number: string }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await tx.transaction(async (sp) => {
        const [{ next }] = await sp
          .select({ next: sql<number>`coalesce(max(${incident.seq}), 0)::int + 1` })
          .from(incident)
          .where(and(eq(incident.centreId, values.centreId), eq(incident.year, values.year)));
        const number = `ZD/${values.year}/${String(next).padStart(4, "0")}`;
        const [row] = await sp
          .insert(incident)
          .values({ ...values, seq: next, number })
          .returning({ id: incident.id, number: incident.number });
        return row;
      });
    } catch (err) {
      if (attempt < 5 && isUniqueViolation(err, "incident_number_unique")) continue;
      throw err;
    }
  }
}

/**
 * The incident's checklist: the centre's active steps that apply to its kind and severity,
 * each due so many hours after the incident. Steps the report itself does (informing the
 * manager, the written account, the offer of psychological help) and a police call the
 * reporter ticked are marked done now.
 */
async function writeChecklist(
  tx: Queryable,
  o: {
    centreId: string;
    incidentId: string;
    kind: { id: string; penalCode: boolean };
    severity: Severity;
    occurredAt: Date;
    policeCalled: boolean;
    reporterUserId: string;
    now: Date;
  },
): Promise<void> {
  const steps = await tx
    .select()
    .from(incidentProcedureStep)
    .where(
      and(eq(incidentProcedureStep.centreId, o.centreId), eq(incidentProcedureStep.active, true)),
    )
    .orderBy(incidentProcedureStep.position);
  const applicable = steps.filter((s) => stepApplies(s, o.kind, o.severity));
  if (applicable.length === 0) return;
  await tx.insert(incidentStep).values(
    applicable.map((s, i) => {
      const byReport =
        (s.key && DONE_BY_REPORT.includes(s.key)) || (s.key === "police" && o.policeCalled);
      return {
        incidentId: o.incidentId,
        centreId: o.centreId,
        key: s.key,
        title: s.title,
        owner: s.owner,
        mandatory: s.mandatory,
        position: i,
        dueAt: new Date(o.occurredAt.getTime() + s.deadlineHours * 3_600_000),
        status: byReport ? ("done" as const) : ("open" as const),
        byReport,
        doneAt: byReport ? o.now : null,
        doneByUserId: byReport ? o.reporterUserId : null,
      };
    }),
  );
}
