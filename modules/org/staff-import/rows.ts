// Pure: a staff file's rows read through a column mapping, with the checks only the file can
// fail (a ragged row, a date that is not one). Everything else is checked by employee-upsert.
import { parseSpreadsheetDate } from "../../../platform/spreadsheet.ts";
import type { ColumnMapping } from "./columns.ts";

export type FileRow = {
  firstName: string;
  lastName: string;
  email: string;
  employeeNumber: string;
  /** undefined: the file has no such column (keep what is stored); "": the cell is empty. */
  unit?: string;
  position?: string;
  /** yyyy-mm-dd, null for an empty cell, undefined without the column or when unreadable. */
  employmentStart?: string | null;
};

export type RowError = { index: number; field: string; message: string };

/** The longest unit or position name, as the forms and the API allow. */
export const MAX_NAME_LENGTH = 200;

/** A unit or position name as it is matched and created: spaces collapsed, trimmed. */
const cleanName = (name: string | undefined) => name?.replace(/\s+/g, " ").trim();

/**
 * Export files neutralise formulas with a leading apostrophe; a file that went out and comes
 * back in gets its own text back.
 */
function unneutralize(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}

/**
 * The rows of the file as employee fields. A row with a different number of cells than the
 * header is an error (a separator inside an unquoted name shifts every cell after it); cells
 * beyond the header that are empty do not count, since some programs end lines with a separator.
 */
export function readRows(
  headers: string[],
  rows: string[][],
  mapping: ColumnMapping,
): { rows: FileRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const cell = (row: string[], i: number | undefined) =>
    i === undefined ? undefined : unneutralize(row[i] ?? "");
  const out = rows.map((row, index) => {
    const extra = row.slice(headers.length).some((c) => c !== "");
    if (row.length < headers.length || extra) {
      errors.push({ index, field: "_row", message: "errors.raggedRow" });
    }
    const r: FileRow = {
      firstName: cell(row, mapping.firstName) ?? "",
      lastName: cell(row, mapping.lastName) ?? "",
      email: cell(row, mapping.email) ?? "",
      employeeNumber: cell(row, mapping.employeeNumber) ?? "",
      unit: cell(row, mapping.unit),
      position: cell(row, mapping.position),
    };
    // The forms and the API refuse a longer name; created here, the unit or position could not
    // be saved again without shortening it. So the row is in error instead.
    for (const field of ["unit", "position"] as const) {
      if ((cleanName(r[field])?.length ?? 0) > MAX_NAME_LENGTH) {
        errors.push({ index, field, message: "errors.importNameTooLong" });
      }
    }
    const start = cell(row, mapping.employmentStart);
    if (start !== undefined) {
      if (start === "") r.employmentStart = null;
      else {
        const iso = parseSpreadsheetDate(start);
        if (iso) r.employmentStart = iso;
        else errors.push({ index, field: "employmentStart", message: "errors.importDate" });
      }
    }
    return r;
  });
  return { rows: out, errors };
}

/** Unit and position names are matched without case and with spaces collapsed. */
export function nameKey(name: string): string {
  return name.normalize("NFC").toLocaleLowerCase("pl").replace(/\s+/g, " ").trim();
}

/**
 * The distinct non-empty names of a column, with how many rows name each; a name over the limit
 * is left out (its rows are in error), so it is never offered for creation.
 */
export function namesIn(
  rows: FileRow[],
  field: "unit" | "position",
): Map<string, { name: string; rows: number }> {
  const out = new Map<string, { name: string; rows: number }>();
  for (const r of rows) {
    const name = cleanName(r[field]);
    if (!name || name.length > MAX_NAME_LENGTH) continue;
    const key = nameKey(name);
    const seen = out.get(key);
    if (seen) seen.rows++;
    else out.set(key, { name, rows: 1 });
  }
  return out;
}
