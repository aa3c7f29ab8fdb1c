// Lists of enrolments: an activity's (coordinators; managers see their units' people), the
// approvals waiting for a manager, one's own, and the people a coordinator or manager may
// still sign up. Search, sorting and paging as every list of the application.

import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  notExists,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { forbidden } from "../../platform/errors.ts";
import { formatDateTime, type Locale, type MessageKey, translator } from "../../platform/i18n.ts";
import { type Cell, tableFile } from "../../platform/spreadsheet.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { type Actor, can, requirePermission, unitScope } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { warsawDay } from "../survey/schedule-cycle.ts";
import { inAudience } from "./audience.ts";
import { LIVE_STATUSES } from "./eligibility.ts";
import { loadPeople } from "./enrolment-common.ts";
import { findVisibleActivity } from "./find-activity.ts";
import {
  ENROLMENT_STATUSES,
  type EnrolmentStatus,
  programmeActivity,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";

const page = {
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
};
const search = z.string().trim().max(200).optional().catch("").default("");
const dir = z.enum(["asc", "desc"]).optional().catch("asc").default("asc");

/** `%word%` for ILIKE, with the pattern's own characters escaped. */
const like = (w: string) => `%${w.replace(/[%_\\]/g, "\\$&")}%`;

function nameMatches(q: string, extra: (w: string) => SQL[] = () => []): SQL[] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map(
      (w) =>
        or(
          ilike(employee.firstName, like(w)),
          ilike(employee.lastName, like(w)),
          ilike(employee.employeeNumber, like(w)),
          ilike(employee.email, like(w)),
          ...extra(w),
        )!,
    );
}

/**
 * Whose enrolments the actor may see and handle: null for all of the centre (coordinators and
 * administrators), else the units of a manager with everything beneath them.
 */
export async function enrolmentScope(actor: Actor): Promise<string[] | null> {
  if (can(actor, "programme.manage")) return null;
  if (can(actor, "programme.nominate")) return unitScope(db(), actor, "programme.nominate");
  if (can(actor, "programme.approve")) return unitScope(db(), actor, "programme.approve");
  throw forbidden();
}

function inScope(scope: string[] | null): SQL | undefined {
  if (scope === null) return undefined;
  return scope.length ? inArray(employee.unitId, scope) : sql`false`;
}

/** 1 for the first person waiting, counted over the whole activity. */
const waitlistPositionSql = sql<number | null>`case when ${programmeEnrolment.status} = 'waitlisted'
  then (select count(*)::int from programme_enrolment w
        where w.activity_id = ${programmeEnrolment.activityId}
          and w.status = 'waitlisted' and w.seq <= ${programmeEnrolment.seq})
  end`;

export const ENROLMENT_SORTS = ["arrival", "name", "status", "unit", "created"] as const;

export const enrolmentListQuery = z.object({
  q: search,
  status: z
    .enum(["live", "all", ...ENROLMENT_STATUSES])
    .optional()
    .catch("live")
    .default("live"),
  sort: z.enum(ENROLMENT_SORTS).optional().catch("arrival").default("arrival"),
  dir,
  ...page,
});

/** The order statuses sort in: places first, then the waitlist, then what has ended. */
const statusRank = sql`case ${programmeEnrolment.status}
  when 'confirmed' then 1 when 'pending' then 2 when 'waitlisted' then 3
  when 'cancelled' then 4 else 5 end`;

export async function listEnrolments(actor: Actor, activityId: string, query: unknown) {
  const scope = await enrolmentScope(actor);
  const activity = await findVisibleActivity(db(), actor, activityId);
  const f = enrolmentListQuery.parse(query ?? {});
  const where = and(
    eq(programmeEnrolment.activityId, activity.id),
    f.status === "live"
      ? inArray(programmeEnrolment.status, [...LIVE_STATUSES])
      : f.status === "all"
        ? undefined
        : eq(programmeEnrolment.status, f.status),
    inScope(scope),
    ...nameMatches(f.q),
  );
  const d = f.dir === "desc" ? desc : asc;
  const orderBy = {
    arrival: [d(programmeEnrolment.seq)],
    name: [d(polishSortKey(employee.lastName)), d(polishSortKey(employee.firstName))],
    status: [d(statusRank), asc(programmeEnrolment.seq)],
    unit: [d(polishSortKey(sql`coalesce(${orgUnit.name}, '')`)), asc(programmeEnrolment.seq)],
    created: [d(programmeEnrolment.createdAt), asc(programmeEnrolment.seq)],
  }[f.sort];
  const [rows, [{ total }], counts] = await Promise.all([
    db()
      .select({
        id: programmeEnrolment.id,
        seq: programmeEnrolment.seq,
        status: programmeEnrolment.status,
        createdAt: programmeEnrolment.createdAt,
        decidedAt: programmeEnrolment.decidedAt,
        cancelledAt: programmeEnrolment.cancelledAt,
        cancelReason: programmeEnrolment.cancelReason,
        nominated: sql<boolean>`${programmeEnrolment.nominatedByUserId} is not null`,
        waitlistPosition: waitlistPositionSql,
        employeeId: employee.id,
        firstName: employee.firstName,
        lastName: employee.lastName,
        employeeNumber: employee.employeeNumber,
        email: employee.email,
        unitName: orgUnit.name,
      })
      .from(programmeEnrolment)
      .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
      .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
      .where(where)
      .orderBy(...orderBy, asc(programmeEnrolment.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db()
      .select({ total: count() })
      .from(programmeEnrolment)
      .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
      .where(where),
    db()
      .select({ status: programmeEnrolment.status, n: count() })
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.activityId, activity.id))
      .groupBy(programmeEnrolment.status),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<
    Record<EnrolmentStatus, number>
  >;
  return {
    ...f,
    activity: {
      id: activity.id,
      title: activity.title,
      status: activity.status,
      capacity: activity.capacity,
      seatsTaken: activity.seatsTaken,
      requiresApproval: activity.requiresApproval,
    },
    counts: {
      pending: byStatus.pending ?? 0,
      confirmed: byStatus.confirmed ?? 0,
      waitlisted: byStatus.waitlisted ?? 0,
    },
    rows,
    total,
    scoped: scope !== null,
    canNominate: can(actor, "programme.nominate"),
    canApprove: can(actor, "programme.approve"),
  };
}

/** Who the actor could still sign up for the activity: active, in scope, not enrolled. */
export async function nominationCandidates(
  actor: Actor,
  activityId: string,
  q: string,
  limit = 20,
) {
  const scope = await unitScope(db(), actor, "programme.nominate");
  const activity = await findVisibleActivity(db(), actor, activityId);
  const words = z.string().trim().max(200).catch("").parse(q);
  const enrolled = alias(programmeEnrolment, "enrolled");
  const rows = await db()
    .select({
      id: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      employeeNumber: employee.employeeNumber,
      unitName: orgUnit.name,
    })
    .from(employee)
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .where(
      and(
        eq(employee.centreId, actor.centreId),
        eq(employee.active, true),
        inScope(scope),
        notExists(
          db()
            .select({ one: sql`1` })
            .from(enrolled)
            .where(
              and(
                eq(enrolled.activityId, activity.id),
                eq(enrolled.employeeId, employee.id),
                inArray(enrolled.status, [...LIVE_STATUSES]),
              ),
            ),
        ),
        ...nameMatches(words),
      ),
    )
    .orderBy(polishSortKey(employee.lastName), polishSortKey(employee.firstName), employee.id)
    .limit(limit * 3);
  const people = await loadPeople(
    db(),
    actor.centreId,
    rows.map((r) => r.id),
  );
  // A manager may sign up only the target audience, so only they are offered; a coordinator
  // sees everyone, with those outside the audience marked.
  const offered = rows
    .map((r) => ({ ...r, inTarget: inAudience(activity.target, people.get(r.id)!.member) }))
    .filter((r) => scope === null || r.inTarget);
  return {
    rows: offered.slice(0, limit),
    more: offered.length > limit,
    limit,
    coordinator: scope === null,
  };
}

/** The first session of each activity that still takes place. */
const firstSessionSql = sql<Date | null>`(select min(s.starts_at) from ${programmeSession} s
  where s.activity_id = ${programmeActivity.id} and s.cancelled_at is null)`;

export const APPROVAL_SORTS = ["created", "name", "activity"] as const;
export const approvalListQuery = z.object({
  q: search,
  sort: z.enum(APPROVAL_SORTS).optional().catch("created").default("created"),
  dir,
  ...page,
});

/** Pending enrolments the actor decides: a manager's units' people, or all for a coordinator. */
export async function listApprovals(actor: Actor, query: unknown) {
  const scope = await unitScope(db(), actor, "programme.approve");
  const f = approvalListQuery.parse(query ?? {});
  const where = and(
    eq(programmeEnrolment.centreId, actor.centreId),
    eq(programmeEnrolment.status, "pending"),
    inScope(scope),
    ...nameMatches(f.q, (w) => [ilike(programmeActivity.title, like(w))]),
  );
  const d = f.dir === "desc" ? desc : asc;
  const orderBy = {
    created: [d(programmeEnrolment.createdAt)],
    name: [d(polishSortKey(employee.lastName)), d(polishSortKey(employee.firstName))],
    activity: [d(polishSortKey(programmeActivity.title)), asc(programmeEnrolment.createdAt)],
  }[f.sort];
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: programmeEnrolment.id,
        createdAt: programmeEnrolment.createdAt,
        employeeId: employee.id,
        firstName: employee.firstName,
        lastName: employee.lastName,
        unitName: orgUnit.name,
        activityId: programmeActivity.id,
        activityTitle: programmeActivity.title,
        firstSession: firstSessionSql,
      })
      .from(programmeEnrolment)
      .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
      .innerJoin(programmeActivity, eq(programmeActivity.id, programmeEnrolment.activityId))
      .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
      .where(where)
      .orderBy(...orderBy, asc(programmeEnrolment.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db()
      .select({ total: count() })
      .from(programmeEnrolment)
      .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
      .innerJoin(programmeActivity, eq(programmeActivity.id, programmeEnrolment.activityId))
      .where(where),
  ]);
  return {
    ...f,
    rows: rows.map((r) => ({
      ...r,
      firstSession: r.firstSession ? new Date(r.firstSession) : null,
      own: r.employeeId === actor.employeeId,
    })),
    total,
  };
}

/** The actor's own enrolments, newest first (the API's /me/enrolments). */
export async function myEnrolments(actor: Actor) {
  requirePermission(actor, "programme.enrol");
  if (!actor.employeeId) return [];
  const rows = await db()
    .select({
      id: programmeEnrolment.id,
      activityId: programmeActivity.id,
      activityTitle: programmeActivity.title,
      status: programmeEnrolment.status,
      waitlistPosition: waitlistPositionSql,
      createdAt: programmeEnrolment.createdAt,
      cancelledAt: programmeEnrolment.cancelledAt,
      cancelReason: programmeEnrolment.cancelReason,
      firstSession: firstSessionSql,
    })
    .from(programmeEnrolment)
    .innerJoin(programmeActivity, eq(programmeActivity.id, programmeEnrolment.activityId))
    .where(
      and(
        eq(programmeEnrolment.centreId, actor.centreId),
        eq(programmeEnrolment.employeeId, actor.employeeId),
      ),
    )
    .orderBy(desc(programmeEnrolment.createdAt), desc(programmeEnrolment.seq));
  return rows.map((r) => ({
    ...r,
    firstSession: r.firstSession ? new Date(r.firstSession) : null,
  }));
}

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The activity's enrolment list as the person sees it (filters, sorting, scope), all pages, as
 * CSV or XLSX. Text a spreadsheet would run as a formula is neutralised by the writers.
 */
export async function exportEnrolments(
  actor: Actor,
  activityId: string,
  query: Record<string, string>,
  format: ExportFormat,
  locale: Locale,
): Promise<DownloadFile> {
  const PAGE = 200;
  let first: Awaited<ReturnType<typeof listEnrolments>> | null = null;
  const rows: Awaited<ReturnType<typeof listEnrolments>>["rows"] = [];
  for (let p = 1; ; p++) {
    const list = await listEnrolments(actor, activityId, { ...query, page: p, pageSize: PAGE });
    first ??= list;
    rows.push(...list.rows);
    if (list.rows.length < PAGE || rows.length >= list.total) break;
  }
  const t = translator(locale);
  const table: Cell[][] = [
    [
      t("programme.enrolments.file.no"),
      t("programme.enrolments.file.lastName"),
      t("programme.enrolments.file.firstName"),
      t("programme.enrolments.file.number"),
      t("programme.enrolments.file.email"),
      t("programme.enrolments.unit"),
      t("programme.enrolments.status"),
      t("programme.enrolments.file.waitlist"),
      t("programme.enrolments.created"),
      t("programme.enrolments.source"),
      t("programme.enrolments.file.decided"),
      t("programme.enrolments.file.cancelReason"),
    ],
    ...rows.map((r, i): Cell[] => [
      i + 1,
      r.lastName,
      r.firstName,
      r.employeeNumber,
      r.email,
      r.unitName ?? "",
      t(`programme.enrolment.status.${r.status}` as MessageKey),
      r.waitlistPosition,
      formatDateTime(r.createdAt),
      t(r.nominated ? "programme.enrolments.sourceNominated" : "programme.enrolments.sourceSelf"),
      r.decidedAt ? formatDateTime(r.decidedAt) : "",
      r.cancelReason ? t(`programme.enrolment.reason.${r.cancelReason}` as MessageKey) : "",
    ]),
  ];
  // Who took a copy of the participant list, and how much of it: no names.
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "programme.enrolment.export",
    entityType: "programme_activity",
    entityId: first?.activity.id ?? activityId,
    details: { format, rows: rows.length },
    requestId: actor.requestId,
  });
  const day = warsawDay(new Date());
  const base = `${locale === "pl" ? "zapisy" : "enrolments"}-${day}`;
  return tableFile(format, table, base, t("programme.enrolments.file.sheet"));
}
