import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { orgUnit, staffGroup } from "../org/schema.ts";
import { getCycle } from "./list-cycles.ts";
import { inviteesOf } from "./open-cycle.ts";
import { cycleResponseRate, invitationCells } from "./response-rate.ts";
import { surveyComment } from "./schema.ts";
import { reminderCounts } from "./send-reminders.ts";

/**
 * Everything the coordinator's page of one cycle shows: the cycle, its population in names, how
 * many a draft would invite, the live response rate (counts only; by unit only where enough were
 * invited), how many a reminder now would reach, and how many open answers wait for review.
 * Never who answered, nor who has not.
 */
export async function cycleOverview(actor: Actor, cycleId: string) {
  requirePermission(actor, "survey.manage");
  const cycle = await getCycle(actor, cycleId);
  const { unitIds = [], staffGroupIds = [] } = cycle.population;
  const [units, groups] = await Promise.all([
    unitIds.length
      ? db()
          .select({ id: orgUnit.id, name: orgUnit.name })
          .from(orgUnit)
          .where(and(eq(orgUnit.centreId, actor.centreId), inArray(orgUnit.id, unitIds)))
      : [],
    staffGroupIds.length
      ? db()
          .select({ id: staffGroup.id, name: staffGroup.name })
          .from(staffGroup)
          .where(
            and(eq(staffGroup.centreId, actor.centreId), inArray(staffGroup.id, staffGroupIds)),
          )
      : [],
  ]);
  const staff = cycle.kind === "staff";
  const [toInvite, rate, reminders, comments] = await Promise.all([
    cycle.status === "draft" && staff
      ? inviteesOf(db(), actor.centreId, cycle.population).then((r) => r.length)
      : null,
    cycle.status === "draft" ? null : cycleResponseRate(actor, cycle.id),
    cycle.status === "open" && staff ? reminderCounts(actor, cycle.id) : null,
    // Only once closed: a count that grows after a colleague says "I just answered" would
    // tell that they wrote something.
    cycle.status === "closed"
      ? db()
          .select({
            total: sql<number>`count(*)::int`,
            pending: sql<number>`count(*) filter (where not ${surveyComment.reviewed})::int`,
          })
          .from(surveyComment)
          .where(eq(surveyComment.cycleId, cycle.id))
          .then((r) => r[0])
      : null,
  ]);
  return {
    cycle,
    population: {
      units: units.map((u) => u.name).sort((a, b) => a.localeCompare(b, "pl")),
      groups: groups.map((g) => g.name).sort((a, b) => a.localeCompare(b, "pl")),
    },
    toInvite,
    rate,
    reminders,
    comments,
    // Past its opening time, still a draft, and nothing will open it: the page says so.
    missedOpening:
      cycle.status === "draft" && !cycle.autoOpen && cycle.opensAt.getTime() <= Date.now(),
  };
}

/**
 * Paper codes of a cycle per unit and staff group: how many were printed and how many used —
 * the codes themselves exist only on the slips printed when they were made.
 */
export async function paperCodeSummary(actor: Actor, cycleId: string) {
  requirePermission(actor, "survey.manage");
  const cycle = await getCycle(actor, cycleId);
  const cells = (await invitationCells(db(), cycle.id)).filter((c) => c.paperIssued > 0);
  const unitIds = [...new Set(cells.map((c) => c.unitId).filter((u): u is string => !!u))];
  const groupIds = [...new Set(cells.map((c) => c.staffGroupId).filter((g): g is string => !!g))];
  const [units, groups] = await Promise.all([
    unitIds.length
      ? db()
          .select({ id: orgUnit.id, name: orgUnit.name })
          .from(orgUnit)
          .where(and(eq(orgUnit.centreId, actor.centreId), inArray(orgUnit.id, unitIds)))
      : [],
    groupIds.length
      ? db()
          .select({ id: staffGroup.id, name: staffGroup.name })
          .from(staffGroup)
          .where(and(eq(staffGroup.centreId, actor.centreId), inArray(staffGroup.id, groupIds)))
      : [],
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const rows = cells
    .map((c) => ({
      unit: (c.unitId && unitName.get(c.unitId)) || "",
      group: (c.staffGroupId && groupName.get(c.staffGroupId)) || "",
      issued: c.paperIssued,
      used: c.paperUsed,
    }))
    .sort((a, b) => a.unit.localeCompare(b.unit, "pl") || a.group.localeCompare(b.group, "pl"));
  return { cycle, rows };
}
