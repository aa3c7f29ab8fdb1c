// Working conditions of each position, printed on the referral (skierowanie) as the
// description of the hazards the examining doctor must know about. Kept by the health
// coordinator; until they change a position, its defaults follow from the position's profile.
import { and, asc, count, desc, eq, ilike, inArray, type SQL } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { containing, polishSortKey } from "../../platform/sql.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { type ClientContact, position } from "../org/schema.ts";
import { HAZARDS, type Hazard, healthPositionProfile } from "./schema.ts";

export const DEFAULT_PERIOD_MONTHS = 36;

/**
 * The hazards a position has by default. Every post in a welfare centre keeps its case files
 * on a computer (screen work); contact with clients brings the psychosocial load and the risk
 * of aggression; field work means visits in clients' homes and driving to them.
 */
export function defaultHazards(p: { clientContact: ClientContact; fieldWork: boolean }): Hazard[] {
  const out = new Set<Hazard>(["screen_work"]);
  if (p.clientContact !== "none") out.add("psychosocial_client");
  if (p.fieldWork) {
    out.add("field_work");
    out.add("driving");
  }
  return sortHazards([...out]);
}

/** In the order of HAZARDS, without duplicates or unknown keys. */
export function sortHazards(list: readonly string[]): Hazard[] {
  return HAZARDS.filter((h) => list.includes(h));
}

export type PositionProfile = {
  positionId: string;
  positionName: string;
  hazards: Hazard[];
  otherHazards: string;
  periodMonths: number;
  /** False while the position still has its defaults (nothing stored). */
  custom: boolean;
};

type PositionRow = {
  id: string;
  name: string;
  clientContact: ClientContact;
  fieldWork: boolean;
  hazards: Hazard[] | null;
  otherHazards: string | null;
  periodMonths: number | null;
};

function toProfile(r: PositionRow): PositionProfile {
  const custom = r.hazards !== null;
  return {
    positionId: r.id,
    positionName: r.name,
    hazards: custom ? sortHazards(r.hazards!) : defaultHazards(r),
    otherHazards: r.otherHazards ?? "",
    periodMonths: r.periodMonths ?? DEFAULT_PERIOD_MONTHS,
    custom,
  };
}

const profileColumns = {
  id: position.id,
  name: position.name,
  clientContact: position.clientContact,
  fieldWork: position.fieldWork,
  hazards: healthPositionProfile.hazards,
  otherHazards: healthPositionProfile.otherHazards,
  periodMonths: healthPositionProfile.periodMonths,
};

/**
 * The profiles of some positions of a centre (all of them without ids), stored or default.
 * For services that print or plan for many people at once: one query, no permission check.
 */
export async function positionProfiles(
  q: Queryable,
  centreId: string,
  positionIds?: string[],
): Promise<Map<string, PositionProfile>> {
  if (positionIds && positionIds.length === 0) return new Map();
  const rows = await q
    .select(profileColumns)
    .from(position)
    .leftJoin(healthPositionProfile, eq(healthPositionProfile.positionId, position.id))
    .where(
      and(
        eq(position.centreId, centreId),
        positionIds ? inArray(position.id, positionIds) : undefined,
      ),
    );
  return new Map(rows.map((r) => [r.id, toProfile(r)]));
}

/** One position's profile (stored, or its defaults), or null for no such position here. */
export async function positionProfile(
  q: Queryable,
  centreId: string,
  positionId: string,
): Promise<PositionProfile | null> {
  if (!isUuid(positionId)) return null;
  return (await positionProfiles(q, centreId, [positionId])).get(positionId) ?? null;
}

export const positionProfileQuery = z.object({
  q: z.string().trim().max(200).optional().default(""),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});

/** The positions with their hazards, for the health coordinator: search, name order, pages. */
export async function listPositionProfiles(actor: Actor, query: unknown) {
  requirePermission(actor, "health.manage");
  const f = positionProfileQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(position.centreId, actor.centreId)];
  if (f.q) where.push(ilike(position.name, containing(f.q)));
  const cond = and(...where);
  const dirFn = f.dir === "desc" ? desc : asc;
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select(profileColumns)
      .from(position)
      .leftJoin(healthPositionProfile, eq(healthPositionProfile.positionId, position.id))
      .where(cond)
      .orderBy(dirFn(polishSortKey(position.name)), asc(position.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(position).where(cond),
  ]);
  return { rows: rows.map(toProfile), total, ...f };
}

/** One position's profile for the health coordinator; another centre's is not found. */
export async function getPositionProfile(actor: Actor, positionId: string) {
  requirePermission(actor, "health.manage");
  const p = await positionProfile(db(), actor.centreId, positionId);
  if (!p) throw notFound();
  return p;
}

const hazardList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v ? [v] : []))
  .pipe(z.array(z.enum(HAZARDS, { message: "errors.invalid" })).max(HAZARDS.length));

export const positionProfileFields = z.object({
  hazards: hazardList,
  otherHazards: z.string().trim().max(1000, "errors.tooLong").optional().default(""),
  periodMonths: z.coerce
    .number({ message: "errors.healthPeriodMonths" })
    .int("errors.healthPeriodMonths")
    .min(6, "errors.healthPeriodMonths")
    .max(60, "errors.healthPeriodMonths")
    .optional()
    .default(DEFAULT_PERIOD_MONTHS),
});

/** Stores a position's hazards (health.manage); `reset` returns it to its defaults. */
export async function savePositionProfile(
  actor: Actor,
  positionId: string,
  input: unknown,
  opts: { reset?: boolean } = {},
): Promise<PositionProfile> {
  requirePermission(actor, "health.manage");
  const d = opts.reset ? null : parseInput(positionProfileFields, input);
  return db().transaction(async (tx) => {
    if (!isUuid(positionId)) throw notFound();
    const [p] = await tx
      .select({ id: position.id })
      .from(position)
      .where(and(eq(position.id, positionId), eq(position.centreId, actor.centreId)));
    if (!p) throw notFound();
    if (d) {
      const values = {
        hazards: sortHazards(d.hazards),
        otherHazards: d.otherHazards,
        periodMonths: d.periodMonths,
        updatedAt: new Date(),
      };
      await tx
        .insert(healthPositionProfile)
        .values({ positionId, centreId: actor.centreId, ...values })
        .onConflictDoUpdate({ target: healthPositionProfile.positionId, set: values });
    } else {
      await tx
        .delete(healthPositionProfile)
        .where(eq(healthPositionProfile.positionId, positionId));
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: d ? "health.position.update" : "health.position.reset",
      entityType: "position",
      entityId: positionId,
      details: d ? { hazards: sortHazards(d.hazards) } : {},
      requestId: actor.requestId,
    });
    return (await positionProfile(tx, actor.centreId, positionId))!;
  });
}

export { hazardDescription, hazardLabel } from "./hazard-labels.ts";
