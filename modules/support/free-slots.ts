// Free slots of confidential support. A slot exists where a specialist's weekly window puts
// one — consecutive slots of the specialist's length from the window's start while one still
// fits before its end, on the window's weekday and within its validity — and is free when it
// is not on an absence day, starts at least an hour from now, and overlaps no live booking of
// the specialist (nor, when asked, of the employee). Windows held back for crisis offer their
// slots only to a crisis link's holder, and only within 72 hours of now.
//
// Slots step in real time from the window's start instant to its end instant (both read on
// the Warsaw clock), so on the days the clocks change a slot is never shorter, longer or
// doubled: a window 01:00–04:00 on the spring day holds two hours of slots, on the autumn day
// four.
import { and, asc, eq, gt, inArray, lt, ne, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { addDays, isoWeekday, minutesToTime, warsawInstant } from "../../platform/warsaw-time.ts";
import {
  type SupportKind,
  type SupportMode,
  supportAbsence,
  supportAvailability,
  supportBooking,
  supportSpecialist,
} from "./schema.ts";

/** A slot must start at least this long after now. */
export const MIN_LEAD_MS = 3_600_000;
/** Crisis-reserved slots are offered this far ahead. */
export const CRISIS_HORIZON_MS = 72 * 3_600_000;
/** How far "first available" looks ahead. */
export const SEARCH_DAYS = 56;

export type SlotWindow = {
  specialistId: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validTo: string | null;
  crisisReserved: boolean;
};

export type SlotAbsence = { specialistId: string; fromDate: string; toDate: string };

export type Interval = { startsAt: Date; endsAt: Date };

export type Slot = {
  specialistId: string;
  startsAt: Date;
  endsAt: Date;
  /** The ways the specialist meets: online, in person or both. */
  modes: SupportMode[];
  /** A slot held back for crisis links. */
  crisis: boolean;
};

export type SlotSpecialist = {
  id: string;
  slotMinutes: number;
  modes: SupportMode[];
};

export type SlotInput = {
  specialists: SlotSpecialist[];
  windows: SlotWindow[];
  absences: SlotAbsence[];
  /** Live bookings per specialist id. */
  busy: Map<string, Interval[]>;
  /** Live bookings of the employee looking: slots overlapping them are not offered. */
  ownBusy?: Interval[];
  /** First Warsaw day (yyyy-mm-dd) and how many days. */
  from: string;
  days: number;
  now: Date;
  /** The looker holds a valid crisis link: crisis-reserved windows count within 72 hours. */
  crisis?: boolean;
};

const overlaps = (a: Interval, b: Interval) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** The instant a window's minute happens on a Warsaw day; 1440 is the next day's midnight. */
function atMinute(day: string, minute: number): Date | null {
  return minute >= 1440
    ? warsawInstant(addDays(day, 1), "00:00")
    : warsawInstant(day, minutesToTime(minute));
}

/**
 * Pure: every free slot in the days asked, ordered by start and then by specialist. See the
 * rules at the top of this file.
 */
export function slotsFromWindows(input: SlotInput): Slot[] {
  const earliest = input.now.getTime() + MIN_LEAD_MS;
  const crisisUntil = input.now.getTime() + CRISIS_HORIZON_MS;
  const bySpecialist = new Map(input.specialists.map((s) => [s.id, s]));
  const out: Slot[] = [];
  for (let i = 0; i < input.days; i++) {
    const day = addDays(input.from, i);
    const weekday = isoWeekday(day);
    for (const w of input.windows) {
      if (w.weekday !== weekday) continue;
      if (day < w.validFrom || (w.validTo !== null && day > w.validTo)) continue;
      if (w.crisisReserved && !input.crisis) continue;
      const sp = bySpecialist.get(w.specialistId);
      if (!sp) continue;
      const away = input.absences.some(
        (a) => a.specialistId === w.specialistId && a.fromDate <= day && day <= a.toDate,
      );
      if (away) continue;
      const start = atMinute(day, w.startMinute);
      const end = atMinute(day, w.endMinute);
      if (!start || !end) continue;
      const length = sp.slotMinutes * 60_000;
      const busy = input.busy.get(w.specialistId) ?? [];
      for (let t = start.getTime(); t + length <= end.getTime(); t += length) {
        if (t < earliest) continue;
        if (w.crisisReserved && t > crisisUntil) break;
        const slot = { startsAt: new Date(t), endsAt: new Date(t + length) };
        if (busy.some((b) => overlaps(b, slot))) continue;
        if (input.ownBusy?.some((b) => overlaps(b, slot))) continue;
        out.push({
          specialistId: w.specialistId,
          ...slot,
          modes: sp.modes,
          crisis: w.crisisReserved,
        });
      }
    }
  }
  return out.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || a.specialistId.localeCompare(b.specialistId),
  );
}

export type FreeSlotsQuery = {
  centreId: string;
  kind: SupportKind;
  specialistId?: string;
  /** First Warsaw day, yyyy-mm-dd. */
  from: string;
  days: number;
  /** The looker holds a valid crisis link; counts only when `kind` is "crisis". */
  crisis?: boolean;
  /** The employee looking: their own live bookings hide the slots that would clash. */
  employeeId?: string | null;
  /** The slots the windows give as if nobody had booked any (to tell why one is not free). */
  ignoreBookings?: boolean;
  now?: Date;
};

/** The active specialists of a centre offering a kind (or the one asked, if it does). */
export async function specialistsFor(
  q: Queryable,
  centreId: string,
  kind: SupportKind,
  specialistId?: string,
) {
  const rows = await q
    .select({
      id: supportSpecialist.id,
      slotMinutes: supportSpecialist.slotMinutes,
      online: supportSpecialist.online,
      inPerson: supportSpecialist.inPerson,
      kinds: supportSpecialist.kinds,
    })
    .from(supportSpecialist)
    .where(
      and(
        eq(supportSpecialist.centreId, centreId),
        eq(supportSpecialist.active, true),
        specialistId ? eq(supportSpecialist.id, specialistId) : undefined,
        sql`${supportSpecialist.kinds} @> ${JSON.stringify([kind])}::jsonb`,
      ),
    );
  return rows.map(
    (r): SlotSpecialist => ({
      id: r.id,
      slotMinutes: r.slotMinutes,
      modes: [
        ...(r.online ? ["online" as const] : []),
        ...(r.inPerson ? ["in_person" as const] : []),
      ],
    }),
  );
}

/** Free slots from the database: the specialists of a kind, their windows, absences, bookings. */
export async function freeSlots(q: Queryable, f: FreeSlotsQuery): Promise<Slot[]> {
  const now = f.now ?? new Date();
  const specialists = await specialistsFor(q, f.centreId, f.kind, f.specialistId);
  if (specialists.length === 0 || f.days <= 0) return [];
  const ids = specialists.map((s) => s.id);
  const last = addDays(f.from, f.days - 1);
  // Bookings that could touch the days asked: a day either side covers any clock offset.
  const rangeStart = warsawInstant(addDays(f.from, -1), "00:00")!;
  const rangeEnd = warsawInstant(addDays(last, 2), "00:00")!;
  const [windows, absences, booked, own] = await Promise.all([
    q
      .select({
        specialistId: supportAvailability.specialistId,
        weekday: supportAvailability.weekday,
        startMinute: supportAvailability.startMinute,
        endMinute: supportAvailability.endMinute,
        validFrom: supportAvailability.validFrom,
        validTo: supportAvailability.validTo,
        crisisReserved: supportAvailability.crisisReserved,
      })
      .from(supportAvailability)
      .where(
        and(
          eq(supportAvailability.centreId, f.centreId),
          inArray(supportAvailability.specialistId, ids),
        ),
      ),
    q
      .select({
        specialistId: supportAbsence.specialistId,
        fromDate: supportAbsence.fromDate,
        toDate: supportAbsence.toDate,
      })
      .from(supportAbsence)
      .where(
        and(
          eq(supportAbsence.centreId, f.centreId),
          inArray(supportAbsence.specialistId, ids),
          sql`${supportAbsence.toDate} >= ${f.from}`,
          sql`${supportAbsence.fromDate} <= ${last}`,
        ),
      ),
    f.ignoreBookings
      ? Promise.resolve([] as (Interval & { specialistId: string })[])
      : q
          .select({
            specialistId: supportBooking.specialistId,
            startsAt: supportBooking.startsAt,
            endsAt: supportBooking.endsAt,
          })
          .from(supportBooking)
          .where(
            and(
              eq(supportBooking.centreId, f.centreId),
              inArray(supportBooking.specialistId, ids),
              ne(supportBooking.status, "cancelled"),
              lt(supportBooking.startsAt, rangeEnd),
              gt(supportBooking.endsAt, rangeStart),
            ),
          )
          .orderBy(asc(supportBooking.startsAt)),
    f.employeeId && !f.ignoreBookings
      ? q
          .select({ startsAt: supportBooking.startsAt, endsAt: supportBooking.endsAt })
          .from(supportBooking)
          .where(
            and(
              eq(supportBooking.centreId, f.centreId),
              eq(supportBooking.employeeId, f.employeeId),
              ne(supportBooking.status, "cancelled"),
              lt(supportBooking.startsAt, rangeEnd),
              gt(supportBooking.endsAt, rangeStart),
            ),
          )
      : Promise.resolve([] as Interval[]),
  ]);
  const busy = new Map<string, Interval[]>();
  for (const b of booked) busy.set(b.specialistId, [...(busy.get(b.specialistId) ?? []), b]);
  return slotsFromWindows({
    specialists,
    windows,
    absences,
    busy,
    ownBusy: own,
    from: f.from,
    days: f.days,
    now,
    // Reserved windows are for crisis support only, whoever asks and whatever they hold.
    crisis: f.crisis === true && f.kind === "crisis",
  });
}
