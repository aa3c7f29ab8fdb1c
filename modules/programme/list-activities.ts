// The catalogue: activities of the centre with search, a kind filter, "only the ones I can
// join now", paging and sorting. Everyone sees published activities; whoever runs the
// programme also sees drafts and cancelled ones.
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Queryable } from "../../platform/db.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { unitPath } from "../org/unit-tree.ts";
import { ensureActivityTypes } from "./activity-types.ts";
import type { AudienceMember } from "./audience.ts";
import {
  ACTIVITY_STATUSES,
  programmeActivity,
  programmeActivityType,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";

export const ACTIVITY_SORTS = ["start", "title", "type", "places", "status"] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];
export const ACTIVITY_WHEN = ["upcoming", "past", "all"] as const;

export const activityListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  type: z.string().uuid().optional().catch(undefined),
  /** Only activities the person could enrol in right now. */
  open: z
    .enum(["1", "true", "on"])
    .optional()
    .catch(undefined)
    .transform((v) => v !== undefined),
  /** Drafts and cancelled activities only for whoever runs the programme. */
  status: z
    .enum([...ACTIVITY_STATUSES, "all"])
    .optional()
    .catch(undefined),
  /** Upcoming: not over yet (or without dates); past: the last session has ended. */
  when: z.enum(ACTIVITY_WHEN).optional().catch("upcoming").default("upcoming"),
  sort: z.enum(ACTIVITY_SORTS).optional().catch("start").default("start"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

const live = sql`${programmeSession.cancelledAt} is null`;
/**
 * The outer query's activity, named in full: Drizzle writes a lone table's columns unqualified,
 * and inside a subquery an unqualified "id" would be the subquery's own.
 */
const ACTIVITY_ID = sql.raw('"programme_activity"."id"');
/** The first start and last end of an activity's sessions that are not cancelled. */
export const firstStart = sql<Date | null>`(select min(${programmeSession.startsAt}) from ${programmeSession} where ${programmeSession.activityId} = ${ACTIVITY_ID} and ${live})`;
export const lastEnd = sql<Date | null>`(select max(${programmeSession.endsAt}) from ${programmeSession} where ${programmeSession.activityId} = ${ACTIVITY_ID} and ${live})`;
const sessionCount = sql<number>`(select count(*)::int from ${programmeSession} where ${programmeSession.activityId} = ${ACTIVITY_ID} and ${live})`;

/** A person's group, position and units, as audiences are matched against them. */
export async function audienceMemberOf(
  q: Queryable,
  centreId: string,
  employeeId: string | null,
): Promise<AudienceMember | null> {
  if (!employeeId) return null;
  const [e] = await q
    .select({
      unitId: employee.unitId,
      positionId: employee.positionId,
      staffGroupId: position.staffGroupId,
      active: employee.active,
    })
    .from(employee)
    .leftJoin(position, eq(position.id, employee.positionId))
    .where(and(eq(employee.id, employeeId), eq(employee.centreId, centreId)));
  if (!e?.active) return null;
  const units = await q
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId));
  return {
    staffGroupId: e.staffGroupId ?? null,
    positionId: e.positionId,
    unitPath: unitPath(e.unitId, units),
  };
}

/** SQL for "the person is in this audience column" — the rule of audience.ts's inAudience. */
function inAudienceSql(column: SQL | typeof programmeActivity.target, m: AudienceMember): SQL {
  const dim = (key: string, values: string[]) => {
    const empty = sql`coalesce(jsonb_array_length(${column} -> ${key}), 0) = 0`;
    if (values.length === 0) return empty;
    const hits = values.map((v) => sql`(${column} -> ${key}) @> ${JSON.stringify([v])}::jsonb`);
    return sql`(${empty} or ${or(...hits)})`;
  };
  return and(
    dim("staffGroupIds", m.staffGroupId ? [m.staffGroupId] : []),
    dim("positionIds", m.positionId ? [m.positionId] : []),
    dim("unitIds", m.unitPath),
  )!;
}

/**
 * "I could enrol now": published, the enrolment window open, not yet begun, in the target
 * audience, past the priority window or in the priority audience, and not enrolled already.
 * A full activity still counts: a place on its waitlist is a way in.
 */
function openToSql(m: AudienceMember, employeeId: string): SQL {
  const now = new Date();
  return and(
    eq(programmeActivity.status, "published"),
    sql`(${programmeActivity.enrolOpensAt} is null or ${programmeActivity.enrolOpensAt} <= ${now})`,
    sql`(${programmeActivity.enrolClosesAt} is null or ${programmeActivity.enrolClosesAt} > ${now})`,
    sql`${firstStart} > ${now}`,
    inAudienceSql(sql`${programmeActivity.target}`, m),
    sql`(${programmeActivity.priorityUntil} is null or ${programmeActivity.priorityUntil} <= ${now} or ${inAudienceSql(sql`${programmeActivity.priority}`, m)})`,
    sql`not exists (select 1 from ${programmeEnrolment} where ${programmeEnrolment.activityId} = ${ACTIVITY_ID} and ${programmeEnrolment.employeeId} = ${employeeId} and ${programmeEnrolment.status} in ('pending', 'confirmed', 'waitlisted'))`,
  )!;
}

export type ActivityListRow = Awaited<ReturnType<typeof listActivities>>["rows"][number];

export async function listActivities(actor: Actor, query: unknown) {
  requirePermission(actor, "programme.enrol");
  const canManage = can(actor, "programme.manage");
  const f = activityListQuery.parse(query ?? {});
  const status = canManage ? (f.status ?? "all") : "published";
  const where: (SQL | undefined)[] = [eq(programmeActivity.centreId, actor.centreId)];
  if (status !== "all") where.push(eq(programmeActivity.status, status));
  if (f.type) where.push(eq(programmeActivity.typeId, f.type));
  if (f.q) {
    for (const w of f.q.split(/\s+/).slice(0, 5)) {
      const like = `%${w.replace(/[%_\\]/g, "\\$&")}%`;
      where.push(
        or(
          ilike(programmeActivity.title, like),
          ilike(programmeActivity.provider, like),
          ilike(programmeActivity.description, like),
        ),
      );
    }
  }
  const now = new Date();
  if (f.when === "upcoming") where.push(sql`(${lastEnd} is null or ${lastEnd} >= ${now})`);
  if (f.when === "past") where.push(sql`${lastEnd} < ${now}`);
  const me = actor.employeeId;
  if (f.open) {
    const m = await audienceMemberOf(db(), actor.centreId, me);
    // Someone with no staff record (or an inactive one) can enrol in nothing.
    where.push(m && me ? openToSql(m, me) : sql`false`);
  }
  const dirFn = f.dir === "desc" ? desc : asc;
  const nulls = sql.raw(f.dir === "desc" ? "desc nulls last" : "asc nulls last");
  const orderBy = {
    start: [sql`${firstStart} ${nulls}`, asc(polishSortKey(programmeActivity.title))],
    title: [dirFn(polishSortKey(programmeActivity.title))],
    type: [dirFn(programmeActivityType.sortOrder), sql`${firstStart} asc nulls last`],
    places: [
      dirFn(sql`${programmeActivity.capacity} - ${programmeActivity.seatsTaken}`),
      sql`${firstStart} asc nulls last`,
    ],
    status: [
      dirFn(
        sql`case ${programmeActivity.status} when 'draft' then 0 when 'published' then 1 else 2 end`,
      ),
      sql`${firstStart} asc nulls last`,
    ],
  }[f.sort];
  const myEnrolment = me
    ? sql<
        string | null
      >`(select ${programmeEnrolment.status} from ${programmeEnrolment} where ${programmeEnrolment.activityId} = ${ACTIVITY_ID} and ${programmeEnrolment.employeeId} = ${me} and ${programmeEnrolment.status} in ('pending', 'confirmed', 'waitlisted') limit 1)`
    : sql<string | null>`null`;
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: programmeActivity.id,
        title: programmeActivity.title,
        status: programmeActivity.status,
        format: programmeActivity.format,
        provider: programmeActivity.provider,
        typeId: programmeActivity.typeId,
        typeCode: programmeActivityType.code,
        typeName: programmeActivityType.name,
        capacity: programmeActivity.capacity,
        seatsTaken: programmeActivity.seatsTaken,
        requiresApproval: programmeActivity.requiresApproval,
        firstStart,
        lastEnd,
        sessionCount,
        myEnrolment,
      })
      .from(programmeActivity)
      .innerJoin(programmeActivityType, eq(programmeActivityType.id, programmeActivity.typeId))
      .where(cond)
      .orderBy(...orderBy, asc(programmeActivity.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db()
      .select({ total: count() })
      .from(programmeActivity)
      .innerJoin(programmeActivityType, eq(programmeActivityType.id, programmeActivity.typeId))
      .where(cond),
  ]);
  return {
    rows: rows.map((r) => ({
      ...r,
      // Subqueries come back as text on some drivers: dates are made dates here.
      firstStart: r.firstStart ? new Date(r.firstStart) : null,
      lastEnd: r.lastEnd ? new Date(r.lastEnd) : null,
      sessionCount: Number(r.sessionCount),
      placesLeft: Math.max(0, r.capacity - r.seatsTaken),
    })),
    total,
    ...f,
    status: canManage ? status : undefined,
    canManage,
  };
}

/** The centre's kinds (the built-in ones made on first use), for filters and forms. */
export async function catalogueTypes(actor: Actor, ids?: string[]) {
  requirePermission(actor, "programme.enrol");
  await ensureActivityTypes(db(), actor.centreId);
  return db()
    .select({
      id: programmeActivityType.id,
      code: programmeActivityType.code,
      name: programmeActivityType.name,
      archived: programmeActivityType.archived,
    })
    .from(programmeActivityType)
    .where(
      and(
        eq(programmeActivityType.centreId, actor.centreId),
        ids ? inArray(programmeActivityType.id, ids) : undefined,
      ),
    )
    .orderBy(asc(programmeActivityType.sortOrder), asc(programmeActivityType.name));
}
