// What the calendar and counts pages need in the browser too: no database, no Node.
import type { SupportBookingStatus } from "./schema.ts";

/** "live": booked, took place or no-show — everything but the cancelled. */
export const SPECIALIST_STATUS_FILTERS = [
  "all",
  "live",
  "booked",
  "cancelled",
  "took_place",
  "no_show",
] as const satisfies readonly ("all" | "live" | SupportBookingStatus)[];
export type SpecialistStatusFilter = (typeof SPECIALIST_STATUS_FILTERS)[number];

/** Pure: minutes as hours with at most one decimal ("12,5" in Polish, "12.5" in English). */
export function hoursText(minutes: number, locale: "pl" | "en" = "pl"): string {
  return new Intl.NumberFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    maximumFractionDigits: 1,
  }).format(minutes / 60);
}
