// Report periods in whole Warsaw months: statistics of confidential support and of incidents
// are counted per month, never per day, so a count of one cannot name the person of that day.
import { z } from "zod";
import { AppError, type FieldErrors } from "./errors.ts";
import { isCalendarDay, warsawDay } from "./warsaw-time.ts";

/** The longest period one report covers: five years of months. */
export const MAX_STATS_MONTHS = 60;

/** Pure: the months (yyyy-mm) from the month of one day to the month of another, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number);
  const last = to.slice(0, 7);
  for (let i = 0; i <= MAX_STATS_MONTHS + 1; i++) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    out.push(month);
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

const periodField = (description: string) =>
  z.string().trim().optional().default("").describe(description);

export const monthPeriodQuery = z.object({
  from: periodField(
    "a Warsaw day yyyy-mm-dd or a month yyyy-mm; counted from the first day of its month",
  ),
  to: periodField(
    "a Warsaw day yyyy-mm-dd or a month yyyy-mm; counted to the last day of its month",
  ),
});

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Pure: the last calendar day (yyyy-mm-dd) of a month yyyy-mm. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The period of a report, in whole Warsaw months: from the first day of the month of `from` to
 * the last day of the month of `to` (each may be a day yyyy-mm-dd or a month yyyy-mm); by default
 * the current calendar year. Whole months, because a period of single days would let a count of
 * one name the person who booked that day. A day or month that is no date, an end before the
 * start (as typed) or a period over five years is refused next to its field.
 */
export function statsPeriod(query: unknown, now = new Date()): { from: string; to: string } {
  const raw = monthPeriodQuery.parse(query ?? {});
  const year = warsawDay(now).slice(0, 4);
  const errors: FieldErrors = {};
  // As typed, a month standing for its first (from) or last (to) day: what the order is judged on.
  const read = (v: string, field: "from" | "to"): string => {
    if (MONTH.test(v)) return field === "from" ? `${v}-01` : lastDayOfMonth(v);
    if (!isCalendarDay(v)) errors[field] = "errors.date";
    return v;
  };
  const fromDay = read(raw.from || `${year}-01-01`, "from");
  const toDay = read(raw.to || `${year}-12-31`, "to");
  if (!errors.from && !errors.to) {
    if (toDay < fromDay) errors.to = "errors.periodOrder";
    else if (monthsBetween(fromDay, toDay).length > MAX_STATS_MONTHS)
      errors.to = "errors.periodTooLong";
  }
  if (Object.keys(errors).length) throw new AppError("validation", errors);
  return { from: `${fromDay.slice(0, 7)}-01`, to: lastDayOfMonth(toDay.slice(0, 7)) };
}
