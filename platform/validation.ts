import type { z } from "zod";
import { AppError, type FieldErrors } from "./errors.ts";

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

/** Form fields arrive as strings; empty ones mean "not given". */
export function formToObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v.trim();
  return out;
}
