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
import { centre, employee, position } from "../org/schema.ts";

// Occupational medicine (Kodeks pracy, art. 229) and the Health Day. Minimal health data:
// the kind of exam, its dates, fit / unfit / fit with restrictions and the validity — never
// a diagnosis, never the reason for a sick leave.

/**
 * Hazards of a position, printed on the referral (skierowanie) as the description of working
 * conditions. Keys are translated; `other` is free text.
 */
export const HAZARDS = [
  "screen_work", // praca przy monitorze ekranowym powyżej 4 godzin dziennie
  "driving", // prowadzenie pojazdu służbowego lub własnego do celów służbowych
  "field_work", // praca w terenie: wizyty w miejscach zamieszkania klientów, zmienne warunki
  "psychosocial_client", // obciążenie psychiczne pracą z klientem, ryzyko agresji
  "infection", // kontakt z osobami w złym stanie higienicznym (czynniki biologiczne)
  "shift_work", // praca zmianowa lub w porze nocnej
  "heights", // praca na wysokości
  "manual_handling", // ręczne prace transportowe
] as const;
export type Hazard = (typeof HAZARDS)[number];

/** Working conditions of a position, kept by the health coordinator; defaults from its profile. */
export const healthPositionProfile = pgTable("health_position_profile", {
  positionId: uuid("position_id")
    .primaryKey()
    .references(() => position.id, { onDelete: "cascade" }),
  centreId: uuid("centre_id")
    .notNull()
    .references(() => centre.id, { onDelete: "cascade" }),
  hazards: jsonb("hazards").$type<Hazard[]>().notNull().default([]),
  /** Anything else the clinic should know (free text, no personal data). */
  otherHazards: text("other_hazards").notNull().default(""),
  /** Months a periodic certificate usually stays valid for this position (the clinic decides). */
  periodMonths: integer("period_months").notNull().default(36),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A clinic of occupational medicine the centre has a contract with. */
export const healthClinic = pgTable(
  "health_clinic",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    /** People it takes from this centre per working day. */
    dailyCapacity: integer("daily_capacity").notNull(),
    opensAtMinute: integer("opens_at_minute").notNull().default(480),
    closesAtMinute: integer("closes_at_minute").notNull().default(900),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    uniqueIndex("health_clinic_name_unique").on(t.centreId, t.name),
    check("health_clinic_capacity", sql`${t.dailyCapacity} between 1 and 1000`),
    check(
      "health_clinic_hours",
      sql`${t.opensAtMinute} >= 0 and ${t.closesAtMinute} <= 1440 and ${t.opensAtMinute} < ${t.closesAtMinute}`,
    ),
  ],
);

export const EXAM_KINDS = ["initial", "periodic", "control"] as const;
export type ExamKind = (typeof EXAM_KINDS)[number];

export const EXAM_OUTCOMES = ["fit", "unfit", "restricted"] as const;
export type ExamOutcome = (typeof EXAM_OUTCOMES)[number];

export const EXAM_STATUSES = ["planned", "done", "cancelled"] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];

/**
 * One exam of one employee: planned (with an appointment and a referral number) or done
 * (with the certificate's date, outcome and validity). A certificate entered by hand for the
 * past is simply a `done` row without an appointment.
 */
export const healthExam = pgTable(
  "health_exam",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ExamKind>().notNull(),
    status: text("status").$type<ExamStatus>().notNull().default("planned"),
    /** "sick_leave" for a control exam after more than 30 days of sick leave. */
    reason: text("reason").notNull().default(""),
    clinicId: uuid("clinic_id").references(() => healthClinic.id, { onDelete: "set null" }),
    appointmentAt: timestamp("appointment_at", { withTimezone: true }),
    /** "SK/2026/0001": printed on the referral. */
    referralNumber: text("referral_number"),
    examDate: date("exam_date"),
    outcome: text("outcome").$type<ExamOutcome>(),
    validUntil: date("valid_until"),
    /** Reminder before the validity runs out: sent once. */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("health_exam_employee_idx").on(t.employeeId, t.status),
    index("health_exam_centre_idx").on(t.centreId, t.status, t.validUntil),
    uniqueIndex("health_exam_referral_unique")
      .on(t.centreId, t.referralNumber)
      .where(sql`${t.referralNumber} is not null`),
    // One planned exam per person at a time.
    uniqueIndex("health_exam_one_planned").on(t.employeeId).where(sql`${t.status} = 'planned'`),
    check("health_exam_kind", sql`${t.kind} in ('initial', 'periodic', 'control')`),
    check("health_exam_status", sql`${t.status} in ('planned', 'done', 'cancelled')`),
    check(
      "health_exam_outcome",
      sql`${t.outcome} is null or ${t.outcome} in ('fit', 'unfit', 'restricted')`,
    ),
    check(
      "health_exam_done",
      sql`${t.status} <> 'done' or (${t.examDate} is not null and ${t.outcome} is not null)`,
    ),
    check(
      "health_exam_validity",
      sql`${t.validUntil} is null or ${t.examDate} is null or ${t.validUntil} >= ${t.examDate}`,
    ),
  ],
);

/**
 * A sick leave, recorded only for its length: more than 30 days calls for a control exam
 * (Kodeks pracy, art. 229 § 2). No reason, no diagnosis.
 */
export const healthSickLeave = pgTable(
  "health_sick_leave",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("health_sick_leave_employee_idx").on(t.employeeId, t.fromDate),
    check("health_sick_leave_dates", sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

export const HEALTH_DAY_STATUSES = ["draft", "published", "cancelled"] as const;
export type HealthDayStatus = (typeof HEALTH_DAY_STATUSES)[number];

/** A Health Day: one date, one place, several stations with timed slots. */
export const healthDay = pgTable(
  "health_day",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    date: date("date").notNull(),
    place: text("place").notNull().default(""),
    description: text("description").notNull().default(""),
    status: text("status").$type<HealthDayStatus>().notNull().default("draft"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("health_day_centre_idx").on(t.centreId, t.date),
    check("health_day_status", sql`${t.status} in ('draft', 'published', 'cancelled')`),
  ],
);

/** A station of a Health Day (blood pressure, body composition, dietitian, …). */
export const healthDayStation = pgTable(
  "health_day_station",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    healthDayId: uuid("health_day_id")
      .notNull()
      .references(() => healthDay.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    startMinute: integer("start_minute").notNull(),
    endMinute: integer("end_minute").notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
    /** People per slot. */
    capacity: integer("capacity").notNull().default(1),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [
    index("health_day_station_day_idx").on(t.healthDayId),
    check(
      "health_day_station_minutes",
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
    check("health_day_station_slot", sql`${t.slotMinutes} between 5 and 240`),
    check("health_day_station_capacity", sql`${t.capacity} between 1 and 100`),
  ],
);

/**
 * Places taken in one slot of one station. The CHECK holds the capacity in the database:
 * a booking increments `taken` under the row's lock, so two people never take the last place.
 */
export const healthDaySlot = pgTable(
  "health_day_slot",
  {
    stationId: uuid("station_id")
      .notNull()
      .references(() => healthDayStation.id, { onDelete: "cascade" }),
    startMinute: integer("start_minute").notNull(),
    taken: integer("taken").notNull().default(0),
    capacity: integer("capacity").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stationId, t.startMinute] }),
    check("health_day_slot_taken", sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
  ],
);

/** An employee's place at a station; one per station per person. */
export const healthDayBooking = pgTable(
  "health_day_booking",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    stationId: uuid("station_id")
      .notNull()
      .references(() => healthDayStation.id, { onDelete: "cascade" }),
    employeeId: uuid("employee_id")
      .notNull()
      .references(() => employee.id, { onDelete: "cascade" }),
    startMinute: integer("start_minute").notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** null until marked; true present, false absent. */
    attended: boolean("attended"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("health_day_booking_one_per_station")
      .on(t.stationId, t.employeeId)
      .where(sql`${t.cancelledAt} is null`),
    index("health_day_booking_employee_idx").on(t.employeeId),
  ],
);
