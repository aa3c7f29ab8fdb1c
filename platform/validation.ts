import { z } from "zod";
import { AppError, type FieldErrors } from "./errors.ts";

/**
 * True for anything shaped like a UUID (any version): ids from URLs and API paths are checked
 * with this before they reach a uuid column, so a malformed one is "not found", not an error.
 */
export function isUuid(v: unknown): v is string {
  return (
    typeof v === "string" &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
  );
}

/** Parses with Zod; on failure throws a validation AppError whose messages are i18n keys. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new AppError("validation", zodFieldErrors(r.error));
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    if (out[field]) continue;
    out[field] = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return out;
}

/**
 * Form fields arrive as strings; empty ones mean "not given". Later fields of the same name win,
 * which is how a checkbox overrides the hidden "false" in front of it. Passwords are kept
 * exactly as typed.
 */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string") out[k] = /password/i.test(k) ? v : v.trim();
  }
  return out;
}

/**
 * A yes/no field from a form ("on" / "false") or JSON (true / false). When it is missing the
 * default applies, so API callers may leave it out.
 */
export function booleanField(defaultValue: boolean) {
  return z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .optional()
    .transform((v) => (v === undefined ? defaultValue : v === true || v === "on" || v === "true"));
}
