// Background work of incidents, every hour: a reminder of each open step a day before its
// deadline, to those who own it (the unit's managers, the safety officers or management); and
// a week after a report, a note to the reporter asking how they are, with the way to a
// specialist; and to the reviewer of a precaution that lapsed, a note that it did. Each row is
// claimed FOR UPDATE SKIP LOCKED and marked in the transaction that queues its mail, so a tick
// run twice or by two processes sends each once.
import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { periodicJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { enqueueMails, type MailInput } from "../../platform/outbox.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import { type RoleHolder, roleHolders } from "../access/role-holders.ts";
import { user } from "../access/schema.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { orgUnit } from "../org/schema.ts";
import { stepReminder, unitManagers } from "./incident-mail.ts";
import { lapsedWhere } from "./precautions.ts";
import { incident, incidentPrecaution, incidentStep } from "./schema.ts";

export const INCIDENT_TICK_JOB = "incidents.tick";
const TICK_MS = 60 * 60_000;
/** Steps due within this many hours are reminded of. */
export const REMIND_HOURS = 24;
export const FOLLOW_UP_DAYS = 7;

/** Reminds the owners of open steps due within a day; returns how many steps. */
export async function sendStepReminders(now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + REMIND_HOURS * 3_600_000);
  return db().transaction(async (tx) => {
    const due = await tx
      .select({
        id: incidentStep.id,
        title: incidentStep.title,
        owner: incidentStep.owner,
        dueAt: incidentStep.dueAt,
        incidentId: incident.id,
        number: incident.number,
        centreId: incident.centreId,
        unitId: incident.unitId,
      })
      .from(incidentStep)
      .innerJoin(incident, eq(incident.id, incidentStep.incidentId))
      .where(
        and(
          eq(incidentStep.status, "open"),
          isNull(incidentStep.reminderSentAt),
          gt(incidentStep.dueAt, now),
          lte(incidentStep.dueAt, horizon),
          eq(incident.status, "open"),
        ),
      )
      .limit(500)
      .for("update", { of: incidentStep, skipLocked: true });
    const mails: MailInput[] = [];
    for (const s of due) {
      // The reporter's own steps (making the place safe, the account) are done or not by then;
      // a reminder to them a day later would only bring the incident back.
      // A manager's step goes to the unit's managers, or to the safety officers when the unit
      // has none; the reporter's own steps (making the place safe, the account) are past by
      // then, and a reminder to them would only bring the incident back.
      let owners: RoleHolder[] = [];
      if (s.owner === "manager") {
        owners = await unitManagers(tx, s.centreId, s.unitId);
        if (owners.length === 0) owners = await roleHolders(tx, s.centreId, "safety_officer");
      } else if (s.owner !== "reporter") {
        owners = await roleHolders(tx, s.centreId, s.owner);
      }
      for (const h of owners) mails.push(stepReminder(h, s));
    }
    await enqueueMails(tx, mails);
    if (due.length) {
      await tx
        .update(incidentStep)
        .set({ reminderSentAt: now })
        .where(
          inArray(
            incidentStep.id,
            due.map((d) => d.id),
          ),
        );
    }
    return due.length;
  });
}

/** A week after each report, asks the reporter how they are; returns how many were asked. */
export async function sendFollowUps(now = new Date()): Promise<number> {
  const weekAgo = new Date(now.getTime() - FOLLOW_UP_DAYS * 86_400_000);
  // Reports older than a month when this first runs are not followed up out of the blue.
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000);
  return db().transaction(async (tx) => {
    const due = await tx
      .select({
        id: incident.id,
        centreId: incident.centreId,
        reporterId: incident.reporterId,
        number: incident.number,
      })
      .from(incident)
      .where(
        and(
          isNull(incident.followUpSentAt),
          lte(incident.createdAt, weekAgo),
          gt(incident.createdAt, monthAgo),
        ),
      )
      .limit(500)
      .for("update", { skipLocked: true });
    const mails: MailInput[] = [];
    for (const i of due) {
      const person = (await recipientsOf(tx, i.centreId, [i.reporterId])).get(i.reporterId);
      if (!person?.active) continue;
      mails.push({
        centreId: i.centreId,
        kind: "incident-follow-up",
        to: person.email,
        template: "incidentFollowUp",
        locale: person.locale ?? "pl",
        confidential: true,
        values: { name: person.firstName, number: i.number, link: `${config().baseUrl}/support` },
      });
    }
    await enqueueMails(tx, mails);
    if (due.length) {
      await tx
        .update(incident)
        .set({ followUpSentAt: now })
        .where(
          inArray(
            incident.id,
            due.map((d) => d.id),
          ),
        );
    }
    return mails.length;
  });
}

/** Tells the reviewer of each precaution that lapsed (its review date passed); returns how many. */
export async function sendPrecautionLapseNotices(now = new Date()): Promise<number> {
  const today = warsawDay(now);
  return db().transaction(async (tx) => {
    const due = await tx
      .select({
        id: incidentPrecaution.id,
        centreId: incidentPrecaution.centreId,
        caseReference: incidentPrecaution.caseReference,
        unitName: orgUnit.name,
        reviewerUserId: incidentPrecaution.reviewerUserId,
      })
      .from(incidentPrecaution)
      .innerJoin(orgUnit, eq(orgUnit.id, incidentPrecaution.unitId))
      .where(lapsedWhere(today))
      .limit(500)
      .for("update", { of: incidentPrecaution, skipLocked: true });
    if (due.length === 0) return 0;
    const reviewers = await tx
      .select({ id: user.id, name: user.name, email: user.email, locale: user.locale })
      .from(user)
      .where(
        inArray(
          user.id,
          due.map((d) => d.reviewerUserId),
        ),
      );
    const byId = new Map(reviewers.map((r) => [r.id, r]));
    const mails: MailInput[] = [];
    for (const p of due) {
      const r = byId.get(p.reviewerUserId);
      if (!r) continue;
      mails.push({
        centreId: p.centreId,
        kind: "incident-precaution-lapsed",
        to: r.email,
        template: "incidentPrecautionLapsed",
        locale: r.locale ?? "pl",
        values: {
          name: r.name,
          caseReference: p.caseReference,
          unit: p.unitName,
          link: `${config().baseUrl}/incidents/precautions?edit=${p.id}`,
        },
      });
    }
    await enqueueMails(tx, mails);
    await tx
      .update(incidentPrecaution)
      .set({ lapseNoticeSentAt: now })
      .where(
        inArray(
          incidentPrecaution.id,
          due.map((d) => d.id),
        ),
      );
    return due.length;
  });
}

const tick = periodicJob(INCIDENT_TICK_JOB, TICK_MS, async () => {
  const reminded = await sendStepReminders();
  const followedUp = await sendFollowUps();
  const lapsed = await sendPrecautionLapseNotices();
  if (reminded || followedUp || lapsed) {
    logger.info({ reminded, followedUp, lapsed }, "incident reminders");
  }
});

export const registerIncidentJobs = tick.register;
/** Registers the handler and queues the next tick (call where the worker runs). */
export const startIncidentJobs = tick.start;
