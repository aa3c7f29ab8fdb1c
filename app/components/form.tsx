import { type MouseEvent, useEffect, useRef } from "react";
import type { FieldErrors } from "../../platform/errors.ts";
import { isMessageKey } from "../../platform/i18n.ts";
import { useT } from "../lib/i18n.tsx";

export type FormState = { fieldErrors?: FieldErrors; values?: Record<string, string> } | undefined;

export function useFieldError(state: FormState) {
  const t = useT();
  return (name: string) => {
    const key = state?.fieldErrors?.[name];
    if (!key) return undefined;
    return isMessageKey(key) ? t(key) : key;
  };
}

/**
 * A list of the form's errors linking to the fields; focused so screen readers announce it.
 * `idPrefix` must match the fields' when the form's fields have a prefix of their own.
 */
/**
 * Moves focus to the field an error summary link names. Done by hand because a plain #fragment
 * link is a navigation to the router, which forgets the action's data — and with it the errors
 * and the values typed — the moment the person follows the link. Without JavaScript the link
 * works as a plain anchor.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const target = document.getElementById(decodeURIComponent(id));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "center" });
  target.focus();
}

export function ErrorSummary({
  state,
  labels,
  idPrefix = "f-",
}: {
  state: FormState;
  labels: Record<string, string>;
  idPrefix?: string;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const errors = Object.entries(state?.fieldErrors ?? {});
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  });
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p>{t("common.formErrors", { count: errors.length })}</p>
      <ul>
        {errors.map(([field, key]) => (
          <li key={field}>
            {field === "_form" ? null : (
              <a href={`#${idPrefix}${field}`} onClick={focusField}>
                {labels[field] ?? field}
              </a>
            )}
            {field === "_form" ? "" : ": "}
            {isMessageKey(key) ? t(key) : key}
          </li>
        ))}
      </ul>
    </div>
  );
}

type FieldProps = {
  name: string;
  label: string;
  state?: FormState;
  defaultValue?: string | null;
  hint?: string;
  required?: boolean;
  type?: string;
  autoComplete?: string;
  inputMode?: React.HTMLAttributes<HTMLInputElement>["inputMode"];
  maxLength?: number;
  /** Element ids are `${idPrefix}${name}`; give one form a prefix of its own when a page has
   * two fields of the same name, or a label would point at the other form's field. */
  idPrefix?: string;
};

function describedBy(id: string, hint?: string, error?: string) {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

export function Field({
  name,
  label,
  state,
  defaultValue,
  hint,
  required,
  type = "text",
  autoComplete,
  inputMode,
  maxLength,
  idPrefix = "f-",
}: FieldProps) {
  const t = useT();
  const error = useFieldError(state)(name);
  const id = `${idPrefix}${name}`;
  const value = state?.values?.[name] ?? defaultValue ?? "";
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {!required && <span className="muted"> {t("common.optional")}</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={type === "password" ? undefined : value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
      />
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  state,
  defaultValue,
  hint,
  required,
  rows = 4,
  maxLength,
}: {
  name: string;
  label: string;
  state?: FormState;
  defaultValue?: string;
  hint?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}) {
  const t = useT();
  const error = useFieldError(state)(name);
  const id = `f-${name}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {!required && <span className="muted"> {t("common.optional")}</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        required={required}
        defaultValue={state?.values?.[name] ?? defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  name,
  label,
  state,
  defaultValue,
  options,
  required,
  hint,
  placeholder,
}: Omit<FieldProps, "type"> & {
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const t = useT();
  const error = useFieldError(state)(name);
  const id = `f-${name}`;
  const value = state?.values?.[name] ?? defaultValue ?? "";
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {!required && <span className="muted"> {t("common.optional")}</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <select
        id={id}
        name={name}
        defaultValue={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  state,
  defaultChecked,
  hint,
}: {
  name: string;
  label: string;
  state?: FormState;
  defaultChecked?: boolean;
  hint?: string;
}) {
  const id = `f-${name}`;
  const checked = state?.values ? state.values[name] === "on" : defaultChecked;
  return (
    <div className="field field-check">
      {/* Sent when the box is unticked; a ticked box's "on" comes later and wins. */}
      <input type="hidden" name={name} value="false" />
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** One answer of a RadioGroup or CheckboxList; its hint is read with it, depth indents a unit. */
export type Choice = { value: string; label: string; hint?: string; depth?: number };

type ChoiceGroupProps = {
  name: string;
  legend: string;
  options: Choice[];
  hint?: string;
  state?: FormState;
  /** Marks the legend "optional", as a Field without `required` is marked. */
  optional?: boolean;
  /** Answers side by side where the screen has room: a long list of short names. */
  columns?: boolean;
};

/**
 * Radio buttons or checkboxes under a legend, with the group's hint and error. The fieldset
 * takes the id the error summary links to, so following the link lands on the group.
 */
function ChoiceGroup({
  type,
  name,
  legend,
  options,
  hint,
  state,
  optional,
  columns,
  isChecked,
}: ChoiceGroupProps & { type: "radio" | "checkbox"; isChecked: (value: string) => boolean }) {
  const t = useT();
  const error = useFieldError(state)(name);
  const id = `f-${name}`;
  const answers = options.map((o) => {
    const optionId = `${id}-${o.value}`;
    return (
      <div
        className={`field-check${o.depth ? ` depth-${Math.min(o.depth, 4)}` : ""}`}
        key={o.value}
      >
        <input
          type={type}
          id={optionId}
          name={name}
          value={o.value}
          defaultChecked={isChecked(o.value)}
          aria-describedby={o.hint ? `${optionId}-hint` : undefined}
        />
        <label htmlFor={optionId}>{o.label}</label>
        {o.hint && (
          <p className="hint" id={`${optionId}-hint`}>
            {o.hint}
          </p>
        )}
      </div>
    );
  });
  return (
    <fieldset
      id={id}
      tabIndex={-1}
      className={error ? "field-invalid" : undefined}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend>
        {legend}
        {optional && <span className="muted"> {t("common.optional")}</span>}
      </legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {columns ? <div className="check-columns">{answers}</div> : answers}
    </fieldset>
  );
}

/** One answer of several: after a refused submit, the one that was sent stays chosen. */
export function RadioGroup(props: ChoiceGroupProps & { value?: string }) {
  const chosen = props.state?.values?.[props.name] ?? props.value ?? "";
  return <ChoiceGroup {...props} type="radio" isChecked={(v) => v === chosen} />;
}

/**
 * Any number of answers. A form sends each ticked box as its own value; the action joins
 * them (spaces or commas) into the one field the form state keeps, and after a refused
 * submit exactly those come back ticked, none when none was.
 */
export function CheckboxList(props: ChoiceGroupProps & { checked?: string[] }) {
  const sent = props.state?.values;
  const ticked = new Set(
    sent ? (sent[props.name] ?? "").split(/[\s,]+/).filter(Boolean) : (props.checked ?? []),
  );
  return <ChoiceGroup {...props} type="checkbox" isChecked={(v) => ticked.has(v)} />;
}

/** A new password typed twice (setup, invitation, reset, profile): one set of labels and hints. */
export function NewPasswordFields({ state, label }: { state?: FormState; label: string }) {
  const t = useT();
  return (
    <>
      <Field
        name="password"
        type="password"
        label={label}
        hint={t("password.hint")}
        required
        autoComplete="new-password"
        state={state}
      />
      <Field
        name="passwordConfirm"
        type="password"
        label={t("password.confirm")}
        required
        autoComplete="new-password"
        state={state}
      />
    </>
  );
}
