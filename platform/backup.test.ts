import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCentreWithRoles } from "../modules/access/test-fixtures.ts";
import { writeAudit } from "./audit.ts";
import { BACKUP_FORMAT, backupTo, restoreFrom, tablesInDependencyOrder } from "./backup.ts";
import type { Database } from "./db.ts";
import { enqueueJob } from "./jobs.ts";
import { enqueueMail } from "./outbox.ts";
import { openTestDatabase, testDbKinds } from "./testing.ts";

/** Every public table's rows as JSON text, in a stable order. */
async function snapshot(d: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of await tablesInDependencyOrder(d)) {
    const r = await d.raw(`select row_to_json(x)::text as j from "${t}" x order by 1`);
    out[t] = r.rows.map((row) => String(row.j));
  }
  return out;
}

describe.each(testDbKinds)("backup and restore (%s)", (kind) => {
  let source: Awaited<ReturnType<typeof openTestDatabase>>;
  let target: Awaited<ReturnType<typeof openTestDatabase>>;
  let dir: string;
  let file: string;
  let before: Record<string, string[]>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "przystan-backup-"));
    file = path.join(dir, "kopia.jsonl.gz");
    source = await openTestDatabase(kind);
    const s = await seedCentreWithRoles();
    await source.raw(
      `update centre set settings = '{"accessibility":{"websiteName":"BIP — MOPS","contactPhone":"+48 22 000"}}' where id = $1`,
      [s.centre.id],
    );
    await source.raw("update employee set employment_start = '2019-02-28' where id = $1", [
      s.employeeInUnitB.id,
    ]);
    for (let i = 0; i < 3; i++) {
      await writeAudit(source.db, {
        centreId: s.centre.id,
        actorUserId: s.users.administrator.userId,
        action: "test.entry",
        entityType: "employee",
        entityId: s.employeeInUnitB.id,
        details: { i, note: 'linia 1\nlinia "2" — zażółć gęślą jaźń \\ \u0001' },
      });
    }
    await enqueueMail(source.db, {
      centreId: s.centre.id,
      kind: "invitation",
      to: "anna.nowak@testowo.pl",
      template: "invitation",
      values: { name: "Anna", centre: "MOPS Testowo", link: "http://localhost/invitation/x" },
    });
    await enqueueJob(source.db, "test.kind", { a: [1, 2] }, { dedupeKey: "k1" });
    await enqueueJob(source.db, "test.kind", { a: null });
    before = await snapshot(source);
    expect(before.audit_log.length).toBeGreaterThanOrEqual(3);
    expect(before.employee.length).toBe(10);
    // The target: a fresh, migrated database (openTestDatabase makes it the process's database).
    target = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await source?.drop();
    await target?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("restores every row of every table into a fresh database", async () => {
    const b = await backupTo(source, file);
    expect(b.tables).toBe(Object.keys(before).length);
    expect(b.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const r = await restoreFrom(target, file);
    expect(r.rows).toBe(b.rows);
    const after = await snapshot(target);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
  });

  it("moves sequences past the restored ids", async () => {
    const max = Number((await target.raw("select max(id) as m from audit_log")).rows[0].m);
    await writeAudit(target.db, {
      centreId: null,
      actorUserId: null,
      action: "after.restore",
      entityType: "test",
    });
    const row = (await target.raw("select id from audit_log where action = 'after.restore'"))
      .rows[0];
    expect(Number(row.id)).toBe(max + 1);
    await enqueueJob(target.db, "test.kind", {});
    expect((await target.raw("select count(*)::int as n from job")).rows[0].n).toBe(3);
  });

  it("refuses a file that is not a backup and leaves the data as it was", async () => {
    const now = await snapshot(target);
    const notGzip = path.join(dir, "zwykly.txt");
    fs.writeFileSync(notGzip, "to nie jest kopia zapasowa\n");
    await expect(restoreFrom(target, notGzip)).rejects.toThrow();

    const otherFormat = path.join(dir, "inny.gz");
    fs.writeFileSync(
      otherFormat,
      gzipSync(`${JSON.stringify({ format: "cos-innego/1", tables: [] })}\n`),
    );
    await expect(restoreFrom(target, otherFormat)).rejects.toThrow(/Not a Przystań backup/);

    const gzippedText = path.join(dir, "tekst.gz");
    fs.writeFileSync(gzippedText, gzipSync("śmieci, nie JSON\n"));
    await expect(restoreFrom(target, gzippedText)).rejects.toThrow(/Not a Przystań backup/);

    const empty = path.join(dir, "pusty.gz");
    fs.writeFileSync(empty, gzipSync(""));
    await expect(restoreFrom(target, empty)).rejects.toThrow(/Not a Przystań backup/);

    expect(await snapshot(target)).toEqual(now);
  });

  it("rolls back entirely when a row in the middle is damaged", async () => {
    const now = await snapshot(target);
    const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").split("\n");
    expect(JSON.parse(lines[0]).format).toBe(BACKUP_FORMAT);
    const auditHeader = lines.findIndex((l) => l.startsWith('{"table":"audit_log"'));
    const employeeHeader = lines.findIndex((l) => l.startsWith('{"table":"employee"'));
    expect(auditHeader).toBeGreaterThan(0);
    expect(employeeHeader).toBeGreaterThan(0);

    const brokenJson = [...lines];
    brokenJson[employeeHeader + 2] = brokenJson[employeeHeader + 2].slice(0, 20);
    const f1 = path.join(dir, "uszkodzony-json.gz");
    fs.writeFileSync(f1, gzipSync(brokenJson.join("\n")));
    await expect(restoreFrom(target, f1)).rejects.toThrow();

    const badValue = [...lines];
    badValue[employeeHeader + 1] = badValue[employeeHeader + 1].replace(
      /"id":"[^"]+"/,
      '"id":"to-nie-uuid"',
    );
    const f2 = path.join(dir, "uszkodzona-wartosc.gz");
    fs.writeFileSync(f2, gzipSync(badValue.join("\n")));
    await expect(restoreFrom(target, f2)).rejects.toThrow();

    const unknownTable = [...lines];
    unknownTable[auditHeader] = unknownTable[auditHeader].replace('"audit_log"', '"nie_ma_takiej"');
    const f3 = path.join(dir, "nieznana-tabela.gz");
    fs.writeFileSync(f3, gzipSync(unknownTable.join("\n")));
    await expect(restoreFrom(target, f3)).rejects.toThrow(/Unknown table/);

    const truncated = path.join(dir, "obciety.gz");
    const whole = fs.readFileSync(file);
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(restoreFrom(target, truncated)).rejects.toThrow();

    expect(await snapshot(target)).toEqual(now);
  });
});
