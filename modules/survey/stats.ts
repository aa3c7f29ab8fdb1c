// Statistics for survey results: pure functions of numbers, no I/O.
//
// The report computes counts, sums and sums of squares in SQL, so every function accepts those
// sufficient statistics as well as raw values. Formulas and conventions are documented in
// README.md ("Statistics"); they follow R's defaults so results can be checked against R.

// @ts-expect-error jstat publishes no type declarations; the part used here is typed below.
import jStatModule from "jstat";

type StudentT = {
  cdf(x: number, df: number): number;
  inv(p: number, df: number): number;
};
const studentT: StudentT = (jStatModule as { studentt: StudentT }).studentt;

/** Count, sum and sum of squares of a group's values — what SQL aggregates return cheaply. */
export type SufficientStats = { n: number; sum: number; sumSq: number };

/** Count, mean and sample standard deviation (n − 1 denominator) of a group. */
export type Summary = { n: number; mean: number; sd: number };

/** A group of values given as the values themselves, as sufficient statistics or as a summary. */
export type Sample = readonly number[] | SufficientStats | Summary;

/** Mean with its 95 % confidence interval; `low`/`high` are null below two values. */
export type MeanCi95 = { mean: number | null; low: number | null; high: number | null };

/** Welch's unequal-variances t-test, two-sided. */
export type WelchResult = { t: number; df: number; p: number };

export type HigherIs = "worse" | "better";
export type TrendFlag = "improvement" | "deterioration" | "none";

/** Change between two cycles of the same instrument (current − previous). */
export type Trend = {
  change: number | null;
  g: number | null;
  t: number | null;
  df: number | null;
  p: number | null;
  flag: TrendFlag;
};

/** A trend is flagged only when it is both statistically significant and not trivially small. */
export const TREND_MAX_P = 0.05;
export const TREND_MIN_ABS_G = 0.2;

// Internal form: mean and variance are meaningful only when n ≥ 1 and n ≥ 2 respectively.
type Moments = { n: number; mean: number; variance: number };

function assertFinite(value: unknown, what: string): asserts value is number {
  // Numbers read from SQL may arrive as strings (numeric, bigint); refuse them loudly rather
  // than let "12" + 3 slip into a sum.
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${what} must be a finite number, got ${String(value)}`);
  }
}

function assertCount(n: unknown): asserts n is number {
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);
  }
}

function moments(sample: Sample): Moments {
  if (Array.isArray(sample)) {
    const values = sample as readonly number[];
    const n = values.length;
    let sum = 0;
    for (const v of values) {
      assertFinite(v, "value");
      sum += v;
    }
    const mean = n > 0 ? sum / n : Number.NaN;
    // Two passes over the values: deviations from the mean lose less precision than sumSq − …
    let ss = 0;
    for (const v of values) ss += (v - mean) ** 2;
    return { n, mean, variance: n > 1 ? ss / (n - 1) : Number.NaN };
  }
  const s = sample as SufficientStats | Summary;
  assertCount(s.n);
  const n = s.n;
  if ("sumSq" in s) {
    assertFinite(s.sum, "sum");
    assertFinite(s.sumSq, "sumSq");
    const mean = n > 0 ? s.sum / n : Number.NaN;
    // Rounding can push a zero spread slightly below zero; a variance is never negative.
    const variance = n > 1 ? Math.max(0, (s.sumSq - (s.sum * s.sum) / n) / (n - 1)) : Number.NaN;
    return { n, mean, variance };
  }
  const summary = s as Summary;
  if (n > 0) assertFinite(summary.mean, "mean");
  if (n > 1) {
    assertFinite(summary.sd, "sd");
    if (summary.sd < 0) throw new RangeError(`sd must not be negative, got ${summary.sd}`);
  }
  return {
    n,
    mean: n > 0 ? summary.mean : Number.NaN,
    variance: n > 1 ? summary.sd * summary.sd : Number.NaN,
  };
}

/** Count, mean and sample standard deviation of any form of sample; null where undefined. */
export function summarize(sample: Sample): {
  n: number;
  mean: number | null;
  sd: number | null;
} {
  const m = moments(sample);
  return {
    n: m.n,
    mean: m.n > 0 ? m.mean : null,
    sd: m.n > 1 ? Math.sqrt(m.variance) : null,
  };
}

/**
 * Mean and its 95 % confidence interval, mean ± t(0.975, n − 1) · sd / √n. Accepts the values
 * or their sufficient statistics `{ n, sum, sumSq }` (or a `{ n, mean, sd }` summary).
 * No values: everything null. One value: the mean, with no interval.
 */
export function meanCi95(sample: Sample): MeanCi95 {
  const m = moments(sample);
  if (m.n === 0) return { mean: null, low: null, high: null };
  if (m.n === 1) return { mean: m.mean, low: null, high: null };
  const half = studentT.inv(0.975, m.n - 1) * Math.sqrt(m.variance / m.n);
  return { mean: m.mean, low: m.mean - half, high: m.mean + half };
}

/**
 * Hedges' g of a against b: (mean a − mean b) / pooled sd, times the small-sample correction
 * J = 1 − 3 / (4(n₁ + n₂) − 9). Null when either group has fewer than two values or the
 * pooled sd is zero (the effect is then undefined, not infinite).
 */
export function hedgesG(a: Sample, b: Sample): number | null {
  const x = moments(a);
  const y = moments(b);
  if (x.n < 2 || y.n < 2) return null;
  const pooledVariance = ((x.n - 1) * x.variance + (y.n - 1) * y.variance) / (x.n + y.n - 2);
  if (!(pooledVariance > 0)) return null;
  const j = 1 - 3 / (4 * (x.n + y.n) - 9);
  return (j * (x.mean - y.mean)) / Math.sqrt(pooledVariance);
}

/**
 * Welch's two-sample t-test of a against b, as R's `t.test(a, b)` by default: t = (mean a −
 * mean b) / √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom and the two-sided
 * p-value. Null when either group has fewer than two values or both have zero spread.
 */
export function welchT(a: Sample, b: Sample): WelchResult | null {
  const x = moments(a);
  const y = moments(b);
  if (x.n < 2 || y.n < 2) return null;
  const vx = x.variance / x.n;
  const vy = y.variance / y.n;
  const se2 = vx + vy;
  if (!(se2 > 0)) return null;
  const t = (x.mean - y.mean) / Math.sqrt(se2);
  const df = (se2 * se2) / ((vx * vx) / (x.n - 1) + (vy * vy) / (y.n - 1));
  // The lower tail of −|t| keeps precision for small p, where 1 − cdf(|t|) would cancel.
  const p = Math.min(1, 2 * studentT.cdf(-Math.abs(t), df));
  return { t, df, p };
}

/**
 * Whether a change is flagged. `g` is signed as current − previous (positive: the score rose).
 * Flagged only when p < 0.05 and |g| ≥ 0.2; a rise is a deterioration when higher is worse.
 */
export function trendFlag(
  result: { g: number | null; p: number | null },
  higherIs: HigherIs,
): TrendFlag {
  const { g, p } = result;
  if (g === null || p === null) return "none";
  if (!(p < TREND_MAX_P) || !(Math.abs(g) >= TREND_MIN_ABS_G)) return "none";
  const rose = g > 0;
  return rose === (higherIs === "better") ? "improvement" : "deterioration";
}

/** The change of a scale between two cycles: difference of means, g, Welch's test and flag. */
export function trend(previous: Sample, current: Sample, higherIs: HigherIs): Trend {
  const before = moments(previous);
  const after = moments(current);
  const change = before.n > 0 && after.n > 0 ? after.mean - before.mean : null;
  const g = hedgesG(current, previous);
  const w = welchT(current, previous);
  const p = w?.p ?? null;
  return {
    change,
    g,
    t: w?.t ?? null,
    df: w?.df ?? null,
    p,
    flag: trendFlag({ g, p }, higherIs),
  };
}

/**
 * Sample covariance (n − 1 denominator) from pairwise sums over the respondents who answered
 * both items: (Σxy − Σx·Σy / n) / (n − 1). For a variance pass the item's own sums
 * (sumY = sumX, sumXY = Σx²). Null below two respondents.
 */
export function covarianceFromSums(s: {
  n: number;
  sumX: number;
  sumY: number;
  sumXY: number;
}): number | null {
  assertCount(s.n);
  assertFinite(s.sumX, "sumX");
  assertFinite(s.sumY, "sumY");
  assertFinite(s.sumXY, "sumXY");
  if (s.n < 2) return null;
  return (s.sumXY - (s.sumX * s.sumY) / s.n) / (s.n - 1);
}

/** Answers to a scale's items: rows are respondents, columns items, null where not answered. */
export type AnswerMatrix = readonly (readonly (number | null)[])[];

/**
 * The pairwise-deletion covariance matrix, as R's `cov(x, use = "pairwise")`: each entry over
 * the respondents who answered both items, with means taken over those same respondents;
 * the diagonal is each item's variance over those who answered it. An entry is null when
 * fewer than two respondents answered both items.
 */
export function pairwiseCovariance(matrix: AnswerMatrix): (number | null)[][] {
  const k = matrix.length > 0 ? matrix[0].length : 0;
  for (const row of matrix) {
    if (row.length !== k) {
      throw new RangeError(`every row must have ${k} items, one has ${row.length}`);
    }
    for (const v of row) if (v !== null) assertFinite(v, "answer");
  }
  const c: (number | null)[][] = Array.from({ length: k }, () => new Array(k).fill(null));
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (const row of matrix) {
        const x = row[i];
        const y = row[j];
        if (x !== null && y !== null) {
          xs.push(x);
          ys.push(y);
        }
      }
      const n = xs.length;
      let value: number | null = null;
      if (n >= 2) {
        const mx = xs.reduce((acc, v) => acc + v, 0) / n;
        const my = ys.reduce((acc, v) => acc + v, 0) / n;
        let s = 0;
        for (let r = 0; r < n; r++) s += (xs[r] - mx) * (ys[r] - my);
        value = s / (n - 1);
      }
      c[i][j] = value;
      c[j][i] = value;
    }
  }
  return c;
}

/**
 * Cronbach's alpha from an item covariance matrix: (k / (k − 1)) · (1 − tr(C) / ΣC), as
 * `raw_alpha` of R's `psych::alpha`. Null with fewer than two items, a missing entry, or a
 * zero total (no spread at all).
 */
export function cronbachAlphaFromCovariance(
  covariance: readonly (readonly (number | null)[])[],
): number | null {
  const k = covariance.length;
  for (const row of covariance) {
    if (row.length !== k) throw new RangeError("a covariance matrix must be square");
  }
  if (k < 2) return null;
  let trace = 0;
  let total = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = covariance[i][j];
      if (v === null) return null;
      assertFinite(v, "covariance");
      total += v;
      if (i === j) trace += v;
    }
  }
  if (total === 0) return null;
  return (k / (k - 1)) * (1 - trace / total);
}

/**
 * Cronbach's alpha of a scale from its answers, computed from the pairwise-deletion covariance
 * matrix as R's `psych::alpha` reports `raw_alpha`. Items are taken as given: reverse-scored
 * items must already be reversed.
 */
export function cronbachAlpha(matrix: AnswerMatrix): number | null {
  return cronbachAlphaFromCovariance(pairwiseCovariance(matrix));
}

/**
 * An interpretation band: scores s with from ≤ s < to; the last band of a list also takes
 * s = to, so a band list ending at 100 holds a score of 100.
 */
export type Band = { from: number; to: number };

function assertBands(bands: readonly Band[]): void {
  bands.forEach((b, i) => {
    assertFinite(b.from, "band.from");
    assertFinite(b.to, "band.to");
    const last = i === bands.length - 1;
    // Only the last band is closed above, so only it may be a single point such as [100, 100].
    if (last ? b.from > b.to : b.from >= b.to) {
      throw new RangeError(`band ${i} is empty: from ${b.from} to ${b.to}`);
    }
    if (i > 0 && bands[i - 1].to > b.from) {
      throw new RangeError(`bands must be in ascending order without overlap (band ${i})`);
    }
  });
}

function indexIn(score: number, bands: readonly Band[]): number {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i];
    const last = i === bands.length - 1;
    if (score >= b.from && (score < b.to || (last && score === b.to))) return i;
  }
  return -1;
}

/** Index of the band a score falls in, or −1 when it falls in none (below, above, in a gap). */
export function bandIndex(score: number, bands: readonly Band[]): number {
  assertBands(bands);
  assertFinite(score, "score");
  return indexIn(score, bands);
}

export type BandShares<B extends Band> = {
  /** Scores counted: every non-null score, in a band or not. */
  n: number;
  bands: { band: B; count: number; share: number | null }[];
  /** Scores in no band; reported so that no score disappears silently. */
  outside: number;
};

/**
 * Share of scores in each band: count / n, where n is every non-null score (null = no valid
 * score, e.g. too few items answered, and is not counted). Shares are null when n = 0.
 */
export function bandShares<B extends Band>(
  scores: readonly (number | null)[],
  bands: readonly B[],
): BandShares<B> {
  assertBands(bands);
  const counts = new Array<number>(bands.length).fill(0);
  let n = 0;
  let outside = 0;
  for (const s of scores) {
    if (s === null) continue;
    assertFinite(s, "score");
    n++;
    const i = indexIn(s, bands);
    if (i < 0) outside++;
    else counts[i]++;
  }
  return {
    n,
    bands: bands.map((band, i) => ({
      band,
      count: counts[i],
      share: n > 0 ? counts[i] / n : null,
    })),
    outside,
  };
}
