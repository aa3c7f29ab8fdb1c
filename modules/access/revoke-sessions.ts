import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { employee } from "../org/schema.ts";
import { session } from "./schema.ts";

/**
 * Signs the accounts of these employees out everywhere. The account itself is refused anyway
 * while the employee is inactive (see actor.ts); deleting the sessions means nothing of it
 * lingers, and a later reactivation starts from a fresh sign-in.
 */
export async function revokeSessionsOfEmployees(
  q: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<void> {
  if (employeeIds.length === 0) return;
  const users = await q
    .select({ userId: employee.userId })
    .from(employee)
    .where(
      and(
        eq(employee.centreId, centreId),
        inArray(employee.id, employeeIds),
        isNotNull(employee.userId),
      ),
    );
  const userIds = users.map((u) => u.userId!);
  if (userIds.length) await q.delete(session).where(inArray(session.userId, userIds));
}
