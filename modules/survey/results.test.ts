import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { orgUnit, staffGroup } from "../org/schema.ts";
import { closeCycle } from "./close-cycle.ts";
import { allItems, type Instrument } from "./instrument.ts";
import { cycleResponseRate } from "./response-rate.ts";
import { type CycleResults, cycleResults, cycleResultsAll, type ResultGroup } from "./results.ts";
import { cycleReport } from "./results-report.ts";
import { FULL_FIGURES, figureStatement } from "./results-sql.ts";
import {
  insertCycle,
  insertInstrument,
  insertPaperCodes,
  insertResponses,
  randomAnswers,
  resultsInstrument,
  type StoredResponse,
  seeded,
} from "./results-test-data.ts";
import { itemScore } from "./scoring.ts";
import { bandShares, cronbachAlpha, meanCi95, trend } from "./stats.ts";
import { submitResponse } from "./submit-response.ts";
import { CENTRE_KEY, cycleAggregates, type SuppressionInput } from "./suppression.ts";
import { checkNoDisclosure } from "./suppression-check.ts";
import { cycleOf, tokensOf } from "./test-fixtures.ts";
import { topRisks } from "./top-risks.ts";
import { cycleTrend, previousCycleOf } from "./trend.ts";

const K = 5;
const CLOSE = 1e-9;

describe.each(testDbKinds)("survey results engine (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let manager: Actor;
  let management: Actor;
  let employee: Actor;
  let otherCoordinator: Actor;
  let instrument: Instrument;
  let instrumentId: string;
  const u = {} as Record<"A" | "A1" | "A2" | "B" | "C" | "D" | "E", string>;
  let g: [string, string, string];
  /** A unit that no longer exists (its responses count in the centre only). */
  const DELETED = randomUUID();
  const parentOf = new Map<string, string | null>();
  let current: string;
  let previous: string;
  let older: string;
  let stored: StoredResponse[];
  let storedPrevious: StoredResponse[];
  let all: Record<"unit" | "staffGroup" | "unit,staffGroup", CycleResults>;

  /** Cells of the current cycle: [unit, staff group, respondents]. */
  const cells = (): [string | null, string | null, number][] => [
    [u.A1, g[0], 12],
    [u.A1, g[1], 6],
    [u.A1, g[2], 2],
    [u.A2, g[0], 8],
    [u.A2, g[1], 3],
    [u.A, g[0], 1],
    [u.B, g[0], 10],
    [u.B, g[1], 7],
    [u.B, g[2], 5],
    [u.B, null, 2],
    [u.C, g[0], 3],
    [null, g[0], 2],
    [DELETED, g[1], 1],
  ];

  async function fill(cycleId: string, seed: number, shift: number) {
    const random = seeded(seed);
    const rows = cells().flatMap(([unitId, staffGroupId, n]) =>
      Array.from({ length: n }, () => ({
        unitId,
        staffGroupId,
        answers: randomAnswers(random, shift),
      })),
    );
    const out = await insertResponses(cycleId, instrument, rows);
    // Paper codes: one more handed out than used in every cell that has a code's unit and group.
    for (const [unitId, staffGroupId, n] of cells()) {
      if (unitId && staffGroupId) await insertPaperCodes(cycleId, unitId, staffGroupId, n + 1, n);
    }
    await insertPaperCodes(cycleId, u.D, g[0], 6, 0);
    await insertPaperCodes(cycleId, u.E, g[0], 2, 0);
    return out;
  }

  const inSubtree = (unitId: string | null, root: string): boolean => {
    for (let at = unitId; at; at = parentOf.get(at) ?? null) if (at === root) return true;
    return false;
  };
  /** The stored responses an aggregate key stands for, worked out from the raw rows. */
  function members(rows: StoredResponse[], key: string): StoredResponse[] {
    if (key === CENTRE_KEY) return rows;
    const m = key.match(/^(?:unit:([^/]+))?\/?(?:group:(.+))?$/)!;
    const [, unit, group] = m;
    return rows.filter(
      (r) => (!unit || inSubtree(r.unitId, unit)) && (!group || r.staffGroupId === group),
    );
  }

  function expectFigures(group: ResultGroup, rows: StoredResponse[]) {
    expect(group.suppressed, group.key).toBe(false);
    expect(group.n, group.key).toBe(rows.length);
    for (const scale of instrument.scales) {
      const values = rows.map((r) => r.scores[scale.id].score).filter((v) => v !== null);
      const got = group.scales![scale.id];
      const want = meanCi95(values);
      expect(got.n, `${group.key} ${scale.id}`).toBe(values.length);
      expect(got.mean!).toBeCloseTo(want.mean!, 9);
      expect(got.ci95![0]).toBeCloseTo(want.low!, 9);
      expect(got.ci95![1]).toBeCloseTo(want.high!, 9);
      const shares = bandShares(values, scale.bands!);
      expect(shares.outside).toBe(0);
      got.bands!.forEach((share, i) => {
        expect(Math.abs(share - shares.bands[i].share!)).toBeLessThan(CLOSE);
      });
    }
    for (const { item } of allItems(instrument)) {
      if (item.kind === "text") continue;
      const got = group.items![item.id];
      if (got === null) continue;
      const answered = rows.filter((r) => r.answers[item.id] !== undefined);
      expect(got.n, `${group.key} ${item.id}`).toBe(answered.length);
      const counts: Record<string, number> = {};
      for (const r of answered) {
        const v = r.answers[item.id];
        for (const key of Array.isArray(v) ? v : [String(v)]) counts[key] = (counts[key] ?? 0) + 1;
      }
      const nonZero = Object.fromEntries(Object.entries(got.counts).filter(([, c]) => c > 0));
      expect(nonZero, `${group.key} ${item.id}`).toEqual(counts);
    }
  }

  /** The suppression input built here, apart from the engine, from the raw rows. */
  function independentInput(rows: StoredResponse[], count: (r: StoredResponse) => number) {
    const known = new Set(Object.values(u));
    const groups = new Set(g);
    const unitOf = (r: StoredResponse) => (r.unitId && known.has(r.unitId) ? r.unitId : "?");
    const groupOf = (r: StoredResponse) =>
      r.staffGroupId && groups.has(r.staffGroupId) ? r.staffGroupId : "?";
    const counts = new Map<string, { unitId: string; staffGroupId: string; n: number }>();
    for (const r of rows) {
      const key = `${unitOf(r)}/${groupOf(r)}`;
      const c = counts.get(key) ?? { unitId: unitOf(r), staffGroupId: groupOf(r), n: 0 };
      c.n += count(r);
      counts.set(key, c);
    }
    const input = cycleAggregates(
      [
        ...Object.values(u).map((id) => ({ id, parentId: parentOf.get(id) ?? null })),
        { id: "?", parentId: null },
      ],
      [...g, "?"],
      [...counts.values()],
    );
    return {
      k: K,
      cells: input.cells,
      aggregates: input.aggregates.filter((a) => !a.key.includes(":?")),
    } satisfies SuppressionInput;
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    management = await actorFor(s.users.management.userId);
    employee = await actorFor(s.users.employee.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    const groups = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.centreId, s.centre.id))
      .orderBy(staffGroup.sortOrder);
    g = [groups[0].id, groups[1].id, groups[2].id];
    u.A = s.unitA.id;
    u.B = s.unitB.id;
    const unit = async (name: string, parentId: string | null) =>
      (
        await db()
          .insert(orgUnit)
          .values({ centreId: s.centre.id, name, parentId, kind: "team" })
          .returning()
      )[0].id;
    u.A1 = await unit("Zespół A1", u.A);
    u.A2 = await unit("Zespół A2", u.A);
    u.C = await unit("Dział C", null);
    u.D = await unit("Dział D", null);
    u.E = await unit("Dział E", null);
    for (const id of Object.values(u)) parentOf.set(id, null);
    parentOf.set(u.A1, u.A);
    parentOf.set(u.A2, u.A);

    const saved = await insertInstrument(s.centre.id, resultsInstrument());
    instrument = saved.definition;
    instrumentId = saved.id;
    older = await insertCycle(s.centre.id, instrumentId, {
      name: "Jesień 2024",
      closedDaysAgo: 400,
    });
    previous = await insertCycle(s.centre.id, instrumentId, {
      name: "Jesień 2025",
      closedDaysAgo: 200,
    });
    current = await insertCycle(s.centre.id, instrumentId, {
      name: "Wiosna 2026",
      closedDaysAgo: 2,
    });
    // The previous cycle's load answers were lower: the current one shows a deterioration.
    storedPrevious = await fill(previous, 7, -1);
    stored = await fill(current, 11, 1);
    all = await cycleResultsAll(coordinator, current);
  });
  afterAll(() => d.drop());

  describe("cycleResults", () => {
    it("computes every published group's figures as stats.ts does on the raw scores", () => {
      let checked = 0;
      for (const view of Object.values(all)) {
        expectFigures(view.centre!, members(stored, CENTRE_KEY));
        for (const group of view.groups) {
          if (group.suppressed) continue;
          expectFigures(group, members(stored, group.key));
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(6);
      // The unknown and deleted units' responses count in the centre, never in a unit row.
      expect(all.unit.centre!.n).toBe(stored.length);
      expect(all.unit.responded).toBe(stored.length);
    });

    it("lists rows in unit tree order and staff group order, with names and depths", () => {
      expect(all.unit.groups.map((r) => [r.name, r.depth])).toEqual([
        ["Dział A", 0],
        ["Zespół A1", 1],
        ["Zespół A2", 1],
        ["Dział B", 0],
        ["Dział C", 0],
        ["Dział D", 0],
        ["Dział E", 0],
      ]);
      expect(all.staffGroup.groups.map((r) => r.staffGroupId)).toEqual(g);
      expect(all["unit,staffGroup"].groups[0]).toMatchObject({
        key: `unit:${u.A}/group:${g[0]}`,
        unitId: u.A,
        staffGroupId: g[0],
        name: expect.stringContaining("Dział A"),
      });
      // Units the cycle never reached are not rows at all.
      expect(all.unit.groups.some((r) => r.unitId === undefined)).toBe(false);
    });

    it("hides small groups and their complementary siblings, carrying nothing but a reason", () => {
      const byKey = new Map(
        Object.values(all).flatMap((v) => [v.centre!, ...v.groups].map((r) => [r.key, r])),
      );
      for (const r of byKey.values()) {
        const n = members(stored, r.key).length;
        if (n > 0 && n < K) expect(r.suppressed, r.key).toBe(true);
        if (r.suppressed) {
          expect(r).toMatchObject({ n: null, scales: null, items: null });
          expect(r.reason).toBeDefined();
        }
      }
      expect(byKey.get(`unit:${u.C}`)).toMatchObject({ suppressed: true, reason: "small" });
      expect(byKey.get(`unit:${u.A1}/group:${g[2]}`)).toMatchObject({ reason: "small" });
      // Nobody answered in D, where six were given a code; in E only two were: shown as small.
      expect(byKey.get(`unit:${u.D}`)).toMatchObject({ suppressed: true, reason: "empty" });
      expect(byKey.get(`unit:${u.E}`)).toMatchObject({ suppressed: true, reason: "small" });
      // A's own cell of one person would be A − A1 − A2: one of the children is hidden too.
      const complementary = [...byKey.values()].filter((r) => r.reason === "complementary");
      expect(complementary.length).toBeGreaterThan(0);
      expect(byKey.get(`unit:${u.A1}`)!.suppressed || byKey.get(`unit:${u.A2}`)!.suppressed).toBe(
        true,
      );
    });

    it("publishes nothing from which a hidden group or small cell can be worked out", () => {
      const published = new Set<string>();
      for (const view of Object.values(all)) {
        for (const r of [view.centre!, ...view.groups]) if (!r.suppressed) published.add(r.key);
      }
      // Over respondent counts nothing hidden can be worked out — not even a group hidden only
      // because a scale had few valid scores: its scale run saw more empty cells, so anything
      // underivable there is underivable here.
      expect(
        checkNoDisclosure(
          independentInput(stored, () => 1),
          [...published],
        ).disclosures,
      ).toEqual([]);
      // Over each scale's valid scores (they differ: optional items) no group or cell of fewer
      // than k scores can be. A group hidden for its respondents may be derivable there: it has
      // k or more scores, and its own run found them safe to show.
      for (const sc of instrument.scales) {
        const input = independentInput(stored, (r) => (r.scores[sc.id].score === null ? 0 : 1));
        const check = checkNoDisclosure(input, [...published]);
        expect(check.disclosures.filter((x) => x.n < K)).toEqual([]);
      }
      // Hiding only the small groups would not do: the check is not vacuous here.
      const input = independentInput(stored, () => 1);
      const naive = input.aggregates
        .filter((a) => {
          const n = a.cells.reduce((sum, c) => sum + input.cells.find((x) => x.key === c)!.n, 0);
          return n >= K;
        })
        .map((a) => a.key);
      expect(checkNoDisclosure(input, naive).ok).toBe(false);
    });

    it("hides an item's distribution where few answered it, keeping the group's scales", () => {
      const shown = Object.values(all)
        .flatMap((v) => [v.centre!, ...v.groups])
        .filter((r) => !r.suppressed);
      // q5 is shown only after "yes" (about 40 %): in a group of 5–12 it often has few answers.
      const hiddenItem = shown.filter((r) => r.items!.q5 === null);
      expect(hiddenItem.length).toBeGreaterThan(0);
      for (const r of hiddenItem) expect(r.scales!.support.mean).not.toBeNull();
      for (const { item } of allItems(instrument)) {
        if (item.kind === "text") continue;
        const answered = (r: StoredResponse) => (r.answers[item.id] === undefined ? 0 : 1);
        for (const r of shown) {
          const n = members(stored, r.key).filter((x) => answered(x) === 1).length;
          if (n > 0 && n < K) expect(r.items![item.id], `${r.key} ${item.id}`).toBeNull();
        }
        // The distributions shown give away no group or cell where fewer than k answered it.
        const published = [
          ...new Set(shown.filter((r) => r.items![item.id] !== null).map((r) => r.key)),
        ];
        const check = checkNoDisclosure(independentInput(stored, answered), published);
        expect(check.disclosures.filter((x) => x.n < K)).toEqual([]);
      }
      expect(all.unit.centre!.items!.q5).not.toBeNull();
    });

    it("gives Cronbach's alpha of each scale over the whole centre, as cronbachAlpha does", () => {
      for (const scale of instrument.scales) {
        const items = scale.items.map(
          (id) => allItems(instrument).find((x) => x.item.id === id)!.item,
        );
        const reversed = new Set(scale.reverse?.items ?? []);
        const matrix = stored.map((r) =>
          items.map((item) =>
            itemScore(
              item,
              r.answers[item.id],
              reversed.has(item.id) ? scale.reverse!.rule : undefined,
            ),
          ),
        );
        const want = cronbachAlpha(matrix);
        expect(want).not.toBeNull();
        expect(all.unit.scales[scale.id].alpha!).toBeCloseTo(want!, 9);
      }
      expect(all.unit.scales.load).toMatchObject({
        higherIs: "worse",
        label: { pl: "Obciążenie", en: "Load" },
      });
      expect(all.unit.scales.load.bands.map((b) => b.id)).toEqual(["low", "mid", "high"]);
    });

    it("is the same for management; a manager sees only their own units, suppressed alike", async () => {
      const byManagement = await cycleResults(management, current, { by: "unit" });
      expect(byManagement).toEqual(all.unit);
      const mine = await cycleResults(manager, current, { by: "unit" });
      expect(mine.groups.map((r) => r.unitId)).toEqual([u.A, u.A1, u.A2]);
      for (const r of mine.groups) {
        expect(r).toEqual(all.unit.groups.find((x) => x.key === r.key));
      }
      expect(mine.centre).toBeNull();
      expect(Object.values(mine.scales).map((x) => x.alpha)).toEqual([null, null]);
      expect((await cycleResults(manager, current, { by: "staffGroup" })).groups).toEqual([]);
      const cross = await cycleResults(manager, current, { by: "unit,staffGroup" });
      expect(cross.groups.every((r) => [u.A, u.A1, u.A2].includes(r.unitId!))).toBe(true);
      expect(cross.groups.length).toBeGreaterThan(0);
    });

    it("refuses an open cycle (409), another centre's (404), and readers without the right", async () => {
      const open = await insertCycle(s.centre.id, instrumentId, {
        name: "Otwarte",
        status: "open",
      });
      const err = await caught(cycleResults(coordinator, open, { by: "unit" }));
      expect(err.code).toBe("conflict");
      expect(err.fieldErrors).toEqual({ _form: "errors.surveyResultsNotClosed" });
      expect((await caught(cycleResults(otherCoordinator, current, { by: "unit" }))).code).toBe(
        "not_found",
      );
      expect((await caught(cycleResults(coordinator, "nie-uuid", { by: "unit" }))).code).toBe(
        "not_found",
      );
      expect((await caught(cycleResults(employee, current, { by: "unit" }))).code).toBe(
        "forbidden",
      );
    });

    it("runs one statement over the responses whatever the view", () => {
      const statement = figureStatement(instrument, FULL_FIGURES);
      expect(statement.match(/from survey_response/g)).toHaveLength(1);
      expect(statement).toContain("group by unit_id, staff_group_id");
    });
  });

  describe("a cycle answered through its links", () => {
    it("shows nothing before closing, then hides a centre of three", async () => {
      const id = await cycleOf(coordinator, { name: "Przez linki" });
      const tokens = [...(await tokensOf("Przez linki")).values()].slice(0, 3);
      for (const token of tokens) {
        await submitResponse(token, { q1: 4, q2: 5, q3: 2, yn: true });
      }
      expect((await caught(cycleResults(coordinator, id, { by: "unit" }))).code).toBe("conflict");
      const rate = await cycleResponseRate(coordinator, id);
      expect(rate).toMatchObject({ responded: 3, status: "open" });
      await closeCycle(coordinator, id);
      const r = await cycleResults(coordinator, id, { by: "unit" });
      expect(r.responded).toBe(3);
      expect(r.centre).toMatchObject({ suppressed: true, reason: "small", n: null, scales: null });
      expect(r.groups.every((x) => x.suppressed)).toBe(true);
      expect(r.scales.load.alpha).toBeNull();
    });
  });

  describe("cycleResponseRate", () => {
    it("shows the centre always and a unit's responses only where enough were invited", async () => {
      const rate = await cycleResponseRate(coordinator, current);
      const withCodes = cells().filter(([unitId, groupId]) => unitId && groupId);
      const usedCodes = withCodes.reduce((sum, [, , n]) => sum + n, 0);
      // One spare code in each such cell, and D's six and E's two.
      expect(rate.paper).toEqual({ issued: usedCodes + withCodes.length + 8, used: usedCodes });
      expect(rate.links).toEqual({ invited: 0, answered: 0 });
      expect(rate.responded).toBe(usedCodes);
      const byUnit = new Map(rate.units.map((x) => [x.unitId, x]));
      // C: 3 used of 4 handed out, E: 2 — fewer than k, so no count.
      expect(byUnit.get(u.C)).toMatchObject({ invited: 4, responded: null, rate: null });
      expect(byUnit.get(u.E)).toMatchObject({ invited: 2, responded: null });
      expect(byUnit.get(u.D)).toMatchObject({ invited: 6, responded: 0, rate: 0 });
      expect(byUnit.get(u.B)).toMatchObject({ invited: 25, responded: 22 });
      expect(byUnit.get(u.A)!.invited).toBe(
        byUnit.get(u.A1)!.invited + byUnit.get(u.A2)!.invited + 2,
      );
      // A's own one person: with A, A1 and A2 all shown it would be A − A1 − A2.
      const shown = [u.A, u.A1, u.A2].filter((id) => byUnit.get(id)!.responded !== null);
      expect(shown.length).toBeLessThan(3);
    });

    it("gives a manager their own units, and works for an open cycle", async () => {
      const rate = await cycleResponseRate(manager, current);
      expect(rate.units.map((x) => x.unitId)).toEqual([u.A, u.A1, u.A2]);
      expect((await caught(cycleResponseRate(employee, current))).code).toBe("forbidden");
      expect((await caught(cycleResponseRate(otherCoordinator, current))).code).toBe("not_found");
    });
  });

  describe("cycleTrend", () => {
    it("compares each scale with the previous cycle as stats.trend does, and flags the rise", async () => {
      const r = await cycleTrend(coordinator, current, { previous, by: "unit" });
      expect(r.previous.id).toBe(previous);
      for (const scale of instrument.scales) {
        const values = (rows: StoredResponse[]) =>
          rows.map((x) => x.scores[scale.id].score).filter((v) => v !== null);
        const want = trend(values(storedPrevious), values(stored), scale.higherIs);
        const got = r.centre!.scales![scale.id];
        expect(got.flag).toBe(want.flag);
        expect(got.change!).toBeCloseTo(want.change!, 9);
        expect(got.g!).toBeCloseTo(want.g!, 9);
        expect(got.p!).toBeCloseTo(want.p!, 9);
        expect(got.current.n).toBe(values(stored).length);
      }
      expect(r.centre!.scales!.load.flag).toBe("deterioration");
      const a1 = r.groups.find((x) => x.unitId === u.A1)!;
      expect(a1.suppressed).toBe(false);
      const c = r.groups.find((x) => x.unitId === u.C)!;
      expect(c).toMatchObject({ suppressed: true, scales: null });
      // Groups published in the current cycle but not the previous one get no trend either.
      for (const row of r.groups) {
        const now = all.unit.groups.find((x) => x.key === row.key)!;
        if (now.suppressed) expect(row.suppressed).toBe(true);
      }
    });

    it("takes the latest earlier closed cycle of the same instrument by default", async () => {
      expect((await previousCycleOf(current))?.id).toBe(previous);
      expect((await previousCycleOf(previous))?.id).toBe(older);
      expect(await previousCycleOf(older)).toBeNull();
      const r = await cycleTrend(coordinator, current, {});
      expect(r.previous.id).toBe(previous);
      expect(r.groups).toEqual([]);
      const none = await caught(cycleTrend(coordinator, older, {}));
      expect(none.fieldErrors).toEqual({ previous: "errors.surveyTrendNone" });
    });

    it("refuses a previous cycle that is open, of another instrument or centre, or itself (422)", async () => {
      const open = await insertCycle(s.centre.id, instrumentId, {
        name: "Otwarte 2",
        status: "open",
      });
      const other = await insertInstrument(s.centre.id, resultsInstrument("inna"));
      const otherSlug = await insertCycle(s.centre.id, other.id, { name: "Inna ankieta" });
      const foreignInstrument = await insertInstrument(
        otherCoordinator.centreId,
        resultsInstrument(),
      );
      const foreign = await insertCycle(otherCoordinator.centreId, foreignInstrument.id, {
        name: "Obce",
      });
      for (const bad of [open, otherSlug, foreign, current, "nie-uuid", randomUUID()]) {
        const err = await caught(cycleTrend(coordinator, current, { previous: bad }));
        expect(err.code, bad).toBe("validation");
        expect(err.fieldErrors).toEqual({ previous: "errors.surveyTrendPrevious" });
      }
      const byErr = await caught(cycleTrend(coordinator, current, { previous, by: "pion" }));
      expect(byErr.fieldErrors).toEqual({ by: "errors.invalid" });
      expect((await caught(cycleTrend(coordinator, open, { previous }))).code).toBe("conflict");
    });

    it("gives a manager their own units' rows only", async () => {
      const r = await cycleTrend(manager, current, { previous, by: "unit" });
      expect(r.centre).toBeNull();
      expect(r.groups.map((x) => x.unitId)).toEqual([u.A, u.A1, u.A2]);
    });
  });

  describe("cycleReport", () => {
    it("is every view, the trend by unit and the top risks, as the separate calls give them", async () => {
      const report = await cycleReport(coordinator, current);
      expect(report.views).toEqual(all);
      expect(report.trend).toEqual(await cycleTrend(coordinator, current, { by: "unit" }));
      expect(report.topRisks).toEqual(topRisks(all.unit));
      expect(report.topRisks.length).toBeGreaterThan(0);
      expect(report.topRisks[0].risks).toHaveLength(2);

      const first = await cycleReport(coordinator, older);
      expect(first.trend).toBeNull();
      const mine = await cycleReport(manager, current, { previous });
      expect(mine.views.unit.groups.map((r) => r.unitId)).toEqual([u.A, u.A1, u.A2]);
      expect(mine.trend!.centre).toBeNull();
      const bad = await caught(cycleReport(coordinator, current, { previous: current }));
      expect(bad.fieldErrors).toEqual({ previous: "errors.surveyTrendPrevious" });
    });
  });
});
