import { describe, expect, it } from "vitest";
import { checkCaseReference } from "./case-reference.ts";

describe("case reference", () => {
  it("takes the numbers case systems use, and nothing", () => {
    for (const v of ["DPS.5012.15.2025", "ZP/123/2026", "OPS-7-2024", "12345", ""]) {
      expect(checkCaseReference(v)).toEqual({ ok: true, value: v });
    }
    expect(checkCaseReference("  ZP/1/2026  ")).toEqual({ ok: true, value: "ZP/1/2026" });
  });

  it("warns that a client's name looks like a name", () => {
    for (const v of ["Jan Kowalski", "Anna Maria Nowak-Wiśniewska", "Łucja Żółć"]) {
      expect(checkCaseReference(v)).toEqual({ ok: false, error: "errors.incidentCaseName" });
    }
  });

  it("refuses other text without a digit, and overlong references", () => {
    expect(checkCaseReference("pan z trzeciego piętra")).toEqual({
      ok: false,
      error: "errors.incidentCaseFormat",
    });
    expect(checkCaseReference(`ZP/${"1".repeat(60)}`)).toEqual({
      ok: false,
      error: "errors.incidentCaseFormat",
    });
  });
});
