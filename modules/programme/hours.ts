import type { HourUnit } from "./schema.ts";

/** Minutes in one hour of the unit: a clock hour is 60 minutes, an academic hour 45. */
export const MINUTES_PER_HOUR: Record<HourUnit, number> = { clock: 60, academic: 45 };

export function sessionMinutes(s: { startsAt: Date; endsAt: Date }): number {
  return Math.max(0, Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000));
}

/** Hours in the unit, rounded to hundredths as an integer (hours × 100), for exact sums. */
export function hoursCenti(minutes: number, unit: HourUnit): number {
  return Math.round((minutes * 100) / MINUTES_PER_HOUR[unit]);
}

/** The activity's total minutes over its sessions that were not cancelled. */
export function plannedMinutes(
  sessions: { startsAt: Date; endsAt: Date; cancelledAt?: Date | null }[],
): number {
  return sessions.filter((s) => !s.cancelledAt).reduce((sum, s) => sum + sessionMinutes(s), 0);
}

/** "7,5" / "7.5": hours×100 as a decimal with at most two places, in the locale's way. */
export function formatHours(centi: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "pl-PL", {
    maximumFractionDigits: 2,
  }).format(centi / 100);
}
