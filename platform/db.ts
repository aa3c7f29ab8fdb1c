import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { config } from "./config.ts";
import { logger } from "./logger.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  /** Runs a raw statement; used by backup, health and tests. */
  raw: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  /** Runs raw statements on one connection inside one transaction (backup restore). */
  rawTransaction: <T>(fn: (raw: Database["raw"]) => Promise<T>) => Promise<T>;
  close: () => Promise<void>;
};

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../drizzle",
);

/** Exclusion constraints on (id, time range) need btree_gist; PostgreSQL ships it as trusted. */
const extensions = { btree_gist };

export type OpenOptions = {
  url?: string;
  dataDir?: string;
  memory?: boolean;
  /** With `memory`: start from this dumped data directory instead of an empty one (tests). */
  loadDataDir?: Blob;
};

/**
 * PGlite when no PostgreSQL URL is given. PGlite is one connection; it serialises
 * transactions itself (a plain query waits while a transaction is open), so code inside a
 * transaction must use the transaction handle, never the outer database.
 */
export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    // An idle connection the server closes (a restart, an administrator, a dropped test
    // database) is replaced on the next query; unheard, its error would end the process.
    pool.on("error", (err) => logger.warn({ err: err.message }, "idle database connection lost"));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: "postgres",
      db,
      raw: async (sql, params) => {
        const r = await pool.query(sql, params);
        return { rows: r.rows };
      },
      rawTransaction: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query("begin");
          const result = await fn(async (sql, params) => ({
            rows: (await client.query(sql, params)).rows,
          }));
          await client.query("commit");
          return result;
        } catch (err) {
          await client.query("rollback").catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (opts.memory) {
    client = await PGlite.create({ extensions, loadDataDir: opts.loadDataDir });
  } else {
    const dir = opts.dataDir ?? config().dataDir;
    fs.mkdirSync(dir, { recursive: true });
    client = await PGlite.create(path.join(dir, "pgdata"), { extensions });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    raw: async (sql, params) => {
      const r = await client.query<Record<string, unknown>>(sql, params);
      return { rows: r.rows };
    },
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn(async (sql, params) => ({
          rows: (await tx.query<Record<string, unknown>>(sql, params)).rows,
        })),
      ),
    close: () => client.close(),
  };
}

/**
 * Applies the committed migrations. On PostgreSQL it uses a dedicated connection of its own,
 * so the app's pool never holds the migration lock.
 */
export async function runMigrations(database: Database, url?: string): Promise<void> {
  if (database.kind === "postgres" && url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migratePg(drizzlePg(client), { migrationsFolder });
    } finally {
      await client.end();
    }
    return;
  }
  if (database.kind === "postgres") {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
  }
}

// The server imports modules from source while the web build carries its own copy of them;
// both must share one database, so it lives on globalThis rather than in a module variable.
const KEY = Symbol.for("przystan.database");
type Holder = { [KEY]?: Database };

export function setDatabase(database: Database | undefined): void {
  (globalThis as Holder)[KEY] = database;
}

export function database(): Database {
  const d = (globalThis as Holder)[KEY];
  if (!d) throw new Error("Database not opened");
  return d;
}

export function db(): Db {
  return database().db;
}

/** Opens the configured database, migrates it and makes it the process's database. */
export async function startDatabase(): Promise<Database> {
  const url = config().DATABASE_URL;
  const d = await openDatabase({ url });
  await runMigrations(d, url);
  setDatabase(d);
  return d;
}
