import {
  type AnyPgColumn,
  boolean,
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

export const CENTRE_TYPES = ["OPS", "MOPS", "MOPR", "MGOPS", "PCPR", "ROPS", "other"] as const;
export type CentreType = (typeof CENTRE_TYPES)[number];

export type CentreSettings = {
  /** Fields of the accessibility statement (Deklaracja dostępności), act of 4 April 2019. */
  accessibility?: {
    websiteName?: string;
    publishedOn?: string; // yyyy-mm-dd
    updatedOn?: string;
    contactPerson?: string;
    contactEmail?: string;
    contactPhone?: string;
    buildingInfo?: string;
  };
  /** The last column mapping of a staff import: field name → header as written in the file. */
  staffImportMapping?: Record<string, string>;
  /** Anonymity thresholds new survey cycles start with; never below 5 and 10. */
  survey?: { minGroupSize?: number; minCommentGroupSize?: number };
  /**
   * The funding line printed on attendance sheets and certificates (e.g. "Projekt
   * współfinansowany ze środków Unii Europejskiej…"); a default one is printed without it.
   */
  projectLine?: string;
  /** Confidential support: how long before a booking it may still be cancelled, and packages. */
  support?: {
    cancelHoursBefore?: number;
    /** Sessions one person may book per calendar year, by kind (e.g. coaching: 6). */
    sessionsPerPerson?: Record<string, number>;
  };
  /** Occupational medicine: the next referral number's counter per year. */
  health?: { referralCounter?: Record<string, number> };
};

export const centre = pgTable("centre", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  type: text("type").$type<CentreType>().notNull(),
  street: text("street").notNull().default(""),
  postalCode: text("postal_code").notNull().default(""),
  city: text("city").notNull().default(""),
  settings: jsonb("settings").$type<CentreSettings>().notNull().default({}),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const UNIT_KINDS = ["department", "cps", "team", "other"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const orgUnit = pgTable(
  "org_unit",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => orgUnit.id, {
      onDelete: "restrict",
    }),
    name: text("name").notNull(),
    kind: text("kind").$type<UnitKind>().notNull().default("team"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("org_unit_centre_idx").on(t.centreId, t.parentId)],
);

export const staffGroup = pgTable(
  "staff_group",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [uniqueIndex("staff_group_name_unique").on(t.centreId, t.name)],
);

export const CLIENT_CONTACT = ["none", "occasional", "frequent", "constant"] as const;
export type ClientContact = (typeof CLIENT_CONTACT)[number];

export const position = pgTable(
  "position",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    staffGroupId: uuid("staff_group_id")
      .notNull()
      .references(() => staffGroup.id, { onDelete: "restrict" }),
    clientContact: text("client_contact").$type<ClientContact>().notNull().default("none"),
    fieldWork: boolean("field_work").notNull().default(false),
  },
  (t) => [uniqueIndex("position_name_unique").on(t.centreId, t.name)],
);

export const employee = pgTable(
  "employee",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email").notNull(),
    employeeNumber: text("employee_number").notNull(),
    unitId: uuid("unit_id").references(() => orgUnit.id, { onDelete: "restrict" }),
    positionId: uuid("position_id").references(() => position.id, { onDelete: "restrict" }),
    employmentStart: date("employment_start"),
    active: boolean("active").notNull().default(true),
    userId: text("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("employee_number_unique").on(t.centreId, t.employeeNumber),
    index("employee_name_idx").on(t.centreId, t.lastName, t.firstName),
    index("employee_unit_idx").on(t.centreId, t.unitId),
    index("employee_user_idx").on(t.userId),
  ],
);

export const STAFF_IMPORT_STATUSES = [
  "uploaded", // parsed; waiting for the column mapping
  "previewing", // the preview is being computed (progress moves)
  "previewed", // the preview is ready; nothing written yet
  "applying", // being written, in one transaction
  "applied",
  "failed",
] as const;
export type StaffImportStatus = (typeof STAFF_IMPORT_STATUSES)[number];

/**
 * A staff file on its way in: the parsed cells are kept until it is applied (or abandoned),
 * so the mapping and preview steps need not upload it again. Rows hold personal data, so an
 * import is deleted a while after it ends (see the import module).
 */
export const staffImport = pgTable(
  "staff_import",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    centreId: uuid("centre_id")
      .notNull()
      .references(() => centre.id, { onDelete: "cascade" }),
    createdByUserId: text("created_by_user_id"),
    fileName: text("file_name").notNull(),
    /** Detected on upload: "csv:utf-8;", "csv:windows-1250,", "xlsx", … for the person to see. */
    format: text("format").notNull(),
    headers: jsonb("headers").$type<string[]>().notNull(),
    rows: jsonb("rows").$type<string[][]>().notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>(),
    options: jsonb("options").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<StaffImportStatus>().notNull().default("uploaded"),
    /** 0–100 while previewing or applying. */
    progress: integer("progress").notNull().default(0),
    preview: jsonb("preview").$type<unknown>(),
    result: jsonb("result").$type<unknown>(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("staff_import_centre_idx").on(t.centreId, t.createdAt)],
);
