// The question bank of an activity's knowledge test, its learning outcomes and pass threshold:
// the scope and the standard of the competence check. Editable by whoever runs the programme
// until the first session starts; the questions also as soon as anyone has taken the test, so
// the pre- and post-test always ask the same questions.
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, type FieldErrors, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { type ActivityRow, findActivity, sessionsOf } from "./find-activity.ts";
import {
  programmeActivity,
  programmeTestAttempt,
  programmeTestQuestion,
  QUESTION_KINDS,
  type QuestionKind,
  type QuestionOption,
} from "./schema.ts";
import {
  MAX_OPTION_TEXT,
  MAX_OPTIONS,
  MAX_OUTCOMES_TEXT,
  MAX_QUESTION_TEXT,
  MAX_QUESTIONS,
  MIN_OPTIONS,
} from "./test-scoring.ts";
import { bankLocked } from "./test-window.ts";

export type QuestionRow = typeof programmeTestQuestion.$inferSelect;
export type QuestionValue = { kind: QuestionKind; text: string; options: QuestionOption[] };

/** A question as typed: option slots in form order, empty slots allowed (they are dropped). */
export type QuestionInput = {
  kind?: unknown;
  text?: unknown;
  options?: { id?: unknown; text?: unknown; correct?: unknown }[];
};

const str = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const truthy = (v: unknown) => v === true || v === "on" || v === "true";
const optionId = () => randomBytes(6).toString("base64url");

/**
 * Checks a question (pure). Errors are keyed `kind`, `text`, `options` (the set: how many, which
 * are correct) and `option<N>` for the N-th slot as typed.
 */
export function checkQuestion(input: QuestionInput): { value: QuestionValue; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = (QUESTION_KINDS as readonly unknown[]).includes(input.kind)
    ? (input.kind as QuestionKind)
    : null;
  if (!kind) errors.kind = "errors.invalid";
  const text = str(input.text);
  if (!text) errors.text = "errors.required";
  else if (text.length > MAX_QUESTION_TEXT) errors.text = "errors.testQuestionTooLong";
  const slots = Array.isArray(input.options) ? input.options : [];
  const options: QuestionOption[] = [];
  const seenTexts = new Set<string>();
  const seenIds = new Set<string>();
  slots.forEach((slot, i) => {
    const field = `option${i + 1}`;
    const t = str(slot?.text);
    const correct = truthy(slot?.correct);
    if (!t) {
      if (correct) errors[field] = "errors.testOptionEmptyCorrect";
      return;
    }
    if (t.length > MAX_OPTION_TEXT) errors[field] = "errors.testOptionTooLong";
    else if (seenTexts.has(t.toLowerCase())) errors[field] = "errors.testOptionDuplicate";
    seenTexts.add(t.toLowerCase());
    const given = str(slot?.id);
    const id = /^[\w-]{1,24}$/.test(given) && !seenIds.has(given) ? given : optionId();
    seenIds.add(id);
    options.push({ id, text: t, correct });
  });
  if (slots.length > MAX_OPTIONS || options.length < MIN_OPTIONS || options.length > MAX_OPTIONS) {
    errors.options = "errors.testOptionsCount";
  } else if (kind === "single" && options.filter((o) => o.correct).length !== 1) {
    errors.options = "errors.testSingleOneCorrect";
  } else if (kind === "multiple" && !options.some((o) => o.correct)) {
    errors.options = "errors.testMultipleSomeCorrect";
  }
  return { value: { kind: kind ?? "single", text, options }, errors };
}

/** The form's fields (`kind`, `text`, `option1…8`, `correct1…8`, `optionId1…8`) as a question. */
export function questionFromForm(values: Record<string, string>): QuestionInput {
  return {
    kind: values.kind,
    text: values.text,
    options: Array.from({ length: MAX_OPTIONS }, (_, i) => ({
      id: values[`optionId${i + 1}`],
      text: values[`option${i + 1}`],
      correct: values[`correct${i + 1}`],
    })),
  };
}

export function checkStandard(input: {
  learningOutcomes?: unknown;
  passThresholdPercent?: unknown;
}): {
  value: { learningOutcomes: string; passThresholdPercent: number | null };
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const learningOutcomes = str(input.learningOutcomes).replace(/\r\n/g, "\n");
  if (learningOutcomes.length > MAX_OUTCOMES_TEXT) errors.learningOutcomes = "errors.tooLong";
  const raw = input.passThresholdPercent;
  let passThresholdPercent: number | null = null;
  if (raw !== undefined && raw !== null && str(String(raw)) !== "") {
    const n = Number(str(String(raw)));
    if (Number.isInteger(n) && n >= 1 && n <= 100) passThresholdPercent = n;
    else errors.passThresholdPercent = "errors.testThreshold";
  }
  return { value: { learningOutcomes, passThresholdPercent }, errors };
}

export async function questionsOf(q: Queryable, activityId: string): Promise<QuestionRow[]> {
  return q
    .select()
    .from(programmeTestQuestion)
    .where(eq(programmeTestQuestion.activityId, activityId))
    .orderBy(asc(programmeTestQuestion.sortOrder), asc(programmeTestQuestion.id));
}

async function attemptCount(q: Queryable, activityId: string): Promise<number> {
  const [r] = await q
    .select({ n: count() })
    .from(programmeTestAttempt)
    .where(eq(programmeTestAttempt.activityId, activityId));
  return r.n;
}

export type BankLock = {
  /** The first session has started: nothing of the test may change. */
  started: boolean;
  /** Someone has taken the test: its questions may no longer change. */
  answered: boolean;
};

async function lockOf(q: Queryable, activityId: string, now: Date): Promise<BankLock> {
  // In turn, not Promise.all: `q` may be the editing transaction (one query at a time).
  const sessions = await sessionsOf(q, activityId);
  const attempts = await attemptCount(q, activityId);
  return { started: bankLocked(sessions, now), answered: attempts > 0 };
}

/** The bank with the correct answers, for whoever runs the programme. */
export async function testBank(actor: Actor, activityId: string) {
  requirePermission(actor, "programme.manage");
  const activity = await findActivity(db(), actor, activityId);
  const [questions, lock] = await Promise.all([
    questionsOf(db(), activity.id),
    lockOf(db(), activity.id, new Date()),
  ]);
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      status: activity.status,
      learningOutcomes: activity.learningOutcomes,
      passThresholdPercent: activity.passThresholdPercent,
    },
    questions: questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, options: q.options })),
    lock,
  };
}

/**
 * The activity row locked for the change, and what the lock forbids. A submission of the test
 * holds a KEY SHARE lock on the same row, so a question cannot change under a sheet being scored.
 */
async function lockForChange(
  tx: Queryable,
  actor: Actor,
  activityId: string,
  what: "questions" | "standard",
): Promise<ActivityRow> {
  if (!isUuid(activityId)) throw notFound();
  const [activity] = await tx
    .select()
    .from(programmeActivity)
    .where(
      and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
    )
    .for("update");
  if (!activity) throw notFound();
  const lock = await lockOf(tx, activity.id, new Date());
  if (lock.started) throw new AppError("conflict", { _form: "errors.testBankLocked" });
  if (what === "questions" && lock.answered) {
    throw new AppError("conflict", { _form: "errors.testBankAnswered" });
  }
  return activity;
}

function audit(actor: Actor, action: string, entityId: string, details: Record<string, unknown>) {
  return {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action,
    entityType: "programme_activity",
    entityId,
    details,
    requestId: actor.requestId,
  };
}

/** Adds (questionId null) or changes a question; returns its id. */
export async function saveTestQuestion(
  actor: Actor,
  activityId: string,
  questionId: string | null,
  input: QuestionInput,
): Promise<string> {
  requirePermission(actor, "programme.manage");
  if (questionId !== null && !isUuid(questionId)) throw notFound();
  const { value, errors } = checkQuestion(input);
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  return db().transaction(async (tx) => {
    const activity = await lockForChange(tx, actor, activityId, "questions");
    let id = questionId;
    if (id) {
      const [row] = await tx
        .update(programmeTestQuestion)
        .set(value)
        .where(
          and(eq(programmeTestQuestion.id, id), eq(programmeTestQuestion.activityId, activity.id)),
        )
        .returning({ id: programmeTestQuestion.id });
      if (!row) throw notFound();
    } else {
      const [{ n, last }] = await tx
        .select({
          n: count(),
          last: sql<number>`coalesce(max(${programmeTestQuestion.sortOrder}), 0)`,
        })
        .from(programmeTestQuestion)
        .where(eq(programmeTestQuestion.activityId, activity.id));
      if (n >= MAX_QUESTIONS)
        throw new AppError("validation", { _form: "errors.testTooManyQuestions" });
      const [row] = await tx
        .insert(programmeTestQuestion)
        .values({
          ...value,
          centreId: actor.centreId,
          activityId: activity.id,
          sortOrder: Number(last) + 10,
        })
        .returning({ id: programmeTestQuestion.id });
      id = row.id;
    }
    await writeAudit(
      tx,
      audit(
        actor,
        questionId ? "programme.test.question.update" : "programme.test.question.create",
        activity.id,
        {
          questionId: id,
        },
      ),
    );
    return id;
  });
}

export async function deleteTestQuestion(
  actor: Actor,
  activityId: string,
  questionId: string,
): Promise<void> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(questionId)) throw notFound();
  await db().transaction(async (tx) => {
    const activity = await lockForChange(tx, actor, activityId, "questions");
    const [row] = await tx
      .delete(programmeTestQuestion)
      .where(
        and(
          eq(programmeTestQuestion.id, questionId),
          eq(programmeTestQuestion.activityId, activity.id),
        ),
      )
      .returning({ id: programmeTestQuestion.id });
    if (!row) throw notFound();
    await writeAudit(
      tx,
      audit(actor, "programme.test.question.delete", activity.id, { questionId }),
    );
  });
}

/** Moves a question one place up or down (swapping with its neighbour). */
export async function moveTestQuestion(
  actor: Actor,
  activityId: string,
  questionId: string,
  direction: "up" | "down",
): Promise<void> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(questionId)) throw notFound();
  await db().transaction(async (tx) => {
    const activity = await lockForChange(tx, actor, activityId, "questions");
    const list = await questionsOf(tx, activity.id);
    const i = list.findIndex((q) => q.id === questionId);
    if (i < 0) throw notFound();
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    // Renumbered in steps of ten, which also mends equal sort orders left by anything else.
    for (const [k, q] of list.entries()) {
      if (q.sortOrder !== (k + 1) * 10) {
        await tx
          .update(programmeTestQuestion)
          .set({ sortOrder: (k + 1) * 10 })
          .where(eq(programmeTestQuestion.id, q.id));
      }
    }
    await writeAudit(
      tx,
      audit(actor, "programme.test.question.move", activity.id, { questionId, direction }),
    );
  });
}

/** The learning outcomes (scope) and the pass threshold in per cent (standard). */
export async function saveTestStandard(
  actor: Actor,
  activityId: string,
  input: { learningOutcomes?: unknown; passThresholdPercent?: unknown },
): Promise<void> {
  requirePermission(actor, "programme.manage");
  const { value, errors } = checkStandard(input);
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  await db().transaction(async (tx) => {
    const activity = await lockForChange(tx, actor, activityId, "standard");
    await tx
      .update(programmeActivity)
      .set({ ...value, updatedAt: new Date() })
      .where(eq(programmeActivity.id, activity.id));
    await writeAudit(
      tx,
      audit(actor, "programme.test.standard.update", activity.id, {
        fields: ["learningOutcomes", "passThresholdPercent"],
      }),
    );
  });
}
