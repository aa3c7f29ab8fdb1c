import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { orgUnit } from "../org/schema.ts";
import { descendantsOf, unitScope } from "./actor.ts";
import { actorFor, seedCentreWithRoles } from "./test-fixtures.ts";

describe("descendantsOf", () => {
  const units = [
    { id: "a", parentId: null },
    { id: "a1", parentId: "a" },
    { id: "a2", parentId: "a" },
    { id: "a1x", parentId: "a1" },
    { id: "b", parentId: null },
    { id: "b1", parentId: "b" },
  ];

  it("returns the roots and everything beneath them", () => {
    expect(descendantsOf(["a"], units).sort()).toEqual(["a", "a1", "a1x", "a2"]);
    expect(descendantsOf(["a1"], units).sort()).toEqual(["a1", "a1x"]);
    expect(descendantsOf(["a1", "b"], units).sort()).toEqual(["a1", "a1x", "b", "b1"]);
  });

  it("returns nothing for no roots and only the root for a leaf", () => {
    expect(descendantsOf([], units)).toEqual([]);
    expect(descendantsOf(["a1x"], units)).toEqual(["a1x"]);
  });

  it("stops on a cycle instead of looping", () => {
    const cyclic = [
      { id: "x", parentId: "y" },
      { id: "y", parentId: "x" },
    ];
    expect(descendantsOf(["x"], cyclic).sort()).toEqual(["x", "y"]);
  });
});

describe.each(testDbKinds)("unitScope (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let childOfA: string;
  let grandchildOfA: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    const [c] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Zespół A1", kind: "team", parentId: s.unitA.id })
      .returning();
    const [g] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Zespół A1a", kind: "team", parentId: c.id })
      .returning();
    childOfA = c.id;
    grandchildOfA = g.id;
  });
  afterAll(() => d.drop());

  it("gives a manager of unit A that unit and its descendants, not B", async () => {
    const manager = await actorFor(s.users.manager.userId);
    expect(manager.managedUnitIds).toEqual([s.unitA.id]);
    const scope = await unitScope(db(), manager, "employees.view");
    expect(scope?.sort()).toEqual([s.unitA.id, childOfA, grandchildOfA].sort());
    expect(scope).not.toContain(s.unitB.id);
  });

  it("gives centre-wide roles no limit (null)", async () => {
    for (const role of ["administrator", "coordinator", "management"] as const) {
      const a = await actorFor(s.users[role].userId);
      expect(await unitScope(db(), a, "employees.view")).toBeNull();
    }
  });

  it("refuses roles without the permission", async () => {
    const e = await actorFor(s.users.employee.userId);
    await expect(unitScope(db(), e, "employees.view")).rejects.toMatchObject({ code: "forbidden" });
  });

  it("gives a manager with no assigned unit an empty scope", async () => {
    const manager = await actorFor(s.users.manager.userId);
    expect(await unitScope(db(), { ...manager, managedUnitIds: [] }, "employees.view")).toEqual([]);
  });

  it("loads an actor's roles, centre and employee record", async () => {
    const manager = await actorFor(s.users.manager.userId);
    expect(manager.centreId).toBe(s.centre.id);
    expect(manager.roles.sort()).toEqual(["employee", "manager"]);
    expect(manager.employeeId).toBe(s.users.manager.employeeId);
  });
});
