// Messages with figures for the rooms' refusals: the service error carries a message key (the
// API's `errors`) and its figures (extension members); a page shows both in one sentence.
import type { AppError } from "../../platform/errors.ts";
import type { T } from "../../platform/i18n.ts";

/** Rewrites the error's field messages in place, with the figures it carries. */
export function explainRoomError(t: T, e: AppError): AppError {
  const x = e.extensions;
  for (const [field, key] of Object.entries(e.fieldErrors)) {
    const busy = x.busy as { from: string; to: string } | undefined;
    if (key === "errors.roomBusy" && busy) {
      e.fieldErrors[field] = t("errors.roomBusyAt", { from: busy.from, to: busy.to });
    } else if (key === "errors.roomHasBookings" && typeof x.bookings === "number") {
      e.fieldErrors[field] = t("errors.roomHasBookingsCount", { count: x.bookings });
    }
  }
  return e;
}
