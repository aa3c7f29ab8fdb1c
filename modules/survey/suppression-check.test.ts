import { describe, expect, it } from "vitest";
import type { SuppressionInput } from "./suppression.ts";
import { checkNoDisclosure, derivation } from "./suppression-check.ts";

function problem(
  cells: Record<string, number>,
  aggregates: Record<string, string[]>,
  k = 5,
): SuppressionInput {
  return {
    k,
    cells: Object.entries(cells).map(([key, n]) => ({ key, n })),
    aggregates: Object.entries(aggregates).map(([key, c]) => ({ key, cells: c })),
  };
}

describe("checkNoDisclosure", () => {
  // Department D = units A (3), B (1), C (7).
  const department = problem(
    { a: 3, b: 1, c: 7 },
    { D: ["a", "b", "c"], A: ["a"], B: ["b"], C: ["c"] },
  );

  it("flags a small aggregate published outright", () => {
    expect(checkNoDisclosure(department, ["D", "A"]).disclosures).toContainEqual({
      kind: "small-published",
      key: "A",
      n: 3,
    });
  });

  it("passes when nothing hidden can be worked out, and lists every leak otherwise", () => {
    expect(checkNoDisclosure(department, ["D"])).toEqual({ ok: true, disclosures: [] });
    // With C shown, A and B are still apart: D − C = a + b, neither alone.
    expect(checkNoDisclosure(department, ["D", "C"])).toEqual({ ok: true, disclosures: [] });
    // Add a view that groups B with C: then D − BC gives A and BC − C gives B.
    const withBC = problem(
      { a: 3, b: 1, c: 7 },
      { D: ["a", "b", "c"], A: ["a"], B: ["b"], C: ["c"], BC: ["b", "c"] },
    );
    expect(checkNoDisclosure(withBC, ["D", "C", "BC"]).disclosures).toEqual([
      { kind: "aggregate", key: "A", n: 3, witness: { D: "1", BC: "-1" } },
      { kind: "aggregate", key: "B", n: 1, witness: { C: "-1", BC: "1" } },
      { kind: "cell", key: "a", n: 3, witness: { D: "1", BC: "-1" } },
      { kind: "cell", key: "b", n: 1, witness: { C: "-1", BC: "1" } },
    ]);
  });

  it("does not count an empty group as protection", () => {
    const input = problem({ a: 3, e: 0, c: 7 }, { D: ["a", "e", "c"], A: ["a"], C: ["c"] });
    expect(checkNoDisclosure(input, ["D", "C"]).disclosures[0]).toEqual({
      kind: "aggregate",
      key: "A",
      n: 3,
      witness: { D: "1", C: "-1", "empty:e": "-1" },
    });
  });

  it("checks hidden groups of k or more too", () => {
    const input = problem({ a: 6, b: 7 }, { D: ["a", "b"], A: ["a"], B: ["b"] });
    expect(checkNoDisclosure(input, ["D", "B"]).disclosures).toEqual([
      { kind: "aggregate", key: "A", n: 6, witness: { D: "1", B: "-1" } },
    ]);
  });

  it("refuses a published key it does not know", () => {
    expect(() => checkNoDisclosure(department, ["D", "X"])).toThrow(/unknown aggregate X/);
  });
});

describe("derivation", () => {
  it("works for any set of cells: the union of two small siblings (the documented limit)", () => {
    // A (3) and B (1) are both small and hidden, C (7) and D (11) are published: neither A nor B
    // can be worked out, but their union of 4 is D − C.
    const input = problem(
      { a: 3, b: 1, c: 7 },
      { D: ["a", "b", "c"], A: ["a"], B: ["b"], C: ["c"] },
    );
    expect(checkNoDisclosure(input, ["D", "C"]).ok).toBe(true);
    expect(derivation(input, ["D", "C"], ["a", "b"])).toEqual({ D: "1", C: "-1" });
    expect(derivation(input, ["D", "C"], ["a"])).toBeNull();
    expect(() => derivation(input, ["D"], ["z"])).toThrow(/unknown cell z/);
  });

  it("finds a combination with fractional coefficients", () => {
    // Three cells, the three pairs published: b = (ab + bc − ac) / 2.
    const input = problem({ a: 2, b: 3, c: 4 }, { AB: ["a", "b"], BC: ["b", "c"], AC: ["a", "c"] });
    expect(derivation(input, ["AB", "BC", "AC"], ["b"])).toEqual({
      AB: "1/2",
      BC: "1/2",
      AC: "-1/2",
    });
    // Without AC only sums that include both or neither of a and c are reachable.
    expect(derivation(input, ["AB", "BC"], ["b"])).toBeNull();
    expect(derivation(input, ["AB", "BC"], ["a", "b"])).toEqual({ AB: "1" });
  });
});
