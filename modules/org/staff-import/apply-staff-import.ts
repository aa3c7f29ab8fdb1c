import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { booleanField, parseInput } from "../../../platform/validation.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { staffImport } from "../schema.ts";
import { startApply } from "./run-staff-import.ts";
import { loadImport, optionsOf, previewOf } from "./store.ts";

const applyFields = z.object({ deactivateMissing: booleanField(true) });

/**
 * Writes a previewed import, in one transaction (as a job for a large file). Refused while the
 * preview shows rows in error or a name nobody has decided about; the rows are checked once
 * more inside the transaction, since the staff may have changed since the preview.
 */
export async function applyStaffImport(
  actor: Actor,
  importId: string,
  input: unknown,
): Promise<void> {
  requirePermission(actor, "employees.manage");
  const d = parseInput(applyFields, input);
  const row = await loadImport(db(), actor.centreId, importId);
  const preview = previewOf(row);
  if (row.status !== "previewed" || !preview) {
    throw new AppError("conflict", { _form: "errors.importBusy" });
  }
  if (preview.counts.error > 0)
    throw new AppError("validation", { _form: "errors.importHasErrors" });
  const undecided = [...preview.units, ...preview.positions].some((n) => n.choice === "");
  if (undecided) throw new AppError("validation", { _form: "errors.unresolvedNames" });
  // Only one of two simultaneous presses moves the import on; the other is told it is busy.
  const moved = await db()
    .update(staffImport)
    .set({
      status: "applying",
      progress: 0,
      error: null,
      options: {
        ...optionsOf(row),
        deactivateMissing: d.deactivateMissing,
        startedBy: actor.userId,
        requestId: actor.requestId,
      },
      updatedAt: new Date(),
    })
    .where(and(eq(staffImport.id, row.id), eq(staffImport.status, "previewed")))
    .returning({ id: staffImport.id });
  if (moved.length === 0) throw new AppError("conflict", { _form: "errors.importBusy" });
  await startApply(row.id, row.rows.length);
}
