import { and, asc, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { orgUnit } from "../org/schema.ts";
import { allItems, OPEN_ANSWER_MAX_LENGTH } from "./instrument.ts";
import { commentPublication } from "./result-comments.ts";
import { surveyComment, surveyCycle, surveyInstrument } from "./schema.ts";
import { unitKey } from "./suppression.ts";

/**
 * The review of open answers. A comment is one of three things:
 * - pending: `reviewed` false — never published;
 * - approved: `reviewed` true and `redacted_text` the text to publish (the original as it was,
 *   or with names, places and case numbers removed) — never empty;
 * - excluded: `reviewed` true and `redacted_text` '' — never published.
 * Results publish `redacted_text` of approved comments only, and only for groups at or above
 * the cycle's comment threshold. The original `text` is never changed.
 */
export type CommentState = "pending" | "approved" | "excluded";
export const COMMENT_FILTERS = ["pending", "approved", "excluded", "all"] as const;

const stateOf = sql<CommentState>`case when not ${surveyComment.reviewed} then 'pending' when ${surveyComment.redactedText} = '' then 'excluded' else 'approved' end`;

/**
 * Replaces every run of digits (with the separators of case numbers, dates, phone and PESEL
 * numbers: spaces, dots, slashes, dashes) by "[…]", the Polish editorial mark for an omission.
 * An aid, not a guarantee: names and places still need a person's eye.
 */
export function maskDigits(text: string): string {
  return text.replace(/\d+(?:[ ./-]\d+)*/g, "[…]");
}

/**
 * Comments are reviewed once the cycle is closed. While it is open, a comment that appears
 * just after a colleague says "I just answered" is theirs, whatever order the list is in —
 * the same reason results wait for the close.
 */
async function closedCycle(actor: Actor, cycleId: string) {
  requirePermission(actor, "survey.manage");
  if (!isUuid(cycleId)) throw notFound();
  const [row] = await db()
    .select({
      id: surveyCycle.id,
      status: surveyCycle.status,
      minCommentGroupSize: surveyCycle.minCommentGroupSize,
      definition: surveyInstrument.definition,
    })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  if (!row) throw notFound();
  return row;
}

export const commentListQuery = z.object({
  item: z.string().max(64).optional().catch(undefined),
  state: z.enum(COMMENT_FILTERS).optional().catch("pending").default("pending"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).optional().catch(20).default(20),
});

/**
 * The open answers of a closed cycle for review, grouped by item in the instrument's order and,
 * within an item, in the order of their random ids — never in the order they arrived — and
 * without dates. A comment's unit is named only where the results could show that unit's
 * comments on the question (`commentPublication`: the comment threshold with complementary
 * suppression), so an unnamed comment cannot be placed by elimination; otherwise it says only
 * that its group is small.
 */
export async function listCommentsForReview(actor: Actor, cycleId: string, query: unknown) {
  const cycle = await closedCycle(actor, cycleId);
  const f = commentListQuery.parse(query ?? {});
  const items = allItems(cycle.definition)
    .filter(({ item }) => item.kind === "text")
    .map(({ item }) => ({ id: item.id, text: item.text }));
  if (cycle.status !== "closed") {
    return { cycleStatus: cycle.status, items, rows: [], total: 0, counts: null, ...f };
  }
  const itemIds = items.map((i) => i.id);
  const where: (SQL | undefined)[] = [eq(surveyComment.cycleId, cycle.id)];
  if (f.item && itemIds.includes(f.item)) where.push(eq(surveyComment.itemId, f.item));
  if (f.state !== "all") where.push(sql`${stateOf} = ${f.state}`);
  const cond = and(...where);
  const itemOrder =
    itemIds.length > 0
      ? sql`array_position(array[${sql.join(
          itemIds.map((i) => sql`${i}`),
          sql`, `,
        )}]::text[], ${surveyComment.itemId})`
      : sql`0`;
  const [rows, [{ total }], states, { published }] = await Promise.all([
    db()
      .select({
        id: surveyComment.id,
        itemId: surveyComment.itemId,
        text: surveyComment.text,
        redactedText: surveyComment.redactedText,
        state: stateOf,
        unitId: surveyComment.unitId,
        unitName: orgUnit.name,
      })
      .from(surveyComment)
      .leftJoin(orgUnit, eq(orgUnit.id, surveyComment.unitId))
      .where(cond)
      .orderBy(asc(itemOrder), asc(surveyComment.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(surveyComment).where(cond),
    db()
      .select({ state: stateOf, n: sql<number>`count(*)::int` })
      .from(surveyComment)
      .where(eq(surveyComment.cycleId, cycle.id))
      .groupBy(stateOf),
    commentPublication(actor.centreId, cycle.id, itemIds, cycle.minCommentGroupSize),
  ]);
  const counts = { pending: 0, approved: 0, excluded: 0 };
  for (const s of states) counts[s.state] = s.n;
  return {
    cycleStatus: cycle.status,
    minCommentGroupSize: cycle.minCommentGroupSize,
    items,
    rows: rows.map(({ unitId, unitName, ...r }) => ({
      ...r,
      unitName: unitId && published.get(r.itemId)?.has(unitKey(unitId)) ? unitName : null,
    })),
    total,
    counts,
    ...f,
  };
}

export const COMMENT_ACTIONS = ["approve", "mask", "exclude", "reopen"] as const;

const reviewFields = z.object({
  action: z.enum(COMMENT_ACTIONS, { error: "errors.invalid" }),
  text: z
    .string()
    .trim()
    .max(OPEN_ANSWER_MAX_LENGTH, "errors.surveyCommentTooLong")
    .optional()
    .default(""),
});

/**
 * One comment's review. `approve` publishes the text given (the coordinator's edit of the
 * original; an emptied text excludes the comment instead); `mask` stores the given text with its
 * digits masked and leaves the comment pending, to be read once more; `exclude` keeps it out of
 * the results; `reopen` makes it pending again. The audit log records that a comment was
 * reviewed and how — never its text.
 */
export async function reviewComment(
  actor: Actor,
  cycleId: string,
  commentId: string,
  input: unknown,
): Promise<{ state: CommentState; text: string | null }> {
  const cycle = await closedCycle(actor, cycleId);
  if (!isUuid(commentId)) throw notFound();
  const d = parseInput(reviewFields, input);
  if (cycle.status !== "closed") {
    throw new AppError("conflict", { _form: "errors.surveyCommentsWhenClosed" });
  }
  return db().transaction(async (tx) => {
    const [c] = await tx
      .select({ id: surveyComment.id, text: surveyComment.text })
      .from(surveyComment)
      .where(and(eq(surveyComment.id, commentId), eq(surveyComment.cycleId, cycle.id)))
      .for("update");
    if (!c) throw notFound();
    let set: { reviewed: boolean; redactedText: string | null };
    let state: CommentState;
    if (d.action === "approve" && d.text) {
      set = { reviewed: true, redactedText: d.text };
      state = "approved";
    } else if (d.action === "approve" || d.action === "exclude") {
      set = { reviewed: true, redactedText: "" };
      state = "excluded";
    } else if (d.action === "mask") {
      set = { reviewed: false, redactedText: maskDigits(d.text || c.text) };
      state = "pending";
    } else {
      set = { reviewed: false, redactedText: null };
      state = "pending";
    }
    await tx.update(surveyComment).set(set).where(eq(surveyComment.id, c.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.comments.review",
      entityType: "survey_cycle",
      entityId: cycle.id,
      details: {
        [state === "pending" ? (d.action === "mask" ? "masked" : "reopened") : state]: 1,
        edited: state === "approved" && d.text !== c.text,
      },
      requestId: actor.requestId,
    });
    return { state, text: set.redactedText };
  });
}

/**
 * Approves the given pending comments as they were written (the coordinator has read them on
 * the page): each publishes its original text. Comments already reviewed are left alone.
 */
export async function approveComments(
  actor: Actor,
  cycleId: string,
  ids: string[],
): Promise<{ approved: number }> {
  const cycle = await closedCycle(actor, cycleId);
  if (cycle.status !== "closed") {
    throw new AppError("conflict", { _form: "errors.surveyCommentsWhenClosed" });
  }
  const valid = [...new Set(ids.filter(isUuid))].slice(0, 100);
  if (valid.length === 0) throw new AppError("validation", { ids: "errors.noneSelected" });
  return db().transaction(async (tx) => {
    const done = await tx
      .update(surveyComment)
      .set({
        reviewed: true,
        redactedText: sql`coalesce(${surveyComment.redactedText}, ${surveyComment.text})`,
      })
      .where(
        and(
          eq(surveyComment.cycleId, cycle.id),
          inArray(surveyComment.id, valid),
          eq(surveyComment.reviewed, false),
        ),
      )
      .returning({ id: surveyComment.id });
    if (done.length > 0) {
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "survey.comments.review",
        entityType: "survey_cycle",
        entityId: cycle.id,
        details: { approved: done.length },
        requestId: actor.requestId,
      });
    }
    return { approved: done.length };
  });
}
