// How windows, absences and contract periods read in sentences and labels ("Poniedziałek
// 09:00–12:00 (od 01.09.2026)"), and the refusals of availability.ts, absences.ts and
// contracts.ts that name the other record, in the reader's language. Client-safe.
import { AppError } from "../../platform/errors.ts";
import { formatDate, type MessageKey, type T } from "../../platform/i18n.ts";

export type WindowLike = {
  weekday: number;
  start: string;
  end: string;
  validFrom: string;
  validTo: string | null;
};

export function weekdayLabel(t: T, weekday: number): string {
  return t(`supportSpec.weekday.${weekday}` as MessageKey);
}

/** "od 01.09.2026" or "01.09.2026 – 31.12.2026". */
export function validityLabel(t: T, from: string, to: string | null): string {
  return to
    ? t("supportSpec.validRange", { from: formatDate(from), to: formatDate(to) })
    : t("supportSpec.validFromOnly", { from: formatDate(from) });
}

export function windowLabel(t: T, w: WindowLike): string {
  return t("supportSpec.windowText", {
    weekday: weekdayLabel(t, w.weekday),
    start: w.start,
    end: w.end,
    validity: validityLabel(t, w.validFrom, w.validTo),
  });
}

/** "01.07.2026" for one day, "01.07.2026 – 03.07.2026" for more. */
export function daysLabel(t: T, from: string, to: string): string {
  return from === to ? formatDate(from) : validityLabel(t, from, to);
}

/**
 * Rewrites the field errors of an availability, absence or contract refusal into sentences
 * that name the record it clashes with (the error's extensions carry it). Anything else is
 * left as it is.
 */
export function explainAvailabilityError(t: T, err: unknown): void {
  if (!(err instanceof AppError)) return;
  const f = err.fieldErrors;
  const other = err.extensions.overlapsWith as Record<string, unknown> | undefined;
  if (f.start === "errors.supportAvailOverlap" && other) {
    f.start = t("errors.supportAvailOverlapWith", { window: windowLabel(t, other as WindowLike) });
  }
  if (f.fromDate === "errors.supportAvailAbsenceOverlap" && other) {
    f.fromDate = t("errors.supportAvailAbsenceOverlapWith", {
      days: daysLabel(t, String(other.fromDate), String(other.toDate)),
    });
  }
  if (f.periodStart === "errors.supportAvailContractOverlap" && other) {
    f.periodStart = t("errors.supportAvailContractOverlapWith", {
      period: daysLabel(t, String(other.periodStart), String(other.periodEnd)),
    });
  }
  if (f.end === "errors.supportAvailShort" && typeof err.extensions.slotMinutes === "number") {
    f.end = t("errors.supportAvailShortMinutes", { minutes: err.extensions.slotMinutes });
  }
}
