// The open answers a results reader sees: reviewed ones only, as redacted by the coordinator,
// for groups whose comments pass their own (higher) threshold with complementary suppression,
// in a random order and without dates.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { Actor } from "../access/actor.ts";
import { unitScope } from "../access/actor.ts";
import type { LocalizedText } from "./instrument.ts";
import {
  CENTRE_KEY,
  cellOf,
  closedCycle,
  cycleStructure,
  type ResultView,
  suppressionCells,
  viewGroups,
} from "./result-cells.ts";
import { surveyComment } from "./schema.ts";
import { cellKey, suppress } from "./suppression.ts";

export type CommentGroup = {
  key: string;
  name: string | null;
  depth?: number;
  items: { itemId: string; comments: string[] }[];
};

export type ResultComments = {
  /** The comment threshold of the cycle. */
  k: number;
  /** The open questions, in the instrument's order. */
  items: { id: string; text: LocalizedText }[];
  /** Groups with at least one shown comment: the centre (name null) first, then the view's rows. */
  groups: CommentGroup[];
};

/**
 * The reviewed open answers of a closed cycle for the centre and the rows of a view.
 *
 * Which groups show an item's comments is decided by `suppress` with k = the cycle's comment
 * threshold over that item's comment counts per cell — all comments, reviewed or not. The counts
 * do not change once the cycle is closed, so neither does the decision while the coordinator
 * reviews: a list that grows over time can never be set against an earlier one to isolate a
 * hidden group's comments. Each item is decided on its own (a person writes at most one comment
 * per item, so an item's count is also a count of people). A manager sees their own units only.
 */
export async function resultComments(
  actor: Actor,
  cycleId: string,
  opts: { by: ResultView },
): Promise<ResultComments> {
  const scope = await unitScope(db(), actor, "survey.results.view");
  const { cycle, instrument } = await closedCycle(db(), actor, cycleId);
  const openItems = instrument.definition.sections
    .flatMap((s) => s.items)
    .filter((i) => i.kind === "text")
    .map((i) => ({ id: i.id, text: i.text }));
  const k = cycle.minCommentGroupSize;
  if (openItems.length === 0) return { k, items: [], groups: [] };

  const { structure, published, membership } = await commentPublication(
    actor.centreId,
    cycle.id,
    openItems.map((i) => i.id),
    k,
  );

  const rows = [
    ...(scope === null ? [{ key: CENTRE_KEY, name: null as string | null }] : []),
    ...viewGroups(structure, opts.by).filter(
      (g) => scope === null || (g.unitId !== undefined && scope.includes(g.unitId)),
    ),
  ];
  const wanted = new Set(rows.map((r) => r.key));
  const texts = new Map<string, Map<string, string[]>>();

  const reviewed = await db()
    .select({
      itemId: surveyComment.itemId,
      unitId: surveyComment.unitId,
      staffGroupId: surveyComment.staffGroupId,
      text: sql<string>`coalesce(${surveyComment.redactedText}, ${surveyComment.text})`,
    })
    .from(surveyComment)
    .where(and(eq(surveyComment.cycleId, cycle.id), eq(surveyComment.reviewed, true)))
    // Ids are random (UUIDv4): their order is a shuffle that tells nothing about arrival.
    .orderBy(asc(surveyComment.id));
  for (const c of reviewed) {
    const shown = published.get(c.itemId);
    if (!shown || c.text.trim() === "") continue;
    const cell = cellOf(structure, c.unitId, c.staffGroupId);
    for (const key of membership.get(cellKey(cell.unitId, cell.staffGroupId)) ?? []) {
      if (!wanted.has(key) || !shown.has(key)) continue;
      let byItem = texts.get(key);
      if (!byItem) {
        byItem = new Map();
        texts.set(key, byItem);
      }
      const list = byItem.get(c.itemId);
      if (list) list.push(c.text);
      else byItem.set(c.itemId, [c.text]);
    }
  }

  const groups: CommentGroup[] = [];
  for (const row of rows) {
    const byItem = texts.get(row.key);
    if (!byItem) continue;
    groups.push({
      key: row.key,
      name: row.name,
      ...("depth" in row && row.depth !== undefined ? { depth: row.depth } : {}),
      items: openItems
        .filter((i) => byItem.has(i.id))
        .map((i) => ({ itemId: i.id, comments: byItem.get(i.id)! })),
    });
  }
  return { k, items: openItems, groups };
}

/**
 * Which groups may show each open question's comments: `suppress` with k = the comment
 * threshold over that item's comment counts per cell (all comments, reviewed or not, so the
 * decision does not move during review). Also each cell's aggregates (`membership`). Shared by
 * the results and the coordinator's review, which names a comment's unit only where this
 * publishes it — a unit left unnamed must not be identifiable by elimination.
 */
export async function commentPublication(
  centreId: string,
  cycleId: string,
  itemIds: readonly string[],
  k: number,
) {
  const structure = await cycleStructure(db(), centreId);
  const counts = await db()
    .select({
      itemId: surveyComment.itemId,
      unitId: surveyComment.unitId,
      staffGroupId: surveyComment.staffGroupId,
      n: count(),
    })
    .from(surveyComment)
    .where(eq(surveyComment.cycleId, cycleId))
    .groupBy(surveyComment.itemId, surveyComment.unitId, surveyComment.staffGroupId);

  // Every item over the same cells (a cell empty for one item is listed with n = 0), so one
  // membership map serves them all.
  const everyCell = counts.map((c) => ({ ...c, n: 0 }));
  const published = new Map<string, Set<string>>();
  const membership = new Map<string, string[]>();
  for (const [i, itemId] of itemIds.entries()) {
    const input = suppressionCells(structure, [
      ...everyCell,
      ...counts.filter((c) => c.itemId === itemId),
    ]);
    published.set(itemId, new Set(suppress({ k, ...input }).published));
    if (i > 0) continue;
    for (const a of input.aggregates) {
      for (const c of a.cells) {
        const of = membership.get(c);
        if (of) of.push(a.key);
        else membership.set(c, [a.key]);
      }
    }
  }
  return { structure, published, membership };
}
