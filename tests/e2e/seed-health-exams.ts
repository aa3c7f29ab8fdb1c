// Seed step of the end-to-end suite for occupational-medicine records (health-exams.spec.ts and
// the access and accessibility walks): a unit and a position of their own, so other specs'
// plans and referrals are not disturbed; an employee with an account and no certificate yet
// (the spec records one), and another with an account and a planned exam with a referral.
import { createPasswordAccount } from "../../modules/access/create-account.ts";
import { roleAssignment } from "../../modules/access/schema.ts";
import { actorFor, FIXTURE_PASSWORD } from "../../modules/access/test-fixtures.ts";
import { planExam } from "../../modules/health/record-exam.ts";
import { healthClinic } from "../../modules/health/schema.ts";
import { employee, orgUnit, position } from "../../modules/org/schema.ts";
import { db } from "../../platform/db.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";

export type HealthExamsSeed = {
  unit: string;
  /** A position with client contact and field work (default hazards), for editing. */
  position: string;
  positionName: string;
  /** Ewa Zdrowa: an account, no exams; the spec records her certificate. */
  employee: string;
  employeeEmail: string;
  /** Jan Planowany: an account and a planned periodic exam with a referral. */
  planned: string;
  plannedEmail: string;
  plannedExam: string;
};

export async function seedHealthExams(ids: {
  centre: string;
  staffGroup: string;
  healthUserId: string;
}): Promise<HealthExamsSeed> {
  const { unit, pos, people } = await db().transaction(async (tx) => {
    const [unit] = await tx
      .insert(orgUnit)
      .values({ centreId: ids.centre, name: "Zespół Badań Profilaktycznych", kind: "team" })
      .returning();
    const [pos] = await tx
      .insert(position)
      .values({
        centreId: ids.centre,
        name: "Opiekunka środowiskowa",
        staffGroupId: ids.staffGroup,
        clientContact: "constant",
        fieldWork: true,
      })
      .returning();
    const people: { id: string; email: string }[] = [];
    for (const [firstName, lastName, email, number] of [
      ["Ewa", "Zdrowa", "ewa.zdrowa@testowo.pl", "HE1"],
      ["Jan", "Planowany", "jan.planowany@testowo.pl", "HE2"],
    ] as const) {
      const userId = await createPasswordAccount(tx, {
        email,
        name: `${firstName} ${lastName}`,
        password: FIXTURE_PASSWORD,
      });
      const [e] = await tx
        .insert(employee)
        .values({
          centreId: ids.centre,
          firstName,
          lastName,
          email,
          employeeNumber: number,
          unitId: unit.id,
          positionId: pos.id,
          userId,
        })
        .returning();
      await tx.insert(roleAssignment).values({ centreId: ids.centre, userId, role: "employee" });
      people.push({ id: e.id, email });
    }
    return { unit, pos, people };
  });
  const [clinic] = await db()
    .insert(healthClinic)
    .values({
      centreId: ids.centre,
      name: "Centrum Medycyny Pracy „Bałtyk”",
      address: "ul. Źródlana 7, Testowo",
      dailyCapacity: 10,
    })
    .returning();
  const health = await actorFor(ids.healthUserId);
  const exam = await planExam(health, people[1].id, {
    kind: "periodic",
    date: addDays(warsawDay(new Date()), 14),
    time: "09:30",
    clinicId: clinic.id,
  });
  return {
    unit: unit.id,
    position: pos.id,
    positionName: pos.name,
    employee: people[0].id,
    employeeEmail: people[0].email,
    planned: people[1].id,
    plannedEmail: people[1].email,
    plannedExam: exam.id,
  };
}
