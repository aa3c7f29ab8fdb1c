// Glue between the answer pages and the survey services: a posted questionnaire read, checked
// and submitted, its errors sent back with everything as it was typed.
import { readAnswerForm } from "../../../modules/survey/answer-form.ts";
import type { Instrument } from "../../../modules/survey/instrument.ts";
import { validateAnswers } from "../../../modules/survey/scoring.ts";
import { answerFieldErrors } from "../../../modules/survey/submit-response.ts";
import type { AnswerValue } from "../../../modules/survey/visibility.ts";
import { AppError } from "../../../platform/errors.ts";
import type { SurveyFormState } from "../../components/survey-form.tsx";
import { ctx } from "../../lib/server.ts";

/**
 * The client's address, for the in-memory limits of the public pages (failed token guesses,
 * public answers); never logged or stored.
 */
export function clientAddress(context: Parameters<typeof ctx>[0]): string {
  return ctx(context).clientAddress ?? "unknown";
}

export type QuestionnaireResult =
  | { ok: true }
  | { ok: false; status: 422 | 429; state: SurveyFormState };

/**
 * Reads the questionnaire and, when every field could be read, submits it. A field that could
 * not be read (a number typed as words) is reported together with what the validator says of
 * the others, so the respondent sees every problem at once; nothing is submitted then. Errors
 * come in the order of the items, as the summary lists them.
 */
export async function submitQuestionnaire(
  instrument: Instrument,
  form: FormData,
  submit: (answers: Record<string, AnswerValue>) => Promise<void>,
): Promise<QuestionnaireResult> {
  const read = readAnswerForm(instrument, form);
  const order = instrument.sections.flatMap((s) => s.items.map((i) => i.id));
  const sorted = (errors: Record<string, string>) =>
    Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(order, a) - rank(order, b)));
  if (Object.keys(read.errors).length > 0) {
    const others = answerFieldErrors(validateAnswers(instrument, read.answers));
    return {
      ok: false,
      status: 422,
      state: { fieldErrors: sorted({ ...others, ...read.errors }), values: read.values },
    };
  }
  try {
    await submit(read.answers);
    return { ok: true };
  } catch (e) {
    if (e instanceof AppError && (e.code === "validation" || e.code === "rate_limited")) {
      return {
        ok: false,
        status: e.code === "validation" ? 422 : 429,
        state: { fieldErrors: sorted(e.fieldErrors), values: read.values },
      };
    }
    throw e;
  }
}

function rank(order: string[], id: string): number {
  const k = order.indexOf(id);
  return k === -1 ? -1 : k;
}
