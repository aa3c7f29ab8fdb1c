// The staff_import row between the steps: loading it for a centre, and reading it back as the
// input of a preview or an apply.
import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../../platform/db.ts";
import { notFound } from "../../../platform/errors.ts";
import { staffImport } from "../schema.ts";
import type { ImportResult } from "./apply-import.ts";
import { type ColumnMapping, IMPORT_FIELDS } from "./columns.ts";
import type { NameChoices } from "./names.ts";
import type { ImportInput, Preview } from "./preview-import.ts";

/** Up to this many rows a preview or an apply runs within the request; larger files as a job. */
export const INLINE_ROWS = 1000;

/** Imports hold personal data: they are deleted this long after they were uploaded. */
export const IMPORT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** What staff_import.options holds. */
export type ImportOptions = {
  rowNumbers: number[];
  headerRow: number;
  units?: NameChoices;
  positions?: NameChoices;
  deactivateMissing?: boolean;
  /** Who started the current preview or apply (the job acts as them), and their request. */
  startedBy?: string;
  requestId?: string;
};

export type StoredResult = Omit<ImportResult, "createdIds"> & {
  createdIds: string[];
  /** The file's row count (the rows themselves are dropped once written). */
  rows?: number;
  invited?: { invited: number; skipped: number; at: string };
};

export type StaffImportRow = typeof staffImport.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadImport(
  q: Queryable,
  centreId: string,
  id: string,
): Promise<StaffImportRow> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await q
    .select()
    .from(staffImport)
    .where(and(eq(staffImport.id, id), eq(staffImport.centreId, centreId)));
  if (!row) throw notFound();
  return row;
}

export function optionsOf(row: StaffImportRow): ImportOptions {
  return row.options as ImportOptions;
}

/** staff_import.mapping keeps field → column index as text. */
export function mappingOf(row: StaffImportRow): ColumnMapping {
  const out: ColumnMapping = {};
  for (const f of IMPORT_FIELDS) {
    const v = row.mapping?.[f];
    if (v !== undefined && v !== "" && Number.isInteger(Number(v))) out[f] = Number(v);
  }
  return out;
}

export function storedMapping(mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, String(i)]));
}

export function importInputOf(row: StaffImportRow): ImportInput {
  const o = optionsOf(row);
  return {
    headers: row.headers,
    rows: row.rows,
    rowNumbers: o.rowNumbers ?? [],
    mapping: mappingOf(row),
    choices: { units: o.units ?? {}, positions: o.positions ?? {} },
  };
}

export const previewOf = (row: StaffImportRow) => row.preview as Preview | null;
export const resultOf = (row: StaffImportRow) => row.result as StoredResult | null;
