// The specialist's own calendar: the bookings of the specialist row linked to the signed-in
// account, with the employee's name and e-mail. This is the only place outside the employee's
// own pages where a person appears next to a booking, and it answers only the specialist.
import { and, asc, count, desc, eq, gte, lt, lte, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { polishSortKey, searchWords } from "../../platform/sql.ts";
import { addDays, isCalendarDay, mondayOf, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { SPECIALIST_STATUS_FILTERS } from "./calendar-shared.ts";
import { type BookingRow, findBookingFor } from "./find-booking.ts";
import { type SpecialistRow, specialistOfUser } from "./find-specialist.ts";
import {
  type SupportBookingStatus,
  type SupportKind,
  type SupportMode,
  supportBooking,
} from "./schema.ts";

export const SPECIALIST_BOOKING_SORTS = ["date", "name"] as const;

const day = z
  .string()
  .optional()
  .transform((v) => (v && isCalendarDay(v) ? v : undefined));

export const specialistBookingsQuery = z.object({
  /** Warsaw days, inclusive. */
  from: day,
  to: day,
  /** upcoming: not started yet; past: started (and so markable). */
  when: z.enum(["all", "upcoming", "past"]).optional().catch("all").default("all"),
  status: z.enum(SPECIALIST_STATUS_FILTERS).optional().catch("all").default("all"),
  /** Searches the employee's first and last name and e-mail. */
  q: z.string().trim().max(200).optional().catch("").default(""),
  sort: z.enum(SPECIALIST_BOOKING_SORTS).optional().catch("date").default("date"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type SpecialistBookingsQuery = z.input<typeof specialistBookingsQuery>;

export type SpecialistBooking = {
  id: string;
  kind: SupportKind;
  mode: SupportMode;
  startsAt: Date;
  endsAt: Date;
  status: SupportBookingStatus;
  /** Booked through a crisis link after an incident. */
  crisis: boolean;
  employee: { firstName: string; lastName: string; email: string };
  /** The meeting has started and was not cancelled: "took place" / "no-show" can be marked. */
  markable: boolean;
};

/** The specialist row of the signed-in specialist, or null when no row is linked to them. */
export async function ownSpecialist(actor: Actor): Promise<SpecialistRow | null> {
  requirePermission(actor, "support.specialist");
  return specialistOfUser(db(), actor.centreId, actor.userId);
}

function toBooking(
  r: BookingRow & { firstName: string; lastName: string; email: string },
  now: Date,
): SpecialistBooking {
  return {
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    status: r.status,
    crisis: r.crisisLinkId !== null,
    employee: { firstName: r.firstName, lastName: r.lastName, email: r.email },
    markable: isMarkable(r, now),
  };
}

/** Pure: an outcome can be marked once the meeting has started, unless it was cancelled. */
export function isMarkable(b: Pick<BookingRow, "startsAt" | "status">, now: Date): boolean {
  return b.status !== "cancelled" && b.startsAt.getTime() <= now.getTime();
}

/**
 * The signed-in specialist's bookings, filtered, sorted and paged. A specialist whose account
 * is linked to no specialist row has none (and `specialist` is null, so the page can say so).
 */
export async function listSpecialistBookings(actor: Actor, query: unknown, now = new Date()) {
  const f = specialistBookingsQuery.parse(query ?? {});
  const specialist = await ownSpecialist(actor);
  if (!specialist) {
    return { specialist: null, rows: [] as SpecialistBooking[], total: 0, ...f };
  }
  const where: SQL[] = [
    eq(supportBooking.centreId, actor.centreId),
    eq(supportBooking.specialistId, specialist.id),
  ];
  if (f.from) where.push(gte(supportBooking.startsAt, startOfWarsawDay(f.from)));
  if (f.to) where.push(lt(supportBooking.startsAt, startOfWarsawDay(addDays(f.to, 1))));
  if (f.when === "upcoming") where.push(gte(supportBooking.startsAt, now));
  if (f.when === "past") where.push(lte(supportBooking.startsAt, now));
  if (f.status === "live") where.push(ne(supportBooking.status, "cancelled"));
  else if (f.status !== "all") where.push(eq(supportBooking.status, f.status));
  where.push(...searchWords(f.q, [employee.firstName, employee.lastName, employee.email]));
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy =
    f.sort === "name"
      ? [
          dirFn(polishSortKey(employee.lastName)),
          dirFn(polishSortKey(employee.firstName)),
          asc(supportBooking.startsAt),
        ]
      : [dirFn(supportBooking.startsAt)];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        booking: supportBooking,
        firstName: employee.firstName,
        lastName: employee.lastName,
        email: employee.email,
      })
      .from(supportBooking)
      .innerJoin(employee, eq(employee.id, supportBooking.employeeId))
      .where(cond)
      .orderBy(...orderBy, asc(supportBooking.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db()
      .select({ total: count() })
      .from(supportBooking)
      .innerJoin(employee, eq(employee.id, supportBooking.employeeId))
      .where(cond),
  ]);
  return {
    specialist: { id: specialist.id, name: specialist.name, active: specialist.active },
    rows: rows.map((r) => toBooking({ ...r.booking, ...r }, now)),
    total,
    ...f,
  };
}

export type SpecialistWeek = {
  specialist: { id: string; name: string; active: boolean } | null;
  monday: string;
  days: { day: string; bookings: SpecialistBooking[] }[];
  /** Started meetings still waiting for "took place" or "no-show", oldest first. */
  awaiting: SpecialistBooking[];
  awaitingTotal: number;
};

/**
 * The calendar's first screen: one week (Monday to Sunday, Warsaw) of the specialist's
 * bookings, cancelled ones included so a freed hour is visible, and the started meetings whose
 * outcome is still to be marked.
 */
export async function specialistWeek(
  actor: Actor,
  week: string | undefined,
  now = new Date(),
): Promise<SpecialistWeek> {
  const monday = mondayOf(week && isCalendarDay(week) ? week : warsawDay(now));
  const sunday = addDays(monday, 6);
  const [list, awaiting] = await Promise.all([
    listSpecialistBookings(actor, { from: monday, to: sunday, pageSize: 200 }, now),
    listSpecialistBookings(actor, { when: "past", status: "booked", pageSize: 50 }, now),
  ]);
  const days = Array.from({ length: 7 }, (_, i) => {
    const d = addDays(monday, i);
    return { day: d, bookings: list.rows.filter((b) => warsawDay(b.startsAt) === d) };
  });
  return {
    specialist: list.specialist,
    monday,
    days,
    awaiting: awaiting.rows,
    awaitingTotal: awaiting.total,
  };
}

export type BookingView = {
  id: string;
  kind: SupportKind;
  mode: SupportMode;
  startsAt: Date;
  endsAt: Date;
  status: SupportBookingStatus;
  crisis: boolean;
  specialist: { name: string; title: string; meetingLink: string; place: string };
  markable: boolean;
} & (
  | { viewer: "specialist"; employee: { firstName: string; lastName: string; email: string } }
  | { viewer: "employee" }
);

/**
 * One booking as its specialist sees it: with the employee's name and e-mail. not_found for
 * anyone but the specialist — the employee reads their own booking through bookingView.
 */
export async function bookingForSpecialist(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<Extract<BookingView, { viewer: "specialist" }>> {
  const view = await bookingView(actor, id, now);
  if (view.viewer !== "specialist") throw notFound();
  return view;
}

/**
 * One booking for one of its two parties: the specialist gets the employee's name and e-mail,
 * the employee gets the specialist's details; everyone else not_found (findBookingFor). Should
 * one person be both, the specialist's view is shown.
 */
export async function bookingView(
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<BookingView> {
  const found = await findBookingFor(actor, id);
  const b = found.booking;
  const base = {
    id: b.id,
    kind: b.kind,
    mode: b.mode,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    status: b.status,
    crisis: b.crisisLinkId !== null,
    specialist: {
      name: found.specialist.name,
      title: found.specialist.title,
      meetingLink: b.mode === "online" ? found.specialist.meetingLink : "",
      place: b.mode === "in_person" ? found.specialist.place : "",
    },
  };
  if (found.asSpecialist) {
    const [person] = await db()
      .select({ firstName: employee.firstName, lastName: employee.lastName, email: employee.email })
      .from(employee)
      .where(eq(employee.id, b.employeeId));
    if (!person) throw notFound();
    return { ...base, viewer: "specialist", employee: person, markable: isMarkable(b, now) };
  }
  return { ...base, viewer: "employee", markable: false };
}
