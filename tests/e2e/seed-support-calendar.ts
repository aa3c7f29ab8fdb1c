// Seed step of the end-to-end suite for the specialist's calendar and the counts
// (support-calendar.spec.ts, and the access and accessibility walks): a specialist profile
// linked to the specialist-role account, taking consultations every day 08:00–18:00; Anna
// Nowak's meeting yesterday, not marked yet, and another in two days (both written straight into
// the table); and an employee account of this spec's own, who books through the page, so no
// other spec's bookings get in the way.
import { createPasswordAccount } from "../../modules/access/create-account.ts";
import { roleAssignment } from "../../modules/access/schema.ts";
import { FIXTURE_PASSWORD } from "../../modules/access/test-fixtures.ts";
import { employee } from "../../modules/org/schema.ts";
import {
  seedBookableSpecialist,
  seedBooking,
} from "../../modules/support/booking-test-fixtures.ts";
import { db } from "../../platform/db.ts";
import { addDays, warsawDay, warsawInstant } from "../../platform/warsaw-time.ts";

export type SupportCalendarSeed = {
  specialist: string;
  specialistName: string;
  /** Anna Nowak's consultation yesterday at 10:00 (Warsaw), waiting for its outcome. */
  past: string;
  pastStartsAt: string;
  /** Her consultation in two days at 07:00. */
  future: string;
  /** Signs in with the suite's password; books through /support in the spec. */
  bookerEmail: string;
  bookerFirstName: string;
  bookerLastName: string;
};

export async function seedSupportCalendar(ids: {
  centre: string;
  unit: string;
  position: string;
  specialistUserId: string;
  /** Anna Nowak, an employee without an account. */
  employee: string;
}): Promise<SupportCalendarSeed> {
  const specialistName = "Halina Cisza";
  const sp = await seedBookableSpecialist(db(), ids.centre, {
    name: specialistName,
    title: "psycholożka",
    userId: ids.specialistUserId,
    kinds: ["consultation", "coaching"],
    windows: [{ start: "08:00", end: "18:00" }],
  });
  const today = warsawDay(new Date());
  const pastStartsAt = warsawInstant(addDays(today, -1), "10:00")!;
  const past = await seedBooking(db(), {
    centreId: ids.centre,
    specialistId: sp.id,
    employeeId: ids.employee,
    startsAt: pastStartsAt,
  });
  const future = await seedBooking(db(), {
    centreId: ids.centre,
    specialistId: sp.id,
    employeeId: ids.employee,
    startsAt: warsawInstant(addDays(today, 2), "07:00")!,
  });
  const booker = {
    email: "marta.kalendarz@testowo.pl",
    firstName: "Marta",
    lastName: "Kalendarz",
  };
  await db().transaction(async (tx) => {
    const userId = await createPasswordAccount(tx, {
      email: booker.email,
      name: `${booker.firstName} ${booker.lastName}`,
      password: FIXTURE_PASSWORD,
    });
    await tx.insert(employee).values({
      centreId: ids.centre,
      firstName: booker.firstName,
      lastName: booker.lastName,
      email: booker.email,
      employeeNumber: "X-KAL",
      unitId: ids.unit,
      positionId: ids.position,
      userId,
    });
    await tx.insert(roleAssignment).values({ centreId: ids.centre, userId, role: "employee" });
  });
  return {
    specialist: sp.id,
    specialistName,
    past: past.id,
    pastStartsAt: pastStartsAt.toISOString(),
    future: future.id,
    bookerEmail: booker.email,
    bookerFirstName: booker.firstName,
    bookerLastName: booker.lastName,
  };
}
