import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Actor } from "../modules/access/actor.ts";
import { auditApiKeyCall } from "../modules/access/api-keys-authenticate.ts";
import { hasPermission } from "../modules/access/permissions.ts";
import { examsApi } from "../modules/health/exams-api.ts";
import { healthDayApi } from "../modules/health/health-day-api.ts";
import { planningApi } from "../modules/health/planning-api.ts";
import { incidentsApi } from "../modules/incidents/incidents-api.ts";
import { orgApi } from "../modules/org/api.ts";
import { attendanceApi } from "../modules/programme/attendance-api.ts";
import { catalogueApi } from "../modules/programme/catalogue-api.ts";
import { enrolApi } from "../modules/programme/enrol-api.ts";
import { testsApi } from "../modules/programme/tests-api.ts";
import { bookingsApi } from "../modules/support/bookings-api.ts";
import { roomsApi } from "../modules/support/rooms-api.ts";
import { specialistApi } from "../modules/support/specialist-api.ts";
import { specialistsApi } from "../modules/support/specialists-api.ts";
import { surveyApi } from "../modules/survey/api.ts";
import { surveyResultsApi } from "../modules/survey/results-api.ts";
import type { ApiRoute } from "../platform/api-route.ts";
import type { Locale } from "../platform/i18n.ts";
import { logger } from "../platform/logger.ts";
import { clientIp } from "./client-ip.ts";
import { problem, problemFromError } from "./problem.ts";

export type ApiEnv = {
  Variables: {
    requestId: string;
    locale: Locale;
    actor: Actor | null;
    /** The operation's path template ("/units/{id}"), for the audit of calls made with a key. */
    apiOperation?: string;
  };
};

/**
 * The Authorization header of a request that is to be authenticated by an integration key:
 * any request below /api/v1 that carries one. Elsewhere a key means nothing (null).
 */
export function apiKeyHeader(path: string, authorization: string | undefined): string | null {
  if (authorization === undefined || !path.startsWith("/api/v1/")) return null;
  return authorization;
}

/** 401 for a missing, malformed, unknown or revoked key alike: the answer never says which. */
export function unauthenticated(c: Context, locale: Locale) {
  c.header("WWW-Authenticate", 'Bearer realm="przystan"');
  return problem(c, 401, "unauthenticated", locale);
}

/** Every module's /api/v1 operations. */
export const apiRoutes: ApiRoute[] = [
  ...orgApi,
  ...surveyApi,
  ...surveyResultsApi,
  ...catalogueApi,
  ...attendanceApi,
  ...enrolApi,
  ...testsApi,
  ...examsApi,
  ...planningApi,
  ...specialistApi,
  ...specialistsApi,
  ...bookingsApi,
  ...healthDayApi,
  ...roomsApi,
  ...incidentsApi,
];

/** JSON Schema of a Zod schema for embedding in the OpenAPI document (without its own $schema). */
function schemaOf(schema: z.ZodType, io: "input" | "output" = "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return rest;
}

export function openApiDocument(routes: ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const queryParams = r.query
      ? Object.entries(
          (schemaOf(r.query, "input") as { properties?: Record<string, unknown> }).properties ?? {},
        ).map(([name, schema]) => ({ name, in: "query", required: false, schema }))
      : [];
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      // A public operation needs no key and no session: an empty security list says so.
      ...(r.public ? { security: [], "x-public": true } : { "x-permission": r.permission }),
      parameters: [...params, ...queryParams],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: schemaOf(r.body, "input") } },
            },
          }
        : {}),
      responses: {
        [String(r.status ?? 200)]: {
          description: "OK",
          content: r.produces
            ? { [r.produces]: { schema: { type: "string", format: "binary" } } }
            : { "application/json": { schema: schemaOf(r.response) } },
        },
        default: {
          description: "Problem Details (RFC 9457)",
          content: {
            "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } },
          },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Przystań API", version: "1" },
    servers: [{ url: "/api/v1" }],
    paths,
    components: {
      schemas: {
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            instance: { type: "string" },
            errors: { type: "object", additionalProperties: { type: "string" } },
          },
        },
      },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "przystan.session_token" },
        bearer: {
          type: "http",
          scheme: "bearer",
          description:
            "An integration key made by a centre administrator (the Klucze API page, /admin/api-keys, or `npm run przystan -- api-key create`). It acts with its role inside its centre.",
        },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
  };
}

export function createApi(routes: ApiRoute[] = apiRoutes) {
  const api = new Hono<ApiEnv>();
  const doc = openApiDocument(routes);
  const publicOperations = new Set(routes.filter((r) => r.public).map((r) => r.path));

  // Every call made with a key is audited: which operation, and how it ended. No bodies, no
  // query strings, no concrete ids from the path: those may carry personal data.
  api.use("*", async (c, next) => {
    await next();
    const actor = c.get("actor");
    if (!actor?.apiKeyId) return;
    // A public operation is the same whoever calls it, and an anonymous answer's time of
    // arrival is recorded nowhere: a key sent along does not make it an audited call.
    if (publicOperations.has(c.get("apiOperation") ?? "")) return;
    try {
      await auditApiKeyCall(actor, {
        method: c.req.method,
        path: c.get("apiOperation") ?? "*",
        status: c.res.status,
      });
    } catch (err) {
      logger.error(
        { requestId: c.get("requestId"), err: (err as Error).message },
        "api call audit failed",
      );
    }
  });

  api.get("/openapi.json", (c) => {
    c.set("apiOperation", "/openapi.json");
    return c.json(doc);
  });

  for (const r of routes) {
    const path = r.path.replace(/\{(\w+)\}/g, ":$1");
    api.on(r.method.toUpperCase(), path, async (c) => {
      c.set("apiOperation", r.path);
      const locale = c.get("locale");
      const actor = c.get("actor");
      if (!r.public) {
        if (!actor) return unauthenticated(c, locale);
        if (!hasPermission(actor.roles, r.permission)) return problem(c, 403, "forbidden", locale);
      }
      let body: unknown;
      if (r.body) {
        try {
          body = await c.req.json();
        } catch {
          return problem(c, 400, "bad_request", locale);
        }
      }
      try {
        const input = {
          params: c.req.param() as Record<string, string>,
          query: c.req.query(),
          body,
        };
        const result = r.public
          ? await r.handler({ ...input, clientIp: clientIp(c) })
          : await r.handler({ ...input, actor: actor! });
        if (r.status === 204) return c.body(null, 204);
        // A file (r.produces): the handler has made the whole answer.
        if (result instanceof Response) return result;
        return c.json(result as object, r.status ?? 200);
      } catch (err) {
        const p = problemFromError(c, err, locale);
        if (p) return p;
        logger.error({ requestId: c.get("requestId"), err: (err as Error).message }, "api error");
        return problem(c, 500, "internal", locale);
      }
    });
  }
  api.notFound((c) => problem(c, 404, "not_found", c.get("locale")));
  return api;
}
