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
import { user } from "../access/schema.ts";
import { centre, employee } from "../org/schema.ts";

// Confidential support: specialists, their availability, bookings, crisis links, and the
// centre's rooms. Exclusion constraints (btree_gist) that drizzle-kit cannot express are added
// by hand at the end of drizzle/0006_support_health.sql; they are named in comments below.

/** The kinds of help a specialist offers and an employee books. */
export const SUPPORT_KINDS = ["consultation", "coaching", "crisis", "supervision"] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const SUPPORT_MODES = ["online", "in_person"] as const;
export type SupportMode = (typeof SUPPORT_MODES)[number];

/**
 * A psychologist, coach, therapist or an external provider's person. `userId` links the
 * account they sign in with (role `specialist`); an external provider without an account can
 * still be listed and booked, and sees bookings through the coordinator's counts only.
 */
export const supportSpecialist = pgTable(
  "support_specialist",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    /** "psycholog", "coach ICF", "psychoterapeutka" — shown under the name. */
    title: text("title").notNull().default(""),
    profile: text("profile").notNull().default(""),
    /** The external provider's name; empty for the centre's own staff. */
    provider: text("provider").notNull().default(""),
    kinds: jsonb("kinds").$type<SupportKind[]>().notNull().default([]),
    online: boolean("online").notNull().default(true),
    inPerson: boolean("in_person").notNull().default(false),
    meetingLink: text("meeting_link").notNull().default(""),
    /** Where in-person meetings take place (a room or an address). */
    place: text("place").notNull().default(""),
    slotMinutes: integer("slot_minutes").notNull().default(50),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("support_specialist_user_unique")
      .on(t.centreId, t.userId)
      .where(sql`${t.userId} is not null`),
    check("support_specialist_slot", sql`${t.slotMinutes} between 15 and 240`),
    check("support_specialist_mode", sql`${t.online} or ${t.inPerson}`),
  ],
);

/**
 * A weekly window (weekday 1 = Monday … 7 = Sunday, minutes from midnight, Warsaw time) valid
 * between two dates. Windows marked `crisisReserved` are held back for crisis links.
 * Exclusion `support_availability_no_overlap`: one specialist's windows never overlap on
 * the same weekday within overlapping validity.
 */
export const supportAvailability = pgTable(
  "support_availability",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    specialistId: uuid("specialist_id")
      .notNull()
      .references(() => supportSpecialist.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    validFrom: date("valid_from").notNull(),
    /** Inclusive; null = open-ended. */
    validTo: date("valid_to"),
    crisisReserved: boolean("crisis_reserved").notNull().default(false),
  },
  (t) => [
    index("support_availability_specialist_idx").on(t.specialistId, t.weekday),
    check("support_availability_weekday", sql`${t.weekday} between 1 and 7`),
    check(
      "support_availability_minutes",
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
    check(
      "support_availability_validity",
      sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

export const SUPPORT_ABSENCE_REASONS = ["holiday", "sick", "other"] as const;
export type SupportAbsenceReason = (typeof SUPPORT_ABSENCE_REASONS)[number];

/** Days a specialist is away (holiday, sick day): no slots are offered on them. */
export const supportAbsence = pgTable(
  "support_absence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    specialistId: uuid("specialist_id")
      .notNull()
      .references(() => supportSpecialist.id, { onDelete: "cascade" }),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    reason: text("reason").$type<SupportAbsenceReason>().notNull().default("holiday"),
  },
  (t) => [
    index("support_absence_specialist_idx").on(t.specialistId, t.fromDate),
    check("support_absence_dates", sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

/** Hours bought from a specialist for a period; hours used are counted from bookings. */
export const supportContract = pgTable(
  "support_contract",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    specialistId: uuid("specialist_id")
      .notNull()
      .references(() => supportSpecialist.id, { onDelete: "cascade" }),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    hours: integer("hours").notNull(),
  },
  (t) => [
    index("support_contract_specialist_idx").on(t.specialistId, t.periodStart),
    check("support_contract_period", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("support_contract_hours", sql`${t.hours} between 1 and 100000`),
  ],
);

export const SUPPORT_BOOKING_STATUSES = ["booked", "cancelled", "took_place", "no_show"] as const;
export type SupportBookingStatus = (typeof SUPPORT_BOOKING_STATUSES)[number];

/**
 * One meeting between an employee and a specialist. Confidential: only the two of them see
 * it; nothing clinical is stored. Exclusions `support_booking_specialist_no_overlap` and
 * `support_booking_employee_no_overlap`: a live booking never overlaps another of the same
 * specialist or the same employee — two people can never hold the same slot.
 */
export const supportBooking = pgTable(
  "support_booking",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    specialistId: uuid("specialist_id")
      .notNull()
      .references(() => supportSpecialist.id, { onDelete: "restrict" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    kind: text("kind").$type<SupportKind>().notNull(),
    mode: text("mode").$type<SupportMode>().notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    status: text("status").$type<SupportBookingStatus>().notNull().default("booked"),
    /** Booked through a crisis link (may use reserved slots). */
    crisisLinkId: uuid("crisis_link_id"),
    /** iCalendar SEQUENCE: raised on every change sent to the employee. */
    sequence: integer("sequence").notNull().default(0),
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("support_booking_specialist_idx").on(t.specialistId, t.startsAt),
    index("support_booking_employee_idx").on(t.employeeId, t.startsAt),
    index("support_booking_centre_idx").on(t.centreId, t.startsAt),
    check("support_booking_times", sql`${t.startsAt} < ${t.endsAt}`),
    check(
      "support_booking_status",
      sql`${t.status} in ('booked', 'cancelled', 'took_place', 'no_show')`,
    ),
    check(
      "support_booking_kind",
      sql`${t.kind} in ('consultation', 'coaching', 'crisis', 'supervision')`,
    ),
    check("support_booking_mode", sql`${t.mode} in ('online', 'in_person')`),
  ],
);

/**
 * A personal link to crisis support after an incident (ustawa o pomocy społecznej,
 * art. 121 ust. 2a): for 72 hours its holder may book the slots held back for crisis.
 * Only the token's hash is stored.
 */
export const supportCrisisLink = pgTable(
  "support_crisis_link",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    /** What asked for it: "incident" (with its id) or "coordinator". */
    source: text("source").notNull().default("coordinator"),
    sourceId: uuid("source_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("support_crisis_link_token_unique").on(t.tokenHash),
    index("support_crisis_link_employee_idx").on(t.employeeId),
  ],
);

/** A bookable room: the quiet "first contact room", a supervision room, a training room. */
export const supportRoom = pgTable(
  "support_room",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    location: text("location").notNull().default(""),
    capacity: integer("capacity").notNull().default(1),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    uniqueIndex("support_room_name_unique").on(t.centreId, t.name),
    check("support_room_capacity", sql`${t.capacity} between 1 and 1000`),
  ],
);

/**
 * A room held for a time. Exclusion `support_room_booking_no_overlap`: two live bookings of
 * one room never overlap. The purpose is free text the booker writes; never a client's name.
 */
export const supportRoomBooking = pgTable(
  "support_room_booking",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    roomId: uuid("room_id")
      .notNull()
      .references(() => supportRoom.id, { onDelete: "cascade" }),
    bookedBy: text("booked_by")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull().default(""),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("support_room_booking_room_idx").on(t.roomId, t.startsAt),
    check("support_room_booking_times", sql`${t.startsAt} < ${t.endsAt}`),
  ],
);
