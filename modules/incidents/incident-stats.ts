// The incident analysis for safety officers, management and managers (their units): counts by
// unit, month, kind, severity and place, a unit × month heat map, the median time to close
// each step of the Procedure, and the share of reporters who booked support after the
// incident. Counts in whole months (platform/month-period.ts); the support share is shown only
// over enough incidents that it cannot be read back to a person.
import { and, eq, gte, lt, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { monthsBetween, statsPeriod } from "../../platform/month-period.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { orgUnit } from "../org/schema.ts";
import { supportCrisisLink } from "../support/schema.ts";
import { ensureIncidentSetup } from "./defaults.ts";
import { visibleIncidents } from "./incident-scope.ts";
import { incident, incidentKind, incidentStep, PLACES, SEVERITIES } from "./schema.ts";

/** Below this many incidents, the share who booked support is not shown. */
export const SUPPORT_SHARE_MIN = 10;

export type Count = { n: number };

export async function incidentStats(
  actor: Actor,
  query: Record<string, unknown>,
  now = new Date(),
) {
  requirePermission(actor, "incidents.view");
  await ensureIncidentSetup(db(), actor.centreId);
  // By default the last twelve months, this one included: a trend, not a calendar year.
  const thisMonth = warsawDay(now).slice(0, 7);
  const [y, m] = thisMonth.split("-").map(Number);
  const yearAgo = `${m === 12 ? y : y - 1}-${String((m % 12) + 1).padStart(2, "0")}`;
  const { from, to } = statsPeriod({ from: query.from || yearAgo, to: query.to || thisMonth }, now);
  const where = and(
    await visibleIncidents(actor),
    gte(incident.occurredAt, startOfWarsawDay(from)),
    lt(incident.occurredAt, startOfWarsawDay(addDays(to, 1))),
  );
  const month = sql<string>`to_char(${incident.occurredAt} at time zone 'Europe/Warsaw', 'YYYY-MM')`;
  const groups = await db()
    .select({
      month,
      unitId: incident.unitId,
      kindId: incident.kindId,
      severity: incident.severity,
      place: incident.place,
      n: sql<number>`count(*)::int`,
    })
    .from(incident)
    .where(where)
    .groupBy(sql`1`, incident.unitId, incident.kindId, incident.severity, incident.place);
  const kinds = await db()
    .select({ id: incidentKind.id, key: incidentKind.key, label: incidentKind.label })
    .from(incidentKind)
    .where(eq(incidentKind.centreId, actor.centreId))
    .orderBy(incidentKind.position);
  const units = await db()
    .select({ id: orgUnit.id, name: orgUnit.name })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, actor.centreId));
  const stepTimes = await db()
    .select({
      key: incidentStep.key,
      title: sql<string>`min(${incidentStep.title})`,
      done: sql<number>`count(*)::int`,
      medianHours: sql<number>`percentile_cont(0.5) within group (order by extract(epoch from ${incidentStep.doneAt} - ${incident.occurredAt}) / 3600)`,
      position: sql<number>`min(${incidentStep.position})::int`,
    })
    .from(incidentStep)
    .innerJoin(incident, eq(incident.id, incidentStep.incidentId))
    .where(and(where, eq(incidentStep.status, "done"), eq(incidentStep.byReport, false)))
    .groupBy(sql`coalesce(${incidentStep.key}, ${incidentStep.title})`, incidentStep.key)
    .orderBy(sql`5`);
  const [support] = await db()
    .select({
      total: sql<number>`count(*)::int`,
      supported: sql<number>`count(*) filter (where exists (select 1 from ${supportCrisisLink} l
        where l.source = 'incident' and l.source_id = ${incident.id} and l.used_at is not null))::int`,
    })
    .from(incident)
    .where(where);

  const months = monthsBetween(from, to);
  const sum = <K extends string>(keys: readonly K[], keyOf: (g: (typeof groups)[number]) => K) => {
    const out = new Map<K, number>(keys.map((k) => [k, 0]));
    for (const g of groups) out.set(keyOf(g), (out.get(keyOf(g)) ?? 0) + g.n);
    return out;
  };
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const unitIds = [...new Set(groups.map((g) => g.unitId ?? ""))].sort((a, b) =>
    (unitName.get(a) ?? "").localeCompare(unitName.get(b) ?? "", "pl"),
  );
  const heat = unitIds.map((u) => {
    const cells = new Map(months.map((mo) => [mo, 0]));
    for (const g of groups)
      if ((g.unitId ?? "") === u) cells.set(g.month, (cells.get(g.month) ?? 0) + g.n);
    return {
      unitId: u || null,
      unitName: unitName.get(u) ?? null,
      cells: months.map((mo) => cells.get(mo) ?? 0),
      total: [...cells.values()].reduce((a, b) => a + b, 0),
    };
  });
  const byKind = sum(
    kinds.map((k) => k.id),
    (g) => g.kindId,
  );
  return {
    from,
    to,
    months,
    total: support?.total ?? 0,
    byMonth: [...sum(months, (g) => g.month)].map(([monthKey, n]) => ({ month: monthKey, n })),
    byUnit: heat.map((h) => ({ unitId: h.unitId, unitName: h.unitName, n: h.total })),
    byKind: kinds
      .map((k) => ({ id: k.id, key: k.key, label: k.label, n: byKind.get(k.id) ?? 0 }))
      .filter((k) => k.n > 0),
    bySeverity: [...sum(SEVERITIES, (g) => g.severity)].map(([severity, n]) => ({ severity, n })),
    byPlace: [...sum(PLACES, (g) => g.place)].map(([place, n]) => ({ place, n })),
    heat,
    heatMax: Math.max(0, ...heat.flatMap((h) => h.cells)),
    stepTimes: stepTimes.map((s) => ({
      key: s.key,
      title: s.title,
      done: s.done,
      medianHours: Math.round(Number(s.medianHours) * 10) / 10,
    })),
    support:
      support && support.total >= SUPPORT_SHARE_MIN
        ? { total: support.total, supported: support.supported }
        : null,
  };
}
export type IncidentStats = Awaited<ReturnType<typeof incidentStats>>;
