import type { Context } from "hono";
import { AppError, ERROR_STATUS, type ErrorCode } from "../platform/errors.ts";
import { isMessageKey, type Locale, type MessageKey, translator } from "../platform/i18n.ts";
import { RateLimitedError } from "../platform/rate-limit.ts";

/** RFC 9457 Problem Details, with titles in the request's language. */
export function problem(
  c: Context,
  status: number,
  code: ErrorCode | "bad_request" | "payload_too_large" | "internal" | "unavailable",
  locale: Locale,
  extra: Record<string, unknown> = {},
) {
  const t = translator(locale);
  const body = {
    type: `about:blank#${code}`,
    title: t(`problem.${code}` as MessageKey),
    status,
    instance: c.req.path,
    ...extra,
  };
  return c.body(JSON.stringify(body), status as 400, {
    "Content-Type": "application/problem+json; charset=utf-8",
  });
}

export function problemFromError(c: Context, err: unknown, locale: Locale) {
  if (err instanceof AppError) {
    const t = translator(locale);
    const errors = Object.fromEntries(
      Object.entries(err.fieldErrors).map(([k, v]) => [k, isMessageKey(v) ? t(v) : v]),
    );
    if (err instanceof RateLimitedError) c.header("Retry-After", String(err.retryAfterSeconds));
    return problem(c, ERROR_STATUS[err.code], err.code, locale, {
      ...err.extensions,
      ...(Object.keys(errors).length ? { errors } : {}),
    });
  }
  return null;
}
