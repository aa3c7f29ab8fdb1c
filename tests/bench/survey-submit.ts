// `npm run bench -- survey-submit [--kill] [--api-only]`: anonymous survey submissions through
// the real HTTP
// server (POST /api/v1/responses), 100 connections, each a full answer to the default workload
// instrument with its own one-time token, on PostgreSQL (BENCH_DATABASE_URL or
// TEST_DATABASE_URL) and, reported separately, on PGlite. On PostgreSQL the same rows are also
// written straight through `pg`, one transaction each at the same concurrency — the ceiling.
// Afterwards it checks that stored responses = 201 answers = spent tokens.
//
// `--kill` instead SIGKILLs the server in the middle of a run on PostgreSQL, starts it again and
// checks that every token answered 201 has its response and that no token is spent without
// one. `--api-only` serves the API without the web build (the same app and middleware), for a
// tree whose web build is absent. Everything runs on 127.0.0.1; it prints, and fails only when
// a check fails.
import os from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import { workloadSurvey } from "../../modules/survey/default-instruments.ts";
import { allItems } from "../../modules/survey/instrument.ts";
import { type AnswerValue, pruneAnswers, scoreResponse } from "../../modules/survey/scoring.ts";
import { createPgDatabase, tempDir } from "./bench-database.ts";
import { baseEnv, ensureBuild, freePort, percentile, startServer } from "./pages.ts";
import {
  type Counts,
  countsOf,
  fullAnswers,
  killCheck,
  type Seeded,
  seedSurvey,
  statusCounts,
  submitBody,
} from "./survey-common.ts";

const PEOPLE = 5000;
const WARMUP = 200;
const CONNECTIONS = 100;
/** server/main.ts; with --api-only the same app without the web build (tests/bench/api-server.ts). */
let serverScript = "server/main.ts";

type DbKind = "pglite" | "postgres";
type Run = {
  target: string;
  db: DbKind;
  n: number;
  seconds: number;
  statuses: Record<string, number>;
  latencies: Float64Array;
  /** Answers 201 before the measured run (warm-up), included in the checks. */
  warmup201: number;
  /** Requests with no answer (connection error or timeout): stored or not, nobody knows. */
  unanswered: number;
};

// ---------------------------------------------------------------------------------------------
// Databases.

async function seeding(env: NodeJS.ProcessEnv, warmup: number, ceiling: boolean) {
  process.stdout.write(`  seeding ${PEOPLE} employees and an open cycle… `);
  const started = performance.now();
  const seeded = await seedSurvey(env, { people: PEOPLE, warmup, ceiling });
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return seeded;
}

// ---------------------------------------------------------------------------------------------
// Load.

/** Posts every body once over `connections` keep-alive connections (autocannon). */
function postAll(
  base: string,
  bodies: string[],
  connections: number,
): Promise<{ statuses: number[]; latencies: Float64Array; seconds: number; errors: number }> {
  return new Promise((resolve, reject) => {
    let next = 0;
    const statuses: number[] = [];
    const times: number[] = [];
    const started = performance.now();
    const instance = autocannon(
      {
        url: `${base}/api/v1/responses`,
        connections,
        amount: bodies.length,
        timeout: 30,
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (req: Record<string, unknown>) => {
              // Past the last body autocannon may still prepare a request it will not send.
              req.body = bodies[Math.min(next++, bodies.length - 1)];
              return req;
            },
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          statuses,
          latencies: Float64Array.from(times).sort(),
          seconds: (performance.now() - started) / 1000,
          errors: result.errors,
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      statuses.push(status);
      times.push(ms);
    });
  });
}

async function benchServer(kind: DbKind, env: NodeJS.ProcessEnv, seeded: Seeded): Promise<Run> {
  const port = await freePort();
  const server = await startServer(
    `server/${kind}`,
    serverScript,
    { ...env, PORT: String(port) },
    port,
    /Przystań: http:/,
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    // Warm-up with the paper codes (the other kind of token), at low concurrency, not measured.
    const warm = await postAll(
      base,
      seeded.codes.map((c, i) => submitBody(c, PEOPLE + i)),
      10,
    );
    const warmOk = warm.statuses.filter((s) => s === 201).length;
    process.stdout.write(`  warm-up: ${warmOk}/${seeded.codes.length} paper codes answered 201; `);
    process.stdout.write(`measuring ${seeded.tokens.length} submissions… `);
    const r = await postAll(
      base,
      seeded.tokens.map((t, i) => submitBody(t, i)),
      CONNECTIONS,
    );
    const ok = r.statuses.filter((s) => s === 201).length;
    console.log(`${Math.round(ok / r.seconds)}/s`);
    if (r.errors > 0) console.log(`    ! ${r.errors} connection errors or timeouts`);
    return {
      target: "HTTP submit",
      db: kind,
      n: r.statuses.length,
      seconds: r.seconds,
      statuses: statusCounts(r.statuses),
      latencies: r.latencies,
      warmup201: warmOk,
      unanswered: r.errors + warm.errors,
    };
  } finally {
    await server.stop();
  }
}

/**
 * The ceiling's transaction: the rows a submission stores — the spent mark, the response, its
 * open answers — in one prepared statement (so one transaction), the least a database can do
 * for them. $1 cycle, $2 participation, $3 unit, $4 staff group, $5 answers, $6 scores, $7 open
 * answers.
 */
const CEILING_WRITE = `
  with spent as (
    update survey_participation set answered_on = (now() at time zone 'Europe/Warsaw')::date
    where id = $2 and answered_on is null
    returning 1
  ), response as (
    insert into survey_response (cycle_id, unit_id, staff_group_id, answered_on, answers, scores)
    select $1, $3, $4, (now() at time zone 'Europe/Warsaw')::date, $5::jsonb, $6::jsonb from spent
  )
  insert into survey_comment (cycle_id, unit_id, staff_group_id, item_id, text)
  select $1, $3, $4, o."itemId", o."text"
  from spent, jsonb_to_recordset($7::jsonb) as o("itemId" text, "text" text)`;

/**
 * The ceiling: the same rows written straight through `pg`, one transaction each, at the same
 * concurrency, with the answers and scores computed beforehand. No token lookup, no check of
 * the cycle, no validation, no HTTP.
 */
async function benchCeiling(url: string, seeded: Seeded): Promise<Run> {
  const probe = new pg.Client({ connectionString: url });
  await probe.connect();
  const maxConnections = Number(
    (await probe.query("show max_connections")).rows[0].max_connections,
  );
  const slots = (await probe.query(
    `select id, unit_id, staff_group_id from survey_participation
     where cycle_id = $1 and answered_on is null order by id`,
    [seeded.ceilingCycleId!],
  )) as { rows: { id: string; unit_id: string | null; staff_group_id: string | null }[] };
  await probe.end();
  // The server is stopped by now; leave room for superuser and maintenance connections.
  const connections = Math.min(CONNECTIONS, maxConnections - 10);
  const rows = slots.rows.slice(0, seeded.tokens.length).map((slot, i) => {
    const kept = pruneAnswers(workloadSurvey, fullAnswers(i));
    const closed: Record<string, AnswerValue> = {};
    const open: { itemId: string; text: string }[] = [];
    const kinds = new Map(allItems(workloadSurvey).map(({ item }) => [item.id, item.kind]));
    for (const [k, v] of Object.entries(kept)) {
      if (kinds.get(k) === "text") open.push({ itemId: k, text: v as string });
      else closed[k] = v;
    }
    return {
      slot,
      answers: JSON.stringify(closed),
      scores: JSON.stringify(scoreResponse(workloadSurvey, kept)),
      open,
    };
  });
  const pool = new pg.Pool({ connectionString: url, max: connections });
  // Open every connection before the clock starts, as the server's pool is warm too.
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = await pool.connect();
      return c;
    }),
  ).then((clients) => {
    for (const c of clients) c.release();
  });
  process.stdout.write(`  ceiling: ${rows.length} transactions over ${connections} connections… `);
  const times: number[] = [];
  const statuses: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < rows.length; i = next++) {
        const r = rows[i];
        const t0 = performance.now();
        const c = await pool.connect();
        try {
          await c.query({
            name: "ceiling_write",
            text: CEILING_WRITE,
            values: [
              seeded.ceilingCycleId,
              r.slot.id,
              r.slot.unit_id,
              r.slot.staff_group_id,
              r.answers,
              r.scores,
              JSON.stringify(r.open),
            ],
          });
          statuses.push(201);
        } catch (err) {
          statuses.push(500);
          console.error(`ceiling transaction failed: ${(err as Error).message}`);
        } finally {
          c.release();
        }
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  console.log(`${Math.round(rows.length / seconds)}/s`);
  return {
    target: "ceiling (pg)",
    db: "postgres",
    n: rows.length,
    seconds,
    statuses: statusCounts(statuses),
    latencies: Float64Array.from(times).sort(),
    warmup201: 0,
    unanswered: 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Report.

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");
const rate = (r: Run) => (r.statuses["201"] ?? 0) / r.seconds;

function printTable(runs: Run[]) {
  const header = ["target", "db", "n", "201/s", "p50 ms", "p95 ms", "p99 ms", "statuses"];
  const lines = runs.map((r) => [
    r.target,
    r.db,
    String(r.n),
    String(Math.round(rate(r))),
    fmt(percentile(r.latencies, 50)),
    fmt(percentile(r.latencies, 95)),
    fmt(percentile(r.latencies, 99)),
    Object.entries(r.statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(" "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 || i === 7 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ");
  console.log(`\n${row(header)}`);
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}

/**
 * Stored responses = 201 answers = spent tokens, for one database's run. A request left
 * without an answer (timed out) may or may not have been stored; each such one widens the
 * allowed number of responses by one, but never the equality of responses and spent tokens.
 */
function checkCounts(label: string, counts: Counts, run: Run): boolean {
  const warmup = run.warmup201;
  const created = (run.statuses["201"] ?? 0) + warmup;
  const spent = counts.spent + counts.usedCodes;
  const ok =
    spent === counts.responses &&
    counts.responses >= created &&
    counts.responses <= created + run.unanswered;
  const unanswered = run.unanswered > 0 ? `, ${run.unanswered} left without an answer` : "";
  console.log(
    `  ${label}: ${counts.responses} responses stored, ${created} answered 201 (${warmup} warm-up${unanswered}), ${spent} tokens spent — ${ok ? "consistent" : "MISMATCH"}`,
  );
  return ok;
}

// ---------------------------------------------------------------------------------------------
// The normal run.

async function benchDatabase(
  kind: DbKind,
  adminUrl?: string,
): Promise<{ runs: Run[]; ok: boolean }> {
  console.log(`\n${kind === "pglite" ? "PGlite" : "PostgreSQL"}:`);
  const env = baseEnv();
  env.NODE_ENV = "production";
  env.LOG_LEVEL = "warn";
  env.JOBS = "false";
  env.DATA_DIR = tempDir();
  let drop = async () => {};
  if (kind === "postgres") {
    const created = await createPgDatabase(adminUrl!);
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
  try {
    const seeded = await seeding(env, WARMUP, kind === "postgres");
    const run = await benchServer(kind, env, seeded);
    const runs = [run];
    let ok = true;
    if (kind === "postgres") {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      const query = async (sql: string) => (await client.query(sql)).rows;
      ok = checkCounts("check", await countsOf(query, seeded.cycleId), run);
      await client.end();
      const ceiling = await benchCeiling(env.DATABASE_URL!, seeded);
      runs.push(ceiling);
      const c2 = new pg.Client({ connectionString: env.DATABASE_URL });
      await c2.connect();
      const ceilingCounts = await countsOf(
        async (sql) => (await c2.query(sql)).rows,
        seeded.ceilingCycleId!,
      );
      await c2.end();
      ok = checkCounts("ceiling check", ceilingCounts, ceiling) && ok;
    } else {
      // The server has stopped, so this process may open PGlite's directory.
      const { openDatabase } = await import("../../platform/db.ts");
      const d = await openDatabase({ dataDir: env.DATA_DIR });
      try {
        const counts = await countsOf(async (sql) => (await d.raw(sql)).rows, seeded.cycleId);
        ok = checkCounts("check", counts, run);
      } finally {
        await d.close();
      }
    }
    return { runs, ok };
  } finally {
    await drop();
  }
}

/** Cores and load: the server, PostgreSQL and the load generator share them with anything else. */
const load = () =>
  `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;

function printTargets(runs: Run[], pgNote?: string) {
  console.log(
    `\nTargets from the issue (information; the benchmark fails only on a check; ${load()}):`,
  );
  const http = runs.find((r) => r.db === "postgres" && r.target === "HTTP submit");
  const ceiling = runs.find((r) => r.target.startsWith("ceiling"));
  if (!http || !ceiling) {
    console.log(`  PostgreSQL targets: not measured (${pgNote ?? "no PostgreSQL"})`);
    return;
  }
  const perSecond = rate(http);
  const p99 = percentile(http.latencies, 99);
  const share = (perSecond / rate(ceiling)) * 100;
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  console.log(
    `  ≥ 800 submissions/s on PostgreSQL: ${Math.round(perSecond)}/s — ${verdict(perSecond >= 800)}`,
  );
  console.log(`  p99 < 250 ms on PostgreSQL: ${fmt(p99)} ms — ${verdict(p99 < 250)}`);
  console.log(`  ≥ 35 % of the ceiling: ${share.toFixed(0)} % — ${verdict(share >= 35)}`);
}

// ---------------------------------------------------------------------------------------------
// --kill: the server is SIGKILLed mid-run.

async function benchKill(adminUrl: string): Promise<boolean> {
  console.log("\nPostgreSQL, SIGKILL in the middle of the run:");
  const env = baseEnv();
  env.NODE_ENV = "production";
  env.LOG_LEVEL = "warn";
  env.JOBS = "false";
  env.DATA_DIR = tempDir();
  const created = await createPgDatabase(adminUrl);
  env.DATABASE_URL = created.url;
  try {
    const seeded = await seeding(env, 0, false);
    const report = await killCheck({
      env,
      script: serverScript,
      databaseUrl: created.url,
      cycleId: seeded.cycleId,
      tokens: seeded.tokens,
      killAfter: Math.floor(PEOPLE / 2),
      concurrency: CONNECTIONS,
      log: (l) => console.log(`  ${l}`),
    });
    console.log(
      `  after the restart: ${report.afterRestart.responses} responses stored, ${report.afterRestart.spent} tokens spent, all ${report.spentOf201} tokens answered 201 spent: ${report.spentOf201 === report.answered201 ? "yes" : "NO"}`,
    );
    console.log(
      `  the ${report.failedInFlight} lost in flight, sent again: ${
        Object.entries(report.resubmitted)
          .map(([s, n]) => `${s}×${n}`)
          .join(" ") || "none"
      } (409 = it had been stored before the kill)`,
    );
    console.log(
      `  finally: ${report.final.responses} responses = ${report.final.spent} spent tokens`,
    );
    console.log(report.ok ? "  OK: no response lost, no token spent without its response" : "");
    for (const p of report.problems) console.log(`  FAILED: ${p}`);
    return report.ok;
  } finally {
    await created.drop();
  }
}

// ---------------------------------------------------------------------------------------------

export async function benchSurveySubmit(args: string[] = []): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const pgNote = pgUrl ? undefined : "set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it";
  if (args.includes("--api-only")) serverScript = "tests/bench/api-server.ts";
  else await ensureBuild();
  if (args.includes("--kill")) {
    if (!pgUrl) throw new Error(`--kill needs PostgreSQL: ${pgNote}`);
    if (!(await benchKill(pgUrl))) process.exitCode = 1;
    return;
  }
  console.log(
    `survey-submit: ${PEOPLE} tokens, ${CONNECTIONS} connections, a full answer to "${workloadSurvey.title.pl}" each, on 127.0.0.1 (${load()})`,
  );
  const runs: Run[] = [];
  let ok = true;
  if (pgUrl) {
    const r = await benchDatabase("postgres", pgUrl);
    runs.push(...r.runs);
    ok = r.ok && ok;
  } else {
    console.log(`\nPostgreSQL: skipped — ${pgNote}.`);
  }
  const lite = await benchDatabase("pglite");
  runs.push(...lite.runs);
  ok = lite.ok && ok;
  printTable(runs);
  printTargets(runs, pgNote);
  if (!ok) throw new Error("stored responses, 201 answers and spent tokens do not agree");
}
