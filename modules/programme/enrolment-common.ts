// What the enrolment use cases share: the people involved (with what the audience rules and the
// notices need), the activity's row lock, and who approves whose enrolments.
import { and, count, eq, inArray, lte, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { isLocale, type Locale } from "../../platform/i18n.ts";
import { roleHolders } from "../access/role-holders.ts";
import { user } from "../access/schema.ts";
import { centre, employee, orgUnit, position } from "../org/schema.ts";
import { unitPath } from "../org/unit-tree.ts";
import type { AudienceMember } from "./audience.ts";
import { type ActivityRow, type SessionRow, sessionsOf } from "./find-activity.ts";
import {
  type EnrolmentStatus,
  programmeActivity,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";

export type Person = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  active: boolean;
  unitId: string | null;
  userId: string | null;
  /** The language of the person's account, for their mail; Polish when unknown. */
  locale: Locale | null;
  member: AudienceMember & { active: boolean };
};

/** Employees of the centre by id, with their staff group (through the position) and units. */
export async function loadPeople(
  q: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<Map<string, Person>> {
  if (employeeIds.length === 0) return new Map();
  // In turn, not Promise.all: callers pass their transaction, which runs one query at a time.
  const rows = await q
    .select({
      id: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      active: employee.active,
      unitId: employee.unitId,
      positionId: employee.positionId,
      staffGroupId: position.staffGroupId,
      userId: employee.userId,
      locale: user.locale,
    })
    .from(employee)
    .leftJoin(position, eq(position.id, employee.positionId))
    .leftJoin(user, eq(user.id, employee.userId))
    .where(and(eq(employee.centreId, centreId), inArray(employee.id, employeeIds)));
  const units = await unitsOf(q, centreId);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        firstName: r.firstName,
        lastName: r.lastName,
        email: r.email,
        active: r.active,
        unitId: r.unitId,
        userId: r.userId,
        locale: isLocale(r.locale) ? r.locale : null,
        member: {
          staffGroupId: r.staffGroupId ?? null,
          positionId: r.positionId,
          unitPath: unitPath(r.unitId, units),
          active: r.active,
        },
      },
    ]),
  );
}

/** A unit and its ancestors, nearest first, in SQL (a unit inside the employee's row). */
const unitPathSql = sql<string[]>`(with recursive up(id, parent_id, depth) as (
    select u.id, u.parent_id, 0 from ${orgUnit} u where u.id = ${employee.unitId}
    union all
    select u.id, u.parent_id, up.depth + 1 from ${orgUnit} u join up on u.id = up.parent_id
    where up.depth < 64)
  select coalesce(array_agg(up.id::text order by up.depth), '{}') from up)`;

/**
 * Everything an enrolment decision reads, in one round trip: the activity (of the centre),
 * the start of its first session that takes place, the person (when given and of the centre)
 * with their staff group, account language and units, and their live enrolment. A rush sends
 * hundreds of these at once, so one query instead of five matters.
 */
export async function enrolmentFacts(
  q: Queryable,
  centreId: string,
  activityId: string,
  employeeId: string | null,
): Promise<{
  activity: ActivityRow;
  firstStart: Date | null;
  person: Person | null;
  live: { id: string; status: EnrolmentStatus; seq: number } | null;
} | null> {
  const [row] = await q
    .select({
      activity: programmeActivity,
      firstStart: sql<Date | null>`(select min(s.starts_at) from ${programmeSession} s
        where s.activity_id = ${programmeActivity.id} and s.cancelled_at is null)`.mapWith(
        programmeSession.startsAt,
      ),
      employeeId: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      active: employee.active,
      unitId: employee.unitId,
      positionId: employee.positionId,
      staffGroupId: position.staffGroupId,
      userId: employee.userId,
      locale: user.locale,
      unitPath: unitPathSql,
      liveId: sql<string | null>`(select e.id from ${programmeEnrolment} e
        where e.activity_id = ${programmeActivity.id} and e.employee_id = ${employee.id}
          and e.status in ('pending', 'confirmed', 'waitlisted'))`,
      liveStatus: sql<EnrolmentStatus | null>`(select e.status from ${programmeEnrolment} e
        where e.activity_id = ${programmeActivity.id} and e.employee_id = ${employee.id}
          and e.status in ('pending', 'confirmed', 'waitlisted'))`,
      liveSeq: sql<number | null>`(select e.seq from ${programmeEnrolment} e
        where e.activity_id = ${programmeActivity.id} and e.employee_id = ${employee.id}
          and e.status in ('pending', 'confirmed', 'waitlisted'))`.mapWith(Number),
    })
    .from(programmeActivity)
    .leftJoin(
      employee,
      and(
        eq(employee.id, employeeId ?? sql`null`),
        eq(employee.centreId, programmeActivity.centreId),
      ),
    )
    .leftJoin(position, eq(position.id, employee.positionId))
    .leftJoin(user, eq(user.id, employee.userId))
    .where(and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, centreId)));
  if (!row) return null;
  const person: Person | null = row.employeeId
    ? {
        id: row.employeeId,
        firstName: row.firstName!,
        lastName: row.lastName!,
        email: row.email!,
        active: row.active!,
        unitId: row.unitId,
        userId: row.userId,
        locale: isLocale(row.locale) ? row.locale : null,
        member: {
          staffGroupId: row.staffGroupId ?? null,
          positionId: row.positionId,
          unitPath: row.unitPath ?? [],
          active: row.active!,
        },
      }
    : null;
  return {
    activity: row.activity,
    firstStart: row.firstStart ?? null,
    person,
    live:
      row.liveId && row.liveStatus
        ? { id: row.liveId, status: row.liveStatus, seq: Number(row.liveSeq) }
        : null,
  };
}

export function unitsOf(q: Queryable, centreId: string) {
  return q
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId));
}

export async function centreNameOf(q: Queryable, centreId: string): Promise<string> {
  const [c] = await q.select({ name: centre.name }).from(centre).where(eq(centre.id, centreId));
  return c?.name ?? "";
}

/**
 * Locks the activity's row for the rest of the transaction. Every change to its enrolments
 * takes this lock first, so they happen one after another, in the order they got it; the
 * statements after it see everything committed before.
 */
export async function lockActivity(
  q: Queryable,
  centreId: string,
  activityId: string,
): Promise<ActivityRow | null> {
  const [a] = await q
    .select()
    .from(programmeActivity)
    .where(and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, centreId)))
    // NO KEY UPDATE serialises enrolments on the row without blocking the KEY SHARE that test
    // and evaluation submissions take on it.
    .for("no key update");
  return a ?? null;
}

/** What a notice about an activity needs, read under its lock. */
export type ActivityContext = {
  centreId: string;
  centreName: string;
  activity: ActivityRow;
  sessions: SessionRow[];
};

export async function activityContext(
  q: Queryable,
  activity: ActivityRow,
): Promise<ActivityContext> {
  // One after the other: inside a transaction the handle runs one statement at a time.
  const centreName = await centreNameOf(q, activity.centreId);
  const sessions = await sessionsOf(q, activity.id);
  return { centreId: activity.centreId, centreName, activity, sessions };
}

/** 1 for the first person waiting: the waitlisted of the activity up to this arrival. */
export async function waitlistPosition(
  q: Queryable,
  activityId: string,
  seq: number,
): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        eq(programmeEnrolment.status, "waitlisted"),
        lte(programmeEnrolment.seq, seq),
      ),
    );
  return row?.n ?? 0;
}

export async function waitlistLength(q: Queryable, activityId: string): Promise<number> {
  const [row] = await q
    .select({ n: count() })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        eq(programmeEnrolment.status, "waitlisted"),
      ),
    );
  return row?.n ?? 0;
}

export type Approver = { email: string; firstName: string; locale: Locale | null };

/** Who approves a person's enrolment: the managers of their unit or of a unit above it. */
export async function approversOf(
  q: Queryable,
  centreId: string,
  person: Pick<Person, "member" | "userId">,
): Promise<Approver[]> {
  const managers = await roleHolders(q, centreId, "manager", person.member.unitPath);
  // A manager asking for a place themselves is not their own approver.
  return managers
    .filter((m) => m.userId !== person.userId)
    .map(({ email, firstName, locale }) => ({ email, firstName, locale }));
}
