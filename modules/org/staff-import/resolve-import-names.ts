import { and, eq } from "drizzle-orm";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { staffImport } from "../schema.ts";
import type { NameChoices } from "./names.ts";
import { startPreview } from "./run-staff-import.ts";
import { loadImport, optionsOf, previewOf } from "./store.ts";

/**
 * Records what to do with each unknown unit and position name — `unit-<n>` and `position-<n>`
 * in the order the preview lists them: "create" (units), "create:<staff group id>"
 * (positions) or an existing id — and computes the preview again. A choice that is not one of
 * the centre's falls back to the default when the preview is made.
 */
export async function resolveImportNames(
  actor: Actor,
  importId: string,
  input: Record<string, unknown>,
): Promise<void> {
  requirePermission(actor, "employees.manage");
  const row = await loadImport(db(), actor.centreId, importId);
  const preview = previewOf(row);
  if (row.status !== "previewed" || !preview) {
    throw new AppError("conflict", { _form: "errors.importBusy" });
  }
  const o = optionsOf(row);
  const pick = (prefix: string, names: { key: string }[], into: NameChoices) => {
    names.forEach((n, i) => {
      const v = input[`${prefix}-${i}`];
      if (typeof v === "string") into[n.key] = v.trim().slice(0, 100);
    });
    return into;
  };
  const units = pick("unit", preview.units, { ...o.units });
  const positions = pick("position", preview.positions, { ...o.positions });
  const moved = await db()
    .update(staffImport)
    .set({
      status: "previewing",
      progress: 0,
      error: null,
      options: { ...o, units, positions, startedBy: actor.userId, requestId: actor.requestId },
      updatedAt: new Date(),
    })
    .where(and(eq(staffImport.id, row.id), eq(staffImport.status, "previewed")))
    .returning({ id: staffImport.id });
  if (moved.length === 0) throw new AppError("conflict", { _form: "errors.importBusy" });
  await startPreview(row.id, row.rows.length);
}
