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
