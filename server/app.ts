import { randomBytes, randomUUID } from "node:crypto";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { createRequestHandler, RouterContextProvider, type ServerBuild } from "react-router";
import { requestContext } from "../app/context.ts";
import { actorFromRequest } from "../modules/access/actor.ts";
import { actorFromApiKey } from "../modules/access/api-keys-authenticate.ts";
import { calendarFeedIcs } from "../modules/programme/calendar-feed.ts";
import { MAX_SCAN_BYTES } from "../modules/programme/session-scan.ts";
import { config, isSecureBaseUrl } from "../platform/config.ts";
import { database } from "../platform/db.ts";
import { detectLocale, LOCALE_COOKIE, type MessageKey, translator } from "../platform/i18n.ts";
import { logger } from "../platform/logger.ts";
import { createRateLimiter } from "../platform/rate-limit.ts";
import { MAX_SPREADSHEET_BYTES } from "../platform/spreadsheet.ts";
import { type ApiEnv, apiKeyHeader, createApi, unauthenticated } from "./api.ts";
import { clientIp } from "./client-ip.ts";
import { problem } from "./problem.ts";

type Env = ApiEnv & { Variables: ApiEnv["Variables"] & { nonce: string } };

export type AppOptions = {
  /** The web build; a function so the dev server can hand over a fresh one per request. */
  build: () => ServerBuild | Promise<ServerBuild>;
  mode: "production" | "development";
  /** Folder of the browser assets (build/client); none in development (Vite serves them). */
  clientDir?: string;
};

function securityHeaders(dev: boolean): MiddlewareHandler<Env> {
  return async (c, next) => {
    const nonce = randomBytes(16).toString("base64");
    c.set("nonce", nonce);
    await next();
    const h = c.res.headers;
    const scriptSrc = dev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`;
    h.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src ${scriptSrc}`,
        `style-src 'self'${dev ? " 'unsafe-inline'" : ""}`,
        "img-src 'self' data:",
        `connect-src 'self'${dev ? " ws:" : ""}`,
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (isSecureBaseUrl())
      h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  };
}

/**
 * Cookie-authenticated changes must come from our own pages: the browser's Origin (or, when a
 * browser sends none, Sec-Fetch-Site) must say same origin. SameSite=Lax cookies are the
 * second line of defence.
 */
export const csrfGuard: MiddlewareHandler<Env> = async (c, next) => {
  if (/^(GET|HEAD|OPTIONS)$/.test(c.req.method)) return next();
  // An API call carrying a key is authenticated by that header alone, never by a cookie, and a
  // foreign page cannot add the header without a CORS preflight we never grant. An API call
  // with no cookie at all has nothing a forged request could ride on: it is answered 401.
  const withKey = apiKeyHeader(c.req.path, c.req.header("authorization")) !== null;
  const noCookie = c.req.path.startsWith("/api/v1/") && !c.req.header("cookie");
  if (withKey || noCookie) return next();
  const origin = c.req.header("origin");
  const site = c.req.header("sec-fetch-site");
  const allowed = new Set([config().baseUrl, new URL(c.req.url).origin]);
  const ok = origin ? allowed.has(origin) : site === "same-origin";
  if (ok) return next();
  logger.warn(
    { requestId: c.get("requestId"), path: loggablePath(c.req.path) },
    "csrf check failed",
  );
  if (c.req.path.startsWith("/api/")) return problem(c, 403, "forbidden", c.get("locale"));
  return c.html(errorPage(c.get("locale"), 403), 403);
};

function errorPage(
  locale: "pl" | "en",
  status: 403 | 413 | 429 | 503 | 500,
  textKey?: MessageKey,
): string {
  const t = translator(locale);
  const title = t(`httpError.${status}.title`);
  const text = t(textKey ?? `httpError.${status}.text`);
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} – Przystań</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">${t("httpError.home")}</a></p></main></body></html>`;
}

export { clientIp };

/** Paths with one-time tokens in them are logged without the token. */
export function loggablePath(path: string): string {
  return path
    .replace(/^\/(setup|invitation|survey|opinia|calendar)\/[^/]+/, "/$1/[token]")
    .replace(/^\/support\/crisis\/[^/]+/, "/support/crisis/[token]");
}

/**
 * Whether the database answers `select 1` within two seconds. Concurrent callers share one
 * probe and its answer is reused for a second, so a flood of health checks costs the database
 * at most one query a second while a failure still shows within about a second.
 */
export function createDatabaseProbe(ttlMs = 1000) {
  let last: { ok: boolean; at: number } | null = null;
  let inFlight: Promise<boolean> | null = null;
  const check = async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        database().raw("select 1"),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("timeout")), 2000);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  return async (): Promise<boolean> => {
    if (last && Date.now() - last.at < ttlMs) return last.ok;
    inFlight ??= check().then((ok) => {
      last = { ok, at: Date.now() };
      inFlight = null;
      return ok;
    });
    return inFlight;
  };
}

export function createApp(opts: AppOptions) {
  const dev = opts.mode === "development";
  const app = new Hono<Env>();
  const signInLimiter = createRateLimiter({ windowMs: 60_000, max: config().SIGNIN_RATE_LIMIT });

  // First and lean: load balancers call it often. The answer carries no personal data, so it
  // skips the per-request middleware below.
  const probe = createDatabaseProbe();
  app.get("/health", async (c) => {
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    return (await probe())
      ? c.json({ status: "ok", db: "ok" })
      : c.json({ status: "error", db: "unavailable" }, 503);
  });

  app.use("*", async (c, next) => {
    const requestId = randomUUID();
    c.set("requestId", requestId);
    c.set(
      "locale",
      detectLocale(getCookie(c, LOCALE_COOKIE), c.req.header("accept-language") ?? null),
    );
    const started = performance.now();
    await next();
    c.res.headers.set("X-Request-Id", requestId);
    // Path only: query strings may carry search terms or tokens.
    logger.info(
      {
        requestId,
        method: c.req.method,
        path: loggablePath(c.req.path),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use("*", securityHeaders(dev));

  if (opts.clientDir) {
    app.use(
      "/assets/*",
      serveStatic({
        root: opts.clientDir,
        onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
      }),
    );
    app.use("/favicon.svg", serveStatic({ root: opts.clientDir }));
  }
  // Browsers ask for /favicon.ico on their own wherever a response is not one of our pages
  // (a refused download, a PDF). Point them to the icon we have instead of a 404.
  app.get("/favicon.ico", (c) => c.redirect("/favicon.svg", 301));

  const generalLimit = bodyLimit({
    maxSize: config().BODY_LIMIT_BYTES,
    onError: (c) =>
      c.req.path.startsWith("/api/")
        ? problem(c, 413, "payload_too_large", c.get("locale"))
        : c.html(errorPage(c.get("locale"), 413), 413),
  });
  // The staff import's upload carries a file of up to 10 MB (plus the form's envelope); the
  // import refuses a bigger file itself. Anything larger is cut off here, by Content-Length or
  // while it streams in, before it is buffered.
  const staffUpload = /^\/org\/employees\/import(\.data)?$/;
  const uploadLimit = bodyLimit({
    maxSize: Math.max(config().BODY_LIMIT_BYTES, MAX_SPREADSHEET_BYTES + 1024 * 1024),
    onError: (c) => c.html(errorPage(c.get("locale"), 413, "errors.fileTooLarge"), 413),
  });
  // A session's signed attendance sheet may be scanned into a file of up to 20 MB; the scan
  // service refuses a bigger file with a message next to the field, this cuts off anything past
  // it (with the form's envelope) before it is buffered.
  const scanUpload = /^\/programme\/sessions\/[^/]+\/attendance(\.data)?$/;
  const scanLimit = bodyLimit({
    maxSize: Math.max(config().BODY_LIMIT_BYTES, MAX_SCAN_BYTES + 1024 * 1024),
    onError: (c) => c.html(errorPage(c.get("locale"), 413, "errors.scanTooLarge"), 413),
  });
  app.use("*", (c, next) =>
    staffUpload.test(c.req.path)
      ? uploadLimit(c, next)
      : scanUpload.test(c.req.path)
        ? scanLimit(c, next)
        : generalLimit(c, next),
  );
  app.use("*", csrfGuard);

  // Pages that try a password or send mail to any address; React Router's data requests
  // ("/login.data") reach the same actions and count too.
  app.use("*", async (c, next) => {
    const page = c.req.path.replace(/\.data$/, "");
    const guarded =
      page === "/login" || page === "/login/two-factor" || page === "/forgot-password";
    if (guarded && c.req.method === "POST" && !signInLimiter.hit(clientIp(c))) {
      return c.html(errorPage(c.get("locale"), 429), 429, { "Retry-After": "60" });
    }
    return next();
  });

  // With the database down, every page and API call answers a calm 503 at once instead of
  // failing somewhere inside a loader (the probe's answer is shared, so this costs nothing).
  app.use("*", async (c, next) => {
    if (await probe()) return next();
    if (c.req.path.startsWith("/api/")) return problem(c, 503, "unavailable", c.get("locale"));
    return c.html(errorPage(c.get("locale"), 503), 503, { "Retry-After": "30" });
  });

  // Who is asking; pages and the API read it from the context.
  app.use("*", async (c, next) => {
    try {
      const key = apiKeyHeader(c.req.path, c.req.header("authorization"));
      if (key !== null) {
        // No falling back to the session cookie: a bad key is a refusal, whatever else is sent.
        const actor = await actorFromApiKey(key, c.get("requestId"));
        if (!actor) return unauthenticated(c, c.get("locale"));
        c.set("actor", actor);
      } else {
        c.set("actor", await actorFromRequest(c.req.raw.headers, c.get("requestId")));
      }
    } catch (err) {
      logger.error(
        { requestId: c.get("requestId"), err: (err as Error).message },
        "session lookup failed",
      );
      if (c.req.path.startsWith("/api/")) return problem(c, 503, "unavailable", c.get("locale"));
      return c.html(errorPage(c.get("locale"), 503), 503);
    }
    const actorLocale = c.get("actor")?.locale;
    if (actorLocale && !getCookie(c, LOCALE_COOKIE)) c.set("locale", actorLocale);
    return next();
  });

  // A personal calendar feed, fetched by calendar applications: the secret in the address is
  // the only credential. Private, so no shared cache keeps a copy of someone's sessions.
  app.get("/calendar/:file{[A-Za-z0-9_-]+\\.ics}", async (c) => {
    const ics = await calendarFeedIcs(c.req.param("file").slice(0, -".ics".length));
    c.header("Cache-Control", "private, max-age=300");
    if (!ics) return c.text("Not found", 404);
    return c.body(ics, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="przystan.ics"',
    });
  });

  app.route("/api/v1", createApi());
  app.all("/api/*", (c) => problem(c, 404, "not_found", c.get("locale")));

  // The handler is made once per build (in development the build changes on every edit).
  let handlerFor: { build: ServerBuild; handler: ReturnType<typeof createRequestHandler> } | null =
    null;
  app.all("*", async (c) => {
    const build = await opts.build();
    if (handlerFor?.build !== build)
      handlerFor = { build, handler: createRequestHandler(build, opts.mode) };
    const handler = handlerFor.handler;
    const context = new RouterContextProvider();
    context.set(requestContext, {
      requestId: c.get("requestId"),
      nonce: c.get("nonce"),
      locale: c.get("locale"),
      actor: c.get("actor"),
      clientAddress: clientIp(c),
    });
    return handler(c.req.raw, context);
  });

  app.onError((err, c) => {
    logger.error({ requestId: c.get("requestId"), err: err.message }, "unhandled error");
    if (c.req.path.startsWith("/api/")) return problem(c, 500, "internal", c.get("locale") ?? "pl");
    return c.html(errorPage(c.get("locale") ?? "pl", 500), 500);
  });
  return app;
}
