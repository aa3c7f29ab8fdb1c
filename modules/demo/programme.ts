// The demo step for the support programme: each demo centre gets the seed project's programme
// plan and its activities — the ones already held with enrolments, attendance, certificates,
// knowledge tests and closed evaluations, and the coming ones open for enrolment. The rows come
// from programme-model.ts; this file only writes them, in multi-row inserts.
import { inArray } from "drizzle-orm";
import type { Tx } from "../../platform/db.ts";
import {
  programmeActivity,
  programmeActivityType,
  programmeAttendance,
  programmeCertificate,
  programmeEnrolment,
  programmeEvaluationParticipation,
  programmeEvaluationResponse,
  programmePlan,
  programmePlanItem,
  programmeSession,
  programmeTestAttempt,
  programmeTestQuestion,
} from "../programme/schema.ts";
import { insertChunked } from "./insert-chunked.ts";
import { type DemoProgrammeData, planProgrammeData } from "./programme-model.ts";
import type { DemoStep } from "./steps.ts";
import { warsawDay } from "./survey-model.ts";

async function write(tx: Tx, data: DemoProgrammeData) {
  await tx.insert(programmeActivityType).values(data.types);
  await tx.insert(programmePlan).values(data.plans);
  await tx.insert(programmePlanItem).values(data.planItems);
  await insertChunked(data.activities, (c) => tx.insert(programmeActivity).values(c));
  await insertChunked(data.sessions, (c) => tx.insert(programmeSession).values(c));
  // In arrival order, so the sequence numbers them as the waitlist is promoted: by `seq`.
  await insertChunked(data.enrolments, (c) => tx.insert(programmeEnrolment).values(c));
  await insertChunked(data.attendance, (c) => tx.insert(programmeAttendance).values(c));
  await insertChunked(data.certificates, (c) => tx.insert(programmeCertificate).values(c));
  await insertChunked(data.questions, (c) => tx.insert(programmeTestQuestion).values(c));
  await insertChunked(data.attempts, (c) => tx.insert(programmeTestAttempt).values(c));
  await insertChunked(data.evaluationParticipation, (c) =>
    tx.insert(programmeEvaluationParticipation).values(c),
  );
  // In the order of their random ids, as closing an evaluation leaves them: nothing in the
  // order points back at who answered.
  await insertChunked(data.evaluationResponses, (c) =>
    tx.insert(programmeEvaluationResponse).values(c),
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line per centre for the report `npm run demo` prints. */
export function programmeSummary(centreName: string, data: DemoProgrammeData): string {
  const held = new Set(
    data.sessions.filter((s) => !s.cancelledAt && s.startsAt < new Date()).map((s) => s.activityId),
  );
  const live = data.activities.filter((a) => a.status !== "cancelled");
  const past = live.filter((a) => held.has(a.id)).length;
  const upcoming = live.filter((a) => !held.has(a.id));
  const open = upcoming.filter((a) => a.status === "published" && a.seatsTaken > 0).length;
  const cancelled = data.activities.length - live.length;
  const waitlisted = data.enrolments.filter((e) => e.status === "waitlisted").length;
  const closed = data.activities.filter((a) => a.evaluationClosedAt).length;
  const certificates = data.certificates.filter((c) => !c.revokedAt).length;
  return (
    `${centreName}: programme plan with ${plural(live.length, "activity", "activities")} ` +
    `(${past} held, ${upcoming.length} coming, ${open} open for enrolment` +
    `${cancelled ? `, ${cancelled} cancelled` : ""}), ` +
    `${plural(data.enrolments.length, "enrolment", "enrolments")} (${waitlisted} on waitlists), ` +
    `${plural(data.attendance.length, "attendance mark", "attendance marks")}, ` +
    `${plural(certificates, "certificate", "certificates")}, ` +
    `${plural(data.attempts.length, "test attempt", "test attempts")}, ` +
    `${plural(closed, "closed evaluation", "closed evaluations")} ` +
    `(${data.evaluationResponses.length} responses)`
  );
}

export const programme: DemoStep = {
  name: "programme",
  // Activities and plan items refer to their kinds with ON DELETE RESTRICT: they go first, so
  // deleting the centre can take the kinds with it whatever order the cascade runs in.
  async clear(tx, centreIds) {
    await tx.delete(programmePlan).where(inArray(programmePlan.centreId, centreIds));
    await tx.delete(programmeActivity).where(inArray(programmeActivity.centreId, centreIds));
  },
  async build({ tx, plans, report }) {
    const today = warsawDay(new Date());
    for (const plan of plans) {
      const data = planProgrammeData(plan, { today });
      await write(tx, data);
      report.push(programmeSummary(plan.centre.name, data));
    }
  },
};
