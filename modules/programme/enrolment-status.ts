// Where the signed-in person stands with an activity: enrolled or not (and where on the
// waitlist), whether they may enrol now (or why not), whether they may still withdraw and
// until when, and how many places are left. The activity page's enrolment box shows it.
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import type { MessageKey } from "../../platform/i18n.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { cancelDeadline, checkCancel, checkEligibility } from "./eligibility.ts";
import { enrolmentFacts, waitlistLength, waitlistPosition } from "./enrolment-common.ts";
import type { EnrolmentStatus as Status } from "./schema.ts";

export type EnrolmentStatusView = {
  enrolment: { id: string; status: Status; waitlistPosition: number | null } | null;
  canEnrol: { ok: true; approval: boolean; full: boolean } | { ok: false; reason: MessageKey };
  canCancel: boolean;
  /** The last moment the person may withdraw themselves; null while no session is planned. */
  cancelDeadline: Date | null;
  capacity: number;
  placesLeft: number;
  waitlistLength: number;
  enrolOpensAt: Date | null;
  enrolClosesAt: Date | null;
  priorityUntil: Date | null;
};

export async function enrolmentStatus(
  actor: Actor,
  activityId: string,
): Promise<EnrolmentStatusView> {
  requirePermission(actor, "programme.enrol");
  if (!isUuid(activityId)) throw notFound();
  const [facts, waiting] = await Promise.all([
    enrolmentFacts(db(), actor.centreId, activityId, actor.employeeId),
    waitlistLength(db(), activityId),
  ]);
  if (!facts) throw notFound();
  const { activity, person, live } = facts;
  const position =
    live?.status === "waitlisted" ? await waitlistPosition(db(), activity.id, live.seq) : null;
  const first = facts.firstStart;
  const now = new Date();
  const placesLeft = Math.max(0, activity.capacity - activity.seatsTaken);
  const verdict = checkEligibility({
    now,
    activity,
    firstSessionStart: first,
    member: person?.member ?? null,
    live: live?.status ?? null,
    mode: { kind: "self" },
  });
  return {
    enrolment: live ? { id: live.id, status: live.status, waitlistPosition: position } : null,
    canEnrol: verdict.ok
      ? { ok: true, approval: verdict.approval, full: placesLeft === 0 }
      : { ok: false, reason: verdict.reason },
    canCancel: live
      ? checkCancel({
          now,
          status: live.status,
          firstSessionStart: first,
          deadlineHours: activity.cancelDeadlineHours,
          by: "self",
        }).ok
      : false,
    cancelDeadline: cancelDeadline(first, activity.cancelDeadlineHours),
    capacity: activity.capacity,
    placesLeft,
    waitlistLength: waiting,
    enrolOpensAt: activity.enrolOpensAt,
    enrolClosesAt: activity.enrolClosesAt,
    priorityUntil: activity.priorityUntil,
  };
}
