// How a clinic is shown: its opening hours and its values in the form. Client-safe (the
// clinics page renders them in the browser too).
import { minutesToTime } from "../../platform/warsaw-time.ts";
import type { healthClinic } from "./schema.ts";

type Clinic = typeof healthClinic.$inferSelect;

/** A clinic's values as the form shows them. */
export function clinicFormValues(c: Clinic | undefined): Record<string, string> {
  if (!c) return { opensAt: "08:00", closesAt: "15:00", active: "on" };
  return {
    name: c.name,
    address: c.address,
    dailyCapacity: String(c.dailyCapacity),
    opensAt: minutesToTime(c.opensAtMinute),
    closesAt: minutesToTime(c.closesAtMinute),
    active: c.active ? "on" : "false",
  };
}

/** "08:00–15:00". */
export function clinicHours(c: Pick<Clinic, "opensAtMinute" | "closesAtMinute">): string {
  return `${minutesToTime(c.opensAtMinute)}–${minutesToTime(c.closesAtMinute)}`;
}
