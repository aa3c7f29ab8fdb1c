// Pure rules of the column-mapping step: which header of a staff file holds which field.
import type { FieldErrors } from "../../../platform/errors.ts";
import type { MessageKey } from "../../../platform/i18n.ts";

/** The fields a staff file may carry, in the order the mapping form shows them. */
export const IMPORT_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "employeeNumber",
  "unit",
  "position",
  "employmentStart",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const MANDATORY_FIELDS: readonly ImportField[] = [
  "firstName",
  "lastName",
  "email",
  "employeeNumber",
];

/** Field → column index in the file; a field left out is not imported. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/**
 * A header compared without case, diacritics, spaces or punctuation: "E-mail", "email" and
 * "Adres e-mail:" are told apart only by their words, "Komórka" and "KOMORKA" not at all.
 */
export function headerKey(header: string): string {
  return header
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[łŁ]/g, "l")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Headers that HR and payroll systems write for each field, Polish and English. */
const SYNONYMS: Record<ImportField, string[]> = {
  firstName: ["Imię", "Imiona", "Imię pracownika", "First name", "Firstname", "Given name"],
  lastName: ["Nazwisko", "Nazwisko pracownika", "Last name", "Surname", "Family name"],
  email: [
    "E-mail",
    "Email",
    "Adres e-mail",
    "Adres email",
    "E-mail służbowy",
    "Służbowy e-mail",
    "Adres mailowy",
    "Mail",
    "E-mail address",
    "Email address",
    "Work e-mail",
  ],
  employeeNumber: [
    "Nr ewidencyjny",
    "Numer ewidencyjny",
    "Numer kadrowy",
    "Nr kadrowy",
    "Nr pracownika",
    "Numer pracownika",
    "Identyfikator pracownika",
    "Employee number",
    "Employee no",
    "Employee ID",
    "Personnel number",
    "Staff number",
  ],
  unit: [
    "Komórka organizacyjna",
    "Komórka",
    "Dział",
    "Jednostka",
    "Jednostka organizacyjna",
    "Unit",
    "Organisational unit",
    "Organizational unit",
    "Department",
  ],
  position: ["Stanowisko", "Stanowisko pracy", "Position", "Job title"],
  employmentStart: [
    "Data zatrudnienia",
    "Zatrudniony od",
    "Zatrudniona od",
    "Data przyjęcia",
    "Data rozpoczęcia pracy",
    "Employment start",
    "Employment start date",
    "Start date",
    "Hire date",
    "Date of hire",
  ],
};
const SYNONYM_KEYS = Object.fromEntries(
  Object.entries(SYNONYMS).map(([f, names]) => [f, new Set(names.map(headerKey))]),
) as Record<ImportField, Set<string>>;

/**
 * The mapping to propose for a file's header: first the centre's last chosen header for each
 * field (when the file has it), then the known names. No column serves two fields.
 */
export function proposeMapping(
  headers: string[],
  remembered: Record<string, string> = {},
): ColumnMapping {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  const take = (field: ImportField, match: (key: string) => boolean) => {
    if (mapping[field] !== undefined) return;
    const i = keys.findIndex((k, idx) => k !== "" && !used.has(idx) && match(k));
    if (i < 0) return;
    mapping[field] = i;
    used.add(i);
  };
  for (const field of IMPORT_FIELDS) {
    const header = remembered[field];
    if (header) take(field, (k) => k === headerKey(header));
  }
  for (const field of IMPORT_FIELDS) take(field, (k) => SYNONYM_KEYS[field].has(k));
  return mapping;
}

/** True when a header row can be a staff list at all: at least one mandatory field found. */
export function looksLikeStaffHeader(headers: string[], mapping: ColumnMapping): boolean {
  const named = headers.filter((h) => h !== "").length;
  return named >= MANDATORY_FIELDS.length && MANDATORY_FIELDS.some((f) => mapping[f] !== undefined);
}

/**
 * The mapping a person chose in the form (field → column index as text, "" for none), checked:
 * every mandatory field has a column, and no column is taken twice.
 */
export function parseMappingForm(
  headers: string[],
  input: Record<string, unknown>,
): { mapping: ColumnMapping; fieldErrors: FieldErrors } {
  const mapping: ColumnMapping = {};
  const fieldErrors: FieldErrors = {};
  const owner = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const raw = input[field];
    const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
    if (text === "") {
      if (MANDATORY_FIELDS.includes(field)) fieldErrors[field] = "errors.columnRequired";
      continue;
    }
    const i = Number(text);
    if (!Number.isInteger(i) || i < 0 || i >= headers.length) {
      fieldErrors[field] = "errors.invalid";
      continue;
    }
    if (owner.has(i)) {
      fieldErrors[field] = "errors.columnTwice";
      continue;
    }
    owner.set(i, field);
    mapping[field] = i;
  }
  return { mapping, fieldErrors };
}

/** What the centre remembers of a mapping: field → the header text, to find it next time. */
export function mappingToHeaders(
  headers: string[],
  mapping: ColumnMapping,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of IMPORT_FIELDS) {
    const i = mapping[field];
    if (i !== undefined && headers[i]) out[field] = headers[i];
  }
  return out;
}

/** A spreadsheet's column letter: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** How a field (an import field, or employee-upsert's name for it) is labelled in messages. */
export const FIELD_LABELS: Record<string, MessageKey> = {
  firstName: "employee.firstName",
  lastName: "employee.lastName",
  email: "employee.email",
  employeeNumber: "employee.number",
  unit: "employee.unit",
  unitId: "employee.unit",
  position: "employee.position",
  positionId: "employee.position",
  employmentStart: "employee.start",
  active: "employee.status",
  _row: "import.row",
};
