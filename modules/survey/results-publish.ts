/**
 * From the cells' figures to what a cycle publishes: which aggregates are shown, and their
 * figures. Pure, no I/O; the service (`results.ts`) reads the figures and the structure.
 *
 * Suppression is decided once for every aggregate the cycle publishes in any view — the centre,
 * each staff group, each unit (its subtree) and each unit × staff group — whoever is asking
 * (README "Suppression"): a manager's view only drops rows afterwards.
 *
 * Several count vectors are suppressed, and the results combined:
 * - respondents per cell, and each scale's valid scores per cell: an aggregate hidden by any of
 *   these runs is hidden altogether (README "Per-scale counts": hiding the union keeps every
 *   run's guarantee);
 * - each closed item's answer count per cell: an item's distribution is shown only for groups
 *   that are shown and that its run publishes (an optional or conditional item answered by two
 *   people of a published group would otherwise show those two people's answers); items
 *   answered in the same cells share a run over their least counts.
 * Runs whose inputs differ only in ways the algorithm cannot see — the same non-empty cells, the
 * same small aggregates and small cells — have the same safe answer, so it is reused.
 */

import {
  CENTRE_KEY,
  type CycleStructure,
  cellOf,
  type StoredCellCount,
  suppressionCells,
} from "./result-cells.ts";
import type { CellFigures, FigureLayout } from "./results-sql.ts";
import {
  covarianceFromSums,
  cronbachAlphaFromCovariance,
  meanCi95,
  type SufficientStats,
  summarize,
} from "./stats.ts";
import { cellKey, type SuppressionInput, suppress } from "./suppression.ts";

/** Why a group is not shown: fewer than k answered; hidden to protect another; nobody answered. */
export type HiddenReason = "small" | "complementary" | "empty";

export type ScaleResult = {
  /** Respondents with a valid score on the scale. */
  n: number;
  mean: number | null;
  sd: number | null;
  /** 95 % confidence interval of the mean; null below two scores. */
  ci95: [number, number] | null;
  /** Share (0–1) of the valid scores in each of the scale's bands, in the bands' order. */
  bands: number[] | null;
  /** The sufficient statistics behind mean and sd, for trends and checks. */
  sum: number;
  sumSq: number;
};

/** An item's distribution: how many answered it, and the count of each answer value. */
export type ItemResult = { n: number; counts: Record<string, number> };

export type PublishedAggregate = {
  key: string;
  /** Respondents; for reasons and checks only: never shown for a hidden group. */
  n: number;
  invited: number;
  suppressed: boolean;
  reason?: HiddenReason;
  scales: Record<string, ScaleResult> | null;
  /** Per closed item: its distribution, or null where that item's own run hides it. */
  items: Record<string, ItemResult | null> | null;
};

export type PublishInput = {
  k: number;
  structure: CycleStructure;
  layout: FigureLayout;
  cells: readonly CellFigures[];
  /** Invitations and paper codes handed out, per stored cell. */
  invited: readonly StoredCellCount[];
};

export type Publication = {
  /** Every aggregate of the cycle, by key. */
  aggregates: Map<string, PublishedAggregate>;
  /** Cronbach's alpha per scale over the whole centre; null when the centre is not shown. */
  alpha: Record<string, number | null>;
};

type Acc = {
  n: number;
  counts: number[];
  sums: number[];
  numberValues: Record<string, Record<string, number>>;
};

function addInto(target: Acc, cell: Acc): void {
  target.n += cell.n;
  for (let i = 0; i < cell.counts.length; i++) target.counts[i] += cell.counts[i];
  for (let i = 0; i < cell.sums.length; i++) target.sums[i] += cell.sums[i];
  for (const [item, values] of Object.entries(cell.numberValues)) {
    target.numberValues[item] ??= {};
    const into = target.numberValues[item];
    for (const [v, c] of Object.entries(values)) into[v] = (into[v] ?? 0) + c;
  }
}

const emptyAcc = (layout: FigureLayout): Acc => ({
  n: 0,
  counts: new Array(layout.countSize).fill(0),
  sums: new Array(layout.sumSize).fill(0),
  numberValues: {},
});

/** The suppression of one count vector, with results reused across equivalent vectors. */
function suppressor(k: number, base: Pick<SuppressionInput, "cells" | "aggregates">) {
  const cellIndex = new Map(base.cells.map((c, i) => [c.key, i]));
  const members = base.aggregates.map((a) => a.cells.map((c) => cellIndex.get(c)!));
  const memo = new Map<string, Map<string, { hidden: boolean; small: boolean; empty: boolean }>>();
  return (n: readonly number[]) => {
    const live: number[] = [];
    const smallCells: number[] = [];
    n.forEach((x, i) => {
      if (x > 0) live.push(i);
      if (x > 0 && x < k) smallCells.push(i);
    });
    const smallAggregates: number[] = [];
    members.forEach((cells, i) => {
      let total = 0;
      for (const c of cells) total += n[c];
      if (total > 0 && total < k) smallAggregates.push(i);
    });
    // What `suppress` decides depends on n only through these sets (and the order of equal
    // sizes); any answer that is safe for one vector is safe for every vector sharing them.
    const signature = `${live.join(",")}|${smallAggregates.join(",")}|${smallCells.join(",")}`;
    let states = memo.get(signature);
    if (!states) {
      const result = suppress({
        k,
        cells: base.cells.map((c, i) => ({ key: c.key, n: n[i] })),
        aggregates: base.aggregates,
      });
      states = new Map(
        result.decisions.map((d) => [
          d.key,
          {
            hidden: d.state === "small" || d.state === "complementary",
            small: d.state === "small",
            empty: d.state === "empty",
          },
        ]),
      );
      memo.set(signature, states);
    }
    return states;
  };
}

function scaleResult(stats: SufficientStats, bandCounts: number[] | null): ScaleResult {
  const ci = meanCi95(stats);
  const { sd } = summarize(stats);
  return {
    n: stats.n,
    mean: ci.mean,
    sd,
    ci95: ci.low !== null && ci.high !== null ? [ci.low, ci.high] : null,
    bands: bandCounts && stats.n > 0 ? bandCounts.map((c) => c / stats.n) : null,
    sum: stats.sum,
    sumSq: stats.sumSq,
  };
}

/** Decides what the cycle publishes and computes the figures of every shown aggregate. */
export function publishCycle(p: PublishInput): Publication {
  const { k, structure, layout } = p;
  // Cells as suppression sees them: unknown units and staff groups folded into UNKNOWN.
  const figures = new Map<string, Acc>();
  const invitedBy = new Map<string, number>();
  const stored: StoredCellCount[] = [];
  for (const c of p.cells) {
    const cell = cellOf(structure, c.unitId, c.staffGroupId);
    const key = cellKey(cell.unitId, cell.staffGroupId);
    const acc = figures.get(key) ?? emptyAcc(layout);
    addInto(acc, c);
    figures.set(key, acc);
    stored.push({ unitId: c.unitId, staffGroupId: c.staffGroupId, n: c.n });
  }
  for (const c of p.invited) {
    const cell = cellOf(structure, c.unitId, c.staffGroupId);
    const key = cellKey(cell.unitId, cell.staffGroupId);
    invitedBy.set(key, (invitedBy.get(key) ?? 0) + c.n);
  }
  const base = suppressionCells(structure, stored);
  const run = suppressor(k, base);
  const vectorOf = (at: number | null) =>
    base.cells.map((c) => {
      const f = figures.get(c.key);
      return f ? (at === null ? f.n : f.counts[at]) : 0;
    });

  const respondents = run(vectorOf(null));
  const scaleRuns = layout.scales.map((s) => run(vectorOf(s.count)));
  // Items answered in the same cells share one run, over the least count of any of them per
  // cell: the non-empty cells are the same for each, and each one's small aggregates and cells
  // are small under the minimum too, so what is safe for the minimum is safe for every one of
  // them (at the price of hiding an item's distribution a little more often). A handful of
  // runs instead of one per item.
  const families = new Map<string, { vector: number[]; items: number[] }>();
  layout.items.forEach((item, i) => {
    const vector = vectorOf(item.answered);
    const live = vector.map((x) => (x > 0 ? "1" : "0")).join("");
    const family = families.get(live);
    if (!family) {
      families.set(live, { vector, items: [i] });
      return;
    }
    family.items.push(i);
    vector.forEach((x, c) => {
      if (x < family.vector[c]) family.vector[c] = x;
    });
  });
  const itemRuns: ReturnType<typeof run>[] = [];
  for (const family of families.values()) {
    const states = run(family.vector);
    for (const i of family.items) itemRuns[i] = states;
  }

  const aggregates = new Map<string, PublishedAggregate>();
  for (const a of base.aggregates) {
    const acc = emptyAcc(layout);
    let invited = 0;
    for (const c of a.cells) {
      const f = figures.get(c);
      if (f) addInto(acc, f);
      invited += invitedBy.get(c) ?? 0;
    }
    const r = respondents.get(a.key)!;
    const scaleStates = scaleRuns.map((s) => s.get(a.key)!);
    const hidden = r.hidden || scaleStates.some((s) => s.hidden);
    if (r.empty || hidden) {
      // Nobody answered: said as such only where at least k were invited — otherwise "none
      // of the three of you answered" is itself news about a small group.
      const reason: HiddenReason = r.empty
        ? invited >= k
          ? "empty"
          : "small"
        : r.small || scaleStates.some((s) => s.small)
          ? "small"
          : "complementary";
      aggregates.set(a.key, {
        key: a.key,
        n: acc.n,
        invited,
        suppressed: true,
        reason,
        scales: null,
        items: null,
      });
      continue;
    }
    const scales: Record<string, ScaleResult> = {};
    for (const s of layout.scales) {
      const stats = { n: acc.counts[s.count], sum: acc.sums[s.sum], sumSq: acc.sums[s.sum + 1] };
      scales[s.id] = scaleResult(
        stats,
        layout.options.bands ? s.bands.map((b) => acc.counts[b]) : null,
      );
    }
    let items: Record<string, ItemResult | null> | null = null;
    if (layout.options.items) {
      items = {};
      layout.items.forEach((item, i) => {
        if (itemRuns[i].get(a.key)!.hidden) {
          items![item.id] = null;
          return;
        }
        const counts: Record<string, number> = {};
        for (const v of item.values) counts[v.key] = acc.counts[v.count];
        if (item.kind === "number") Object.assign(counts, acc.numberValues[item.id] ?? {});
        items![item.id] = { n: acc.counts[item.answered], counts };
      });
    }
    aggregates.set(a.key, {
      key: a.key,
      n: acc.n,
      invited,
      suppressed: false,
      scales,
      items,
    });
  }

  const alpha: Record<string, number | null> = {};
  const centre = aggregates.get(CENTRE_KEY);
  if (layout.options.pairs) {
    const total = emptyAcc(layout);
    for (const f of figures.values()) addInto(total, f);
    for (const scale of layout.pairs) {
      if (!centre || centre.suppressed) {
        alpha[scale.scaleId] = null;
        continue;
      }
      const size = scale.items.length;
      const c: (number | null)[][] = Array.from({ length: size }, () => new Array(size).fill(null));
      for (const pair of scale.pairs) {
        const v = covarianceFromSums({
          n: total.counts[pair.n],
          sumX: total.sums[pair.sumX],
          sumY: total.sums[pair.sumY],
          sumXY: total.sums[pair.sumXY],
        });
        c[pair.i][pair.j] = v;
        c[pair.j][pair.i] = v;
      }
      alpha[scale.scaleId] = cronbachAlphaFromCovariance(c);
    }
  }
  return { aggregates, alpha };
}
