import { and, desc, eq, gte } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../../platform/db.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { staffImport } from "../schema.ts";
import { IMPORT_FIELDS, MANDATORY_FIELDS } from "./columns.ts";
import { loadNameOptions } from "./names.ts";
import { PREVIEW_KINDS } from "./preview-import.ts";
import { currentProgress } from "./progress.ts";
import { IMPORT_RETENTION_MS, loadImport, previewOf, resultOf } from "./store.ts";

export const PREVIEW_PAGE_SIZE = 25;

export const previewQuery = z.object({
  kind: z
    .enum(["all", ...PREVIEW_KINDS])
    .optional()
    .catch("all")
    .default("all"),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(1).default(1),
});

/**
 * One import as its current step shows it: the columns and a few sample rows for the mapping,
 * the progress while it is worked on, a page of the preview (filtered by kind), or the result.
 */
export async function viewStaffImport(actor: Actor, importId: string, query: unknown) {
  requirePermission(actor, "employees.manage");
  const row = await loadImport(db(), actor.centreId, importId);
  const q = previewQuery.parse(query ?? {});
  const busy = row.status === "previewing" || row.status === "applying";
  const base = {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    status: row.status,
    progress: busy ? currentProgress(row.id, row.progress) : row.progress,
    createdAt: row.createdAt,
    rowCount: row.rows.length || (resultOf(row)?.rows ?? 0),
    error: row.error,
    headers: row.headers,
    samples: row.rows.slice(0, 3),
    mapping: row.mapping ?? {},
    fields: IMPORT_FIELDS,
    mandatory: MANDATORY_FIELDS,
  };
  const preview = row.status === "previewed" ? previewOf(row) : null;
  if (!preview) {
    const result = resultOf(row);
    return {
      ...base,
      preview: null,
      names: null,
      result: result && {
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        deactivated: result.deactivated,
        unitsCreated: result.unitsCreated,
        positionsCreated: result.positionsCreated,
        toInvite: result.createdIds.length,
        // While they are being sent there is nothing to report yet.
        invited: result.invited && !result.invited.pending ? result.invited : null,
      },
    };
  }
  const fileRows =
    q.kind === "all"
      ? preview.rows
      : q.kind === "deactivate"
        ? []
        : preview.rows.filter((r) => r.kind === q.kind);
  const total = q.kind === "deactivate" ? preview.deactivate.length : fileRows.length;
  const pages = Math.max(1, Math.ceil(total / PREVIEW_PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const from = (page - 1) * PREVIEW_PAGE_SIZE;
  const names =
    preview.units.length || preview.positions.length
      ? await loadNameOptions(db(), actor.centreId)
      : null;
  return {
    ...base,
    preview: {
      counts: preview.counts,
      kind: q.kind,
      page,
      pageSize: PREVIEW_PAGE_SIZE,
      total,
      rows: fileRows.slice(from, from + PREVIEW_PAGE_SIZE),
      deactivate:
        q.kind === "deactivate" ? preview.deactivate.slice(from, from + PREVIEW_PAGE_SIZE) : [],
      units: preview.units,
      positions: preview.positions,
      keptSelf: preview.keptSelf,
      undecided: [...preview.units, ...preview.positions].some((n) => n.choice === ""),
    },
    names,
    result: null,
  };
}

/** The centre's imports of the last seven days (older ones are deleted), newest first. */
export async function listStaffImports(actor: Actor) {
  requirePermission(actor, "employees.manage");
  const rows = await db()
    .select({
      id: staffImport.id,
      fileName: staffImport.fileName,
      status: staffImport.status,
      createdAt: staffImport.createdAt,
    })
    .from(staffImport)
    .where(
      and(
        eq(staffImport.centreId, actor.centreId),
        gte(staffImport.createdAt, new Date(Date.now() - IMPORT_RETENTION_MS)),
      ),
    )
    .orderBy(desc(staffImport.createdAt))
    .limit(20);
  return rows;
}
