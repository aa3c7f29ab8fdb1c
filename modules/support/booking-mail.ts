// The mail a support booking sends: confirmation, cancellation and the day-before reminder to
// the employee, and a note of a new or cancelled meeting to the specialist when they have an
// account. Each carries the meeting as an iCalendar file (REQUEST, or CANCEL to take it out),
// and each is queued as confidential, so the administrators' mail log shows neither who it
// went to nor what it says. Queued inside the transaction that makes the change.
import { inArray } from "drizzle-orm";
import { config } from "../../platform/config.ts";
import type { Queryable } from "../../platform/db.ts";
import { formatDateTime, isLocale, type Locale, translator } from "../../platform/i18n.ts";
import type { MailAttachment, MailInput } from "../../platform/outbox.ts";
import { user } from "../access/schema.ts";
import { buildIcs, ICS_CONTENT_TYPE, icsFileName } from "../programme/ics.ts";
import { formatSessionWhen } from "../programme/session-text.ts";
import { kindKey, modeKey } from "./booking-labels.ts";
import type { SupportKind, SupportMode } from "./schema.ts";

export type BookingFacts = {
  id: string;
  centreId: string;
  kind: SupportKind;
  mode: SupportMode;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
};

export type SpecialistFacts = {
  name: string;
  title: string;
  meetingLink: string;
  place: string;
  userId: string | null;
};

export type Person = {
  firstName: string;
  lastName: string;
  email: string;
  locale: Locale | null;
};

export function kindLabel(kind: SupportKind, locale: Locale): string {
  return translator(locale)(kindKey(kind));
}

/** Stable per booking, so a calendar replaces or removes the event it added. */
export function bookingUid(id: string): string {
  return `support-booking-${id}@przystan`;
}

/** Where the meeting happens: the link for an online one, the place for one in person. */
export function whereOf(mode: SupportMode, sp: Pick<SpecialistFacts, "meetingLink" | "place">) {
  return mode === "online" ? sp.meetingLink : sp.place;
}

function ics(
  b: BookingFacts,
  sp: SpecialistFacts,
  to: Person,
  o: { method: "REQUEST" | "CANCEL"; title: string; link: string; organizer: string },
): MailAttachment {
  const where = whereOf(b.mode, sp);
  const content = buildIcs({
    method: o.method,
    organizer: { name: o.organizer },
    attendee: { name: `${to.firstName} ${to.lastName}`, email: to.email },
    events: [
      {
        uid: bookingUid(b.id),
        link: o.link,
        session: {
          id: b.id,
          startsAt: b.startsAt,
          endsAt: b.endsAt,
          place: b.mode === "in_person" ? where : "",
          meetingUrl: b.mode === "online" ? where : "",
          sequence: b.sequence,
          cancelledAt: o.method === "CANCEL" ? new Date() : null,
        },
        activity: {
          id: b.id,
          title: o.title,
          description: "",
          provider: "",
          format: b.mode === "online" ? "online" : "in_person",
        },
      },
    ],
  });
  return {
    fileName: icsFileName(o.title, o.method === "CANCEL" ? "-odwolane" : ""),
    contentType: ICS_CONTENT_TYPE(o.method),
    content,
  };
}

export type NoticeContext = {
  booking: BookingFacts;
  specialist: SpecialistFacts;
  employee: Person;
  centreName: string;
  /** The employee may cancel until then (confirmations and reminders). */
  cancelDeadline?: Date;
};

type EmployeeNotice = "booked" | "cancelled" | "cancelledBySpecialist" | "reminder";

const EMPLOYEE_TEMPLATE = {
  booked: "supportBooked",
  cancelled: "supportCancelled",
  cancelledBySpecialist: "supportCancelledBySpecialist",
  reminder: "supportReminder",
} as const satisfies Record<EmployeeNotice, MailInput["template"]>;

/** The employee's notice of their booking. */
export function employeeNotice(c: NoticeContext, kind: EmployeeNotice): MailInput {
  const locale = c.employee.locale ?? "pl";
  const kindText = kindLabel(c.booking.kind, locale);
  const link = `${config().baseUrl}/support/my`;
  const title = `${kindText} — ${c.specialist.name}`;
  const method = kind === "booked" || kind === "reminder" ? "REQUEST" : "CANCEL";
  const where = whereOf(c.booking.mode, c.specialist);
  return {
    centreId: c.booking.centreId,
    kind: `support-${kind}`,
    to: c.employee.email,
    template: EMPLOYEE_TEMPLATE[kind],
    locale,
    confidential: true,
    values: {
      name: c.employee.firstName,
      kind: kindText,
      specialist: c.specialist.title
        ? `${c.specialist.name} (${c.specialist.title})`
        : c.specialist.name,
      when: formatSessionWhen(c.booking),
      where: where || "—",
      deadline: c.cancelDeadline ? formatDateTime(c.cancelDeadline) : "—",
      centre: c.centreName,
      link,
    },
    attachments: [
      ics(c.booking, c.specialist, c.employee, { method, title, link, organizer: c.centreName }),
    ],
  };
}

/** The specialist's note of a meeting booked with them or cancelled (by the employee or anyone). */
export function specialistNotice(
  c: NoticeContext,
  to: Person,
  kind: "booked" | "cancelled",
): MailInput {
  const locale = to.locale ?? "pl";
  const kindText = kindLabel(c.booking.kind, locale);
  const link = `${config().baseUrl}/support/calendar`;
  const who = `${c.employee.firstName} ${c.employee.lastName}`;
  const method = kind === "booked" ? "REQUEST" : "CANCEL";
  return {
    centreId: c.booking.centreId,
    kind: `support-specialist-${kind}`,
    to: to.email,
    template: kind === "booked" ? "supportSpecialistBooked" : "supportSpecialistCancelled",
    locale,
    confidential: true,
    values: {
      name: to.firstName,
      kind: kindText,
      employee: who,
      when: formatSessionWhen(c.booking),
      mode: translator(locale)(modeKey(c.booking.mode)),
      centre: c.centreName,
      link,
    },
    attachments: [
      ics(c.booking, c.specialist, to, {
        method,
        title: `${kindText} — ${who}`,
        link,
        organizer: c.centreName,
      }),
    ],
  };
}

/** The crisis link's mail to the employee it was made for. */
export function crisisLinkNotice(o: {
  centreId: string;
  centreName: string;
  to: Person;
  url: string;
  expiresAt: Date;
}): MailInput {
  return {
    centreId: o.centreId,
    kind: "support-crisis-link",
    to: o.to.email,
    template: "supportCrisisLink",
    locale: o.to.locale ?? "pl",
    confidential: true,
    values: {
      name: o.to.firstName,
      link: o.url,
      expires: formatDateTime(o.expiresAt),
      centre: o.centreName,
    },
  };
}

/** Specialists' accounts as mail recipients, by user id. */
export async function accountsOf(q: Queryable, userIds: string[]): Promise<Map<string, Person>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await q
    .select({ id: user.id, name: user.name, email: user.email, locale: user.locale })
    .from(user)
    .where(inArray(user.id, ids));
  return new Map(
    rows.map((r) => {
      const [firstName, ...rest] = r.name.split(" ");
      return [
        r.id,
        {
          firstName: firstName || r.name,
          lastName: rest.join(" "),
          email: r.email,
          locale: isLocale(r.locale) ? r.locale : null,
        },
      ];
    }),
  );
}
