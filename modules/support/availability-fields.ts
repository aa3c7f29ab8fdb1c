// Field rules shared by availability windows, absences and contracts: a clock time "HH:MM" as
// minutes since midnight, a calendar day that may be left empty, and the Warsaw "today".
import { z } from "zod";
import { isCalendarDay, timeToMinutes, warsawDay } from "../../platform/warsaw-time.ts";

/** "HH:MM" (Warsaw wall clock) as minutes since midnight. */
export const clockTime = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .refine((v) => timeToMinutes(v) !== null, "errors.time")
  .transform((v) => timeToMinutes(v) as number);

/** A calendar day that may be left out: "" and null are none. */
export const optionalDay = z
  .string({ error: "errors.date" })
  .trim()
  .nullish()
  .transform((v) => v || null)
  .pipe(z.string().refine(isCalendarDay, "errors.date").nullable());

export function today(now = new Date()): string {
  return warsawDay(now);
}

/** Two inclusive day ranges (null end = open-ended) share at least one day. */
export function daysOverlap(
  a: { from: string; to: string | null },
  b: { from: string; to: string | null },
): boolean {
  return (a.to === null || b.from <= a.to) && (b.to === null || a.from <= b.to);
}
