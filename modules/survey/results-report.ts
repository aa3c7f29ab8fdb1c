/**
 * The full results report of a closed cycle in one go — what a PDF or a results page that shows
 * everything needs: every view (by unit, by staff group, by both), Cronbach's alpha, the trend
 * against the previous cycle by unit, and each unit's scales at highest risk. The cycle's
 * responses are read once, by the same statement `cycleResults` runs; the previous cycle's scale
 * figures are read alongside. Suppression is decided once per cycle, exactly as for the
 * separate calls, so every figure here is one those calls would show.
 */
import { db } from "../../platform/db.ts";
import type { Actor } from "../access/actor.ts";
import { unitScope } from "../access/actor.ts";
import { closedCycle, RESULT_VIEWS, type ResultView } from "./result-cells.ts";
import { type CycleResults, loadPublication, resultsOf } from "./results.ts";
import { FULL_FIGURES } from "./results-sql.ts";
import { topRisks, type UnitRisks } from "./top-risks.ts";
import { type CycleTrend, loadPrevious, resolvePrevious, trendOf } from "./trend.ts";

export type CycleReport = {
  views: Record<ResultView, CycleResults>;
  /** Against `previous`, or the latest earlier closed cycle; null when there is none. */
  trend: CycleTrend | null;
  /** For each shown unit, its three scales at highest risk with the support that answers them. */
  topRisks: UnitRisks[];
};

/**
 * Everything the results of a closed cycle show, from one reading of its responses. Needs
 * `survey.results.view` (a manager gets their own units); 404 for another centre's cycle, 409
 * for one not closed, 422 on `previous` for a cycle that cannot be compared with.
 */
export async function cycleReport(
  actor: Actor,
  cycleId: string,
  opts: { previous?: unknown } = {},
): Promise<CycleReport> {
  await unitScope(db(), actor, "survey.results.view");
  const row = await closedCycle(db(), actor, cycleId);
  const previousId = await resolvePrevious(
    actor,
    { id: row.cycle.id, slug: row.instrument.slug },
    opts.previous,
    false,
  );
  // On PostgreSQL the two cycles are read on two connections at once.
  const [current, previous] = await Promise.all([
    loadPublication(db(), actor, cycleId, FULL_FIGURES, row),
    previousId ? loadPrevious(actor, previousId) : Promise.resolve(null),
  ]);
  const views = Object.fromEntries(
    RESULT_VIEWS.map((by) => [by, resultsOf(current, by, actor.centreName)]),
  ) as Record<ResultView, CycleResults>;
  return {
    views,
    trend: previous ? trendOf(current, previous, "unit", actor.centreName) : null,
    topRisks: topRisks(views.unit),
  };
}
