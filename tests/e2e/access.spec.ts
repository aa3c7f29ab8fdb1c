// The access walk: every page and /api/v1 route × every role, against a table written out here
// by hand. It deliberately does not read modules/access/permissions.ts — taking a permission
// away from (or adding one to) the matrix must make this test fail until the table agrees.
import fs from "node:fs";
import nodePath from "node:path";
import { type APIRequestContext, request as playwrightRequest } from "@playwright/test";
import {
  checkPage,
  emailOf,
  expect,
  ROLES,
  type Role,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

// Columns, in this order:
//  employee, manager, coordinator, specialist, safety_officer, management, administrator, dpo,
//  health
type Row = [method: "GET" | "POST" | "PATCH", path: string, statuses: number[]];
const o = 200;
const x = 403;
const n = 404;

const TABLE: Row[] = [
  //                                            emp  mgr  coo  spe  saf  mgt  adm  dpo  hea
  ["GET", "/", /*                           */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/profile", /*                    */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/deklaracja-dostepnosci", /*     */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/org/units", /*                  */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/org/units/new", /*              */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/org/units/{unitA}", /*          */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/org/units/{unitB}", /*          */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/org/units/{otherUnit}", /*      */ [x, n, n, x, x, n, n, x, x]],
  ["GET", "/org/positions", /*              */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/org/staff-groups", /*           */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/org/employees", /*              */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/org/employees/new", /*          */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/org/employees/{empA}", /*       */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/org/employees/{empB}", /*       */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/org/employees/{otherEmp}", /*   */ [x, n, n, x, x, n, n, x, x]],
  ["GET", "/org/employees/import", /*       */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/org/employees/import/{import}", [x, x, x, x, x, x, o, x, x]],
  // The list as a file: whoever sees the list (a manager, their units only).
  ["GET", "/org/employees/export", /*       */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/admin/centre", /*               */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/admin/mail", /*                 */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/admin/audit", /*                */ [x, x, x, x, x, x, o, o, x]],
  ["GET", "/admin/api-keys", /*             */ [x, x, x, x, x, x, o, x, x]],
  // The seeded administrator is also the installation administrator; no role grants it.
  ["GET", "/installation/centres", /*       */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/installation/centres/new", /*   */ [x, x, x, x, x, x, o, x, x]],
  ["GET", "/installation/centres/{otherCentre}", [x, x, x, x, x, x, o, x, x]],
  ["GET", "/installation/centres/{mainCentre}", [x, x, x, x, x, x, o, x, x]],
  ["GET", "/api/v1/openapi.json", /*        */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/units", /*               */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/units/{unitA}", /*       */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/units/{unitB}", /*       */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/units/{otherUnit}", /*   */ [x, n, n, x, x, n, n, x, x]],
  ["GET", "/api/v1/employees", /*           */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/employees/{empA}", /*    */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/employees/{empB}", /*    */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/employees/{otherEmp}", /**/ [x, n, n, x, x, n, n, x, x]],
  ["POST", "/api/v1/units", /*              */ [x, x, x, x, x, x, 201, x, x]],
  // Writes below send an empty object: creating refuses it (422), a PATCH changes nothing (200).
  ["PATCH", "/api/v1/units/{unitB}", /*     */ [x, x, x, x, x, x, o, x, x]],
  ["PATCH", "/api/v1/units/{otherUnit}", /* */ [x, x, x, x, x, x, n, x, x]],
  ["GET", "/api/v1/positions", /*           */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/positions/{pos}", /*     */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/positions/{otherPos}", /**/ [x, x, n, x, x, n, n, x, x]],
  ["POST", "/api/v1/positions", /*          */ [x, x, x, x, x, x, 422, x, x]],
  ["PATCH", "/api/v1/positions/{pos}", /*   */ [x, x, x, x, x, x, o, x, x]],
  ["PATCH", "/api/v1/positions/{otherPos}", [x, x, x, x, x, x, n, x, x]],
  ["GET", "/api/v1/staff-groups", /*        */ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/staff-groups/{group}", /**/ [x, x, o, x, x, o, o, x, x]],
  ["GET", "/api/v1/staff-groups/{otherGroup}", [x, x, n, x, x, n, n, x, x]],
  ["POST", "/api/v1/staff-groups", /*       */ [x, x, x, x, x, x, 422, x, x]],
  ["PATCH", "/api/v1/staff-groups/{group}", [x, x, x, x, x, x, o, x, x]],
  ["PATCH", "/api/v1/staff-groups/{otherGroup}", [x, x, x, x, x, x, n, x, x]],
  ["POST", "/api/v1/employees", /*          */ [x, x, x, x, x, x, 422, x, x]],
  ["PATCH", "/api/v1/employees/{empB}", /*  */ [x, x, x, x, x, x, o, x, x]],
  ["PATCH", "/api/v1/employees/{otherEmp}", [x, x, x, x, x, x, n, x, x]],
  ["POST", "/api/v1/employees/{otherEmp}/deactivate", [x, x, x, x, x, x, n, x, x]],
  ["POST", "/api/v1/employees/bulk", /*     */ [x, x, x, x, x, x, 422, x, x]],
  // A client-service cycle's public links and posters: whoever runs surveys.
  ["GET", "/surveys/{clientCycle}/links", /* */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/{clientCycle}/links/print", [x, x, o, x, x, x, o, x, x]],
  // Survey cycles: whoever runs surveys; management and managers see the list (closed cycles
  // only, each linking to its results) and nothing else of a cycle here.
  ["GET", "/surveys", /*                    */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/surveys/new", /*                */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/instruments", /*        */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/instruments/{instrument}", [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/instruments/{instrument}/export", [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/{draftCycle}", /*       */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/{closedCycle}", /*      */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/{otherCycle}", /*       */ [x, x, n, x, x, x, n, x, x]],
  ["GET", "/surveys/{closedCycle}/paper-codes", [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/{closedCycle}/comments", [x, x, o, x, x, x, o, x, x]],
  ["GET", "/surveys/{otherCycle}/comments", [x, x, n, x, x, x, n, x, x]],
  // A closed cycle's results and exports: whoever reads results (a manager: own units); the
  // anonymous response file: those who both run surveys and read results (coordinators).
  ["GET", "/surveys/{resultsCycle}/results", [x, o, o, x, x, o, x, x, x]],
  ["GET", "/surveys/{resultsCycle}/results.xlsx", [x, o, o, x, x, o, x, x, x]],
  ["GET", "/surveys/{resultsCycle}/results.pdf", [x, o, o, x, x, o, x, x, x]],
  ["GET", "/surveys/{resultsCycle}/responses.csv", [x, x, o, x, x, x, x, x, x]],
  ["GET", "/surveys/{otherCycle}/results", [x, n, n, x, x, n, x, x, x]],
  // programme: tests — the test's page: whoever runs the programme (the bank) or reads its
  // reports (results; a manager, own units); taking a test and evaluating: everyone (the page
  // says when one is not a participant); evaluation results: readers of reports and runners.
  ["GET", "/programme/{testActivity}/test", /* */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/programme/{otherActivity}/test", [x, n, n, x, x, n, n, x, x]],
  ["GET", "/programme/{testActivity}/test/results.xlsx", [x, o, o, x, x, o, x, x, x]],
  ["GET", "/programme/{testActivity}/test/pre", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/programme/{testActivity}/test/post", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/programme/{otherActivity}/test/pre", [n, n, n, n, n, n, n, n, n]],
  ["GET", "/programme/{testActivity}/evaluation", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/programme/{otherActivity}/evaluation", [n, n, n, n, n, n, n, n, n]],
  ["GET", "/programme/{testActivity}/evaluation/results", [x, o, o, x, x, o, o, x, x]],
  ["GET", "/programme/{otherActivity}/evaluation/results", [x, n, n, x, x, n, n, x, x]],
  ["GET", "/api/v1/activities/{testActivity}/test-results", [x, o, o, x, x, o, x, x, x]],
  ["GET", "/api/v1/activities/{otherActivity}/test-results", [x, n, n, x, x, n, x, x, x]],
  // end of programme: tests
  // programme: attend — attendance: the coordinator, or a specialist on the activity they
  // train (the seeded specialist trains {training}, not {finished}); certificates: whoever runs
  // the programme; a certificate's PDF: its holder (the employee) and whoever runs the
  // programme, nobody else learns it exists; a revoked one is gone.
  ["GET", "/programme/{training}/attendance", [x, x, o, o, x, x, x, x, x]],
  ["GET", "/programme/{finished}/attendance", [x, x, o, x, x, x, x, x, x]],
  ["GET", "/programme/{otherActivity}/attendance", [x, x, n, n, x, x, x, x, x]],
  ["GET", "/programme/{training}/certificates", [x, x, o, x, x, x, o, x, x]],
  ["GET", "/programme/{otherActivity}/certificates", [x, x, n, x, x, x, n, x, x]],
  ["GET", "/programme/sessions/{runningSession}/attendance", [x, x, o, o, x, x, x, x, x]],
  ["GET", "/programme/sessions/{otherSession}/attendance", [x, x, n, n, x, x, x, x, x]],
  ["GET", "/programme/sessions/{runningSession}/sheet.pdf", [x, x, o, o, x, x, x, x, x]],
  ["GET", "/programme/sessions/{pastSession}/scan", [x, x, o, o, x, x, x, x, x]],
  ["GET", "/programme/sessions/{runningSession}/scan", [x, x, n, n, x, x, x, x, x]],
  ["GET", "/certificates/{certificate}.pdf", [o, n, o, n, n, n, o, n, n]],
  ["GET", "/certificates/{revokedCertificate}.pdf", [n, n, 410, n, n, n, 410, n, n]],
  ["GET", "/my/development", /*             */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/zaswiadczenie", /*              */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/sessions/{runningSession}/attendance", [x, x, o, o, x, x, x, x, x]],
  ["GET", "/api/v1/sessions/{otherSession}/attendance", [x, x, n, n, x, x, x, x, x]],
  ["GET", "/api/v1/certificates", /*        */ [x, x, o, x, x, x, o, x, x]],
  // end of programme: attend
  // programme: catalogue — everyone browses the catalogue and opens published activities; a
  // draft only whoever runs the programme (others: not found); new, edit and kinds: whoever
  // runs it; plans: whoever reads the programme's reports (a manager: own units) or runs it.
  ["GET", "/programme", /*                  */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/programme/new", /*              */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/programme/types", /*            */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/programme/plans", /*            */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/programme/plans/{catPlan}", /*  */ [x, o, o, x, x, o, o, x, x]],
  ["GET", "/programme/plans/{catOtherPlan}", [x, n, n, x, x, n, n, x, x]],
  ["GET", "/programme/{catActivity}", /*    */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/programme/{catDraft}", /*       */ [n, n, o, n, n, n, o, n, n]],
  ["GET", "/programme/{catOther}", /*       */ [n, n, n, n, n, n, n, n, n]],
  ["GET", "/programme/{catActivity}/edit", [x, x, o, x, x, x, o, x, x]],
  ["GET", "/programme/{catOther}/edit", /*  */ [x, x, n, x, x, x, n, x, x]],
  ["GET", "/api/v1/activities", /*         */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/activities/{catActivity}", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/activities/{catDraft}", [n, n, o, n, n, n, o, n, n]],
  ["GET", "/api/v1/activities/{catOther}", [n, n, n, n, n, n, n, n, n]],
  ["GET", "/api/v1/activities/{catActivity}/sessions", [o, o, o, o, o, o, o, o, o]],
  ["POST", "/api/v1/activities", /*         */ [x, x, 422, x, x, x, 422, x, x]],
  // An empty PATCH changes nothing (200); another centre's activity or session is not found.
  ["PATCH", "/api/v1/activities/{catActivity}", [x, x, o, x, x, x, o, x, x]],
  ["PATCH", "/api/v1/activities/{catOther}", [x, x, n, x, x, x, n, x, x]],
  ["POST", "/api/v1/activities/{catOther}/publish", [x, x, n, x, x, x, n, x, x]],
  ["POST", "/api/v1/activities/{catOther}/sessions", [x, x, n, x, x, x, n, x, x]],
  ["PATCH", "/api/v1/sessions/{catSession}", [x, x, o, x, x, x, o, x, x]],
  ["PATCH", "/api/v1/sessions/{catOtherSession}", [x, x, n, x, x, x, n, x, x]],
  ["POST", "/api/v1/sessions/{catOtherSession}/cancel", [x, x, n, x, x, x, n, x, x]],
  // end of programme: catalogue
  // programme: enrol — an activity's enrolments and their export: whoever runs the programme,
  // and managers (their units' people); approvals: coordinators and managers; the calendar
  // address: everyone; GET of the enrol action goes back to the activity (302). The POSTs
  // enrol each role in an activity whose enrolment window has closed: refused (409) alike.
  ["GET", "/programme/{enrActivity}/enrolments", [x, o, o, x, x, x, o, x, x]],
  ["GET", "/programme/{enrOther}/enrolments", [x, n, n, x, x, x, n, x, x]],
  ["GET", "/programme/{enrActivity}/enrolments/export", [x, o, o, x, x, x, o, x, x]],
  ["GET", "/programme/{enrActivity}/enrol", [302, 302, 302, 302, 302, 302, 302, 302, 302]],
  ["GET", "/programme/approvals", /*        */ [x, o, o, x, x, x, x, x, x]],
  ["GET", "/calendar", /*                   */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/admin/mail/{enrMail}/attachments/{enrAttachment}", [x, x, x, x, x, x, o, x, x]],
  ["GET", "/api/v1/me/enrolments", /*       */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/activities/{enrActivity}/enrolments", [x, o, o, x, x, x, o, x, x]],
  ["GET", "/api/v1/activities/{enrOther}/enrolments", [x, n, n, x, x, x, n, x, x]],
  [
    "POST",
    "/api/v1/activities/{enrClosed}/enrolments",
    [409, 409, 409, 409, 409, 409, 409, 409, 409],
  ],
  ["POST", "/api/v1/activities/{enrOther}/enrolments", [n, n, n, n, n, n, n, n, n]],
  ["POST", "/api/v1/enrolments/{enrOtherEnrolment}/cancel", [n, n, n, n, n, n, n, n, n]],
  // end of programme: enrol
  // health: exams — the status board, its file, one employee's record and the positions'
  // hazards: the health role only (another centre's employee: not found); one's own exams:
  // everyone. The POST sends an empty certificate: refused field by field (422).
  ["GET", "/health/exams", /*               */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/health/exams/export", /*        */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/health/employees/{hePlanned}", [x, x, x, x, x, x, x, x, o]],
  ["GET", "/health/employees/{otherEmp}", [x, x, x, x, x, x, x, x, n]],
  ["GET", "/health/positions", /*           */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/my/health", /*                  */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/health/exams", /*        */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/api/v1/health/employees/{hePlanned}/exams", [x, x, x, x, x, x, x, x, o]],
  ["GET", "/api/v1/health/employees/{otherEmp}/exams", [x, x, x, x, x, x, x, x, n]],
  ["POST", "/api/v1/health/employees/{hePlanned}/exams", [x, x, x, x, x, x, x, x, 422]],
  ["GET", "/api/v1/me/exams", /*            */ [o, o, o, o, o, o, o, o, o]],
  // end of health: exams
  // health: clinics, bulk planning, referrals — the health role only; a referral also to the
  // person whose exam it is (none of the role accounts here: not found to them). The POSTs send
  // an empty plan: refused field by field (422).
  ["GET", "/health/clinics", /*             */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/health/planning", /*            */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/health/planning/result", /*     */ [x, x, x, x, x, x, x, x, o]],
  ["GET", "/health/referrals/{hePlannedExam}.pdf", [n, n, n, n, n, n, n, n, o]],
  ["POST", "/api/v1/health/planning/preview", [x, x, x, x, x, x, x, x, 422]],
  ["POST", "/api/v1/health/planning/apply", [x, x, x, x, x, x, x, x, 422]],
  ["GET", "/api/v1/health/exams/{hePlannedExam}/referral.pdf", [n, n, n, n, n, n, n, n, o]],
  // end of health: clinics, bulk planning, referrals
  // health day and rooms — everyone books a Health Day's station and a room; a draft day only
  // those who run Health Days (coordinators, health; others: not found); running them: the
  // same two; keeping rooms: coordinators and administrators; another centre's day, room or
  // booking: not found. The POSTs send an empty body: refused field by field (422).
  ["GET", "/health-day", /*                 */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/health-day/{hdDay}", /*         */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/health-day/{hdDraft}", /*       */ [n, n, o, n, n, n, n, n, o]],
  ["GET", "/health-day/{hdOtherDay}", /*    */ [n, n, n, n, n, n, n, n, n]],
  ["GET", "/health-day/manage", /*          */ [x, x, o, x, x, x, x, x, o]],
  ["GET", "/health-day/manage/{hdDay}", /*  */ [x, x, o, x, x, x, x, x, o]],
  ["GET", "/health-day/manage/{hdOtherDay}", [x, x, n, x, x, x, x, x, n]],
  ["GET", "/rooms", /*                      */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/rooms/{room}", /*               */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/rooms/{otherRoom}", /*          */ [n, n, n, n, n, n, n, n, n]],
  ["GET", "/rooms/manage", /*               */ [x, x, o, x, x, x, o, x, x]],
  ["GET", "/api/v1/health-days", /*         */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/health-days/{hdDay}/slots", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/health-days/{hdDraft}/slots", [n, n, o, n, n, n, n, n, o]],
  ["GET", "/api/v1/health-days/{hdOtherDay}/slots", [n, n, n, n, n, n, n, n, n]],
  ["POST", "/api/v1/health-days/{hdDay}/bookings", [422, 422, 422, 422, 422, 422, 422, 422, 422]],
  ["POST", "/api/v1/health-days/{hdOtherDay}/bookings", [n, n, n, n, n, n, n, n, n]],
  ["POST", "/api/v1/health-day-bookings/{hdOtherBooking}/cancel", [n, n, n, n, n, n, n, n, n]],
  ["GET", "/api/v1/rooms", /*               */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/rooms/{room}/bookings", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/rooms/{otherRoom}/bookings", [n, n, n, n, n, n, n, n, n]],
  ["POST", "/api/v1/rooms/{room}/bookings", [422, 422, 422, 422, 422, 422, 422, 422, 422]],
  ["POST", "/api/v1/rooms/{otherRoom}/bookings", [n, n, n, n, n, n, n, n, n]],
  ["POST", "/api/v1/room-bookings/{otherRoomBooking}/cancel", [n, n, n, n, n, n, n, n, n]],
  // end of health day and rooms
  // support: specialists — the coordinator keeps specialists, contracts and settings; a
  // specialist their own availability in the app; the bookable profiles and windows: everyone;
  // another centre's specialist: not found.
  ["GET", "/support/specialists", /*        */ [x, x, o, x, x, x, x, x, x]],
  ["GET", "/support/specialists/new", /*    */ [x, x, o, x, x, x, x, x, x]],
  ["GET", "/support/specialists/{spSpecialist}", [x, x, o, x, x, x, x, x, x]],
  ["GET", "/support/specialists/{spOther}", [x, x, n, x, x, x, x, x, x]],
  ["GET", "/support/availability", /*       */ [x, x, x, o, x, x, x, x, x]],
  ["GET", "/support/settings", /*           */ [x, x, o, x, x, x, x, x, x]],
  ["GET", "/api/v1/support/specialists", /* */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/support/specialists/{spSpecialist}", [o, o, o, o, o, o, o, o, o]],
  ["GET", "/api/v1/support/specialists/{spOther}", [n, n, n, n, n, n, n, n, n]],
  ["GET", "/api/v1/support/specialists/{spSpecialist}/availability", [o, o, o, o, o, o, o, o, o]],
  ["POST", "/api/v1/support/specialists", [x, x, 422, x, x, x, x, x, x]],
  ["PATCH", "/api/v1/support/specialists/{spSpecialist}", [x, x, o, x, x, x, x, x, x]],
  [
    "POST",
    "/api/v1/support/specialists/{spSpecialist}/availability",
    [x, x, 422, x, x, x, x, x, x],
  ],
  ["POST", "/api/v1/support/specialists/{spOther}/availability", [x, x, n, x, x, x, x, x, x]],
  // end of support: specialists
  // support: booking — everyone books for themselves and sees their own list; the crisis link's
  // page answers every signed-in person (a non-holder is told it is not theirs); the coordinator
  // issues links. Someone else's booking is not found to every role, whatever it is.
  ["GET", "/support", /*                    */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/support/my", /*                 */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/support/crisis/{sbCrisis}", /*  */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/support/crisis-links", /*       */ [x, x, o, x, x, x, x, x, x]],
  // Free slots need a kind: asked without one, every role is told so (422).
  ["GET", "/api/v1/support/slots", [422, 422, 422, 422, 422, 422, 422, 422, 422]],
  ["GET", "/api/v1/support/bookings", /*    */ [o, o, o, o, o, o, o, o, o]],
  ["POST", "/api/v1/support/bookings", [422, 422, 422, 422, 422, 422, 422, 422, 422]],
  ["POST", "/api/v1/support/bookings/{sbOther}/cancel", [n, n, n, n, n, n, n, n, n]],
  // end of support: booking
  // support: calendar and counts — a specialist's own calendar; one booking answers only its
  // two parties (here the specialist: it is Anna Nowak's, who has no account) and is not found
  // to every other role; counts for coordinators and management.
  ["GET", "/support/calendar", /*           */ [x, x, x, o, x, x, x, x, x]],
  ["GET", "/support/bookings/{scPast}", /*  */ [n, n, n, o, n, n, n, n, n]],
  ["GET", "/support/stats", /*              */ [x, x, o, x, x, o, x, x, x]],
  ["GET", "/support/stats/export", /*       */ [x, x, o, x, x, o, x, x, x]],
  ["GET", "/api/v1/support/specialist/bookings", [x, x, x, o, x, x, x, x, x]],
  ["GET", "/api/v1/support/bookings/{scPast}", [n, n, n, o, n, n, n, n, n]],
  // An empty body: the specialist is told what is missing; nobody else learns even that.
  ["POST", "/api/v1/support/bookings/{scPast}/outcome", [n, n, n, 422, n, n, n, n, n]],
  ["GET", "/api/v1/support/stats", /*       */ [x, x, o, x, x, o, x, x, x]],
  // end of support: calendar and counts
  // incidents — everyone reports and sees their own reports (the register's page answers every
  // role); the analysis and its file: safety officers, management and managers; one incident
  // and its PDF: those who see it (safety officers and management all, a manager their units:
  // {incB} is unit B's, the manager is unit A's), not found to everyone else, whose own report
  // it is not (the seeded reporter is an account of its own).
  ["GET", "/incidents", /*                  */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/incidents/new", /*              */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/incidents/stats", /*            */ [x, o, x, x, o, o, x, x, x]],
  ["GET", "/incidents/stats/export", /*     */ [x, o, x, x, o, o, x, x, x]],
  ["GET", "/incidents/{incA}", /*           */ [n, o, n, n, o, o, n, n, n]],
  ["GET", "/incidents/{incA}/report.pdf", /**/ [n, o, n, n, o, o, n, n, n]],
  ["GET", "/incidents/{incB}", /*           */ [n, n, n, n, o, o, n, n, n]],
  ["GET", "/incidents/{incB}/report.pdf", /**/ [n, n, n, n, o, o, n, n, n]],
  // Precautions: the page answers everyone (each sees what their unit and position allow); the
  // police letter is the keepers' (the manager of unit A, whose case it is; safety officers).
  ["GET", "/incidents/precautions", /*      */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/incidents/precautions/{precA}/police", [x, o, x, x, o, x, x, x, x]],
  // The Procedure's text: everyone reads and confirms it; its settings are the safety officer's.
  ["GET", "/incidents/procedure", /*        */ [o, o, o, o, o, o, o, o, o]],
  ["GET", "/incidents/settings", /*         */ [x, x, x, x, o, x, x, x, x]],
  // end of incidents
];

/** Pages that need no session; everything else sends an anonymous visitor to /login. */
const PUBLIC_PAGES = ["/deklaracja-dostepnosci", "/zaswiadczenie"];

function resolve(path: string): string {
  const s = seed();
  return path
    .replace("{unitA}", s.unitA)
    .replace("{unitB}", s.unitB)
    .replace("{otherUnit}", s.otherCentre.unit)
    .replace("{otherCentre}", s.otherCentre.id)
    .replace("{mainCentre}", s.mainCentre)
    .replace("{empA}", s.employeeInUnitA)
    .replace("{empB}", s.employeeInUnitB)
    .replace("{otherEmp}", s.otherCentre.employee)
    .replace("{import}", s.staffImport)
    .replace("{pos}", s.catalogue.position)
    .replace("{otherPos}", s.catalogue.otherPosition)
    .replace("{group}", s.catalogue.staffGroup)
    .replace("{otherGroup}", s.catalogue.otherStaffGroup)
    .replace("{clientCycle}", s.surveyAnswering.clientCycle)
    .replace("{instrument}", s.surveyCoordinator.instrument)
    .replace("{draftCycle}", s.surveyCoordinator.draft)
    .replace("{closedCycle}", s.surveyCoordinator.closed)
    .replace("{otherCycle}", s.surveyAnswering.staffCycle)
    .replace("{resultsCycle}", s.surveyResults.cycle)
    .replace("{testActivity}", s.programmeTests.running)
    .replace("{otherActivity}", s.programmeTests.otherCentre)
    .replace("{training}", s.programmeAttend.training)
    .replace("{finished}", s.programmeAttend.finished)
    .replace("{runningSession}", s.programmeAttend.runningSession)
    .replace("{pastSession}", s.programmeAttend.pastSession)
    .replace("{otherSession}", s.programmeAttend.otherSession)
    .replace("{revokedCertificate}", s.programmeAttend.revokedCertificate)
    .replace("{certificate}", s.programmeAttend.certificate)
    .replace("{catActivity}", s.programmeCatalogue.published)
    .replace("{catDraft}", s.programmeCatalogue.draft)
    .replace("{catOther}", s.programmeCatalogue.otherActivity)
    .replace("{catSession}", s.programmeCatalogue.session)
    .replace("{catOtherSession}", s.programmeCatalogue.otherSession)
    .replace("{catPlan}", s.programmeCatalogue.plan)
    .replace("{catOtherPlan}", s.programmeCatalogue.otherPlan)
    .replace("{enrActivity}", s.programmeEnrol.activity)
    .replace("{enrClosed}", s.programmeEnrol.closed)
    .replace("{enrOther}", s.programmeEnrol.other)
    .replace("{enrOtherEnrolment}", s.programmeEnrol.otherEnrolment)
    .replace("{enrMail}", s.programmeEnrol.mail)
    .replace("{enrAttachment}", s.programmeEnrol.attachment)
    .replace("{hePlannedExam}", s.healthExams.plannedExam)
    .replace("{hePlanned}", s.healthExams.planned)
    .replace("{hdDay}", s.healthDay.day)
    .replace("{hdDraft}", s.healthDay.draft)
    .replace("{hdOtherDay}", s.healthDay.otherDay)
    .replace("{hdOtherBooking}", s.healthDay.otherBooking)
    .replace("{room}", s.healthDay.room)
    .replace("{otherRoom}", s.healthDay.otherRoom)
    .replace("{otherRoomBooking}", s.healthDay.otherRoomBooking)
    .replace("{spSpecialist}", s.supportSpecialists.specialist)
    .replace("{spOther}", s.supportSpecialists.otherSpecialist)
    .replace("{sbCrisis}", s.supportBooking.crisisToken)
    .replace("{sbOther}", s.supportBooking.otherBooking)
    .replace("{scPast}", s.supportCalendar.past)
    .replace("{incA}", s.incidents.incidentA)
    .replace("{incB}", s.incidents.incidentB)
    .replace("{precA}", s.incidents.precautionA);
}

let unitNumber = 0;
async function call(api: APIRequestContext, method: Row[0], path: string) {
  if (method === "GET") return api.get(resolve(path), { maxRedirects: 0 });
  return api.fetch(resolve(path), {
    method,
    maxRedirects: 0,
    headers: { Origin: SEEDED.url },
    data:
      path === "/api/v1/units"
        ? { name: `Zespół e2e ${Date.now()}-${unitNumber++}`, kind: "team" }
        : {},
  });
}

/** Routes of app/routes.ts that are not behind a permission (sign-in flow, public pages). */
const OPEN_ROUTES = [
  "/login",
  "/login/two-factor",
  "/logout",
  "/forgot-password",
  "/reset-password",
  "/setup/:token",
  "/invitation/:token",
  "/language",
  "/deklaracja-dostepnosci",
  // Answering surveys: the token, code or public link is the only credential.
  "/survey",
  "/survey/anonimowosc",
  "/survey/dziekujemy",
  "/survey/:token",
  "/opinia/:slug",
  // Verifying a certificate: its number is all one needs (rate-limited per address).
  "/zaswiadczenie/*",
  "/*",
];

test("the table covers every role and every page route of app/routes.ts", () => {
  for (const [, path, statuses] of TABLE) expect(statuses, path).toHaveLength(ROLES.length);
  const source = fs.readFileSync(
    nodePath.resolve(import.meta.dirname, "../../app/routes.ts"),
    "utf8",
  );
  const routes = [
    ...(source.includes("index(") ? ["/"] : []),
    ...[...source.matchAll(/route\("([^"]+)"/g)].map((m) => `/${m[1]}`),
  ];
  expect(routes.length).toBeGreaterThan(10);
  const covered = new Set(TABLE.map(([, p]) => p.replace(/\{\w+\}/g, ":id")));
  // Parameters are compared by position, whatever their names (":id", ":attachmentId").
  const missing = routes.filter(
    (r) => !OPEN_ROUTES.includes(r) && !covered.has(r.replace(/:\w+/g, ":id")),
  );
  expect(missing, "page routes missing from the access table").toEqual([]);
});

for (const [i, role] of ROLES.entries()) {
  test(`access walk: ${role}`, async ({ roleState }) => {
    const api = await playwrightRequest.newContext({
      baseURL: SEEDED.url,
      storageState: await roleState(role),
    });
    const mismatches: string[] = [];
    for (const [method, path, statuses] of TABLE) {
      const res = await call(api, method, path);
      const expected = statuses[i];
      if (res.status() !== expected) {
        mismatches.push(`${method} ${path}: expected ${expected}, got ${res.status()}`);
        continue;
      }
      if (path.startsWith("/api/") && expected >= 400) {
        expect(res.headers()["content-type"], `${method} ${path}`).toContain(
          "application/problem+json",
        );
        expect((await res.json()).status, `${method} ${path}`).toBe(expected);
      }
      if (path.startsWith("/api/") && expected === 201) {
        const body = await res.json();
        expect(body).toMatchObject({ kind: "team", parentId: null });
      }
    }
    await api.dispose();
    expect(mismatches, `${role}: statuses differing from the table`).toEqual([]);
  });
}

test("a manager sees only the units they manage in lists", async ({ roleState }) => {
  const api = await playwrightRequest.newContext({
    baseURL: SEEDED.url,
    storageState: await roleState("manager" satisfies Role),
  });
  const units = (await (await api.get("/api/v1/units")).json()).items as { id: string }[];
  expect(units.map((u) => u.id)).toEqual([seed().unitA]);
  const employees = await (await api.get("/api/v1/employees?pageSize=100")).json();
  const ids = (employees.items as { id: string }[]).map((e) => e.id);
  expect(ids).toContain(seed().employeeInUnitA);
  expect(ids).not.toContain(seed().employeeInUnitB);
  await api.dispose();
});

test("anonymous: pages redirect to /login, the API answers 401 Problem Details", async () => {
  const api = await playwrightRequest.newContext({ baseURL: SEEDED.url });
  const mismatches: string[] = [];
  for (const [method, path] of TABLE) {
    const res = await call(api, method, path);
    if (path === "/api/v1/openapi.json") {
      // The API description is public: it names operations, never data.
      if (res.status() !== 200) mismatches.push(`${path}: expected 200, got ${res.status()}`);
    } else if (path.startsWith("/api/")) {
      if (res.status() !== 401) {
        mismatches.push(`${method} ${path}: expected 401, got ${res.status()}`);
        continue;
      }
      expect(res.headers()["content-type"]).toContain("application/problem+json");
      expect(await res.json()).toMatchObject({ status: 401, instance: resolve(path) });
    } else if (PUBLIC_PAGES.includes(path)) {
      if (res.status() !== 200) mismatches.push(`${path}: expected 200, got ${res.status()}`);
    } else {
      const location = res.headers().location ?? "";
      if (![302, 303].includes(res.status()) || !location.startsWith("/login?next=")) {
        mismatches.push(
          `${path}: expected a redirect to /login, got ${res.status()} → ${location}`,
        );
        continue;
      }
      expect(decodeURIComponent(location.slice("/login?next=".length))).toBe(resolve(path));
    }
  }
  await api.dispose();
  expect(mismatches).toEqual([]);
});

test("the occupational-health role: given on the employee page, its card on the dashboard", async ({
  pageAs,
  consoleWatch,
}) => {
  const admin = await pageAs("administrator");
  const empPath = `/org/employees/${seed().employeeInUnitA}`;
  await checkPage(admin, consoleWatch, { path: empPath, role: "administrator" }, "pl");
  const roles = admin.getByRole("group", { name: "Role" });
  await expect(roles.getByRole("checkbox", { name: "Medycyna pracy" })).not.toBeChecked();

  const health = await pageAs("health");
  await checkPage(health, consoleWatch, { path: "/", role: "health" }, "pl");
  await expect(health.getByText(/^Twoje role: .*Medycyna pracy/)).toBeVisible();
  const card = health.getByRole("region", { name: "Medycyna pracy" });
  await expect(card.getByRole("link")).toHaveAttribute("href", "/health/exams");

  // Nobody else gets the card, the coordinator included.
  for (const role of ["employee", "coordinator"] as const) {
    const p = await pageAs(role);
    await checkPage(p, consoleWatch, { path: "/", role }, "pl");
    await expect(p.getByRole("region", { name: "Medycyna pracy" })).toHaveCount(0);
  }
});

test("a session that ends mid-visit leads to sign-in and back to the page", async ({ pageAs }) => {
  const p = await pageAs("coordinator");
  await p.goto("/org/employees");
  await waitForHydration(p);
  await p.context().clearCookies();
  // A client-side navigation: React Router fetches /org/units.data, which must still send
  // the visitor back to /org/units (not to the data URL) after signing in.
  await p
    .getByRole("navigation", { name: "Menu główne" })
    .getByRole("link", { name: "Komórki organizacyjne" })
    .click();
  await p.waitForURL((u) => u.pathname === "/login");
  expect(new URL(p.url()).searchParams.get("next")).toBe("/org/units");
  await p.getByLabel("Adres e-mail").fill(emailOf("coordinator"));
  await p.getByLabel("Hasło", { exact: true }).fill(seed().password);
  await p.getByRole("button", { name: "Zaloguj się" }).click();
  await p.waitForURL((u) => u.pathname === "/org/units");
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("Komórki organizacyjne");
});
