// The catalogue's /api/v1 operations through the HTTP app, as another system calls them: with
// an integration key of one centre and one role.
import { and, count, eq } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { activityTypeByCode } from "./activity-types.ts";
import { enrol } from "./enrol.ts";
import { catalogueTypes } from "./list-activities.ts";
import { programmeActivity, programmeSession } from "./schema.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};
const PROBLEM = /^application\/problem\+json/;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Json = Record<string, unknown>;

describe.each(testDbKinds)("catalogue /api/v1 (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  let employee: Actor;
  let specialist: Actor;
  const keys = { coordinator: "", administrator: "", employee: "", other: "" };
  let trainingType: string;

  async function call(
    method: string,
    path: string,
    opts: { key?: string; body?: unknown; raw?: string; lang?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    if (opts.lang) headers["accept-language"] = opts.lang;
    const hasBody = opts.body !== undefined || opts.raw !== undefined;
    if (hasBody) headers["content-type"] = "application/json";
    return app.request(`/api/v1${path}`, {
      method,
      headers,
      body: hasBody ? (opts.raw ?? JSON.stringify(opts.body)) : undefined,
    });
  }
  const json = async (res: Response) => (await res.json()) as Json;

  const at = (days: number, hour: number) =>
    new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + hour * HOUR).toISOString();

  const activityBody = (over: Json = {}) => ({
    typeId: trainingType,
    title: "Bezpieczeństwo w pracy w terenie",
    description: "Zasady wizyt domowych.",
    provider: "Zespół ds. szkoleń",
    format: "in_person",
    capacity: 2,
    cost: "2 400,00",
    ...over,
  });

  /** A published activity with one session in ten days, made through the API. */
  async function published(over: Json = {}) {
    const created = await call("POST", "/activities", {
      key: keys.coordinator,
      body: activityBody(over),
    });
    expect(created.status).toBe(201);
    const a = await json(created);
    const session = await call("POST", `/activities/${a.id}/sessions`, {
      key: keys.coordinator,
      body: { startsAt: at(10, 8), endsAt: at(10, 12), place: "Sala 3" },
    });
    expect(session.status).toBe(201);
    const p = await call("POST", `/activities/${a.id}/publish`, { key: keys.coordinator });
    expect(p.status).toBe(200);
    return { id: a.id as string, sessionId: (await json(session)).id as string };
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    app = createApp({ mode: "production", build: noPages });
    const admin = await actorFor(s.users.administrator.userId);
    for (const role of ["coordinator", "administrator", "employee"] as const) {
      keys[role] = (await createApiKey(admin, { name: `Klucz ${role}`, role })).key;
    }
    const otherAdmin = await actorFor(other.users.administrator.userId);
    keys.other = (await createApiKey(otherAdmin, { name: "Obcy", role: "coordinator" })).key;
    employee = await actorFor(s.users.employee.userId);
    specialist = await actorFor(s.users.specialist.userId);
    await catalogueTypes(employee);
    trainingType = (await activityTypeByCode(db(), s.centre.id, "training"))!.id;
  });
  afterAll(() => d.drop());

  it("describes every catalogue operation in the OpenAPI document", async () => {
    const doc = await json(await app.request("/api/v1/openapi.json"));
    const paths = doc.paths as Record<string, Record<string, { "x-permission"?: string }>>;
    const ops = Object.entries(paths).flatMap(([p, m]) =>
      Object.entries(m).map(([method, o]) => `${method.toUpperCase()} ${p} ${o["x-permission"]}`),
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        "GET /activities programme.enrol",
        "GET /activities/{id} programme.enrol",
        "POST /activities programme.manage",
        "PATCH /activities/{id} programme.manage",
        "POST /activities/{id}/publish programme.manage",
        "POST /activities/{id}/cancel programme.manage",
        "GET /activities/{id}/sessions programme.enrol",
        "POST /activities/{id}/sessions programme.manage",
        "PATCH /sessions/{id} programme.manage",
        "POST /sessions/{id}/cancel programme.manage",
      ]),
    );
  });

  it("creates a draft, adds sessions and publishes; everyone of the centre then sees it", async () => {
    const created = await call("POST", "/activities", {
      key: keys.coordinator,
      body: activityBody({
        target: { unitIds: [s.unitA.id] },
        enrolClosesAt: at(9, 12),
      }),
    });
    expect(created.status).toBe(201);
    const a = await json(created);
    expect(a).toMatchObject({
      status: "draft",
      title: "Bezpieczeństwo w pracy w terenie",
      typeCode: "training",
      costGrosze: 240000,
      capacity: 2,
      placesLeft: 2,
      hourUnit: "clock",
      completionPercent: 80,
      target: { staffGroupIds: [], positionIds: [], unitIds: [s.unitA.id] },
      enrolClosesAt: at(9, 12),
    });
    // A draft is not there for an employee's key.
    expect((await call("GET", `/activities/${a.id}`, { key: keys.employee })).status).toBe(404);
    const publishEarly = await call("POST", `/activities/${a.id}/publish`, {
      key: keys.coordinator,
    });
    expect(publishEarly.status).toBe(422);
    expect((await json(publishEarly)).errors).toEqual({
      _form: "Zajęcia muszą mieć co najmniej jeden termin, aby je opublikować.",
    });
    for (const day of [10, 11]) {
      const r = await call("POST", `/activities/${a.id}/sessions`, {
        key: keys.coordinator,
        body: { startsAt: at(day, 8), endsAt: at(day, 12), place: "Sala 3" },
      });
      expect(r.status).toBe(201);
      expect(await json(r)).toMatchObject({ activityId: a.id, sequence: 0, cancelledAt: null });
    }
    const pub = await json(
      await call("POST", `/activities/${a.id}/publish`, { key: keys.coordinator }),
    );
    expect(pub).toMatchObject({ status: "published", plannedMinutes: 480, hoursCenti: 800 });
    const seen = await call("GET", `/activities/${a.id}`, { key: keys.employee });
    expect(seen.status).toBe(200);
    const sessions = await json(
      await call("GET", `/activities/${a.id}/sessions`, { key: keys.employee }),
    );
    expect((sessions.items as Json[]).map((x) => x.startsAt)).toEqual([at(10, 8), at(11, 8)]);
    const list = await json(await call("GET", "/activities?q=terenie", { key: keys.employee }));
    expect((list.items as Json[]).map((x) => x.id)).toContain(a.id);
    // A key is no person: there is nothing it could join itself.
    const open = await json(await call("GET", "/activities?open=1", { key: keys.employee }));
    expect(open.items).toEqual([]);
    expect(list).toMatchObject({ page: 1, pageSize: 25 });
  });

  it("refuses bad bodies with field messages in Polish or English, and malformed JSON", async () => {
    const bad = await call("POST", "/activities", {
      key: keys.coordinator,
      body: activityBody({ title: "", capacity: 0, cost: "dwa tysiące", format: "radio" }),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(PROBLEM);
    expect((await json(bad)).errors).toEqual({
      title: "To pole jest wymagane.",
      capacity: "Podaj liczbę miejsc od 1 do 10 000.",
      cost: "Podaj kwotę w złotych, np. 1 234,50.",
      format: "To pole jest wymagane.",
    });
    const { id } = await published();
    const backwards = await call("POST", `/activities/${id}/sessions`, {
      key: keys.coordinator,
      lang: "en",
      body: { startsAt: at(12, 12), endsAt: at(12, 10), place: "Sala" },
    });
    expect(backwards.status).toBe(422);
    expect((await json(backwards)).errors).toEqual({ endsAt: "The end must be after the start." });
    const notJson = await call("POST", "/activities", { key: keys.coordinator, raw: "{" });
    expect(notJson.status).toBe(400);
    const notObject = await call("PATCH", `/activities/${id}`, {
      key: keys.coordinator,
      body: [1],
    });
    expect(notObject.status).toBe(422);
    const forbidden = await call("POST", "/activities", {
      key: keys.employee,
      body: activityBody(),
    });
    expect(forbidden.status).toBe(403);
  });

  it("changes only the fields sent, and never lowers the capacity below the places taken", async () => {
    const { id } = await published();
    await enrol(employee, id, {});
    await enrol(specialist, id, {});
    const lower = await call("PATCH", `/activities/${id}`, {
      key: keys.coordinator,
      body: { capacity: 1 },
    });
    expect(lower.status).toBe(422);
    const problem = await json(lower);
    expect(problem).toMatchObject({
      seatsTaken: 2,
      errors: {
        capacity: "Liczba miejsc nie może być mniejsza niż liczba miejsc już zajętych.",
      },
    });
    const patched = await json(
      await call("PATCH", `/activities/${id}`, {
        key: keys.coordinator,
        body: { title: "Nowy tytuł", capacity: 5 },
      }),
    );
    expect(patched).toMatchObject({
      title: "Nowy tytuł",
      capacity: 5,
      seatsTaken: 2,
      placesLeft: 3,
      costGrosze: 240000,
      description: "Zasady wizyt domowych.",
    });
  });

  it("announces a changed or cancelled session to the people enrolled", async () => {
    const { id, sessionId } = await published();
    const second = await json(
      await call("POST", `/activities/${id}/sessions`, {
        key: keys.coordinator,
        body: { startsAt: at(11, 8), endsAt: at(11, 12), place: "Sala 3" },
      }),
    );
    await enrol(employee, id, {});
    const mails = async () =>
      (
        await db()
          .select({ n: count() })
          .from(mailOutbox)
          .where(eq(mailOutbox.toAddress, s.users.employee.email))
      )[0].n;
    const before = await mails();
    const moved = await call("PATCH", `/sessions/${sessionId}`, {
      key: keys.coordinator,
      body: { startsAt: at(10, 9), endsAt: at(10, 13) },
    });
    expect(moved.status).toBe(200);
    expect(await json(moved)).toMatchObject({ startsAt: at(10, 9), place: "Sala 3", sequence: 1 });
    expect(await mails()).toBe(before + 1);
    const cancelled = await call("POST", `/sessions/${second.id}/cancel`, {
      key: keys.coordinator,
    });
    expect(cancelled.status).toBe(200);
    expect(await mails()).toBe(before + 2);
    const last = await call("POST", `/sessions/${sessionId}/cancel`, { key: keys.coordinator });
    expect(last.status).toBe(409);
    const [stored] = await db()
      .select()
      .from(programmeSession)
      .where(eq(programmeSession.id, second.id as string));
    expect(stored.cancelledAt).not.toBeNull();
  });

  it("cancels an activity, releasing its enrolments", async () => {
    const { id } = await published();
    await enrol(employee, id, {});
    const r = await call("POST", `/activities/${id}/cancel`, { key: keys.coordinator });
    expect(r.status).toBe(200);
    expect(await json(r)).toMatchObject({ status: "cancelled", seatsTaken: 0 });
    const again = await call("POST", `/activities/${id}/cancel`, { key: keys.coordinator });
    expect(again.status).toBe(409);
    const seen = await call("GET", `/activities/${id}`, { key: keys.employee });
    expect(seen.status).toBe(200);
  });

  it("answers 404 to another centre's key on this centre's records, and changes nothing", async () => {
    const { id, sessionId } = await published();
    const [before] = await db()
      .select()
      .from(programmeActivity)
      .where(eq(programmeActivity.id, id));
    const attempts: [string, string, unknown][] = [
      ["GET", `/activities/${id}`, undefined],
      ["GET", `/activities/${id}/sessions`, undefined],
      ["PATCH", `/activities/${id}`, { title: "Przejęte" }],
      ["PATCH", `/activities/${id}`, { capacity: -1 }],
      ["POST", `/activities/${id}/sessions`, {}],
      ["POST", `/activities/${id}/publish`, undefined],
      ["POST", `/activities/${id}/cancel`, undefined],
      ["POST", `/activities/${id}/sessions`, { startsAt: at(3, 8), endsAt: at(3, 9), place: "X" }],
      ["PATCH", `/sessions/${sessionId}`, { place: "Obca sala" }],
      ["POST", `/sessions/${sessionId}/cancel`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const r = await call(method, path, { key: keys.other, body });
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.headers.get("content-type")).toMatch(PROBLEM);
    }
    const [after] = await db().select().from(programmeActivity).where(eq(programmeActivity.id, id));
    expect(after).toEqual(before);
    const list = await json(
      await call("GET", "/activities?status=all&when=all&pageSize=200", { key: keys.other }),
    );
    expect((list.items as Json[]).map((x) => x.id)).not.toContain(id);
    for (const bad of ["nie-uuid", "00000000-0000-0000-0000-000000000000"]) {
      expect((await call("GET", `/activities/${bad}`, { key: keys.coordinator })).status).toBe(404);
      expect(
        (await call("PATCH", `/sessions/${bad}`, { key: keys.coordinator, body: {} })).status,
      ).toBe(404);
    }
    const sessions = await db()
      .select({ n: count() })
      .from(programmeSession)
      .where(and(eq(programmeSession.activityId, id)));
    expect(sessions[0].n).toBe(1);
  });
});
