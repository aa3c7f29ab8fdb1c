// Programme plans: a centre's planned numbers per kind of activity for a period (13 trainings,
// 18 workshops, 12 outdoor workshops…), against which plan-progress.ts counts what was
// delivered. Whoever reads the programme's reports sees plans; whoever runs it edits them.
import { and, asc, count, desc, eq, ilike, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, forbidden, notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import {
  calendarDay,
  isUuid,
  parseInput,
  wholeNumber,
  wholeNumberOr,
} from "../../platform/validation.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { programmeActivityType, programmePlan, programmePlanItem } from "./schema.ts";

/** Plans are read by whoever reads the programme's reports, and by whoever runs it. */
export function requirePlanView(actor: Actor): void {
  if (!can(actor, "programme.reports.view") && !can(actor, "programme.manage")) throw forbidden();
}

const planItem = z.object({
  plannedCount: wholeNumber(0, 10000, "errors.programmePlannedCount"),
  plannedParticipants: wholeNumberOr(0, 100000, "errors.programmePlannedParticipants", null),
});

export const planFields = z
  .object({
    name: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .max(200, "errors.tooLong"),
    periodStart: calendarDay,
    periodEnd: calendarDay,
    /** Planned numbers by kind id; a kind left out is not planned. */
    items: z
      .record(z.string().refine(isUuid, "errors.invalid"), planItem, { error: "errors.invalid" })
      .optional()
      .default({}),
  })
  .superRefine((v, ctx) => {
    if (v.periodStart && v.periodEnd && v.periodEnd < v.periodStart) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "errors.programmePlanPeriod" });
    }
  });
export type PlanInput = z.input<typeof planFields>;

const ITEM_FIELD = /^items\.([0-9a-f-]{36})\.(plannedCount|plannedParticipants)$/i;

/**
 * The input of savePlan from the plan form, whose number fields are named
 * `items.<kind id>.plannedCount` and `items.<kind id>.plannedParticipants` — the paths the
 * schema reports errors on, so each error lands on its field. A kind with both fields empty
 * is left out of the plan.
 */
export function planFormInput(v: Record<string, string | undefined>): PlanInput {
  const items: Record<string, { plannedCount: string; plannedParticipants: string }> = {};
  for (const [k, value] of Object.entries(v)) {
    const m = ITEM_FIELD.exec(k);
    if (!m) continue;
    items[m[1]] ??= { plannedCount: "", plannedParticipants: "" };
    items[m[1]][m[2] as "plannedCount" | "plannedParticipants"] = (value ?? "").trim();
  }
  for (const [id, item] of Object.entries(items)) {
    if (!item.plannedCount && !item.plannedParticipants) delete items[id];
  }
  return {
    name: v.name ?? "",
    periodStart: v.periodStart ?? "",
    periodEnd: v.periodEnd ?? "",
    items,
  };
}

export const PLAN_SORTS = ["start", "name"] as const;
export const planListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  sort: z.enum(PLAN_SORTS).optional().catch("start").default("start"),
  dir: z.enum(["asc", "desc"]).optional().catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});

export async function listPlans(actor: Actor, query: unknown) {
  requirePlanView(actor);
  const f = planListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(programmePlan.centreId, actor.centreId)];
  if (f.q) where.push(ilike(programmePlan.name, `%${f.q.replace(/[%_\\]/g, "\\$&")}%`));
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy = {
    start: [dirFn(programmePlan.periodStart), asc(polishSortKey(programmePlan.name))],
    name: [dirFn(polishSortKey(programmePlan.name))],
  }[f.sort];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: programmePlan.id,
        name: programmePlan.name,
        periodStart: programmePlan.periodStart,
        periodEnd: programmePlan.periodEnd,
        planned: sql<number>`(select coalesce(sum(${programmePlanItem.plannedCount}), 0)::int from ${programmePlanItem} where ${programmePlanItem.planId} = "programme_plan"."id")`,
      })
      .from(programmePlan)
      .where(cond)
      .orderBy(...orderBy, asc(programmePlan.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(programmePlan).where(cond),
  ]);
  return { rows: rows.map((r) => ({ ...r, planned: Number(r.planned) })), total, ...f };
}

/** One plan of the actor's centre with its planned numbers per kind. */
export async function getPlan(actor: Actor, planId: string) {
  requirePlanView(actor);
  if (!isUuid(planId)) throw notFound();
  const [plan] = await db()
    .select()
    .from(programmePlan)
    .where(and(eq(programmePlan.id, planId), eq(programmePlan.centreId, actor.centreId)));
  if (!plan) throw notFound();
  const items = await db()
    .select({
      typeId: programmePlanItem.typeId,
      plannedCount: programmePlanItem.plannedCount,
      plannedParticipants: programmePlanItem.plannedParticipants,
    })
    .from(programmePlanItem)
    .innerJoin(programmeActivityType, eq(programmeActivityType.id, programmePlanItem.typeId))
    .where(eq(programmePlanItem.planId, plan.id))
    .orderBy(asc(programmeActivityType.sortOrder), asc(programmeActivityType.name));
  return { ...plan, items };
}

/** Creates (id null) or changes a plan, replacing its planned numbers with the ones given. */
export async function savePlan(actor: Actor, id: string | null, input: unknown): Promise<string> {
  requirePermission(actor, "programme.manage");
  const d = parseInput(planFields, input);
  const typeIds = Object.keys(d.items);
  return db().transaction(async (tx) => {
    if (typeIds.length > 0) {
      const known = await tx
        .select({ id: programmeActivityType.id })
        .from(programmeActivityType)
        .where(
          and(
            eq(programmeActivityType.centreId, actor.centreId),
            inArray(programmeActivityType.id, typeIds),
          ),
        );
      const ok = new Set(known.map((k) => k.id));
      const bad = typeIds.filter((t) => !ok.has(t));
      if (bad.length > 0) {
        throw new AppError(
          "validation",
          Object.fromEntries(bad.map((t) => [`items.${t}.plannedCount`, "errors.invalid"])),
        );
      }
    }
    let planId: string;
    const values = { name: d.name, periodStart: d.periodStart, periodEnd: d.periodEnd };
    if (id !== null) {
      if (!isUuid(id)) throw notFound();
      const [row] = await tx
        .update(programmePlan)
        .set(values)
        .where(and(eq(programmePlan.id, id), eq(programmePlan.centreId, actor.centreId)))
        .returning({ id: programmePlan.id });
      if (!row) throw notFound();
      planId = row.id;
      await tx.delete(programmePlanItem).where(eq(programmePlanItem.planId, planId));
    } else {
      const [row] = await tx
        .insert(programmePlan)
        .values({ ...values, centreId: actor.centreId })
        .returning({ id: programmePlan.id });
      planId = row.id;
    }
    if (typeIds.length > 0) {
      await tx.insert(programmePlanItem).values(
        typeIds.map((typeId) => ({
          centreId: actor.centreId,
          planId,
          typeId,
          plannedCount: d.items[typeId].plannedCount,
          plannedParticipants: d.items[typeId].plannedParticipants,
        })),
      );
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: id ? "programme.plan.update" : "programme.plan.create",
      entityType: "programme_plan",
      entityId: planId,
      details: { kinds: typeIds.length },
      requestId: actor.requestId,
    });
    return planId;
  });
}

export async function deletePlan(actor: Actor, planId: string): Promise<void> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(planId)) throw notFound();
  await db().transaction(async (tx) => {
    const [row] = await tx
      .delete(programmePlan)
      .where(and(eq(programmePlan.id, planId), eq(programmePlan.centreId, actor.centreId)))
      .returning({ id: programmePlan.id });
    if (!row) throw notFound();
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.plan.delete",
      entityType: "programme_plan",
      entityId: row.id,
      requestId: actor.requestId,
    });
  });
}
