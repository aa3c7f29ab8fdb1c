import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import { config } from "./config.ts";
import type { Queryable } from "./db.ts";
import { db } from "./db.ts";
import { isLocale, type MessageKey, translator, type Values } from "./i18n.ts";
import { logger } from "./logger.ts";
import { mailAttachment, mailOutbox } from "./platform-schema.ts";

export type MailTemplate =
  | "passwordReset"
  | "invitation"
  | "surveyInvitation"
  | "surveyReminder"
  // The support programme's enrolment notices (modules/programme/notices.ts).
  | "programmeConfirmed"
  | "programmeWaitlisted"
  | "programmePending"
  | "programmeApprovalRequest"
  | "programmeApproved"
  | "programmeRejected"
  | "programmePromoted"
  | "programmePromotedPending"
  | "programmeCancelled"
  | "programmeActivityCancelled"
  | "programmeChanged"
  | "programmeReminder"
  // Health Day bookings (modules/health/health-day-notices.ts) and rooms (modules/support).
  | "healthDayBooked"
  | "healthDayBookingCancelled"
  | "healthDayCancelled"
  | "roomBookingCancelled"
  // Occupational medicine: an appointment made by the bulk planning (modules/health).
  | "healthExamPlanned"
  // Occupational medicine: an exam called off, a control exam due after a long sick leave,
  // a certificate running out (to the employee; a count to the health coordinators).
  | "healthExamCancelled"
  | "healthControlDue"
  | "healthCertificateExpiring"
  | "healthExpiringSummary"
  // Confidential support bookings and crisis links (modules/support/booking-mail.ts).
  | "supportBooked"
  | "supportCancelled"
  | "supportCancelledBySpecialist"
  | "supportReminder"
  | "supportSpecialistBooked"
  | "supportSpecialistCancelled"
  | "supportCrisisLink"
  // Incidents (modules/incidents/incident-mail.ts): to managers and safety officers, to the
  // reporter a week later, and to the reviewer of a lapsed precaution.
  | "incidentReported"
  | "incidentReportedSupport"
  | "incidentStepDue"
  | "incidentFollowUp"
  | "incidentPrecautionLapsed";

export type MailAttachment = { fileName: string; contentType: string; content: string };

export type MailInput = {
  centreId: string | null;
  kind: string;
  to: string;
  template: MailTemplate;
  values: Values;
  locale?: string | null;
  attachments?: MailAttachment[];
  /** Confidential support mail: the mail log never shows its recipient, subject or text. */
  confidential?: boolean;
};

/**
 * Stores a message in the outbox, inside the caller's transaction when there is one, so a
 * message exists exactly when the change that caused it was committed.
 */
export async function enqueueMail(q: Queryable, m: MailInput): Promise<string> {
  const t = translator(isLocale(m.locale) ? m.locale : "pl");
  const [row] = await q
    .insert(mailOutbox)
    .values({
      centreId: m.centreId,
      kind: m.kind,
      toAddress: m.to,
      subject: t(`mail.${m.template}.subject` as MessageKey, m.values),
      textBody: t(`mail.${m.template}.body` as MessageKey, m.values),
      confidential: m.confidential ?? false,
    })
    .returning({ id: mailOutbox.id });
  if (m.attachments?.length) {
    await q.insert(mailAttachment).values(m.attachments.map((a) => ({ mailId: row.id, ...a })));
  }
  return row.id;
}

/**
 * Many messages in two statements (messages, then their attachments) inside the caller's
 * transaction: for changes that tell many people at once, or that hold a lock while they do.
 */
export async function enqueueMails(q: Queryable, ms: MailInput[]): Promise<string[]> {
  if (ms.length === 0) return [];
  // Ids made here pair each attachment with its message without relying on RETURNING's order.
  const ids = ms.map(() => randomUUID());
  await q.insert(mailOutbox).values(
    ms.map((m, i) => {
      const t = translator(isLocale(m.locale) ? m.locale : "pl");
      return {
        id: ids[i],
        centreId: m.centreId,
        kind: m.kind,
        toAddress: m.to,
        subject: t(`mail.${m.template}.subject` as MessageKey, m.values),
        textBody: t(`mail.${m.template}.body` as MessageKey, m.values),
        confidential: m.confidential ?? false,
      };
    }),
  );
  const files = ms.flatMap((m, i) => (m.attachments ?? []).map((a) => ({ mailId: ids[i], ...a })));
  if (files.length) await q.insert(mailAttachment).values(files);
  return ids;
}

const MAX_ATTEMPTS = 8;

/** 1, 2, 4 … minutes, capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

type Transport = {
  sendMail: (m: {
    from: string;
    to: string;
    subject: string;
    text: string;
    attachments?: { filename: string; contentType: string; content: string }[];
  }) => Promise<unknown>;
};
let transport: Transport | null | undefined;

function getTransport(): Transport | null {
  if (transport === undefined) {
    const url = config().SMTP_URL;
    transport = url ? nodemailer.createTransport(url) : null;
  }
  return transport;
}

export function setTransportForTests(t: Transport | null | undefined): void {
  transport = t;
}

/**
 * Sends what is due. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease, so two app
 * processes never send the same message; a crash mid-send only delays it until the lease ends.
 */
export async function deliverDueMail(limit = 20): Promise<number> {
  // The database's clock, not ours: rows are stamped with now() there, and app servers' clocks
  // may drift apart.
  const now = sql`now()`;
  const claimed = await db().transaction(async (tx) => {
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.status, "pending"),
          lte(mailOutbox.nextAttemptAt, now),
          or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, now)),
        ),
      )
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set({ lockedUntil: sql`now() + interval '5 minutes'` })
      .where(
        inArray(
          mailOutbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  const tr = getTransport();
  for (const m of claimed) {
    if (!tr) {
      await db()
        .update(mailOutbox)
        .set({ status: "logged", sentAt: new Date(), lockedUntil: null })
        .where(eq(mailOutbox.id, m.id));
      continue;
    }
    try {
      const files = await attachmentsOf(db(), m.id);
      await tr.sendMail({
        from: config().MAIL_FROM,
        to: m.toAddress,
        subject: m.subject,
        text: m.textBody,
        ...(files.length
          ? {
              attachments: files.map((a) => ({
                filename: a.fileName,
                contentType: a.contentType,
                content: a.content,
              })),
            }
          : {}),
      });
      await db()
        .update(mailOutbox)
        .set({ status: "sent", sentAt: new Date(), lockedUntil: null, attempts: m.attempts + 1 })
        .where(eq(mailOutbox.id, m.id));
    } catch (err) {
      const attempts = m.attempts + 1;
      const gaveUp = attempts >= MAX_ATTEMPTS;
      // The SMTP answer often names the recipient: it goes to the outbox row, not to the log.
      logger.warn(
        { mailId: m.id, attempts, code: (err as { code?: string }).code },
        "mail delivery failed",
      );
      await db()
        .update(mailOutbox)
        .set({
          status: gaveUp ? "failed" : "pending",
          attempts,
          lastError: (err as Error).message.slice(0, 500),
          nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
          lockedUntil: null,
        })
        .where(eq(mailOutbox.id, m.id));
    }
  }
  return claimed.length;
}

export async function listMail(
  q: Queryable,
  f: { centreId: string; search?: string; page: number; pageSize: number },
) {
  const where = and(
    eq(mailOutbox.centreId, f.centreId),
    // A search never matches a confidential message: that would tell who it went to.
    f.search
      ? and(
          eq(mailOutbox.confidential, false),
          or(
            sql`${mailOutbox.toAddress} ilike ${`%${f.search}%`}`,
            sql`${mailOutbox.subject} ilike ${`%${f.search}%`}`,
          ),
        )
      : undefined,
  );
  const rows = await q
    .select()
    .from(mailOutbox)
    .where(where)
    .orderBy(desc(mailOutbox.createdAt))
    .limit(f.pageSize + 1)
    .offset((f.page - 1) * f.pageSize);
  return {
    rows: rows
      .slice(0, f.pageSize)
      // The delivery error too: an SMTP refusal usually repeats the recipient's address.
      .map((m) =>
        m.confidential ? { ...m, toAddress: "", subject: "", textBody: "", lastError: null } : m,
      ),
    hasNext: rows.length > f.pageSize,
  };
}

/** A message's attachments, for delivery and for the mail log (which links to them). */
export async function attachmentsOf(q: Queryable, mailId: string) {
  return q
    .select()
    .from(mailAttachment)
    .where(eq(mailAttachment.mailId, mailId))
    .orderBy(mailAttachment.fileName);
}
