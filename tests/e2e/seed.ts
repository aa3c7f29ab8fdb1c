// Seeds the end-to-end suite's "seeded" server: run with node before the server starts on the
// same DATA_DIR (the embedded database is single-process, so this closes it when done).
import fs from "node:fs";
import path from "node:path";
import { createPasswordAccount } from "../../modules/access/create-account.ts";
import { installationAdmin, roleAssignment } from "../../modules/access/schema.ts";
import {
  actorFor,
  FIXTURE_PASSWORD,
  seedCentreWithRoles,
} from "../../modules/access/test-fixtures.ts";
import { employee } from "../../modules/org/schema.ts";
import { staffCsv } from "../../modules/org/staff-import/test-files.ts";
import { uploadStaffFile } from "../../modules/org/staff-import/upload-staff-file.ts";
import { config } from "../../platform/config.ts";
import { database, db, startDatabase } from "../../platform/db.ts";
import { type HealthDaySeed, seedHealthDay } from "./seed-health-day.ts";
import { type HealthExamsSeed, seedHealthExams } from "./seed-health-exams.ts";
import { type HealthPlanningSeed, seedHealthPlanning } from "./seed-health-planning.ts";
import { type IncidentsSeed, seedIncidents } from "./seed-incidents.ts";
import { type ProgrammeAttendSeed, seedProgrammeAttend } from "./seed-programme-attend.ts";
import { type ProgrammeCatalogueSeed, seedProgrammeCatalogue } from "./seed-programme-catalogue.ts";
import { type ProgrammeEnrolSeed, seedProgrammeEnrol } from "./seed-programme-enrol.ts";
import { type ProgrammeTestsSeed, seedProgrammeTests } from "./seed-programme-tests.ts";
import { type SupportBookingSeed, seedSupportBooking } from "./seed-support-booking.ts";
import { type SupportCalendarSeed, seedSupportCalendar } from "./seed-support-calendar.ts";
import {
  type SupportConfidentialSeed,
  seedSupportConfidential,
} from "./seed-support-confidential.ts";
import { type SupportSpecialistsSeed, seedSupportSpecialists } from "./seed-support-specialists.ts";
import { type SurveySeed, seedSurveyAnswering } from "./seed-survey.ts";
import { type SurveyCoordinatorSeed, seedSurveyCoordinator } from "./seed-survey-coordinator.ts";
import { type SurveyCycleSeed, seedSurveyCycle } from "./seed-survey-cycle.ts";
import { type SurveyResultsSeed, seedSurveyResults } from "./seed-survey-results.ts";
import { SEEDED } from "./servers.ts";

export type SeedIds = {
  password: string;
  emailDomain: string;
  unitA: string;
  unitB: string;
  /** The employee-role user's record, in unit A (the manager's unit). */
  employeeInUnitA: string;
  employeeInUnitB: string;
  /** The main centre; its administrator is also the installation administrator. */
  mainCentre: string;
  otherCentre: { id: string; unit: string; employee: string };
  /** A position and a staff group of each centre (the API's catalogue routes). */
  catalogue: {
    position: string;
    staffGroup: string;
    otherPosition: string;
    otherStaffGroup: string;
  };
  /** A staff import of the main centre waiting at its first step (the column mapping). */
  staffImport: string;
  /** Accounts only the two-factor and password-reset tests change. */
  twoFactorUser: string;
  resetUser: string;
  /** Answering surveys: links, paper codes, a public link (seed-survey.ts). */
  surveyAnswering: SurveySeed;
  /** The coordinator's pages: a questionnaire, a draft, a closed cycle to review. */
  surveyCoordinator: SurveyCoordinatorSeed;
  /** Closed cycles with results, and a draft (seed-survey-results.ts). */
  surveyResults: SurveyResultsSeed;
  /** Units for the whole-cycle test: two large enough for results, one too small. */
  surveyCycle: SurveyCycleSeed;
  /** Knowledge tests and evaluations (seed-programme-tests.ts). */
  programmeTests: ProgrammeTestsSeed;
  /** Attendance and certificates (seed-programme-attend.ts). */
  programmeAttend: ProgrammeAttendSeed;
  /** The catalogue: kinds, activities, a plan (seed-programme-catalogue.ts). */
  programmeCatalogue: ProgrammeCatalogueSeed;
  /** Enrolment: approvals, waitlists, the spec's activities (seed-programme-enrol.ts). */
  programmeEnrol: ProgrammeEnrolSeed;
  /** Booking: a specialist taking bookings, the employee's booking, a crisis link. */
  supportBooking: SupportBookingSeed;
  /** The specialist-role account's calendar: a past meeting to mark, and a booker of its own. */
  supportCalendar: SupportCalendarSeed;
  /** The whole confidential flow: an employee and a linked specialist account of its own. */
  supportConfidential: SupportConfidentialSeed;
  /** A specialist account of its own with a profile, windows, a holiday, a contract. */
  supportSpecialists: SupportSpecialistsSeed;
  /** Occupational-medicine records: a unit of their own, two employees (seed-health-exams.ts). */
  healthExams: HealthExamsSeed;
  /** Health Days and rooms, with the other centre's (seed-health-day.ts). */
  healthDay: HealthDaySeed;
  /** Bulk exam planning: a unit of its own with people due (seed-health-planning.ts). */
  healthPlanning: HealthPlanningSeed;
  /** Incidents: a reporter account of its own, an incident of unit A and one of unit B. */
  incidents: IncidentsSeed;
};

const dataDir = config().dataDir;
if (!dataDir.includes("przystan-e2e")) throw new Error(`refusing to wipe ${dataDir}`);
fs.rmSync(dataDir, { recursive: true, force: true });

await startDatabase();
try {
  const main = await seedCentreWithRoles();
  const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
  await db().insert(installationAdmin).values({ userId: main.users.administrator.userId });

  const extra = [
    { email: "specjalista-2fa@testowo.pl", role: "specialist", number: "X1" },
    { email: "koordynator-reset@testowo.pl", role: "coordinator", number: "X2" },
  ] as const;
  await db().transaction(async (tx) => {
    for (const x of extra) {
      const userId = await createPasswordAccount(tx, {
        email: x.email,
        name: `Test ${x.role} (e2e)`,
        password: FIXTURE_PASSWORD,
      });
      await tx.insert(employee).values({
        centreId: main.centre.id,
        firstName: "Test",
        lastName: `${x.role} e2e`,
        email: x.email,
        employeeNumber: x.number,
        unitId: main.unitA.id,
        positionId: main.position.id,
        userId,
      });
      await tx.insert(roleAssignment).values([
        { centreId: main.centre.id, userId, role: "employee" },
        { centreId: main.centre.id, userId, role: x.role },
      ]);
    }
  });

  const importFile = Buffer.from(
    staffCsv([{ number: "S-1", lastName: "Przykład", firstName: "Ewa", email: "ewa@przyklad.pl" }]),
  );
  const staffImport = await uploadStaffFile(await actorFor(main.users.administrator.userId), {
    name: "pracownicy.csv",
    size: importFile.byteLength,
    bytes: async () => importFile,
  });

  const ids: SeedIds = {
    password: FIXTURE_PASSWORD,
    emailDomain: "testowo.pl",
    unitA: main.unitA.id,
    unitB: main.unitB.id,
    employeeInUnitA: main.users.employee.employeeId,
    employeeInUnitB: main.employeeInUnitB.id,
    mainCentre: main.centre.id,
    otherCentre: {
      id: other.centre.id,
      unit: other.unitA.id,
      employee: other.users.employee.employeeId,
    },
    catalogue: {
      position: main.position.id,
      staffGroup: main.position.staffGroupId,
      otherPosition: other.position.id,
      otherStaffGroup: other.position.staffGroupId,
    },
    staffImport,
    twoFactorUser: extra[0].email,
    resetUser: extra[1].email,
    surveyAnswering: await seedSurveyAnswering(main.users.coordinator.userId, main.unitA.id),
    surveyCoordinator: await seedSurveyCoordinator(main.users.coordinator.userId, main.unitB.id),
    surveyResults: await seedSurveyResults(main.users.coordinator.userId, main.centre.id, {
      a: main.unitA.id,
      b: main.unitB.id,
    }),
    surveyCycle: await seedSurveyCycle(main.centre.id, main.position.id),
    programmeAttend: await seedProgrammeAttend({
      centre: main.centre.id,
      unitA: main.unitA.id,
      unitB: main.unitB.id,
      coordinatorUserId: main.users.coordinator.userId,
      specialistUserId: main.users.specialist.userId,
      employee: main.users.employee.employeeId,
      otherCentre: other.centre.id,
    }),
    programmeCatalogue: await seedProgrammeCatalogue({
      centre: main.centre.id,
      coordinatorUserId: main.users.coordinator.userId,
      otherCoordinatorUserId: other.users.coordinator.userId,
      participant: main.employeeInUnitB.id,
    }),
    programmeEnrol: await seedProgrammeEnrol({
      centre: main.centre.id,
      unitA: main.unitA.id,
      position: main.position.id,
      coordinatorUserId: main.users.coordinator.userId,
      employeeUserId: main.users.employee.userId,
      otherCentre: other.centre.id,
      otherCoordinatorUserId: other.users.coordinator.userId,
      otherEmployee: other.users.employee.employeeId,
    }),
    healthPlanning: await seedHealthPlanning({
      centre: main.centre.id,
      staffGroup: main.position.staffGroupId,
    }),
    healthExams: await seedHealthExams({
      centre: main.centre.id,
      staffGroup: main.position.staffGroupId,
      healthUserId: main.users.health.userId,
    }),
    supportBooking: await seedSupportBooking({
      centre: main.centre.id,
      employeeUserId: main.users.employee.userId,
      employee: main.users.employee.employeeId,
      otherEmployee: main.employeeInUnitB.id,
    }),
    supportCalendar: await seedSupportCalendar({
      centre: main.centre.id,
      unit: main.unitA.id,
      position: main.position.id,
      specialistUserId: main.users.specialist.userId,
      employee: main.employeeInUnitB.id,
    }),
    supportConfidential: await seedSupportConfidential({
      centre: main.centre.id,
      unit: main.unitA.id,
      position: main.position.id,
    }),
    supportSpecialists: await seedSupportSpecialists({
      centre: main.centre.id,
      unit: main.unitA.id,
      position: main.position.id,
      coordinatorUserId: main.users.coordinator.userId,
      otherCoordinatorUserId: other.users.coordinator.userId,
    }),
    healthDay: await seedHealthDay({
      centre: main.centre.id,
      unitA: main.unitA.id,
      position: main.position.id,
      coordinatorUserId: main.users.coordinator.userId,
      employeeUserId: main.users.employee.userId,
      otherCoordinatorUserId: other.users.coordinator.userId,
      otherEmployeeUserId: other.users.employee.userId,
    }),
    programmeTests: await seedProgrammeTests({
      centre: main.centre.id,
      unitA: main.unitA.id,
      unitB: main.unitB.id,
      employee: main.users.employee.employeeId,
      otherCentre: other.centre.id,
    }),
    incidents: await seedIncidents({
      centre: main.centre.id,
      unitA: main.unitA.id,
      unitB: main.unitB.id,
      position: main.position.id,
    }),
  };
  fs.mkdirSync(path.dirname(SEEDED.ids), { recursive: true });
  fs.writeFileSync(SEEDED.ids, JSON.stringify(ids, null, 2));
  console.log(`Seeded ${dataDir}`);
} finally {
  await database().close();
}
