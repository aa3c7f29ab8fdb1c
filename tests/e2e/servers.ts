// Where the two servers of the end-to-end suite live; shared by playwright.config.ts and the tests.
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** Run-time files the tests read (server log, seeded ids); test-results/ is git-ignored. */
export const RUN_DIR = path.join(root, "test-results", "e2e-run");

export const FRESH = {
  port: 3211,
  url: "http://127.0.0.1:3211",
  dataDir: path.join(os.tmpdir(), "przystan-e2e-fresh"),
  log: path.join(RUN_DIR, "fresh-server.log"),
};

export const SEEDED = {
  port: 3212,
  url: "http://127.0.0.1:3212",
  dataDir: path.join(os.tmpdir(), "przystan-e2e-seeded"),
  ids: path.join(RUN_DIR, "seed.json"),
  log: path.join(RUN_DIR, "seeded-server.log"),
};
