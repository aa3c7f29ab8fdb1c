/**
 * Which items a respondent is shown (show-if). Kept apart from scoring.ts and free of runtime
 * imports so the questionnaire in the browser can hide and show items live with exactly the
 * rule the server validates and stores by, without loading the instrument schema or exact
 * arithmetic. Pure: no I/O.
 */
import type { Condition, Instrument, Item } from "./instrument.ts";

/** A stored answer: a point value or number, an option value, a yes/no, or chosen options. */
export type AnswerValue = number | string | boolean | readonly string[];

/** Answers keyed by item id; a missing key, null, "" or [] means "not answered". */
export type Answers = Readonly<Record<string, AnswerValue | null | undefined>>;

export function own(answers: Answers, id: string): AnswerValue | null | undefined {
  // Object.hasOwn: an item id such as "constructor" must not read Object.prototype.
  return Object.hasOwn(answers, id) ? answers[id] : undefined;
}

/** Whether a value counts as an answer. Blank text and an empty choice count as none. */
export function isAnswered(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function holds(condition: Condition, shown: Map<string, unknown>): boolean {
  if ("all" in condition) return condition.all.every((c) => holds(c, shown));
  if ("any" in condition) return condition.any.some((c) => holds(c, shown));
  if ("not" in condition) return !holds(condition.not, shown);
  const value = shown.get(condition.item);
  if ("answered" in condition) return isAnswered(value) === condition.answered;
  if (!isAnswered(value)) return false;
  const wanted: readonly unknown[] = "equals" in condition ? [condition.equals] : condition.in;
  return Array.isArray(value)
    ? value.some((v: unknown) => wanted.includes(v))
    : wanted.includes(value);
}

/**
 * The items shown to a respondent with these answers, in document order. Conditions look only
 * at earlier items, so one pass decides them all; the answer to an item that is itself hidden
 * counts as not given, so hiding cascades.
 */
export function visibleItems(instrument: Instrument, answers: Answers): Item[] {
  const shown = new Map<string, unknown>();
  const visible: Item[] = [];
  for (const section of instrument.sections) {
    for (const item of section.items) {
      if (item.showIf && !holds(item.showIf, shown)) continue;
      visible.push(item);
      shown.set(item.id, own(answers, item.id));
    }
  }
  return visible;
}
