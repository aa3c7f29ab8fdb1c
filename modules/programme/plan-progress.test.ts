// Programme plans and their progress on a small fixture: what counts as delivered, what is
// still to come, who took part, and the coverage of staff groups and units (a manager: own
// units only).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { ROLES } from "../access/permissions.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { staffGroup } from "../org/schema.ts";
import { activityTypeByCode } from "./activity-types.ts";
import { cancelActivity } from "./cancel-activity.ts";
import { catalogueTypes } from "./list-activities.ts";
import { planProgress } from "./plan-progress.ts";
import { deletePlan, getPlan, listPlans, planFormInput, savePlan } from "./plans.ts";
import { publishActivity } from "./publish-activity.ts";
import { saveActivity } from "./save-activity.ts";
import { saveSession } from "./save-session.ts";
import { programmeAttendance, programmeEnrolment } from "./schema.ts";

const DAY = 24 * 3_600_000;
const dayOf = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe.each(testDbKinds)("programme plans (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let manager: Actor;
  let management: Actor;
  let employee: Actor;
  let administrator: Actor;
  let otherCoordinator: Actor;
  const types = {} as Record<"training" | "stress_workshop" | "seminar", string>;
  let planId: string;

  /** An activity with sessions `days` from today (negative: past), published unless told. */
  async function activity(
    type: keyof typeof types,
    days: number[],
    status: "published" | "draft" | "cancelled" = "published",
  ) {
    const id = await saveActivity(coordinator, null, {
      typeId: types[type],
      title: `${type} ${days.join(",")}`,
      format: "in_person",
      capacity: 30,
    });
    const sessions: string[] = [];
    for (const day of days) {
      sessions.push(
        await saveSession(coordinator, id, null, {
          startsAt: new Date(Date.now() + day * DAY),
          endsAt: new Date(Date.now() + day * DAY + 3 * 3_600_000),
          place: "Sala",
        }),
      );
    }
    if (status !== "draft") await publishActivity(coordinator, id);
    if (status === "cancelled") await cancelActivity(coordinator, id);
    return { id, sessions };
  }

  /** Attendance as it stands after the fact: an enrolment and a mark per person. */
  async function attended(
    a: { id: string; sessions: string[] },
    session: number,
    employeeId: string,
    present = true,
  ) {
    await db()
      .insert(programmeEnrolment)
      .values({ centreId: s.centre.id, activityId: a.id, employeeId, status: "confirmed" })
      .onConflictDoNothing();
    const [{ id: enrolmentId }] = await db()
      .select({ id: programmeEnrolment.id })
      .from(programmeEnrolment)
      .where(
        and(eq(programmeEnrolment.activityId, a.id), eq(programmeEnrolment.employeeId, employeeId)),
      );
    await db().insert(programmeAttendance).values({
      centreId: s.centre.id,
      sessionId: a.sessions[session],
      enrolmentId,
      present,
    });
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    management = await actorFor(s.users.management.userId);
    employee = await actorFor(s.users.employee.userId);
    administrator = await actorFor(s.users.administrator.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    await catalogueTypes(coordinator);
    await catalogueTypes(otherCoordinator);
    for (const code of ["training", "stress_workshop", "seminar"] as const) {
      types[code] = (await activityTypeByCode(db(), s.centre.id, code))!.id;
    }
    planId = await savePlan(coordinator, null, {
      name: "Program 2025–2027",
      periodStart: dayOf(-60),
      periodEnd: dayOf(60),
      items: {
        [types.training]: { plannedCount: 3, plannedParticipants: 10 },
        [types.stress_workshop]: { plannedCount: "2", plannedParticipants: "" },
      },
    });

    const delivered = await activity("training", [-20]);
    await attended(delivered, 0, s.users.employee.employeeId);
    await attended(delivered, 0, s.users.specialist.employeeId, false);
    const running = await activity("training", [-10, 10]);
    await attended(running, 0, s.employeeInUnitB.id);
    const draft = await activity("training", [-15], "draft");
    await attended(draft, 0, s.users.coordinator.employeeId);
    await activity("stress_workshop", [-5], "cancelled");
    const before = await activity("training", [-100]);
    await attended(before, 0, s.users.manager.employeeId);
    await activity("seminar", [-3]);
    await activity("training", [90]); // after the period
  });
  afterAll(() => d.drop());

  it("counts delivered and scheduled activities per kind, and the people who attended", async () => {
    const p = await planProgress(coordinator, planId);
    const byType = Object.fromEntries(p.kinds.map((k) => [k.typeId, k]));
    expect(byType[types.training]).toMatchObject({
      code: "training",
      planned: 3,
      plannedParticipants: 10,
      delivered: 1,
      scheduled: 1,
      // The draft's attendance counts: people took part, whatever became of the record.
      participants: 3,
    });
    expect(byType[types.training].share).toBeCloseTo(1 / 3);
    // The cancelled workshop does not count as delivered.
    expect(byType[types.stress_workshop]).toMatchObject({
      planned: 2,
      plannedParticipants: null,
      delivered: 0,
      scheduled: 0,
      share: 0,
    });
    // A kind outside the plan is shown when something of it happened in the period.
    expect(byType[types.seminar]).toMatchObject({ planned: null, delivered: 1, share: null });
    expect(p.kinds.map((k) => k.typeId)).toEqual([
      types.training,
      types.stress_workshop,
      types.seminar,
    ]);
  });

  it("shows the coverage of each staff group and unit among today's employees", async () => {
    const p = await planProgress(coordinator, planId);
    // One employee per role in unit A, and Anna Nowak (no position) in unit B. Present in the
    // period: the employee, Anna Nowak and the coordinator (the draft's session); the manager
    // only before it, the specialist was absent.
    const staff = ROLES.length + 1;
    expect(p.coverage.total).toEqual({ employees: staff, participants: 3, share: 3 / staff });
    const [firstGroup] = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.centreId, s.centre.id))
      .orderBy(staffGroup.sortOrder);
    const groups = Object.fromEntries(p.coverage.byGroup.map((g) => [g.id ?? "none", g]));
    expect(groups[firstGroup.id]).toMatchObject({ employees: ROLES.length, participants: 2 });
    expect(groups.none).toMatchObject({ name: "", employees: 1, participants: 1, share: 1 });
    const empty = p.coverage.byGroup.filter((g) => g.employees === 0);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.every((g) => g.share === null)).toBe(true);
    expect(p.coverage.byUnit.map((u) => [u.name, u.employees, u.participants])).toEqual([
      ["Dział A", ROLES.length, 2],
      ["Dział B", 1, 1],
    ]);
    expect(p.scoped).toBe(false);
  });

  it("shows a manager only the units they manage", async () => {
    const p = await planProgress(manager, planId);
    expect(p.scoped).toBe(true);
    expect(p.coverage.byUnit.map((u) => u.id)).toEqual([s.unitA.id]);
    expect(p.coverage.total).toEqual({
      employees: ROLES.length,
      participants: 2,
      share: 2 / ROLES.length,
    });
    expect(p.coverage.byGroup.some((g) => g.id === null)).toBe(false);
    // The plan itself (kinds, delivery) is the centre's, the same for everyone.
    expect((await planProgress(management, planId)).kinds).toEqual(p.kinds);
  });

  it("opens plans to whoever reads reports or runs the programme, and to nobody else", async () => {
    expect((await getPlan(administrator, planId)).name).toBe("Program 2025–2027");
    expect((await caught(getPlan(employee, planId))).code).toBe("forbidden");
    expect((await caught(planProgress(employee, planId))).code).toBe("forbidden");
    expect((await caught(getPlan(otherCoordinator, planId))).code).toBe("not_found");
    expect((await caught(savePlan(manager, planId, {}))).code).toBe("forbidden");
    expect(
      (
        await caught(
          savePlan(otherCoordinator, planId, {
            name: "Przejęty",
            periodStart: dayOf(0),
            periodEnd: dayOf(1),
          }),
        )
      ).code,
    ).toBe("not_found");
    expect((await caught(deletePlan(otherCoordinator, planId))).code).toBe("not_found");
  });

  it("refuses a period that ends before it starts, and kinds of another centre", async () => {
    const backwards = await caught(
      savePlan(coordinator, null, { name: "Zły", periodStart: dayOf(5), periodEnd: dayOf(1) }),
    );
    expect(backwards.fieldErrors).toEqual({ periodEnd: "errors.programmePlanPeriod" });
    const theirs = (await activityTypeByCode(db(), other.centre.id, "training"))!.id;
    const foreign = await caught(
      savePlan(coordinator, null, {
        name: "Obcy rodzaj",
        periodStart: dayOf(0),
        periodEnd: dayOf(10),
        items: { [theirs]: { plannedCount: 1 } },
      }),
    );
    expect(foreign.fieldErrors).toEqual({ [`items.${theirs}.plannedCount`]: "errors.invalid" });
    const form = planFormInput({
      name: "",
      periodStart: "2026-02-30",
      periodEnd: "",
      [`items.${types.training}.plannedCount`]: "-1",
      [`items.${types.seminar}.plannedCount`]: "",
      [`items.${types.seminar}.plannedParticipants`]: "5",
      [`items.${types.stress_workshop}.plannedCount`]: "",
      [`items.${types.stress_workshop}.plannedParticipants`]: "",
    });
    const err = await caught(savePlan(coordinator, null, form));
    expect(err.fieldErrors).toEqual({
      name: "errors.required",
      periodStart: "errors.date",
      periodEnd: "errors.required",
      [`items.${types.training}.plannedCount`]: "errors.programmePlannedCount",
      [`items.${types.seminar}.plannedCount`]: "errors.required",
    });
    expect((await listPlans(coordinator, {})).total).toBe(1);
  });

  it("lists, changes and deletes plans", async () => {
    const second = await savePlan(coordinator, null, {
      name: "Plan roczny 2026",
      periodStart: dayOf(-400),
      periodEnd: dayOf(-98),
    });
    const list = await listPlans(manager, { sort: "name", dir: "asc" });
    expect(list.rows.map((r) => [r.name, r.planned])).toEqual([
      ["Plan roczny 2026", 0],
      ["Program 2025–2027", 5],
    ]);
    expect((await listPlans(manager, { q: "roczny" })).rows.map((r) => r.id)).toEqual([second]);
    await savePlan(coordinator, second, {
      name: "Plan roczny",
      periodStart: dayOf(-400),
      periodEnd: dayOf(-98),
      items: { [types.seminar]: { plannedCount: 4 } },
    });
    expect((await getPlan(coordinator, second)).items).toEqual([
      { typeId: types.seminar, plannedCount: 4, plannedParticipants: null },
    ]);
    // Nothing of the fixture fell in that year but the activity 100 days ago; what the plan
    // names comes first.
    const p = await planProgress(coordinator, second);
    expect(p.kinds.map((k) => [k.code, k.planned, k.delivered])).toEqual([
      ["seminar", 4, 0],
      ["training", null, 1],
    ]);
    await deletePlan(coordinator, second);
    expect((await caught(getPlan(coordinator, second))).code).toBe("not_found");
  });
});
