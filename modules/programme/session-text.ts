// How a session's time is written on pages and documents: dd.mm.rrrr and HH:MM in Warsaw time.
import { formatDate } from "../../platform/i18n.ts";

const TZ = "Europe/Warsaw";

/** "09:30" in Warsaw time. */
export function formatTime(d: Date | string): string {
  return new Intl.DateTimeFormat("pl-PL", {
    timeZone: TZ,
    hour: "2-digit",
    minute: "2-digit",
  }).format(typeof d === "string" ? new Date(d) : d);
}

/** "12.03.2026, 09:00–13:00"; a session running past midnight names both days. */
export function formatSessionWhen(s: { startsAt: Date | string; endsAt: Date | string }): string {
  const start = formatDate(s.startsAt);
  const end = formatDate(s.endsAt);
  const times = `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`;
  if (start === end) return `${start}, ${times}`;
  return `${start}, ${formatTime(s.startsAt)} – ${end}, ${formatTime(s.endsAt)}`;
}

export { warsawDay } from "../../platform/warsaw-time.ts";

/** "Kowalska Anna": lists and sheets go by last name. */
export function listName(p: { firstName: string; lastName: string }): string {
  return `${p.lastName} ${p.firstName}`;
}

const collator = new Intl.Collator("pl", { sensitivity: "base" });

/** Sorts people by last name, then first name, in Polish alphabetical order. */
export function byPolishName<T extends { firstName: string; lastName: string }>(a: T, b: T) {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
}
