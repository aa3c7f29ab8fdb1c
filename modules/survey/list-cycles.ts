import { and, asc, count, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { forbidden, notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can } from "../access/actor.ts";
import {
  SURVEY_CYCLE_STATUSES,
  surveyCycle,
  surveyInstrument,
  surveyParticipation,
  surveyResponse,
} from "./schema.ts";

export const CYCLE_SORTS = ["name", "opens", "closes", "status"] as const;
export type CycleSort = (typeof CYCLE_SORTS)[number];

export const cycleListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  status: z.enum(SURVEY_CYCLE_STATUSES).optional().catch(undefined),
  sort: z.enum(CYCLE_SORTS).optional().catch("opens").default("opens"),
  dir: z.enum(["asc", "desc"]).optional().catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type CycleListQuery = z.infer<typeof cycleListQuery>;

/**
 * Who sees which cycles: whoever runs surveys (`survey.manage`) sees every cycle; whoever only
 * reads results (`survey.results.view`: management, managers) sees closed cycles only, because
 * results are published when a cycle is closed and never while answers still arrive (a live
 * figure that moves after a colleague says "I just answered" tells what they answered).
 */
function visibility(actor: Actor): "all" | "closed" {
  if (can(actor, "survey.manage")) return "all";
  if (can(actor, "survey.results.view")) return "closed";
  throw forbidden();
}

const statusOrder = sql`case ${surveyCycle.status} when 'draft' then 0 when 'open' then 1 else 2 end`;

/** Counts that say how far a cycle got, never who: invitations, answered invitations, responses. */
const counts = {
  invited: sql<number>`(select count(*)::int from ${surveyParticipation} where ${surveyParticipation.cycleId} = ${surveyCycle.id})`,
  answered: sql<number>`(select count(*)::int from ${surveyParticipation} where ${surveyParticipation.cycleId} = ${surveyCycle.id} and ${surveyParticipation.answeredOn} is not null)`,
  responses: sql<number>`(select count(*)::int from ${surveyResponse} where ${surveyResponse.cycleId} = ${surveyCycle.id})`,
};

/** The centre's cycles with paging, search by name, a status filter and sorting. */
export async function listCycles(actor: Actor, query: unknown) {
  const seen = visibility(actor);
  const f = cycleListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(surveyCycle.centreId, actor.centreId)];
  if (seen === "closed") where.push(eq(surveyCycle.status, "closed"));
  else if (f.status) where.push(eq(surveyCycle.status, f.status));
  if (f.q) {
    for (const w of f.q.split(/\s+/).slice(0, 5)) {
      where.push(ilike(surveyCycle.name, `%${w.replace(/[%_\\]/g, "\\$&")}%`));
    }
  }
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy = {
    name: [dirFn(polishSortKey(surveyCycle.name))],
    opens: [dirFn(surveyCycle.opensAt)],
    closes: [dirFn(surveyCycle.closesAt)],
    status: [dirFn(statusOrder), desc(surveyCycle.opensAt)],
  }[f.sort];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: surveyCycle.id,
        name: surveyCycle.name,
        kind: surveyCycle.kind,
        status: surveyCycle.status,
        opensAt: surveyCycle.opensAt,
        closesAt: surveyCycle.closesAt,
        autoOpen: surveyCycle.autoOpen,
        instrumentId: surveyCycle.instrumentId,
        instrumentTitle: sql<{ pl: string; en: string }>`${surveyInstrument.definition} -> 'title'`,
        instrumentVersion: surveyInstrument.version,
        ...counts,
      })
      .from(surveyCycle)
      .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
      .where(cond)
      .orderBy(...orderBy, asc(surveyCycle.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(surveyCycle).where(cond),
  ]);
  return { rows, total, ...f, status: seen === "closed" ? undefined : f.status, seen };
}

/**
 * One cycle of the actor's centre with its instrument's title and the counts of the list; 404
 * for another centre's, and — for someone who only reads results — for a cycle not yet closed.
 */
export async function getCycle(actor: Actor, cycleId: string) {
  const seen = visibility(actor);
  if (!isUuid(cycleId)) throw notFound();
  const [row] = await db()
    .select({
      cycle: surveyCycle,
      instrumentTitle: sql<{ pl: string; en: string }>`${surveyInstrument.definition} -> 'title'`,
      instrumentSlug: surveyInstrument.slug,
      instrumentVersion: surveyInstrument.version,
      ...counts,
    })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  if (!row || (seen === "closed" && row.cycle.status !== "closed")) throw notFound();
  return {
    ...row.cycle,
    instrumentTitle: row.instrumentTitle,
    instrumentSlug: row.instrumentSlug,
    instrumentVersion: row.instrumentVersion,
    invited: row.invited,
    answered: row.answered,
    responses: row.responses,
  };
}
