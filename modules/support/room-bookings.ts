// Booking a room for a time with a purpose, and cancelling. Two live bookings of one room never
// overlap: checked here, and held by the exclusion constraint `support_room_booking_no_overlap`
// when two requests pass the check at the same moment — either way the person is told when the
// room is taken. The purpose is free text seen by everyone who books rooms: never a client's
// name (the form says so).
import { and, asc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isExclusionViolation, notFound } from "../../platform/errors.ts";
import { formatDate, isLocale } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { calendarDay, isUuid, parseInput } from "../../platform/validation.ts";
import { timeToMinutes, warsawDay, warsawInstant } from "../../platform/warsaw-time.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { user } from "../access/schema.ts";
import { employee } from "../org/schema.ts";
import { formatTime } from "../programme/session-text.ts";
import { findRoom } from "./rooms.ts";
import { supportRoom, supportRoomBooking } from "./schema.ts";

const clock = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .refine((v) => timeToMinutes(v) !== null, "errors.time");

/** A booking as the form and the API send it: a Warsaw day and two clock times. */
export const roomBookingFields = z
  .object({
    day: calendarDay.describe("yyyy-mm-dd"),
    from: clock.describe('"HH:MM" on the Warsaw clock'),
    to: clock.describe('"HH:MM" on the Warsaw clock, after from'),
    purpose: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .max(300, "errors.tooLong")
      .describe("what the room is for — never a client's name"),
    employeeId: z
      .string()
      .optional()
      .describe("a colleague (with an account) to book for, by those who keep the rooms"),
  })
  .superRefine((b, ctx) => {
    if (timeToMinutes(b.to)! <= timeToMinutes(b.from)!) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "errors.roomEndBeforeStart" });
    }
  });
export type RoomBookingInput = z.input<typeof roomBookingFields>;

/** "10:00" on the requested day, or "12.05.2026 10:00" when the other booking is another day's. */
function clockOn(day: string, at: Date): string {
  return warsawDay(at) === day ? formatTime(at) : `${formatDate(at)} ${formatTime(at)}`;
}

/** The room is taken; with the times of the booking in the way, for the message. */
function roomBusy(day: string, other: { startsAt: Date; endsAt: Date } | undefined): AppError {
  const err = new AppError("conflict", { from: "errors.roomBusy" });
  if (other) {
    err.extensions.busy = { from: clockOn(day, other.startsAt), to: clockOn(day, other.endsAt) };
  }
  return err;
}

function overlapping(q: Queryable, roomId: string, startsAt: Date, endsAt: Date) {
  return q
    .select({ startsAt: supportRoomBooking.startsAt, endsAt: supportRoomBooking.endsAt })
    .from(supportRoomBooking)
    .where(
      and(
        eq(supportRoomBooking.roomId, roomId),
        isNull(supportRoomBooking.cancelledAt),
        lt(supportRoomBooking.startsAt, endsAt),
        gt(supportRoomBooking.endsAt, startsAt),
      ),
    )
    .orderBy(asc(supportRoomBooking.startsAt))
    .limit(1);
}

/**
 * Books an active room of the actor's centre for a time still to come. Refused: the end not
 * after the start, a start in the past, an inactive room, a time the room is taken.
 */
export async function bookRoom(
  actor: Actor,
  roomId: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
  requirePermission(actor, "rooms.book");
  const room = await findRoom(db(), actor, roomId);
  const d = parseInput(roomBookingFields, input);
  // A room is held by a person, who can be asked about it and may cancel it: the actor, or a
  // colleague with an account that those who keep the rooms book for.
  let bookedBy = actor.userId;
  if (d.employeeId !== undefined && d.employeeId !== actor.employeeId) {
    requirePermission(actor, "rooms.manage");
    const [e] = isUuid(d.employeeId)
      ? await db()
          .select({ userId: employee.userId, active: employee.active })
          .from(employee)
          .where(and(eq(employee.id, d.employeeId), eq(employee.centreId, actor.centreId)))
      : [];
    if (!e?.active) throw new AppError("validation", { employeeId: "errors.invalid" });
    if (!e.userId) throw new AppError("validation", { employeeId: "errors.roomPersonNoAccount" });
    bookedBy = e.userId;
  } else if (actor.apiKeyId) {
    throw new AppError("validation", { _form: "errors.roomNeedsPerson" });
  }
  if (!room.active) throw new AppError("conflict", { _form: "errors.roomInactive" });
  const startsAt = warsawInstant(d.day, d.from)!;
  const endsAt = warsawInstant(d.day, d.to)!;
  if (startsAt < now) {
    throw new AppError("validation", {
      [d.day < warsawDay(now) ? "day" : "from"]: "errors.roomPast",
    });
  }
  try {
    return await db().transaction(async (tx) => {
      const [other] = await overlapping(tx, room.id, startsAt, endsAt);
      if (other) throw roomBusy(d.day, other);
      const [row] = await tx
        .insert(supportRoomBooking)
        .values({
          centreId: actor.centreId,
          roomId: room.id,
          bookedBy,
          purpose: d.purpose,
          startsAt,
          endsAt,
        })
        .returning({ id: supportRoomBooking.id });
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "room.booking.create",
        entityType: "support_room_booking",
        entityId: row.id,
        details: { roomId: room.id, forColleague: bookedBy !== actor.userId },
        requestId: actor.requestId,
      });
      return { id: row.id, startsAt, endsAt };
    });
  } catch (err) {
    if (isExclusionViolation(err, "support_room_booking_no_overlap")) {
      // The booking that won the race, read after ours was rolled back.
      const [other] = await overlapping(db(), room.id, startsAt, endsAt);
      throw roomBusy(d.day, other);
    }
    throw err;
  }
}

/**
 * Cancels a booking that has not ended: one's own, or any with `rooms.manage` (the person who
 * booked is then told by mail). Someone else's booking without it is not found.
 */
export async function cancelRoomBooking(
  actor: Actor,
  bookingId: string,
  now = new Date(),
): Promise<{ id: string; roomId: string }> {
  requirePermission(actor, "rooms.book");
  if (!isUuid(bookingId)) throw notFound();
  const manager = can(actor, "rooms.manage");
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({
        booking: supportRoomBooking,
        roomName: supportRoom.name,
        email: user.email,
        locale: user.locale,
        name: user.name,
      })
      .from(supportRoomBooking)
      .innerJoin(supportRoom, eq(supportRoom.id, supportRoomBooking.roomId))
      .innerJoin(user, eq(user.id, supportRoomBooking.bookedBy))
      .where(
        and(eq(supportRoomBooking.id, bookingId), eq(supportRoomBooking.centreId, actor.centreId)),
      )
      .for("update", { of: supportRoomBooking });
    const own = row?.booking.bookedBy === actor.userId;
    if (!row || (!own && !manager)) throw notFound();
    const b = row.booking;
    if (b.cancelledAt) throw new AppError("conflict", { _form: "errors.roomBookingCancelled" });
    if (b.endsAt <= now) throw new AppError("conflict", { _form: "errors.roomBookingEnded" });
    await tx
      .update(supportRoomBooking)
      .set({ cancelledAt: now })
      .where(eq(supportRoomBooking.id, b.id));
    if (!own) {
      const day = warsawDay(b.startsAt);
      await enqueueMail(tx, {
        centreId: actor.centreId,
        kind: "room-booking-cancelled",
        to: row.email,
        template: "roomBookingCancelled",
        locale: isLocale(row.locale) ? row.locale : "pl",
        values: {
          name: row.name,
          room: row.roomName,
          date: formatDate(b.startsAt),
          time: `${formatTime(b.startsAt)}–${clockOn(day, b.endsAt)}`,
          purpose: b.purpose,
          link: `${config().baseUrl}/rooms/${b.roomId}?day=${day}`,
        },
      });
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "room.booking.cancel",
      entityType: "support_room_booking",
      entityId: b.id,
      details: { roomId: b.roomId, byManager: !own },
      requestId: actor.requestId,
    });
    return { id: b.id, roomId: b.roomId };
  });
}

/**
 * Deactivation (modules/org/deactivation.ts): the rooms the people booked for times still to
 * come are freed, inside the deactivating transaction; a booking under way stays as history.
 */
export async function cancelFutureRoomBookingsOf(
  tx: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<number> {
  if (employeeIds.length === 0) return 0;
  const accounts = await tx
    .select({ userId: employee.userId })
    .from(employee)
    .where(and(eq(employee.centreId, centreId), inArray(employee.id, employeeIds)));
  const userIds = accounts.flatMap((a) => (a.userId ? [a.userId] : []));
  if (userIds.length === 0) return 0;
  const done = await tx
    .update(supportRoomBooking)
    .set({ cancelledAt: new Date() })
    .where(
      and(
        eq(supportRoomBooking.centreId, centreId),
        inArray(supportRoomBooking.bookedBy, userIds),
        isNull(supportRoomBooking.cancelledAt),
        gt(supportRoomBooking.startsAt, new Date()),
      ),
    )
    .returning({ id: supportRoomBooking.id });
  return done.length;
}
