import type { Queryable } from "../../platform/db.ts";
import { revokeSessionsOfEmployees } from "../access/revoke-sessions.ts";
import { cancelFutureEnrolmentsOf } from "../programme/cancel-enrolment.ts";

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
}
