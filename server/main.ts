import "./node-env.ts";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { getRequestListener } from "@hono/node-server";
import type { ServerBuild } from "react-router";
import { prepareFirstRun } from "../modules/access/first-run.ts";
import { startHealthJobs } from "../modules/health/health-jobs.ts";
import { startIncidentJobs } from "../modules/incidents/incident-jobs.ts";
import { startStaffImportJobs } from "../modules/org/staff-import/jobs.ts";
import { startEvaluationJobs } from "../modules/programme/evaluation-jobs.ts";
import { startProgrammeJobs } from "../modules/programme/jobs.ts";
import { startSupportJobs } from "../modules/support/support-jobs.ts";
import { startSurveyJobs } from "../modules/survey/jobs.ts";
import { config } from "../platform/config.ts";
import { database, startDatabase } from "../platform/db.ts";
import { startWorker } from "../platform/jobs.ts";
import { logger } from "../platform/logger.ts";
import { createApp } from "./app.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  const cfg = config();
  const dev = cfg.NODE_ENV === "development";
  await startDatabase();

  let listener: http.RequestListener;
  if (dev) {
    const { createServer } = await import("vite");
    const vite = await createServer({ root, server: { middlewareMode: true }, appType: "custom" });
    const app = createApp({
      mode: "development",
      build: () => vite.ssrLoadModule("virtual:react-router/server-build") as Promise<ServerBuild>,
    });
    const hono = getRequestListener(app.fetch);
    listener = (req, res) => vite.middlewares(req, res, () => hono(req, res));
  } else {
    const buildUrl = pathToFileURL(path.join(root, "build/server/index.js")).href;
    const build = (await import(buildUrl)) as ServerBuild;
    const app = createApp({
      mode: "production",
      build: () => build,
      clientDir: path.relative(process.cwd(), path.join(root, "build/client")) || ".",
    });
    listener = getRequestListener(app.fetch);
  }

  const server = http.createServer(listener);
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(cfg.PORT, cfg.HOST, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : cfg.PORT;
  logger.info({ host: cfg.HOST, port, db: database().kind }, "listening");
  console.log(`Przystań: http://${cfg.HOST}:${port}`);

  const setupUrl = await prepareFirstRun();
  if (setupUrl) {
    console.log("");
    console.log("  Pierwsze uruchomienie — otwórz jednorazowy link (ważny 24 godziny),");
    console.log("  aby utworzyć ośrodek i konto administratora:");
    console.log("  First run — open this one-time link (valid for 24 hours) to create the");
    console.log("  centre and its administrator:");
    console.log(`\n  ${setupUrl}\n`);
  }

  if (cfg.JOBS) {
    await startStaffImportJobs();
    await startSurveyJobs();
    await startProgrammeJobs();
    await startEvaluationJobs();
    await startSupportJobs();
    await startHealthJobs();
    await startIncidentJobs();
  }
  const stopWorker = cfg.JOBS ? startWorker() : () => {};
  const shutdown = async (signal: string) => {
    logger.info({ signal }, "shutting down");
    stopWorker();
    server.close();
    server.closeAllConnections();
    await database()
      .close()
      .catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
