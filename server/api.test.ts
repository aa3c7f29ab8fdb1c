// The integration API as another system uses it: with a key. Every operation of the OpenAPI
// document is called with a key and must answer 2xx there, and every one is also tried with
// no key, a malformed header, an unknown key, a revoked key, a role without the permission
// and another centre's key; a last test fails when an operation escaped either walk.
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pl } from "../app/locales/pl.ts";
import type { Actor } from "../modules/access/actor.ts";
import { viewAuditLog } from "../modules/access/admin-logs.ts";
import { createApiKey } from "../modules/access/api-keys-create.ts";
import { revokeApiKey } from "../modules/access/api-keys-revoke.ts";
import { newApiKey } from "../modules/access/api-keys-secret.ts";
import { type Permission, ROLES, type Role, rolesWith } from "../modules/access/permissions.ts";
import { apiKey } from "../modules/access/schema.ts";
import { signIn } from "../modules/access/sign-in.ts";
import {
  actorFor,
  FIXTURE_PASSWORD,
  seedCentreWithRoles,
} from "../modules/access/test-fixtures.ts";
import { bookHealthDay } from "../modules/health/book-health-day.ts";
import { saveClinic } from "../modules/health/clinics.ts";
import { createHealthDay, publishHealthDay, saveStation } from "../modules/health/health-days.ts";
import { planExam, recordCertificate } from "../modules/health/record-exam.ts";
import { healthExam } from "../modules/health/schema.ts";
import { getIncident } from "../modules/incidents/get-incident.ts";
import { reportFormOptions } from "../modules/incidents/report-form.ts";
import { reportIncident } from "../modules/incidents/report-incident.ts";
import { incident, incidentStep } from "../modules/incidents/schema.ts";
import { employee, orgUnit, position, staffGroup } from "../modules/org/schema.ts";
import { activityTypeByCode, ensureActivityTypes } from "../modules/programme/activity-types.ts";
import { issueCertificates, revokeCertificate } from "../modules/programme/certificates.ts";
import { enrol } from "../modules/programme/enrol.ts";
import { markAttendance } from "../modules/programme/mark-attendance.ts";
import { publishActivity } from "../modules/programme/publish-activity.ts";
import { saveActivity } from "../modules/programme/save-activity.ts";
import { saveSession } from "../modules/programme/save-session.ts";
import {
  programmeActivity,
  programmeAttendance,
  programmeCertificate,
  programmeEnrolment,
  programmeSession,
} from "../modules/programme/schema.ts";
import { submitTest } from "../modules/programme/take-test.ts";
import { questionsOf, saveTestQuestion, saveTestStandard } from "../modules/programme/test-bank.ts";
import {
  DEFAULT_WINDOWS,
  seedBooking,
  seedSpecialist,
  seedWindows,
} from "../modules/support/booking-test-fixtures.ts";
import { bookRoom } from "../modules/support/room-bookings.ts";
import { saveRoom } from "../modules/support/rooms.ts";
import { saveSpecialist } from "../modules/support/save-specialist.ts";
import { supportBooking } from "../modules/support/schema.ts";
import { createCycle } from "../modules/survey/create-cycle.ts";
import { saveInstrument } from "../modules/survey/save-instrument.ts";
import { miniInstrument, tokensOf } from "../modules/survey/test-fixtures.ts";
import { db } from "../platform/db.ts";
import { auditLog } from "../platform/platform-schema.ts";
import { openTestDatabase, testDbKinds } from "../platform/testing.ts";
import { addDays, warsawDay } from "../platform/warsaw-time.ts";
import { apiKeyHeader } from "./api.ts";
import { createApp } from "./app.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};
const PROBLEM = /^application\/problem\+json/;

type Doc = {
  paths: Record<
    string,
    Record<string, { "x-permission": Permission; requestBody?: unknown; security?: unknown[] }>
  >;
  components: { securitySchemes: Record<string, Record<string, string>> };
  security: Record<string, string[]>[];
};
type Operation = {
  method: string;
  path: string;
  permission: Permission;
  hasBody: boolean;
  /** Needs no key and no session (an empty security list in the document). */
  isPublic: boolean;
};
type Json = Record<string, unknown>;
type Centre = Awaited<ReturnType<typeof seedCentreWithRoles>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The support programme of a centre, made by its coordinator through the services: a training
 * that has taken place (a knowledge test, attendance, certificates) and an upcoming workshop
 * with its one place taken and a waitlist. Enrolment and the pre-test are only possible before
 * the first session, attendance only after a session has started, so the training is planned
 * ahead, people enrol and take the pre-test, and then its sessions are moved to three and two
 * days ago (a change the catalogue allows, announced to the people enrolled).
 */
async function seedProgramme(c: Centre) {
  const coordinator = await actorFor(c.users.coordinator.userId);
  const employeeActor = await actorFor(c.users.employee.userId);
  const safetyActor = await actorFor(c.users.safety_officer.userId);
  await ensureActivityTypes(db(), c.centre.id);
  const typeId = (await activityTypeByCode(db(), c.centre.id, "training"))!.id;
  const session = (from: number) => ({
    startsAt: new Date(Date.now() + from),
    endsAt: new Date(Date.now() + from + 4 * HOUR),
    place: "Sala konferencyjna, ul. Wałowa 1",
  });

  const training = await saveActivity(coordinator, null, {
    typeId,
    title: "Trudny klient — deeskalacja",
    format: "in_person",
    capacity: 10,
    provider: "Fundacja Szkoleniowa „Most”",
  });
  await saveTestStandard(coordinator, training, {
    learningOutcomes: "Rozpoznaje sygnały eskalacji i reaguje na nie.",
    passThresholdPercent: 50,
  });
  await saveTestQuestion(coordinator, training, null, {
    kind: "single",
    text: "Klient podnosi głos. Co robisz najpierw?",
    options: [
      { text: "Mówię spokojnie i nazywam jego emocje", correct: true },
      { text: "Podnoszę głos", correct: false },
    ],
  });
  await saveTestQuestion(coordinator, training, null, {
    kind: "multiple",
    text: "Które sygnały zapowiadają eskalację?",
    options: [
      { text: "Zaciśnięte pięści", correct: true },
      { text: "Skracanie dystansu", correct: true },
      { text: "Spokojny głos", correct: false },
    ],
  });
  const first = await saveSession(coordinator, training, null, session(10 * DAY));
  const second = await saveSession(coordinator, training, null, session(11 * DAY));
  await publishActivity(coordinator, training);
  const participants = [
    c.users.employee.employeeId,
    c.users.safety_officer.employeeId,
    c.users.dpo.employeeId,
    c.employeeInUnitB.id,
  ];
  for (const employeeId of participants) await enrol(coordinator, training, { employeeId });
  const questions = await questionsOf(db(), training);
  const right = Object.fromEntries(
    questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]),
  );
  const wrong = Object.fromEntries(
    questions.map((q) => [q.id, q.options.find((o) => !o.correct)!.id]),
  );
  await submitTest(employeeActor, training, "pre", wrong);
  await submitTest(safetyActor, training, "pre", wrong);
  await saveSession(coordinator, training, first, session(-3 * DAY));
  await saveSession(coordinator, training, second, session(-2 * DAY));
  // Everyone present at both sessions but the data protection officer.
  for (const sessionId of [first, second]) {
    await markAttendance(coordinator, sessionId, {
      marks: participants.map((employeeId) => ({
        employeeId,
        present: employeeId !== c.users.dpo.employeeId,
      })),
    });
  }
  await submitTest(employeeActor, training, "post", right);
  await submitTest(safetyActor, training, "post", wrong);
  const { issued } = await issueCertificates(coordinator, training, { all: true });

  const workshop = await saveActivity(coordinator, null, {
    typeId,
    title: "Warsztat redukcji stresu",
    format: "in_person",
    capacity: 1,
  });
  await saveSession(coordinator, workshop, null, session(14 * DAY));
  await publishActivity(coordinator, workshop);
  const own = await enrol(employeeActor, workshop, {});
  const waiting = await enrol(coordinator, workshop, { employeeId: c.employeeInUnitB.id });
  expect([own.status, waiting.status]).toEqual(["confirmed", "waitlisted"]);

  const certificate = (employeeId: string) => issued.find((i) => i.employeeId === employeeId)!;
  return {
    training,
    sessions: [first, second],
    participants,
    workshop,
    /** The employee's own place in the workshop, and the person waiting for one. */
    enrolment: own.id,
    waiting: waiting.id,
    certificate: certificate(c.users.employee.employeeId),
    otherCertificate: certificate(c.users.safety_officer.employeeId),
  };
}

/** Everything of the programme a centre holds, to show that refused calls change nothing. */
async function programmeRows(centreId: string) {
  const a = programmeActivity;
  const s = programmeSession;
  const e = programmeEnrolment;
  const m = programmeAttendance;
  const c = programmeCertificate;
  return {
    activities: await db().select().from(a).where(eq(a.centreId, centreId)).orderBy(a.id),
    sessions: await db().select().from(s).where(eq(s.centreId, centreId)).orderBy(s.id),
    enrolments: await db().select().from(e).where(eq(e.centreId, centreId)).orderBy(e.id),
    attendance: await db().select().from(m).where(eq(m.centreId, centreId)).orderBy(m.id),
    certificates: await db().select().from(c).where(eq(c.centreId, centreId)).orderBy(c.id),
  };
}

/** A centre's incidents and their checklists, to show that refused calls change nothing. */
async function incidentRows(centreId: string) {
  return {
    incidents: await db()
      .select()
      .from(incident)
      .where(eq(incident.centreId, centreId))
      .orderBy(incident.id),
    steps: await db()
      .select()
      .from(incidentStep)
      .where(eq(incidentStep.centreId, centreId))
      .orderBy(incidentStep.id),
  };
}

describe("apiKeyHeader", () => {
  it("takes the Authorization header below /api/v1 only: keys mean nothing elsewhere", () => {
    expect(apiKeyHeader("/api/v1/units", "Bearer x")).toBe("Bearer x");
    expect(apiKeyHeader("/api/v1/units", "")).toBe("");
    expect(apiKeyHeader("/api/v1/units", undefined)).toBeNull();
    for (const path of ["/org/units", "/admin/api-keys", "/api/v2/units", "/api/v1", "/"]) {
      expect(apiKeyHeader(path, "Bearer x"), path).toBeNull();
    }
  });
});

describe.each(testDbKinds)("/api/v1 with keys (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  let admin: Actor;
  let doc: Doc;
  let operations: Operation[];
  /** A key per role that keys may have, in the main centre. */
  const keys = {} as Record<Exclude<Role, "manager">, string>;
  const keyIds = {} as Record<Exclude<Role, "manager">, string>;
  let otherAdminKey: string;
  /** For operations an administrator may not call (survey results): a role that may. */
  let otherCoordinatorKey: string;
  /** For operations of the occupational-health role alone (the staff's exams). */
  let otherHealthKey: string;
  /** For the incidents: the register and its checklists are the safety officers'. */
  let otherSafetyKey: string;
  let revokedKey: string;
  let groupId: string;
  let otherGroupId: string;
  let instrumentId: string;
  let cycleId: string;
  /** The support programme of each centre (see seedProgramme). */
  let programme: Awaited<ReturnType<typeof seedProgramme>>;
  let otherProgramme: Awaited<ReturnType<typeof seedProgramme>>;
  /** An active specialist of each centre (support: specialists and availability). */
  let specialistId: string;
  let otherSpecialistId: string;
  /** A published Health Day with a booking, and a room with a booking (health day and rooms). */
  let hd: Awaited<ReturnType<typeof seedHealthDayAndRoom>>;
  /** Each centre's upcoming consultation of its employee, and a planned exam with a referral. */
  let care: Awaited<ReturnType<typeof seedBookingAndExam>>;
  let otherCare: Awaited<ReturnType<typeof seedBookingAndExam>>;
  /** Each centre's incident, reported by its employee, with an open step of its checklist. */
  let reportedIncident: Awaited<ReturnType<typeof seedIncident>>;
  let otherIncident: Awaited<ReturnType<typeof seedIncident>>;

  /**
   * An incident the centre's employee reported yesterday, in their unit (A): verbal abuse, whose
   * checklist has open steps besides those the report itself did. A key is nobody and reports
   * nothing, so it is reported as the employee, through the service.
   */
  async function seedIncident(c: Centre) {
    const reporter = await actorFor(c.users.employee.userId);
    const { kinds } = await reportFormOptions(reporter);
    const r = await reportIncident(reporter, {
      date: addDays(warsawDay(new Date()), -1),
      time: "09:30",
      place: "client_home",
      kindId: kinds.find((k) => k.key === "verbal_abuse")!.id,
      severity: "medium",
      description: "Klient krzyczał i wyzywał mnie podczas wizyty.",
      submissionKey: randomUUID(),
    });
    const safety = await actorFor(c.users.safety_officer.userId);
    const { steps } = await getIncident(safety, r.id);
    return { id: r.id, number: r.number, step: steps.find((x) => x.status === "open")!.id };
  }

  /** Opens the specialist's week to bookings, books the employee a consultation, plans an exam. */
  async function seedBookingAndExam(c: Centre, specialist: string) {
    await seedWindows(db(), c.centre.id, specialist, DEFAULT_WINDOWS);
    const booking = await seedBooking(db(), {
      centreId: c.centre.id,
      specialistId: specialist,
      employeeId: c.users.employee.employeeId,
      startsAt: new Date(Date.now() + 10 * DAY),
    });
    const health = await actorFor(c.users.health.userId);
    const exam = await planExam(health, c.users.employee.employeeId, {
      kind: "periodic",
      date: addDays(warsawDay(new Date()), 30),
      time: "09:00",
    });
    const clinic = await saveClinic(health, null, {
      name: "Przychodnia Medycyny Pracy",
      dailyCapacity: "5",
      opensAt: "08:00",
      closesAt: "12:00",
    });
    return { booking: booking.id, exam: exam.id, clinic };
  }

  async function seedHealthDayAndRoom(c: Centre) {
    const coordinator = await actorFor(c.users.coordinator.userId);
    const date = addDays(warsawDay(new Date()), 20);
    const day = await createHealthDay(coordinator, { title: "Dzień Zdrowia", date });
    const station = await saveStation(coordinator, day, null, {
      name: "Pomiar ciśnienia",
      from: "09:00",
      to: "11:00",
      slotMinutes: 20,
      capacity: 2,
    });
    await publishHealthDay(coordinator, day);
    const booking = await bookHealthDay(await actorFor(c.users.employee.userId), day, {
      stationId: station,
      time: "09:00",
    });
    const room = await saveRoom(coordinator, null, { name: "Sala superwizji", capacity: 6 });
    const roomBooking = await bookRoom(coordinator, room, {
      day: date,
      from: "10:00",
      to: "11:00",
      purpose: "Superwizja",
    });
    return { date, day, station, booking: booking.id, room, roomBooking: roomBooking.id };
  }

  /** Operations answered 2xx to a valid key, and operations that refused what they should. */
  const served = new Set<string>();
  const refused = new Map<string, Set<string>>();
  const opKey = (method: string, template: string) => `${method.toUpperCase()} ${template}`;

  /** The document's template for a concrete path (literal segments win over parameters). */
  function templateOf(method: string, path: string): string | undefined {
    const candidates = operations.filter((o) => o.method === method.toLowerCase());
    const exact = candidates.find((o) => o.path === path);
    if (exact) return exact.path;
    return candidates.find((o) => new RegExp(`^${o.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(path))
      ?.path;
  }

  async function call(
    method: string,
    path: string,
    opts: { key?: string; auth?: string; body?: unknown; raw?: string; cookie?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (opts.auth !== undefined) headers.authorization = opts.auth;
    else if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    if (opts.cookie) headers.cookie = opts.cookie;
    const hasBody = opts.body !== undefined || opts.raw !== undefined;
    if (hasBody) headers["content-type"] = "application/json";
    // Fetch upper-cases only the classic method names; "patch" would stay as written.
    const res = await app.request(`/api/v1${path}`, {
      method: method.toUpperCase(),
      headers,
      body: hasBody ? (opts.raw ?? JSON.stringify(opts.body)) : undefined,
    });
    const template = templateOf(method, path.split("?")[0]);
    const withKey = opts.key !== undefined && Object.values(keys).includes(opts.key);
    const isPublic = operations.some(
      (o) => o.isPublic && o.path === template && o.method === method.toLowerCase(),
    );
    // A public operation counts as served when it answers 2xx to a call without any key.
    if (template && res.ok && (isPublic ? opts.key === undefined && !opts.auth : withKey)) {
      served.add(opKey(method, template));
    }
    return res;
  }
  const json = async (res: Response) => (await res.json()) as Json;
  const noteRefusal = (op: Operation, what: string) => {
    const k = opKey(op.method, op.path);
    if (!refused.has(k)) refused.set(k, new Set());
    refused.get(k)!.add(what);
  };

  /** The main centre's Health Day, room, support booking and exam records, by path. */
  const healthDayOrRoomId = (path: string) =>
    path.startsWith("/health-days/")
      ? hd.day
      : path.startsWith("/health-day-bookings/")
        ? hd.booking
        : path.startsWith("/rooms/")
          ? hd.room
          : path.startsWith("/room-bookings/")
            ? hd.roomBooking
            : path.startsWith("/support/bookings/")
              ? care.booking
              : path.startsWith("/health/exams/")
                ? care.exam
                : undefined;
  /** A concrete path for an operation, with this centre's record of the right kind. */
  const concrete = (
    op: Operation,
    ids: {
      unit: string;
      pos: string;
      group: string;
      emp: string;
      instrument: string;
      cycle: string;
      activity: string;
      session: string;
      enrolment: string;
      certificateNumber: string;
      incident: string;
      /** An open step of that incident's checklist. */
      step: string;
    },
  ) =>
    op.path
      .replace(
        "{id}",
        op.path.startsWith("/incidents/")
          ? ids.incident
          : op.path.startsWith("/units")
            ? ids.unit
            : op.path.startsWith("/positions")
              ? ids.pos
              : op.path.startsWith("/staff-groups")
                ? ids.group
                : op.path.startsWith("/instruments")
                  ? ids.instrument
                  : op.path.startsWith("/cycles")
                    ? ids.cycle
                    : op.path.startsWith("/activities")
                      ? ids.activity
                      : op.path.startsWith("/sessions")
                        ? ids.session
                        : op.path.startsWith("/enrolments")
                          ? ids.enrolment
                          : (healthDayOrRoomId(op.path) ?? ids.emp),
      )
      .replace("{stepId}", ids.step)
      .replace("{number}", encodeURIComponent(ids.certificateNumber));
  /**
   * The training that has taken place, its first session (started, so attendance may be
   * marked), the employee's place in the upcoming workshop, a valid certificate, and the
   * employee's incident with an open step.
   */
  const mainIds = () => ({
    unit: s.unitB.id,
    pos: s.position.id,
    group: groupId,
    emp: s.employeeInUnitB.id,
    instrument: instrumentId,
    cycle: cycleId,
    activity: programme.training,
    session: programme.sessions[0],
    enrolment: programme.enrolment,
    certificateNumber: programme.certificate.number,
    incident: reportedIncident.id,
    step: reportedIncident.step,
  });
  /**
   * Operations whose permission every role of a key holds (everyone may enrol) but whose
   * service asks for more in some cases: a role refused there, and the call that asks for it.
   */
  const narrowed = (): Record<string, { role: keyof typeof keys; body?: Json }> => ({
    // Signing someone else up needs programme.nominate, which an administrator lacks.
    "POST /activities/{id}/enrolments": {
      role: "administrator",
      body: { employeeId: s.employeeInUnitB.id },
    },
    // An activity's list of people is for coordinators and managers.
    "GET /activities/{id}/enrolments": { role: "specialist" },
    // Someone else's place is given up only by a coordinator or the person's manager.
    "POST /enrolments/{id}/cancel": { role: "employee" },
    // Booking a colleague a Health Day place or a room needs healthday.manage / rooms.manage.
    "POST /health-days/{id}/bookings": {
      role: "employee",
      body: { stationId: hd.station, time: "09:40", employeeId: s.employeeInUnitB.id },
    },
    "POST /rooms/{id}/bookings": {
      role: "employee",
      body: {
        day: hd.date,
        from: "12:00",
        to: "13:00",
        purpose: "Spotkanie",
        employeeId: s.users.manager.employeeId,
      },
    },
  });
  /** Open to a key of every role with nothing to refuse: the catalogue, and one's own list. */
  const OPEN_TO_EVERY_KEY = [
    "GET /activities",
    "GET /activities/{id}",
    "GET /activities/{id}/sessions",
    "GET /me/enrolments",
    "GET /me/exams",
    "GET /health/exams/{id}/referral.pdf",
    // Specialists' public profiles and bookable windows: everyone may book.
    "GET /support/specialists",
    "GET /support/specialists/{id}",
    "GET /support/specialists/{id}/availability",
    // Health Days and rooms: everyone books; another's booking is not found, never forbidden.
    "GET /health-days",
    "GET /health-days/{id}/slots",
    "POST /health-day-bookings/{id}/cancel",
    "GET /rooms",
    "GET /rooms/{id}/bookings",
    "POST /room-bookings/{id}/cancel",
    // Booking help for oneself, one's own bookings, cancelling one's own: everyone may.
    "GET /support/slots",
    "POST /support/bookings",
    "GET /support/bookings",
    "POST /support/bookings/{id}/cancel",
    // One confidential booking: every role may ask, only its two parties are answered.
    "GET /support/bookings/{id}",
    "POST /support/bookings/{id}/outcome",
    // Incidents: everyone reports and sees their own reports; an incident outside one's view
    // is not found, never forbidden.
    "POST /incidents",
    "GET /incidents",
    "GET /incidents/{id}",
  ];
  /**
   * Operations on one confidential booking: answered only to its employee and its specialist.
   * A key is neither, so every key gets 404 — even to a bad body, which the parties alone are
   * told about. They are served and refused with sessions in "support: calendar and counts".
   */
  const PARTIES_ONLY = ["GET /support/bookings/{id}", "POST /support/bookings/{id}/outcome"];
  /**
   * Operations a key can never be served, because a key is nobody: the two above, booking help
   * for oneself and cancelling one's own booking (served with sessions in "support: booking"),
   * and reporting an incident, which happened to an employee: a key is refused with 422 before
   * its body is read (served with the employee's session in "incidents").
   */
  const SESSIONS_ONLY = [
    ...PARTIES_ONLY,
    "POST /support/bookings",
    "POST /support/bookings/{id}/cancel",
    "POST /incidents",
  ];
  /**
   * A body the step of an incident's checklist accepts: the step's service reads the body before
   * it looks for the step, so walks about the step itself must send a valid one.
   */
  const VALID_STEP_BODY = { status: "done", note: "Przejęte", version: 1 };
  /** Operations whose body a key never gets read: their bad bodies are tried with sessions. */
  const BODY_UNREAD_FOR_KEYS = [...PARTIES_ONLY, "POST /incidents"];
  /** Operations that need a key: the walks of refusals below are about keys. */
  const keyed = () => operations.filter((o) => !o.isPublic);
  /**
   * The role of a key that may call an operation: the safety officer's for the incidents (who
   * sees the whole register and works the checklists: an administrator's key, which may report,
   * sees no incident, being nobody's), else the administrator's where it may, else the
   * coordinator's, else the occupational-health role's (the staff's exams are its alone).
   */
  const keyRoleFor = (p: Permission) =>
    p.startsWith("incidents.")
      ? "safety_officer"
      : rolesWith(p).includes("administrator")
        ? "administrator"
        : !rolesWith(p).includes("coordinator") && rolesWith(p).includes("health")
          ? "health"
          : "coordinator";
  const otherKeyFor = (p: Permission) =>
    ({
      administrator: otherAdminKey,
      coordinator: otherCoordinatorKey,
      health: otherHealthKey,
      safety_officer: otherSafetyKey,
    })[keyRoleFor(p)];

  /** The session cookie of a person signed in with the fixture password. */
  async function sessionCookie(email: string) {
    const r = await signIn(email, FIXTURE_PASSWORD, new Headers());
    if (!r.ok) throw new Error("sign-in failed");
    return r.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  }
  /**
   * A call with a person's session, sent as a browser sends it (with its Origin, for the CSRF
   * check): a key is nobody, so reporting or booking for oneself needs one.
   */
  const asPerson = (method: string, path: string, cookie: string, body?: unknown) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: {
        cookie,
        origin: "http://localhost",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function employeesOf(centreId: string) {
    return db()
      .select()
      .from(employee)
      .where(eq(employee.centreId, centreId))
      .orderBy(employee.employeeNumber);
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    app = createApp({ mode: "production", build: noPages });
    admin = await actorFor(s.users.administrator.userId);
    for (const role of ROLES) {
      if (role === "manager") continue;
      const k = await createApiKey(admin, { name: `Klucz ${role}`, role });
      keys[role] = k.key;
      keyIds[role] = k.id;
    }
    const otherAdmin = await actorFor(other.users.administrator.userId);
    otherAdminKey = (await createApiKey(otherAdmin, { name: "Obcy", role: "administrator" })).key;
    otherCoordinatorKey = (
      await createApiKey(otherAdmin, { name: "Obcy koordynator", role: "coordinator" })
    ).key;
    otherHealthKey = (
      await createApiKey(otherAdmin, { name: "Obca medycyna pracy", role: "health" })
    ).key;
    otherSafetyKey = (await createApiKey(otherAdmin, { name: "Obce BHP", role: "safety_officer" }))
      .key;
    const r = await createApiKey(admin, { name: "Unieważniony", role: "administrator" });
    await revokeApiKey(admin, r.id);
    revokedKey = r.key;
    const [g] = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.centreId, s.centre.id))
      .orderBy(staffGroup.sortOrder);
    groupId = g.id;
    const [og] = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.centreId, other.centre.id));
    otherGroupId = og.id;
    // A survey instrument and a draft cycle in each centre, for the survey's operations.
    const coordinator = await actorFor(s.users.coordinator.userId);
    instrumentId = (await saveInstrument(coordinator, miniInstrument())).id;
    const inAWeek = new Date(Date.now() + 7 * 24 * 3_600_000);
    const cycleInput = { name: "Badanie", opensAt: new Date(), closesAt: inAWeek };
    cycleId = (await createCycle(coordinator, { ...cycleInput, instrumentId })).id;
    const otherCoordinator = await actorFor(other.users.coordinator.userId);
    const theirs = await saveInstrument(otherCoordinator, miniInstrument());
    await createCycle(otherCoordinator, { ...cycleInput, instrumentId: theirs.id });
    programme = await seedProgramme(s);
    otherProgramme = await seedProgramme(other);
    const specialistOf = async (c: Centre, name: string) =>
      saveSpecialist(await actorFor(c.users.coordinator.userId), null, {
        name,
        kinds: ["consultation"],
        online: true,
        meetingLink: "https://spotkania.example.org/konsultacje",
      });
    specialistId = await specialistOf(s, "Anna Kowalska");
    otherSpecialistId = await specialistOf(other, "Jan Inny");
    // The other centre's employee has a certificate: their own list of exams is not empty.
    await recordCertificate(
      await actorFor(other.users.health.userId),
      other.users.employee.employeeId,
      {
        kind: "periodic",
        examDate: "2026-01-15",
        outcome: "fit",
        validUntil: "2029-01-15",
      },
    );
    hd = await seedHealthDayAndRoom(s);
    await seedHealthDayAndRoom(other);
    care = await seedBookingAndExam(s, specialistId);
    otherCare = await seedBookingAndExam(other, otherSpecialistId);
    reportedIncident = await seedIncident(s);
    otherIncident = await seedIncident(other);

    doc = (await (await app.request("/api/v1/openapi.json")).json()) as Doc;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, o]) => ({
        method,
        path,
        permission: o["x-permission"],
        hasBody: Boolean(o.requestBody),
        isPublic: Array.isArray(o.security) && o.security.length === 0,
      })),
    );
  });
  afterAll(() => d.drop());

  describe("the OpenAPI document", () => {
    it("describes the bearer scheme beside the session, and every resource", () => {
      expect(doc.components.securitySchemes.bearer).toMatchObject({
        type: "http",
        scheme: "bearer",
      });
      expect(doc.components.securitySchemes.session).toBeDefined();
      expect(doc.security).toEqual([{ bearer: [] }, { session: [] }]);
      expect(operations.map((o) => opKey(o.method, o.path)).sort()).toEqual(
        [
          "GET /units",
          "GET /units/{id}",
          "POST /units",
          "PATCH /units/{id}",
          "GET /positions",
          "GET /positions/{id}",
          "POST /positions",
          "PATCH /positions/{id}",
          "GET /staff-groups",
          "GET /staff-groups/{id}",
          "POST /staff-groups",
          "PATCH /staff-groups/{id}",
          "GET /employees",
          "GET /employees/{id}",
          "POST /employees",
          "PATCH /employees/{id}",
          "POST /employees/{id}/deactivate",
          "POST /employees/bulk",
          "POST /instruments",
          "GET /instruments",
          "GET /instruments/{id}",
          "GET /cycles",
          "GET /cycles/{id}",
          "POST /cycles",
          "POST /cycles/{id}/open",
          "POST /cycles/{id}/close",
          "POST /cycles/{id}/paper-codes",
          "GET /cycles/{id}/results",
          "GET /cycles/{id}/trend",
          "POST /responses",
          "GET /activities",
          "GET /activities/{id}",
          "POST /activities",
          "PATCH /activities/{id}",
          "POST /activities/{id}/publish",
          "POST /activities/{id}/cancel",
          "GET /activities/{id}/sessions",
          "POST /activities/{id}/sessions",
          "PATCH /sessions/{id}",
          "POST /sessions/{id}/cancel",
          "GET /sessions/{id}/attendance",
          "PUT /sessions/{id}/attendance",
          "GET /certificates",
          "GET /certificates/verify/{number}",
          "POST /activities/{id}/enrolments",
          "GET /activities/{id}/enrolments",
          "POST /enrolments/{id}/cancel",
          "GET /me/enrolments",
          "GET /activities/{id}/test-results",
          "GET /support/specialists",
          "GET /support/specialists/{id}",
          "POST /support/specialists",
          "PATCH /support/specialists/{id}",
          "GET /support/specialists/{id}/availability",
          "POST /support/specialists/{id}/availability",
          "PATCH /support/specialists/{id}/availability/{windowId}",
          "POST /support/specialists/{id}/availability/{windowId}/delete",
          "POST /support/specialists/{id}/absences",
          "POST /support/specialists/{id}/absences/{absenceId}/delete",
          "GET /health/exams",
          "GET /health/employees/{id}/exams",
          "POST /health/employees/{id}/exams",
          "GET /me/exams",
          "GET /health-days",
          "GET /health-days/{id}/slots",
          "POST /health-days/{id}/bookings",
          "POST /health-day-bookings/{id}/cancel",
          "GET /rooms",
          "GET /rooms/{id}/bookings",
          "POST /rooms/{id}/bookings",
          "POST /room-bookings/{id}/cancel",
          "GET /support/specialist/bookings",
          "GET /support/bookings/{id}",
          "POST /support/bookings/{id}/outcome",
          "GET /support/stats",
          "GET /support/slots",
          "POST /support/bookings",
          "GET /support/bookings",
          "POST /support/bookings/{id}/cancel",
          "POST /health/planning/preview",
          "POST /health/planning/apply",
          "GET /health/exams/{id}/referral.pdf",
          "POST /incidents",
          "GET /incidents",
          "GET /incidents/stats",
          "GET /incidents/{id}",
          "POST /incidents/{id}/steps/{stepId}",
        ].sort(),
      );
    });

    it("lists the employee filters as query parameters", () => {
      const params = (
        doc.paths["/employees"].get as unknown as { parameters: { name: string; in: string }[] }
      ).parameters;
      expect(params.filter((p) => p.in === "query").map((p) => p.name)).toEqual(
        expect.arrayContaining(["q", "unit", "position", "status", "sort", "page", "pageSize"]),
      );
    });
  });

  describe("refusals, for every operation of the document", () => {
    it("answers 401 Problem Details without a key, to malformed headers, unknown and revoked keys", async () => {
      const headers: [string, string | undefined][] = [
        ["no key", undefined],
        ["empty header", ""],
        ["scheme only", "Bearer"],
        ["basic", `Basic ${Buffer.from("admin:haslo").toString("base64")}`],
        ["not a key", "Bearer nie-klucz"],
        ["no scheme", keys.administrator],
        ["unknown key", `Bearer ${newApiKey().key}`],
        ["revoked key", `Bearer ${revokedKey}`],
      ];
      for (const op of keyed()) {
        for (const [what, auth] of headers) {
          const res = await call(op.method, concrete(op, mainIds()), {
            auth,
            body: op.hasBody ? {} : undefined,
          });
          const label = `${what}: ${opKey(op.method, op.path)}`;
          expect(res.status, label).toBe(401);
          expect(res.headers.get("content-type"), label).toMatch(PROBLEM);
          expect(res.headers.get("www-authenticate"), label).toMatch(/^Bearer/);
          // The same answer whatever was wrong: it never says which.
          expect(await json(res), label).toEqual({
            type: "about:blank#unauthenticated",
            title: "Wymagane uwierzytelnienie.",
            status: 401,
            instance: `/api/v1${concrete(op, mainIds())}`,
          });
          noteRefusal(op, "401");
        }
      }
    });

    it("answers 403 to a key whose role lacks the operation's permission", async () => {
      const before = await programmeRows(s.centre.id);
      const nothingToRefuse: string[] = [];
      for (const op of keyed()) {
        const allowed: readonly Role[] = rolesWith(op.permission);
        const narrower = narrowed()[opKey(op.method, op.path)];
        const role =
          narrower?.role ??
          (Object.keys(keys) as (keyof typeof keys)[]).find((r) => !allowed.includes(r));
        if (!role) {
          nothingToRefuse.push(opKey(op.method, op.path));
          continue;
        }
        const res = await call(op.method, concrete(op, mainIds()), {
          key: keys[role],
          body: narrower?.body ?? (op.hasBody ? {} : undefined),
        });
        const label = `${role}: ${opKey(op.method, op.path)}`;
        expect(res.status, label).toBe(403);
        expect(res.headers.get("content-type"), label).toMatch(PROBLEM);
        noteRefusal(op, "403");
      }
      // Only the operations every key may call had no role to refuse.
      expect(nothingToRefuse.sort()).toEqual([...OPEN_TO_EVERY_KEY].sort());
      expect(await programmeRows(s.centre.id)).toEqual(before);
    });

    it("answers 404 to another centre's key on this centre's records, and changes nothing", async () => {
      const before = {
        employees: await employeesOf(s.centre.id),
        units: await db().select().from(orgUnit).where(eq(orgUnit.centreId, s.centre.id)),
        positions: await db().select().from(position).where(eq(position.centreId, s.centre.id)),
        groups: await db().select().from(staffGroup).where(eq(staffGroup.centreId, s.centre.id)),
        programme: await programmeRows(s.centre.id),
        incidents: await incidentRows(s.centre.id),
      };
      for (const op of keyed().filter((o) => o.path.includes("{id}"))) {
        const res = await call(op.method, concrete(op, mainIds()), {
          key: otherKeyFor(op.permission),
          body:
            op.method === "patch"
              ? { name: "Przejęte", firstName: "Przejęte", title: "Przejęte", place: "Przejęta" }
              : op.method === "put"
                ? { marks: [{ employeeId: s.users.employee.employeeId, present: false }] }
                : op.path.includes("{stepId}")
                  ? VALID_STEP_BODY
                  : op.hasBody
                    ? {}
                    : undefined,
        });
        const label = opKey(op.method, op.path);
        expect(res.status, label).toBe(404);
        expect(res.headers.get("content-type"), label).toMatch(PROBLEM);
        noteRefusal(op, "404");
      }
      expect(await employeesOf(s.centre.id)).toEqual(before.employees);
      expect(await db().select().from(orgUnit).where(eq(orgUnit.centreId, s.centre.id))).toEqual(
        before.units,
      );
      expect(await db().select().from(position).where(eq(position.centreId, s.centre.id))).toEqual(
        before.positions,
      );
      expect(
        await db().select().from(staffGroup).where(eq(staffGroup.centreId, s.centre.id)),
      ).toEqual(before.groups);
      expect(await programmeRows(s.centre.id)).toEqual(before.programme);
      expect(await incidentRows(s.centre.id)).toEqual(before.incidents);
    });

    it("shows another centre's key only its own centre in lists", async () => {
      const ours = await programmeRows(s.centre.id);
      const mine = new Set([
        s.unitA.id,
        s.unitB.id,
        s.position.id,
        groupId,
        s.employeeInUnitB.id,
        instrumentId,
        cycleId,
        ...(await employeesOf(s.centre.id)).map((e) => e.id),
        ...ours.activities.map((a) => a.id),
        ...ours.enrolments.map((e) => e.id),
        ...ours.certificates.map((c) => c.id),
        hd.day,
        hd.room,
        care.booking,
        care.exam,
        reportedIncident.id,
      ]);
      // A personal list is the caller's own, and a key is nobody: the other centre's employee,
      // who has enrolments there, asks with their session instead.
      const personal = new Set(["/me/enrolments", "/me/exams"]);
      const otherEmployee = await sessionCookie(other.users.employee.email);
      // Counts, a specialist's own calendar, free slots and one's own bookings are no list of
      // the centre's records: checked in "support: calendar and counts", "support: booking"
      // and "incidents".
      const notLists = [
        "/support/stats",
        "/support/specialist/bookings",
        "/support/slots",
        "/support/bookings",
        "/incidents/stats",
      ];
      for (const op of keyed().filter(
        (o) => o.method === "get" && !o.path.includes("{") && !notLists.includes(o.path),
      )) {
        const res = await call("GET", `${op.path}?pageSize=200&status=all&when=all`, {
          ...(personal.has(op.path)
            ? { cookie: otherEmployee }
            : { key: otherKeyFor(op.permission) }),
        });
        expect(res.status, op.path).toBe(200);
        const items = (await json(res)).items as { id: string }[];
        expect(items.length, op.path).toBeGreaterThan(0);
        expect(
          items.filter((i) => mine.has(i.id)),
          op.path,
        ).toEqual([]);
        noteRefusal(op, "other centre");
      }
    });

    it("answers 404 to ids that are no uuid or belong to nothing", async () => {
      for (const op of keyed().filter((o) => o.path.includes("{id}"))) {
        for (const id of ["nie-uuid", "00000000-0000-0000-0000-000000000000"]) {
          // A real step under an id that is nothing: the step is looked for with its incident.
          const path = op.path.replace("{id}", id).replace("{stepId}", reportedIncident.step);
          const res = await call(op.method, path, {
            key: keys[keyRoleFor(op.permission)],
            body: op.path.includes("{stepId}") ? VALID_STEP_BODY : op.hasBody ? {} : undefined,
          });
          expect(res.status, `${opKey(op.method, op.path)} ${id}`).toBe(404);
        }
      }
    });

    it("answers 422 with field errors to invalid bodies and 400 to malformed JSON", async () => {
      for (const op of operations.filter(
        (o) => o.hasBody && !BODY_UNREAD_FOR_KEYS.includes(opKey(o.method, o.path)),
      )) {
        const path = concrete(op, mainIds());
        const label = opKey(op.method, op.path);
        // A role that may call the operation, so the body is what gets refused.
        const key = op.isPublic ? keys.administrator : keys[keyRoleFor(op.permission)];
        const bad = await call(op.method, path, { key, body: [] });
        expect(bad.status, label).toBe(422);
        expect(bad.headers.get("content-type"), label).toMatch(PROBLEM);
        const body = await json(bad);
        expect(body.type, label).toBe("about:blank#validation");
        expect(Object.keys(body.errors as Json).length, label).toBeGreaterThan(0);
        const broken = await call(op.method, path, { key, raw: '{"name": ' });
        expect(broken.status, label).toBe(400);
        noteRefusal(op, "422");
      }
    });
  });

  describe("support: specialists and availability", () => {
    it("a coordinator's key keeps specialists, windows and absences; an employee's reads profiles", async () => {
      const key = keys.coordinator;
      const created = await call("POST", "/support/specialists", {
        key,
        body: { name: "Piotr Zieliński", kinds: ["coaching"], inPerson: true, place: "Sala 3" },
      });
      expect(created.status).toBe(201);
      const id = (await json(created)).id as string;
      const patched = await call("PATCH", `/support/specialists/${id}`, {
        key,
        body: { title: "coach ICF" },
      });
      expect(await json(patched)).toMatchObject({ title: "coach ICF", place: "Sala 3" });
      const list = await json(await call("GET", "/support/specialists", { key: keys.employee }));
      expect((list.items as Json[]).map((i) => i.name)).toEqual([
        "Anna Kowalska",
        "Piotr Zieliński",
      ]);
      expect(
        (await call("GET", `/support/specialists/${specialistId}`, { key: keys.employee })).status,
      ).toBe(200);
      const added = await call("POST", `/support/specialists/${id}/availability`, {
        key,
        body: { weekday: 2, start: "09:00", end: "12:00" },
      });
      expect(added.status).toBe(201);
      const windowId = (await json(added)).id as string;
      const changed = await call("PATCH", `/support/specialists/${id}/availability/${windowId}`, {
        key,
        body: { end: "13:00" },
      });
      expect(await json(changed)).toMatchObject({ start: "09:00", end: "13:00" });
      const absence = await call("POST", `/support/specialists/${id}/absences`, {
        key,
        body: { fromDate: "2030-07-01", toDate: "2030-07-05" },
      });
      expect(absence.status).toBe(201);
      const absenceId = (await json(absence)).id as string;
      const seen = await json(
        await call("GET", `/support/specialists/${id}/availability`, { key: keys.employee }),
      );
      expect(seen.windows).toHaveLength(1);
      expect(seen.absences).toBeUndefined();
      for (const path of [
        `/support/specialists/${id}/availability/${windowId}/delete`,
        `/support/specialists/${id}/absences/${absenceId}/delete`,
      ]) {
        expect((await call("POST", path, { key })).status, path).toBe(200);
      }
      // Another centre's specialist is not found, and its list holds only its own.
      expect(
        (await call("GET", `/support/specialists/${otherSpecialistId}`, { key: keys.employee }))
          .status,
      ).toBe(404);
    });
  });

  describe("health: exams", () => {
    it("a health key reads the board and a record and records a certificate; one's own with any key", async () => {
      const key = keys.health;
      const emp = s.employeeInUnitB.id;
      const bad = await call("POST", `/health/employees/${emp}/exams`, {
        key,
        body: {
          kind: "periodic",
          examDate: "2026-02-10",
          outcome: "fit",
          validUntil: "2026-02-09",
        },
      });
      expect(bad.status).toBe(422);
      expect((await json(bad)).errors).toEqual({
        validUntil: pl["errors.validityBeforeExam"],
      });
      const made = await call("POST", `/health/employees/${emp}/exams`, {
        key,
        body: {
          kind: "periodic",
          examDate: "2026-02-10",
          outcome: "fit",
          validUntil: "2029-02-10",
        },
      });
      expect(made.status).toBe(201);
      const record = await json(await call("GET", `/health/employees/${emp}/exams`, { key }));
      expect(record.situation).toMatchObject({ status: "done", validUntil: "2029-02-10" });
      const board = await json(await call("GET", "/health/exams?q=Nowak", { key }));
      expect(board.items).toEqual([expect.objectContaining({ id: emp, status: "done" })]);
      // A key is nobody's record: its own exams are none.
      expect(await json(await call("GET", "/me/exams", { key: keys.employee }))).toEqual({
        hasRecord: false,
        situation: null,
        items: [],
      });
    });
  });

  describe("health day and rooms", () => {
    it("reads Health Days and rooms; a key books and cancels for a named colleague", async () => {
      const key = keys.coordinator;
      const days = await json(await call("GET", "/health-days", { key: keys.employee }));
      expect((days.items as Json[]).map((d) => d.id)).toEqual([hd.day]);
      const slots = await json(
        await call("GET", `/health-days/${hd.day}/slots`, { key: keys.employee }),
      );
      const station = (slots.stations as Json[])[0];
      expect((station.slots as Json[])[0]).toMatchObject({ time: "09:00", taken: 1, left: 1 });
      // A key is nobody: it names the colleague, and only with healthday.manage.
      const booked = await call("POST", `/health-days/${hd.day}/bookings`, {
        key,
        body: { stationId: hd.station, time: "09:20", employeeId: s.employeeInUnitB.id },
      });
      expect(booked.status).toBe(201);
      const place = (await json(booked)).id as string;
      expect((await call("POST", `/health-day-bookings/${place}/cancel`, { key })).status).toBe(
        200,
      );
      const rooms = await json(await call("GET", "/rooms", { key: keys.employee }));
      expect((rooms.items as Json[]).map((r) => r.id)).toEqual([hd.room]);
      const plan = await json(
        await call("GET", `/rooms/${hd.room}/bookings?day=${hd.date}`, { key: keys.employee }),
      );
      expect(plan.items).toEqual([
        expect.objectContaining({ from: "10:00", to: "11:00", purpose: "Superwizja" }),
      ]);
      const roomBooked = await call("POST", `/rooms/${hd.room}/bookings`, {
        key,
        body: {
          day: hd.date,
          from: "12:00",
          to: "13:00",
          purpose: "Rozmowa wstępna",
          employeeId: s.users.employee.employeeId,
        },
      });
      expect(roomBooked.status).toBe(201);
      const held = (await json(roomBooked)).id as string;
      expect((await call("POST", `/room-bookings/${held}/cancel`, { key })).status).toBe(200);
    });
  });

  describe("support: calendar and counts", () => {
    it("answers one booking to its two parties only; counts and a specialist's calendar with keys", async () => {
      const opOf = (k: string) => operations.find((o) => opKey(o.method, o.path) === k)!;
      const sp = await seedSpecialist(db(), s.centre.id, {
        userId: s.users.specialist.userId,
        name: "Ewa Spokojna",
      });
      const booking = await seedBooking(db(), {
        centreId: s.centre.id,
        specialistId: sp.id,
        employeeId: s.employeeInUnitB.id,
        startsAt: new Date(Date.now() - 24 * 3_600_000),
      });
      // Counts with a coordinator's key; another centre's key counts its own centre only.
      const stats = await call("GET", "/support/stats", { key: keys.coordinator });
      expect(stats.status).toBe(200);
      // This booking, which took place and is not marked yet, and the upcoming one of seeding.
      expect((await json(stats)).totals).toMatchObject({ all: 2, unmarked: 1 });
      const theirs = await call("GET", "/support/stats", { key: otherCoordinatorKey });
      const theirText = await theirs.text();
      // Its own upcoming booking of seeding alone.
      expect(JSON.parse(theirText).totals.all).toBe(1);
      expect(theirText).not.toContain(sp.id);
      noteRefusal(opOf("GET /support/stats"), "other centre");
      // A key is no specialist: its calendar is empty; the specialist's session has the booking,
      // another centre's specialist nothing of it.
      const calendar = await call("GET", "/support/specialist/bookings", { key: keys.specialist });
      expect(calendar.status).toBe(200);
      expect(await json(calendar)).toMatchObject({ items: [], total: 0 });
      const mine = await call("GET", "/support/specialist/bookings", {
        cookie: await sessionCookie(s.users.specialist.email),
      });
      expect(((await json(mine)).items as Json[]).map((i) => i.id)).toEqual([booking.id]);
      const otherCalendar = await call("GET", "/support/specialist/bookings", {
        cookie: await sessionCookie(other.users.specialist.email),
      });
      expect(await otherCalendar.text()).not.toContain(booking.id);
      noteRefusal(opOf("GET /support/specialist/bookings"), "other centre");
      // Every key is told the booking does not exist, whatever its role.
      for (const [role, key] of Object.entries(keys)) {
        const read = await call("GET", `/support/bookings/${booking.id}`, { key });
        const mark = await call("POST", `/support/bookings/${booking.id}/outcome`, {
          key,
          body: { outcome: "took_place" },
        });
        expect([read.status, mark.status], role).toEqual([404, 404]);
      }
      // With the specialist's session: read, a bad body refused, then marked.
      const cookie = await sessionCookie(s.users.specialist.email);
      const post = (body: unknown) =>
        app.request(`/api/v1/support/bookings/${booking.id}/outcome`, {
          method: "POST",
          headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      const read = await call("GET", `/support/bookings/${booking.id}`, { cookie });
      expect(await json(read)).toMatchObject({ id: booking.id, viewer: "specialist" });
      const bad = await post({ outcome: "maybe" });
      expect(bad.status).toBe(422);
      expect((await json(bad)).errors).toHaveProperty("outcome");
      noteRefusal(opOf("POST /support/bookings/{id}/outcome"), "422");
      const marked = await post({ outcome: "took_place" });
      expect(await json(marked)).toEqual({ id: booking.id, status: "took_place", changed: true });
    });
  });

  describe("support: booking", () => {
    const opOf = (k: string) => operations.find((o) => opKey(o.method, o.path) === k)!;
    const bookingsOf = (centreId: string) =>
      db().select().from(supportBooking).where(eq(supportBooking.centreId, centreId));

    it("free slots and one's own bookings with a key; another centre's are never among them", async () => {
      const ours = await call("GET", "/support/slots?kind=consultation&days=14", {
        key: keys.employee,
      });
      expect(ours.status).toBe(200);
      const slots = (await json(ours)).items as Json[];
      expect(slots.length).toBeGreaterThan(0);
      expect(new Set(slots.map((x) => x.specialistId))).toEqual(new Set([specialistId]));
      const theirs = await call("GET", "/support/slots?kind=consultation&days=14", {
        key: otherCoordinatorKey,
      });
      const theirSlots = (await json(theirs)).items as Json[];
      expect(theirSlots.length).toBeGreaterThan(0);
      expect(new Set(theirSlots.map((x) => x.specialistId))).toEqual(new Set([otherSpecialistId]));
      noteRefusal(opOf("GET /support/slots"), "other centre");
      // A key has no bookings of its own; the employee's session sees theirs, the other
      // centre's employee only their own.
      expect(await json(await call("GET", "/support/bookings", { key: keys.employee }))).toEqual({
        upcoming: [],
        past: [],
        page: 1,
        hasNext: false,
      });
      const mine = await json(
        await call("GET", "/support/bookings", {
          cookie: await sessionCookie(s.users.employee.email),
        }),
      );
      expect((mine.upcoming as Json[]).map((b) => b.id)).toEqual([care.booking]);
      const otherText = await (
        await call("GET", "/support/bookings", {
          cookie: await sessionCookie(other.users.employee.email),
        })
      ).text();
      expect(otherText).toContain(otherCare.booking);
      expect(otherText).not.toContain(care.booking);
      noteRefusal(opOf("GET /support/bookings"), "other centre");
    });

    it("books for oneself only: a key is refused and writes nothing; a taken slot offers others; cancelling is the parties'", async () => {
      const before = await bookingsOf(s.centre.id);
      // Days ahead, so the employee may still cancel it.
      const slot = (
        (await json(await call("GET", "/support/slots?kind=consultation", { key: keys.employee })))
          .items as Json[]
      ).find((x) => Date.parse(x.startsAt as string) > Date.now() + 3 * DAY)!;
      const body = { kind: "consultation", specialistId, startsAt: slot.startsAt };
      for (const key of Object.values(keys)) {
        const res = await call("POST", "/support/bookings", { key, body });
        expect(res.status).toBe(409);
        expect(Object.keys((await json(res)).errors as Json)).toEqual(["_form"]);
      }
      expect(await bookingsOf(s.centre.id)).toEqual(before);
      const employee = await sessionCookie(s.users.employee.email);
      const made = await asPerson("POST", "/support/bookings", employee, body);
      expect(made.status).toBe(201);
      const booked = await json(made);
      expect(booked).toMatchObject({ specialistId, kind: "consultation", startsAt: slot.startsAt });
      // A colleague asking for the same slot is told it is taken, with other free slots.
      const late = await asPerson(
        "POST",
        "/support/bookings",
        await sessionCookie(s.users.manager.email),
        body,
      );
      expect(late.status).toBe(409);
      const problem = await json(late);
      expect(problem.reason).toBe("slot_taken");
      expect((problem.alternatives as Json[]).length).toBeGreaterThan(0);
      expect(problem.alternatives as Json[]).not.toContainEqual(
        expect.objectContaining({ startsAt: slot.startsAt }),
      );
      // Nobody but the parties may cancel it: every key is told it does not exist.
      for (const key of Object.values(keys)) {
        expect((await call("POST", `/support/bookings/${booked.id}/cancel`, { key })).status).toBe(
          404,
        );
      }
      const cancelled = await asPerson("POST", `/support/bookings/${booked.id}/cancel`, employee);
      expect(await json(cancelled)).toEqual({ id: booked.id, status: "cancelled", by: "employee" });
    });
  });

  describe("incidents", () => {
    const opOf = (k: string) => operations.find((o) => opKey(o.method, o.path) === k)!;
    const ids = (items: unknown) => (items as Json[]).map((i) => i.id);
    /** The incident the employee reports with their session below: in unit B, not their own. */
    let reported: { id: string; number: string };

    it("reports with the employee's session only: every key is nobody, refused, and writes nothing", async () => {
      const { kinds } = await reportFormOptions(await actorFor(s.users.employee.userId));
      const body = {
        date: addDays(warsawDay(new Date()), -1),
        time: "14:15",
        place: "office",
        unitId: s.unitB.id,
        kindId: kinds.find((k) => k.key === "physical_aggression")!.id,
        severity: "high",
        description: "Klient uderzył pięścią w biurko i groził.",
        caseReference: "DPS.5012.15.2025",
        submissionKey: randomUUID(),
      };
      const before = await incidentRows(s.centre.id);
      for (const [role, key] of Object.entries(keys)) {
        const res = await call("POST", "/incidents", { key, body });
        expect(res.status, role).toBe(422);
        expect((await json(res)).errors, role).toEqual({ _form: pl["errors.incidentNoEmployee"] });
      }
      const cookie = await sessionCookie(s.users.employee.email);
      // A bad body is refused field by field, a malformed one as such; nothing is written.
      const bad = await asPerson("POST", "/incidents", cookie, {
        ...body,
        date: "wczoraj",
        severity: "",
        description: "  ",
      });
      expect(bad.status).toBe(422);
      expect(bad.headers.get("content-type")).toMatch(PROBLEM);
      expect((await json(bad)).errors).toEqual({
        date: pl["errors.date"],
        severity: pl["errors.required"],
        description: pl["errors.required"],
      });
      const broken = await app.request("/api/v1/incidents", {
        method: "POST",
        headers: { cookie, origin: "http://localhost", "content-type": "application/json" },
        body: '{"date": ',
      });
      expect(broken.status).toBe(400);
      noteRefusal(opOf("POST /incidents"), "422");
      expect(await incidentRows(s.centre.id)).toEqual(before);

      const made = await asPerson("POST", "/incidents", cookie, body);
      expect(made.status).toBe(201);
      const first = await json(made);
      expect(first).toEqual({
        id: expect.any(String),
        number: expect.stringMatching(/^ZD\/\d{4}\/\d{4}$/),
        repeated: false,
      });
      reported = { id: first.id as string, number: first.number as string };
      // The same report sent twice (the form submitted again) is the same incident.
      const again = await asPerson("POST", "/incidents", cookie, body);
      expect(await json(again)).toEqual({ ...reported, repeated: true });
      expect((await incidentRows(s.centre.id)).incidents).toHaveLength(before.incidents.length + 1);
    });

    it("shows the incident to its reporter and the register's keepers; to others it is not there", async () => {
      const path = `/incidents/${reported.id}`;
      const employee = await sessionCookie(s.users.employee.email);
      const own = await call("GET", path, { cookie: employee });
      expect(own.status).toBe(200);
      const asReporter = await json(own);
      expect(asReporter).toMatchObject({
        ...reported,
        place: "office",
        severity: "high",
        status: "open",
        unitName: "Dział B",
        caseReference: "DPS.5012.15.2025",
        reporter: { firstName: "Test", lastName: "employee" },
        witnesses: [],
        mayWorkSteps: false,
      });
      const mine = await json(await call("GET", "/incidents?mine=1", { cookie: employee }));
      expect(ids(mine.items)).toEqual([reported.id, reportedIncident.id]);

      // The safety officer's key: the incident with its checklist to work, and the register.
      const bySafety = await call("GET", path, { key: keys.safety_officer });
      expect(bySafety.status).toBe(200);
      const asSafety = await json(bySafety);
      expect(asSafety).toMatchObject({ ...reported, unitName: "Dział B", mayWorkSteps: true });
      expect((asSafety.steps as Json[]).length).toBeGreaterThan(0);
      expect(ids(asSafety.steps)).toEqual(ids(asReporter.steps));
      const register = await json(await call("GET", "/incidents", { key: keys.safety_officer }));
      expect(register).toMatchObject({ total: 2, page: 1 });
      expect(ids(register.items)).toEqual([reported.id, reportedIncident.id]);
      const inB = await json(
        await call("GET", `/incidents?unit=${s.unitB.id}`, { key: keys.management }),
      );
      expect(inB.items).toEqual([
        expect.objectContaining({ ...reported, unitName: "Dział B", status: "open" }),
      ]);

      // A key is nobody: it has no reports of its own, and sees no one else's.
      for (const role of ["employee", "administrator"] as const) {
        const list = await json(await call("GET", "/incidents", { key: keys[role] }));
        expect(list, role).toMatchObject({ items: [], total: 0 });
        expect((await call("GET", path, { key: keys[role] })).status, role).toBe(404);
      }
      // The manager of unit A (not B) sees their unit's incident only; another centre's safety
      // officer only their centre's.
      const manager = await sessionCookie(s.users.manager.email);
      expect((await call("GET", path, { cookie: manager })).status).toBe(404);
      const managerList = await json(await call("GET", "/incidents", { cookie: manager }));
      expect(ids(managerList.items)).toEqual([reportedIncident.id]);
      const theirs = await call("GET", path, { key: otherSafetyKey });
      expect(theirs.status).toBe(404);
      expect(theirs.headers.get("content-type")).toMatch(PROBLEM);
      const theirList = await json(await call("GET", "/incidents", { key: otherSafetyKey }));
      expect(ids(theirList.items)).toEqual([otherIncident.id]);
    });

    it("works a step with a safety officer's key; a stale version is a 409 and the first change stands", async () => {
      const stepsNow = async () =>
        (await json(await call("GET", `/incidents/${reported.id}`, { key: keys.safety_officer })))
          .steps as Json[];
      const step = (await stepsNow()).find((x) => x.status === "open")!;
      const version = step.version as number;
      const path = `/incidents/${reported.id}/steps/${step.id}`;
      const before = await incidentRows(s.centre.id);
      // Management reads the register but does not work the checklist; the manager of another
      // unit and another centre's safety officer are told the step is not there.
      const valid = { status: "done", note: "Przejęte", version };
      expect((await call("POST", path, { key: keys.management, body: valid })).status).toBe(403);
      const manager = await sessionCookie(s.users.manager.email);
      expect((await asPerson("POST", path, manager, valid)).status).toBe(404);
      expect((await call("POST", path, { key: otherSafetyKey, body: valid })).status).toBe(404);
      const bad = await call("POST", path, {
        key: keys.safety_officer,
        body: { status: "finished", version: 0 },
      });
      expect(bad.status).toBe(422);
      expect((await json(bad)).errors).toEqual({
        status: pl["errors.required"],
        version: pl["errors.invalid"],
      });
      // A step is found only under its own incident, and a step id must be one.
      for (const elsewhere of [
        `/incidents/${reported.id}/steps/${reportedIncident.step}`,
        `/incidents/${reported.id}/steps/nie-uuid`,
      ]) {
        const res = await call("POST", elsewhere, { key: keys.safety_officer, body: valid });
        expect(res.status, elsewhere).toBe(404);
      }
      expect(await incidentRows(s.centre.id)).toEqual(before);

      const done = await call("POST", path, {
        key: keys.safety_officer,
        body: { status: "done", note: "Rozmowa wyjaśniająca odbyta.", version },
      });
      expect(done.status).toBe(200);
      expect(await json(done)).toEqual({ id: step.id, version: version + 1 });
      // Someone working from the page as it was: refused, and nothing is overwritten.
      const stale = await call("POST", path, {
        key: keys.safety_officer,
        body: { status: "open", note: "Inna notatka", version },
      });
      expect(stale.status).toBe(409);
      expect(stale.headers.get("content-type")).toMatch(PROBLEM);
      expect((await json(stale)).errors).toEqual({
        [`step-${step.id}`]: pl["errors.incidentStepChanged"],
      });
      expect((await stepsNow()).find((x) => x.id === step.id)).toMatchObject({
        status: "done",
        note: "Rozmowa wyjaśniająca odbyta.",
        doneAt: expect.any(String),
        version: version + 1,
      });
      // The reporter follows the progress, not the notes of those who work the checklist.
      const employee = await sessionCookie(s.users.employee.email);
      const seen = await json(await call("GET", `/incidents/${reported.id}`, { cookie: employee }));
      expect((seen.steps as Json[]).find((x) => x.id === step.id)).toMatchObject({
        status: "done",
        note: "",
      });
    });

    it("counts the centre's incidents with a safety officer's key; another centre's key counts its own", async () => {
      const res = await call("GET", "/incidents/stats", { key: keys.safety_officer });
      expect(res.status).toBe(200);
      const stats = await json(res);
      // The incident of seeding (unit A, medium) and the one reported above (unit B, high).
      expect(stats.total).toBe(2);
      expect(stats.byUnit).toEqual([
        { unitId: s.unitA.id, unitName: "Dział A", n: 1 },
        { unitId: s.unitB.id, unitName: "Dział B", n: 1 },
      ]);
      expect(stats.bySeverity).toEqual([
        { severity: "low", n: 0 },
        { severity: "medium", n: 1 },
        { severity: "high", n: 1 },
      ]);
      // The step done above is the only one done by someone rather than by the report.
      expect(stats.stepTimes).toEqual([expect.objectContaining({ done: 1 })]);
      // Too few incidents to show who booked support.
      expect(stats.support).toBeNull();
      expect(
        (await json(await call("GET", "/incidents/stats", { key: keys.management }))).total,
      ).toBe(2);
      // A manager counts their units' incidents only.
      const manager = await sessionCookie(s.users.manager.email);
      const managerStats = await json(await call("GET", "/incidents/stats", { cookie: manager }));
      expect(managerStats.byUnit).toEqual([{ unitId: s.unitA.id, unitName: "Dział A", n: 1 }]);
      const theirs = await call("GET", "/incidents/stats", { key: otherSafetyKey });
      expect(theirs.status).toBe(200);
      const theirText = await theirs.text();
      expect(JSON.parse(theirText)).toMatchObject({
        total: 1,
        byUnit: [{ unitId: other.unitA.id, unitName: "Dział A", n: 1 }],
      });
      expect(theirText).not.toContain(s.unitA.id);
      expect(theirText).not.toContain(s.unitB.id);
      noteRefusal(opOf("GET /incidents/stats"), "other centre");
    });
  });

  describe("health: planning and referrals", () => {
    it("a health key previews and makes a unit's plan, and downloads a referral as a PDF", async () => {
      const key = keys.health;
      const plan = {
        clinicId: care.clinic,
        fromDate: addDays(warsawDay(new Date()), 14),
        unitId: s.unitA.id,
      };
      const before = await db().$count(healthExam, eq(healthExam.centreId, s.centre.id));
      const preview = await call("POST", "/health/planning/preview", { key, body: plan });
      expect(preview.status).toBe(200);
      const previewed = await json(preview);
      expect(previewed.total).toBeGreaterThan(0);
      expect(await db().$count(healthExam, eq(healthExam.centreId, s.centre.id))).toBe(before);
      const applied = await call("POST", "/health/planning/apply", { key, body: plan });
      expect(applied.status).toBe(201);
      const made = await json(applied);
      expect(made.examIds).toHaveLength(previewed.total as number);
      expect(await db().$count(healthExam, eq(healthExam.centreId, s.centre.id))).toBe(
        before + (previewed.total as number),
      );
      const pdf = await call("GET", `/health/exams/${(made.examIds as string[])[0]}/referral.pdf`, {
        key,
      });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
      // A key is nobody: another role's key is told the referral does not exist.
      expect(
        (await call("GET", `/health/exams/${care.exam}/referral.pdf`, { key: keys.employee }))
          .status,
      ).toBe(404);
    });
  });

  describe("units", () => {
    it("GET /units lists the tree", async () => {
      const res = await call("GET", "/units", { key: keys.coordinator });
      expect(res.status).toBe(200);
      expect((await json(res)).items).toEqual([
        { id: s.unitA.id, name: "Dział A", kind: "department", parentId: null, depth: 0 },
        { id: s.unitB.id, name: "Dział B", kind: "department", parentId: null, depth: 0 },
      ]);
    });

    it("GET /units/{id} returns one unit", async () => {
      const res = await call("GET", `/units/${s.unitA.id}`, { key: keys.management });
      expect(await json(res)).toEqual({
        id: s.unitA.id,
        name: "Dział A",
        kind: "department",
        parentId: null,
      });
    });

    it("POST /units creates, without Origin (no cookie, no CSRF check), and PATCH changes the fields sent", async () => {
      const res = await call("POST", "/units", {
        key: keys.administrator,
        body: { name: "Zespół z kadr", kind: "team", parentId: s.unitA.id },
      });
      expect(res.status).toBe(201);
      const unit = await json(res);
      expect(unit).toMatchObject({ name: "Zespół z kadr", kind: "team", parentId: s.unitA.id });

      const renamed = await call("PATCH", `/units/${unit.id}`, {
        key: keys.administrator,
        body: { name: "Zespół wsparcia" },
      });
      expect(renamed.status).toBe(200);
      expect(await json(renamed)).toEqual({ ...unit, name: "Zespół wsparcia" });

      const top = await call("PATCH", `/units/${unit.id}`, {
        key: keys.administrator,
        body: { parentId: null },
      });
      expect((await json(top)).parentId).toBeNull();

      // A unit may not move under itself.
      await call("PATCH", `/units/${unit.id}`, {
        key: keys.administrator,
        body: { parentId: s.unitA.id },
      });
      const cycle = await call("PATCH", `/units/${s.unitA.id}`, {
        key: keys.administrator,
        body: { parentId: unit.id },
      });
      expect(cycle.status).toBe(422);
      expect((await json(cycle)).errors).toEqual({
        parentId: "Komórka nie może podlegać sobie ani swojej podkomórce.",
      });
    });
  });

  describe("positions and staff groups", () => {
    it("GET /positions pages, searches and sorts", async () => {
      const res = await call("GET", "/positions?q=socjalny&sort=name", {
        key: keys.coordinator,
      });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
      expect(body.items).toEqual([
        {
          id: s.position.id,
          name: "Pracownik socjalny",
          staffGroupId: s.position.staffGroupId,
          staffGroupName: expect.any(String),
          clientContact: "constant",
          fieldWork: true,
        },
      ]);
      const none = await json(
        await call("GET", "/positions?q=astronauta", { key: keys.coordinator }),
      );
      expect(none).toMatchObject({ items: [], total: 0 });
    });

    it("GET /positions/{id} returns one position", async () => {
      const res = await call("GET", `/positions/${s.position.id}`, { key: keys.management });
      expect(await json(res)).toEqual({
        id: s.position.id,
        name: "Pracownik socjalny",
        staffGroupId: s.position.staffGroupId,
        clientContact: "constant",
        fieldWork: true,
      });
    });

    it("POST /positions creates (unique names), PATCH changes the fields sent", async () => {
      const body = { name: "Asystent rodziny", staffGroupId: groupId, clientContact: "frequent" };
      const res = await call("POST", "/positions", { key: keys.administrator, body });
      expect(res.status).toBe(201);
      const p = await json(res);
      expect(p).toMatchObject({ ...body, fieldWork: false });
      const twice = await call("POST", "/positions", { key: keys.administrator, body });
      expect(twice.status).toBe(422);
      expect((await json(twice)).errors).toEqual({ name: "Taka nazwa już istnieje." });

      const changed = await call("PATCH", `/positions/${p.id}`, {
        key: keys.administrator,
        body: { fieldWork: true },
      });
      expect(await json(changed)).toEqual({ ...p, fieldWork: true });
      const foreignGroup = await call("PATCH", `/positions/${p.id}`, {
        key: keys.administrator,
        body: { staffGroupId: otherGroupId },
      });
      expect(foreignGroup.status).toBe(422);
      expect(Object.keys((await json(foreignGroup)).errors as Json)).toEqual(["staffGroupId"]);
    });

    it("GET /staff-groups lists the centre's groups", async () => {
      const res = await call("GET", "/staff-groups", { key: keys.coordinator });
      const items = (await json(res)).items as { id: string; sortOrder: number }[];
      expect(items.length).toBe(3);
      expect(items[0].id).toBe(groupId);
    });

    it("GET /staff-groups/{id} returns one group", async () => {
      const res = await call("GET", `/staff-groups/${groupId}`, { key: keys.management });
      expect(await json(res)).toMatchObject({ id: groupId, name: expect.any(String) });
    });

    it("POST /staff-groups creates, PATCH changes the fields sent", async () => {
      const res = await call("POST", "/staff-groups", {
        key: keys.administrator,
        body: { name: "Superwizorzy" },
      });
      expect(res.status).toBe(201);
      const g = await json(res);
      expect(g).toMatchObject({ name: "Superwizorzy", description: "", sortOrder: 4 });
      const changed = await call("PATCH", `/staff-groups/${g.id}`, {
        key: keys.administrator,
        body: { description: "Zewnętrzni superwizorzy" },
      });
      expect(await json(changed)).toEqual({ ...g, description: "Zewnętrzni superwizorzy" });
      const empty = await call("PATCH", `/staff-groups/${g.id}`, {
        key: keys.administrator,
        body: { name: "  " },
      });
      expect(empty.status).toBe(422);
      expect((await json(empty)).errors).toEqual({ name: "To pole jest wymagane." });
    });
  });

  describe("employees", () => {
    it("GET /employees filters by q, unit, position and status, sorts and pages", async () => {
      const get = async (query: string) =>
        json(await call("GET", `/employees?${query}`, { key: keys.coordinator }));
      const all = await get("pageSize=200");
      // The fixture's one person per role (numbers T1…), and Anna Nowak (B1).
      const total = ROLES.length + 1;
      expect(all.total).toBe(total);
      expect((all.items as Json[])[0]).toEqual({
        id: expect.any(String),
        firstName: "Test",
        lastName: expect.any(String),
        email: expect.stringContaining("@testowo.pl"),
        employeeNumber: expect.any(String),
        unitId: s.unitA.id,
        positionId: s.position.id,
        employmentStart: null,
        active: true,
      });
      const inB = await get(`unit=${s.unitB.id}`);
      expect((inB.items as Json[]).map((e) => e.id)).toEqual([s.employeeInUnitB.id]);
      const withPosition = await get(`position=${s.position.id}&pageSize=200`);
      expect(withPosition.total).toBe(ROLES.length);
      const nowak = await get("q=nowak");
      expect((nowak.items as Json[]).map((e) => e.lastName)).toEqual(["Nowak"]);
      const page2 = await get("sort=number&dir=desc&pageSize=2&page=2");
      expect(page2).toMatchObject({ page: 2, pageSize: 2, total });
      const numbersDown = (all.items as Json[])
        .map((e) => String(e.employeeNumber))
        .sort()
        .reverse();
      expect(numbersDown.at(-1)).toBe("B1");
      expect((page2.items as Json[]).map((e) => e.employeeNumber)).toEqual(numbersDown.slice(2, 4));
      const inactive = await get("status=inactive");
      expect(inactive.total).toBe(0);
    });

    it("GET /employees/{id} returns one employee", async () => {
      const res = await call("GET", `/employees/${s.employeeInUnitB.id}`, { key: keys.management });
      expect(await json(res)).toEqual({
        id: s.employeeInUnitB.id,
        firstName: "Anna",
        lastName: "Nowak",
        email: "anna.nowak@testowo.pl",
        employeeNumber: "B1",
        unitId: s.unitB.id,
        positionId: null,
        employmentStart: null,
        active: true,
      });
    });

    it("POST /employees creates (unique number), PATCH changes only the fields sent", async () => {
      const body = {
        firstName: "Żaneta",
        lastName: "Ćwik",
        email: "Zaneta.Cwik@Testowo.pl",
        employeeNumber: "API-1",
        unitId: s.unitA.id,
        employmentStart: "2023-09-01",
      };
      const res = await call("POST", "/employees", { key: keys.administrator, body });
      expect(res.status).toBe(201);
      const e = await json(res);
      expect(e).toEqual({
        ...body,
        id: expect.any(String),
        email: "zaneta.cwik@testowo.pl",
        positionId: null,
        active: true,
      });
      const twice = await call("POST", "/employees", { key: keys.administrator, body });
      expect(twice.status).toBe(422);
      expect((await json(twice)).errors).toEqual({
        employeeNumber: "Pracownik o tym numerze ewidencyjnym już istnieje w ośrodku.",
      });

      const moved = await call("PATCH", `/employees/${e.id}`, {
        key: keys.administrator,
        body: { unitId: s.unitB.id, positionId: s.position.id },
      });
      expect(moved.status).toBe(200);
      expect(await json(moved)).toEqual({ ...e, unitId: s.unitB.id, positionId: s.position.id });

      const bad = await call("PATCH", `/employees/${e.id}`, {
        key: keys.administrator,
        body: { email: "nie-adres", employmentStart: "01.09.2023", unitId: other.unitA.id },
      });
      expect(bad.status).toBe(422);
      const errors = (await json(bad)).errors as Json;
      expect(Object.keys(errors).sort()).toEqual(["email", "employmentStart"]);
      expect(errors.email).toBe("Podaj prawidłowy adres e-mail, np. jan.kowalski@ops.pl.");
      const foreignUnit = await call("PATCH", `/employees/${e.id}`, {
        key: keys.administrator,
        body: { unitId: other.unitA.id },
      });
      expect(foreignUnit.status).toBe(422);
      expect((await json(foreignUnit)).errors).toEqual({ unitId: "Nieprawidłowa wartość." });
      const [stored] = await db()
        .select()
        .from(employee)
        .where(eq(employee.id, e.id as string));
      expect(stored).toMatchObject({ email: "zaneta.cwik@testowo.pl", unitId: s.unitB.id });
    });

    it("POST /employees/{id}/deactivate deactivates and signs the person out", async () => {
      const target = s.users.specialist;
      const signedIn = await signIn(target.email, FIXTURE_PASSWORD, new Headers());
      if (!signedIn.ok) throw new Error("sign-in failed");
      const cookie = signedIn.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      // A specialist may not list units: signed in, so 403 rather than 401.
      expect((await call("GET", "/units", { cookie })).status).toBe(403);

      const res = await call("POST", `/employees/${target.employeeId}/deactivate`, {
        key: keys.administrator,
      });
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ id: target.employeeId, active: false });
      expect((await call("GET", "/units", { cookie })).status).toBe(401);
      // Again: nothing more to do, same answer.
      const again = await call("POST", `/employees/${target.employeeId}/deactivate`, {
        key: keys.administrator,
      });
      expect(await json(again)).toMatchObject({ id: target.employeeId, active: false });
      const audit = await db()
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.entityId, target.employeeId), eq(auditLog.action, "employee.update")),
        );
      expect(audit).toHaveLength(1);
      expect(audit[0].actorUserId).toBe(`apikey:${keyIds.administrator}`);
    });

    it("POST /employees/bulk upserts by number, all rows or none", async () => {
      const row = (n: number, extra: Json = {}) => ({
        firstName: `Imię${n}`,
        lastName: `Hurtowy${n}`,
        email: `hurt${n}@testowo.pl`,
        employeeNumber: `H-${n}`,
        ...extra,
      });
      const first = await call("POST", "/employees/bulk", {
        key: keys.administrator,
        body: { rows: [row(1, { unitId: s.unitA.id }), row(2), row(3)] },
      });
      expect(first.status).toBe(200);
      expect(await json(first)).toEqual({ created: 3, updated: 0, deactivated: 0, unchanged: 0 });

      const second = await call("POST", "/employees/bulk", {
        key: keys.administrator,
        body: {
          rows: [row(1), row(2, { lastName: "Zmieniony" }), row(3, { active: false }), row(4)],
        },
      });
      expect(await json(second)).toEqual({ created: 1, updated: 2, deactivated: 1, unchanged: 1 });
      const stored = await db()
        .select()
        .from(employee)
        .where(
          and(
            eq(employee.centreId, s.centre.id),
            inArray(employee.employeeNumber, ["H-1", "H-2", "H-3", "H-4"]),
          ),
        )
        .orderBy(employee.employeeNumber);
      expect(stored.map((e) => [e.employeeNumber, e.lastName, e.unitId, e.active])).toEqual([
        ["H-1", "Hurtowy1", s.unitA.id, true],
        ["H-2", "Zmieniony", null, true],
        ["H-3", "Hurtowy3", null, false],
        ["H-4", "Hurtowy4", null, true],
      ]);
    });

    it("POST /employees/bulk with invalid rows writes nothing and lists every error with its index", async () => {
      const before = await employeesOf(s.centre.id);
      const [auditBefore] = await db().select({ n: count() }).from(auditLog);
      const rows = [
        { firstName: "Nowa", lastName: "Osoba", email: "nowa@testowo.pl", employeeNumber: "H-10" },
        { firstName: "Imię1", lastName: "Inne", email: "hurt1@testowo.pl", employeeNumber: "H-1" },
        { firstName: "", lastName: "Bez imienia", email: "zly-adres", employeeNumber: "H-11" },
        { firstName: "Dwa", lastName: "Razy", email: "dwa1@testowo.pl", employeeNumber: "H-12" },
        { firstName: "Dwa", lastName: "Razy", email: "dwa2@testowo.pl", employeeNumber: "H-12" },
        {
          firstName: "Obca",
          lastName: "Komórka",
          email: "obca@testowo.pl",
          employeeNumber: "H-13",
          unitId: other.unitA.id,
        },
      ];
      const res = await call("POST", "/employees/bulk", {
        key: keys.administrator,
        body: { rows },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
      const body = await json(res);
      expect(body).toMatchObject({ type: "about:blank#validation", status: 422 });
      expect(body.errors).toEqual({
        "2.firstName": "To pole jest wymagane.",
        "2.email": "Podaj prawidłowy adres e-mail, np. jan.kowalski@ops.pl.",
        "3.employeeNumber": "Ten numer ewidencyjny występuje więcej niż raz.",
        "4.employeeNumber": "Ten numer ewidencyjny występuje więcej niż raz.",
        "5.unitId": "Nie ma takiej komórki organizacyjnej w ośrodku.",
      });
      // The valid rows (a new person, a change to H-1) were not written either.
      expect(await employeesOf(s.centre.id)).toEqual(before);
      const [auditAfter] = await db().select({ n: count() }).from(auditLog);
      // Only the call itself is audited.
      expect(auditAfter.n).toBe(auditBefore.n + 1);

      // In English on request.
      const en = await app.request("/api/v1/employees/bulk", {
        method: "POST",
        headers: {
          authorization: `Bearer ${keys.administrator}`,
          "content-type": "application/json",
          "accept-language": "en",
        },
        body: JSON.stringify({ rows: [rows[2]] }),
      });
      const enErrors = (await json(en)).errors as Json;
      expect(Object.keys(enErrors).sort()).toEqual(["0.email", "0.firstName"]);
      expect(enErrors["0.firstName"]).not.toBe("To pole jest wymagane.");

      const notRows = await call("POST", "/employees/bulk", {
        key: keys.administrator,
        body: { rows: "H-1" },
      });
      expect(notRows.status).toBe(422);
      expect((await json(notRows)).errors).toEqual({ rows: "Nieprawidłowa wartość." });
    });
  });

  describe("survey", () => {
    it("drives a cycle with a key, while the answer itself needs none", async () => {
      const imported = await call("POST", "/instruments", {
        key: keys.coordinator,
        body: miniInstrument("api-suite"),
      });
      expect(imported.status).toBe(201);
      const inst = await json(imported);
      const list = await json(await call("GET", "/instruments", { key: keys.administrator }));
      expect((list.items as Json[]).map((i) => i.id)).toContain(inst.id);
      const exported = await call("GET", `/instruments/${inst.id}`, { key: keys.coordinator });
      expect((await json(exported)).id).toBe("api-suite");

      const created = await call("POST", "/cycles", {
        key: keys.coordinator,
        body: {
          instrumentId: inst.id,
          name: "Cykl z API",
          opensAt: new Date(Date.now() - 3_600_000).toISOString(),
          closesAt: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString(),
          population: { unitIds: [s.unitB.id] },
        },
      });
      expect(created.status).toBe(201);
      const { id } = await json(created);
      const cycles = await json(await call("GET", "/cycles", { key: keys.coordinator }));
      expect((cycles.items as Json[]).map((c) => c.id)).toContain(id);
      const opened = await call("POST", `/cycles/${id}/open`, { key: keys.coordinator });
      expect(await json(opened)).toMatchObject({ status: "open" });

      const [token] = [...(await tokensOf("Cykl z API")).values()];
      const answered = await call("POST", "/responses", { body: { token, answers: { q1: 4 } } });
      expect(answered.status).toBe(201);
      // A bad key is refused even here: a key is either right or not sent.
      const badKey = await call("POST", "/responses", {
        auth: "Bearer nie-klucz",
        body: { token, answers: { q1: 4 } },
      });
      expect(badKey.status).toBe(401);

      const codes = await call("POST", `/cycles/${id}/paper-codes`, {
        key: keys.administrator,
        body: { unitId: s.unitB.id, staffGroupId: groupId, count: 2 },
      });
      expect(((await json(codes)).codes as string[]).length).toBe(2);
      const detail = await json(await call("GET", `/cycles/${id}`, { key: keys.coordinator }));
      expect(detail).toMatchObject({ status: "open", answered: 1, responses: 1 });
      const closed = await call("POST", `/cycles/${id}/close`, { key: keys.coordinator });
      expect(await json(closed)).toMatchObject({ status: "closed" });

      // Results of the closed cycle: one answer, so the centre is hidden.
      const results = await call("GET", `/cycles/${id}/results?by=unit`, { key: keys.management });
      expect(results.status).toBe(200);
      expect((await json(results)).centre).toMatchObject({ suppressed: true, n: null });
      // A later cycle of the same instrument (closed as a draft) compares with it.
      const later = await json(
        await call("POST", "/cycles", {
          key: keys.coordinator,
          body: {
            instrumentId: inst.id,
            name: "Cykl z API, drugi",
            opensAt: new Date(Date.now() + 3_600_000).toISOString(),
            closesAt: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString(),
          },
        }),
      );
      await call("POST", `/cycles/${later.id}/close`, { key: keys.coordinator });
      const trend = await call("GET", `/cycles/${later.id}/trend?previous=${id}`, {
        key: keys.coordinator,
      });
      expect(trend.status).toBe(200);
      expect((await json(trend)).previous).toMatchObject({ id });
    });
  });

  describe("programme", () => {
    /** An instant on a whole hour (UTC) of the day `days` from today, as the API writes it. */
    const at = (days: number, hour: number) =>
      new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hour * HOUR).toISOString();
    const ids = (items: unknown) => (items as Json[]).map((i) => i.id);

    it("builds an activity with a key: a draft, its sessions, changes, publishing, cancelling", async () => {
      const typeId = (await activityTypeByCode(db(), s.centre.id, "training"))!.id;
      const created = await call("POST", "/activities", {
        key: keys.coordinator,
        body: {
          typeId,
          title: "Superwizja zespołu",
          format: "in_person",
          capacity: 2,
          cost: "1 234,50",
        },
      });
      expect(created.status).toBe(201);
      const a = await json(created);
      expect(a).toMatchObject({
        status: "draft",
        title: "Superwizja zespołu",
        typeCode: "training",
        capacity: 2,
        placesLeft: 2,
        costGrosze: 123450,
        hourUnit: "clock",
        target: { staffGroupIds: [], positionIds: [], unitIds: [] },
      });
      const id = a.id as string;
      // A draft is the programme's business only.
      expect((await call("GET", `/activities/${id}`, { key: keys.employee })).status).toBe(404);

      const sessions: Json[] = [];
      for (const day of [20, 21]) {
        const r = await call("POST", `/activities/${id}/sessions`, {
          key: keys.administrator,
          body: { startsAt: at(day, 8), endsAt: at(day, 12), place: "Sala 3" },
        });
        expect(r.status).toBe(201);
        sessions.push(await json(r));
      }
      expect(sessions[0]).toEqual({
        id: expect.any(String),
        activityId: id,
        startsAt: at(20, 8),
        endsAt: at(20, 12),
        place: "Sala 3",
        meetingUrl: "",
        sequence: 0,
        cancelledAt: null,
      });
      const backwards = await call("PATCH", `/sessions/${sessions[1].id}`, {
        key: keys.coordinator,
        body: { endsAt: at(21, 7) },
      });
      expect(backwards.status).toBe(422);
      expect((await json(backwards)).errors).toEqual({ endsAt: pl["errors.programmeSessionEnd"] });
      const moved = await call("PATCH", `/sessions/${sessions[1].id}`, {
        key: keys.coordinator,
        body: { place: "Sala 5" },
      });
      expect(await json(moved)).toMatchObject({
        startsAt: at(21, 8),
        endsAt: at(21, 12),
        place: "Sala 5",
        sequence: 1,
      });
      const changed = await call("PATCH", `/activities/${id}`, {
        key: keys.coordinator,
        body: { capacity: 12 },
      });
      expect(await json(changed)).toMatchObject({
        title: "Superwizja zespołu",
        capacity: 12,
        costGrosze: 123450,
        status: "draft",
      });
      const published = await call("POST", `/activities/${id}/publish`, {
        key: keys.coordinator,
      });
      expect(await json(published)).toMatchObject({
        status: "published",
        plannedMinutes: 480,
        hoursCenti: 800,
      });

      const seen = await call("GET", `/activities/${id}`, { key: keys.employee });
      expect(await json(seen)).toMatchObject({ id, status: "published", placesLeft: 12 });
      const list = await json(
        await call("GET", "/activities?q=superwizja", { key: keys.employee }),
      );
      expect(list).toMatchObject({ total: 1, page: 1 });
      expect(list.items).toEqual([
        expect.objectContaining({
          id,
          sessionCount: 2,
          firstStart: at(20, 8),
          lastEnd: at(21, 12),
        }),
      ]);

      const dropped = await call("POST", `/sessions/${sessions[0].id}/cancel`, {
        key: keys.coordinator,
      });
      expect(await json(dropped)).toEqual({ id: sessions[0].id, cancelled: true });
      const listed = await json(
        await call("GET", `/activities/${id}/sessions`, { key: keys.employee }),
      );
      expect((listed.items as Json[]).map((x) => [x.id, x.cancelledAt !== null])).toEqual([
        [sessions[0].id, true],
        [sessions[1].id, false],
      ]);
      // The last session of a published activity goes only with the activity itself.
      const last = await call("POST", `/sessions/${sessions[1].id}/cancel`, {
        key: keys.coordinator,
      });
      expect(last.status).toBe(409);
      const off = await call("POST", `/activities/${id}/cancel`, { key: keys.coordinator });
      expect(await json(off)).toMatchObject({ id, status: "cancelled" });
      // A cancelled activity leaves the catalogue of those who do not run the programme.
      const after = await call("GET", "/activities?q=superwizja&status=all&when=all", {
        key: keys.employee,
      });
      expect((await json(after)).items).toEqual([]);
      const forCoordinator = await call("GET", "/activities?q=superwizja&status=cancelled", {
        key: keys.coordinator,
      });
      expect(ids((await json(forCoordinator)).items)).toEqual([id]);
    });

    it("signs people up, lists and cancels with a key; a key itself is nobody to enrol", async () => {
      const { workshop } = programme;
      const path = `/activities/${workshop}/enrolments`;
      const self = await call("POST", path, { key: keys.coordinator, body: {} });
      expect(self.status).toBe(409);
      expect((await json(self)).errors).toEqual({
        _form: pl["programme.enrol.reason.noEmployee"],
      });
      const foreign = await call("POST", path, {
        key: keys.coordinator,
        body: { employeeId: other.users.employee.employeeId },
      });
      expect(foreign.status).toBe(422);
      expect((await json(foreign)).errors).toEqual({
        employeeId: "Nie ma takiego pracownika w ośrodku.",
      });
      const nominated = await call("POST", path, {
        key: keys.coordinator,
        body: { employeeId: s.users.management.employeeId },
      });
      expect(nominated.status).toBe(201);
      expect(await json(nominated)).toEqual({
        id: expect.any(String),
        status: "waitlisted",
        waitlistPosition: 2,
      });

      const people = (body: Json) =>
        (body.items as Json[]).map((e) => [e.employeeId, e.status, e.waitlistPosition]);
      const list = await json(await call("GET", path, { key: keys.coordinator }));
      expect(list).toMatchObject({ capacity: 1, seatsTaken: 1, total: 3, page: 1 });
      expect(people(list)).toEqual([
        [s.users.employee.employeeId, "confirmed", null],
        [s.employeeInUnitB.id, "waitlisted", 1],
        [s.users.management.employeeId, "waitlisted", 2],
      ]);
      expect((list.items as Json[]).map((e) => e.nominated)).toEqual([false, true, true]);
      const found = await json(await call("GET", `${path}?q=nowak`, { key: keys.coordinator }));
      expect(ids(found.items)).toEqual([programme.waiting]);

      // The place given up goes at once to the first person waiting.
      const cancelled = await call("POST", `/enrolments/${programme.enrolment}/cancel`, {
        key: keys.coordinator,
      });
      expect(await json(cancelled)).toEqual({
        id: programme.enrolment,
        status: "cancelled",
        promoted: 1,
      });
      const twice = await call("POST", `/enrolments/${programme.enrolment}/cancel`, {
        key: keys.coordinator,
      });
      expect(twice.status).toBe(409);
      const after = await json(await call("GET", `${path}?status=all`, { key: keys.coordinator }));
      expect(after).toMatchObject({ seatsTaken: 1 });
      expect(people(after)).toEqual([
        [s.users.employee.employeeId, "cancelled", null],
        [s.employeeInUnitB.id, "confirmed", null],
        [s.users.management.employeeId, "waitlisted", 1],
      ]);
      expect((after.items as Json[])[0]).toMatchObject({ cancelReason: "coordinator" });

      // A key belongs to nobody, so its own list is empty; the employee's session has theirs.
      const byKey = await call("GET", "/me/enrolments", { key: keys.employee });
      expect(byKey.status).toBe(200);
      expect(await json(byKey)).toEqual({ items: [] });
      const cookie = await sessionCookie(s.users.employee.email);
      const own = await json(await call("GET", "/me/enrolments", { cookie }));
      expect((own.items as Json[]).map((e) => [e.activityId, e.status])).toEqual([
        [workshop, "cancelled"],
        [programme.training, "confirmed"],
      ]);
    });

    it("reads and marks a session's attendance with a key", async () => {
      const [first, second] = programme.sessions;
      const dpo = s.users.dpo.employeeId;
      const res = await call("GET", `/sessions/${first}/attendance`, { key: keys.coordinator });
      expect(res.status).toBe(200);
      const list = await json(res);
      expect(list).toMatchObject({
        sessionId: first,
        activityId: programme.training,
        minutes: 240,
        started: true,
      });
      const items = list.items as Json[];
      expect(items.map((i) => i.employeeId).sort()).toEqual([...programme.participants].sort());
      expect(items.find((i) => i.employeeId === dpo)).toEqual({
        employeeId: dpo,
        firstName: "Test",
        lastName: "dpo",
        present: false,
        minutes: null,
      });
      expect(items.filter((i) => i.present).length).toBe(3);

      const marked = await call("PUT", `/sessions/${second}/attendance`, {
        key: keys.coordinator,
        body: { marks: [{ employeeId: dpo, present: true, minutes: 90 }] },
      });
      expect(marked.status).toBe(200);
      expect(
        ((await json(marked)).items as Json[]).find((i) => i.employeeId === dpo),
      ).toMatchObject({ present: true, minutes: 90 });
      // Someone without a place on the list makes the whole call fail, with nothing written.
      const before = await programmeRows(s.centre.id);
      const stranger = await call("PUT", `/sessions/${second}/attendance`, {
        key: keys.coordinator,
        body: {
          marks: [
            { employeeId: dpo, present: false },
            { employeeId: s.users.management.employeeId, present: true },
          ],
        },
      });
      expect(stranger.status).toBe(422);
      expect((await json(stranger)).errors).toEqual({
        "marks.1.employeeId": pl["errors.attendanceNotEnrolled"],
      });
      expect((await programmeRows(s.centre.id)).attendance).toEqual(before.attendance);
      // A specialist marks only where they are the trainer, and a key is nobody's trainer.
      const specialist = await call("GET", `/sessions/${first}/attendance`, {
        key: keys.specialist,
      });
      expect(specialist.status).toBe(403);
    });

    it("lists the centre's certificates with a key, and verifies a number without one", async () => {
      const res = await call("GET", "/certificates", { key: keys.administrator });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body).toMatchObject({ total: 3, page: 1 });
      expect((body.items as Json[]).map((c) => c.holderName).sort()).toEqual([
        "Anna Nowak",
        "Test employee",
        "Test safety_officer",
      ]);
      const { id, number } = programme.certificate;
      const day = expect.stringMatching(/^\d{4}-\d\d-\d\d$/);
      expect((body.items as Json[]).find((c) => c.id === id)).toEqual({
        id,
        number,
        activityId: programme.training,
        employeeId: s.users.employee.employeeId,
        holderName: "Test employee",
        activityTitle: "Trudny klient — deeskalacja",
        firstDay: day,
        lastDay: day,
        hours: 8,
        hourUnit: "clock",
        issuedAt: expect.any(String),
        revokedAt: null,
        revokedReason: null,
      });
      const found = await json(
        await call("GET", "/certificates?q=nowak", { key: keys.coordinator }),
      );
      expect((found.items as Json[]).map((c) => c.holderName)).toEqual(["Anna Nowak"]);

      // Anyone may check a number, with no key, however it is spelled.
      const valid = await call("GET", `/certificates/verify/${encodeURIComponent(number)}`);
      expect(valid.status).toBe(200);
      expect(await json(valid)).toEqual({
        status: "valid",
        number,
        holderName: "Test employee",
        activityTitle: "Trudny klient — deeskalacja",
        firstDay: day,
        lastDay: day,
        hours: 8,
        hourUnit: "clock",
      });
      const spelled = number.replaceAll("/", "-").toLowerCase();
      expect(await json(await call("GET", `/certificates/verify/${spelled}`))).toMatchObject({
        status: "valid",
        number,
      });
      const theirs = otherProgramme.certificate.number;
      expect(
        await json(await call("GET", `/certificates/verify/${encodeURIComponent(theirs)}`)),
      ).toMatchObject({ status: "valid", number: theirs });

      // A revoked certificate tells only since when.
      const coordinator = await actorFor(s.users.coordinator.userId);
      const revokedOne = programme.otherCertificate;
      await revokeCertificate(coordinator, revokedOne.id, { reason: "Błąd w danych" });
      const revoked = await call(
        "GET",
        `/certificates/verify/${encodeURIComponent(revokedOne.number)}`,
      );
      expect(await json(revoked)).toEqual({
        status: "revoked",
        number: revokedOne.number,
        revokedOn: day,
      });
      const revokedList = await json(
        await call("GET", "/certificates?status=revoked", { key: keys.administrator }),
      );
      expect(ids(revokedList.items)).toEqual([revokedOne.id]);
      expect((revokedList.items as Json[])[0]).toMatchObject({ revokedReason: "Błąd w danych" });
      const unknown = await call("GET", "/certificates/verify/ZAS-2026-2222-2222");
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("content-type")).toMatch(PROBLEM);
    });

    it("reports an activity's knowledge test results with a key", async () => {
      const res = await call("GET", `/activities/${programme.training}/test-results`, {
        key: keys.management,
      });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.activity).toEqual({
        id: programme.training,
        title: "Trudny klient — deeskalacja",
        learningOutcomes: "Rozpoznaje sygnały eskalacji i reaguje na nie.",
        passThresholdPercent: 50,
        questionCount: 2,
      });
      const byPerson = new Map(
        (body.participants as Json[]).map((p) => [p.employeeId as string, p]),
      );
      expect([...byPerson.keys()].sort()).toEqual([...programme.participants].sort());
      const none = { score: 0, maxScore: 2, percent: 0 };
      expect(byPerson.get(s.users.employee.employeeId)).toMatchObject({
        pre: none,
        post: { score: 2, maxScore: 2, percent: 100 },
        gainPoints: 100,
        acquired: true,
      });
      expect(byPerson.get(s.users.safety_officer.employeeId)).toMatchObject({
        pre: none,
        post: none,
        gainPoints: 0,
        acquired: false,
      });
      expect(byPerson.get(s.users.dpo.employeeId)).toMatchObject({
        pre: null,
        post: null,
        gainPoints: null,
        acquired: null,
      });
      expect(body.summary).toEqual({
        paired: 2,
        meanPre: 0,
        meanPost: 50,
        meanGain: 50,
        withPost: 2,
        acquired: 1,
        shareAcquired: 0.5,
      });
    });
  });

  describe("keys in the HTTP server", () => {
    it("audits every call made with a key: operation template, method, status; no data", async () => {
      const key = await createApiKey(admin, { name: "Audytowany", role: "coordinator" });
      const auth = { key: key.key };
      await call("GET", `/employees/${s.employeeInUnitB.id}`, auth);
      await call("GET", "/employees?q=Nowak", auth);
      await call("POST", "/units", { ...auth, body: { name: "Nowak", kind: "team" } });
      await call("GET", "/nie-ma-takiego", auth);
      await call("GET", "/openapi.json", auth);
      const rows = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "api.call"), eq(auditLog.entityId, key.id)))
        .orderBy(auditLog.id);
      expect(rows.map((r) => r.details)).toEqual([
        { method: "GET", path: "/employees/{id}", status: 200 },
        { method: "GET", path: "/employees", status: 200 },
        { method: "POST", path: "/units", status: 403 },
        { method: "GET", path: "*", status: 404 },
        { method: "GET", path: "/openapi.json", status: 200 },
      ]);
      for (const r of rows) {
        expect(r).toMatchObject({
          centreId: s.centre.id,
          actorUserId: `apikey:${key.id}`,
          entityType: "api_key",
          requestId: expect.any(String),
        });
      }
      expect(JSON.stringify(rows)).not.toMatch(/Nowak|anna|B1|\?q=/);
      // The audit page names the key rather than showing a bare id.
      const log = await viewAuditLog(admin, { action: "api.call" });
      expect(log.rows[0]).toMatchObject({ actor: "Audytowany", actorIsApiKey: true });
    });

    it("records when a key was last used", async () => {
      const key = await createApiKey(admin, { name: "Ostatnio", role: "dpo" });
      const lastUsed = async () =>
        (await db().select().from(apiKey).where(eq(apiKey.id, key.id)))[0].lastUsedAt;
      expect(await lastUsed()).toBeNull();
      await call("GET", "/units", { key: key.key });
      expect(await lastUsed()).toBeInstanceOf(Date);
    });

    it("authenticates by the key alone: a session cookie beside it neither helps nor stands in", async () => {
      const r = await signIn(s.users.administrator.email, FIXTURE_PASSWORD, new Headers());
      if (!r.ok) throw new Error("sign-in failed");
      const cookie = r.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      // The cookie alone works (a same-origin GET)...
      expect((await call("GET", "/units", { cookie })).status).toBe(200);
      // ...but with a bad key beside it the request is refused, not served by the cookie,
      // and a POST is not let past the CSRF check on the strength of the header.
      for (const auth of ["Bearer nie-klucz", `Bearer ${revokedKey}`, ""]) {
        expect((await call("GET", "/units", { cookie, auth })).status).toBe(401);
        const post = await call("POST", "/units", {
          cookie,
          auth,
          body: { name: "Przez ciasteczko", kind: "team" },
        });
        expect(post.status).toBe(401);
      }
      // A weaker key with an administrator's cookie acts as the key.
      const weak = await call("POST", "/units", {
        cookie,
        key: keys.coordinator,
        body: { name: "Przez ciasteczko", kind: "team" },
      });
      expect(weak.status).toBe(403);
      const units = await db().select().from(orgUnit).where(eq(orgUnit.name, "Przez ciasteczko"));
      expect(units).toEqual([]);
    });

    it("keeps the CSRF check for cookie-authenticated calls", async () => {
      const r = await signIn(s.users.administrator.email, FIXTURE_PASSWORD, new Headers());
      if (!r.ok) throw new Error("sign-in failed");
      const cookie = r.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const res = await call("POST", "/units", {
        cookie,
        body: { name: "Bez klucza", kind: "team" },
      });
      expect(res.status).toBe(403);
      expect(await db().select().from(orgUnit).where(eq(orgUnit.name, "Bez klucza"))).toEqual([]);
    });
  });

  it("exercised every operation of the document with a key, and every refusal", () => {
    const all = operations.map((o) => opKey(o.method, o.path));
    expect(
      all.filter((o) => !served.has(o) && !SESSIONS_ONLY.includes(o)),
      "operations never answered 2xx to a key",
    ).toEqual([]);
    const expected = (o: Operation) => (o.isPublic ? (o.hasBody ? ["422"] : []) : keyedRefusals(o));
    const keyedRefusals = (o: Operation) => [
      "401",
      ...(OPEN_TO_EVERY_KEY.includes(opKey(o.method, o.path)) ? [] : ["403"]),
      ...(o.path.includes("{id}") ? ["404"] : []),
      ...(o.method === "get" && !o.path.includes("{") ? ["other centre"] : []),
      ...(o.hasBody ? ["422"] : []),
    ];
    const missing = operations.flatMap((o) =>
      expected(o)
        .filter((what) => !refused.get(opKey(o.method, o.path))?.has(what))
        .map((what) => `${opKey(o.method, o.path)}: ${what}`),
    );
    expect(missing, "refusals never tried").toEqual([]);
    // The bookkeeping itself must see something, or the two checks above prove nothing.
    expect(served.size).toBe(all.length - SESSIONS_ONLY.length);
  });
});
