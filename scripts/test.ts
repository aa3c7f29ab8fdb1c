// THE test command (`npm test`): lint, type-check, unit + integration tests (Vitest), the web
// build and the end-to-end suite (Playwright), output streamed. Lint, type-check and build
// count as one test each; the runners' own counts come from their JSON reports. The last line
// printed is `Tests: N passed, N failed[, N skipped]` — CI reads it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const resultsDir = path.join(root, "test-results");
const vitestReport = path.join(resultsDir, "vitest.json");
const e2eReport = path.join(resultsDir, "e2e.json");

const bin = {
  biome: "node_modules/@biomejs/biome/bin/biome",
  reactRouter: "node_modules/@react-router/dev/bin.cjs",
  tsc: "node_modules/typescript/bin/tsc",
  vitest: "node_modules/vitest/vitest.mjs",
  playwright: "node_modules/@playwright/test/cli.js",
};

type Outcome = { name: string; passed: number; failed: number; skipped: number; note?: string };
const outcomes: Outcome[] = [];

function heading(text: string) {
  console.log(`\n━━ ${text} ${"━".repeat(Math.max(3, 76 - text.length))}`);
}

/** Runs a JS binary with this same Node, output streamed; resolves to its exit code. */
function run(script: string, args: string[]): Promise<number> {
  console.log(`$ ${path.basename(script)} ${args.join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, script), ...args], {
      cwd: root,
      stdio: "inherit",
      env: process.env,
    });
    child.on("error", (err) => {
      console.error(`Could not start ${script}: ${err.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** A step that is not a test runner counts as one test. */
function single(name: string, ok: boolean, note?: string): boolean {
  outcomes.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note });
  return ok;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function removeStale(file: string) {
  fs.rmSync(file, { force: true });
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);

async function lint() {
  heading("Lint and format (biome check)");
  const code = await run(bin.biome, ["check", "."]);
  single("lint", code === 0, code === 0 ? undefined : `biome exited with ${code}`);
}

async function typecheck() {
  heading("Type-check (react-router typegen && tsc --noEmit)");
  const gen = await run(bin.reactRouter, ["typegen"]);
  if (gen !== 0) {
    single("typecheck", false, `react-router typegen exited with ${gen}; tsc not run`);
    return;
  }
  const code = await run(bin.tsc, ["--noEmit"]);
  single("typecheck", code === 0, code === 0 ? undefined : `tsc exited with ${code}`);
}

async function vitest() {
  heading("Unit and integration tests (vitest run)");
  removeStale(vitestReport);
  const code = await run(bin.vitest, [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${path.relative(root, vitestReport)}`,
  ]);
  const report = readJson(vitestReport) as Record<string, unknown> | undefined;
  if (!report) {
    single(
      "vitest",
      false,
      `no readable report at ${path.relative(root, vitestReport)} (exit code ${code})`,
    );
    return;
  }
  const o: Outcome = {
    name: "vitest",
    passed: num(report.numPassedTests),
    failed: num(report.numFailedTests),
    skipped: num(report.numPendingTests) + num(report.numTodoTests),
  };
  if (code !== 0 && o.failed === 0) {
    // A file that failed to load, an unhandled error or no test files at all: no test is
    // marked failed, yet the run failed.
    o.failed = 1;
    o.note = `vitest exited with ${code} (failed suites: ${num(report.numFailedTestSuites)})`;
  }
  outcomes.push(o);
}

async function build(): Promise<boolean> {
  heading("Build (react-router build)");
  const code = await run(bin.reactRouter, ["build"]);
  return single(
    "build",
    code === 0,
    code === 0 ? undefined : `react-router build exited with ${code}`,
  );
}

async function playwright(built: boolean) {
  heading("End-to-end tests (playwright test)");
  if (!built) {
    console.log("Skipped: the build failed, so there is nothing to test end to end.");
    single("e2e", false, "not run because the build failed");
    return;
  }
  removeStale(e2eReport);
  const code = await run(bin.playwright, ["test"]);
  const report = readJson(e2eReport) as { stats?: Record<string, unknown> } | undefined;
  if (!report?.stats) {
    single(
      "e2e",
      false,
      `no readable report at ${path.relative(root, e2eReport)} (exit code ${code})`,
    );
    return;
  }
  const s = report.stats;
  const o: Outcome = {
    name: "e2e",
    passed: num(s.expected) + num(s.flaky),
    failed: num(s.unexpected),
    skipped: num(s.skipped),
  };
  if (code !== 0 && o.failed === 0) {
    o.failed = 1;
    o.note = `playwright exited with ${code}`;
  }
  outcomes.push(o);
}

async function main() {
  const started = performance.now();
  fs.mkdirSync(resultsDir, { recursive: true });
  await lint();
  await typecheck();
  await vitest();
  const built = await build();
  await playwright(built);

  heading("Summary");
  for (const o of outcomes) {
    const status = o.failed > 0 ? "FAIL" : "ok  ";
    const counts = `${o.passed} passed, ${o.failed} failed${o.skipped ? `, ${o.skipped} skipped` : ""}`;
    console.log(`${status} ${o.name.padEnd(10)} ${counts}${o.note ? ` — ${o.note}` : ""}`);
  }
  console.log(`Time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const passed = outcomes.reduce((n, o) => n + o.passed, 0);
  const failed = outcomes.reduce((n, o) => n + o.failed, 0);
  const skipped = outcomes.reduce((n, o) => n + o.skipped, 0);
  process.exitCode = failed > 0 ? 1 : 0;
  console.log(
    `Tests: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`,
  );
}

main().catch((err) => {
  console.error(err);
  console.log("Tests: 0 passed, 1 failed");
  process.exitCode = 1;
});
