import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { centre, employee, orgUnit } from "../org/schema.ts";
import type { Instrument } from "./instrument.ts";
import type { AnswerValue, ScaleScore } from "./scoring.ts";

/**
 * One version of an instrument. Rows are never updated: a cycle points at the exact questions
 * its respondents saw, so a changed definition is stored as the next version.
 */
export const surveyInstrument = pgTable(
  "survey_instrument",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    version: integer("version").notNull(),
    /** The instrument as `parseInstrument` returned it (defaults filled in). */
    definition: jsonb("definition").$type<Instrument>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdByUserId: text("created_by_user_id"),
  },
  (t) => [
    uniqueIndex("survey_instrument_version_unique").on(t.centreId, t.slug, t.version),
    check("survey_instrument_version_positive", sql`${t.version} >= 1`),
  ],
);

export const SURVEY_CYCLE_STATUSES = ["draft", "open", "closed"] as const;
export type SurveyCycleStatus = (typeof SURVEY_CYCLE_STATUSES)[number];

/**
 * `staff` — the workload survey: invited employees, one-time links by mail, paper codes.
 * `client` — the anonymous client-service survey: no invitations, answered through a public
 * link per location (`survey_public_link`), rate-limited per IP.
 */
export const SURVEY_CYCLE_KINDS = ["staff", "client"] as const;
export type SurveyCycleKind = (typeof SURVEY_CYCLE_KINDS)[number];

/** Who is invited: empty lists (or none) mean every active employee of the centre. */
export type SurveyPopulation = { unitIds?: string[]; staffGroupIds?: string[] };

export const surveyCycle = pgTable(
  "survey_cycle",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    // NO ACTION rather than RESTRICT: the check then runs at the end of the statement, so
    // deleting a centre (which cascades to both tables) still works, while deleting an
    // instrument a cycle uses is refused.
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => surveyInstrument.id, { onDelete: "no action" }),
    name: text("name").notNull(),
    kind: text("kind").$type<SurveyCycleKind>().notNull().default("staff"),
    population: jsonb("population").$type<SurveyPopulation>().notNull().default({}),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    status: text("status").$type<SurveyCycleStatus>().notNull().default("draft"),
    /** A draft with this set is opened by the jobs runner once `opens_at` has come. */
    autoOpen: boolean("auto_open").notNull().default(false),
    /** Warsaw days (yyyy-mm-dd) on which those who have not answered get a reminder. */
    reminderDates: jsonb("reminder_dates").$type<string[]>().notNull().default([]),
    minGroupSize: integer("min_group_size").notNull().default(5),
    minCommentGroupSize: integer("min_comment_group_size").notNull().default(10),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("survey_cycle_centre_idx").on(t.centreId, t.opensAt),
    check("survey_cycle_status", sql`${t.status} in ('draft', 'open', 'closed')`),
    check("survey_cycle_kind", sql`${t.kind} in ('staff', 'client')`),
    check("survey_cycle_min_group_size", sql`${t.minGroupSize} >= 5`),
    check("survey_cycle_min_comment_group_size", sql`${t.minCommentGroupSize} >= 10`),
    check("survey_cycle_dates", sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/**
 * Who was invited and whether they have answered — never what. Nothing here is shared with
 * `survey_response`: the token is stored only as a hash, and the only time kept is the day.
 */
export const surveyParticipation = pgTable(
  "survey_participation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => surveyCycle.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    /** Copied at opening, so a later move to another unit does not move the answer. */
    unitId: uuid("unit_id"),
    staffGroupId: uuid("staff_group_id"),
    tokenHash: text("token_hash").notNull().unique("survey_participation_token_unique"),
    invitedOn: date("invited_on").notNull(),
    answeredOn: date("answered_on"),
    remindedOn: date("reminded_on"),
  },
  (t) => [uniqueIndex("survey_participation_employee_unique").on(t.cycleId, t.employeeId)],
);

/** A one-time code for paper or kiosk answering: it belongs to a unit and group, not a person. */
export const surveyPaperCode = pgTable(
  "survey_paper_code",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => surveyCycle.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id").notNull(),
    staffGroupId: uuid("staff_group_id").notNull(),
    tokenHash: text("token_hash").notNull().unique("survey_paper_code_token_unique"),
    createdOn: date("created_on").notNull(),
    usedOn: date("used_on"),
  },
  (t) => [index("survey_paper_code_cycle_idx").on(t.cycleId, t.unitId, t.staffGroupId)],
);

/**
 * One anonymous response. Deliberately without a timestamp, arrival order, IP, user agent,
 * token or participation id: nothing here can be joined back to `survey_participation` beyond
 * the cycle, unit, staff group and day. The id is a random UUIDv4; readers order by it.
 * A test pins the exact column list.
 */
export const surveyResponse = pgTable(
  "survey_response",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => surveyCycle.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id"),
    staffGroupId: uuid("staff_group_id"),
    answeredOn: date("answered_on").notNull(),
    /** Closed answers of visible items only; open answers live in `survey_comment`. */
    answers: jsonb("answers").$type<Record<string, AnswerValue>>().notNull(),
    scores: jsonb("scores").$type<Record<string, ScaleScore>>().notNull(),
  },
  (t) => [index("survey_response_cycle_idx").on(t.cycleId, t.unitId, t.staffGroupId)],
);

/**
 * An open answer, kept apart from its response (no response id) so comments can be shown
 * shuffled and reviewed without tying them to a person's closed answers.
 */
export const surveyComment = pgTable(
  "survey_comment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => surveyCycle.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id"),
    staffGroupId: uuid("staff_group_id"),
    itemId: text("item_id").notNull(),
    text: text("text").notNull(),
    redactedText: text("redacted_text"),
    reviewed: boolean("reviewed").notNull().default(false),
  },
  (t) => [
    index("survey_comment_cycle_idx").on(t.cycleId, t.itemId),
    check("survey_comment_text_length", sql`char_length(${t.text}) <= 2000`),
  ],
);

/**
 * The public link of a client-service cycle at one location (a unit that receives clients):
 * printed as a QR code and answered without signing in. The slug is random so links cannot be
 * enumerated; answers carry the link's unit.
 */
export const surveyPublicLink = pgTable(
  "survey_public_link",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    cycleId: uuid("cycle_id")
      .notNull()
      .references(() => surveyCycle.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnit.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique("survey_public_link_slug_unique"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("survey_public_link_unit_unique").on(t.cycleId, t.unitId)],
);
