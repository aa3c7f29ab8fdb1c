// Exam planning through /api/v1 with a signed-in session: the preview with its sentences, bad
// input as Problem Details next to the field, applying (201), the referral as a PDF, and the
// refusals — a coordinator without the health role, another person's referral — plus the
// operations in the OpenAPI document.
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../../modules/access/sign-in.ts";
import { FIXTURE_PASSWORD, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { createApp } from "../../server/app.ts";
import { actorFor } from "../access/test-fixtures.ts";
import { saveClinic } from "./clinics.ts";

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

describe.each(testDbKinds)("/api/v1 exam planning (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let app: ReturnType<typeof createApp>;
  let health: string;
  let coordinator: string;
  let employee: string;
  let manager: string;
  let clinicId: string;
  const fromDate = addDays(warsawDay(new Date()), 14);

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    app = createApp({ mode: "production", build: noPages });
    [health, coordinator, employee, manager] = await Promise.all(
      [s.users.health, s.users.coordinator, s.users.employee, s.users.manager].map((u) =>
        sessionCookie(u.email),
      ),
    );
    clinicId = await saveClinic(await actorFor(s.users.health.userId), null, {
      name: "Przychodnia „Zdrowie”",
      dailyCapacity: "4",
      opensAt: "08:00",
      closesAt: "12:00",
    });
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

  it("previews with the plan's sentences and writes nothing", async () => {
    const res = await call("POST", "/health/planning/preview", health, { clinicId, fromDate });
    expect(res.status).toBe(200);
    const plan = await res.json();
    // Every account of the fixture and Anna Nowak: nobody has a certificate yet.
    expect(plan.total).toBe(10);
    expect(plan.byKind).toEqual({ initial: 10, periodic: 0, control: 0 });
    expect(plan.days.reduce((a: number, x: { count: number }) => a + x.count, 0)).toBe(10);
    expect(plan.spill).toBe(6);
    expect(plan.messages.spill).toMatch(
      /^Nie wszyscy zmieszczą się \d{2}\.\d{2}\.\d{4} — 6 osób przeniesiono na kolejne dni robocze\.$/,
    );
    expect(plan.people[0]).toMatchObject({ kind: "initial", reason: "none", time: "08:00" });
    const again = await (
      await call("POST", "/health/planning/preview", health, { clinicId, fromDate })
    ).json();
    expect(again.total).toBe(10);
  });

  it("answers bad input with the field's message, and a coordinator with 403", async () => {
    const bad = await call("POST", "/health/planning/preview", health, {
      clinicId,
      fromDate: warsawDay(new Date()),
      kinds: [],
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual({
      fromDate: "Pierwszy dzień badań musi być późniejszy niż dziś.",
      kinds: "Zaznacz co najmniej jeden rodzaj badania.",
    });
    for (const who of [coordinator, manager, employee]) {
      expect(
        (await call("POST", "/health/planning/preview", who, { clinicId, fromDate })).status,
      ).toBe(403);
      expect(
        (await call("POST", "/health/planning/apply", who, { clinicId, fromDate })).status,
      ).toBe(403);
    }
  });

  it("applies, and serves a referral to the health role and to its own person only", async () => {
    const res = await call("POST", "/health/planning/apply", health, {
      clinicId,
      fromDate,
      unitId: s.unitA.id,
    });
    expect(res.status).toBe(201);
    const applied = await res.json();
    expect(applied).toMatchObject({ planned: 9, notices: 9, spill: 5 });
    expect(applied.firstNumber).toMatch(/^SK\/\d{4}\/0001$/);
    const mine = await (await call("GET", "/me/exams", employee)).json();
    const planned = JSON.stringify(mine);
    const examId = applied.examIds.find((id: string) => planned.includes(id));
    expect(examId).toBeTruthy();
    const pdf = await call("GET", `/health/exams/${examId}/referral.pdf`, employee);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(
      /filename="skierowanie-SK-\d{4}-\d{4}\.pdf"/,
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await call("GET", `/health/exams/${examId}/referral.pdf`, health)).status).toBe(200);
    for (const who of [manager, coordinator]) {
      const other = await call("GET", `/health/exams/${examId}/referral.pdf`, who);
      expect(other.status).toBe(404);
      expect(await other.text()).not.toContain("SK/");
    }
  });

  it("is described in the OpenAPI document, the referral as a PDF", async () => {
    const doc = await (await call("GET", "/openapi.json", health)).json();
    expect(doc.paths["/health/planning/preview"].post["x-permission"]).toBe("health.manage");
    expect(doc.paths["/health/planning/apply"].post.responses["201"]).toBeTruthy();
    expect(
      Object.keys(doc.paths["/health/exams/{id}/referral.pdf"].get.responses["200"].content),
    ).toEqual(["application/pdf"]);
  });
});
