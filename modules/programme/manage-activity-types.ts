// The centre's kinds of activity: the built-in ones may be renamed (an empty name restores the
// translated one) or hidden; the centre may add kinds of its own. A hidden kind is offered
// for no new activity, and stays on the activities and plans that already name it.
import { and, asc, count, eq, max, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { booleanField, isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { ensureActivityTypes } from "./activity-types.ts";
import { programmeActivity, programmeActivityType } from "./schema.ts";

/** Every kind of the centre with the number of activities of it, in the catalogue's order. */
export async function listActivityTypesForManagement(actor: Actor) {
  requirePermission(actor, "programme.manage");
  await ensureActivityTypes(db(), actor.centreId);
  return db()
    .select({
      id: programmeActivityType.id,
      code: programmeActivityType.code,
      name: programmeActivityType.name,
      archived: programmeActivityType.archived,
      activities: sql<number>`(select count(*)::int from ${programmeActivity} where ${programmeActivity.typeId} = "programme_activity_type"."id")`,
    })
    .from(programmeActivityType)
    .where(eq(programmeActivityType.centreId, actor.centreId))
    .orderBy(asc(programmeActivityType.sortOrder), asc(programmeActivityType.name));
}

const typeFields = z.object({
  name: z.string().trim().max(100, "errors.tooLong").optional().default(""),
  archived: booleanField(false),
});

/**
 * Adds a kind of the centre's own (id null) or changes one: its name and whether it is
 * hidden. An own kind needs a name; a built-in one may go back to its translated name with
 * an empty one. Names are unique in the centre, whatever their letter case.
 */
export async function saveActivityType(
  actor: Actor,
  id: string | null,
  input: unknown,
): Promise<string> {
  requirePermission(actor, "programme.manage");
  const d = parseInput(typeFields, input);
  return db().transaction(async (tx) => {
    await ensureActivityTypes(tx, actor.centreId);
    let before: typeof programmeActivityType.$inferSelect | undefined;
    if (id !== null) {
      if (!isUuid(id)) throw notFound();
      [before] = await tx
        .select()
        .from(programmeActivityType)
        .where(
          and(eq(programmeActivityType.id, id), eq(programmeActivityType.centreId, actor.centreId)),
        )
        .for("update");
      if (!before) throw notFound();
    }
    if (!d.name && !before?.code) throw new AppError("validation", { name: "errors.required" });
    if (d.name) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(programmeActivityType)
        .where(
          and(
            eq(programmeActivityType.centreId, actor.centreId),
            sql`lower(${programmeActivityType.name}) = lower(${d.name})`,
            before ? ne(programmeActivityType.id, before.id) : undefined,
          ),
        );
      if (n > 0) throw new AppError("validation", { name: "errors.duplicateName" });
    }
    let rowId: string;
    if (before) {
      await tx
        .update(programmeActivityType)
        .set({ name: d.name, archived: d.archived })
        .where(eq(programmeActivityType.id, before.id));
      rowId = before.id;
    } else {
      const [{ last }] = await tx
        .select({ last: max(programmeActivityType.sortOrder) })
        .from(programmeActivityType)
        .where(eq(programmeActivityType.centreId, actor.centreId));
      const [row] = await tx
        .insert(programmeActivityType)
        .values({
          centreId: actor.centreId,
          name: d.name,
          archived: d.archived,
          sortOrder: (last ?? 0) + 10,
        })
        .returning({ id: programmeActivityType.id });
      rowId = row.id;
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: before ? "programme.type.update" : "programme.type.create",
      entityType: "programme_activity_type",
      entityId: rowId,
      details: { archived: d.archived, renamed: before ? before.name !== d.name : undefined },
      requestId: actor.requestId,
    });
    return rowId;
  });
}
