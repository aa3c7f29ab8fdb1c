// GET /api/v1/activities/{id}/test-results through the HTTP app, with integration keys.
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { createApp } from "../../server/app.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import {
  DIFFICULT_CLIENT_QUESTIONS,
  enrolConfirmed,
  HOUR,
  insertActivity,
  insertQuestions,
} from "./knowledge-test-fixtures.ts";
import { programmeTestAttempt } from "./schema.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};
const PROBLEM = /^application\/problem\+json/;

describe.each(testDbKinds)("knowledge test results /api/v1 (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  const keys = { coordinator: "", administrator: "", management: "", other: "" };
  let activity: string;
  let employeeId: string;

  const call = (path: string, key?: string) =>
    app.request(`/api/v1${path}`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    const s = await seedCentreWithRoles();
    const other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    app = createApp({ mode: "production", build: noPages });
    const admin = await actorFor(s.users.administrator.userId);
    for (const role of ["coordinator", "administrator", "management"] as const) {
      keys[role] = (await createApiKey(admin, { name: `Klucz ${role}`, role })).key;
    }
    keys.other = (
      await createApiKey(await actorFor(other.users.administrator.userId), {
        name: "Obcy",
        role: "coordinator",
      })
    ).key;
    const a = await insertActivity(s.centre.id, {
      title: "Szkolenie w API",
      sessions: [{ from: -2 * HOUR, to: -HOUR }],
      passThresholdPercent: 50,
      learningOutcomes: "Zna procedurę.",
    });
    activity = a.id;
    await insertQuestions(s.centre.id, a.id, DIFFICULT_CLIENT_QUESTIONS);
    employeeId = s.users.employee.employeeId;
    await enrolConfirmed(s.centre.id, a.id, [employeeId]);
    const sheet = { centreId: s.centre.id, activityId: a.id, employeeId, answers: {}, maxScore: 3 };
    await db()
      .insert(programmeTestAttempt)
      .values([
        { ...sheet, stage: "pre", score: 1 },
        { ...sheet, stage: "post", score: 3 },
      ]);
  });
  afterAll(() => d.drop());

  it("answers the per-participant figures and the summary to whoever reads reports", async () => {
    for (const key of [keys.coordinator, keys.management]) {
      const res = await call(`/activities/${activity}/test-results`, key);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        activity: { passThresholdPercent: number; questionCount: number };
        participants: { employeeId: string; pre: { percent: number }; gainPoints: number }[];
        summary: { paired: number; meanGain: number; shareAcquired: number };
      };
      expect(body.activity).toMatchObject({ passThresholdPercent: 50, questionCount: 3 });
      expect(body.participants).toHaveLength(1);
      expect(body.participants[0]).toMatchObject({ employeeId, acquired: true });
      expect(body.participants[0].pre.percent).toBeCloseTo(33.333, 2);
      expect(body.participants[0].gainPoints).toBeCloseTo(66.667, 2);
      expect(body.summary).toMatchObject({ paired: 1, shareAcquired: 1 });
    }
  });

  it("refuses without a key (401), without the permission (403), another centre's (404)", async () => {
    const cases: [string | undefined, string, number][] = [
      [undefined, activity, 401],
      [keys.administrator, activity, 403],
      [keys.other, activity, 404],
      [keys.coordinator, "nie-uuid", 404],
      [keys.coordinator, "00000000-0000-4000-8000-000000000000", 404],
    ];
    for (const [key, id, status] of cases) {
      const res = await call(`/activities/${id}/test-results`, key);
      expect(res.status, `${id} → ${status}`).toBe(status);
      expect(res.headers.get("content-type")).toMatch(PROBLEM);
    }
  });

  it("is described in the OpenAPI document with its permission", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { "x-permission"?: string }>>;
    };
    expect(doc.paths["/activities/{id}/test-results"]?.get?.["x-permission"]).toBe(
      "programme.reports.view",
    );
  });
});
