import { z } from "zod";
import { AppError, type FieldErrors } from "./errors.ts";
import { isCalendarDay } from "./warsaw-time.ts";

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

/** A form's text ("12", " 1 000 ") as a number; empty is undefined, anything else NaN. */
function toNumber(v: unknown): unknown {
  if (v === "" || v === null || v === undefined) return undefined;
  if (typeof v === "string") {
    const s = v.replace(/[\s\u00a0\u202f]/g, "");
    return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
  }
  return v;
}

function rangedInt(min: number, max: number, message: string) {
  return z
    .number({ error: (iss) => (iss.input === undefined ? "errors.required" : message) })
    .int(message)
    .min(min, message)
    .max(max, message);
}

/** A whole number in a range, typed in a form or sent as a number; empty is "required". */
export function wholeNumber(min: number, max: number, message: string) {
  return z.preprocess(toNumber, rangedInt(min, max, message));
}

/** A whole number in a range that may be left empty: then it is `fallback`. */
export function wholeNumberOr<F extends number | null>(
  min: number,
  max: number,
  message: string,
  fallback: F,
) {
  return z.preprocess(
    (v) => toNumber(v) ?? fallback,
    fallback === null ? rangedInt(min, max, message).nullable() : rangedInt(min, max, message),
  ) as z.ZodType<number | F, unknown>;
}

/** A calendar day yyyy-mm-dd. */
export const calendarDay = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .refine(isCalendarDay, "errors.date");

/**
 * Each field of an object schema on its own, so every mistake is reported at once, next to its
 * field; the caller then checks the rules between the fields it got.
 */
export function parseEachField<S extends z.ZodRawShape>(
  schema: z.ZodObject<S>,
  input: unknown,
): { values: Partial<z.infer<z.ZodObject<S>>>; errors: FieldErrors } {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const r = (field as z.ZodType).safeParse(raw[name]);
    if (r.success) values[name] = r.data;
    else errors[name] = zodFieldErrors(r.error)._form ?? "errors.invalid";
  }
  return { values: values as Partial<z.infer<z.ZodObject<S>>>, errors };
}
