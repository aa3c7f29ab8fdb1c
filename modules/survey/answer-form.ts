/**
 * A posted questionnaire (form fields are strings) turned into the answers object that
 * `validateAnswers` and `submitResponse` take. Each item's field is named by the item's id; a
 * multiple-choice item sends one field per ticked option.
 *
 * Only the form's shape is read here: a number typed the Polish way ("2,5", "1 200") becomes a
 * number, a yes/no "true"/"false" a boolean, a point's value a number. Whether the answer is one
 * the item accepts (a real point, an option, in range, short enough, required) is the
 * validator's to say. A field that cannot be read at all gets its own message key, and only
 * for an item the respondent is shown: a form sent without JavaScript shows every item, and
 * whatever was typed into an item that show-if hides is ignored, never refused.
 *
 * Pure and free of runtime dependencies: the questionnaire in the browser uses it too, to
 * decide show-if live from what has been ticked so far.
 */
import type { Instrument, Item } from "./instrument.ts";
import { type AnswerValue, visibleItems } from "./visibility.ts";

/** What a form sends: FormData on the server and in the browser, or URLSearchParams. */
export type FormLike = { getAll(name: string): unknown[] };

/** What was typed, per item id, to show again next to an error. */
export type AnswerFormValues = Record<string, string | string[]>;

export type AnswerForm = {
  /** Answered items only, typed as the validator expects. */
  answers: Record<string, AnswerValue>;
  values: AnswerFormValues;
  /** Message keys for fields that could not be read, by item id (visible items only). */
  errors: Record<string, string>;
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const POINT = /^-?\d+(?:\.\d+)?$/;

/**
 * A number as people type it in Poland: a decimal comma or point, spaces (also the no-break
 * and thin spaces word processors insert) between groups of three digits, a minus sign typed
 * as a dash. Null when it is not a plain decimal number ("1e3", "12 godzin", "" are not).
 */
export function parseTypedNumber(typed: string): number | null {
  const s = typed
    .trim()
    .replace(/[\u2212\u2013]/g, "-")
    .replace(/(\d)[\s\u00a0\u202f]+(?=\d{3}(?!\d))/g, "$1")
    .replace(",", ".");
  if (!NUMBER.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function strings(form: FormLike, name: string): string[] {
  return form.getAll(name).filter((v): v is string => typeof v === "string");
}

type Read = { value?: AnswerValue; error?: string };

function readItem(item: Item, sent: string[]): Read {
  if (item.kind === "multiple") {
    const chosen = sent.filter((v) => v !== "");
    return chosen.length > 0 ? { value: chosen } : {};
  }
  const given = sent.filter((v) => v.trim() !== "");
  if (given.length === 0) return {};
  // Two values for a one-answer item come only from a form that was tampered with.
  if (given.length > 1) return { error: "errors.surveyAnswer.wrongType" };
  const raw = given[0];
  switch (item.kind) {
    case "likert":
    case "frequency":
      return POINT.test(raw.trim())
        ? { value: Number(raw.trim()) }
        : { error: "errors.surveyAnswer.notAnOption" };
    case "yesNo":
      if (raw === "true") return { value: true };
      if (raw === "false") return { value: false };
      return { error: "errors.surveyAnswer.notAnOption" };
    case "single":
      return { value: raw };
    case "number": {
      const n = parseTypedNumber(raw);
      if (n !== null) return { value: n };
      return {
        error: item.integer
          ? "errors.surveyAnswer.notAWholeNumber"
          : "errors.surveyAnswer.notANumber",
      };
    }
    case "text":
      return { value: normalizeText(raw) };
  }
}

/**
 * Browsers send a textarea's line breaks as CR LF; a person counts one character per line
 * break (and so does the counter under the field), so they are stored as LF.
 */
export function normalizeText(text: string): string {
  return text.replace(/\r\n?/g, "\n").trim();
}

/** Reads every item's field of a posted questionnaire; see the file's comment. */
export function readAnswerForm(instrument: Instrument, form: FormLike): AnswerForm {
  const answers: Record<string, AnswerValue> = {};
  const values: AnswerFormValues = {};
  const unreadable: Record<string, string> = {};
  for (const section of instrument.sections) {
    for (const item of section.items) {
      const sent = strings(form, item.id);
      if (sent.length === 0) continue;
      values[item.id] =
        item.kind === "multiple" ? sent : item.kind === "text" ? normalizeText(sent[0]) : sent[0];
      const read = readItem(item, sent);
      if (read.error) unreadable[item.id] = read.error;
      else if (read.value !== undefined) answers[item.id] = read.value;
    }
  }
  // An unreadable field counts as unanswered for show-if, as it would be if left empty.
  const errors: Record<string, string> = {};
  for (const item of visibleItems(instrument, answers)) {
    if (unreadable[item.id]) errors[item.id] = unreadable[item.id];
  }
  return { answers, values, errors };
}

/** Ids of the items shown with these answers (the live show-if of the questionnaire). */
export function visibleItemIds(instrument: Instrument, form: FormLike): Set<string> {
  return new Set(
    visibleItems(instrument, readAnswerForm(instrument, form).answers).map((i) => i.id),
  );
}
