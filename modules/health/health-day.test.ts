// The Health Day at the service level, on PGlite and PostgreSQL: preparing a day and its
// stations (with the refusals of bad input), publishing, booking a slot (one per station, no
// overlaps — also when one person books several stations at once —, the last place taken by
// two people at once, a full slot with the nearest free
// ones), the .ics of the notices, changes to a station that would drop a booking, giving a
// place back, attendance, the counts, calling the day off, deactivation and other centres.
import { and, asc, eq, inArray } from "drizzle-orm";
import ICAL from "ical.js";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { auditLog, mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, warsawDay, warsawInstant } from "../../platform/warsaw-time.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { saveEmployee } from "../org/employees.ts";
import { employee } from "../org/schema.ts";
import { seedStaff } from "../programme/enrol-test-fixtures.ts";
import {
  bookHealthDay,
  cancelHealthDayBooking,
  type FreeSlot,
  myHealthDayBookings,
} from "./book-health-day.ts";
import { markHealthDayAttendance, stationAttendance } from "./health-day-attendance.ts";
import { healthDaySlots } from "./health-day-slots.ts";
import { healthDayStats } from "./health-day-stats.ts";
import {
  cancelHealthDay,
  createHealthDay,
  listHealthDays,
  listPublishedHealthDays,
  publishHealthDay,
  removeStation,
  saveStation,
  updateHealthDay,
} from "./health-days.ts";
import { healthDayBooking, healthDaySlot } from "./schema.ts";

const station = (o: Record<string, string | number> = {}) => ({
  name: "Pomiar ciśnienia",
  description: "Pielęgniarka mierzy ciśnienie tętnicze.",
  from: "09:00",
  to: "10:00",
  slotMinutes: "20",
  capacity: "2",
  ...o,
});

describe.each(testDbKinds)("Health Day (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let health: Actor;
  let employeeActor: Actor;
  let manager: Actor;
  let admin: Actor;
  let otherCoordinator: Actor;
  let staff: string[];
  const inDays = (n: number) => addDays(warsawDay(new Date()), n);
  const as = (employeeId: string): Actor => ({ ...employeeActor, employeeId });

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    health = await actorFor(s.users.health.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    manager = await actorFor(s.users.manager.userId);
    admin = await actorFor(s.users.administrator.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    staff = await seedStaff(db(), s.centre.id, {
      n: 40,
      prefix: "HD",
      unitId: s.unitA.id,
      positionId: s.position.id,
    });
  });
  afterAll(async () => {
    await d?.drop();
  });

  /** A published day in `days` days with the given stations; their ids in order. */
  async function publishedDay(stations = [station()], days = 10) {
    const id = await createHealthDay(coordinator, {
      title: "Dzień Zdrowia — wiosna",
      date: inDays(days),
      place: "Sala konferencyjna, ul. Powstańców 25",
    });
    const ids: string[] = [];
    for (const st of stations) ids.push(await saveStation(coordinator, id, null, st));
    await publishHealthDay(coordinator, id);
    return { id, stations: ids };
  }

  const takenAt = async (stationId: string, startMinute: number) =>
    (
      await db()
        .select()
        .from(healthDaySlot)
        .where(
          and(eq(healthDaySlot.stationId, stationId), eq(healthDaySlot.startMinute, startMinute)),
        )
    )[0]?.taken ?? 0;

  async function mailsTo(email: string, subject: string) {
    const rows = await db()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(asc(mailOutbox.createdAt));
    const mine = rows.filter((r) => r.subject.includes(subject));
    const files = mine.length
      ? await db()
          .select()
          .from(mailAttachment)
          .where(
            inArray(
              mailAttachment.mailId,
              mine.map((m) => m.id),
            ),
          )
      : [];
    return mine.map((m) => ({ ...m, files: files.filter((f) => f.mailId === m.id) }));
  }
  const emailOf = async (id: string) =>
    (await db().select().from(employee).where(eq(employee.id, id)))[0].email;
  const icsOf = (content: string) => new ICAL.Component(ICAL.parse(content));

  it("refuses a day in the past, bad stations, and publishing without a station", async () => {
    const past = await caught(createHealthDay(coordinator, { title: "Wczoraj", date: inDays(-1) }));
    expect(past.fieldErrors).toEqual({ date: "errors.healthDayPast" });
    const empty = await caught(createHealthDay(coordinator, { title: " ", date: "2026-02-30" }));
    expect(empty.fieldErrors).toEqual({ title: "errors.required", date: "errors.date" });
    // Only those who run Health Days prepare them.
    expect(
      (await caught(createHealthDay(employeeActor, { title: "X", date: inDays(3) }))).code,
    ).toBe("forbidden");

    const id = await createHealthDay(health, { title: "Dzień Zdrowia — jesień", date: inDays(5) });
    const before = await caught(
      saveStation(coordinator, id, null, station({ from: "10:00", to: "09:00" })),
    );
    expect(before.fieldErrors).toEqual({ to: "errors.healthDayStationEnd" });
    const long = await caught(saveStation(coordinator, id, null, station({ to: "09:15" })));
    expect(long.fieldErrors).toEqual({ slotMinutes: "errors.healthDaySlotTooLong" });
    const bad = await caught(
      saveStation(coordinator, id, null, station({ from: "9", slotMinutes: "4", capacity: "0" })),
    );
    expect(bad.fieldErrors).toEqual({
      from: "errors.time",
      slotMinutes: "errors.healthDaySlotMinutes",
      capacity: "errors.healthDayCapacity",
    });

    const unpublished = await caught(publishHealthDay(coordinator, id));
    expect(unpublished.fieldErrors).toEqual({ _form: "errors.healthDayNoStations" });
    // A draft is not there for those who book.
    expect((await caught(healthDaySlots(employeeActor, id))).code).toBe("not_found");
    expect(
      (await caught(bookHealthDay(employeeActor, id, { stationId: id, time: "09:00" }))).code,
    ).toBe("not_found");
  });

  it("publishes a day whose stations offer slots, and lists it", async () => {
    const day = await publishedDay([
      station(),
      station({ name: "Dietetyk", from: "09:00", to: "11:00", slotMinutes: "30", capacity: "1" }),
    ]);
    const view = await healthDaySlots(employeeActor, day.id);
    expect(view.open).toBe(true);
    expect(view.stations.map((st) => st.slots.map((x) => x.label))).toEqual([
      ["09:00–09:20", "09:20–09:40", "09:40–10:00"],
      ["09:00–09:30", "09:30–10:00", "10:00–10:30", "10:30–11:00"],
    ]);
    expect(view.stations[0].slots[0]).toMatchObject({
      capacity: 2,
      taken: 0,
      left: 2,
      past: false,
    });
    const published = await listPublishedHealthDays(employeeActor);
    expect(published.upcoming.map((x) => x.id)).toContain(day.id);
    const managed = await listHealthDays(coordinator, { q: "wiosna", status: "published" });
    expect(managed.rows.map((x) => x.id)).toContain(day.id);
    expect(managed.rows.find((x) => x.id === day.id)).toMatchObject({ stations: 2, booked: 0 });
    // Others who do not run Health Days do not list them.
    expect((await caught(listHealthDays(manager, {}))).code).toBe("forbidden");
  });

  it("books a slot with a confirmation and its .ics; one per station, never overlapping", async () => {
    const day = await publishedDay([
      station(),
      station({ name: "Dietetyk", from: "09:10", to: "10:10", slotMinutes: "30", capacity: "3" }),
    ]);
    const [pressure, diet] = day.stations;
    const me = staff[0];
    const r = await bookHealthDay(as(me), day.id, { stationId: pressure, time: "09:20" });
    expect(r).toMatchObject({ stationId: pressure, time: "09:20" });
    expect(await takenAt(pressure, 560)).toBe(1);

    const [mail] = await mailsTo(await emailOf(me), "Dzień Zdrowia: Pomiar ciśnienia");
    expect(mail.subject).toContain("09:20–09:40");
    // The administrators' mail log does not show who booked which station.
    expect(mail.confidential).toBe(true);
    expect(mail.files).toHaveLength(1);
    const cal = icsOf(mail.files[0].content);
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    const ev = cal.getFirstSubcomponent("vevent")!;
    expect(ev.getFirstPropertyValue("uid")).toBe(`health-day-booking-${r.id}@przystan`);
    expect(ev.getFirstPropertyValue("summary")).toBe("Dzień Zdrowia — wiosna: Pomiar ciśnienia");
    const start = ev.getFirstProperty("dtstart")!;
    expect(start.getParameter("tzid")).toBe("Europe/Warsaw");
    expect(String(start.getFirstValue())).toBe(`${inDays(10)}T09:20:00`);

    const twice = await caught(
      bookHealthDay(as(me), day.id, { stationId: pressure, time: "09:40" }),
    );
    expect(twice.fieldErrors).toEqual({ stationId: "errors.healthDayAlreadyBooked" });
    expect(twice.extensions.bookedTime).toBe("09:20");
    // 09:10–09:40 at the dietitian overlaps 09:20–09:40.
    const overlap = await caught(bookHealthDay(as(me), day.id, { stationId: diet, time: "09:10" }));
    expect(overlap.fieldErrors).toEqual({ time: "errors.healthDayOverlap" });
    expect(overlap.extensions).toMatchObject({ station: "Pomiar ciśnienia", slot: "09:20–09:40" });
    await bookHealthDay(as(me), day.id, { stationId: diet, time: "09:40" });

    const noSlot = await caught(
      bookHealthDay(as(staff[1]), day.id, { stationId: pressure, time: "09:30" }),
    );
    expect(noSlot.fieldErrors).toEqual({ time: "errors.healthDayNoSuchSlot" });
    const noStation = await caught(
      bookHealthDay(as(staff[1]), day.id, { stationId: day.id, time: "09:00" }),
    );
    expect(noStation.fieldErrors).toEqual({ stationId: "errors.healthDayChooseSlot" });
    const empty = await caught(
      bookHealthDay(as(staff[1]), day.id, { stationId: pressure, time: "" }),
    );
    expect(empty.fieldErrors).toEqual({ time: "errors.healthDayChooseSlot" });
    const late = await caught(
      bookHealthDay(
        as(staff[1]),
        day.id,
        { stationId: pressure, time: "09:00" },
        new Date(warsawInstant(inDays(10), "09:05")!),
      ),
    );
    expect(late.fieldErrors).toEqual({ time: "errors.healthDaySlotPast" });
    // An account without an employee record (an integration key) cannot hold a place.
    const keyless = await caught(
      bookHealthDay({ ...coordinator, employeeId: null }, day.id, {
        stationId: pressure,
        time: "09:00",
      }),
    );
    expect(keyless.fieldErrors).toEqual({ _form: "errors.healthDayNoEmployee" });

    const mine = await myHealthDayBookings(as(me));
    expect(mine.filter((b) => b.healthDayId === day.id).map((b) => b.label)).toEqual([
      "09:20–09:40",
      "09:40–10:10",
    ]);
    // The log says a booking was made on the day; not whose, nor at which station (the
    // administrators read it, and the notices are confidential).
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, day.id), eq(auditLog.action, "health_day.booking.create")));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ entityType: "health_day", details: { nominated: false } });
    for (const a of audit) {
      expect(JSON.stringify(a.details)).not.toMatch(new RegExp(`${me}|${pressure}|${diet}`));
    }
    expect(await db().select().from(auditLog).where(eq(auditLog.entityId, r.id))).toHaveLength(0);
  });

  it("lets one of several overlapping bookings of a person made at once through", async () => {
    // Four stations at the same hours: any two bookings of one person overlap.
    const names = ["Ciśnienie", "Dietetyk", "Fizjoterapeuta", "Wzrok"];
    const day = await publishedDay(names.map((name) => station({ name, capacity: "10" })));
    const people = staff.slice(20, 25);
    // Everyone tries every station at 09:00 at once (a double click, several tabs).
    const results = await Promise.allSettled(
      people.flatMap((p) =>
        day.stations.map((st) => bookHealthDay(as(p), day.id, { stationId: st, time: "09:00" })),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(people.length);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect(((r as PromiseRejectedResult).reason as AppError).fieldErrors).toEqual({
        time: "errors.healthDayOverlap",
      });
    }
    const live = await db()
      .select()
      .from(healthDayBooking)
      .where(inArray(healthDayBooking.stationId, day.stations));
    expect(live.map((b) => b.employeeId).sort()).toEqual([...people].sort());
    let taken = 0;
    for (const st of day.stations) taken += await takenAt(st, 540);
    expect(taken).toBe(people.length);
  });

  it("gives the last place to exactly one of two people booking at once", async () => {
    const day = await publishedDay([station({ capacity: "1" })]);
    const [st] = day.stations;
    const results = await Promise.allSettled([
      bookHealthDay(as(staff[2]), day.id, { stationId: st, time: "09:00" }),
      bookHealthDay(as(staff[3]), day.id, { stationId: st, time: "09:00" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const err = (lost[0] as PromiseRejectedResult).reason as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("conflict");
    expect(err.fieldErrors).toEqual({ time: "errors.healthDaySlotFull" });
    // The nearest free slots of the station, nearest first.
    expect((err.extensions.freeSlots as FreeSlot[]).map((f) => f.time)).toEqual(["09:20", "09:40"]);
    expect(await takenAt(st, 540)).toBe(1);
    const live = await db()
      .select()
      .from(healthDayBooking)
      .where(eq(healthDayBooking.stationId, st));
    expect(live).toHaveLength(1);
  });

  it("never over-books a slot when many people book at once", async () => {
    const day = await publishedDay([station({ capacity: "3" })]);
    const [st] = day.stations;
    const people = staff.slice(10, 40);
    const results = await Promise.allSettled(
      people.map((p) => bookHealthDay(as(p), day.id, { stationId: st, time: "09:40" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect(((r as PromiseRejectedResult).reason as AppError).fieldErrors).toEqual({
        time: "errors.healthDaySlotFull",
      });
    }
    expect(await takenAt(st, 580)).toBe(3);
    // The row's CHECK holds the capacity whatever the code does.
    await expect(
      db()
        .update(healthDaySlot)
        .set({ taken: 4 })
        .where(and(eq(healthDaySlot.stationId, st), eq(healthDaySlot.startMinute, 580))),
    ).rejects.toThrow();
  });

  it("refuses station changes that would drop a booking, and applies the others", async () => {
    const day = await publishedDay([station({ capacity: "3" })]);
    const [st] = day.stations;
    await bookHealthDay(as(staff[4]), day.id, { stationId: st, time: "09:20" });
    await bookHealthDay(as(staff[5]), day.id, { stationId: st, time: "09:20" });

    const smaller = await caught(saveStation(coordinator, day.id, st, station({ capacity: "1" })));
    expect(smaller.fieldErrors).toEqual({ capacity: "errors.healthDayCapacityBelowBooked" });
    expect(smaller.extensions).toMatchObject({ slot: "09:20", booked: 2 });
    // 15-minute slots would start at 09:15 and 09:30: the 09:20 slot would be gone.
    const moved = await caught(
      saveStation(coordinator, day.id, st, station({ slotMinutes: "15", capacity: "3" })),
    );
    expect(moved.fieldErrors).toEqual({ from: "errors.healthDaySlotBooked" });
    expect(moved.extensions).toMatchObject({ slot: "09:20", booked: 2 });
    const later = await caught(
      saveStation(coordinator, day.id, st, station({ from: "09:30", to: "11:00", capacity: "3" })),
    );
    expect(later.fieldErrors).toEqual({ from: "errors.healthDaySlotBooked" });
    expect(await takenAt(st, 560)).toBe(2);

    // Longer hours and two places keep the booked slot; the slot rows take the capacity.
    await saveStation(coordinator, day.id, st, station({ to: "11:00", capacity: "2" }));
    const view = await healthDaySlots(employeeActor, day.id);
    expect(view.stations[0].slots).toHaveLength(6);
    expect(view.stations[0].slots[1]).toMatchObject({
      time: "09:20",
      capacity: 2,
      taken: 2,
      left: 0,
    });
    const [slotRow] = await db()
      .select()
      .from(healthDaySlot)
      .where(and(eq(healthDaySlot.stationId, st), eq(healthDaySlot.startMinute, 560)));
    expect(slotRow.capacity).toBe(2);

    const removal = await caught(removeStation(coordinator, day.id, st));
    expect(removal.fieldErrors).toEqual({ _form: "errors.healthDayStationBooked" });
    expect(removal.extensions.booked).toBe(2);
    const moveDay = await caught(
      updateHealthDay(coordinator, day.id, { title: "Nowy termin", date: inDays(12) }),
    );
    expect(moveDay.fieldErrors).toEqual({ date: "errors.healthDayDateBooked" });
    // A new title on the same date is fine.
    await updateHealthDay(coordinator, day.id, { title: "Dzień Zdrowia — lato", date: inDays(10) });
    expect((await healthDaySlots(employeeActor, day.id)).day.title).toBe("Dzień Zdrowia — lato");
  });

  it("gives a place back until the day starts; the organiser may cancel any booking", async () => {
    const day = await publishedDay([station({ capacity: "1" })], 3);
    const [st] = day.stations;
    const mine = await bookHealthDay(as(staff[6]), day.id, { stationId: st, time: "09:00" });
    const theirs = await bookHealthDay(as(staff[7]), day.id, { stationId: st, time: "09:20" });

    // Someone else's booking does not exist for an employee.
    expect((await caught(cancelHealthDayBooking(as(staff[8]), mine.id))).code).toBe("not_found");
    const dayStart = warsawInstant(inDays(3), "00:00")!;
    const tooLate = await caught(
      cancelHealthDayBooking(as(staff[6]), mine.id, new Date(dayStart.getTime() + 60_000)),
    );
    expect(tooLate.fieldErrors).toEqual({ _form: "errors.healthDayCancelTooLate" });

    await cancelHealthDayBooking(as(staff[6]), mine.id);
    expect(await takenAt(st, 540)).toBe(0);
    const [cancelMail] = await mailsTo(await emailOf(staff[6]), "Anulowano zapis");
    expect(icsOf(cancelMail.files[0].content).getFirstPropertyValue("method")).toBe("CANCEL");
    const again = await caught(cancelHealthDayBooking(as(staff[6]), mine.id));
    expect(again.fieldErrors).toEqual({ _form: "errors.healthDayBookingCancelled" });
    // The freed place can be taken again.
    await bookHealthDay(as(staff[8]), day.id, { stationId: st, time: "09:00" });

    // The organiser cancels another person's booking even on the day.
    await cancelHealthDayBooking(health, theirs.id, new Date(dayStart.getTime() + 3_600_000));
    expect(await takenAt(st, 560)).toBe(0);
  });

  it("marks attendance from the day on and counts per station", async () => {
    const day = await publishedDay([station(), station({ name: "Skład ciała", capacity: "1" })], 2);
    const [pressure, body] = day.stations;
    const a = await bookHealthDay(as(staff[9]), day.id, { stationId: pressure, time: "09:00" });
    const b = await bookHealthDay(as(staff[10]), day.id, { stationId: pressure, time: "09:00" });
    await bookHealthDay(as(staff[9]), day.id, { stationId: body, time: "09:40" });

    const early = await caught(
      markHealthDayAttendance(coordinator, day.id, pressure, { [`present-${a.id}`]: "yes" }),
    );
    expect(early.fieldErrors).toEqual({ _form: "errors.healthDayAttendanceTooEarly" });
    const onTheDay = warsawInstant(inDays(2), "12:00")!;
    const list = await stationAttendance(coordinator, day.id, pressure, onTheDay);
    expect(list.open).toBe(true);
    expect(list.rows.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    const stranger = await caught(
      markHealthDayAttendance(coordinator, day.id, body, { [`present-${a.id}`]: "yes" }, onTheDay),
    );
    expect(stranger.fieldErrors).toEqual({ _form: "errors.healthDayNotBooked" });
    expect(
      await markHealthDayAttendance(
        coordinator,
        day.id,
        pressure,
        { [`present-${a.id}`]: "yes", [`present-${b.id}`]: "no" },
        onTheDay,
      ),
    ).toBe(2);

    const stats = await healthDayStats(health, day.id);
    expect(stats.rows).toEqual([
      expect.objectContaining({
        name: "Pomiar ciśnienia",
        slots: 3,
        places: 6,
        booked: 2,
        attended: 1,
        absent: 1,
        free: 4,
      }),
      expect.objectContaining({
        name: "Skład ciała",
        slots: 3,
        places: 3,
        booked: 1,
        attended: 0,
        absent: 0,
        free: 2,
      }),
    ]);
    expect(stats.total).toMatchObject({ places: 9, booked: 3, people: 2 });
    expect((await caught(healthDayStats(manager, day.id))).code).toBe("forbidden");
  });

  it("calls a day off: bookings cancelled, places given back, people told", async () => {
    const day = await publishedDay([station()]);
    const [st] = day.stations;
    await bookHealthDay(as(staff[11]), day.id, { stationId: st, time: "09:00" });
    expect(await cancelHealthDay(coordinator, day.id)).toBe(1);
    expect(await takenAt(st, 540)).toBe(0);
    const [mail] = await mailsTo(await emailOf(staff[11]), "Dzień Zdrowia odwołany");
    expect(icsOf(mail.files[0].content).getFirstPropertyValue("method")).toBe("CANCEL");
    const closed = await caught(
      bookHealthDay(as(staff[12]), day.id, { stationId: st, time: "09:20" }),
    );
    expect(closed.fieldErrors).toEqual({ _form: "errors.healthDayCancelled" });
    const edit = await caught(saveStation(coordinator, day.id, st, station()));
    expect(edit.fieldErrors).toEqual({ _form: "errors.healthDayCancelled" });
  });

  it("cancels the future bookings of a deactivated employee", async () => {
    const day = await publishedDay([station()]);
    const [st] = day.stations;
    const leaving = staff[13];
    await bookHealthDay(as(leaving), day.id, { stationId: st, time: "09:00" });
    const cancelsLogged = async () =>
      (await db().select().from(auditLog).where(eq(auditLog.action, "health_day.booking.cancel")))
        .length;
    const before = await cancelsLogged();
    const [e] = await db().select().from(employee).where(eq(employee.id, leaving));
    await saveEmployee(admin, leaving, {
      firstName: e.firstName,
      lastName: e.lastName,
      email: e.email,
      employeeNumber: e.employeeNumber,
      unitId: e.unitId ?? "",
      positionId: e.positionId ?? "",
      active: false,
    });
    const rows = await db()
      .select()
      .from(healthDayBooking)
      .where(eq(healthDayBooking.employeeId, leaving));
    expect(rows.every((r) => r.cancelledAt !== null)).toBe(true);
    expect(await takenAt(st, 540)).toBe(0);
    // Nothing in the log beside the deactivation tells the administrator what was booked.
    expect(await cancelsLogged()).toBe(before);
  });

  it("serves the API: days, slots, a refusal to book for a key, other centres", async () => {
    const app = createApp({
      mode: "production",
      build: (): ServerBuild => {
        throw new Error("page requested in an API test");
      },
    });
    const key = (await createApiKey(admin, { name: "Klucz Dnia Zdrowia", role: "coordinator" }))
      .key;
    const call = (method: string, path: string, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
    const day = await publishedDay([station()]);
    const [st] = day.stations;
    await bookHealthDay(as(staff[15]), day.id, { stationId: st, time: "09:00" });

    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-permission"?: string }>>;
    };
    const ops = Object.entries(doc.paths).flatMap(([p, m]) =>
      Object.entries(m).map(([verb, o]) => `${verb.toUpperCase()} ${p} ${o["x-permission"]}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        "GET /health-days healthday.book",
        "GET /health-days/{id}/slots healthday.book",
        "POST /health-days/{id}/bookings healthday.book",
        "POST /health-day-bookings/{id}/cancel healthday.book",
      ]),
    );

    const list = (await (await call("GET", "/health-days")).json()) as {
      items: { id: string; stations: number; past: boolean }[];
    };
    expect(list.items.find((x) => x.id === day.id)).toMatchObject({ stations: 1, past: false });
    const slots = await call("GET", `/health-days/${day.id}/slots`);
    expect(slots.status).toBe(200);
    const body = (await slots.json()) as {
      stations: { slots: { time: string; taken: number; left: number }[] }[];
      myBookings: unknown[];
    };
    expect(body.stations[0].slots[0]).toMatchObject({ time: "09:00", taken: 1, left: 1 });
    expect(body.myBookings).toEqual([]);
    // Nobody's name is in the answer.
    expect(JSON.stringify(body)).not.toMatch(/HD-16|Nowak|Wójcik/);

    // A key stands for no employee: it cannot hold a place.
    const keyBooking = await call("POST", `/health-days/${day.id}/bookings`, {
      stationId: st,
      time: "09:20",
    });
    expect(keyBooking.status).toBe(422);
    expect(((await keyBooking.json()) as { errors: Record<string, string> }).errors._form).toBe(
      "Twoje konto nie jest powiązane z kartoteką pracownika, więc nie możesz się zapisać.",
    );
    // A coordinator's key books a colleague; the place is theirs.
    const forColleague = await call("POST", `/health-days/${day.id}/bookings`, {
      stationId: st,
      time: "09:20",
      employeeId: staff[16],
    });
    expect(forColleague.status).toBe(201);
    // Of this day: staff[16] may hold one of the three places of "never over-books" too.
    const colleague = await myHealthDayBookings(as(staff[16]));
    expect(colleague.filter((b) => b.healthDayId === day.id).map((b) => b.time)).toEqual(["09:20"]);
    // An employee may not book for someone else.
    const nominated = await caught(
      bookHealthDay(as(staff[17]), day.id, { stationId: st, time: "09:40", employeeId: staff[18] }),
    );
    expect(nominated.code).toBe("forbidden");
    const otherDay = await createHealthDay(otherCoordinator, {
      title: "Dzień Zdrowia innego ośrodka",
      date: inDays(4),
    });
    expect((await call("GET", `/health-days/${otherDay}/slots`)).status).toBe(404);
  });

  it("keeps centres apart", async () => {
    const day = await publishedDay([station()]);
    const [st] = day.stations;
    const mine = await bookHealthDay(as(staff[14]), day.id, { stationId: st, time: "09:00" });
    expect((await caught(healthDaySlots(otherCoordinator, day.id))).code).toBe("not_found");
    expect((await caught(saveStation(otherCoordinator, day.id, st, station()))).code).toBe(
      "not_found",
    );
    expect((await caught(cancelHealthDayBooking(otherCoordinator, mine.id))).code).toBe(
      "not_found",
    );
    expect((await caught(healthDayStats(otherCoordinator, day.id))).code).toBe("not_found");
    const theirs = await listHealthDays(otherCoordinator, {});
    expect(theirs.rows.map((x) => x.id)).not.toContain(day.id);
  });
});
