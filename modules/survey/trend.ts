/**
 * Change between two closed cycles of the same instrument: per scale the difference of means,
 * Hedges' g, Welch's p and a flag (`trend` in stats.ts) — for the centre, and for each group of
 * a view that both cycles publish. Each cycle is suppressed on its own, over everything it
 * publishes, exactly as its results are; a group hidden in either cycle gets no trend.
 */
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import type { LocalizedText } from "./instrument.ts";
import { CENTRE_KEY, RESULT_VIEWS, type ResultView } from "./result-cells.ts";
import { type Loaded, loadPublication, type ViewRow, viewRows } from "./results.ts";
import type { PublishedAggregate } from "./results-publish.ts";
import { SCALE_FIGURES } from "./results-sql.ts";
import { surveyCycle, surveyInstrument } from "./schema.ts";
import { type HigherIs, type Trend, trend } from "./stats.ts";

export type ScaleTrend = Trend & {
  previous: { n: number; mean: number | null };
  current: { n: number; mean: number | null };
};

export type TrendGroup = ViewRow & {
  /** True when either cycle hides the group: then there is no trend to show. */
  suppressed: boolean;
  scales: Record<string, ScaleTrend> | null;
};

export type CycleTrend = {
  cycle: CycleSummary;
  previous: CycleSummary;
  /** Scales present in both cycles' instruments, in the current instrument's order. */
  scales: Record<string, { label: LocalizedText; higherIs: HigherIs }>;
  /** The whole centre; null for a reader who sees only their own units. */
  centre: TrendGroup | null;
  /** Rows of the view asked for (none without `by`). */
  groups: TrendGroup[];
};

/** A cycle as a trend names it; `closedAt` is when it was closed (early or on time). */
export type CycleSummary = { id: string; name: string; closesAt: string; closedAt: string | null };

const badPrevious = () => new AppError("validation", { previous: "errors.surveyTrendPrevious" });

type CycleRef = { id: string; name: string; closesAt: Date; closedAt: Date | null };

/**
 * The cycle a trend compares with by default: the latest closed cycle of the same centre and
 * instrument (any version of its slug) that closed before this one; null when there is none.
 * Only names and dates: callers check the reader's rights on the cycles themselves.
 */
export async function previousCycleOf(cycleId: string): Promise<CycleRef | null> {
  if (!isUuid(cycleId)) return null;
  const [current] = await db()
    .select({
      centreId: surveyCycle.centreId,
      slug: surveyInstrument.slug,
      closed: sql<string>`coalesce(${surveyCycle.closedAt}, ${surveyCycle.closesAt})`,
    })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(eq(surveyCycle.id, cycleId));
  if (!current) return null;
  // Early closing sets closed_at before closes_at: the real end is whichever came first.
  const end = sql`coalesce(${surveyCycle.closedAt}, ${surveyCycle.closesAt})`;
  const [previous] = await db()
    .select({
      id: surveyCycle.id,
      name: surveyCycle.name,
      closesAt: surveyCycle.closesAt,
      closedAt: surveyCycle.closedAt,
    })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(
      and(
        eq(surveyCycle.centreId, current.centreId),
        eq(surveyInstrument.slug, current.slug),
        eq(surveyCycle.status, "closed"),
        ne(surveyCycle.id, cycleId),
        sql`${end} < ${current.closed}::timestamptz`,
      ),
    )
    .orderBy(desc(end), desc(surveyCycle.id))
    .limit(1);
  return previous ?? null;
}

function groupTrend(
  row: ViewRow,
  current: PublishedAggregate | undefined,
  previous: PublishedAggregate | undefined,
  scales: CycleTrend["scales"],
): TrendGroup {
  if (!current?.scales || !previous?.scales) return { ...row, suppressed: true, scales: null };
  const out: Record<string, ScaleTrend> = {};
  for (const [id, info] of Object.entries(scales)) {
    const a = previous.scales[id];
    const b = current.scales[id];
    out[id] = {
      ...trend(
        { n: a.n, sum: a.sum, sumSq: a.sumSq },
        { n: b.n, sum: b.sum, sumSq: b.sumSq },
        info.higherIs,
      ),
      previous: { n: a.n, mean: a.mean },
      current: { n: b.n, mean: b.mean },
    };
  }
  return { ...row, suppressed: false, scales: out };
}

/** A `by` from a caller: absent for none, else one of the views (422 on `by` otherwise). */
export function parseTrendView(value: unknown): ResultView | null {
  if (value === undefined || value === null || value === "") return null;
  if (!(RESULT_VIEWS as readonly unknown[]).includes(value)) {
    throw new AppError("validation", { by: "errors.invalid" });
  }
  return value as ResultView;
}

/**
 * The cycle to compare a closed cycle with: `previous` as given, or by default the latest
 * earlier one (`previousCycleOf`; null when there is none and `required` is false). A given one
 * must be another closed cycle of the actor's centre with the same instrument slug: 422 with a
 * field error on `previous` otherwise.
 */
export async function resolvePrevious(
  actor: Actor,
  current: { id: string; slug: string },
  previous: unknown,
  required: boolean,
): Promise<string | null> {
  if (previous === undefined || previous === null || previous === "") {
    const found = (await previousCycleOf(current.id))?.id ?? null;
    if (!found && required) {
      throw new AppError("validation", { previous: "errors.surveyTrendNone" });
    }
    return found;
  }
  if (!isUuid(previous) || previous === current.id) throw badPrevious();
  const [candidate] = await db()
    .select({ status: surveyCycle.status, slug: surveyInstrument.slug })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(and(eq(surveyCycle.id, previous), eq(surveyCycle.centreId, actor.centreId)));
  if (candidate?.status !== "closed" || candidate.slug !== current.slug) throw badPrevious();
  return previous;
}

/** Reads the previous cycle's scale figures; a cycle gone or reopened since is a bad input. */
export async function loadPrevious(actor: Actor, previousId: string): Promise<Loaded> {
  try {
    return await loadPublication(db(), actor, previousId, SCALE_FIGURES);
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "conflict")) {
      throw badPrevious();
    }
    throw err;
  }
}

/**
 * The trend between two published cycles (each suppressed on its own): for the centre, and
 * with `by` for each row of that view of the current cycle. Pure.
 */
export function trendOf(
  current: Loaded,
  previous: Loaded,
  by: ResultView | null,
  centreName: string,
): CycleTrend {
  const before = new Set(previous.instrument.definition.scales.map((s) => s.id));
  const scales: CycleTrend["scales"] = {};
  for (const s of current.instrument.definition.scales) {
    if (before.has(s.id)) scales[s.id] = { label: s.name, higherIs: s.higherIs };
  }
  const pair = (row: ViewRow) =>
    groupTrend(
      row,
      current.publication.aggregates.get(row.key),
      previous.publication.aggregates.get(row.key),
      scales,
    );
  const ref = (c: CycleRef): CycleSummary => ({
    id: c.id,
    name: c.name,
    closesAt: c.closesAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  });
  return {
    cycle: ref(current.cycle),
    previous: ref(previous.cycle),
    scales,
    centre: current.scope === null ? pair({ key: CENTRE_KEY, name: centreName }) : null,
    groups: by ? viewRows(current, by).map(pair) : [],
  };
}

/**
 * The trend of a closed cycle against an earlier closed cycle of the same centre and instrument
 * slug (`previous`, by default `previousCycleOf`): 422 with a field error on `previous` when it
 * is not such a cycle, or when there is none. With `by`, also per group of that view. Needs
 * `survey.results.view`; a manager gets their own units' rows only.
 */
export async function cycleTrend(
  actor: Actor,
  cycleId: string,
  input: { previous?: unknown; by?: unknown },
): Promise<CycleTrend> {
  const by = parseTrendView(input.by);
  const current = await loadPublication(db(), actor, cycleId, SCALE_FIGURES);
  const previousId = await resolvePrevious(
    actor,
    { id: current.cycle.id, slug: current.instrument.slug },
    input.previous,
    true,
  );
  const previous = await loadPrevious(actor, previousId!);
  return trendOf(current, previous, by, actor.centreName);
}
