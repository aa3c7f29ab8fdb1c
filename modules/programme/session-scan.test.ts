// The scan of a session's signed sheet, on PGlite and PostgreSQL: the type from magic bytes,
// 20 MB at most, a new upload replaces the old one, nothing stored on a refusal; the server
// lets a 20 MB upload through to this page only. And the attendance API: the session's list,
// marks (someone not enrolled refused, nothing written) and the public verification.
import { and, count, eq } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { DAY, HOUR, seedActivity, seedEnrolment, seedPerson } from "./attend-test-fixtures.ts";
import { issueCertificates } from "./certificates.ts";
import { programmeAttendance, programmeSessionScan } from "./schema.ts";
import {
  attachmentDisposition,
  MAX_SCAN_BYTES,
  sessionScanFile,
  uploadSessionScan,
} from "./session-scan.ts";

const noPages = (): ServerBuild => {
  throw new Error("no pages in this test");
};

const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const file = (name: string, bytes: Uint8Array, size = bytes.byteLength) => ({
  name,
  size,
  bytes: async () => bytes,
});

describe.each(testDbKinds)("session scans and the attendance API (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employee: Actor;
  let act: Awaited<ReturnType<typeof seedActivity>>;
  let app: ReturnType<typeof createApp>;
  let coordinatorKey: string;
  let employeeKey: string;
  let anna: string;
  let outsider: string;

  // Without the bytes: reading 20 MB of bytea back is not what is tested.
  const scans = async () =>
    db()
      .select({
        fileName: programmeSessionScan.fileName,
        contentType: programmeSessionScan.contentType,
        size: programmeSessionScan.size,
      })
      .from(programmeSessionScan)
      .where(eq(programmeSessionScan.sessionId, act.sessions[0].id));

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    employee = await actorFor(s.users.employee.userId);
    const now = Date.now();
    act = await seedActivity(s.centre.id, {
      title: "Warsztat antystresowy",
      kind: "stress_workshop",
      completionPercent: 40,
      sessions: [
        { startsAt: new Date(now - 3 * DAY), endsAt: new Date(now - 3 * DAY + 2 * HOUR) },
        { startsAt: new Date(now + 3 * DAY), endsAt: new Date(now + 3 * DAY + 2 * HOUR) },
      ],
    });
    anna = await seedPerson(s.centre.id, "Anna", "Wróbel");
    outsider = await seedPerson(s.centre.id, "Olga", "Obca");
    await seedEnrolment(s.centre.id, act.activity.id, anna);
    await seedEnrolment(s.centre.id, act.activity.id, s.users.employee.employeeId);
    app = createApp({ mode: "production", build: noPages });
    const admin = await actorFor(s.users.administrator.userId);
    coordinatorKey = (await createApiKey(admin, { name: "Koordynacja", role: "coordinator" })).key;
    employeeKey = (await createApiKey(admin, { name: "Pracownik", role: "employee" })).key;
  });
  afterAll(() => d.drop());

  describe("uploadSessionScan", () => {
    it("refuses a missing, empty, oversized or non-PDF/image file, storing nothing", async () => {
      const sessionId = act.sessions[0].id;
      const refuse = async (f: Parameters<typeof uploadSessionScan>[2]) =>
        (await caught(uploadSessionScan(coordinator, sessionId, f))).fieldErrors;
      expect(await refuse(null)).toEqual({ file: "errors.fileRequired" });
      expect(await refuse(file("", new Uint8Array()))).toEqual({ file: "errors.fileRequired" });
      expect(await refuse(file("pusty.pdf", new Uint8Array()))).toEqual({
        file: "errors.fileEmpty",
      });
      // Over 20 MB by the declared size: refused before the bytes are read.
      let read = false;
      expect(
        await refuse({
          name: "skan.pdf",
          size: MAX_SCAN_BYTES + 1,
          bytes: async () => {
            read = true;
            return PDF;
          },
        }),
      ).toEqual({ file: "errors.scanTooLarge" });
      expect(read).toBe(false);
      // A name that says PDF does not make a Word file one.
      expect(await refuse(file("lista.pdf", Buffer.from("PK\u0003\u0004word")))).toEqual({
        file: "errors.scanType",
      });
      expect(await refuse(file("lista.png", Buffer.from("<svg></svg>")))).toEqual({
        file: "errors.scanType",
      });
      expect(await scans()).toEqual([]);
    });

    it("accepts exactly 20 MB and replaces the earlier scan with a new one", async () => {
      const sessionId = act.sessions[0].id;
      const big = Buffer.alloc(MAX_SCAN_BYTES, 0x20);
      PDF.copy(big);
      await uploadSessionScan(coordinator, sessionId, file("Lista – spotkanie 1.pdf", big));
      expect((await scans()).map((x) => [x.contentType, x.size])).toEqual([
        ["application/pdf", MAX_SCAN_BYTES],
      ]);
      // The browser's name and claimed type mean nothing: the bytes are a PNG.
      await uploadSessionScan(coordinator, sessionId, file("skan.pdf", PNG));
      const after = await scans();
      expect(after.map((x) => [x.fileName, x.contentType, x.size])).toEqual([
        ["skan.pdf", "image/png", PNG.byteLength],
      ]);
      const download = await sessionScanFile(coordinator, sessionId);
      expect(download.contentType).toBe("image/png");
      expect(Buffer.compare(download.body, PNG)).toBe(0);
      const [{ n }] = await db()
        .select({ n: count() })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, "programme.session_scan.upload"),
            eq(auditLog.entityId, sessionId),
          ),
        );
      expect(n).toBe(2);
    });

    it("is for the coordinator and the trainer only; a session without a scan has nothing", async () => {
      expect(
        (await caught(uploadSessionScan(employee, act.sessions[0].id, file("a.pdf", PDF)))).code,
      ).toBe("forbidden");
      expect((await caught(sessionScanFile(employee, act.sessions[0].id))).code).toBe("forbidden");
      expect((await caught(sessionScanFile(coordinator, act.sessions[1].id))).code).toBe(
        "not_found",
      );
    });

    it("names a download in ASCII and in UTF-8", () => {
      expect(attachmentDisposition("Lista – Łódź.pdf", "x.pdf")).toBe(
        `attachment; filename="Lista-Lodz.pdf"; filename*=UTF-8''${encodeURIComponent("Lista – Łódź.pdf")}`,
      );
      expect(attachmentDisposition("żółć", "lista.pdf")).toBe(
        `attachment; filename="zolc"; filename*=UTF-8''${encodeURIComponent("żółć")}`,
      );
    });
  });

  describe("the scan upload's body limit", () => {
    const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: "POST",
        body,
        headers: {
          origin: "http://localhost",
          "content-type": "multipart/form-data; boundary=x",
          ...headers,
        },
        duplex: "half",
      } as RequestInit);

    it("lets a 20 MB scan through to the session's page, and only there", async () => {
      const size = MAX_SCAN_BYTES + 512 * 1024;
      const toScan = await post(
        `/programme/sessions/${act.sessions[0].id}/attendance`,
        new Uint8Array(size),
      );
      // Past the limit: the page itself answers (with no pages built here, an error).
      expect(toScan.status).not.toBe(413);
      const elsewhere = await post("/programme/sessions/x/sheet.pdf", new Uint8Array(size));
      expect(elsewhere.status).toBe(413);
      const general = await post(
        "/org/employees/new",
        new Uint8Array(config().BODY_LIMIT_BYTES * 2),
      );
      expect(general.status).toBe(413);
    });

    it("refuses a declared 30 MB upload at once, naming the 20 MB limit", async () => {
      const res = await post(
        `/programme/sessions/${act.sessions[0].id}/attendance.data`,
        new Uint8Array(16),
        { "content-length": String(30 * 1024 * 1024), "accept-language": "pl" },
      );
      expect(res.status).toBe(413);
      expect(await res.text()).toContain("Plik jest za duży (maks. 20 MB).");
    });
  });

  describe("the attendance API", () => {
    const call = (method: string, path: string, key?: string, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });

    it("lists a session's participants and marks them, all or nothing", async () => {
      const path = `/sessions/${act.sessions[0].id}/attendance`;
      const list = await call("GET", path, coordinatorKey);
      expect(list.status).toBe(200);
      const body = (await list.json()) as { items: { lastName: string }[]; minutes: number };
      expect(body.minutes).toBe(120);
      expect(body.items.map((i) => i.lastName)).toEqual(["employee", "Wróbel"]);

      const refused = await call("PUT", path, coordinatorKey, {
        marks: [
          { employeeId: anna, present: true },
          { employeeId: outsider, present: true },
        ],
      });
      expect(refused.status).toBe(422);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(((await refused.json()) as { errors: Record<string, string> }).errors).toEqual({
        "marks.1.employeeId":
          "Obecność można zaznaczyć tylko osobom z potwierdzonym miejscem na tych zajęciach — nic nie zapisano.",
      });
      expect(
        await db()
          .select()
          .from(programmeAttendance)
          .where(eq(programmeAttendance.sessionId, act.sessions[0].id)),
      ).toEqual([]);

      const ok = await call("PUT", path, coordinatorKey, {
        marks: [
          { employeeId: anna, present: true, minutes: 100 },
          { employeeId: s.users.employee.employeeId, present: true },
        ],
      });
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { items: unknown[] }).items).toEqual([
        expect.objectContaining({ lastName: "employee", present: true, minutes: null }),
        expect.objectContaining({ lastName: "Wróbel", present: true, minutes: 100 }),
      ]);
      // Before the session starts: 409.
      const early = await call(
        "PUT",
        `/sessions/${act.sessions[1].id}/attendance`,
        coordinatorKey,
        {
          marks: [{ employeeId: anna, present: true }],
        },
      );
      expect(early.status).toBe(409);
      expect((await call("GET", path, employeeKey)).status).toBe(403);
      expect((await call("GET", path)).status).toBe(401);
      expect((await call("GET", "/sessions/nie-uuid/attendance", coordinatorKey)).status).toBe(404);
    });

    it("lists certificates for the coordinator and verifies a number publicly", async () => {
      const issued = await issueCertificates(coordinator, act.activity.id, { all: true });
      expect(issued.issued).toHaveLength(2);
      const number = issued.issued[0].number;
      const list = await call("GET", `/certificates?activityId=${act.activity.id}`, coordinatorKey);
      expect(list.status).toBe(200);
      const items = ((await list.json()) as { items: { number: string; hours: number }[] }).items;
      expect(items.map((c) => c.number).sort()).toEqual(issued.issued.map((c) => c.number).sort());
      expect((await call("GET", "/certificates", employeeKey)).status).toBe(403);

      // No key, no cookie: the number with its slashes encoded, or hyphens instead.
      for (const spelled of [encodeURIComponent(number), number.replace(/\//g, "-")]) {
        const v = await call("GET", `/certificates/verify/${spelled}`);
        expect(v.status).toBe(200);
        const json = (await v.json()) as Record<string, unknown>;
        expect(Object.keys(json).sort()).toEqual(
          [
            "status",
            "number",
            "holderName",
            "activityTitle",
            "firstDay",
            "lastDay",
            "hours",
            "hourUnit",
          ].sort(),
        );
        expect(json).toMatchObject({ status: "valid", number, holderName: "Test employee" });
      }
      const unknown = await call("GET", "/certificates/verify/ZAS-2026-2222-2222");
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    });
  });
});
