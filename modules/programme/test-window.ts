/**
 * When the knowledge test and the evaluation of an activity may be changed and answered, from
 * its sessions' times. Pure: the services pass the sessions and the clock.
 *
 * - The question bank, learning outcomes and pass threshold (the standard) are fixed once the
 *   first session has started.
 * - The pre-test is open from enrolment until the first session ends; the post-test from the
 *   last session's start until 30 days after the last session ends.
 * - The evaluation opens when the last session starts and closes at the activity's
 *   `evaluation_closes_at`, by default 14 days after the last session ends.
 * Cancelled sessions do not count.
 */
import type { TestStage } from "./schema.ts";

export const POST_TEST_DAYS = 30;
export const EVALUATION_DAYS = 14;
const DAY_MS = 24 * 3_600_000;

type SessionTimes = { startsAt: Date; endsAt: Date; cancelledAt?: Date | null };

function live(sessions: readonly SessionTimes[]): SessionTimes[] {
  return sessions
    .filter((s) => !s.cancelledAt)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The first session's start: from then on the standard and the bank are fixed. */
export function firstStart(sessions: readonly SessionTimes[]): Date | null {
  return live(sessions)[0]?.startsAt ?? null;
}

export function bankLocked(sessions: readonly SessionTimes[], now: Date): boolean {
  const start = firstStart(sessions);
  return start !== null && start.getTime() <= now.getTime();
}

/**
 * Null at either end means unbounded there (a pre-test opens with the enrolment itself);
 * `unscheduled` is a window that opens only once the activity has sessions.
 */
export type TimeWindow = { opensAt: Date | null; closesAt: Date | null; unscheduled?: true };
export type WindowState = "open" | "notYet" | "closed";

export function testWindow(stage: TestStage, sessions: readonly SessionTimes[]): TimeWindow {
  const s = live(sessions);
  if (s.length === 0) return stage === "pre" ? { opensAt: null, closesAt: null } : NEVER;
  if (stage === "pre") return { opensAt: null, closesAt: s[0].endsAt };
  const last = s[s.length - 1];
  const lastEnd = Math.max(...s.map((x) => x.endsAt.getTime()));
  return { opensAt: last.startsAt, closesAt: new Date(lastEnd + POST_TEST_DAYS * DAY_MS) };
}

const NEVER: TimeWindow = { opensAt: null, closesAt: null, unscheduled: true };

export function windowState(w: TimeWindow, now: Date): WindowState {
  if (w.unscheduled) return "notYet";
  if (w.opensAt && now.getTime() < w.opensAt.getTime()) return "notYet";
  if (w.closesAt && now.getTime() >= w.closesAt.getTime()) return "closed";
  return "open";
}

export function evaluationWindow(
  activity: { evaluationClosesAt: Date | null },
  sessions: readonly SessionTimes[],
): TimeWindow {
  const s = live(sessions);
  if (s.length === 0) return NEVER;
  const lastEnd = Math.max(...s.map((x) => x.endsAt.getTime()));
  return {
    opensAt: s[s.length - 1].startsAt,
    closesAt: activity.evaluationClosesAt ?? new Date(lastEnd + EVALUATION_DAYS * DAY_MS),
  };
}
