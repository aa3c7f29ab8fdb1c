// Seed step of the end-to-end suite for attendance and certificates (programme-attendance.spec.ts
// and the access and accessibility walks), through the services where they exist: a training
// under way (its first session marked and scanned, the second running now), a finished workshop
// whose participants hold certificates (one of them revoked), an upcoming webinar, and a session
// of the other centre.
import { actorFor } from "../../modules/access/test-fixtures.ts";
import {
  DAY,
  HOUR,
  seedActivity,
  seedEnrolment,
  seedPerson,
} from "../../modules/programme/attend-test-fixtures.ts";
import { issueCertificates, revokeCertificate } from "../../modules/programme/certificates.ts";
import { markAttendance } from "../../modules/programme/mark-attendance.ts";
import { uploadSessionScan } from "../../modules/programme/session-scan.ts";

export type ProgrammeAttendSeed = {
  /** A training (clock hours, 80 %): the specialist is its trainer. */
  training: string;
  trainingTitle: string;
  /** Its first session (3 h, last week): marked, its signed sheet scanned. */
  pastSession: string;
  /** Its second session (8 h): started an hour ago, nobody marked yet. */
  runningSession: string;
  /** Confirmed participants of the training, by name. */
  people: { anna: string; jan: string; ewa: string };
  /** A finished workshop (academic hours) the specialist does not train. */
  finished: string;
  /** The employee-role user's valid certificate of the finished workshop, and its number. */
  certificate: string;
  certificateNumber: string;
  /** Another participant's revoked certificate of the same workshop. */
  revokedCertificate: string;
  revokedNumber: string;
  /** An online webinar next week the employee-role user is enrolled in. */
  upcoming: string;
  upcomingTitle: string;
  /** A session of the other centre. */
  otherSession: string;
};

/** A tiny but real PNG (1 × 1 px): the "scan" of a signed sheet. */
export const TINY_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

export async function seedProgrammeAttend(ids: {
  centre: string;
  unitA: string;
  unitB: string;
  coordinatorUserId: string;
  specialistUserId: string;
  employee: string;
  otherCentre: string;
}): Promise<ProgrammeAttendSeed> {
  const coordinator = await actorFor(ids.coordinatorUserId);
  const now = Date.now();

  const trainingTitle = "E2E: Bezpieczna rozmowa z klientem agresywnym";
  const training = await seedActivity(ids.centre, {
    title: trainingTitle,
    trainerUserId: ids.specialistUserId,
    provider: "Centrum Szkoleń „Dialog” — Żaneta Wiśniewska",
    sessions: [
      {
        startsAt: new Date(now - 7 * DAY),
        endsAt: new Date(now - 7 * DAY + 3 * HOUR),
        place: "Sala 101, ul. Wałowa 1, Gdańsk",
      },
      {
        // Long enough for the whole suite: marking is allowed once it has started.
        startsAt: new Date(now - HOUR),
        endsAt: new Date(now + 7 * HOUR),
        place: "Sala 102, ul. Wałowa 1, Gdańsk",
      },
    ],
  });
  const people = {
    anna: await seedPerson(ids.centre, "Anna", "Żółkiewska-Łęcka", ids.unitA),
    jan: await seedPerson(ids.centre, "Jan", "Łęcki", ids.unitB),
    ewa: await seedPerson(ids.centre, "Ewa", "Lis", ids.unitA),
  };
  for (const id of Object.values(people)) {
    await seedEnrolment(ids.centre, training.activity.id, id);
  }
  const waiting = await seedPerson(ids.centre, "Wiesław", "Rezerwowy", ids.unitB);
  await seedEnrolment(ids.centre, training.activity.id, waiting, "waitlisted");
  await markAttendance(coordinator, training.sessions[0].id, {
    marks: [
      { employeeId: people.anna, present: true },
      { employeeId: people.jan, present: true, minutes: 120 },
      { employeeId: people.ewa, present: false },
    ],
  });
  await uploadSessionScan(coordinator, training.sessions[0].id, {
    name: "lista-podpisana.png",
    size: TINY_PNG.byteLength,
    bytes: async () => TINY_PNG,
  });

  const finished = await seedActivity(ids.centre, {
    title: "E2E: Warsztat redukcji stresu — zakończony",
    kind: "stress_workshop",
    hourUnit: "academic",
    sessions: [
      { startsAt: new Date(now - 30 * DAY), endsAt: new Date(now - 30 * DAY + 3 * HOUR) },
      { startsAt: new Date(now - 23 * DAY), endsAt: new Date(now - 23 * DAY + 3 * HOUR) },
    ],
  });
  const marta = await seedPerson(ids.centre, "Marta", "Ćwiek", ids.unitB);
  for (const id of [ids.employee, marta]) await seedEnrolment(ids.centre, finished.activity.id, id);
  for (const s of finished.sessions) {
    await markAttendance(coordinator, s.id, {
      marks: [
        { employeeId: ids.employee, present: true },
        { employeeId: marta, present: true },
      ],
    });
  }
  const { issued } = await issueCertificates(coordinator, finished.activity.id, { all: true });
  const mine = issued.find((c) => c.employeeId === ids.employee)!;
  const hers = issued.find((c) => c.employeeId === marta)!;
  await revokeCertificate(coordinator, hers.id, { reason: "Wydane na błędne nazwisko." });

  const upcomingTitle = "E2E: Webinarium — higiena pracy zdalnej";
  const upcoming = await seedActivity(ids.centre, {
    title: upcomingTitle,
    kind: "webinar",
    sessions: [
      {
        startsAt: new Date(now + 7 * DAY),
        endsAt: new Date(now + 7 * DAY + 2 * HOUR),
        place: "",
        meetingUrl: "https://spotkania.example.pl/higiena-pracy",
      },
    ],
  });
  await seedEnrolment(ids.centre, upcoming.activity.id, ids.employee);

  const theirs = await seedActivity(ids.otherCentre, {
    title: "E2E: szkolenie innego ośrodka",
    sessions: [{ startsAt: new Date(now - DAY), endsAt: new Date(now - DAY + 2 * HOUR) }],
  });

  return {
    training: training.activity.id,
    trainingTitle,
    pastSession: training.sessions[0].id,
    runningSession: training.sessions[1].id,
    people,
    finished: finished.activity.id,
    certificate: mine.id,
    certificateNumber: mine.number,
    revokedCertificate: hers.id,
    revokedNumber: hers.number,
    upcoming: upcoming.activity.id,
    upcomingTitle,
    otherSession: theirs.sessions[0].id,
  };
}
