import type { SurveyCycleKind, SurveyCycleStatus } from "../../modules/survey/schema.ts";
import type { MessageKey } from "../../platform/i18n.ts";
import { useI18n } from "../lib/i18n.tsx";
import { Field, type FormState, useFieldError } from "./form.tsx";

/** How many reminder-day fields the forms offer. */
export const REMINDER_FIELDS = 4;

/** A cycle's status as a badge, in words (colour is never the only cue). */
export function CycleStatus({
  status,
  autoOpen,
}: {
  status: SurveyCycleStatus;
  autoOpen?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`}>
      {t(`surveys.status.${status}` as MessageKey)}
      {status === "draft" && autoOpen ? ` · ${t("surveys.autoOpenShort")}` : ""}
    </span>
  );
}

export function percent(part: number, whole: number, locale: string): string {
  return new Intl.NumberFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(whole > 0 ? part / whole : 0);
}

/**
 * How far a cycle got, for the centre as a whole: answered invitations of those invited, and
 * answers given with paper codes on top; a client-service cycle counts its answers only.
 */
export function ResponseRate({
  kind,
  status,
  invited,
  answered,
  responses,
}: {
  kind: SurveyCycleKind;
  status: SurveyCycleStatus;
  invited: number;
  answered: number;
  responses: number;
}) {
  const { t, locale } = useI18n();
  if (status === "draft") return <>{t("surveys.notYet")}</>;
  if (kind === "client") return <>{t("surveys.responsesCount", { count: responses })}</>;
  const paper = Math.max(0, responses - answered);
  return (
    <>
      {t("surveys.rate", { answered, invited, percent: percent(answered, invited, locale) })}
      {paper > 0 && (
        <>
          <br />
          <span className="muted">{t("surveys.paperAnswers", { count: paper })}</span>
        </>
      )}
    </>
  );
}

/** A Warsaw date and time in two fields, `name` (date) and `${name}Time`, in one fieldset. */
export function DateTimeFields({
  name,
  legend,
  dateLabel,
  timeLabel,
  state,
  date,
  time,
  hint,
}: {
  name: string;
  legend: string;
  dateLabel: string;
  timeLabel: string;
  state?: FormState;
  date: string;
  time: string;
  hint?: string;
}) {
  return (
    <fieldset className="datetime">
      <legend>{legend}</legend>
      {hint && <p className="hint">{hint}</p>}
      <Field name={name} type="date" label={dateLabel} required state={state} defaultValue={date} />
      <Field
        name={`${name}Time`}
        type="time"
        label={timeLabel}
        required
        state={state}
        defaultValue={time}
      />
    </fieldset>
  );
}

/** Up to REMINDER_FIELDS reminder days, as date fields `reminderDates.0` … */
export function ReminderDateFields({
  state,
  dates,
  legend,
}: {
  state?: FormState;
  dates: string[];
  legend: string;
}) {
  const { t } = useI18n();
  const error = useFieldError(state)("reminderDates");
  return (
    <fieldset
      id="f-reminderDates"
      tabIndex={-1}
      aria-describedby={`f-reminderDates-hint${error ? " f-reminderDates-error" : ""}`}
    >
      <legend>{legend}</legend>
      <p className="hint" id="f-reminderDates-hint">
        {t("surveys.reminderDatesHint")}
      </p>
      {error && (
        <p className="error" id="f-reminderDates-error">
          {error}
        </p>
      )}
      {Array.from({ length: REMINDER_FIELDS }, (_, i) => (
        <Field
          // biome-ignore lint/suspicious/noArrayIndexKey: the fields are fixed slots, not a list
          key={i}
          name={`reminderDates.${i}`}
          type="date"
          label={t("surveys.reminderDay", { n: i + 1 })}
          state={state}
          defaultValue={dates[i] ?? ""}
        />
      ))}
    </fieldset>
  );
}
