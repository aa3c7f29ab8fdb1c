// The HTTP server as server/main.ts starts it — the same app, middleware, database and
// listener — but without the web build: pages answer 500, /api/v1 and /health work. For checks
// of the API that must not depend on `react-router build` having run (the SIGKILL test runs
// before the build in `npm test`). Prints "Przystań: http://HOST:PORT" when ready, as main does.
import "../../server/node-env.ts";
import http from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { ServerBuild } from "react-router";
import { config } from "../../platform/config.ts";
import { database, startDatabase } from "../../platform/db.ts";
import { createApp } from "../../server/app.ts";

const cfg = config();
await startDatabase();
const app = createApp({
  mode: "production",
  build: (): ServerBuild => {
    throw new Error("this server has no web build");
  },
});
const server = http.createServer(getRequestListener(app.fetch));
server.requestTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(cfg.PORT, cfg.HOST, resolve));
const address = server.address();
const port = typeof address === "object" && address ? address.port : cfg.PORT;
console.log(`Przystań: http://${cfg.HOST}:${port}`);

process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void database()
    .close()
    .catch(() => undefined)
    .finally(() => process.exit(0));
});
