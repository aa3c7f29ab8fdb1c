// The invariants of the programme module (modules/programme/README.md) and of the real paths
// (enrolment windows, approvals, completion, scoring), checked on the demo's rows: on the plan
// before it is written, and on what the database holds after a build. Used by the tests.
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { unitPath } from "../org/unit-tree.ts";
import { inAudience } from "../programme/audience.ts";
import { normalizeCertificateNumber } from "../programme/certificates.ts";
import { hasCompleted } from "../programme/completion.ts";
import { checkCancel, checkEligibility, type EnrolMode } from "../programme/eligibility.ts";
import { EVALUATION_COMMENT_MAX, EVALUATION_QUESTIONS } from "../programme/evaluation-rules.ts";
import { hoursCenti, sessionMinutes } from "../programme/hours.ts";
import { scoreSheet } from "../programme/test-scoring.ts";
import { evaluationWindow, testWindow, windowState } from "../programme/test-window.ts";
import { type CentrePlan, POSITIONS } from "./plan.ts";
import type { DemoProgrammeData } from "./programme-model.ts";

const LIVE = new Set(["pending", "confirmed", "waitlisted"]);

function warsawDayOf(t: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(t);
}

/** Everything wrong with one centre's programme rows; empty when all holds. */
export function programmeViolations(
  plan: CentrePlan,
  data: DemoProgrammeData,
  today: string,
): string[] {
  const bad: string[] = [];
  const cutoff = startOfWarsawDay(today);
  const managerUserId = plan.accounts.find((a) => a.role === "manager")?.userId;
  const people = new Map(
    plan.employees.map((e) => [
      e.id,
      {
        name: `${e.firstName} ${e.lastName}`,
        start: e.employmentStart,
        member: {
          staffGroupId: plan.staffGroupIds[POSITIONS[e.positionKey].group],
          positionId: e.positionId,
          unitPath: unitPath(e.unitId, plan.units),
        },
      },
    ]),
  );
  const sessionsOf = new Map<string, DemoProgrammeData["sessions"]>();
  for (const s of data.sessions) {
    if (!(s.endsAt > s.startsAt)) bad.push(`session ${s.id} ends before it starts`);
    sessionsOf.set(s.activityId, [...(sessionsOf.get(s.activityId) ?? []), s]);
  }
  for (const list of sessionsOf.values()) list.sort((a, b) => +a.startsAt - +b.startsAt);
  const sessionById = new Map(data.sessions.map((s) => [s.id, s]));
  const activityById = new Map(data.activities.map((a) => [a.id, a]));
  const enrolmentById = new Map(data.enrolments.map((e) => [e.id, e]));
  /** When the evaluation closes: as set, or the service's default after the last session. */
  const evaluationDue = (a: DemoProgrammeData["activities"][number]) => {
    if (a.evaluationClosesAt) return a.evaluationClosesAt;
    const w = evaluationWindow({ evaluationClosesAt: null }, sessionsOf.get(a.id) ?? []);
    return w.unscheduled ? null : w.closesAt;
  };

  // Activities and their seats: pending + confirmed, never above capacity.
  for (const a of data.activities) {
    const mine = data.enrolments.filter((e) => e.activityId === a.id);
    const held = mine.filter((e) => e.status === "pending" || e.status === "confirmed").length;
    if (a.seatsTaken !== held) bad.push(`${a.title}: seats ${a.seatsTaken}, held ${held}`);
    if (held > a.capacity) bad.push(`${a.title}: over capacity`);
    if (mine.some((e) => e.status === "waitlisted") && held < a.capacity)
      bad.push(`${a.title}: a waitlist with free places`);
    if (a.status === "cancelled" && mine.some((e) => LIVE.has(e.status)))
      bad.push(`${a.title}: cancelled, with live enrolments`);
    if (a.status === "draft" && mine.length) bad.push(`${a.title}: a draft with enrolments`);
    if (!sessionsOf.get(a.id)?.length) bad.push(`${a.title}: no sessions`);
    if (a.enrolOpensAt && a.enrolClosesAt && !(a.enrolClosesAt > a.enrolOpensAt))
      bad.push(`${a.title}: enrolment closes before it opens`);
    const due = evaluationDue(a);
    if (
      a.evaluationClosedAt &&
      !(due && a.evaluationClosedAt >= due && a.evaluationClosedAt < cutoff)
    )
      bad.push(`${a.title}: evaluation closed out of its time`);
  }

  // Enrolments: one live per person, inside the audience and the window, in a sane order.
  const live = new Set<string>();
  for (const e of data.enrolments) {
    const a = activityById.get(e.activityId);
    const p = people.get(e.employeeId);
    if (!a || !p) {
      bad.push(`enrolment ${e.id}: unknown activity or person`);
      continue;
    }
    const first = sessionsOf.get(a.id)?.[0];
    if (LIVE.has(e.status)) {
      const k = `${e.activityId}:${e.employeeId}`;
      if (live.has(k)) bad.push(`${a.title}: ${p.name} enrolled twice`);
      live.add(k);
    }
    if (!inAudience(a.target ?? {}, p.member)) bad.push(`${a.title}: ${p.name} outside target`);
    const created = e.createdAt;
    // The enrolment service's own rules, at the moment the person signed up (or left).
    const mode: EnrolMode = e.nominatedByUserId
      ? {
          kind: "nominate",
          by: e.nominatedByUserId === managerUserId ? "manager" : "coordinator",
          outsideTarget: false,
        }
      : { kind: "self" };
    const verdict = checkEligibility({
      now: created,
      activity: {
        status: "published",
        target: a.target ?? {},
        priority: a.priority ?? {},
        enrolOpensAt: a.enrolOpensAt ?? null,
        enrolClosesAt: a.enrolClosesAt ?? null,
        priorityUntil: a.priorityUntil ?? null,
        requiresApproval: a.requiresApproval ?? false,
      },
      firstSessionStart: first?.startsAt ?? null,
      member: { ...p.member, active: true },
      live: null,
      mode,
    });
    if (!verdict.ok) bad.push(`${a.title}: ${p.name} could not enrol (${verdict.reason})`);
    else if (!verdict.approval && (e.status === "pending" || e.decidedAt))
      bad.push(`${a.title}: ${p.name} waits for an approval nobody needs`);
    else if (verdict.approval && e.status === "confirmed" && !(e.decidedAt && e.decidedByUserId))
      bad.push(`${a.title}: ${p.name} confirmed without an approval`);
    if (e.cancelReason === "self" && e.cancelledAt) {
      const leave = checkCancel({
        now: e.cancelledAt,
        status: e.decidedAt && e.decidedAt < e.cancelledAt ? "confirmed" : "pending",
        firstSessionStart: first?.startsAt ?? null,
        deadlineHours: a.cancelDeadlineHours ?? 24,
        by: "self",
      });
      if (!leave.ok) bad.push(`${a.title}: ${p.name} left after the deadline`);
    }
    if (created >= cutoff) bad.push(`${a.title}: enrolment from the future`);
    if (warsawDayOf(created) < p.start) bad.push(`${a.title}: ${p.name} enrolled before hired`);
    if (a.enrolOpensAt && created < a.enrolOpensAt) bad.push(`${a.title}: enrolled before open`);
    if (a.enrolClosesAt && created > a.enrolClosesAt) bad.push(`${a.title}: enrolled after close`);
    if (a.priorityUntil && created <= a.priorityUntil && !inAudience(a.priority ?? {}, p.member))
      bad.push(`${a.title}: ${p.name} enrolled in the priority window`);
    if ((e.status === "cancelled") !== Boolean(e.cancelledAt))
      bad.push(`${a.title}: cancelled without a time (or the reverse)`);
    if (e.cancelledAt && (e.cancelledAt < created || e.cancelledAt >= cutoff))
      bad.push(`${a.title}: cancelled out of order`);
    if (e.decidedAt && (e.decidedAt < created || e.decidedAt >= cutoff))
      bad.push(`${a.title}: decided out of order`);
    if (e.status === "rejected" && !e.decidedAt) bad.push(`${a.title}: rejected undecided`);
    if (e.status === "pending" && first && first.startsAt < cutoff)
      bad.push(`${a.title}: still awaiting approval after it started`);
    if (e.decidedAt && first && e.decidedAt > first.startsAt)
      bad.push(`${a.title}: approved after it started`);
  }

  // Attendance: only for confirmed enrolments, only for sessions already held.
  const minutesOf = new Map<string, number>();
  const presentAt = new Set<string>();
  for (const m of data.attendance) {
    const s = sessionById.get(m.sessionId);
    const e = enrolmentById.get(m.enrolmentId);
    if (!s || !e) {
      bad.push(`attendance ${m.id}: unknown session or enrolment`);
      continue;
    }
    if (e.status !== "confirmed") bad.push(`attendance ${m.id}: enrolment ${e.status}`);
    if (s.activityId !== e.activityId) bad.push(`attendance ${m.id}: another activity`);
    if (!(s.startsAt < cutoff) || s.cancelledAt) bad.push(`attendance ${m.id}: session not held`);
    if (m.markedAt && (m.markedAt < s.startsAt || m.markedAt >= cutoff))
      bad.push(`attendance ${m.id}: marked out of order`);
    const full = sessionMinutes(s);
    if (m.minutes != null && (!m.present || m.minutes > full || m.minutes < 0))
      bad.push(`attendance ${m.id}: ${m.minutes} minutes`);
    const mins = m.present ? (m.minutes ?? full) : 0;
    const k = `${e.activityId}:${e.employeeId}`;
    minutesOf.set(k, (minutesOf.get(k) ?? 0) + mins);
    if (m.present) presentAt.add(`${s.id}:${e.employeeId}`);
  }

  // Certificates: only for those who completed, numbered as the service numbers them.
  const numbers = new Set<string>();
  const holders = new Set<string>();
  for (const c of data.certificates) {
    const a = activityById.get(c.activityId);
    const sessions = sessionsOf.get(c.activityId) ?? [];
    if (!a || !sessions.length) {
      bad.push(`certificate ${c.number}: unknown activity`);
      continue;
    }
    if (normalizeCertificateNumber(c.number) !== c.number)
      bad.push(`certificate ${c.number}: not a number the verification page reads`);
    if (numbers.has(c.number)) bad.push(`certificate ${c.number}: number repeated`);
    numbers.add(c.number);
    const k = `${c.activityId}:${c.employeeId}`;
    const planned = sessions
      .filter((s) => !s.cancelledAt)
      .reduce((sum, s) => sum + sessionMinutes(s), 0);
    const attended = minutesOf.get(k) ?? 0;
    if (!hasCompleted(attended, planned, a.completionPercent ?? 80))
      bad.push(`certificate ${c.number}: not completed (${attended} of ${planned} min)`);
    if (c.hoursCenti !== hoursCenti(attended, c.hourUnit))
      bad.push(`certificate ${c.number}: ${c.hoursCenti} hours×100`);
    if (c.holderName !== people.get(c.employeeId)?.name) bad.push(`certificate ${c.number}: name`);
    if (c.activityTitle !== a.title) bad.push(`certificate ${c.number}: title`);
    const days = sessions.map((s) => warsawDayOf(s.startsAt));
    if (c.firstDay !== days[0] || c.lastDay !== days[days.length - 1])
      bad.push(`certificate ${c.number}: dates ${c.firstDay}–${c.lastDay}`);
    const issued = c.issuedAt ?? cutoff;
    if (issued <= sessions[sessions.length - 1].endsAt || issued >= cutoff)
      bad.push(`certificate ${c.number}: issued out of order`);
    if (c.revokedAt) {
      if (c.revokedAt < issued || !c.revokedReason) bad.push(`certificate ${c.number}: revoked`);
    } else {
      if (holders.has(k)) bad.push(`certificate ${c.number}: a second live one`);
      holders.add(k);
    }
  }

  // Knowledge tests: scored by the rule, taken in their windows by those enrolled.
  const questionsOf = new Map<string, DemoProgrammeData["questions"]>();
  for (const q of data.questions)
    questionsOf.set(q.activityId, [...(questionsOf.get(q.activityId) ?? []), q]);
  const attempts = new Set<string>();
  for (const t of data.attempts) {
    const questions = questionsOf.get(t.activityId) ?? [];
    const sessions = sessionsOf.get(t.activityId) ?? [];
    const e = data.enrolments.find(
      (x) =>
        x.activityId === t.activityId && x.employeeId === t.employeeId && x.status === "confirmed",
    );
    const k = `${t.activityId}:${t.employeeId}:${t.stage}`;
    if (attempts.has(k)) bad.push(`attempt ${t.id}: taken twice`);
    attempts.add(k);
    if (!e || !sessions.length) {
      bad.push(`attempt ${t.id}: not a confirmed participant`);
      continue;
    }
    if (t.maxScore !== questions.length) bad.push(`attempt ${t.id}: max ${t.maxScore}`);
    if (t.score !== scoreSheet(questions, t.answers).score || t.score > t.maxScore)
      bad.push(`attempt ${t.id}: score ${t.score}`);
    const at = t.submittedAt ?? cutoff;
    if (at >= cutoff) bad.push(`attempt ${t.id}: from the future`);
    // The test service's windows: the pre-test from enrolment, the post-test after the last start.
    if (windowState(testWindow(t.stage, sessions), at) !== "open" || at < e.createdAt)
      bad.push(`attempt ${t.id}: ${t.stage}-test out of its window`);
  }

  // Evaluations: answered once by those who attended; responses as many as answers, unlinked.
  const answered = new Map<string, number>();
  for (const p of data.evaluationParticipation) {
    const a = activityById.get(p.activityId);
    const sessions = sessionsOf.get(p.activityId) ?? [];
    const attended = sessions.some((s) => presentAt.has(`${s.id}:${p.employeeId}`));
    if (!a || !attended) bad.push(`evaluation ${p.id}: by someone who did not attend`);
    const lastDay = sessions.length ? warsawDayOf(sessions[sessions.length - 1].startsAt) : "";
    const due = a ? evaluationDue(a) : null;
    const closes = due ? warsawDayOf(due) : "";
    if (p.answeredOn < lastDay || p.answeredOn > closes || p.answeredOn >= today)
      bad.push(`evaluation ${p.id}: answered on ${p.answeredOn}`);
    answered.set(p.activityId, (answered.get(p.activityId) ?? 0) + 1);
  }
  const responses = new Map<string, number>();
  for (const r of data.evaluationResponses) {
    responses.set(r.activityId, (responses.get(r.activityId) ?? 0) + 1);
    const keys = Object.keys(r.ratings).sort();
    if (keys.join() !== [...EVALUATION_QUESTIONS].sort().join()) bad.push(`response ${r.id}: keys`);
    if (Object.values(r.ratings).some((v) => !Number.isInteger(v) || v < 1 || v > 5))
      bad.push(`response ${r.id}: rating out of 1–5`);
    if ((r.comment ?? "").length > EVALUATION_COMMENT_MAX)
      bad.push(`response ${r.id}: comment too long`);
  }
  for (const a of data.activities) {
    if ((answered.get(a.id) ?? 0) !== (responses.get(a.id) ?? 0))
      bad.push(`${a.title}: ${answered.get(a.id)} answered, ${responses.get(a.id)} responses`);
  }
  return bad;
}
