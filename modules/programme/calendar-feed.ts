// A personal calendar feed: a secret address (/calendar/<token>.ics) a calendar application
// subscribes to, listing the sessions of all of a person's live enrolments. Only the token's
// hash is kept; a new address replaces the old one, and revoking deletes it. The feed stops
// with the employee's deactivation.
import { and, asc, eq, inArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { hashToken, newToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { isLocale, translator } from "../../platform/i18n.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { user } from "../access/schema.ts";
import { employee } from "../org/schema.ts";
import { LIVE_STATUSES } from "./eligibility.ts";
import { centreNameOf } from "./enrolment-common.ts";
import { buildIcs, type IcsEvent } from "./ics.ts";
import {
  programmeActivity,
  programmeCalendarFeed,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";

/** A token is 43 URL-safe characters (256 bits); anything else is not worth a query. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function calendarFeedUrl(token: string): string {
  return `${config().baseUrl}/calendar/${token}.ics`;
}

function requireEmployee(actor: Actor): string {
  requirePermission(actor, "programme.enrol");
  if (!actor.employeeId) {
    throw new AppError("conflict", { _form: "programme.calendar.noEmployee" });
  }
  return actor.employeeId;
}

export async function calendarFeedState(actor: Actor): Promise<{ createdAt: Date } | null> {
  requirePermission(actor, "programme.enrol");
  if (!actor.employeeId) return null;
  const [row] = await db()
    .select({ createdAt: programmeCalendarFeed.createdAt })
    .from(programmeCalendarFeed)
    .where(
      and(
        eq(programmeCalendarFeed.centreId, actor.centreId),
        eq(programmeCalendarFeed.employeeId, actor.employeeId),
      ),
    );
  return row ?? null;
}

/** Makes the person's feed address, replacing any earlier one; the address is shown once. */
export async function createCalendarFeed(actor: Actor): Promise<{ url: string }> {
  const employeeId = requireEmployee(actor);
  const token = newToken();
  await db().transaction(async (tx) => {
    await tx
      .insert(programmeCalendarFeed)
      .values({ centreId: actor.centreId, employeeId, tokenHash: hashToken(token) })
      .onConflictDoUpdate({
        target: programmeCalendarFeed.employeeId,
        set: { tokenHash: hashToken(token), createdAt: new Date() },
      });
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.calendarFeed.create",
      entityType: "programme_calendar_feed",
      entityId: employeeId,
      requestId: actor.requestId,
    });
  });
  return { url: calendarFeedUrl(token) };
}

export async function revokeCalendarFeed(actor: Actor): Promise<void> {
  const employeeId = requireEmployee(actor);
  await db().transaction(async (tx) => {
    const gone = await tx
      .delete(programmeCalendarFeed)
      .where(
        and(
          eq(programmeCalendarFeed.centreId, actor.centreId),
          eq(programmeCalendarFeed.employeeId, employeeId),
        ),
      )
      .returning({ id: programmeCalendarFeed.id });
    if (gone.length === 0) return;
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.calendarFeed.revoke",
      entityType: "programme_calendar_feed",
      entityId: employeeId,
      requestId: actor.requestId,
    });
  });
}

/**
 * The feed's iCalendar text for a token, or null for an unknown or revoked token or an
 * inactive employee. Sessions of pending and waitlisted enrolments are marked tentative, and
 * cancelled sessions stay in as cancelled, so subscribed calendars drop them.
 */
export async function calendarFeedIcs(token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const [feed] = await db()
    .select({
      centreId: programmeCalendarFeed.centreId,
      employeeId: programmeCalendarFeed.employeeId,
      locale: user.locale,
    })
    .from(programmeCalendarFeed)
    .innerJoin(employee, eq(employee.id, programmeCalendarFeed.employeeId))
    .leftJoin(user, eq(user.id, employee.userId))
    .where(and(eq(programmeCalendarFeed.tokenHash, hashToken(token)), eq(employee.active, true)));
  if (!feed) return null;
  const rows = await db()
    .select({
      status: programmeEnrolment.status,
      activity: programmeActivity,
      session: programmeSession,
    })
    .from(programmeEnrolment)
    .innerJoin(programmeActivity, eq(programmeActivity.id, programmeEnrolment.activityId))
    .innerJoin(programmeSession, eq(programmeSession.activityId, programmeActivity.id))
    .where(
      and(
        eq(programmeEnrolment.centreId, feed.centreId),
        eq(programmeEnrolment.employeeId, feed.employeeId),
        inArray(programmeEnrolment.status, [...LIVE_STATUSES]),
      ),
    )
    .orderBy(asc(programmeSession.startsAt));
  const t = translator(isLocale(feed.locale) ? feed.locale : "pl");
  const events: IcsEvent[] = rows.map((r) => {
    const note =
      r.status === "waitlisted"
        ? ` ${t("programme.calendar.waitlistNote")}`
        : r.status === "pending"
          ? ` ${t("programme.calendar.pendingNote")}`
          : "";
    return {
      session: r.session,
      activity: { ...r.activity, title: `${r.activity.title}${note}` },
      tentative: r.status !== "confirmed",
    };
  });
  return buildIcs({
    method: null,
    calendarName: t("programme.calendar.feedName"),
    organizer: { name: await centreNameOf(db(), feed.centreId) },
    events,
  });
}
