// iCalendar (RFC 5545) for programme sessions: invitations and cancellations attached to mail
// (iTIP methods REQUEST and CANCEL, RFC 5546) and the personal calendar feed (no method). One
// event per session; its UID never changes, and its SEQUENCE is the session's, bumped on every
// change, so a calendar replaces the event instead of adding a second one. Support bookings
// reuse it with a UID and a link of their own (modules/support/booking-mail.ts).
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalLuxonDateTimeStub,
} from "ical-generator";
import { config } from "../../platform/config.ts";

export const TIME_ZONE = "Europe/Warsaw";

/** Europe/Warsaw as a VTIMEZONE: the EU's summer time rule, in force since 1996. */
const WARSAW_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Warsaw",
  "X-LIC-LOCATION:Europe/Warsaw",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

export type IcsSession = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  meetingUrl: string;
  sequence: number;
  cancelledAt: Date | null;
};

export type IcsActivity = {
  id: string;
  title: string;
  description: string;
  provider: string;
  format: "in_person" | "online" | "outdoor";
};

export type IcsEvent = {
  session: IcsSession;
  activity: IcsActivity;
  /** Waitlisted or awaiting approval: in the feed, but not yet certain. */
  tentative?: boolean;
  /** Another kind of event (a support booking): its own UID instead of the session's. */
  uid?: string;
  /** Its page, instead of the activity's. */
  link?: string;
};

export type IcsOptions = {
  /** REQUEST: add or update; CANCEL: remove; null: a subscribed feed. */
  method: "REQUEST" | "CANCEL" | null;
  events: IcsEvent[];
  /** The centre, as the events' organiser (iTIP requires one for REQUEST and CANCEL). */
  organizer: { name: string };
  /** The invited person (REQUEST and CANCEL). */
  attendee?: { name: string; email: string };
  /** The feed's name in calendar applications. */
  calendarName?: string;
  now?: Date;
};

/** Stable per session and independent of the address the installation is served at. */
export function sessionUid(sessionId: string): string {
  return `programme-session-${sessionId}@przystan`;
}

export function activityUrl(activityId: string): string {
  return `${config().baseUrl}/programme/${activityId}`;
}

/** The address mail is sent from, which is where replies to an invitation would go. */
function organizerEmail(): string {
  const from = config().MAIL_FROM;
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * An instant as ical-generator's Luxon-style date in Warsaw. Given a plain Date and a time
 * zone, the library formats it with the server process's own zone; this formats the wall
 * clock in Warsaw whatever zone the server runs in.
 */
function warsaw(d: Date): ICalLuxonDateTimeStub {
  const parts = Object.fromEntries(wallClock.formatToParts(d).map((p) => [p.type, p.value]));
  const stub: ICalLuxonDateTimeStub = {
    isValid: true,
    zone: { type: "iana" },
    setZone: () => stub,
    toJSDate: () => d,
    toJSON: () => d.toISOString(),
    toFormat: (fmt) => {
      if (fmt === "yyyyLLdd") return `${parts.year}${parts.month}${parts.day}`;
      if (fmt === "HHmmss") return `${parts.hour}${parts.minute}${parts.second}`;
      throw new Error(`unsupported date format ${fmt}`);
    },
  };
  return stub;
}

function eventDescription(e: IcsEvent): string {
  const lines = [e.activity.description.trim()];
  if (e.activity.provider) lines.push(e.activity.provider);
  lines.push(e.link ?? activityUrl(e.activity.id));
  return lines.filter(Boolean).join("\n\n");
}

/** The .ics text: CRLF line ends, lines folded at 75 octets, Warsaw times with a VTIMEZONE. */
export function buildIcs(o: IcsOptions): string {
  const cal = ical({
    prodId: { company: "Przystan", product: "Programme", language: "PL" },
    method:
      o.method === "REQUEST"
        ? ICalCalendarMethod.REQUEST
        : o.method === "CANCEL"
          ? ICalCalendarMethod.CANCEL
          : null,
    name: o.calendarName ?? null,
    // The time zone is given per event rather than to the calendar: a calendar-wide zone
    // would make the library write DTSTAMP as local time, which RFC 5545 requires in UTC.
    // With an empty name the library still emits the VTIMEZONE of the events' zone.
    timezone: { name: "", generator: (tz) => (tz === TIME_ZONE ? WARSAW_VTIMEZONE : null) },
  });
  if (o.calendarName) cal.x([["X-WR-TIMEZONE", TIME_ZONE]]);
  const stamp = o.now ?? new Date();
  for (const e of o.events) {
    const s = e.session;
    const cancelled = o.method === "CANCEL" || Boolean(s.cancelledAt);
    const online = e.activity.format === "online" && s.meetingUrl;
    cal.createEvent({
      id: e.uid ?? sessionUid(s.id),
      sequence: s.sequence,
      stamp,
      timezone: TIME_ZONE,
      start: warsaw(s.startsAt),
      end: warsaw(s.endsAt),
      summary: e.activity.title,
      description: eventDescription(e),
      location: s.place || (online ? s.meetingUrl : null),
      url: s.meetingUrl || e.link || activityUrl(e.activity.id),
      status: cancelled
        ? ICalEventStatus.CANCELLED
        : e.tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED,
      organizer: o.method ? { name: o.organizer.name, email: organizerEmail() } : null,
      attendees:
        o.method && o.attendee
          ? [
              {
                name: o.attendee.name,
                email: o.attendee.email,
                role: ICalAttendeeRole.REQ,
                status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
                rsvp: false,
              },
            ]
          : [],
    });
  }
  return cal.toString();
}

/** A file name without diacritics or punctuation, which every mail client keeps intact. */
export function icsFileName(title: string, suffix = ""): string {
  const base = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .toLowerCase();
  return `${base || "zajecia"}${suffix}.ics`;
}

export const ICS_CONTENT_TYPE = (method: IcsOptions["method"]) =>
  method ? `text/calendar; charset=utf-8; method=${method}` : "text/calendar; charset=utf-8";
