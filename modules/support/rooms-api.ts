// Rooms' /api/v1 operations: the list of rooms, one room's bookings of a day, booking a room
// and cancelling a booking. Thin: each calls a service, which checks the permission and the
// centre again. A time the room is taken answers 409 with the booking in the way (`busy`).
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { bookRoom, cancelRoomBooking, roomBookingFields } from "./room-bookings.ts";
import { roomDay } from "./room-day.ts";
import { listRooms, roomListQuery } from "./rooms.ts";

const TAG = "Rooms";
const uuid = z.string().uuid();
const instant = z.string().describe("ISO 8601 date-time");

const roomSchema = z.object({
  id: uuid,
  name: z.string(),
  description: z.string(),
  location: z.string(),
  capacity: z.number().int(),
  active: z.boolean(),
});

const bookingSchema = z.object({
  id: uuid,
  startsAt: instant,
  endsAt: instant,
  from: z.string().describe('"HH:MM" on the day asked for ("00:00" when it began the day before)'),
  to: z.string().describe('"HH:MM" on the day asked for ("24:00" when it runs on)'),
  purpose: z.string(),
  bookedByName: z.string(),
  mine: z.boolean(),
  canCancel: z.boolean(),
});

export const roomsApi = defineRoutes([
  {
    method: "get",
    path: "/rooms",
    summary:
      "List rooms with search (q), sorting and paging; inactive ones (status) only for those who keep the rooms",
    tag: TAG,
    permission: "rooms.book",
    query: roomListQuery,
    response: z.object({
      items: z.array(roomSchema),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    handler: async ({ actor, query }) => {
      const r = await listRooms(actor, query);
      return {
        items: r.rows.map((x) => roomSchema.parse(x)),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/rooms/{id}/bookings",
    summary: "A room's bookings of one Warsaw day (day=yyyy-mm-dd; today when left out)",
    tag: TAG,
    permission: "rooms.book",
    query: z.object({ day: z.string().optional().describe("yyyy-mm-dd") }),
    response: z.object({ room: roomSchema, day: z.string(), items: z.array(bookingSchema) }),
    handler: async ({ actor, params, query }) => {
      const r = await roomDay(actor, params.id, (query as { day?: string }).day);
      return {
        room: roomSchema.parse(r.room),
        day: r.day,
        items: r.bookings.map((b) =>
          bookingSchema.parse({
            ...b,
            startsAt: b.startsAt.toISOString(),
            endsAt: b.endsAt.toISOString(),
          }),
        ),
      };
    },
  },
  {
    method: "post",
    path: "/rooms/{id}/bookings",
    summary:
      "Book a room for a time on one day (Warsaw clock): oneself, or with employeeId a colleague with an account (those who keep the rooms; a key always names one). The end must follow the start; a time the room is taken is 409 with `busy` {from, to}.",
    tag: TAG,
    permission: "rooms.book",
    body: roomBookingFields,
    response: z.object({ id: uuid, startsAt: instant, endsAt: instant }),
    status: 201,
    handler: async ({ actor, params, body }) => {
      const r = await bookRoom(actor, params.id, body);
      return { id: r.id, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() };
    },
  },
  {
    method: "post",
    path: "/room-bookings/{id}/cancel",
    summary:
      "Cancel a booking that has not ended: one's own; those who keep the rooms any (the booker is told)",
    tag: TAG,
    permission: "rooms.book",
    response: z.object({ id: uuid, cancelled: z.literal(true) }),
    handler: async ({ actor, params }) => {
      const r = await cancelRoomBooking(actor, params.id);
      return { id: r.id, cancelled: true as const };
    },
  },
]);
