import { eq, sql } from "drizzle-orm";
import type pg from "pg";
import { hashToken } from "../../platform/crypto.ts";
import { database, db, type Queryable } from "../../platform/db.ts";
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
  type ScaleScore,
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
export async function definitionOf(q: Queryable, instrumentId: string): Promise<Instrument> {
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

export type Holder = {
  kind: "participation" | "paper";
  id: string;
  cycleId: string;
  unitId: string | null;
  staffGroupId: string | null;
  spentOn: string | null;
};

/**
 * The participation or paper code behind a token (a personal link's or a typed paper code),
 * locked until the transaction ends unless `lock` is false (reading for a page).
 */
export async function findHolder(q: Queryable, token: string, lock = true): Promise<Holder | null> {
  if (token.length === 0 || token.length > 200) return null;
  const byParticipation = q
    .select({
      id: surveyParticipation.id,
      cycleId: surveyParticipation.cycleId,
      unitId: surveyParticipation.unitId,
      staffGroupId: surveyParticipation.staffGroupId,
      spentOn: surveyParticipation.answeredOn,
    })
    .from(surveyParticipation)
    .where(eq(surveyParticipation.tokenHash, hashToken(token)));
  const [p] = lock ? await byParticipation.for("update") : await byParticipation;
  if (p) return { kind: "participation", ...p };
  const code = normalizePaperCode(token);
  if (!code) return null;
  const byCode = q
    .select({
      id: surveyPaperCode.id,
      cycleId: surveyPaperCode.cycleId,
      unitId: surveyPaperCode.unitId,
      staffGroupId: surveyPaperCode.staffGroupId,
      spentOn: surveyPaperCode.usedOn,
    })
    .from(surveyPaperCode)
    .where(eq(surveyPaperCode.tokenHash, hashToken(code)));
  const [c] = lock ? await byCode.for("update") : await byCode;
  return c ? { kind: "paper", ...c } : null;
}

/**
 * The cycle a response is for, read FOR KEY SHARE: many submissions share the lock, and
 * closing the cycle (FOR UPDATE) waits for them, so a submission arriving during a close waits
 * and then reads the cycle as closed. A closed or ended cycle is `gone` ("errors.surveyClosed"),
 * one not yet open `conflict` ("errors.surveyNotOpenYet"). Returns the cycle's instrument.
 */
export async function cycleAcceptingAnswers(q: Queryable, cycleId: string): Promise<Instrument> {
  const [cycle] = await q
    .select({
      status: surveyCycle.status,
      instrumentId: surveyCycle.instrumentId,
      started: sql<boolean>`${surveyCycle.opensAt} <= now()`,
      ended: sql<boolean>`${surveyCycle.closesAt} <= now()`,
    })
    .from(surveyCycle)
    .where(eq(surveyCycle.id, cycleId))
    .for("key share");
  if (!cycle || cycle.status === "closed" || cycle.ended) {
    throw new AppError("gone", { token: "errors.surveyClosed" });
  }
  if (cycle.status !== "open" || !cycle.started) {
    throw new AppError("conflict", { token: "errors.surveyNotOpenYet" });
  }
  return definitionOf(q, cycle.instrumentId);
}

/** A checked response, split into what `survey_response` and `survey_comment` hold. */
export type PreparedResponse = {
  closed: Record<string, AnswerValue>;
  scores: Record<string, ScaleScore>;
  open: { itemId: string; text: string }[];
};

/**
 * Validates answers against the instrument (`validation` with a message key per item id) and
 * keeps those of visible items: closed answers with the scale scores, open answers apart.
 */
export function prepareResponse(instrument: Instrument, answers: unknown): PreparedResponse {
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
  return { closed, scores: scoreResponse(instrument, kept), open };
}

/**
 * Stores a prepared response for a unit and staff group (either may be null) with the day only;
 * the open answers go to `survey_comment` as plain text, unlinked to the response.
 */
export async function writeResponse(
  q: Queryable,
  where: { cycleId: string; unitId: string | null; staffGroupId: string | null },
  prepared: PreparedResponse,
): Promise<void> {
  await q.insert(surveyResponse).values({
    ...where,
    answeredOn: warsawToday,
    answers: prepared.closed,
    scores: prepared.scores,
  });
  if (prepared.open.length > 0) {
    await q.insert(surveyComment).values(prepared.open.map((o) => ({ ...where, ...o })));
  }
}

/** A token's holder with its cycle's state, as one read without locks sees them. */
type TokenState = {
  kind: "participation" | "paper";
  /** The hash the row was found by. */
  hash: string;
  id: string;
  cycleId: string;
  unitId: string | null;
  staffGroupId: string | null;
  spent: boolean;
  status: string;
  instrumentId: string;
  started: boolean;
  ended: boolean;
};

/**
 * Runs one statement of the submit path. On PostgreSQL it is a named prepared statement, parsed
 * and planned once per connection and run on the pool Drizzle wraps (`$client`): a whole centre
 * answering at once is the load this path is built for, and this halved the database's CPU time
 * per submission.
 */
async function run<T>(name: string, text: string, values: unknown[]): Promise<T[]> {
  const d = database();
  if (d.kind === "postgres") {
    const pool = (d.db as unknown as { $client: pg.Pool }).$client;
    return (await pool.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  }
  return (await d.raw(text, values)).rows as T[];
}

const stateOf = (table: string, spentColumn: string) => `
  select t.id, t.cycle_id as "cycleId", t.unit_id as "unitId", t.staff_group_id as "staffGroupId",
         t.${spentColumn} is not null as spent, c.status, c.instrument_id as "instrumentId",
         c.opens_at <= now() as started, c.closes_at <= now() as ended
  from ${table} t join survey_cycle c on c.id = t.cycle_id
  where t.token_hash = $1`;
const PARTICIPATION_STATE = stateOf("survey_participation", "answered_on");
const PAPER_CODE_STATE = stateOf("survey_paper_code", "used_on");

/** The participation or paper code behind a token, with its cycle: one query, two for a code. */
async function tokenState(token: string): Promise<TokenState | null> {
  type Row = Omit<TokenState, "kind" | "hash">;
  const hash = hashToken(token);
  const [p] = await run<Row>("survey_participation_state", PARTICIPATION_STATE, [hash]);
  if (p) return { kind: "participation", hash, ...p };
  const code = normalizePaperCode(token);
  if (!code) return null;
  const codeHash = hashToken(code);
  const [c] = await run<Row>("survey_paper_code_state", PAPER_CODE_STATE, [codeHash]);
  return c ? { kind: "paper", hash: codeHash, ...c } : null;
}

/**
 * The write of a submission, one statement: the cycle locked FOR KEY SHARE while still open,
 * the token marked spent while still unspent and still this token (a reminder gives a new link
 * and retires the old one), and only then the response and its open answers.
 * $1 cycle, $2 holder, $3 unit, $4 staff group, $5 answers, $6 scores, $7 open answers,
 * $8 the token's hash.
 */
const writeOf = (table: string, spentColumn: string) => `
  with open_cycle as (
    select id from survey_cycle
    where id = $1 and status = 'open' and opens_at <= now() and closes_at > now()
    for key share
  ), spent as (
    update ${table} set ${spentColumn} = (now() at time zone 'Europe/Warsaw')::date
    where id = $2 and token_hash = $8 and ${spentColumn} is null
      and exists (select 1 from open_cycle)
    returning 1
  ), response as (
    insert into survey_response (cycle_id, unit_id, staff_group_id, answered_on, answers, scores)
    select $1, $3, $4, (now() at time zone 'Europe/Warsaw')::date, $5::jsonb, $6::jsonb
    from spent
  ), comments as (
    insert into survey_comment (cycle_id, unit_id, staff_group_id, item_id, text)
    select $1, $3, $4, o."itemId", o."text"
    from spent, jsonb_to_recordset($7::jsonb) as o("itemId" text, "text" text)
  )
  select count(*)::int as spent from spent`;
const PARTICIPATION_WRITE = writeOf("survey_participation", "answered_on");
const PAPER_CODE_WRITE = writeOf("survey_paper_code", "used_on");

/** Why a token cannot be answered now, in the order a respondent needs to hear it; or null. */
function refusal(state: TokenState | null, expect: { cycleId?: string }): AppError | null {
  if (!state || (expect.cycleId !== undefined && state.cycleId !== expect.cycleId)) {
    return unknownToken();
  }
  if (state.spent) {
    return new AppError("conflict", { token: "errors.surveyAlreadyAnswered" });
  }
  if (state.status === "closed" || state.ended) {
    return new AppError("gone", { token: "errors.surveyClosed" });
  }
  if (state.status !== "open" || !state.started) {
    return new AppError("conflict", { token: "errors.surveyNotOpenYet" });
  }
  return null;
}

/**
 * Stores one anonymous response — public: the token (a personal link's or a paper code) is the
 * only credential. The token is spent if and only if the response is stored:
 *
 * 1. the token's participation or paper code and its cycle are read (no lock): an unknown token
 *    (or one of another cycle than `expect.cycleId`) is `not_found`, a spent one `conflict`
 *    ("errors.surveyAlreadyAnswered"), a cycle not yet open `conflict`
 *    ("errors.surveyNotOpenYet"), a closed or ended one `gone` ("errors.surveyClosed");
 * 2. the answers are validated against the cycle's instrument: `validation` with one message
 *    key per item id, and nothing written;
 * 3. one statement — so one transaction — locks the cycle FOR KEY SHARE while it is still
 *    open (closing the cycle, FOR UPDATE, waits for submissions in flight; a submission that
 *    comes after a close sees it closed), marks the token spent if it is still unspent (a row
 *    lock: the same token posted twice at once is handled one after the other, and the second
 *    finds it spent), and only for a token it marked stores the response (closed answers of
 *    visible items and the scale scores, with the token's unit and staff group and the day
 *    only) and the open answers in `survey_comment`, as plain text, unlinked to the response.
 *    When it marks nothing, the token is read again to say why.
 *
 * Two round trips to the database for the usual submission (npm run bench -- survey-submit).
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
  const state = await tokenState(token);
  const refused = refusal(state, expect);
  if (refused || !state) throw refused;
  const prepared = prepareResponse(await definitionOf(db(), state.instrumentId), answers);
  const [row] = await run<{ spent: number }>(
    state.kind === "participation" ? "survey_participation_write" : "survey_paper_code_write",
    state.kind === "participation" ? PARTICIPATION_WRITE : PAPER_CODE_WRITE,
    [
      state.cycleId,
      state.id,
      state.unitId,
      state.staffGroupId,
      JSON.stringify(prepared.closed),
      JSON.stringify(prepared.scores),
      JSON.stringify(prepared.open),
      state.hash,
    ],
  );
  if (row?.spent === 1) return;
  // Nothing was written: since it was read, the token was spent or replaced by a reminder's,
  // or the cycle closed.
  throw (
    refusal(await tokenState(token), expect) ??
    new AppError("conflict", { token: "errors.surveyAlreadyAnswered" })
  );
}
