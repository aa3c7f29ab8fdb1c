import { and, eq, inArray, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { hashToken, newToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { type Actor, descendantsOf, requirePermission } from "../access/actor.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { lockCycle, warsawToday } from "./cycle-common.ts";
import { surveyCycle, surveyParticipation } from "./schema.ts";

/** The link an invited employee opens; the token is in the path, as in account invitations. */
export function surveyLink(token: string): string {
  return `${config().baseUrl}/survey/${token}`;
}

const CHUNK = 500;

/**
 * Opens a draft cycle, in one transaction: every active employee of the population gets a
 * participation row (with the unit and staff group copied from the employee's unit and
 * position, so a later move does not move their answer) and a personal one-time link by mail
 * through the outbox. Either all of it happens or none: a failure leaves the cycle a draft
 * with no row and no mail. The plain tokens exist only in the mails; the rows hold hashes.
 *
 * A population of units includes their sub-units; units and staff groups together select the
 * employees in both.
 */
export async function openCycle(actor: Actor, cycleId: string): Promise<{ invited: number }> {
  requirePermission(actor, "survey.manage");
  return db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (cycle.status !== "draft") {
      throw new AppError("conflict", { _form: "errors.surveyNotDraft" });
    }
    if (cycle.closesAt.getTime() <= Date.now()) {
      throw new AppError("validation", { closesAt: "errors.surveyDates" });
    }
    let unitIds: string[] | null = null;
    if (cycle.population.unitIds?.length) {
      const units = await tx
        .select({ id: orgUnit.id, parentId: orgUnit.parentId })
        .from(orgUnit)
        .where(eq(orgUnit.centreId, actor.centreId));
      unitIds = descendantsOf(cycle.population.unitIds, units);
    }
    const groupIds = cycle.population.staffGroupIds?.length ? cycle.population.staffGroupIds : null;
    const invitees = await tx
      .select({
        id: employee.id,
        firstName: employee.firstName,
        email: employee.email,
        unitId: employee.unitId,
        staffGroupId: position.staffGroupId,
      })
      .from(employee)
      .leftJoin(position, eq(position.id, employee.positionId))
      .where(
        and(
          eq(employee.centreId, actor.centreId),
          eq(employee.active, true),
          sql`${employee.email} <> ''`,
          unitIds ? inArray(employee.unitId, unitIds) : undefined,
          groupIds ? inArray(position.staffGroupId, groupIds) : undefined,
        ),
      )
      .orderBy(employee.id);
    if (invitees.length === 0) {
      throw new AppError("conflict", { _form: "errors.surveyNobodyInvited" });
    }
    const tokens = invitees.map(() => newToken());
    for (let i = 0; i < invitees.length; i += CHUNK) {
      await tx.insert(surveyParticipation).values(
        invitees.slice(i, i + CHUNK).map((e, k) => ({
          cycleId: cycle.id,
          employeeId: e.id,
          unitId: e.unitId,
          staffGroupId: e.staffGroupId,
          tokenHash: hashToken(tokens[i + k]),
          invitedOn: warsawToday,
        })),
      );
    }
    const closes = formatDateTime(cycle.closesAt);
    for (const [k, e] of invitees.entries()) {
      await enqueueMail(tx, {
        centreId: actor.centreId,
        kind: "survey-invitation",
        to: e.email,
        template: "surveyInvitation",
        values: {
          name: e.firstName,
          centre: actor.centreName,
          survey: cycle.name,
          closes,
          link: surveyLink(tokens[k]),
        },
      });
    }
    await tx
      .update(surveyCycle)
      .set({ status: "open", openedAt: new Date() })
      .where(eq(surveyCycle.id, cycle.id));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.cycle.open",
      entityType: "survey_cycle",
      entityId: cycle.id,
      details: { invited: invitees.length },
      requestId: actor.requestId,
    });
    return { invited: invitees.length };
  });
}
