import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { surveyCycle } from "./schema.ts";

/**
 * Today in Warsaw, as the database sees it. Every survey date (invited, answered, used) is a
 * day, never a time, so that answers cannot be lined up with participation by arrival; the
 * Warsaw calendar rather than the server's, so an answer at 00:30 counts for the right day.
 */
export const warsawToday: SQL<string> = sql<string>`(now() at time zone 'Europe/Warsaw')::date`;

/** The actor's centre's cycle, locked for the rest of the transaction; 404 for anything else. */
export async function lockCycle(q: Queryable, actor: Actor, cycleId: string) {
  if (!isUuid(cycleId)) throw notFound();
  const [row] = await q
    .select()
    .from(surveyCycle)
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)))
    .for("update");
  if (!row) throw notFound();
  return row;
}

export const notOpen = () => new AppError("conflict", { _form: "errors.surveyNotOpen" });
