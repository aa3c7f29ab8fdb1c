// Health Days: one date, one place, stations (blood pressure, a dietitian, …) each offering
// timed slots with a number of places. A coordinator prepares a draft, publishes it for booking
// and may call it off. A station's times and capacity may change while people are booked, but
// never so that a booking would lose its slot or its place: such a change is refused with the
// slot and the number of people it concerns.
import { and, asc, count, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { polishSortKey, searchWords } from "../../platform/sql.ts";
import { calendarDay, isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import { minutesToTime, timeToMinutes, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { healthDayCancelledNotices } from "./health-day-notices.ts";
import { slotStarts } from "./health-day-rules.ts";
import {
  HEALTH_DAY_STATUSES,
  healthDay,
  healthDayBooking,
  healthDaySlot,
  healthDayStation,
} from "./schema.ts";

export type HealthDayRow = typeof healthDay.$inferSelect;
export type StationRow = typeof healthDayStation.$inferSelect;

const text = (max: number) => z.string().trim().max(max, "errors.tooLong").optional().default("");
const required = (max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(max, "errors.tooLong");

export const healthDayFields = z.object({
  title: required(200),
  date: calendarDay,
  place: text(300),
  description: text(4000),
});
export type HealthDayInput = z.input<typeof healthDayFields>;

const clock = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .refine((v) => timeToMinutes(v) !== null, "errors.time");

/** A station as typed in the form or sent by the API: times "HH:MM" on the Warsaw clock. */
export const stationFields = z
  .object({
    name: required(200),
    description: text(1000),
    from: clock,
    to: clock,
    slotMinutes: wholeNumber(5, 240, "errors.healthDaySlotMinutes"),
    capacity: wholeNumber(1, 100, "errors.healthDayCapacity"),
  })
  .superRefine((s, ctx) => {
    const from = timeToMinutes(s.from)!;
    const to = timeToMinutes(s.to)!;
    if (to <= from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "errors.healthDayStationEnd" });
    } else if (to - from < s.slotMinutes) {
      ctx.addIssue({
        code: "custom",
        path: ["slotMinutes"],
        message: "errors.healthDaySlotTooLong",
      });
    }
  });
export type StationInput = z.input<typeof stationFields>;

/** The Health Day of the actor's centre, or not_found (another centre's id included). */
export async function findHealthDay(q: Queryable, actor: Actor, id: string): Promise<HealthDayRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await q
    .select()
    .from(healthDay)
    .where(and(eq(healthDay.id, id), eq(healthDay.centreId, actor.centreId)));
  if (!row) throw notFound();
  return row;
}

/** As findHealthDay, but a draft exists only for those who run Health Days. */
export async function findVisibleHealthDay(
  q: Queryable,
  actor: Actor,
  id: string,
): Promise<HealthDayRow> {
  const day = await findHealthDay(q, actor, id);
  if (day.status === "draft" && !can(actor, "healthday.manage")) throw notFound();
  return day;
}

export async function stationsOf(q: Queryable, dayId: string): Promise<StationRow[]> {
  return q
    .select()
    .from(healthDayStation)
    .where(eq(healthDayStation.healthDayId, dayId))
    .orderBy(asc(healthDayStation.sortOrder), asc(healthDayStation.startMinute));
}

export const HEALTH_DAY_SORTS = ["date", "title", "status"] as const;

export const healthDayListQuery = z.object({
  q: z.string().trim().max(200).optional().default(""),
  status: z
    .enum(["all", ...HEALTH_DAY_STATUSES])
    .optional()
    .catch("all")
    .default("all"),
  when: z.enum(["upcoming", "past", "all"]).optional().catch("all").default("all"),
  sort: z.enum(HEALTH_DAY_SORTS).optional().catch("date").default("date"),
  dir: z.enum(["asc", "desc"]).optional().catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).optional().catch(20).default(20),
});

/** Every Health Day of the centre for those who run them: search, filters, sorting, paging. */
export async function listHealthDays(actor: Actor, query: unknown) {
  requirePermission(actor, "healthday.manage");
  const f = healthDayListQuery.parse(query ?? {});
  const today = warsawDay(new Date());
  const where: (SQL | undefined)[] = [eq(healthDay.centreId, actor.centreId)];
  if (f.status !== "all") where.push(eq(healthDay.status, f.status));
  if (f.when === "upcoming") where.push(sql`${healthDay.date} >= ${today}`);
  if (f.when === "past") where.push(sql`${healthDay.date} < ${today}`);
  where.push(...searchWords(f.q, [healthDay.title, healthDay.place]));
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy = {
    date: [dirFn(healthDay.date), asc(polishSortKey(healthDay.title))],
    title: [dirFn(polishSortKey(healthDay.title)), desc(healthDay.date)],
    status: [dirFn(healthDay.status), desc(healthDay.date)],
  }[f.sort];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select()
      .from(healthDay)
      .where(cond)
      .orderBy(...orderBy, asc(healthDay.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(healthDay).where(cond),
  ]);
  const counts = await bookingCounts(rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({
      ...r,
      stations: counts.get(r.id)?.stations ?? 0,
      booked: counts.get(r.id)?.booked ?? 0,
    })),
    total,
    ...f,
  };
}

/** Stations and live bookings per day. */
async function bookingCounts(dayIds: string[]) {
  const out = new Map<string, { stations: number; booked: number }>();
  if (dayIds.length === 0) return out;
  const rows = await db()
    .select({
      dayId: healthDayStation.healthDayId,
      stations: sql<number>`count(distinct ${healthDayStation.id})`.mapWith(Number),
      booked: sql<number>`count(${healthDayBooking.id})`.mapWith(Number),
    })
    .from(healthDayStation)
    .leftJoin(
      healthDayBooking,
      and(
        eq(healthDayBooking.stationId, healthDayStation.id),
        isNull(healthDayBooking.cancelledAt),
      ),
    )
    .where(inArray(healthDayStation.healthDayId, dayIds))
    .groupBy(healthDayStation.healthDayId);
  for (const r of rows) out.set(r.dayId, { stations: r.stations, booked: r.booked });
  return out;
}

/**
 * Published Health Days for booking: those still to come (today included), soonest first,
 * and those of the last 90 days, newest first, so one can look back at one's bookings.
 */
export async function listPublishedHealthDays(actor: Actor) {
  requirePermission(actor, "healthday.book");
  const today = warsawDay(new Date());
  const rows = await db()
    .select()
    .from(healthDay)
    .where(
      and(
        eq(healthDay.centreId, actor.centreId),
        eq(healthDay.status, "published"),
        sql`${healthDay.date} >= (${today}::date - 90)`,
      ),
    )
    .orderBy(asc(healthDay.date), asc(healthDay.id));
  const counts = await bookingCounts(rows.map((r) => r.id));
  const withCounts = rows.map((r) => ({ ...r, stations: counts.get(r.id)?.stations ?? 0 }));
  return {
    upcoming: withCounts.filter((r) => r.date >= today),
    past: withCounts.filter((r) => r.date < today).reverse(),
  };
}

/** One Health Day with its stations, for the coordinator's page. */
export async function healthDayForManager(actor: Actor, id: string) {
  requirePermission(actor, "healthday.manage");
  const day = await findHealthDay(db(), actor, id);
  const stations = await stationsOf(db(), day.id);
  return { day, stations };
}

function today(): string {
  return warsawDay(new Date());
}

const audit = (
  q: Queryable,
  actor: Actor,
  action: string,
  entityType: string,
  entityId: string,
  details: Record<string, unknown> = {},
) =>
  writeAudit(q, {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action,
    entityType,
    entityId,
    details,
    requestId: actor.requestId,
  });

/** A new Health Day, as a draft; its date may not have passed. */
export async function createHealthDay(actor: Actor, input: unknown): Promise<string> {
  requirePermission(actor, "healthday.manage");
  const d = parseInput(healthDayFields, input);
  if (d.date < today()) throw new AppError("validation", { date: "errors.healthDayPast" });
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(healthDay)
      .values({ ...d, centreId: actor.centreId })
      .returning({ id: healthDay.id });
    await audit(tx, actor, "health_day.create", "health_day", row.id);
    return row.id;
  });
}

/** Locks the day for a change; a cancelled day is not changed any more. */
async function lockDay(q: Queryable, actor: Actor, id: string): Promise<HealthDayRow> {
  if (!isUuid(id)) throw notFound();
  const [day] = await q
    .select()
    .from(healthDay)
    .where(and(eq(healthDay.id, id), eq(healthDay.centreId, actor.centreId)))
    .for("update");
  if (!day) throw notFound();
  if (day.status === "cancelled") {
    throw new AppError("conflict", { _form: "errors.healthDayCancelled" });
  }
  return day;
}

async function liveBookingCount(q: Queryable, where: SQL | undefined): Promise<number> {
  const [{ n }] = await q
    .select({ n: count() })
    .from(healthDayBooking)
    .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
    .where(and(where, isNull(healthDayBooking.cancelledAt)));
  return n;
}

/**
 * Changes a day's title, date, place and description. The date moves only while nobody is
 * booked (their calendars hold the old one) and never into the past.
 */
export async function updateHealthDay(actor: Actor, id: string, input: unknown): Promise<void> {
  requirePermission(actor, "healthday.manage");
  await findHealthDay(db(), actor, id);
  const d = parseInput(healthDayFields, input);
  await db().transaction(async (tx) => {
    const day = await lockDay(tx, actor, id);
    if (d.date !== day.date) {
      if (d.date < today()) throw new AppError("validation", { date: "errors.healthDayPast" });
      const booked = await liveBookingCount(tx, eq(healthDayStation.healthDayId, id));
      if (booked > 0) {
        const err = new AppError("validation", { date: "errors.healthDayDateBooked" });
        err.extensions.booked = booked;
        throw err;
      }
    }
    await tx.update(healthDay).set(d).where(eq(healthDay.id, id));
    await audit(tx, actor, "health_day.update", "health_day", id, { fields: Object.keys(d) });
  });
}

/** A change that would take a booked slot away or below its bookings; with its figures. */
function stationChangeRefused(key: string, slot: number, booked: number, field: string) {
  const err = new AppError("validation", { [field]: key });
  err.extensions.slot = minutesToTime(slot);
  err.extensions.booked = booked;
  return err;
}

/**
 * Adds (stationId null) or changes a station. A change keeps every live booking: each booked
 * slot must still start at the same time in the new layout and hold as many places as are
 * taken in it; the station's slot rows then take the new capacity (their CHECK holds it too).
 */
export async function saveStation(
  actor: Actor,
  dayId: string,
  stationId: string | null,
  input: unknown,
): Promise<string> {
  requirePermission(actor, "healthday.manage");
  await findHealthDay(db(), actor, dayId);
  const d = parseInput(stationFields, input);
  const values = {
    name: d.name,
    description: d.description,
    startMinute: timeToMinutes(d.from)!,
    endMinute: timeToMinutes(d.to)!,
    slotMinutes: d.slotMinutes,
    capacity: d.capacity,
  };
  return db().transaction(async (tx) => {
    await lockDay(tx, actor, dayId);
    if (stationId === null) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(healthDayStation)
        .where(eq(healthDayStation.healthDayId, dayId));
      const [row] = await tx
        .insert(healthDayStation)
        .values({ ...values, centreId: actor.centreId, healthDayId: dayId, sortOrder: n })
        .returning({ id: healthDayStation.id });
      await audit(tx, actor, "health_day.station.create", "health_day_station", row.id, {
        healthDayId: dayId,
      });
      return row.id;
    }
    if (!isUuid(stationId)) throw notFound();
    const [station] = await tx
      .select()
      .from(healthDayStation)
      .where(and(eq(healthDayStation.id, stationId), eq(healthDayStation.healthDayId, dayId)))
      .for("update");
    if (!station) throw notFound();
    // Places taken per slot, as the slot rows count them (bookings take them there).
    const slots = await tx
      .select()
      .from(healthDaySlot)
      .where(eq(healthDaySlot.stationId, stationId))
      .orderBy(asc(healthDaySlot.startMinute))
      .for("update");
    const starts = new Set(slotStarts(values));
    for (const s of slots) {
      if (s.taken === 0) continue;
      if (!starts.has(s.startMinute)) {
        throw stationChangeRefused("errors.healthDaySlotBooked", s.startMinute, s.taken, "from");
      }
      if (s.taken > values.capacity) {
        throw stationChangeRefused(
          "errors.healthDayCapacityBelowBooked",
          s.startMinute,
          s.taken,
          "capacity",
        );
      }
    }
    await tx.update(healthDayStation).set(values).where(eq(healthDayStation.id, stationId));
    // Empty slot rows of starts that no longer exist go; the rest take the new capacity.
    const gone = slots.filter((s) => s.taken === 0 && !starts.has(s.startMinute));
    if (gone.length) {
      await tx.delete(healthDaySlot).where(
        and(
          eq(healthDaySlot.stationId, stationId),
          inArray(
            healthDaySlot.startMinute,
            gone.map((s) => s.startMinute),
          ),
        ),
      );
    }
    await tx
      .update(healthDaySlot)
      .set({ capacity: values.capacity })
      .where(eq(healthDaySlot.stationId, stationId));
    await audit(tx, actor, "health_day.station.update", "health_day_station", stationId, {
      healthDayId: dayId,
    });
    return stationId;
  });
}

/** Removes a station nobody is booked at. */
export async function removeStation(actor: Actor, dayId: string, stationId: string) {
  requirePermission(actor, "healthday.manage");
  await findHealthDay(db(), actor, dayId);
  if (!isUuid(stationId)) throw notFound();
  await db().transaction(async (tx) => {
    await lockDay(tx, actor, dayId);
    const [station] = await tx
      .select()
      .from(healthDayStation)
      .where(and(eq(healthDayStation.id, stationId), eq(healthDayStation.healthDayId, dayId)))
      .for("update");
    if (!station) throw notFound();
    const booked = await liveBookingCount(tx, eq(healthDayStation.id, stationId));
    if (booked > 0) {
      const err = new AppError("conflict", { _form: "errors.healthDayStationBooked" });
      err.extensions.booked = booked;
      throw err;
    }
    await tx.delete(healthDayStation).where(eq(healthDayStation.id, stationId));
    await audit(tx, actor, "health_day.station.delete", "health_day_station", stationId, {
      healthDayId: dayId,
    });
  });
}

/** Opens a draft for booking: it needs a station, and its date may not have passed. */
export async function publishHealthDay(actor: Actor, id: string): Promise<void> {
  requirePermission(actor, "healthday.manage");
  await findHealthDay(db(), actor, id);
  await db().transaction(async (tx) => {
    const day = await lockDay(tx, actor, id);
    if (day.status === "published") return;
    if (day.date < today()) throw new AppError("conflict", { _form: "errors.healthDayPast" });
    const [{ n }] = await tx
      .select({ n: count() })
      .from(healthDayStation)
      .where(eq(healthDayStation.healthDayId, id));
    if (n === 0) throw new AppError("conflict", { _form: "errors.healthDayNoStations" });
    await tx.update(healthDay).set({ status: "published" }).where(eq(healthDay.id, id));
    await audit(tx, actor, "health_day.publish", "health_day", id);
  });
}

/**
 * Calls the day off: every live booking is cancelled, its place given back, and each person
 * told, with a calendar file that takes the slot out of their calendar.
 */
export async function cancelHealthDay(actor: Actor, id: string): Promise<number> {
  requirePermission(actor, "healthday.manage");
  await findHealthDay(db(), actor, id);
  return db().transaction(async (tx) => {
    const day = await lockDay(tx, actor, id);
    const stations = await stationsOf(tx, id);
    const cancelled = stations.length
      ? await tx
          .update(healthDayBooking)
          .set({ cancelledAt: new Date() })
          .where(
            and(
              inArray(
                healthDayBooking.stationId,
                stations.map((s) => s.id),
              ),
              isNull(healthDayBooking.cancelledAt),
            ),
          )
          .returning()
      : [];
    if (stations.length) {
      await tx
        .update(healthDaySlot)
        .set({ taken: 0 })
        .where(
          inArray(
            healthDaySlot.stationId,
            stations.map((s) => s.id),
          ),
        );
    }
    await tx.update(healthDay).set({ status: "cancelled" }).where(eq(healthDay.id, id));
    await healthDayCancelledNotices(tx, actor.centreName, day, stations, cancelled);
    await audit(tx, actor, "health_day.cancel", "health_day", id, {
      bookingsCancelled: cancelled.length,
    });
    return cancelled.length;
  });
}
