// The Health Day's /api/v1 operations: published days, a day's slots with the places left,
// booking a slot for oneself and giving it back. Thin: each calls a service, which checks the
// permission and the centre again. A full slot answers 409 with the nearest free slots.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { bookHealthDay, bookHealthDayBody, cancelHealthDayBooking } from "./book-health-day.ts";
import { healthDaySlots } from "./health-day-slots.ts";
import { listPublishedHealthDays } from "./health-days.ts";
import { HEALTH_DAY_STATUSES } from "./schema.ts";

const TAG = "Health Day";
const uuid = z.string().uuid();
const day = z.string().describe("yyyy-mm-dd");
const clock = z.string().describe('"HH:MM" on the Warsaw clock');

const healthDaySchema = z.object({
  id: uuid,
  title: z.string(),
  date: day,
  place: z.string(),
  description: z.string(),
  status: z.enum(HEALTH_DAY_STATUSES),
  stations: z.number().int(),
});

const slotSchema = z.object({
  time: clock,
  label: z.string().describe('"09:20–09:40"'),
  capacity: z.number().int(),
  taken: z.number().int(),
  left: z.number().int(),
  past: z.boolean().describe("started already: no longer bookable"),
});

const myBooking = z.object({
  id: uuid,
  stationId: uuid,
  stationName: z.string(),
  time: clock,
  label: z.string(),
  attended: z.boolean().nullable(),
});

const pickDay = (d: Record<string, unknown>) =>
  healthDaySchema.parse({ ...d, stations: d.stations ?? 0 });

export const healthDayApi = defineRoutes([
  {
    method: "get",
    path: "/health-days",
    summary:
      "Published Health Days: those to come (today included) soonest first, then those of the last 90 days, newest first (`past`)",
    tag: TAG,
    permission: "healthday.book",
    response: z.object({
      items: z.array(healthDaySchema.extend({ past: z.boolean().describe("the day is over") })),
    }),
    handler: async ({ actor }) => {
      const r = await listPublishedHealthDays(actor);
      return {
        items: [
          ...r.upcoming.map((d) => ({ ...pickDay(d), past: false })),
          ...r.past.map((d) => ({ ...pickDay(d), past: true })),
        ],
      };
    },
  },
  {
    method: "get",
    path: "/health-days/{id}/slots",
    summary:
      "A Health Day's stations with their slots and places left, and the caller's own bookings there (a draft is not found)",
    tag: TAG,
    permission: "healthday.book",
    response: z.object({
      day: healthDaySchema.omit({ stations: true }),
      open: z.boolean().describe("published: slots may be booked"),
      stations: z.array(
        z.object({
          id: uuid,
          name: z.string(),
          description: z.string(),
          from: clock,
          to: clock,
          slotMinutes: z.number().int(),
          capacity: z.number().int().describe("places per slot"),
          slots: z.array(slotSchema),
        }),
      ),
      myBookings: z.array(myBooking),
    }),
    handler: async ({ actor, params }) => {
      const r = await healthDaySlots(actor, params.id);
      return {
        day: healthDaySchema.omit({ stations: true }).parse(r.day),
        open: r.open,
        stations: r.stations.map(({ mine: _, slots, ...s }) => ({
          ...s,
          slots: slots.map((x) => slotSchema.parse(x)),
        })),
        myBookings: r.mine.map((b) => myBooking.parse(b)),
      };
    },
  },
  {
    method: "post",
    path: "/health-days/{id}/bookings",
    summary:
      "Book a slot at a station: oneself, or with employeeId a colleague (those who run Health Days; a key always names one). One per station and person, never two overlapping. A full slot is 409 with `freeSlots`, the nearest slots with places left.",
    tag: TAG,
    permission: "healthday.book",
    body: bookHealthDayBody,
    response: z.object({ id: uuid, stationId: uuid, time: clock }),
    status: 201,
    handler: async ({ actor, params, body }) => bookHealthDay(actor, params.id, body),
  },
  {
    method: "post",
    path: "/health-day-bookings/{id}/cancel",
    summary:
      "Give a booked slot back: one's own until the day starts; those who run Health Days any booking",
    tag: TAG,
    permission: "healthday.book",
    response: z.object({ id: uuid, cancelled: z.literal(true) }),
    handler: async ({ actor, params }) => {
      const r = await cancelHealthDayBooking(actor, params.id);
      return { id: r.id, cancelled: true as const };
    },
  },
]);
