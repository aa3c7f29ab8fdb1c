// The signed attendance sheet of a session, scanned: a PDF, JPEG or PNG of at most 20 MB. The
// type is read from the file's first bytes, never from its name or the browser's word; a new
// upload replaces the earlier one.
import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { Actor } from "../access/actor.ts";
import { requireAttendanceAccess } from "./attendance-access.ts";
import { findSession } from "./find-activity.ts";
import { programmeSessionScan } from "./schema.ts";
import { warsawDay } from "./session-text.ts";

/** 20 MB: a multi-page sheet scanned at 300 dpi fits; the table's check says the same. */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;

export const SCAN_TYPES = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
} as const;
export type ScanType = keyof typeof SCAN_TYPES;

/** The type of a scan by its magic bytes: %PDF, FF D8 FF (JPEG) or 89 50 4E 47 (PNG). */
export function detectScanType(bytes: Uint8Array): ScanType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46])) return "application/pdf";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

export type UploadedScan = { name: string; size: number; bytes: () => Promise<Uint8Array> };

/** Only the last part of the name a browser sends, without control characters, kept short. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what goes
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return clean.slice(0, 200);
}

/**
 * Keeps the scan of a session's signed sheet, replacing any earlier one. The size is checked
 * before the file is read; an empty, oversized or unknown file is refused with a message for
 * the file field and nothing is stored.
 */
export async function uploadSessionScan(
  actor: Actor,
  sessionId: string,
  file: UploadedScan | null,
): Promise<void> {
  const { session, activity } = await findSession(db(), actor, sessionId);
  requireAttendanceAccess(actor, activity);
  if (!file || (file.size === 0 && file.name === "")) {
    throw new AppError("validation", { file: "errors.fileRequired" });
  }
  if (file.size > MAX_SCAN_BYTES) throw new AppError("validation", { file: "errors.scanTooLarge" });
  if (file.size === 0) throw new AppError("validation", { file: "errors.fileEmpty" });
  const bytes = await file.bytes();
  if (bytes.byteLength > MAX_SCAN_BYTES) {
    throw new AppError("validation", { file: "errors.scanTooLarge" });
  }
  if (bytes.byteLength === 0) throw new AppError("validation", { file: "errors.fileEmpty" });
  const contentType = detectScanType(bytes);
  if (!contentType) throw new AppError("validation", { file: "errors.scanType" });
  const fileName =
    safeFileName(file.name) ||
    `lista-obecnosci-${warsawDay(session.startsAt)}.${SCAN_TYPES[contentType]}`;
  await db().transaction(async (tx) => {
    await tx
      .delete(programmeSessionScan)
      .where(
        and(
          eq(programmeSessionScan.centreId, actor.centreId),
          eq(programmeSessionScan.sessionId, session.id),
        ),
      );
    await tx.insert(programmeSessionScan).values({
      centreId: actor.centreId,
      sessionId: session.id,
      fileName,
      contentType,
      size: bytes.byteLength,
      // As base64 text decoded by the database: many times faster than a bytea parameter on
      // the embedded database, where a 20 MB scan would otherwise take half a minute.
      data: sql`decode(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}, 'base64')` as unknown as Buffer,
      uploadedByUserId: actor.userId,
    });
    // The file's name may name people; the log keeps only its type and size.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.session_scan.upload",
      entityType: "programme_session",
      entityId: session.id,
      details: { activityId: activity.id, contentType, size: bytes.byteLength },
      requestId: actor.requestId,
    });
  });
}

export type ScanFile = { body: Buffer; contentType: ScanType; fileName: string };

/** The session's scan for download, or not_found when none was uploaded. */
export async function sessionScanFile(actor: Actor, sessionId: string): Promise<ScanFile> {
  const { session, activity } = await findSession(db(), actor, sessionId);
  requireAttendanceAccess(actor, activity);
  const [scan] = await db()
    .select({
      fileName: programmeSessionScan.fileName,
      contentType: programmeSessionScan.contentType,
      // Read as base64 for the same reason it is written so.
      data: sql<string>`encode(${programmeSessionScan.data}, 'base64')`,
    })
    .from(programmeSessionScan)
    .where(
      and(
        eq(programmeSessionScan.centreId, actor.centreId),
        eq(programmeSessionScan.sessionId, session.id),
      ),
    )
    .limit(1);
  if (!scan) throw notFound();
  // The stored type is trusted only if it is one of ours (it was detected on upload).
  const contentType = (scan.contentType in SCAN_TYPES ? scan.contentType : null) as ScanType | null;
  if (!contentType) throw notFound();
  return { body: Buffer.from(scan.data, "base64"), contentType, fileName: scan.fileName };
}

/** A Content-Disposition for a download: an ASCII name, and the original in UTF-8 (RFC 6266). */
export function attachmentDisposition(fileName: string, fallback: string): string {
  const ascii =
    fileName
      .replace(/ł/g, "l")
      .replace(/Ł/g, "L")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 100) || fallback;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
