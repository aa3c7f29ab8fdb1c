// Seed step of the end-to-end suite for the whole survey cycle (survey-cycle.spec.ts): three
// units of the main centre with active employees who have e-mail addresses, all in one staff
// group — two units large enough for results to be published and one of two people, whose
// results must stay hidden. The cycle itself is created, opened, answered and closed through
// the pages by the spec.
import { employee, orgUnit } from "../../modules/org/schema.ts";
import { db } from "../../platform/db.ts";

export type SurveyCycleUnit = { id: string; name: string; emails: string[] };

export type SurveyCycleSeed = {
  /** Seven and six employees: enough for k = 5 once five of each have answered. */
  large: [SurveyCycleUnit, SurveyCycleUnit];
  /** Two employees: a unit whose results are never shown. */
  small: SurveyCycleUnit;
};

const PEOPLE = [
  ["Agnieszka", "Wójcik"],
  ["Łukasz", "Kamiński"],
  ["Małgorzata", "Lewandowska"],
  ["Paweł", "Zieliński"],
  ["Józefa", "Szymańska"],
  ["Grzegorz", "Woźniak"],
  ["Elżbieta", "Dąbrowska"],
  ["Michał", "Kozłowski"],
  ["Bożena", "Jankowska"],
  ["Tomasz", "Mazur"],
  ["Jadwiga", "Kwiatkowska"],
  ["Krzysztof", "Krawczyk"],
  ["Urszula", "Piotrowska"],
  ["Stanisław", "Grabowski"],
  ["Halina", "Pawłowska"],
] as const;

export async function seedSurveyCycle(
  centreId: string,
  positionId: string,
): Promise<SurveyCycleSeed> {
  const plan = [
    { name: "CPS Śródmieście", slug: "srodmiescie", size: 7 },
    { name: "CPS Żabianka", slug: "zabianka", size: 6 },
    { name: "Punkt konsultacyjny Łąkowa", slug: "lakowa", size: 2 },
  ];
  let person = 0;
  const units = await db().transaction(async (tx) => {
    const out: SurveyCycleUnit[] = [];
    for (const u of plan) {
      const [unit] = await tx
        .insert(orgUnit)
        .values({ centreId, name: u.name, kind: u.slug === "lakowa" ? "team" : "cps" })
        .returning({ id: orgUnit.id });
      const emails: string[] = [];
      for (let i = 1; i <= u.size; i++) {
        const [firstName, lastName] = PEOPLE[person++];
        const email = `cykl.${u.slug}.${i}@testowo.pl`;
        await tx.insert(employee).values({
          centreId,
          firstName,
          lastName,
          email,
          employeeNumber: `CYKL-${u.slug}-${i}`,
          unitId: unit.id,
          positionId,
        });
        emails.push(email);
      }
      out.push({ id: unit.id, name: u.name, emails });
    }
    return out;
  });
  return { large: [units[0], units[1]], small: units[2] };
}
