import { and, eq, inArray, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { hashToken, newToken } from "../../platform/crypto.ts";
import { db, type Queryable, type Tx } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { type Actor, descendantsOf, requirePermission } from "../access/actor.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { lockCycle, warsawToday } from "./cycle-common.ts";
import { createPublicLinks } from "./public-links.ts";
import { type SurveyPopulation, surveyCycle, surveyParticipation } from "./schema.ts";

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
    return openLockedCycle(tx, cycle, {
      centreId: actor.centreId,
      centreName: actor.centreName,
      userId: actor.userId,
      requestId: actor.requestId,
    });
  });
}

/** Who opens a cycle: a person, or the jobs runner (no user) for a scheduled opening. */
export type Opener = {
  centreId: string;
  centreName: string;
  userId: string | null;
  requestId?: string;
};

/**
 * The opening itself, on a cycle row already locked FOR UPDATE in `tx` — shared by a person's
 * `openCycle` and the scheduled opening of the jobs runner.
 */
export async function openLockedCycle(
  tx: Tx,
  cycle: typeof surveyCycle.$inferSelect,
  by: Opener,
): Promise<{ invited: number }> {
  if (cycle.status !== "draft") {
    throw new AppError("conflict", { _form: "errors.surveyNotDraft" });
  }
  if (cycle.closesAt.getTime() <= Date.now()) {
    throw new AppError("validation", { closesAt: "errors.surveyDates" });
  }
  // A client-service cycle invites nobody: clients answer through its public links, one per
  // location, made here so the cycle is never open without them.
  if (cycle.kind === "client") {
    await createPublicLinks(tx, by.centreId, cycle);
    await markOpen(tx, cycle.id, by, 0);
    return { invited: 0 };
  }
  const invitees = await inviteesOf(tx, by.centreId, cycle.population);
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
      centreId: by.centreId,
      kind: "survey-invitation",
      to: e.email,
      template: "surveyInvitation",
      values: {
        name: e.firstName,
        centre: by.centreName,
        survey: cycle.name,
        closes,
        link: surveyLink(tokens[k]),
      },
    });
  }
  await markOpen(tx, cycle.id, by, invitees.length);
  return { invited: invitees.length };
}

async function markOpen(tx: Tx, cycleId: string, by: Opener, invited: number) {
  await tx
    .update(surveyCycle)
    .set({ status: "open", openedAt: new Date() })
    .where(eq(surveyCycle.id, cycleId));
  await writeAudit(tx, {
    centreId: by.centreId,
    actorUserId: by.userId,
    action: "survey.cycle.open",
    entityType: "survey_cycle",
    entityId: cycleId,
    details: { invited },
    requestId: by.requestId,
  });
}

/**
 * Who a cycle of this population invites: every active employee of the centre with an e-mail
 * address, in the units (with their sub-units) and staff groups chosen; both together select
 * the employees in both. Also counts a draft's invitations before it opens.
 */
export async function inviteesOf(q: Queryable, centreId: string, population: SurveyPopulation) {
  let unitIds: string[] | null = null;
  if (population.unitIds?.length) {
    const units = await q
      .select({ id: orgUnit.id, parentId: orgUnit.parentId })
      .from(orgUnit)
      .where(eq(orgUnit.centreId, centreId));
    unitIds = descendantsOf(population.unitIds, units);
  }
  const groupIds = population.staffGroupIds?.length ? population.staffGroupIds : null;
  return q
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
        eq(employee.centreId, centreId),
        eq(employee.active, true),
        sql`${employee.email} <> ''`,
        unitIds ? inArray(employee.unitId, unitIds) : undefined,
        groupIds ? inArray(position.staffGroupId, groupIds) : undefined,
      ),
    )
    .orderBy(employee.id);
}
