import { describe, expect, it } from "vitest";
import {
  hasPermission,
  isRole,
  isUnitScoped,
  MATRIX,
  type Permission,
  ROLES,
  rolesWith,
} from "./permissions.ts";

describe("permission matrix", () => {
  it("names only known roles in every permission", () => {
    for (const [permission, roles] of Object.entries(MATRIX)) {
      for (const r of roles) expect(ROLES, `${permission} → ${r}`).toContain(r);
      expect(new Set(roles).size, `${permission} has duplicates`).toBe(roles.length);
    }
  });

  it("gives every role the dashboard and profile", () => {
    for (const r of ROLES) {
      expect(hasPermission([r], "dashboard.view")).toBe(true);
      expect(hasPermission([r], "profile.edit")).toBe(true);
    }
  });

  it("has the key cells right", () => {
    expect(hasPermission(["administrator"], "employees.manage")).toBe(true);
    expect(hasPermission(["administrator"], "roles.manage")).toBe(true);
    expect(hasPermission(["dpo"], "audit.view")).toBe(true);
    expect(hasPermission(["dpo"], "employees.view")).toBe(false);
    expect(hasPermission(["manager"], "employees.view")).toBe(true);
    expect(hasPermission(["manager"], "employees.manage")).toBe(false);
    expect(hasPermission(["employee"], "employees.view")).toBe(false);
    expect(hasPermission(["employee"], "audit.view")).toBe(false);
    expect(hasPermission(["coordinator"], "org.structure.manage")).toBe(false);
    expect(hasPermission(["management"], "mail.log.view")).toBe(false);
  });

  it("is granted by any one of several roles", () => {
    expect(hasPermission(["employee", "dpo"], "audit.view")).toBe(true);
    expect(hasPermission([], "dashboard.view")).toBe(false);
    expect(hasPermission(["employee", "specialist"], "employees.view")).toBe(false);
  });

  it("rolesWith returns the matrix row", () => {
    expect(rolesWith("audit.view")).toEqual(["administrator", "dpo"]);
  });
});

describe("isUnitScoped", () => {
  it("scopes a manager's view of employees and units", () => {
    expect(isUnitScoped(["manager"], "employees.view")).toBe(true);
    expect(isUnitScoped(["employee", "manager"], "employees.view")).toBe(true);
    expect(isUnitScoped(["manager"], "org.unit.view")).toBe(true);
  });

  it("is not scoped when another role grants the permission centre-wide", () => {
    expect(isUnitScoped(["manager", "coordinator"], "employees.view")).toBe(false);
    expect(isUnitScoped(["manager", "administrator"], "employees.view")).toBe(false);
    expect(isUnitScoped(["administrator"], "employees.view")).toBe(false);
  });

  it("is not scoped when the permission is not granted at all", () => {
    expect(isUnitScoped(["employee"], "employees.view")).toBe(false);
    expect(isUnitScoped([], "employees.view")).toBe(false);
  });

  it("never scopes a permission that every role has", () => {
    const p: Permission = "dashboard.view";
    expect(isUnitScoped(["employee", "manager"], p)).toBe(false);
  });
});

describe("isRole", () => {
  it("accepts the roles and nothing else", () => {
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    expect(isRole("root")).toBe(false);
    expect(isRole("")).toBe(false);
    expect(isRole("Administrator")).toBe(false);
  });
});
