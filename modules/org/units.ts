import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, forbidden, notFound } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { type Actor, descendantsOf, requirePermission, unitScope } from "../access/actor.ts";
import { employee, orgUnit, UNIT_KINDS } from "./schema.ts";

export type UnitNode = {
  id: string;
  name: string;
  kind: (typeof UNIT_KINDS)[number];
  parentId: string | null;
  depth: number;
  employeeCount: number;
};

/** Pure: a parent-linked list in depth-first order with depths, siblings sorted by name. */
export function orderAsTree<T extends { id: string; parentId: string | null; name: string }>(
  units: T[],
): (T & { depth: number })[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, T[]>();
  for (const u of units) {
    const key = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(key, [...(byParent.get(key) ?? []), u]);
  }
  const out: (T & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    const kids = (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, "pl"));
    for (const k of kids) {
      out.push({ ...k, depth });
      walk(k.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * Every unit of the centre in tree order, for a picker (its depth indents it). Not scoped: a
 * form may name any unit (an incident may concern another unit's case, a plan any audience).
 */
export async function centreUnits(
  centreId: string,
): Promise<{ id: string; name: string; depth: number }[]> {
  const rows = await db()
    .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId));
  return orderAsTree(rows).map((u) => ({ id: u.id, name: u.name, depth: u.depth }));
}

/** The centre's units in tree order; with a search, only matching units (keeping their depth). */
export async function listUnits(actor: Actor, search = ""): Promise<UnitNode[]> {
  const scope = await unitScope(db(), actor, "org.unit.view");
  const rows = await db()
    .select({
      id: orgUnit.id,
      name: orgUnit.name,
      kind: orgUnit.kind,
      parentId: orgUnit.parentId,
    })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, actor.centreId))
    .orderBy(asc(orgUnit.name));
  const counts = await db()
    .select({ unitId: employee.unitId, n: count() })
    .from(employee)
    .where(and(eq(employee.centreId, actor.centreId), eq(employee.active, true)))
    .groupBy(employee.unitId);
  const countBy = new Map(counts.map((c) => [c.unitId, c.n]));
  const visible = scope ? rows.filter((r) => scope.includes(r.id)) : rows;
  const needle = search.trim().toLocaleLowerCase("pl");
  return orderAsTree(visible)
    .filter((u) => !needle || u.name.toLocaleLowerCase("pl").includes(needle))
    .map((u) => ({ ...u, employeeCount: countBy.get(u.id) ?? 0 }));
}

/** One unit with its direct sub-units; a manager may open only the units they manage. */
export async function getUnit(actor: Actor, unitId: string) {
  const scope = await unitScope(db(), actor, "org.unit.view");
  const parsed = z.string().uuid().safeParse(unitId);
  if (!parsed.success) throw notFound();
  const [u] = await db()
    .select()
    .from(orgUnit)
    .where(and(eq(orgUnit.id, unitId), eq(orgUnit.centreId, actor.centreId)));
  if (!u) throw notFound();
  if (scope && !scope.includes(u.id)) throw forbidden();
  const parent = u.parentId
    ? (await db().select().from(orgUnit).where(eq(orgUnit.id, u.parentId)))[0]
    : null;
  return { ...u, parent: parent ? { id: parent.id, name: parent.name } : null };
}

const unitFields = z.object({
  name: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong"),
  kind: z.enum(UNIT_KINDS, { message: "errors.required" }),
  parentId: z
    .string()
    .transform((v) => v || null)
    .pipe(z.string().uuid("errors.invalid").nullable()),
});

async function checkParent(actor: Actor, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const all = await db()
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, actor.centreId));
  if (!all.some((u) => u.id === parentId))
    throw new AppError("validation", { parentId: "errors.invalid" });
  if (selfId && descendantsOf([selfId], all).includes(parentId)) {
    throw new AppError("validation", { parentId: "errors.unitCycle" });
  }
}

export async function createUnit(actor: Actor, input: unknown) {
  requirePermission(actor, "org.structure.manage");
  const d = parseInput(unitFields, input);
  await checkParent(actor, d.parentId);
  return db().transaction(async (tx) => {
    const [u] = await tx
      .insert(orgUnit)
      .values({ ...d, centreId: actor.centreId })
      .returning();
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "unit.create",
      entityType: "org_unit",
      entityId: u.id,
      requestId: actor.requestId,
    });
    return u;
  });
}

export async function updateUnit(actor: Actor, unitId: string, input: unknown) {
  requirePermission(actor, "org.structure.manage");
  await getUnit(actor, unitId);
  const d = parseInput(unitFields, input);
  await checkParent(actor, d.parentId, unitId);
  return db().transaction(async (tx) => {
    const [u] = await tx
      .update(orgUnit)
      .set(d)
      .where(and(eq(orgUnit.id, unitId), eq(orgUnit.centreId, actor.centreId)))
      .returning();
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "unit.update",
      entityType: "org_unit",
      entityId: unitId,
      requestId: actor.requestId,
    });
    return u;
  });
}
