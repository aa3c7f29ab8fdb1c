// Test support: a fresh, migrated database per test file — PGlite in memory always, and a
// throw-away PostgreSQL database when TEST_DATABASE_URL is set (see `forEachDatabase`). Both
// are copies of the run's migrated template (platform/test-global-setup.ts).
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs, { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { resetAuth } from "../modules/access/auth.ts";
import { type Database, openDatabase, setDatabase } from "./db.ts";
import { AppError } from "./errors.ts";

export type TestDbKind = "pglite" | "postgres";

/** The kinds of database this run covers: PGlite, plus PostgreSQL when TEST_DATABASE_URL is set. */
export const testDbKinds: TestDbKind[] = process.env.TEST_DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];

export async function openTestDatabase(
  kind: TestDbKind,
): Promise<Database & { drop: () => Promise<void> }> {
  resetAuth();
  if (kind === "pglite") {
    const d = await openDatabase({ memory: true, loadDataDir: pgliteTemplate() });
    setDatabase(d);
    return { ...d, drop: () => d.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `przystan_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // A copy of the run's migrated template (platform/test-global-setup.ts).
  await admin.query(`create database ${name} template ${inject("postgresTemplate")}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const d = await openDatabase({ url: url.toString() });
  setDatabase(d);
  return {
    ...d,
    drop: async () => {
      await d.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        // Autovacuum may be visiting the database; it is stopped by FORCE only with
        // pg_signal_backend, so a failed drop is tried again after a moment, then left for later.
        for (let attempt = 1; ; attempt++) {
          try {
            await a.query(`drop database if exists ${name} with (force)`);
            break;
          } catch (err) {
            if (attempt >= 5) {
              console.warn(`test database ${name} left behind: ${(err as Error).message}`);
              break;
            }
            await new Promise((r) => setTimeout(r, 300 * attempt));
          }
        }
      } finally {
        await a.end();
      }
    },
  };
}

/** The migrated PGlite data directory of this run, read once per test file. */
let pgliteTemplateBlob: Blob | undefined;
function pgliteTemplate(): Blob {
  pgliteTemplateBlob ??= new Blob([fs.readFileSync(inject("pgliteTemplate"))]);
  return pgliteTemplateBlob;
}

/** The AppError a service call is expected to throw (anything else is rethrown). */
export async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

/** A PDF's text as pdftotext (poppler-utils) reads it, whitespace folded to single spaces. */
export function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), "przystan-pdf-"));
  try {
    const file = path.join(dir, "document.pdf");
    writeFileSync(file, pdf);
    return execFileSync("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
      encoding: "utf8",
    }).replace(/\s+/g, " ");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
