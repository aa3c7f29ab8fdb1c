// Pure rules of the bulk exam planning: who is due and in which order, and how people are
// spread over a clinic's working days and opening hours. No I/O, no clock: the day is given.

import { formatDate, type MessageKey, type T } from "../../platform/i18n.ts";
import { type Holiday, holidayOn, nextWorkingDay } from "../../platform/polish-holidays.ts";
import { addDays, isoWeekday, minutesToTime } from "../../platform/warsaw-time.ts";
import { type ExamFacts, examSituation, type SickLeaveFacts } from "./exam-status.ts";
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

export type Slot = { day: string; minute: number };

export type Allocation = {
  /** The first working day on or after the chosen day. */
  firstDay: string;
  lastDay: string;
  /** One slot per person, in the order given. */
  slots: Slot[];
  days: { day: string; count: number; firstMinute: number; lastMinute: number }[];
  /** People who did not fit on the first day and went to later working days. */
  spill: number;
  /** Public holidays on weekdays between the first and the last day, skipped. */
  holidays: { day: string; holiday: Holiday }[];
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

/**
 * Spreads `count` people over working days from `fromDate` on: up to `capacity` a day,
 * Monday to Friday, public holidays skipped, times spread over the opening hours.
 */
export function allocate(
  count: number,
  clinic: { dailyCapacity: number; opensAtMinute: number; closesAtMinute: number },
  fromDate: string,
): Allocation {
  const firstDay = nextWorkingDay(fromDate);
  const slots: Slot[] = [];
  const days: Allocation["days"] = [];
  let day = firstDay;
  while (slots.length < count) {
    const n = Math.min(clinic.dailyCapacity, count - slots.length);
    for (let i = 0; i < n; i++) {
      slots.push({
        day,
        minute: appointmentMinute(
          i,
          clinic.dailyCapacity,
          clinic.opensAtMinute,
          clinic.closesAtMinute,
        ),
      });
    }
    days.push({
      day,
      count: n,
      firstMinute: slots[slots.length - n].minute,
      lastMinute: slots.at(-1)!.minute,
    });
    day = nextWorkingDay(addDays(day, 1));
  }
  const lastDay = days.at(-1)?.day ?? firstDay;
  const holidays: Allocation["holidays"] = [];
  for (let d = fromDate; d <= lastDay; d = addDays(d, 1)) {
    const h = holidayOn(d);
    if (h && isoWeekday(d) <= 5) holidays.push({ day: d, holiday: h });
  }
  return {
    firstDay,
    lastDay,
    slots,
    days,
    spill: days.length > 1 ? count - days[0].count : 0,
    holidays,
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
  /** The first working day on or after fromDate; lastDay the plan's last. */
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
  people: PlannedPerson[];
};

/** The sentences that go with a plan: its size, the spill to later days, skipped days. */
export function planNotes(t: T, plan: ExamPlan) {
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
    startMoved:
      plan.fromDate !== plan.firstDay
        ? t("health.plan.startMoved", { from: formatDate(plan.fromDate), first })
        : null,
    holidays: plan.holidays.length
      ? t("health.plan.holidays", {
          list: plan.holidays
            .map((h) => `${formatDate(h.day)} (${t(`holiday.${h.holiday}` as MessageKey)})`)
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
