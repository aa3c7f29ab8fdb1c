// The results operations of /api/v1 through the HTTP app, with integration keys.
import { eq } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { createApp } from "../../server/app.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { orgUnit, staffGroup } from "../org/schema.ts";
import {
  insertCycle,
  insertInstrument,
  insertResponses,
  randomAnswers,
  resultsInstrument,
  seeded,
} from "./results-test-data.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};
const PROBLEM = /^application\/problem\+json/;
type Json = Record<string, unknown>;

describe.each(testDbKinds)("survey results /api/v1 (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  const keys = { coordinator: "", management: "", employee: "", other: "" };
  let current: string;
  let previous: string;
  let open: string;
  let unitC: string;

  const call = (path: string, key?: string, lang?: string) =>
    app.request(`/api/v1${path}`, {
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(lang ? { "accept-language": lang } : {}),
      },
    });
  const json = async (res: Response) => (await res.json()) as Json;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    app = createApp({ mode: "production", build: noPages });
    const admin = await actorFor(s.users.administrator.userId);
    for (const role of ["coordinator", "management", "employee"] as const) {
      keys[role] = (await createApiKey(admin, { name: `Klucz ${role}`, role })).key;
    }
    const otherAdmin = await actorFor(other.users.administrator.userId);
    keys.other = (await createApiKey(otherAdmin, { name: "Obcy", role: "coordinator" })).key;

    const [g0, g1] = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.centreId, s.centre.id))
      .orderBy(staffGroup.sortOrder);
    const [c] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Dział C", kind: "department" })
      .returning();
    unitC = c.id;
    const { id: instrumentId, definition } = await insertInstrument(
      s.centre.id,
      resultsInstrument(),
    );
    previous = await insertCycle(s.centre.id, instrumentId, { name: "Jesień", closedDaysAgo: 180 });
    current = await insertCycle(s.centre.id, instrumentId, { name: "Wiosna", closedDaysAgo: 1 });
    open = await insertCycle(s.centre.id, instrumentId, { name: "Trwa", status: "open" });
    const random = seeded(3);
    for (const [cycleId, shift] of [
      [previous, -1],
      [current, 1],
    ] as const) {
      const cells: [string, string, number][] = [
        [s.unitA.id, g0.id, 30],
        [s.unitA.id, g1.id, 8],
        [s.unitB.id, g0.id, 12],
        [s.unitB.id, g1.id, 6],
        [unitC, g0.id, 3],
      ];
      const rows = cells.flatMap(([unitId, staffGroupId, n]) =>
        Array.from({ length: n }, () => ({
          unitId,
          staffGroupId,
          answers: randomAnswers(random, shift),
        })),
      );
      await insertResponses(cycleId, definition, rows);
    }
  });
  afterAll(() => d.drop());

  it("GET /cycles/{id}/results gives the groups of a view with their figures, hidden ones bare", async () => {
    const res = await call(`/cycles/${current}/results?by=unit`, keys.coordinator);
    expect(res.status).toBe(200);
    const body = await json(res);
    const groups = body.groups as Json[];
    // C has three people; B is hidden with it, or C would be the centre − A − B.
    expect(groups.map((g) => [g.unitId, g.n, g.suppressed, g.reason])).toEqual([
      [s.unitA.id, 38, false, undefined],
      [s.unitB.id, null, true, "complementary"],
      [unitC, null, true, "small"],
    ]);
    expect(Object.keys(groups[0]).sort()).toEqual(
      ["key", "unitId", "name", "depth", "n", "suppressed", "scales"].sort(),
    );
    expect(Object.keys(groups[1]).sort()).toEqual(
      ["key", "unitId", "name", "depth", "n", "suppressed", "reason", "scales"].sort(),
    );
    expect(groups[1].scales).toBeNull();
    const load = (groups[0].scales as Record<string, Json>).load;
    expect(Object.keys(load).sort()).toEqual(["bands", "ci95", "mean", "n"]);
    expect(load.ci95).toHaveLength(2);
    expect(load.bands).toHaveLength(3);
    expect(typeof (body.scales as Record<string, Json>).load.alpha).toBe("number");
    expect(body.centre).toMatchObject({ key: "centre", n: 59, suppressed: false });

    // Management reads the same; the default view is by unit.
    expect(await json(await call(`/cycles/${current}/results`, keys.management))).toEqual(body);
  });

  it("GET /cycles/{id}/trend compares with the previous cycle", async () => {
    const res = await call(
      `/cycles/${current}/trend?previous=${previous}&by=unit`,
      keys.coordinator,
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    expect((body.previous as Json).id).toBe(previous);
    const centre = body.centre as { scales: Record<string, Json> };
    expect(centre.scales.load).toMatchObject({ flag: "deterioration" });
    expect(Object.keys(centre.scales.load)).toEqual(
      expect.arrayContaining(["change", "g", "p", "flag"]),
    );
    expect((body.groups as Json[]).map((g) => [g.unitId, g.suppressed])).toEqual([
      [s.unitA.id, false],
      [s.unitB.id, true],
      [unitC, true],
    ]);
    // Without ?previous the latest earlier closed cycle is taken.
    const byDefault = await json(await call(`/cycles/${current}/trend`, keys.coordinator));
    expect((byDefault.previous as Json).id).toBe(previous);
  });

  it("answers 422 with a field error to a bad view or previous cycle, in the reader's language", async () => {
    const by = await call(`/cycles/${current}/results?by=pion`, keys.coordinator);
    expect(by.status).toBe(422);
    expect(by.headers.get("content-type")).toMatch(PROBLEM);
    expect(Object.keys((await json(by)).errors as Json)).toEqual(["by"]);
    for (const bad of ["nie-uuid", open, current]) {
      const res = await call(`/cycles/${current}/trend?previous=${bad}`, keys.coordinator);
      expect(res.status, bad).toBe(422);
      expect((await json(res)).errors).toEqual({
        previous:
          "Wybierz wcześniejsze, zamknięte badanie tego ośrodka przeprowadzone tą samą ankietą.",
      });
    }
    const en = await call(`/cycles/${current}/trend?previous=${open}`, keys.coordinator, "en");
    expect(((await json(en)).errors as Json).previous).toMatch(/^Choose an earlier/);
  });

  it("answers 409 for an open cycle, 404 for another centre's, 403 without the right", async () => {
    const notClosed = await call(`/cycles/${open}/results`, keys.coordinator);
    expect(notClosed.status).toBe(409);
    expect(await json(notClosed)).toMatchObject({ type: "about:blank#conflict", status: 409 });
    for (const path of [`/cycles/${current}/results`, `/cycles/${current}/trend`]) {
      expect((await call(path, keys.other)).status, path).toBe(404);
      expect((await call(path, keys.employee)).status, path).toBe(403);
      expect((await call(path)).status, path).toBe(401);
    }
  });
});
