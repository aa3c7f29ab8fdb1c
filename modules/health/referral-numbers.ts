// Referral numbers ("SK/2026/0001"): one counter per centre and year, kept in
// centre.settings.health.referralCounter and advanced under the centre row's lock, so two
// plans made at the same moment never print the same number.
//
// The lock is FOR NO KEY UPDATE, never FOR UPDATE: every insert into a table with a foreign key
// to the centre (bookings, survey answers, audit entries — nearly all of them) takes FOR KEY
// SHARE on the centre's row, which FOR UPDATE would block for as long as a plan of hundreds of
// exams takes to write. NO KEY UPDATE still serialises planners (it conflicts with itself) and
// the centre's settings forms (FOR UPDATE), and the UPDATE of `settings` below takes the same
// strength, since no key column changes.
import { and, eq, like, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { centre } from "../org/schema.ts";
import { referralNumber } from "./plan-rules.ts";
import { healthExam } from "./schema.ts";

/**
 * Locks the centre's row until the transaction ends: planning and numbering go one at a time,
 * while inserts elsewhere in the centre go on (see the note at the top).
 */
export async function lockCentre(tx: Queryable, centreId: string): Promise<void> {
  await tx
    .select({ id: centre.id })
    .from(centre)
    .where(eq(centre.id, centreId))
    .for("no key update");
}

/**
 * The next `count` referral numbers of a year, consecutive, reserved inside the caller's
 * transaction (which must hold the centre's row lock: see lockCentre). The counter never goes
 * below a number already printed, should a settings form have written an older copy of it.
 */
export async function reserveReferralNumbers(
  tx: Queryable,
  centreId: string,
  year: number,
  count: number,
): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = await tx
    .select({ settings: centre.settings })
    .from(centre)
    .where(eq(centre.id, centreId))
    .for("no key update");
  const stored = Number(row?.settings?.health?.referralCounter?.[String(year)] ?? 0) || 0;
  const prefix = `SK/${year}/`;
  // CASE keeps the cast away from numbers written some other way (PostgreSQL may test the
  // WHERE conditions in any order).
  const pattern = `^SK/${year}/[0-9]{1,9}$`;
  const [{ highest }] = await tx
    .select({
      highest: sql<number | null>`max(case when ${healthExam.referralNumber} ~ ${pattern}
        then substr(${healthExam.referralNumber}, ${prefix.length + 1})::int end)`,
    })
    .from(healthExam)
    .where(and(eq(healthExam.centreId, centreId), like(healthExam.referralNumber, `${prefix}%`)));
  const start = Math.max(stored, Number(highest ?? 0)) + 1;
  const last = start + count - 1;
  // Only this key is written: other settings stay as they are in the row.
  await tx
    .update(centre)
    .set({
      settings: sql`jsonb_set(
        jsonb_set(${centre.settings}, '{health}', coalesce(${centre.settings} -> 'health', '{}'::jsonb)),
        '{health,referralCounter}',
        coalesce(${centre.settings} #> '{health,referralCounter}', '{}'::jsonb)
          || jsonb_build_object(${String(year)}::text, ${last}::int)
      )`,
    })
    .where(eq(centre.id, centreId));
  return Array.from({ length: count }, (_, i) => referralNumber(year, start + i));
}
