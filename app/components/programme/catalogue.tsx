// The catalogue's forms and small pieces: an activity's status, the activity form, the session
// form and the plan form. Every form works without JavaScript; errors come back next to their
// fields with what was typed.
import { Form } from "react-router";
import type { ActivityStatus } from "../../../modules/programme/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { useI18n } from "../../lib/i18n.tsx";
import {
  CheckboxField,
  CheckboxList,
  ErrorSummary,
  Field,
  type FormState,
  RadioGroup,
  SelectField,
  TextAreaField,
  useFieldError,
} from "../form.tsx";
import "../charts.css";
import "./catalogue.css";

export function ActivityStatusBadge({ status }: { status: ActivityStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-activity-${status}`}>
      {t(`catalogue.status.${status}` as MessageKey)}
    </span>
  );
}

/** "5 of 20 places left" / "No places left — waitlist". */
export function PlacesLeft({ capacity, placesLeft }: { capacity: number; placesLeft: number }) {
  const { t } = useI18n();
  return (
    <>
      {placesLeft > 0
        ? t("catalogue.placesLeft", { count: placesLeft, capacity })
        : t("catalogue.full", { capacity })}
    </>
  );
}

/** A Warsaw date and time that may both be left empty, in one fieldset. */
export function OptionalDateTime({
  name,
  legend,
  hint,
  state,
  date,
  time,
}: {
  name: string;
  legend: string;
  hint?: string;
  state?: FormState;
  date?: string;
  time?: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="datetime" aria-describedby={hint ? `f-${name}-legend-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`f-${name}-legend-hint`}>
          {hint}
        </p>
      )}
      <Field
        name={name}
        type="date"
        label={t("catalogue.date")}
        state={state}
        defaultValue={date ?? ""}
      />
      <Field
        name={`${name}Time`}
        type="time"
        label={t("catalogue.time")}
        state={state}
        defaultValue={time ?? ""}
      />
    </fieldset>
  );
}

export type Option = { value: string; label: string };

export type ActivityFormOptions = {
  types: Option[];
  trainers: Option[];
  groups: Option[];
  positions: Option[];
  units: (Option & { depth: number })[];
};

/** The activity form's field values as strings, and the ticked ids of its audiences. */
export type ActivityFormInitial = {
  values: Record<string, string>;
  checked: Record<string, string[]>;
};

export const AUDIENCE_FIELDS = [
  "target.staffGroupIds",
  "target.positionIds",
  "target.unitIds",
  "priority.staffGroupIds",
  "priority.positionIds",
  "priority.unitIds",
] as const;

/** Ticked checkboxes travel one value each; joined, they come back with a form's errors. */
export function joinAudience(form: FormData): void {
  for (const name of AUDIENCE_FIELDS) form.set(name, form.getAll(name).map(String).join(" "));
}

export function useActivityLabels(): Record<string, string> {
  const { t } = useI18n();
  return {
    typeId: t("catalogue.type"),
    title: t("catalogue.activityTitle"),
    description: t("catalogue.description"),
    provider: t("catalogue.provider"),
    trainerUserId: t("catalogue.trainer"),
    format: t("catalogue.format"),
    hourUnit: t("catalogue.hourUnit"),
    capacity: t("catalogue.capacity"),
    requiresApproval: t("catalogue.requiresApproval"),
    enrolOpensAt: t("catalogue.enrolOpensDate"),
    enrolOpensAtTime: t("catalogue.enrolOpensTime"),
    enrolClosesAt: t("catalogue.enrolClosesDate"),
    enrolClosesAtTime: t("catalogue.enrolClosesTime"),
    cancelDeadlineHours: t("catalogue.cancelDeadlineHours"),
    "target.staffGroupIds": t("catalogue.targetGroups"),
    "target.positionIds": t("catalogue.targetPositions"),
    "target.unitIds": t("catalogue.targetUnits"),
    "priority.staffGroupIds": t("catalogue.priorityGroups"),
    "priority.positionIds": t("catalogue.priorityPositions"),
    "priority.unitIds": t("catalogue.priorityUnits"),
    priorityUntil: t("catalogue.priorityUntilDate"),
    priorityUntilTime: t("catalogue.priorityUntilTime"),
    cost: t("catalogue.cost"),
    completionPercent: t("catalogue.completionPercent"),
  };
}

export function ActivityForm({
  state,
  options,
  initial,
  submitLabel,
}: {
  state: FormState;
  options: ActivityFormOptions;
  initial?: ActivityFormInitial;
  submitLabel: string;
}) {
  const { t } = useI18n();
  const labels = useActivityLabels();
  const v = initial?.values ?? {};
  const checked = initial?.checked ?? {};
  const audience = (prefix: "target" | "priority") => (
    <>
      <CheckboxList
        name={`${prefix}.staffGroupIds`}
        legend={labels[`${prefix}.staffGroupIds`]}
        state={state}
        checked={checked[`${prefix}.staffGroupIds`]}
        options={options.groups}
      />
      <CheckboxList
        name={`${prefix}.positionIds`}
        legend={labels[`${prefix}.positionIds`]}
        state={state}
        checked={checked[`${prefix}.positionIds`]}
        options={options.positions}
      />
      <CheckboxList
        name={`${prefix}.unitIds`}
        legend={labels[`${prefix}.unitIds`]}
        hint={t("catalogue.unitsHint")}
        state={state}
        checked={checked[`${prefix}.unitIds`]}
        options={options.units}
      />
    </>
  );
  return (
    <>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="narrow activity-form">
        <input type="hidden" name="intent" value="save" />
        <SelectField
          name="typeId"
          label={labels.typeId}
          required
          state={state}
          defaultValue={v.typeId}
          placeholder={t("catalogue.chooseType")}
          options={options.types}
        />
        <Field
          name="title"
          label={labels.title}
          required
          maxLength={200}
          state={state}
          defaultValue={v.title}
        />
        <TextAreaField
          name="description"
          label={labels.description}
          hint={t("catalogue.descriptionHint")}
          maxLength={5000}
          rows={6}
          state={state}
          defaultValue={v.description}
        />
        <Field
          name="provider"
          label={labels.provider}
          hint={t("catalogue.providerHint")}
          maxLength={300}
          state={state}
          defaultValue={v.provider}
        />
        <SelectField
          name="trainerUserId"
          label={labels.trainerUserId}
          hint={t("catalogue.trainerHint")}
          state={state}
          defaultValue={v.trainerUserId}
          placeholder={t("catalogue.noTrainer")}
          options={options.trainers}
        />
        <RadioGroup
          name="format"
          legend={labels.format}
          state={state}
          value={v.format ?? "in_person"}
          options={[
            { value: "in_person", label: t("catalogue.format.in_person") },
            {
              value: "online",
              label: t("catalogue.format.online"),
              hint: t("catalogue.formatOnlineHint"),
            },
            { value: "outdoor", label: t("catalogue.format.outdoor") },
          ]}
        />
        <RadioGroup
          name="hourUnit"
          legend={labels.hourUnit}
          state={state}
          value={v.hourUnit ?? "clock"}
          options={[
            { value: "clock", label: t("catalogue.hourUnit.clock") },
            { value: "academic", label: t("catalogue.hourUnit.academic") },
          ]}
        />
        <Field
          name="capacity"
          type="number"
          inputMode="numeric"
          label={labels.capacity}
          required
          state={state}
          defaultValue={v.capacity}
        />
        <CheckboxField
          name="requiresApproval"
          label={labels.requiresApproval}
          hint={t("catalogue.requiresApprovalHint")}
          state={state}
          defaultChecked={v.requiresApproval === "on"}
        />
        <fieldset>
          <legend>{t("catalogue.enrolment")}</legend>
          <p className="hint">{t("catalogue.enrolmentHint")}</p>
          <OptionalDateTime
            name="enrolOpensAt"
            legend={t("catalogue.enrolOpens")}
            state={state}
            date={v.enrolOpensAt}
            time={v.enrolOpensAtTime}
          />
          <OptionalDateTime
            name="enrolClosesAt"
            legend={t("catalogue.enrolCloses")}
            state={state}
            date={v.enrolClosesAt}
            time={v.enrolClosesAtTime}
          />
          <Field
            name="cancelDeadlineHours"
            type="number"
            inputMode="numeric"
            label={labels.cancelDeadlineHours}
            hint={t("catalogue.cancelDeadlineHint")}
            state={state}
            defaultValue={v.cancelDeadlineHours ?? "24"}
          />
        </fieldset>
        <fieldset>
          <legend>{t("catalogue.target")}</legend>
          <p className="hint">{t("catalogue.targetHint")}</p>
          {audience("target")}
        </fieldset>
        <fieldset>
          <legend>{t("catalogue.priority")}</legend>
          <p className="hint">{t("catalogue.priorityHint")}</p>
          {audience("priority")}
          <OptionalDateTime
            name="priorityUntil"
            legend={t("catalogue.priorityUntil")}
            state={state}
            date={v.priorityUntil}
            time={v.priorityUntilTime}
          />
        </fieldset>
        <Field
          name="cost"
          label={labels.cost}
          hint={t("catalogue.costHint")}
          inputMode="decimal"
          maxLength={50}
          state={state}
          defaultValue={v.cost}
        />
        <Field
          name="completionPercent"
          type="number"
          inputMode="numeric"
          label={labels.completionPercent}
          hint={t("catalogue.completionHint")}
          state={state}
          defaultValue={v.completionPercent ?? "80"}
        />
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

export function useSessionLabels(): Record<string, string> {
  const { t } = useI18n();
  return {
    date: t("catalogue.sessionDate"),
    startTime: t("catalogue.sessionStart"),
    endTime: t("catalogue.sessionEnd"),
    place: t("catalogue.place"),
    meetingUrl: t("catalogue.meetingUrl"),
  };
}

/** Adds a session (no sessionId) or changes one; times are Warsaw time on one day. */
export function SessionForm({
  state,
  online,
  sessionId,
  initial,
}: {
  state: FormState;
  online: boolean;
  sessionId?: string;
  initial?: Record<string, string>;
}) {
  const { t } = useI18n();
  const labels = useSessionLabels();
  const v = initial ?? {};
  return (
    <>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="session-form">
        <input type="hidden" name="intent" value="session-save" />
        {sessionId && <input type="hidden" name="sessionId" value={sessionId} />}
        <p className="hint">{t("catalogue.sessionHint")}</p>
        <div className="session-fields">
          <Field
            name="date"
            type="date"
            label={labels.date}
            required
            state={state}
            defaultValue={v.date}
          />
          <Field
            name="startTime"
            type="time"
            label={labels.startTime}
            required
            state={state}
            defaultValue={v.startTime}
          />
          <Field
            name="endTime"
            type="time"
            label={labels.endTime}
            required
            state={state}
            defaultValue={v.endTime}
          />
        </div>
        <Field
          name="place"
          label={labels.place}
          required={!online}
          maxLength={300}
          state={state}
          defaultValue={v.place}
        />
        <Field
          name="meetingUrl"
          type="url"
          label={labels.meetingUrl}
          hint={t("catalogue.meetingUrlHint")}
          required={online}
          maxLength={1000}
          state={state}
          defaultValue={v.meetingUrl}
        />
        <button type="submit" className="primary">
          {t(sessionId ? "catalogue.saveSession" : "catalogue.addSession")}
        </button>
      </Form>
    </>
  );
}

export type PlanKindOption = { id: string; label: string; archived: boolean };

export function PlanForm({
  state,
  kinds,
  initial,
  submitLabel,
}: {
  state: FormState;
  kinds: PlanKindOption[];
  initial?: Record<string, string>;
  submitLabel: string;
}) {
  const { t } = useI18n();
  const v = initial ?? {};
  const error = useFieldError(state);
  const labels: Record<string, string> = {
    name: t("catalogue.plan.name"),
    periodStart: t("catalogue.plan.periodStart"),
    periodEnd: t("catalogue.plan.periodEnd"),
  };
  for (const k of kinds) {
    labels[`items.${k.id}.plannedCount`] = t("catalogue.plan.plannedCountOf", { kind: k.label });
    labels[`items.${k.id}.plannedParticipants`] = t("catalogue.plan.plannedParticipantsOf", {
      kind: k.label,
    });
  }
  const cell = (name: string) => {
    const e = error(name);
    const value = state?.values?.[name] ?? v[name] ?? "";
    return (
      <td className={e ? "field-invalid" : undefined}>
        <input
          id={`f-${name}`}
          name={name}
          type="number"
          inputMode="numeric"
          min={0}
          defaultValue={value}
          aria-label={labels[name]}
          aria-invalid={e ? true : undefined}
          aria-describedby={e ? `f-${name}-error` : undefined}
          className="plan-number"
        />
        {e && (
          <p className="error" id={`f-${name}-error`}>
            {e}
          </p>
        )}
      </td>
    );
  };
  return (
    <>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate className="plan-form">
        <input type="hidden" name="intent" value="save" />
        <div className="narrow">
          <Field
            name="name"
            label={labels.name}
            required
            maxLength={200}
            state={state}
            defaultValue={v.name}
          />
          <Field
            name="periodStart"
            type="date"
            label={labels.periodStart}
            required
            state={state}
            defaultValue={v.periodStart}
          />
          <Field
            name="periodEnd"
            type="date"
            label={labels.periodEnd}
            required
            state={state}
            defaultValue={v.periodEnd}
          />
        </div>
        <p className="hint" id="plan-items-hint">
          {t("catalogue.plan.itemsHint")}
        </p>
        <div className="table-scroll">
          <table aria-describedby="plan-items-hint">
            <caption>{t("catalogue.plan.items")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("catalogue.type")}</th>
                <th scope="col">{t("catalogue.plan.plannedCount")}</th>
                <th scope="col">{t("catalogue.plan.plannedParticipants")}</th>
              </tr>
            </thead>
            <tbody>
              {kinds.map((k) => (
                <tr key={k.id}>
                  <th scope="row">
                    {k.label}
                    {k.archived && (
                      <span className="muted"> ({t("catalogue.types.hiddenShort")})</span>
                    )}
                  </th>
                  {cell(`items.${k.id}.plannedCount`)}
                  {cell(`items.${k.id}.plannedParticipants`)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="submit" className="primary">
          {submitLabel}
        </button>
      </Form>
    </>
  );
}

/**
 * Shares as horizontal bars on a 0–100 % axis, the figure for the eye only: the table beside
 * it carries every number. Rows are keyed by id, as names (units) may repeat.
 */
export function ShareBars({
  rows,
}: {
  rows: { key: string; label: string; share: number | null; text: string }[];
}) {
  return (
    <div className="bars" aria-hidden="true">
      {rows.map((r) => (
        <div className="bar-row" key={r.key}>
          <span className="bar-label">{r.label}</span>
          <svg
            className="bar-svg"
            viewBox="0 0 100 12"
            preserveAspectRatio="none"
            focusable="false"
            aria-hidden="true"
          >
            <rect x="0" y="0" width="100" height="12" className="bar-track" />
            {[25, 50, 75].map((x) => (
              <line key={x} x1={x} x2={x} y1="0" y2="12" className="bar-grid" />
            ))}
            {r.share !== null && (
              <rect
                x="0"
                y="2"
                width={Math.max(0, Math.min(100, r.share * 100))}
                height="8"
                className="bar-fill tone-none"
              />
            )}
          </svg>
          <span className="bar-value">{r.text}</span>
        </div>
      ))}
    </div>
  );
}

export function formatShare(share: number | null, locale: string): string {
  if (share === null) return "—";
  return new Intl.NumberFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(share);
}
