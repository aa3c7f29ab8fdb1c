import { defineConfig } from "vitest/config";

// Unit and integration tests live beside the code; end-to-end tests are Playwright's.
export default defineConfig({
  test: {
    include: ["{modules,platform,server,cli,app}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
