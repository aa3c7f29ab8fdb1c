// Counts per station of a Health Day: places offered, booked, attended, absent and free. No
// names: the counts are what the programme's reports need.
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { slotStarts } from "./health-day-rules.ts";
import { findHealthDay, stationsOf } from "./health-days.ts";
import { healthDayBooking, healthDayStation } from "./schema.ts";

export type StationStats = {
  stationId: string;
  name: string;
  slots: number;
  places: number;
  booked: number;
  attended: number;
  absent: number;
  free: number;
};

export async function healthDayStats(actor: Actor, dayId: string) {
  requirePermission(actor, "healthday.manage");
  const day = await findHealthDay(db(), actor, dayId);
  const stations = await stationsOf(db(), day.id);
  const counts = await db()
    .select({
      stationId: healthDayBooking.stationId,
      booked: sql<number>`count(*)`.mapWith(Number),
      attended: sql<number>`count(*) filter (where ${healthDayBooking.attended} is true)`.mapWith(
        Number,
      ),
      absent: sql<number>`count(*) filter (where ${healthDayBooking.attended} is false)`.mapWith(
        Number,
      ),
    })
    .from(healthDayBooking)
    .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
    .where(and(eq(healthDayStation.healthDayId, day.id), isNull(healthDayBooking.cancelledAt)))
    .groupBy(healthDayBooking.stationId);
  const [{ people }] = await db()
    .select({ people: sql<number>`count(distinct ${healthDayBooking.employeeId})`.mapWith(Number) })
    .from(healthDayBooking)
    .innerJoin(healthDayStation, eq(healthDayStation.id, healthDayBooking.stationId))
    .where(and(eq(healthDayStation.healthDayId, day.id), isNull(healthDayBooking.cancelledAt)));
  const byStation = new Map(counts.map((c) => [c.stationId, c]));
  const rows: StationStats[] = stations.map((s) => {
    const c = byStation.get(s.id);
    const slots = slotStarts(s).length;
    const places = slots * s.capacity;
    const booked = c?.booked ?? 0;
    return {
      stationId: s.id,
      name: s.name,
      slots,
      places,
      booked,
      attended: c?.attended ?? 0,
      absent: c?.absent ?? 0,
      free: Math.max(0, places - booked),
    };
  });
  const sum = (k: keyof Omit<StationStats, "stationId" | "name">) =>
    rows.reduce((n, r) => n + r[k], 0);
  return {
    day,
    rows,
    total: {
      slots: sum("slots"),
      places: sum("places"),
      booked: sum("booked"),
      attended: sum("attended"),
      absent: sum("absent"),
      free: sum("free"),
      /** Different people booked at any station. */
      people,
    },
  };
}
