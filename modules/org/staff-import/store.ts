// The staff_import row between the steps: loading it for a centre, and reading it back as the
// input of a preview or an apply.
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Queryable } from "../../../platform/db.ts";
import { notFound } from "../../../platform/errors.ts";
import { job } from "../../../platform/platform-schema.ts";
import { isUuid } from "../../../platform/validation.ts";
import { staffImport } from "../schema.ts";
import type { ImportResult } from "./apply-import.ts";
import { type ColumnMapping, IMPORT_FIELDS } from "./columns.ts";
import type { NameChoices } from "./names.ts";
import type { ImportInput, Preview } from "./preview-import.ts";
import { isUnderWayHere } from "./progress.ts";

/** Up to this many rows a preview or an apply runs within the request; larger files as a job. */
export const INLINE_ROWS = 1000;

/** Imports hold personal data: they are deleted this long after they were uploaded. */
export const IMPORT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export const PREVIEW_JOB = "staff-import.preview";
export const APPLY_JOB = "staff-import.apply";

/**
 * A preview or apply whose row has not moved for this long, with no job left to run it and not
 * running in this process, was cut off — by a restart of the process that ran it within the
 * request, say. Work under way touches updatedAt as its progress moves (progress.ts).
 */
export const STALLED_MS = 5 * 60 * 1000;

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
  /** Set when the invitations start (pending until they are sent), so they go out once. */
  invited?: { invited: number; skipped: number; at: string; pending?: boolean };
};

export type StaffImportRow = typeof staffImport.$inferSelect;

/**
 * One import of the centre. One cut off while busy is settled first (see settleStalled), so
 * every step sees it as interrupted instead of busy until it is deleted.
 */
export async function loadImport(
  q: Queryable,
  centreId: string,
  id: string,
): Promise<StaffImportRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await q
    .select()
    .from(staffImport)
    .where(and(eq(staffImport.id, id), eq(staffImport.centreId, centreId)));
  if (!row) throw notFound();
  return settleStalled(q, row);
}

/**
 * Nothing would ever finish a stalled import: the page would poll forever and every step
 * refuse it as busy. An apply writes the staff and its own "applied" in one transaction, so one
 * cut off wrote nothing and its preview still stands: back to the preview, to apply again. A
 * preview cut off has nothing to show: failed, and the mapping step makes it again. Either way
 * with a message saying so.
 */
async function settleStalled(
  q: Queryable,
  row: StaffImportRow,
  now = Date.now(),
): Promise<StaffImportRow> {
  if (row.status !== "previewing" && row.status !== "applying") return row;
  if (row.updatedAt.getTime() > now - STALLED_MS || isUnderWayHere(row.id)) return row;
  // A job not yet done is still to run (or to be retried after its process stopped).
  const [pending] = await q
    .select({ id: job.id })
    .from(job)
    .where(
      and(
        inArray(job.kind, [PREVIEW_JOB, APPLY_JOB]),
        sql`${job.payload} ->> 'importId' = ${row.id}`,
        isNull(job.doneAt),
        isNull(job.failedAt),
      ),
    )
    .limit(1);
  if (pending) return row;
  const backToPreview = row.status === "applying" && row.preview !== null;
  const [settled] = await q
    .update(staffImport)
    .set({
      status: backToPreview ? "previewed" : "failed",
      progress: 0,
      error: "errors.importStale",
      updatedAt: new Date(),
    })
    // Only if it is still stalled: work that moved on meanwhile is left alone.
    .where(
      and(
        eq(staffImport.id, row.id),
        eq(staffImport.status, row.status),
        lt(staffImport.updatedAt, new Date(now - STALLED_MS)),
      ),
    )
    .returning();
  if (settled) return settled;
  const [current] = await q.select().from(staffImport).where(eq(staffImport.id, row.id));
  return current ?? row;
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
