// Mail about incidents. It names the incident by its number and links to it; what happened, the
// case and the injuries stay in the application, behind its access rules. All of it is
// confidential in the mail log: who reported an incident is nobody else's business.

import { eq } from "drizzle-orm";
import { config } from "../../platform/config.ts";
import type { Queryable } from "../../platform/db.ts";
import { formatDateTime } from "../../platform/i18n.ts";
import { enqueueMails, type MailInput } from "../../platform/outbox.ts";
import { type RoleHolder, roleHolders } from "../access/role-holders.ts";
import { orgUnit } from "../org/schema.ts";
import { unitPath } from "../org/unit-tree.ts";

export function incidentUrl(id: string): string {
  return `${config().baseUrl}/incidents/${id}`;
}

/** The managers of the unit or of a unit above it. */
export async function unitManagers(
  q: Queryable,
  centreId: string,
  unitId: string | null,
): Promise<RoleHolder[]> {
  const units = await q
    .select({ id: orgUnit.id, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId));
  return roleHolders(q, centreId, "manager", unitPath(unitId, units));
}

/** The unit's managers and the safety officers, each once. */
export async function incidentHandlers(
  q: Queryable,
  centreId: string,
  unitId: string | null,
): Promise<RoleHolder[]> {
  const managers = await unitManagers(q, centreId, unitId);
  const officers = await roleHolders(q, centreId, "safety_officer");
  const seen = new Set<string>();
  return [...managers, ...officers].filter((h) => !seen.has(h.userId) && seen.add(h.userId));
}

export async function notifyIncidentReported(
  q: Queryable,
  o: {
    centreId: string;
    incidentId: string;
    number: string;
    unitId: string | null;
    reporterUserId: string;
    wantsSupport: boolean;
  },
): Promise<void> {
  const handlers = (await incidentHandlers(q, o.centreId, o.unitId)).filter(
    (h) => h.userId !== o.reporterUserId,
  );
  await enqueueMails(
    q,
    handlers.map(
      (h): MailInput => ({
        centreId: o.centreId,
        kind: "incident-reported",
        to: h.email,
        template: o.wantsSupport ? "incidentReportedSupport" : "incidentReported",
        locale: h.locale ?? "pl",
        confidential: true,
        values: { name: h.firstName, number: o.number, link: incidentUrl(o.incidentId) },
      }),
    ),
  );
}

/** Steps due soon, to those who can tick them off. */
export function stepReminder(
  to: RoleHolder,
  o: { centreId: string; incidentId: string; number: string; title: string; dueAt: Date },
): MailInput {
  return {
    centreId: o.centreId,
    kind: "incident-step-reminder",
    to: to.email,
    template: "incidentStepDue",
    locale: to.locale ?? "pl",
    confidential: true,
    values: {
      name: to.firstName,
      number: o.number,
      step: o.title,
      due: formatDateTime(o.dueAt),
      link: incidentUrl(o.incidentId),
    },
  };
}
