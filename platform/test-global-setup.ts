// Vitest global setup: migrates one template database per run, so each test file copies it
// instead of creating and migrating its own. PGlite's first start (initdb inside WebAssembly)
// takes seconds; loading a dumped data directory takes a fraction of that.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrationsFolder, openDatabase, runMigrations } from "./db.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tarball of a migrated PGlite data directory. */
    pgliteTemplate: string;
    /** A migrated PostgreSQL database to copy, when TEST_DATABASE_URL is set. */
    postgresTemplate: string;
  }
}

async function adminQuery(adminUrl: string, sql: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "przystan-test-"));
  const pgliteFile = path.join(dir, "pglite-template.tar");
  const client = await PGlite.create({ extensions: { btree_gist } });
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  fs.writeFileSync(pgliteFile, Buffer.from(await dump.arrayBuffer()));
  await client.close();
  project.provide("pgliteTemplate", pgliteFile);

  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = adminUrl ? `przystan_tpl_${process.pid}_${Date.now()}` : "";
  if (adminUrl) {
    await adminQuery(adminUrl, `create database ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const d = await openDatabase({ url: url.toString() });
    await runMigrations(d, url.toString());
    await d.close();
  }
  project.provide("postgresTemplate", template);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (template) await adminQuery(adminUrl!, `drop database if exists ${template} with (force)`);
  };
}
