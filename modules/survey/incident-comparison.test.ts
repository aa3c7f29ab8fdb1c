// Reported incidents beside the survey's aggression items (modules/incidents/survey-comparison.ts)
// on PGlite and PostgreSQL: incident counts per unit (sub-units included) within the period's
// bounds, the survey share from the published item distributions, no share for a suppressed
// unit, and a manager's own units only.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { reportFormOptions } from "../incidents/report-form.ts";
import { reportIncident } from "../incidents/report-incident.ts";
import {
  aggressionItemIds,
  aggressionShare,
  comparisonPeriod,
  incidentSurveyComparison,
} from "../incidents/survey-comparison.ts";
import { orgUnit } from "../org/schema.ts";
import { workloadSurvey } from "./default-instruments.ts";
import { allItems, type Instrument, type InstrumentInput } from "./instrument.ts";
import { resultBundle } from "./result-bundle.ts";
import type { CycleResults, ResultGroup } from "./results.ts";
import {
  insertCycle,
  insertInstrument,
  insertResponses,
  randomAnswers,
  resultsInstrument,
  seeded,
} from "./results-test-data.ts";
import { surveyCycle } from "./schema.ts";

const t = (pl: string) => ({ pl, en: pl });
const never = [0, 1, 2, 3].map((value) => ({ value, label: t(value ? `${value}` : "Ani razu") }));

/** Answers to the results instrument's optional items, so every respondent answers each. */
const EVERY_ITEM = { q3: 2, yn: true, q5: 3, mc: ["x"], n1: 4 };

/** The results instrument with an aggression section like the default instrument's. */
function withAggression(): InstrumentInput {
  const base = resultsInstrument("wyniki-agresja");
  return {
    ...base,
    sections: [
      ...base.sections,
      {
        id: "agresja",
        title: t("Agresja"),
        items: [
          { id: "ag_verbal", kind: "frequency", text: t("Krzyk"), points: never },
          { id: "ag_threat", kind: "frequency", text: t("Groźby"), points: never },
          {
            id: "ag_reported",
            kind: "single",
            text: t("Zgłoszone?"),
            options: ["all", "some", "none"].map((value) => ({ value, label: t(value) })),
          },
        ],
      },
    ],
  };
}

describe.each(testDbKinds)("incidents beside the survey (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let manager: Actor;
  let employee: Actor;
  let instrument: Instrument;
  let cycleId: string;
  let plainCycleId: string;
  const u = {} as Record<"A" | "A1" | "B" | "C", string>;

  /** A unit's respondents: their answers to ag_verbal and ag_threat (0 = never). */
  const cells = (): [string | null, [number, number][]][] => [
    // A's own cell: 3 of 6 met verbal aggression, nobody threats.
    [
      u.A,
      [
        [0, 0],
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
        [0, 0],
      ],
    ],
    // A1 (beneath A): 5 of 7 verbal, 1 of 7 threats.
    [
      u.A1,
      [
        [1, 0],
        [1, 1],
        [2, 0],
        [1, 0],
        [3, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    // B: 1 of 8 verbal, 2 of 8 threats — the share is the higher of the two.
    [
      u.B,
      [
        [1, 0],
        [0, 2],
        [0, 1],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    ],
    // C: three respondents, fewer than k = 5.
    [
      u.C,
      [
        [3, 3],
        [3, 3],
        [3, 0],
      ],
    ],
    // Two whose unit is not known (they count in the centre only).
    [
      null,
      [
        [0, 0],
        [1, 0],
      ],
    ],
  ];

  const byUnit = async (actor: Actor, id = cycleId) => (await resultBundle(actor, id)).views.unit;
  const comparison = async (actor: Actor, results?: CycleResults) =>
    incidentSurveyComparison(
      actor,
      results ?? (await byUnit(actor)),
      aggressionItemIds(allItems(instrument).map((x) => x.item)),
    );
  const row = (c: Awaited<ReturnType<typeof comparison>>, unitId: string) =>
    c!.rows.find((r) => r.unitId === unitId);

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    employee = await actorFor(s.users.employee.userId);
    u.A = s.unitA.id;
    u.B = s.unitB.id;
    const [a1] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Zespół A1", parentId: u.A })
      .returning();
    const [c] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Dział C", kind: "department" })
      .returning();
    u.A1 = a1.id;
    u.C = c.id;
    const staffGroupId = (await db().query.staffGroup.findFirst({
      where: (g, { eq }) => eq(g.centreId, s.centre.id),
    }))!.id;

    const stored = await insertInstrument(s.centre.id, withAggression());
    instrument = stored.definition;
    cycleId = await insertCycle(s.centre.id, stored.id, { name: "Badanie 2026" });
    // A cycle open 2 March and closed 16 March 2026 (Warsaw): incidents from 1 September 2025
    // to 31 March 2026 count.
    await db()
      .update(surveyCycle)
      .set({
        opensAt: new Date("2026-03-02T07:00:00Z"),
        closesAt: new Date("2026-03-16T15:00:00Z"),
        closedAt: new Date("2026-03-16T15:00:00Z"),
      })
      .where(eq(surveyCycle.id, cycleId));
    const random = seeded(7);
    await insertResponses(
      cycleId,
      instrument,
      cells().flatMap(([unitId, answers]) =>
        answers.map(([verbal, threat]) => ({
          unitId,
          staffGroupId,
          answers: {
            ...randomAnswers(random),
            // Every closed item answered (the follow-up ag_reported left out): items answered in
            // the same cells are suppressed over their least count, so an item some skip would
            // hide these too.
            ...EVERY_ITEM,
            ag_verbal: verbal,
            ag_threat: threat,
          },
        })),
      ),
    );

    // A cycle of an instrument without aggression items.
    const plain = await insertInstrument(s.centre.id, resultsInstrument("bez-agresji"));
    plainCycleId = await insertCycle(s.centre.id, plain.id, { name: "Bez agresji" });
    await insertResponses(
      plainCycleId,
      plain.definition,
      Array.from({ length: 6 }, () => ({
        unitId: u.A,
        staffGroupId,
        answers: randomAnswers(random),
      })),
    );

    const kinds = (await reportFormOptions(employee)).kinds;
    const report = (unitId: string, date: string, time: string) =>
      reportIncident(
        employee,
        {
          date,
          time,
          place: "office",
          unitId,
          kindId: kinds.find((k) => k.key === "verbal_abuse")!.id,
          severity: "medium",
          description: "Klient krzyczał przy okienku.",
          submissionKey: randomUUID(),
        },
        new Date("2026-06-01T10:00:00Z"),
      );
    await report(u.A, "2025-08-31", "23:30"); // the day before the period: not counted
    await report(u.A, "2025-09-01", "00:30"); // its first half hour (Warsaw)
    await report(u.A1, "2026-03-31", "23:30"); // its last half hour: A1 and A
    await report(u.A1, "2026-04-01", "00:10"); // after it
    await report(u.B, "2026-01-15", "10:00");
    await report(u.B, "2026-03-10", "12:00");
    await report(u.C, "2025-12-01", "09:00");
  });
  afterAll(async () => d.drop());

  it("names the aggression items of the default instrument, not their follow-ups", () => {
    expect(aggressionItemIds(allItems(workloadSurvey).map((x) => x.item))).toEqual([
      "ag_verbal",
      "ag_threat",
      "ag_physical",
      "ag_property",
    ]);
  });

  it("counts whole months from six months before the cycle opened to the month it closed", async () => {
    const results = await byUnit(coordinator);
    expect(comparisonPeriod(results.cycle)).toEqual({ from: "2025-09-01", to: "2026-03-31" });
    const c = await comparison(coordinator, results);
    expect(c!.from).toBe("2025-09-01");
    expect(c!.to).toBe("2026-03-31");
    expect(c!.months).toBe(6);
  });

  it("counts each unit's incidents in the period, its sub-units included", async () => {
    const c = await comparison(coordinator);
    expect(c!.rows.map((r) => r.name)).toEqual(["Dział A", "Zespół A1", "Dział B", "Dział C"]);
    expect(row(c, u.A)!.incidents).toBe(2);
    expect(row(c, u.A1)!.incidents).toBe(1);
    expect(row(c, u.B)!.incidents).toBe(2);
    expect(row(c, u.C)!.incidents).toBe(1);
  });

  it("puts the survey's aggression share beside them, from the published distributions", async () => {
    const results = await byUnit(coordinator);
    const c = await comparison(coordinator, results);
    // A stands for its subtree: 3 + 5 of 13 met verbal aggression.
    expect(row(c, u.A)!.aggressionShare).toBeCloseTo(8 / 13, 12);
    expect(row(c, u.A1)!.aggressionShare).toBeCloseTo(5 / 7, 12);
    expect(row(c, u.B)!.aggressionShare).toBeCloseTo(2 / 8, 12);
    // The same figures the results page shows for the item.
    const a = results.groups.find((g) => g.unitId === u.A)!;
    const verbal = a.items!.ag_verbal!;
    expect(verbal.n).toBe(13);
    expect((verbal.n - verbal.counts["0"]) / verbal.n).toBe(row(c, u.A)!.aggressionShare);
  });

  it("gives a suppressed unit its incident count but no survey share", async () => {
    const results = await byUnit(coordinator);
    const group = results.groups.find((g) => g.unitId === u.C)!;
    expect(group.suppressed).toBe(true);
    const c = await comparison(coordinator, results);
    expect(row(c, u.C)).toMatchObject({ aggressionShare: null, hidden: "small", incidents: 1 });
    for (const unitId of [u.A, u.A1, u.B]) expect(row(c, unitId)!.hidden).toBeNull();
  });

  it("shows a manager only their own units (and those beneath)", async () => {
    const c = await comparison(manager);
    expect(c!.rows.map((r) => r.unitId)).toEqual([u.A, u.A1]);
    expect(row(c, u.A)).toMatchObject({ incidents: 2 });
    expect(row(c, u.A)!.aggressionShare).toBeCloseTo(8 / 13, 12);
    // Even handed everyone's rows, a manager's comparison keeps their own units only.
    const all = await comparison(manager, await byUnit(coordinator));
    expect(all!.rows.map((r) => r.unitId)).toEqual([u.A, u.A1]);
  });

  it("is for readers of the results only, and only by unit with aggression items", async () => {
    expect((await caught(comparison(employee, await byUnit(coordinator)))).code).toBe("forbidden");
    const byGroup = (await resultBundle(coordinator, cycleId)).views.staffGroup;
    expect(await comparison(coordinator, byGroup)).toBeNull();
    const plain = await byUnit(coordinator, plainCycleId);
    expect(await incidentSurveyComparison(coordinator, plain, [])).toBeNull();
  });
});

describe("the survey share of one group", () => {
  const group = (over: Partial<ResultGroup>): ResultGroup => ({
    key: "unit:x",
    unitId: "x",
    name: "X",
    n: 10,
    suppressed: false,
    scales: {},
    items: null,
    ...over,
  });
  const ids = ["ag_verbal", "ag_threat"];

  it("is the highest share above the lowest point over the items shown", () => {
    const g = group({
      items: {
        ag_verbal: { n: 10, counts: { "0": 7, "1": 2, "2": 1, "3": 0 } },
        ag_threat: { n: 8, counts: { "0": 4, "1": 4, "2": 0, "3": 0 } },
      },
    });
    expect(aggressionShare(g, ids)).toEqual({ share: 0.5, hidden: null });
  });

  it("skips an item hidden for too few answers", () => {
    const g = group({
      items: { ag_verbal: { n: 10, counts: { "0": 7, "1": 3 } }, ag_threat: null },
    });
    expect(aggressionShare(g, ids)).toEqual({ share: 0.3, hidden: null });
  });

  it("is none for a hidden group, hidden items, or items nobody answered", () => {
    expect(
      aggressionShare(
        group({ suppressed: true, reason: "complementary", n: null, scales: null }),
        ids,
      ),
    ).toEqual({ share: null, hidden: "complementary" });
    expect(aggressionShare(group({ items: { ag_verbal: null, ag_threat: null } }), ids)).toEqual({
      share: null,
      hidden: "item",
    });
    expect(
      aggressionShare(group({ items: { ag_verbal: { n: 0, counts: { "0": 0, "1": 0 } } } }), ids),
    ).toEqual({ share: null, hidden: "empty" });
  });
});
