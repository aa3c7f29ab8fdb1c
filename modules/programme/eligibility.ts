// Who may enrol in an activity, and when; who may leave it. Pure: plain data in, a verdict out,
// so every rule is tested without a database. Capacity is not a refusal — a full activity
// takes people onto its waitlist — so it is decided later, under the activity's row lock.
import type { MessageKey } from "../../platform/i18n.ts";
import { type AudienceMember, inAudience } from "./audience.ts";
import type { ActivityStatus, Audience, EnrolmentStatus } from "./schema.ts";

export type EligibilityActivity = {
  status: ActivityStatus;
  target: Audience;
  priority: Audience;
  enrolOpensAt: Date | null;
  enrolClosesAt: Date | null;
  priorityUntil: Date | null;
  requiresApproval: boolean;
};

/**
 * Signing oneself up, or being signed up: by a coordinator (anyone in the centre; may place a
 * person outside the target groups) or by a manager (employees of their units).
 */
export type EnrolMode =
  | { kind: "self" }
  | { kind: "nominate"; by: "coordinator" | "manager"; outsideTarget: boolean };

export type EligibilityInput = {
  now: Date;
  activity: EligibilityActivity;
  /** Start of the earliest session that is not cancelled; null while none is planned. */
  firstSessionStart: Date | null;
  /** The person's place in the organisation; null when the account has no employee record. */
  member: (AudienceMember & { active: boolean }) | null;
  /** The status of the person's live enrolment in the activity, if there is one. */
  live: EnrolmentStatus | null;
  mode: EnrolMode;
};

export type Refusal = { ok: false; reason: MessageKey };
/** `approval`: given a place, the enrolment waits for a manager's approval (pending). */
export type Eligibility = { ok: true; approval: boolean } | Refusal;

const refuse = (reason: MessageKey): Refusal => ({ ok: false, reason });

export const LIVE_STATUSES = ["pending", "confirmed", "waitlisted"] as const;
export const SEATED_STATUSES = ["pending", "confirmed"] as const;

export function isLive(status: EnrolmentStatus): boolean {
  return (LIVE_STATUSES as readonly string[]).includes(status);
}

/** Holds one of the activity's places (counted in `seats_taken`). */
export function isSeated(status: EnrolmentStatus): boolean {
  return (SEATED_STATUSES as readonly string[]).includes(status);
}

/** The earliest start of the sessions that still take place. */
export function firstSessionStart(
  sessions: { startsAt: Date; cancelledAt?: Date | null }[],
): Date | null {
  let first: Date | null = null;
  for (const s of sessions) {
    if (s.cancelledAt) continue;
    if (!first || s.startsAt < first) first = s.startsAt;
  }
  return first;
}

/**
 * Whether the person may be enrolled now. The order of the checks is the order of the
 * messages a person would want: the activity itself, who they are, what they already have,
 * time, then the audience.
 */
export function checkEligibility(i: EligibilityInput): Eligibility {
  const a = i.activity;
  if (a.status === "cancelled") return refuse("programme.enrol.reason.cancelled");
  if (a.status !== "published") return refuse("programme.enrol.reason.notPublished");
  if (!i.member) {
    return refuse(
      i.mode.kind === "self"
        ? "programme.enrol.reason.noEmployee"
        : "programme.enrol.reason.employeeUnknown",
    );
  }
  if (!i.member.active) return refuse("programme.enrol.reason.inactive");
  if (i.live === "confirmed") return refuse("programme.enrol.reason.alreadyConfirmed");
  if (i.live === "pending") return refuse("programme.enrol.reason.alreadyPending");
  if (i.live === "waitlisted") return refuse("programme.enrol.reason.alreadyWaitlisted");
  if (i.firstSessionStart && i.now >= i.firstSessionStart) {
    return refuse("programme.enrol.reason.started");
  }
  // A coordinator runs the programme and may fill a place outside the enrolment window (until
  // the activity starts); a manager's nomination keeps to it, as the employee's own would.
  const coordinator = i.mode.kind === "nominate" && i.mode.by === "coordinator";
  if (!coordinator) {
    if (a.enrolOpensAt && i.now < a.enrolOpensAt)
      return refuse("programme.enrol.reason.notYetOpen");
    if (a.enrolClosesAt && i.now >= a.enrolClosesAt) return refuse("programme.enrol.reason.closed");
  }
  const outsideTarget = i.mode.kind === "nominate" && coordinator && i.mode.outsideTarget;
  if (!outsideTarget && !inAudience(a.target, i.member)) {
    return refuse(
      i.mode.kind === "self"
        ? "programme.enrol.reason.notInTarget"
        : "programme.enrol.reason.employeeNotInTarget",
    );
  }
  // Nominations are the priority groups' managers' and coordinators' own judgement: the
  // priority window holds back only people signing themselves up.
  if (
    i.mode.kind === "self" &&
    a.priorityUntil &&
    i.now < a.priorityUntil &&
    !inAudience(a.priority, i.member)
  ) {
    return refuse("programme.enrol.reason.priorityOnly");
  }
  // Whoever nominates is someone who could approve, so a nomination needs no approval.
  return { ok: true, approval: a.requiresApproval && i.mode.kind === "self" };
}

/** The last moment an employee may leave a place themselves; null while no session is planned. */
export function cancelDeadline(firstStart: Date | null, deadlineHours: number): Date | null {
  return firstStart ? new Date(firstStart.getTime() - deadlineHours * 3_600_000) : null;
}

export type CancelInput = {
  now: Date;
  status: EnrolmentStatus;
  firstSessionStart: Date | null;
  deadlineHours: number;
  /** Who cancels: the person, their manager, or a coordinator (who may at any time). */
  by: "self" | "manager" | "coordinator";
};

export function checkCancel(i: CancelInput): { ok: true } | Refusal {
  if (!isLive(i.status)) return refuse("programme.enrol.reason.notLive");
  if (i.by === "coordinator") return { ok: true };
  // Leaving the waitlist takes nobody's place, so it is never too late for it.
  if (i.status === "waitlisted") return { ok: true };
  const deadline = cancelDeadline(i.firstSessionStart, i.deadlineHours);
  if (deadline && i.now >= deadline) return refuse("programme.enrol.reason.pastDeadline");
  return { ok: true };
}

/** The status a place is given: awaiting approval, or confirmed; no place means the waitlist. */
export function placeStatus(seatFree: boolean, approval: boolean): EnrolmentStatus {
  if (!seatFree) return "waitlisted";
  return approval ? "pending" : "confirmed";
}
