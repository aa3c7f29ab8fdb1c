// Confidential support, on PGlite and PostgreSQL: a booking is read by its employee and its
// specialist only. Every other role of the centre — coordinator, manager, administrator,
// management, DPO, safety officer, occupational health, another employee — and anyone of
// another centre is told it does not exist, by every reader (services, the JSON API with a
// session or a key); the counts carry no person; the audit log records that bookings changed,
// never who, with whom or which.
import { and, eq } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { createPasswordAccount } from "../access/create-account.ts";
import { ROLES, type Role } from "../access/permissions.ts";
import { roleAssignment } from "../access/schema.ts";
import { signIn } from "../access/sign-in.ts";
import { actorFor, FIXTURE_PASSWORD, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { DAY, HOUR, seedBooking, seedContract, seedSpecialist } from "./booking-test-fixtures.ts";
import { cancelSupportBooking } from "./cancel-booking.ts";
import { findBookingFor } from "./find-booking.ts";
import { findSpecialist } from "./find-specialist.ts";
import { markOutcome } from "./mark-outcome.ts";
import { myBookings } from "./my-bookings.ts";
import { saveSpecialist, specialistFormDefaults } from "./save-specialist.ts";
import { supportBooking } from "./schema.ts";
import {
  bookingForSpecialist,
  bookingView,
  listSpecialistBookings,
} from "./specialist-bookings.ts";
import { supportStats } from "./support-stats.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};

/** Every role that is neither party to the booking (the employee role is the booking's holder). */
const OUTSIDERS = ROLES.filter((r) => r !== "employee" && r !== "specialist");

describe.each(testDbKinds)("support confidentiality (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  const actors = {} as Record<Role, Actor>;
  let otherCoordinator: Actor;
  let otherSpecialist: Actor;
  /** Someone else's booking: Anna Nowak with the external therapist. */
  let foreign: typeof supportBooking.$inferSelect;
  /** The employee's past meeting with the linked specialist, not yet marked. */
  let past: typeof supportBooking.$inferSelect;
  /** The employee's meeting in three days. */
  let future: typeof supportBooking.$inferSelect;
  let specialistId: string;
  /** Words that would betray who booked: names, e-mails, ids. */
  let secrets: string[];

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    for (const r of ROLES) actors[r] = await actorFor(s.users[r].userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    otherSpecialist = await actorFor(other.users.specialist.userId);
    await seedSpecialist(db(), other.centre.id, { userId: other.users.specialist.userId });
    const sp = await seedSpecialist(db(), s.centre.id, { userId: s.users.specialist.userId });
    specialistId = sp.id;
    const external = await seedSpecialist(db(), s.centre.id, {
      name: "Terapia Plus — Jan Zewnętrzny",
      provider: "Terapia Plus sp. z o.o.",
    });
    const now = Date.now();
    past = await seedBooking(db(), {
      centreId: s.centre.id,
      specialistId: sp.id,
      employeeId: s.users.employee.employeeId,
      startsAt: new Date(now - DAY),
    });
    future = await seedBooking(db(), {
      centreId: s.centre.id,
      specialistId: sp.id,
      employeeId: s.users.employee.employeeId,
      startsAt: new Date(now + 3 * DAY),
      kind: "crisis",
    });
    foreign = await seedBooking(db(), {
      centreId: s.centre.id,
      specialistId: external.id,
      employeeId: s.employeeInUnitB.id,
      startsAt: new Date(now + 2 * DAY + 2 * HOUR),
      kind: "coaching",
      mode: "in_person",
    });
    await seedContract(db(), {
      centreId: s.centre.id,
      specialistId: sp.id,
      from: new Date(now - 200 * DAY).toISOString().slice(0, 10),
      to: new Date(now + 200 * DAY).toISOString().slice(0, 10),
      hours: 100,
    });
    secrets = [
      past.id,
      future.id,
      foreign.id,
      s.users.employee.employeeId,
      s.users.employee.email,
      s.employeeInUnitB.id,
      "Nowak",
      s.employeeInUnitB.email,
      "Test employee",
    ];
    app = createApp({ mode: "production", build: noPages });
  });
  afterAll(() => d.drop());

  const reveals = (value: unknown) => {
    const text = JSON.stringify(value);
    return secrets.filter((x) => text.includes(x));
  };

  it("lets the employee read their own booking, without anything about anyone else", async () => {
    const found = await findBookingFor(actors.employee, past.id);
    expect(found).toMatchObject({ asEmployee: true, asSpecialist: false });
    const view = await bookingView(actors.employee, future.id);
    expect(view.viewer).toBe("employee");
    expect(view).not.toHaveProperty("employee");
    expect(view.specialist.name).toBe("Ewa Spokojna");
    expect(view.kind).toBe("crisis");
    // The specialist's own page of it is not theirs.
    expect((await caught(bookingForSpecialist(actors.employee, past.id))).code).toBe("not_found");
    // Nor may they mark it.
    const e = await caught(markOutcome(actors.employee, past.id, { outcome: "took_place" }));
    expect(e.code).toBe("forbidden");
  });

  it("lets the specialist read their bookings with the employee's name, and nobody else's", async () => {
    const view = await bookingForSpecialist(actors.specialist, past.id);
    expect(view.employee).toEqual({
      firstName: "Test",
      lastName: "employee",
      email: s.users.employee.email,
    });
    expect(view.markable).toBe(true);
    const list = await listSpecialistBookings(actors.specialist, {});
    expect(list.rows.map((r) => r.id).sort()).toEqual([past.id, future.id].sort());
    // The external therapist's booking is not theirs to see.
    for (const read of [
      () => findBookingFor(actors.specialist, foreign.id),
      () => bookingView(actors.specialist, foreign.id),
      () => markOutcome(actors.specialist, foreign.id, { outcome: "no_show" }),
      () => cancelSupportBooking(actors.specialist, foreign.id),
    ]) {
      expect((await caught(read())).code).toBe("not_found");
    }
  });

  it("closes the calendar to a linked account whose specialist role was taken away", async () => {
    // The profile still names the account; the role is what the specialist side also needs.
    const former: Actor = {
      ...actors.specialist,
      roles: actors.specialist.roles.filter((r) => r !== "specialist"),
    };
    expect(former.roles).not.toContain("specialist");
    for (const booking of [past, future]) {
      for (const [reader, read] of [
        ["findBookingFor", () => findBookingFor(former, booking.id)],
        ["bookingView", () => bookingView(former, booking.id)],
        ["markOutcome", () => markOutcome(former, booking.id, { outcome: "no_show" })],
        ["cancelSupportBooking", () => cancelSupportBooking(former, booking.id)],
      ] as const) {
        const e = await caught(read());
        expect(`${reader}: ${e.code}`).toBe(`${reader}: not_found`);
        expect(reveals(e)).toEqual([]);
      }
    }
    // With the role, the same account is the booking's specialist.
    expect(await findBookingFor(actors.specialist, past.id)).toMatchObject({ asSpecialist: true });
  });

  it("answers every other role of the centre and of another centre 'not found', by every reader", async () => {
    const outsiders: [string, Actor][] = [
      ...OUTSIDERS.map((r): [string, Actor] => [r, actors[r]]),
      ["other centre's coordinator", otherCoordinator],
      ["other centre's specialist", otherSpecialist],
    ];
    for (const [who, actor] of outsiders) {
      for (const booking of [past, future, foreign]) {
        for (const [reader, read] of [
          ["findBookingFor", () => findBookingFor(actor, booking.id)],
          ["bookingView", () => bookingView(actor, booking.id)],
          ["bookingForSpecialist", () => bookingForSpecialist(actor, booking.id)],
          ["markOutcome", () => markOutcome(actor, booking.id, { outcome: "no_show" })],
          // Not even a bad input is worth a different answer.
          ["markOutcome without input", () => markOutcome(actor, booking.id, {})],
          ["cancelSupportBooking", () => cancelSupportBooking(actor, booking.id)],
        ] as const) {
          const e = await caught(read());
          expect(`${who} ${reader}: ${e.code}`).toBe(`${who} ${reader}: not_found`);
          expect(reveals(e)).toEqual([]);
        }
      }
      // Their own lists hold nothing of these bookings.
      const mine = await myBookings(actor, {});
      expect(reveals(mine)).toEqual([]);
    }
    // The specialist's list is for specialists: nobody else has one.
    for (const r of OUTSIDERS) {
      expect((await caught(listSpecialistBookings(actors[r], {}))).code).toBe("forbidden");
    }
    // Nothing was changed by all those attempts.
    const rows = await db()
      .select({ status: supportBooking.status })
      .from(supportBooking)
      .where(eq(supportBooking.centreId, s.centre.id));
    expect(rows.every((r) => r.status === "booked")).toBe(true);
  });

  it("gives coordinators and management counts only, and nobody else anything", async () => {
    for (const r of ["coordinator", "management"] as const) {
      const stats = await supportStats(actors[r], {
        from: new Date(Date.now() - 30 * DAY).toISOString().slice(0, 10),
        to: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10),
      });
      expect(stats.totals.all).toBe(3);
      expect(stats.byKind.find((k) => k.kind === "crisis")?.upcoming).toBe(1);
      expect(reveals(stats)).toEqual([]);
      // Nothing in the answer is an employee or a booking: only its listed members.
      expect(Object.keys(stats).sort()).toEqual(
        ["byKind", "byMonth", "bySpecialist", "contracts", "from", "to", "totals"].sort(),
      );
      for (const row of stats.bySpecialist) {
        expect(Object.keys(row)).not.toContain("employeeId");
      }
    }
    for (const r of ["manager", "administrator", "dpo", "employee", "specialist"] as const) {
      expect((await caught(supportStats(actors[r], {}))).code).toBe("forbidden");
    }
  });

  describe("through the API", () => {
    const cookies = {} as Record<"employee" | "specialist" | "coordinator" | "manager", string>;
    let coordinatorKey = "";
    let managementKey = "";

    async function call(
      method: string,
      path: string,
      auth: { cookie?: string; key?: string },
      body?: unknown,
    ) {
      const headers: Record<string, string> = {};
      if (auth.cookie) headers.cookie = auth.cookie;
      if (auth.key) headers.authorization = `Bearer ${auth.key}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      return app.request(`/api/v1${path}`, {
        method,
        headers: { ...headers, origin: "http://localhost" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }

    beforeAll(async () => {
      for (const r of ["employee", "specialist", "coordinator", "manager"] as const) {
        const signed = await signIn(s.users[r].email, FIXTURE_PASSWORD, new Headers());
        if (!signed.ok) throw new Error(`${r} could not sign in`);
        cookies[r] = signed.headers
          .getSetCookie()
          .map((c) => c.split(";")[0])
          .join("; ");
      }
      coordinatorKey = (
        await createApiKey(actors.administrator, { name: "Kadry", role: "coordinator" })
      ).key;
      managementKey = (
        await createApiKey(actors.administrator, { name: "Dyrekcja", role: "management" })
      ).key;
    });

    it("answers one booking to its employee and its specialist", async () => {
      const mine = await call("GET", `/support/bookings/${future.id}`, {
        cookie: cookies.employee,
      });
      expect(mine.status).toBe(200);
      const body = (await mine.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ id: future.id, viewer: "employee", kind: "crisis" });
      expect(body.employee).toBeUndefined();
      const theirs = await call("GET", `/support/bookings/${future.id}`, {
        cookie: cookies.specialist,
      });
      expect(theirs.status).toBe(200);
      expect(await theirs.json()).toMatchObject({
        viewer: "specialist",
        employee: { email: s.users.employee.email },
      });
      const list = await call("GET", "/support/specialist/bookings", {
        cookie: cookies.specialist,
      });
      expect(list.status).toBe(200);
      expect(((await list.json()) as { total: number }).total).toBe(2);
    });

    it("denies a coordinator and a manager (session or key) with nothing of the booking", async () => {
      for (const [who, auth] of [
        ["coordinator", { cookie: cookies.coordinator }],
        ["manager", { cookie: cookies.manager }],
        ["coordinator's key", { key: coordinatorKey }],
        ["management's key", { key: managementKey }],
      ] as const) {
        for (const [method, path, body] of [
          ["GET", `/support/bookings/${past.id}`, undefined],
          ["POST", `/support/bookings/${past.id}/outcome`, { outcome: "no_show" }],
          ["POST", `/support/bookings/${future.id}/cancel`, {}],
        ] as const) {
          const res = await call(method, path, auth, body);
          expect(`${who} ${method} ${path.split("/")[3]}: ${res.status}`).toBe(
            `${who} ${method} ${path.split("/")[3]}: 404`,
          );
          const text = await res.text();
          // The problem echoes the path asked for; nothing else of the booking is in it.
          for (const word of [
            s.users.employee.email,
            "employee",
            "Spokojna",
            "crisis",
            "consultation",
            "startsAt",
          ]) {
            expect(text).not.toContain(word);
          }
        }
        const list = await call("GET", "/support/specialist/bookings", auth);
        expect(list.status).toBe(403);
      }
      expect(
        (await db().select().from(supportBooking).where(eq(supportBooking.id, past.id)))[0].status,
      ).toBe("booked");
    });

    it("gives counts to a coordinator, and refuses the manager", async () => {
      const stats = await call("GET", "/support/stats", { cookie: cookies.coordinator });
      expect(stats.status).toBe(200);
      const text = await stats.text();
      expect(secrets.filter((x) => text.includes(x))).toEqual([]);
      expect((await call("GET", "/support/stats", { cookie: cookies.manager })).status).toBe(403);
    });

    it("lets the specialist mark the outcome through the API", async () => {
      const res = await call(
        "POST",
        `/support/bookings/${past.id}/outcome`,
        { cookie: cookies.specialist },
        { outcome: "took_place" },
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ id: past.id, status: "took_place", changed: true });
      const early = await call(
        "POST",
        `/support/bookings/${future.id}/outcome`,
        { cookie: cookies.specialist },
        { outcome: "took_place" },
      );
      expect(early.status).toBe(409);
    });
  });

  it("audits booking changes without an actor, an id or details", async () => {
    // A cancellation by the specialist and a corrected outcome, beside the API's mark above.
    await cancelSupportBooking(actors.specialist, future.id);
    await markOutcome(actors.specialist, past.id, { outcome: "no_show" });
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), eq(auditLog.entityType, "support_booking")));
    expect(rows.map((r) => r.action).sort()).toEqual(
      ["support.booking.cancelled", "support.booking.outcome", "support.booking.outcome"].sort(),
    );
    for (const r of rows) {
      expect(r.actorUserId).toBeNull();
      expect(r.entityId).toBeNull();
      expect(r.details).toEqual({});
      expect(r.requestId).toBeNull();
    }
    // Nowhere in the centre's audit log is a booking, its employee or its specialist named.
    const all = await db().select().from(auditLog).where(eq(auditLog.centreId, s.centre.id));
    const text = JSON.stringify(all);
    for (const x of [past.id, future.id, foreign.id, specialistId]) expect(text).not.toContain(x);
  });

  // Last: these change specialists, whose audit entries name the specialist row.
  describe("the specialist's linked account", () => {
    const accounts: string[] = [];

    beforeAll(async () => {
      for (const n of [1, 2]) {
        const userId = await createPasswordAccount(db(), {
          email: `nowa-${n}@testowo.pl`,
          name: `Nowa Specjalistka ${n}`,
          password: FIXTURE_PASSWORD,
        });
        await db()
          .insert(roleAssignment)
          .values({ centreId: s.centre.id, userId, role: "specialist" });
        accounts.push(userId);
      }
    });

    const formOf = async (id: string, userId: string) => ({
      ...specialistFormDefaults(await findSpecialist(db(), s.centre.id, id)),
      userId,
    });

    it("is not traded for another while the specialist has bookings: the history stays closed", async () => {
      const e = await caught(
        saveSpecialist(actors.coordinator, specialistId, await formOf(specialistId, accounts[0])),
      );
      expect(e.fieldErrors).toEqual({ userId: "errors.supportSpecialistRelink" });
      expect((await findSpecialist(db(), s.centre.id, specialistId)).userId).toBe(
        s.users.specialist.userId,
      );
      const newcomer = await actorFor(accounts[0]);
      expect((await caught(findBookingFor(newcomer, past.id))).code).toBe("not_found");
      expect((await listSpecialistBookings(newcomer, {})).rows).toEqual([]);
    });

    it("moves between accounts while there are no bookings; links a profile without one; unlinks", async () => {
      const fresh = await saveSpecialist(actors.coordinator, null, {
        ...(await formOf(specialistId, accounts[0])),
        name: "Nowa Specjalistka",
      });
      await saveSpecialist(actors.coordinator, fresh, await formOf(fresh, accounts[1]));
      expect((await findSpecialist(db(), s.centre.id, fresh)).userId).toBe(accounts[1]);
      // The external therapist had no account: linking one is allowed.
      const external = foreign.specialistId;
      await saveSpecialist(actors.coordinator, external, await formOf(external, accounts[0]));
      expect((await findSpecialist(db(), s.centre.id, external)).userId).toBe(accounts[0]);
      // Unlinking a specialist with bookings is allowed too: nobody gains anything.
      await saveSpecialist(actors.coordinator, specialistId, await formOf(specialistId, ""));
      expect((await findSpecialist(db(), s.centre.id, specialistId)).userId).toBeNull();
      expect((await caught(findBookingFor(actors.specialist, past.id))).code).toBe("not_found");
    });
  });
});
