// Seed step of the end-to-end suite for the Health Day and rooms (the access and accessibility
// walks; health-day.spec.ts and rooms.spec.ts make their own): through the services, a
// published Health Day in three weeks with two stations and a booking by one of its own staff,
// a draft, a room with a booking, and the other centre's day, booking, room and room booking.
import { actorFor } from "../../modules/access/test-fixtures.ts";
import { bookHealthDay } from "../../modules/health/book-health-day.ts";
import {
  createHealthDay,
  publishHealthDay,
  saveStation,
} from "../../modules/health/health-days.ts";
import { seedStaff } from "../../modules/programme/enrol-test-fixtures.ts";
import { bookRoom } from "../../modules/support/room-bookings.ts";
import { saveRoom } from "../../modules/support/rooms.ts";
import { db } from "../../platform/db.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";

export type HealthDaySeed = {
  /** Published, in 21 days, two stations, one person booked at the first. */
  day: string;
  /** A draft nobody but those who run Health Days sees. */
  draft: string;
  /** The first station of `day`. */
  station: string;
  /** The other centre's published day and a booking there. */
  otherDay: string;
  otherBooking: string;
  /** A room with one booking (by the coordinator) in 21 days. */
  room: string;
  roomDay: string;
  /** The other centre's room and its booking. */
  otherRoom: string;
  otherRoomBooking: string;
};

const station = (name: string, capacity: number) => ({
  name,
  description: "",
  from: "09:00",
  to: "12:00",
  slotMinutes: 20,
  capacity,
});

export async function seedHealthDay(ids: {
  centre: string;
  unitA: string;
  position: string;
  coordinatorUserId: string;
  employeeUserId: string;
  otherCoordinatorUserId: string;
  otherEmployeeUserId: string;
}): Promise<HealthDaySeed> {
  const coordinator = await actorFor(ids.coordinatorUserId);
  const employee = await actorFor(ids.employeeUserId);
  const otherCoordinator = await actorFor(ids.otherCoordinatorUserId);
  const otherEmployee = await actorFor(ids.otherEmployeeUserId);
  const date = addDays(warsawDay(new Date()), 21);

  const day = await createHealthDay(coordinator, {
    title: "E2E Dzień Zdrowia — stanowiska",
    date,
    place: "Sala konferencyjna, ul. Powstańców 25",
    description: "Pomiary i konsultacje bez skierowania.",
  });
  const first = await saveStation(coordinator, day, null, station("Pomiar ciśnienia", 2));
  await saveStation(coordinator, day, null, station("Konsultacja z dietetykiem", 1));
  await publishHealthDay(coordinator, day);
  const [someone] = await seedStaff(db(), ids.centre, {
    n: 1,
    prefix: "DZ",
    unitId: ids.unitA,
    positionId: ids.position,
  });
  await bookHealthDay({ ...employee, employeeId: someone }, day, {
    stationId: first,
    time: "09:20",
  });
  const draft = await createHealthDay(coordinator, {
    title: "E2E Dzień Zdrowia — szkic",
    date: addDays(date, 30),
  });

  const otherDay = await createHealthDay(otherCoordinator, {
    title: "Dzień Zdrowia innego ośrodka",
    date,
  });
  const otherStation = await saveStation(otherCoordinator, otherDay, null, station("Ciśnienie", 3));
  await publishHealthDay(otherCoordinator, otherDay);
  const otherBooking = await bookHealthDay(otherEmployee, otherDay, {
    stationId: otherStation,
    time: "09:00",
  });

  const room = await saveRoom(coordinator, null, {
    name: "E2E Sala superwizji",
    location: "I piętro, pokój 12",
    capacity: "8",
    description: "Sala na superwizje i spotkania zespołu.",
  });
  await bookRoom(coordinator, room, {
    day: date,
    from: "10:00",
    to: "11:30",
    purpose: "Superwizja zespołu",
  });
  const otherRoom = await saveRoom(otherCoordinator, null, {
    name: "Sala innego ośrodka",
    capacity: "4",
  });
  const otherRoomBooking = await bookRoom(otherCoordinator, otherRoom, {
    day: date,
    from: "09:00",
    to: "10:00",
    purpose: "Spotkanie zespołu",
  });

  return {
    day,
    draft,
    station: first,
    otherDay,
    otherBooking: otherBooking.id,
    room,
    roomDay: date,
    otherRoom,
    otherRoomBooking: otherRoomBooking.id,
  };
}
