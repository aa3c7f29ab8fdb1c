// Notices to everyone enrolled when an activity changes after publication: CATALOGUE calls
// notifyActivityChanged inside the transaction that changes the sessions or cancels the
// activity (the builders of every enrolment notice are in notice-mail.ts).
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { cancelAllEnrolments } from "./cancel-enrolment.ts";
import { activityContext, loadPeople, lockActivity } from "./enrolment-common.ts";
import { enrolmentNotice, sendNotices } from "./notice-mail.ts";
import { programmeEnrolment } from "./schema.ts";

export type ActivityChange = "session_changed" | "session_cancelled" | "activity_cancelled";

/**
 * Tells everyone enrolled that the activity changed: those with a place get the sessions as an
 * updated invitation (the UIDs stay, the SEQUENCE of a changed session has gone up) and the
 * cancelled sessions as a cancellation. Call it inside the transaction that made the change,
 * after making it. Cancelling the activity releases every enrolment (see cancelAllEnrolments),
 * which tells each person once, whichever of the two is called first.
 */
export async function notifyActivityChanged(
  tx: Queryable,
  centreId: string,
  activityId: string,
  change: ActivityChange,
): Promise<void> {
  if (change === "activity_cancelled") {
    await cancelAllEnrolments(tx, centreId, activityId, "activity_cancelled");
    return;
  }
  const activity = await lockActivity(tx, centreId, activityId);
  if (!activity) return;
  const ctx = await activityContext(tx, activity);
  const enrolled = await tx
    .select({ employeeId: programmeEnrolment.employeeId, status: programmeEnrolment.status })
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        inArray(programmeEnrolment.status, ["pending", "confirmed", "waitlisted"]),
      ),
    );
  const people = await loadPeople(
    tx,
    centreId,
    enrolled.map((e) => e.employeeId),
  );
  const mails = enrolled.flatMap((e) => {
    const p = people.get(e.employeeId);
    if (!p?.active) return [];
    return [enrolmentNotice(ctx, p, "changed", { hadPlace: e.status === "confirmed" })];
  });
  await sendNotices(tx, mails);
}
