// Rooms at the service level, on PGlite and PostgreSQL: keeping the list (unique names, no
// switching off a room with bookings to come), booking with its refusals (end before start,
// the past, an overlap — refused in code and, for two requests at once or a write that skips
// the check, by the exclusion constraint), cancelling (one's own, or any by whoever keeps the
// rooms, who then tells the booker), the day view, deactivation and other centres.
import { and, eq } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { AppError, isExclusionViolation } from "../../platform/errors.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, warsawDay, warsawInstant } from "../../platform/warsaw-time.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { saveEmployee } from "../org/employees.ts";
import { employee } from "../org/schema.ts";
import { bookRoom, cancelRoomBooking } from "./room-bookings.ts";
import { roomDay, roomsOfDay } from "./room-day.ts";
import { getRoom, listRooms, saveRoom } from "./rooms.ts";
import { supportRoomBooking } from "./schema.ts";

const room = (o: Record<string, string> = {}) => ({
  name: "Pokój pierwszego kontaktu",
  description: "Cichy, wyciszony pokój na pierwsze rozmowy.",
  location: "parter, pokój 4",
  capacity: "3",
  active: "on",
  ...o,
});

describe.each(testDbKinds)("rooms (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employeeActor: Actor;
  let specialist: Actor;
  let admin: Actor;
  let otherCoordinator: Actor;
  const day = addDays(warsawDay(new Date()), 7);
  const slot = (from: string, to: string, purpose = "Rozmowa wstępna") => ({
    day,
    from,
    to,
    purpose,
  });

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    specialist = await actorFor(s.users.specialist.userId);
    admin = await actorFor(s.users.administrator.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
  });
  afterAll(async () => {
    await d?.drop();
  });

  it("keeps the list of rooms: unique names, capacity, only for those who keep it", async () => {
    const id = await saveRoom(coordinator, null, room());
    expect(await getRoom(employeeActor, id)).toMatchObject({ name: "Pokój pierwszego kontaktu" });
    const dup = await caught(saveRoom(admin, null, room({ capacity: "2" })));
    expect(dup.fieldErrors).toEqual({ name: "errors.duplicateName" });
    const bad = await caught(saveRoom(admin, null, room({ name: "", capacity: "0" })));
    expect(bad.fieldErrors).toEqual({ name: "errors.required", capacity: "errors.roomCapacity" });
    expect((await caught(saveRoom(employeeActor, null, room({ name: "X" })))).code).toBe(
      "forbidden",
    );
    await saveRoom(coordinator, null, room({ name: "Sala superwizji", location: "I piętro" }));
    const off = await saveRoom(
      coordinator,
      null,
      room({ name: "Sala wyłączona", active: "false" }),
    );
    const list = await listRooms(employeeActor, { q: "sala", status: "all" });
    // Those who book see active rooms only, whatever they ask for.
    expect(list.rows.map((r) => r.name)).toEqual(["Sala superwizji"]);
    const all = await listRooms(coordinator, { status: "all", sort: "name" });
    expect(all.rows.map((r) => r.name)).toEqual([
      "Pokój pierwszego kontaktu",
      "Sala superwizji",
      "Sala wyłączona",
    ]);
    expect((await caught(getRoom(employeeActor, off))).code).toBe("not_found");
  });

  it("books a room; refuses an end before the start, the past and an overlap", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala A" }));
    const first = await bookRoom(employeeActor, id, slot("10:00", "11:00"));
    expect(first.startsAt).toEqual(warsawInstant(day, "10:00"));

    const backwards = await caught(bookRoom(employeeActor, id, slot("12:00", "11:00")));
    expect(backwards.fieldErrors).toEqual({ to: "errors.roomEndBeforeStart" });
    const same = await caught(bookRoom(employeeActor, id, slot("12:00", "12:00")));
    expect(same.fieldErrors).toEqual({ to: "errors.roomEndBeforeStart" });
    const yesterday = await caught(
      bookRoom(employeeActor, id, {
        ...slot("10:00", "11:00"),
        day: addDays(warsawDay(new Date()), -1),
      }),
    );
    expect(yesterday.fieldErrors).toEqual({ day: "errors.roomPast" });
    const empty = await caught(
      bookRoom(employeeActor, id, { day: "", from: "9", to: "", purpose: "" }),
    );
    expect(empty.fieldErrors).toEqual({
      day: "errors.required",
      from: "errors.time",
      to: "errors.required",
      purpose: "errors.required",
    });

    // 10:30–11:30 overlaps 10:00–11:00; the message names the booking in the way.
    const busy = await caught(bookRoom(specialist, id, slot("10:30", "11:30")));
    expect(busy.code).toBe("conflict");
    expect(busy.fieldErrors).toEqual({ from: "errors.roomBusy" });
    expect(busy.extensions.busy).toEqual({ from: "10:00", to: "11:00" });
    const inside = await caught(bookRoom(specialist, id, slot("10:15", "10:45")));
    expect(inside.extensions.busy).toEqual({ from: "10:00", to: "11:00" });
    // Touching ends do not overlap.
    await bookRoom(specialist, id, slot("11:00", "12:00"));
    await bookRoom(specialist, id, slot("09:00", "10:00"));
    const live = await db()
      .select()
      .from(supportRoomBooking)
      .where(eq(supportRoomBooking.roomId, id));
    expect(live).toHaveLength(3);
  });

  it("refuses an overlap in the database itself, and two bookings at once get one room", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala B" }));
    await bookRoom(employeeActor, id, slot("13:00", "14:00"));
    // A write that skips the check in code meets the exclusion constraint.
    const err = await db()
      .insert(supportRoomBooking)
      .values({
        centreId: s.centre.id,
        roomId: id,
        bookedBy: specialist.userId,
        purpose: "Superwizja",
        startsAt: warsawInstant(day, "13:30")!,
        endsAt: warsawInstant(day, "14:30")!,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isExclusionViolation(err, "support_room_booking_no_overlap")).toBe(true);

    const results = await Promise.allSettled([
      bookRoom(employeeActor, id, slot("15:00", "16:00", "Spotkanie zespołu")),
      bookRoom(specialist, id, slot("15:30", "16:30", "Superwizja")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = (results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason;
    expect(lost).toBeInstanceOf(AppError);
    expect((lost as AppError).fieldErrors).toEqual({ from: "errors.roomBusy" });
    expect((lost as AppError).extensions.busy).toBeDefined();
    const view = await roomDay(employeeActor, id, day);
    expect(view.bookings.map((b) => `${b.from}–${b.to}`)).toHaveLength(2);
  });

  it("cancels: one's own, or any by whoever keeps the rooms (who tells the booker)", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala C" }));
    const mine = await bookRoom(employeeActor, id, slot("08:00", "09:00"));
    const theirs = await bookRoom(specialist, id, slot("09:00", "10:00", "Superwizja zespołu"));
    expect((await caught(cancelRoomBooking(employeeActor, theirs.id))).code).toBe("not_found");
    await cancelRoomBooking(employeeActor, mine.id);
    const again = await caught(cancelRoomBooking(employeeActor, mine.id));
    expect(again.fieldErrors).toEqual({ _form: "errors.roomBookingCancelled" });
    // The freed time can be booked again.
    await bookRoom(specialist, id, slot("08:00", "09:00", "Konsultacja"));

    await cancelRoomBooking(coordinator, theirs.id);
    const mail = await db()
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.toAddress, s.users.specialist.email),
          eq(mailOutbox.kind, "room-booking-cancelled"),
        ),
      );
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe(
      `Odwołano rezerwację sali: Sala C, ${day.split("-").reverse().join(".")}`,
    );
    expect(mail[0].textBody).toContain("Superwizja zespołu");

    const ended = await caught(
      cancelRoomBooking(
        specialist,
        (await bookRoom(specialist, id, slot("18:00", "19:00"))).id,
        new Date(warsawInstant(day, "19:30")!),
      ),
    );
    expect(ended.fieldErrors).toEqual({ _form: "errors.roomBookingEnded" });
  });

  it("shows a room's day with who booked and what for, and the rooms of a day", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala D" }));
    await bookRoom(specialist, id, slot("12:00", "13:30", "Superwizja"));
    await bookRoom(employeeActor, id, slot("09:00", "10:00", "Rozmowa wstępna"));
    const view = await roomDay(employeeActor, id, day);
    expect(view.previous).toBe(addDays(day, -1));
    expect(view.next).toBe(addDays(day, 1));
    expect(
      view.bookings.map((b) => [b.from, b.to, b.purpose, b.bookedByName, b.mine, b.canCancel]),
    ).toEqual([
      ["09:00", "10:00", "Rozmowa wstępna", "Test employee", true, true],
      ["12:00", "13:30", "Superwizja", "Test specialist", false, false],
    ]);
    const asManager = await roomDay(coordinator, id, day);
    expect(asManager.bookings.every((b) => b.canCancel)).toBe(true);
    const other = await roomDay(employeeActor, id, addDays(day, 1));
    expect(other.bookings).toEqual([]);
    // A day that is no calendar day is today.
    expect((await roomDay(employeeActor, id, "2026-13-40")).day).toBe(warsawDay(new Date()));
    const rooms = await roomsOfDay(employeeActor, { q: "Sala D", day });
    expect(rooms.rows).toHaveLength(1);
    expect(rooms.rows[0].bookings).toHaveLength(2);
  });

  it("will not switch off a room with bookings to come", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala E" }));
    await bookRoom(employeeActor, id, slot("10:00", "11:00"));
    const refused = await caught(
      saveRoom(coordinator, id, room({ name: "Sala E", active: "false" })),
    );
    expect(refused.fieldErrors).toEqual({ active: "errors.roomHasBookings" });
    expect(refused.extensions.bookings).toBe(1);
  });

  it("frees the rooms a deactivated employee booked for later", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala F" }));
    const booked = await bookRoom(specialist, id, slot("10:00", "11:00"));
    const [e] = await db()
      .select()
      .from(employee)
      .where(eq(employee.id, s.users.specialist.employeeId));
    await saveEmployee(admin, e.id, {
      firstName: e.firstName,
      lastName: e.lastName,
      email: e.email,
      employeeNumber: e.employeeNumber,
      unitId: e.unitId ?? "",
      positionId: e.positionId ?? "",
      active: false,
    });
    const [row] = await db()
      .select()
      .from(supportRoomBooking)
      .where(eq(supportRoomBooking.id, booked.id));
    expect(row.cancelledAt).not.toBeNull();
  });

  it("serves the API: rooms, a day's bookings, a refused overlap, other centres", async () => {
    const app = createApp({
      mode: "production",
      build: (): ServerBuild => {
        throw new Error("page requested in an API test");
      },
    });
    const key = (await createApiKey(admin, { name: "Klucz sal", role: "coordinator" })).key;
    const call = (method: string, path: string, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          "accept-language": "pl",
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const id = await saveRoom(coordinator, null, room({ name: "Sala API" }));
    const booked = await bookRoom(employeeActor, id, slot("10:00", "11:00", "Spotkanie zespołu"));

    const list = (await (await call("GET", "/rooms?q=API")).json()) as {
      items: { id: string }[];
      total: number;
    };
    expect(list.items.map((r) => r.id)).toEqual([id]);
    const dayRes = await call("GET", `/rooms/${id}/bookings?day=${day}`);
    expect(dayRes.status).toBe(200);
    const dayBody = (await dayRes.json()) as { items: Record<string, unknown>[] };
    expect(dayBody.items).toEqual([
      expect.objectContaining({
        id: booked.id,
        from: "10:00",
        to: "11:00",
        purpose: "Spotkanie zespołu",
        bookedByName: "Test employee",
      }),
    ]);
    // A key holds no room itself: it names the colleague it books for.
    const byKey = await call("POST", `/rooms/${id}/bookings`, slot("12:00", "13:00"));
    expect(byKey.status).toBe(422);
    const forColleague = await call("POST", `/rooms/${id}/bookings`, {
      ...slot("12:00", "13:00", "Rozmowa wstępna"),
      employeeId: s.users.manager.employeeId,
    });
    expect(forColleague.status).toBe(201);
    const theirs = await roomDay(await actorFor(s.users.manager.userId), id, day);
    expect(theirs.bookings.find((b) => b.from === "12:00")).toMatchObject({
      mine: true,
      bookedByName: "Test manager",
    });
    const noAccount = await call("POST", `/rooms/${id}/bookings`, {
      ...slot("14:00", "15:00"),
      employeeId: s.employeeInUnitB.id,
    });
    expect(((await noAccount.json()) as { errors: Record<string, string> }).errors).toEqual({
      employeeId:
        "Ta osoba nie ma konta w Przystani — salę można zarezerwować tylko dla osoby z kontem.",
    });
    // Someone who only books may not book for a colleague.
    const nominated = await caught(
      bookRoom(employeeActor, id, {
        ...slot("16:00", "17:00"),
        employeeId: s.users.manager.employeeId,
      }),
    );
    expect(nominated.code).toBe("forbidden");
    // The end before the start is the field's error.
    const backwards = await call("POST", `/rooms/${id}/bookings`, slot("13:00", "12:00"));
    expect(backwards.status).toBe(422);
    expect(((await backwards.json()) as { errors: Record<string, string> }).errors).toEqual({
      to: "Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.",
    });
    // The coordinator's key cancels anyone's booking; the booker is told.
    expect((await call("POST", `/room-bookings/${booked.id}/cancel`)).status).toBe(200);
    const otherRoom = await saveRoom(otherCoordinator, null, room({ name: "Sala obca" }));
    expect((await call("GET", `/rooms/${otherRoom}/bookings`)).status).toBe(404);
  });

  it("keeps centres apart", async () => {
    const id = await saveRoom(coordinator, null, room({ name: "Sala G" }));
    const b = await bookRoom(employeeActor, id, slot("10:00", "11:00"));
    expect((await caught(getRoom(otherCoordinator, id))).code).toBe("not_found");
    expect((await caught(bookRoom(otherCoordinator, id, slot("12:00", "13:00")))).code).toBe(
      "not_found",
    );
    expect((await caught(cancelRoomBooking(otherCoordinator, b.id))).code).toBe("not_found");
    expect((await caught(saveRoom(otherCoordinator, id, room({ name: "Przejęta" })))).code).toBe(
      "not_found",
    );
    expect((await listRooms(otherCoordinator, {})).rows.map((r) => r.id)).not.toContain(id);
  });
});
