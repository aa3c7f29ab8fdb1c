import { describe, expect, it } from "vitest";
import { formToObject } from "../../platform/validation.ts";
import { safeNext } from "./server.ts";

describe("safeNext", () => {
  it("keeps paths of this site", () => {
    expect(safeNext("/org/employees?page=2")).toBe("/org/employees?page=2");
    expect(safeNext("/")).toBe("/");
  });

  it("refuses anything that leads to another site", () => {
    for (const bad of [
      "//evil.example",
      "/\\\\evil.example",
      "/\\evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "",
      null,
    ]) {
      expect(safeNext(bad)).toBe("/");
    }
  });
});

describe("formToObject", () => {
  it("lets a ticked checkbox override the hidden false before it, and keeps passwords as typed", () => {
    const f = new FormData();
    f.append("active", "false");
    f.append("active", "on");
    f.append("fieldWork", "false");
    f.append("name", "  Anna  ");
    f.append("password", "  spacje na końcach  ");
    expect(formToObject(f)).toEqual({
      active: "on",
      fieldWork: "false",
      name: "Anna",
      password: "  spacje na końcach  ",
    });
  });
});
