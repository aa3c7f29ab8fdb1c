// Field rules shared by the catalogue's use cases (activities, sessions, plans), and the
// adapters from the web forms: a Warsaw date and time typed in two fields become one instant,
// ticked checkboxes arrive joined by spaces, money is typed in złote.
import { z } from "zod";
import { AppError, type FieldErrors } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { isCalendarDay, warsawInstant } from "../survey/schedule-cycle.ts";

/** An instant: an ISO 8601 string with a time zone (as the API sends), or a Date. */
export const instant = z
  .union([z.date(), z.iso.datetime({ offset: true, error: "errors.date" })], {
    error: "errors.date",
  })
  .transform((v) => new Date(v));

/** An instant that may be left out: "" and null mean none. */
export const optionalInstant = z
  .union([z.literal(""), z.null(), instant], { error: "errors.date" })
  .optional()
  .transform((v) => (v instanceof Date ? v : null));

/** Ids of a list, without repeats; "" in a form means none. */
export const idList = z
  .array(z.string().refine(isUuid, "errors.invalid"), { error: "errors.invalid" })
  .max(1000, "errors.invalid")
  .optional()
  .default([])
  .transform((v) => [...new Set(v)]);

export const audienceFields = z
  .object(
    { staffGroupIds: idList, positionIds: idList, unitIds: idList },
    {
      error: "errors.invalid",
    },
  )
  .optional()
  .default({ staffGroupIds: [], positionIds: [], unitIds: [] });

/** An https link (meeting rooms, materials): plain http or other schemes are refused. */
export const httpsUrl = z
  .string()
  .trim()
  .max(1000, "errors.tooLong")
  .refine((v) => v === "" || isHttpsUrl(v), "errors.programmeHttps");

export function isHttpsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === "https:" && Boolean(u.hostname);
  } catch {
    return false;
  }
}

/**
 * Złote typed by a person — "1 234,50", "1234.5", "1 234,50 zł", "1.234,50" — as grosze, or
 * null when the text is no amount. Thousands may be split by spaces (also non-breaking ones)
 * or by dots when a comma marks the decimals; at most two decimal places.
 */
export function parseZloty(text: string): number | null {
  let s = text
    .replace(/zł|pln/gi, "")
    .replace(/[\s\u00a0\u202f]/g, "")
    .trim();
  if (s.includes(",") && s.includes(".")) {
    if (s.lastIndexOf(",") < s.lastIndexOf(".")) return null;
    if (!/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(s)) return null;
    s = s.replace(/\./g, "");
  }
  const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const grosze = Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
  return Number.isSafeInteger(grosze) && grosze <= 2_000_000_000 ? grosze : null;
}

/** Ids of ticked checkboxes, sent joined by spaces (the routes join them). */
export function joinedIds(joined: string | undefined): string[] {
  return (joined ?? "").split(/\s+/).filter(Boolean);
}

/**
 * The instant of an optional Warsaw date field `name` and its time field `${name}Time`: both
 * empty is none; one without the other, or a malformed one, is an error on that field.
 */
export function optionalInstantField(
  v: Record<string, string | undefined>,
  name: string,
  errors: FieldErrors,
): Date | null {
  const day = (v[name] ?? "").trim();
  const time = (v[`${name}Time`] ?? "").trim();
  if (!day && !time) return null;
  if (!day) errors[name] = "errors.required";
  else if (!isCalendarDay(day)) errors[name] = "errors.date";
  if (!time) errors[`${name}Time`] = "errors.required";
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors[`${name}Time`] = "errors.time";
  if (errors[name] || errors[`${name}Time`]) return null;
  return warsawInstant(day, time);
}

/** Throws the form's own errors together with those the schema finds in the rest. */
export function throwFormErrors(
  errors: FieldErrors,
  rest: z.ZodSafeParseResult<unknown> | null,
): void {
  const schemaErrors: FieldErrors = {};
  if (rest && !rest.success) {
    for (const issue of rest.error.issues) {
      const field = issue.path.join(".") || "_form";
      if (schemaErrors[field]) continue;
      schemaErrors[field] = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
    }
  }
  const all = { ...schemaErrors, ...errors };
  if (Object.keys(all).length > 0) throw new AppError("validation", all);
}
