import { index, type RouteConfig, route } from "@react-router/dev/routes";

export default [
  index("routes/dashboard.tsx"),
  route("login", "routes/auth/login.tsx"),
  route("login/two-factor", "routes/auth/two-factor.tsx"),
  route("logout", "routes/auth/logout.tsx"),
  route("forgot-password", "routes/auth/forgot-password.tsx"),
  route("reset-password", "routes/auth/reset-password.tsx"),
  route("setup/:token", "routes/auth/setup.tsx"),
  route("invitation/:token", "routes/auth/invitation.tsx"),
  route("language", "routes/language.tsx"),
  route("profile", "routes/profile.tsx"),
  route("deklaracja-dostepnosci", "routes/accessibility.tsx"),
  route("org/units", "routes/org/units.tsx"),
  route("org/units/new", "routes/org/unit-new.tsx"),
  route("org/units/:id", "routes/org/unit.tsx"),
  route("org/positions", "routes/org/positions.tsx"),
  route("org/staff-groups", "routes/org/staff-groups.tsx"),
  route("org/employees", "routes/org/employees.tsx"),
  route("org/employees/new", "routes/org/employee-new.tsx"),
  route("org/employees/import", "routes/org/import.tsx"),
  route("org/employees/import/:id", "routes/org/import-step.tsx"),
  route("org/employees/export", "routes/org/employees-export.ts"),
  route("org/employees/:id", "routes/org/employee.tsx"),
  route("admin/centre", "routes/admin/centre.tsx"),
  route("admin/mail", "routes/admin/mail.tsx"),
  route("admin/audit", "routes/admin/audit.tsx"),
  route("admin/api-keys", "routes/admin/api-keys.tsx"),
  // Survey cycles and instruments (the coordinator's side).
  route("surveys", "routes/surveys/cycles.tsx"),
  route("surveys/new", "routes/surveys/cycle-new.tsx"),
  route("surveys/instruments", "routes/surveys/instruments.tsx"),
  route("surveys/instruments/:id", "routes/surveys/instrument.tsx"),
  route("surveys/instruments/:id/export", "routes/surveys/instrument-export.ts"),
  route("surveys/:id", "routes/surveys/cycle.tsx"),
  route("surveys/:id/paper-codes", "routes/surveys/paper-codes.tsx"),
  route("surveys/:id/comments", "routes/surveys/comments.tsx"),
  // Answering, without signing in: personal links, paper codes (kiosk), client-service links.
  route("surveys/:id/links", "routes/surveys/links.tsx"),
  route("surveys/:id/links/print", "routes/surveys/links-print.tsx"),
  // Results of a closed cycle and their exports.
  route("surveys/:id/results", "routes/surveys/results.tsx"),
  route("surveys/:id/results.xlsx", "routes/surveys/results-xlsx.ts"),
  route("surveys/:id/results.pdf", "routes/surveys/results-pdf.ts"),
  route("surveys/:id/responses.csv", "routes/surveys/responses-csv.ts"),
  route("survey", "routes/survey/code.tsx"),
  route("survey/anonimowosc", "routes/survey/anonymity.tsx"),
  route("survey/dziekujemy", "routes/survey/thanks.tsx"),
  route("survey/:token", "routes/survey/answer.tsx"),
  route("opinia/:slug", "routes/opinia/answer.tsx"),
  route("installation/centres", "routes/installation/centres.tsx"),
  route("installation/centres/new", "routes/installation/centre-new.tsx"),
  route("installation/centres/:id", "routes/installation/centre.tsx"),
  // programme: attendance, certificates, public verification, my development
  route("programme/:id/attendance", "routes/programme/attendance.tsx"),
  route("programme/:id/certificates", "routes/programme/certificates.tsx"),
  route("programme/sessions/:id/attendance", "routes/programme/session-attendance.tsx"),
  route("programme/sessions/:id/sheet.pdf", "routes/programme/session-sheet.ts"),
  route("programme/sessions/:id/scan", "routes/programme/session-scan.ts"),
  route("certificates/:id.pdf", "routes/certificates/certificate-pdf.ts"),
  route("zaswiadczenie", "routes/zaswiadczenie/verify.tsx"),
  route("zaswiadczenie/*", "routes/zaswiadczenie/result.tsx"),
  route("my/development", "routes/my/development.tsx"),
  // end of programme: attendance
  // programme: tests (knowledge tests and evaluations)
  route("programme/:id/test", "routes/programme/test.tsx"),
  route("programme/:id/test/results.xlsx", "routes/programme/test-results-xlsx.ts"),
  route("programme/:id/test/pre", "routes/programme/test-pre.tsx"),
  route("programme/:id/test/post", "routes/programme/test-post.tsx"),
  route("programme/:id/evaluation", "routes/programme/evaluation.tsx"),
  route("programme/:id/evaluation/results", "routes/programme/evaluation-results.tsx"),
  // end of programme: tests
  // programme: catalogue (activities, sessions, kinds, plans)
  route("programme", "routes/programme/catalogue.tsx"),
  route("programme/new", "routes/programme/activity-new.tsx"),
  route("programme/types", "routes/programme/types.tsx"),
  route("programme/plans", "routes/programme/plans.tsx"),
  route("programme/plans/:id", "routes/programme/plan.tsx"),
  route("programme/:id", "routes/programme/activity.tsx"),
  route("programme/:id/edit", "routes/programme/activity-edit.tsx"),
  // end of programme: catalogue
  // programme: enrol (enrolment, approvals, calendar feed; mail log attachments)
  route("programme/approvals", "routes/programme/approvals.tsx"),
  route("programme/:id/enrol", "routes/programme/enrol.tsx"),
  route("programme/:id/enrolments", "routes/programme/enrolments.tsx"),
  route("programme/:id/enrolments/export", "routes/programme/enrolments-export.ts"),
  route("calendar", "routes/programme/calendar.tsx"),
  route("admin/mail/:id/attachments/:attachmentId", "routes/admin/mail-attachment.ts"),
  // end of programme: enrol
  // support: the specialist's calendar, one booking (its two parties only), counts
  route("support/calendar", "routes/support/calendar.tsx"),
  route("support/bookings/:id", "routes/support/calendar-booking.tsx"),
  route("support/stats", "routes/support/stats.tsx"),
  route("support/stats/export", "routes/support/stats-export.ts"),
  // end of support: calendar and counts
  // support: booking (choose and book, one's own bookings, crisis links)
  route("support", "routes/support/index.tsx"),
  route("support/my", "routes/support/my.tsx"),
  route("support/crisis/:token", "routes/support/crisis.tsx"),
  route("support/crisis-links", "routes/support/crisis-links.tsx"),
  // end of support: booking
  // support: specialists, availability, absences, contracts, settings
  route("support/specialists", "routes/support/specialists.tsx"),
  route("support/specialists/new", "routes/support/specialist-new.tsx"),
  route("support/specialists/:id", "routes/support/specialist.tsx"),
  route("support/availability", "routes/support/availability.tsx"),
  route("support/settings", "routes/support/settings.tsx"),
  // end of support: specialists
  // health: exams (the status board, one employee's record, position hazards, one's own)
  // Not "/health": that is the server's liveness probe (server/app.ts).
  route("health/exams", "routes/health/index.tsx"),
  route("health/exams/export", "routes/health/index-export.ts"),
  route("health/employees/:id", "routes/health/employee.tsx"),
  route("health/positions", "routes/health/positions.tsx"),
  route("my/health", "routes/my/health.tsx"),
  // end of health: exams
  // health: clinics, bulk planning, referrals
  route("health/clinics", "routes/health/clinics.tsx"),
  route("health/planning", "routes/health/planning.tsx"),
  route("health/planning/result", "routes/health/planning-result.tsx"),
  route("health/referrals/:examId.pdf", "routes/health/referral-pdf.ts"),
  // end of health: clinics, bulk planning, referrals
  // health day and rooms (booking, running a Health Day, rooms and their day view)
  route("health-day", "routes/health-day/days.tsx"),
  route("health-day/manage", "routes/health-day/manage.tsx"),
  route("health-day/manage/:id", "routes/health-day/manage-day.tsx"),
  route("health-day/:id", "routes/health-day/day.tsx"),
  route("rooms", "routes/rooms/rooms.tsx"),
  route("rooms/manage", "routes/rooms/manage.tsx"),
  route("rooms/:id", "routes/rooms/room.tsx"),
  // end of health day and rooms
  // incidents: reporting, the register, one incident with its checklist, its PDF, statistics
  route("incidents", "routes/incidents/index.tsx"),
  route("incidents/new", "routes/incidents/new.tsx"),
  route("incidents/stats", "routes/incidents/stats.tsx"),
  route("incidents/stats/export", "routes/incidents/stats-export.ts"),
  route("incidents/precautions", "routes/incidents/precautions.tsx"),
  route("incidents/precautions/:id/police", "routes/incidents/police.tsx"),
  route("incidents/procedure", "routes/incidents/procedure.tsx"),
  route("incidents/settings", "routes/incidents/settings.tsx"),
  route("incidents/:id", "routes/incidents/incident.tsx"),
  route("incidents/:id/report.pdf", "routes/incidents/report-pdf.ts"),
  // end of incidents
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
