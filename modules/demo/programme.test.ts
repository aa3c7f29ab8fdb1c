import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { loadActor } from "../access/actor.ts";
import { ensureActivityTypes } from "../programme/activity-types.ts";
import { verifyCertificate } from "../programme/certificates.ts";
import { enrolmentStatus } from "../programme/enrolment-status.ts";
import {
  programmeActivity,
  programmeActivityType,
  programmeAttendance,
  programmeCertificate,
  programmeEnrolment,
  programmeEvaluationParticipation,
  programmeEvaluationResponse,
  programmePlan,
  programmePlanItem,
  programmeSession,
  programmeTestAttempt,
  programmeTestQuestion,
} from "../programme/schema.ts";
import { myTestResults } from "../programme/test-results.ts";
import { buildDemo, DEMO_CENTRES, type DemoResult, formatDemoReport } from "./build-demo.ts";
import { planCentre } from "./plan.ts";
import { programme } from "./programme.ts";
import { programmeViolations } from "./programme-check.ts";
import { type DemoProgrammeData, PLAN_NAME, planProgrammeData } from "./programme-model.ts";
import { DEMO_STEPS } from "./steps.ts";
import { warsawDay } from "./survey-model.ts";

const plans = DEMO_CENTRES.map(planCentre);
const [gdansk] = plans;
// The survey step takes most of a build and nothing here depends on it.
const steps = DEMO_STEPS.filter((s) => s.name !== "surveys");

/** Every programme row of a centre as the model shapes them; enrolments in `seq` order. */
async function rowsOf(centreId: string): Promise<DemoProgrammeData & { seqs: number[] }> {
  const q = db();
  const enrolments = await q
    .select()
    .from(programmeEnrolment)
    .where(eq(programmeEnrolment.centreId, centreId))
    .orderBy(asc(programmeEnrolment.seq));
  return {
    types: await q
      .select()
      .from(programmeActivityType)
      .where(eq(programmeActivityType.centreId, centreId))
      .orderBy(asc(programmeActivityType.id)),
    plans: await q
      .select()
      .from(programmePlan)
      .where(eq(programmePlan.centreId, centreId))
      .orderBy(asc(programmePlan.id)),
    planItems: await q
      .select()
      .from(programmePlanItem)
      .where(eq(programmePlanItem.centreId, centreId))
      .orderBy(asc(programmePlanItem.id)),
    activities: await q
      .select()
      .from(programmeActivity)
      .where(eq(programmeActivity.centreId, centreId))
      .orderBy(asc(programmeActivity.id)),
    sessions: await q
      .select()
      .from(programmeSession)
      .where(eq(programmeSession.centreId, centreId))
      .orderBy(asc(programmeSession.id)),
    enrolments: enrolments.map(({ seq: _, ...e }) => e),
    seqs: enrolments.map((e) => e.seq),
    attendance: await q
      .select()
      .from(programmeAttendance)
      .where(eq(programmeAttendance.centreId, centreId))
      .orderBy(asc(programmeAttendance.id)),
    certificates: await q
      .select()
      .from(programmeCertificate)
      .where(eq(programmeCertificate.centreId, centreId))
      .orderBy(asc(programmeCertificate.id)),
    questions: await q
      .select()
      .from(programmeTestQuestion)
      .where(eq(programmeTestQuestion.centreId, centreId))
      .orderBy(asc(programmeTestQuestion.id)),
    attempts: await q
      .select()
      .from(programmeTestAttempt)
      .where(eq(programmeTestAttempt.centreId, centreId))
      .orderBy(asc(programmeTestAttempt.id)),
    evaluationParticipation: await q
      .select()
      .from(programmeEvaluationParticipation)
      .where(eq(programmeEvaluationParticipation.centreId, centreId))
      .orderBy(asc(programmeEvaluationParticipation.id)),
    evaluationResponses: await q
      .select()
      .from(programmeEvaluationResponse)
      .where(eq(programmeEvaluationResponse.centreId, centreId))
      .orderBy(asc(programmeEvaluationResponse.id)),
  };
}

describe.each(testDbKinds)("the demo's support programme (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let result: DemoResult;
  let today: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    today = warsawDay(new Date());
    result = await buildDemo({ steps });
  });
  afterAll(() => d.drop());

  it("is a step of the demo build, reported with its counts", () => {
    expect(DEMO_STEPS).toContain(programme);
    const report = formatDemoReport(result, 1);
    expect(report).toMatch(
      /MOPR Gdańsk \(demo\): programme plan with 46 activities \(\d+ held, \d+ coming, \d+ open for enrolment, 1 cancelled\), \d+ enrolments \(\d+ on waitlists\), \d+ attendance marks, \d+ certificates, \d+ test attempts, \d+ closed evaluations \(\d+ responses\)/,
    );
    expect(report).toMatch(/MGOPS Daleszyce \(demo\): programme plan with 7 activities/);
  });

  it("stores rows that keep every invariant of the programme module", async () => {
    for (const p of plans) {
      const rows = await rowsOf(p.centre.id);
      expect(rows.activities.length).toBeGreaterThan(0);
      expect(rows.attendance.length).toBeGreaterThan(0);
      expect(programmeViolations(p, rows, today)).toEqual([]);
    }
  });

  it("keeps seats taken equal to the places held, as the database counts them", async () => {
    const held = sql<number>`(select count(*)::int from programme_enrolment e
      where e.activity_id = programme_activity.id and e.status in ('pending', 'confirmed'))`;
    const rows = await db()
      .select({ title: programmeActivity.title, seats: programmeActivity.seatsTaken, held })
      .from(programmeActivity)
      .where(eq(programmeActivity.centreId, gdansk.centre.id));
    expect(rows.length).toBe(47);
    for (const r of rows) expect([r.title, r.seats]).toEqual([r.title, r.held]);
  });

  it("numbers enrolments in arrival order, so waitlists are promoted as people came", async () => {
    const rows = await rowsOf(gdansk.centre.id);
    const created = rows.enrolments.map((e) => e.createdAt.getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(new Set(rows.seqs).size).toBe(rows.seqs.length);
    expect(rows.enrolments.some((e) => e.status === "waitlisted")).toBe(true);
  });

  it("creates the built-in kinds as the catalogue would, and the programme plan", async () => {
    for (const p of plans) {
      const before = await rowsOf(p.centre.id);
      const types = await ensureActivityTypes(db(), p.centre.id);
      expect(types.map((t) => t.id).sort()).toEqual(before.types.map((t) => t.id).sort());
      expect(types).toHaveLength(9);
      expect(before.plans.map((x) => x.name)).toEqual([PLAN_NAME]);
    }
    const items = await db()
      .select({ code: programmeActivityType.code, count: programmePlanItem.plannedCount })
      .from(programmePlanItem)
      .innerJoin(programmeActivityType, eq(programmeActivityType.id, programmePlanItem.typeId))
      .where(eq(programmePlanItem.centreId, gdansk.centre.id))
      .orderBy(asc(programmeActivityType.sortOrder));
    expect(items).toEqual([
      { code: "training", count: 13 },
      { code: "webinar", count: 1 },
      { code: "stress_workshop", count: 18 },
      { code: "outdoor_workshop", count: 12 },
    ]);
  });

  it("reads as the programme's own services read it", async () => {
    const data = planProgrammeData(gdansk, { today });
    const account = (role: string) => gdansk.accounts.find((a) => a.role === role);
    const employeeActor = await loadActor(account("employee")?.userId ?? "");
    if (!employeeActor) throw new Error("no demo employee");
    // "My development": the latest training's pre- and post-test, with the gain.
    const tests = await myTestResults(employeeActor);
    expect(tests.map((t) => [t.pre?.score, t.post?.score])).toContainEqual([2, 5]);
    // The webinar coming: confirmed, and the employee may still leave it.
    const webinar = data.activities.find((a) => a.title.startsWith("Webinarium"));
    const status = await enrolmentStatus(employeeActor, webinar?.id ?? "");
    expect(status.enrolment?.status).toBe("confirmed");
    expect(status.canCancel).toBe(true);
    // The full workshop: the waitlist is numbered in the order people came.
    const coming = new Set(
      data.sessions.filter((x) => x.startsAt > new Date()).map((x) => x.activityId),
    );
    const full = data.activities.find(
      (a) =>
        coming.has(a.id) &&
        a.seatsTaken === a.capacity &&
        data.enrolments.some((e) => e.activityId === a.id && e.status === "waitlisted"),
    );
    const queue = data.enrolments.filter(
      (e) => e.activityId === full?.id && e.status === "waitlisted",
    );
    expect(queue.length).toBeGreaterThanOrEqual(3);
    for (const [i, e] of queue.entries()) {
      const s = await enrolmentStatus(
        { ...employeeActor, employeeId: e.employeeId },
        full?.id ?? "",
      );
      expect(s.enrolment).toMatchObject({ status: "waitlisted", waitlistPosition: i + 1 });
    }
    // The public verification page's service confirms a certificate, and tells a revoked one.
    const mine = data.certificates.find(
      (c) => c.employeeId === employeeActor.employeeId && !c.revokedAt,
    );
    expect(await verifyCertificate(mine?.number ?? "", "192.0.2.7")).toMatchObject({
      status: "valid",
      holderName: employeeActor.name,
      number: mine?.number,
    });
    const revoked = data.certificates.find((c) => c.revokedAt);
    expect(await verifyCertificate(revoked?.number ?? "", "192.0.2.7")).toMatchObject({
      status: "revoked",
    });
  });

  it("gives the same rows when built again", async () => {
    const before = await Promise.all(plans.map((p) => rowsOf(p.centre.id)));
    await buildDemo({ steps });
    const after = await Promise.all(plans.map((p) => rowsOf(p.centre.id)));
    // The sequence goes on counting; what matters is the order, which the rows above keep.
    const withoutSeq = (r: (typeof before)[number]) => ({ ...r, seqs: [] });
    expect(after.map(withoutSeq)).toEqual(before.map(withoutSeq));
  });
});
