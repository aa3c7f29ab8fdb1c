// The survey's /api/v1 operations through the HTTP app, as another system (with a key) and as
// an anonymous respondent (no key, no cookie) would call them. The client address is the
// connection's, given to the app the way the Node server gives it.
import { and, count, eq, isNotNull } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetConfig } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { logger } from "../../platform/logger.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { employee, orgUnit, staffGroup } from "../org/schema.ts";
import {
  surveyComment,
  surveyCycle,
  surveyInstrument,
  surveyPaperCode,
  surveyParticipation,
  surveyResponse,
} from "./schema.ts";
import { miniInstrument, tokensOf } from "./test-fixtures.ts";
import { TOKEN_GUESS_LIMIT, tokenGuesses } from "./token-guesses.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};
const PROBLEM = /^application\/problem\+json/;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Json = Record<string, unknown>;

describe.each(testDbKinds)("survey /api/v1 (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  let coordinator: Actor;
  const keys = { coordinator: "", administrator: "", employee: "", management: "", other: "" };
  let groupId: string;

  type CallOptions = {
    key?: string;
    body?: unknown;
    raw?: string;
    ip?: string;
    headers?: Record<string, string>;
  };
  /** A request as the Node server hands it to the app, from the address `ip`. */
  async function call(method: string, path: string, opts: CallOptions = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    const hasBody = opts.body !== undefined || opts.raw !== undefined;
    if (hasBody) headers["content-type"] = "application/json";
    const ip = opts.ip ?? "192.0.2.10";
    return app.request(
      `/api/v1${path}`,
      {
        method,
        headers,
        body: hasBody ? (opts.raw ?? JSON.stringify(opts.body)) : undefined,
      },
      {
        incoming: {
          socket: { remoteAddress: ip, remoteFamily: ip.includes(":") ? "IPv6" : "IPv4" },
        },
      },
    );
  }
  const json = async (res: Response) => (await res.json()) as Json;
  const submit = (body: unknown, opts: Omit<CallOptions, "body"> = {}) =>
    call("POST", "/responses", { ...opts, body });

  async function countsOf(cycleId: string) {
    const [[r], [c], [spent], [used], [a]] = await Promise.all([
      db().select({ n: count() }).from(surveyResponse).where(eq(surveyResponse.cycleId, cycleId)),
      db().select({ n: count() }).from(surveyComment).where(eq(surveyComment.cycleId, cycleId)),
      db()
        .select({ n: count() })
        .from(surveyParticipation)
        .where(
          and(eq(surveyParticipation.cycleId, cycleId), isNotNull(surveyParticipation.answeredOn)),
        ),
      db()
        .select({ n: count() })
        .from(surveyPaperCode)
        .where(and(eq(surveyPaperCode.cycleId, cycleId), isNotNull(surveyPaperCode.usedOn))),
      db().select({ n: count() }).from(auditLog),
    ]);
    return { responses: r.n, comments: c.n, spent: spent.n + used.n, audit: a.n };
  }

  /** A cycle made and opened through the API; its tokens from the mail log. */
  async function openedCycle(
    name: string,
    opts: { opensAt?: Date; population?: Json } = {},
  ): Promise<{ id: string; tokens: string[] }> {
    const inst = await json(
      await call("POST", "/instruments", { key: keys.coordinator, body: miniInstrument() }),
    );
    const created = await call("POST", "/cycles", {
      key: keys.coordinator,
      body: {
        instrumentId: inst.id,
        name,
        opensAt: (opts.opensAt ?? new Date(Date.now() - HOUR)).toISOString(),
        closesAt: new Date(Date.now() + 14 * DAY).toISOString(),
        population: opts.population ?? { unitIds: [s.unitA.id, s.unitB.id] },
      },
    });
    expect(created.status).toBe(201);
    const { id } = await json(created);
    const opened = await call("POST", `/cycles/${id}/open`, { key: keys.coordinator });
    expect(opened.status).toBe(200);
    return { id: id as string, tokens: [...(await tokensOf(name)).values()] };
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    app = createApp({ mode: "production", build: noPages });
    coordinator = await actorFor(s.users.coordinator.userId);
    const admin = await actorFor(s.users.administrator.userId);
    for (const role of ["coordinator", "administrator", "employee", "management"] as const) {
      keys[role] = (await createApiKey(admin, { name: `Klucz ${role}`, role })).key;
    }
    const otherAdmin = await actorFor(other.users.administrator.userId);
    keys.other = (await createApiKey(otherAdmin, { name: "Obcy", role: "coordinator" })).key;
    const [g] = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.id, s.position.staffGroupId));
    groupId = g.id;
    expect(coordinator.roles).toContain("coordinator");
  });
  afterAll(() => d.drop());
  beforeEach(() => tokenGuesses().reset());

  describe("instruments", () => {
    it("imports a new version only when the definition changed, lists and exports it", async () => {
      const slug = "api-mini";
      const first = await call("POST", "/instruments", {
        key: keys.coordinator,
        body: miniInstrument(slug),
      });
      expect(first.status).toBe(201);
      const v1 = await json(first);
      expect(v1).toEqual({ id: expect.any(String), slug, version: 1, created: true });

      // The same definition again, keys in another order: the stored version, nothing new.
      const { sections, ...rest } = miniInstrument(slug);
      const again = await json(
        await call("POST", "/instruments", { key: keys.coordinator, body: { sections, ...rest } }),
      );
      expect(again).toEqual({ ...v1, created: false });

      const changed = miniInstrument(slug);
      changed.title = { pl: "Ankieta testowa, wersja 2", en: "Test survey, version 2" };
      const v2 = await json(
        await call("POST", "/instruments", { key: keys.administrator, body: changed }),
      );
      expect(v2).toMatchObject({ slug, version: 2, created: true });

      const list = await json(await call("GET", "/instruments", { key: keys.coordinator }));
      const mine = (list.items as Json[]).filter((i) => i.slug === slug);
      expect(mine).toEqual([
        {
          id: v2.id,
          slug,
          version: 2,
          title: changed.title,
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        },
        {
          id: v1.id,
          slug,
          version: 1,
          title: { pl: "Ankieta testowa", en: "Test survey" },
          createdAt: expect.any(String),
        },
      ]);

      // Export, then import into another centre: the same questions, as its version 1.
      const exported = await call("GET", `/instruments/${v1.id}`, { key: keys.coordinator });
      expect(exported.status).toBe(200);
      const definition = await json(exported);
      const [stored] = await db()
        .select()
        .from(surveyInstrument)
        .where(eq(surveyInstrument.id, v1.id as string));
      expect(definition).toEqual(stored.definition);
      const imported = await call("POST", "/instruments", { key: keys.other, body: definition });
      expect(await json(imported)).toMatchObject({ slug, version: 1, created: true });
    });

    it("refuses an invalid instrument with every problem, its path and code, storing nothing", async () => {
      const bad = miniInstrument("api-bad");
      bad.scales![0].items = ["q1", "q2", "brak"];
      (bad.sections[0].items[1] as Json).showIf = { item: "q3", equals: 1 };
      const [before] = await db().select({ n: count() }).from(surveyInstrument);
      const res = await call("POST", "/instruments", { key: keys.coordinator, body: bad });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
      const body = await json(res);
      expect(body.type).toBe("about:blank#validation");
      const problems = body.instrumentErrors as { path: string; code: string; message: string }[];
      expect(problems.map((p) => p.code)).toEqual(
        expect.arrayContaining(["scale.unknownItem", "showIf.laterItem"]),
      );
      // Each wrong path is a field error, in Polish.
      for (const p of problems) {
        expect((body.errors as Json)[p.path]).toBe("Ten plik nie jest poprawną ankietą.");
      }
      const [after] = await db().select({ n: count() }).from(surveyInstrument);
      expect(after.n).toBe(before.n);
      const notJson = await call("POST", "/instruments", {
        key: keys.coordinator,
        raw: '{"id": "x",',
      });
      expect(notJson.status).toBe(400);
    });

    it("answers 403 without survey.manage and 404 for another centre's instrument", async () => {
      const v = await json(
        await call("POST", "/instruments", { key: keys.coordinator, body: miniInstrument("own") }),
      );
      for (const key of [keys.employee, keys.management]) {
        expect((await call("GET", "/instruments", { key })).status).toBe(403);
        const post = await call("POST", "/instruments", { key, body: miniInstrument("x") });
        expect(post.status).toBe(403);
      }
      expect((await call("GET", `/instruments/${v.id}`, { key: keys.other })).status).toBe(404);
      const theirs = await json(await call("GET", "/instruments", { key: keys.other }));
      expect((theirs.items as Json[]).map((i) => i.id)).not.toContain(v.id);
      expect((await call("GET", "/instruments/nie-uuid", { key: keys.coordinator })).status).toBe(
        404,
      );
    });
  });

  describe("cycles", () => {
    it("creates, shows, opens, lists, makes paper codes and closes a cycle", async () => {
      const inst = await json(
        await call("POST", "/instruments", { key: keys.coordinator, body: miniInstrument() }),
      );
      const opensAt = new Date(Date.now() - HOUR);
      const closesAt = new Date(Date.now() + 7 * DAY);
      const created = await call("POST", "/cycles", {
        key: keys.coordinator,
        body: {
          instrumentId: inst.id,
          name: "Cykl przez API",
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
          population: { unitIds: [s.unitB.id] },
        },
      });
      expect(created.status).toBe(201);
      const { id, ...restOfCreated } = await json(created);
      expect(restOfCreated).toEqual({});

      const draft = await json(await call("GET", `/cycles/${id}`, { key: keys.coordinator }));
      expect(draft).toMatchObject({
        id,
        name: "Cykl przez API",
        kind: "staff",
        status: "draft",
        instrumentId: inst.id,
        instrumentSlug: "mini",
        opensAt: opensAt.toISOString(),
        closesAt: closesAt.toISOString(),
        openedAt: null,
        closedAt: null,
        population: { unitIds: [s.unitB.id] },
        minGroupSize: 5,
        minCommentGroupSize: 10,
        invited: 0,
        answered: 0,
        responses: 0,
      });

      const opened = await call("POST", `/cycles/${id}/open`, { key: keys.coordinator });
      expect(opened.status).toBe(200);
      expect(await json(opened)).toMatchObject({ status: "open", invited: 1, answered: 0 });
      const twice = await call("POST", `/cycles/${id}/open`, { key: keys.coordinator });
      expect(twice.status).toBe(409);
      expect((await json(twice)).errors).toEqual({
        _form: "Tę ankietę już otwarto — można ją tylko zamknąć.",
      });

      const [anna] = [...(await tokensOf("Cykl przez API")).values()];
      expect((await submit({ token: anna, answers: { q1: 4 } })).status).toBe(201);

      const codes = await call("POST", `/cycles/${id}/paper-codes`, {
        key: keys.coordinator,
        body: { unitId: s.unitB.id, staffGroupId: groupId, count: 3 },
      });
      expect(codes.status).toBe(201);
      const { codes: list } = (await json(codes)) as { codes: string[] };
      expect(list).toHaveLength(3);
      for (const c of list) expect(c).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect((await submit({ token: list[0].toLowerCase(), answers: { q1: 2 } })).status).toBe(201);

      const listed = await json(
        await call("GET", "/cycles?q=przez%20api&status=open", { key: keys.coordinator }),
      );
      expect(listed).toMatchObject({ total: 1, page: 1, pageSize: 25 });
      expect(listed.items).toEqual([
        {
          id,
          name: "Cykl przez API",
          kind: "staff",
          status: "open",
          instrumentId: inst.id,
          instrumentVersion: 1,
          opensAt: opensAt.toISOString(),
          closesAt: closesAt.toISOString(),
          autoOpen: false,
          invited: 1,
          answered: 1,
          responses: 2,
        },
      ]);

      const closed = await call("POST", `/cycles/${id}/close`, { key: keys.administrator });
      expect(closed.status).toBe(200);
      expect(await json(closed)).toMatchObject({
        status: "closed",
        closedAt: expect.any(String),
        invited: 1,
        answered: 1,
        responses: 2,
      });
      const again = await call("POST", `/cycles/${id}/close`, { key: keys.coordinator });
      expect(again.status).toBe(409);
      const late = await call("POST", `/cycles/${id}/paper-codes`, {
        key: keys.coordinator,
        body: { unitId: s.unitB.id, staffGroupId: groupId, count: 1 },
      });
      expect(late.status).toBe(409);
    });

    it("lists with paging and sorting", async () => {
      const inst = await json(
        await call("POST", "/instruments", { key: keys.coordinator, body: miniInstrument() }),
      );
      for (const name of ["Sortowanie B", "Sortowanie A", "Sortowanie C"]) {
        await call("POST", "/cycles", {
          key: keys.coordinator,
          body: {
            instrumentId: inst.id,
            name,
            opensAt: new Date(Date.now() + DAY).toISOString(),
            closesAt: new Date(Date.now() + 9 * DAY).toISOString(),
          },
        });
      }
      const page = async (q: string) =>
        json(await call("GET", `/cycles?q=sortowanie&${q}`, { key: keys.coordinator }));
      const first = await page("sort=name&dir=asc&pageSize=2");
      expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect((first.items as Json[]).map((c) => c.name)).toEqual(["Sortowanie A", "Sortowanie B"]);
      const second = await page("sort=name&dir=asc&pageSize=2&page=2");
      expect((second.items as Json[]).map((c) => c.name)).toEqual(["Sortowanie C"]);
      const desc = await page("sort=name&dir=desc");
      expect((desc.items as Json[]).map((c) => c.name)).toEqual([
        "Sortowanie C",
        "Sortowanie B",
        "Sortowanie A",
      ]);
      expect((await page("status=closed")).total).toBe(0);
    });

    it("refuses bad input field by field and changes nothing", async () => {
      const inst = await json(
        await call("POST", "/instruments", { key: keys.coordinator, body: miniInstrument() }),
      );
      const [before] = await db().select({ n: count() }).from(surveyCycle);
      const bad = await call("POST", "/cycles", {
        key: keys.coordinator,
        body: { instrumentId: inst.id, name: "", opensAt: "jutro", closesAt: 5 },
      });
      expect(bad.status).toBe(422);
      expect(Object.keys((await json(bad)).errors as Json).sort()).toEqual([
        "closesAt",
        "name",
        "opensAt",
      ]);
      const backwards = await call("POST", "/cycles", {
        key: keys.coordinator,
        body: {
          instrumentId: inst.id,
          name: "Wstecz",
          opensAt: new Date(Date.now() + 2 * DAY).toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
        },
      });
      expect((await json(backwards)).errors).toEqual({
        closesAt:
          "Data zamknięcia musi być późniejsza niż data otwarcia i przypadać w przyszłości.",
      });
      const theirUnit = await call("POST", "/cycles", {
        key: keys.coordinator,
        body: {
          instrumentId: inst.id,
          name: "Obca komórka",
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
          population: { unitIds: [other.unitA.id] },
        },
      });
      expect(theirUnit.status).toBe(422);
      expect(Object.keys((await json(theirUnit)).errors as Json)).toEqual(["population.unitIds"]);
      // Another centre's instrument is unknown here.
      const theirs = await json(
        await call("POST", "/instruments", { key: keys.other, body: miniInstrument("obca") }),
      );
      const foreign = await call("POST", "/cycles", {
        key: keys.coordinator,
        body: {
          instrumentId: theirs.id,
          name: "Obca ankieta",
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
        },
      });
      expect((await json(foreign)).errors).toEqual({
        instrumentId: "Nie ma takiej ankiety w ośrodku.",
      });
      const [after] = await db().select({ n: count() }).from(surveyCycle);
      expect(after.n).toBe(before.n);

      const { id } = await openedCycle("Kody złe");
      for (const count of [0, 501, "dużo"]) {
        const res = await call("POST", `/cycles/${id}/paper-codes`, {
          key: keys.coordinator,
          body: { unitId: s.unitA.id, staffGroupId: groupId, count },
        });
        expect(res.status).toBe(422);
        expect((await json(res)).errors).toEqual({ count: "Podaj liczbę kodów od 1 do 500." });
      }
    });

    it("answers 404 to another centre's key on every cycle and leaves the cycle as it was", async () => {
      const { id } = await openedCycle("Cudzy cykl");
      const [before] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, id));
      const attempts: [string, string, unknown][] = [
        ["GET", `/cycles/${id}`, undefined],
        ["POST", `/cycles/${id}/close`, undefined],
        ["POST", `/cycles/${id}/open`, undefined],
        [
          "POST",
          `/cycles/${id}/paper-codes`,
          { unitId: other.unitA.id, staffGroupId: groupId, count: 5 },
        ],
      ];
      for (const [method, path, body] of attempts) {
        const res = await call(method, path, { key: keys.other, body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.headers.get("content-type")).toMatch(PROBLEM);
      }
      const list = await json(await call("GET", "/cycles?pageSize=200", { key: keys.other }));
      expect((list.items as Json[]).map((c) => c.id)).not.toContain(id);
      const [after] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, id));
      expect(after).toEqual(before);
      const codes = await db()
        .select({ n: count() })
        .from(surveyPaperCode)
        .where(eq(surveyPaperCode.cycleId, id));
      expect(codes[0].n).toBe(0);
      for (const key of [keys.employee, keys.management]) {
        expect((await call("POST", `/cycles/${id}/close`, { key })).status).toBe(403);
      }
    });
  });

  describe("POST /responses (public)", () => {
    let logged: string[];
    beforeEach(() => {
      logged = [];
      for (const level of ["trace", "debug", "info", "warn", "error", "fatal"] as const) {
        vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => {
          logged.push(JSON.stringify(args));
        }) as never);
      }
    });
    afterEach(() => vi.restoreAllMocks());

    it("is marked public in the OpenAPI document, beside only the certificate check", async () => {
      const doc = await json(await call("GET", "/openapi.json"));
      const paths = doc.paths as Record<string, Record<string, Json>>;
      expect(paths["/responses"].post).toMatchObject({ security: [], "x-public": true });
      expect(paths["/responses"].post["x-permission"]).toBeUndefined();
      // Anyone holding a certificate may have it checked; nothing else goes without a key.
      const publicPaths = ["/responses", "/certificates/verify/{number}"];
      expect(paths["/certificates/verify/{number}"].get).toMatchObject({ security: [] });
      for (const [path, methods] of Object.entries(paths)) {
        for (const [method, op] of Object.entries(methods)) {
          if (publicPaths.includes(path)) continue;
          expect(op.security, `${method} ${path}`).toBeUndefined();
          expect(op["x-permission"], `${method} ${path}`).toEqual(expect.any(String));
        }
      }
    });

    it("stores an answer sent with no key and no cookie: 201 with an empty body, no audit, no log of token or address", async () => {
      const { id, tokens } = await openedCycle("Publiczny zapis");
      const before = await countsOf(id);
      const ip = "198.51.100.23";
      const res = await submit(
        { token: tokens[0], answers: { q1: 5, q2: 1, t1: "<b>Za dużo spraw</b>" } },
        { ip },
      );
      expect(res.status).toBe(201);
      expect(await res.text()).toBe("{}");
      const after = await countsOf(id);
      expect(after).toEqual({
        ...before,
        responses: before.responses + 1,
        comments: before.comments + 1,
        spent: before.spent + 1,
      });
      // A key sent along changes nothing: still no audit entry for an answer.
      const withKey = await submit(
        { token: tokens[1], answers: { q1: 1 } },
        { key: keys.coordinator },
      );
      expect(withKey.status).toBe(201);
      expect((await countsOf(id)).audit).toBe(before.audit);
      const all = logged.join("\n");
      expect(all).not.toContain(tokens[0]);
      expect(all).not.toContain(tokens[1]);
      expect(all).not.toContain(ip);
    });

    it("answers a replay 409 in Polish (English on request), and the same token twice at once exactly one 201", async () => {
      const { id, tokens } = await openedCycle("Powtórka");
      expect((await submit({ token: tokens[0], answers: { q1: 3 } })).status).toBe(201);
      const replay = await submit({ token: tokens[0], answers: { q1: 1 } });
      expect(replay.status).toBe(409);
      expect(replay.headers.get("content-type")).toMatch(PROBLEM);
      expect(await json(replay)).toMatchObject({
        type: "about:blank#conflict",
        status: 409,
        errors: { token: "Ta ankieta została już wypełniona — każdy link działa raz." },
      });
      const en = await submit(
        { token: tokens[0], answers: { q1: 1 } },
        { headers: { "accept-language": "en" } },
      );
      expect((await json(en)).errors).toEqual({
        token: "This survey has already been filled in — each link works once.",
      });

      const before = await countsOf(id);
      const both = await Promise.all([
        submit({ token: tokens[1], answers: { q1: 2 } }),
        submit({ token: tokens[1], answers: { q1: 4 } }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      const after = await countsOf(id);
      expect(after.responses).toBe(before.responses + 1);
      expect(after.spent).toBe(before.spent + 1);
    });

    it("answers 404 to an unknown token or another cycle's, 410 when closed, 409 before opening", async () => {
      const a = await openedCycle("Cykl A");
      const b = await openedCycle("Cykl B");
      const unknown = await submit({ token: "nie-ma-takiego-tokenu", answers: { q1: 3 } });
      expect(unknown.status).toBe(404);
      expect((await json(unknown)).errors).toEqual({
        token:
          "Nie ma ankiety pod tym linkiem — sprawdź, czy link lub kod jest przepisany w całości.",
      });
      const wrongCycle = await submit({ token: b.tokens[0], answers: { q1: 3 }, cycleId: a.id });
      expect(wrongCycle.status).toBe(404);
      expect((await submit({ token: b.tokens[0], answers: { q1: 3 }, cycleId: b.id })).status).toBe(
        201,
      );

      await call("POST", `/cycles/${a.id}/close`, { key: keys.coordinator });
      const closed = await submit({ token: a.tokens[0], answers: { q1: 3 } });
      expect(closed.status).toBe(410);
      expect((await json(closed)).errors).toEqual({
        token: "Ankieta jest już zamknięta — odpowiedzi nie są przyjmowane.",
      });

      const later = await openedCycle("Cykl później", { opensAt: new Date(Date.now() + DAY) });
      const early = await submit({ token: later.tokens[0], answers: { q1: 3 } });
      expect(early.status).toBe(409);
      expect((await json(early)).errors).toEqual({
        token: "Ankieta jeszcze się nie rozpoczęła — wróć do tego linku w dniu jej otwarcia.",
      });
      for (const c of [a, later]) {
        expect((await countsOf(c.id)).responses).toBe(0);
      }
    });

    it.runIf(kind === "postgres")(
      "makes a submission wait for a close in progress, then refuses it 410 and stores nothing",
      async () => {
        const { id, tokens } = await openedCycle("Zamykanie w toku");
        const before = await countsOf(id);
        let pending: Promise<Response> | undefined;
        await d.rawTransaction(async (raw) => {
          // What closeCycle does: the cycle row locked FOR UPDATE until its transaction ends.
          await raw("select id from survey_cycle where id = $1 for update", [id]);
          pending = submit({ token: tokens[0], answers: { q1: 3 } });
          const early = await Promise.race([
            pending.then(() => "answered"),
            new Promise((r) => setTimeout(() => r("waiting"), 500)),
          ]);
          expect(early).toBe("waiting");
          await raw("update survey_cycle set status = 'closed', closed_at = now() where id = $1", [
            id,
          ]);
        });
        const res = await pending!;
        expect(res.status).toBe(410);
        expect(await countsOf(id)).toEqual(before);
      },
    );

    it("answers 422 with an error per item id, storing nothing and keeping the token", async () => {
      const { id, tokens } = await openedCycle("Błędne odpowiedzi");
      const before = await countsOf(id);
      const res = await submit({
        token: tokens[0],
        answers: { q2: 9, n1: 2.5, yn: "tak", t1: "x".repeat(2001), nieznane: 1 },
      });
      expect(res.status).toBe(422);
      const body = await json(res);
      expect(body.type).toBe("about:blank#validation");
      expect(body.errors).toEqual({
        q1: "Odpowiedź na to pytanie jest wymagana.",
        q2: "Wybierz jedną z podanych odpowiedzi.",
        n1: "Podaj liczbę całkowitą.",
        yn: "Ta odpowiedź ma nieprawidłową postać.",
        t1: "Odpowiedź jest za długa — limit to 2000 znaków.",
        nieznane: "Tego pytania nie ma w ankiecie.",
      });
      expect(await countsOf(id)).toEqual(before);
      // The token still works.
      expect((await submit({ token: tokens[0], answers: { q1: 1 } })).status).toBe(201);

      for (const [bodyOf, field] of [
        [{ answers: { q1: 1 } }, "token"],
        [{ token: "", answers: { q1: 1 } }, "token"],
        [{ token: tokens[1], answers: [1, 2] }, "answers"],
        [{ token: tokens[1] }, "answers"],
        [[], "_form"],
      ] as [unknown, string][]) {
        const r = await submit(bodyOf);
        expect(r.status, JSON.stringify(bodyOf)).toBe(422);
        expect(Object.keys((await json(r)).errors as Json), JSON.stringify(bodyOf)).toContain(
          field,
        );
      }
      expect((await call("POST", "/responses", { raw: '{"token": ' })).status).toBe(400);
      const big = await submit({ token: tokens[1], answers: { q1: 1, t1: "x".repeat(100_000) } });
      expect(big.status).toBe(422);
      expect((await json(big)).errors).toEqual({
        t1: "Odpowiedź jest za długa — limit to 2000 znaków.",
      });
      expect((await countsOf(id)).responses).toBe(before.responses + 1);
    });
  });

  describe("the limit on failed token guesses", () => {
    it("accepts 1,000 valid submissions from one address, then limits unknown tokens but never valid ones", async () => {
      // A centre answering from one office address behind NAT.
      const [office] = await db()
        .insert(orgUnit)
        .values({ centreId: s.centre.id, name: "Biuro za NAT", kind: "department" })
        .returning();
      const people = Array.from({ length: 1_010 }, (_, i) => ({
        centreId: s.centre.id,
        firstName: "Osoba",
        lastName: `Biurowa ${i}`,
        email: `biuro${i}@testowo.pl`,
        employeeNumber: `NAT-${i}`,
        unitId: office.id,
        positionId: s.position.id,
      }));
      for (let i = 0; i < people.length; i += 500) {
        await db()
          .insert(employee)
          .values(people.slice(i, i + 500));
      }
      const { id, tokens } = await openedCycle("Biuro", { population: { unitIds: [office.id] } });
      expect(tokens).toHaveLength(1_010);
      const ip = "203.0.113.7";

      const statuses = new Map<number, number>();
      for (const token of tokens.slice(0, 1_000)) {
        const res = await submit({ token, answers: { q1: 3, q2: 4 } }, { ip });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
      expect(Object.fromEntries(statuses)).toEqual({ 201: 1_000 });
      expect((await countsOf(id)).responses).toBe(1_000);

      // Unknown tokens from the same address: 404 up to the limit, then 429.
      for (let i = 0; i < TOKEN_GUESS_LIMIT.max; i++) {
        const res = await submit({ token: `zgadywany-${i}`, answers: { q1: 1 } }, { ip });
        expect(res.status).toBe(404);
      }
      const limited = await submit({ token: "zgadywany-x", answers: { q1: 1 } }, { ip });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("content-type")).toMatch(PROBLEM);
      const retry = Number(limited.headers.get("retry-after"));
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(TOKEN_GUESS_LIMIT.windowMs / 1000);
      expect(await json(limited)).toMatchObject({
        type: "about:blank#rate_limited",
        status: 429,
        title: "Zbyt wiele żądań.",
        errors: {
          token:
            "Zbyt wiele prób z linkiem lub kodem, który nie istnieje. Spróbuj ponownie za kilka minut — ważne linki i kody działają nadal.",
        },
      });
      const en = await submit(
        { token: "zgadywany-y", answers: { q1: 1 } },
        { ip, headers: { "accept-language": "en" } },
      );
      expect(en.status).toBe(429);
      expect(((await json(en)).errors as Json).token).toMatch(/^Too many attempts/);

      // Valid answers from the same address still go through, and a replay is still a 409.
      for (const token of tokens.slice(1_000, 1_005)) {
        expect((await submit({ token, answers: { q1: 2 } }, { ip })).status).toBe(201);
      }
      expect((await submit({ token: tokens[0], answers: { q1: 2 } }, { ip })).status).toBe(409);
      // Invalid answers are no guesses: an error per item, not 429.
      expect((await submit({ token: tokens[1_005], answers: {} }, { ip })).status).toBe(422);
      // Other addresses are not affected, and a changed X-Forwarded-For does not make another
      // address (TRUST_PROXY is off).
      expect(
        (await submit({ token: "zgadywany-z", answers: { q1: 1 } }, { ip: "203.0.113.8" })).status,
      ).toBe(404);
      const forged = await submit(
        { token: "zgadywany-w", answers: { q1: 1 } },
        { ip, headers: { "x-forwarded-for": "192.0.2.99" } },
      );
      expect(forged.status).toBe(429);
      expect((await countsOf(id)).responses).toBe(1_005);
    }, 180_000);

    it("counts by the proxy's X-Forwarded-For hop only with TRUST_PROXY, and IPv6 by /64", async () => {
      const guess = (opts: Omit<CallOptions, "body">) =>
        submit({ token: "nie-ma", answers: { q1: 1 } }, opts).then((r) => r.status);
      const proxy = "10.0.0.1";
      const previous = process.env.TRUST_PROXY;
      process.env.TRUST_PROXY = "true";
      resetConfig();
      try {
        for (let i = 0; i < TOKEN_GUESS_LIMIT.max; i++) {
          expect(
            await guess({ ip: proxy, headers: { "x-forwarded-for": `1.2.3.4, 192.0.2.50` } }),
          ).toBe(404);
        }
        expect(await guess({ ip: proxy, headers: { "x-forwarded-for": "192.0.2.50" } })).toBe(429);
        // Another client behind the same proxy is another address.
        expect(await guess({ ip: proxy, headers: { "x-forwarded-for": "192.0.2.51" } })).toBe(404);
      } finally {
        if (previous === undefined) delete process.env.TRUST_PROXY;
        else process.env.TRUST_PROXY = previous;
        resetConfig();
      }
      for (let i = 0; i < TOKEN_GUESS_LIMIT.max; i++) {
        expect(await guess({ ip: `2001:db8:1:2::${i + 1}` })).toBe(404);
      }
      expect(await guess({ ip: "2001:db8:1:2:ffff::1" })).toBe(429);
      expect(await guess({ ip: "2001:db8:1:3::1" })).toBe(404);
    });
  });
});
