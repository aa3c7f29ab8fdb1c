// Pure rules of a Health Day's slots, shared by the services and the pages (no I/O, so the
// browser bundle may use them too).
import { minutesToTime } from "../../platform/warsaw-time.ts";

export type StationLayout = { startMinute: number; endMinute: number; slotMinutes: number };

/** The start minutes of a station's slots: consecutive slots while one fits before the end. */
export function slotStarts(s: StationLayout): number[] {
  const out: number[] = [];
  for (let m = s.startMinute; m + s.slotMinutes <= s.endMinute; m += s.slotMinutes) out.push(m);
  return out;
}

/** "09:20–09:40" (a slot ending at midnight ends at "24:00"). */
export function slotLabel(startMinute: number, slotMinutes: number): string {
  return `${minutesToTime(startMinute)}–${minutesToTime(startMinute + slotMinutes)}`;
}
