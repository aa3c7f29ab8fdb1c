import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { staffGroup } from "../org/schema.ts";
import { closedCycleWith, type FixtureComment } from "./export-fixtures.ts";
import { cycleStructure, suppressionCells } from "./result-cells.ts";
import { resultComments } from "./result-comments.ts";
import { checkNoDisclosure } from "./suppression-check.ts";
import { cycleOf } from "./test-fixtures.ts";

function comments(
  unitId: string,
  staffGroupId: string,
  count: number,
  label: string,
  extra: Partial<FixtureComment> = {},
): FixtureComment[] {
  return Array.from({ length: count }, (_, i) => ({
    unitId,
    staffGroupId,
    text: `${label} ${i + 1}`,
    ...extra,
  }));
}

describe.each(testDbKinds)("resultComments (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let manager: Actor;
  let groups: string[];
  let cycleId: string;
  let all: FixtureComment[];

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    groups = (
      await db()
        .select({ id: staffGroup.id })
        .from(staffGroup)
        .where(eq(staffGroup.centreId, s.centre.id))
        .orderBy(staffGroup.sortOrder)
    ).map((g) => g.id);
    const [g0, g1] = groups;
    all = [
      // Unit A, group 0: 12 comments, one not yet reviewed, one redacted.
      ...comments(s.unitA.id, g0, 10, "A0"),
      { unitId: s.unitA.id, staffGroupId: g0, text: "A0 unreviewed", reviewed: false },
      {
        unitId: s.unitA.id,
        staffGroupId: g0,
        text: "Kierownik Jan Kowalski krzyczy",
        redactedText: "Kierownik [usunięto] krzyczy",
      },
      // Unit A, group 1: 10 comments.
      ...comments(s.unitA.id, g1, 10, "A1"),
      // Unit B, group 0: 3 comments — below the threshold of 10.
      ...comments(s.unitB.id, g0, 3, "B0"),
      // HTML is data, not markup.
      { unitId: s.unitA.id, staffGroupId: g1, itemId: "t1", text: "<script>alert(1)</script>" },
    ];
    cycleId = await closedCycleWith(coordinator, { comments: all });
  });
  afterAll(() => d.drop());

  it("shows only groups the comment threshold publishes, and no hidden group is derivable", async () => {
    const views = await Promise.all(
      (["unit", "staffGroup", "unit,staffGroup"] as const).map((by) =>
        resultComments(coordinator, cycleId, { by }),
      ),
    );
    expect(views[0].k).toBe(10);
    expect(views[0].items.map((i) => i.id)).toEqual(["t1"]);
    const shown = new Set(views.flatMap((v) => v.groups.map((g) => g.key)));
    // Unit B (3 comments) and its cell are never shown.
    expect(shown.has(`unit:${s.unitB.id}`)).toBe(false);
    expect(shown.has(`unit:${s.unitB.id}/group:${groups[0]}`)).toBe(false);

    // The same decision, checked independently: nothing hidden follows from what is shown.
    const structure = await cycleStructure(db(), s.centre.id);
    const counts = new Map<string, { unitId: string; staffGroupId: string; n: number }>();
    for (const c of all) {
      const key = `${c.unitId}/${c.staffGroupId}`;
      const at = counts.get(key) ?? { unitId: c.unitId!, staffGroupId: c.staffGroupId!, n: 0 };
      at.n++;
      counts.set(key, at);
    }
    const input = { k: 10, ...suppressionCells(structure, [...counts.values()]) };
    const check = checkNoDisclosure(input, [...shown]);
    expect(check.disclosures).toEqual([]);
    expect(check.ok).toBe(true);
    // Something is shown: the whole centre or the large groups.
    expect(shown.size).toBeGreaterThan(0);
  });

  it("shows reviewed comments only, redacted where the coordinator redacted them", async () => {
    const view = await resultComments(coordinator, cycleId, { by: "unit" });
    const texts = view.groups.flatMap((g) => g.items.flatMap((i) => i.comments));
    expect(texts).not.toContain("A0 unreviewed");
    expect(texts.join("\n")).not.toContain("Jan Kowalski");
    const centre = view.groups.find((g) => g.key === "centre");
    expect(centre?.name).toBeNull();
    const centreTexts = centre?.items[0].comments ?? [];
    expect(centreTexts).toContain("Kierownik [usunięto] krzyczy");
    expect(centreTexts).toContain("<script>alert(1)</script>");
    // Every reviewed comment of the centre, none twice, in the order of their random ids.
    expect(centreTexts).toHaveLength(all.filter((c) => c.reviewed !== false).length);
    expect(new Set(centreTexts).size).toBe(centreTexts.length);
  });

  it("keeps the decision while the coordinator reviews: it counts every comment", async () => {
    // Unit A × group 1 has 11 comments; with only one of them reviewed it is still shown.
    const id = await closedCycleWith(coordinator, {
      name: "Przegląd w toku",
      comments: [
        ...comments(s.unitA.id, groups[1], 10, "X", { reviewed: false }),
        { unitId: s.unitA.id, staffGroupId: groups[1], text: "Jedyny przejrzany" },
        ...comments(s.unitA.id, groups[0], 10, "Y", { reviewed: false }),
      ],
    });
    const view = await resultComments(coordinator, id, { by: "unit,staffGroup" });
    const cell = view.groups.find((g) => g.key === `unit:${s.unitA.id}/group:${groups[1]}`);
    expect(cell?.items).toEqual([{ itemId: "t1", comments: ["Jedyny przejrzany"] }]);
  });

  it("gives a manager their own units only", async () => {
    const view = await resultComments(manager, cycleId, { by: "unit,staffGroup" });
    for (const g of view.groups) expect(g.key.startsWith(`unit:${s.unitA.id}`)).toBe(true);
    const byGroup = await resultComments(manager, cycleId, { by: "staffGroup" });
    expect(byGroup.groups).toEqual([]);
  });

  it("refuses an open cycle, another centre's cycle and a reader without the permission", async () => {
    const open = await cycleOf(coordinator, { name: "Otwarte" });
    expect((await caught(resultComments(coordinator, open, { by: "unit" }))).status).toBe(409);
    const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    const outsider = await actorFor(other.users.coordinator.userId);
    expect((await caught(resultComments(outsider, cycleId, { by: "unit" }))).status).toBe(404);
    expect((await caught(resultComments(outsider, "not-a-uuid", { by: "unit" }))).status).toBe(404);
    const employee = await actorFor(s.users.employee.userId);
    expect((await caught(resultComments(employee, cycleId, { by: "unit" }))).status).toBe(403);
  });
});
