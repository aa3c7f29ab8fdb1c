import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import {
  alphaReading,
  bandLabel,
  bandTone,
  differenceKey,
  formatNumber,
  formatP,
  formatShare,
  formatSigned,
  hiddenText,
  responsesText,
} from "./result-text.ts";

const bands = [
  { from: 0, to: 50, label: { pl: "Niski", en: "Low" } },
  { from: 50, to: 75, label: { pl: "Podwyższony", en: "Raised" } },
  { from: 75, to: 100, label: { pl: "Wysoki", en: "High" } },
];

describe("result text", () => {
  it("writes numbers the locale's way, with a true minus and no negative zero", () => {
    expect(formatNumber(63.44, "pl")).toBe("63,4");
    expect(formatNumber(63.44, "en")).toBe("63.4");
    expect(formatNumber(1234.5, "pl")).toBe("1234,5");
    expect(formatNumber(-0.04, "pl")).toBe("0,0");
    expect(formatNumber(-2.5, "pl", 2)).toBe("−2,50");
    expect(formatNumber(null, "pl")).toBe("");
    expect(formatNumber(Number.NaN, "pl")).toBe("");
    expect(formatSigned(5.24, "pl")).toBe("+5,2");
    expect(formatSigned(-3, "pl")).toBe("−3,0");
    expect(formatSigned(0.01, "pl")).toBe("0,0");
    expect(formatShare(0.425, "pl")).toBe("43%");
    expect(formatP(0.0004, "pl")).toBe("<\u00a00,001");
    expect(formatP(0.04567, "en")).toBe("0.046");
  });

  it("names the band of a mean, the last band holding its upper end", () => {
    expect(bandLabel(49.99, bands, "pl")).toBe("Niski");
    expect(bandLabel(50, bands, "pl")).toBe("Podwyższony");
    expect(bandLabel(100, bands, "en")).toBe("High");
    expect(bandLabel(null, bands, "pl")).toBe("");
    expect(bandLabel(40, [], "pl")).toBe("");
  });

  it("tones bands from favourable to worrying whichever way the scale runs", () => {
    expect([0, 1, 2].map((i) => bandTone(i, 3, "worse"))).toEqual([0, 2, 3]);
    expect([0, 1, 2].map((i) => bandTone(i, 3, "better"))).toEqual([3, 2, 0]);
    expect([0, 1, 2, 3].map((i) => bandTone(i, 4, "worse"))).toEqual([0, 1, 2, 3]);
    expect(bandTone(-1, 3, "worse")).toBeNull();
  });

  it("reads differences, alpha and hidden groups in words, never with a size", () => {
    expect(differenceKey(3, "worse")).toBe("surveyResults.diffWorse");
    expect(differenceKey(3, "better")).toBe("surveyResults.diffBetter");
    expect(differenceKey(0.01, "worse")).toBeNull();
    expect(alphaReading(0.95)).toBe("surveyResults.alphaVeryHigh");
    expect(alphaReading(0.7)).toBe("surveyResults.alphaAcceptable");
    expect(alphaReading(0.59)).toBe("surveyResults.alphaLow");
    expect(alphaReading(null)).toBe("surveyResults.alphaNone");
    const t = translator("pl");
    expect(hiddenText(t, "small", 5)).toBe("ukryte (< 5)");
    expect(hiddenText(t, "complementary", 5)).toBe("ukryte (ochrona innej grupy)");
    expect(hiddenText(t, "empty", 5)).toBe("brak odpowiedzi");
    expect(responsesText(t, 41, 50, "pl")).toBe("41 z 50 zaproszonych (82%)");
    expect(responsesText(t, 22, 0, "pl")).toBe("22 odpowiedzi");
    expect(responsesText(translator("en"), 1, 0, "en")).toBe("1 response");
  });
});
