// A pending enrolment — a person who signed up for an activity that needs approval, holding a
// place meanwhile — is approved or rejected by a manager of the person's unit (or a unit above)
// or by a coordinator. A rejection gives the place to the first person on the waitlist.
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, forbidden, notFound } from "../../platform/errors.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, unitScope } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { endEnrolments } from "./cancel-enrolment.ts";
import { activityContext, loadPeople, lockActivity } from "./enrolment-common.ts";
import { enrolmentNotice, sendNotices } from "./notice-mail.ts";
import { programmeEnrolment } from "./schema.ts";

export const decisionField = z.enum(["approve", "reject"], { message: "errors.invalid" });
export type Decision = z.infer<typeof decisionField>;

export async function decideEnrolment(
  actor: Actor,
  enrolmentId: string,
  decision: unknown,
): Promise<{ id: string; status: "confirmed" | "rejected"; activityId: string; promoted: number }> {
  const scope = await unitScope(db(), actor, "programme.approve");
  const d = parseInput(z.object({ decision: decisionField }), { decision }).decision;
  if (!isUuid(enrolmentId)) throw notFound();
  const [row] = await db()
    .select({
      activityId: programmeEnrolment.activityId,
      employeeId: programmeEnrolment.employeeId,
      unitId: employee.unitId,
    })
    .from(programmeEnrolment)
    .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
    .where(
      and(eq(programmeEnrolment.id, enrolmentId), eq(programmeEnrolment.centreId, actor.centreId)),
    );
  if (!row) throw notFound();
  if (scope && !(row.unitId && scope.includes(row.unitId))) throw forbidden();
  if (row.employeeId === actor.employeeId) {
    throw new AppError("conflict", { _form: "programme.enrol.reason.selfApproval" });
  }
  return db().transaction(async (tx) => {
    const activity = await lockActivity(tx, actor.centreId, row.activityId);
    if (!activity) throw notFound();
    const [e] = await tx
      .select({
        id: programmeEnrolment.id,
        employeeId: programmeEnrolment.employeeId,
        status: programmeEnrolment.status,
      })
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.id, enrolmentId))
      .for("update");
    if (e?.status !== "pending") {
      throw new AppError("conflict", { _form: "programme.enrol.reason.notPending" });
    }
    const ctx = await activityContext(tx, activity);
    const by = { userId: actor.userId, requestId: actor.requestId };
    if (d === "reject") {
      const { promoted } = await endEnrolments(tx, ctx, [e], { status: "rejected" }, by, {
        notify: true,
        promote: true,
      });
      return { id: e.id, status: "rejected" as const, activityId: activity.id, promoted };
    }
    await tx
      .update(programmeEnrolment)
      .set({ status: "confirmed", decidedAt: new Date(), decidedByUserId: actor.userId })
      .where(eq(programmeEnrolment.id, e.id));
    const person = (await loadPeople(tx, actor.centreId, [e.employeeId])).get(e.employeeId);
    if (person) await sendNotices(tx, [enrolmentNotice(ctx, person, "approved")]);
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.enrolment.approve",
      entityType: "programme_enrolment",
      entityId: e.id,
      details: { activityId: activity.id },
      requestId: actor.requestId,
    });
    return { id: e.id, status: "confirmed" as const, activityId: activity.id, promoted: 0 };
  });
}
