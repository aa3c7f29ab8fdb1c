// Background work of the staff import: large previews and applies, and a daily clean-up of
// old imports (they hold names and e-mail addresses).
import { lt } from "drizzle-orm";
import { db } from "../../../platform/db.ts";
import { enqueueJob, registerJob } from "../../../platform/jobs.ts";
import { logger } from "../../../platform/logger.ts";
import { staffImport } from "../schema.ts";
import { runApply, runPreview } from "./run-staff-import.ts";
import { APPLY_JOB, IMPORT_RETENTION_MS, PREVIEW_JOB } from "./store.ts";

export const CLEANUP_JOB = "staff-import.cleanup";

/** Deletes imports uploaded more than seven days ago, whatever their state. */
export async function deleteExpiredImports(now = new Date()): Promise<number> {
  const gone = await db()
    .delete(staffImport)
    .where(lt(staffImport.createdAt, new Date(now.getTime() - IMPORT_RETENTION_MS)))
    .returning({ id: staffImport.id });
  return gone.length;
}

/** One clean-up a day; the day in the key makes enqueueing it from every process harmless. */
async function scheduleCleanup(at: Date): Promise<void> {
  await enqueueJob(
    db(),
    CLEANUP_JOB,
    {},
    { runAt: at, dedupeKey: `${CLEANUP_JOB}:${at.toISOString().slice(0, 10)}` },
  );
}

export function registerStaffImportJobs(): void {
  registerJob(PREVIEW_JOB, (p) => runPreview(String(p.importId)));
  registerJob(APPLY_JOB, (p) => runApply(String(p.importId)));
  registerJob(CLEANUP_JOB, async () => {
    const deleted = await deleteExpiredImports();
    if (deleted > 0) logger.info({ deleted }, "old staff imports deleted");
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    tomorrow.setUTCHours(2, 0, 0, 0);
    await scheduleCleanup(tomorrow);
  });
}

/** Registers the handlers and makes sure today's clean-up is queued (call where the worker runs). */
export async function startStaffImportJobs(): Promise<void> {
  registerStaffImportJobs();
  await scheduleCleanup(new Date());
}
