// Accessibility: axe (WCAG 2.1 A/AA) on every page in Polish and in English, the page
// structure every screen shares, and the skip link. Pages that only exist inside a flow (the
// live setup form, a live invitation, a live reset link, the 2FA screens) are checked by the
// flow's own spec with the same helpers: first-run.spec.ts and two-factor.spec.ts.
import fs from "node:fs";
import nodePath from "node:path";
import type { Page } from "@playwright/test";
import {
  type ConsoleWatch,
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  type Lang,
  type Role,
  seed,
  setLanguage,
  test,
  type Visit,
  waitForHydration,
} from "./fixtures.ts";

/** Every route of app/routes.ts, and where its page is checked. */
const COVERAGE: Record<string, string> = {
  "/": "here (administrator, manager, dpo, health, employee)",
  "/login": "here",
  "/login/two-factor": "here (empty) and two-factor.spec.ts (after a password)",
  "/logout": "no page: POST signs out, GET redirects to /",
  "/forgot-password": "here",
  "/reset-password": "here (410) and two-factor.spec.ts (live link)",
  "/setup/:token": "here (410) and first-run.spec.ts (live form)",
  "/invitation/:token": "here (410) and first-run.spec.ts (live invitation)",
  "/language": "no page: POST sets the language, GET redirects to /",
  "/profile": "here",
  "/deklaracja-dostepnosci":
    "here (anonymous: the centre picker; signed in: own centre) and installation.spec.ts",
  "/org/units": "here",
  "/org/units/new": "here",
  "/org/units/:id": "here (administrator and manager)",
  "/org/positions": "here",
  "/org/staff-groups": "here",
  "/org/employees": "here",
  "/org/employees/new": "here (empty and with errors)",
  "/org/employees/:id": "here",
  "/org/employees/import": "here, and import.spec.ts (with errors)",
  "/org/employees/import/:id":
    "here (the column mapping), and import.spec.ts (progress, preview, result, errors)",
  "/org/employees/export": "no page: a CSV or XLSX download (import.spec.ts)",
  "/admin/centre": "here",
  "/admin/mail": "here",
  "/admin/audit": "here",
  "/admin/api-keys": "here, and api-keys.spec.ts (a new key shown, revoke confirmation, errors)",
  "/installation/centres": "here",
  "/installation/centres/new": "here, and installation.spec.ts (with errors)",
  "/installation/centres/:id": "here, and installation.spec.ts (with appointments)",
  "/surveys/:id/links": "here, and survey-answer.spec.ts (a staff cycle's, search)",
  "/surveys/:id/links/print": "here (all posters), and survey-answer.spec.ts (one poster)",
  "/survey": "here, and survey-answer.spec.ts (with errors, after answering)",
  "/survey/anonimowosc": "here",
  "/survey/dziekujemy": "here, and survey-answer.spec.ts (after answering)",
  "/survey/:token":
    "here (open, closed), and survey-answer.spec.ts (errors, answered, unknown, kiosk, English)",
  "/opinia/:slug": "here, and survey-answer.spec.ts (errors, thanks, unknown)",
  "/surveys/:id/results":
    "survey-results.spec.ts (coordinator by two views, manager, a draft, English, 320 px): a long report, checked once per role there",
  "/surveys/:id/results.xlsx": "no page: an XLSX download (survey-results.spec.ts)",
  "/surveys/:id/results.pdf":
    "no page: a PDF download (survey-results.spec.ts, read with pdftotext)",
  "/surveys/:id/responses.csv": "no page: a CSV download (survey-results.spec.ts)",
  "/surveys": "here (administrator and manager), and survey-coordinator.spec.ts",
  "/surveys/new": "here, and survey-coordinator.spec.ts (with errors)",
  "/surveys/instruments": "here, and survey-coordinator.spec.ts (import errors)",
  "/surveys/instruments/:id": "here",
  "/surveys/instruments/:id/export": "no page: a JSON download (survey-coordinator.spec.ts)",
  "/surveys/:id": "here (draft, closed), and survey-coordinator.spec.ts (open, confirmations)",
  "/surveys/:id/paper-codes": "here, and survey-coordinator.spec.ts (printed slips)",
  "/surveys/:id/comments": "here, and survey-coordinator.spec.ts (review)",
  "/*": "here (404)",
  // programme: tests
  "/programme/:id/test":
    "here (coordinator: a bank to write, a locked one with results; manager), and programme-tests.spec.ts (editing, errors, gain)",
  "/programme/:id/test/results.xlsx": "no page: an XLSX download (programme-tests.spec.ts)",
  "/programme/:id/test/pre": "here (employee), and programme-tests.spec.ts (errors, score, twice)",
  "/programme/:id/test/post": "here (employee), and programme-tests.spec.ts (score, 320 px)",
  "/programme/:id/evaluation": "here (employee), and programme-tests.spec.ts (errors, answered)",
  "/programme/:id/evaluation/results":
    "here (shown, hidden below 5), and programme-tests.spec.ts (closing)",
  // end of programme: tests
  // programme: attend
  "/programme/:id/attendance":
    "here (coordinator, the trainer), and programme-attendance.spec.ts (after marking)",
  "/programme/:id/certificates":
    "here (coordinator), and programme-attendance.spec.ts (issuing, revoking with errors)",
  "/programme/sessions/:id/attendance":
    "here (coordinator, the trainer), and programme-attendance.spec.ts (320 px, errors, scan)",
  "/programme/sessions/:id/sheet.pdf":
    "no page: a PDF download (programme-attendance.spec.ts, read with pdftotext)",
  "/programme/sessions/:id/scan": "no page: the scan as uploaded (programme-attendance.spec.ts)",
  "/certificates/:id.pdf": "no page: a PDF download (programme-attendance.spec.ts, pdftotext)",
  "/zaswiadczenie": "here (anonymous), and programme-attendance.spec.ts (errors)",
  "/zaswiadczenie/*":
    "here (valid, revoked, unknown), and programme-attendance.spec.ts (signed out)",
  "/my/development": "here (employee, coordinator), and programme-attendance.spec.ts",
  // end of programme: attend
  // programme: catalogue
  "/programme": "here (coordinator, employee), and programme-catalogue.spec.ts (filters, 320 px)",
  "/programme/new": "here, and programme-catalogue.spec.ts (with errors)",
  "/programme/types": "here, and programme-catalogue.spec.ts (renaming, adding, errors)",
  "/programme/plans": "here (coordinator, manager), and programme-catalogue.spec.ts (a new plan)",
  "/programme/plans/:id": "here (coordinator, manager), and programme-catalogue.spec.ts",
  "/programme/:id":
    "here (published: coordinator, employee; draft), and programme-catalogue.spec.ts",
  "/programme/:id/edit":
    "here, and programme-catalogue.spec.ts (sessions with errors, publishing, cancelling)",
  // end of programme: catalogue
  // programme: enrol
  "/programme/:id/enrol":
    "no page: POST enrols or withdraws and redirects to the activity, GET redirects there; the enrolment box is checked on /programme/:id here and in programme-enrol.spec.ts",
  "/programme/:id/enrolments":
    "here (coordinator, manager), and programme-enrol.spec.ts (nominating with errors, cancelling)",
  "/programme/:id/enrolments/export": "no page: a CSV or XLSX download (programme-enrol.spec.ts)",
  "/programme/approvals": "here (coordinator, manager), and programme-enrol.spec.ts (approving)",
  "/calendar": "here (employee), and programme-enrol.spec.ts (an address made and revoked)",
  "/admin/mail/:id/attachments/:attachmentId":
    "no page: the .ics file of a message in the mail log (programme-enrol.spec.ts)",
  // end of programme: enrol
  // health: exams
  "/health/exams":
    "here (health), and health-exams.spec.ts (search, after recording, the status filter)",
  "/health/exams/export": "no page: a CSV or XLSX download (health-exams.spec.ts)",
  "/health/employees/:id":
    "here (health: a planned exam), and health-exams.spec.ts (no certificate, errors, saved)",
  "/health/positions": "here (health: list, editing), and health-exams.spec.ts (errors, saved)",
  "/my/health":
    "here (employee, health: nothing yet), and health-exams.spec.ts (a certificate; an appointment with its referral)",
  // end of health: exams
  // health: clinics, bulk planning, referrals
  "/health/clinics":
    "health-planning.spec.ts (health: empty list, errors, a clinic saved; in Polish and English; other roles 403)",
  "/health/planning":
    "health-planning.spec.ts (health: the form, a date refused, the preview; in Polish and English)",
  "/health/planning/result":
    "health-planning.spec.ts (health: after saving a plan; in Polish and English)",
  "/health/referrals/:examId.pdf":
    "no page: a PDF download (health-planning.spec.ts, read with pdftotext)",
  // end of health: clinics, bulk planning, referrals
  // support: specialists
  "/support/specialists":
    "here (coordinator), and support-specialists.spec.ts (search; a specialist gets 403)",
  "/support/specialists/new": "here, and support-specialists.spec.ts (with errors)",
  "/support/specialists/:id":
    "here (coordinator: windows, absence, contract), and support-specialists.spec.ts (an overlapping window, errors)",
  "/support/availability":
    "here (specialist), and support-specialists.spec.ts (a specialist's own windows and absences, errors)",
  "/support/settings": "here, and support-specialists.spec.ts (with errors)",
  // end of support: specialists
  // support: booking
  "/support":
    "here (employee: choosing; a specialist's week), and support-booking.spec.ts (a picked slot, a slot taken meanwhile)",
  "/support/my": "here (employee), and support-booking.spec.ts (booked, cancelling, cancelled)",
  "/support/crisis/:token":
    "here (employee: the link's holder; manager: not theirs), and support-booking.spec.ts (booking with it, used)",
  "/support/crisis-links":
    "here (coordinator: a search), and support-booking.spec.ts (issued; an employee gets 403)",
  // end of support: booking
  // support: calendar and counts
  "/support/calendar":
    "here (specialist: a week, the list), and support-calendar.spec.ts (a booking found, marking by keyboard)",
  "/support/bookings/:id":
    "here (specialist; coordinator: 404), and support-calendar.spec.ts (its employee, its specialist, 404 to the others, marking)",
  "/support/stats":
    "here (coordinator, management), and support-calendar.spec.ts (counts only, a refused period)",
  "/support/stats/export": "no page: a CSV or XLSX download (support-calendar.spec.ts)",
  // end of support: calendar and counts
  // health day and rooms
  "/health-day": "here (employee, coordinator), and health-day.spec.ts (a new day listed)",
  "/health-day/:id":
    "here (employee: booked elsewhere; coordinator: a draft), and health-day.spec.ts (booking, the last place taken, English)",
  "/health-day/manage": "here (coordinator, health), and health-day.spec.ts (a new day)",
  "/health-day/manage/:id":
    "here (coordinator: published with counts, editing a station; a draft), and health-day.spec.ts (station errors, publishing, counts, attendance list)",
  "/rooms": "here (employee, coordinator), and rooms.spec.ts (a day's list with a booking)",
  "/rooms/:id":
    "here (employee), and rooms.spec.ts (booking, a refused overlap with errors, cancelling)",
  "/rooms/manage": "here (coordinator: list, editing), and rooms.spec.ts (errors, a new room)",
  // end of health day and rooms
  // incidents
  "/incidents":
    "here (employee: own reports, none; manager: their units'; safety officer: all), and incidents.spec.ts (searched by number; the reporter's own)",
  "/incidents/new":
    "here (employee), and incidents.spec.ts (on a phone: a draft kept over a reload, a client's name refused next to its field)",
  "/incidents/stats":
    "here (safety officer), and incidents.spec.ts (the period's count, the heat map's unit row)",
  "/incidents/stats/export": "no page: an XLSX download (incidents.spec.ts)",
  "/incidents/:id":
    "here (manager, safety officer), and incidents.spec.ts (reported with help offered, closing refused with the open steps, a step done)",
  "/incidents/:id/report.pdf": "no page: a PDF download (incidents.spec.ts, read with pdftotext)",
  "/incidents/precautions": "here (employee: their unit's; safety officer: all, with the form)",
  "/incidents/precautions/:id/police": "here (safety officer: the letter's form)",
  "/incidents/procedure":
    "here (employee: to confirm; safety officer: who has read, a new version)",
  "/incidents/settings": "here (safety officer: kinds, steps, a step's form)",
  // end of incidents
};

const ANONYMOUS: Visit[] = [
  { path: "/login" },
  { path: "/login/two-factor" },
  { path: "/forgot-password" },
  { path: "/reset-password?token=x", status: 410 },
  { path: "/setup/nieprawidlowy-token", status: 410 },
  { path: "/invitation/nieprawidlowy-token", status: 410 },
  { path: "/deklaracja-dostepnosci" },
  { path: "/nie-ma-takiej-strony", status: 404 },
  { path: "/survey" },
  { path: "/survey/anonimowosc" },
  { path: "/survey/dziekujemy" },
];

/** Public answer pages behind the seed's links (read lazily, as the seed is). */
const ANSWERING: () => Visit[] = () => [
  // The seed's last personal link: only looked at here, never answered.
  { path: `/survey/${seed().surveyAnswering.tokens.at(-1)}` },
  { path: `/survey/${seed().surveyAnswering.closedToken}`, status: 410 },
  { path: `/opinia/${seed().surveyAnswering.clientSlug}` },
];

const ADMIN: () => Visit[] = () => [
  { path: "/" },
  { path: "/profile" },
  { path: "/org/units" },
  { path: "/org/units/new" },
  { path: `/org/units/${seed().unitA}` },
  { path: "/org/positions" },
  { path: "/org/staff-groups" },
  { path: "/org/employees" },
  { path: "/org/employees/new" },
  { path: `/org/employees/${seed().employeeInUnitA}` },
  { path: "/org/employees/import" },
  { path: `/org/employees/import/${seed().staffImport}` },
  { path: "/admin/centre" },
  { path: "/admin/mail" },
  { path: "/admin/audit" },
  { path: "/admin/api-keys" },
  { path: "/installation/centres" },
  { path: "/installation/centres/new" },
  { path: `/installation/centres/${seed().otherCentre.id}` },
  { path: `/surveys/${seed().surveyAnswering.clientCycle}/links` },
  { path: `/surveys/${seed().surveyAnswering.clientCycle}/links/print` },
  { path: "/deklaracja-dostepnosci" },
  { path: "/nie-ma-takiej-strony", status: 404 },
];

/** The coordinator's survey pages, as the administrator (who also runs surveys) sees them. */
const SURVEYS: () => Visit[] = () => [
  { path: "/surveys" },
  { path: "/surveys/new" },
  { path: "/surveys/instruments" },
  { path: `/surveys/instruments/${seed().surveyCoordinator.instrument}` },
  { path: `/surveys/${seed().surveyCoordinator.draft}` },
  { path: `/surveys/${seed().surveyCoordinator.closed}` },
  { path: `/surveys/${seed().surveyCoordinator.closed}/paper-codes` },
  { path: `/surveys/${seed().surveyCoordinator.closed}/comments` },
];

/** Knowledge tests and evaluations (seed-programme-tests.ts), each as the role that uses it. */
const PROGRAMME_TESTS: () => Visit[] = () => {
  const p = seed().programmeTests;
  return [
    { role: "coordinator", path: `/programme/${p.writable}/test` },
    { role: "coordinator", path: `/programme/${p.running}/test` },
    { role: "manager", path: `/programme/${p.running}/test` },
    { role: "employee", path: `/programme/${p.running}/test/pre` },
    { role: "employee", path: `/programme/${p.running}/test/post` },
    { role: "employee", path: `/programme/${p.running}/evaluation` },
    { role: "coordinator", path: `/programme/${p.evaluated}/evaluation/results` },
    { role: "coordinator", path: `/programme/${p.fewResponses}/evaluation/results` },
  ];
};

/** Attendance, certificates and "My development" (seed-programme-attend.ts). */
const PROGRAMME_ATTEND: () => Visit[] = () => {
  const p = seed().programmeAttend;
  return [
    { role: "coordinator", path: `/programme/${p.training}/attendance` },
    { role: "coordinator", path: `/programme/sessions/${p.runningSession}/attendance` },
    { role: "coordinator", path: `/programme/sessions/${p.pastSession}/attendance` },
    { role: "coordinator", path: `/programme/${p.finished}/certificates` },
    { role: "coordinator", path: "/my/development" },
    { role: "specialist", path: `/programme/${p.training}/attendance` },
    { role: "specialist", path: `/programme/sessions/${p.runningSession}/attendance` },
    { role: "employee", path: "/my/development" },
  ];
};

/** The public verification of certificates: no session. */
const VERIFY: () => Visit[] = () => {
  const p = seed().programmeAttend;
  return [
    { path: "/zaswiadczenie" },
    { path: `/zaswiadczenie/${p.certificateNumber}` },
    { path: `/zaswiadczenie/${p.revokedNumber}` },
    { path: "/zaswiadczenie/ZAS/2020/2222-2222", status: 404 },
  ];
};

/** The catalogue, kinds and plans (seed-programme-catalogue.ts), as the roles that use them. */
const PROGRAMME_CATALOGUE: () => Visit[] = () => {
  const p = seed().programmeCatalogue;
  return [
    { role: "coordinator", path: "/programme" },
    { role: "coordinator", path: "/programme/new" },
    { role: "coordinator", path: `/programme/${p.published}` },
    { role: "coordinator", path: `/programme/${p.published}/edit` },
    { role: "coordinator", path: `/programme/${p.draft}` },
    { role: "coordinator", path: `/programme/${p.draft}/edit` },
    { role: "coordinator", path: "/programme/types" },
    { role: "coordinator", path: "/programme/plans" },
    { role: "coordinator", path: `/programme/plans/${p.plan}` },
    { role: "manager", path: `/programme/plans/${p.plan}` },
    { role: "employee", path: "/programme" },
    { role: "employee", path: `/programme/${p.published}` },
    { role: "employee", path: `/programme/${p.draft}`, status: 404 },
  ];
};

/** Enrolment's pages (seed-programme-enrol.ts), as the roles that use them. */
const PROGRAMME_ENROL: () => Visit[] = () => {
  const p = seed().programmeEnrol;
  return [
    { role: "coordinator", path: `/programme/${p.activity}/enrolments` },
    { role: "coordinator", path: "/programme/approvals" },
    { role: "manager", path: `/programme/${p.activity}/enrolments` },
    { role: "manager", path: "/programme/approvals" },
    { role: "employee", path: `/programme/${p.activity}` },
    { role: "employee", path: `/programme/${p.closed}` },
    { role: "employee", path: "/calendar" },
  ];
};

/** Occupational-medicine records (seed-health-exams.ts), as the health role and an employee. */
const HEALTH_EXAMS: () => Visit[] = () => {
  const h = seed().healthExams;
  return [
    { role: "health", path: "/health/exams" },
    { role: "health", path: `/health/employees/${h.planned}` },
    { role: "health", path: "/health/positions" },
    { role: "health", path: `/health/positions?edit=${h.position}` },
    { role: "health", path: "/my/health" },
    { role: "employee", path: "/my/health" },
  ];
};

/** Specialists and their availability (seed-support-specialists.ts). */
const SUPPORT_SPECIALISTS: () => Visit[] = () => {
  const sp = seed().supportSpecialists;
  return [
    { role: "coordinator", path: "/support/specialists" },
    { role: "coordinator", path: "/support/specialists/new" },
    { role: "coordinator", path: `/support/specialists/${sp.specialist}` },
    { role: "coordinator", path: "/support/settings" },
    { role: "specialist", path: "/support/availability" },
  ];
};

/** Booking support (seed-support-booking.ts): choosing, one's own list, a crisis link. */
const SUPPORT_BOOKING: () => Visit[] = () => {
  const b = seed().supportBooking;
  return [
    { role: "employee", path: "/support" },
    { role: "employee", path: `/support?kind=consultation&specialist=${b.specialist}` },
    { role: "employee", path: "/support/my" },
    { role: "employee", path: `/support/crisis/${b.crisisToken}` },
    { role: "manager", path: `/support/crisis/${b.crisisToken}` },
    { role: "coordinator", path: "/support/crisis-links?q=employee" },
  ];
};

/** The specialist's calendar and the counts (seed-support-calendar.ts). */
const SUPPORT_CALENDAR: () => Visit[] = () => {
  const c = seed().supportCalendar;
  return [
    { role: "specialist", path: "/support/calendar" },
    { role: "specialist", path: "/support/calendar?view=list" },
    { role: "specialist", path: `/support/bookings/${c.future}` },
    { role: "coordinator", path: `/support/bookings/${c.future}`, status: 404 },
    { role: "coordinator", path: "/support/stats" },
    { role: "management", path: "/support/stats" },
  ];
};

/** Health Days and rooms (seed-health-day.ts), as the roles that use them. */
const HEALTH_DAY: () => Visit[] = () => {
  const h = seed().healthDay;
  return [
    { role: "employee", path: "/health-day" },
    { role: "employee", path: `/health-day/${h.day}` },
    { role: "employee", path: `/health-day/${h.draft}`, status: 404 },
    { role: "employee", path: "/rooms" },
    { role: "employee", path: `/rooms/${h.room}?day=${h.roomDay}` },
    { role: "coordinator", path: "/health-day" },
    { role: "coordinator", path: "/health-day/manage" },
    { role: "coordinator", path: `/health-day/manage/${h.day}` },
    { role: "coordinator", path: `/health-day/manage/${h.day}?station=${h.station}` },
    { role: "coordinator", path: `/health-day/manage/${h.draft}` },
    { role: "coordinator", path: `/health-day/${h.draft}` },
    { role: "coordinator", path: `/rooms?day=${h.roomDay}` },
    { role: "coordinator", path: "/rooms/manage" },
    { role: "coordinator", path: `/rooms/manage?edit=${h.room}` },
    { role: "health", path: "/health-day/manage" },
  ];
};

/** Incidents (seed-incidents.ts): reporting, the register as three roles, one, the analysis. */
const INCIDENTS: () => Visit[] = () => {
  const i = seed().incidents;
  return [
    { role: "employee", path: "/incidents" },
    { role: "employee", path: "/incidents/new" },
    { role: "manager", path: "/incidents" },
    { role: "manager", path: `/incidents/${i.incidentA}` },
    { role: "safety_officer", path: "/incidents" },
    { role: "safety_officer", path: `/incidents/${i.incidentA}` },
    { role: "safety_officer", path: "/incidents/stats" },
    { role: "employee", path: "/incidents/procedure" },
    { role: "employee", path: "/incidents/precautions" },
    { role: "safety_officer", path: "/incidents/precautions?new=1" },
    { role: "safety_officer", path: `/incidents/precautions/${i.precautionA}/police` },
    { role: "safety_officer", path: `/incidents/procedure?unit=${seed().unitA}` },
    { role: "safety_officer", path: "/incidents/settings" },
  ];
};

const OTHER_ROLES: () => Visit[] = () => [
  { role: "manager", path: "/" },
  { role: "manager", path: "/org/units" },
  { role: "manager", path: `/org/units/${seed().unitA}` },
  { role: "manager", path: `/org/units/${seed().unitB}`, status: 403 },
  { role: "manager", path: "/surveys" },
  { role: "dpo", path: "/" },
  { role: "health", path: "/" },
  { role: "employee", path: "/" },
  { role: "employee", path: "/profile" },
  { role: "employee", path: "/admin/centre", status: 403 },
];

/**
 * Checks each page signed in as its visit's role, in one page per role (each role signs in
 * once per worker and keeps its page), in the given language.
 */
async function visitAsRoles(
  pageAs: (role: Role) => Promise<Page>,
  watch: ConsoleWatch,
  visits: Visit[],
  lang: Lang,
) {
  const pages = new Map<Role, Page>();
  for (const v of visits) {
    const role = v.role!;
    let page = pages.get(role);
    if (!page) {
      page = await pageAs(role);
      await setLanguage(page, lang);
      pages.set(role, page);
    }
    await checkPage(page, watch, v, lang);
  }
}

test("every route of app/routes.ts is accounted for", () => {
  const source = fs.readFileSync(
    nodePath.resolve(import.meta.dirname, "../../app/routes.ts"),
    "utf8",
  );
  const routes = [
    ...(source.includes("index(") ? ["/"] : []),
    ...[...source.matchAll(/route\("([^"]+)"/g)].map((m) => `/${m[1]}`),
  ];
  expect(routes.filter((r) => !(r in COVERAGE))).toEqual([]);
});

for (const lang of ["pl", "en"] as const) {
  test.describe(`${lang}`, () => {
    test("public pages", async ({ page, consoleWatch }) => {
      await setLanguage(page, lang);
      for (const v of [...ANONYMOUS, ...ANSWERING()]) await checkPage(page, consoleWatch, v, lang);
    });

    test("administrator's pages", async ({ pageAs, consoleWatch }) => {
      const page = await pageAs("administrator");
      await setLanguage(page, lang);
      for (const v of ADMIN())
        await checkPage(page, consoleWatch, { ...v, role: "administrator" }, lang);
    });

    // Apart from the administrator's other pages, so each walk stays within the test timeout.
    test("survey pages", async ({ pageAs, consoleWatch }) => {
      const page = await pageAs("administrator");
      await setLanguage(page, lang);
      for (const v of SURVEYS())
        await checkPage(page, consoleWatch, { ...v, role: "administrator" }, lang);
    });

    test("programme: knowledge tests and evaluations", async ({ pageAs, consoleWatch }) => {
      // Eight pages as four roles, each signed in once: more than the default minute.
      test.setTimeout(180_000);
      await visitAsRoles(pageAs, consoleWatch, PROGRAMME_TESTS(), lang);
    });

    test("programme: certificate verification (public)", async ({ page, consoleWatch }) => {
      await setLanguage(page, lang);
      for (const v of VERIFY()) await checkPage(page, consoleWatch, v, lang);
    });

    // In two halves, so each walk stays within the test timeout.
    for (const half of [0, 1] as const) {
      test(`programme: attendance and certificates (${half + 1}/2)`, async ({
        pageAs,
        consoleWatch,
      }) => {
        const visits = PROGRAMME_ATTEND();
        const mid = Math.ceil(visits.length / 2);
        const part = half === 0 ? visits.slice(0, mid) : visits.slice(mid);
        await visitAsRoles(pageAs, consoleWatch, part, lang);
      });
    }

    // The activity form is long and axe takes its time over it: one page per role, two walks
    // (whoever runs the programme; everyone else), each with more time than most.
    for (const part of ["coordinator", "other roles"] as const) {
      test(`programme: catalogue and plans (${part})`, async ({ pageAs, consoleWatch }) => {
        test.setTimeout(150_000);
        const visits = PROGRAMME_CATALOGUE().filter(
          (v) => (v.role === "coordinator") === (part === "coordinator"),
        );
        await visitAsRoles(pageAs, consoleWatch, visits, lang);
      });
    }

    test("programme: enrolment", async ({ pageAs, consoleWatch }) => {
      test.setTimeout(120_000);
      await visitAsRoles(pageAs, consoleWatch, PROGRAMME_ENROL(), lang);
    });

    test("health: exams", async ({ pageAs, consoleWatch }) => {
      test.setTimeout(120_000);
      await visitAsRoles(pageAs, consoleWatch, HEALTH_EXAMS(), lang);
    });

    test("support: specialists", async ({ pageAs, consoleWatch }) => {
      test.setTimeout(120_000);
      await visitAsRoles(pageAs, consoleWatch, SUPPORT_SPECIALISTS(), lang);
    });

    test("support: booking", async ({ pageAs, consoleWatch }) => {
      test.setTimeout(120_000);
      await visitAsRoles(pageAs, consoleWatch, SUPPORT_BOOKING(), lang);
    });

    test("support: calendar and counts", async ({ pageAs, consoleWatch }) => {
      test.setTimeout(120_000);
      await visitAsRoles(pageAs, consoleWatch, SUPPORT_CALENDAR(), lang);
    });

    test("health day and rooms", async ({ pageAs, consoleWatch }) => {
      test.setTimeout(180_000);
      await visitAsRoles(pageAs, consoleWatch, HEALTH_DAY(), lang);
    });

    test("incidents", async ({ pageAs, consoleWatch }) => {
      // Thirteen pages as three roles, the checklist and the analysis long: more than most.
      test.setTimeout(180_000);
      await visitAsRoles(pageAs, consoleWatch, INCIDENTS(), lang);
    });

    test("other roles' pages", async ({ pageAs, consoleWatch }) => {
      // Ten pages as five roles, each signed in for the first time here: more than a minute.
      test.setTimeout(150_000);
      for (const v of OTHER_ROLES()) {
        const page = await pageAs(v.role!);
        await setLanguage(page, lang);
        await checkPage(page, consoleWatch, v, lang);
        await page.close();
      }
    });

    test("a form showing errors", async ({ pageAs, consoleWatch }) => {
      const page = await pageAs("administrator");
      await setLanguage(page, lang);
      await checkPage(
        page,
        consoleWatch,
        { path: "/org/employees/new", role: "administrator" },
        lang,
      );
      consoleWatch.allowStatus(422); // the form's answer when fields are invalid
      await page.locator("form.narrow button[type=submit]").click();
      const summary = page.getByRole("alert");
      await expect(summary).toBeVisible();
      await expect(summary).toBeFocused();
      await expect(page.locator("#f-firstName")).toHaveAttribute("aria-invalid", "true");
      await expectNoSeriousA11yViolations(page, `/org/employees/new with errors (${lang})`);
    });
  });
}

// WCAG 2.1 1.4.10 (reflow): at 320 CSS pixels nothing but a data table may scroll sideways,
// and tables scroll inside their own box (.table-scroll), not the page.
test("every page reflows to a 320 px wide screen", async ({ pageAs, page, consoleWatch }) => {
  const widths: Record<string, number> = {};
  const measure = async (p: typeof page, v: { path: string; status?: number }, who: string) => {
    if (v.status && v.status !== 200) consoleWatch.allowStatus(v.status);
    await p.setViewportSize({ width: 320, height: 800 });
    await p.goto(v.path);
    await waitForHydration(p);
    widths[`${who} ${v.path}`] = await p.evaluate(() => document.documentElement.scrollWidth);
  };
  for (const v of [...ANONYMOUS, ...ANSWERING()]) await measure(page, v, "anonymous");
  const admin = await pageAs("administrator");
  for (const v of [...ADMIN(), ...SURVEYS()]) await measure(admin, v, "administrator");
  expect(Object.entries(widths).filter(([, w]) => w > 320)).toEqual([]);
});

// The check itself must fail on a broken page, or every "passes axe" above means nothing.
test("the axe check fails on missing names and faint text", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.evaluate(() => {
    const main = document.querySelector("main");
    main?.insertAdjacentHTML(
      "beforeend",
      '<img src="/favicon.svg"><input type="text"><button></button><p id="faint">ledwo widać</p>',
    );
    const faint = document.getElementById("faint");
    // Through the CSSOM: the CSP refuses style attributes, not this.
    if (faint) Object.assign(faint.style, { color: "#ddd", background: "#fff" });
  });
  const failure = await expectNoSeriousA11yViolations(page, "broken /login").then(
    () => undefined,
    (err: Error) => err.message,
  );
  for (const rule of ["image-alt", "label", "button-name", "color-contrast"]) {
    expect(failure).toContain(rule);
  }
});

test("the language button in the header switches to English and back", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page).toHaveTitle("Sign in – Przystań");
  await page.getByRole("button", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logowanie");
});

test.describe("keyboard", () => {
  for (const { path, role } of [
    { path: "/login", role: undefined },
    { path: "/forgot-password", role: undefined },
    { path: "/", role: "administrator" as const },
    { path: "/org/employees", role: "manager" as const },
  ]) {
    test(`first Tab reaches the skip link, Enter moves to main: ${path}`, async ({
      page,
      pageAs,
    }) => {
      const p = role ? await pageAs(role) : page;
      await p.goto(path);
      await waitForHydration(p);
      await p.keyboard.press("Tab");
      const skip = p.getByRole("link", { name: "Przejdź do treści" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await p.keyboard.press("Enter");
      await expect(p.getByRole("main")).toBeFocused();
      // The next Tab continues inside the content, not back in the header.
      await p.keyboard.press("Tab");
      const inMain = await p.evaluate(() => Boolean(document.activeElement?.closest("main")));
      expect(inMain).toBe(true);
    });
  }
});
