// Wall-clock time in Warsaw, where every centre is. No imports: the browser bundle uses it too.

const TZ = "Europe/Warsaw";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TZ,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The Warsaw calendar day (yyyy-mm-dd) an instant falls on. */
export function warsawDay(d: Date): string {
  // en-CA writes dates as yyyy-mm-dd.
  return dayFormat.format(d);
}

/** "HH:MM" of an instant on the Warsaw clock. */
export function warsawTime(d: Date): string {
  return timeFormat.format(d);
}

/** Minutes since Warsaw midnight of an instant (09:30 → 570). */
export function warsawMinutes(d: Date): number {
  const [h, m] = warsawTime(d).split(":").map(Number);
  return h * 60 + m;
}

/** "HH:MM" for minutes since midnight (570 → "09:30"). */
export function minutesToTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Minutes since midnight of "HH:MM", or null when it is no such time. */
export function timeToMinutes(time: string): number | null {
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  return t ? Number(t[1]) * 60 + Number(t[2]) : null;
}

function offsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: TZ, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const m = name?.match(/GMT([+-])(\d{2}):?(\d{2})?/);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** True for a real calendar day in yyyy-mm-dd ("2026-02-30" is not one). */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * The instant a Warsaw wall-clock time happens (a day yyyy-mm-dd and HH:MM), or null when the
 * input is no such time. Around the autumn change the earlier of the two 02:30s is taken; a
 * time skipped in spring is read as the same clock time an hour later, as a wall clock would.
 */
export function warsawInstant(day: string, time: string): Date | null {
  if (!isCalendarDay(day)) return null;
  if (timeToMinutes(time) === null) return null;
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  // The offset at the guess, then at the corrected instant: two steps settle every case.
  let at = asUtc - offsetMinutes(new Date(asUtc)) * 60_000;
  at = asUtc - offsetMinutes(new Date(at)) * 60_000;
  return new Date(at);
}

/** The calendar day n days after (or before, when negative) a day yyyy-mm-dd. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO weekday of a day yyyy-mm-dd: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const w = new Date(`${day}T12:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The Monday (yyyy-mm-dd) of the ISO week a day falls in: where a week view starts. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** Whole days from a to b (both yyyy-mm-dd): 1 for consecutive days, negative backwards. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}
