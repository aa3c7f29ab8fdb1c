// The demo's support programme as plain rows: the seed project's trainings, webinar, stress and
// outdoor workshops (and group supervision in Gdańsk), laid out over the programme period with
// the past ones delivered — enrolments, attendance, certificates, knowledge tests, evaluations —
// and the next ones open for enrolment. Pure and seeded, like survey-model.ts: the same plan and
// day always give the same rows; programme.ts writes them. README.md ("Support programme")
// describes the choices.
//
// The rows keep the invariants of modules/programme/README.md: seats taken = pending +
// confirmed enrolments, never above capacity; attendance only for confirmed enrolments and
// sessions already held; certificates only for those who attended at least the completion share
// of the planned minutes; test scores as the scoring rule gives them.

import { addDays } from "../../platform/warsaw-time.ts";
import { unitPath } from "../org/unit-tree.ts";
import { type AudienceMember, inAudience } from "../programme/audience.ts";
import { NUMBER_ALPHABET } from "../programme/certificates.ts";
import { hasCompleted } from "../programme/completion.ts";
import { EVALUATION_QUESTIONS } from "../programme/evaluation-rules.ts";
import { hoursCenti, sessionMinutes } from "../programme/hours.ts";
import {
  type ActivityFormat,
  type Audience,
  BUILTIN_ACTIVITY_TYPES,
  type BuiltinActivityType,
  type CancelReason,
  type EnrolmentStatus,
  type HourUnit,
  type programmeActivity,
  type programmeActivityType,
  type programmeAttendance,
  type programmeCertificate,
  type programmeEnrolment,
  type programmeEvaluationParticipation,
  type programmeEvaluationResponse,
  type programmePlan,
  type programmePlanItem,
  type programmeSession,
  type programmeTestAttempt,
  type programmeTestQuestion,
  type TestStage,
} from "../programme/schema.ts";
import { scoreSheet } from "../programme/test-scoring.ts";
import { EVALUATION_DAYS } from "../programme/test-window.ts";
import { demoId, type Random, seededRandom } from "./determinism.ts";
import { type CentrePlan, POSITIONS, STAFF_GROUP, type StaffGroupIndex } from "./plan.ts";
import {
  CANCELLED_NOTE,
  type DemoQuestion,
  DIFFICULT_CLIENT,
  DIFFICULT_CLIENT_TEST,
  EVALUATION_COMMENTS,
  OUTDOOR,
  PLACES,
  PROVIDERS,
  REVOKED_REASON,
  STRESS_DESCRIPTION,
  STRESS_TITLES,
  SUPERVISION,
  WEBINAR,
  WORK_LIFE_BALANCE,
} from "./programme-content.ts";
import { demoRandomId, STORY_SITES } from "./survey-model.ts";

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

type WithId<T> = T & { id: string };
export type DemoActivityTypeRow = WithId<typeof programmeActivityType.$inferInsert>;
export type DemoActivityRow = WithId<typeof programmeActivity.$inferInsert> & {
  status: "draft" | "published" | "cancelled";
  seatsTaken: number;
};
export type DemoSessionRow = WithId<typeof programmeSession.$inferInsert>;
/** Without `seq`: the database numbers them in the order they are inserted (arrival order). */
export type DemoEnrolmentRow = WithId<Omit<typeof programmeEnrolment.$inferInsert, "seq">> & {
  status: EnrolmentStatus;
  createdAt: Date;
};
export type DemoAttendanceRow = WithId<typeof programmeAttendance.$inferInsert>;
export type DemoCertificateRow = WithId<typeof programmeCertificate.$inferInsert>;
export type DemoQuestionRow = WithId<typeof programmeTestQuestion.$inferInsert>;
export type DemoAttemptRow = WithId<typeof programmeTestAttempt.$inferInsert>;
export type DemoEvaluationParticipationRow = WithId<
  typeof programmeEvaluationParticipation.$inferInsert
>;
export type DemoEvaluationResponseRow = WithId<typeof programmeEvaluationResponse.$inferInsert>;
export type DemoPlanRow = WithId<typeof programmePlan.$inferInsert>;
export type DemoPlanItemRow = WithId<typeof programmePlanItem.$inferInsert>;

export type DemoProgrammeData = {
  types: DemoActivityTypeRow[];
  plans: DemoPlanRow[];
  planItems: DemoPlanItemRow[];
  activities: DemoActivityRow[];
  sessions: DemoSessionRow[];
  /** In arrival order: inserted so, the database gives them `seq` (the waitlist order) by it. */
  enrolments: DemoEnrolmentRow[];
  attendance: DemoAttendanceRow[];
  certificates: DemoCertificateRow[];
  questions: DemoQuestionRow[];
  attempts: DemoAttemptRow[];
  evaluationParticipation: DemoEvaluationParticipationRow[];
  /** Sorted by their random-looking ids, as a closed evaluation leaves them. */
  evaluationResponses: DemoEvaluationResponseRow[];
};

export type DemoProgrammeInput = {
  /** Today in Warsaw (yyyy-mm-dd): what lies before it has happened, the rest is planned. */
  today: string;
};

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** The seed project's period (seed 000): 01.06.2025–30.06.2027. */
export const PROGRAMME_PERIOD = { start: "2025-06-01", end: "2027-06-30" } as const;
export const PLAN_NAME = "Plan programmu 2025–2027";

/** The latest sessions held end this many days before today: attendance and post-tests are in. */
const LAST_PAST_GAP = 4;
/** The next sessions start at least this many days from today. */
const FIRST_FUTURE_GAP = 12;
/** Certificates are issued for activities that ended at least this many days ago. */
const CERTIFICATE_AFTER_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

// ---------------------------------------------------------------------------------------------
// Small tools
// ---------------------------------------------------------------------------------------------

export { addDays };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** Days off in Poland over the programme period: fixed holidays, Easter Monday, Corpus Christi. */
const FIXED_HOLIDAYS = new Set([
  "01-01",
  "01-06",
  "05-01",
  "05-03",
  "08-15",
  "11-01",
  "11-11",
  "12-24",
  "12-25",
  "12-26",
]);
const MOVABLE_HOLIDAYS = new Set([
  "2025-04-21",
  "2025-06-19",
  "2026-04-06",
  "2026-06-04",
  "2027-03-29",
  "2027-05-27",
  "2028-04-17",
  "2028-06-15",
]);

/** A working day outside the Christmas break, when a centre can send staff to a session. */
function isSessionDay(day: string): boolean {
  const wd = weekdayOf(day);
  if (wd === 0 || wd === 6) return false;
  if (FIXED_HOLIDAYS.has(day.slice(5)) || MOVABLE_HOLIDAYS.has(day)) return false;
  const md = day.slice(5);
  return !(md >= "12-22" || md <= "01-06");
}

function gauss(rnd: Random): number {
  const u = 1 - rnd.next();
  const v = rnd.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function shuffle<T>(rnd: Random, items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * A moment between two others, to the minute, in waking hours (7:00–21:59 in Warsaw) when the
 * span has any: people sign up, approve and issue certificates by day.
 */
function between(rnd: Random, from: Date, to: Date): Date {
  const span = Math.max(0, to.getTime() - from.getTime());
  let t = from.getTime();
  for (let attempt = 0; attempt < 8; attempt++) {
    t = Math.floor((from.getTime() + Math.floor(rnd.next() * span)) / MINUTE_MS) * MINUTE_MS;
    const hour = (new Date(t).getUTCHours() + warsawOffsetHours(t)) % 24;
    if (hour >= 7 && hour < 22) break;
  }
  return new Date(t);
}

const summerTime = new Map<number, [number, number]>();

/**
 * Hours Warsaw is ahead of UTC at an instant: 2 in summer time (from 1:00 UTC on the last
 * Sunday of March to 1:00 UTC on the last Sunday of October), 1 otherwise. Computed rather
 * than asked of Intl, which is slow when called for every generated moment.
 */
function warsawOffsetHours(t: number): number {
  const year = new Date(t).getUTCFullYear();
  let range = summerTime.get(year);
  if (!range) {
    const lastSunday = (month: number) => {
      const last = new Date(Date.UTC(year, month + 1, 0));
      return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
    };
    range = [lastSunday(2), lastSunday(9)];
    summerTime.set(year, range);
  }
  return t >= range[0] && t < range[1] ? 2 : 1;
}

function later(a: Date, b: Date): Date {
  return a > b ? a : b;
}
function earlier(a: Date, b: Date): Date {
  return a < b ? a : b;
}

/**
 * A Warsaw wall-clock time on a day, as an instant. The same as `startOfWarsawDay` plus the
 * time (the tests compare them over the whole period), without its Intl call per day.
 */
export function warsawAt(day: string, hour: number, minute = 0): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // The clocks change at 1:00 UTC, so two hours before UTC midnight has the offset in force.
  const midnight = utcMidnight - warsawOffsetHours(utcMidnight - 2 * HOUR_MS) * HOUR_MS;
  return new Date(midnight + (hour * 60 + minute) * MINUTE_MS);
}

const warsawDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Warsaw",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Warsaw calendar day of an instant. */
function dayOf(t: Date): string {
  return warsawDate.format(t);
}

/**
 * A certificate number as the certificate service makes them (ZAS/<year>/XXXX-XXXX, from its
 * alphabet), the random part derived from a key so that a rebuilt demo keeps the numbers
 * printed on its certificates. A number is no credential: it only lets anyone verify one.
 */
export function demoCertificateNumber(key: string, year: number): string {
  const bytes = Buffer.from(demoId(`certificate:${key}`).replaceAll("-", ""), "hex");
  let s = "";
  for (let i = 0; i < 8; i++) s += NUMBER_ALPHABET[bytes[i] % NUMBER_ALPHABET.length];
  return `ZAS/${year}/${s.slice(0, 4)}-${s.slice(4)}`;
}

// ---------------------------------------------------------------------------------------------
// What each centre runs
// ---------------------------------------------------------------------------------------------

type Clock = [number, number];
type SessionShape = { offset: number; from: Clock; to: Clock };

/** One kind of activity run in several editions (groups, turnusy) over the period. */
type Series = {
  key: string;
  code: BuiltinActivityType;
  count: number;
  /** Editions kept for after today however far the period has gone, so some are upcoming. */
  minFuture: number;
  /** Weekday of the first session (1 = Monday) and the months it may fall in. */
  weekday: number;
  months: readonly number[];
  /** For a single past edition: the first fitting day from this one. */
  anchor?: string;
  sessions: SessionShape[];
  title: (n: number) => string;
  description: string;
  provider: (n: number) => string;
  /** Editions led by the centre's own specialist, who may then mark their attendance. */
  internalTrainer?: (n: number) => boolean;
  place: (n: number) => string;
  meetingUrl?: string;
  format: ActivityFormat;
  hourUnit: HourUnit;
  capacity: number;
  target: Audience;
  priority: Audience;
  requiresApproval: boolean;
  cancelDeadlineHours: number;
  costGrosze: number | null;
  completionPercent: number;
  /** Enrolment opens this many days before the first session and closes `enrolCloseDays` before. */
  enrolLeadDays: number;
  enrolCloseDays: number;
  test?: { questions: readonly DemoQuestion[]; outcomes: string; threshold: number };
  /** The story sites (survey-model.ts) were sent first: their staff fill the early editions. */
  storyFirst?: boolean;
  /** The first upcoming edition is full with a waitlist. */
  fullNext?: boolean;
  /** The last edition is still being prepared (a draft). */
  draftLast?: boolean;
  /** An extra edition a week after the first one that was cancelled before it took place. */
  cancelledExtra?: boolean;
  /** One certificate of the first edition was issued wrongly, revoked and issued again. */
  revokeOne?: boolean;
  /** Share of those who attended who answer the evaluation. */
  evaluationRate: number;
};

type Forced = {
  series: string;
  which: "firstPast" | "lastPast" | "nextFuture";
  employeeIds: string[];
  /** Enrolled yesterday, so the approval is still awaited. */
  pendingRecent?: boolean;
  /** Has not answered the (still open) evaluation, so the demo account can try it. */
  skipEvaluation?: boolean;
};

type CentreProgramme = {
  series: Series[];
  forced: Forced[];
  plan: { code: BuiltinActivityType; count: number; participants: number }[];
};

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
/** Not in the summer holidays, when half of a team is away. */
const TERM_MONTHS = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12] as const;
/** Outdoor workshops only in the warm months. */
const OUTDOOR_MONTHS = [5, 6, 7, 8, 9] as const;

const TWO_DAY_TRAINING: SessionShape[] = [
  { offset: 0, from: [9, 0], to: [15, 0] },
  { offset: 1, from: [9, 0], to: [15, 0] },
];
const STRESS_SESSIONS: SessionShape[] = [
  { offset: 0, from: [9, 0], to: [13, 0] },
  { offset: 7, from: [9, 0], to: [13, 0] },
];
const OUTDOOR_SESSIONS: SessionShape[] = [
  { offset: 0, from: [10, 0], to: [18, 0] },
  { offset: 1, from: [9, 0], to: [14, 0] },
];
const WEBINAR_SESSIONS: SessionShape[] = [{ offset: 0, from: [14, 30], to: [16, 30] }];
const SUPERVISION_SESSIONS: SessionShape[] = Array.from({ length: 6 }, (_, i) => ({
  offset: i * 28,
  from: [13, 0] as Clock,
  to: [16, 0] as Clock,
}));

function positionIds(plan: CentrePlan, keys: (keyof typeof POSITIONS)[]): string[] {
  return plan.positions.filter((p) => keys.includes(p.key)).map((p) => p.id);
}

function accountOf(plan: CentrePlan, role: string) {
  return plan.accounts.find((a) => a.role === role);
}

function gdanskProgramme(plan: CentrePlan): CentreProgramme {
  const key = "mopr-gdansk";
  const direct = plan.staffGroupIds[STAFF_GROUP.directContact];
  const highestRisk = positionIds(plan, ["socialWorker", "familyAssistant"]);
  const specialist = accountOf(plan, "specialist");
  const unit = (k: string) => plan.units.find((u) => u.key === k);
  const demoEmployee = accountOf(plan, "employee")?.employeeId;
  // Three social workers of the manager's centre who signed up for the next training
  // yesterday: the manager's approval queue has something in it.
  const cps1B = unit("cps1B")?.id;
  const awaiting = plan.employees
    .filter((e) => e.unitId === cps1B && e.positionKey === "socialWorker")
    .slice(0, 3)
    .map((e) => e.id);
  const supervision = (site: string, weekday: number, anchor: string): Series => ({
    key: `supervision-${site}`,
    code: "supervision",
    count: 1,
    minFuture: 0,
    weekday,
    months: TERM_MONTHS,
    anchor,
    sessions: SUPERVISION_SESSIONS,
    title: () => SUPERVISION.title(unit(site)?.name ?? site),
    description: SUPERVISION.description,
    provider: () => SUPERVISION.provider,
    place: () => `${PLACES[key].supervision} nr ${site.replace("cps", "")}`,
    format: "in_person",
    hourUnit: "clock",
    capacity: 14,
    target: { unitIds: [unit(site)?.id ?? ""] },
    priority: {},
    requiresApproval: false,
    cancelDeadlineHours: 24,
    costGrosze: 1_080_000,
    completionPercent: 75,
    enrolLeadDays: 21,
    enrolCloseDays: 2,
    storyFirst: false,
    evaluationRate: 0.7,
  });
  return {
    series: [
      {
        key: "training",
        code: "training",
        count: 13,
        minFuture: 2,
        weekday: 1,
        months: TERM_MONTHS,
        sessions: TWO_DAY_TRAINING,
        title: (n) => `${DIFFICULT_CLIENT.title} (grupa ${n})`,
        description: DIFFICULT_CLIENT.description,
        provider: (n) => PROVIDERS[key].training[n % 2],
        place: (n) => PLACES[key].training[n % 3],
        format: "in_person",
        hourUnit: "academic",
        capacity: 16,
        target: { staffGroupIds: [direct] },
        priority: { positionIds: highestRisk },
        requiresApproval: true,
        cancelDeadlineHours: 48,
        costGrosze: 840_000,
        completionPercent: 80,
        enrolLeadDays: 35,
        enrolCloseDays: 3,
        test: {
          questions: DIFFICULT_CLIENT_TEST,
          outcomes: DIFFICULT_CLIENT.learningOutcomes,
          threshold: DIFFICULT_CLIENT.passThresholdPercent,
        },
        storyFirst: true,
        revokeOne: true,
        evaluationRate: 0.65,
      },
      {
        key: "webinar",
        code: "webinar",
        count: 1,
        minFuture: 1,
        weekday: 3,
        months: ALL_MONTHS,
        sessions: WEBINAR_SESSIONS,
        title: () => WEBINAR.title,
        description: WEBINAR.description,
        provider: () => PROVIDERS[key].webinar,
        place: () => "",
        meetingUrl: "https://spotkania.mopr-gdansk.example/webinarium-granice",
        format: "online",
        hourUnit: "clock",
        capacity: 150,
        target: {},
        priority: { staffGroupIds: [direct] },
        requiresApproval: false,
        cancelDeadlineHours: 2,
        costGrosze: 150_000,
        completionPercent: 80,
        enrolLeadDays: 30,
        enrolCloseDays: 1,
        evaluationRate: 0.5,
      },
      {
        key: "stress",
        code: "stress_workshop",
        count: 18,
        minFuture: 3,
        weekday: 3,
        months: TERM_MONTHS,
        sessions: STRESS_SESSIONS,
        title: (n) => `${STRESS_TITLES[n % STRESS_TITLES.length]} (grupa ${n})`,
        description: STRESS_DESCRIPTION,
        // Every third group is led by the centre's own psychologist.
        internalTrainer: (n) => Boolean(specialist) && n % 3 === 0,
        provider: (n) =>
          specialist && n % 3 === 0 ? `${specialist.name}, psycholog MOPR` : PROVIDERS[key].stress,
        place: (n) => PLACES[key].stress[n % 2],
        format: "in_person",
        hourUnit: "clock",
        capacity: 14,
        target: {},
        priority: { staffGroupIds: [direct] },
        requiresApproval: false,
        cancelDeadlineHours: 24,
        costGrosze: 320_000,
        completionPercent: 80,
        enrolLeadDays: 30,
        enrolCloseDays: 2,
        fullNext: true,
        draftLast: true,
        evaluationRate: 0.65,
      },
      {
        key: "outdoor",
        code: "outdoor_workshop",
        count: 12,
        minFuture: 2,
        weekday: 4,
        months: OUTDOOR_MONTHS,
        sessions: OUTDOOR_SESSIONS,
        title: (n) => `${OUTDOOR.title} (turnus ${n})`,
        description: OUTDOOR.description,
        provider: () => PROVIDERS[key].outdoor,
        place: (n) => PLACES[key].outdoor[n % 2],
        format: "outdoor",
        hourUnit: "clock",
        capacity: 20,
        target: {},
        priority: { staffGroupIds: [direct] },
        requiresApproval: true,
        cancelDeadlineHours: 72,
        costGrosze: 2_160_000,
        completionPercent: 80,
        enrolLeadDays: 60,
        enrolCloseDays: 7,
        cancelledExtra: true,
        evaluationRate: 0.65,
      },
      supervision("cps1", 4, "2025-09-01"),
      supervision("cps5", 2, "2025-09-01"),
    ],
    forced: demoEmployee
      ? [
          // The latest training: test results, and an evaluation still open to answer.
          {
            series: "training",
            which: "lastPast",
            employeeIds: [demoEmployee],
            skipEvaluation: true,
          },
          { series: "stress", which: "firstPast", employeeIds: [demoEmployee] },
          { series: "webinar", which: "nextFuture", employeeIds: [demoEmployee] },
          { series: "training", which: "nextFuture", employeeIds: awaiting, pendingRecent: true },
        ]
      : [],
    plan: [
      { code: "training", count: 13, participants: 208 },
      { code: "webinar", count: 1, participants: 120 },
      { code: "stress_workshop", count: 18, participants: 252 },
      { code: "outdoor_workshop", count: 12, participants: 240 },
    ],
  };
}

/** Daleszyce: the same programme, scaled to a centre of 14 (and the seed's work-life training). */
function daleszyceProgramme(plan: CentrePlan): CentreProgramme {
  const key = "mgops-daleszyce";
  const direct = plan.staffGroupIds[STAFF_GROUP.directContact];
  const highestRisk = positionIds(plan, ["socialWorker", "familyAssistant"]);
  const specialist = accountOf(plan, "specialist");
  const demoEmployee = accountOf(plan, "employee")?.employeeId;
  const base = {
    format: "in_person" as const,
    requiresApproval: false,
    cancelDeadlineHours: 24,
    completionPercent: 80,
    enrolCloseDays: 2,
    evaluationRate: 0.85,
  };
  return {
    series: [
      {
        ...base,
        key: "training",
        code: "training",
        count: 1,
        minFuture: 0,
        weekday: 1,
        months: TERM_MONTHS,
        anchor: "2025-09-15",
        sessions: TWO_DAY_TRAINING,
        title: () => DIFFICULT_CLIENT.title,
        description: DIFFICULT_CLIENT.description,
        provider: () => PROVIDERS[key].training[0],
        place: () => PLACES[key].training[0],
        hourUnit: "academic",
        capacity: 12,
        target: { staffGroupIds: [direct] },
        priority: { positionIds: highestRisk },
        cancelDeadlineHours: 48,
        costGrosze: 480_000,
        enrolLeadDays: 35,
        enrolCloseDays: 3,
        test: {
          questions: DIFFICULT_CLIENT_TEST,
          outcomes: DIFFICULT_CLIENT.learningOutcomes,
          threshold: DIFFICULT_CLIENT.passThresholdPercent,
        },
      },
      {
        ...base,
        key: "wlb",
        code: "training",
        count: 1,
        minFuture: 0,
        weekday: 4,
        months: TERM_MONTHS,
        anchor: "2025-11-17",
        sessions: TWO_DAY_TRAINING,
        title: () => WORK_LIFE_BALANCE.title,
        description: WORK_LIFE_BALANCE.description,
        provider: () => PROVIDERS[key].training[0],
        place: () => PLACES[key].training[0],
        hourUnit: "academic",
        capacity: 14,
        target: {},
        priority: {},
        costGrosze: 520_000,
        enrolLeadDays: 30,
      },
      {
        ...base,
        key: "webinar",
        code: "webinar",
        count: 1,
        minFuture: 1,
        weekday: 3,
        months: ALL_MONTHS,
        sessions: WEBINAR_SESSIONS,
        title: () => WEBINAR.title,
        description: WEBINAR.description,
        provider: () => PROVIDERS[key].webinar,
        place: () => "",
        meetingUrl: "https://spotkania.mgops-daleszyce.example/webinarium-granice",
        format: "online",
        hourUnit: "clock",
        capacity: 30,
        target: {},
        priority: {},
        cancelDeadlineHours: 2,
        costGrosze: 60_000,
        enrolLeadDays: 30,
        enrolCloseDays: 1,
      },
      {
        ...base,
        key: "stress",
        code: "stress_workshop",
        count: 3,
        minFuture: 1,
        weekday: 3,
        months: TERM_MONTHS,
        sessions: STRESS_SESSIONS,
        title: (n) => `${STRESS_TITLES[0]} (grupa ${n})`,
        description: STRESS_DESCRIPTION,
        // The centre's contracted psychologist leads them and marks attendance herself.
        internalTrainer: () => Boolean(specialist),
        provider: () => (specialist ? `${specialist.name}, psycholog` : PROVIDERS[key].stress),
        place: () => PLACES[key].stress[0],
        hourUnit: "clock",
        capacity: 12,
        target: {},
        priority: { staffGroupIds: [direct] },
        costGrosze: 180_000,
        enrolLeadDays: 30,
      },
      {
        ...base,
        key: "outdoor",
        code: "outdoor_workshop",
        count: 1,
        minFuture: 1,
        weekday: 4,
        months: OUTDOOR_MONTHS,
        sessions: OUTDOOR_SESSIONS,
        title: () => OUTDOOR.title,
        description: OUTDOOR.description,
        provider: () => PROVIDERS[key].outdoor,
        place: () => PLACES[key].outdoor[0],
        format: "outdoor",
        hourUnit: "clock",
        capacity: 14,
        target: {},
        priority: {},
        cancelDeadlineHours: 72,
        costGrosze: 980_000,
        enrolLeadDays: 60,
        enrolCloseDays: 7,
      },
    ],
    forced: demoEmployee
      ? [
          { series: "training", which: "firstPast", employeeIds: [demoEmployee] },
          { series: "wlb", which: "firstPast", employeeIds: [demoEmployee] },
          { series: "stress", which: "nextFuture", employeeIds: [demoEmployee] },
        ]
      : [],
    plan: [
      { code: "training", count: 2, participants: 14 },
      { code: "webinar", count: 1, participants: 10 },
      { code: "stress_workshop", count: 3, participants: 14 },
      { code: "outdoor_workshop", count: 1, participants: 12 },
    ],
  };
}

function programmeOf(plan: CentrePlan): CentreProgramme {
  return plan.key === "mopr-gdansk" ? gdanskProgramme(plan) : daleszyceProgramme(plan);
}

// ---------------------------------------------------------------------------------------------
// The calendar: which editions have been held, which are coming
// ---------------------------------------------------------------------------------------------

type Edition = {
  series: Series;
  key: string;
  n: number;
  days: string[];
  past: boolean;
  status: "draft" | "published" | "cancelled";
};

/** The half-days a session occupies: morning if it starts before noon, afternoon if it ends after one. */
function halfDays(day: string, shape: SessionShape): string[] {
  const out: string[] = [];
  if (shape.from[0] < 12) out.push(`${day} am`);
  if (shape.to[0] * 60 + shape.to[1] > 13 * 60) out.push(`${day} pm`);
  return out;
}

function sessionDays(series: Series, first: string): string[] {
  return series.sessions.map((s) => addDays(first, s.offset));
}

function fits(series: Series, first: string): boolean {
  if (weekdayOf(first) !== series.weekday) return false;
  if (!series.months.includes(Number(first.slice(5, 7)))) return false;
  return sessionDays(series, first).every(isSessionDay);
}

/** First days from `from` whose whole edition fits in [from, to]. */
function candidates(series: Series, from: string, to: string): string[] {
  const out: string[] = [];
  const span = Math.max(...series.sessions.map((s) => s.offset));
  for (let d = from; addDays(d, span) <= to; d = addDays(d, 1)) if (fits(series, d)) out.push(d);
  return out;
}

/**
 * `k` of the days, spread evenly from the first to the last; a single one is the first (the
 * next one coming), or the first from `anchor` for a single edition held in the past.
 */
function spread(days: string[], k: number, anchor?: string): string[] {
  if (k <= 0 || days.length === 0) return [];
  if (k === 1) return [anchor ? (days.find((d) => d >= anchor) ?? days[days.length - 1]) : days[0]];
  const n = Math.min(k, days.length);
  return Array.from({ length: n }, (_, i) => days[Math.round((i * (days.length - 1)) / (n - 1))]);
}

function scheduleSeries(series: Series, today: string): Edition[] {
  const { start, end } = PROGRAMME_PERIOD;
  const elapsed = Math.min(1, Math.max(0, daysBetween(start, today) / daysBetween(start, end)));
  const pastTo = addDays(today, -LAST_PAST_GAP);
  const futureFrom = addDays(today, FIRST_FUTURE_GAP);
  const pastDays = candidates(series, start, pastTo);
  const want = Math.min(
    Math.max(0, series.count - series.minFuture),
    Math.round(series.count * elapsed),
  );
  const past = spread(pastDays, want, series.anchor);
  // The rest until the end of the period; past its end (a demo built late), in the next months.
  const left = series.count - past.length;
  let futureDays = candidates(series, futureFrom, end);
  if (futureDays.length < left) futureDays = candidates(series, futureFrom, addDays(today, 400));
  const future = spread(futureDays, left);
  const firsts = [...past, ...future];
  return firsts.map((first, i) => ({
    series,
    key: `${series.key}:${i + 1}`,
    n: i + 1,
    days: sessionDays(series, first),
    past: i < past.length,
    status: series.draftLast && i === firsts.length - 1 && i >= past.length ? "draft" : "published",
  }));
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

type Person = {
  id: string;
  name: string;
  group: StaffGroupIndex;
  member: AudienceMember;
  unitPath: string[];
  /** The Centre of Social Work or department: the topmost unit above them. */
  siteKey: string;
  /** First day of employment: nobody signs up before they work here. */
  employedFrom: string;
  /** How well they do in knowledge tests (a standard normal draw). */
  ability: number;
};

function peopleOf(plan: CentrePlan, rnd: Random): Person[] {
  const byId = new Map(plan.units.map((u) => [u.id, u]));
  return plan.employees.map((e) => {
    const path = unitPath(e.unitId, plan.units);
    const group = POSITIONS[e.positionKey].group;
    return {
      id: e.id,
      name: `${e.firstName} ${e.lastName}`,
      group,
      member: { staffGroupId: plan.staffGroupIds[group], positionId: e.positionId, unitPath: path },
      unitPath: path,
      siteKey: byId.get(path[path.length - 1])?.key ?? "",
      employedFrom: e.employmentStart,
      ability: gauss(rnd),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The rows of one centre
// ---------------------------------------------------------------------------------------------

type Seat = {
  person: Person;
  arrival: Date;
  status: EnrolmentStatus;
  /** When the person got a place: on arrival, or when promoted from the waitlist. */
  placedAt: Date | null;
  forced: boolean;
  pendingRecent: boolean;
  nominatedBy: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  cancelledAt: Date | null;
  cancelReason: CancelReason | null;
};

export function planProgrammeData(plan: CentrePlan, input: DemoProgrammeInput): DemoProgrammeData {
  const { today } = input;
  const rnd = seededRandom(`przystan-demo:${plan.key}:programme:${today}`);
  const id = (what: string) => demoId(`${plan.key}:programme:${what}`);
  const centreId = plan.centre.id;
  /** The last moment of yesterday: nothing in the rows happens later. */
  const cutoff = new Date(warsawAt(today, 0).getTime() - MINUTE_MS);
  const coordinator = accountOf(plan, "coordinator")?.userId ?? null;
  const manager = accountOf(plan, "manager");
  const specialist = accountOf(plan, "specialist");
  const story = new Set(STORY_SITES[plan.key] ?? []);

  const out: DemoProgrammeData = {
    types: [],
    plans: [],
    planItems: [],
    activities: [],
    sessions: [],
    enrolments: [],
    attendance: [],
    certificates: [],
    questions: [],
    attempts: [],
    evaluationParticipation: [],
    evaluationResponses: [],
  };

  // The built-in kinds, as ensureActivityTypes creates them, with ids that survive a rebuild.
  const typeId = new Map<BuiltinActivityType, string>();
  for (const [i, code] of BUILTIN_ACTIVITY_TYPES.entries()) {
    typeId.set(code, id(`type:${code}`));
    out.types.push({
      id: id(`type:${code}`),
      centreId,
      code,
      name: "",
      sortOrder: i * 10,
      archived: false,
    });
  }

  const programme = programmeOf(plan);
  const planId = id("plan");
  out.plans.push({
    id: planId,
    centreId,
    name: PLAN_NAME,
    periodStart: PROGRAMME_PERIOD.start,
    periodEnd: PROGRAMME_PERIOD.end,
    createdAt: warsawAt("2025-05-20", 10),
  });
  for (const item of programme.plan) {
    out.planItems.push({
      id: id(`plan:${item.code}`),
      centreId,
      planId,
      typeId: typeId.get(item.code) ?? "",
      plannedCount: item.count,
      plannedParticipants: item.participants,
    });
  }

  const people = peopleOf(plan, rnd);
  const personById = new Map(people.map((p) => [p.id, p]));
  const trainerEmployeeId = specialist?.employeeId ?? null;

  const editions = programme.series.flatMap((s) => scheduleSeries(s, today));
  // The cancelled extra turnus: a week after the first held one, called off five days before.
  for (const s of programme.series.filter((x) => x.cancelledExtra)) {
    const first = editions.find((e) => e.series === s && e.past);
    if (!first) continue;
    editions.push({
      series: s,
      key: `${s.key}:cancelled`,
      n: 0,
      days: first.days.map((d) => addDays(d, 7)),
      past: true,
      status: "cancelled",
    });
  }
  editions.sort((a, b) => (a.days[0] < b.days[0] ? -1 : a.days[0] > b.days[0] ? 1 : 0));

  // Who is placed on purpose (the demo accounts' own story): kept out of every other edition.
  const forcedOf = new Map<Edition, Forced[]>();
  for (const f of programme.forced) {
    const mine = editions.filter((e) => e.series.key === f.series && e.status !== "cancelled");
    const held = mine.filter((e) => e.past);
    const coming = mine.filter((e) => !e.past && e.status === "published");
    const target =
      f.which === "firstPast" ? held[0] : f.which === "lastPast" ? held.at(-1) : coming[0];
    if (target) forcedOf.set(target, [...(forcedOf.get(target) ?? []), f]);
  }
  const reserved = new Set(programme.forced.flatMap((f) => f.employeeIds));

  /** Half-days ("2026-03-02 am") each person already spends at an activity. */
  const busy = new Map<string, Set<string>>();
  const doneByCode = new Map<BuiltinActivityType, Set<string>>();
  let revokedOne = false;

  for (const ed of editions) {
    const s = ed.series;
    const activityId = id(`activity:${ed.key}`);
    const firstDay = ed.days[0];
    const lastDay = ed.days[ed.days.length - 1];
    const sessions = s.sessions.map((shape, i) => ({
      id: id(`session:${ed.key}:${i + 1}`),
      startsAt: warsawAt(ed.days[i], ...shape.from),
      endsAt: warsawAt(ed.days[i], ...shape.to),
    }));
    const firstStart = sessions[0].startsAt;
    const plannedMinutes = sessions.reduce((sum, x) => sum + sessionMinutes(x), 0);
    const opensAt = warsawAt(addDays(firstDay, -s.enrolLeadDays), 8);
    const closesAt = warsawAt(addDays(firstDay, -s.enrolCloseDays), 23, 59);
    const hasPriority = Boolean(
      s.priority.staffGroupIds?.length ||
        s.priority.positionIds?.length ||
        s.priority.unitIds?.length,
    );
    const priorityUntil = hasPriority
      ? warsawAt(addDays(firstDay, -s.enrolLeadDays + 7), 23, 59)
      : null;
    const createdAt = earlier(
      warsawAt(addDays(firstDay, -s.enrolLeadDays - 10), 10),
      warsawAt(addDays(today, -1), 10),
    );
    const cancelledAt = ed.status === "cancelled" ? warsawAt(addDays(firstDay, -5), 12) : null;
    const internal = Boolean(specialist && s.internalTrainer?.(ed.n));
    const trainerUserId = internal ? (specialist?.userId ?? null) : null;
    // Left to the service's default, as the catalogue leaves it: 14 days after the last session.
    const evaluationDue = new Date(
      sessions[sessions.length - 1].endsAt.getTime() + EVALUATION_DAYS * DAY_MS,
    );
    const evaluationClosed = ed.past && ed.status === "published" && evaluationDue < cutoff;

    const activity: DemoActivityRow = {
      id: activityId,
      centreId,
      typeId: typeId.get(s.code) ?? "",
      title:
        ed.n === 0 ? `${s.title(1).replace(/\(turnus 1\)/, "(turnus dodatkowy)")}` : s.title(ed.n),
      description: ed.status === "cancelled" ? `${s.description}${CANCELLED_NOTE}` : s.description,
      provider: s.provider(ed.n),
      trainerUserId,
      format: s.format,
      hourUnit: s.hourUnit,
      target: s.target,
      priority: s.priority,
      capacity: s.capacity,
      seatsTaken: 0,
      enrolOpensAt: opensAt,
      enrolClosesAt: closesAt,
      priorityUntil,
      cancelDeadlineHours: s.cancelDeadlineHours,
      requiresApproval: s.requiresApproval,
      costGrosze: s.costGrosze,
      completionPercent: s.completionPercent,
      learningOutcomes: s.test?.outcomes ?? "",
      passThresholdPercent: s.test?.threshold ?? null,
      evaluationClosesAt: null,
      // Closed by the job a few minutes after it was due.
      evaluationClosedAt: evaluationClosed
        ? earlier(new Date(evaluationDue.getTime() + 5 * MINUTE_MS), cutoff)
        : null,
      status: ed.status,
      createdAt,
      updatedAt: cancelledAt ?? createdAt,
    };
    out.activities.push(activity);
    for (const [i, x] of sessions.entries()) {
      const day = ed.days[i];
      out.sessions.push({
        id: x.id,
        centreId,
        activityId,
        startsAt: x.startsAt,
        endsAt: x.endsAt,
        place: s.place(ed.n),
        meetingUrl: s.meetingUrl ?? "",
        // Cancelling an activity cancels its enrolments, not its sessions (as the catalogue does).
        sequence: 0,
        cancelledAt: null,
        // The reminder went out the day before: the job must not send it again for a past day.
        remindedAt: day <= today && !cancelledAt ? warsawAt(addDays(day, -1), 7) : null,
      });
    }

    // The knowledge test is fixed before the first session, so upcoming editions have it too.
    const questions = (s.test?.questions ?? []).map((q, i) => ({
      id: id(`question:${ed.key}:${i + 1}`),
      centreId,
      activityId,
      kind: q.kind,
      text: q.text,
      options: q.options.map((o) => ({ ...o })),
      sortOrder: i,
    }));
    out.questions.push(...questions);

    // Enrolment: who signs up, when, and what became of it.
    const enrolmentOpen = ed.status !== "draft" && opensAt < cutoff;
    if (!enrolmentOpen) continue;
    // A cancelled edition took no sign-ups after it was called off.
    const lastArrival = earlier(
      earlier(new Date(closesAt.getTime() - MINUTE_MS), cutoff),
      cancelledAt ? new Date(cancelledAt.getTime() - HOUR_MS) : cutoff,
    );
    const forced = forcedOf.get(ed) ?? [];
    const forcedIds = new Set(forced.flatMap((f) => f.employeeIds));
    const done = doneByCode.get(s.code) ?? new Set<string>();
    doneByCode.set(s.code, done);
    const opensDay = addDays(firstDay, -s.enrolLeadDays);
    const slots = s.sessions.flatMap((shape, i) => halfDays(ed.days[i], shape));
    const isFree = (p: Person) => !slots.some((x) => busy.get(p.id)?.has(x));
    const inPriority = (p: Person) => hasPriority && inAudience(s.priority, p.member);
    const eligible = people.filter(
      (p) =>
        inAudience(s.target, p.member) &&
        p.id !== (internal ? trainerEmployeeId : null) &&
        !reserved.has(p.id) &&
        p.employedFrom <= opensDay &&
        isFree(p),
    );
    const rank = (p: Person) =>
      (done.has(p.id) ? 10 : 0) +
      (s.storyFirst && story.has(p.siteKey) && rnd.chance(0.75)
        ? 0
        : inPriority(p) && rnd.chance(0.7)
          ? 1
          : 2);
    const ordered = shuffle(rnd, eligible)
      .map((p) => ({ p, r: rank(p) }))
      .sort((a, b) => a.r - b.r)
      .map((x) => x.p);
    const firstFuture =
      !ed.past && !editions.some((e) => e.series === s && !e.past && e.days[0] < firstDay);
    const demand =
      ed.status === "cancelled"
        ? Math.round(s.capacity * 0.7)
        : ed.past
          ? Math.round(s.capacity * (0.9 + 0.35 * rnd.next()))
          : firstFuture && s.fullNext
            ? s.capacity + 6
            : Math.round(
                s.capacity * (firstFuture ? 0.45 + 0.25 * rnd.next() : 0.25 + 0.2 * rnd.next()),
              );
    const forcedPeople = [...forcedIds]
      .map((x) => personById.get(x))
      .filter((p): p is Person => !!p);
    const chosen = [
      ...forcedPeople,
      ...ordered.slice(0, Math.max(0, demand - forcedPeople.length)),
    ];

    const seats: Seat[] = [];
    for (const p of chosen) {
      const f = forced.find((x) => x.employeeIds.includes(p.id));
      let arrival: Date;
      if (f?.pendingRecent) {
        arrival = later(
          opensAt,
          between(rnd, warsawAt(addDays(today, -1), 9), warsawAt(addDays(today, -1), 15)),
        );
      } else if (f) {
        arrival = between(
          rnd,
          new Date(opensAt.getTime() + HOUR_MS),
          new Date(opensAt.getTime() + 6 * HOUR_MS),
        );
      } else if (priorityUntil && inPriority(p)) {
        // The rush: most of the priority groups sign up in the first two days.
        const end = earlier(priorityUntil, lastArrival);
        const days = Math.min(6, Math.floor(-Math.log(1 - rnd.next()) * 1.5));
        const from = new Date(opensAt.getTime() + days * DAY_MS);
        arrival = between(
          rnd,
          earlier(from, end),
          earlier(new Date(from.getTime() + 14 * HOUR_MS), end),
        );
      } else {
        const from = priorityUntil ?? opensAt;
        // Outside the priority groups, nobody could sign up before the window ended.
        if (from >= lastArrival) continue;
        arrival = between(rnd, new Date(from.getTime() + MINUTE_MS), lastArrival);
      }
      if (arrival > lastArrival) arrival = lastArrival;
      if (arrival < opensAt) arrival = opensAt;
      const nominatedBy =
        !f && rnd.chance(0.12)
          ? manager?.managedUnitId && p.unitPath.includes(manager.managedUnitId) && rnd.chance(0.5)
            ? manager.userId
            : coordinator
          : null;
      seats.push({
        person: p,
        arrival,
        status: "waitlisted",
        placedAt: null,
        forced: Boolean(f),
        pendingRecent: Boolean(f?.pendingRecent),
        nominatedBy,
        decidedAt: null,
        decidedBy: null,
        cancelledAt: null,
        cancelReason: null,
      });
    }
    seats.sort(
      (a, b) => a.arrival.getTime() - b.arrival.getTime() || (a.person.id < b.person.id ? -1 : 1),
    );

    // A nomination comes from someone who could approve it: only one's own sign-up waits.
    const needsApproval = (seat: Seat) => s.requiresApproval && !seat.nominatedBy;
    const decider = (p: Person) =>
      manager?.managedUnitId && p.unitPath.includes(manager.managedUnitId)
        ? manager.userId
        : coordinator;
    /** Approvals happen before the first session, and never after yesterday. */
    const decisionLimit = ed.past ? new Date(firstStart.getTime() - 2 * HOUR_MS) : cutoff;
    const decide = (seat: Seat, from: Date, mayReject: boolean): Date | null => {
      if (seat.pendingRecent) return null;
      let t = between(
        rnd,
        new Date(from.getTime() + 18 * HOUR_MS),
        new Date(from.getTime() + 90 * HOUR_MS),
      );
      if (t > decisionLimit) {
        if (!ed.past) return null;
        t = between(rnd, new Date(from.getTime() + 10 * MINUTE_MS), decisionLimit);
      }
      seat.decidedAt = t;
      seat.decidedBy = decider(seat.person);
      seat.status = mayReject && rnd.chance(0.04) ? "rejected" : "confirmed";
      return t;
    };

    if (ed.status === "cancelled") {
      for (const seat of seats) {
        seat.status = "cancelled";
        seat.cancelledAt = cancelledAt;
        seat.cancelReason = "activity_cancelled";
      }
    } else {
      // Places go in arrival order; the rest wait.
      let free = s.capacity;
      for (const seat of seats) {
        if (free === 0) continue;
        free--;
        seat.status = needsApproval(seat) ? "pending" : "confirmed";
        seat.placedAt = seat.arrival;
      }
      // Places freed by a rejection or a cancellation go to the first on the waitlist.
      const freed: Date[] = [];
      for (const seat of seats.filter((x) => x.status === "pending" || x.status === "confirmed")) {
        // `decide` changes the status: read it afresh, not as narrowed above.
        const decided = seat.status === "pending" ? decide(seat, seat.arrival, !seat.forced) : null;
        const rejected = (seat.status as EnrolmentStatus) === "rejected";
        if (decided && rejected) freed.push(decided);
        if (seat.forced || rejected || !rnd.chance(0.05)) continue;
        const deadline = earlier(
          new Date(firstStart.getTime() - s.cancelDeadlineHours * HOUR_MS),
          cutoff,
        );
        const from = new Date(
          later(seat.arrival, seat.decidedAt ?? seat.arrival).getTime() + HOUR_MS,
        );
        if (from >= deadline) continue;
        seat.cancelledAt = between(rnd, from, deadline);
        seat.cancelReason = rnd.chance(0.9) ? "self" : "coordinator";
        seat.status = "cancelled";
        freed.push(seat.cancelledAt);
      }
      freed.sort((a, b) => a.getTime() - b.getTime());
      for (const t of freed) {
        // The first in the queue; someone who came after the place was freed simply got it.
        const next = seats.find((x) => x.status === "waitlisted");
        if (!next) break;
        next.placedAt = later(t, next.arrival);
        if (needsApproval(next)) {
          next.status = "pending";
          decide(next, next.placedAt, false);
        } else next.status = "confirmed";
      }
    }
    activity.seatsTaken = seats.filter(
      (x) => x.status === "pending" || x.status === "confirmed",
    ).length;

    const enrolmentId = new Map<string, string>();
    for (const seat of seats) {
      const eid = id(`enrolment:${ed.key}:${seat.person.id}`);
      enrolmentId.set(seat.person.id, eid);
      out.enrolments.push({
        id: eid,
        centreId,
        activityId,
        employeeId: seat.person.id,
        status: seat.status,
        nominatedByUserId: seat.nominatedBy,
        createdAt: seat.arrival,
        decidedAt: seat.decidedAt,
        decidedByUserId: seat.decidedBy,
        cancelledAt: seat.cancelledAt,
        cancelReason: seat.cancelReason,
      });
      if (seat.status !== "cancelled" && seat.status !== "rejected") {
        const taken = busy.get(seat.person.id) ?? new Set<string>();
        for (const x of slots) taken.add(x);
        busy.set(seat.person.id, taken);
        if (seat.status !== "waitlisted") done.add(seat.person.id);
      }
    }
    if (ed.status === "cancelled") continue;
    const confirmed = seats.filter((x) => x.status === "confirmed");

    // Pre-tests: from enrolment until the first session starts.
    const attemptOf = (seat: Seat, stage: TestStage, at: Date) => {
      const base = stage === "pre" ? -0.4 : 1.8;
      const ease = [0.6, -0.5, 0.4, -0.6, 0.5];
      const answers: Record<string, string[]> = {};
      for (const [i, q] of questions.entries()) {
        // The demo accounts show a clear gain: two of five right before, all five after.
        const p = seat.forced
          ? stage === "post" || i < 2
            ? 1
            : 0
          : 1 / (1 + Math.exp(-(base + 0.9 * seat.person.ability + ease[i % ease.length])));
        answers[q.id] = answerQuestion(rnd, q.options, rnd.chance(p), q.kind);
      }
      out.attempts.push({
        id: id(`attempt:${ed.key}:${seat.person.id}:${stage}`),
        centreId,
        activityId,
        employeeId: seat.person.id,
        stage,
        answers,
        score: scoreSheet(questions, answers).score,
        maxScore: questions.length,
        submittedAt: at,
      });
    };
    if (questions.length) {
      for (const seat of confirmed) {
        if (!seat.forced && !rnd.chance(ed.past ? 0.9 : 0.5)) continue;
        const placed = seat.placedAt ?? seat.arrival;
        const from = new Date(
          later(placed, new Date(firstStart.getTime() - 21 * DAY_MS)).getTime() + HOUR_MS,
        );
        const to = earlier(new Date(firstStart.getTime() - 15 * MINUTE_MS), cutoff);
        if (from < to) attemptOf(seat, "pre", between(rnd, from, to));
      }
    }
    if (!ed.past) continue;

    // Attendance, marked by the trainer on a tablet or by the coordinator from the signed sheet.
    const attended = new Map<string, number>();
    const presentAtLast = new Set<string>();
    for (const seat of confirmed) {
      let minutes = 0;
      for (const [i, x] of sessions.entries()) {
        const full = sessionMinutes(x);
        const present = seat.forced || rnd.chance(0.93);
        const partial = present && !seat.forced && rnd.chance(0.06);
        const mins = partial ? Math.max(30, full - rnd.pick([30, 45, 60, 90])) : null;
        const fromSheet = rnd.chance(0.3);
        const markedAt = fromSheet
          ? between(rnd, warsawAt(addDays(ed.days[i], 1), 9), warsawAt(addDays(ed.days[i], 1), 12))
          : new Date(x.endsAt.getTime() + rnd.int(5, 40) * MINUTE_MS);
        out.attendance.push({
          id: id(`attendance:${x.id}:${seat.person.id}`),
          centreId,
          sessionId: x.id,
          enrolmentId: enrolmentId.get(seat.person.id) ?? "",
          present,
          minutes: mins,
          markedAt: earlier(markedAt, cutoff),
          markedByUserId: fromSheet || !trainerUserId ? coordinator : trainerUserId,
        });
        if (present) minutes += mins ?? full;
        if (present && i === sessions.length - 1) presentAtLast.add(seat.person.id);
      }
      attended.set(seat.person.id, minutes);
    }

    // Post-tests: after the last session starts, by those who were there.
    if (questions.length) {
      const last = sessions[sessions.length - 1];
      for (const seat of confirmed) {
        if (!presentAtLast.has(seat.person.id)) continue;
        if (!seat.forced && !rnd.chance(0.9)) continue;
        const soon = new Date(last.endsAt.getTime() - 20 * MINUTE_MS);
        const at = rnd.chance(0.75)
          ? between(rnd, soon, new Date(last.endsAt.getTime() + 40 * MINUTE_MS))
          : between(rnd, warsawAt(addDays(lastDay, 1), 8), warsawAt(addDays(lastDay, 5), 21));
        if (at <= cutoff) attemptOf(seat, "post", at);
      }
    }

    // Certificates for those who completed, issued a few days after the end.
    if (addDays(lastDay, CERTIFICATE_AFTER_DAYS) <= today) {
      for (const seat of confirmed) {
        const minutes = attended.get(seat.person.id) ?? 0;
        if (!hasCompleted(minutes, plannedMinutes, s.completionPercent)) continue;
        const issuedAt = between(
          rnd,
          warsawAt(addDays(lastDay, 3), 10),
          warsawAt(addDays(lastDay, 6), 14),
        );
        const cert = (what: string, at: Date, unit: HourUnit): DemoCertificateRow => ({
          id: id(`certificate:${ed.key}:${seat.person.id}${what}`),
          centreId,
          activityId,
          employeeId: seat.person.id,
          number: demoCertificateNumber(
            `${plan.key}:${ed.key}:${seat.person.id}${what}`,
            Number(dayOf(at).slice(0, 4)),
          ),
          holderName: seat.person.name,
          activityTitle: activity.title,
          firstDay,
          lastDay,
          hoursCenti: hoursCenti(minutes, unit),
          hourUnit: unit,
          issuedAt: at,
          issuedByUserId: coordinator,
          revokedAt: null,
          revokedReason: null,
        });
        const revokedAt = new Date(issuedAt.getTime() + 2 * DAY_MS);
        const reissuedAt = new Date(revokedAt.getTime() + 15 * MINUTE_MS);
        if (
          s.revokeOne &&
          !revokedOne &&
          !seat.forced &&
          s.hourUnit === "academic" &&
          reissuedAt < cutoff
        ) {
          // Issued in clock hours by mistake, revoked two days later and issued again.
          revokedOne = true;
          out.certificates.push({
            ...cert(":first", issuedAt, "clock"),
            revokedAt,
            revokedReason: REVOKED_REASON,
          });
          out.certificates.push(cert("", reissuedAt, s.hourUnit));
        } else out.certificates.push(cert("", issuedAt, s.hourUnit));
      }
    }

    // The anonymous evaluation: who answered (participation), and what (responses, unlinked).
    const lastAnswerDay = [dayOf(evaluationDue), addDays(today, -1)].sort()[0];
    if (lastAnswerDay < lastDay) continue;
    const answering = confirmed.filter(
      (seat) =>
        (attended.get(seat.person.id) ?? 0) > 0 &&
        !forced.some((f) => f.skipEvaluation && f.employeeIds.includes(seat.person.id)) &&
        rnd.chance(s.evaluationRate),
    );
    const mood = 4.2 + 0.25 * gauss(rnd);
    // Trainers are rated highest, putting it into practice lowest, as in real evaluations.
    const offsets: Record<string, number> = {
      trainer: 0.15,
      organisation: -0.1,
      expectations: -0.05,
      application: -0.25,
    };
    // Each comment at most once in an activity: a results page repeating itself looks made up.
    const comments = shuffle(rnd, [
      ...(EVALUATION_COMMENTS[s.code] ?? []),
      ...EVALUATION_COMMENTS.any,
    ]);
    for (const [i, seat] of answering.entries()) {
      const wait = Math.min(
        daysBetween(lastDay, lastAnswerDay),
        Math.floor(-Math.log(1 - rnd.next()) * 2),
      );
      out.evaluationParticipation.push({
        id: id(`evaluation:${ed.key}:${seat.person.id}`),
        centreId,
        activityId,
        employeeId: seat.person.id,
        answeredOn: addDays(lastDay, wait),
      });
      const q = mood + 0.5 * gauss(rnd);
      const ratings: Record<string, number> = {};
      for (const k of EVALUATION_QUESTIONS) {
        ratings[k] = Math.min(
          5,
          Math.max(1, Math.round(q + (offsets[k] ?? 0) + 0.55 * gauss(rnd))),
        );
      }
      out.evaluationResponses.push({
        id: demoRandomId(`${plan.key}:programme:evaluation:${ed.key}:${i}`),
        centreId,
        activityId,
        ratings,
        comment: (rnd.chance(0.35) && comments.pop()) || "",
      });
    }
  }

  // Arrival order across the centre: the database numbers enrolments (`seq`) as they come in.
  out.enrolments.sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
  out.evaluationResponses.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

/** An answer to one question: its right set, or a plausible wrong one. */
function answerQuestion(
  rnd: Random,
  options: { id: string; correct: boolean }[],
  right: boolean,
  kind: "single" | "multiple",
): string[] {
  const correct = options.filter((o) => o.correct).map((o) => o.id);
  const wrong = options.filter((o) => !o.correct).map((o) => o.id);
  if (right) return correct;
  if (kind === "single" || correct.length < 2) return [rnd.pick(wrong)];
  // A multiple-choice slip: one right answer missed, or one wrong one ticked as well.
  if (rnd.chance(0.6)) {
    const missed = rnd.pick(correct);
    return correct.filter((o) => o !== missed);
  }
  return [...correct, rnd.pick(wrong)].sort();
}
