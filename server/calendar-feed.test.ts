// The personal calendar feed as the HTTP server serves it: text/calendar, private caching, 404
// to an unknown or revoked address, and the secret kept out of the request log.
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor, seedCentreWithRoles } from "../modules/access/test-fixtures.ts";
import { createCalendarFeed, revokeCalendarFeed } from "../modules/programme/calendar-feed.ts";
import { enrol } from "../modules/programme/enrol.ts";
import { seedEnrolActivity } from "../modules/programme/enrol-test-fixtures.ts";
import { db } from "../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../platform/testing.ts";
import { createApp, loggablePath } from "./app.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in a server test");
};

describe.each(testDbKinds)("GET /calendar/:token.ics (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let app: ReturnType<typeof createApp>;
  let path: string;
  let employee: Awaited<ReturnType<typeof actorFor>>;
  const title = "Warsztat antystresowy — źródła napięcia";

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    const s = await seedCentreWithRoles();
    employee = await actorFor(s.users.employee.userId);
    const { activity } = await seedEnrolActivity(db(), s.centre.id, { title });
    await enrol(employee, activity.id, {});
    path = new URL((await createCalendarFeed(employee)).url).pathname;
    app = createApp({ mode: "production", build: noPages });
  });
  afterAll(() => d.drop());

  it("serves the person's sessions as a private iCalendar feed, without a session cookie", async () => {
    const res = await app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
    const text = (await res.text()).replace(/\r\n[ \t]/g, "");
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toContain(`SUMMARY:${title}`);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it("answers 404 to an unknown or revoked address", async () => {
    expect((await app.request(`/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    await revokeCalendarFeed(employee);
    expect((await app.request(path)).status).toBe(404);
  });
});

describe("loggablePath", () => {
  it("keeps a calendar address's secret out of the request log", () => {
    expect(loggablePath("/calendar/abcDEF_-123.ics")).toBe("/calendar/[token]");
    expect(loggablePath("/calendar")).toBe("/calendar");
  });
});
