import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { closeCycle } from "./close-cycle.ts";
import { surveyComment, surveyParticipation, surveyResponse } from "./schema.ts";
import { submitResponse } from "./submit-response.ts";
import { cycleOf, tokensOf } from "./test-fixtures.ts";

const xmin = sql<string>`xmin::text`;

/** The transaction id (xmin) of each of a cycle's answered participations, responses and comments. */
async function xminsOf(cycleId: string) {
  const [participation, response, comment] = await Promise.all([
    db()
      .select({ x: xmin })
      .from(surveyParticipation)
      .where(
        and(eq(surveyParticipation.cycleId, cycleId), isNotNull(surveyParticipation.answeredOn)),
      ),
    db().select({ x: xmin }).from(surveyResponse).where(eq(surveyResponse.cycleId, cycleId)),
    db().select({ x: xmin }).from(surveyComment).where(eq(surveyComment.cycleId, cycleId)),
  ]);
  const tag = (t: string, rows: { x: string }[]) => rows.map((r) => ({ t, x: r.x }));
  return [
    ...tag("participation", participation),
    ...tag("response", response),
    ...tag("comment", comment),
  ];
}

describe.each(testDbKinds)("closing a cycle reseals its rows (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
  });
  afterAll(() => d.drop());

  it("leaves no transaction id that pairs a participation with its response", async () => {
    const s = await seedCentreWithRoles();
    const coordinator = await actorFor(s.users.coordinator.userId);
    const cycleId = await cycleOf(coordinator, { name: "Reseal" });
    const tokens = [...(await tokensOf("Reseal")).values()].slice(0, 3);
    for (const token of tokens) {
      await submitResponse(token, { q1: 4, q2: 3, q3: 2, n1: 1, yn: true, t1: "Za dużo spraw" });
    }
    // Before closing, each submission's rows share an xmin of their own: the leak being closed.
    const before = await xminsOf(cycleId);
    const pairs = (t: string) => new Set(before.filter((r) => r.t === t).map((r) => r.x));
    expect(pairs("participation").size).toBe(3);
    expect([...pairs("participation")].sort()).toEqual([...pairs("response")].sort());

    await closeCycle(coordinator, cycleId);
    const after = await xminsOf(cycleId);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((r) => r.x)).size).toBe(1);
    expect(after.filter((r) => r.t === "response")).toHaveLength(3);
    expect(after.filter((r) => r.t === "comment")).toHaveLength(3);
  });
});
