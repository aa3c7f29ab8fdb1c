// Seed step of the end-to-end suite for incidents (incidents.spec.ts, and the access and
// accessibility walks): a reporter account of its own (employee role only, in unit A — the
// manager's unit), so no other spec's bookings or crisis links get in its way, and two incidents
// it reported 40 days ago (always a month before the current one): one of unit A, which the
// unit's manager sees, and one it reported for unit B, which that manager does not.
import { randomUUID } from "node:crypto";
import { createPasswordAccount } from "../../modules/access/create-account.ts";
import { roleAssignment } from "../../modules/access/schema.ts";
import { actorFor, FIXTURE_PASSWORD } from "../../modules/access/test-fixtures.ts";
import { reportFormOptions } from "../../modules/incidents/report-form.ts";
import { reportIncident } from "../../modules/incidents/report-incident.ts";
import { incidentPrecaution } from "../../modules/incidents/schema.ts";
import { employee } from "../../modules/org/schema.ts";
import { dayFromToday } from "../../modules/support/booking-test-fixtures.ts";
import { db } from "../../platform/db.ts";

export type IncidentsSeed = {
  /** Signs in with the suite's password; reports through /incidents/new in the spec. */
  reporterEmail: string;
  reporterFirstName: string;
  reporterLastName: string;
  /** An incident of unit A (the manager's unit): "ZD/yyyy/nnnn" and its id. */
  incidentA: string;
  incidentANumber: string;
  /** An incident the reporter filed for unit B: not the manager's. */
  incidentB: string;
  incidentBNumber: string;
  /** A precaution on unit A's case (visits in pairs, police advised): its police letter's page. */
  precautionA: string;
};

export async function seedIncidents(ids: {
  centre: string;
  unitA: string;
  unitB: string;
  position: string;
}): Promise<IncidentsSeed> {
  const person = {
    email: "zofia.zglaszajaca@testowo.pl",
    firstName: "Zofia",
    lastName: "Zgłaszająca",
    number: "X-INC-1",
  };
  const userId = await db().transaction(async (tx) => {
    const id = await createPasswordAccount(tx, {
      email: person.email,
      name: `${person.firstName} ${person.lastName}`,
      password: FIXTURE_PASSWORD,
    });
    await tx.insert(employee).values({
      centreId: ids.centre,
      firstName: person.firstName,
      lastName: person.lastName,
      email: person.email,
      employeeNumber: person.number,
      unitId: ids.unitA,
      positionId: ids.position,
      userId: id,
    });
    await tx.insert(roleAssignment).values({ centreId: ids.centre, userId: id, role: "employee" });
    return id;
  });

  const reporter = await actorFor(userId);
  const { kinds } = await reportFormOptions(reporter);
  const kindId = (key: string) => {
    const k = kinds.find((x) => x.key === key);
    if (!k) throw new Error(`no incident kind ${key}`);
    return k.id;
  };
  const date = dayFromToday(-40);
  const a = await reportIncident(reporter, {
    date,
    time: "10:30",
    place: "client_home",
    kindId: kindId("verbal_abuse"),
    severity: "medium",
    description:
      "Podczas wywiadu środowiskowego klient podniósł głos, wyzywał mnie i kazał wyjść. Wyszłam i zadzwoniłam do kierowniczki.",
    caseReference: "DPS.5012.7.2026",
    submissionKey: randomUUID(),
  });
  const b = await reportIncident(reporter, {
    date,
    time: "13:15",
    place: "office",
    kindId: kindId("threats"),
    severity: "low",
    description: "Klient innego działu groził mi w poczekalni, gdy odmówiłam przyjęcia wniosku.",
    caseReference: "ZP/88/2026",
    unitId: ids.unitB,
    submissionKey: randomUUID(),
  });
  // Written as the keepers' form would; who reviews it does not matter to the walks.
  const [precaution] = await db()
    .insert(incidentPrecaution)
    .values({
      centreId: ids.centre,
      unitId: ids.unitA,
      caseReference: "DPS.5012.7.2026",
      visitsInPairs: true,
      policeAdvised: true,
      reason: a.number,
      reviewOn: dayFromToday(90),
      incidentId: a.id,
      createdByUserId: userId,
      reviewerUserId: userId,
    })
    .returning({ id: incidentPrecaution.id });
  return {
    precautionA: precaution.id,
    reporterEmail: person.email,
    reporterFirstName: person.firstName,
    reporterLastName: person.lastName,
    incidentA: a.id,
    incidentANumber: a.number,
    incidentB: b.id,
    incidentBNumber: b.number,
  };
}
