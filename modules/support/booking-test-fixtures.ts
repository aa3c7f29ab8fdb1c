// Test data for support (integration tests, the e2e seeds, the concurrency test and the
// booking-rush benchmark): specialists, their weekly windows and absences, bookings and
// contracts written straight into the tables, so a test sets any status and time (a past
// meeting, one already marked) without going through rules that refuse the past, and depends
// on nothing but the schema.
import type { Queryable } from "../../platform/db.ts";
import {
  addDays,
  isoWeekday,
  minutesToTime,
  timeToMinutes,
  warsawDay,
  warsawInstant,
} from "../../platform/warsaw-time.ts";
import {
  type SupportBookingStatus,
  type SupportKind,
  supportAbsence,
  supportAvailability,
  supportBooking,
  supportContract,
  supportSpecialist,
} from "./schema.ts";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type WindowSpec = {
  /** 1 = Monday … 7 = Sunday; all seven when absent. */
  weekday?: number;
  start: string;
  end: string;
  crisisReserved?: boolean;
  validFrom?: string;
  validTo?: string | null;
};

export type SpecialistSpec = {
  name?: string;
  title?: string;
  userId?: string | null;
  provider?: string;
  kinds?: SupportKind[];
  slotMinutes?: number;
  online?: boolean;
  inPerson?: boolean;
  /** None by default: the specialist offers no slot until windows are added. */
  windows?: WindowSpec[];
};

export const DEFAULT_WINDOWS: WindowSpec[] = [
  { start: "08:00", end: "18:00" },
  { start: "18:00", end: "20:00", crisisReserved: true },
];

/** A specialist of every kind, online and in person unless told, with the windows given. */
export async function seedSpecialist(q: Queryable, centreId: string, o: SpecialistSpec = {}) {
  const online = o.online ?? true;
  const inPerson = o.inPerson ?? true;
  const [sp] = await q
    .insert(supportSpecialist)
    .values({
      centreId,
      userId: o.userId ?? null,
      name: o.name ?? "Ewa Spokojna",
      title: o.title ?? "psycholożka",
      profile: "Pomagam w stresie zawodowym i po trudnych rozmowach z klientami.",
      provider: o.provider ?? "",
      kinds: o.kinds ?? ["consultation", "coaching", "crisis", "supervision"],
      online,
      inPerson,
      meetingLink: online ? "https://spotkania.example.pl/ewa" : "",
      place: inPerson ? "Pokój 12, ul. Powstańców 25" : "",
      slotMinutes: o.slotMinutes ?? 50,
    })
    .returning();
  if (o.windows) await seedWindows(q, centreId, sp.id, o.windows);
  return sp;
}

/**
 * A specialist taking bookings: online only unless told, with windows valid from yesterday on
 * — by default every day 08:00–18:00, and 18:00–20:00 held back for crisis links.
 */
export function seedBookableSpecialist(q: Queryable, centreId: string, o: SpecialistSpec = {}) {
  return seedSpecialist(q, centreId, {
    ...o,
    inPerson: o.inPerson ?? false,
    windows: o.windows ?? DEFAULT_WINDOWS,
  });
}

export async function seedWindows(
  q: Queryable,
  centreId: string,
  specialistId: string,
  windows: WindowSpec[],
) {
  const yesterday = addDays(warsawDay(new Date()), -1);
  const rows = windows.flatMap((w) =>
    (w.weekday ? [w.weekday] : [1, 2, 3, 4, 5, 6, 7]).map((weekday) => ({
      centreId,
      specialistId,
      weekday,
      startMinute: timeToMinutes(w.start)!,
      endMinute: w.end === "24:00" ? 1440 : timeToMinutes(w.end)!,
      validFrom: w.validFrom ?? yesterday,
      validTo: w.validTo ?? null,
      crisisReserved: w.crisisReserved ?? false,
    })),
  );
  if (rows.length) await q.insert(supportAvailability).values(rows);
}

/**
 * A specialist with exactly `slots` bookable slots on one day a few days ahead (a weekly window
 * on that weekday, from 08:00 Warsaw time), for booking races. Returns the slots' starts.
 */
export async function seedRushSpecialist(
  q: Queryable,
  centreId: string,
  o: { slots: number; slotMinutes?: number; daysAhead?: number; name?: string; now?: Date },
): Promise<{ specialistId: string; day: string; starts: string[] }> {
  const slotMinutes = o.slotMinutes ?? 30;
  const day = addDays(warsawDay(o.now ?? new Date()), o.daysAhead ?? 3);
  const sp = await seedSpecialist(q, centreId, {
    name: o.name ?? "Psycholog dyżurny",
    kinds: ["consultation"],
    inPerson: false,
    slotMinutes,
    windows: [
      {
        weekday: isoWeekday(day),
        start: "08:00",
        end: minutesToTime(8 * 60 + o.slots * slotMinutes),
        validFrom: day,
      },
    ],
  });
  const first = warsawInstant(day, "08:00")!.getTime();
  const starts = Array.from({ length: o.slots }, (_, i) =>
    new Date(first + i * slotMinutes * MINUTE).toISOString(),
  );
  return { specialistId: sp.id, day, starts };
}

export async function seedAbsence(
  q: Queryable,
  centreId: string,
  specialistId: string,
  fromDate: string,
  toDate = fromDate,
) {
  await q.insert(supportAbsence).values({ centreId, specialistId, fromDate, toDate });
}

export async function seedBooking(
  q: Queryable,
  o: {
    centreId: string;
    specialistId: string;
    employeeId: string;
    startsAt: Date;
    minutes?: number;
    kind?: SupportKind;
    status?: SupportBookingStatus;
    mode?: "online" | "in_person";
  },
) {
  const [row] = await q
    .insert(supportBooking)
    .values({
      centreId: o.centreId,
      specialistId: o.specialistId,
      employeeId: o.employeeId,
      kind: o.kind ?? "consultation",
      mode: o.mode ?? "online",
      startsAt: o.startsAt,
      endsAt: new Date(o.startsAt.getTime() + (o.minutes ?? 50) * MINUTE),
      status: o.status ?? "booked",
    })
    .returning();
  return row;
}

export async function seedContract(
  q: Queryable,
  o: { centreId: string; specialistId: string; from: string; to: string; hours: number },
) {
  const [row] = await q
    .insert(supportContract)
    .values({
      centreId: o.centreId,
      specialistId: o.specialistId,
      periodStart: o.from,
      periodEnd: o.to,
      hours: o.hours,
    })
    .returning();
  return row;
}

/** The Warsaw day n days from today, and an instant on it. */
export function dayFromToday(n: number): string {
  return addDays(warsawDay(new Date()), n);
}
export function atWarsaw(day: string, time: string): Date {
  return warsawInstant(day, time)!;
}
