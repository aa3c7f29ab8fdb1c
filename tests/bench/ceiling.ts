// The ceiling: a bare node:http server answering every request with the same bytes as /health.
// Run as its own process (PORT from the environment) so it gets a core of its own, as the app
// server does.
import http from "node:http";

const body = Buffer.from(JSON.stringify({ status: "ok", db: "ok" }));
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
  res.end(body);
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
process.once("SIGTERM", () => server.close(() => process.exit(0)));
