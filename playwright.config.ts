// End-to-end suite: two production servers (one empty for the first run, one seeded with a
// centre and one account per role) driven by Debian's Chromium. Run `npx playwright test`.
import { defineConfig } from "@playwright/test";
import { FRESH, RUN_DIR, RUN_SUFFIX, SEEDED } from "./tests/e2e/servers.ts";

// The servers run on the Node that runs Playwright (the project's Node 24 under npm/npx),
// whatever `node` the shell's PATH would find.
const node = `"${process.execPath}"`;

const serverEnv = (port: number, url: string, dataDir: string) => ({
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  PORT: String(port),
  BASE_URL: url,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  SMTP_URL: "",
  SIGNIN_RATE_LIMIT: "1000",
  JOBS: "true",
  LOG_LEVEL: "warn",
});

export default defineConfig({
  testDir: "tests/e2e",
  // test-results/ itself also holds the JSON report and the servers' run files; only this
  // sub-folder is Playwright's to clear.
  outputDir: `test-results/e2e-artifacts${RUN_SUFFIX}`,
  // Two workers: the flows share the seeded data and so run one at a time, in file order, on
  // one worker; the accessibility walk (a11y.spec.ts, read-only visits, about half of the
  // suite's time) fills the other. "flows" is listed first on purpose: Playwright hands out
  // work in project order, so listing the walk first would let it take both workers and
  // leave the flows waiting until it is done.
  // The first run works on a server of its own (the empty one), so it runs beside the flows
  // too, on the walk's worker, which finishes well before the flows do.
  workers: 2,
  projects: [
    {
      name: "flows",
      testIgnore: /(a11y|first-run)\.spec\.ts$/,
      fullyParallel: false,
      workers: 1,
    },
    // Each test walks many pages, and shares the machine with the flows: more time per test.
    { name: "pages", testMatch: /a11y\.spec\.ts$/, fullyParallel: true, timeout: 180_000 },
    { name: "first-run", testMatch: /first-run\.spec\.ts$/, fullyParallel: false, workers: 1 },
  ],
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: `test-results/e2e${RUN_SUFFIX}.json` }]],
  use: {
    baseURL: SEEDED.url,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      // Empty installation: prints the one-time setup link, which first-run.spec.ts reads
      // from the log. Builds the web application first when it is missing or stale.
      command: `rm -rf "${FRESH.dataDir}" && mkdir -p "${RUN_DIR}" && ${node} scripts/ensure-build.ts && exec ${node} server/main.ts > "${FRESH.log}"`,
      url: `${FRESH.url}/health`,
      env: serverEnv(FRESH.port, FRESH.url, FRESH.dataDir),
      reuseExistingServer: false,
      timeout: 180_000,
      stderr: "pipe",
    },
    {
      // Two centres with one account per role; the seed closes the embedded database
      // before the server opens it (PGlite is single-process).
      command: `mkdir -p "${RUN_DIR}" && ${node} tests/e2e/seed.ts && exec ${node} server/main.ts > "${SEEDED.log}"`,
      url: `${SEEDED.url}/health`,
      env: serverEnv(SEEDED.port, SEEDED.url, SEEDED.dataDir),
      reuseExistingServer: false,
      timeout: 120_000,
      stderr: "pipe",
    },
  ],
});
