import { forbidden } from "../../platform/errors.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { rolesWith } from "../access/permissions.ts";
import type { ActivityRow } from "./find-activity.ts";

/**
 * Who may take attendance of an activity (mark it, print the sheet, keep the signed scan): a
 * role the matrix grants `programme.attendance` outright (the coordinator), or a specialist
 * who is this activity's trainer. Another specialist is refused.
 */
export function requireAttendanceAccess(
  actor: Actor,
  activity: Pick<ActivityRow, "trainerUserId">,
): void {
  requirePermission(actor, "programme.attendance");
  if (canTakeAnyAttendance(actor)) return;
  if (activity.trainerUserId && activity.trainerUserId === actor.userId) return;
  throw forbidden();
}

/** True for a role that takes attendance of every activity, not only of those it trains. */
export function canTakeAnyAttendance(actor: Pick<Actor, "roles">): boolean {
  const granted: readonly string[] = rolesWith("programme.attendance");
  return actor.roles.some((r) => r !== "specialist" && granted.includes(r));
}
