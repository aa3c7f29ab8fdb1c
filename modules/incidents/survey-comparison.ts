// Reported incidents beside the workload survey: for each unit of a closed cycle's results by
// unit, how many incidents were reported in the period the survey asked about, next to the
// share of the unit's respondents who said in the survey that they met aggression. A high share
// with few reports suggests incidents go unreported.
//
// The survey side is read from the cycle's published results only (the same per-group item
// distributions the results page shows, with their suppression): a hidden group, or a group
// whose aggression items are hidden, gets no share — only its incident count. The incident side
// is one aggregate query, a count per unit: no incident's details.
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { statsPeriod } from "../../platform/month-period.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, descendantsOf, unitScope } from "../access/actor.ts";
import { orgUnit } from "../org/schema.ts";
import type { CycleResults, HiddenReason, ItemResult, ResultGroup } from "../survey/results.ts";
import { incident } from "./schema.ts";

/** The default instrument's aggression items: "ag_verbal", "ag_threat", "ag_physical", … */
export const AGGRESSION_ITEM_PREFIX = "ag_";

/**
 * The months before the cycle opened that the survey asks about: the aggression section of the
 * default instrument asks about "the last 6 months" (instruments/obciazenie-zawodowe.json).
 */
export const RECALL_MONTHS = 6;

/**
 * The aggression items of an instrument: the frequency items whose id starts with "ag_" (the
 * follow-ups "ag_reported" and "ag_support" are choices, not frequencies, and are left out).
 */
export function aggressionItemIds(items: readonly { id: string; kind: string }[]): string[] {
  return items
    .filter((i) => i.kind === "frequency" && i.id.startsWith(AGGRESSION_ITEM_PREFIX))
    .map((i) => i.id);
}

/** Why a unit's survey share is not shown: the group's own reason, or its items' ("item"). */
export type ShareHidden = HiddenReason | "item";

/**
 * A frequency item's share of answers above its lowest point ("never"): those who met it at
 * least once, out of those who answered it. Null when nobody answered.
 */
function atLeastOnce(d: ItemResult): number | null {
  if (d.n === 0) return null;
  const values = Object.keys(d.counts).map(Number);
  const never = Math.min(...values);
  let exposed = 0;
  for (const [value, count] of Object.entries(d.counts))
    if (Number(value) > never) exposed += count;
  return exposed / d.n;
}

/**
 * Pure: the share of a result group's respondents who reported aggression, from its published
 * item distributions — per aggression item the share who met it at least once, and of those the
 * highest (everyone counted in it reported aggression, so the share who met any kind is at
 * least that). A hidden group, or one whose aggression items are all hidden, has none.
 */
export function aggressionShare(
  group: ResultGroup,
  itemIds: readonly string[],
): { share: number; hidden: null } | { share: null; hidden: ShareHidden } {
  if (group.suppressed || !group.items) return { share: null, hidden: group.reason ?? "small" };
  const shown = itemIds.map((id) => group.items?.[id]).filter((d): d is ItemResult => !!d);
  if (shown.length === 0) return { share: null, hidden: "item" };
  const shares = shown.map(atLeastOnce).filter((s): s is number => s !== null);
  if (shares.length === 0) return { share: null, hidden: "empty" };
  return { share: Math.max(...shares), hidden: null };
}

export type IncidentComparisonRow = {
  /** The result group's key ("unit:<id>"). */
  key: string;
  unitId: string;
  name: string;
  depth: number;
  /** Share (0–1) of respondents who reported aggression; null when not shown (see `hidden`). */
  aggressionShare: number | null;
  hidden: ShareHidden | null;
  /** Incidents reported in the unit and the units beneath it, in the period. */
  incidents: number;
};

export type IncidentComparison = {
  /** First and last Warsaw day (yyyy-mm-dd) of the incidents counted: whole months. */
  from: string;
  to: string;
  /** The survey's recall period before opening (RECALL_MONTHS), for the page to name. */
  months: number;
  rows: IncidentComparisonRow[];
};

/** Pure: a month yyyy-mm moved by some months. */
function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const at = y * 12 + (m - 1) + n;
  return `${Math.floor(at / 12)}-${String((at % 12) + 1).padStart(2, "0")}`;
}

/**
 * Pure: the incidents' period for a cycle, in whole Warsaw months (as the incident statistics
 * count them, so no count stands for a single day): from the month RECALL_MONTHS before the
 * cycle opened — the earliest time its questions reach back to — to the month it closed.
 */
export function comparisonPeriod(cycle: CycleResults["cycle"]): { from: string; to: string } {
  const opened = warsawDay(new Date(cycle.opensAt)).slice(0, 7);
  const closed = warsawDay(new Date(cycle.closedAt ?? cycle.closesAt)).slice(0, 7);
  return statsPeriod({ from: addMonths(opened, -RECALL_MONTHS), to: closed });
}

/**
 * For a closed cycle's results by unit (`resultBundle(actor, …).views.unit`, so already the
 * rows the actor may see), per unit the incidents reported in the comparable period and the
 * survey's aggression share. Needs `survey.results.view`; rows outside the actor's units under
 * it (a manager: their units and those beneath) are dropped whatever the caller passes. Null
 * when the results are not by unit or the instrument has no aggression items. Read-only: one
 * query for the unit tree, one for the counts grouped by unit.
 */
export async function incidentSurveyComparison(
  actor: Actor,
  results: CycleResults,
  itemIds: readonly string[],
): Promise<IncidentComparison | null> {
  const scope = await unitScope(db(), actor, "survey.results.view");
  if (results.by !== "unit" || itemIds.length === 0) return null;
  const { from, to } = comparisonPeriod(results.cycle);
  const groups = results.groups.filter(
    (g): g is ResultGroup & { unitId: string } =>
      !!g.unitId && (scope === null || scope.includes(g.unitId)),
  );
  if (groups.length === 0) return { from, to, months: RECALL_MONTHS, rows: [] };

  const units = await db()
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, actor.centreId));
  // Each row stands for its unit's subtree, as in the survey results.
  const subtree = new Map(groups.map((g) => [g.unitId, descendantsOf([g.unitId], units)]));
  const counted = [...new Set([...subtree.values()].flat())];
  const counts = await db()
    .select({ unitId: incident.unitId, n: sql<number>`count(*)::int` })
    .from(incident)
    .where(
      and(
        eq(incident.centreId, actor.centreId),
        inArray(incident.unitId, counted),
        gte(incident.occurredAt, startOfWarsawDay(from)),
        lt(incident.occurredAt, startOfWarsawDay(addDays(to, 1))),
      ),
    )
    .groupBy(incident.unitId);
  const byUnit = new Map(counts.map((c) => [c.unitId, Number(c.n)]));

  return {
    from,
    to,
    months: RECALL_MONTHS,
    rows: groups.map((g) => {
      const survey = aggressionShare(g, itemIds);
      return {
        key: g.key,
        unitId: g.unitId,
        name: g.name,
        depth: g.depth ?? 0,
        aggressionShare: survey.share,
        hidden: survey.hidden,
        incidents: (subtree.get(g.unitId) ?? []).reduce((n, u) => n + (byUnit.get(u) ?? 0), 0),
      };
    }),
  };
}
