// The specialist's calendar and marking outcomes, on PGlite and PostgreSQL: a week in Warsaw
// days, the meetings waiting for a mark, the list's search, filters, sorting and paging; an
// outcome only after the start, never on a cancelled meeting, correctable, audited without ids.
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { employee as employeeTable } from "../org/schema.ts";
import { seedBooking, seedSpecialist } from "./booking-test-fixtures.ts";
import { bookingAccess } from "./find-booking.ts";
import { markOutcome } from "./mark-outcome.ts";
import { supportBooking } from "./schema.ts";
import { isMarkable, listSpecialistBookings, specialistWeek } from "./specialist-bookings.ts";

describe("calendar helpers", () => {
  it("lets an outcome be marked from the start, never on a cancelled meeting", () => {
    const start = new Date("2026-03-18T09:00:00Z");
    expect(
      isMarkable({ startsAt: start, status: "booked" }, new Date("2026-03-18T08:59:59Z")),
    ).toBe(false);
    expect(isMarkable({ startsAt: start, status: "booked" }, start)).toBe(true);
    expect(isMarkable({ startsAt: start, status: "took_place" }, start)).toBe(true);
    expect(isMarkable({ startsAt: start, status: "cancelled" }, start)).toBe(false);
  });

  it("relates an actor to a booking by employee record, or linked account with the specialist role", () => {
    const b = { employeeId: "e1" };
    const employee = ["employee"] as const;
    const specialist = ["employee", "specialist"] as const;
    expect(
      bookingAccess({ employeeId: "e1", userId: "u1", roles: [...employee] }, b, "u2"),
    ).toEqual({ asEmployee: true, asSpecialist: false });
    expect(
      bookingAccess({ employeeId: null, userId: "u2", roles: [...specialist] }, b, "u2"),
    ).toEqual({ asEmployee: false, asSpecialist: true });
    // A specialist row with no account is nobody's.
    expect(
      bookingAccess({ employeeId: null, userId: "u2", roles: [...specialist] }, b, null),
    ).toEqual({ asEmployee: false, asSpecialist: false });
    // The account is still linked, but its specialist role was taken away: not the specialist.
    expect(
      bookingAccess({ employeeId: null, userId: "u2", roles: [...employee] }, b, "u2"),
    ).toEqual({ asEmployee: false, asSpecialist: false });
    // No other role stands in for it.
    expect(
      bookingAccess(
        { employeeId: null, userId: "u2", roles: ["coordinator", "administrator", "dpo"] },
        b,
        "u2",
      ),
    ).toEqual({ asEmployee: false, asSpecialist: false });
  });
});

describe.each(testDbKinds)("specialist calendar (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let specialist: Actor;
  /** Holds the specialist role too, but no specialist row is linked to this account. */
  let unlinked: Actor;
  let specialistId: string;
  const now = new Date("2026-03-18T12:00:00Z"); // Wednesday
  const ids = {} as Record<
    "mon" | "tueCancelled" | "wedMarked" | "lastWeek" | "sundayLate" | "nextWeek" | "later",
    string
  >;

  const auditCount = async () =>
    (
      await db()
        .select({ n: count() })
        .from(auditLog)
        .where(
          and(eq(auditLog.centreId, s.centre.id), eq(auditLog.action, "support.booking.outcome")),
        )
    )[0].n;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    specialist = await actorFor(s.users.specialist.userId);
    unlinked = { ...(await actorFor(s.users.coordinator.userId)), roles: ["specialist"] };
    specialistId = (await seedSpecialist(db(), s.centre.id, { userId: s.users.specialist.userId }))
      .id;
    await db()
      .update(employeeTable)
      .set({ firstName: "Zofia", lastName: "Żak" })
      .where(eq(employeeTable.id, s.employeeInUnitB.id));
    const book = async (
      startsAt: string,
      employeeId: string,
      o: Partial<Parameters<typeof seedBooking>[1]> = {},
    ) =>
      (
        await seedBooking(db(), {
          centreId: s.centre.id,
          specialistId,
          employeeId,
          startsAt: new Date(startsAt),
          ...o,
        })
      ).id;
    const anna = s.users.employee.employeeId;
    const zofia = s.employeeInUnitB.id;
    ids.lastWeek = await book("2026-03-11T08:00:00Z", zofia);
    ids.mon = await book("2026-03-16T08:00:00Z", anna);
    ids.tueCancelled = await book("2026-03-17T08:00:00Z", zofia, { status: "cancelled" });
    ids.wedMarked = await book("2026-03-18T08:00:00Z", anna, { status: "took_place" });
    // Sunday 22.03 at 23:30 UTC is Monday 23.03 at 00:30 in Warsaw: next week.
    ids.sundayLate = await book("2026-03-22T23:30:00Z", zofia);
    ids.nextWeek = await book("2026-03-24T08:00:00Z", anna, { kind: "coaching" });
    ids.later = await book("2026-04-20T08:00:00Z", zofia, { kind: "crisis" });
  });
  afterAll(() => d.drop());

  it("shows a week by Warsaw days, cancelled meetings included, and what waits for a mark", async () => {
    const w = await specialistWeek(specialist, "2026-03-19", now);
    expect(w.monday).toBe("2026-03-16");
    expect(w.specialist?.id).toBe(specialistId);
    expect(w.days.map((x) => [x.day, x.bookings.map((b) => b.id)])).toEqual([
      ["2026-03-16", [ids.mon]],
      ["2026-03-17", [ids.tueCancelled]],
      ["2026-03-18", [ids.wedMarked]],
      ["2026-03-19", []],
      ["2026-03-20", []],
      ["2026-03-21", []],
      ["2026-03-22", []],
    ]);
    const next = await specialistWeek(specialist, "2026-03-23", now);
    expect(next.days[0].bookings.map((b) => b.id)).toEqual([ids.sundayLate]);
    // Started, still booked: last week's and Monday's, oldest first.
    expect(w.awaiting.map((b) => b.id)).toEqual([ids.lastWeek, ids.mon]);
    expect(w.awaitingTotal).toBe(2);
    expect(w.days[0].bookings[0]).toMatchObject({
      markable: true,
      employee: { lastName: "employee", email: s.users.employee.email },
    });
    // Without a week: the current one.
    expect((await specialistWeek(specialist, undefined, now)).monday).toBe("2026-03-16");
    expect((await specialistWeek(specialist, "nie-data", now)).monday).toBe("2026-03-16");
  });

  it("searches, filters, sorts and pages the list", async () => {
    const list = (q: Record<string, unknown>) => listSpecialistBookings(specialist, q, now);
    expect((await list({})).total).toBe(7);
    const zak = await list({ q: "Żak" });
    expect(zak.rows.map((r) => r.id)).toEqual([
      ids.lastWeek,
      ids.tueCancelled,
      ids.sundayLate,
      ids.later,
    ]);
    expect((await list({ status: "live" })).total).toBe(6);
    expect((await list({ status: "took_place" })).rows.map((r) => r.id)).toEqual([ids.wedMarked]);
    expect((await list({ when: "upcoming" })).rows.map((r) => r.id)).toEqual([
      ids.sundayLate,
      ids.nextWeek,
      ids.later,
    ]);
    expect((await list({ from: "2026-03-23", to: "2026-03-23" })).rows.map((r) => r.id)).toEqual([
      ids.sundayLate,
    ]);
    const byName = await list({ sort: "name", dir: "asc", pageSize: 3 });
    expect(byName.rows.map((r) => r.employee.lastName)).toEqual([
      "employee",
      "employee",
      "employee",
    ]);
    const page3 = await list({ sort: "name", dir: "asc", pageSize: 3, page: 3 });
    expect(page3.rows.map((r) => r.employee.lastName)).toEqual(["Żak"]);
    const desc = await list({ dir: "desc", pageSize: 2 });
    expect(desc.rows.map((r) => r.id)).toEqual([ids.later, ids.nextWeek]);
    // Nonsense in the query falls back to the defaults instead of failing.
    expect((await list({ status: "x", sort: "y", page: "-3", pageSize: "9999" })).total).toBe(7);
  });

  it("has nothing for a specialist whose account is linked to no profile", async () => {
    const r = await listSpecialistBookings(unlinked, {}, now);
    expect(r.specialist).toBeNull();
    expect(r.rows).toEqual([]);
    expect(
      (await caught(markOutcome(unlinked, ids.mon, { outcome: "took_place" }, now))).code,
    ).toBe("not_found");
  });

  it("marks an outcome once started, corrects it, and refuses the rest with a reason", async () => {
    const before = await auditCount();
    expect(await markOutcome(specialist, ids.mon, { outcome: "took_place" }, now)).toEqual({
      id: ids.mon,
      status: "took_place",
      changed: true,
    });
    // The same again changes nothing and is not audited twice.
    expect((await markOutcome(specialist, ids.mon, { outcome: "took_place" }, now)).changed).toBe(
      false,
    );
    expect((await markOutcome(specialist, ids.mon, { outcome: "no_show" }, now)).changed).toBe(
      true,
    );
    expect(await auditCount()).toBe(before + 2);

    const early = await caught(markOutcome(specialist, ids.nextWeek, { outcome: "no_show" }, now));
    expect(early.code).toBe("conflict");
    expect(early.fieldErrors).toEqual({ _form: "errors.supportOutcomeNotStarted" });
    const cancelled = await caught(
      markOutcome(specialist, ids.tueCancelled, { outcome: "took_place" }, now),
    );
    expect(cancelled.fieldErrors).toEqual({ _form: "errors.supportOutcomeCancelled" });
    const bad = await caught(markOutcome(specialist, ids.lastWeek, { outcome: "maybe" }, now));
    expect(bad.code).toBe("validation");
    expect(bad.fieldErrors).toEqual({ outcome: "errors.supportOutcomeChoose" });
    expect((await caught(markOutcome(specialist, "nie-uuid", { outcome: "no_show" }))).code).toBe(
      "not_found",
    );

    const statuses = Object.fromEntries(
      (
        await db()
          .select({ id: supportBooking.id, status: supportBooking.status })
          .from(supportBooking)
          .where(eq(supportBooking.specialistId, specialistId))
      ).map((r) => [r.id, r.status]),
    );
    expect(statuses[ids.mon]).toBe("no_show");
    expect(statuses[ids.nextWeek]).toBe("booked");
    expect(statuses[ids.tueCancelled]).toBe("cancelled");
    expect(statuses[ids.lastWeek]).toBe("booked");
    expect(await auditCount()).toBe(before + 2);
  });
});
