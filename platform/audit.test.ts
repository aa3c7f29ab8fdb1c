import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit, writeAudit } from "./audit.ts";
import { database, db } from "./db.ts";
import { openTestDatabase, testDbKinds } from "./testing.ts";

describe.each(testDbKinds)("audit log (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  const centreId = randomUUID();
  const otherCentreId = randomUUID();
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    const entries = [
      { action: "employee.create", entityType: "employee", actorUserId: "u1", entityId: "e1" },
      { action: "employee.update", entityType: "employee", actorUserId: "u1", entityId: "e1" },
      { action: "unit.create", entityType: "org_unit", actorUserId: "u2", entityId: "o1" },
      { action: "roles.set", entityType: "employee", actorUserId: "u2", entityId: "e2" },
      { action: "employee.invite", entityType: "employee", actorUserId: "u1", entityId: "e3" },
    ];
    for (const e of entries)
      await writeAudit(db(), { centreId, ...e, details: { fields: ["name"] }, requestId: "r1" });
    await writeAudit(db(), {
      centreId: otherCentreId,
      actorUserId: "u9",
      action: "employee.create",
      entityType: "employee",
    });
  });
  afterAll(() => d.drop());

  const page = { page: 1, pageSize: 50 };

  it("stores what was written, newest first, only for the centre asked", async () => {
    const r = await listAudit(db(), { centreId, ...page });
    expect(r.rows.map((x) => x.action)).toEqual([
      "employee.invite",
      "roles.set",
      "unit.create",
      "employee.update",
      "employee.create",
    ]);
    expect(r.rows[0]).toMatchObject({
      centreId,
      actorUserId: "u1",
      entityType: "employee",
      entityId: "e3",
      details: { fields: ["name"] },
      requestId: "r1",
    });
    expect(r.hasNext).toBe(false);
    const other = await listAudit(db(), { centreId: otherCentreId, ...page });
    expect(other.rows.map((x) => x.actorUserId)).toEqual(["u9"]);
  });

  it("filters by action (part of it), entity type and actor", async () => {
    const byAction = await listAudit(db(), { centreId, action: "EMPLOYEE", ...page });
    expect(byAction.rows.map((x) => x.action)).toEqual([
      "employee.invite",
      "employee.update",
      "employee.create",
    ]);
    const byType = await listAudit(db(), { centreId, entityType: "org_unit", ...page });
    expect(byType.rows.map((x) => x.action)).toEqual(["unit.create"]);
    const byActor = await listAudit(db(), { centreId, actorUserId: "u2", ...page });
    expect(byActor.rows.map((x) => x.action)).toEqual(["roles.set", "unit.create"]);
    const both = await listAudit(db(), {
      centreId,
      actorUserId: "u2",
      entityType: "employee",
      ...page,
    });
    expect(both.rows.map((x) => x.action)).toEqual(["roles.set"]);
  });

  it("filters by time: from inclusive, to exclusive", async () => {
    const all = (await listAudit(db(), { centreId, ...page })).rows;
    const future = new Date(Date.now() + 60_000);
    expect((await listAudit(db(), { centreId, from: future, ...page })).rows).toEqual([]);
    expect((await listAudit(db(), { centreId, to: new Date(0), ...page })).rows).toEqual([]);
    const oldest = all[all.length - 1].at;
    expect(
      (await listAudit(db(), { centreId, from: oldest, to: future, ...page })).rows,
    ).toHaveLength(5);
    expect((await listAudit(db(), { centreId, to: oldest, ...page })).rows).toEqual([]);
  });

  it("pages, saying whether there is a next page", async () => {
    const p1 = await listAudit(db(), { centreId, page: 1, pageSize: 2 });
    const p3 = await listAudit(db(), { centreId, page: 3, pageSize: 2 });
    expect(p1.rows.map((x) => x.action)).toEqual(["employee.invite", "roles.set"]);
    expect(p1.hasNext).toBe(true);
    expect(p3.rows.map((x) => x.action)).toEqual(["employee.create"]);
    expect(p3.hasNext).toBe(false);
  });

  it("refuses UPDATE and DELETE: the log is append-only", async () => {
    await expect(database().raw("update audit_log set action = 'forged'")).rejects.toThrow(
      /append-only/,
    );
    await expect(database().raw("delete from audit_log")).rejects.toThrow(/append-only/);
    await expect(
      database().raw("delete from audit_log where centre_id = $1", [otherCentreId]),
    ).rejects.toThrow(/append-only/);
    const r = await database().raw(
      "select count(*)::int as n, count(*) filter (where action = 'forged')::int as f from audit_log",
    );
    expect(r.rows[0]).toEqual({ n: 6, f: 0 });
  });
});
