// The weekday of a calendar day in the reader's language (not a route: shared by the rooms'
// pages). Noon UTC falls on the same calendar day everywhere the centres are.
import type { Locale } from "../../../platform/i18n.ts";

export function weekdayName(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    weekday: "long",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));
}
