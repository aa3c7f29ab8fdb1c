// Seed step of the end-to-end suite for the bulk exam planning (health-planning.spec.ts): a
// unit of its own with a sub-unit and a field position, so no other spec's people are planned
// or left out. Five people are due (no certificate), one is not (valid for years).
import { healthExam } from "../../modules/health/schema.ts";
import { employee, orgUnit, position } from "../../modules/org/schema.ts";
import { db } from "../../platform/db.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";

export type HealthPlanningSeed = {
  unit: string;
  unitName: string;
  positionName: string;
  /** Employees of the unit and its sub-unit who are due, and the one who is not. */
  due: string[];
  notDue: string;
};

export async function seedHealthPlanning(ids: {
  centre: string;
  staffGroup: string;
}): Promise<HealthPlanningSeed> {
  return db().transaction(async (tx) => {
    const [unit] = await tx
      .insert(orgUnit)
      .values({ centreId: ids.centre, name: "Centrum Pracy Socjalnej nr 7", kind: "cps" })
      .returning();
    const [sub] = await tx
      .insert(orgUnit)
      .values({
        centreId: ids.centre,
        name: "Zespół Asystentów Rodziny",
        kind: "team",
        parentId: unit.id,
      })
      .returning();
    const [pos] = await tx
      .insert(position)
      .values({
        centreId: ids.centre,
        name: "Asystent rodziny",
        staffGroupId: ids.staffGroup,
        clientContact: "frequent",
        fieldWork: true,
      })
      .returning();
    const people = [
      ["Łucja", "Żmijewska", unit.id],
      ["Grzegorz", "Ślusarczyk", unit.id],
      ["Bożena", "Ąbrowska", sub.id],
      ["Józef", "Kęsicki", sub.id],
      ["Małgorzata", "Źródłowska", sub.id],
      ["Henryk", "Zdrowy", unit.id],
    ] as const;
    const ids2: string[] = [];
    for (const [i, [firstName, lastName, unitId]] of people.entries()) {
      const [e] = await tx
        .insert(employee)
        .values({
          centreId: ids.centre,
          firstName,
          lastName,
          email: `planowanie.${i + 1}@testowo.pl`,
          employeeNumber: `HP${i + 1}`,
          unitId,
          positionId: pos.id,
        })
        .returning({ id: employee.id });
      ids2.push(e.id);
    }
    const notDue = ids2.at(-1)!;
    const today = warsawDay(new Date());
    await tx.insert(healthExam).values({
      centreId: ids.centre,
      employeeId: notDue,
      kind: "periodic",
      status: "done",
      examDate: addDays(today, -100),
      outcome: "fit",
      validUntil: addDays(today, 3 * 365),
    });
    return {
      unit: unit.id,
      unitName: unit.name,
      positionName: pos.name,
      due: ids2.slice(0, -1),
      notDue,
    };
  });
}
