import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { orgUnit } from "../org/schema.ts";
import {
  surveyComment,
  surveyCycle,
  surveyInstrument,
  surveyParticipation,
  surveyPublicLink,
  surveyResponse,
} from "../survey/schema.ts";
import { scoreResponse, validateAnswers } from "../survey/scoring.ts";
import { buildDemo, DEMO_CENTRES, type DemoResult, formatDemoReport } from "./build-demo.ts";
import { planCentre } from "./plan.ts";
import { STORY_SITES } from "./survey-model.ts";

const plans = DEMO_CENTRES.map(planCentre);
const centreIds = plans.map((p) => p.centre.id);
const [gdansk] = plans;

/** Every survey row of the demo centres, in a fixed order; token hashes are random by design. */
async function surveyRows() {
  const cycles = await db()
    .select()
    .from(surveyCycle)
    .where(inArray(surveyCycle.centreId, centreIds))
    .orderBy(asc(surveyCycle.id));
  const cycleIds = cycles.map((c) => c.id);
  return {
    instruments: await db()
      .select()
      .from(surveyInstrument)
      .where(inArray(surveyInstrument.centreId, centreIds))
      .orderBy(asc(surveyInstrument.id)),
    cycles,
    participation: await db()
      .select({
        id: surveyParticipation.id,
        cycleId: surveyParticipation.cycleId,
        employeeId: surveyParticipation.employeeId,
        unitId: surveyParticipation.unitId,
        staffGroupId: surveyParticipation.staffGroupId,
        invitedOn: surveyParticipation.invitedOn,
        answeredOn: surveyParticipation.answeredOn,
        remindedOn: surveyParticipation.remindedOn,
      })
      .from(surveyParticipation)
      .where(inArray(surveyParticipation.cycleId, cycleIds))
      .orderBy(asc(surveyParticipation.id)),
    responses: await db()
      .select()
      .from(surveyResponse)
      .where(inArray(surveyResponse.cycleId, cycleIds))
      .orderBy(asc(surveyResponse.id)),
    comments: await db()
      .select()
      .from(surveyComment)
      .where(inArray(surveyComment.cycleId, cycleIds))
      .orderBy(asc(surveyComment.id)),
    links: await db()
      .select()
      .from(surveyPublicLink)
      .where(inArray(surveyPublicLink.cycleId, cycleIds))
      .orderBy(asc(surveyPublicLink.id)),
  };
}

describe.each(testDbKinds)("the demo's surveys (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let result: DemoResult;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    result = await buildDemo();
  });
  afterAll(() => d.drop());

  it("gives each centre the default instruments, three closed workload surveys and an open client-service one", async () => {
    for (const p of plans) {
      const instruments = await db()
        .select({ slug: surveyInstrument.slug, version: surveyInstrument.version })
        .from(surveyInstrument)
        .where(eq(surveyInstrument.centreId, p.centre.id))
        .orderBy(surveyInstrument.slug);
      expect(instruments).toEqual([
        { slug: "obciazenie-zawodowe", version: 1 },
        { slug: "ocena-obslugi", version: 1 },
      ]);
      const cycles = await db()
        .select({ name: surveyCycle.name, kind: surveyCycle.kind, status: surveyCycle.status })
        .from(surveyCycle)
        .where(eq(surveyCycle.centreId, p.centre.id))
        .orderBy(surveyCycle.opensAt);
      expect(cycles.map((c) => `${c.kind} ${c.status}`)).toEqual([
        "staff closed",
        "staff closed",
        "staff closed",
        "client open",
      ]);
      expect(cycles[0].name).toBe("Badanie obciążenia zawodowego – wiosna 2025");
    }
    const report = formatDemoReport(result, 1);
    expect(report).toMatch(
      /MOPR Gdańsk \(demo\): 3 closed workload surveys \(\d+ responses\), an open client-service survey at 3 locations/,
    );
    expect(report).toContain("MGOPS Daleszyce (demo): 3 closed workload surveys");
  });

  it("stores responses that validate against their instrument and carry its scores", async () => {
    const rows = await db()
      .select({
        answers: surveyResponse.answers,
        scores: surveyResponse.scores,
        definition: surveyInstrument.definition,
      })
      .from(surveyResponse)
      .innerJoin(surveyCycle, eq(surveyCycle.id, surveyResponse.cycleId))
      .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
      .where(inArray(surveyCycle.centreId, centreIds));
    expect(rows.length).toBeGreaterThan(900);
    for (const r of rows) {
      expect(validateAnswers(r.definition, r.answers)).toEqual([]);
      expect(r.scores).toEqual(scoreResponse(r.definition, r.answers));
    }
  });

  it("tells the story in the stored scores: two centres of social work overloaded, then easing", async () => {
    const storyUnitIds = gdansk.units
      .filter((u) => {
        const parent = gdansk.units.find((x) => x.id === u.parentId);
        return STORY_SITES[gdansk.key].includes(parent?.key ?? u.key);
      })
      .map((u) => u.id);
    const score = sql<number>`((${surveyResponse.scores} -> 'clientBurnout' ->> 'score')::float8)`;
    const rows = await db()
      .select({
        name: surveyCycle.name,
        inStory: sql<boolean>`${surveyResponse.unitId} in (${sql.join(
          storyUnitIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
        mean: sql<number>`avg(${score})::float8`,
      })
      .from(surveyResponse)
      .innerJoin(surveyCycle, eq(surveyCycle.id, surveyResponse.cycleId))
      .where(and(eq(surveyCycle.centreId, gdansk.centre.id), eq(surveyCycle.kind, "staff")))
      .groupBy(surveyCycle.name, sql`2`);
    const mean = (name: string, inStory: boolean) =>
      Number(rows.find((r) => r.name.endsWith(name) && r.inStory === inStory)?.mean);
    expect(mean("wiosna 2025", true) - mean("wiosna 2025", false)).toBeGreaterThanOrEqual(15);
    expect(mean("wiosna 2025", true) - mean("wiosna 2026", true)).toBeGreaterThanOrEqual(12);
  });

  it("keeps responses apart from participation: counts match per unit and group, nothing links them", async () => {
    const answered = await db()
      .select({
        unitId: surveyParticipation.unitId,
        staffGroupId: surveyParticipation.staffGroupId,
        n: sql<number>`count(*)::int`,
      })
      .from(surveyParticipation)
      .innerJoin(surveyCycle, eq(surveyCycle.id, surveyParticipation.cycleId))
      .where(
        and(
          eq(surveyCycle.centreId, gdansk.centre.id),
          sql`${surveyParticipation.answeredOn} is not null`,
        ),
      )
      .groupBy(surveyParticipation.unitId, surveyParticipation.staffGroupId)
      .orderBy(surveyParticipation.unitId, surveyParticipation.staffGroupId);
    const responded = await db()
      .select({
        unitId: surveyResponse.unitId,
        staffGroupId: surveyResponse.staffGroupId,
        n: sql<number>`count(*)::int`,
      })
      .from(surveyResponse)
      .innerJoin(surveyCycle, eq(surveyCycle.id, surveyResponse.cycleId))
      .where(and(eq(surveyCycle.centreId, gdansk.centre.id), eq(surveyCycle.kind, "staff")))
      .groupBy(surveyResponse.unitId, surveyResponse.staffGroupId)
      .orderBy(surveyResponse.unitId, surveyResponse.staffGroupId);
    expect(responded).toEqual(answered);
    const participationIds = new Set((await surveyRows()).participation.map((p) => p.id));
    for (const r of (await surveyRows()).responses) expect(participationIds.has(r.id)).toBe(false);
  });

  it("gives the public links units of the centre, each with answers", async () => {
    const links = await db()
      .select({ unit: orgUnit.name, slug: surveyPublicLink.slug })
      .from(surveyPublicLink)
      .innerJoin(orgUnit, eq(orgUnit.id, surveyPublicLink.unitId))
      .where(eq(orgUnit.centreId, gdansk.centre.id))
      .orderBy(orgUnit.name);
    expect(links.map((l) => l.unit)).toEqual([
      "Centrum Pracy Socjalnej nr 1",
      "Centrum Pracy Socjalnej nr 3",
      "Centrum Pracy Socjalnej nr 5",
    ]);
  });

  it("gives the same rows when built again", async () => {
    const before = await surveyRows();
    const tokens = await db()
      .select({ hash: surveyParticipation.tokenHash })
      .from(surveyParticipation)
      .orderBy(surveyParticipation.id)
      .limit(5);
    await buildDemo();
    expect(await surveyRows()).toEqual(before);
    // Token hashes are random on each run: no demo token can be derived from the code.
    const again = await db()
      .select({ hash: surveyParticipation.tokenHash })
      .from(surveyParticipation)
      .orderBy(surveyParticipation.id)
      .limit(5);
    expect(again.map((t) => t.hash)).not.toEqual(tokens.map((t) => t.hash));
  });
});
