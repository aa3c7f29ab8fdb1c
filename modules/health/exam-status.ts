// Pure rules of occupational medicine: where an employee stands from their exams, sick leaves
// and the day. No I/O, no clock: the day is given, so the board, the reminders, the planning
// and the employee's own page agree, and tests need no database.
import { addDays, daysBetween, isCalendarDay } from "../../platform/warsaw-time.ts";
import type { ExamKind, ExamOutcome, ExamStatus } from "./schema.ts";

/** Days before a certificate's validity ends when it counts as due (and is reminded). */
export const DUE_WITHIN_DAYS = 30;
/** A sick leave longer than this calls for a control exam (Kodeks pracy, art. 229 § 2). */
export const CONTROL_AFTER_SICK_DAYS = 30;

/** The board's order: what needs attention first. */
export const HEALTH_STATUSES = ["overdue", "due", "scheduled", "done"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export type ExamFacts = {
  id: string;
  kind: ExamKind;
  status: ExamStatus;
  examDate: string | null;
  outcome: ExamOutcome | null;
  validUntil: string | null;
  appointmentAt?: Date | string | null;
  createdAt?: Date | string | null;
};

export type SickLeaveFacts = { fromDate: string; toDate: string };

export type ExamSituation<E extends ExamFacts = ExamFacts> = {
  status: HealthStatus;
  /** The latest certificate (a done exam), whatever its outcome. */
  lastCertificate: E | null;
  /** Its validity when it allows work (fit or fit with restrictions), else null. */
  validUntil: string | null;
  /** Days from the day to the end of validity (0: ends today; negative: ended). */
  daysLeft: number | null;
  /** The planned exam, if any (at most one per person). */
  planned: E | null;
  /** A sick leave of more than 30 days ended (before the day) after the last certificate. */
  controlRequired: boolean;
  /** The last day of the sick leave that calls for the control exam. */
  controlAfter: string | null;
  /** The kind the next exam should be. */
  nextKind: ExamKind;
};

/** Days a sick leave lasts, both ends included. */
export function sickLeaveDays(l: SickLeaveFacts): number {
  return daysBetween(l.fromDate, l.toDate) + 1;
}

/**
 * Sick leaves that overlap or follow one another without a day between are one absence: a
 * leave prolonged by a second certificate still counts as one continuous incapacity.
 */
export function continuousAbsences(leaves: SickLeaveFacts[]): SickLeaveFacts[] {
  const sorted = leaves
    .filter((l) => isCalendarDay(l.fromDate) && isCalendarDay(l.toDate) && l.toDate >= l.fromDate)
    .sort((a, b) => a.fromDate.localeCompare(b.fromDate));
  const out: SickLeaveFacts[] = [];
  for (const l of sorted) {
    const last = out.at(-1);
    if (last && l.fromDate <= addDays(last.toDate, 1)) {
      if (l.toDate > last.toDate) last.toDate = l.toDate;
    } else {
      out.push({ fromDate: l.fromDate, toDate: l.toDate });
    }
  }
  return out;
}

const time = (v: Date | string | null | undefined) => (v ? new Date(v).getTime() : 0);

/** The latest done exam: by exam date, then by when it was entered. */
export function latestCertificate<E extends ExamFacts>(exams: E[]): E | null {
  let best: E | null = null;
  for (const e of exams) {
    if (e.status !== "done" || !e.examDate) continue;
    if (
      !best ||
      e.examDate > best.examDate! ||
      (e.examDate === best.examDate && time(e.createdAt) > time(best.createdAt))
    ) {
      best = e;
    }
  }
  return best;
}

/** A certificate allows work while it is fit (or fit with restrictions) and not expired. */
export function allowsWork(e: ExamFacts | null, today: string): boolean {
  return Boolean(
    e && e.outcome !== "unfit" && e.outcome !== null && e.validUntil && e.validUntil >= today,
  );
}

/**
 * An employee's situation on a day:
 * - `scheduled` — a planned exam exists (whatever else holds: it is being dealt with);
 * - `overdue` — no certificate that allows work today, or a control exam is required after a
 *   sick leave of more than 30 days that ended after the last certificate (and before today:
 *   a leave still running asks for nothing yet);
 * - `due` — the certificate's validity ends within 30 days;
 * - `done` — a valid certificate beyond 30 days.
 */
export function examSituation<E extends ExamFacts>(
  exams: E[],
  sickLeaves: SickLeaveFacts[],
  today: string,
): ExamSituation<E> {
  const planned = exams.find((e) => e.status === "planned") ?? null;
  const last = latestCertificate(exams);
  const valid = allowsWork(last, today);
  const lastDate = last?.examDate ?? null;
  // Only a leave that has ended: the control exam is the one before going back to work, so
  // while the person is still away nothing is overdue, nobody is mailed, nothing is planned.
  const long = continuousAbsences(sickLeaves).filter(
    (a) =>
      sickLeaveDays(a) > CONTROL_AFTER_SICK_DAYS &&
      a.toDate < today &&
      (!lastDate || a.toDate > lastDate),
  );
  const controlAfter = long.at(-1)?.toDate ?? null;
  const controlRequired = controlAfter !== null;
  const validUntil = last && last.outcome !== "unfit" ? last.validUntil : null;
  const daysLeft = validUntil ? daysBetween(today, validUntil) : null;
  let status: HealthStatus;
  if (planned) status = "scheduled";
  else if (!valid || controlRequired) status = "overdue";
  else if (daysLeft !== null && daysLeft <= DUE_WITHIN_DAYS) status = "due";
  else status = "done";
  const nextKind: ExamKind = controlRequired ? "control" : last ? "periodic" : "initial";
  return {
    status,
    lastCertificate: last,
    validUntil,
    daysLeft,
    planned,
    controlRequired,
    controlAfter,
    nextKind,
  };
}
