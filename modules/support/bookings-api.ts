// /api/v1 operations of booking confidential support: free slots, booking (a slot of a
// specialist, or "first available"), one's own bookings, and cancelling. A booking of someone
// else is 404 to everyone but its employee and its specialist. Thin: the services decide.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { db } from "../../platform/db.ts";
import { isCalendarDay, warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { bookFields, bookSupport, parseSupportInput } from "./book.ts";
import { cancelSupportBooking } from "./cancel-booking.ts";
import { crisisLinkOf } from "./crisis-links.ts";
import { freeSlots } from "./free-slots.ts";
import { myBookings, myBookingsQuery } from "./my-bookings.ts";
import { SUPPORT_BOOKING_STATUSES, SUPPORT_KINDS, SUPPORT_MODES } from "./schema.ts";

const TAG = "Support: booking";
const uuid = z.string().uuid();
const instant = z.string().describe("ISO 8601 date-time");

export const slotsQuery = z.object({
  kind: z.enum(SUPPORT_KINDS, { error: "supportBook.error.kind" }),
  specialistId: uuid.optional().describe("absent: every specialist of the kind"),
  from: z
    .string()
    .refine(isCalendarDay, "supportBook.error.from")
    .optional()
    .describe("first Warsaw day, yyyy-mm-dd; today by default"),
  days: z.coerce
    .number()
    .int()
    .min(1, "supportBook.error.days")
    .max(56, "supportBook.error.days")
    .optional()
    .default(7),
  crisisToken: z
    .string()
    .optional()
    .describe(
      "a crisis link's token: with kind crisis, its holder also gets the reserved slots within 72 hours",
    ),
});

const slot = z.object({
  specialistId: uuid,
  startsAt: instant,
  endsAt: instant,
  modes: z.array(z.enum(SUPPORT_MODES)),
  crisis: z.boolean().describe("held back for crisis links"),
});

const myRow = z.object({
  id: uuid,
  kind: z.enum(SUPPORT_KINDS),
  mode: z.enum(SUPPORT_MODES),
  status: z.enum(SUPPORT_BOOKING_STATUSES),
  startsAt: instant,
  endsAt: instant,
  specialistId: uuid,
  specialistName: z.string(),
  specialistTitle: z.string(),
  where: z.string().describe("the meeting link (online) or the place (in person)"),
  crisis: z.boolean(),
  canCancel: z.boolean(),
  cancelUntil: instant.describe("the employee may cancel until then"),
});

const iso = (d: Date) => d.toISOString();

/** Free slots for the API: the same rules as the booking page. */
async function slotsFor(actor: Actor, input: unknown) {
  requirePermission(actor, "support.book");
  const f = parseSupportInput(slotsQuery, input ?? {});
  const crisis = f.crisisToken ? Boolean(await crisisLinkOf(actor, f.crisisToken)) : false;
  return freeSlots(db(), {
    centreId: actor.centreId,
    kind: f.kind,
    specialistId: f.specialistId,
    from: f.from ?? warsawDay(new Date()),
    days: f.days,
    crisis,
    employeeId: actor.employeeId,
  });
}

export const bookingsApi = defineRoutes([
  {
    method: "get",
    path: "/support/slots",
    summary:
      "Free slots of a kind of help (of one specialist, or of all), from a Warsaw day for up to 56 days: inside availability, not on absence days, at least an hour ahead, not overlapping a booking of the specialist or of the caller. Crisis-reserved slots only for kind crisis with a valid crisis link of the caller.",
    tag: TAG,
    permission: "support.book",
    query: slotsQuery,
    response: z.object({ items: z.array(slot) }),
    handler: async ({ actor, query }) => ({
      items: (await slotsFor(actor, query)).map((s) => ({
        ...s,
        startsAt: iso(s.startsAt),
        endsAt: iso(s.endsAt),
      })),
    }),
  },
  {
    method: "post",
    path: "/support/bookings",
    summary:
      "Book a slot for oneself: a specialist's slot starting at startsAt, or without specialistId the first free slot of the kind at or after startsAt. A slot just taken is 409 with reason slot_taken and up to five alternatives; a used-up package is 409 with reason package_limit, used and limit. A crisisToken is accepted only with kind crisis (422 on kind otherwise). Confirmation mails (with .ics) are confidential.",
    tag: TAG,
    permission: "support.book",
    body: bookFields,
    response: z.object({
      id: uuid,
      specialistId: uuid,
      kind: z.enum(SUPPORT_KINDS),
      mode: z.enum(SUPPORT_MODES),
      startsAt: instant,
      endsAt: instant,
    }),
    status: 201,
    handler: async ({ actor, body }) => {
      const b = await bookSupport(actor, body);
      return { ...b, startsAt: iso(b.startsAt), endsAt: iso(b.endsAt) };
    },
  },
  {
    method: "get",
    path: "/support/bookings",
    summary:
      "The caller's own bookings: every upcoming one, and past or cancelled ones newest first (20 a page). Never anyone else's.",
    tag: TAG,
    permission: "support.book",
    query: myBookingsQuery,
    response: z.object({
      upcoming: z.array(myRow),
      past: z.array(myRow),
      page: z.number().int(),
      hasNext: z.boolean(),
    }),
    handler: async ({ actor, query }) => {
      const r = await myBookings(actor, query);
      const row = (b: (typeof r.upcoming)[number]) =>
        myRow.parse({
          ...b,
          startsAt: iso(b.startsAt),
          endsAt: iso(b.endsAt),
          cancelUntil: iso(b.cancelUntil),
        });
      return {
        upcoming: r.upcoming.map(row),
        past: r.past.map(row),
        page: r.page,
        hasNext: r.hasNext,
      };
    },
  },
  {
    method: "post",
    path: "/support/bookings/{id}/cancel",
    summary:
      "Cancel a booking: its employee until the centre's deadline before it (409 with reason cancel_deadline and the deadline), its specialist any time while booked. 404 to anyone else.",
    tag: TAG,
    permission: "support.book",
    response: z.object({
      id: uuid,
      status: z.literal("cancelled"),
      by: z.enum(["employee", "specialist"]),
    }),
    handler: async ({ actor, params }) => cancelSupportBooking(actor, params.id),
  },
]);
