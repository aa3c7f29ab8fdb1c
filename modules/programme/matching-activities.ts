// From survey results to the catalogue: the kinds of support that answer a scale at risk
// (modules/survey/scale-support.ts) matched to upcoming activities of the same kind, so a
// results page can link straight to something people can join.
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { Actor } from "../access/actor.ts";
import type { SupportKind } from "../survey/scale-support.ts";
import {
  type BuiltinActivityType,
  programmeActivity,
  programmeActivityType,
  programmeSession,
} from "./schema.ts";

/**
 * Which built-in kinds of activity deliver each kind of support. Kinds with none here are
 * not activities of the catalogue (consultations and coaching are booked with a specialist,
 * the Health Day and workload reviews are organised otherwise).
 */
export const SUPPORT_ACTIVITY_TYPES: Partial<Record<SupportKind, readonly BuiltinActivityType[]>> =
  {
    difficultClientTraining: ["training", "webinar"],
    aggressionProcedure: ["training"],
    managerTraining: ["training", "course"],
    stressWorkshop: ["stress_workshop"],
    groupSupervision: ["supervision"],
    psychoeducation: ["webinar"],
    teamWorkshop: ["outdoor_workshop"],
    outdoorWorkshop: ["outdoor_workshop"],
  };

export type MatchingActivity = { id: string; title: string; nextStart: Date };

/**
 * For each kind of support asked about, up to `limit` published activities of a matching kind
 * with a session still to come, soonest first. Everyone may browse the catalogue, so this
 * needs no permission beyond being signed in to the centre.
 */
export async function activitiesForSupportKinds(
  actor: Actor,
  kinds: readonly SupportKind[],
  limit = 3,
): Promise<Partial<Record<SupportKind, MatchingActivity[]>>> {
  const wanted = [...new Set(kinds)].filter((k) => SUPPORT_ACTIVITY_TYPES[k]?.length);
  if (wanted.length === 0) return {};
  const codes = [...new Set(wanted.flatMap((k) => SUPPORT_ACTIVITY_TYPES[k] ?? []))];
  const nextStart = sql<Date>`min(${programmeSession.startsAt})`.mapWith((v: string | Date) =>
    v instanceof Date ? v : new Date(v),
  );
  const rows = await db()
    .select({
      id: programmeActivity.id,
      title: programmeActivity.title,
      code: programmeActivityType.code,
      nextStart,
    })
    .from(programmeActivity)
    .innerJoin(programmeActivityType, eq(programmeActivityType.id, programmeActivity.typeId))
    .innerJoin(programmeSession, eq(programmeSession.activityId, programmeActivity.id))
    .where(
      and(
        eq(programmeActivity.centreId, actor.centreId),
        eq(programmeActivity.status, "published"),
        inArray(programmeActivityType.code, codes),
        isNull(programmeSession.cancelledAt),
        gt(programmeSession.startsAt, sql`now()`),
      ),
    )
    .groupBy(programmeActivity.id, programmeActivity.title, programmeActivityType.code)
    .orderBy(asc(nextStart), asc(programmeActivity.title));
  const out: Partial<Record<SupportKind, MatchingActivity[]>> = {};
  for (const kind of wanted) {
    const types = SUPPORT_ACTIVITY_TYPES[kind] ?? [];
    const list = rows
      .filter((r) => r.code && types.includes(r.code))
      .slice(0, limit)
      .map(({ id, title, nextStart }) => ({ id, title, nextStart }));
    if (list.length) out[kind] = list;
  }
  return out;
}
