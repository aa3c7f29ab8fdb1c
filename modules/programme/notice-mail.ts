// The mail an enrolment sends: confirmation, waitlist, approval, promotion, cancellation,
// change and reminder notices, in the person's language (their account's, else Polish), with
// the sessions as an iCalendar attachment wherever the person has a place. Notices are queued
// in the outbox inside the transaction that makes the change, so the change and its notice
// are committed together or not at all.
import { config } from "../../platform/config.ts";
import type { Queryable } from "../../platform/db.ts";
import { formatDate, formatDateTime, type Locale, translator } from "../../platform/i18n.ts";
import { enqueueMails, type MailAttachment, type MailInput } from "../../platform/outbox.ts";
import { cancelDeadline, firstSessionStart } from "./eligibility.ts";
import type { ActivityContext, Approver } from "./enrolment-common.ts";
import type { SessionRow } from "./find-activity.ts";
import { activityUrl, buildIcs, ICS_CONTENT_TYPE, type IcsOptions, icsFileName } from "./ics.ts";

/** Who a notice goes to. */
export type Recipient = {
  firstName: string;
  lastName: string;
  email: string;
  locale: Locale | null;
};

export type NoticeKind =
  | "confirmed"
  | "waitlisted"
  | "pending"
  | "approved"
  | "rejected"
  | "promoted"
  | "promotedPending"
  | "cancelled"
  | "activityCancelled"
  | "changed";

const TEMPLATE = {
  confirmed: "programmeConfirmed",
  waitlisted: "programmeWaitlisted",
  pending: "programmePending",
  approved: "programmeApproved",
  rejected: "programmeRejected",
  promoted: "programmePromoted",
  promotedPending: "programmePromotedPending",
  cancelled: "programmeCancelled",
  activityCancelled: "programmeActivityCancelled",
  changed: "programmeChanged",
} as const satisfies Record<NoticeKind, MailInput["template"]>;

/** Notices that put the sessions into the person's calendar, or take them out. */
const INVITES: readonly NoticeKind[] = ["confirmed", "approved", "promoted"];
const REMOVES: readonly NoticeKind[] = ["cancelled", "activityCancelled", "rejected"];

const live = (sessions: SessionRow[]) => sessions.filter((s) => !s.cancelledAt);

// Notices are rendered by the hundred (a rush, a change told to everyone), so the formatter
// is made once; the text is formatSessionWhen's.
const time = new Intl.DateTimeFormat("pl-PL", {
  timeZone: "Europe/Warsaw",
  hour: "2-digit",
  minute: "2-digit",
});

/** "12.03.2026, 09:00–13:00"; a session running past midnight names both days. */
function when(s: { startsAt: Date; endsAt: Date }): string {
  const [start, end] = [formatDate(s.startsAt), formatDate(s.endsAt)];
  const [from, to] = [time.format(s.startsAt), time.format(s.endsAt)];
  return start === end ? `${start}, ${from}–${to}` : `${start}, ${from} – ${end}, ${to}`;
}

/** One line per session: "• 15.01.2026, 09:00–15:00 — Sala 12" (an online one gives its link). */
export function sessionLines(sessions: SessionRow[], locale: Locale): string {
  const t = translator(locale);
  if (sessions.length === 0) return t("programme.notice.noSessions");
  return sessions
    .map((s) => {
      const where = s.place || s.meetingUrl;
      const line = `• ${when(s)}${where ? ` — ${where}` : ""}`;
      return s.cancelledAt ? `${line} (${t("programme.notice.sessionCancelled")})` : line;
    })
    .join("\n");
}

function ics(
  ctx: ActivityContext,
  to: Recipient,
  method: "REQUEST" | "CANCEL",
  sessions: SessionRow[],
  suffix = "",
): MailAttachment {
  const options: IcsOptions = {
    method,
    organizer: { name: ctx.centreName },
    attendee: { name: `${to.firstName} ${to.lastName}`, email: to.email },
    events: sessions.map((session) => ({ session, activity: ctx.activity })),
  };
  return {
    fileName: icsFileName(ctx.activity.title, suffix),
    contentType: ICS_CONTENT_TYPE(method),
    content: buildIcs(options),
  };
}

/** What every notice of an activity says, per language: made once per context. */
const shared = new WeakMap<ActivityContext, Map<Locale, { sessions: string; deadline: string }>>();

function common(ctx: ActivityContext, to: Recipient) {
  const locale = to.locale ?? "pl";
  let byLocale = shared.get(ctx);
  if (!byLocale) {
    byLocale = new Map();
    shared.set(ctx, byLocale);
  }
  let text = byLocale.get(locale);
  if (!text) {
    const deadline = cancelDeadline(
      firstSessionStart(ctx.sessions),
      ctx.activity.cancelDeadlineHours,
    );
    text = {
      sessions: sessionLines(live(ctx.sessions), locale),
      deadline: deadline ? formatDateTime(deadline) : "—",
    };
    byLocale.set(locale, text);
  }
  return {
    locale,
    values: {
      name: to.firstName,
      activity: ctx.activity.title,
      centre: ctx.centreName,
      link: activityUrl(ctx.activity.id),
      ...text,
    },
  };
}

/**
 * The notice of an enrolment's new state. `hadPlace`: the person had the sessions in their
 * calendar (a confirmed place), so a cancellation carries METHOD:CANCEL to take them out.
 */
export function enrolmentNotice(
  ctx: ActivityContext,
  to: Recipient,
  kind: NoticeKind,
  extra: { position?: number; hadPlace?: boolean } = {},
): MailInput {
  const { locale, values } = common(ctx, to);
  const attachments: MailAttachment[] = [];
  const current = live(ctx.sessions);
  if (INVITES.includes(kind) && current.length) {
    attachments.push(ics(ctx, to, "REQUEST", current));
  }
  if (REMOVES.includes(kind) && extra.hadPlace && ctx.sessions.length) {
    attachments.push(ics(ctx, to, "CANCEL", ctx.sessions, "-odwolane"));
  }
  if (kind === "changed" && extra.hadPlace) {
    if (current.length) attachments.push(ics(ctx, to, "REQUEST", current));
    const cancelled = ctx.sessions.filter((s) => s.cancelledAt);
    if (cancelled.length) attachments.push(ics(ctx, to, "CANCEL", cancelled, "-odwolane"));
  }
  return {
    centreId: ctx.centreId,
    kind: `programme-${kind}`,
    to: to.email,
    template: TEMPLATE[kind],
    locale,
    values: { ...values, position: extra.position ?? 0 },
    attachments,
  };
}

/** Tells a manager that a person of their unit asks for a place. */
export function approvalRequestNotice(
  ctx: ActivityContext,
  approver: Approver,
  person: Recipient,
): MailInput {
  const locale = approver.locale ?? "pl";
  return {
    centreId: ctx.centreId,
    kind: "programme-approval-request",
    to: approver.email,
    template: "programmeApprovalRequest",
    locale,
    values: {
      name: approver.firstName,
      employee: `${person.firstName} ${person.lastName}`,
      activity: ctx.activity.title,
      centre: ctx.centreName,
      sessions: sessionLines(live(ctx.sessions), locale),
      link: `${config().baseUrl}/programme/approvals`,
    },
  };
}

/** The day-before reminder of one session, with that session as an (unchanged) invitation. */
export function reminderNotice(
  ctx: ActivityContext,
  session: SessionRow,
  to: Recipient,
): MailInput {
  const { locale, values } = common(ctx, to);
  return {
    centreId: ctx.centreId,
    kind: "programme-reminder",
    to: to.email,
    template: "programmeReminder",
    locale,
    values: { ...values, sessions: sessionLines([session], locale) },
    attachments: [ics(ctx, to, "REQUEST", [session])],
  };
}

export async function sendNotices(q: Queryable, mails: MailInput[]): Promise<void> {
  await enqueueMails(q, mails);
}
