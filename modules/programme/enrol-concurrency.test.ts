// 400 employees enrolling in 20 places at the same moment, on PostgreSQL with a pool of 10
// connections: exactly 20 places taken, everyone else on the waitlist in arrival order with
// distinct, increasing `seq`, never an over-booking; then cancellations at the same moment
// promote exactly as many people, first come first served. Run both as the application does
// (enrolments arriving together decided in batches) and with every enrolment its own
// transaction, all competing for the activity's row lock. PGlite is one connection, so there
// is no concurrency to test on it.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { cancelEnrolment } from "./cancel-enrolment.ts";
import { type EnrolResult, enrol, setEnrolmentBatching } from "./enrol.ts";
import { seedEnrolActivity, seedStaff } from "./enrol-test-fixtures.ts";
import { programmeActivity, programmeEnrolment } from "./schema.ts";

const PEOPLE = 400;
const PLACES = 20;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!onPostgres)(
  "400 enrolments into 20 places at once (PostgreSQL only: skipped without TEST_DATABASE_URL, as PGlite has a single connection)",
  () => {
    let d: Awaited<ReturnType<typeof openTestDatabase>>;
    let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
    let employeeActor: Actor;
    let coordinator: Actor;
    let people: string[];

    beforeAll(async () => {
      d = await openTestDatabase("postgres");
      s = await seedCentreWithRoles();
      employeeActor = await actorFor(s.users.employee.userId);
      coordinator = await actorFor(s.users.coordinator.userId);
      people = await seedStaff(db(), s.centre.id, {
        n: PEOPLE,
        prefix: "C",
        unitId: s.unitA.id,
        positionId: s.position.id,
      });
    });
    afterAll(async () => {
      setEnrolmentBatching(true);
      await d.drop();
    });

    const rowsOf = (activityId: string) =>
      db()
        .select({
          id: programmeEnrolment.id,
          employeeId: programmeEnrolment.employeeId,
          status: programmeEnrolment.status,
          seq: programmeEnrolment.seq,
        })
        .from(programmeEnrolment)
        .where(eq(programmeEnrolment.activityId, activityId))
        .orderBy(asc(programmeEnrolment.seq));
    const seatsOf = async (activityId: string) =>
      (await db().select().from(programmeActivity).where(eq(programmeActivity.id, activityId)))[0]
        .seatsTaken;

    async function rush(activityId: string): Promise<EnrolResult[]> {
      // Every request is under way before the first one is decided.
      return Promise.all(
        people.map((p) => enrol({ ...employeeActor, employeeId: p }, activityId, {})),
      );
    }

    function checkRush(results: EnrolResult[], rows: Awaited<ReturnType<typeof rowsOf>>) {
      expect(results.filter((r) => r.status === "confirmed")).toHaveLength(PLACES);
      expect(results.filter((r) => r.status === "waitlisted")).toHaveLength(PEOPLE - PLACES);
      expect(rows).toHaveLength(PEOPLE);
      expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(PLACES);
      expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(PEOPLE - PLACES);
      expect(new Set(rows.map((r) => r.employeeId)).size).toBe(PEOPLE);
      // seq is distinct and increasing in arrival order; the places went to the first arrivals.
      const seqs = rows.map((r) => r.seq);
      expect(new Set(seqs).size).toBe(PEOPLE);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(rows.slice(0, PLACES).every((r) => r.status === "confirmed")).toBe(true);
      // Each person's waitlist position is their rank by seq among the waiting.
      const position = new Map(
        rows.filter((r) => r.status === "waitlisted").map((r, i) => [r.id, i + 1]),
      );
      for (const r of results.filter((x) => x.status === "waitlisted")) {
        expect(r.waitlistPosition).toBe(position.get(r.id));
      }
    }

    async function cancellations(activityId: string) {
      const before = await rowsOf(activityId);
      const confirmed = before.filter((r) => r.status === "confirmed").slice(0, 5);
      const firstWaiting = before.filter((r) => r.status === "waitlisted").slice(0, 5);
      const done = await Promise.all(confirmed.map((r) => cancelEnrolment(coordinator, r.id)));
      expect(done.reduce((n, r) => n + r.promoted, 0)).toBe(5);
      const after = await rowsOf(activityId);
      const status = new Map(after.map((r) => [r.id, r.status]));
      for (const r of confirmed) expect(status.get(r.id)).toBe("cancelled");
      for (const r of firstWaiting) expect(status.get(r.id)).toBe("confirmed");
      expect(after.filter((r) => r.status === "confirmed")).toHaveLength(PLACES);
      expect(after.filter((r) => r.status === "waitlisted")).toHaveLength(PEOPLE - PLACES - 5);
      expect(await seatsOf(activityId)).toBe(PLACES);
    }

    it("as the application runs it: exactly 20 confirmed, the rest waitlisted by arrival", async () => {
      setEnrolmentBatching(true);
      const { activity } = await seedEnrolActivity(db(), s.centre.id, { capacity: PLACES });
      const results = await rush(activity.id);
      checkRush(results, await rowsOf(activity.id));
      expect(await seatsOf(activity.id)).toBe(PLACES);
      await cancellations(activity.id);
    });

    it("with 400 transactions competing for the row lock: the same, and never over-booked", async () => {
      setEnrolmentBatching(false);
      const { activity } = await seedEnrolActivity(db(), s.centre.id, { capacity: PLACES });
      const results = await rush(activity.id);
      checkRush(results, await rowsOf(activity.id));
      expect(await seatsOf(activity.id)).toBe(PLACES);
      await cancellations(activity.id);
      setEnrolmentBatching(true);
    });

    it("refuses an over-booking in the database itself, whatever the code does", async () => {
      const { activity } = await seedEnrolActivity(db(), s.centre.id, { capacity: 1 });
      await db()
        .update(programmeActivity)
        .set({ seatsTaken: 1 })
        .where(eq(programmeActivity.id, activity.id));
      await expect(
        db()
          .update(programmeActivity)
          .set({ seatsTaken: 2 })
          .where(eq(programmeActivity.id, activity.id)),
      ).rejects.toThrow();
      expect(await seatsOf(activity.id)).toBe(1);
    });
  },
);
