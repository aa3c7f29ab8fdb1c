// Background work of occupational medicine: a reminder to each employee 30 days before their
// certificate's validity ends, and a summary to the centre's health coordinators. A tick every
// hour; each exam is claimed with FOR UPDATE SKIP LOCKED and marked `reminder_sent_at` in the
// transaction that queues its mail, so a tick run twice, by two processes, or again after a
// crash, reminds each certificate once. A person with an exam already planned is not reminded
// (their appointment notice said it all); if that exam is called off, the reminder follows.
import { and, eq, gte, inArray, isNull, lte, ne } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { formatDate, isLocale } from "../../platform/i18n.ts";
import { periodicJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { enqueueMails, type MailInput } from "../../platform/outbox.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { roleAssignment, user } from "../access/schema.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { centre, employee } from "../org/schema.ts";
import { examFactColumns } from "./employee-health.ts";
import { myHealthUrl } from "./exam-notice.ts";
import { DUE_WITHIN_DAYS, latestCertificate } from "./exam-status.ts";
import { healthExam } from "./schema.ts";

export const HEALTH_TICK_JOB = "health.tick";
const TICK_MS = 60 * 60_000;

/** Reminds everyone whose certificate's validity ends within 30 days; returns how many. */
export async function sendExpiryReminders(now = new Date()): Promise<number> {
  const today = warsawDay(now);
  const horizon = addDays(today, DUE_WITHIN_DAYS);
  const candidates = await db()
    .selectDistinct({ centreId: healthExam.centreId })
    .from(healthExam)
    .innerJoin(employee, eq(employee.id, healthExam.employeeId))
    .where(
      and(
        eq(healthExam.status, "done"),
        isNull(healthExam.reminderSentAt),
        ne(healthExam.outcome, "unfit"),
        gte(healthExam.validUntil, today),
        lte(healthExam.validUntil, horizon),
        eq(employee.active, true),
      ),
    );
  let reminded = 0;
  for (const { centreId } of candidates) {
    reminded += await remindCentre(centreId, today, horizon);
  }
  return reminded;
}

async function remindCentre(centreId: string, today: string, horizon: string): Promise<number> {
  return db().transaction(async (tx) => {
    const due = await tx
      .select({
        id: healthExam.id,
        employeeId: healthExam.employeeId,
        validUntil: healthExam.validUntil,
      })
      .from(healthExam)
      .innerJoin(employee, eq(employee.id, healthExam.employeeId))
      .where(
        and(
          eq(healthExam.centreId, centreId),
          eq(healthExam.status, "done"),
          isNull(healthExam.reminderSentAt),
          ne(healthExam.outcome, "unfit"),
          gte(healthExam.validUntil, today),
          lte(healthExam.validUntil, horizon),
          eq(employee.active, true),
        ),
      )
      .for("update", { of: healthExam, skipLocked: true });
    if (due.length === 0) return 0;
    const people = [...new Set(due.map((d) => d.employeeId))];
    const all = await tx
      .select(examFactColumns)
      .from(healthExam)
      .where(
        and(
          eq(healthExam.centreId, centreId),
          inArray(healthExam.employeeId, people),
          ne(healthExam.status, "cancelled"),
        ),
      );
    // Only a person's latest certificate is reminded, and only while nothing is planned.
    const chosen = due.filter((d) => {
      const mine = all.filter((x) => x.employeeId === d.employeeId);
      if (mine.some((x) => x.status === "planned")) return false;
      return latestCertificate(mine)?.id === d.id;
    });
    if (chosen.length === 0) return 0;
    // In turn, not Promise.all: a transaction's connection runs one query at a time.
    const recipients = await recipientsOf(
      tx,
      centreId,
      chosen.map((d) => d.employeeId),
    );
    const [c] = await tx.select({ name: centre.name }).from(centre).where(eq(centre.id, centreId));
    const coordinators = await tx
      .selectDistinct({ email: user.email, name: user.name, locale: user.locale })
      .from(roleAssignment)
      .innerJoin(user, eq(user.id, roleAssignment.userId))
      .where(and(eq(roleAssignment.centreId, centreId), eq(roleAssignment.role, "health")));
    const mails: MailInput[] = chosen.flatMap((d) => {
      const to = recipients.get(d.employeeId);
      if (!to) return [];
      return [
        {
          centreId,
          kind: "health.exam.expiring",
          to: to.email,
          template: "healthCertificateExpiring",
          locale: to.locale ?? "pl",
          confidential: true,
          values: {
            name: to.firstName,
            centre: c.name,
            validUntil: formatDate(d.validUntil),
            link: myHealthUrl(),
          },
        },
      ];
    });
    // The coordinators get a count and a link to the board, not a list of names by mail.
    for (const h of coordinators) {
      mails.push({
        centreId,
        kind: "health.exam.expiringSummary",
        to: h.email,
        template: "healthExpiringSummary",
        locale: isLocale(h.locale) ? h.locale : "pl",
        confidential: true,
        values: {
          name: h.name,
          centre: c.name,
          count: chosen.length,
          link: `${config().baseUrl}/health/exams?status=due`,
        },
      });
    }
    await enqueueMails(tx, mails);
    await tx
      .update(healthExam)
      .set({ reminderSentAt: new Date() })
      .where(
        inArray(
          healthExam.id,
          chosen.map((d) => d.id),
        ),
      );
    await writeAudit(tx, {
      centreId,
      actorUserId: null,
      action: "health.exam.remind",
      entityType: "health_exam",
      details: { reminded: chosen.length },
    });
    return chosen.length;
  });
}

const tick = periodicJob(HEALTH_TICK_JOB, TICK_MS, async () => {
  const reminded = await sendExpiryReminders();
  if (reminded) logger.info({ reminded }, "health certificate reminders");
});

export const registerHealthJobs = tick.register;
/** Registers the handler and queues the next tick (call where the worker runs). */
export const startHealthJobs = tick.start;
