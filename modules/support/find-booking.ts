// The one door to a single support booking. A booking is confidential: only the employee who
// holds it and the specialist who gives it may read it. Everyone else — coordinators,
// managers, administrators, management, the DPO, another employee, another specialist, another
// centre — is told it does not exist, so an id cannot even be confirmed. Every reader of one
// booking (pages, API, cancel, outcome) goes through here.
import { and, eq } from "drizzle-orm";
import { db, type Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { hasPermission } from "../access/permissions.ts";
import { supportBooking, supportSpecialist } from "./schema.ts";

export type BookingRow = typeof supportBooking.$inferSelect;

export type BookingAccess = {
  booking: BookingRow;
  specialist: {
    id: string;
    userId: string | null;
    name: string;
    title: string;
    meetingLink: string;
    place: string;
  };
  /** The actor holds this booking. */
  asEmployee: boolean;
  /**
   * The actor is the booking's specialist: their account is linked to the specialist row and
   * still holds the specialist role.
   */
  asSpecialist: boolean;
};

export type FindBookingOptions = {
  /** A transaction to read in (never call db() inside one). */
  q?: Queryable;
  /** Lock the booking row for update, for a change decided in the same transaction. */
  forUpdate?: boolean;
};

/**
 * The booking with `id` when the actor is its employee or its specialist; not_found to anyone
 * else, whatever their roles. No permission in the matrix opens another person's booking: a
 * role only ever narrows access (the specialist side needs `support.specialist` besides the
 * linked account), never widens it.
 */
export async function findBookingFor(
  actor: Actor,
  id: string,
  opts: FindBookingOptions = {},
): Promise<BookingAccess> {
  if (!isUuid(id)) throw notFound();
  const q = opts.q ?? db();
  const query = q
    .select({
      booking: supportBooking,
      specialist: {
        id: supportSpecialist.id,
        userId: supportSpecialist.userId,
        name: supportSpecialist.name,
        title: supportSpecialist.title,
        meetingLink: supportSpecialist.meetingLink,
        place: supportSpecialist.place,
      },
    })
    .from(supportBooking)
    .innerJoin(supportSpecialist, eq(supportSpecialist.id, supportBooking.specialistId))
    .where(and(eq(supportBooking.id, id), eq(supportBooking.centreId, actor.centreId)));
  const [row] = opts.forUpdate ? await query.for("update", { of: supportBooking }) : await query;
  if (!row) throw notFound();
  const access = bookingAccess(actor, row.booking, row.specialist.userId);
  if (!access.asEmployee && !access.asSpecialist) throw notFound();
  return { ...row, ...access };
}

/**
 * Pure: how the actor relates to a booking. The employee side needs the actor's own employee
 * record. The specialist side needs the account linked to the booking's specialist row and the
 * `support.specialist` permission: a link left behind on an account whose specialist role was
 * taken away (someone who left, an account reused for another job) must not keep the
 * calendar's names open.
 */
export function bookingAccess(
  actor: Pick<Actor, "employeeId" | "userId" | "roles">,
  booking: Pick<BookingRow, "employeeId">,
  specialistUserId: string | null,
): { asEmployee: boolean; asSpecialist: boolean } {
  return {
    asEmployee: actor.employeeId !== null && actor.employeeId === booking.employeeId,
    asSpecialist:
      specialistUserId !== null &&
      specialistUserId === actor.userId &&
      hasPermission(actor.roles, "support.specialist"),
  };
}
