import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAuditMany } from "../../platform/audit.ts";
import { db, type Queryable, type Tx } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { afterEmployeesDeactivated } from "./deactivation.ts";
import { employeeIdentity, optionalIsoDate, optionalUuid } from "./employees.ts";
import { employee, orgUnit, position } from "./schema.ts";

/**
 * Many employees at once, matched by employee number: the core of the staff import and of the
 * API's bulk upsert. A plan says what would happen (and what is wrong, row by row) without
 * writing; applying it writes everything in the caller's transaction.
 */

// A field left out means "the source does not know it: keep what the database has"; null clears.
const upsertRow = employeeIdentity.extend({
  unitId: optionalUuid.optional(),
  positionId: optionalUuid.optional(),
  employmentStart: optionalIsoDate.optional(),
  active: z.boolean().optional(),
});
export type UpsertRowInput = z.input<typeof upsertRow>;
type UpsertRow = z.output<typeof upsertRow>;

const COMPARED = [
  "firstName",
  "lastName",
  "email",
  "unitId",
  "positionId",
  "employmentStart",
  "active",
] as const;
type Compared = (typeof COMPARED)[number];

export type UpsertError = { index: number; field: string; message: string };
export type UpsertPlan = {
  create: { index: number; row: UpsertRow }[];
  update: {
    index: number;
    id: string;
    employeeNumber: string;
    name: string;
    fields: Compared[];
    row: UpsertRow;
  }[];
  unchanged: { index: number; id: string }[];
  deactivate: { id: string; employeeNumber: string; name: string }[];
  errors: UpsertError[];
};
export type UpsertCounts = {
  created: number;
  updated: number;
  deactivated: number;
  unchanged: number;
};
type Progress = (done: number, total: number) => void;

const CHUNK = 1000;

/**
 * Checks every row and compares it with the centre's employees. With `deactivateMissing`, active
 * employees whose number is not among the rows are to be deactivated (a full staff list).
 * Errors carry the row's index in `rows` and a message key.
 */
export async function planEmployeeUpsert(
  q: Queryable,
  centreId: string,
  rows: unknown[],
  opts: { deactivateMissing: boolean; onProgress?: Progress },
): Promise<UpsertPlan> {
  // One after another: `q` may be a transaction, which is one connection.
  const stored = await q
    .select({
      id: employee.id,
      employeeNumber: employee.employeeNumber,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      unitId: employee.unitId,
      positionId: employee.positionId,
      employmentStart: employee.employmentStart,
      active: employee.active,
    })
    .from(employee)
    .where(eq(employee.centreId, centreId));
  const units = await q
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId));
  const positions = await q
    .select({ id: position.id })
    .from(position)
    .where(eq(position.centreId, centreId));
  const byNumber = new Map(stored.map((e) => [e.employeeNumber, e]));
  const unitIds = new Set(units.map((u) => u.id));
  const positionIds = new Set(positions.map((p) => p.id));

  const plan: UpsertPlan = { create: [], update: [], unchanged: [], deactivate: [], errors: [] };
  const valid: { index: number; row: UpsertRow }[] = [];
  rows.forEach((raw, index) => {
    const parsed = upsertRow.safeParse(raw);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "_row");
        if (seen.has(field)) continue;
        seen.add(field);
        plan.errors.push({ index, field, message: messageKey(issue.message) });
      }
      return;
    }
    const row = parsed.data;
    if (row.unitId && !unitIds.has(row.unitId)) {
      plan.errors.push({ index, field: "unitId", message: "errors.unknownUnit" });
      return;
    }
    if (row.positionId && !positionIds.has(row.positionId)) {
      plan.errors.push({ index, field: "positionId", message: "errors.unknownPosition" });
      return;
    }
    valid.push({ index, row });
    if (opts.onProgress && index % 500 === 0) opts.onProgress(index, rows.length);
  });

  // The same number twice, or one address for two people: every row involved is an error,
  // because which of them is right only the person importing can tell.
  const rowsByNumber = groupBy(valid, (v) => v.row.employeeNumber);
  const clashing = new Set<number>();
  for (const group of rowsByNumber.values()) {
    if (group.length < 2) continue;
    for (const v of group) {
      clashing.add(v.index);
      plan.errors.push({
        index: v.index,
        field: "employeeNumber",
        message: "errors.duplicateInFile",
      });
    }
  }
  // Addresses after the change: the rows' own, plus those of employees the rows do not touch.
  const emailOwners = new Map<string, string[]>();
  for (const e of stored) {
    if (!rowsByNumber.has(e.employeeNumber)) emailOwners.set(e.email, [e.employeeNumber]);
  }
  for (const v of valid) {
    const owners = emailOwners.get(v.row.email) ?? [];
    if (!owners.includes(v.row.employeeNumber)) owners.push(v.row.employeeNumber);
    emailOwners.set(v.row.email, owners);
  }
  for (const v of valid) {
    if (clashing.has(v.index)) continue;
    const owners = emailOwners.get(v.row.email)!;
    if (owners.length < 2) continue;
    const inRows = owners.filter((n) => rowsByNumber.has(n)).length;
    clashing.add(v.index);
    plan.errors.push({
      index: v.index,
      field: "email",
      message: inRows > 1 ? "errors.duplicateEmailInFile" : "errors.emailOfAnotherEmployee",
    });
  }

  for (const v of valid) {
    if (clashing.has(v.index)) continue;
    const current = byNumber.get(v.row.employeeNumber);
    if (!current) {
      plan.create.push(v);
      continue;
    }
    const fields = COMPARED.filter((f) => v.row[f] !== undefined && v.row[f] !== current[f]);
    if (fields.length === 0) plan.unchanged.push({ index: v.index, id: current.id });
    else
      plan.update.push({
        index: v.index,
        id: current.id,
        employeeNumber: current.employeeNumber,
        name: `${current.lastName} ${current.firstName}`,
        fields,
        row: v.row,
      });
  }

  if (opts.deactivateMissing) {
    // "Missing" means absent from the rows, not merely in a row with an error.
    const present = new Set(rows.map(numberOf).filter((n): n is string => n !== null));
    for (const e of stored) {
      if (e.active && !present.has(e.employeeNumber)) {
        plan.deactivate.push({
          id: e.id,
          employeeNumber: e.employeeNumber,
          name: `${e.lastName} ${e.firstName}`,
        });
      }
    }
  }
  plan.errors.sort((a, b) => a.index - b.index || a.field.localeCompare(b.field));
  opts.onProgress?.(rows.length, rows.length);
  return plan;
}

/**
 * Writes a plan made in the same transaction (a plan made earlier, say for a preview, must be
 * made again: the staff may have changed since). Refuses a plan with errors. Inserts and updates
 * go in multi-row statements, so ten thousand rows are a few dozen round trips.
 */
export async function applyEmployeeUpsert(
  tx: Tx,
  actor: Actor,
  plan: UpsertPlan,
  opts: { onProgress?: Progress; via?: string } = {},
): Promise<UpsertCounts> {
  requirePermission(actor, "employees.manage");
  if (plan.errors.length) throw upsertErrors(plan.errors);
  const total = plan.create.length + plan.update.length + plan.deactivate.length;
  let done = 0;
  const step = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };
  const audit = (action: string, ids: string[], fields?: string[]) =>
    writeAuditMany(
      tx,
      ids.map((id) => ({
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action,
        entityType: "employee",
        entityId: id,
        details: { via: opts.via ?? "bulk", ...(fields ? { fields } : {}) },
        requestId: actor.requestId,
      })),
    );

  for (const chunk of chunks(plan.create, CHUNK)) {
    const inserted = await tx
      .insert(employee)
      .values(
        chunk.map(({ row }) => ({
          centreId: actor.centreId,
          firstName: row.firstName,
          lastName: row.lastName,
          email: row.email,
          employeeNumber: row.employeeNumber,
          unitId: row.unitId ?? null,
          positionId: row.positionId ?? null,
          employmentStart: row.employmentStart ?? null,
          active: row.active ?? true,
        })),
      )
      .returning({ id: employee.id });
    await audit(
      "employee.create",
      inserted.map((r) => r.id),
    );
    step(chunk.length);
  }

  const deactivatedByUpdate: string[] = [];
  for (const chunk of chunks(plan.update, CHUNK)) {
    // Each row's fields, or the stored value where the row leaves a field out.
    const values = sql.join(
      chunk.map(
        ({ id, row }) =>
          sql`(${id}::uuid, ${row.firstName}::text, ${row.lastName}::text, ${row.email}::text, ${row.unitId !== undefined}::boolean, ${row.unitId ?? null}::uuid, ${row.positionId !== undefined}::boolean, ${row.positionId ?? null}::uuid, ${row.employmentStart !== undefined}::boolean, ${row.employmentStart ?? null}::date, ${row.active ?? null}::boolean)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      update ${employee} as e set
        first_name = v.first_name,
        last_name = v.last_name,
        email = v.email,
        unit_id = case when v.set_unit then v.unit_id else e.unit_id end,
        position_id = case when v.set_position then v.position_id else e.position_id end,
        employment_start = case when v.set_start then v.employment_start else e.employment_start end,
        active = coalesce(v.active, e.active),
        updated_at = now()
      from (values ${values}) as v(id, first_name, last_name, email, set_unit, unit_id,
        set_position, position_id, set_start, employment_start, active)
      where e.id = v.id and e.centre_id = ${actor.centreId}::uuid`);
    for (const u of chunk) {
      if (u.fields.includes("active") && u.row.active === false) deactivatedByUpdate.push(u.id);
    }
    for (const [fields, group] of groupBy(chunk, (u) => u.fields.join(","))) {
      await audit(
        "employee.update",
        group.map((u) => u.id),
        fields.split(","),
      );
    }
    step(chunk.length);
  }

  const deactivateIds = plan.deactivate.map((d) => d.id);
  for (const ids of chunks(deactivateIds, CHUNK)) {
    await tx
      .update(employee)
      .set({ active: false, updatedAt: new Date() })
      .where(and(eq(employee.centreId, actor.centreId), inArray(employee.id, ids)));
    await audit("employee.deactivate", ids);
    step(ids.length);
  }
  await afterEmployeesDeactivated(tx, actor.centreId, [...deactivateIds, ...deactivatedByUpdate]);

  return {
    created: plan.create.length,
    updated: plan.update.length,
    deactivated: deactivateIds.length + deactivatedByUpdate.length,
    unchanged: plan.unchanged.length,
  };
}

/**
 * The API's bulk upsert: all rows or none. Missing employees are left as they are (a partial
 * list); `active: false` in a row deactivates. Errors are keyed "<index>.<field>".
 */
export async function upsertEmployees(actor: Actor, rows: unknown): Promise<UpsertCounts> {
  requirePermission(actor, "employees.manage");
  if (!Array.isArray(rows)) throw new AppError("validation", { _form: "errors.invalid" });
  return db().transaction(async (tx) => {
    await lockCentreStaff(tx, actor.centreId);
    const plan = await planEmployeeUpsert(tx, actor.centreId, rows, { deactivateMissing: false });
    return applyEmployeeUpsert(tx, actor, plan, { via: "api" });
  });
}

/**
 * One bulk change of a centre's staff at a time (an import and an API upsert must not plan
 * against each other's half-written state); single-record edits are guarded by the unique index.
 */
export async function lockCentreStaff(tx: Tx, centreId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`employee-upsert:${centreId}`}))`);
}

export function upsertErrors(errors: UpsertError[]): AppError {
  return new AppError(
    "validation",
    Object.fromEntries(errors.map((e) => [`${e.index}.${e.field}`, e.message])),
  );
}

/** The employee number a row names, even when the row is otherwise invalid. */
function numberOf(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const n = (raw as { employeeNumber?: unknown }).employeeNumber;
  return typeof n === "string" && n.trim() ? n.trim() : null;
}

/** Zod's own messages (a wrong type, say) are not message keys; they become "invalid". */
function messageKey(message: string): string {
  return message.startsWith("errors.") ? message : "errors.invalid";
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
