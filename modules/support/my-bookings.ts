// "Moje konsultacje": the signed-in employee's own bookings — upcoming ones (with the link or
// place, and whether and until when they may still cancel) and past ones with their status.
// Only ever the actor's own: there is no parameter naming anyone else.
import { and, asc, desc, eq, gt, lte, ne, or } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { whereOf } from "./booking-mail.ts";
import { cancelDeadline, checkCancel } from "./cancel-booking.ts";
import {
  type SupportBookingStatus,
  type SupportKind,
  type SupportMode,
  supportBooking,
  supportSpecialist,
} from "./schema.ts";
import { supportSettings } from "./support-settings.ts";

export type MyBooking = {
  id: string;
  kind: SupportKind;
  mode: SupportMode;
  status: SupportBookingStatus;
  startsAt: Date;
  endsAt: Date;
  specialistId: string;
  specialistName: string;
  specialistTitle: string;
  /** The meeting link (online) or the place (in person); empty when not given. */
  where: string;
  /** Booked through a crisis link. */
  crisis: boolean;
  canCancel: boolean;
  cancelUntil: Date;
};

export const myBookingsQuery = z.object({
  /** Past bookings are paged; upcoming ones are few and all shown. */
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).default(1),
});

const PAST_PAGE = 20;

/**
 * The actor's bookings: every upcoming one (still booked and not yet ended), oldest first, and a
 * page of past or cancelled ones, newest first. An account without an employee record has none.
 */
export async function myBookings(
  actor: Actor,
  query: unknown = {},
  now = new Date(),
): Promise<{
  upcoming: MyBooking[];
  past: MyBooking[];
  page: number;
  hasNext: boolean;
  cancelHoursBefore: number;
}> {
  requirePermission(actor, "support.book");
  const { page } = myBookingsQuery.parse(query ?? {});
  const settings = await supportSettings(db(), actor.centreId);
  if (!actor.employeeId) {
    return { upcoming: [], past: [], page, hasNext: false, cancelHoursBefore: 0 };
  }
  const columns = {
    id: supportBooking.id,
    kind: supportBooking.kind,
    mode: supportBooking.mode,
    status: supportBooking.status,
    startsAt: supportBooking.startsAt,
    endsAt: supportBooking.endsAt,
    crisisLinkId: supportBooking.crisisLinkId,
    specialistId: supportSpecialist.id,
    specialistName: supportSpecialist.name,
    specialistTitle: supportSpecialist.title,
    meetingLink: supportSpecialist.meetingLink,
    place: supportSpecialist.place,
  };
  const mine = and(
    eq(supportBooking.centreId, actor.centreId),
    eq(supportBooking.employeeId, actor.employeeId),
  );
  const isUpcoming = and(eq(supportBooking.status, "booked"), gt(supportBooking.endsAt, now));
  const [upcoming, past] = await Promise.all([
    db()
      .select(columns)
      .from(supportBooking)
      .innerJoin(supportSpecialist, eq(supportSpecialist.id, supportBooking.specialistId))
      .where(and(mine, isUpcoming))
      .orderBy(asc(supportBooking.startsAt)),
    db()
      .select(columns)
      .from(supportBooking)
      .innerJoin(supportSpecialist, eq(supportSpecialist.id, supportBooking.specialistId))
      .where(and(mine, or(ne(supportBooking.status, "booked"), lte(supportBooking.endsAt, now))))
      .orderBy(desc(supportBooking.startsAt), desc(supportBooking.id))
      .limit(PAST_PAGE + 1)
      .offset((page - 1) * PAST_PAGE),
  ]);
  const shape = (r: (typeof upcoming)[number]): MyBooking => ({
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    status: r.status,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    specialistId: r.specialistId,
    specialistName: r.specialistName,
    specialistTitle: r.specialistTitle,
    where: whereOf(r.mode, r),
    crisis: r.crisisLinkId !== null,
    canCancel: checkCancel(r, "employee", settings.cancelHoursBefore, now).ok,
    cancelUntil: cancelDeadline(r.startsAt, settings.cancelHoursBefore),
  });
  return {
    upcoming: upcoming.map(shape),
    past: past.slice(0, PAST_PAGE).map(shape),
    page,
    hasNext: past.length > PAST_PAGE,
    cancelHoursBefore: settings.cancelHoursBefore,
  };
}
