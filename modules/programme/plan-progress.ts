// A plan against what happened: per kind, the planned number of activities and how many were
// delivered in the period; and the coverage of each staff group and unit — the share of its
// active employees who attended at least one session in the period.
import { and, asc, countDistinct, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { addDays } from "../../platform/warsaw-time.ts";
import { type Actor, can, unitScope } from "../access/actor.ts";
import { employee, orgUnit, position, staffGroup } from "../org/schema.ts";
import { orderAsTree } from "../org/units.ts";
import { lastEnd } from "./list-activities.ts";
import { getPlan } from "./plans.ts";
import {
  type BuiltinActivityType,
  programmeActivity,
  programmeActivityType,
  programmeAttendance,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";

export type CoverageRow = {
  id: string | null;
  name: string;
  depth?: number;
  employees: number;
  participants: number;
  /** participants / employees, or null when the group has nobody. */
  share: number | null;
};

export type KindProgress = {
  typeId: string;
  code: BuiltinActivityType | null;
  name: string;
  planned: number | null;
  plannedParticipants: number | null;
  /** Published activities whose last session ended within the period, and is past. */
  delivered: number;
  /** Published activities whose last session ends within the period, still to come. */
  scheduled: number;
  /** Distinct people who attended a session of this kind in the period. */
  participants: number;
  /** delivered / planned, or null without a planned number. */
  share: number | null;
};

const nextDay = (day: string) => addDays(day, 1);

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The plan's progress. The period runs from the first day's start to the last day's end in
 * Warsaw time. Coverage counts today's active employees; a manager sees only the units they
 * manage (and the staff groups' figures over those units' employees).
 */
export async function planProgress(actor: Actor, planId: string) {
  const plan = await getPlan(actor, planId);
  const from = startOfWarsawDay(plan.periodStart);
  const to = startOfWarsawDay(nextDay(plan.periodEnd));
  const now = new Date();
  const centreId = actor.centreId;
  const scope = can(actor, "programme.reports.view")
    ? await unitScope(db(), actor, "programme.reports.view")
    : null;

  const inPeriod = and(
    gte(programmeSession.startsAt, from),
    lt(programmeSession.startsAt, to),
    isNull(programmeSession.cancelledAt),
  );
  const [types, activities, participantsByKind] = await Promise.all([
    db()
      .select()
      .from(programmeActivityType)
      .where(eq(programmeActivityType.centreId, centreId))
      .orderBy(asc(programmeActivityType.sortOrder), asc(programmeActivityType.name)),
    db()
      .select({ typeId: programmeActivity.typeId, lastEnd })
      .from(programmeActivity)
      .where(
        and(
          eq(programmeActivity.centreId, centreId),
          eq(programmeActivity.status, "published"),
          sql`${lastEnd} >= ${from}`,
          sql`${lastEnd} < ${to}`,
        ),
      ),
    db()
      .select({ typeId: programmeActivity.typeId, n: countDistinct(programmeEnrolment.employeeId) })
      .from(programmeAttendance)
      .innerJoin(programmeSession, eq(programmeSession.id, programmeAttendance.sessionId))
      .innerJoin(programmeEnrolment, eq(programmeEnrolment.id, programmeAttendance.enrolmentId))
      .innerJoin(programmeActivity, eq(programmeActivity.id, programmeSession.activityId))
      .where(
        and(
          eq(programmeAttendance.centreId, centreId),
          eq(programmeAttendance.present, true),
          inPeriod,
        ),
      )
      .groupBy(programmeActivity.typeId),
  ]);

  const planned = new Map(plan.items.map((i) => [i.typeId, i]));
  const kinds: KindProgress[] = [];
  for (const t of types) {
    const item = planned.get(t.id);
    const mine = activities.filter((a) => a.typeId === t.id);
    const delivered = mine.filter((a) => a.lastEnd && new Date(a.lastEnd) <= now).length;
    const scheduled = mine.length - delivered;
    const participants = Number(participantsByKind.find((p) => p.typeId === t.id)?.n ?? 0);
    // A kind the plan leaves out is listed only when something of it happened in the period.
    if (!item && mine.length === 0 && participants === 0) continue;
    kinds.push({
      typeId: t.id,
      code: t.code,
      name: t.name,
      planned: item?.plannedCount ?? null,
      plannedParticipants: item?.plannedParticipants ?? null,
      delivered,
      scheduled,
      participants,
      share: item ? ratio(delivered, item.plannedCount) : null,
    });
  }

  // What the plan names first, in the catalogue's order; then what happened beside it.
  kinds.sort((a, b) => Number(a.planned === null) - Number(b.planned === null));

  // Coverage: every active employee in view, and whether they attended in the period.
  if (scope && scope.length === 0) {
    return { plan, period: { from, to }, kinds, coverage: emptyCoverage(), scoped: true };
  }
  const attended = sql<boolean>`exists (select 1 from ${programmeAttendance} inner join ${programmeEnrolment} on ${programmeEnrolment.id} = ${programmeAttendance.enrolmentId} inner join ${programmeSession} on ${programmeSession.id} = ${programmeAttendance.sessionId} where ${programmeEnrolment.employeeId} = "employee"."id" and ${programmeAttendance.present} and ${programmeSession.cancelledAt} is null and ${programmeSession.startsAt} >= ${from} and ${programmeSession.startsAt} < ${to})`;
  const [people, groups, units] = await Promise.all([
    db()
      .select({ unitId: employee.unitId, staffGroupId: position.staffGroupId, attended })
      .from(employee)
      .leftJoin(position, eq(position.id, employee.positionId))
      .where(
        and(
          eq(employee.centreId, centreId),
          eq(employee.active, true),
          scope ? inArray(employee.unitId, scope) : undefined,
        ),
      ),
    db()
      .select({ id: staffGroup.id, name: staffGroup.name })
      .from(staffGroup)
      .where(eq(staffGroup.centreId, centreId))
      .orderBy(asc(staffGroup.sortOrder), asc(staffGroup.name)),
    db()
      .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
      .from(orgUnit)
      .where(eq(orgUnit.centreId, centreId)),
  ]);
  const tally = (rows: typeof people) => {
    const participants = rows.filter((p) => p.attended === true);
    return {
      employees: rows.length,
      participants: participants.length,
      share: ratio(participants.length, rows.length),
    };
  };
  const byGroup: CoverageRow[] = groups.map((g) => ({
    id: g.id,
    name: g.name,
    ...tally(people.filter((p) => p.staffGroupId === g.id)),
  }));
  const noGroup = people.filter((p) => !p.staffGroupId);
  if (noGroup.length > 0) byGroup.push({ id: null, name: "", ...tally(noGroup) });
  const visibleUnits = scope ? units.filter((u) => scope.includes(u.id)) : units;
  const byUnit: CoverageRow[] = orderAsTree(visibleUnits).map((u) => ({
    id: u.id,
    name: u.name,
    depth: u.depth,
    ...tally(people.filter((p) => p.unitId === u.id)),
  }));
  const noUnit = people.filter((p) => !p.unitId);
  if (noUnit.length > 0) byUnit.push({ id: null, name: "", ...tally(noUnit) });
  return {
    plan,
    period: { from, to },
    kinds,
    coverage: { total: tally(people), byGroup, byUnit },
    scoped: Boolean(scope),
  };
}

function emptyCoverage() {
  return {
    total: { employees: 0, participants: 0, share: null },
    byGroup: [] as CoverageRow[],
    byUnit: [] as CoverageRow[],
  };
}
