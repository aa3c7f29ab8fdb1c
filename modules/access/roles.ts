import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { getEmployee } from "../org/employees.ts";
import { orgUnit } from "../org/schema.ts";
import { type Actor, requirePermission } from "./actor.ts";
import { ROLES, type Role } from "./permissions.ts";
import { roleAssignment } from "./schema.ts";

export async function rolesOfUser(actor: Actor, userId: string) {
  const rows = await db()
    .select({ role: roleAssignment.role, unitId: roleAssignment.unitId })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.centreId, actor.centreId), eq(roleAssignment.userId, userId)));
  return {
    roles: [...new Set(rows.map((r) => r.role))] as Role[],
    managedUnitIds: rows.filter((r) => r.role === "manager" && r.unitId).map((r) => r.unitId!),
  };
}

const rolesInput = z
  .object({
    roles: z.array(z.enum(ROLES)).default([]),
    managedUnitIds: z.array(z.string().uuid()).default([]),
  })
  .refine((v) => !v.roles.includes("manager") || v.managedUnitIds.length > 0, {
    path: ["managedUnitIds"],
    message: "errors.managerNeedsUnit",
  });

/** Replaces an employee's roles. Every account keeps "employee"; the last administrator stays. */
export async function setEmployeeRoles(actor: Actor, employeeId: string, input: unknown) {
  requirePermission(actor, "roles.manage");
  const e = await getEmployee(actor, employeeId);
  if (!e.userId) throw new AppError("conflict", { _form: "errors.noAccountYet" });
  const d = parseInput(rolesInput, input);
  const roles = new Set<Role>([...d.roles, "employee"]);
  const userId = e.userId;
  await db().transaction(async (tx) => {
    if (d.managedUnitIds.length) {
      const units = await tx
        .select({ id: orgUnit.id })
        .from(orgUnit)
        .where(eq(orgUnit.centreId, actor.centreId));
      const ids = new Set(units.map((u) => u.id));
      if (!d.managedUnitIds.every((id) => ids.has(id))) {
        throw new AppError("validation", { managedUnitIds: "errors.invalid" });
      }
    }
    if (!roles.has("administrator")) {
      const others = await tx
        .select({ id: roleAssignment.id })
        .from(roleAssignment)
        .where(
          and(
            eq(roleAssignment.centreId, actor.centreId),
            eq(roleAssignment.role, "administrator"),
            ne(roleAssignment.userId, userId),
          ),
        );
      if (others.length === 0)
        throw new AppError("validation", { roles: "errors.lastAdministrator" });
    }
    await tx
      .delete(roleAssignment)
      .where(and(eq(roleAssignment.centreId, actor.centreId), eq(roleAssignment.userId, userId)));
    const rows = [...roles].flatMap(
      (role): { centreId: string; userId: string; role: Role; unitId: string | null }[] =>
        role === "manager"
          ? d.managedUnitIds.map((unitId) => ({ centreId: actor.centreId, userId, role, unitId }))
          : [{ centreId: actor.centreId, userId, role, unitId: null }],
    );
    await tx.insert(roleAssignment).values(rows);
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "roles.set",
      entityType: "employee",
      entityId: employeeId,
      details: { roles: [...roles], units: d.managedUnitIds.length },
      requestId: actor.requestId,
    });
  });
}
