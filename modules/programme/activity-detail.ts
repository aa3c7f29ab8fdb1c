// One activity as its page shows it to anyone of the centre: what it is, its sessions and
// hours, places left, who it is for, and what the viewer may do with it.
import { and, eq, inArray } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { user } from "../access/schema.ts";
import { orgUnit, position, staffGroup } from "../org/schema.ts";
import { canTakeAnyAttendance } from "./attendance-access.ts";
import { findActivity, sessionsOf } from "./find-activity.ts";
import { hoursCenti, plannedMinutes } from "./hours.ts";
import { type Audience, programmeActivityType } from "./schema.ts";

type Named = { id: string; name: string };
export type AudienceNames = { staffGroups: Named[]; positions: Named[]; units: Named[] };

/**
 * The activity with its sessions (cancelled ones too, marked), planned hours in its unit,
 * places left and the names of its audiences. A draft is "not found" to anyone who does not
 * run the programme, as is another centre's activity.
 */
export async function activityDetail(actor: Actor, activityId: string) {
  requirePermission(actor, "programme.enrol");
  const a = await findActivity(db(), actor, activityId);
  const canManage = can(actor, "programme.manage");
  if (a.status === "draft" && !canManage) throw notFound();
  const [[type], sessions, names, trainer] = await Promise.all([
    db()
      .select({
        id: programmeActivityType.id,
        code: programmeActivityType.code,
        name: programmeActivityType.name,
      })
      .from(programmeActivityType)
      .where(eq(programmeActivityType.id, a.typeId)),
    sessionsOf(db(), a.id),
    audienceNames(actor.centreId, [a.target, a.priority]),
    a.trainerUserId
      ? db().select({ name: user.name }).from(user).where(eq(user.id, a.trainerUserId))
      : Promise.resolve([]),
  ]);
  const minutes = plannedMinutes(sessions);
  const isTrainer = Boolean(a.trainerUserId && a.trainerUserId === actor.userId);
  const pick = (aud: Audience): AudienceNames => ({
    staffGroups: names.staffGroups.filter((g) => aud.staffGroupIds?.includes(g.id)),
    positions: names.positions.filter((p) => aud.positionIds?.includes(p.id)),
    units: names.units.filter((u) => aud.unitIds?.includes(u.id)),
  });
  return {
    activity: a,
    type,
    sessions,
    plannedMinutes: minutes,
    hoursCenti: hoursCenti(minutes, a.hourUnit),
    placesLeft: Math.max(0, a.capacity - a.seatsTaken),
    target: pick(a.target),
    priority: pick(a.priority),
    trainerName: trainer[0]?.name ?? null,
    can: {
      manage: canManage,
      attendance: can(actor, "programme.attendance") && (canTakeAnyAttendance(actor) || isTrainer),
      enrolments: can(actor, "programme.nominate") || can(actor, "programme.approve"),
      reports: can(actor, "programme.reports.view"),
    },
  };
}

/** Names of the groups, positions and units the audiences name (the centre's only). */
async function audienceNames(centreId: string, audiences: Audience[]): Promise<AudienceNames> {
  const ids = (k: keyof Audience) => [...new Set(audiences.flatMap((a) => a[k] ?? []))];
  const of = async (table: typeof staffGroup | typeof position | typeof orgUnit, list: string[]) =>
    list.length === 0
      ? []
      : db()
          .select({ id: table.id, name: table.name })
          .from(table)
          .where(and(eq(table.centreId, centreId), inArray(table.id, list)))
          .orderBy(table.name);
  const [staffGroups, positions, units] = await Promise.all([
    of(staffGroup, ids("staffGroupIds")),
    of(position, ids("positionIds")),
    of(orgUnit, ids("unitIds")),
  ]);
  return { staffGroups, positions, units };
}
