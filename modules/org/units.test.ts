import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { ROLES } from "../access/permissions.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { createUnit, getUnit, listUnits, orderAsTree, updateUnit } from "./units.ts";

describe("orderAsTree", () => {
  it("lists depth-first with depths, siblings in Polish alphabetical order", () => {
    const units = [
      { id: "z", parentId: null, name: "Żłobek" },
      { id: "l", parentId: null, name: "Łódź" },
      { id: "m", parentId: null, name: "Mokotów" },
      { id: "l2", parentId: "l", name: "Zespół 2" },
      { id: "l1", parentId: "l", name: "Zespół 1" },
      { id: "l1a", parentId: "l1", name: "Ćwiczenia" },
      { id: "a", parentId: null, name: "Administracja" },
    ];
    expect(orderAsTree(units).map((u) => `${u.depth}:${u.name}`)).toEqual([
      "0:Administracja",
      "0:Łódź",
      "1:Zespół 1",
      "2:Ćwiczenia",
      "1:Zespół 2",
      "0:Mokotów",
      "0:Żłobek",
    ]);
  });

  it("treats a unit whose parent is not in the list as a root", () => {
    const r = orderAsTree([
      { id: "c", parentId: "missing", name: "Dziecko" },
      { id: "b", parentId: "c", name: "Wnuk" },
    ]);
    expect(r.map((u) => [u.id, u.depth])).toEqual([
      ["c", 0],
      ["b", 1],
    ]);
  });

  it("keeps the other fields and handles an empty list", () => {
    expect(orderAsTree([])).toEqual([]);
    expect(orderAsTree([{ id: "x", parentId: null, name: "X", extra: 7 }])).toEqual([
      { id: "x", parentId: null, name: "X", extra: 7, depth: 0 },
    ]);
  });
});

describe.each(testDbKinds)("units (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let admin: Awaited<ReturnType<typeof actorFor>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    admin = await actorFor(s.users.administrator.userId);
  });
  afterAll(() => d.drop());

  it("creates and updates units, writing the audit log", async () => {
    const team = await createUnit(admin, {
      name: " Zespół Północ ",
      kind: "team",
      parentId: s.unitA.id,
    });
    expect(team).toMatchObject({
      centreId: s.centre.id,
      name: "Zespół Północ",
      kind: "team",
      parentId: s.unitA.id,
    });
    const moved = await updateUnit(admin, team.id, {
      name: "Zespół Południe",
      kind: "cps",
      parentId: s.unitB.id,
    });
    expect(moved).toMatchObject({
      id: team.id,
      name: "Zespół Południe",
      kind: "cps",
      parentId: s.unitB.id,
    });
    const got = await getUnit(admin, team.id);
    expect(got.parent).toEqual({ id: s.unitB.id, name: "Dział B" });
    const top = await updateUnit(admin, team.id, {
      name: "Zespół Południe",
      kind: "cps",
      parentId: "",
    });
    expect(top.parentId).toBeNull();
    const audit = await d.raw("select action from audit_log where entity_id = $1 order by id", [
      team.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(["unit.create", "unit.update", "unit.update"]);
  });

  it("refuses a cycle and leaves the tree as it was", async () => {
    const child = await createUnit(admin, {
      name: "Podział A1",
      kind: "team",
      parentId: s.unitA.id,
    });
    const grandchild = await createUnit(admin, {
      name: "Podział A1a",
      kind: "team",
      parentId: child.id,
    });
    const e = await caught(
      updateUnit(admin, s.unitA.id, {
        name: "Dział A",
        kind: "department",
        parentId: grandchild.id,
      }),
    );
    expect(e.code).toBe("validation");
    expect(e.fieldErrors).toEqual({ parentId: "errors.unitCycle" });
    const self = await caught(
      updateUnit(admin, child.id, { name: "Podział A1", kind: "team", parentId: child.id }),
    );
    expect(self.fieldErrors).toEqual({ parentId: "errors.unitCycle" });
    expect((await getUnit(admin, s.unitA.id)).parentId).toBeNull();
    expect((await getUnit(admin, child.id)).parentId).toBe(s.unitA.id);
  });

  it("refuses bad input and a parent from another centre", async () => {
    const bad = await caught(createUnit(admin, { name: "", kind: "castle", parentId: "nie-uuid" }));
    expect(bad.fieldErrors).toEqual({
      name: "errors.required",
      kind: "errors.required",
      parentId: "errors.invalid",
    });
    const foreign = await caught(
      createUnit(admin, { name: "Obcy", kind: "team", parentId: other.unitA.id }),
    );
    expect(foreign.fieldErrors).toEqual({ parentId: "errors.invalid" });
    expect((await listUnits(admin)).some((u) => u.name === "Obcy")).toBe(false);
  });

  it("answers another centre's unit as if it did not exist", async () => {
    expect((await caught(getUnit(admin, other.unitA.id))).code).toBe("not_found");
    expect((await caught(getUnit(admin, "nie-uuid"))).code).toBe("not_found");
    const e = await caught(
      updateUnit(admin, other.unitA.id, { name: "Przejęty", kind: "team", parentId: "" }),
    );
    expect(e.code).toBe("not_found");
    const otherAdmin = await actorFor(other.users.administrator.userId);
    expect((await getUnit(otherAdmin, other.unitA.id)).name).toBe("Dział A");
  });

  it("lets a manager open their units but not unit B, and change none", async () => {
    const manager = await actorFor(s.users.manager.userId);
    expect((await getUnit(manager, s.unitA.id)).id).toBe(s.unitA.id);
    expect((await caught(getUnit(manager, s.unitB.id))).code).toBe("forbidden");
    const names = (await listUnits(manager)).map((u) => u.name);
    expect(names).toContain("Dział A");
    expect(names).toContain("Podział A1a");
    expect(names).not.toContain("Dział B");
    expect(
      (await caught(createUnit(manager, { name: "X", kind: "team", parentId: "" }))).code,
    ).toBe("forbidden");
    expect(
      (await caught(updateUnit(manager, s.unitA.id, { name: "X", kind: "team", parentId: "" })))
        .code,
    ).toBe("forbidden");
  });

  it("lists the tree with depths and counts of active employees", async () => {
    const units = await listUnits(admin);
    const a = units.find((u) => u.id === s.unitA.id)!;
    const b = units.find((u) => u.id === s.unitB.id)!;
    expect(a.depth).toBe(0);
    // The fixture's one person per role, all in unit A; Anna Nowak in unit B.
    expect(a.employeeCount).toBe(ROLES.length);
    expect(b.employeeCount).toBe(1);
    const a1 = units.findIndex((u) => u.name === "Podział A1");
    expect(units[a1 + 1]).toMatchObject({ name: "Podział A1a", depth: 2 });
    expect((await listUnits(admin, "podział a1a")).map((u) => u.name)).toEqual(["Podział A1a"]);
  });

  it("refuses the employee role", async () => {
    const e = await actorFor(s.users.employee.userId);
    expect((await caught(listUnits(e))).code).toBe("forbidden");
    expect((await caught(getUnit(e, s.unitA.id))).code).toBe("forbidden");
  });
});
