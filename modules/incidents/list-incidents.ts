// The register of incidents: what the actor may see (incident-scope.ts), searched, filtered,
// sorted and paged. A reporter's list is the same query narrowed to their own reports.
import { and, asc, count, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { polishSortKey, searchWords } from "../../platform/sql.ts";
import { addDays, isCalendarDay } from "../../platform/warsaw-time.ts";
import type { Actor } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { visibleIncidents } from "./incident-scope.ts";
import { incident, incidentKind, incidentStep, SEVERITIES } from "./schema.ts";

export const INCIDENT_SORTS = ["occurred", "number", "unit", "severity", "open"] as const;

const day = z
  .string()
  .trim()
  .refine((v) => v === "" || isCalendarDay(v))
  .optional()
  .catch("");

export const incidentListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  unit: z.string().uuid().optional().catch(undefined),
  kind: z.string().uuid().optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  status: z.enum(["open", "closed", "all"]).optional().catch("all").default("all"),
  /** Only the actor's own reports (the employee's "my reports"). */
  mine: z
    .enum(["1", ""])
    .optional()
    .catch("")
    .transform((v) => v === "1"),
  from: day,
  to: day,
  sort: z.enum(INCIDENT_SORTS).optional().catch("occurred").default("occurred"),
  dir: z.enum(["asc", "desc"]).optional().catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

/** Open steps past their deadline, per incident. */
export const overdueSteps = sql<number>`(select count(*)::int from ${incidentStep} s
  where s.incident_id = ${incident.id} and s.status = 'open' and s.due_at < now())`;

export async function listIncidents(actor: Actor, query: unknown) {
  const f = incidentListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [await visibleIncidents(actor)];
  if (f.mine) {
    where.push(actor.employeeId ? eq(incident.reporterId, actor.employeeId) : sql`false`);
  }
  if (f.unit) where.push(eq(incident.unitId, f.unit));
  if (f.kind) where.push(eq(incident.kindId, f.kind));
  if (f.severity) where.push(eq(incident.severity, f.severity));
  if (f.status !== "all") where.push(eq(incident.status, f.status));
  if (f.from) where.push(gte(incident.occurredAt, startOfWarsawDay(f.from)));
  if (f.to) where.push(lt(incident.occurredAt, startOfWarsawDay(addDays(f.to, 1))));
  if (f.q) {
    where.push(
      ...searchWords(f.q, [
        incident.number,
        incident.caseReference,
        incidentKind.label,
        employee.lastName,
        employee.firstName,
        orgUnit.name,
      ]),
    );
  }
  const dir = f.dir === "desc" ? desc : asc;
  const orderBy = {
    occurred: [dir(incident.occurredAt)],
    number: [dir(incident.year), dir(incident.seq)],
    unit: [dir(polishSortKey(sql`coalesce(${orgUnit.name}, '')`)), desc(incident.occurredAt)],
    severity: [
      dir(sql`case ${incident.severity} when 'low' then 0 when 'medium' then 1 else 2 end`),
      desc(incident.occurredAt),
    ],
    open: [dir(overdueSteps), desc(incident.occurredAt)],
  }[f.sort];
  const cond = and(...where);
  const rows = await db()
    .select({
      id: incident.id,
      number: incident.number,
      occurredAt: incident.occurredAt,
      place: incident.place,
      severity: incident.severity,
      status: incident.status,
      kindKey: incidentKind.key,
      kindLabel: incidentKind.label,
      unitName: orgUnit.name,
      reporterFirstName: employee.firstName,
      reporterLastName: employee.lastName,
      overdue: overdueSteps,
      openSteps: sql<number>`(select count(*)::int from ${incidentStep} s
          where s.incident_id = ${incident.id} and s.status = 'open')`,
    })
    .from(incident)
    .innerJoin(incidentKind, eq(incidentKind.id, incident.kindId))
    .innerJoin(employee, eq(employee.id, incident.reporterId))
    .leftJoin(orgUnit, eq(orgUnit.id, incident.unitId))
    .where(cond)
    .orderBy(...orderBy, desc(incident.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const [{ total }] = await db()
    .select({ total: count() })
    .from(incident)
    .innerJoin(incidentKind, eq(incidentKind.id, incident.kindId))
    .innerJoin(employee, eq(employee.id, incident.reporterId))
    .leftJoin(orgUnit, eq(orgUnit.id, incident.unitId))
    .where(cond);
  return { rows, total, ...f };
}
