import { defineConfig } from "vitest/config";

// Unit and integration tests live beside the code; end-to-end tests are Playwright's.
export default defineConfig({
  test: {
    include: ["{modules,platform,server,cli,app}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ["platform/test-global-setup.ts"],
    pool: "forks",
    // Vitest's default leaves one core idle; on CI's two cores that halves the speed. The
    // tests spend much of their time waiting on PostgreSQL and PGlite, so both cores help.
    maxWorkers: 2,
    // Each worker keeps its modules from one test file to the next instead of loading them
    // again (PGlite's WebAssembly, Drizzle, React): a third less time on CI. Every file opens
    // its own database (platform/testing.ts), so no data is shared; what a file must not do
    // is replace a module with vi.mock, which would leak into the files after it. A failure
    // is made real instead (a trigger refusing an insert, say).
    isolate: false,
    // Vitest copies Vite's BASE_URL ("/") into process.env, which is not the absolute URL our
    // configuration expects; tests run as if served from this address.
    env: { BASE_URL: "http://localhost:3000" },
  },
});
