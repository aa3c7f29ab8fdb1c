import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import {
  bandIndex,
  bandShares,
  covarianceFromSums,
  cronbachAlpha,
  cronbachAlphaFromCovariance,
  hedgesG,
  meanCi95,
  pairwiseCovariance,
  summarize,
  trend,
  trendFlag,
  welchT,
} from "./stats.ts";

// Reference values below were derived by hand in exact fractions; where a Student's t quantile
// or tail probability is needed, it is the regularized incomplete beta function
// P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2) evaluated to 15 digits. Each group of tests also
// re-derives its figures here independently of the module (exact fractions, and a numerical
// integral of the t density instead of jstat).

/** |actual − expected| ≤ tol · |expected|. */
function expectRel(actual: number | null | undefined, expected: number, tol = 1e-8) {
  expect(actual).not.toBeNull();
  expect(actual).toBeTypeOf("number");
  const err = Math.abs((actual as number) - expected);
  if (err > tol * Math.abs(expected)) {
    throw new Error(`expected ${actual} to be within ${tol} (relative) of ${expected}`);
  }
}

function simpson(f: (x: number) => number, a: number, b: number, intervals: number): number {
  const h = (b - a) / intervals;
  let s = f(a) + f(b);
  for (let i = 1; i < intervals; i++) s += f(a + i * h) * (i % 2 === 1 ? 4 : 2);
  return (s * h) / 3;
}

/**
 * Two-sided p-value P(|T| > |t|) of Student's t with ν degrees of freedom, without jstat:
 * substituting x = √ν·tan θ turns the density into cos^(ν−1) θ on [0, π/2], so the p-value is
 * ∫ from atan(|t|/√ν) to π/2 of cos^(ν−1) over ∫ from 0 to π/2 of the same.
 */
function twoSidedP(t: number, nu: number): number {
  const f = (theta: number) => Math.cos(theta) ** (nu - 1);
  const from = Math.atan(Math.abs(t) / Math.sqrt(nu));
  return simpson(f, from, Math.PI / 2, 20_000) / simpson(f, 0, Math.PI / 2, 20_000);
}

function exactMoments(values: number[]) {
  const n = values.length;
  const mean = values.reduce((acc, v) => acc.add(v), new Fraction(0)).div(n);
  const ss = values.reduce((acc, v) => acc.add(new Fraction(v).sub(mean).pow(2)), new Fraction(0));
  return { n, mean, variance: ss.div(n - 1) };
}

// Example A: a small difference that is not significant.
//   R: t.test(c(2, 4, 4, 5, 7, 8), c(1, 2, 3, 3, 6))
//   → t = 1.633, df = 8.982, p-value = 0.137; 95 percent CI −0.7714103 4.7714103
// By hand: x̄ = 30/6 = 5, deviations −3 −1 −1 0 2 3, SS = 24, s² = 24/5;
//          ȳ = 15/5 = 3, deviations −2 −1 0 0 3, SS = 14, s² = 14/4 = 7/2.
//   se² = (24/5)/6 + (7/2)/5 = 4/5 + 7/10 = 3/2; t = 2/√(3/2) = 1.63299316185545
//   df = (3/2)² / ((4/5)²/5 + (7/10)²/4) = (9/4) / (16/125 + 49/400) = 1500/167 = 8.98203592814371
//   p = I_{df/(df+t²)}(df/2, 1/2) = 0.136971661552806
//   pooled s² = (24 + 14)/9 = 38/9, J = 1 − 3/(4·11 − 9) = 32/35,
//   g = (32/35) · 2 / √(38/9) = 192 / (35√38) = 0.889900367345897
const A_X = [2, 4, 4, 5, 7, 8];
const A_Y = [1, 2, 3, 3, 6];
const A = { t: 1.63299316185545, df: 1500 / 167, p: 0.136971661552806, g: 0.889900367345897 };

// Example B: a large, significant difference.
//   R: t.test(c(62, 70, 55, 81, 74, 68, 77, 59), c(48, 52, 61, 44, 57, 50))
//   → t = 3.9872, df = 11.939, p-value = 0.001821
// By hand: x̄ = 546/8 = 273/4, s² = 1151/14; ȳ = 312/6 = 52, s² = 190/5 = 38.
//   se² = (1151/14)/8 + 38/6 = 1151/112 + 19/3 = 5581/336; x̄ − ȳ = 65/4
//   t = (65/4)/√(5581/336) = 3.98719056307507
//   df = (5581/336)² / ((1151/112)²/7 + (19/3)²/5) = 1090164635/91314733 = 11.9385404653157
//   p = 0.00182059098191454
//   pooled s² = (1151/2 + 190)/12 = 1531/24, J = 1 − 3/(4·14 − 9) = 44/47,
//   g = (44/47)(65/4)/√(1531/24) = 1.90469836665703
const B_X = [62, 70, 55, 81, 74, 68, 77, 59];
const B_Y = [48, 52, 61, 44, 57, 50];
const B = {
  t: 3.98719056307507,
  df: 1090164635 / 91314733,
  p: 0.00182059098191454,
  g: 1.90469836665703,
};

function sums(values: number[]) {
  return {
    n: values.length,
    sum: values.reduce((a, v) => a + v, 0),
    sumSq: values.reduce((a, v) => a + v * v, 0),
  };
}

describe("summarize", () => {
  it("gives n, mean and the n − 1 standard deviation from values, sums or a summary", () => {
    // (2,4,4,5,7,8): mean 5, s² = 24/5
    expect(summarize(A_X)).toEqual({ n: 6, mean: 5, sd: Math.sqrt(24 / 5) });
    const fromSums = summarize({ n: 6, sum: 30, sumSq: 174 });
    expect(fromSums.mean).toBe(5);
    expectRel(fromSums.sd, Math.sqrt(4.8), 1e-14);
    expect(summarize({ n: 6, mean: 5, sd: 2 })).toEqual({ n: 6, mean: 5, sd: 2 });
  });

  it("has no mean without values and no sd below two", () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, sd: null });
    expect(summarize([7])).toEqual({ n: 1, mean: 7, sd: null });
    expect(summarize({ n: 1, sum: 7, sumSq: 49 })).toEqual({ n: 1, mean: 7, sd: null });
  });

  it("never reports a negative variance from rounding in sums", () => {
    // Three equal values 0.1: sumSq − sum²/n is a rounding error around zero, not a spread.
    const s = summarize({ n: 3, sum: 0.1 + 0.1 + 0.1, sumSq: 0.01 + 0.01 + 0.01 });
    expect(s.sd).not.toBeNull();
    expect(s.sd as number).toBeLessThan(1e-8);
  });

  it("refuses counts and sums that are not numbers, such as strings read from SQL", () => {
    expect(() => summarize({ n: 2, sum: "3" as unknown as number, sumSq: 5 })).toThrow(RangeError);
    expect(() => summarize({ n: 2.5, sum: 3, sumSq: 5 })).toThrow(RangeError);
    expect(() => summarize({ n: -1, sum: 3, sumSq: 5 })).toThrow(RangeError);
    expect(() => summarize([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("meanCi95", () => {
  // R: t.test(c(2, 4, 4, 5, 7, 8))$conf.int → 2.700802 7.299198
  // mean 5, se = √((24/5)/6) = √(4/5), qt(0.975, 5) = 2.570581835636316,
  // 5 ∓ 2.570581835636316 · 0.894427190999916 = 2.70080170951640, 7.29919829048360
  it("is mean ± t(0.975, n − 1) · sd/√n", () => {
    const ci = meanCi95(A_X);
    expect(ci.mean).toBe(5);
    expectRel(ci.low, 2.7008017095164);
    expectRel(ci.high, 7.2991982904836);
  });

  // R: t.test(c(1, 2, 3, 3, 6))$conf.int → 0.6770594 5.3229406
  // mean 3, se = √((7/2)/5) = √(7/10), qt(0.975, 4) = 2.776445105197794
  it("matches a second sample with another df", () => {
    const ci = meanCi95(A_Y);
    expect(ci.mean).toBe(3);
    expectRel(ci.low, 0.677059364614809);
    expectRel(ci.high, 5.32294063538519);
  });

  it("gives the same interval from sufficient statistics and from a summary", () => {
    const fromValues = meanCi95(A_X);
    const fromSums = meanCi95({ n: 6, sum: 30, sumSq: 174 });
    const fromSummary = meanCi95({ n: 6, mean: 5, sd: Math.sqrt(24 / 5) });
    for (const ci of [fromSums, fromSummary]) {
      expectRel(ci.low, fromValues.low as number, 1e-12);
      expectRel(ci.high, fromValues.high as number, 1e-12);
    }
  });

  it("uses the 97.5 % point of t — checked by integrating the t density", () => {
    const ci = meanCi95(A_X);
    const q = (5 - (ci.low as number)) / Math.sqrt(4 / 5);
    // Two-sided tail beyond the quantile must be 5 %.
    expect(twoSidedP(q, 5)).toBeCloseTo(0.05, 9);
  });

  it("has no interval below two values and nothing without values", () => {
    expect(meanCi95([42])).toEqual({ mean: 42, low: null, high: null });
    expect(meanCi95({ n: 1, sum: 42, sumSq: 1764 })).toEqual({ mean: 42, low: null, high: null });
    expect(meanCi95([])).toEqual({ mean: null, low: null, high: null });
    expect(meanCi95({ n: 0, sum: 0, sumSq: 0 })).toEqual({ mean: null, low: null, high: null });
  });

  it("collapses to the mean when every value is the same", () => {
    expect(meanCi95([50, 50, 50])).toEqual({ mean: 50, low: 50, high: 50 });
  });
});

describe("welchT and hedgesG", () => {
  it("example A: not significant (R t.test default, Welch)", () => {
    const w = welchT(A_X, A_Y);
    expectRel(w?.t, A.t);
    expectRel(w?.df, A.df);
    expectRel(w?.p, A.p);
    expectRel(hedgesG(A_X, A_Y), A.g);
  });

  it("example B: significant", () => {
    const w = welchT(B_X, B_Y);
    expectRel(w?.t, B.t);
    expectRel(w?.df, B.df);
    expectRel(w?.p, B.p);
    expectRel(hedgesG(B_X, B_Y), B.g);
  });

  it("cross-check: the hand-derived figures follow from the data in exact arithmetic", () => {
    for (const [x, y, ref, df] of [
      [A_X, A_Y, A, new Fraction(1500, 167)],
      [B_X, B_Y, B, new Fraction(1090164635, 91314733)],
    ] as const) {
      const a = exactMoments([...x]);
      const b = exactMoments([...y]);
      const va = a.variance.div(a.n);
      const vb = b.variance.div(b.n);
      const se2 = va.add(vb);
      const exactDf = se2.pow(2).div(
        va
          .pow(2)
          .div(a.n - 1)
          .add(vb.pow(2).div(b.n - 1)),
      );
      expect(exactDf.equals(df)).toBe(true);
      const diff = a.mean.sub(b.mean);
      // t² is rational even though t is not.
      expectRel(ref.t ** 2, diff.pow(2).div(se2).valueOf(), 1e-13);
      const pooled = a.variance
        .mul(a.n - 1)
        .add(b.variance.mul(b.n - 1))
        .div(a.n + b.n - 2);
      const j = new Fraction(1).sub(new Fraction(3, 4 * (a.n + b.n) - 9));
      expectRel(ref.g ** 2, j.pow(2).mul(diff.pow(2)).div(pooled).valueOf(), 1e-13);
      // The p-value again, by integrating the t density rather than through jstat.
      expectRel(twoSidedP(ref.t, df.valueOf()), ref.p, 1e-8);
    }
  });

  it("is antisymmetric: swapping the groups flips t and g, not df or p", () => {
    const ab = welchT(A_X, A_Y)!;
    const ba = welchT(A_Y, A_X)!;
    expectRel(ba.t, -ab.t, 1e-14);
    expectRel(ba.df, ab.df, 1e-14);
    expectRel(ba.p, ab.p, 1e-14);
    expectRel(hedgesG(A_Y, A_X), -A.g);
  });

  it("accepts sufficient statistics and summaries, as SQL returns them", () => {
    const w = welchT(sums(B_X), sums(B_Y));
    expectRel(w?.t, B.t);
    expectRel(w?.df, B.df);
    expectRel(w?.p, B.p);
    expectRel(hedgesG(sums(B_X), sums(B_Y)), B.g);
    // Summary of A: n 6, mean 5, sd √4.8; n 5, mean 3, sd √3.5.
    const sa = { n: 6, mean: 5, sd: Math.sqrt(4.8) };
    const sb = { n: 5, mean: 3, sd: Math.sqrt(3.5) };
    expectRel(welchT(sa, sb)?.p, A.p);
    expectRel(hedgesG(sa, sb), A.g);
  });

  it("is undefined below two values per group or with no spread at all", () => {
    expect(welchT([1], [1, 2, 3])).toBeNull();
    expect(hedgesG([1, 2, 3], [])).toBeNull();
    expect(welchT([5, 5, 5], [5, 5])).toBeNull();
    expect(welchT([5, 5, 5], [7, 7])).toBeNull();
    expect(hedgesG([5, 5, 5], [7, 7])).toBeNull();
  });

  it("works when only one group has spread: df comes from the other", () => {
    // se² = 0 + (7/2)/5 = 7/10, so df = (7/10)² / ((7/10)²/4) = 4 and t = (5 − 3)/√0.7.
    const w = welchT([5, 5, 5, 5, 5, 5], A_Y)!;
    expectRel(w.df, 4, 1e-14);
    expectRel(w.t, 2 / Math.sqrt(0.7), 1e-14);
    // With 4 df the t distribution has a closed form: P(|T| > t) = 1 − (3u − u³)/2, u = t/√(t² + 4)
    // (integrate cos³θ from 0 to atan(t/2): sin θ − sin³θ/3, over its value 2/3 at π/2).
    const u = w.t / Math.sqrt(w.t ** 2 + 4);
    expectRel(w.p, 1 - (3 * u - u ** 3) / 2, 1e-8);
  });
});

describe("trendFlag", () => {
  it.each([
    // g is current − previous; p < 0.05 and |g| ≥ 0.2 are both needed.
    [{ g: 0.5, p: 0.01 }, "worse", "deterioration"],
    [{ g: 0.5, p: 0.01 }, "better", "improvement"],
    [{ g: -0.5, p: 0.01 }, "worse", "improvement"],
    [{ g: -0.5, p: 0.01 }, "better", "deterioration"],
    [{ g: 0.2, p: 0.049 }, "worse", "deterioration"],
    [{ g: -0.2, p: 0.049 }, "better", "deterioration"],
    [{ g: 0.19999, p: 0.001 }, "worse", "none"],
    [{ g: 0.5, p: 0.05 }, "worse", "none"],
    [{ g: 3, p: 0.2 }, "better", "none"],
    [{ g: null, p: 0.01 }, "worse", "none"],
    [{ g: 0.5, p: null }, "worse", "none"],
  ] as const)("%o when higher is %s → %s", (result, higherIs, flag) => {
    expect(trendFlag(result, higherIs)).toBe(flag);
  });
});

describe("trend", () => {
  it("flags a significant, non-trivial rise by the direction of the scale", () => {
    // previous = B_Y, current = B_X: the score rose by 65/4 with p = 0.00182, g = 1.905.
    const worse = trend(B_Y, B_X, "worse");
    expect(worse.change).toBe(16.25);
    expectRel(worse.g, B.g);
    expectRel(worse.t, B.t);
    expectRel(worse.df, B.df);
    expectRel(worse.p, B.p);
    expect(worse.flag).toBe("deterioration");
    expect(trend(B_Y, B_X, "better").flag).toBe("improvement");
    expect(trend(B_X, B_Y, "worse").flag).toBe("improvement");
  });

  it("does not flag a large effect that is not significant", () => {
    const r = trend(A_Y, A_X, "worse");
    expect(r.change).toBe(2);
    expectRel(r.g, A.g);
    expectRel(r.p, A.p);
    expect(r.flag).toBe("none");
  });

  it("does not flag a significant but trivial effect in a large centre", () => {
    // 5,000 answers each, means 50 → 52, sd 20: t = 2/√(2·400/5000) = 5, df = 2·4999 = 9998,
    // p = I_{9998/10023}(4999, 1/2) = 5.83034620876696e-7;
    // g = (1 − 3/39991) · 2/20 = 0.0999924983121202.
    const r = trend({ n: 5000, mean: 50, sd: 20 }, { n: 5000, mean: 52, sd: 20 }, "worse");
    expectRel(r.t, 5, 1e-12);
    expectRel(r.df, 9998, 1e-12);
    expectRel(r.p, 5.83034620876696e-7, 1e-6);
    expectRel(r.g, 0.0999924983121202, 1e-12);
    expect(r.flag).toBe("none");
  });

  it("reports the change but no test when a cycle has a single answer", () => {
    const r = trend([40], [60, 70], "worse");
    expect(r).toEqual({ change: 25, g: null, t: null, df: null, p: null, flag: "none" });
    expect(trend([], [60], "worse").change).toBeNull();
  });
});

describe("cronbachAlpha", () => {
  // The check from the issue: R
  //   x <- rbind(c(6,7,8), c(1,2,1), c(3,4,5), c(4,5,4), c(5,4,4), c(9,8,9), c(9,9,8))
  //   psych::alpha(x)$total$raw_alpha  → 0.9740398
  // By hand (item sums 37, 39, 39; n − 1 = 6):
  //   C = [187/21 50/7 164/21; 50/7 44/7 95/14; 164/21 95/14 58/7],
  //   tr C = 493/21, ΣC = 1406/21, alpha = (3/2)(1 − 493/1406) = 2739/2812 = 0.97403982930…
  const complete = [
    [6, 7, 8],
    [1, 2, 1],
    [3, 4, 5],
    [4, 5, 4],
    [5, 4, 4],
    [9, 8, 9],
    [9, 9, 8],
  ];

  it("matches psych::alpha raw_alpha on the issue's check", () => {
    const alpha = cronbachAlpha(complete)!;
    expect(alpha).toBeCloseTo(0.9740398, 7);
    expectRel(alpha, 2739 / 2812, 1e-14);
  });

  it("computes the covariance matrix given by hand", () => {
    const c = pairwiseCovariance(complete);
    const expected = [
      [187 / 21, 50 / 7, 164 / 21],
      [50 / 7, 44 / 7, 95 / 14],
      [164 / 21, 95 / 14, 58 / 7],
    ];
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expectRel(c[i][j], expected[i][j], 1e-14);
  });

  it("cross-check: with no missing answers it equals the textbook k/(k−1)·(1 − Σs²ᵢ/s²_total)", () => {
    const variance = (xs: number[]) => exactMoments(xs).variance;
    const items = [0, 1, 2].map((i) => variance(complete.map((r) => r[i])));
    const total = variance(complete.map((r) => r[0] + r[1] + r[2]));
    const textbook = new Fraction(3, 2).mul(
      new Fraction(1).sub(items.reduce((a, v) => a.add(v), new Fraction(0)).div(total)),
    );
    expect(textbook.equals(new Fraction(2739, 2812))).toBe(true);
  });

  // Missing answers: each covariance over the respondents who answered both items.
  //   item 1 (rows 1,2,3,4,6): 4 2 3 5 1, mean 3, SS 10, s² = 5/2
  //   item 2 (rows 1,3,4,5,6): 5 3 4 1 2, mean 3, SS 10, s² = 5/2
  //   item 3 (rows 2,3,4,5,6): 3 2 5 2 1, mean 13/5, SS 46/5, s² = 23/10
  //   items 1,2 (rows 1,3,4,6): Σx 13, Σy 14, Σxy 51 → (51 − 13·14/4)/3 = 11/6
  //   items 1,3 (rows 2,3,4,6): Σx 11, Σy 11, Σxy 38 → (38 − 121/4)/3 = 31/12
  //   items 2,3 (rows 3,4,5,6): Σx 10, Σy 10, Σxy 30 → (30 − 100/4)/3 = 5/3
  //   tr C = 73/10, ΣC = 73/10 + 2·(11/6 + 31/12 + 5/3) = 292/15,
  //   alpha = (3/2)(1 − (73/10)/(292/15)) = (3/2)(1 − 3/8) = 15/16 = 0.9375
  // (Dropping incomplete respondents instead would use rows 3, 4, 6 only and give 18/19.)
  const withMissing = [
    [4, 5, null],
    [2, null, 3],
    [3, 3, 2],
    [5, 4, 5],
    [null, 1, 2],
    [1, 2, 1],
  ];
  const missingC = [
    [5 / 2, 11 / 6, 31 / 12],
    [11 / 6, 5 / 2, 5 / 3],
    [31 / 12, 5 / 3, 23 / 10],
  ];

  it("uses pairwise deletion for missing answers", () => {
    const c = pairwiseCovariance(withMissing);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expectRel(c[i][j], missingC[i][j], 1e-14);
    expectRel(cronbachAlpha(withMissing), 15 / 16, 1e-14);
    expectRel(cronbachAlphaFromCovariance(missingC), 15 / 16, 1e-14);
  });

  it("builds the same entries from pairwise sums, as SQL would compute them", () => {
    expectRel(covarianceFromSums({ n: 4, sumX: 13, sumY: 14, sumXY: 51 }), 11 / 6, 1e-14);
    expectRel(covarianceFromSums({ n: 4, sumX: 11, sumY: 11, sumXY: 38 }), 31 / 12, 1e-14);
    // A variance: item 3 over its five answers, Σx = 13, Σx² = 43.
    expectRel(covarianceFromSums({ n: 5, sumX: 13, sumY: 13, sumXY: 43 }), 23 / 10, 1e-14);
    expect(covarianceFromSums({ n: 1, sumX: 3, sumY: 3, sumXY: 9 })).toBeNull();
  });

  it("is undefined with one item, too few shared answers, or no spread", () => {
    expect(cronbachAlpha([[1], [2], [3]])).toBeNull();
    expect(cronbachAlpha([])).toBeNull();
    // Items 1 and 2 share a single respondent: their covariance does not exist.
    const sparse = [
      [1, 2],
      [2, null],
      [null, 3],
      [3, null],
      [null, 5],
    ];
    const c = pairwiseCovariance(sparse);
    expect(c[0][1]).toBeNull();
    // Each item alone still has a variance: 1, 2, 3 → 1; 2, 3, 5 → 7/3.
    expect(c[0][0]).toBe(1);
    expectRel(c[1][1], 7 / 3, 1e-14);
    expect(cronbachAlpha(sparse)).toBeNull();
    expect(
      cronbachAlpha([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
    ).toBeNull();
    expect(
      cronbachAlphaFromCovariance([
        [1, null],
        [null, 1],
      ]),
    ).toBeNull();
  });

  it("refuses a ragged matrix or a non-square covariance", () => {
    expect(() => cronbachAlpha([[1, 2], [3]])).toThrow(RangeError);
    expect(() => cronbachAlphaFromCovariance([[1, 2]])).toThrow(RangeError);
  });
});

describe("bandShares", () => {
  // Bands of a 0–100 scale: [0, 50), [50, 75), [75, 100), and the last one closed: [100, 100].
  const bands = [
    { from: 0, to: 50, label: "low" },
    { from: 50, to: 75, label: "moderate" },
    { from: 75, to: 100, label: "high" },
    { from: 100, to: 100, label: "severe" },
  ];

  it("counts lower bounds in, upper bounds out, except the last band's", () => {
    const r = bandShares([0, 25, 49.99, 50, 74.9, 75, 99.5, 100, 100, null], bands);
    expect(r.n).toBe(9);
    expect(r.outside).toBe(0);
    expect(r.bands.map((b) => b.count)).toEqual([3, 2, 2, 2]);
    expect(r.bands.map((b) => b.share)).toEqual([3 / 9, 2 / 9, 2 / 9, 2 / 9]);
    expect(r.bands[3].band.label).toBe("severe");
  });

  it("closes the last band above when it is an interval", () => {
    const three = [
      { from: 0, to: 50 },
      { from: 50, to: 75 },
      { from: 75, to: 100 },
    ];
    expect(bandShares([100, 75, 74.999], three).bands.map((b) => b.count)).toEqual([0, 1, 2]);
    expect(bandIndex(100, three)).toBe(2);
    expect(bandIndex(50, three)).toBe(1);
  });

  it("reports scores in no band instead of dropping them", () => {
    const gapped = [
      { from: 0, to: 40 },
      { from: 60, to: 100 },
    ];
    const r = bandShares([10, 40, 50, 59.9, 60, 100, -1, 101], gapped);
    expect(r.n).toBe(8);
    expect(r.bands.map((b) => b.count)).toEqual([1, 2]);
    expect(r.outside).toBe(5);
    expect(r.bands.map((b) => b.share)).toEqual([1 / 8, 2 / 8]);
    expect(bandIndex(50, gapped)).toBe(-1);
  });

  it("has no shares without scores", () => {
    const r = bandShares([null, null], bands);
    expect(r.n).toBe(0);
    expect(r.bands.every((b) => b.count === 0 && b.share === null)).toBe(true);
  });

  it("refuses bands out of order, overlapping or empty", () => {
    expect(() =>
      bandShares(
        [1],
        [
          { from: 50, to: 100 },
          { from: 0, to: 50 },
        ],
      ),
    ).toThrow(RangeError);
    expect(() =>
      bandShares(
        [1],
        [
          { from: 0, to: 60 },
          { from: 50, to: 100 },
        ],
      ),
    ).toThrow(RangeError);
    expect(() =>
      bandShares(
        [1],
        [
          { from: 10, to: 10 },
          { from: 10, to: 100 },
        ],
      ),
    ).toThrow(RangeError);
    expect(() => bandIndex(Number.NaN, bands)).toThrow(RangeError);
  });
});
