/**
 * Knowledge tests, pure: how an answer sheet is checked and scored, and the figures of the
 * competence check (pre and post per cent, gain in percentage points, competence acquired).
 * No I/O: the services and the pages use exactly these rules.
 */
import type { QuestionKind, QuestionOption } from "./schema.ts";

// Limits of the question bank (shared with the forms, which show them).
export const MAX_QUESTION_TEXT = 1000;
export const MAX_OPTION_TEXT = 500;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
export const MAX_QUESTIONS = 50;
export const MAX_OUTCOMES_TEXT = 4000;

export type ScoredQuestion = { id: string; kind: QuestionKind; options: QuestionOption[] };

/** Chosen option ids by question id. */
export type AnswerSheet = Record<string, string[]>;

/**
 * One point for a right answer: a single-choice question is right when the one chosen option is
 * the correct one; a multiple-choice question only when exactly the correct set is chosen (no
 * partial credit — a guess at every box must not score).
 */
export function isRight(q: ScoredQuestion, chosen: readonly string[]): boolean {
  const correct = q.options.filter((o) => o.correct).map((o) => o.id);
  const picked = [...new Set(chosen)];
  if (q.kind === "single") return picked.length === 1 && correct.includes(picked[0]);
  return picked.length === correct.length && picked.every((id) => correct.includes(id));
}

export function scoreSheet(
  questions: readonly ScoredQuestion[],
  answers: AnswerSheet,
): { score: number; maxScore: number } {
  let score = 0;
  for (const q of questions) {
    if (isRight(q, Object.hasOwn(answers, q.id) ? answers[q.id] : [])) score++;
  }
  return { score, maxScore: questions.length };
}

/** The form field (and field-error key) of a question's answer. */
export const answerField = (questionId: string) => `q-${questionId}`;

/**
 * Reads a submitted sheet: every question must be answered, a single-choice question with one
 * option, and only with the question's own options. Returns the answers it could read (kept in
 * the form when there are errors) and an error message key per question field.
 */
export function checkSheet(
  questions: readonly ScoredQuestion[],
  raw: Readonly<Record<string, unknown>>,
): { answers: AnswerSheet; errors: Record<string, string> } {
  const answers: AnswerSheet = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const field = answerField(q.id);
    const value = Object.hasOwn(raw, q.id) ? raw[q.id] : undefined;
    const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
      (v): v is string => typeof v === "string" && v !== "",
    );
    const chosen = [...new Set(list)];
    const known = new Set(q.options.map((o) => o.id));
    answers[q.id] = chosen.filter((id) => known.has(id));
    if (chosen.length === 0) errors[field] = "errors.testAnswerRequired";
    else if (chosen.some((id) => !known.has(id))) errors[field] = "errors.testAnswerInvalid";
    else if (q.kind === "single" && chosen.length > 1) errors[field] = "errors.testAnswerOne";
  }
  return { answers, errors };
}

/** A score as a per cent of the maximum (unrounded: rounding is for display). */
export function percentOf(score: number, maxScore: number): number {
  return maxScore > 0 ? (score * 100) / maxScore : 0;
}

/**
 * Competence acquired: the post-test reaches the pass threshold (the standard). Compared in
 * integers, so 3 of 5 against 60 % is exactly a pass. Null when there is no post-test or no
 * threshold to judge by.
 */
export function competenceAcquired(
  post: { score: number; maxScore: number } | null,
  thresholdPercent: number | null,
): boolean | null {
  if (!post || thresholdPercent === null || post.maxScore <= 0) return null;
  return post.score * 100 >= thresholdPercent * post.maxScore;
}

export type ParticipantFigures = {
  pre: { score: number; maxScore: number } | null;
  post: { score: number; maxScore: number } | null;
};

export type ParticipantResult = {
  prePercent: number | null;
  postPercent: number | null;
  /** Post − pre, in percentage points; only with both tests. */
  gainPoints: number | null;
  acquired: boolean | null;
};

export function participantResult(p: ParticipantFigures, threshold: number | null) {
  const prePercent = p.pre ? percentOf(p.pre.score, p.pre.maxScore) : null;
  const postPercent = p.post ? percentOf(p.post.score, p.post.maxScore) : null;
  return {
    prePercent,
    postPercent,
    gainPoints: prePercent !== null && postPercent !== null ? postPercent - prePercent : null,
    acquired: competenceAcquired(p.post, threshold),
  } satisfies ParticipantResult;
}

export type ResultSummary = {
  /** Participants with both tests: the means below are over them (a paired comparison). */
  paired: number;
  meanPre: number | null;
  meanPost: number | null;
  meanGain: number | null;
  /** Participants with a post-test, and how many of them reached the threshold. */
  withPost: number;
  acquired: number;
  /** acquired ÷ withPost, 0–1; null without post-tests or without a threshold. */
  shareAcquired: number | null;
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function summarise(
  rows: readonly ParticipantResult[],
  hasThreshold: boolean,
): ResultSummary {
  const paired = rows.filter((r) => r.prePercent !== null && r.postPercent !== null);
  const withPost = rows.filter((r) => r.postPercent !== null);
  const acquired = withPost.filter((r) => r.acquired === true).length;
  return {
    paired: paired.length,
    meanPre: mean(paired.map((r) => r.prePercent!)),
    meanPost: mean(paired.map((r) => r.postPercent!)),
    meanGain: mean(paired.map((r) => r.gainPoints!)),
    withPost: withPost.length,
    acquired,
    shareAcquired: hasThreshold && withPost.length ? acquired / withPost.length : null,
  };
}

/** "66,7" / "66.7": a per cent or percentage points with at most one decimal. */
export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "pl-PL", {
    maximumFractionDigits: 1,
  }).format(Math.round(value * 10) / 10);
}

/** A gain with its sign: "+33,3", "−10", "0". */
export function formatGain(value: number, locale: string): string {
  const rounded = Math.round(value * 10) / 10;
  const text = formatPercent(Math.abs(rounded), locale);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}
