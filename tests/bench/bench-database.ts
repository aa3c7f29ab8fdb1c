// The databases a benchmark runs on: a fresh PGlite in a temporary folder (removed when the
// process exits) and, when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server, a fresh
// PostgreSQL database on it (dropped afterwards). Both are migrated, empty and on disk, as a
// centre's would be.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Database, openDatabase, runMigrations } from "../../platform/db.ts";

export type DbKind = "pglite" | "postgres";

/** The PostgreSQL server to measure on, if any, and what to print when there is none. */
export function benchPostgres(): { url?: string; note?: string } {
  const url = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  return url ? { url } : { note: "set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it" };
}

const tempDirs = new Set<string>();
process.on("exit", () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new folder in the system's temporary folder, removed when the process exits. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "przystan-bench-"));
  tempDirs.add(dir);
  return dir;
}

/** A new, empty database on the PostgreSQL server, and how to drop it afterwards. */
export async function createPgDatabase(
  adminUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `przystan_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await a.end();
    },
  };
}

/** A migrated, empty database to run services on in this process. */
export async function openBenchDatabase(
  kind: DbKind,
  adminUrl?: string,
): Promise<{ d: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const d = await openDatabase({ dataDir: tempDir() });
    await runMigrations(d);
    return { d, drop: () => d.close() };
  }
  if (!adminUrl) throw new Error("PostgreSQL needs a server address");
  const created = await createPgDatabase(adminUrl);
  const d = await openDatabase({ url: created.url });
  await runMigrations(d, created.url);
  return {
    d,
    drop: async () => {
      await d.close();
      await created.drop();
    },
  };
}

/** How long a call took, in seconds, with what it returned. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}
