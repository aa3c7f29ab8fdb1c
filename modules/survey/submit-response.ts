import { eq, sql } from "drizzle-orm";
import { hashToken } from "../../platform/crypto.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, type FieldErrors } from "../../platform/errors.ts";
import { warsawToday } from "./cycle-common.ts";
import { allItems, type Instrument, OPEN_ANSWER_MAX_LENGTH } from "./instrument.ts";
import { normalizePaperCode } from "./paper-codes.ts";
import {
  surveyComment,
  surveyCycle,
  surveyInstrument,
  surveyPaperCode,
  surveyParticipation,
  surveyResponse,
} from "./schema.ts";
import {
  type AnswerError,
  type AnswerValue,
  pruneAnswers,
  scoreResponse,
  validateAnswers,
} from "./scoring.ts";

const unknownToken = () => new AppError("not_found", { token: "errors.surveyTokenUnknown" });

/** The message key for an answer error: `answer.tooLong` → `errors.surveyAnswer.tooLong`. */
export function answerErrorKey(error: AnswerError): string {
  if (error.code === "answers.notAnObject") return "errors.surveyAnswers.notAnObject";
  // The usual limit is the ceiling of 2000, which the message names; an item may set less.
  if (error.code === "answer.tooLong" && (error.params?.max ?? 0) < OPEN_ANSWER_MAX_LENGTH) {
    return "errors.surveyAnswer.tooLongForItem";
  }
  return `errors.surveyAnswer.${error.code.slice("answer.".length)}`;
}

/** One field error per item, keyed by item id ("answers" when the answers are no object). */
export function answerFieldErrors(errors: AnswerError[]): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) out[e.itemId || "answers"] ??= answerErrorKey(e);
  return out;
}

// Instrument versions never change, so a definition once read is good for the process's life.
const definitions = new Map<string, Instrument>();
async function definitionOf(q: Queryable, instrumentId: string): Promise<Instrument> {
  const cached = definitions.get(instrumentId);
  if (cached) return cached;
  const [row] = await q
    .select({ definition: surveyInstrument.definition })
    .from(surveyInstrument)
    .where(eq(surveyInstrument.id, instrumentId));
  if (definitions.size >= 100) definitions.clear();
  definitions.set(instrumentId, row.definition);
  return row.definition;
}

type Holder = {
  kind: "participation" | "paper";
  id: string;
  cycleId: string;
  unitId: string | null;
  staffGroupId: string | null;
  spentOn: string | null;
};

/** The participation or paper code behind a token, locked until the transaction ends. */
async function lockHolder(q: Queryable, token: string): Promise<Holder | null> {
  const [p] = await q
    .select({
      id: surveyParticipation.id,
      cycleId: surveyParticipation.cycleId,
      unitId: surveyParticipation.unitId,
      staffGroupId: surveyParticipation.staffGroupId,
      spentOn: surveyParticipation.answeredOn,
    })
    .from(surveyParticipation)
    .where(eq(surveyParticipation.tokenHash, hashToken(token)))
    .for("update");
  if (p) return { kind: "participation", ...p };
  const code = normalizePaperCode(token);
  if (!code) return null;
  const [c] = await q
    .select({
      id: surveyPaperCode.id,
      cycleId: surveyPaperCode.cycleId,
      unitId: surveyPaperCode.unitId,
      staffGroupId: surveyPaperCode.staffGroupId,
      spentOn: surveyPaperCode.usedOn,
    })
    .from(surveyPaperCode)
    .where(eq(surveyPaperCode.tokenHash, hashToken(code)))
    .for("update");
  return c ? { kind: "paper", ...c } : null;
}

/**
 * Stores one anonymous response — public: the token (a personal link's or a paper code) is the
 * only credential. All in one transaction, so the token is spent if and only if the response
 * is stored:
 *
 * 1. the participation or paper code is found by the token's hash and locked (FOR UPDATE), so
 *    the same token posted twice at once is handled one after the other;
 * 2. an unknown token (or one of another cycle than `expect.cycleId`) is `not_found`, a spent
 *    one `conflict` ("errors.surveyAlreadyAnswered"), a cycle not yet open `conflict`
 *    ("errors.surveyNotOpenYet"), a closed or ended one `gone` ("errors.surveyClosed");
 * 3. the answers are validated against the cycle's instrument: `validation` with one message
 *    key per item id, and nothing written;
 * 4. the response (closed answers of visible items, and the scale scores) is stored with the
 *    unit and staff group of the token and the day only; open answers go to `survey_comment`,
 *    as plain text, unlinked to the response; the token is marked spent with the same day.
 *
 * Nothing written carries the token, the participation, the time of day or the request.
 */
export async function submitResponse(
  token: unknown,
  answers: unknown,
  expect: { cycleId?: string } = {},
): Promise<void> {
  if (typeof token !== "string" || token.length === 0 || token.length > 200) {
    throw unknownToken();
  }
  await db().transaction(async (tx) => {
    const holder = await lockHolder(tx, token);
    if (!holder || (expect.cycleId !== undefined && holder.cycleId !== expect.cycleId)) {
      throw unknownToken();
    }
    if (holder.spentOn !== null) {
      throw new AppError("conflict", { token: "errors.surveyAlreadyAnswered" });
    }
    // KEY SHARE: many submissions share it, and closing the cycle (FOR UPDATE) waits for them;
    // a submission arriving during a close waits and then reads the cycle as closed.
    const [cycle] = await tx
      .select({
        status: surveyCycle.status,
        instrumentId: surveyCycle.instrumentId,
        started: sql<boolean>`${surveyCycle.opensAt} <= now()`,
        ended: sql<boolean>`${surveyCycle.closesAt} <= now()`,
      })
      .from(surveyCycle)
      .where(eq(surveyCycle.id, holder.cycleId))
      .for("key share");
    if (cycle.status === "closed" || cycle.ended) {
      throw new AppError("gone", { token: "errors.surveyClosed" });
    }
    if (cycle.status !== "open" || !cycle.started) {
      throw new AppError("conflict", { token: "errors.surveyNotOpenYet" });
    }
    const instrument = await definitionOf(tx, cycle.instrumentId);
    const errors = validateAnswers(instrument, answers);
    if (errors.length > 0) throw new AppError("validation", answerFieldErrors(errors));

    const kept = pruneAnswers(instrument, answers as Record<string, AnswerValue>);
    const kinds = new Map(allItems(instrument).map(({ item }) => [item.id, item.kind]));
    const closed: Record<string, AnswerValue> = {};
    const open: { itemId: string; text: string }[] = [];
    for (const [itemId, value] of Object.entries(kept)) {
      if (kinds.get(itemId) === "text") open.push({ itemId, text: value as string });
      else closed[itemId] = value;
    }
    const where = {
      cycleId: holder.cycleId,
      unitId: holder.unitId,
      staffGroupId: holder.staffGroupId,
    };
    await tx.insert(surveyResponse).values({
      ...where,
      answeredOn: warsawToday,
      answers: closed,
      scores: scoreResponse(instrument, kept),
    });
    if (open.length > 0) {
      await tx.insert(surveyComment).values(open.map((o) => ({ ...where, ...o })));
    }
    // The row is locked and was unspent; the condition only guards against a future change
    // that drops the lock.
    const spent =
      holder.kind === "participation"
        ? await tx
            .update(surveyParticipation)
            .set({ answeredOn: warsawToday })
            .where(
              sql`${surveyParticipation.id} = ${holder.id} and ${surveyParticipation.answeredOn} is null`,
            )
            .returning({ id: surveyParticipation.id })
        : await tx
            .update(surveyPaperCode)
            .set({ usedOn: warsawToday })
            .where(sql`${surveyPaperCode.id} = ${holder.id} and ${surveyPaperCode.usedOn} is null`)
            .returning({ id: surveyPaperCode.id });
    if (spent.length !== 1) {
      throw new AppError("conflict", { token: "errors.surveyAlreadyAnswered" });
    }
  });
}
