/**
 * From results to action: for each unit whose results are shown, the scales at highest risk,
 * each with the kinds of support that answer it. Pure: works on what `cycleResults` returned,
 * so it can only ever use figures that were published.
 */
import type { LocalizedText } from "./instrument.ts";
import type { CycleResults, ResultGroup } from "./results.ts";
import { type SupportOption, supportFor } from "./scale-support.ts";
import { bandIndex, type HigherIs } from "./stats.ts";

export type ScaleRisk = {
  scaleId: string;
  label: LocalizedText;
  higherIs: HigherIs;
  mean: number;
  n: number;
  /** Distance toward the bad end, 0–100: the mean where higher is worse, 100 − mean otherwise. */
  risk: number;
  /** The band the mean falls in, if the scale has bands. */
  band: { id: string; label: LocalizedText } | null;
  support: SupportOption[];
};

export type UnitRisks = {
  key: string;
  unitId: string;
  name: string;
  depth?: number;
  risks: ScaleRisk[];
};

/** A group's scales ordered by risk (highest first; equal risks in the instrument's order). */
export function risksOf(
  group: ResultGroup,
  scales: CycleResults["scales"],
  count = 3,
): ScaleRisk[] {
  if (group.suppressed || !group.scales) return [];
  const ranked: (ScaleRisk & { order: number })[] = [];
  Object.entries(scales).forEach(([scaleId, info], order) => {
    const s = group.scales?.[scaleId];
    if (!s || s.mean === null) return;
    const i = info.bands.length > 0 ? bandIndex(s.mean, info.bands) : -1;
    ranked.push({
      scaleId,
      label: info.label,
      higherIs: info.higherIs,
      mean: s.mean,
      n: s.n,
      risk: info.higherIs === "worse" ? s.mean : 100 - s.mean,
      band: i >= 0 ? { id: info.bands[i].id, label: info.bands[i].label } : null,
      support: supportFor(scaleId),
      order,
    });
  });
  return ranked
    .sort((a, b) => b.risk - a.risk || a.order - b.order)
    .slice(0, count)
    .map(({ order: _, ...risk }) => risk);
}

/**
 * For each published unit row of the results (a view by unit), its three scales at highest
 * risk. Hidden units are left out: they have no figures to rank.
 */
export function topRisks(results: CycleResults, count = 3): UnitRisks[] {
  return results.groups
    .filter((g) => g.unitId !== undefined && g.staffGroupId === undefined && !g.suppressed)
    .map((g) => ({
      key: g.key,
      unitId: g.unitId!,
      name: g.name,
      ...(g.depth !== undefined ? { depth: g.depth } : {}),
      risks: risksOf(g, results.scales, count),
    }));
}
