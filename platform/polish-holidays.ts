// Public holidays in Poland (ustawa z 18 stycznia 1951 r. o dniach wolnych od pracy) and the
// working days between them. Client-safe: the planning page shows which days were skipped.
import { addDays, isoWeekday } from "./warsaw-time.ts";

export const HOLIDAYS = [
  "newYear",
  "epiphany",
  "easter",
  "easterMonday",
  "labourDay",
  "constitutionDay",
  "pentecost",
  "corpusChristi",
  "assumption",
  "allSaints",
  "independenceDay",
  "christmasEve",
  "christmas",
  "boxingDay",
] as const;
export type Holiday = (typeof HOLIDAYS)[number];

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm), yyyy-mm-dd. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const cache = new Map<number, Map<string, Holiday>>();

/** The year's public holidays: day (yyyy-mm-dd) → which holiday. */
export function polishHolidays(year: number): Map<string, Holiday> {
  let days = cache.get(year);
  if (days) return days;
  const y = String(year).padStart(4, "0");
  const easter = easterSunday(year);
  const list: [string, Holiday][] = [
    [`${y}-01-01`, "newYear"],
    [`${y}-01-06`, "epiphany"],
    [easter, "easter"],
    [addDays(easter, 1), "easterMonday"],
    [`${y}-05-01`, "labourDay"],
    [`${y}-05-03`, "constitutionDay"],
    [addDays(easter, 49), "pentecost"],
    [addDays(easter, 60), "corpusChristi"],
    [`${y}-08-15`, "assumption"],
    [`${y}-11-01`, "allSaints"],
    [`${y}-11-11`, "independenceDay"],
    [`${y}-12-25`, "christmas"],
    [`${y}-12-26`, "boxingDay"],
  ];
  // Christmas Eve is a day off from 2025 (the act of 6 December 2024).
  if (year >= 2025) list.push([`${y}-12-24`, "christmasEve"]);
  days = new Map(list.sort((a, b) => a[0].localeCompare(b[0])));
  cache.set(year, days);
  return days;
}

/** The holiday falling on a day (yyyy-mm-dd), or null. */
export function holidayOn(day: string): Holiday | null {
  return polishHolidays(Number(day.slice(0, 4))).get(day) ?? null;
}

/** Monday to Friday and not a public holiday. */
export function isWorkingDay(day: string): boolean {
  return isoWeekday(day) <= 5 && holidayOn(day) === null;
}

/** The day itself when it is a working day, else the next one. */
export function nextWorkingDay(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
