import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { loadActor } from "../access/actor.ts";
import { healthDayStats } from "../health/health-day-stats.ts";
import { myExams } from "../health/my-exams.ts";
import { reserveReferralNumbers } from "../health/referral-numbers.ts";
import {
  healthClinic,
  healthDay,
  healthDayBooking,
  healthDaySlot,
  healthDayStation,
  healthExam,
  healthPositionProfile,
  healthSickLeave,
} from "../health/schema.ts";
import { healthBoard } from "../health/status-board.ts";
import { centre } from "../org/schema.ts";
import { freeSlots } from "../support/free-slots.ts";
import { myBookings } from "../support/my-bookings.ts";
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
import { supportSettings } from "../support/support-settings.ts";
import { supportStats } from "../support/support-stats.ts";
import { buildDemo, DEMO_CENTRES, type DemoResult, formatDemoReport } from "./build-demo.ts";
import { health } from "./health.ts";
import { midnight } from "./health-model.ts";
import { planCentre } from "./plan.ts";
import { DEMO_STEPS } from "./steps.ts";
import { support } from "./support.ts";
import { examStatuses, healthViolations, supportViolations } from "./support-health-check.ts";
import { SUPPORT_SETTINGS } from "./support-model.ts";

const plans = DEMO_CENTRES.map(planCentre);
const [gdansk] = plans;
// The survey step takes most of a build and nothing here depends on it.
const steps = DEMO_STEPS.filter((s) => s.name !== "surveys");

async function settingsOf(centreId: string) {
  const [row] = await db()
    .select({ settings: centre.settings })
    .from(centre)
    .where(eq(centre.id, centreId));
  return row.settings;
}

/** The support rows of a centre, as the checks read them; crisis links without their hash. */
async function supportRows(centreId: string) {
  const q = db();
  const links = await q
    .select()
    .from(supportCrisisLink)
    .where(eq(supportCrisisLink.centreId, centreId))
    .orderBy(asc(supportCrisisLink.id));
  return {
    settings: SUPPORT_SETTINGS as unknown as {
      cancelHoursBefore: number;
      sessionsPerPerson: Record<string, number>;
    },
    specialists: await q
      .select()
      .from(supportSpecialist)
      .where(eq(supportSpecialist.centreId, centreId))
      .orderBy(asc(supportSpecialist.id)),
    availability: await q
      .select()
      .from(supportAvailability)
      .where(eq(supportAvailability.centreId, centreId))
      .orderBy(asc(supportAvailability.id)),
    absences: await q
      .select()
      .from(supportAbsence)
      .where(eq(supportAbsence.centreId, centreId))
      .orderBy(asc(supportAbsence.id)),
    contracts: await q
      .select()
      .from(supportContract)
      .where(eq(supportContract.centreId, centreId))
      .orderBy(asc(supportContract.id)),
    crisisLinks: links.map(({ tokenHash: _, ...l }) => l),
    tokenHashes: links.map((l) => l.tokenHash),
    bookings: await q
      .select()
      .from(supportBooking)
      .where(eq(supportBooking.centreId, centreId))
      .orderBy(asc(supportBooking.id)),
    rooms: await q
      .select()
      .from(supportRoom)
      .where(eq(supportRoom.centreId, centreId))
      .orderBy(asc(supportRoom.id)),
    roomBookings: await q
      .select()
      .from(supportRoomBooking)
      .where(eq(supportRoomBooking.centreId, centreId))
      .orderBy(asc(supportRoomBooking.id)),
  };
}

async function healthRows(centreId: string) {
  const q = db();
  const stations = await q
    .select()
    .from(healthDayStation)
    .where(eq(healthDayStation.centreId, centreId))
    .orderBy(asc(healthDayStation.id));
  const settings = await settingsOf(centreId);
  return {
    profiles: await q
      .select()
      .from(healthPositionProfile)
      .where(eq(healthPositionProfile.centreId, centreId))
      .orderBy(asc(healthPositionProfile.positionId)),
    clinics: await q.select().from(healthClinic).where(eq(healthClinic.centreId, centreId)),
    exams: await q
      .select()
      .from(healthExam)
      .where(eq(healthExam.centreId, centreId))
      .orderBy(asc(healthExam.id)),
    sickLeaves: await q
      .select()
      .from(healthSickLeave)
      .where(eq(healthSickLeave.centreId, centreId))
      .orderBy(asc(healthSickLeave.id)),
    referralCounter: settings.health?.referralCounter ?? {},
    days: await q
      .select()
      .from(healthDay)
      .where(eq(healthDay.centreId, centreId))
      .orderBy(asc(healthDay.date)),
    stations,
    slots: stations.length
      ? await q
          .select()
          .from(healthDaySlot)
          .where(
            inArray(
              healthDaySlot.stationId,
              stations.map((s) => s.id),
            ),
          )
          .orderBy(asc(healthDaySlot.stationId), asc(healthDaySlot.startMinute))
      : [],
    dayBookings: await q
      .select()
      .from(healthDayBooking)
      .where(eq(healthDayBooking.centreId, centreId))
      .orderBy(asc(healthDayBooking.id)),
  };
}

async function actorOf(plan: (typeof plans)[number], role: string) {
  const actor = await loadActor(plan.accounts.find((a) => a.role === role)?.userId ?? "");
  if (!actor) throw new Error(`no demo ${role}`);
  return actor;
}

describe.each(testDbKinds)("the demo's support and health (%s)", { timeout: 300_000 }, (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let result: DemoResult;
  let today: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    today = warsawDay(new Date());
    result = await buildDemo({ steps });
  }, 300_000);
  afterAll(() => d.drop());

  it("is two steps of the demo build, reported with counts and no names", async () => {
    expect(DEMO_STEPS).toContain(support);
    expect(DEMO_STEPS).toContain(health);
    const report = formatDemoReport(result, 1);
    expect(report).toMatch(
      /MOPR Gdańsk \(demo\): 5 specialists \(17 weekly windows, 6 crisis-reserved\), \d+ support bookings \(\d+ past, \d+ coming\), 2 used crisis links, 2 rooms \(\d+ bookings this week and next\)/,
    );
    expect(report).toMatch(/MGOPS Daleszyce \(demo\): 2 specialists/);
    expect(report).toMatch(
      /MOPR Gdańsk \(demo\): occupational medicine for 427 employees \(\d+ valid, \d+ due within 30 days, \d+ overdue, 27 scheduled\), \d+ exam records, \d+ referrals, \d+ sick leaves, 1 clinic; 2 Health Days \(10 stations, \d+ bookings\)/,
    );
    // Who booked whom stays out of the printed summary.
    const booked = await db().select({ id: supportBooking.employeeId }).from(supportBooking);
    const ids = new Set(booked.map((b) => b.id));
    for (const p of plans) {
      for (const e of p.employees.filter((x) => ids.has(x.id))) {
        for (const line of result.built) expect(line).not.toContain(`${e.firstName} ${e.lastName}`);
      }
    }
  });

  it("stores support rows that keep the module's rules", async () => {
    for (const p of plans) {
      const rows = await supportRows(p.centre.id);
      expect(rows.bookings.length).toBeGreaterThan(0);
      expect(supportViolations(p, rows, today)).toEqual([]);
    }
  });

  it("leaves the exclusion constraints in force: an overlapping booking is refused", async () => {
    const [b] = await db()
      .select()
      .from(supportBooking)
      .where(eq(supportBooking.status, "booked"))
      .limit(1);
    const other = gdansk.employees.find((e) => e.id !== b.employeeId)?.id ?? "";
    const err = await db()
      .insert(supportBooking)
      .values({ ...b, id: undefined, employeeId: other })
      .then(
        () => null,
        (e: { cause?: { code?: string; constraint?: string } }) => e.cause ?? e,
      );
    expect(err).toMatchObject({
      code: "23P01",
      constraint: "support_booking_specialist_no_overlap",
    });
  });

  it("stores health rows that keep the module's rules, with every employee on the board", async () => {
    for (const p of plans) {
      const rows = await healthRows(p.centre.id);
      expect(healthViolations(p, rows, today)).toEqual([]);
      expect(rows.profiles).toHaveLength(p.positions.length);
      const board = await healthBoard(await actorOf(p, "health"), { pageSize: 200 }, today);
      expect(board.totals.total).toBe(p.employees.length);
      expect(board.totals.overdue).toBeGreaterThan(0);
      expect(board.totals.due).toBeGreaterThan(0);
      expect(board.totals.scheduled).toBeGreaterThan(0);
      expect(board.totals.done).toBeGreaterThan(board.totals.total / 2);
      const statuses = examStatuses(p, rows, today);
      for (const s of ["overdue", "due", "scheduled", "done"] as const) {
        expect([...statuses.values()].filter((x) => x === s).length).toBe(board.totals[s]);
      }
    }
  });

  it("keeps each Health Day slot's places taken equal to its live bookings", async () => {
    const live = sql<number>`(select count(*)::int from health_day_booking b
      where b.station_id = health_day_slot.station_id
        and b.start_minute = health_day_slot.start_minute and b.cancelled_at is null)`;
    const list = await db().select({ taken: healthDaySlot.taken, live }).from(healthDaySlot);
    expect(list.length).toBeGreaterThan(100);
    for (const r of list) expect(Number(r.taken)).toBe(Number(r.live));
    const coming = (await healthRows(gdansk.centre.id)).days.find((x) => x.date > today);
    const stats = await healthDayStats(await actorOf(gdansk, "coordinator"), coming?.id ?? "");
    expect(stats.rows).toHaveLength(5);
    expect(stats.rows.reduce((n, s) => n + s.booked, 0)).toBeGreaterThan(30);
  });

  it("keeps the referral counter where the next referral follows on", async () => {
    for (const p of plans) {
      const counter = (await settingsOf(p.centre.id)).health?.referralCounter ?? {};
      const year = Number(today.slice(0, 4));
      expect(counter[String(year)]).toBeGreaterThan(0);
      let next: string[] = [];
      await db()
        .transaction(async (tx) => {
          next = await reserveReferralNumbers(tx, p.centre.id, year, 2);
          throw new Error("roll back");
        })
        .catch(() => undefined);
      const n = counter[String(year)];
      expect(next).toEqual([
        `SK/${year}/${String(n + 1).padStart(4, "0")}`,
        `SK/${year}/${String(n + 2).padStart(4, "0")}`,
      ]);
    }
  });

  it("reads as the modules' services read it", async () => {
    for (const p of plans) {
      expect(await supportSettings(db(), p.centre.id)).toEqual(SUPPORT_SETTINGS);
    }
    // The demo employee: a consultation held and one coming; an appointment with a referral.
    const employee = await actorOf(gdansk, "employee");
    const mine = await myBookings(employee);
    expect(mine.upcoming.map((b) => b.kind)).toEqual(["consultation"]);
    expect(mine.past.map((b) => b.status)).toEqual(["took_place"]);
    const exams = await myExams(employee, today);
    expect(exams.situation?.status).toBe("scheduled");
    expect(exams.exams.find((x) => x.status === "planned")?.referralNumber).toMatch(/^SK\//);
    // A slot taken is not offered again.
    const [coming] = await db()
      .select()
      .from(supportBooking)
      .where(eq(supportBooking.id, mine.upcoming[0].id));
    const offered = await freeSlots(db(), {
      centreId: gdansk.centre.id,
      kind: "consultation",
      specialistId: coming.specialistId,
      from: today,
      days: 29,
    });
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.some((s) => s.startsAt.getTime() === coming.startsAt.getTime())).toBe(false);
    // The coordinator's counts: every booking of the month before, no one's name.
    const stats = await supportStats(await actorOf(gdansk, "coordinator"), {
      from: addDays(today, -28),
      to: addDays(today, 28),
    });
    const all = await db()
      .select({ id: supportBooking.id, employeeId: supportBooking.employeeId })
      .from(supportBooking)
      .where(eq(supportBooking.centreId, gdansk.centre.id));
    expect(stats.totals.all).toBe(all.length);
    expect(stats.totals.unmarked).toBe(0);
    expect(stats.bySpecialist).toHaveLength(5);
    expect(stats.contracts.some((c) => c.minutesUsed > 0)).toBe(true);
    const text = JSON.stringify(stats);
    const booked = new Set(all.map((b) => b.employeeId));
    for (const e of gdansk.employees.filter((x) => booked.has(x.id))) {
      expect(text).not.toContain(`${e.firstName} ${e.lastName}`);
    }
    // Bookings before the build day all have their outcome; the coming ones are booked.
    const start = midnight(today);
    const rows = await db().select().from(supportBooking);
    expect(rows.filter((b) => b.startsAt < start && b.status === "booked")).toEqual([]);
  });

  it("gives the same rows when built again, but fresh crisis-link token hashes", async () => {
    const before = await Promise.all(
      plans.map(async (p) => ({
        support: await supportRows(p.centre.id),
        health: await healthRows(p.centre.id),
      })),
    );
    await buildDemo({ steps });
    const after = await Promise.all(
      plans.map(async (p) => ({
        support: await supportRows(p.centre.id),
        health: await healthRows(p.centre.id),
      })),
    );
    const withoutTokens = (r: (typeof before)[number]) => ({
      ...r,
      support: { ...r.support, tokenHashes: [] },
    });
    expect(after.map(withoutTokens)).toEqual(before.map(withoutTokens));
    const hashes = (r: (typeof before)[number]) => r.support.tokenHashes;
    expect(hashes(after[0])).not.toEqual(hashes(before[0]));
  });
});
