// `npm run bench -- pages`: requests per second and latency of GET /health and of the signed-in
// dashboard (GET /) on the production server, on PGlite and (when BENCH_DATABASE_URL or
// TEST_DATABASE_URL is set) on PostgreSQL, next to a bare node:http server answering with the
// same bytes as /health — the ceiling. Everything runs on 127.0.0.1 and every server is one
// this benchmark starts and stops itself. It prints; it never fails on the numbers.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result } from "autocannon";
import { createPgDatabase, tempDir } from "./bench-database.ts";

const root = path.resolve(import.meta.dirname, "../..");
const CONNECTIONS = 50;
const DURATION_S = 10;
const WARMUP_S = 2;

type DbKind = "pglite" | "postgres";
type Row = {
  target: string;
  db: DbKind | "none";
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  bad: number;
};

// ---------------------------------------------------------------------------------------------
// Processes and temporary things: all of them are cleaned up, even on error or Ctrl-C.

const children = new Set<ChildProcess>();

function cleanUpNow() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}
process.on("exit", cleanUpNow);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers`);
    process.exit(130);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** The environment without any database or URL settings the caller may have. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ["DATABASE_URL", "DATA_DIR", "BASE_URL", "PORT", "HOST", "AUTH_SECRET"]) {
    delete env[key];
  }
  return env;
}

/** Runs a Node script to its end; resolves to its stdout, rejects with its output on failure. */
export function runScript(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, script)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      children.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`${script} exited with ${code}:\n${out}${err}`));
    });
  });
}

/** Builds the web application when it is missing or older than the sources (output shown). */
export function ensureBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/ensure-build.ts")], {
      cwd: root,
      env: baseEnv(),
      stdio: "inherit",
    });
    children.add(child);
    child.on("error", reject);
    child.on("exit", (code) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`scripts/ensure-build.ts exited with ${code}`));
    });
  });
}

export type Server = { name: string; port: number; stop: () => Promise<void> };

/** Starts a long-running Node script and waits until its stdout matches `ready`. */
export function startServer(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  port: number,
  ready: RegExp,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, script)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.add(child);
    let started = false;
    let stopping = false;
    let early = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${name} did not start within 60 s:\n${early}`));
    }, 60_000);
    const onOutput = (chunk: Buffer) => {
      if (!started) {
        early += chunk.toString();
        if (ready.test(early)) {
          started = true;
          clearTimeout(timer);
          resolve({ name, port, stop });
        }
        return;
      }
      // After start-up only warnings and errors are logged (LOG_LEVEL=warn): show them, but
      // not those of the shutdown, which closes the database under requests still in flight.
      if (stopping) return;
      for (const line of chunk.toString().split("\n"))
        if (line.trim()) console.error(`[${name}] ${line}`);
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (!started) {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${early}`));
      }
    });
    function stop(): Promise<void> {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((done) => {
        const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(kill);
          done();
        });
        child.kill("SIGTERM");
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Measuring.

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

function cannon(url: string, headers: Record<string, string>, duration: number) {
  return new Promise<{ result: Result; latencies: Float64Array }>((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration, headers, timeout: 30 },
      (err, result) =>
        err ? reject(err) : resolve({ result, latencies: Float64Array.from(times) }),
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
      times.push(ms);
    });
  });
}

async function expectOk(url: string, headers: Record<string, string>) {
  const res = await fetch(url, { headers, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) {
    throw new Error(
      `GET ${url} answered ${res.status} ${res.headers.get("location") ?? ""} before the benchmark`,
    );
  }
}

async function measure(
  target: string,
  db: Row["db"],
  url: string,
  headers: Record<string, string> = {},
): Promise<Row> {
  await expectOk(url, headers);
  process.stdout.write(`  ${target} on ${db}: warm-up ${WARMUP_S} s, `);
  await cannon(url, headers, WARMUP_S);
  process.stdout.write(`measuring ${DURATION_S} s… `);
  const { result, latencies } = await cannon(url, headers, DURATION_S);
  latencies.sort();
  const row: Row = {
    target,
    db,
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    bad: result.non2xx + result.errors,
  };
  console.log(`${Math.round(row.rps)} req/s`);
  if (row.bad > 0) {
    console.log(
      `    ! ${result.non2xx} non-2xx answers, ${result.errors} errors (${result.timeouts} timeouts)`,
    );
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// The app server on one database.

async function signIn(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: "manual",
  });
  await res.arrayBuffer();
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0].trim())
    .filter((c) => c.includes("=") && !c.endsWith("="));
  if (res.status < 300 || res.status >= 400 || cookies.length === 0) {
    throw new Error(`signing in answered ${res.status} with ${cookies.length} cookies`);
  }
  return cookies.join("; ");
}

async function benchDatabase(kind: DbKind, adminUrl?: string): Promise<Row[]> {
  console.log(`\n${kind === "pglite" ? "PGlite" : "PostgreSQL"}:`);
  const env = baseEnv();
  env.NODE_ENV = "production";
  env.LOG_LEVEL = "warn";
  env.SIGNIN_RATE_LIMIT = "100000";
  env.DATA_DIR = tempDir();

  let dropDatabase = async () => {};
  if (kind === "postgres") {
    if (!adminUrl) throw new Error("no PostgreSQL URL");
    const created = await createPgDatabase(adminUrl);
    dropDatabase = created.drop;
    env.DATABASE_URL = created.url;
  }

  let server: Server | undefined;
  try {
    // The seed runs to its end first: PGlite's directory is one process's at a time.
    const seeded = JSON.parse(
      (await runScript("tests/bench/seed.ts", env)).trim().split("\n").pop() ?? "",
    );
    const port = await freePort();
    server = await startServer(
      `server/${kind}`,
      "server/main.ts",
      { ...env, PORT: String(port) },
      port,
      /Przystań: http:/,
    );
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signIn(base, seeded.email, seeded.password);
    return [
      await measure("/health", kind, `${base}/health`),
      await measure("/ (dashboard)", kind, `${base}/`, { Cookie: cookie }),
    ];
  } finally {
    await server?.stop();
    await dropDatabase();
  }
}

async function benchCeiling(): Promise<Row> {
  console.log("\nCeiling (bare node:http, the same bytes as /health):");
  const port = await freePort();
  const server = await startServer(
    "ceiling",
    "tests/bench/ceiling.ts",
    { ...baseEnv(), PORT: String(port) },
    port,
    /listening/,
  );
  try {
    return await measure("ceiling", "none", `http://127.0.0.1:${port}/health`);
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");

function printTable(rows: Row[], ceiling: Row) {
  const header = [
    "target",
    "db",
    "req/s",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "of ceiling",
    "non-2xx/err",
  ];
  const lines = rows.map((r) => [
    r.target,
    r.db === "none" ? "–" : r.db,
    Math.round(r.rps).toString(),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    `${((r.rps / ceiling.rps) * 100).toFixed(0)} %`,
    r.bad.toString(),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${fmt(header)}`);
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(fmt(l));
}

function printTargets(rows: Row[], ceiling: Row, pgNote?: string) {
  console.log("\nTargets from the issue (information; the benchmark does not fail on them):");
  const dash = rows.find((r) => r.target.startsWith("/ ") && r.db === "postgres");
  if (dash) {
    const met = dash.p95 < 50 ? "met" : "NOT met";
    console.log(`  dashboard p95 < 50 ms on PostgreSQL: ${ms(dash.p95)} ms — ${met}`);
  } else {
    console.log(
      `  dashboard p95 < 50 ms on PostgreSQL: not measured (${pgNote ?? "no PostgreSQL"})`,
    );
  }
  for (const r of rows.filter((row) => row.target === "/health")) {
    const share = (r.rps / ceiling.rps) * 100;
    const met = share >= 40 ? "met" : "NOT met";
    console.log(`  /health ≥ 40 % of the ceiling on ${r.db}: ${share.toFixed(0)} % — ${met}`);
  }
}

export async function benchPages(): Promise<void> {
  console.log(
    `pages: ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s per target, on 127.0.0.1 (${os.cpus().length} cores)`,
  );
  await ensureBuild();

  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const pgNote = pgUrl ? undefined : "set BENCH_DATABASE_URL or TEST_DATABASE_URL to include it";

  const ceiling = await benchCeiling();
  const rows: Row[] = [ceiling];
  rows.push(...(await benchDatabase("pglite")));
  if (pgUrl) rows.push(...(await benchDatabase("postgres", pgUrl)));
  else console.log(`\nPostgreSQL: skipped — ${pgNote}.`);

  printTable(rows, ceiling);
  printTargets(rows, ceiling, pgNote);
}
