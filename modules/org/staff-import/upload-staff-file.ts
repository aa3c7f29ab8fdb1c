import { eq } from "drizzle-orm";
import { writeAudit } from "../../../platform/audit.ts";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { MAX_SPREADSHEET_BYTES, readSpreadsheet } from "../../../platform/spreadsheet.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { centre, staffImport } from "../schema.ts";
import { looksLikeStaffHeader, proposeMapping } from "./columns.ts";
import { type ImportOptions, storedMapping } from "./store.ts";

export type UploadedFile = { name: string; size: number; bytes: () => Promise<Uint8Array> };

/** Only the last part of a name a browser sends, without control characters, kept short. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what goes
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean.slice(0, 200) || "plik";
}

/**
 * Reads a staff file (CSV or XLSX) and keeps its cells for the next steps, with the column
 * mapping proposed from its header and the centre's last import. Nothing about the staff is
 * written yet. The size is checked before the file is read into memory.
 */
export async function uploadStaffFile(actor: Actor, file: UploadedFile | null): Promise<string> {
  requirePermission(actor, "employees.manage");
  if (!file || (file.size === 0 && file.name === "")) {
    throw new AppError("validation", { file: "errors.fileRequired" });
  }
  if (file.size > MAX_SPREADSHEET_BYTES) {
    throw new AppError("validation", { file: "errors.fileTooLarge" });
  }
  const sheet = readSpreadsheet(await file.bytes());
  // A header alone would "import" an empty staff list and offer to deactivate everyone.
  if (sheet.rows.length === 0) throw new AppError("validation", { file: "errors.noDataRows" });
  const [c] = await db()
    .select({ settings: centre.settings })
    .from(centre)
    .where(eq(centre.id, actor.centreId));
  const mapping = proposeMapping(sheet.headers, c?.settings.staffImportMapping ?? {});
  if (!looksLikeStaffHeader(sheet.headers, mapping)) {
    throw new AppError("validation", { file: "errors.missingColumns" });
  }
  const options: ImportOptions = { rowNumbers: sheet.rowNumbers, headerRow: sheet.headerRow };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(staffImport)
      .values({
        centreId: actor.centreId,
        createdByUserId: actor.userId,
        fileName: safeFileName(file.name),
        format: sheet.format,
        headers: sheet.headers,
        rows: sheet.rows,
        mapping: storedMapping(mapping),
        options,
      })
      .returning({ id: staffImport.id });
    // The file's name may itself name a person; the log keeps only its shape.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "staff_import.upload",
      entityType: "staff_import",
      entityId: row.id,
      details: { format: sheet.format, rows: sheet.rows.length },
      requestId: actor.requestId,
    });
    return row.id;
  });
}
