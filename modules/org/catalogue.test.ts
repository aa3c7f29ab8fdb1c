import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../../platform/errors.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import {
  listStaffGroups,
  POSITIONS_PAGE_SIZE,
  pagePositions,
  savePosition,
  saveStaffGroup,
} from "./catalogue.ts";

describe.each(testDbKinds)("positions and staff groups (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let admin: Awaited<ReturnType<typeof actorFor>>;
  let groupId: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    const s = await seedCentreWithRoles();
    admin = await actorFor(s.users.administrator.userId);
    groupId = (await listStaffGroups(admin))[0].id;
  });
  afterAll(() => d.drop());

  it("refuses a duplicate position name with a field error, also when two saves race", async () => {
    const input = {
      name: "Asystent rodziny",
      staffGroupId: groupId,
      clientContact: "frequent",
      fieldWork: "on",
    };
    await savePosition(admin, null, input);
    expect((await caught(savePosition(admin, null, input))).fieldErrors).toEqual({
      name: "errors.duplicateName",
    });
    const race = await Promise.allSettled([
      savePosition(admin, null, { ...input, name: "Psycholog" }),
      savePosition(admin, null, { ...input, name: "Psycholog" }),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = race.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((failed.reason as AppError).fieldErrors).toEqual({ name: "errors.duplicateName" });
  });

  it("pages, searches and sorts positions by intensity of client contact", async () => {
    for (let i = 0; i < POSITIONS_PAGE_SIZE + 3; i++) {
      await savePosition(admin, null, {
        name: `Stanowisko ${String(i).padStart(3, "0")}`,
        staffGroupId: groupId,
        clientContact: i % 2 ? "none" : "constant",
      });
    }
    const first = await pagePositions(admin, { q: "stanowisko" });
    expect(first.total).toBe(POSITIONS_PAGE_SIZE + 3);
    expect(first.rows).toHaveLength(POSITIONS_PAGE_SIZE);
    const second = await pagePositions(admin, { q: "stanowisko", page: "2" });
    expect(second.rows.map((r) => r.name)).toEqual([
      "Stanowisko 050",
      "Stanowisko 051",
      "Stanowisko 052",
    ]);
    const byContact = await pagePositions(admin, { q: "stanowisko", sort: "contact", dir: "desc" });
    expect(byContact.rows[0].clientContact).toBe("constant");
    expect(byContact.rows.at(-1)?.clientContact).toBe("none");
  });

  it("refuses a duplicate staff group name", async () => {
    const [existing] = await listStaffGroups(admin);
    expect(
      (await caught(saveStaffGroup(admin, null, { name: existing.name }))).fieldErrors,
    ).toEqual({
      name: "errors.duplicateName",
    });
  });
});
