// What the results page and the exports read: the cycle's publication once (every view from
// it) and the earlier cycle's scale figures once (the trend of any view from them) — the same
// figures `cycleResults` and `cycleTrend` give, without reading the responses again per view.
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { type Actor, unitScope } from "../access/actor.ts";
import { closedCycle, RESULT_VIEWS, type ResultView } from "./result-cells.ts";
import { type CycleResults, loadPublication, resultsOf } from "./results.ts";
import { FULL_FIGURES } from "./results-sql.ts";
import { type CycleTrend, loadPrevious, resolvePrevious, trendOf } from "./trend.ts";

export type ResultBundle = {
  views: Record<ResultView, CycleResults>;
  /** The trend with a view's rows (and the centre's); null without an earlier cycle. */
  trend: (by: ResultView | null) => CycleTrend | null;
  /** The earlier cycle compared with, if any. */
  previousId: string | null;
  /** With `lenient`, why the earlier cycle asked for cannot be compared (a message key). */
  trendError: string | null;
};

/**
 * A closed cycle's results and trend. Needs `survey.results.view` (a manager gets their own
 * units); 404 for another centre's cycle, 409 for one not closed. `previous` names the cycle to
 * compare with (default: the latest earlier closed cycle of the same instrument); one that does
 * not fit is a 422 on `previous` — or, with `lenient`, no trend and `trendError`, so a page can
 * say so beside its other figures.
 */
export async function resultBundle(
  actor: Actor,
  cycleId: string,
  opts: { previous?: unknown; lenient?: boolean } = {},
): Promise<ResultBundle> {
  await unitScope(db(), actor, "survey.results.view");
  const row = await closedCycle(db(), actor, cycleId);
  const ref = { id: row.cycle.id, slug: row.instrument.slug };
  let trendError: string | null = null;
  const fitting = async () => {
    try {
      const id = await resolvePrevious(actor, ref, opts.previous, false);
      return id ? { id, loaded: await loadPrevious(actor, id) } : null;
    } catch (err) {
      if (!opts.lenient || !(err instanceof AppError) || err.code !== "validation") throw err;
      trendError = err.fieldErrors.previous ?? "errors.invalid";
      return null;
    }
  };
  const [current, previous] = await Promise.all([
    loadPublication(db(), actor, cycleId, FULL_FIGURES, row),
    fitting(),
  ]);
  const views = Object.fromEntries(
    RESULT_VIEWS.map((by) => [by, resultsOf(current, by, actor.centreName)]),
  ) as Record<ResultView, CycleResults>;
  return {
    views,
    trend: (by) => (previous ? trendOf(current, previous.loaded, by, actor.centreName) : null),
    previousId: previous?.id ?? null,
    trendError,
  };
}
