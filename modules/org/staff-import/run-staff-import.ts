// The long part of the preview and apply steps: run within the request for a small file, as a
// background job for a large one. Both are safe to run again (a job may be retried after a
// crash): they act only on an import in the expected state.
import { and, eq } from "drizzle-orm";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { enqueueJob } from "../../../platform/jobs.ts";
import { logger } from "../../../platform/logger.ts";
import { loadActor } from "../../access/actor.ts";
import { employee, type StaffImportStatus, staffImport } from "../schema.ts";
import { applyImport } from "./apply-import.ts";
import { previewImport } from "./preview-import.ts";
import { forgetProgress, progressReporter } from "./progress.ts";
import {
  APPLY_JOB,
  INLINE_ROWS,
  importInputOf,
  optionsOf,
  PREVIEW_JOB,
  previewOf,
  type StoredResult,
} from "./store.ts";

/**
 * What is logged of a failure: its kind and database code, not its message — a database
 * message quotes the offending values, and here those are people's numbers and addresses.
 */
function errorShape(err: unknown) {
  const e = err as { name?: string; code?: unknown; cause?: { code?: unknown } };
  return { error: e?.name ?? "Error", code: e?.code ?? e?.cause?.code ?? null };
}

async function setStatus(
  importId: string,
  from: StaffImportStatus,
  values: Partial<typeof staffImport.$inferInsert>,
) {
  await db()
    .update(staffImport)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(staffImport.id, importId), eq(staffImport.status, from)));
}

/** Starts the preview of an import already set to "previewing". */
export async function startPreview(importId: string, rowCount: number): Promise<void> {
  if (rowCount <= INLINE_ROWS) await runPreview(importId);
  else await enqueueJob(db(), PREVIEW_JOB, { importId });
}

/** Starts the apply of an import already set to "applying". */
export async function startApply(importId: string, rowCount: number): Promise<void> {
  if (rowCount <= INLINE_ROWS) await runApply(importId);
  else await enqueueJob(db(), APPLY_JOB, { importId });
}

export async function runPreview(importId: string): Promise<void> {
  const [row] = await db().select().from(staffImport).where(eq(staffImport.id, importId));
  if (row?.status !== "previewing") return;
  const o = optionsOf(row);
  try {
    // The person importing is never to be deactivated by their own import.
    const [self] = o.startedBy
      ? await db()
          .select({ id: employee.id })
          .from(employee)
          .where(and(eq(employee.centreId, row.centreId), eq(employee.userId, o.startedBy)))
      : [];
    const preview = await previewImport(db(), row.centreId, importInputOf(row), {
      selfEmployeeId: self?.id ?? null,
      onProgress: progressReporter(importId, { inTransaction: false }),
    });
    await setStatus(importId, "previewing", { status: "previewed", preview, progress: 100 });
  } catch (err) {
    logger.warn({ importId, ...errorShape(err) }, "staff import preview failed");
    await setStatus(importId, "previewing", { status: "failed", error: "errors.importFailed" });
  } finally {
    forgetProgress(importId);
  }
}

export async function runApply(importId: string): Promise<void> {
  const [row] = await db().select().from(staffImport).where(eq(staffImport.id, importId));
  if (row?.status !== "applying") return;
  const o = optionsOf(row);
  // Acts as the person who pressed "apply", with their permissions as they are now.
  const actor = o.startedBy ? await loadActor(o.startedBy, o.requestId) : null;
  if (!actor || actor.centreId !== row.centreId) {
    await setStatus(importId, "applying", { status: "failed", error: "errors.forbidden" });
    return;
  }
  try {
    await db().transaction(async (tx) => {
      const deactivateMissing = o.deactivateMissing ?? true;
      const r = await applyImport(tx, actor, importInputOf(row), {
        deactivateMissing,
        via: "import",
        importId,
        // A preview stored without the ids (by an earlier version) counts as listing nobody:
        // with anyone to deactivate, it is made again.
        expectDeactivate: deactivateMissing ? (previewOf(row)?.deactivateIds ?? []) : undefined,
        onProgress: progressReporter(importId, { inTransaction: true }),
      });
      const result: StoredResult = { ...r, rows: row.rows.length };
      // The file's rows are personal data and no longer needed: only the counts stay.
      const done = await tx
        .update(staffImport)
        .set({ status: "applied", result, rows: [], preview: null, progress: 100, error: null })
        .where(and(eq(staffImport.id, importId), eq(staffImport.status, "applying")))
        .returning({ id: staffImport.id });
      if (done.length === 0) throw new Error("the import left the applying state");
    });
  } catch (err) {
    if (err instanceof AppError && err.code === "validation") {
      // The staff changed since the preview (someone else edited them): preview again, and say so.
      await setStatus(importId, "applying", {
        status: "previewing",
        progress: 0,
        error: "errors.importChanged",
      });
      await runPreview(importId);
    } else {
      const forbidden = err instanceof AppError && err.code === "forbidden";
      if (!forbidden) logger.warn({ importId, ...errorShape(err) }, "staff import failed");
      await setStatus(importId, "applying", {
        status: "failed",
        error: forbidden ? "errors.forbidden" : "errors.importFailed",
      });
    }
  } finally {
    forgetProgress(importId);
  }
}
