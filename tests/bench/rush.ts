// What the rush benchmarks (enrol-rush, booking-rush) share: a fresh PostgreSQL database seeded
// by a script of their own with signed-in people, the API server started on it as
// server/main.ts would (without the web build), every request sent at once and timed to its
// last byte, a warm-up and a baseline of one signed-in GET each, and the ceiling — the same rows
// inserted straight through `pg`, one autocommit INSERT each, all at once over as many
// connections as the server's pool. Each benchmark keeps its own requests, its check of the
// outcome and its closing lines; it fails only when that check fails, never on the numbers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createPgDatabase, tempDir } from "./bench-database.ts";
import { baseEnv, freePort, percentile, runScript, startServer } from "./pages.ts";

/** The server's database pool, which the ceiling's pool matches. */
export const POOL = 10;

export type Answer<B> = { status: number; ms: number; body: B };

export type Run = {
  target: string;
  n: number;
  seconds: number;
  latencies: Float64Array;
  ok: number;
};

/** What every rush's seed script writes: the people, in order, with their session cookies. */
export type RushSeed = { centreId: string; employeeIds: string[]; cookies: string[] };

export const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");

const load = () =>
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;

/**
 * Sends one request per cookie, all at once (each on its own connection), timing each to its
 * last byte. With a body it is a JSON POST from the app's own origin, else a GET.
 */
export async function sendAll<B>(
  base: string,
  cookies: string[],
  request: (i: number) => { path: string; body?: unknown },
): Promise<Answer<B>[]> {
  return Promise.all(
    cookies.map(async (cookie, i) => {
      const r = request(i);
      const init: RequestInit =
        r.body === undefined
          ? { headers: { cookie } }
          : {
              method: "POST",
              headers: { "content-type": "application/json", cookie, origin: base },
              body: JSON.stringify(r.body),
            };
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}${r.path}`, init);
        // A GET's answer is read, not parsed: the baseline times the server, not JSON.parse.
        let body = {} as B;
        if (r.body === undefined) await res.arrayBuffer();
        else body = (await res.json().catch(() => ({}))) as B;
        return { status: res.status, ms: performance.now() - t0, body };
      } catch {
        return { status: 0, ms: performance.now() - t0, body: {} as B };
      }
    }),
  );
}

export function runOf(
  target: string,
  answers: { status: number; ms: number }[],
  seconds: number,
  okStatus: number[],
): Run {
  return {
    target,
    n: answers.length,
    seconds,
    latencies: Float64Array.from(answers.map((a) => a.ms)).sort(),
    ok: answers.filter((a) => okStatus.includes(a.status)).length,
  };
}

/** The ceiling: `n` single-row inserts sent at once through a warm pool of POOL connections. */
async function ceiling(
  url: string,
  n: number,
  insert: (i: number) => { text: string; values: unknown[] },
): Promise<Run> {
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  // Open every connection before the clock starts, as the server's pool is warm too.
  const clients = await Promise.all(Array.from({ length: POOL }, () => pool.connect()));
  for (const c of clients) c.release();
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now();
      try {
        await pool.query({ name: "ceiling_insert", ...insert(i) });
        return { status: 201, ms: performance.now() - t0 };
      } catch (err) {
        console.error(`ceiling insert failed: ${(err as Error).message}`);
        return { status: 500, ms: performance.now() - t0 };
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return runOf("ceiling: INSERT via pg", answers, seconds, [201]);
}

function printTable(runs: Run[]) {
  const header = ["target", "n", "ok", "per s", "total ms", "p50 ms", "p95 ms", "p99 ms"];
  const lines = runs.map((r) => [
    r.target,
    String(r.n),
    String(r.ok),
    String(Math.round(r.n / r.seconds)),
    fmt(r.seconds * 1000),
    fmt(percentile(r.latencies, 50)),
    fmt(percentile(r.latencies, 95)),
    fmt(percentile(r.latencies, 99)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${row(header)}`);
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}

export type RushBench<S extends RushSeed, B> = {
  /** The first line, before the machine's load. */
  title: string;
  people: number;
  /** The seed script and its own settings (OUT_FILE is added). */
  seed: { script: string; env: Record<string, string> };
  /** A signed-in GET for everyone: once to warm up, once more timed as the baseline. */
  baseline: { path: string; target: string };
  /** Requests elsewhere, not measured, each to answer 201; `what` names them in the log. */
  warmUp: { what: string; send: (base: string, seeded: S) => Promise<Answer<B>[]> };
  rush: {
    target: string;
    okStatus: number[];
    send: (base: string, seeded: S) => Promise<Answer<B>[]>;
  };
  /** The outcome in the database against the answers: the problems found. */
  check: (url: string, seeded: S, answers: Answer<B>[]) => Promise<string[]>;
  /** The ceiling's row for the i-th person. */
  ceilingInsert: (seeded: S, i: number) => { text: string; values: unknown[] };
  /** The closing lines: ratios to the ceiling and whatever the benchmark adds. */
  report: (runs: { http: Run; ceiling: Run }, answers: Answer<B>[]) => void;
};

export async function runRushBench<S extends RushSeed, B>(b: RushBench<S, B>): Promise<void> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  console.log(`${b.title}, on 127.0.0.1 (${load()})`);
  if (!adminUrl) {
    console.log(
      "\nSkipped: the rush is measured on PostgreSQL — set BENCH_DATABASE_URL or TEST_DATABASE_URL.",
    );
    return;
  }
  const created = await createPgDatabase(adminUrl);
  const env = baseEnv();
  env.NODE_ENV = "production";
  env.LOG_LEVEL = "warn";
  env.JOBS = "false";
  env.DATABASE_URL = created.url;
  env.AUTH_SECRET = `bench-${"x".repeat(40)}`;
  const outFile = path.join(tempDir(), "seeded.json");
  let stop = async () => {};
  try {
    process.stdout.write(`  seeding ${b.people} employees with signed-in sessions… `);
    const t0 = performance.now();
    await runScript(b.seed.script, { ...env, ...b.seed.env, OUT_FILE: outFile });
    console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const seeded = JSON.parse(fs.readFileSync(outFile, "utf8")) as S;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The same app, middleware and database pool as server/main.ts, without the web build.
    const server = await startServer(
      "server/postgres",
      "tests/bench/api-server.ts",
      { ...env, PORT: String(port), BASE_URL: base },
      port,
      /Przystań: http:/,
    );
    stop = server.stop;
    // Warm-up, not measured: every session looked up once (the JIT and the pool warm up too).
    const everyone = () => sendAll(base, seeded.cookies, () => ({ path: b.baseline.path }));
    await everyone();
    const warm = await b.warmUp.send(base, seeded);
    const warmOk = warm.filter((a) => a.status === 201).length;
    if (warmOk !== warm.length)
      throw new Error(`warm-up: ${warmOk} of ${warm.length} ${b.warmUp.what} answered 201`);
    // What any signed-in API request costs with everyone at once (session, actor, a query or
    // two): the floor under the rush's latency that is not the rush's own.
    process.stdout.write(
      `  warm-up: ${b.people} sessions, ${warmOk} ${b.warmUp.what} elsewhere; baseline… `,
    );
    const b0 = performance.now();
    const baseAnswers = await everyone();
    const baseline = runOf(b.baseline.target, baseAnswers, (performance.now() - b0) / 1000, [200]);
    process.stdout.write(`${Math.round(b.people / baseline.seconds)}/s; the rush… `);
    const started = performance.now();
    const answers = await b.rush.send(base, seeded);
    const seconds = (performance.now() - started) / 1000;
    const http = runOf(b.rush.target, answers, seconds, b.rush.okStatus);
    console.log(`${Math.round(b.people / seconds)}/s`);
    await server.stop();
    stop = async () => {};
    const problems = await b.check(created.url, seeded, answers);
    process.stdout.write(`  ceiling: ${b.people} single-row inserts over ${POOL} connections… `);
    const c = await ceiling(created.url, seeded.employeeIds.length, (i) =>
      b.ceilingInsert(seeded, i),
    );
    console.log(`${Math.round(b.people / c.seconds)}/s`);
    printTable([http, baseline, c]);
    b.report({ http, ceiling: c }, answers);
    if (problems.length) {
      for (const p of problems) console.log(`  ! ${p}`);
      throw new Error("the rush's outcome is wrong");
    }
  } finally {
    await stop();
    await created.drop();
  }
}
