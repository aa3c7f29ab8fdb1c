// The slots of a Health Day's stations with the places left in each, and the actor's own
// bookings of that day: what the booking page and the API show.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db, type Queryable } from "../../platform/db.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { minutesToTime } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { slotInstants } from "./health-day-notices.ts";
import { slotLabel, slotStarts } from "./health-day-rules.ts";
import { findVisibleHealthDay, type StationRow, stationsOf } from "./health-days.ts";
import { healthDayBooking, healthDaySlot } from "./schema.ts";

export type SlotView = {
  startMinute: number;
  time: string;
  label: string;
  capacity: number;
  taken: number;
  left: number;
  /** Started already: no longer bookable. */
  past: boolean;
};

/** Every slot of a station: places taken come from its slot rows (none yet is none taken). */
export function stationSlotViews(
  station: Pick<StationRow, "startMinute" | "endMinute" | "slotMinutes" | "capacity">,
  date: string,
  taken: Map<number, number>,
  now = new Date(),
): SlotView[] {
  return slotStarts(station).map((m) => {
    const t = taken.get(m) ?? 0;
    return {
      startMinute: m,
      time: minutesToTime(m),
      label: slotLabel(m, station.slotMinutes),
      capacity: station.capacity,
      taken: t,
      left: Math.max(0, station.capacity - t),
      past: slotInstants(date, m, station.slotMinutes).startsAt <= now,
    };
  });
}

/** Places taken per station and slot start. */
export async function takenByStation(q: Queryable, stationIds: string[]) {
  const out = new Map<string, Map<number, number>>();
  if (stationIds.length === 0) return out;
  const rows = await q
    .select()
    .from(healthDaySlot)
    .where(inArray(healthDaySlot.stationId, stationIds));
  for (const r of rows) {
    let m = out.get(r.stationId);
    if (!m) {
      m = new Map();
      out.set(r.stationId, m);
    }
    m.set(r.startMinute, r.taken);
  }
  return out;
}

/**
 * A Health Day for booking: its stations with their slots and places left, and the actor's
 * live bookings there. A draft is not found to those who do not run Health Days.
 */
export async function healthDaySlots(actor: Actor, dayId: string, now = new Date()) {
  requirePermission(actor, "healthday.book");
  const day = await findVisibleHealthDay(db(), actor, dayId);
  const stations = await stationsOf(db(), day.id);
  const ids = stations.map((s) => s.id);
  const [taken, mine] = await Promise.all([
    takenByStation(db(), ids),
    actor.employeeId && ids.length
      ? db()
          .select()
          .from(healthDayBooking)
          .where(
            and(
              inArray(healthDayBooking.stationId, ids),
              eq(healthDayBooking.employeeId, actor.employeeId),
              isNull(healthDayBooking.cancelledAt),
            ),
          )
          .orderBy(asc(healthDayBooking.startMinute))
      : Promise.resolve([]),
  ]);
  const open = day.status === "published";
  const dayStarted = startOfWarsawDay(day.date) <= now;
  return {
    day,
    open,
    /** Bookings may be cancelled by their holders until the day starts. */
    canCancelOwn: open && !dayStarted,
    stations: stations.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      from: minutesToTime(s.startMinute),
      to: minutesToTime(s.endMinute),
      slotMinutes: s.slotMinutes,
      capacity: s.capacity,
      slots: stationSlotViews(s, day.date, taken.get(s.id) ?? new Map(), now),
      mine: mine.find((b) => b.stationId === s.id) ?? null,
    })),
    mine: mine.map((b) => {
      const s = stations.find((x) => x.id === b.stationId)!;
      return {
        id: b.id,
        stationId: s.id,
        stationName: s.name,
        startMinute: b.startMinute,
        time: minutesToTime(b.startMinute),
        label: slotLabel(b.startMinute, s.slotMinutes),
        attended: b.attended,
      };
    }),
  };
}
