// The planning's pure rules: who is due and as what, the times of a day, and the spread over
// working days (weekends and public holidays skipped, the spill past the first day).
import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import type { ExamFacts } from "./exam-status.ts";
import {
  allocate,
  appointmentMinute,
  byUrgency,
  dueForPlanning,
  type ExamPlanSummary,
  earliestExamDay,
  freeMinutes,
  planNotes,
  planPeoplePage,
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

describe("allocate around the clinic's appointments already given out", () => {
  // Three a day, 08:00–14:00: 08:00, 10:00, 12:00.
  const clinic = { dailyCapacity: 3, opensAtMinute: 480, closesAtMinute: 840 };

  it("gives out only the places and times still free", () => {
    // Monday 7 December 2026 has 08:00 and 12:00 taken, Tuesday is full, Wednesday has one
    // appointment typed by hand at 10:07 (it holds the 10:00 time).
    const booked = [
      { day: "2026-12-07", minute: 480 },
      { day: "2026-12-07", minute: 720 },
      { day: "2026-12-08", minute: 480 },
      { day: "2026-12-08", minute: 600 },
      { day: "2026-12-08", minute: 720 },
      { day: "2026-12-09", minute: 607 },
    ];
    const a = allocate(5, clinic, "2026-12-07", booked);
    expect(a.slots).toEqual([
      { day: "2026-12-07", minute: 600 },
      { day: "2026-12-09", minute: 480 },
      { day: "2026-12-09", minute: 720 },
      { day: "2026-12-10", minute: 480 },
      { day: "2026-12-10", minute: 600 },
    ]);
    expect(a.days.map((d) => [d.day, d.count, d.firstMinute, d.lastMinute])).toEqual([
      ["2026-12-07", 1, 600, 600],
      ["2026-12-09", 2, 480, 720],
      ["2026-12-10", 2, 480, 600],
    ]);
    expect(a).toMatchObject({ firstDay: "2026-12-07", lastDay: "2026-12-10", spill: 4 });
    expect(a.taken).toEqual([
      { day: "2026-12-07", count: 2 },
      { day: "2026-12-08", count: 3 },
      { day: "2026-12-09", count: 1 },
    ]);
    // A full first day: the plan starts on the next one with a place.
    const full = allocate(1, clinic, "2026-12-08", booked);
    expect(full).toMatchObject({
      firstDay: "2026-12-09",
      slots: [{ day: "2026-12-09", minute: 480 }],
    });
  });

  it("counts appointments outside the opening hours against the capacity", () => {
    expect(freeMinutes(clinic, [])).toEqual([480, 600, 720]);
    // One at 07:00 and one at 15:00: one place left, the first time.
    expect(freeMinutes(clinic, [420, 900])).toEqual([480]);
    // More booked than the capacity (typed by hand): nothing left.
    expect(freeMinutes(clinic, [480, 480, 600, 720])).toEqual([]);
  });

  it("places nobody before their earliest day, and the others still first come", () => {
    const a = allocate(
      [{ notBefore: "2026-12-09" }, {}, { notBefore: null }, {}],
      clinic,
      "2026-12-07",
    );
    expect(a.slots).toEqual([
      { day: "2026-12-09", minute: 480 },
      { day: "2026-12-07", minute: 480 },
      { day: "2026-12-07", minute: 600 },
      { day: "2026-12-07", minute: 720 },
    ]);
    // An earliest day on a Saturday goes to the Monday after.
    expect(allocate([{ notBefore: "2026-12-12" }], clinic, "2026-12-07").slots).toEqual([
      { day: "2026-12-14", minute: 480 },
    ]);
  });

  it("keeps exams out of a sick leave still running, and a control exam after its leave", () => {
    const control = { kind: "control" as const, reason: "control" as const, validUntil: null };
    const periodic = { kind: "periodic" as const, reason: "expiring" as const, validUntil: null };
    // The leave that called for the control exam ended on 20 November.
    expect(earliestExamDay({ ...control, dueBy: "2026-11-20" }, [], TODAY)).toBe("2026-11-21");
    // Away until 15 December: nothing before the 16th.
    const away = [{ fromDate: "2026-11-20", toDate: "2026-12-15" }];
    expect(earliestExamDay({ ...periodic, dueBy: "2027-01-10" }, away, TODAY)).toBe("2026-12-16");
    // A leave that is over holds nobody back.
    const over = [{ fromDate: "2026-10-01", toDate: "2026-11-15" }];
    expect(earliestExamDay({ ...periodic, dueBy: "2027-01-10" }, over, TODAY)).toBeNull();
  });
});

describe("planNotes", () => {
  const plan: ExamPlanSummary = {
    clinic: { id: "c", name: "Przychodnia", address: "", dailyCapacity: 3, hours: "08:00–14:00" },
    today: TODAY,
    fromDate: "2026-12-07",
    firstDay: "2026-12-09",
    lastDay: "2026-12-10",
    unit: null,
    kinds: [...EXAM_KINDS],
    horizonDays: 60,
    total: 4,
    spill: 2,
    alreadyScheduled: 0,
    byKind: { initial: 4, periodic: 0, control: 0 },
    days: [],
    holidays: [],
    taken: [
      { day: "2026-12-07", count: 3 },
      { day: "2026-12-08", count: 3 },
      { day: "2026-12-09", count: 1 },
    ],
  };

  it("says which days the clinic had partly or wholly given out, and not that the day was off", () => {
    const notes = planNotes(translator("pl"), plan);
    expect(notes.taken).toBe(
      "Przychodnia ma już umówione wcześniej badania: 07.12.2026 — zajęte 3 z 3, 08.12.2026 — zajęte 3 z 3, 09.12.2026 — zajęte 1 z 3. Plan zajmuje tylko wolne miejsca i godziny.",
    );
    expect(notes.startMoved).toBeNull();
    expect(planNotes(translator("en"), { ...plan, taken: [plan.taken[2]] }).taken).toBe(
      "The clinic already has appointments made earlier: 09.12.2026: 1 of 3 taken. The plan uses only the places and times still free.",
    );
    expect(planNotes(translator("pl"), { ...plan, taken: [] }).taken).toBeNull();
  });
});

describe("planPeoplePage", () => {
  const person = (lastName: string, firstName: string, unitName: string | null, i: number) => ({
    employeeId: `e${i}`,
    firstName,
    lastName,
    unitName,
    positionName: "Pracownik socjalny",
    kind: "initial" as const,
    reason: "none" as const,
    validUntil: null,
    day: "2026-12-07",
    time: `0${i}:00`,
  });
  // In the plan's order: the most urgent first.
  const people = [
    person("Żak", "Ewa", "Dział B", 1),
    person("Łoś", "Jan", "Dział A", 2),
    person("Lis", "Anna", null, 3),
    person("Łoś", "Adam", "Dział B", 4),
  ];
  const names = (r: { rows: { lastName: string; firstName: string }[] }) =>
    r.rows.map((p) => `${p.lastName} ${p.firstName}`);

  it("keeps the plan's order unless told, and sorts by name or unit in Polish order", () => {
    expect(names(planPeoplePage(people, {}))).toEqual([
      "Żak Ewa",
      "Łoś Jan",
      "Lis Anna",
      "Łoś Adam",
    ]);
    expect(names(planPeoplePage(people, { sort: "name" }))).toEqual([
      "Lis Anna",
      "Łoś Adam",
      "Łoś Jan",
      "Żak Ewa",
    ]);
    expect(names(planPeoplePage(people, { sort: "when", dir: "desc" }))[0]).toBe("Łoś Adam");
    expect(names(planPeoplePage(people, { sort: "unit" }))).toEqual([
      "Lis Anna",
      "Łoś Jan",
      "Łoś Adam",
      "Żak Ewa",
    ]);
  });

  it("searches every word, pages, and reads nonsense in the address as the defaults", () => {
    const found = planPeoplePage(people, { q: "  łoś  dział b " });
    expect(found).toMatchObject({ q: "łoś  dział b", total: 1 });
    expect(names(found)).toEqual(["Łoś Adam"]);
    const second = planPeoplePage(people, { page: "2" }, 3);
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4 });
    expect(names(second)).toEqual(["Łoś Adam"]);
    expect(planPeoplePage(people, { page: "9" }, 3)).toMatchObject({ rows: [], total: 4 });
    expect(
      planPeoplePage(people, { sort: "salary", dir: "sideways", page: "-3", q: ["x"] }),
    ).toMatchObject({ sort: "when", dir: "asc", page: 1, q: "", total: 4 });
    expect(planPeoplePage(people, { q: "x".repeat(500) }).q).toHaveLength(200);
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
