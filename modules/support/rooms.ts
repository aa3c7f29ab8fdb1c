// The centre's bookable rooms: the quiet "first contact room", supervision rooms, training
// rooms. Everyone sees the active ones; coordinators and administrators keep the list. A room
// with bookings still to come is not switched off (they would be left without a room).
import { and, asc, count, desc, eq, gt, isNull, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { polishSortKey, searchWords } from "../../platform/sql.ts";
import { booleanField, isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { supportRoom, supportRoomBooking } from "./schema.ts";

export type RoomRow = typeof supportRoom.$inferSelect;

export const roomFields = z.object({
  name: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(200, "errors.tooLong"),
  description: z.string().trim().max(1000, "errors.tooLong").optional().default(""),
  location: z.string().trim().max(300, "errors.tooLong").optional().default(""),
  capacity: wholeNumber(1, 1000, "errors.roomCapacity"),
  active: booleanField(true),
});
export type RoomInput = z.input<typeof roomFields>;

export const ROOM_SORTS = ["name", "location", "capacity"] as const;

export const roomListQuery = z.object({
  q: z.string().trim().max(200).optional().default(""),
  status: z.enum(["active", "inactive", "all"]).optional().catch("active").default("active"),
  sort: z.enum(ROOM_SORTS).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});

/**
 * Rooms with search, sorting and paging. Those who book see active rooms only; those who keep
 * the list may also list the inactive ones.
 */
export async function listRooms(actor: Actor, query: unknown) {
  requirePermission(actor, "rooms.book");
  const f = roomListQuery.parse(query ?? {});
  const status = can(actor, "rooms.manage") ? f.status : "active";
  const where: (SQL | undefined)[] = [eq(supportRoom.centreId, actor.centreId)];
  if (status !== "all") where.push(eq(supportRoom.active, status === "active"));
  where.push(
    ...searchWords(f.q, [supportRoom.name, supportRoom.location, supportRoom.description]),
  );
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy = {
    name: [dirFn(polishSortKey(supportRoom.name))],
    location: [dirFn(polishSortKey(supportRoom.location)), asc(polishSortKey(supportRoom.name))],
    capacity: [dirFn(supportRoom.capacity), asc(polishSortKey(supportRoom.name))],
  }[f.sort];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select()
      .from(supportRoom)
      .where(cond)
      .orderBy(...orderBy, asc(supportRoom.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(supportRoom).where(cond),
  ]);
  return { rows, total, ...f, status };
}

/** A room of the actor's centre; an inactive one only for those who keep the list. */
export async function findRoom(q: Queryable, actor: Actor, id: string): Promise<RoomRow> {
  if (!isUuid(id)) throw notFound();
  const [room] = await q
    .select()
    .from(supportRoom)
    .where(and(eq(supportRoom.id, id), eq(supportRoom.centreId, actor.centreId)));
  if (!room || (!room.active && !can(actor, "rooms.manage"))) throw notFound();
  return room;
}

export async function getRoom(actor: Actor, id: string): Promise<RoomRow> {
  requirePermission(actor, "rooms.book");
  return findRoom(db(), actor, id);
}

const duplicateName = () => new AppError("validation", { name: "errors.duplicateName" });

/** Creates (id null) or changes a room; names are unique in the centre. */
export async function saveRoom(actor: Actor, id: string | null, input: unknown): Promise<string> {
  requirePermission(actor, "rooms.manage");
  if (id !== null) await findRoom(db(), actor, id);
  const d = parseInput(roomFields, input);
  try {
    return await db().transaction(async (tx) => {
      const [clash] = await tx
        .select({ id: supportRoom.id })
        .from(supportRoom)
        .where(
          and(
            eq(supportRoom.centreId, actor.centreId),
            eq(supportRoom.name, d.name),
            id ? ne(supportRoom.id, id) : undefined,
          ),
        );
      if (clash) throw duplicateName();
      let rowId = id;
      if (id) {
        const [before] = await tx
          .select()
          .from(supportRoom)
          .where(and(eq(supportRoom.id, id), eq(supportRoom.centreId, actor.centreId)))
          .for("update");
        if (!before) throw notFound();
        if (before.active && !d.active) {
          const [{ n }] = await tx
            .select({ n: count() })
            .from(supportRoomBooking)
            .where(
              and(
                eq(supportRoomBooking.roomId, id),
                isNull(supportRoomBooking.cancelledAt),
                gt(supportRoomBooking.endsAt, new Date()),
              ),
            );
          if (n > 0) {
            const err = new AppError("validation", { active: "errors.roomHasBookings" });
            err.extensions.bookings = n;
            throw err;
          }
        }
        await tx.update(supportRoom).set(d).where(eq(supportRoom.id, id));
      } else {
        const [r] = await tx
          .insert(supportRoom)
          .values({ ...d, centreId: actor.centreId })
          .returning({ id: supportRoom.id });
        rowId = r.id;
      }
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: id ? "room.update" : "room.create",
        entityType: "support_room",
        entityId: rowId,
        details: { fields: Object.keys(d) },
        requestId: actor.requestId,
      });
      return rowId!;
    });
  } catch (err) {
    // Two people adding the same name at once: the unique index refuses the second.
    if (isUniqueViolation(err, "support_room_name_unique")) throw duplicateName();
    throw err;
  }
}
