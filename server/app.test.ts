import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../modules/access/sign-in.ts";
import { FIXTURE_PASSWORD, seedCentreWithRoles } from "../modules/access/test-fixtures.ts";
import { config } from "../platform/config.ts";
import { type Database, setDatabase } from "../platform/db.ts";
import { createRateLimiter } from "../platform/rate-limit.ts";
import { openTestDatabase, testDbKinds } from "../platform/testing.ts";
import { createApp } from "./app.ts";

// These tests cover what the server owns, not the pages: a page request would be a failure.
const noPages = (): ServerBuild => {
  throw new Error("page requested in a server test");
};
const ORIGIN = "http://localhost";
const PROBLEM = /^application\/problem\+json/;

async function sessionCookie(email: string): Promise<string> {
  const r = await signIn(email, FIXTURE_PASSWORD, new Headers());
  if (!r.ok) throw new Error(`sign-in failed: ${r.error}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe.each(testDbKinds)("HTTP server (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  let adminCookie: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    app = createApp({ mode: "production", build: noPages });
    adminCookie = await sessionCookie(s.users.administrator.email);
  });
  afterAll(() => d.drop());

  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });

  describe("/health", () => {
    it("answers 200 with the database up", async () => {
      const res = await app.request("/health");
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", db: "ok" });
      expect(res.headers.get("cache-control")).toBe("no-store");
    });

    it("answers 503 when the database does not", async () => {
      const broken: Database = { ...d, raw: () => Promise.reject(new Error("connection refused")) };
      setDatabase(broken);
      try {
        // A fresh app: the probe's answer is remembered for a moment.
        const res = await createApp({ mode: "production", build: noPages }).request("/health");
        expect(res.status).toBe(503);
        const body = (await res.json()) as { status: string; db: string };
        expect(body.db).not.toBe("ok");
        expect(body.status).not.toBe("ok");
      } finally {
        setDatabase(d);
      }
    });

    it("makes pages and the API answer a calm 503 while the database is down", async () => {
      const broken: Database = { ...d, raw: () => Promise.reject(new Error("connection refused")) };
      setDatabase(broken);
      try {
        const down = createApp({ mode: "production", build: noPages });
        const page = await down.request("/deklaracja-dostepnosci", {
          headers: { "accept-language": "pl" },
        });
        expect(page.status).toBe(503);
        const html = await page.text();
        expect(html).toContain("Usługa chwilowo niedostępna");
        expect(html).not.toMatch(/at \w+ \(|node_modules/);
        const api = await down.request("/api/v1/units");
        expect(api.status).toBe(503);
        expect(api.headers.get("content-type")).toMatch(PROBLEM);
      } finally {
        setDatabase(d);
      }
    });
  });

  it("sends a browser's own /favicon.ico request to the SVG icon", async () => {
    const res = await app.request("/favicon.ico");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/favicon.svg");
  });

  describe("security headers", () => {
    it("sends a CSP with a fresh nonce and the other headers on every response", async () => {
      const a = await app.request("/api/v1/openapi.json");
      const b = await app.request("/api/v1/units");
      for (const res of [a, b]) {
        const csp = res.headers.get("content-security-policy") ?? "";
        expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain("unsafe-inline");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("x-frame-options")).toBe("DENY");
        expect(res.headers.get("referrer-policy")).toBe("same-origin");
        expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
      }
      const nonce = (r: Response) =>
        r.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce(a)).not.toBe(nonce(b));
      expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    });
  });

  describe("/api/v1", () => {
    it("publishes its OpenAPI document without signing in", async () => {
      const res = await app.request("/api/v1/openapi.json");
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(["/units", "/employees", "/employees/{id}"]),
      );
    });

    it("answers 401 Problem Details without a session, in the request's language", async () => {
      const res = await app.request("/api/v1/units");
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
      expect(await res.json()).toEqual({
        type: "about:blank#unauthenticated",
        title: "Wymagane uwierzytelnienie.",
        status: 401,
        instance: "/api/v1/units",
      });
      const en = await app.request("/api/v1/units", {
        headers: { "accept-language": "en-GB,en;q=0.9" },
      });
      const body = (await en.json()) as { title: string };
      expect(body.title).not.toBe("Wymagane uwierzytelnienie.");
      expect(body.title.length).toBeGreaterThan(0);
    });

    it("answers unknown API paths with 404 Problem Details", async () => {
      for (const path of ["/api/v1/nie-ma", "/api/v2/units"]) {
        const res = await app.request(path, { headers: { cookie: adminCookie } });
        expect(res.status, path).toBe(404);
        expect(res.headers.get("content-type")).toMatch(PROBLEM);
      }
    });

    it("serves a signed-in administrator, and creates with a same-origin POST", async () => {
      const list = await app.request("/api/v1/units", { headers: { cookie: adminCookie } });
      expect(list.status).toBe(200);
      const { items } = (await list.json()) as { items: { name: string }[] };
      expect(items.map((u) => u.name)).toEqual(["Dział A", "Dział B"]);

      const res = await post(
        "/api/v1/units",
        JSON.stringify({ name: "Zespół przez API", kind: "team" }),
        {
          cookie: adminCookie,
          origin: ORIGIN,
        },
      );
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({
        name: "Zespół przez API",
        kind: "team",
        parentId: null,
      });
    });

    it("answers validation errors with field messages", async () => {
      const res = await post("/api/v1/units", JSON.stringify({ name: "", kind: "team" }), {
        cookie: adminCookie,
        origin: ORIGIN,
      });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
      const body = (await res.json()) as { errors: Record<string, string> };
      expect(Object.keys(body.errors)).toEqual(["name"]);
      expect(body.errors.name).not.toMatch(/^errors\./);
    });

    it("answers 403 to a role without the permission", async () => {
      const cookie = await sessionCookie(s.users.employee.email);
      const res = await app.request("/api/v1/units", { headers: { cookie } });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
    });

    it("answers 400 to malformed JSON", async () => {
      const res = await post("/api/v1/units", '{"name": "Zespół", ', {
        cookie: adminCookie,
        origin: ORIGIN,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
      expect(await res.json()).toMatchObject({ type: "about:blank#bad_request", status: 400 });
    });

    it("answers 404 as if missing for another centre's records", async () => {
      const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
      const res = await app.request(`/api/v1/units/${other.unitA.id}`, {
        headers: { cookie: adminCookie },
      });
      expect(res.status).toBe(404);
      const emp = await app.request(`/api/v1/employees/${other.employeeInUnitB.id}`, {
        headers: { cookie: adminCookie },
      });
      expect(emp.status).toBe(404);
    });
  });

  describe("body limit", () => {
    it("refuses a body over the limit with 413 and a message", async () => {
      const big = "x".repeat(config().BODY_LIMIT_BYTES + 1);
      const res = await post("/api/v1/units", big, { cookie: adminCookie, origin: ORIGIN });
      expect(res.status).toBe(413);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
      const body = (await res.json()) as { title: string; status: number };
      expect(body.status).toBe(413);
      expect(body.title).toBe("Treść żądania jest za duża.");

      const page = await app.request("/employees/new", {
        method: "POST",
        body: big,
        headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      });
      expect(page.status).toBe(413);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await page.text()).toContain("Za duże dane");
    });

    it("refuses an over-long body that declares no length", async () => {
      const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > config().BODY_LIMIT_BYTES) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const res = await app.request("/api/v1/units", {
        method: "POST",
        body: stream,
        headers: { "content-type": "application/json", cookie: adminCookie, origin: ORIGIN },
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
    });
  });

  describe("CSRF", () => {
    const body = JSON.stringify({ name: "Atak", kind: "team" });

    it("refuses a POST without Origin or Sec-Fetch-Site", async () => {
      const res = await post("/api/v1/units", body, { cookie: adminCookie });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
    });

    it("refuses a POST from a foreign origin or a cross-site fetch", async () => {
      const refused: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "http://localhost.evil.example" },
        { origin: "null" },
        { "sec-fetch-site": "cross-site" },
        { "sec-fetch-site": "same-site" },
      ];
      for (const headers of refused) {
        const res = await post("/api/v1/units", body, { cookie: adminCookie, ...headers });
        expect(res.status, JSON.stringify(headers)).toBe(403);
      }
      const page = await app.request("/login", {
        method: "POST",
        body: "email=a&password=b",
        headers: {
          origin: "https://evil.example",
          "content-type": "application/x-www-form-urlencoded",
        },
      });
      expect(page.status).toBe(403);
      expect(await page.text()).toContain("Brak dostępu");
    });

    it("lets same-origin requests through: Origin of the request, of BASE_URL, or Sec-Fetch-Site", async () => {
      const allowed: Record<string, string>[] = [
        { origin: ORIGIN },
        { origin: config().baseUrl },
        { "sec-fetch-site": "same-origin" },
      ];
      for (const headers of allowed) {
        const res = await post("/api/v1/units", JSON.stringify({ name: "", kind: "team" }), {
          cookie: adminCookie,
          ...headers,
        });
        // Through the guard to validation, which refuses the empty name.
        expect(res.status, JSON.stringify(headers)).toBe(422);
      }
    });

    it("lets reads through without Origin", async () => {
      const res = await app.request("/api/v1/units", { headers: { cookie: adminCookie } });
      expect(res.status).toBe(200);
    });

    it("created nothing from the refused requests", async () => {
      const res = await app.request("/api/v1/units", { headers: { cookie: adminCookie } });
      const { items } = (await res.json()) as { items: { name: string }[] };
      expect(items.some((u) => u.name === "Atak")).toBe(false);
    });
  });
});

describe("createRateLimiter", () => {
  it("allows max hits per key in a window, then refuses until the window ends", () => {
    const limiter = createRateLimiter({ windowMs: 60_000, max: 3 });
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.hit("a", t0))).toEqual([true, true, true, false]);
    expect(limiter.hit("b", t0)).toBe(true);
    expect(limiter.hit("a", t0 + 59_999)).toBe(false);
    expect(limiter.hit("a", t0 + 60_000)).toBe(true);
  });
});

describe("loggablePath", () => {
  it("keeps one-time tokens out of the logs", async () => {
    const { loggablePath } = await import("./app.ts");
    expect(loggablePath("/setup/abcDEF123")).toBe("/setup/[token]");
    expect(loggablePath("/invitation/abc_-9")).toBe("/invitation/[token]");
    expect(loggablePath("/org/units")).toBe("/org/units");
    // A crisis link, and the data request of a client-side navigation to it.
    expect(loggablePath("/support/crisis/abc_-9")).toBe("/support/crisis/[token]");
    expect(loggablePath("/support/crisis/abc_-9.data")).toBe("/support/crisis/[token]");
    expect(loggablePath("/support/crisis-links")).toBe("/support/crisis-links");
  });
});
