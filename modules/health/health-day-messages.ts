// Messages with figures for the Health Day's refusals. A service error carries a message key
// (the API's `errors`) and its figures (the API's extension members); a page shows the
// message with the figures in the reader's language.
import type { AppError } from "../../platform/errors.ts";
import type { T } from "../../platform/i18n.ts";
import type { FreeSlot } from "./book-health-day.ts";

/** Rewrites the error's field messages in place, with the figures it carries. */
export function explainHealthDayError(t: T, e: AppError): AppError {
  const x = e.extensions;
  for (const [field, key] of Object.entries(e.fieldErrors)) {
    let text: string | null = null;
    if (key === "errors.healthDayDateBooked" && typeof x.booked === "number") {
      text = t("errors.healthDayDateBookedCount", { count: x.booked });
    } else if (key === "errors.healthDaySlotBooked" && typeof x.booked === "number") {
      text = t("errors.healthDaySlotBookedAt", { slot: String(x.slot), count: x.booked });
    } else if (key === "errors.healthDayCapacityBelowBooked" && typeof x.booked === "number") {
      text = t("errors.healthDayCapacityBelowBookedAt", { slot: String(x.slot), count: x.booked });
    } else if (key === "errors.healthDayStationBooked" && typeof x.booked === "number") {
      text = t("errors.healthDayStationBookedCount", { count: x.booked });
    } else if (key === "errors.healthDayAlreadyBooked" && typeof x.bookedTime === "string") {
      text = t("errors.healthDayAlreadyBookedAt", { time: x.bookedTime });
    } else if (key === "errors.healthDayOverlap" && typeof x.station === "string") {
      text = t("errors.healthDayOverlapWith", { station: x.station, slot: String(x.slot) });
    } else if (key === "errors.healthDaySlotFull" && Array.isArray(x.freeSlots)) {
      const free = x.freeSlots as FreeSlot[];
      const sameStation = free.filter((f) => f.stationId === x.stationId);
      const others = free.filter((f) => f.stationId !== x.stationId);
      const parts = [
        sameStation.length
          ? t("errors.healthDaySlotFullFree", { times: sameStation.map((f) => f.time).join(", ") })
          : t("errors.healthDaySlotFullNone"),
      ];
      if (others.length) {
        parts.push(
          t("errors.healthDaySlotFullElsewhere", {
            slots: others.map((f) => `${f.stationName} ${f.time}`).join(", "),
          }),
        );
      }
      text = parts.join(" ");
    }
    if (text) e.fieldErrors[field] = text;
  }
  return e;
}
