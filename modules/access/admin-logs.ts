// The administrator's and data protection officer's read-only views of what the system did.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { listAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { listMail } from "../../platform/outbox.ts";
import { mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { isUuid } from "../../platform/validation.ts";
import { addDays } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission, usersByIds } from "./actor.ts";
import { API_KEY_ACTOR_PREFIX } from "./api-keys.ts";
import { apiKey } from "./schema.ts";

const page = z.coerce.number().int().min(1).max(10_000).catch(1).default(1);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

export const auditQuery = z.object({
  action: z.string().trim().max(100).optional().catch(undefined),
  entity: z.string().trim().max(100).optional().catch(undefined),
  from: day,
  to: day,
  page,
});

const nextDay = (day: string) => addDays(day, 1);

export async function viewAuditLog(actor: Actor, query: unknown) {
  requirePermission(actor, "audit.view");
  const q = auditQuery.parse(query ?? {});
  // Days are Warsaw days: from the start of "from" to the end of "to".
  const from = q.from ? startOfWarsawDay(q.from) : undefined;
  const to = q.to ? startOfWarsawDay(nextDay(q.to)) : undefined;
  const r = await listAudit(db(), {
    centreId: actor.centreId,
    action: q.action || undefined,
    entityType: q.entity || undefined,
    from,
    to,
    page: q.page,
    pageSize: 50,
  });
  const actorIds = [
    ...new Set(r.rows.map((x) => x.actorUserId).filter((x): x is string => Boolean(x))),
  ];
  // Calls made with an integration key are audited as "apikey:<id>"; show the key's name.
  const keyIds = actorIds.filter((id) => id.startsWith(API_KEY_ACTOR_PREFIX));
  const [users, keys] = await Promise.all([
    usersByIds(actorIds.filter((id) => !id.startsWith(API_KEY_ACTOR_PREFIX))),
    keyIds.length
      ? db()
          .select({ id: apiKey.id, name: apiKey.name })
          .from(apiKey)
          .where(
            and(
              eq(apiKey.centreId, actor.centreId),
              inArray(
                apiKey.id,
                keyIds.map((id) => id.slice(API_KEY_ACTOR_PREFIX.length)),
              ),
            ),
          )
      : [],
  ]);
  const names = new Map<string, { name: string; apiKey: boolean }>([
    ...users.map((u) => [u.id, { name: u.name, apiKey: false }] as const),
    ...keys.map((k) => [`${API_KEY_ACTOR_PREFIX}${k.id}`, { name: k.name, apiKey: true }] as const),
  ]);
  return {
    ...q,
    hasNext: r.hasNext,
    rows: r.rows.map((x) => ({
      id: x.id,
      at: x.at,
      actor: x.actorUserId ? (names.get(x.actorUserId)?.name ?? x.actorUserId) : null,
      actorIsApiKey: x.actorUserId ? Boolean(names.get(x.actorUserId)?.apiKey) : false,
      action: x.action,
      entityType: x.entityType,
      entityId: x.entityId,
    })),
  };
}

export async function viewMailLog(actor: Actor, query: unknown) {
  requirePermission(actor, "mail.log.view");
  const q = z
    .object({ q: z.string().trim().max(200).optional().catch(undefined), page })
    .parse(query ?? {});
  const r = await listMail(db(), {
    centreId: actor.centreId,
    search: q.q,
    page: q.page,
    pageSize: 25,
  });
  // Attachments (calendar invitations) are listed by name with a link; their content is
  // fetched one at a time (mailAttachmentFile).
  const open = r.rows.filter((m) => !m.confidential);
  const files = open.length
    ? await db()
        .select({
          id: mailAttachment.id,
          mailId: mailAttachment.mailId,
          fileName: mailAttachment.fileName,
          contentType: mailAttachment.contentType,
        })
        .from(mailAttachment)
        .where(
          inArray(
            mailAttachment.mailId,
            open.map((m) => m.id),
          ),
        )
        .orderBy(mailAttachment.fileName)
    : [];
  return {
    ...q,
    hasNext: r.hasNext,
    rows: r.rows.map((m) => ({
      attachments: files.filter((f) => f.mailId === m.id),
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      confidential: m.confidential,
      status: m.status,
      createdAt: m.createdAt,
      // Readable only in embedded mode, where this log is the delivery channel. With SMTP
      // configured, bodies (personal links such as password resets) are never shown.
      body: config().SMTP_URL || m.confidential ? null : m.textBody,
      // An SMTP refusal usually repeats the recipient ("550 <jan.kowalski@…>: mailbox
      // unavailable"), so a confidential message shows only its status ("failed").
      lastError: m.confidential ? null : m.lastError,
    })),
  };
}

/** One attachment of a message of the actor's centre, for download from the mail log. */
export async function mailAttachmentFile(actor: Actor, mailId: string, attachmentId: string) {
  requirePermission(actor, "mail.log.view");
  if (!isUuid(mailId) || !isUuid(attachmentId)) throw notFound();
  const [row] = await db()
    .select({
      fileName: mailAttachment.fileName,
      contentType: mailAttachment.contentType,
      content: mailAttachment.content,
    })
    .from(mailAttachment)
    .innerJoin(mailOutbox, eq(mailOutbox.id, mailAttachment.mailId))
    .where(
      and(
        eq(mailAttachment.id, attachmentId),
        eq(mailAttachment.mailId, mailId),
        eq(mailOutbox.centreId, actor.centreId),
        eq(mailOutbox.confidential, false),
      ),
    );
  if (!row) throw notFound();
  return row;
}
