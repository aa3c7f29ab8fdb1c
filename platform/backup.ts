import fs from "node:fs";
import readline from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type { Database } from "./db.ts";

/**
 * A logical backup that works the same on PGlite and PostgreSQL: one JSON line per row, table by
 * table, gzip-compressed. Restoring needs a database migrated to the same schema version.
 */
export const BACKUP_FORMAT = "przystan-backup/1";

type Header = { format: string; createdAt: string; migration: string | null; tables: string[] };

/** Tables of the public schema, parents before children (by foreign keys). */
export async function tablesInDependencyOrder(d: Database): Promise<string[]> {
  const tables = (
    await d.raw(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
    )
  ).rows.map((r) => String(r.table_name));
  const fks = (
    await d.raw(
      `select tc.table_name as child, ccu.table_name as parent
         from information_schema.table_constraints tc
         join information_schema.constraint_column_usage ccu
           on tc.constraint_name = ccu.constraint_name and tc.table_schema = ccu.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`,
    )
  ).rows.map((r) => ({ child: String(r.child), parent: String(r.parent) }));
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of fks) if (fk.child === t && fk.parent !== t) visit(fk.parent);
    visiting.delete(t);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

async function latestMigration(d: Database): Promise<string | null> {
  try {
    const r = await d.raw(
      "select hash from drizzle.__drizzle_migrations order by created_at desc limit 1",
    );
    return r.rows[0] ? String(r.rows[0].hash) : null;
  } catch {
    return null;
  }
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function backupTo(
  d: Database,
  file: string,
): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInDependencyOrder(d);
  const header: Header = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    migration: await latestMigration(d),
    tables,
  };
  // Every table is read inside one read-only snapshot, so a backup of a live server never holds a
  // child row whose parent was written after the parent's table had been read.
  const tmp = `${file}.partial`;
  const rows = await d.rawTransaction(async (raw) => {
    await raw("set transaction isolation level repeatable read, read only");
    let count = 0;
    async function* lines() {
      yield `${JSON.stringify(header)}\n`;
      for (const t of tables) {
        const r = await raw(`select row_to_json(x)::text as j from ${q(t)} x`);
        yield `${JSON.stringify({ table: t, count: r.rows.length })}\n`;
        for (const row of r.rows) {
          count++;
          yield `${row.j}\n`;
        }
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(tmp));
    return count;
  });
  fs.renameSync(tmp, file);
  return { tables: tables.length, rows };
}

/**
 * Replaces every row of the database with the backup's, in one transaction: either the whole
 * backup is in, or nothing changed. Sequences are moved past the restored ids.
 */
export async function restoreFrom(
  d: Database,
  file: string,
): Promise<{ tables: number; rows: number }> {
  const input = fs.createReadStream(file).pipe(createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const it = rl[Symbol.asyncIterator]();
  const first = await it.next();
  let header: Header | null = null;
  try {
    header = first.done ? null : (JSON.parse(first.value) as Header);
  } catch {
    // Not JSON: reported below like any other foreign file.
  }
  if (header?.format !== BACKUP_FORMAT) throw new Error("Not a Przystań backup file");
  const current = await latestMigration(d);
  if (header.migration && current && header.migration !== current) {
    throw new Error(
      "The backup was made on a different schema version; migrate to the same version first",
    );
  }
  const known = new Set(await tablesInDependencyOrder(d));
  const batches: { table: string; rows: string[] }[] = [];
  let currentBatch: { table: string; rows: string[] } | null = null;
  for (let n = await it.next(); !n.done; n = await it.next()) {
    const line = n.value;
    if (!line) continue;
    if (line.startsWith('{"table":')) {
      const meta = JSON.parse(line) as { table: string };
      if (!known.has(meta.table)) throw new Error(`Unknown table in backup: ${meta.table}`);
      currentBatch = { table: meta.table, rows: [] };
      batches.push(currentBatch);
    } else if (currentBatch) {
      currentBatch.rows.push(line);
    }
  }
  let total = 0;
  await d.rawTransaction(async (raw) => {
    const all = [...known];
    if (all.length) await raw(`truncate ${all.map(q).join(", ")} restart identity cascade`);
    for (const b of batches) {
      for (let i = 0; i < b.rows.length; i += 500) {
        const chunk = `[${b.rows.slice(i, i + 500).join(",")}]`;
        await raw(
          `insert into ${q(b.table)} select * from json_populate_recordset(null::${q(b.table)}, $1::json)`,
          [chunk],
        );
      }
      total += b.rows.length;
    }
    const seqs = await raw(
      `select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
         from information_schema.columns
        where table_schema = 'public' and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`,
    );
    for (const s of seqs.rows) {
      await raw(
        `select setval($1::regclass, coalesce((select max(${q(String(s.column_name))}) from ${q(String(s.table_name))}), 0) + 1, false)`,
        [String(s.seq)],
      );
    }
  });
  return { tables: batches.length, rows: total };
}
