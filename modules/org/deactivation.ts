import type { Queryable } from "../../platform/db.ts";
import { revokeSessionsOfEmployees } from "../access/revoke-sessions.ts";
import { cancelFutureHealthDayBookingsOf } from "../health/book-health-day.ts";
import { cancelPlannedExamsOf } from "../health/record-exam.ts";
import { cancelFutureEnrolmentsOf } from "../programme/cancel-enrolment.ts";
import { cancelFutureBookingsOf } from "../support/cancel-booking.ts";
import { cancelFutureRoomBookingsOf } from "../support/room-bookings.ts";

/**
 * What happens when employees stop being active — from the employee form, the API, or a staff
 * import. Called inside the transaction that deactivates them, so it all holds or none of it.
 * Modules that keep a person's future commitments (enrolments, bookings) add their step here.
 */
export async function afterEmployeesDeactivated(
  tx: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<void> {
  if (employeeIds.length === 0) return;
  await revokeSessionsOfEmployees(tx, centreId, employeeIds);
  // Their places in activities not yet started go to the people on the waitlists.
  await cancelFutureEnrolmentsOf(tx, centreId, employeeIds);
  // Their places at Health Days still to come go back to the stations; rooms they booked
  // for later are freed.
  await cancelFutureHealthDayBookingsOf(tx, centreId, employeeIds);
  await cancelFutureRoomBookingsOf(tx, centreId, employeeIds);
  // Their consultations still to come are cancelled; the specialists learn the time is free.
  await cancelFutureBookingsOf(tx, centreId, employeeIds);
  // Their planned occupational-medicine exams are called off (and free the clinic's places).
  await cancelPlannedExamsOf(tx, centreId, employeeIds);
}
