// A day in the rooms: one room's bookings of a Warsaw day (with times, purpose and who booked)
// and the list of rooms with each one's bookings of a day. Everyone who books rooms sees them,
// so that they can find a free time; only the person who booked (or whoever keeps the rooms)
// may cancel.
import { and, asc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { addDays, isCalendarDay, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { user } from "../access/schema.ts";
import { formatTime } from "../programme/session-text.ts";
import { findRoom, listRooms } from "./rooms.ts";
import { supportRoomBooking } from "./schema.ts";

/** The day asked for, or today (Warsaw) when it is missing or no calendar day. */
export function dayOrToday(day: unknown, now = new Date()): string {
  return typeof day === "string" && isCalendarDay(day) ? day : warsawDay(now);
}

async function bookingsOfDay(actor: Actor, roomIds: string[], day: string, now: Date) {
  if (roomIds.length === 0) return [];
  const from = startOfWarsawDay(day);
  const to = startOfWarsawDay(addDays(day, 1));
  const rows = await db()
    .select({
      id: supportRoomBooking.id,
      roomId: supportRoomBooking.roomId,
      startsAt: supportRoomBooking.startsAt,
      endsAt: supportRoomBooking.endsAt,
      purpose: supportRoomBooking.purpose,
      bookedBy: supportRoomBooking.bookedBy,
      bookedByName: user.name,
    })
    .from(supportRoomBooking)
    .innerJoin(user, eq(user.id, supportRoomBooking.bookedBy))
    .where(
      and(
        eq(supportRoomBooking.centreId, actor.centreId),
        inArray(supportRoomBooking.roomId, roomIds),
        isNull(supportRoomBooking.cancelledAt),
        lt(supportRoomBooking.startsAt, to),
        gt(supportRoomBooking.endsAt, from),
      ),
    )
    .orderBy(asc(supportRoomBooking.startsAt), asc(supportRoomBooking.id));
  const manager = can(actor, "rooms.manage");
  return rows.map((r) => {
    const mine = r.bookedBy === actor.userId;
    return {
      id: r.id,
      roomId: r.roomId,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      // A booking running in from the day before, or on into the next, shows the day's edge.
      from: r.startsAt < from ? "00:00" : formatTime(r.startsAt),
      to: r.endsAt > to ? "24:00" : formatTime(r.endsAt),
      purpose: r.purpose,
      bookedByName: r.bookedByName,
      mine,
      canCancel: (mine || manager) && r.endsAt > now,
    };
  });
}

/** One room's day: its bookings, and the days before and after for paging. */
export async function roomDay(actor: Actor, roomId: string, dayParam: unknown, now = new Date()) {
  requirePermission(actor, "rooms.book");
  const room = await findRoom(db(), actor, roomId);
  const day = dayOrToday(dayParam, now);
  return {
    room,
    day,
    previous: addDays(day, -1),
    next: addDays(day, 1),
    today: warsawDay(now),
    bookings: await bookingsOfDay(actor, [room.id], day, now),
  };
}

/** The rooms (search, sorting, paging as listRooms) with each one's bookings of a day. */
export async function roomsOfDay(actor: Actor, query: Record<string, string>, now = new Date()) {
  const list = await listRooms(actor, query);
  const day = dayOrToday(query.day, now);
  const bookings = await bookingsOfDay(
    actor,
    list.rows.map((r) => r.id),
    day,
    now,
  );
  return {
    ...list,
    day,
    previous: addDays(day, -1),
    next: addDays(day, 1),
    rows: list.rows.map((r) => ({ ...r, bookings: bookings.filter((b) => b.roomId === r.id) })),
  };
}
