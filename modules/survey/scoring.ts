/**
 * Answers against an instrument: which items are shown, whether the answers are acceptable, and
 * the respondent's score on each scale. Pure functions of plain data, no I/O; the rules are
 * described in docs/survey-format.md ("Answers" and "Scoring").
 *
 * Scores are computed in exact rationals: an item on a 7-point scale scores in sixths, and a
 * mean that is exactly 50 must land in the band starting at 50, not at 49.99999999999999.
 */
import Fraction from "fraction.js";
import {
  allItems,
  type Band,
  type Instrument,
  type Item,
  isPointItem,
  isScorable,
  OPEN_ANSWER_MAX_LENGTH,
  type ReverseRule,
  type Scale,
} from "./instrument.ts";
import { type Answers, type AnswerValue, isAnswered, own, visibleItems } from "./visibility.ts";

// Visibility lives in visibility.ts, which the questionnaire in the browser loads on its own.
export { type Answers, type AnswerValue, isAnswered, visibleItems } from "./visibility.ts";

export const ANSWER_ERROR_CODES = [
  "answers.notAnObject",
  "answer.unknownItem",
  "answer.required",
  "answer.wrongType",
  "answer.notAnOption",
  "answer.duplicateOption",
  "answer.tooFewSelected",
  "answer.tooManySelected",
  "answer.notInteger",
  "answer.outOfRange",
  "answer.tooLong",
] as const;

export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];

/**
 * One problem with one answer. `params` carries the numbers a translated message needs
 * (limits, lengths). `itemId` is "" only for "answers.notAnObject".
 */
export type AnswerError = {
  itemId: string;
  code: AnswerErrorCode;
  message: string;
  params?: Record<string, number>;
};

/** A respondent's result on one scale. */
export type ScaleScore = {
  /** Mean of the answered items' 0–100 scores; null when fewer than `minAnswered` were answered. */
  score: number | null;
  /** How many of the scale's items were visible and answered. */
  answered: number;
  /** The score on the scale's `reportedRange` (e.g. 1–5); null without one or without a score. */
  reported: number | null;
  /** Id of the interpretation band holding the score; null without bands or without a score. */
  band: string | null;
};

/**
 * The answers to store: those of visible items that were answered. An answer to an item its
 * conditions hide (a form sent without JavaScript shows every item) describes a question the
 * respondent was not meant to be asked, so it is left out rather than refused.
 */
export function pruneAnswers(
  instrument: Instrument,
  answers: Answers,
): Record<string, AnswerValue> {
  const kept: Record<string, AnswerValue> = {};
  for (const item of visibleItems(instrument, answers)) {
    const value = own(answers, item.id);
    if (value !== undefined && value !== null && isAnswered(value)) kept[item.id] = value;
  }
  return kept;
}

/** Length in characters as a person counts them (code points, as PostgreSQL does). */
function characters(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function checkValue(item: Item, value: unknown): Omit<AnswerError, "itemId"> | null {
  const wrongType = (expected: string) => ({
    code: "answer.wrongType" as const,
    message: `Item "${item.id}" expects ${expected}.`,
  });
  switch (item.kind) {
    case "likert":
    case "frequency":
      if (typeof value !== "number") return wrongType("the number of one of its points");
      if (!item.points.some((p) => p.value === value)) {
        return {
          code: "answer.notAnOption",
          message: `${value} is not one of the points of item "${item.id}".`,
        };
      }
      return null;
    case "yesNo":
      return typeof value === "boolean" ? null : wrongType("true or false");
    case "single":
      if (typeof value !== "string") return wrongType("the value of one of its options");
      if (!item.options.some((o) => o.value === value)) {
        return {
          code: "answer.notAnOption",
          message: `"${value}" is not an option of item "${item.id}".`,
        };
      }
      return null;
    case "multiple": {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        return wrongType("a list of option values");
      }
      const unknown = value.find((v) => !item.options.some((o) => o.value === v));
      if (unknown !== undefined) {
        return {
          code: "answer.notAnOption",
          message: `"${unknown}" is not an option of item "${item.id}".`,
        };
      }
      if (new Set(value).size !== value.length) {
        return {
          code: "answer.duplicateOption",
          message: `Item "${item.id}" lists the same option twice.`,
        };
      }
      if (item.minSelected !== undefined && value.length < item.minSelected) {
        return {
          code: "answer.tooFewSelected",
          message: `Item "${item.id}": choose at least ${item.minSelected} options.`,
          params: { min: item.minSelected, count: value.length },
        };
      }
      if (item.maxSelected !== undefined && value.length > item.maxSelected) {
        return {
          code: "answer.tooManySelected",
          message: `Item "${item.id}": choose at most ${item.maxSelected} options.`,
          params: { max: item.maxSelected, count: value.length },
        };
      }
      return null;
    }
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value)) return wrongType("a number");
      if (item.integer && !Number.isInteger(value)) {
        return {
          code: "answer.notInteger",
          message: `Item "${item.id}" expects a whole number.`,
        };
      }
      if (
        (item.min !== undefined && value < item.min) ||
        (item.max !== undefined && value > item.max)
      ) {
        const params: Record<string, number> = {};
        if (item.min !== undefined) params.min = item.min;
        if (item.max !== undefined) params.max = item.max;
        return {
          code: "answer.outOfRange",
          message: `Item "${item.id}": ${value} is outside ${item.min ?? "−∞"}…${item.max ?? "∞"}.`,
          params,
        };
      }
      return null;
    }
    case "text": {
      if (typeof value !== "string") return wrongType("text");
      const length = characters(value);
      // The instrument cannot raise the limit (its schema caps maxLength), but an answer is
      // checked against the ceiling too, so a stored instrument edited by hand cannot lift it.
      const max = Math.min(item.maxLength, OPEN_ANSWER_MAX_LENGTH);
      if (length > max) {
        return {
          code: "answer.tooLong",
          message: `Item "${item.id}": at most ${max} characters (this answer has ${length}).`,
          params: { max, length },
        };
      }
      return null;
    }
  }
}

/**
 * Checks a respondent's answers (JSON from a form or the API) against the instrument: unknown
 * item ids, values of the wrong type or out of range, and required visible items left
 * unanswered. At most one error per item, in the order: unknown ids as sent, then items in
 * document order. Answers to hidden items are not checked; `pruneAnswers` drops them.
 */
export function validateAnswers(instrument: Instrument, answers: unknown): AnswerError[] {
  if (typeof answers !== "object" || answers === null || Array.isArray(answers)) {
    return [
      {
        itemId: "",
        code: "answers.notAnObject",
        message: "Answers must be an object keyed by item id.",
      },
    ];
  }
  const record = answers as Answers;
  const errors: AnswerError[] = [];
  const known = new Set(allItems(instrument).map(({ item }) => item.id));
  for (const id of Object.keys(record)) {
    if (!known.has(id)) {
      errors.push({
        itemId: id,
        code: "answer.unknownItem",
        message: `There is no item "${id}" in this instrument.`,
      });
    }
  }
  for (const item of visibleItems(instrument, record)) {
    const value = own(record, item.id);
    if (!isAnswered(value)) {
      if (item.required) {
        errors.push({
          itemId: item.id,
          code: "answer.required",
          message: `Item "${item.id}" must be answered.`,
        });
      }
      continue;
    }
    const problem = checkValue(item, value);
    if (problem) errors.push({ itemId: item.id, ...problem });
  }
  return errors;
}

function linear(value: Fraction, min: number, max: number): Fraction {
  return value.sub(min).mul(100).div(new Fraction(max).sub(min));
}

/** The exact 0–100 score of an answered scorable item; throws on a value it cannot hold. */
function exactItemScore(item: Item, value: AnswerValue, reverse?: ReverseRule): Fraction {
  if (!isScorable(item)) {
    throw new TypeError(`Item "${item.id}" of kind "${item.kind}" has no score.`);
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`Item "${item.id}" cannot be scored from ${JSON.stringify(value)}.`);
  }
  let score: Fraction;
  if (isPointItem(item)) {
    const values = item.points.map((p) => p.value);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const x = reverse === "max+min-x" ? new Fraction(hi).add(lo).sub(value) : new Fraction(value);
    const point = item.points.find((p) => x.equals(p.value));
    if (!point) {
      throw new RangeError(`${value} is not one of the points of item "${item.id}".`);
    }
    score = point.score !== undefined ? new Fraction(point.score) : linear(x, lo, hi);
  } else {
    // isScorable guarantees a number item with both bounds.
    const { min, max } = item as Extract<Item, { kind: "number" }>;
    const lo = min as number;
    const hi = max as number;
    if (value < lo || value > hi) {
      throw new RangeError(`${value} is outside ${lo}…${hi} of item "${item.id}".`);
    }
    const x = reverse === "max+min-x" ? new Fraction(hi).add(lo).sub(value) : new Fraction(value);
    score = linear(x, lo, hi);
  }
  return reverse === "100-score" ? new Fraction(100).sub(score) : score;
}

/**
 * The 0–100 score of one answer: the point's own `score` when the item gives scores, otherwise
 * linear over the item's range, 100 · (x − min) / (max − min). With `reverse`, "max+min-x"
 * replaces x by max + min − x first; "100-score" takes 100 − score after. Null for no answer;
 * throws for an item that has no score (open text, choice, yes/no, unbounded number) or a
 * value the item cannot hold — validate answers first.
 */
export function itemScore(
  item: Item,
  value: AnswerValue | null | undefined,
  reverse?: ReverseRule,
): number | null {
  if (value === undefined || value === null || !isAnswered(value)) return null;
  return exactItemScore(item, value, reverse).valueOf();
}

function bandOf(bands: readonly Band[] | undefined, score: Fraction): string | null {
  if (!bands) return null;
  const last = bands.length - 1;
  const found = bands.find(
    (band, k) =>
      score.gte(band.from) && (score.lt(band.to) || (k === last && score.equals(band.to))),
  );
  return found?.id ?? null;
}

function scoreScale(scale: Scale, items: Map<string, Item>, answers: Answers): ScaleScore {
  const reversed = new Set(scale.reverse?.items ?? []);
  let sum = new Fraction(0);
  let answered = 0;
  for (const id of scale.items) {
    const item = items.get(id);
    if (!item) continue; // hidden by its condition
    const value = own(answers, id);
    if (value === undefined || value === null || !isAnswered(value)) continue;
    sum = sum.add(exactItemScore(item, value, reversed.has(id) ? scale.reverse?.rule : undefined));
    answered++;
  }
  if (answered < scale.minAnswered || answered === 0) {
    return { score: null, answered, reported: null, band: null };
  }
  const mean = sum.div(answered);
  const range = scale.reportedRange;
  return {
    score: mean.valueOf(),
    answered,
    reported: range
      ? mean.mul(new Fraction(range.max).sub(range.min)).div(100).add(range.min).valueOf()
      : null,
    band: bandOf(scale.bands, mean),
  };
}

/**
 * A respondent's score on every scale, keyed by scale id: the mean of the 0–100 scores of the
 * scale's visible, answered items (reverse-scored ones reversed), or null when fewer than
 * `minAnswered` were answered. Expects answers that passed `validateAnswers`; an invalid value
 * in a scale throws rather than being skipped, so it cannot quietly lower the count.
 */
export function scoreResponse(
  instrument: Instrument,
  answers: Answers,
): Record<string, ScaleScore> {
  const visible = new Map(visibleItems(instrument, answers).map((item) => [item.id, item]));
  const result: Record<string, ScaleScore> = {};
  for (const scale of instrument.scales) result[scale.id] = scoreScale(scale, visible, answers);
  return result;
}
