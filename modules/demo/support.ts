// The demo step for confidential support: each demo centre gets its specialists with their
// availability, absences and contracts, a month of bookings on either side of the build day,
// two used crisis links, the support settings, and its rooms with this week's bookings. The
// rows come from support-model.ts; this file reads what the programme step already holds
// people to (so nobody is booked during a training they attend or lead) and writes them.
import { and, eq, gt, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { hashToken, newToken } from "../../platform/crypto.ts";
import type { Tx } from "../../platform/db.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { centre } from "../org/schema.ts";
import { programmeActivity, programmeEnrolment, programmeSession } from "../programme/schema.ts";
import {
  supportAbsence,
  supportAvailability,
  supportBooking,
  supportContract,
  supportCrisisLink,
  supportRoom,
  supportRoomBooking,
  supportSpecialist,
} from "../support/schema.ts";
import { midnight } from "./health-model.ts";
import { insertChunked } from "./insert-chunked.ts";
import type { CentrePlan } from "./plan.ts";
import type { DemoStep } from "./steps.ts";
import {
  BOOKING_DAYS,
  type BusyInterval,
  type DemoSupportData,
  planSupportData,
} from "./support-model.ts";

/**
 * The programme sessions people attend (by employee id) and lead (by the trainer's user id)
 * around the build day: support bookings are kept clear of them.
 */
async function programmeBusy(
  tx: Tx,
  plan: CentrePlan,
  today: string,
): Promise<Map<string, BusyInterval[]>> {
  const from = midnight(addDays(today, -BOOKING_DAYS - 1));
  const to = midnight(addDays(today, BOOKING_DAYS + 2));
  const inRange = and(
    eq(programmeSession.centreId, plan.centre.id),
    isNull(programmeSession.cancelledAt),
    lt(programmeSession.startsAt, to),
    gt(programmeSession.endsAt, from),
  );
  const attending = await tx
    .select({
      who: programmeEnrolment.employeeId,
      startsAt: programmeSession.startsAt,
      endsAt: programmeSession.endsAt,
    })
    .from(programmeEnrolment)
    .innerJoin(programmeSession, eq(programmeSession.activityId, programmeEnrolment.activityId))
    .where(and(inRange, inArray(programmeEnrolment.status, ["pending", "confirmed"])));
  const leading = await tx
    .select({
      who: programmeActivity.trainerUserId,
      startsAt: programmeSession.startsAt,
      endsAt: programmeSession.endsAt,
    })
    .from(programmeActivity)
    .innerJoin(programmeSession, eq(programmeSession.activityId, programmeActivity.id))
    .where(and(inRange, isNotNull(programmeActivity.trainerUserId)));
  const busy = new Map<string, BusyInterval[]>();
  for (const r of [...attending, ...leading]) {
    if (!r.who) continue;
    const list = busy.get(r.who) ?? [];
    list.push({ startsAt: r.startsAt, endsAt: r.endsAt });
    busy.set(r.who, list);
  }
  return busy;
}

async function write(tx: Tx, plan: CentrePlan, data: DemoSupportData) {
  await tx
    .update(centre)
    .set({
      settings: sql`${centre.settings} || ${JSON.stringify({ support: data.settings })}::jsonb`,
    })
    .where(eq(centre.id, plan.centre.id));
  if (data.specialists.length) await tx.insert(supportSpecialist).values(data.specialists);
  if (data.availability.length) await tx.insert(supportAvailability).values(data.availability);
  if (data.absences.length) await tx.insert(supportAbsence).values(data.absences);
  if (data.contracts.length) await tx.insert(supportContract).values(data.contracts);
  // The links were used long ago, but a token that could be derived from this code would still
  // be a credential: each gets the hash of a fresh random token, thrown away.
  if (data.crisisLinks.length) {
    await tx
      .insert(supportCrisisLink)
      .values(data.crisisLinks.map((l) => ({ ...l, tokenHash: hashToken(newToken()) })));
  }
  await insertChunked(data.bookings, (c) => tx.insert(supportBooking).values(c));
  if (data.rooms.length) await tx.insert(supportRoom).values(data.rooms);
  await insertChunked(data.roomBookings, (c) => tx.insert(supportRoomBooking).values(c));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line per centre for the report `npm run demo` prints: counts only, never who. */
export function supportSummary(centreName: string, data: DemoSupportData, today: string): string {
  const start = midnight(today);
  const past = data.bookings.filter((b) => b.startsAt < start).length;
  const crisisWindows = data.availability.filter((w) => w.crisisReserved).length;
  return (
    `${centreName}: ${plural(data.specialists.length, "specialist", "specialists")} ` +
    `(${plural(data.availability.length, "weekly window", "weekly windows")}, ${crisisWindows} crisis-reserved), ` +
    `${plural(data.bookings.length, "support booking", "support bookings")} ` +
    `(${past} past, ${data.bookings.length - past} coming), ` +
    `${plural(data.crisisLinks.length, "used crisis link", "used crisis links")}, ` +
    `${plural(data.rooms.length, "room", "rooms")} ` +
    `(${plural(data.roomBookings.length, "booking", "bookings")} this week and next)`
  );
}

export const support: DemoStep = {
  name: "support",
  // Bookings hold their specialist with ON DELETE RESTRICT: they go first, so deleting the
  // centre can take the specialists with it whatever order the cascade runs in.
  async clear(tx, centreIds) {
    await tx.delete(supportBooking).where(inArray(supportBooking.centreId, centreIds));
  },
  async build({ tx, plans, report }) {
    const today = warsawDay(new Date());
    for (const plan of plans) {
      const busy = await programmeBusy(tx, plan, today);
      const data = planSupportData(plan, { today, busy });
      await write(tx, plan, data);
      report.push(supportSummary(plan.centre.name, data, today));
    }
  },
};
