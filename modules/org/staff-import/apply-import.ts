// Writes a staff file in the caller's transaction: the chosen units and positions, then every
// employee through employee-upsert. All or nothing: any row in error, or a name still
// undecided, refuses the whole file.
import { and, eq, inArray } from "drizzle-orm";
import { writeAudit } from "../../../platform/audit.ts";
import type { Tx } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import {
  applyEmployeeUpsert,
  lockCentreStaff,
  planEmployeeUpsert,
  type UpsertCounts,
} from "../employee-upsert.ts";
import { employee } from "../schema.ts";
import { createChosenNames, isUndecided } from "./names.ts";
import {
  type ImportInput,
  type Progress,
  prepareImport,
  toUpsertRows,
  withoutSelf,
} from "./preview-import.ts";

export type ImportResult = UpsertCounts & {
  unitsCreated: number;
  positionsCreated: number;
  /** The employees this import created, for inviting them. */
  createdIds: string[];
};

function sameIds(planned: { id: string }[], listed: string[]): boolean {
  const shown = new Set(listed);
  return planned.length === shown.size && planned.every((d) => shown.has(d.id));
}

export async function applyImport(
  tx: Tx,
  actor: Actor,
  input: ImportInput,
  opts: {
    deactivateMissing: boolean;
    /** Where the change came from, for the audit log: "import" (the web steps) or "cli". */
    via: string;
    importId?: string;
    /**
     * The ids the preview listed for deactivation. Unless the employees to deactivate now are
     * exactly these, nothing is written: nobody is deactivated without having been shown. The
     * preview left out the person who made it, this apply leaves out the person applying; when
     * those differ, the sets differ too, and the preview is made again for the one applying.
     */
    expectDeactivate?: string[];
    onProgress?: Progress;
  },
): Promise<ImportResult> {
  requirePermission(actor, "employees.manage");
  const report = opts.onProgress ?? (() => {});
  await lockCentreStaff(tx, actor.centreId);
  const p = await prepareImport(tx, actor.centreId, input);
  if (isUndecided(p.resolution))
    throw new AppError("validation", { _form: "errors.unresolvedNames" });
  if (p.rowErrors.length) throw new AppError("validation", { _form: "errors.importHasErrors" });
  const creates =
    p.resolution.units.some((n) => n.choice === "create") ||
    p.resolution.positions.some((n) => n.choice.startsWith("create:"));
  if (creates) requirePermission(actor, "org.structure.manage");
  report(5);
  const made = await createChosenNames(tx, actor, p.resolution, opts.via);
  p.upsertRows = toUpsertRows(p);
  const plan = await planEmployeeUpsert(tx, actor.centreId, p.upsertRows, {
    deactivateMissing: opts.deactivateMissing,
  });
  withoutSelf(plan, actor.employeeId);
  if (plan.errors.length) throw new AppError("validation", { _form: "errors.importHasErrors" });
  if (opts.expectDeactivate && !sameIds(plan.deactivate, opts.expectDeactivate)) {
    throw new AppError("validation", { _form: "errors.importChanged" });
  }
  report(15);
  const counts = await applyEmployeeUpsert(tx, actor, plan, {
    via: opts.via,
    onProgress: (done, total) => report(15 + Math.round((done / Math.max(1, total)) * 80)),
  });

  const numbers = plan.create.map((c) => String(p.upsertRows[c.index].employeeNumber).trim());
  const createdIds: string[] = [];
  for (let i = 0; i < numbers.length; i += 1000) {
    const found = await tx
      .select({ id: employee.id })
      .from(employee)
      .where(
        and(
          eq(employee.centreId, actor.centreId),
          inArray(employee.employeeNumber, numbers.slice(i, i + 1000)),
        ),
      );
    createdIds.push(...found.map((f) => f.id));
  }

  const result: ImportResult = {
    ...counts,
    unitsCreated: made.units,
    positionsCreated: made.positions,
    createdIds,
  };
  // Counts only: the employees' own audit entries name the records.
  await writeAudit(tx, {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "staff_import.apply",
    entityType: "staff_import",
    entityId: opts.importId ?? null,
    details: {
      via: opts.via,
      rows: input.rows.length,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      deactivated: counts.deactivated,
      unitsCreated: made.units,
      positionsCreated: made.positions,
    },
    requestId: actor.requestId,
  });
  report(100);
  return result;
}
