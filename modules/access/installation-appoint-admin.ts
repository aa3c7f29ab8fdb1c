import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { hashToken } from "../../platform/crypto.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, type FieldErrors, notFound } from "../../platform/errors.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { centre } from "../org/schema.ts";
import type { Actor } from "./actor.ts";
import { findUserByEmail } from "./create-account.ts";
import { requireInstallationAdmin } from "./installation-guard.ts";
import { INVITATION_TTL_MS } from "./invitations.ts";
import { issueLink } from "./one-time-links.ts";
import { oneTimeLink, roleAssignment } from "./schema.ts";

/** The outbox kind of an appointment mail, so the centre page can show its delivery. */
export const APPOINTMENT_MAIL_KIND = "administrator_appointment";

const name = z.string().trim().min(1, "errors.required").max(100, "errors.tooLong");

/** Who is appointed: the invitation carries the name and address (there is no employee yet). */
export const appointmentFields = z.object({
  firstName: name,
  lastName: name,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "errors.required")
    .email("errors.email")
    .max(254, "errors.tooLong"),
});

/** A centre by id for the installation pages (its name only); unknown ids are "not found". */
export async function targetCentre(q: Queryable, centreId: string) {
  if (!isUuid(centreId)) throw notFound();
  const [c] = await q
    .select({ id: centre.id, name: centre.name })
    .from(centre)
    .where(eq(centre.id, centreId));
  if (!c) throw notFound();
  return c;
}

/**
 * Why an address cannot be appointed in a centre (null: a centre still being created), as field
 * errors. A person belongs to one centre: an account that works in another centre is refused,
 * since acceptance would otherwise fail only when the person opens the link.
 */
export async function appointmentProblems(
  q: Queryable,
  centreId: string | null,
  email: string,
): Promise<FieldErrors> {
  const existing = await findUserByEmail(q, email);
  if (!existing) return {};
  const roles = await q
    .select({ centreId: roleAssignment.centreId, role: roleAssignment.role })
    .from(roleAssignment)
    .where(eq(roleAssignment.userId, existing.id));
  if (roles.some((r) => r.centreId !== centreId)) {
    return { email: "errors.installation.accountElsewhere" };
  }
  if (roles.some((r) => r.role === "administrator")) {
    return { email: "errors.installation.alreadyAdministrator" };
  }
  return {};
}

type Appointee = { firstName: string; name: string; email: string };

/**
 * Inside the caller's transaction: replaces any open appointment of the address in the centre
 * with a fresh one-time link (7 days), queues the invitation mail and audits it in the centre.
 */
export async function sendAppointment(
  tx: Queryable,
  actor: Actor,
  target: { id: string; name: string },
  who: Appointee,
  action: string,
): Promise<string> {
  const problems = await appointmentProblems(tx, target.id, who.email);
  if (Object.keys(problems).length) throw new AppError("validation", problems);
  await tx
    .update(oneTimeLink)
    .set({ expiresAt: new Date() })
    .where(
      and(
        eq(oneTimeLink.purpose, "invitation"),
        eq(oneTimeLink.centreId, target.id),
        isNull(oneTimeLink.employeeId),
        eq(oneTimeLink.email, who.email),
        isNull(oneTimeLink.usedAt),
      ),
    );
  const token = await issueLink(tx, {
    purpose: "invitation",
    ttlMs: INVITATION_TTL_MS,
    centreId: target.id,
    email: who.email,
    name: who.name,
    role: "administrator",
  });
  const [link] = await tx
    .select({ id: oneTimeLink.id })
    .from(oneTimeLink)
    .where(eq(oneTimeLink.tokenHash, hashToken(token)));
  await enqueueMail(tx, {
    centreId: target.id,
    kind: APPOINTMENT_MAIL_KIND,
    to: who.email,
    template: "invitation",
    values: {
      name: who.firstName,
      centre: target.name,
      link: `${config().baseUrl}/invitation/${token}`,
    },
  });
  await writeAudit(tx, {
    centreId: target.id,
    actorUserId: actor.userId,
    action,
    entityType: "invitation",
    entityId: link.id,
    details: { role: "administrator" },
    requestId: actor.requestId,
  });
  return link.id;
}

/** Appoints an administrator of a centre: a one-time invitation sent by mail. */
export async function appointCentreAdmin(actor: Actor, centreId: string, input: unknown) {
  requireInstallationAdmin(actor);
  const d = parseInput(appointmentFields, input);
  return db().transaction(async (tx) => {
    const target = await targetCentre(tx, centreId);
    return sendAppointment(
      tx,
      actor,
      target,
      { firstName: d.firstName, name: `${d.firstName} ${d.lastName}`, email: d.email },
      "installation.administrator.appoint",
    );
  });
}

/** Sends an open (or expired, unused) appointment again with a new link; the old one stops. */
export async function resendAppointment(actor: Actor, centreId: string, linkId: string) {
  requireInstallationAdmin(actor);
  if (!isUuid(linkId)) throw notFound();
  return db().transaction(async (tx) => {
    const target = await targetCentre(tx, centreId);
    const [link] = await tx
      .select()
      .from(oneTimeLink)
      .where(
        and(
          eq(oneTimeLink.id, linkId),
          eq(oneTimeLink.purpose, "invitation"),
          eq(oneTimeLink.centreId, target.id),
          isNull(oneTimeLink.employeeId),
          eq(oneTimeLink.role, "administrator"),
          isNull(oneTimeLink.usedAt),
        ),
      );
    if (!link?.email || !link.name) throw notFound();
    return sendAppointment(
      tx,
      actor,
      target,
      { firstName: link.name.split(" ")[0], name: link.name, email: link.email },
      "installation.administrator.resend",
    );
  });
}
