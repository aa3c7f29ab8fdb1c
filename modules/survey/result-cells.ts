// The structure every published view of a cycle is built on — the centre's unit tree and staff
// groups — and the suppression input over it, for the views the results engine does not build
// itself (open answers, the response file). Reads only names and ids, never answers.
import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { orgUnit, staffGroup } from "../org/schema.ts";
import { orderAsTree } from "../org/units.ts";
import { surveyCycle, surveyInstrument } from "./schema.ts";
import {
  CENTRE_KEY,
  type CellCount,
  cellKey,
  cycleAggregates,
  type SuppressionInput,
  staffGroupKey,
  unitKey,
  unitStaffGroupKey,
} from "./suppression.ts";

/** Stands for a unit or staff group that no longer exists (or was never recorded). */
export const UNKNOWN = "unknown";

export const RESULT_VIEWS = ["unit", "staffGroup", "unit,staffGroup"] as const;
export type ResultView = (typeof RESULT_VIEWS)[number];

export function parseResultView(value: unknown): ResultView {
  return (RESULT_VIEWS as readonly unknown[]).includes(value) ? (value as ResultView) : "unit";
}

export type CycleStructure = {
  /** Depth-first, siblings by name, with depths. */
  units: { id: string; parentId: string | null; name: string; depth: number }[];
  /** In the centre's order. */
  staffGroups: { id: string; name: string }[];
  unitIds: ReadonlySet<string>;
  staffGroupIds: ReadonlySet<string>;
};

export async function cycleStructure(q: Queryable, centreId: string): Promise<CycleStructure> {
  const [units, groups] = await Promise.all([
    q
      .select({ id: orgUnit.id, parentId: orgUnit.parentId, name: orgUnit.name })
      .from(orgUnit)
      .where(eq(orgUnit.centreId, centreId)),
    q
      .select({ id: staffGroup.id, name: staffGroup.name })
      .from(staffGroup)
      .where(eq(staffGroup.centreId, centreId))
      .orderBy(asc(staffGroup.sortOrder), asc(staffGroup.name)),
  ]);
  return {
    units: orderAsTree(units),
    staffGroups: groups,
    unitIds: new Set(units.map((u) => u.id)),
    staffGroupIds: new Set(groups.map((g) => g.id)),
  };
}

/** A counted cell as stored: the unit or staff group may be null or no longer exist. */
export type StoredCellCount = { unitId: string | null; staffGroupId: string | null; n: number };

/** The cell a stored (unit, staff group) pair counts in: unknown ones become UNKNOWN. */
export function cellOf(
  structure: CycleStructure,
  unitId: string | null,
  staffGroupId: string | null,
): { unitId: string; staffGroupId: string } {
  return {
    unitId: unitId && structure.unitIds.has(unitId) ? unitId : UNKNOWN,
    staffGroupId:
      staffGroupId && structure.staffGroupIds.has(staffGroupId) ? staffGroupId : UNKNOWN,
  };
}

/**
 * The suppression input of every aggregate the cycle publishes in any view: the centre, each
 * staff group, each unit (its subtree) and each unit × staff group. A response whose unit or
 * staff group is unknown counts in a cell of its own that belongs to the centre (and to its
 * known unit or group), never to an aggregate named after the unknown one.
 */
export function suppressionCells(
  structure: CycleStructure,
  counts: readonly StoredCellCount[],
): Pick<SuppressionInput, "cells" | "aggregates"> {
  const known = new Map<string, CellCount>();
  for (const c of counts) {
    const cell = cellOf(structure, c.unitId, c.staffGroupId);
    const key = cellKey(cell.unitId, cell.staffGroupId);
    const at = known.get(key);
    if (at) at.n += c.n;
    else known.set(key, { ...cell, n: c.n });
  }
  const hasUnknownUnit = [...known.values()].some((c) => c.unitId === UNKNOWN);
  const hasUnknownGroup = [...known.values()].some((c) => c.staffGroupId === UNKNOWN);
  const units = [
    ...structure.units.map((u) => ({ id: u.id, parentId: u.parentId })),
    ...(hasUnknownUnit ? [{ id: UNKNOWN, parentId: null }] : []),
  ];
  const groups = [...structure.staffGroups.map((g) => g.id), ...(hasUnknownGroup ? [UNKNOWN] : [])];
  const input = cycleAggregates(units, groups, [...known.values()]);
  const unknownUnit = unitKey(UNKNOWN);
  const unknownGroup = staffGroupKey(UNKNOWN);
  return {
    cells: input.cells,
    aggregates: input.aggregates.filter(
      (a) =>
        a.key !== unknownUnit &&
        !a.key.startsWith(`${unknownUnit}/`) &&
        a.key !== unknownGroup &&
        !a.key.endsWith(`/${unknownGroup}`),
    ),
  };
}

export type ViewGroup = {
  key: string;
  unitId?: string;
  staffGroupId?: string;
  name: string;
  depth?: number;
};

/** The rows of a view, in unit tree order and staff group order (the centre is not a row). */
export function viewGroups(
  structure: CycleStructure,
  view: ResultView,
  unitNames = new Map(structure.units.map((u) => [u.id, u.name])),
): ViewGroup[] {
  if (view === "staffGroup") {
    return structure.staffGroups.map((g) => ({
      key: staffGroupKey(g.id),
      staffGroupId: g.id,
      name: g.name,
    }));
  }
  if (view === "unit") {
    return structure.units.map((u) => ({
      key: unitKey(u.id),
      unitId: u.id,
      name: unitNames.get(u.id) ?? u.name,
      depth: u.depth,
    }));
  }
  return structure.units.flatMap((u) =>
    structure.staffGroups.map((g) => ({
      key: unitStaffGroupKey(u.id, g.id),
      unitId: u.id,
      staffGroupId: g.id,
      name: `${u.name} — ${g.name}`,
      depth: u.depth,
    })),
  );
}

export { CENTRE_KEY };

/**
 * The actor's centre's cycle with its instrument; 404 for anything else, and 409 unless it is
 * closed: results are published once answers have stopped arriving.
 */
export async function closedCycle(q: Queryable, actor: Actor, cycleId: string) {
  if (!isUuid(cycleId)) throw notFound();
  const [row] = await q
    .select({ cycle: surveyCycle, instrument: surveyInstrument })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  if (!row) throw notFound();
  if (row.cycle.status !== "closed") {
    throw new AppError("conflict", { _form: "errors.surveyResultsNotClosed" });
  }
  return row;
}
