import { and, asc, eq } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import type { T } from "../../platform/i18n.ts";
import {
  BUILTIN_ACTIVITY_TYPES,
  type BuiltinActivityType,
  programmeActivityType,
} from "./schema.ts";

export type ActivityTypeRow = typeof programmeActivityType.$inferSelect;

/**
 * The centre's kinds of activity, the built-in ones created on first use (idempotent and safe
 * when two requests do it at once: the partial unique index on code absorbs the second insert).
 */
export async function ensureActivityTypes(
  q: Queryable,
  centreId: string,
): Promise<ActivityTypeRow[]> {
  const existing = await listActivityTypes(q, centreId);
  const have = new Set(existing.map((t) => t.code));
  const missing = BUILTIN_ACTIVITY_TYPES.filter((c) => !have.has(c));
  if (missing.length === 0) return existing;
  await q
    .insert(programmeActivityType)
    .values(
      missing.map((code) => ({
        centreId,
        code,
        sortOrder: BUILTIN_ACTIVITY_TYPES.indexOf(code) * 10,
      })),
    )
    .onConflictDoNothing();
  return listActivityTypes(q, centreId);
}

export async function listActivityTypes(
  q: Queryable,
  centreId: string,
): Promise<ActivityTypeRow[]> {
  return q
    .select()
    .from(programmeActivityType)
    .where(eq(programmeActivityType.centreId, centreId))
    .orderBy(asc(programmeActivityType.sortOrder), asc(programmeActivityType.name));
}

export async function activityTypeByCode(
  q: Queryable,
  centreId: string,
  code: BuiltinActivityType,
): Promise<ActivityTypeRow | undefined> {
  const [row] = await q
    .select()
    .from(programmeActivityType)
    .where(and(eq(programmeActivityType.centreId, centreId), eq(programmeActivityType.code, code)));
  return row;
}

/** A kind's name: the centre's own name when it has one, else the translated built-in name. */
export function activityTypeLabel(
  t: T,
  type: { code: BuiltinActivityType | null; name: string },
): string {
  if (type.name) return type.name;
  return type.code ? t(`programme.type.${type.code}`) : "";
}
