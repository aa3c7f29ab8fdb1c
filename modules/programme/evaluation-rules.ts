// The evaluation questionnaire and how an answer is checked. Pure and free of server imports,
// so the answer page uses the same list of questions and limits.

/** The fixed questionnaire: each key is rated 1 (strongly disagree) to 5 (strongly agree). */
export const EVALUATION_QUESTIONS = [
  "usefulness",
  "trainer",
  "organisation",
  "expectations",
  "application",
] as const;
export type EvaluationQuestion = (typeof EVALUATION_QUESTIONS)[number];
export const EVALUATION_COMMENT_MAX = 1000;

/** Ratings `r-<key>` 1–5 and an optional `comment`, as a form or JSON sends them. */
export function checkEvaluation(input: Readonly<Record<string, unknown>>) {
  const errors: Record<string, string> = {};
  const ratings: Record<string, number> = {};
  for (const key of EVALUATION_QUESTIONS) {
    const raw = input[`r-${key}`];
    const n =
      typeof raw === "number" ? raw : typeof raw === "string" && raw !== "" ? Number(raw) : NaN;
    if (raw === undefined || raw === null || raw === "")
      errors[`r-${key}`] = "errors.evaluationRatingRequired";
    else if (!Number.isInteger(n) || n < 1 || n > 5)
      errors[`r-${key}`] = "errors.evaluationRatingRange";
    else ratings[key] = n;
  }
  const rawComment = input.comment;
  const comment = typeof rawComment === "string" ? rawComment.trim().replace(/\r\n/g, "\n") : "";
  if (rawComment !== undefined && rawComment !== null && typeof rawComment !== "string") {
    errors.comment = "errors.invalid";
  } else if (comment.length > EVALUATION_COMMENT_MAX) {
    errors.comment = "errors.evaluationCommentTooLong";
  }
  return { ratings, comment, errors };
}
