/**
 * The results of a closed cycle: per group and scale the mean with its 95 % confidence
 * interval and the share in each band, item distributions, Cronbach's alpha per scale, and the
 * response rate — with complementary suppression decided over everything the cycle publishes.
 *
 * Every figure comes from one SQL statement grouped by cell (`results-sql.ts`); the cells are
 * added up per aggregate and suppressed in `results-publish.ts`. Results exist for closed
 * cycles only: watching live results move after a colleague says "I just answered" would show
 * their answers.
 */
import { db, type Queryable } from "../../platform/db.ts";
import { type Actor, unitScope } from "../access/actor.ts";
import type { LocalizedText } from "./instrument.ts";
import { invitationCells } from "./response-rate.ts";
import {
  CENTRE_KEY,
  type CycleStructure,
  closedCycle,
  cycleStructure,
  RESULT_VIEWS,
  type ResultView,
} from "./result-cells.ts";
import {
  type HiddenReason,
  type ItemResult,
  type Publication,
  publishCycle,
  type ScaleResult,
} from "./results-publish.ts";
import { type FigureOptions, FULL_FIGURES, loadCellFigures } from "./results-sql.ts";
import type { HigherIs } from "./stats.ts";
import { staffGroupKey, unitKey, unitStaffGroupKey } from "./suppression.ts";

export type { HiddenReason, ItemResult, ScaleResult };
export { RESULT_VIEWS, type ResultView };

export type ResultGroup = {
  /** "centre", "unit:<id>", "group:<id>" or "unit:<id>/group:<id>", as in `cycleAggregates`. */
  key: string;
  unitId?: string;
  staffGroupId?: string;
  name: string;
  unitName?: string;
  staffGroupName?: string;
  /** Depth in the unit tree (0 = top), for unit rows. */
  depth?: number;
  /** Respondents; null when the group is not shown. */
  n: number | null;
  suppressed: boolean;
  reason?: HiddenReason;
  scales: Record<string, ScaleResult> | null;
  /** Per closed item its distribution; null for an item whose few answers are not shown. */
  items: Record<string, ItemResult | null> | null;
};

export type ScaleInfo = {
  label: LocalizedText;
  higherIs: HigherIs;
  bands: { id: string; from: number; to: number; label: LocalizedText }[];
  /** Cronbach's alpha over the whole centre; null when it cannot be computed or shown. */
  alpha: number | null;
};

export type CycleResults = {
  cycle: {
    id: string;
    name: string;
    status: string;
    opensAt: string;
    closesAt: string;
    closedAt: string | null;
    instrumentId: string;
    minGroupSize: number;
  };
  instrument: { slug: string; version: number; title: LocalizedText };
  by: ResultView;
  /** Invitations and paper codes handed out in the whole centre, and responses stored. */
  invited: number;
  responded: number;
  /** The whole centre; null for a reader who sees only their own units. */
  centre: ResultGroup | null;
  /** Rows of the view, in unit tree order and staff group order. */
  groups: ResultGroup[];
  scales: Record<string, ScaleInfo>;
};

/** A closed cycle read and published: what the results and the trend are built from. */
export type Loaded = Awaited<ReturnType<typeof closedCycle>> & {
  structure: CycleStructure;
  publication: Publication;
  scope: string[] | null;
};

/**
 * Reads and publishes a closed cycle: the actor's centre's (404 otherwise), closed (409
 * "errors.surveyResultsNotClosed" otherwise), with `survey.results.view`. Shared by the results
 * and the trend, which needs the scale figures only.
 */
export async function loadPublication(
  q: Queryable,
  actor: Actor,
  cycleId: string,
  options: FigureOptions = FULL_FIGURES,
  checked?: Awaited<ReturnType<typeof closedCycle>>,
): Promise<Loaded> {
  const scope = await unitScope(q, actor, "survey.results.view");
  const row = checked ?? (await closedCycle(q, actor, cycleId));
  const structure = await cycleStructure(q, actor.centreId);
  const { layout, cells } = await loadCellFigures(
    q,
    row.cycle.id,
    row.instrument.definition,
    options,
    row.instrument.id,
  );
  const invitations = await invitationCells(q, row.cycle.id);
  const publication = publishCycle({
    k: row.cycle.minGroupSize,
    structure,
    layout,
    cells,
    invited: invitations.map((c) => ({
      unitId: c.unitId,
      staffGroupId: c.staffGroupId,
      n: c.invited + c.paperIssued,
    })),
  });
  return { ...row, structure, publication, scope };
}

/** A row of a view, named, with its published figures (or none). */
export type ViewRow = Omit<ResultGroup, "n" | "suppressed" | "reason" | "scales" | "items">;

/**
 * The rows of a view: units in tree order (each standing for its subtree), staff groups in the
 * centre's order, or both crossed. A row is listed when anyone in it was invited or answered,
 * so units outside the cycle's population do not show up as hidden groups. A reader limited to
 * some units gets only rows of those units.
 */
export function viewRows(loaded: Loaded, by: ResultView): ViewRow[] {
  const { structure, publication, scope } = loaded;
  const present = (key: string) => {
    const a = publication.aggregates.get(key);
    return a !== undefined && (a.invited > 0 || a.n > 0);
  };
  const inScope = (unitId: string) => scope === null || scope.includes(unitId);
  if (by === "staffGroup") {
    if (scope !== null) return [];
    return structure.staffGroups
      .filter((g) => present(staffGroupKey(g.id)))
      .map((g) => ({
        key: staffGroupKey(g.id),
        staffGroupId: g.id,
        name: g.name,
        staffGroupName: g.name,
      }));
  }
  const units = structure.units.filter((u) => inScope(u.id) && present(unitKey(u.id)));
  if (by === "unit") {
    return units.map((u) => ({
      key: unitKey(u.id),
      unitId: u.id,
      name: u.name,
      unitName: u.name,
      depth: u.depth,
    }));
  }
  return units.flatMap((u) =>
    structure.staffGroups
      .filter((g) => present(unitStaffGroupKey(u.id, g.id)))
      .map((g) => ({
        key: unitStaffGroupKey(u.id, g.id),
        unitId: u.id,
        staffGroupId: g.id,
        name: `${u.name} — ${g.name}`,
        unitName: u.name,
        staffGroupName: g.name,
        depth: u.depth,
      })),
  );
}

/** A row with its figures: a hidden group carries nothing but its reason. */
function withFigures(publication: Publication, row: ViewRow): ResultGroup {
  const a = publication.aggregates.get(row.key);
  if (!a || a.suppressed) {
    return {
      ...row,
      n: null,
      suppressed: true,
      reason: a?.reason ?? "small",
      scales: null,
      items: null,
    };
  }
  return { ...row, n: a.n, suppressed: false, scales: a.scales, items: a.items };
}

/** One view of a published cycle. Pure. */
export function resultsOf(loaded: Loaded, by: ResultView, centreName: string): CycleResults {
  const { cycle, instrument, publication, scope } = loaded;
  const definition = instrument.definition;
  const centre = publication.aggregates.get(CENTRE_KEY);
  const scales: Record<string, ScaleInfo> = {};
  for (const s of definition.scales) {
    scales[s.id] = {
      label: s.name,
      higherIs: s.higherIs,
      bands: (s.bands ?? []).map((b) => ({ id: b.id, from: b.from, to: b.to, label: b.label })),
      // A quality check of the tool over the whole centre: with the centre's figures only.
      alpha: scope === null ? (publication.alpha[s.id] ?? null) : null,
    };
  }
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      status: cycle.status,
      opensAt: cycle.opensAt.toISOString(),
      closesAt: cycle.closesAt.toISOString(),
      closedAt: cycle.closedAt?.toISOString() ?? null,
      instrumentId: cycle.instrumentId,
      minGroupSize: cycle.minGroupSize,
    },
    instrument: {
      slug: instrument.slug,
      version: instrument.version,
      title: definition.title,
    },
    by,
    invited: centre?.invited ?? 0,
    responded: centre?.n ?? 0,
    centre: scope === null ? withFigures(publication, { key: CENTRE_KEY, name: centreName }) : null,
    groups: viewRows(loaded, by).map((row) => withFigures(publication, row)),
    scales,
  };
}

/**
 * The results of a closed cycle for one view: by unit, by staff group, or by both. Needs
 * `survey.results.view`; a manager gets the rows of their own units only (no centre, no staff
 * groups across the centre), suppressed exactly as everyone else's.
 */
export async function cycleResults(
  actor: Actor,
  cycleId: string,
  opts: { by: ResultView },
): Promise<CycleResults> {
  const loaded = await loadPublication(db(), actor, cycleId);
  return resultsOf(loaded, opts.by, actor.centreName);
}

/**
 * Every view of a closed cycle from one reading of its figures — what a full report or an
 * export needs (the same suppression, computed once).
 */
export async function cycleResultsAll(
  actor: Actor,
  cycleId: string,
): Promise<Record<ResultView, CycleResults>> {
  const loaded = await loadPublication(db(), actor, cycleId);
  return Object.fromEntries(
    RESULT_VIEWS.map((by) => [by, resultsOf(loaded, by, actor.centreName)]),
  ) as Record<ResultView, CycleResults>;
}
