// The cycles a closed cycle's trend may be compared with: the centre's other closed cycles of
// the same instrument (any version of its slug), latest first — the choices of the results
// page's "compare with" list. Names and dates only.
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { surveyCycle, surveyInstrument } from "./schema.ts";

export type ComparableCycle = { id: string; name: string; closesAt: string; before: boolean };

export async function comparableCycles(actor: Actor, cycleId: string): Promise<ComparableCycle[]> {
  requirePermission(actor, "survey.results.view");
  if (!isUuid(cycleId)) throw notFound();
  const end = sql<Date>`coalesce(${surveyCycle.closedAt}, ${surveyCycle.closesAt})`;
  const [current] = await db()
    .select({ slug: surveyInstrument.slug, end: sql<string>`${end}::text` })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  if (!current) throw notFound();
  const rows = await db()
    .select({
      id: surveyCycle.id,
      name: surveyCycle.name,
      closesAt: surveyCycle.closesAt,
      before: sql<boolean>`${end} < ${current.end}::timestamptz`,
    })
    .from(surveyCycle)
    .innerJoin(surveyInstrument, eq(surveyInstrument.id, surveyCycle.instrumentId))
    .where(
      and(
        eq(surveyCycle.centreId, actor.centreId),
        eq(surveyInstrument.slug, current.slug),
        eq(surveyCycle.status, "closed"),
        ne(surveyCycle.id, cycleId),
      ),
    )
    .orderBy(desc(end), desc(surveyCycle.id))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    closesAt: r.closesAt.toISOString(),
    before: Boolean(r.before),
  }));
}
