// Pure rules of the bulk exam planning: who is due and in which order, and how people are
// spread over a clinic's working days and opening hours. No I/O, no clock: the day is given.

import { formatDate, type MessageKey, type T } from "../../platform/i18n.ts";
import {
  type Holiday,
  holidayOn,
  isWorkingDay,
  nextWorkingDay,
} from "../../platform/polish-holidays.ts";
import { addDays, isoWeekday, minutesToTime } from "../../platform/warsaw-time.ts";
import {
  continuousAbsences,
  type ExamFacts,
  examSituation,
  type SickLeaveFacts,
} from "./exam-status.ts";
import type { ExamKind } from "./schema.ts";

/** Validity ending within this many days counts as due for planning, unless told otherwise. */
export const DEFAULT_HORIZON_DAYS = 60;

/** Why someone is on the plan. */
export const DUE_REASONS = ["none", "expired", "unfit", "expiring", "control"] as const;
export type DueReason = (typeof DUE_REASONS)[number];

export type DueFacts = {
  kind: ExamKind;
  reason: DueReason;
  validUntil: string | null;
  dueBy: string;
};

/**
 * Whether a person needs an exam planned, and which: nobody with a planned exam (already
 * dealt with); a control exam after a long sick leave; no certificate that allows work today;
 * or a validity that ends within the horizon. Kinds not asked for leave the person out.
 */
export function dueForPlanning(
  exams: ExamFacts[],
  sickLeaves: SickLeaveFacts[],
  today: string,
  opts: { kinds: readonly ExamKind[]; horizonDays: number },
): DueFacts | null {
  const s = examSituation(exams, sickLeaves, today);
  if (s.status === "scheduled") return null;
  let due: DueFacts | null = null;
  if (s.controlRequired) {
    due = { kind: "control", reason: "control", validUntil: s.validUntil, dueBy: s.controlAfter! };
  } else if (!s.lastCertificate) {
    due = { kind: s.nextKind, reason: "none", validUntil: null, dueBy: today };
  } else if (s.lastCertificate.outcome === "unfit") {
    due = { kind: s.nextKind, reason: "unfit", validUntil: null, dueBy: today };
  } else if (!s.validUntil || s.daysLeft === null || s.daysLeft < 0) {
    due = {
      kind: s.nextKind,
      reason: "expired",
      validUntil: s.validUntil,
      dueBy: s.validUntil ?? today,
    };
  } else if (s.daysLeft <= opts.horizonDays) {
    due = { kind: s.nextKind, reason: "expiring", validUntil: s.validUntil, dueBy: s.validUntil };
  }
  return due && opts.kinds.includes(due.kind) ? due : null;
}

/**
 * The first day someone's exam may be planned on, or null for any: never inside a sick leave
 * that has not ended (nobody is examined while away; a leave still running asks for no
 * control exam yet), and a control exam only after the leave that called for it.
 */
export function earliestExamDay(
  due: DueFacts,
  sickLeaves: SickLeaveFacts[],
  today: string,
): string | null {
  let until = due.kind === "control" ? due.dueBy : null;
  for (const a of continuousAbsences(sickLeaves)) {
    if (a.toDate >= today && (!until || a.toDate > until)) until = a.toDate;
  }
  return until ? addDays(until, 1) : null;
}

export type Slot = { day: string; minute: number };

export type Allocation = {
  /** The first day the plan uses (the first working day on or after the chosen day, unless
   * that one was full already). */
  firstDay: string;
  lastDay: string;
  /** One slot per person, in the order given. */
  slots: Slot[];
  days: { day: string; count: number; firstMinute: number; lastMinute: number }[];
  /** People who did not fit on the first day and went to later working days. */
  spill: number;
  /** Public holidays on weekdays between the first and the last day, skipped. */
  holidays: { day: string; holiday: Holiday }[];
  /** Working days up to the last one where the clinic had appointments already. */
  taken: { day: string; count: number }[];
};

/**
 * The time of the i-th person of a day: the opening hours shared out evenly by the daily
 * capacity, on a five-minute grid when there is room for it.
 */
export function appointmentMinute(
  index: number,
  capacity: number,
  opensAt: number,
  closesAt: number,
): number {
  const span = closesAt - opensAt;
  const exact = (index * span) / capacity;
  const step = span / capacity >= 5 ? Math.floor(exact / 5) * 5 : Math.floor(exact);
  return opensAt + step;
}

type Clinic = { dailyCapacity: number; opensAtMinute: number; closesAtMinute: number };

/**
 * The times still free on a day that already has `booked` appointments (minutes since
 * midnight): each one holds the grid time it falls on or after (an appointment typed by hand
 * at 08:07 holds 08:05's), and every one counts against the capacity — also one outside the
 * opening hours — so the day never takes more people than the clinic does.
 */
export function freeMinutes(clinic: Clinic, booked: readonly number[]): number[] {
  const { dailyCapacity: capacity, opensAtMinute: opens, closesAtMinute: closes } = clinic;
  const grid = Array.from({ length: capacity }, (_, i) =>
    appointmentMinute(i, capacity, opens, closes),
  );
  const held = new Array<boolean>(capacity).fill(false);
  for (const m of booked) {
    // The grid times at or before m; of those sharing the latest, the first not yet held.
    let i = grid.length - 1;
    while (i >= 0 && grid[i] > m) i--;
    if (i < 0 || m >= closes) continue;
    let j = i;
    while (j > 0 && grid[j - 1] === grid[i]) j--;
    while (j <= i && held[j]) j++;
    if (j <= i) held[j] = true;
  }
  const left = Math.max(0, capacity - booked.length);
  return grid.filter((_, i) => !held[i]).slice(0, left);
}

/**
 * Spreads people over the clinic's working days from `fromDate` on: Monday to Friday, public
 * holidays skipped, up to the daily capacity less what is booked there already (`booked`:
 * the clinic's planned appointments), at the times still free. Each person goes to the first
 * day with a place, not before their `notBefore` (the day after a sick leave, say); people are
 * taken in the order given, so the most urgent get the earliest places.
 */
export function allocate(
  people: number | readonly { notBefore?: string | null }[],
  clinic: Clinic,
  fromDate: string,
  booked: readonly Slot[] = [],
): Allocation {
  const list: readonly { notBefore?: string | null }[] =
    typeof people === "number" ? Array.from({ length: people }, () => ({})) : people;
  const start = nextWorkingDay(fromDate);
  const bookedOn = new Map<string, number[]>();
  for (const b of booked) {
    if (b.day < start) continue;
    const l = bookedOn.get(b.day);
    if (l) l.push(b.minute);
    else bookedOn.set(b.day, [b.minute]);
  }
  // Free times of each day, taken from the front as people are placed.
  const free = new Map<string, number[]>();
  const freeOn = (day: string) => {
    let f = free.get(day);
    if (!f) {
      f = freeMinutes(clinic, bookedOn.get(day) ?? []);
      free.set(day, f);
    }
    return f;
  };
  // The first day with a place left: where anyone without a later `notBefore` goes.
  let open = start;
  const slots: Slot[] = [];
  const placed = new Map<string, number[]>();
  for (const p of list) {
    while (freeOn(open).length === 0) open = nextWorkingDay(addDays(open, 1));
    let day = p.notBefore && p.notBefore > open ? nextWorkingDay(p.notBefore) : open;
    while (freeOn(day).length === 0) day = nextWorkingDay(addDays(day, 1));
    const minute = freeOn(day).shift()!;
    slots.push({ day, minute });
    const l = placed.get(day);
    if (l) l.push(minute);
    else placed.set(day, [minute]);
  }
  const days = [...placed.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, minutes]) => ({
      day,
      count: minutes.length,
      firstMinute: Math.min(...minutes),
      lastMinute: Math.max(...minutes),
    }));
  const firstDay = days[0]?.day ?? start;
  const lastDay = days.at(-1)?.day ?? firstDay;
  const holidays: Allocation["holidays"] = [];
  for (let d = fromDate; d <= lastDay; d = addDays(d, 1)) {
    const h = holidayOn(d);
    if (h && isoWeekday(d) <= 5) holidays.push({ day: d, holiday: h });
  }
  const taken = [...bookedOn.entries()]
    .filter(([day]) => day <= lastDay && isWorkingDay(day))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, minutes]) => ({ day, count: minutes.length }));
  return {
    firstDay,
    lastDay,
    slots,
    days,
    spill: days.length > 1 ? list.length - days[0].count : 0,
    holidays,
    taken: list.length ? taken : [],
  };
}

/** "08:00–14:50" of a day of the plan. */
export function dayHours(d: { firstMinute: number; lastMinute: number }): string {
  return d.firstMinute === d.lastMinute
    ? minutesToTime(d.firstMinute)
    : `${minutesToTime(d.firstMinute)}–${minutesToTime(d.lastMinute)}`;
}

/** Most urgent first: the longest overdue, then by the day the exam is due, then by name. */
export function byUrgency<P extends { due: DueFacts; lastName: string; firstName: string }>(
  a: P,
  b: P,
): number {
  return (
    a.due.dueBy.localeCompare(b.due.dueBy) ||
    collator.compare(a.lastName, b.lastName) ||
    collator.compare(a.firstName, b.firstName)
  );
}

const collator = new Intl.Collator("pl", { sensitivity: "base" });

/** "SK/2026/0007". */
export function referralNumber(year: number | string, n: number): string {
  return `SK/${year}/${String(n).padStart(4, "0")}`;
}

export type PlannedPerson = {
  employeeId: string;
  firstName: string;
  lastName: string;
  unitName: string | null;
  positionName: string | null;
  kind: ExamKind;
  reason: DueReason;
  /** The validity that ran out or is running out (yyyy-mm-dd), if any. */
  validUntil: string | null;
  day: string;
  time: string;
};

export type ExamPlan = {
  clinic: { id: string; name: string; address: string; dailyCapacity: number; hours: string };
  today: string;
  fromDate: string;
  /** The plan's first day (the first working day on or after fromDate with a place left);
   * lastDay its last. */
  firstDay: string;
  lastDay: string;
  unit: { id: string; name: string } | null;
  kinds: ExamKind[];
  horizonDays: number;
  total: number;
  /** People who did not fit on the first day and were moved to later working days. */
  spill: number;
  /** People in the plan's scope who already have a planned exam (left out). */
  alreadyScheduled: number;
  byKind: Record<ExamKind, number>;
  days: { day: string; count: number; from: string; to: string }[];
  holidays: { day: string; holiday: string }[];
  /** Days up to the last where the clinic had appointments already: how many. */
  taken: { day: string; count: number }[];
  people: PlannedPerson[];
};

/** The plan without its list of people: what the page needs beside one page of them. */
export type ExamPlanSummary = Omit<ExamPlan, "people">;

export const PLAN_PEOPLE_SORTS = ["when", "name", "unit"] as const;
export type PlanPeopleSort = (typeof PLAN_PEOPLE_SORTS)[number];
export const PLAN_PEOPLE_PAGE_SIZE = 50;

/** The page's query as it comes from the address: anything, checked here. */
export type PlanPeopleQuery = { q?: unknown; sort?: unknown; dir?: unknown; page?: unknown };

export type PlanPeoplePage = {
  q: string;
  sort: PlanPeopleSort;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
  total: number;
  rows: PlannedPerson[];
};

/**
 * One page of a plan's people: searched (every word in the name, unit or position), sorted
 * ("when" keeps the plan's own order, the most urgent first) and paged. Done on the server, so
 * a plan of hundreds sends the browser only the 50 it shows.
 */
export function planPeoplePage(
  people: readonly PlannedPerson[],
  query: PlanPeopleQuery,
  pageSize = PLAN_PEOPLE_PAGE_SIZE,
): PlanPeoplePage {
  const q = (typeof query.q === "string" ? query.q : "").trim().slice(0, 200);
  const sort = (PLAN_PEOPLE_SORTS as readonly unknown[]).includes(query.sort)
    ? (query.sort as PlanPeopleSort)
    : "when";
  const dir = query.dir === "desc" ? "desc" : "asc";
  const page = Math.max(1, Number.parseInt(String(query.page ?? "1"), 10) || 1);
  const words = q.toLocaleLowerCase("pl").split(/\s+/).filter(Boolean);
  const order = new Map(people.map((p, i) => [p, i]));
  const byName = (a: PlannedPerson, b: PlannedPerson) =>
    collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
  const compare = {
    when: (a: PlannedPerson, b: PlannedPerson) => order.get(a)! - order.get(b)!,
    name: byName,
    unit: (a: PlannedPerson, b: PlannedPerson) =>
      collator.compare(a.unitName ?? "", b.unitName ?? "") || byName(a, b),
  }[sort];
  const found = people
    .filter((p) =>
      words.every((w) =>
        [p.firstName, p.lastName, p.unitName ?? "", p.positionName ?? ""].some((x) =>
          x.toLocaleLowerCase("pl").includes(w),
        ),
      ),
    )
    .sort((a, b) => (dir === "desc" ? -1 : 1) * compare(a, b));
  const start = (page - 1) * pageSize;
  return {
    q,
    sort,
    dir,
    page,
    pageSize,
    total: found.length,
    rows: found.slice(start, start + pageSize),
  };
}

/**
 * The sentences that go with a plan: its size, the spill to later days, skipped days, the
 * places the clinic had given out already.
 */
export function planNotes(t: T, plan: ExamPlanSummary) {
  const first = formatDate(plan.firstDay);
  return {
    summary: t("health.plan.summary", {
      total: plan.total,
      clinic: plan.clinic.name,
      first,
      last: formatDate(plan.lastDay),
      days: plan.days.length,
    }),
    spill:
      plan.spill > 0
        ? t("health.plan.spill", { day: first, count: plan.spill })
        : t("health.plan.fits", { day: first }),
    // Only for a day off: a working day already full is what `taken` explains.
    startMoved: !isWorkingDay(plan.fromDate)
      ? t("health.plan.startMoved", { from: formatDate(plan.fromDate), first })
      : null,
    holidays: plan.holidays.length
      ? t("health.plan.holidays", {
          list: plan.holidays
            .map((h) => `${formatDate(h.day)} (${t(`holiday.${h.holiday}` as MessageKey)})`)
            .join(", "),
        })
      : null,
    taken: plan.taken.length
      ? t("health.plan.taken", {
          list: plan.taken
            .map((x) =>
              t("health.plan.takenDay", {
                day: formatDate(x.day),
                count: x.count,
                capacity: plan.clinic.dailyCapacity,
              }),
            )
            .join(", "),
        })
      : null,
    alreadyScheduled:
      plan.alreadyScheduled > 0
        ? t("health.plan.alreadyScheduled", { count: plan.alreadyScheduled })
        : null,
    byKind: t("health.plan.byKind", plan.byKind),
  };
}

/** "brak orzeczenia", "ważne do 12.01.2027": why a person is on the plan. */
export function reasonText(t: T, p: { reason: DueReason; validUntil: string | null }): string {
  if (p.reason === "expired") {
    return p.validUntil
      ? t("health.plan.reason.expired", { date: formatDate(p.validUntil) })
      : t("health.plan.reason.expiredNoDate");
  }
  if (p.reason === "expiring") {
    return t("health.plan.reason.expiring", { date: formatDate(p.validUntil) });
  }
  return t(`health.plan.reason.${p.reason}`);
}

export function kindText(t: T, kind: ExamKind): string {
  return t(`health.plan.kind.${kind}`);
}
