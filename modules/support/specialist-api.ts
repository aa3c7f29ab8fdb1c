// /api/v1 operations of the specialist's calendar and the coordinator's counts. Confidential:
// one booking is answered only to its employee and its specialist (404 to everyone else, with
// nothing of it in the answer); the counts carry no person. Thin: the services decide.

import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { monthPeriodQuery } from "../../platform/month-period.ts";
import { markOutcome, outcomeInput } from "./mark-outcome.ts";
import { SUPPORT_BOOKING_STATUSES, SUPPORT_KINDS, SUPPORT_MODES } from "./schema.ts";
import {
  bookingView,
  listSpecialistBookings,
  type SpecialistBooking,
  specialistBookingsQuery,
} from "./specialist-bookings.ts";
import { supportStats } from "./support-stats.ts";

const TAG = "Support: specialist calendar and counts";
const uuid = z.string().uuid();
const instant = z.string().describe("ISO 8601 date-time");

const person = z.object({ firstName: z.string(), lastName: z.string(), email: z.string() });

const specialistBooking = z.object({
  id: uuid,
  kind: z.enum(SUPPORT_KINDS),
  mode: z.enum(SUPPORT_MODES),
  startsAt: instant,
  endsAt: instant,
  status: z.enum(SUPPORT_BOOKING_STATUSES),
  crisis: z.boolean().describe("booked through a crisis link after an incident"),
  markable: z.boolean().describe("started and not cancelled: an outcome can be marked"),
  employee: person,
});

const bookingSchema = z.object({
  id: uuid,
  kind: z.enum(SUPPORT_KINDS),
  mode: z.enum(SUPPORT_MODES),
  startsAt: instant,
  endsAt: instant,
  status: z.enum(SUPPORT_BOOKING_STATUSES),
  crisis: z.boolean(),
  viewer: z.enum(["employee", "specialist"]).describe("how the caller relates to the booking"),
  specialist: z.object({
    name: z.string(),
    title: z.string(),
    meetingLink: z.string().describe("online meetings only"),
    place: z.string().describe("in-person meetings only"),
  }),
  employee: person.optional().describe("only to the booking's specialist"),
  markable: z.boolean(),
});

const counts = z.object({
  tookPlace: z.number().int(),
  noShow: z.number().int(),
  unmarked: z.number().int().describe("started, outcome not marked yet"),
  upcoming: z.number().int(),
  cancelled: z.number().int(),
  all: z.number().int(),
  minutesUsed: z.number().int().describe("took place or no-show"),
});

const statsSchema = z.object({
  from: z.string().describe("yyyy-mm-dd: the first day of the first month counted"),
  to: z.string().describe("yyyy-mm-dd: the last day of the last month counted"),
  totals: counts,
  byMonth: z.array(counts.extend({ month: z.string().describe("yyyy-mm") })),
  byKind: z.array(counts.extend({ kind: z.enum(SUPPORT_KINDS) })),
  bySpecialist: z.array(
    counts.extend({
      specialistId: uuid,
      name: z.string(),
      provider: z.string(),
      active: z.boolean(),
    }),
  ),
  contracts: z.array(
    z.object({
      id: uuid,
      specialistId: uuid,
      name: z.string(),
      periodStart: z.string().describe("yyyy-mm-dd"),
      periodEnd: z.string().describe("yyyy-mm-dd"),
      hours: z.number().int(),
      minutesUsed: z.number().int().describe("took place or no-show within the contract period"),
      minutesBooked: z.number().int().describe("still booked within the contract period"),
    }),
  ),
});

const isoOf = (b: { startsAt: Date; endsAt: Date }) => ({
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
});
const specialistRow = (b: SpecialistBooking) => ({ ...b, ...isoOf(b) });

export const specialistApi = defineRoutes([
  {
    method: "get",
    path: "/support/specialist/bookings",
    summary:
      "The signed-in specialist's own bookings, with each employee's name and e-mail (from/to are Warsaw days; when=upcoming|past; status; q searches the employee; sort=date|name; paging). Nobody else's.",
    tag: TAG,
    permission: "support.specialist",
    query: specialistBookingsQuery,
    response: z.object({
      items: z.array(specialistBooking),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    handler: async ({ actor, query }) => {
      const r = await listSpecialistBookings(actor, query);
      return {
        items: r.rows.map(specialistRow),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/support/bookings/{id}",
    summary:
      "One booking, to its employee or its specialist only (the specialist also gets the employee's name and e-mail); 404 to anyone else, whatever their role",
    tag: TAG,
    permission: "support.book",
    response: bookingSchema,
    handler: async ({ actor, params }) => {
      const b = await bookingView(actor, params.id);
      return { ...b, ...isoOf(b) };
    },
  },
  {
    method: "post",
    path: "/support/bookings/{id}/outcome",
    summary:
      "The booking's specialist marks a started meeting took_place or no_show (again to correct it); 404 to anyone but the booking's two parties, 403 to its employee, 409 before the start or for a cancelled booking",
    tag: TAG,
    permission: "support.book",
    body: outcomeInput,
    response: z.object({
      id: uuid,
      status: z.enum(["took_place", "no_show"]),
      changed: z.boolean(),
    }),
    handler: async ({ actor, params, body }) => markOutcome(actor, params.id, body),
  },
  {
    method: "get",
    path: "/support/stats",
    summary:
      "Counts of support bookings per month, kind and specialist, and hours used against each contract, for a period of whole months: from the first day of the month of `from` to the last day of the month of `to` (each a Warsaw day yyyy-mm-dd or a month yyyy-mm; the current year by default), so that no count covers a single day and names the one person who booked it. The answer's from/to are the period actually counted. Never a person.",
    tag: TAG,
    permission: "support.stats.view",
    query: monthPeriodQuery,
    response: statsSchema,
    handler: async ({ actor, query }) => supportStats(actor, query),
  },
]);
