// The planning's pure rules: who is due and as what, the times of a day, and the spread over
// working days (weekends and public holidays skipped, the spill past the first day).
import { describe, expect, it } from "vitest";
import type { ExamFacts } from "./exam-status.ts";
import {
  allocate,
  appointmentMinute,
  byUrgency,
  dueForPlanning,
  referralNumber,
} from "./plan-rules.ts";
import { EXAM_KINDS } from "./schema.ts";

const TODAY = "2026-12-01";
const all = { kinds: EXAM_KINDS, horizonDays: 60 };
let id = 0;
const exam = (e: Partial<ExamFacts>): ExamFacts => ({
  id: String(++id),
  kind: "periodic",
  status: "done",
  examDate: "2025-01-10",
  outcome: "fit",
  validUntil: "2028-01-10",
  ...e,
});

describe("dueForPlanning", () => {
  it("plans nobody with a planned exam or a certificate valid beyond the horizon", () => {
    expect(dueForPlanning([exam({})], [], TODAY, all)).toBeNull();
    expect(
      dueForPlanning([exam({ status: "planned", examDate: null })], [], TODAY, all),
    ).toBeNull();
    expect(
      dueForPlanning([exam({ validUntil: "2027-03-01" })], [], TODAY, { ...all, horizonDays: 60 }),
    ).toBeNull();
  });

  it("says why and as what", () => {
    expect(dueForPlanning([], [], TODAY, all)).toEqual({
      kind: "initial",
      reason: "none",
      validUntil: null,
      dueBy: TODAY,
    });
    expect(dueForPlanning([exam({ validUntil: "2026-11-30" })], [], TODAY, all)).toMatchObject({
      kind: "periodic",
      reason: "expired",
      dueBy: "2026-11-30",
    });
    expect(dueForPlanning([exam({ validUntil: "2027-01-20" })], [], TODAY, all)).toMatchObject({
      kind: "periodic",
      reason: "expiring",
      dueBy: "2027-01-20",
    });
    expect(
      dueForPlanning([exam({ outcome: "unfit", validUntil: null })], [], TODAY, all),
    ).toMatchObject({ kind: "periodic", reason: "unfit" });
    // 31 days of sick leave after the last certificate.
    expect(
      dueForPlanning([exam({})], [{ fromDate: "2026-09-01", toDate: "2026-10-01" }], TODAY, all),
    ).toMatchObject({ kind: "control", reason: "control", dueBy: "2026-10-01" });
  });

  it("leaves out the kinds not asked for", () => {
    expect(dueForPlanning([], [], TODAY, { ...all, kinds: ["periodic", "control"] })).toBeNull();
  });
});

describe("appointment times", () => {
  it("share the opening hours evenly, on a five-minute grid when there is room", () => {
    expect([0, 1, 2].map((i) => appointmentMinute(i, 3, 480, 840))).toEqual([480, 600, 720]);
    expect([0, 1, 2, 3].map((i) => appointmentMinute(i, 40, 450, 930))).toEqual([
      450, 460, 470, 485,
    ]);
    // 1000 people in an hour: every minute, several at once.
    expect(appointmentMinute(999, 1000, 480, 540)).toBe(539);
  });
});

describe("allocate", () => {
  const clinic = { dailyCapacity: 2, opensAtMinute: 480, closesAtMinute: 600 };

  it("fills working days up to the capacity and counts the spill", () => {
    // Friday 6 November 2026; Wednesday 11 November is Independence Day.
    const a = allocate(7, clinic, "2026-11-06");
    expect(a.days.map((d) => [d.day, d.count])).toEqual([
      ["2026-11-06", 2],
      ["2026-11-09", 2],
      ["2026-11-10", 2],
      ["2026-11-12", 1],
    ]);
    expect(a.spill).toBe(5);
    expect(a.holidays).toEqual([{ day: "2026-11-11", holiday: "independenceDay" }]);
    expect(a.slots.slice(0, 3)).toEqual([
      { day: "2026-11-06", minute: 480 },
      { day: "2026-11-06", minute: 540 },
      { day: "2026-11-09", minute: 480 },
    ]);
  });

  it("starts on the next working day and spills nothing when all fit", () => {
    const a = allocate(2, clinic, "2026-11-14");
    expect(a.firstDay).toBe("2026-11-16");
    expect(a.spill).toBe(0);
    expect(allocate(0, clinic, "2026-11-16")).toMatchObject({ slots: [], days: [], spill: 0 });
  });
});

describe("order and numbers", () => {
  it("puts the longest overdue first, then by name in Polish order", () => {
    const p = (lastName: string, dueBy: string) => ({
      lastName,
      firstName: "A",
      due: { kind: "periodic" as const, reason: "expired" as const, validUntil: null, dueBy },
    });
    const sorted = [p("Żak", "2026-10-01"), p("Łoś", "2026-12-01"), p("Lis", "2026-12-01")].sort(
      byUrgency,
    );
    expect(sorted.map((x) => x.lastName)).toEqual(["Żak", "Lis", "Łoś"]);
    expect(referralNumber(2026, 7)).toBe("SK/2026/0007");
    expect(referralNumber(2026, 12345)).toBe("SK/2026/12345");
  });
});
