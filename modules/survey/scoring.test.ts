import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allItems, type Instrument, type Item, parseInstrument } from "./instrument.ts";
import {
  ANSWER_ERROR_CODES,
  type Answers,
  itemScore,
  pruneAnswers,
  scoreResponse,
  validateAnswers,
  visibleItems,
} from "./scoring.ts";

function parsed(json: unknown): Instrument {
  const result = parseInstrument(json);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.instrument;
}

function fixture(name: string): Instrument {
  return parsed(
    JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")),
  );
}

function itemOf(instrument: Instrument, id: string): Item {
  const found = allItems(instrument).find(({ item }) => item.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found.item;
}

const t = (n: string) => ({ pl: `Pozycja ${n}`, en: `Item ${n}` });
const points = (n: number) =>
  Array.from({ length: n }, (_, k) => ({ value: k + 1, label: t(String(k + 1)) }));
const options = (...values: string[]) => values.map((value) => ({ value, label: t(value) }));

/** Every kind, a chain of conditions (b → c → d), and scales over visible and hidden items. */
const mini = parsed({
  formatVersion: 1,
  id: "mini",
  title: { pl: "Mini", en: "Mini" },
  sections: [
    {
      id: "s1",
      title: t("s1"),
      items: [
        { id: "a", kind: "likert", text: t("a"), points: points(5), required: true },
        { id: "b", kind: "yesNo", text: t("b") },
        {
          id: "c",
          kind: "single",
          text: t("c"),
          options: options("x", "y"),
          required: true,
          showIf: { item: "b", equals: true },
        },
        { id: "d", kind: "text", text: t("d"), showIf: { item: "c", answered: true } },
        { id: "e", kind: "number", text: t("e"), min: 0, max: 10, integer: true },
        {
          id: "f",
          kind: "multiple",
          text: t("f"),
          options: options("m1", "m2", "m3"),
          minSelected: 2,
          maxSelected: 2,
        },
        {
          id: "g",
          kind: "frequency",
          text: t("g"),
          points: points(5),
          showIf: { item: "f", equals: "m2" },
        },
        {
          id: "h",
          kind: "likert",
          text: t("h"),
          points: points(5),
          showIf: { not: { item: "e", in: [0, 1] } },
        },
      ],
    },
  ],
  scales: [
    {
      id: "ae",
      name: t("ae"),
      items: ["a", "e"],
      reverse: { rule: "max+min-x", items: ["a"] },
      minAnswered: 1,
      higherIs: "better",
    },
    { id: "ag", name: t("ag"), items: ["a", "g"], minAnswered: 2, higherIs: "worse" },
  ],
});

const ids = (items: Item[]) => items.map((item) => item.id);

describe("visibleItems", () => {
  it("hides items whose conditions fail, and cascades through hidden items", () => {
    // b unanswered → c hidden → d hidden; f unanswered → g hidden; e unanswered → not(in) → h shown.
    expect(ids(visibleItems(mini, {}))).toEqual(["a", "b", "e", "f", "h"]);
    expect(ids(visibleItems(mini, { b: true }))).toEqual(["a", "b", "c", "e", "f", "h"]);
    expect(ids(visibleItems(mini, { b: true, c: "x" }))).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
      "h",
    ]);
    // c was answered, but b = false hides it, so its answer does not reveal d.
    expect(ids(visibleItems(mini, { b: false, c: "x", d: "tekst" }))).toEqual([
      "a",
      "b",
      "e",
      "f",
      "h",
    ]);
  });

  it("reads a multiple-choice answer as 'this option was among those chosen'", () => {
    expect(ids(visibleItems(mini, { f: ["m1", "m2"] }))).toContain("g");
    expect(ids(visibleItems(mini, { f: ["m1", "m3"] }))).not.toContain("g");
  });

  it("evaluates in and not", () => {
    expect(ids(visibleItems(mini, { e: 0 }))).not.toContain("h");
    expect(ids(visibleItems(mini, { e: 1 }))).not.toContain("h");
    expect(ids(visibleItems(mini, { e: 2 }))).toContain("h");
  });
});

describe("validateAnswers", () => {
  const codes = (answers: unknown) => validateAnswers(mini, answers).map((e) => [e.itemId, e.code]);

  it("accepts a complete, valid set", () => {
    expect(
      validateAnswers(mini, {
        a: 3,
        b: true,
        c: "y",
        d: "Więcej czasu",
        e: 4,
        f: ["m1", "m2"],
        g: 5,
      }),
    ).toEqual([]);
  });

  it("refuses answers that are not an object", () => {
    for (const bad of [null, [], "a=3", 3]) {
      expect(codes(bad)).toEqual([["", "answers.notAnObject"]]);
    }
  });

  it("refuses unknown item ids, first, in the order sent", () => {
    expect(codes({ zz: 1, a: 1, constructor: 2 })).toEqual([
      ["zz", "answer.unknownItem"],
      ["constructor", "answer.unknownItem"],
    ]);
  });

  it("requires required visible items, and only visible ones", () => {
    expect(codes({})).toEqual([["a", "answer.required"]]);
    expect(codes({ a: null, b: true })).toEqual([
      ["a", "answer.required"],
      ["c", "answer.required"],
    ]);
    expect(codes({ a: 1, b: true, c: "  " })).toEqual([["c", "answer.required"]]);
    expect(codes({ a: 1, b: false })).toEqual([]);
  });

  it("does not read an item id from Object.prototype", () => {
    const proto = parsed({
      formatVersion: 1,
      id: "proto",
      title: t("p"),
      sections: [
        {
          id: "s",
          title: t("s"),
          items: [{ id: "constructor", kind: "yesNo", text: t("c"), required: true }],
        },
      ],
    });
    expect(validateAnswers(proto, {}).map((e) => e.code)).toEqual(["answer.required"]);
  });

  it("refuses values of the wrong type", () => {
    expect(codes({ a: "3", b: "yes", e: "4", f: "m1", g: true })).toEqual([
      ["a", "answer.wrongType"],
      ["b", "answer.wrongType"],
      ["e", "answer.wrongType"],
      ["f", "answer.wrongType"],
    ]);
    expect(codes({ a: 1, b: true, c: 1, d: 42 })).toEqual([
      ["c", "answer.wrongType"],
      ["d", "answer.wrongType"],
    ]);
    expect(codes({ a: 1, e: Number.POSITIVE_INFINITY, f: ["m1", 2] })).toEqual([
      ["e", "answer.wrongType"],
      ["f", "answer.wrongType"],
    ]);
  });

  it("refuses values that are not among the item's points or options", () => {
    expect(codes({ a: 6, b: true, c: "z", f: ["m1", "m9"] })).toEqual([
      ["a", "answer.notAnOption"],
      ["c", "answer.notAnOption"],
      ["f", "answer.notAnOption"],
    ]);
  });

  it("checks the chosen options of a multiple-choice item", () => {
    expect(validateAnswers(mini, { a: 1, f: ["m1", "m1"] })[0].code).toBe("answer.duplicateOption");
    expect(validateAnswers(mini, { a: 1, f: ["m1"] })).toEqual([
      {
        itemId: "f",
        code: "answer.tooFewSelected",
        message: expect.stringContaining("at least 2"),
        params: { min: 2, count: 1 },
      },
    ]);
    expect(validateAnswers(mini, { a: 1, f: ["m1", "m2", "m3"] })).toEqual([
      {
        itemId: "f",
        code: "answer.tooManySelected",
        message: expect.stringContaining("at most 2"),
        params: { max: 2, count: 3 },
      },
    ]);
  });

  it("checks numbers: whole and within range", () => {
    expect(codes({ a: 1, e: 2.5 })).toEqual([["e", "answer.notInteger"]]);
    expect(validateAnswers(mini, { a: 1, e: 11 })).toEqual([
      {
        itemId: "e",
        code: "answer.outOfRange",
        message: expect.stringContaining("11"),
        params: { min: 0, max: 10 },
      },
    ]);
    expect(codes({ a: 1, e: -1 })).toEqual([["e", "answer.outOfRange"]]);
    expect(codes({ a: 1, e: 0 })).toEqual([]);
    expect(codes({ a: 1, e: 10 })).toEqual([]);
  });

  it("limits open answers to 2000 characters, counted as a person counts them", () => {
    const base = { a: 1, b: true, c: "x" };
    expect(codes({ ...base, d: "ż".repeat(2000) })).toEqual([]);
    // 2000 emoji are 4000 UTF-16 units but 2000 characters.
    expect(codes({ ...base, d: "🙂".repeat(2000) })).toEqual([]);
    expect(validateAnswers(mini, { ...base, d: "a".repeat(2001) })).toEqual([
      {
        itemId: "d",
        code: "answer.tooLong",
        message: expect.stringContaining("at most 2000 characters"),
        params: { max: 2000, length: 2001 },
      },
    ]);
    expect(validateAnswers(mini, { ...base, d: "x".repeat(100_000) })[0].params).toEqual({
      max: 2000,
      length: 100_000,
    });
  });

  it("takes HTML and script in an open answer as plain text, unchanged", () => {
    const html = '<script>alert("x")</script><b onclick="y()">tekst</b>';
    const answers = { a: 1, b: true, c: "x", d: html };
    expect(validateAnswers(mini, answers)).toEqual([]);
    expect(pruneAnswers(mini, answers).d).toBe(html);
  });

  it("does not check answers to hidden items, and prune drops them", () => {
    const answers = { a: 2, b: false, c: 123, d: "a".repeat(5000), e: 3, f: [] };
    expect(validateAnswers(mini, answers)).toEqual([]);
    expect(pruneAnswers(mini, answers)).toEqual({ a: 2, b: false, e: 3 });
  });

  it("documents every answer error code in docs/survey-format.md", () => {
    const docs = readFileSync(new URL("../../docs/survey-format.md", import.meta.url), "utf8");
    expect(ANSWER_ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``))).toEqual([]);
  });
});

describe("itemScore", () => {
  const cbi = fixture("cbi");
  const hse = fixture("hse");

  it("uses the points' own scores (CBI: 100/75/50/25/0)", () => {
    const q1 = itemOf(cbi, "q1");
    expect([5, 4, 3, 2, 1].map((v) => itemScore(q1, v))).toEqual([100, 75, 50, 25, 0]);
    // Reversed, 2 ("seldom") becomes 6 − 2 = 4, whose score is 75.
    expect(itemScore(itemOf(cbi, "q13"), 2, "max+min-x")).toBe(75);
    // On symmetric scores 100 − score agrees: 100 − 25 = 75.
    expect(itemScore(itemOf(cbi, "q13"), 2, "100-score")).toBe(75);
  });

  it("is linear over the values when points have no scores (HSE 1–5 → 0, 25, …, 100)", () => {
    const q1 = itemOf(hse, "q1");
    expect([1, 2, 3, 4, 5].map((v) => itemScore(q1, v))).toEqual([0, 25, 50, 75, 100]);
    // 6 − 1 = 5 → 100; 6 − 4 = 2 → 25.
    expect(itemScore(itemOf(hse, "q3"), 1, "max+min-x")).toBe(100);
    expect(itemScore(itemOf(hse, "q3"), 4, "max+min-x")).toBe(25);
  });

  it("scores a bounded number linearly, and reverses it either way", () => {
    const e = itemOf(mini, "e");
    expect(itemScore(e, 4)).toBe(40); // 100 · (4 − 0) / (10 − 0)
    expect(itemScore(e, 4, "max+min-x")).toBe(60); // 10 + 0 − 4 = 6 → 60
    expect(itemScore(e, 4, "100-score")).toBe(60); // 100 − 40
  });

  it("reverses non-linear scores with 100 − score", () => {
    const skewed = parsed({
      formatVersion: 1,
      id: "skewed",
      title: t("s"),
      sections: [
        {
          id: "s",
          title: t("s"),
          items: [
            {
              id: "q",
              kind: "likert",
              text: t("q"),
              points: [
                { value: 1, label: t("1"), score: 0 },
                { value: 2, label: t("2"), score: 10 },
                { value: 3, label: t("3"), score: 100 },
              ],
            },
          ],
        },
      ],
    });
    const q = itemOf(skewed, "q");
    expect(itemScore(q, 2)).toBe(10);
    expect(itemScore(q, 2, "100-score")).toBe(90);
    // max + min − x keeps 2 on 2: the rule mirrors values, not scores.
    expect(itemScore(q, 2, "max+min-x")).toBe(10);
  });

  it("gives null for no answer and refuses what it cannot score", () => {
    const q1 = itemOf(cbi, "q1");
    expect(itemScore(q1, null)).toBeNull();
    expect(itemScore(q1, undefined)).toBeNull();
    expect(() => itemScore(q1, 6)).toThrow(RangeError);
    expect(() => itemScore(q1, "5")).toThrow(RangeError);
    expect(() => itemScore(itemOf(mini, "e"), 11)).toThrow(RangeError);
    expect(() => itemScore(itemOf(mini, "d"), "tekst")).toThrow(TypeError);
    expect(() => itemScore(itemOf(mini, "b"), true)).toThrow(TypeError);
  });
});

describe("scoreResponse: Copenhagen Burnout Inventory", () => {
  const cbi = fixture("cbi");
  // Answers are point values: 5 = always / to a very high degree (100), 4 → 75, 3 → 50,
  // 2 → 25, 1 = never / to a very low degree (0). Item 13 is reversed: x → 6 − x.
  const answers = (values: Record<number, number | null>): Answers =>
    Object.fromEntries(Object.entries(values).map(([n, v]) => [`q${n}`, v]));
  /** Consecutive items from q<from>, in order. */
  const seq = (from: number, values: (number | null)[]): Answers =>
    Object.fromEntries(values.map((v, k) => [`q${from + k}`, v]));

  it("scores a complete answer", () => {
    // personal  q1–q6:  5,4,3,3,2,4 → 100+75+50+50+25+75 = 375; 375/6 = 62.5 → moderate
    // work      q7–q13: 4,4,3,2,3,2,2; q13 reversed 6−2 = 4 →
    //                   75+75+50+25+50+25+75 = 375; 375/7 = 53.571428… → moderate
    // client    q14–19: 2,1,2,3,1,1 → 25+0+25+50+0+0 = 100; 100/6 = 16.666… → low
    const result = scoreResponse(cbi, {
      ...seq(1, [5, 4, 3, 3, 2, 4]),
      ...seq(7, [4, 4, 3, 2, 3, 2, 2]),
      ...seq(14, [2, 1, 2, 3, 1, 1]),
    });
    expect(result.personal).toEqual({ score: 62.5, answered: 6, reported: null, band: "moderate" });
    expect(result.work.score).toBeCloseTo(375 / 7, 12);
    expect(result.work).toMatchObject({ answered: 7, band: "moderate" });
    expect(result.client.score).toBeCloseTo(100 / 6, 12);
    expect(result.client).toMatchObject({ answered: 6, band: "low" });
  });

  it("averages answered items only, and gives null below the minimum", () => {
    // personal: q1,q2,q3 = 5,5,4 → 100+100+75 = 275; 3 answered (minimum 3) → 91.666… → high
    // work: q7 = 1 (0) and q13 = 5 → reversed 1 (0); q8 null: 2 answered < 4 → null
    // client: q14,q15 = 5,4: 2 answered < 3 → null
    const result = scoreResponse(
      cbi,
      answers({ 1: 5, 2: 5, 3: 4, 7: 1, 8: null, 13: 5, 14: 5, 15: 4 }),
    );
    expect(result.personal.score).toBeCloseTo(275 / 3, 12);
    expect(result.personal).toMatchObject({ answered: 3, band: "high" });
    expect(result.work).toEqual({ score: null, answered: 2, reported: null, band: null });
    expect(result.client).toEqual({ score: null, answered: 2, reported: null, band: null });
  });

  it("scores at the minimum and puts a score on a cut-off in the upper band", () => {
    // personal: 2 answered < 3 → null
    // work: q10..q13 = 3,4,5,1; q13 reversed 6−1 = 5 → 50+75+100+100 = 325; 325/4 = 81.25,
    //       exactly the minimum of 4 answers → high (75 ≤ s < 100)
    // client: q14..q18 = 3 → 5 × 50 = 250; 250/5 = 50 → on the cut-off: moderate, not low
    const result = scoreResponse(cbi, {
      ...seq(1, [3, 3]),
      ...seq(10, [3, 4, 5, 1]),
      ...seq(14, [3, 3, 3, 3, 3]),
    });
    expect(result.personal).toEqual({ score: null, answered: 2, reported: null, band: null });
    expect(result.work).toEqual({ score: 81.25, answered: 4, reported: null, band: "high" });
    expect(result.client).toEqual({ score: 50, answered: 5, reported: null, band: "moderate" });
  });

  it("keeps the reversed item in play at the extremes", () => {
    // all 5: personal 600/6 = 100 → severe (the single-point band);
    //        work six × 100 + q13 reversed 6−5 = 1 → 0: 600/7 = 85.714… → high
    //        client 600/6 = 100 → severe
    const all5 = scoreResponse(cbi, seq(1, Array(19).fill(5)));
    expect(all5.personal).toMatchObject({ score: 100, band: "severe" });
    expect(all5.work.score).toBeCloseTo(600 / 7, 12);
    expect(all5.work.band).toBe("high");
    expect(all5.client).toMatchObject({ score: 100, band: "severe" });
    // all 1: personal 0; work six × 0 + q13 reversed 6−1 = 5 → 100: 100/7 = 14.285…; client 0
    const all1 = scoreResponse(cbi, seq(1, Array(19).fill(1)));
    expect(all1.personal).toMatchObject({ score: 0, band: "low" });
    expect(all1.work.score).toBeCloseTo(100 / 7, 12);
    expect(all1.client).toMatchObject({ score: 0, band: "low" });
  });

  it("gives every scale null with no answers", () => {
    const none = { score: null, answered: 0, reported: null, band: null };
    expect(scoreResponse(cbi, {})).toEqual({ personal: none, work: none, client: none });
  });
});

describe("scoreResponse: HSE Management Standards Indicator Tool", () => {
  const hse = fixture("hse");
  // Items are 1–5, scored linearly (1 → 0 … 5 → 100); reversed items become 6 − x first. Each
  // area also reports the HSE figure, the mean on 1–5: reported = 1 + 4 · score / 100.
  const answers = (value: (n: number) => number | null): Answers =>
    Object.fromEntries(range(1, 35).map((n) => [`q${n}`, value(n)]));

  it("scores everyone answering 4", () => {
    // Reversed items give 6 − 4 = 2, the others 4.
    // demands (all reversed) 2 → 25; relationships (all reversed) 2 → 25; every other area 4 → 75.
    const result = scoreResponse(
      hse,
      answers(() => 4),
    );
    const score = (s: number, r: number, n: number) => ({
      score: s,
      reported: r,
      answered: n,
      band: null,
    });
    expect(result).toEqual({
      demands: score(25, 2, 8),
      control: score(75, 4, 6),
      managerSupport: score(75, 4, 5),
      peerSupport: score(75, 4, 4),
      relationships: score(25, 2, 4),
      role: score(75, 4, 5),
      change: score(75, 4, 3),
    });
  });

  it("scores a varied answer, reversing the listed items", () => {
    // Item n answered ((n − 1) mod 5) + 1: 1,2,3,4,5,1,2,3,4,5,…
    // demands  q3=3→3, q6=1→5, q9=4→2, q12=2→4, q16=1→5, q18=3→3, q20=5→1, q22=2→4
    //          sum 27, mean 27/8 = 3.375 → score 25 · (3.375 − 1) = 59.375
    // control  q2=2, q10=5, q15=5, q19=4, q25=5, q30=5: sum 26, mean 13/3 → 250/3 = 83.333…
    // manager  q8=3, q23=3, q29=4, q33=3, q35=5: 18/5 = 3.6 → 65
    // peer     q7=2, q24=4, q27=2, q31=1: 9/4 = 2.25 → 31.25
    // relat.   q5=5→1, q14=4→2, q21=1→5, q34=4→2: 10/4 = 2.5 → 37.5
    // role     q1=1, q4=4, q11=1, q13=3, q17=2: 11/5 = 2.2 → 30
    // change   q26=1, q28=3, q32=2: 6/3 = 2 → 25
    const r = scoreResponse(
      hse,
      answers((n) => ((n - 1) % 5) + 1),
    );
    expect([r.demands.score, r.demands.reported]).toEqual([59.375, 3.375]);
    expect(r.control.score).toBeCloseTo(250 / 3, 12);
    expect(r.control.reported).toBeCloseTo(13 / 3, 12);
    expect([r.managerSupport.score, r.managerSupport.reported]).toEqual([65, 3.6]);
    expect([r.peerSupport.score, r.peerSupport.reported]).toEqual([31.25, 2.25]);
    expect([r.relationships.score, r.relationships.reported]).toEqual([37.5, 2.5]);
    expect([r.role.score, r.role.reported]).toEqual([30, 2.2]);
    expect([r.change.score, r.change.reported]).toEqual([25, 2]);
  });

  it("handles missing answers with the at-least-half minimum", () => {
    // demands: q3=1→5, q6=1→5, q9=2→4: 3 answered < 4 → null
    // control: q2=5, q10=5, q15=4, q19=4, q25=3, q30=3: sum 24, mean 4 → 75
    // peer: q7=3 only: 1 < 2 → null
    // relationships: q5=1→5, q34=2→4: 2 answered (minimum 2), mean 4.5 → 87.5
    // change: q26=5, q32=4: 2 answered, mean 4.5 → 87.5
    // manager support, role: nothing answered → null
    const given: Record<number, number> = {
      3: 1,
      6: 1,
      9: 2,
      2: 5,
      10: 5,
      15: 4,
      19: 4,
      25: 3,
      30: 3,
      7: 3,
      5: 1,
      34: 2,
      26: 5,
      32: 4,
    };
    const r = scoreResponse(
      hse,
      answers((n) => given[n] ?? null),
    );
    const none = (n: number) => ({ score: null, reported: null, answered: n, band: null });
    expect(r).toEqual({
      demands: none(3),
      control: { score: 75, reported: 4, answered: 6, band: null },
      managerSupport: none(0),
      peerSupport: none(1),
      relationships: { score: 87.5, reported: 4.5, answered: 2, band: null },
      role: none(0),
      change: { score: 87.5, reported: 4.5, answered: 2, band: null },
    });
  });
});

describe("scoreResponse: visibility and exactness", () => {
  it("counts only visible items", () => {
    // ag = mean(a, g), minimum 2; g is shown only when f includes m2.
    // a = 5 → 100, g = 3 → 50: shown → (100 + 50)/2 = 75; hidden → 1 answered → null.
    expect(scoreResponse(mini, { a: 5, f: ["m1", "m2"], g: 3 }).ag.score).toBe(75);
    expect(scoreResponse(mini, { a: 5, f: ["m1", "m3"], g: 3 }).ag).toEqual({
      score: null,
      answered: 1,
      reported: null,
      band: null,
    });
    // ae: a reversed (6 − 5 = 1 → 0) and e = 4 → 40: (0 + 40)/2 = 20.
    expect(scoreResponse(mini, { a: 5, e: 4 }).ae.score).toBe(20);
  });

  it("throws on an invalid value in a scale instead of skipping it", () => {
    expect(() => scoreResponse(mini, { a: 9 })).toThrow(RangeError);
  });

  it("computes exactly, so a mean of exactly 75 lands in the band from 75", () => {
    // Four 7-point items scored linearly in sixths: answers 4,6,6,6 score 300/6, 500/6, 500/6,
    // 500/6; the mean is 1800/24 = 75 exactly. Summed in floating point it is 74.99999999999999.
    const seven = parsed({
      formatVersion: 1,
      id: "seven",
      title: t("7"),
      sections: [
        {
          id: "s",
          title: t("s"),
          items: ["p", "q", "r", "s"].map((id) => ({
            id,
            kind: "likert",
            text: t(id),
            points: points(7),
          })),
        },
      ],
      scales: [
        {
          id: "x",
          name: t("x"),
          items: ["p", "q", "r", "s"],
          minAnswered: 4,
          higherIs: "worse",
          bands: [
            { id: "below", label: t("b"), from: 0, to: 75 },
            { id: "high", label: t("h"), from: 75, to: 100 },
          ],
        },
      ],
    });
    expect(scoreResponse(seven, { p: 4, q: 6, r: 6, s: 6 }).x).toEqual({
      score: 75,
      answered: 4,
      reported: null,
      band: "high",
    });
  });
});

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

describe("the example in docs/survey-format.md", () => {
  it("parses and scores as the text says", () => {
    const docs = readFileSync(new URL("../../docs/survey-format.md", import.meta.url), "utf8");
    const block = docs.match(/```json\n([\s\S]*?)\n```/);
    if (!block) throw new Error("no JSON example in docs/survey-format.md");
    const example = parsed(JSON.parse(block[1]));
    // tired = 4 → 75; energy = 2 reversed: 5 + 1 − 2 = 4 → 75; (75 + 75) / 2 = 75 → high.
    expect(scoreResponse(example, { tired: 4, energy: 2, aggression: false }).exhaustion).toEqual({
      score: 75,
      answered: 2,
      reported: null,
      band: "high",
    });
    expect(ids(visibleItems(example, { aggression: true }))).toContain("reported");
    expect(ids(visibleItems(example, { aggression: false }))).not.toContain("reported");
  });
});
