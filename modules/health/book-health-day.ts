// Booking a Health Day slot, and giving it back. A place is taken by one conditional update
// of the slot's row (`taken = taken + 1 … where taken < capacity`) in the transaction that
// stores the booking: two people after the last place queue on that row, and the second finds
// it full — the row's CHECK refuses an over-booking even if the code did not. One booking per
// station and person (a partial unique index); bookings of one person on one day never
// overlap (checked under the person's row lock, so two requests at once are checked in turn).
// The person may give the place back until the day starts; those who run Health Days
// may cancel any booking.
import { and, asc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { minutesToTime, timeToMinutes, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { queueHealthDayNotices, slotInstants } from "./health-day-notices.ts";
import { slotLabel, slotStarts } from "./health-day-rules.ts";
import { stationSlotViews, takenByStation } from "./health-day-slots.ts";
import { findVisibleHealthDay, stationsOf } from "./health-days.ts";
import { healthDay, healthDayBooking, healthDaySlot, healthDayStation } from "./schema.ts";

export const bookHealthDayBody = z.object({
  stationId: z.string({ error: "errors.required" }).refine(isUuid, "errors.healthDayChooseSlot"),
  time: z
    .string({ error: "errors.healthDayChooseSlot" })
    .trim()
    .min(1, "errors.healthDayChooseSlot")
    .refine((v) => timeToMinutes(v) !== null, "errors.time")
    .describe('the slot\'s start, "HH:MM" on the Warsaw clock'),
  employeeId: z
    .string()
    .optional()
    .describe("someone else to book for (those who run Health Days); left out: oneself"),
});

export type FreeSlot = { stationId: string; stationName: string; time: string; left: number };

/** The nearest slots with places left, of the same station first, then of the day's others. */
async function nearestFreeSlots(
  q: Queryable,
  day: { id: string; date: string },
  stationId: string,
  around: number,
  now = new Date(),
): Promise<FreeSlot[]> {
  const stations = await stationsOf(q, day.id);
  const taken = await takenByStation(
    q,
    stations.map((s) => s.id),
  );
  const free = (s: (typeof stations)[number]) =>
    stationSlotViews(s, day.date, taken.get(s.id) ?? new Map(), now)
      .filter((v) => !v.past && v.left > 0)
      .sort(
        (a, b) =>
          Math.abs(a.startMinute - around) - Math.abs(b.startMinute - around) ||
          a.startMinute - b.startMinute,
      )
      .map((v) => ({ stationId: s.id, stationName: s.name, time: v.time, left: v.left }));
  const same = stations.find((s) => s.id === stationId);
  const others = stations.filter((s) => s.id !== stationId);
  return [...(same ? free(same).slice(0, 5) : []), ...others.flatMap((s) => free(s).slice(0, 1))];
}

/** The slot is taken; with the nearest free slots for the page and the API to offer. */
function slotFull(stationId: string, freeSlots: FreeSlot[]): AppError {
  const err = new AppError("conflict", { time: "errors.healthDaySlotFull" });
  err.extensions.stationId = stationId;
  err.extensions.freeSlots = freeSlots;
  return err;
}

/**
 * Books the actor a place at a station of a published Health Day. Refused: a draft or
 * another centre's day (not found), a day called off, a slot that has started, one that is
 * no slot of the station, a second booking at the same station, a slot overlapping one's
 * other booking that day, a full slot (with the nearest free ones).
 */
export async function bookHealthDay(
  actor: Actor,
  dayId: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string; stationId: string; time: string }> {
  requirePermission(actor, "healthday.book");
  // Another centre's day, or a draft, is not found whatever the body holds.
  await findVisibleHealthDay(db(), actor, dayId);
  const d = parseInput(bookHealthDayBody, input);
  // Those who run Health Days may book a colleague (who called, or has no account).
  const nominating = d.employeeId !== undefined && d.employeeId !== actor.employeeId;
  if (nominating) {
    requirePermission(actor, "healthday.manage");
    await requireActiveEmployee(actor, d.employeeId!);
  }
  const employeeId = nominating ? d.employeeId! : actor.employeeId;
  if (!employeeId) throw new AppError("validation", { _form: "errors.healthDayNoEmployee" });
  const startMinute = timeToMinutes(d.time)!;
  try {
    return await db().transaction(async (tx) => {
      // The person's row first: their bookings are decided one at a time, so two requests at
      // once (two stations, two tabs) cannot both pass the overlap check below, which reads
      // only committed bookings. Employee before the day and the slot, as deactivation and the
      // support bookings take them. NO KEY UPDATE, not UPDATE: it does not hold up the inserts
      // that only reference the person (a foreign key takes KEY SHARE).
      const [person] = await tx
        .select({ active: employee.active })
        .from(employee)
        .where(and(eq(employee.id, employeeId), eq(employee.centreId, actor.centreId)))
        .for("no key update");
      // Deactivated meanwhile (a colleague booked by an organiser, or a session not yet ended).
      if (!person?.active) {
        throw new AppError(
          "validation",
          nominating ? { employeeId: "errors.invalid" } : { _form: "errors.healthDayNoEmployee" },
        );
      }
      // A shared lock on the day: bookings go side by side, while a change to the day or to
      // one of its stations (which locks the day for update first) waits for them, and they
      // for it.
      const [row] = await tx
        .select({ day: healthDay, station: healthDayStation })
        .from(healthDayStation)
        .innerJoin(healthDay, eq(healthDay.id, healthDayStation.healthDayId))
        .where(
          and(
            eq(healthDayStation.id, d.stationId),
            eq(healthDay.id, dayId),
            eq(healthDay.centreId, actor.centreId),
          ),
        )
        .for("share", { of: healthDay });
      if (!row || row.day.status === "draft") {
        // The day exists but the station is not one of it: the form's choice is wrong.
        const [day] = await tx
          .select({ status: healthDay.status })
          .from(healthDay)
          .where(and(eq(healthDay.id, dayId), eq(healthDay.centreId, actor.centreId)));
        if (!day || day.status === "draft") throw notFound();
        throw new AppError("validation", { stationId: "errors.healthDayChooseSlot" });
      }
      const { day, station } = row;
      if (day.status === "cancelled") {
        throw new AppError("conflict", { _form: "errors.healthDayCancelled" });
      }
      if (!slotStarts(station).includes(startMinute)) {
        throw new AppError("validation", { time: "errors.healthDayNoSuchSlot" });
      }
      const { startsAt } = slotInstants(day.date, startMinute, station.slotMinutes);
      if (startsAt <= now) throw new AppError("conflict", { time: "errors.healthDaySlotPast" });

      const mine = await tx
        .select({ booking: healthDayBooking, station: healthDayStation })
        .from(healthDayBooking)
        .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
        .where(
          and(
            eq(healthDayStation.healthDayId, day.id),
            eq(healthDayBooking.employeeId, employeeId),
            isNull(healthDayBooking.cancelledAt),
          ),
        );
      const here = mine.find((m) => m.station.id === station.id);
      if (here) {
        const err = new AppError("conflict", { stationId: "errors.healthDayAlreadyBooked" });
        err.extensions.bookedTime = minutesToTime(here.booking.startMinute);
        throw err;
      }
      const end = startMinute + station.slotMinutes;
      const clash = mine.find(
        (m) =>
          m.booking.startMinute < end &&
          startMinute < m.booking.startMinute + m.station.slotMinutes,
      );
      if (clash) {
        const err = new AppError("conflict", { time: "errors.healthDayOverlap" });
        err.extensions.station = clash.station.name;
        err.extensions.slot = slotLabel(clash.booking.startMinute, clash.station.slotMinutes);
        throw err;
      }

      await tx
        .insert(healthDaySlot)
        .values({ stationId: station.id, startMinute, taken: 0, capacity: station.capacity })
        .onConflictDoNothing();
      const took = await tx
        .update(healthDaySlot)
        .set({ taken: sql`${healthDaySlot.taken} + 1` })
        .where(
          and(
            eq(healthDaySlot.stationId, station.id),
            eq(healthDaySlot.startMinute, startMinute),
            sql`${healthDaySlot.taken} < ${healthDaySlot.capacity}`,
          ),
        )
        .returning({ taken: healthDaySlot.taken });
      if (took.length === 0) {
        throw slotFull(station.id, await nearestFreeSlots(tx, day, station.id, startMinute, now));
      }
      const [booking] = await tx
        .insert(healthDayBooking)
        .values({ centreId: actor.centreId, stationId: station.id, employeeId, startMinute })
        .returning();
      await queueHealthDayNotices(tx, "booked", actor.centreName, day, [{ station, booking }]);
      // That a booking was made on the day, not whose nor at which station: the notices are
      // confidential, and the log, which administrators read, must not tell it either.
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "health_day.booking.create",
        entityType: "health_day",
        entityId: day.id,
        details: { nominated: nominating },
        requestId: actor.requestId,
      });
      return { id: booking.id, stationId: station.id, time: minutesToTime(startMinute) };
    });
  } catch (err) {
    // The same person twice at once: the index keeps one; the other is told they have it.
    if (isUniqueViolation(err, "health_day_booking_one_per_station")) {
      throw new AppError("conflict", { stationId: "errors.healthDayAlreadyBooked" });
    }
    // The CHECK on the slot row: only if the conditional update above were ever bypassed.
    if (isCheckViolation(err, "health_day_slot_taken")) {
      throw slotFull(d.stationId, []);
    }
    throw err;
  }
}

/** An active employee of the actor's centre, or a refusal on the field. */
async function requireActiveEmployee(actor: Actor, id: string): Promise<void> {
  const [e] = isUuid(id)
    ? await db()
        .select({ active: employee.active })
        .from(employee)
        .where(and(eq(employee.id, id), eq(employee.centreId, actor.centreId)))
    : [];
  if (!e?.active) throw new AppError("validation", { employeeId: "errors.invalid" });
}

function isCheckViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === "23514" && e.constraint === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Gives a place back. */
async function releasePlaces(
  q: Queryable,
  bookings: { stationId: string; startMinute: number }[],
): Promise<void> {
  // One statement per slot, in a fixed order, so two releases never wait on each other.
  const perSlot = new Map<string, { stationId: string; startMinute: number; n: number }>();
  for (const b of bookings) {
    const key = `${b.stationId}/${String(b.startMinute).padStart(4, "0")}`;
    const e = perSlot.get(key) ?? { stationId: b.stationId, startMinute: b.startMinute, n: 0 };
    e.n++;
    perSlot.set(key, e);
  }
  for (const key of [...perSlot.keys()].sort()) {
    const e = perSlot.get(key)!;
    await q
      .update(healthDaySlot)
      .set({ taken: sql`greatest(${healthDaySlot.taken} - ${e.n}, 0)` })
      .where(
        and(eq(healthDaySlot.stationId, e.stationId), eq(healthDaySlot.startMinute, e.startMinute)),
      );
  }
}

/**
 * Cancels a booking: one's own until the Health Day starts; those who run Health Days any
 * booking at any time. Anyone else's booking is not found. The person is told (with a
 * calendar file that removes the slot).
 */
export async function cancelHealthDayBooking(
  actor: Actor,
  bookingId: string,
  now = new Date(),
): Promise<{ id: string }> {
  requirePermission(actor, "healthday.book");
  if (!isUuid(bookingId)) throw notFound();
  const manager = can(actor, "healthday.manage");
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ booking: healthDayBooking, station: healthDayStation, day: healthDay })
      .from(healthDayBooking)
      .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
      .innerJoin(healthDay, eq(healthDay.id, healthDayStation.healthDayId))
      .where(and(eq(healthDayBooking.id, bookingId), eq(healthDay.centreId, actor.centreId)))
      .for("update", { of: healthDayBooking });
    const own = row && row.booking.employeeId === actor.employeeId;
    if (!row || (!own && !manager)) throw notFound();
    const { booking, station, day } = row;
    if (booking.cancelledAt) {
      throw new AppError("conflict", { _form: "errors.healthDayBookingCancelled" });
    }
    if (!manager && startOfWarsawDay(day.date) <= now) {
      throw new AppError("conflict", { _form: "errors.healthDayCancelTooLate" });
    }
    await tx
      .update(healthDayBooking)
      .set({ cancelledAt: now })
      .where(eq(healthDayBooking.id, booking.id));
    await releasePlaces(tx, [booking]);
    await queueHealthDayNotices(tx, "bookingCancelled", actor.centreName, day, [
      { station, booking },
    ]);
    // As for booking: the day, not whose place nor which station.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "health_day.booking.cancel",
      entityType: "health_day",
      entityId: day.id,
      details: { byOrganiser: !own },
      requestId: actor.requestId,
    });
    return { id: booking.id };
  });
}

/**
 * Deactivation (modules/org/deactivation.ts): the people's bookings of Health Days still to
 * come are cancelled and their places given back, inside the deactivating transaction. The
 * people are not written to: their accounts stop working. Nothing goes to the audit log either:
 * an entry per booking, next to the deactivation, would show the administrators what the person
 * had booked.
 */
export async function cancelFutureHealthDayBookingsOf(
  tx: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<number> {
  if (employeeIds.length === 0) return 0;
  const today = warsawDay(new Date());
  const rows = await tx
    .select({ id: healthDayBooking.id })
    .from(healthDayBooking)
    .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
    .innerJoin(healthDay, eq(healthDay.id, healthDayStation.healthDayId))
    .where(
      and(
        eq(healthDayBooking.centreId, centreId),
        inArray(healthDayBooking.employeeId, employeeIds),
        isNull(healthDayBooking.cancelledAt),
        sql`${healthDay.date} >= ${today}`,
        ne(healthDay.status, "cancelled"),
      ),
    );
  if (rows.length === 0) return 0;
  const cancelled = await tx
    .update(healthDayBooking)
    .set({ cancelledAt: new Date() })
    .where(
      and(
        inArray(
          healthDayBooking.id,
          rows.map((r) => r.id),
        ),
        isNull(healthDayBooking.cancelledAt),
      ),
    )
    .returning({
      stationId: healthDayBooking.stationId,
      startMinute: healthDayBooking.startMinute,
    });
  await releasePlaces(tx, cancelled);
  return cancelled.length;
}

/**
 * The actor's live Health Day bookings, soonest first: those of days still to come, or all
 * (`all: true`, with those of past days and of days called off marked).
 */
export async function myHealthDayBookings(actor: Actor, o: { all?: boolean } = {}) {
  requirePermission(actor, "healthday.book");
  if (!actor.employeeId) return [];
  const today = warsawDay(new Date());
  const rows = await db()
    .select({ booking: healthDayBooking, station: healthDayStation, day: healthDay })
    .from(healthDayBooking)
    .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
    .innerJoin(healthDay, eq(healthDay.id, healthDayStation.healthDayId))
    .where(
      and(
        eq(healthDayBooking.centreId, actor.centreId),
        eq(healthDayBooking.employeeId, actor.employeeId),
        isNull(healthDayBooking.cancelledAt),
        o.all ? undefined : sql`${healthDay.date} >= ${today}`,
        o.all ? undefined : eq(healthDay.status, "published"),
      ),
    )
    .orderBy(asc(healthDay.date), asc(healthDayBooking.startMinute));
  return rows.map(({ booking, station, day }) => ({
    id: booking.id,
    healthDayId: day.id,
    title: day.title,
    date: day.date,
    place: day.place,
    status: day.status,
    stationId: station.id,
    stationName: station.name,
    time: minutesToTime(booking.startMinute),
    label: slotLabel(booking.startMinute, station.slotMinutes),
    attended: booking.attended,
    past: day.date < today,
  }));
}
