// One incident as its reader may see it: the report, the colleagues present, the checklist
// with deadlines, and what this reader may do with it. Outside the reader's view: not found.
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { CRISIS_LINK_HOURS } from "../support/crisis-links.ts";
import { mayWorkSteps, visibleIncidents } from "./incident-scope.ts";
import { incident, incidentKind, incidentStep, incidentWitness } from "./schema.ts";

export async function getIncident(actor: Actor, id: string, now = new Date()) {
  if (!isUuid(id)) throw notFound();
  const [row] = await db()
    .select({
      incident,
      kindKey: incidentKind.key,
      kindLabel: incidentKind.label,
      penalCode: incidentKind.penalCode,
      unitName: orgUnit.name,
      reporterFirstName: employee.firstName,
      reporterLastName: employee.lastName,
    })
    .from(incident)
    .innerJoin(incidentKind, eq(incidentKind.id, incident.kindId))
    .innerJoin(employee, eq(employee.id, incident.reporterId))
    .leftJoin(orgUnit, eq(orgUnit.id, incident.unitId))
    .where(and(eq(incident.id, id), await visibleIncidents(actor)));
  if (!row) throw notFound();
  const i = row.incident;
  const [witnesses, steps] = [
    await db()
      .select({ id: employee.id, firstName: employee.firstName, lastName: employee.lastName })
      .from(incidentWitness)
      .innerJoin(employee, eq(employee.id, incidentWitness.employeeId))
      .where(eq(incidentWitness.incidentId, i.id))
      .orderBy(asc(employee.lastName), asc(employee.firstName)),
    await db()
      .select()
      .from(incidentStep)
      .where(eq(incidentStep.incidentId, i.id))
      .orderBy(asc(incidentStep.position)),
  ];
  const isReporter = actor.employeeId === i.reporterId;
  const works = await mayWorkSteps(actor, i.unitId);
  // The reporter sees the checklist's progress; who ticked each step is for those who work it.
  const doers = works ? [...new Set(steps.map((s) => s.doneByUserId).filter(Boolean))] : [];
  const doerNames = new Map(
    doers.length
      ? (
          await db()
            .select({
              userId: employee.userId,
              firstName: employee.firstName,
              lastName: employee.lastName,
            })
            .from(employee)
            .where(
              and(
                eq(employee.centreId, actor.centreId),
                inArray(employee.userId, doers as string[]),
              ),
            )
        ).map((e) => [e.userId, `${e.firstName} ${e.lastName}`])
      : [],
  );
  return {
    id: i.id,
    number: i.number,
    occurredAt: i.occurredAt,
    createdAt: i.createdAt,
    place: i.place,
    severity: i.severity,
    description: i.description,
    caseReference: i.caseReference,
    injuries: i.injuries,
    policeCalled: i.policeCalled,
    wantsSupport: i.wantsSupport,
    status: i.status,
    closedAt: i.closedAt,
    unitId: i.unitId,
    unitName: row.unitName,
    kind: { key: row.kindKey, label: row.kindLabel, penalCode: row.penalCode },
    reporter: { firstName: row.reporterFirstName, lastName: row.reporterLastName },
    witnesses,
    steps: steps.map((s) => ({
      id: s.id,
      title: s.title,
      owner: s.owner,
      mandatory: s.mandatory,
      dueAt: s.dueAt,
      status: s.status,
      note: works ? s.note : "",
      byReport: s.byReport,
      doneAt: s.doneAt,
      doneBy: s.doneByUserId ? (doerNames.get(s.doneByUserId) ?? null) : null,
      version: s.version,
      overdue: s.status === "open" && s.dueAt.getTime() < now.getTime(),
    })),
    isReporter,
    mayWorkSteps: works && i.status === "open",
    mayReopen: works && i.status === "closed",
    /** The reporter may still ask for a crisis link to the reserved slots. */
    crisisOpen:
      isReporter &&
      can(actor, "support.book") &&
      now.getTime() - i.createdAt.getTime() < CRISIS_LINK_HOURS * 3_600_000,
  };
}
export type IncidentDetail = Awaited<ReturnType<typeof getIncident>>;
