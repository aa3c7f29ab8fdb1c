// Where the two servers of the end-to-end suite live; shared by playwright.config.ts and the tests.
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

// E2E_PORT_OFFSET lets two suites run side by side on one machine (ports, data and run files
// all move with it); CI leaves it unset.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0) || 0;
export const RUN_SUFFIX = offset ? `-${offset}` : "";
const suffix = RUN_SUFFIX;

/** Run-time files the tests read (server log, seeded ids); test-results/ is git-ignored. */
export const RUN_DIR = path.join(root, "test-results", `e2e-run${suffix}`);

export const FRESH = {
  port: 3211 + offset,
  url: `http://127.0.0.1:${3211 + offset}`,
  dataDir: path.join(os.tmpdir(), `przystan-e2e-fresh${suffix}`),
  log: path.join(RUN_DIR, "fresh-server.log"),
};

export const SEEDED = {
  port: 3212 + offset,
  url: `http://127.0.0.1:${3212 + offset}`,
  dataDir: path.join(os.tmpdir(), `przystan-e2e-seeded${suffix}`),
  ids: path.join(RUN_DIR, "seed.json"),
  log: path.join(RUN_DIR, "seeded-server.log"),
};
