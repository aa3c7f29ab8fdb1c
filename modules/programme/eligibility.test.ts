import { describe, expect, it } from "vitest";
import {
  cancelDeadline,
  checkCancel,
  checkEligibility,
  type EligibilityInput,
  firstSessionStart,
  placeStatus,
} from "./eligibility.ts";

const now = new Date("2026-03-10T10:00:00Z");
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);

const social = { staffGroupId: "g-direct", positionId: "p-social", unitPath: ["u-cps3", "u-root"] };

type Over = Omit<Partial<EligibilityInput>, "activity"> & {
  activity?: Partial<EligibilityInput["activity"]>;
};

function input(over: Over = {}): EligibilityInput {
  const { activity, ...rest } = over;
  return {
    now,
    activity: {
      status: "published",
      target: {},
      priority: {},
      enrolOpensAt: hours(-48),
      enrolClosesAt: hours(48),
      priorityUntil: null,
      requiresApproval: false,
      ...activity,
    },
    firstSessionStart: hours(72),
    member: { ...social, active: true },
    live: null,
    mode: { kind: "self" },
    ...rest,
  };
}

const self = { kind: "self" } as const;
const byCoordinator = (outsideTarget = false) =>
  ({ kind: "nominate", by: "coordinator", outsideTarget }) as const;
const byManager = { kind: "nominate", by: "manager", outsideTarget: false } as const;

describe("checkEligibility", () => {
  it("admits an employee to a published activity within its window", () => {
    expect(checkEligibility(input())).toEqual({ ok: true, approval: false });
  });

  it("enrols only in published activities", () => {
    expect(checkEligibility(input({ activity: { status: "draft" } }))).toEqual({
      ok: false,
      reason: "programme.enrol.reason.notPublished",
    });
    expect(checkEligibility(input({ activity: { status: "cancelled" } }))).toMatchObject({
      reason: "programme.enrol.reason.cancelled",
    });
  });

  it("refuses an account without an employee record, and an inactive employee", () => {
    expect(checkEligibility(input({ member: null }))).toMatchObject({
      reason: "programme.enrol.reason.noEmployee",
    });
    expect(checkEligibility(input({ member: null, mode: byManager }))).toMatchObject({
      reason: "programme.enrol.reason.employeeUnknown",
    });
    expect(checkEligibility(input({ member: { ...social, active: false } }))).toMatchObject({
      reason: "programme.enrol.reason.inactive",
    });
  });

  it("says clearly when the person is already enrolled, waiting or on the waitlist", () => {
    expect(checkEligibility(input({ live: "confirmed" }))).toMatchObject({
      reason: "programme.enrol.reason.alreadyConfirmed",
    });
    expect(checkEligibility(input({ live: "pending" }))).toMatchObject({
      reason: "programme.enrol.reason.alreadyPending",
    });
    expect(checkEligibility(input({ live: "waitlisted" }))).toMatchObject({
      reason: "programme.enrol.reason.alreadyWaitlisted",
    });
  });

  it("closes enrolment once the first session has started, for everyone", () => {
    for (const mode of [self, byManager, byCoordinator(true)]) {
      expect(checkEligibility(input({ firstSessionStart: hours(-1), mode }))).toMatchObject({
        reason: "programme.enrol.reason.started",
      });
    }
    expect(checkEligibility(input({ firstSessionStart: now }))).toMatchObject({ ok: false });
    expect(checkEligibility(input({ firstSessionStart: null }))).toMatchObject({ ok: true });
  });

  it("keeps to the enrolment window, except for a coordinator's nomination", () => {
    const notYet = { activity: { enrolOpensAt: hours(1) } };
    const closed = { activity: { enrolClosesAt: hours(-1) } };
    expect(checkEligibility(input(notYet))).toMatchObject({
      reason: "programme.enrol.reason.notYetOpen",
    });
    expect(checkEligibility(input(closed))).toMatchObject({
      reason: "programme.enrol.reason.closed",
    });
    expect(checkEligibility(input({ ...closed, mode: byManager }))).toMatchObject({
      reason: "programme.enrol.reason.closed",
    });
    expect(checkEligibility(input({ ...closed, mode: byCoordinator() }))).toMatchObject({
      ok: true,
    });
    // The closing moment itself is already closed; the opening moment is open.
    expect(checkEligibility(input({ activity: { enrolClosesAt: now } }))).toMatchObject({
      ok: false,
    });
    expect(checkEligibility(input({ activity: { enrolOpensAt: now } }))).toMatchObject({
      ok: true,
    });
  });

  it("admits only the target audience: staff group, position, unit with its sub-units", () => {
    const byGroup = { activity: { target: { staffGroupIds: ["g-office"] } } };
    expect(checkEligibility(input(byGroup))).toMatchObject({
      reason: "programme.enrol.reason.notInTarget",
    });
    expect(
      checkEligibility(input({ activity: { target: { unitIds: ["u-root"] } } })),
    ).toMatchObject({ ok: true });
    expect(
      checkEligibility(input({ activity: { target: { positionIds: ["p-other"] } } })),
    ).toMatchObject({ ok: false });
    // A manager cannot place someone outside it; a coordinator can, when they say so.
    expect(checkEligibility(input({ ...byGroup, mode: byManager }))).toMatchObject({
      reason: "programme.enrol.reason.employeeNotInTarget",
    });
    expect(checkEligibility(input({ ...byGroup, mode: byCoordinator() }))).toMatchObject({
      ok: false,
    });
    expect(checkEligibility(input({ ...byGroup, mode: byCoordinator(true) }))).toMatchObject({
      ok: true,
    });
  });

  it("lets only the priority groups enrol themselves before the priority window ends", () => {
    const window = {
      priorityUntil: hours(24),
      priority: { staffGroupIds: ["g-management"] },
    };
    expect(checkEligibility(input({ activity: window }))).toMatchObject({
      reason: "programme.enrol.reason.priorityOnly",
    });
    // In a priority group; after the window; or nominated: admitted.
    expect(
      checkEligibility(
        input({ activity: { ...window, priority: { staffGroupIds: ["g-direct"] } } }),
      ),
    ).toMatchObject({ ok: true });
    expect(
      checkEligibility(input({ activity: { ...window, priorityUntil: hours(-1) } })),
    ).toMatchObject({ ok: true });
    expect(checkEligibility(input({ activity: window, mode: byManager }))).toMatchObject({
      ok: true,
    });
  });

  it("asks for approval only when the person signs up themselves", () => {
    const approval = { activity: { requiresApproval: true } };
    expect(checkEligibility(input(approval))).toEqual({ ok: true, approval: true });
    expect(checkEligibility(input({ ...approval, mode: byManager }))).toEqual({
      ok: true,
      approval: false,
    });
  });
});

describe("checkCancel", () => {
  const first = hours(30);
  const base = { now, firstSessionStart: first, deadlineHours: 24 };

  it("lets the person leave a place until the deadline before the first session", () => {
    expect(checkCancel({ ...base, status: "confirmed", by: "self" })).toEqual({ ok: true });
    expect(
      checkCancel({ ...base, deadlineHours: 30, status: "confirmed", by: "self" }),
    ).toMatchObject({ reason: "programme.enrol.reason.pastDeadline" });
    expect(
      checkCancel({ ...base, deadlineHours: 48, status: "pending", by: "manager" }),
    ).toMatchObject({ ok: false });
  });

  it("lets a coordinator cancel at any time, and anyone leave the waitlist", () => {
    const late = { ...base, firstSessionStart: hours(-5) };
    expect(checkCancel({ ...late, status: "confirmed", by: "coordinator" })).toEqual({ ok: true });
    expect(checkCancel({ ...late, status: "waitlisted", by: "self" })).toEqual({ ok: true });
  });

  it("refuses what is no longer live", () => {
    for (const status of ["cancelled", "rejected"] as const) {
      expect(checkCancel({ ...base, status, by: "coordinator" })).toMatchObject({
        reason: "programme.enrol.reason.notLive",
      });
    }
  });

  it("computes the deadline from the first session that takes place", () => {
    const sessions = [
      { startsAt: hours(5), cancelledAt: now },
      { startsAt: hours(50) },
      { startsAt: hours(30) },
    ];
    expect(firstSessionStart(sessions)).toEqual(hours(30));
    expect(cancelDeadline(hours(30), 24)).toEqual(hours(6));
    expect(cancelDeadline(null, 24)).toBeNull();
    expect(firstSessionStart([])).toBeNull();
  });
});

describe("placeStatus", () => {
  it("gives a free place confirmed or pending, and no place the waitlist", () => {
    expect(placeStatus(true, false)).toBe("confirmed");
    expect(placeStatus(true, true)).toBe("pending");
    expect(placeStatus(false, true)).toBe("waitlisted");
  });
});
