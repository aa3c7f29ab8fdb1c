// Staff groups and positions: the small dictionaries employees point to.
import { and, asc, desc, eq, ilike, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { booleanField, isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { CLIENT_CONTACT, position, staffGroup } from "./schema.ts";

/** A double submit passes the name check twice; the unique index then refuses the second. */
function duplicateNameOnRace(constraint: string) {
  return (err: unknown): never => {
    throw isUniqueViolation(err, constraint)
      ? new AppError("validation", { name: "errors.duplicateName" })
      : err;
  };
}

const name = z.string().trim().min(1, "errors.required").max(200, "errors.tooLong");

export async function listStaffGroups(actor: Actor) {
  requirePermission(actor, "org.structure.view");
  return db()
    .select()
    .from(staffGroup)
    .where(eq(staffGroup.centreId, actor.centreId))
    .orderBy(asc(staffGroup.sortOrder), asc(staffGroup.name));
}

/** One staff group of the actor's centre; another centre's is "not found". */
export async function getStaffGroup(actor: Actor, id: string) {
  requirePermission(actor, "org.structure.view");
  if (!isUuid(id)) throw notFound();
  const [g] = await db()
    .select()
    .from(staffGroup)
    .where(and(eq(staffGroup.id, id), eq(staffGroup.centreId, actor.centreId)));
  if (!g) throw notFound();
  return g;
}

const staffGroupFields = z.object({
  name,
  description: z.string().trim().max(1000, "errors.tooLong").default(""),
});

export async function saveStaffGroup(actor: Actor, id: string | null, input: unknown) {
  requirePermission(actor, "org.structure.manage");
  const d = parseInput(staffGroupFields, input);
  return db()
    .transaction(async (tx) => {
      const clash = await tx
        .select({ id: staffGroup.id })
        .from(staffGroup)
        .where(
          and(
            eq(staffGroup.centreId, actor.centreId),
            eq(staffGroup.name, d.name),
            id ? ne(staffGroup.id, id) : undefined,
          ),
        );
      if (clash.length) throw new AppError("validation", { name: "errors.duplicateName" });
      let rowId = id;
      if (id) {
        const r = await tx
          .update(staffGroup)
          .set(d)
          .where(and(eq(staffGroup.id, id), eq(staffGroup.centreId, actor.centreId)))
          .returning({ id: staffGroup.id });
        if (r.length === 0) throw notFound();
      } else {
        const existing = await tx
          .select({ id: staffGroup.id })
          .from(staffGroup)
          .where(eq(staffGroup.centreId, actor.centreId));
        const [r] = await tx
          .insert(staffGroup)
          .values({ ...d, centreId: actor.centreId, sortOrder: existing.length + 1 })
          .returning({ id: staffGroup.id });
        rowId = r.id;
      }
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: id ? "staff_group.update" : "staff_group.create",
        entityType: "staff_group",
        entityId: rowId,
        requestId: actor.requestId,
      });
      return rowId!;
    })
    .catch(duplicateNameOnRace("staff_group_name_unique"));
}

export const positionListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(["name", "group", "contact"]).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
});

export const POSITIONS_PAGE_SIZE = 50;

/** One page of the positions list, with the total for the pager. */
export async function pagePositions(actor: Actor, query: unknown) {
  const f = positionListQuery.parse(query ?? {});
  const all = await listPositions(actor, f);
  const start = (f.page - 1) * POSITIONS_PAGE_SIZE;
  return {
    ...f,
    rows: all.slice(start, start + POSITIONS_PAGE_SIZE),
    total: all.length,
    pageSize: POSITIONS_PAGE_SIZE,
  };
}

/** All positions of the centre (a short dictionary), filtered and sorted. */
export async function listPositions(actor: Actor, query: unknown = {}) {
  requirePermission(actor, "org.structure.view");
  const f = positionListQuery.parse(query ?? {});
  const dir = f.dir === "desc" ? desc : asc;
  const order = {
    name: [dir(polishSortKey(position.name))],
    group: [dir(polishSortKey(staffGroup.name)), asc(polishSortKey(position.name))],
    // The enum's order is the intensity order: none < occasional < frequent < constant.
    contact: [
      dir(
        sql`array_position(array['none','occasional','frequent','constant'], ${position.clientContact})`,
      ),
      asc(position.name),
    ],
  }[f.sort];
  return db()
    .select({
      id: position.id,
      name: position.name,
      staffGroupId: position.staffGroupId,
      staffGroupName: staffGroup.name,
      clientContact: position.clientContact,
      fieldWork: position.fieldWork,
    })
    .from(position)
    .innerJoin(staffGroup, eq(staffGroup.id, position.staffGroupId))
    .where(
      and(
        eq(position.centreId, actor.centreId),
        f.q ? ilike(position.name, `%${f.q.replace(/[%_\\]/g, "\\$&")}%`) : undefined,
      ),
    )
    .orderBy(...order);
}

/** One position of the actor's centre; another centre's is "not found". */
export async function getPosition(actor: Actor, id: string) {
  requirePermission(actor, "org.structure.view");
  if (!isUuid(id)) throw notFound();
  const [p] = await db()
    .select()
    .from(position)
    .where(and(eq(position.id, id), eq(position.centreId, actor.centreId)));
  if (!p) throw notFound();
  return p;
}

const positionFields = z.object({
  name,
  staffGroupId: z.string().uuid("errors.required"),
  clientContact: z.enum(CLIENT_CONTACT, { message: "errors.required" }),
  fieldWork: booleanField(false),
});

export async function savePosition(actor: Actor, id: string | null, input: unknown) {
  requirePermission(actor, "org.structure.manage");
  const d = parseInput(positionFields, input);
  return db()
    .transaction(async (tx) => {
      const [group] = await tx
        .select({ id: staffGroup.id })
        .from(staffGroup)
        .where(and(eq(staffGroup.id, d.staffGroupId), eq(staffGroup.centreId, actor.centreId)));
      if (!group) throw new AppError("validation", { staffGroupId: "errors.invalid" });
      const clash = await tx
        .select({ id: position.id })
        .from(position)
        .where(
          and(
            eq(position.centreId, actor.centreId),
            eq(position.name, d.name),
            id ? ne(position.id, id) : undefined,
          ),
        );
      if (clash.length) throw new AppError("validation", { name: "errors.duplicateName" });
      let rowId = id;
      if (id) {
        const r = await tx
          .update(position)
          .set(d)
          .where(and(eq(position.id, id), eq(position.centreId, actor.centreId)))
          .returning({ id: position.id });
        if (r.length === 0) throw notFound();
      } else {
        const [r] = await tx
          .insert(position)
          .values({ ...d, centreId: actor.centreId })
          .returning({ id: position.id });
        rowId = r.id;
      }
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: id ? "position.update" : "position.create",
        entityType: "position",
        entityId: rowId,
        requestId: actor.requestId,
      });
      return rowId!;
    })
    .catch(duplicateNameOnRace("position_name_unique"));
}
