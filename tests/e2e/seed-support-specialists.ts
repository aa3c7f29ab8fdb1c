// Seed step of the end-to-end suite for specialists and their availability
// (support-specialists.spec.ts, and the access and accessibility walks): a specialist account of
// its own (so no other spec's bookings or windows get in the way), its specialist profile with
// weekly windows, a holiday and a contract — all through the services.
import { createPasswordAccount } from "../../modules/access/create-account.ts";
import { roleAssignment } from "../../modules/access/schema.ts";
import { actorFor, FIXTURE_PASSWORD } from "../../modules/access/test-fixtures.ts";
import { employee } from "../../modules/org/schema.ts";
import { addAbsence } from "../../modules/support/absences.ts";
import { saveWindow } from "../../modules/support/availability.ts";
import { saveContract } from "../../modules/support/contracts.ts";
import { saveSpecialist } from "../../modules/support/save-specialist.ts";
import { db } from "../../platform/db.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";

export type SupportSpecialistsSeed = {
  /** The specialist account of this seed: signs in with the suite's password. */
  email: string;
  /** Its specialist profile (the coordinator's page /support/specialists/:id). */
  specialist: string;
  specialistName: string;
  /** A specialist of the other centre: not found from this one. */
  otherSpecialist: string;
};

export async function seedSupportSpecialists(ids: {
  centre: string;
  unit: string;
  position: string;
  coordinatorUserId: string;
  otherCoordinatorUserId: string;
}): Promise<SupportSpecialistsSeed> {
  const email = "specjalista-grafik@testowo.pl";
  const userId = await db().transaction(async (tx) => {
    const id = await createPasswordAccount(tx, {
      email,
      name: "Zofia Grafik",
      password: FIXTURE_PASSWORD,
    });
    await tx.insert(employee).values({
      centreId: ids.centre,
      firstName: "Zofia",
      lastName: "Grafik",
      email,
      employeeNumber: "X-SPEC-1",
      unitId: ids.unit,
      positionId: ids.position,
      userId: id,
    });
    await tx.insert(roleAssignment).values([
      { centreId: ids.centre, userId: id, role: "employee" },
      { centreId: ids.centre, userId: id, role: "specialist" },
    ]);
    return id;
  });
  const coordinator = await actorFor(ids.coordinatorUserId);
  const specialistName = "Zofia Grafik";
  const specialist = await saveSpecialist(coordinator, null, {
    name: specialistName,
    title: "psycholożka",
    profile: "Konsultacje po trudnych rozmowach z klientami.",
    kinds: ["consultation", "crisis"],
    online: true,
    meetingLink: "https://spotkania.example.org/zofia-grafik",
    inPerson: true,
    place: "ul. Wałowa 1, pokój 12",
    slotMinutes: 50,
    userId,
  });
  await saveWindow(coordinator, specialist, null, { weekday: 1, start: "09:00", end: "13:00" });
  await saveWindow(coordinator, specialist, null, {
    weekday: 3,
    start: "14:00",
    end: "16:00",
    crisisReserved: true,
  });
  const today = warsawDay(new Date());
  await addAbsence(coordinator, specialist, {
    fromDate: addDays(today, 20),
    toDate: addDays(today, 24),
    reason: "holiday",
  });
  await saveContract(coordinator, specialist, null, {
    periodStart: addDays(today, -30),
    periodEnd: addDays(today, 335),
    hours: 120,
  });
  const otherSpecialist = await saveSpecialist(await actorFor(ids.otherCoordinatorUserId), null, {
    name: "Jan Inny",
    kinds: ["coaching"],
    inPerson: true,
    place: "OPS Inne, pokój 3",
  });
  return { email, specialist, specialistName, otherSpecialist };
}
