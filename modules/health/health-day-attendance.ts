// Attendance at a Health Day's station: those who run Health Days mark each booked person
// present or absent, from the day itself on (never before it). Only live bookings are listed.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { minutesToTime } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { byPolishName } from "../programme/session-text.ts";
import { slotLabel } from "./health-day-rules.ts";
import { healthDay, healthDayBooking, healthDayStation } from "./schema.ts";

async function findStation(actor: Actor, dayId: string, stationId: string) {
  if (!isUuid(dayId) || !isUuid(stationId)) throw notFound();
  const [row] = await db()
    .select({ station: healthDayStation, day: healthDay })
    .from(healthDayStation)
    .innerJoin(healthDay, eq(healthDay.id, healthDayStation.healthDayId))
    .where(
      and(
        eq(healthDayStation.id, stationId),
        eq(healthDay.id, dayId),
        eq(healthDay.centreId, actor.centreId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

/** A station's booked people in slot order (then by name), with their marks. */
export async function stationAttendance(
  actor: Actor,
  dayId: string,
  stationId: string,
  now = new Date(),
) {
  requirePermission(actor, "healthday.manage");
  const { station, day } = await findStation(actor, dayId, stationId);
  const rows = await db()
    .select({
      id: healthDayBooking.id,
      startMinute: healthDayBooking.startMinute,
      attended: healthDayBooking.attended,
      employeeId: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      unitName: orgUnit.name,
    })
    .from(healthDayBooking)
    .innerJoin(employee, eq(employee.id, healthDayBooking.employeeId))
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .where(and(eq(healthDayBooking.stationId, station.id), isNull(healthDayBooking.cancelledAt)))
    .orderBy(asc(healthDayBooking.startMinute));
  rows.sort((a, b) => a.startMinute - b.startMinute || byPolishName(a, b));
  return {
    day,
    station,
    /** Marks are taken from the day itself on. */
    open: day.status === "published" && startOfWarsawDay(day.date) <= now,
    rows: rows.map((r) => ({
      ...r,
      time: minutesToTime(r.startMinute),
      label: slotLabel(r.startMinute, station.slotMinutes),
    })),
  };
}

const mark = z.enum(["yes", "no", ""]);

/**
 * Stores the marks of a station's bookings: `present-<bookingId>` = "yes" | "no" ("" leaves
 * the booking unmarked). Every id must be a live booking of the station, or nothing is
 * written.
 */
export async function markHealthDayAttendance(
  actor: Actor,
  dayId: string,
  stationId: string,
  values: Record<string, string>,
  now = new Date(),
): Promise<number> {
  requirePermission(actor, "healthday.manage");
  const { station, day } = await findStation(actor, dayId, stationId);
  if (day.status !== "published") {
    throw new AppError("conflict", { _form: "errors.healthDayCancelled" });
  }
  if (startOfWarsawDay(day.date) > now) {
    throw new AppError("conflict", { _form: "errors.healthDayAttendanceTooEarly" });
  }
  const marks = new Map<string, boolean | null>();
  for (const [k, v] of Object.entries(values)) {
    if (!k.startsWith("present-")) continue;
    const id = k.slice("present-".length);
    const m = parseInput(mark, v);
    if (!isUuid(id)) throw new AppError("validation", { _form: "errors.invalid" });
    marks.set(id, m === "" ? null : m === "yes");
  }
  if (marks.size === 0) return 0;
  return db().transaction(async (tx) => {
    const live = await tx
      .select({ id: healthDayBooking.id, attended: healthDayBooking.attended })
      .from(healthDayBooking)
      .where(
        and(
          eq(healthDayBooking.stationId, station.id),
          isNull(healthDayBooking.cancelledAt),
          inArray(healthDayBooking.id, [...marks.keys()]),
        ),
      )
      .for("update");
    if (live.length !== marks.size) {
      throw new AppError("validation", { _form: "errors.healthDayNotBooked" });
    }
    let changed = 0;
    for (const b of live) {
      const next = marks.get(b.id)!;
      if (b.attended === next) continue;
      await tx
        .update(healthDayBooking)
        .set({ attended: next })
        .where(eq(healthDayBooking.id, b.id));
      changed++;
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "health_day.attendance",
      entityType: "health_day_station",
      entityId: station.id,
      details: { healthDayId: day.id, marked: changed },
      requestId: actor.requestId,
    });
    return changed;
  });
}
