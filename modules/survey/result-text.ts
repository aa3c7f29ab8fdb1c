// How results read, the same on the page, in the PDF and in the spreadsheet: numbers with the
// locale's decimal mark, the band a mean falls in, the tone of a band (from good to bad whichever
// way the scale runs), the words for a hidden group and a plain reading of Cronbach's alpha.
// Pure: no I/O.
import type { Locale, MessageKey, T } from "../../platform/i18n.ts";
import type { LocalizedText } from "./instrument.ts";
import { bandIndex, type HigherIs, TREND_MAX_P, TREND_MIN_ABS_G, type TrendFlag } from "./stats.ts";

export { TREND_MAX_P, TREND_MIN_ABS_G };

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with a fixed count of decimals in the locale's style ("63,4" in Polish). */
export function formatNumber(x: number | null | undefined, locale: Locale, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "";
  const key = `${locale}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "pl" ? "pl-PL" : "en-GB", {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      // Polish style leaves four-digit numbers ungrouped; the same everywhere keeps columns even.
      useGrouping: false,
    });
    numberFormats.set(key, f);
  }
  // -0,0 reads as an oddity; a difference that rounds to nothing is nothing. Negative
  // numbers take a true minus sign, as typeset Polish does.
  const text = f.format(x);
  if (/^-0([.,]0+)?$/.test(text)) return text.slice(1);
  return text.startsWith("-") ? `−${text.slice(1)}` : text;
}

/** A signed difference: "+5,2", "−3,0" (a true minus sign), "0,0". */
export function formatSigned(x: number | null | undefined, locale: Locale, digits = 1): string {
  const text = formatNumber(x, locale, digits);
  if (text === "" || /^0([.,]0+)?$/.test(text)) return text;
  return text.startsWith("−") ? text : `+${text}`;
}

/** A share 0–1 as a percentage: "42%" (Polish typography writes it without a space too). */
export function formatShare(share: number | null | undefined, locale: Locale, digits = 0) {
  if (share === null || share === undefined || !Number.isFinite(share)) return "";
  return `${formatNumber(share * 100, locale, digits)}%`;
}

/** A p-value: "< 0,001" below that, else three decimals. */
export function formatP(p: number | null | undefined, locale: Locale): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "";
  // A no-break space keeps "< 0,001" on one line.
  return p < 0.001 ? `<\u00a0${formatNumber(0.001, locale, 3)}` : formatNumber(p, locale, 3);
}

export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale] || text.pl;
}

export type BandInfo = { from: number; to: number; label: LocalizedText };

/** The band a mean falls in (the same rule as a single score), or -1. */
export function bandOfMean(mean: number | null | undefined, bands: readonly BandInfo[]): number {
  if (mean === null || mean === undefined || bands.length === 0) return -1;
  return bandIndex(mean, bands);
}

/** 0 = favourable … 3 = most worrying: the bands' order read the way the scale runs. */
export type Tone = 0 | 1 | 2 | 3;

export function bandTone(index: number, count: number, higherIs: HigherIs): Tone | null {
  if (index < 0 || count <= 0) return null;
  const risk = count === 1 ? 0 : index / (count - 1);
  const r = higherIs === "worse" ? risk : 1 - risk;
  // Three bands take tones 0, 2 and 3: the middle one already asks for attention.
  return (r <= 0 ? 0 : r < 0.34 ? 1 : r < 0.75 ? 2 : 3) as Tone;
}

/** "Wysoki", or "" when the mean is outside every band or the scale has none. */
export function bandLabel(
  mean: number | null | undefined,
  bands: readonly BandInfo[],
  locale: Locale,
): string {
  const i = bandOfMean(mean, bands);
  return i < 0 ? "" : localized(bands[i].label, locale);
}

export type HiddenReason = "small" | "complementary" | "empty";

/** What a hidden group says instead of figures — never its size. */
export function hiddenText(t: T, reason: HiddenReason | undefined, k: number): string {
  if (reason === "empty") return t("surveyResults.hiddenEmpty");
  if (reason === "complementary") return t("surveyResults.hiddenComplementary");
  return t("surveyResults.hiddenSmall", { k });
}

/** A plain reading of Cronbach's alpha, from the usual rules of thumb. */
export function alphaReading(alpha: number | null): MessageKey {
  if (alpha === null) return "surveyResults.alphaNone";
  if (alpha >= 0.9) return "surveyResults.alphaVeryHigh";
  if (alpha >= 0.8) return "surveyResults.alphaGood";
  if (alpha >= 0.7) return "surveyResults.alphaAcceptable";
  if (alpha >= 0.6) return "surveyResults.alphaQuestionable";
  return "surveyResults.alphaLow";
}

export function trendFlagKey(flag: TrendFlag | null | undefined): MessageKey {
  if (flag === "improvement") return "surveyResults.trendImprovement";
  if (flag === "deterioration") return "surveyResults.trendDeterioration";
  return "surveyResults.trendNone";
}

/** Whether a difference from the centre is for the better, the worse, or neither. */
export function differenceKey(diff: number | null, higherIs: HigherIs): MessageKey | null {
  if (diff === null || Math.abs(diff) < 0.05) return null;
  const worse = higherIs === "worse" ? diff > 0 : diff < 0;
  return worse ? "surveyResults.diffWorse" : "surveyResults.diffBetter";
}

/**
 * "41 z 50 zaproszonych (82%)"; just the count where invitations do not cover the responses
 * (answers entered without invitations, as in a migration of old data).
 */
export function responsesText(t: T, responded: number, invited: number, locale: Locale): string {
  if (invited <= 0 || responded > invited)
    return t("surveyResults.responsesCount", { count: responded });
  return `${t("surveyResults.responsesOf", { responded, invited })} (${formatShare(responded / invited, locale)})`;
}
