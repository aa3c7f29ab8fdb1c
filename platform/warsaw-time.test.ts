// Day arithmetic on yyyy-mm-dd strings: it must not drift on the days the clocks change.
import { describe, expect, it } from "vitest";
import { daysBetween, mondayOf } from "./warsaw-time.ts";

describe("day helpers", () => {
  it("finds the Monday of a day's week", () => {
    expect(mondayOf("2026-03-18")).toBe("2026-03-16");
    expect(mondayOf("2026-03-16")).toBe("2026-03-16");
    expect(mondayOf("2026-03-22")).toBe("2026-03-16");
    expect(mondayOf("2026-01-01")).toBe("2025-12-29");
    // The week the clocks go forward (Sunday 29 March 2026) keeps its Monday.
    expect(mondayOf("2026-03-29")).toBe("2026-03-23");
  });

  it("counts whole days between two days, across a clock change and backwards", () => {
    expect(daysBetween("2026-03-16", "2026-03-17")).toBe(1);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2);
    expect(daysBetween("2026-01-01", "2025-12-29")).toBe(-3);
    expect(daysBetween("2026-01-01", "2026-01-01")).toBe(0);
  });
});
