import { and, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { hashToken, newToken } from "../../platform/crypto.ts";
import { db, type Queryable, type Tx } from "../../platform/db.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { centre, employee } from "../org/schema.ts";
import { lockCycle, notOpen, warsawToday } from "./cycle-common.ts";
import { surveyLink } from "./open-cycle.ts";
import { surveyCycle, surveyParticipation } from "./schema.ts";

/**
 * Who gets a reminder: invited, not answered, not reminded yet today, and still an active
 * employee with an address. `reminded_on` makes a reminder at most one a day, whichever way it
 * was sent (by hand or on a reminder day).
 */
function dueWhere(cycleId: string): SQL {
  return and(
    eq(surveyParticipation.cycleId, cycleId),
    isNull(surveyParticipation.answeredOn),
    or(isNull(surveyParticipation.remindedOn), lt(surveyParticipation.remindedOn, warsawToday)),
    eq(employee.active, true),
    sql`${employee.email} <> ''`,
  )!;
}

/**
 * How many people a reminder sent now would reach, and how many were reminded today — counts
 * only: who has not answered is never shown to anyone.
 */
export async function reminderCounts(
  actor: Actor,
  cycleId: string,
): Promise<{ due: number; remindedToday: number }> {
  requirePermission(actor, "survey.manage");
  const [row] = await db()
    .select({
      due: sql<number>`count(*) filter (where ${dueWhere(cycleId)})::int`,
      remindedToday: sql<number>`count(*) filter (where ${surveyParticipation.remindedOn} = ${warsawToday})::int`,
    })
    .from(surveyParticipation)
    .innerJoin(employee, eq(employee.id, surveyParticipation.employeeId))
    .innerJoin(surveyCycle, eq(surveyCycle.id, surveyParticipation.cycleId))
    .where(and(eq(surveyParticipation.cycleId, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  return { due: row?.due ?? 0, remindedToday: row?.remindedToday ?? 0 };
}

const CHUNK = 500;

/**
 * Reminds, inside `tx`, everyone of a locked open cycle who is due (see `dueWhere`). Tokens are
 * kept only as hashes, so the first link cannot be sent again: each reminder carries a new
 * personal link, and the earlier one stops working (the mail says so). Rows are locked FOR
 * UPDATE, so a submission in flight either lands first (and the row no longer qualifies) or
 * waits and then uses the new link's hash — never both.
 */
export async function remindLockedCycle(
  tx: Tx,
  cycle: typeof surveyCycle.$inferSelect,
  by: { centreId: string; centreName: string; userId: string | null; requestId?: string },
  trigger: "manual" | "scheduled",
): Promise<number> {
  const due = await tx
    .select({
      id: surveyParticipation.id,
      firstName: employee.firstName,
      email: employee.email,
    })
    .from(surveyParticipation)
    .innerJoin(employee, eq(employee.id, surveyParticipation.employeeId))
    .where(dueWhere(cycle.id))
    .orderBy(surveyParticipation.id)
    .for("update", { of: surveyParticipation });
  if (due.length === 0) return 0;
  const tokens = due.map(() => newToken());
  for (let i = 0; i < due.length; i += CHUNK) {
    const values = due
      .slice(i, i + CHUNK)
      .map((p, k) => sql`(${p.id}::uuid, ${hashToken(tokens[i + k])})`);
    await tx.execute(sql`
      update ${surveyParticipation} as p
      set token_hash = v.hash, reminded_on = ${warsawToday}
      from (values ${sql.join(values, sql`, `)}) as v(id, hash)
      where p.id = v.id`);
  }
  const closes = formatDateTime(cycle.closesAt);
  for (const [k, p] of due.entries()) {
    await enqueueMail(tx, {
      centreId: by.centreId,
      kind: "survey-reminder",
      to: p.email,
      template: "surveyReminder",
      values: {
        name: p.firstName,
        centre: by.centreName,
        survey: cycle.name,
        closes,
        link: surveyLink(tokens[k]),
      },
    });
  }
  await writeAudit(tx, {
    centreId: by.centreId,
    actorUserId: by.userId,
    action: "survey.cycle.remind",
    entityType: "survey_cycle",
    entityId: cycle.id,
    details: { reminded: due.length, trigger },
    requestId: by.requestId,
  });
  return due.length;
}

/** Whether a cycle takes answers now: open, and its closing time not yet passed. */
async function acceptsAnswers(q: Queryable, cycleId: string): Promise<boolean> {
  const [row] = await q
    .select({ ok: sql<boolean>`${surveyCycle.closesAt} > now()` })
    .from(surveyCycle)
    .where(eq(surveyCycle.id, cycleId));
  return Boolean(row?.ok);
}

/**
 * Sends a reminder now to everyone invited to an open cycle who has not answered and has not
 * been reminded today. Returns how many were reminded (0 when all have answered or were
 * reminded today already).
 */
export async function sendReminders(actor: Actor, cycleId: string): Promise<{ reminded: number }> {
  requirePermission(actor, "survey.manage");
  return db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (
      cycle.status !== "open" ||
      cycle.kind !== "staff" ||
      !(await acceptsAnswers(tx, cycle.id))
    ) {
      throw notOpen();
    }
    const reminded = await remindLockedCycle(
      tx,
      cycle,
      {
        centreId: actor.centreId,
        centreName: actor.centreName,
        userId: actor.userId,
        requestId: actor.requestId,
      },
      "manual",
    );
    return { reminded };
  });
}

/** Reminders go out on a reminder day from this Warsaw hour, not in the middle of the night. */
export const REMINDER_HOUR = 8;

/**
 * The scheduled reminders of every centre: for each open cycle whose reminder days include
 * today (Warsaw), once it is past REMINDER_HOUR there, reminds whoever is due. Safe to run
 * any number of times a day and from several processes: a reminded row is not due again until
 * tomorrow, and each cycle is handled under its row lock. Returns how many were reminded.
 * `fromHour` is for tests, which may run before eight.
 */
export async function sendDueReminders(opts: { fromHour?: number } = {}): Promise<number> {
  const fromHour = opts.fromHour ?? REMINDER_HOUR;
  const cycles = await db()
    .select({ id: surveyCycle.id })
    .from(surveyCycle)
    .where(
      and(
        eq(surveyCycle.status, "open"),
        eq(surveyCycle.kind, "staff"),
        sql`${surveyCycle.closesAt} > now()`,
        sql`${surveyCycle.reminderDates} @> jsonb_build_array(${warsawToday}::text)`,
        sql`extract(hour from now() at time zone 'Europe/Warsaw') >= ${fromHour}`,
      ),
    );
  let total = 0;
  for (const { id } of cycles) {
    total += await db().transaction(async (tx) => {
      const [cycle] = await tx
        .select()
        .from(surveyCycle)
        .where(and(eq(surveyCycle.id, id), eq(surveyCycle.status, "open")))
        .for("update");
      if (!cycle) return 0;
      const centreName = await centreNameOf(tx, cycle.centreId);
      return remindLockedCycle(
        tx,
        cycle,
        { centreId: cycle.centreId, centreName, userId: null },
        "scheduled",
      );
    });
  }
  return total;
}

/** The centre's name, for mails sent by the jobs runner (a person's actor carries it). */
export async function centreNameOf(q: Queryable, centreId: string): Promise<string> {
  const [row] = await q.select({ name: centre.name }).from(centre).where(eq(centre.id, centreId));
  return row?.name ?? "";
}
