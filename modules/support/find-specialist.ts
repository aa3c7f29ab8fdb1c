// One specialist of the centre, and who may change their availability: the coordinator any
// specialist of the centre, a specialist only their own row. Everything else is "not found",
// so a specialist cannot even learn whether another one's id exists.
import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { forbidden, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, can } from "../access/actor.ts";
import { supportSpecialist } from "./schema.ts";

export type SpecialistRow = typeof supportSpecialist.$inferSelect;

/** The centre's specialist with this id; not_found for another centre's or a malformed id. */
export async function findSpecialist(
  q: Queryable,
  centreId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SpecialistRow> {
  if (!isUuid(id)) throw notFound();
  const query = q
    .select()
    .from(supportSpecialist)
    .where(and(eq(supportSpecialist.id, id), eq(supportSpecialist.centreId, centreId)));
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row) throw notFound();
  return row;
}

/** The specialist row a signed-in account is linked to, or null. */
export async function specialistOfUser(
  q: Queryable,
  centreId: string,
  userId: string,
): Promise<SpecialistRow | null> {
  const [row] = await q
    .select()
    .from(supportSpecialist)
    .where(and(eq(supportSpecialist.centreId, centreId), eq(supportSpecialist.userId, userId)));
  return row ?? null;
}

/**
 * The specialist whose windows and absences the actor may change: with support.manage any of
 * the centre; with support.specialist only the row linked to the actor's own account.
 */
export async function editableSpecialist(
  q: Queryable,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SpecialistRow> {
  const manages = can(actor, "support.manage");
  // Another centre's specialist is not found, whoever asks.
  const row = await findSpecialist(q, actor.centreId, id, opts);
  if (!manages && !can(actor, "support.specialist")) throw forbidden();
  if (!manages && row.userId !== actor.userId) throw notFound();
  return row;
}
