// Two people can never hold the same slot, on PostgreSQL with a pool of 10 connections: two
// employees booking the last free slot at the same moment (one wins; the other is told "Ten
// termin został właśnie zajęty." with other free slots), and 200 attempts at once on 20 slots
// (exactly 20 bookings, none overlapping). The exclusion constraint is the final word, so the
// last test writes past every check in code and the database still refuses. PGlite is one
// connection, so there is no concurrency to test on it.
import { and, asc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { type MessageKey, translator } from "../../platform/i18n.ts";
import { openTestDatabase } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { seedStaff } from "../programme/enrol-test-fixtures.ts";
import { type BookResult, bookSupport, isSlotTaken } from "./book.ts";
import { seedRushSpecialist } from "./booking-test-fixtures.ts";
import { supportBooking } from "./schema.ts";

const PEOPLE = 200;
const SLOTS = 20;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

type Outcome = { ok: true; booking: BookResult } | { ok: false; error: unknown };

describe.skipIf(!onPostgres)(
  "booking races (PostgreSQL only: skipped without TEST_DATABASE_URL, as PGlite has a single connection)",
  () => {
    let d: Awaited<ReturnType<typeof openTestDatabase>>;
    let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
    let employeeActor: Actor;
    let people: string[];

    beforeAll(async () => {
      d = await openTestDatabase("postgres");
      s = await seedCentreWithRoles();
      employeeActor = await actorFor(s.users.employee.userId);
      people = await seedStaff(db(), s.centre.id, {
        n: PEOPLE,
        prefix: "R",
        unitId: s.unitA.id,
        positionId: s.position.id,
      });
    });
    afterAll(() => d.drop());

    const as = (employeeId: string): Actor => ({ ...employeeActor, employeeId });

    async function attempt(employeeId: string, input: Record<string, unknown>): Promise<Outcome> {
      try {
        return { ok: true, booking: await bookSupport(as(employeeId), input) };
      } catch (error) {
        return { ok: false, error };
      }
    }

    const liveOf = (specialistId: string) =>
      db()
        .select({
          employeeId: supportBooking.employeeId,
          startsAt: supportBooking.startsAt,
          endsAt: supportBooking.endsAt,
        })
        .from(supportBooking)
        .where(
          and(
            eq(supportBooking.specialistId, specialistId),
            ne(supportBooking.status, "cancelled"),
          ),
        )
        .orderBy(asc(supportBooking.startsAt));

    it("gives the last slot to one of two people booking it at once; the other gets other slots", async () => {
      // Three slots this week; two are taken already. The window repeats weekly, so next
      // week's slots are the alternatives.
      const rush = await seedRushSpecialist(db(), s.centre.id, {
        slots: 3,
        name: "Ostatni termin",
      });
      for (const [i, startsAt] of rush.starts.slice(0, 2).entries()) {
        const r = await attempt(people[100 + i], {
          kind: "consultation",
          specialistId: rush.specialistId,
          startsAt,
        });
        expect(r.ok).toBe(true);
      }
      const last = rush.starts[2];
      const [a, b] = await Promise.all(
        [people[0], people[1]].map((p) =>
          attempt(p, { kind: "consultation", specialistId: rush.specialistId, startsAt: last }),
        ),
      );
      const won = [a, b].filter((r) => r.ok);
      const lost = [a, b].filter((r): r is { ok: false; error: unknown } => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const e = lost[0].error;
      expect(isSlotTaken(e)).toBe(true);
      if (!isSlotTaken(e)) return;
      expect(e).toBeInstanceOf(AppError);
      expect(e.code).toBe("conflict");
      expect(e.reason).toBe("slot_taken");
      const key = Object.values(e.fieldErrors)[0];
      expect(translator("pl")(key as MessageKey)).toBe("Ten termin został właśnie zajęty.");
      // Other free slots of the same specialist, none of them the one just taken.
      expect(e.alternatives.length).toBeGreaterThan(0);
      for (const alt of e.alternatives) {
        expect(alt.specialistId).toBe(rush.specialistId);
        expect(rush.starts).not.toContain(alt.startsAt);
        expect(new Date(alt.startsAt).getTime()).toBeGreaterThan(Date.now());
      }
      const live = await liveOf(rush.specialistId);
      expect(live.map((r) => r.startsAt.toISOString())).toEqual(rush.starts);
    });

    it("books exactly 20 of 200 attempts at once on 20 slots, never two in one slot", async () => {
      const rush = await seedRushSpecialist(db(), s.centre.id, {
        slots: SLOTS,
        name: "Dwadzieścia terminów",
        // Another day than the first race's, so nobody here already has a meeting then.
        daysAhead: 4,
      });
      // Ten people aim at each slot; every request is under way before the first is decided.
      const outcomes = await Promise.all(
        people.map((p, i) =>
          attempt(p, {
            kind: "consultation",
            specialistId: rush.specialistId,
            startsAt: rush.starts[i % SLOTS],
          }),
        ),
      );
      const won = outcomes.filter((o): o is { ok: true; booking: BookResult } => o.ok);
      const lost = outcomes.filter((o): o is { ok: false; error: unknown } => !o.ok);
      expect(won).toHaveLength(SLOTS);
      // Every refusal is the slot being taken, never another error.
      expect(lost.filter((o) => !isSlotTaken(o.error)).map((o) => String(o.error))).toEqual([]);
      expect(new Set(won.map((o) => o.booking.startsAt.toISOString())).size).toBe(SLOTS);
      const live = await liveOf(rush.specialistId);
      expect(live).toHaveLength(SLOTS);
      expect(live.map((r) => r.startsAt.toISOString())).toEqual(rush.starts);
      for (let i = 1; i < live.length; i++) {
        expect(live[i].startsAt.getTime()).toBeGreaterThanOrEqual(live[i - 1].endsAt.getTime());
      }
      expect(new Set(live.map((r) => r.employeeId)).size).toBe(SLOTS);
    });

    it("refuses an overlapping booking in the database itself, whatever the code does", async () => {
      const rush = await seedRushSpecialist(db(), s.centre.id, {
        slots: 1,
        name: "Strażnik",
        daysAhead: 5,
      });
      const row = {
        centreId: s.centre.id,
        specialistId: rush.specialistId,
        kind: "consultation" as const,
        mode: "online" as const,
        startsAt: new Date(rush.starts[0]),
        endsAt: new Date(new Date(rush.starts[0]).getTime() + 30 * 60_000),
      };
      await db()
        .insert(supportBooking)
        .values({ ...row, employeeId: people[150] });
      const err = await db()
        .insert(supportBooking)
        .values({
          ...row,
          employeeId: people[151],
          startsAt: new Date(row.startsAt.getTime() + 10 * 60_000),
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      let code: unknown;
      for (let e = err as { code?: unknown; cause?: unknown } | null; e; e = e.cause as typeof e) {
        code ??= e.code;
      }
      expect(code).toBe("23P01");
      expect(await liveOf(rush.specialistId)).toHaveLength(1);
    });
  },
);
