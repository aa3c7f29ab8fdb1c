import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../../platform/audit.ts";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { centre, staffImport } from "../schema.ts";
import { mappingToHeaders, parseMappingForm } from "./columns.ts";
import { startPreview } from "./run-staff-import.ts";
import { loadImport, optionsOf, storedMapping } from "./store.ts";

/**
 * Takes the column mapping the person chose (field → column index), remembers it for the
 * centre's next import, and computes the preview. Possible until the import is applied.
 */
export async function setImportMapping(
  actor: Actor,
  importId: string,
  input: Record<string, unknown>,
): Promise<void> {
  requirePermission(actor, "employees.manage");
  const row = await loadImport(db(), actor.centreId, importId);
  if (row.status !== "uploaded" && row.status !== "previewed" && row.status !== "failed") {
    throw new AppError("conflict", { _form: "errors.importBusy" });
  }
  const { mapping, fieldErrors } = parseMappingForm(row.headers, input);
  if (Object.keys(fieldErrors).length) throw new AppError("validation", fieldErrors);
  const remembered = mappingToHeaders(row.headers, mapping);
  await db().transaction(async (tx) => {
    const moved = await tx
      .update(staffImport)
      .set({
        mapping: storedMapping(mapping),
        status: "previewing",
        progress: 0,
        preview: null,
        error: null,
        options: { ...optionsOf(row), startedBy: actor.userId, requestId: actor.requestId },
        updatedAt: new Date(),
      })
      .where(and(eq(staffImport.id, row.id), eq(staffImport.status, row.status)))
      .returning({ id: staffImport.id });
    if (moved.length === 0) throw new AppError("conflict", { _form: "errors.importBusy" });
    // Merged into the settings in the database, so a settings form saved meanwhile is kept.
    await tx
      .update(centre)
      .set({
        settings: sql`${centre.settings} || jsonb_build_object('staffImportMapping', ${JSON.stringify(remembered)}::jsonb)`,
      })
      .where(eq(centre.id, actor.centreId));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "staff_import.map",
      entityType: "staff_import",
      entityId: row.id,
      details: { fields: Object.keys(mapping) },
      requestId: actor.requestId,
    });
  });
  await startPreview(row.id, row.rows.length);
}
