import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { database, db } from "./db.ts";
import { enqueueJob, registerJob, runDueJobs } from "./jobs.ts";
import { retryDelayMs } from "./outbox.ts";
import { job } from "./platform-schema.ts";
import { openTestDatabase, testDbKinds } from "./testing.ts";

describe.each(testDbKinds)("jobs (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
  });
  afterAll(() => d.drop());
  beforeEach(() => database().raw("delete from job"));

  const jobs = () => db().select().from(job).orderBy(job.id);

  it("runs a due job once, with its payload", async () => {
    const seen: unknown[] = [];
    registerJob("test.once", async (p) => {
      seen.push(p);
    });
    await enqueueJob(db(), "test.once", { centreId: "c1", n: 3 });
    expect(await runDueJobs()).toBe(1);
    expect(await runDueJobs()).toBe(0);
    expect(seen).toEqual([{ centreId: "c1", n: 3 }]);
    const [j] = await jobs();
    expect(j.doneAt).toBeInstanceOf(Date);
    expect(j).toMatchObject({ attempts: 0, failedAt: null, lockedUntil: null });
  });

  it("waits for a job's time", async () => {
    let runs = 0;
    registerJob("test.later", async () => {
      runs++;
    });
    await enqueueJob(db(), "test.later", {}, { runAt: new Date(Date.now() + 3_600_000) });
    expect(await runDueJobs()).toBe(0);
    await database().raw("update job set run_at = now() - interval '1 second'");
    expect(await runDueJobs()).toBe(1);
    expect(runs).toBe(1);
  });

  it("enqueues a job with a dedupe key only once", async () => {
    let runs = 0;
    registerJob("test.dedupe", async () => {
      runs++;
    });
    await enqueueJob(db(), "test.dedupe", { a: 1 }, { dedupeKey: "reminder:2026-03-01" });
    await enqueueJob(db(), "test.dedupe", { a: 2 }, { dedupeKey: "reminder:2026-03-01" });
    await enqueueJob(db(), "test.dedupe", { a: 3 }, { dedupeKey: "reminder:2026-03-02" });
    const all = await jobs();
    expect(all.map((j) => j.payload)).toEqual([{ a: 1 }, { a: 3 }]);
    await runDueJobs();
    expect(runs).toBe(2);
  });

  it("retries a failing job with back-off and marks it failed after its last attempt", async () => {
    let calls = 0;
    registerJob("test.fail", async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await enqueueJob(db(), "test.fail", {}, { maxAttempts: 3 });
    const before = Date.now();
    expect(await runDueJobs()).toBe(1);
    let [j] = await jobs();
    expect(j).toMatchObject({
      attempts: 1,
      lastError: "boom 1",
      failedAt: null,
      doneAt: null,
      lockedUntil: null,
    });
    expect(j.runAt.getTime()).toBeGreaterThanOrEqual(before + retryDelayMs(1) - 1000);
    expect(await runDueJobs()).toBe(0);

    await database().raw("update job set run_at = now() - interval '1 second'");
    await runDueJobs();
    [j] = await jobs();
    expect(j).toMatchObject({ attempts: 2, lastError: "boom 2", failedAt: null });
    expect(j.runAt.getTime()).toBeGreaterThanOrEqual(Date.now() + retryDelayMs(2) - 5000);

    await database().raw("update job set run_at = now() - interval '1 second'");
    await runDueJobs();
    [j] = await jobs();
    expect(j).toMatchObject({ attempts: 3, lastError: "boom 3", doneAt: null });
    expect(j.failedAt).toBeInstanceOf(Date);

    await database().raw("update job set run_at = now() - interval '1 second'");
    expect(await runDueJobs()).toBe(0);
    expect(calls).toBe(3);
  });

  it("fails a job whose kind has no handler instead of losing it", async () => {
    await enqueueJob(db(), "test.nobody", {}, { maxAttempts: 1 });
    await runDueJobs();
    const [j] = await jobs();
    expect(j.lastError).toMatch(/no handler/);
    expect(j.failedAt).toBeInstanceOf(Date);
  });

  it("skips a job another process holds a lease on", async () => {
    let runs = 0;
    registerJob("test.leased", async () => {
      runs++;
    });
    await enqueueJob(db(), "test.leased");
    await database().raw("update job set locked_until = now() + interval '1 minute'");
    expect(await runDueJobs()).toBe(0);
    await database().raw("update job set locked_until = now() - interval '1 second'");
    expect(await runDueJobs()).toBe(1);
    expect(runs).toBe(1);
  });

  // Skipped on PGlite: it has one connection, so two workers can never overlap there.
  it.runIf(kind === "postgres")(
    "never runs one job twice when workers run at once (PostgreSQL only)",
    async () => {
      const runs = new Map<number, number>();
      registerJob("test.concurrent", async (p) => {
        await new Promise((r) => setTimeout(r, 2));
        const n = Number(p.n);
        runs.set(n, (runs.get(n) ?? 0) + 1);
      });
      for (let n = 0; n < 40; n++) await enqueueJob(db(), "test.concurrent", { n });
      const worker = async () => {
        let total = 0;
        for (let got = await runDueJobs(7); got > 0; got = await runDueJobs(7)) total += got;
        return total;
      };
      const totals = await Promise.all([worker(), worker(), worker()]);
      expect(totals.reduce((a, b) => a + b, 0)).toBe(40);
      expect(runs.size).toBe(40);
      expect([...runs.values()].every((v) => v === 1)).toBe(true);
      const done = await database().raw(
        "select count(*)::int as n from job where done_at is not null",
      );
      expect(done.rows[0].n).toBe(40);
    },
  );
});
