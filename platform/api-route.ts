import type { z } from "zod";
import type { Actor } from "../modules/access/actor.ts";
import type { Permission } from "../modules/access/permissions.ts";

/**
 * One /api/v1 operation: its schemas feed both request validation and the OpenAPI document.
 * Modules declare these in their api.ts; server/api.ts mounts them.
 */
export type ApiRoute = {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI-style path below /api/v1, e.g. "/units/{id}". */
  path: string;
  summary: string;
  tag: string;
  /** Checked again in the service; here it documents the route and fails fast. */
  permission: Permission;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: 200 | 201 | 204;
  handler: (input: {
    actor: Actor;
    params: Record<string, string>;
    query: unknown;
    body: unknown;
  }) => Promise<unknown>;
};

export function defineRoutes(routes: ApiRoute[]): ApiRoute[] {
  return routes;
}
