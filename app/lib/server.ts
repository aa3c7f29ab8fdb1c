// Glue between routes and services: who is asking, and how service errors become responses.
import { data, type RouterContextProvider, redirect } from "react-router";
import type { Actor } from "../../modules/access/actor.ts";
import { hasPermission, type Permission } from "../../modules/access/permissions.ts";
import { AppError, type FieldErrors } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n.ts";
import { formToObject } from "../../platform/validation.ts";
import { type RequestContext, requestContext } from "../context.ts";

export function ctx(context: Readonly<RouterContextProvider>): RequestContext {
  return context.get(requestContext);
}

export function t(context: Readonly<RouterContextProvider>) {
  return translator(ctx(context).locale);
}

/**
 * The page a request is for. Client-side navigations fetch "/page.data" ("/_root.data" for
 * "/"), with React Router's own "_routes" parameter; sign-in must come back to the page.
 */
export function pagePath(request: Request): string {
  const url = new URL(request.url);
  let path = url.pathname;
  if (path.endsWith(".data")) {
    path = path.slice(0, -".data".length);
    if (path === "/_root") path = "/";
    url.searchParams.delete("_routes");
  }
  const search = url.searchParams.toString();
  return search ? `${path}?${search}` : path;
}

/** The signed-in actor, or a redirect to the sign-in page that comes back here afterwards. */
export function requireActor(context: Readonly<RouterContextProvider>, request: Request): Actor {
  const actor = ctx(context).actor;
  if (!actor) throw redirect(`/login?next=${encodeURIComponent(pagePath(request))}`);
  return actor;
}

/** Like requireActor, and answers 403 when the matrix does not grant the permission. */
export function requirePage(
  context: Readonly<RouterContextProvider>,
  request: Request,
  permission: Permission,
): Actor {
  const actor = requireActor(context, request);
  if (!hasPermission(actor.roles, permission)) throw data(null, { status: 403 });
  return actor;
}

function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Runs a service call for a loader: its errors become the right HTTP status pages. */
export async function load<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e)) throw data(null, { status: e.status });
    throw e;
  }
}

export type FormResult = {
  ok?: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: Record<string, string>;
};

/**
 * Runs a service call for an action. Field errors come back with what was typed, so the form
 * shows them next to their fields and keeps the input; other errors become status pages.
 */
export async function act(
  form: FormData,
  fn: (values: Record<string, string>) => Promise<Response | FormResult | undefined>,
) {
  const values = formToObject(form);
  try {
    return (await fn(values)) ?? { ok: true };
  } catch (e) {
    if (isAppError(e) && (e.code === "validation" || e.code === "conflict")) {
      // Passwords are never sent back to the browser.
      for (const k of Object.keys(values)) if (/password/i.test(k)) delete values[k];
      return data<FormResult>({ fieldErrors: e.fieldErrors, values }, { status: 422 });
    }
    if (isAppError(e)) throw data(null, { status: e.status });
    throw e;
  }
}

/** Copies Set-Cookie headers from an auth response onto our redirect. */
export function withCookies(target: string, from: Headers, extra?: HeadersInit): Response {
  const headers = new Headers(extra);
  for (const c of from.getSetCookie()) headers.append("Set-Cookie", c);
  return redirect(target, { headers });
}

/**
 * Only a path of this site may be a "next" target. Browsers read "/\\host" and "//host" as
 * another site, so the target is resolved against a dummy origin and must stay on it.
 */
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/")) return "/";
  try {
    const url = new URL(next, "http://przystan.invalid");
    return url.origin === "http://przystan.invalid" ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

export function pageParams(url: URL) {
  return Object.fromEntries(url.searchParams.entries());
}
