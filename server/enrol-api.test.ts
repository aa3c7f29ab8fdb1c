// Enrolment through /api/v1 with a signed-in session, as the activity page's scripts or another
// system would call it: enrol, refusals as Problem Details, one's own list, an activity's list,
// cancelling, and a nomination an employee may not make.
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../modules/access/sign-in.ts";
import { FIXTURE_PASSWORD, seedCentreWithRoles } from "../modules/access/test-fixtures.ts";
import { seedEnrolActivity } from "../modules/programme/enrol-test-fixtures.ts";
import { db } from "../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../platform/testing.ts";
import { createApp } from "./app.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in a server test");
};
const ORIGIN = "http://localhost";

async function sessionCookie(email: string): Promise<string> {
  const r = await signIn(email, FIXTURE_PASSWORD, new Headers());
  if (!r.ok) throw new Error(`sign-in failed: ${r.error}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe.each(testDbKinds)("/api/v1 enrolment (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  let employee: string;
  let coordinator: string;
  let activityId: string;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    app = createApp({ mode: "production", build: noPages });
    employee = await sessionCookie(s.users.employee.email);
    coordinator = await sessionCookie(s.users.coordinator.email);
    activityId = (await seedEnrolActivity(db(), s.centre.id, { capacity: 1 })).activity.id;
  });
  afterAll(() => d.drop());

  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: {
        cookie,
        origin: ORIGIN,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("enrols, refuses a second time with the reason, and lists one's own", async () => {
    const res = await call("POST", `/activities/${activityId}/enrolments`, employee, {});
    expect(res.status).toBe(201);
    const placed = await res.json();
    expect(placed).toMatchObject({ status: "confirmed", waitlistPosition: null });
    expect(Object.keys(placed).sort()).toEqual(["id", "status", "waitlistPosition"]);
    const again = await call("POST", `/activities/${activityId}/enrolments`, employee, {});
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await again.json()).errors).toEqual({
      _form: "Masz już miejsce na tych zajęciach.",
    });
    const mine = await (await call("GET", "/me/enrolments", employee)).json();
    expect(mine.items).toEqual([
      expect.objectContaining({ id: placed.id, activityId, status: "confirmed" }),
    ]);
  });

  it("puts the next one on the waitlist; a coordinator lists and cancels, promoting it", async () => {
    const next = await call("POST", `/activities/${activityId}/enrolments`, coordinator, {
      employeeId: s.employeeInUnitB.id,
    });
    expect(next.status).toBe(201);
    expect(await next.json()).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const list = await (
      await call("GET", `/activities/${activityId}/enrolments?status=all`, coordinator)
    ).json();
    expect(list).toMatchObject({ total: 2, capacity: 1, seatsTaken: 1 });
    expect(list.items.map((e: { status: string }) => e.status)).toEqual([
      "confirmed",
      "waitlisted",
    ]);
    const cancelled = await call("POST", `/enrolments/${list.items[0].id}/cancel`, coordinator);
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", promoted: 1 });
    expect((await call("GET", `/activities/${activityId}/enrolments`, employee)).status).toBe(403);
  });

  it("refuses an employee's nomination, and bad bodies", async () => {
    const nominated = await call("POST", `/activities/${activityId}/enrolments`, employee, {
      employeeId: s.users.manager.employeeId,
    });
    expect(nominated.status).toBe(403);
    const bad = await call("POST", `/activities/${activityId}/enrolments`, coordinator, {
      employeeId: "nie-uuid",
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toHaveProperty("employeeId");
    expect((await call("POST", "/activities/nie-uuid/enrolments", employee, {})).status).toBe(404);
  });
});
