import { config } from "../../platform/config.ts";
import type { Queryable } from "../../platform/db.ts";
import { formatDate } from "../../platform/i18n.ts";
import { enqueueMails, type MailAttachment, type MailInput } from "../../platform/outbox.ts";
import { minutesToTime, warsawInstant } from "../../platform/warsaw-time.ts";
import { type Recipient, recipientsOf } from "../org/mail-recipients.ts";
import { buildIcs, ICS_CONTENT_TYPE, icsFileName } from "../programme/ics.ts";
import { slotLabel } from "./health-day-rules.ts";
import type { healthDay, healthDayBooking, healthDayStation } from "./schema.ts";

type Day = Pick<typeof healthDay.$inferSelect, "id" | "title" | "date" | "place" | "centreId">;
type Station = Pick<
  typeof healthDayStation.$inferSelect,
  "id" | "name" | "description" | "slotMinutes"
>;
type Booking = Pick<
  typeof healthDayBooking.$inferSelect,
  "id" | "stationId" | "employeeId" | "startMinute"
>;

export function healthDayUrl(dayId: string): string {
  return `${config().baseUrl}/health-day/${dayId}`;
}

/** Stable per booking, so a calendar removes the very event the confirmation added. */
export function healthDayBookingUid(bookingId: string): string {
  return `health-day-booking-${bookingId}@przystan`;
}

/** The instants of a slot on the day's Warsaw clock. */
export function slotInstants(date: string, startMinute: number, slotMinutes: number) {
  const startsAt = warsawInstant(date, minutesToTime(startMinute))!;
  const end = startMinute + slotMinutes;
  // A slot ending at midnight ends at the next day's start.
  const endsAt =
    end >= 1440
      ? new Date(warsawInstant(date, "00:00")!.getTime() + 24 * 3_600_000)
      : warsawInstant(date, minutesToTime(end))!;
  return { startsAt, endsAt };
}

function ics(
  centreName: string,
  day: Day,
  station: Station,
  booking: Booking,
  to: Recipient,
  method: "REQUEST" | "CANCEL",
): MailAttachment {
  const { startsAt, endsAt } = slotInstants(day.date, booking.startMinute, station.slotMinutes);
  const content = buildIcs({
    method,
    organizer: { name: centreName },
    attendee: { name: `${to.firstName} ${to.lastName}`, email: to.email },
    events: [
      {
        uid: healthDayBookingUid(booking.id),
        link: healthDayUrl(day.id),
        session: {
          id: booking.id,
          startsAt,
          endsAt,
          place: day.place,
          meetingUrl: "",
          // The slot itself never moves (a change that would move it is refused), so the only
          // later version of the event is its cancellation.
          sequence: method === "CANCEL" ? 1 : 0,
          cancelledAt: method === "CANCEL" ? new Date() : null,
        },
        activity: {
          id: day.id,
          title: `${day.title}: ${station.name}`,
          description: station.description,
          provider: "",
          format: "in_person",
        },
      },
    ],
  });
  return {
    fileName: icsFileName(`${day.title} ${station.name}`, method === "CANCEL" ? "-odwolane" : ""),
    contentType: ICS_CONTENT_TYPE(method),
    content,
  };
}

type Kind = "booked" | "bookingCancelled" | "dayCancelled";
const TEMPLATE = {
  booked: "healthDayBooked",
  bookingCancelled: "healthDayBookingCancelled",
  dayCancelled: "healthDayCancelled",
} as const satisfies Record<Kind, MailInput["template"]>;

function notice(
  kind: Kind,
  centreName: string,
  day: Day,
  station: Station,
  booking: Booking,
  to: Recipient,
): MailInput {
  return {
    centreId: day.centreId,
    kind: `health-day-${kind}`,
    to: to.email,
    template: TEMPLATE[kind],
    locale: to.locale ?? "pl",
    values: {
      name: to.firstName,
      title: day.title,
      station: station.name,
      date: formatDate(day.date),
      time: slotLabel(booking.startMinute, station.slotMinutes),
      place: day.place || "—",
      centre: centreName,
      link: healthDayUrl(day.id),
    },
    attachments: [
      ics(centreName, day, station, booking, to, kind === "booked" ? "REQUEST" : "CANCEL"),
    ],
    // Like every mail of the health module: the administrators' mail log does not show who
    // booked which station (a psychologist's, a dietitian's).
    confidential: true,
  };
}

/** Queues the notices of bookings of one day (each with its station) to their people. */
export async function queueHealthDayNotices(
  q: Queryable,
  kind: Kind,
  centreName: string,
  day: Day,
  items: { station: Station; booking: Booking }[],
): Promise<void> {
  const people = await recipientsOf(
    q,
    day.centreId,
    items.map((i) => i.booking.employeeId),
  );
  const mails: MailInput[] = [];
  for (const { station, booking } of items) {
    const to = people.get(booking.employeeId);
    if (to) mails.push(notice(kind, centreName, day, station, booking, to));
  }
  await enqueueMails(q, mails);
}

/** The whole day called off: everyone who was booked is told. */
export async function healthDayCancelledNotices(
  q: Queryable,
  centreName: string,
  day: Day,
  stations: Station[],
  bookings: Booking[],
): Promise<void> {
  const byId = new Map(stations.map((s) => [s.id, s]));
  await queueHealthDayNotices(
    q,
    "dayCancelled",
    centreName,
    day,
    bookings.flatMap((b) => {
      const station = byId.get(b.stationId);
      return station ? [{ station, booking: b }] : [];
    }),
  );
}
