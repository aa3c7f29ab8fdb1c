// The mail occupational medicine sends to employees: an exam planned (with the appointment as
// a calendar event) or called off. Every one is queued as confidential — that someone has an
// exam, and of which kind, is health data the administrators' mail log must not show — and
// inside the transaction that makes the change, so both are committed or neither is.
import { eq } from "drizzle-orm";
import { config } from "../../platform/config.ts";
import type { Queryable } from "../../platform/db.ts";
import { formatDate, type Locale, translator } from "../../platform/i18n.ts";
import { enqueueMails, type MailAttachment, type MailInput } from "../../platform/outbox.ts";
import { warsawDay, warsawTime } from "../../platform/warsaw-time.ts";
import { type Recipient, recipientsOf } from "../org/mail-recipients.ts";
import { centre } from "../org/schema.ts";
import { buildIcs, ICS_CONTENT_TYPE, icsFileName } from "../programme/ics.ts";
import { examKindLabel } from "./plan-exams.ts";
import type { ExamKind } from "./schema.ts";

export type PlannedExamNotice = {
  examId: string;
  employeeId: string;
  kind: ExamKind;
  appointmentAt: Date;
  referralNumber: string | null;
  clinic: { name: string; address: string } | null;
  /** How long the calendar event lasts; the clinic decides, half an hour unless known. */
  minutes?: number;
};

/** Stable per exam, so a calendar replaces or removes the event it added. */
export function examUid(examId: string): string {
  return `health-exam-${examId}@przystan`;
}

export function myHealthUrl(): string {
  return `${config().baseUrl}/my/health`;
}

function placeOf(clinic: PlannedExamNotice["clinic"]): string {
  if (!clinic) return "";
  return [clinic.name, clinic.address].filter(Boolean).join(", ");
}

function examIcs(
  n: PlannedExamNotice,
  to: Recipient,
  o: { method: "REQUEST" | "CANCEL"; organizer: string; locale: Locale },
): MailAttachment {
  const t = translator(o.locale);
  const title = t("health.plan.icsTitle", { kind: examKindLabel(o.locale, n.kind) });
  const content = buildIcs({
    method: o.method,
    organizer: { name: o.organizer },
    attendee: { name: `${to.firstName} ${to.lastName}`, email: to.email },
    events: [
      {
        uid: examUid(n.examId),
        link: myHealthUrl(),
        session: {
          id: n.examId,
          startsAt: n.appointmentAt,
          endsAt: new Date(n.appointmentAt.getTime() + (n.minutes ?? 30) * 60_000),
          place: placeOf(n.clinic),
          meetingUrl: "",
          // A cancellation must outrank the invitation it takes back.
          sequence: o.method === "CANCEL" ? 1 : 0,
          cancelledAt: null,
        },
        activity: {
          id: n.examId,
          title,
          description: n.referralNumber
            ? t("health.plan.icsDescription", { number: n.referralNumber })
            : "",
          provider: n.clinic?.name ?? "",
          format: "in_person",
        },
      },
    ],
  });
  return {
    fileName: icsFileName(t("health.plan.icsFile"), `-${warsawDay(n.appointmentAt)}`),
    contentType: ICS_CONTENT_TYPE(o.method),
    content,
  };
}

async function centreName(q: Queryable, centreId: string): Promise<string> {
  const [c] = await q.select({ name: centre.name }).from(centre).where(eq(centre.id, centreId));
  return c?.name ?? "";
}

function notice(
  n: PlannedExamNotice,
  to: Recipient,
  centre: string,
  method: "REQUEST" | "CANCEL",
): MailInput {
  const locale = to.locale ?? "pl";
  const t = translator(locale);
  return {
    centreId: null,
    kind: method === "REQUEST" ? "health.exam.planned" : "health.exam.cancelled",
    to: to.email,
    // The bulk planning's notice (plan-exams.ts) and this one read the same.
    template: method === "REQUEST" ? "healthExamPlanned" : "healthExamCancelled",
    locale,
    confidential: true,
    values: {
      name: to.firstName,
      centre,
      kind: examKindLabel(locale, n.kind),
      date: formatDate(n.appointmentAt),
      time: warsawTime(n.appointmentAt),
      clinic: n.clinic?.name || t("health.notice.clinicLater"),
      address: n.clinic ? n.clinic.address || "—" : t("health.notice.addressLater"),
      number: n.referralNumber ?? "—",
      link: myHealthUrl(),
    },
    attachments: [examIcs(n, to, { method, organizer: centre, locale })],
  };
}

async function send(
  q: Queryable,
  centreId: string,
  items: PlannedExamNotice[],
  method: "REQUEST" | "CANCEL",
): Promise<number> {
  if (items.length === 0) return 0;
  // In turn, not Promise.all: `q` is the caller's transaction, which runs one query at a time.
  const people = await recipientsOf(
    q,
    centreId,
    items.map((i) => i.employeeId),
  );
  const name = await centreName(q, centreId);
  const mails = items.flatMap((n) => {
    const to = people.get(n.employeeId);
    return to?.active ? [{ ...notice(n, to, name, method), centreId }] : [];
  });
  await enqueueMails(q, mails);
  return mails.length;
}

/** Tells each employee of their appointment, with a calendar event and the referral number. */
export function notifyExamPlanned(q: Queryable, centreId: string, items: PlannedExamNotice[]) {
  return send(q, centreId, items, "REQUEST");
}

/** Tells each employee their appointment is called off, taking the event out of the calendar. */
export function notifyExamCancelled(q: Queryable, centreId: string, items: PlannedExamNotice[]) {
  return send(q, centreId, items, "CANCEL");
}
