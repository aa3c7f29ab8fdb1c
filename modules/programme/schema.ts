import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { centre, employee } from "../org/schema.ts";

/** Raw bytes (an uploaded scan); kept in the database so a backup holds everything. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * The built-in kinds of programmeActivity. A centre's own kinds have `code` null; the built-in ones are
 * created for a centre the first time its catalogue is used and may be renamed or hidden.
 */
export const BUILTIN_ACTIVITY_TYPES = [
  "training",
  "webinar",
  "stress_workshop",
  "outdoor_workshop",
  "supervision",
  "study_visit",
  "course",
  "seminar",
  "other",
] as const;
export type BuiltinActivityType = (typeof BUILTIN_ACTIVITY_TYPES)[number];

export const programmeActivityType = pgTable(
  "programme_activity_type",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    code: text("code").$type<BuiltinActivityType>(),
    /** Empty for a built-in kind that keeps its translated name. */
    name: text("name").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    archived: boolean("archived").notNull().default(false),
  },
  (t) => [
    uniqueIndex("programme_activity_type_code_unique")
      .on(t.centreId, t.code)
      .where(sql`${t.code} is not null`),
  ],
);

export const ACTIVITY_FORMATS = ["in_person", "online", "outdoor"] as const;
export type ActivityFormat = (typeof ACTIVITY_FORMATS)[number];

/** Clock hours (60 min) or academic hours (45 min): certificates and reports say which. */
export const HOUR_UNITS = ["clock", "academic"] as const;
export type HourUnit = (typeof HOUR_UNITS)[number];

export const ACTIVITY_STATUSES = ["draft", "published", "cancelled"] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** Empty lists (or none) mean "anyone" for that dimension; dimensions combine with AND. */
export type Audience = { staffGroupIds?: string[]; positionIds?: string[]; unitIds?: string[] };

export const programmeActivity = pgTable(
  "programme_activity",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    typeId: uuid("type_id")
      .notNull()
      .references(() => programmeActivityType.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Trainer or provider as printed on documents. */
    provider: text("provider").notNull().default(""),
    /** An account that may mark attendance of this activity's sessions (an internal trainer). */
    trainerUserId: text("trainer_user_id"),
    format: text("format").$type<ActivityFormat>().notNull().default("in_person"),
    hourUnit: text("hour_unit").$type<HourUnit>().notNull().default("clock"),
    target: jsonb("target").$type<Audience>().notNull().default({}),
    /** Who may enrol while the priority window lasts (the highest-risk groups). */
    priority: jsonb("priority").$type<Audience>().notNull().default({}),
    capacity: integer("capacity").notNull(),
    /**
     * Places held by confirmed and awaiting-approval enrolments. Kept in the row the enrolment
     * locks, so a rush serialises on one row and the check below makes over-booking impossible.
     */
    seatsTaken: integer("seats_taken").notNull().default(0),
    enrolOpensAt: timestamp("enrol_opens_at", { withTimezone: true }),
    enrolClosesAt: timestamp("enrol_closes_at", { withTimezone: true }),
    /** Until then only the priority audience may enrol. */
    priorityUntil: timestamp("priority_until", { withTimezone: true }),
    /** Employees may cancel themselves until this many hours before the first programmeSession. */
    cancelDeadlineHours: integer("cancel_deadline_hours").notNull().default(24),
    requiresApproval: boolean("requires_approval").notNull().default(false),
    costGrosze: integer("cost_grosze"),
    /** Share of the activity's hours a participant must attend to complete it. */
    completionPercent: integer("completion_percent").notNull().default(80),
    /** The standard of the competence check, fixed before the first session starts. */
    learningOutcomes: text("learning_outcomes").notNull().default(""),
    passThresholdPercent: integer("pass_threshold_percent"),
    /** Anonymous satisfaction evaluation: open after the last session until this moment. */
    evaluationClosesAt: timestamp("evaluation_closes_at", { withTimezone: true }),
    evaluationClosedAt: timestamp("evaluation_closed_at", { withTimezone: true }),
    status: text("status").$type<ActivityStatus>().notNull().default("draft"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("programme_activity_centre_idx").on(t.centreId, t.status, t.typeId),
    check("programme_activity_capacity", sql`${t.capacity} >= 1 and ${t.capacity} <= 10000`),
    check(
      "programme_activity_seats",
      sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`,
    ),
    check("programme_activity_status", sql`${t.status} in ('draft', 'published', 'cancelled')`),
    check("programme_activity_format", sql`${t.format} in ('in_person', 'online', 'outdoor')`),
    check("programme_activity_hour_unit", sql`${t.hourUnit} in ('clock', 'academic')`),
    check("programme_activity_completion", sql`${t.completionPercent} between 1 and 100`),
    check(
      "programme_activity_threshold",
      sql`${t.passThresholdPercent} is null or ${t.passThresholdPercent} between 1 and 100`,
    ),
    check("programme_activity_cost", sql`${t.costGrosze} is null or ${t.costGrosze} >= 0`),
    check(
      "programme_activity_enrol_window",
      sql`${t.enrolOpensAt} is null or ${t.enrolClosesAt} is null or ${t.enrolClosesAt} > ${t.enrolOpensAt}`,
    ),
  ],
);

export const programmeSession = pgTable(
  "programme_session",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    place: text("place").notNull().default(""),
    meetingUrl: text("meeting_url").notNull().default(""),
    /** Bumped on every change, so calendar clients replace the event (iCalendar SEQUENCE). */
    sequence: integer("sequence").notNull().default(0),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Set by the reminder job, so a restart never sends the day-before reminder twice. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    index("programme_session_centre_idx").on(t.centreId, t.startsAt),
    index("programme_session_activity_idx").on(t.activityId, t.startsAt),
    check("programme_session_times", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** The signed attendance sheet, scanned: a PDF or an image of at most 20 MB. */
export const programmeSessionScan = pgTable(
  "programme_session_scan",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => programmeSession.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
    uploadedByUserId: text("uploaded_by_user_id"),
  },
  (t) => [
    index("programme_session_scan_idx").on(t.centreId, t.sessionId),
    check("programme_session_scan_size", sql`${t.size} > 0 and ${t.size} <= 20971520`),
  ],
);

/**
 * pending — holds a place, awaits the manager's approval; confirmed; waitlisted — no place,
 * promoted in `seq` order; cancelled; rejected.
 */
export const ENROLMENT_STATUSES = [
  "pending",
  "confirmed",
  "waitlisted",
  "cancelled",
  "rejected",
] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const CANCEL_REASONS = [
  "self",
  "coordinator",
  "manager",
  "deactivated",
  "activity_cancelled",
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const programmeEnrolment = pgTable(
  "programme_enrolment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Arrival order: the waitlist is promoted by it. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    status: text("status").$type<EnrolmentStatus>().notNull(),
    /** Set when a coordinator or manager signed the person up. */
    nominatedByUserId: text("nominated_by_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedByUserId: text("decided_by_user_id"),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason").$type<CancelReason>(),
  },
  (t) => [
    // One live enrolment per person and activity: enrolling twice fails in the database too.
    uniqueIndex("programme_enrolment_live_unique")
      .on(t.activityId, t.employeeId)
      .where(sql`${t.status} in ('pending', 'confirmed', 'waitlisted')`),
    index("programme_enrolment_activity_idx").on(t.activityId, t.status, t.seq),
    index("programme_enrolment_employee_idx").on(t.centreId, t.employeeId),
    check(
      "programme_enrolment_status",
      sql`${t.status} in ('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected')`,
    ),
  ],
);

/** One row per enrolled person and session once attendance is marked. */
export const programmeAttendance = pgTable(
  "programme_attendance",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => programmeSession.id, { onDelete: "cascade" }),
    /** Only an enrolment can be marked: attendance of someone not enrolled has nothing to hang on. */
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => programmeEnrolment.id, { onDelete: "cascade" }),
    present: boolean("present").notNull(),
    /** Minutes attended when less than the whole session (late arrival, early leave). */
    minutes: integer("minutes"),
    markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
    markedByUserId: text("marked_by_user_id"),
  },
  (t) => [
    uniqueIndex("programme_attendance_unique").on(t.sessionId, t.enrolmentId),
    index("programme_attendance_enrolment_idx").on(t.enrolmentId),
    check("programme_attendance_minutes", sql`${t.minutes} is null or ${t.minutes} >= 0`),
  ],
);

/**
 * A zaświadczenie. The number carries a random part, so numbers cannot be enumerated to learn
 * who attended what; what verification shows is copied here at issue time.
 */
export const programmeCertificate = pgTable(
  "programme_certificate",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    number: text("number").notNull().unique("programme_certificate_number_unique"),
    holderName: text("holder_name").notNull(),
    activityTitle: text("activity_title").notNull(),
    firstDay: date("first_day").notNull(),
    lastDay: date("last_day").notNull(),
    /** Hours in the activity's unit, times 100 (two decimals without floating point). */
    hoursCenti: integer("hours_centi").notNull(),
    hourUnit: text("hour_unit").$type<HourUnit>().notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    issuedByUserId: text("issued_by_user_id"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (t) => [
    uniqueIndex("programme_certificate_holder_unique")
      .on(t.activityId, t.employeeId)
      .where(sql`${t.revokedAt} is null`),
    index("programme_certificate_centre_idx").on(t.centreId, t.employeeId),
  ],
);

export const QUESTION_KINDS = ["single", "multiple"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type QuestionOption = { id: string; text: string; correct: boolean };

/** The question bank of an activity's knowledge test (the same questions before and after). */
export const programmeTestQuestion = pgTable(
  "programme_test_question",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    kind: text("kind").$type<QuestionKind>().notNull(),
    text: text("text").notNull(),
    options: jsonb("options").$type<QuestionOption[]>().notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    index("programme_test_question_idx").on(t.centreId, t.activityId, t.sortOrder),
    check("programme_test_question_kind", sql`${t.kind} in ('single', 'multiple')`),
  ],
);

export const TEST_STAGES = ["pre", "post"] as const;
export type TestStage = (typeof TEST_STAGES)[number];

/** A participant's pre- or post-test: question id → chosen option ids. */
export const programmeTestAttempt = pgTable(
  "programme_test_attempt",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    stage: text("stage").$type<TestStage>().notNull(),
    answers: jsonb("answers").$type<Record<string, string[]>>().notNull(),
    score: integer("score").notNull(),
    maxScore: integer("max_score").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("programme_test_attempt_unique").on(t.activityId, t.employeeId, t.stage),
    index("programme_test_attempt_centre_idx").on(t.centreId, t.employeeId),
    check("programme_test_attempt_stage", sql`${t.stage} in ('pre', 'post')`),
    check(
      "programme_test_attempt_score",
      sql`${t.maxScore} >= 1 and ${t.score} between 0 and ${t.maxScore}`,
    ),
  ],
);

/**
 * Who has answered an activity's anonymous evaluation — never what. Like the workload
 * survey, responses are rewritten when the evaluation closes, so no transaction id pairs a
 * participation with its response.
 */
export const programmeEvaluationParticipation = pgTable(
  "programme_evaluation_participation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    answeredOn: date("answered_on").notNull(),
  },
  (t) => [uniqueIndex("programme_evaluation_participation_unique").on(t.activityId, t.employeeId)],
);

/** Ratings 1–5 by question key, and an optional comment; no time, person or order. */
export const programmeEvaluationResponse = pgTable(
  "programme_evaluation_response",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    activityId: uuid("activity_id")
      .notNull()
      .references(() => programmeActivity.id, { onDelete: "cascade" }),
    ratings: jsonb("ratings").$type<Record<string, number>>().notNull(),
    comment: text("comment").notNull().default(""),
  },
  (t) => [index("programme_evaluation_response_idx").on(t.centreId, t.activityId)],
);

/** A programme plan of a centre for a period: planned numbers per kind of programmeActivity. */
export const programmePlan = pgTable(
  "programme_plan",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("programme_plan_centre_idx").on(t.centreId, t.periodStart),
    check("programme_plan_period", sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

export const programmePlanItem = pgTable(
  "programme_plan_item",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => programmePlan.id, { onDelete: "cascade" }),
    typeId: uuid("type_id")
      .notNull()
      .references(() => programmeActivityType.id, { onDelete: "restrict" }),
    plannedCount: integer("planned_count").notNull(),
    plannedParticipants: integer("planned_participants"),
  },
  (t) => [
    uniqueIndex("programme_plan_item_unique").on(t.planId, t.typeId),
    check("programme_plan_item_count", sql`${t.plannedCount} >= 0`),
    check(
      "programme_plan_item_participants",
      sql`${t.plannedParticipants} is null or ${t.plannedParticipants} >= 0`,
    ),
  ],
);

/** A personal calendar feed: only a hash of the secret in its URL is kept; revoking deletes it. */
export const programmeCalendarFeed = pgTable(
  "programme_calendar_feed",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique("programme_calendar_feed_token_unique"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("programme_calendar_feed_employee_unique").on(t.employeeId)],
);
