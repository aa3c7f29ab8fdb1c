/**
 * The response rate of a cycle, open or closed: for the whole centre always, and by unit where
 * at least k were invited. Invitations are personal links (`survey_participation`) and paper
 * codes handed out; responses are the links used and the codes used, which together are the
 * responses stored. Says how many answered, never who or what.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { db, type Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can, unitScope } from "../access/actor.ts";
import { type CycleStructure, cellOf, cycleStructure, UNKNOWN } from "./result-cells.ts";
import { surveyCycle, surveyPaperCode, surveyParticipation } from "./schema.ts";
import { cycleAggregates, suppress, unitKey } from "./suppression.ts";

export type InvitationCell = {
  unitId: string | null;
  staffGroupId: string | null;
  invited: number;
  answered: number;
  paperIssued: number;
  paperUsed: number;
};

/** Invitations and paper codes of a cycle per stored (unit, staff group), with how many were used. */
export async function invitationCells(q: Queryable, cycleId: string): Promise<InvitationCell[]> {
  const [links, codes] = await Promise.all([
    q
      .select({
        unitId: surveyParticipation.unitId,
        staffGroupId: surveyParticipation.staffGroupId,
        n: count(),
        used: sql<number>`count(${surveyParticipation.answeredOn})::int`,
      })
      .from(surveyParticipation)
      .where(eq(surveyParticipation.cycleId, cycleId))
      .groupBy(surveyParticipation.unitId, surveyParticipation.staffGroupId),
    q
      .select({
        unitId: surveyPaperCode.unitId,
        staffGroupId: surveyPaperCode.staffGroupId,
        n: count(),
        used: sql<number>`count(${surveyPaperCode.usedOn})::int`,
      })
      .from(surveyPaperCode)
      .where(eq(surveyPaperCode.cycleId, cycleId))
      .groupBy(surveyPaperCode.unitId, surveyPaperCode.staffGroupId),
  ]);
  const cells = new Map<string, InvitationCell>();
  const at = (unitId: string | null, staffGroupId: string | null) => {
    const key = `${unitId ?? ""}/${staffGroupId ?? ""}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { unitId, staffGroupId, invited: 0, answered: 0, paperIssued: 0, paperUsed: 0 };
      cells.set(key, cell);
    }
    return cell;
  };
  for (const l of links) {
    const cell = at(l.unitId, l.staffGroupId);
    cell.invited += Number(l.n);
    cell.answered += Number(l.used);
  }
  for (const c of codes) {
    const cell = at(c.unitId, c.staffGroupId);
    cell.paperIssued += Number(c.n);
    cell.paperUsed += Number(c.used);
  }
  return [...cells.values()];
}

export type UnitResponseRate = {
  unitId: string;
  name: string;
  depth: number;
  /** Invitations and paper codes handed out in the unit and its sub-units. */
  invited: number;
  /** Null where fewer than k were invited, or where showing it would give away such a unit's. */
  responded: number | null;
  rate: number | null;
};

export type ResponseRate = {
  cycleId: string;
  status: string;
  minGroupSize: number;
  /** The whole centre: links and paper codes together, then each apart. */
  invited: number;
  responded: number;
  rate: number | null;
  links: { invited: number; answered: number };
  paper: { issued: number; used: number };
  /** Units in tree order (each with its subtree) where anyone was invited; a manager's own only. */
  units: UnitResponseRate[];
};

/**
 * Which units' response counts may be shown: those with at least k invited, and not one whose
 * count would give away a smaller unit's by subtraction (parent − the other children), decided
 * by the same complementary suppression as the results, over invitation counts.
 */
function publishedUnits(structure: CycleStructure, invited: Map<string, number>, k: number) {
  const groupless = "all";
  const hasUnknown = invited.has(UNKNOWN);
  const units = [
    ...structure.units.map((u) => ({ id: u.id, parentId: u.parentId })),
    ...(hasUnknown ? [{ id: UNKNOWN, parentId: null }] : []),
  ];
  const input = cycleAggregates(
    units,
    [groupless],
    [...invited].map(([unitId, n]) => ({ unitId, staffGroupId: groupless, n })),
    { centre: true, units: true, staffGroups: false, unitStaffGroups: false },
  );
  const result = suppress({
    k,
    cells: input.cells,
    aggregates: input.aggregates.filter((a) => a.key !== unitKey(UNKNOWN)),
  });
  return new Set(result.published);
}

/**
 * The response rate of a cycle of the actor's centre (404 otherwise), in any state. Open to
 * those who run surveys (`survey.manage`) and those who read results (`survey.results.view`;
 * a manager sees their own units).
 */
export async function cycleResponseRate(actor: Actor, cycleId: string): Promise<ResponseRate> {
  const scope = can(actor, "survey.manage")
    ? null
    : await unitScope(db(), actor, "survey.results.view");
  if (!isUuid(cycleId)) throw notFound();
  const [cycle] = await db()
    .select({
      id: surveyCycle.id,
      status: surveyCycle.status,
      minGroupSize: surveyCycle.minGroupSize,
    })
    .from(surveyCycle)
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  if (!cycle) throw notFound();
  const [structure, cells] = await Promise.all([
    cycleStructure(db(), actor.centreId),
    invitationCells(db(), cycle.id),
  ]);

  const invitedByUnit = new Map<string, number>();
  const respondedByUnit = new Map<string, number>();
  const totals = { invited: 0, answered: 0, paperIssued: 0, paperUsed: 0 };
  for (const c of cells) {
    const unit = cellOf(structure, c.unitId, null).unitId;
    invitedByUnit.set(unit, (invitedByUnit.get(unit) ?? 0) + c.invited + c.paperIssued);
    respondedByUnit.set(unit, (respondedByUnit.get(unit) ?? 0) + c.answered + c.paperUsed);
    totals.invited += c.invited;
    totals.answered += c.answered;
    totals.paperIssued += c.paperIssued;
    totals.paperUsed += c.paperUsed;
  }
  const shown = publishedUnits(structure, invitedByUnit, cycle.minGroupSize);

  // Subtree sums: each unit's own counts added to it and every ancestor.
  const parent = new Map(structure.units.map((u) => [u.id, u.parentId]));
  const subtree = (own: Map<string, number>) => {
    const out = new Map<string, number>();
    for (const [unitId, n] of own) {
      for (let at: string | null | undefined = unitId; at && at !== UNKNOWN; ) {
        out.set(at, (out.get(at) ?? 0) + n);
        at = parent.get(at) ?? null;
      }
    }
    return out;
  };
  const invited = subtree(invitedByUnit);
  const responded = subtree(respondedByUnit);

  const units: UnitResponseRate[] = structure.units
    .filter((u) => (invited.get(u.id) ?? 0) > 0 && (scope === null || scope.includes(u.id)))
    .map((u) => {
      const n = invited.get(u.id) ?? 0;
      const visible = shown.has(unitKey(u.id));
      const r = visible ? (responded.get(u.id) ?? 0) : null;
      return {
        unitId: u.id,
        name: u.name,
        depth: u.depth,
        invited: n,
        responded: r,
        rate: r === null || n === 0 ? null : r / n,
      };
    });

  const allInvited = totals.invited + totals.paperIssued;
  const allResponded = totals.answered + totals.paperUsed;
  return {
    cycleId: cycle.id,
    status: cycle.status,
    minGroupSize: cycle.minGroupSize,
    invited: allInvited,
    responded: allResponded,
    rate: allInvited > 0 ? allResponded / allInvited : null,
    links: { invited: totals.invited, answered: totals.answered },
    paper: { issued: totals.paperIssued, used: totals.paperUsed },
    units,
  };
}
