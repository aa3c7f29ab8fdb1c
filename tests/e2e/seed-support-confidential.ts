// Seed step of the end-to-end suite for the confidential flow (support-confidential-flow.spec.ts):
// two accounts of its own, so no other spec's bookings or calendar get in the way — an employee
// who books through /support, and a specialist whose account is linked to a support specialist
// taking consultations only, every day 08:00–18:00 (no crisis slots: the crisis specs' "first
// available" is left alone). The coordinator is the seeded coordinator-role account.
import { createPasswordAccount } from "../../modules/access/create-account.ts";
import { roleAssignment } from "../../modules/access/schema.ts";
import { FIXTURE_PASSWORD } from "../../modules/access/test-fixtures.ts";
import { employee } from "../../modules/org/schema.ts";
import { seedBookableSpecialist } from "../../modules/support/booking-test-fixtures.ts";
import { db } from "../../platform/db.ts";

export type SupportConfidentialSeed = {
  /** Signs in with the suite's password; books through /support in the spec. */
  employeeEmail: string;
  employeeFirstName: string;
  employeeLastName: string;
  /** Signs in with the suite's password; its account is the specialist record's user. */
  specialistEmail: string;
  specialist: string;
  specialistName: string;
  specialistTitle: string;
};

export async function seedSupportConfidential(ids: {
  centre: string;
  unit: string;
  position: string;
}): Promise<SupportConfidentialSeed> {
  const person = {
    email: "zofia.poufna@testowo.pl",
    firstName: "Zofia",
    lastName: "Poufna",
    number: "X-POUF-1",
  };
  const helper = {
    email: "teresa.ufna@testowo.pl",
    firstName: "Teresa",
    lastName: "Ufna",
    number: "X-POUF-2",
    title: "psychoterapeutka",
  };
  const userIds = await db().transaction(async (tx) => {
    const made: string[] = [];
    for (const [p, roles] of [
      [person, ["employee"]],
      [helper, ["employee", "specialist"]],
    ] as const) {
      const userId = await createPasswordAccount(tx, {
        email: p.email,
        name: `${p.firstName} ${p.lastName}`,
        password: FIXTURE_PASSWORD,
      });
      await tx.insert(employee).values({
        centreId: ids.centre,
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email,
        employeeNumber: p.number,
        unitId: ids.unit,
        positionId: ids.position,
        userId,
      });
      await tx
        .insert(roleAssignment)
        .values(roles.map((role) => ({ centreId: ids.centre, userId, role })));
      made.push(userId);
    }
    return made;
  });
  const specialistName = `${helper.firstName} ${helper.lastName}`;
  const sp = await seedBookableSpecialist(db(), ids.centre, {
    name: specialistName,
    title: helper.title,
    userId: userIds[1],
    kinds: ["consultation"],
    online: true,
    inPerson: true,
    windows: [{ start: "08:00", end: "18:00" }],
  });
  return {
    employeeEmail: person.email,
    employeeFirstName: person.firstName,
    employeeLastName: person.lastName,
    specialistEmail: helper.email,
    specialist: sp.id,
    specialistName,
    specialistTitle: helper.title,
  };
}
