// The server killed with SIGKILL while survey answers arrive, on PostgreSQL: a real server
// process (the app without its web build, tests/bench/api-server.ts, so this runs before the
// build), real HTTP, a kill in the middle, a restart. `npm run bench -- survey-submit --kill`
// does the same at full size with the production server.
import { describe, expect, it } from "vitest";
import type { Actor } from "../modules/access/actor.ts";
import { resetAuth } from "../modules/access/auth.ts";
import { createCentre } from "../modules/org/centres.ts";
import { employee, orgUnit } from "../modules/org/schema.ts";
import { createCycle } from "../modules/survey/create-cycle.ts";
import { workloadSurvey } from "../modules/survey/default-instruments.ts";
import { openCycle } from "../modules/survey/open-cycle.ts";
import { saveInstrument } from "../modules/survey/save-instrument.ts";
import { tokensOf } from "../modules/survey/test-fixtures.ts";
import { db, openDatabase, runMigrations, setDatabase } from "../platform/db.ts";
import { createPgDatabase } from "../tests/bench/bench-database.ts";
import { killCheck } from "../tests/bench/survey-common.ts";

/** A centre of `people` employees invited to an open cycle of the workload survey; the tokens. */
async function seed(url: string, people: number) {
  resetAuth();
  const d = await openDatabase({ url });
  try {
    await runMigrations(d, url);
    setDatabase(d);
    const c = await createCentre(db(), { name: "MOPS Trwałość", type: "MOPS", city: "Testowo" });
    const [unit] = await db()
      .insert(orgUnit)
      .values({ centreId: c.id, name: "Dział", kind: "department" })
      .returning();
    await db()
      .insert(employee)
      .values(
        Array.from({ length: people }, (_, i) => ({
          centreId: c.id,
          firstName: "Osoba",
          lastName: `Trwała ${i}`,
          email: `trwala${i}@testowo.pl`,
          employeeNumber: `D-${i}`,
          unitId: unit.id,
        })),
      );
    // The services need an actor, not an account: a coordinator of this centre.
    const coordinator: Actor = {
      userId: "durability-test",
      name: "Koordynator",
      email: "koordynator@testowo.pl",
      locale: null,
      twoFactorEnabled: false,
      centreId: c.id,
      centreName: c.name,
      roles: ["coordinator"],
      managedUnitIds: [],
      employeeId: null,
      installationAdmin: false,
    };
    const { id: instrumentId } = await saveInstrument(coordinator, workloadSurvey);
    const { id: cycleId } = await createCycle(coordinator, {
      instrumentId,
      name: "Badanie trwałości",
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 7 * 24 * 3_600_000),
    });
    await openCycle(coordinator, cycleId);
    return { cycleId, tokens: [...(await tokensOf("Badanie trwałości")).values()] };
  } finally {
    setDatabase(undefined);
    await d.close();
  }
}

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!adminUrl)("SIGKILL during survey submissions (PostgreSQL)", () => {
  it("loses no response that was answered 201 and spends no token without its response", async () => {
    const created = await createPgDatabase(adminUrl!);
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        JOBS: "false",
        HOST: "127.0.0.1",
        DATABASE_URL: created.url,
      };
      const seeded = await seed(created.url, 400);
      const report = await killCheck({
        env,
        script: "tests/bench/api-server.ts",
        databaseUrl: created.url,
        cycleId: seeded.cycleId,
        tokens: seeded.tokens,
        killAfter: 150,
        concurrency: 20,
      });
      expect(report.problems).toEqual([]);
      // The kill came in the middle: answers before it, and tokens never sent after it.
      expect(report.answered201).toBeGreaterThanOrEqual(150);
      expect(report.sent).toBeLessThan(seeded.tokens.length);
      // Every token answered 201 is spent and has its response (responses = spent tokens).
      expect(report.spentOf201).toBe(report.answered201);
      expect(report.afterRestart.responses).toBeGreaterThanOrEqual(report.answered201);
      expect(report.afterRestart.spent).toBe(report.afterRestart.responses);
      // Those cut off by the kill were either stored (409 when sent again) or not (201).
      const resent = Object.values(report.resubmitted).reduce((a, b) => a + b, 0);
      expect(resent).toBe(report.failedInFlight);
      expect(report.final.responses).toBe(report.answered201 + report.failedInFlight);
      expect(report.final.spent).toBe(report.final.responses);
    } finally {
      await created.drop();
    }
  }, 120_000);
});
