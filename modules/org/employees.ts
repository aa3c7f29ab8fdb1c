import { and, asc, count, desc, eq, ilike, inArray, ne, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, forbidden, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { booleanField, isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission, unitScope } from "../access/actor.ts";
import { afterEmployeesDeactivated } from "./deactivation.ts";
import { employee, orgUnit, position } from "./schema.ts";

export const EMPLOYEE_SORTS = ["name", "number", "unit", "position", "start"] as const;
export type EmployeeSort = (typeof EMPLOYEE_SORTS)[number];

export const employeeListQuery = z.object({
  q: z.string().trim().max(200).optional().default(""),
  unit: z.string().uuid().optional().catch(undefined),
  position: z.string().uuid().optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).optional().catch("active").default("active"),
  sort: z.enum(EMPLOYEE_SORTS).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type EmployeeListQuery = z.infer<typeof employeeListQuery>;

export async function listEmployees(actor: Actor, query: unknown) {
  const scope = await unitScope(db(), actor, "employees.view");
  const f = employeeListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(employee.centreId, actor.centreId)];
  if (scope && scope.length === 0) return { rows: [], total: 0, ...f };
  if (scope) where.push(inArray(employee.unitId, scope));
  if (f.status !== "all") where.push(eq(employee.active, f.status === "active"));
  if (f.unit) where.push(eq(employee.unitId, f.unit));
  if (f.position) where.push(eq(employee.positionId, f.position));
  if (f.q) {
    const words = f.q.split(/\s+/).slice(0, 5);
    for (const w of words) {
      const like = `%${w.replace(/[%_\\]/g, "\\$&")}%`;
      where.push(
        or(
          ilike(employee.firstName, like),
          ilike(employee.lastName, like),
          ilike(employee.email, like),
          ilike(employee.employeeNumber, like),
        ),
      );
    }
  }
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy = {
    name: [dirFn(polishSortKey(employee.lastName)), dirFn(polishSortKey(employee.firstName))],
    number: [dirFn(employee.employeeNumber)],
    unit: [dirFn(polishSortKey(orgUnit.name)), asc(polishSortKey(employee.lastName))],
    position: [dirFn(polishSortKey(position.name)), asc(polishSortKey(employee.lastName))],
    start: [dirFn(employee.employmentStart), asc(polishSortKey(employee.lastName))],
  }[f.sort];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: employee.id,
        firstName: employee.firstName,
        lastName: employee.lastName,
        email: employee.email,
        employeeNumber: employee.employeeNumber,
        unitId: employee.unitId,
        unitName: orgUnit.name,
        positionId: employee.positionId,
        positionName: position.name,
        employmentStart: employee.employmentStart,
        active: employee.active,
        hasAccount: employee.userId,
      })
      .from(employee)
      .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
      .leftJoin(position, eq(position.id, employee.positionId))
      .where(cond)
      .orderBy(...orderBy, asc(employee.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(employee).where(cond),
  ]);
  return { rows: rows.map((r) => ({ ...r, hasAccount: Boolean(r.hasAccount) })), total, ...f };
}

export async function getEmployee(actor: Actor, id: string) {
  const scope = await unitScope(db(), actor, "employees.view");
  if (!isUuid(id)) throw notFound();
  const [row] = await db()
    .select({ employee, unitName: orgUnit.name, positionName: position.name })
    .from(employee)
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(position, eq(position.id, employee.positionId))
    .where(and(eq(employee.id, id), eq(employee.centreId, actor.centreId)));
  if (!row) throw notFound();
  const e = row.employee;
  if (scope && (!e.unitId || !scope.includes(e.unitId))) throw forbidden();
  return { ...e, unitName: row.unitName, positionName: row.positionName };
}

// Forms send "" for "none"; the API may send null or leave the field out.
export const optionalUuid = z
  .string()
  .nullish()
  .transform((v) => v || null)
  .pipe(z.string().uuid("errors.invalid").nullable());

export const optionalIsoDate = z
  .string()
  .nullish()
  .transform((v) => v || null)
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.date")
      .refine(isCalendarDate, "errors.date")
      .nullable(),
  );

/** "2025-02-30" has the right shape but is no day of the calendar. */
function isCalendarDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The fields every employee record must have, as typed by a person or sent by a system. */
export const employeeIdentity = z.object({
  firstName: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
  lastName: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "errors.required")
    .email("errors.email")
    .max(254, "errors.tooLong"),
  employeeNumber: z.string().trim().min(1, "errors.required").max(50, "errors.tooLong"),
});

export const employeeFields = employeeIdentity.extend({
  unitId: optionalUuid,
  positionId: optionalUuid,
  employmentStart: optionalIsoDate,
  active: booleanField(true),
});
export type EmployeeInput = z.input<typeof employeeFields>;

const duplicateNumber = () =>
  new AppError("validation", { employeeNumber: "errors.duplicateEmployeeNumber" });

/** A double submit passes the check above twice; the unique index then refuses the second. */
function duplicateNumberOnRace(err: unknown): never {
  throw isUniqueViolation(err, "employee_number_unique") ? duplicateNumber() : err;
}

/** Creates (id null) or updates an employee; the employee number is unique in the centre. */
export async function saveEmployee(actor: Actor, id: string | null, input: unknown) {
  requirePermission(actor, "employees.manage");
  const d = parseInput(employeeFields, input);
  return db().transaction(async (tx) => {
    if (d.unitId) {
      const [u] = await tx
        .select({ id: orgUnit.id })
        .from(orgUnit)
        .where(and(eq(orgUnit.id, d.unitId), eq(orgUnit.centreId, actor.centreId)));
      if (!u) throw new AppError("validation", { unitId: "errors.invalid" });
    }
    if (d.positionId) {
      const [p] = await tx
        .select({ id: position.id })
        .from(position)
        .where(and(eq(position.id, d.positionId), eq(position.centreId, actor.centreId)));
      if (!p) throw new AppError("validation", { positionId: "errors.invalid" });
    }
    const clash = await tx
      .select({ id: employee.id })
      .from(employee)
      .where(
        and(
          eq(employee.centreId, actor.centreId),
          eq(employee.employeeNumber, d.employeeNumber),
          id ? ne(employee.id, id) : undefined,
        ),
      );
    if (clash.length) throw duplicateNumber();
    let rowId = id;
    if (id) {
      const [before] = await tx
        .select({ active: employee.active })
        .from(employee)
        .where(and(eq(employee.id, id), eq(employee.centreId, actor.centreId)))
        .for("update");
      if (!before) throw notFound();
      await tx
        .update(employee)
        .set({ ...d, updatedAt: new Date() })
        .where(and(eq(employee.id, id), eq(employee.centreId, actor.centreId)))
        .catch(duplicateNumberOnRace);
      if (before.active && !d.active) await afterEmployeesDeactivated(tx, actor.centreId, [id]);
    } else {
      const [r] = await tx
        .insert(employee)
        .values({ ...d, centreId: actor.centreId })
        .returning({ id: employee.id })
        .catch(duplicateNumberOnRace);
      rowId = r.id;
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: id ? "employee.update" : "employee.create",
      entityType: "employee",
      entityId: rowId,
      details: { fields: Object.keys(d) },
      requestId: actor.requestId,
    });
    return rowId!;
  });
}
