// Support after an incident, from the reporter's page: a fresh crisis link to the specialists'
// reserved slots, for as long as the report is recent (the link made with the report was
// mailed; this one opens the booking at once, from the page they are on).
import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { CRISIS_LINK_HOURS, createCrisisLink } from "../support/crisis-links.ts";
import { incident } from "./schema.ts";

export async function crisisLinkForIncident(
  actor: Actor,
  incidentId: string,
  now = new Date(),
): Promise<{ url: string }> {
  requirePermission(actor, "support.book");
  if (!isUuid(incidentId) || !actor.employeeId) throw notFound();
  return db().transaction(async (tx) => {
    const [i] = await tx
      .select({ id: incident.id, createdAt: incident.createdAt })
      .from(incident)
      .where(
        and(
          eq(incident.id, incidentId),
          eq(incident.centreId, actor.centreId),
          eq(incident.reporterId, actor.employeeId!),
        ),
      );
    if (!i) throw notFound();
    if (now.getTime() - i.createdAt.getTime() >= CRISIS_LINK_HOURS * 3_600_000) {
      throw new AppError("conflict", { _form: "errors.incidentCrisisOver" });
    }
    const link = await createCrisisLink(tx, {
      centreId: actor.centreId,
      employeeId: actor.employeeId!,
      source: "incident",
      sourceId: i.id,
      now,
    });
    // That a link was made, not for whom: the reporter is the actor, and the log says no more.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.crisisLink.created",
      entityType: "support_crisis_link",
      entityId: null,
      details: { source: "incident" },
      requestId: actor.requestId,
    });
    return { url: link.url };
  });
}
