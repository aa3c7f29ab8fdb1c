import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { centre, employee } from "../org/schema.ts";
import type { Actor } from "./actor.ts";
import { APPOINTMENT_MAIL_KIND, targetCentre } from "./installation-appoint-admin.ts";
import { requireInstallationAdmin } from "./installation-guard.ts";
import { installationAdmin, oneTimeLink, roleAssignment, user } from "./schema.ts";

/**
 * One centre as an installation administrator sees it: name, type, city, the number of active
 * employees, its administrators (names and e-mails, to reach and appoint them) and the
 * appointments still waiting to be accepted. Nothing else of the centre is read.
 */
export async function viewCentre(actor: Actor, centreId: string) {
  requireInstallationAdmin(actor);
  const { id } = await targetCentre(db(), centreId);
  const [[c], [{ employees }], admins, links] = await Promise.all([
    db()
      .select({
        id: centre.id,
        name: centre.name,
        type: centre.type,
        city: centre.city,
        createdAt: centre.createdAt,
      })
      .from(centre)
      .where(eq(centre.id, id)),
    db()
      .select({ employees: count() })
      .from(employee)
      .where(and(eq(employee.centreId, id), eq(employee.active, true))),
    db()
      .select({
        userId: user.id,
        name: user.name,
        email: user.email,
        installationAdmin: installationAdmin.userId,
      })
      .from(roleAssignment)
      .innerJoin(user, eq(user.id, roleAssignment.userId))
      .leftJoin(installationAdmin, eq(installationAdmin.userId, user.id))
      .where(and(eq(roleAssignment.centreId, id), eq(roleAssignment.role, "administrator")))
      .orderBy(asc(polishSortKey(user.name)), asc(user.id)),
    db()
      .select()
      .from(oneTimeLink)
      .where(
        and(
          eq(oneTimeLink.purpose, "invitation"),
          eq(oneTimeLink.centreId, id),
          isNull(oneTimeLink.employeeId),
          eq(oneTimeLink.role, "administrator"),
        ),
      )
      .orderBy(desc(oneTimeLink.createdAt)),
  ]);
  // Per address only the newest link counts: a resend replaced the older ones, and an accepted
  // or already-administering address has nothing left to wait for.
  const adminEmails = new Set(admins.map((a) => a.email.toLowerCase()));
  const seen = new Set<string>();
  const open = links.filter((l) => {
    const email = l.email?.toLowerCase() ?? "";
    if (!email || seen.has(email)) return false;
    seen.add(email);
    return !l.usedAt && !adminEmails.has(email);
  });
  const mails = open.length
    ? await db()
        .select({
          to: mailOutbox.toAddress,
          status: mailOutbox.status,
          body: mailOutbox.textBody,
          lastError: mailOutbox.lastError,
          createdAt: mailOutbox.createdAt,
        })
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.centreId, id),
            eq(mailOutbox.kind, APPOINTMENT_MAIL_KIND),
            inArray(
              mailOutbox.toAddress,
              open.map((l) => l.email!),
            ),
          ),
        )
        .orderBy(desc(mailOutbox.createdAt))
    : [];
  const now = Date.now();
  return {
    ...c,
    employees,
    administrators: admins.map((a) => ({ ...a, installationAdmin: Boolean(a.installationAdmin) })),
    appointments: open.map((l) => {
      // The mail queued with this link (a link the command line printed has none).
      const mail = mails.find((m) => m.to === l.email && m.createdAt >= l.createdAt);
      return {
        id: l.id,
        name: l.name ?? "",
        email: l.email ?? "",
        createdAt: l.createdAt,
        expiresAt: l.expiresAt,
        expired: l.expiresAt.getTime() <= now,
        mail: mail
          ? {
              status: mail.status,
              lastError: mail.lastError,
              // As in the mail log: with no SMTP server this page is how the link reaches the
              // person; once mail really leaves, personal links are never shown.
              body: config().SMTP_URL ? null : mail.body,
            }
          : null,
      };
    }),
  };
}
