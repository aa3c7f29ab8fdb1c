// Seed step of the end-to-end suite for booking support (support-booking.spec.ts, and the
// access and accessibility walks): a specialist without an account who takes consultations and
// crisis support every day (crisis-reserved evenings), a consultation the employee-role user
// booked through the service (the spec cancels it), a crisis link made for that user, and
// someone else's booking (the access walk).
import { actorFor } from "../../modules/access/test-fixtures.ts";
import { bookSupport } from "../../modules/support/book.ts";
import {
  atWarsaw,
  dayFromToday,
  seedBookableSpecialist,
} from "../../modules/support/booking-test-fixtures.ts";
import { createCrisisLink } from "../../modules/support/crisis-links.ts";
import { supportBooking } from "../../modules/support/schema.ts";
import { db } from "../../platform/db.ts";

export type SupportBookingSeed = {
  specialist: string;
  specialistName: string;
  /** The employee-role user's consultation in six days, 15:30 (Warsaw). */
  booking: string;
  bookingStartsAt: string;
  /** A crisis link of the employee-role user (the token of /support/crisis/:token). */
  crisisToken: string;
  /** Someone else's booking (an employee of unit B): not found to every role. */
  otherBooking: string;
};

export async function seedSupportBooking(ids: {
  centre: string;
  employeeUserId: string;
  employee: string;
  otherEmployee: string;
}): Promise<SupportBookingSeed> {
  const specialistName = "Iwona Rozmowa";
  const sp = await seedBookableSpecialist(db(), ids.centre, {
    name: specialistName,
    title: "psychoterapeutka",
    kinds: ["consultation", "crisis"],
    online: true,
    inPerson: true,
  });
  const employee = await actorFor(ids.employeeUserId);
  const startsAt = atWarsaw(dayFromToday(6), "15:30");
  const booking = await bookSupport(employee, {
    kind: "consultation",
    specialistId: sp.id,
    startsAt: startsAt.toISOString(),
    mode: "in_person",
  });
  const otherStart = atWarsaw(dayFromToday(6), "13:50");
  const [other] = await db()
    .insert(supportBooking)
    .values({
      centreId: ids.centre,
      specialistId: sp.id,
      employeeId: ids.otherEmployee,
      kind: "consultation",
      mode: "online",
      startsAt: otherStart,
      endsAt: new Date(otherStart.getTime() + 50 * 60_000),
    })
    .returning({ id: supportBooking.id });
  const link = await db().transaction((tx) =>
    createCrisisLink(tx, { centreId: ids.centre, employeeId: ids.employee, source: "incident" }),
  );
  return {
    specialist: sp.id,
    specialistName,
    booking: booking.id,
    bookingStartsAt: startsAt.toISOString(),
    crisisToken: link.token,
    otherBooking: other.id,
  };
}
