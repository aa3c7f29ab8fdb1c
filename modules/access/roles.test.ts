import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { rolesOfUser, setEmployeeRoles } from "./roles.ts";
import { actorFor, seedCentreWithRoles } from "./test-fixtures.ts";

describe.each(testDbKinds)("setEmployeeRoles (%s)", (kind) => {
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

  it("applies roles, always keeping employee, with a manager's units", async () => {
    const target = s.users.specialist;
    await setEmployeeRoles(admin, target.employeeId, {
      roles: ["coordinator", "manager"],
      managedUnitIds: [s.unitA.id, s.unitB.id],
    });
    const a = await actorFor(target.userId);
    expect([...a.roles].sort()).toEqual(["coordinator", "employee", "manager"]);
    expect([...a.managedUnitIds].sort()).toEqual([s.unitA.id, s.unitB.id].sort());
    const r = await rolesOfUser(admin, target.userId);
    expect([...r.roles].sort()).toEqual(["coordinator", "employee", "manager"]);

    await setEmployeeRoles(admin, target.employeeId, { roles: [] });
    const b = await actorFor(target.userId);
    expect(b.roles).toEqual(["employee"]);
    expect(b.managedUnitIds).toEqual([]);
    const audit = await d.raw(
      "select count(*)::int as n from audit_log where action = 'roles.set' and entity_id = $1",
      [target.employeeId],
    );
    expect(audit.rows[0].n).toBe(2);
  });

  it("requires at least one unit for a manager and changes nothing otherwise", async () => {
    const target = s.users.safety_officer;
    const e = await caught(
      setEmployeeRoles(admin, target.employeeId, { roles: ["manager"], managedUnitIds: [] }),
    );
    expect(e.code).toBe("validation");
    expect(e.fieldErrors).toEqual({ managedUnitIds: "errors.managerNeedsUnit" });
    expect([...(await actorFor(target.userId)).roles].sort()).toEqual([
      "employee",
      "safety_officer",
    ]);
  });

  it("refuses units of another centre and unknown roles", async () => {
    const target = s.users.safety_officer;
    const e = await caught(
      setEmployeeRoles(admin, target.employeeId, {
        roles: ["manager"],
        managedUnitIds: [other.unitA.id],
      }),
    );
    expect(e.fieldErrors).toEqual({ managedUnitIds: "errors.invalid" });
    const r = await caught(setEmployeeRoles(admin, target.employeeId, { roles: ["superuser"] }));
    expect(r.code).toBe("validation");
    expect(Object.keys(r.fieldErrors)[0]).toMatch(/^roles/);
    expect([...(await actorFor(target.userId)).roles].sort()).toEqual([
      "employee",
      "safety_officer",
    ]);
  });

  it("never removes the last administrator", async () => {
    const e = await caught(
      setEmployeeRoles(admin, s.users.administrator.employeeId, { roles: ["coordinator"] }),
    );
    expect(e.code).toBe("validation");
    expect(e.fieldErrors).toEqual({ roles: "errors.lastAdministrator" });
    expect((await actorFor(s.users.administrator.userId)).roles).toContain("administrator");

    // With a second administrator the first may step down.
    await setEmployeeRoles(admin, s.users.management.employeeId, {
      roles: ["management", "administrator"],
    });
    await setEmployeeRoles(admin, s.users.administrator.employeeId, { roles: ["coordinator"] });
    expect((await actorFor(s.users.administrator.userId)).roles).not.toContain("administrator");
    expect((await actorFor(s.users.management.userId)).roles).toContain("administrator");
  });

  it("refuses people without roles.manage, employees without accounts and other centres", async () => {
    const coordinator = await actorFor(s.users.coordinator.userId);
    expect(
      (await caught(setEmployeeRoles(coordinator, s.users.dpo.employeeId, { roles: [] }))).code,
    ).toBe("forbidden");
    const newAdmin = await actorFor(s.users.management.userId);
    const noAccount = await caught(setEmployeeRoles(newAdmin, s.employeeInUnitB.id, { roles: [] }));
    expect(noAccount.code).toBe("conflict");
    expect(noAccount.fieldErrors).toEqual({ _form: "errors.noAccountYet" });
    const foreign = await caught(
      setEmployeeRoles(newAdmin, other.users.dpo.employeeId, { roles: [] }),
    );
    expect(foreign.code).toBe("not_found");
    expect((await actorFor(other.users.dpo.userId)).roles).toContain("dpo");
  });
});
