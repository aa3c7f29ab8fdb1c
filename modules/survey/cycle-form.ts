// The cycle forms of the web interface: a Warsaw date and time typed in two fields become one
// instant, reminder days come from several date fields, and lists of ids from checkboxes. Every
// mistake is reported on the field that holds it, together with the service's own checks.
import { AppError, type FieldErrors } from "../../platform/errors.ts";
import { zodFieldErrors } from "../../platform/validation.ts";
import { cycleFields } from "./create-cycle.ts";
import { isCalendarDay, warsawInstant } from "./schedule-cycle.ts";

/**
 * The instant of the date field `name` (yyyy-mm-dd) and its time field `${name}Time` (HH:MM),
 * in Warsaw time; on a mistake, an error on the field at fault and undefined.
 */
export function instantField(
  v: Record<string, string | undefined>,
  name: string,
  errors: FieldErrors,
): Date | undefined {
  const day = v[name] ?? "";
  const time = v[`${name}Time`] ?? "";
  if (!day) errors[name] = "errors.required";
  else if (!isCalendarDay(day)) errors[name] = "errors.date";
  if (!time) errors[`${name}Time`] = "errors.required";
  else if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors[`${name}Time`] = "errors.time";
  if (errors[name] || errors[`${name}Time`]) return undefined;
  return warsawInstant(day, time) ?? undefined;
}

/**
 * The reminder days typed in the fields `reminderDates.0`, `reminderDates.1` … (as many as the
 * form has, up to 30); empty fields are skipped.
 */
export function reminderDatesField(
  v: Record<string, string | undefined>,
  errors: FieldErrors,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < 30; i++) {
    const day = v[`reminderDates.${i}`] ?? "";
    if (!day) continue;
    if (isCalendarDay(day)) out.push(day);
    else errors[`reminderDates.${i}`] = "errors.date";
  }
  return out;
}

/** Ids of ticked checkboxes, sent joined by spaces (see the route). */
export function idList(joined: string | undefined): string[] {
  return (joined ?? "").split(/\s+/).filter(Boolean);
}

/**
 * The input of `createCycle` from the new-cycle form. Throws one validation error with the
 * date fields' mistakes and the service schema's together, so the form shows them all at once.
 */
export function cycleFormInput(v: Record<string, string | undefined>): Record<string, unknown> {
  const errors: FieldErrors = {};
  if (!v.instrumentId) errors.instrumentId = "errors.required";
  const opensAt = instantField(v, "opensAt", errors);
  const closesAt = instantField(v, "closesAt", errors);
  const reminderDates = reminderDatesField(v, errors);
  const input = {
    instrumentId: v.instrumentId ?? "",
    name: v.name ?? "",
    kind: v.kind || "staff",
    opensAt,
    closesAt,
    autoOpen: v.autoOpen ?? "false",
    reminderDates,
    population: {
      unitIds: idList(v["population.unitIds"]),
      staffGroupIds: idList(v["population.staffGroupIds"]),
    },
    minGroupSize: v.minGroupSize || undefined,
    minCommentGroupSize: v.minCommentGroupSize || undefined,
  };
  // The service checks this too; here it joins the form's other errors in one answer.
  if (opensAt && closesAt && (closesAt <= opensAt || closesAt.getTime() <= Date.now())) {
    errors.closesAt = "errors.surveyDates";
  }
  if (Object.keys(errors).length > 0) {
    const rest = cycleFields
      .omit({ opensAt: true, closesAt: true, reminderDates: true })
      .safeParse(input);
    throw new AppError("validation", {
      ...(rest.success ? {} : zodFieldErrors(rest.error)),
      ...errors,
    });
  }
  return input;
}
