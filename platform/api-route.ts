import type { z } from "zod";
import type { Actor } from "../modules/access/actor.ts";
import type { Permission } from "../modules/access/permissions.ts";

type Operation = {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI-style path below /api/v1, e.g. "/units/{id}". */
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: 200 | 201 | 204;
  /** A file instead of JSON ("application/pdf"): the handler then returns a Response. */
  produces?: string;
};

/**
 * One /api/v1 operation: its schemas feed both request validation and the OpenAPI document.
 * Modules declare these in their api.ts; server/api.ts mounts them.
 */
export type ApiRoute =
  | (Operation & {
      public?: false;
      /** Checked again in the service; here it documents the route and fails fast. */
      permission: Permission;
      handler: (input: {
        actor: Actor;
        params: Record<string, string>;
        query: unknown;
        body: unknown;
      }) => Promise<unknown>;
    })
  | PublicApiRoute;

/**
 * An operation anyone may call, with no key and no session (the anonymous survey's submit):
 * the handler gets no actor, only the client's address, for rate limits. Marked in the OpenAPI
 * document with an empty `security`.
 */
export type PublicApiRoute = Operation & {
  public: true;
  permission?: undefined;
  handler: (input: {
    params: Record<string, string>;
    query: unknown;
    body: unknown;
    /** The client's address: the connection's, or X-Forwarded-For's last hop with TRUST_PROXY. */
    clientIp: string;
  }) => Promise<unknown>;
};

export function defineRoutes(routes: ApiRoute[]): ApiRoute[] {
  return routes;
}
