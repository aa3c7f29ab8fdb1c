import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { centre, employee, orgUnit } from "../org/schema.ts";

// Incidents with clients, the Procedure for working with a difficult client as a checklist per
// incident, precautions on case references, and the Procedure's text that employees confirm.
// Clients appear only as a case number from the centre's case system — never by name.

/** A description longer than this is refused, with the limit in the message. */
export const DESCRIPTION_MAX = 10_000;
export const WITNESSES_MAX = 20;
/** A note on a step of the checklist. */
export const NOTE_MAX = 2_000;
/** The reason given for a precaution. */
export const REASON_MAX = 300;
/** The Procedure's text. */
export const DOCUMENT_MAX = 50_000;

/** The field errors of one step's form are named after the step, for a page of many. */
export const stepField = (stepId: string) => `step-${stepId}`;

export const PLACES = ["office", "client_home", "street", "phone", "online", "other"] as const;
export type Place = (typeof PLACES)[number];

export const SEVERITIES = ["low", "medium", "high"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The kinds every centre starts with; a centre may switch them off and add its own. */
export const BUILT_IN_KINDS = [
  "verbal_abuse",
  "threats",
  "physical_aggression",
  "sexual_harassment",
  "property_damage",
  "stalking",
  "self_harm_threat",
  "other",
] as const;
export type BuiltInKind = (typeof BUILT_IN_KINDS)[number];

/** Who owns a step of the procedure: the person who reported, or a role of the centre. */
export const STEP_OWNERS = ["reporter", "manager", "safety_officer", "management"] as const;
export type StepOwner = (typeof STEP_OWNERS)[number];

export const STEP_STATUSES = ["open", "done", "skipped"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** A kind of incident. Built-in kinds carry a key (their label is translated); others a label. */
export const incidentKind = pgTable(
  "incident_kind",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    key: text("key").$type<BuiltInKind>(),
    label: text("label").notNull().default(""),
    /**
     * Acts against a social worker under art. 222, 223 or 226 of the Penal Code: the register
     * entry (ustawa o pomocy społecznej, art. 121 ust. 2ba) and legal help apply.
     */
    penalCode: boolean("penal_code").notNull().default(false),
    active: boolean("active").notNull().default(true),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    uniqueIndex("incident_kind_key_unique").on(t.centreId, t.key).where(sql`${t.key} is not null`),
    uniqueIndex("incident_kind_label_unique")
      .on(t.centreId, sql`lower(${t.label})`)
      .where(sql`${t.key} is null`),
    check("incident_kind_named", sql`${t.key} is not null or length(${t.label}) > 0`),
  ],
);

/**
 * A step of the centre's procedure. A step applies to an incident when its kind is among
 * `kindIds` (empty: every kind) and its severity is at least `minSeverity`. Reporting copies
 * the applicable steps into the incident's checklist, so changing the procedure later leaves
 * incidents already reported as they were.
 */
export const incidentProcedureStep = pgTable(
  "incident_procedure_step",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    /** The template step it came from ("safe_place", …); null for a step the centre added. */
    key: text("key"),
    title: text("title").notNull(),
    owner: text("owner").$type<StepOwner>().notNull(),
    /** Hours after the incident by which the step is due. */
    deadlineHours: integer("deadline_hours").notNull(),
    mandatory: boolean("mandatory").notNull().default(true),
    kindIds: jsonb("kind_ids").$type<string[]>().notNull().default([]),
    /** Only for Penal Code kinds (art. 222, 223, 226): the register entry, legal help. */
    penalCodeOnly: boolean("penal_code_only").notNull().default(false),
    minSeverity: text("min_severity").$type<Severity>().notNull().default("low"),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    index("incident_procedure_step_centre_idx").on(t.centreId, t.position),
    check("incident_procedure_step_deadline", sql`${t.deadlineHours} between 0 and 8760`),
  ],
);

export const incident = pgTable(
  "incident",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    /** "ZD/2026/0007": the register's number, one sequence per centre and year. */
    number: text("number").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => employee.id, { onDelete: "restrict" }),
    unitId: uuid("unit_id").references(() => orgUnit.id, { onDelete: "restrict" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    place: text("place").$type<Place>().notNull(),
    kindId: uuid("kind_id")
      .notNull()
      .references(() => incidentKind.id, { onDelete: "restrict" }),
    severity: text("severity").$type<Severity>().notNull(),
    description: text("description").notNull(),
    /** The case number in the centre's case system; never a client's name. */
    caseReference: text("case_reference").notNull().default(""),
    injuries: boolean("injuries").notNull().default(false),
    policeCalled: boolean("police_called").notNull().default(false),
    wantsSupport: boolean("wants_support").notNull().default(false),
    status: text("status").$type<"open" | "closed">().notNull().default("open"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Made by the reporting form: the same report sent twice is stored once. */
    submissionKey: uuid("submission_key").notNull(),
    /** The "how are you a week later" mail: sent once. */
    followUpSentAt: timestamp("follow_up_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("incident_number_unique").on(t.centreId, t.year, t.seq),
    uniqueIndex("incident_submission_unique").on(t.centreId, t.reporterId, t.submissionKey),
    index("incident_centre_idx").on(t.centreId, t.occurredAt),
    index("incident_unit_idx").on(t.centreId, t.unitId, t.occurredAt),
    index("incident_reporter_idx").on(t.reporterId),
    check("incident_severity", sql`${t.severity} in ('low', 'medium', 'high')`),
    check(
      "incident_place",
      sql`${t.place} in ('office', 'client_home', 'street', 'phone', 'online', 'other')`,
    ),
    check("incident_status", sql`${t.status} in ('open', 'closed')`),
  ],
);

/** Colleagues who were present. */
export const incidentWitness = pgTable(
  "incident_witness",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incident.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.employeeId] })],
);

/** One step of one incident's checklist, copied from the procedure when it was reported. */
export const incidentStep = pgTable(
  "incident_step",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incident.id, { onDelete: "cascade" }),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    key: text("key"),
    title: text("title").notNull(),
    owner: text("owner").$type<StepOwner>().notNull(),
    mandatory: boolean("mandatory").notNull(),
    position: integer("position").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status").$type<StepStatus>().notNull().default("open"),
    note: text("note").notNull().default(""),
    /** Done by the report itself (it informs the manager, is the written account, …). */
    byReport: boolean("by_report").notNull().default(false),
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneByUserId: text("done_by_user_id"),
    /** Raised by every change: a save based on an older version is refused, never lost. */
    version: integer("version").notNull().default(1),
    /** The reminder before the deadline: sent once. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
  },
  (t) => [
    index("incident_step_incident_idx").on(t.incidentId, t.position),
    index("incident_step_due_idx").on(t.centreId, t.status, t.dueAt),
    check("incident_step_status", sql`${t.status} in ('open', 'done', 'skipped')`),
  ],
);

/**
 * A warning on a case reference for the staff of one unit who meet clients: visits in pairs,
 * police assistance advised. It lapses after its review date unless renewed, so what is kept
 * about a client is kept only as long as it is needed.
 */
export const incidentPrecaution = pgTable(
  "incident_precaution",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => orgUnit.id, { onDelete: "cascade" }),
    caseReference: text("case_reference").notNull(),
    visitsInPairs: boolean("visits_in_pairs").notNull().default(false),
    policeAdvised: boolean("police_advised").notNull().default(false),
    /** Why, in a few words, without the client's name (e.g. "ZD/2026/0007"). */
    reason: text("reason").notNull().default(""),
    reviewOn: date("review_on").notNull(),
    incidentId: uuid("incident_id").references(() => incident.id, { onDelete: "set null" }),
    createdByUserId: text("created_by_user_id").notNull(),
    /** The person who reviews it and is told when it lapses. */
    reviewerUserId: text("reviewer_user_id").notNull(),
    lapseNoticeSentAt: timestamp("lapse_notice_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("incident_precaution_unit_idx").on(t.centreId, t.unitId, t.reviewOn),
    check("incident_precaution_something", sql`${t.visitsInPairs} or ${t.policeAdvised}`),
  ],
);

/** The Procedure's text: each published version is kept; employees confirm the newest. */
export const incidentProcedureDocument = pgTable(
  "incident_procedure_document",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    body: text("body").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedByUserId: text("published_by_user_id"),
  },
  (t) => [uniqueIndex("incident_procedure_document_version").on(t.centreId, t.version)],
);

export const incidentProcedureRead = pgTable(
  "incident_procedure_read",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => incidentProcedureDocument.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.employeeId] })],
);
