// One list of error codes; each maps to a translated message (errors.<code>) and an HTTP status.
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  validation: 422,
  conflict: 409,
  rate_limited: 429,
  gone: 410,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field errors hold message keys (for example "errors.required"), translated when shown. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors: FieldErrors;
  /** Further members of an API answer's Problem Details (RFC 9457 extension members). */
  extensions: Record<string, unknown> = {};
  constructor(code: ErrorCode, fieldErrors: FieldErrors = {}, message?: string) {
    super(message ?? code);
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const forbidden = () => new AppError("forbidden");
export const notFound = () => new AppError("not_found");

/**
 * True when a database error (as thrown by Drizzle on PGlite or node-postgres) is a unique
 * violation of the named constraint: the check-then-insert of two simultaneous requests can
 * both pass the check, and the unique index then refuses the second.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === "23505" && e.constraint === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * True when a database error is a violation of the named exclusion constraint (23P01): two
 * overlapping ranges (availability windows, bookings) that a check in code let through, for
 * example when two requests arrived at the same moment.
 */
export function isExclusionViolation(err: unknown, constraint: string): boolean {
  for (let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined; e; ) {
    if (e.code === "23P01" && e.constraint === constraint) return true;
    e = e.cause as typeof e;
  }
  return false;
}
