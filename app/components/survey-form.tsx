// The questionnaire: every item kind of the instrument format, shared by the answer pages
// (personal link, paper code, kiosk, public client link). It works as a plain form without
// JavaScript — every item shown, the server deciding show-if — and, once scripts run, hides
// and shows items live, counts progress and characters, and keeps a draft for a lost
// connection.
import { useEffect, useMemo, useRef, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import type { AnswerFormValues } from "../../modules/survey/answer-form.ts";
import { readAnswerForm } from "../../modules/survey/answer-form.ts";
import type { Instrument, Item, LocalizedText } from "../../modules/survey/instrument.ts";
import { isAnswered, visibleItems } from "../../modules/survey/visibility.ts";
import { isMessageKey, type Locale, type MessageKey } from "../../platform/i18n.ts";
import { useI18n } from "../lib/i18n.tsx";
import { ErrorSummary } from "./form.tsx";
import { Page } from "./page.tsx";
import "./survey-form.css";

/**
 * The format's ceiling on an open answer (OPEN_ANSWER_MAX_LENGTH in instrument.ts). Repeated
 * rather than imported: importing a value from instrument.ts would bring the whole instrument
 * schema into the browser.
 */
const OPEN_ANSWER_CEILING = 2000;

const DRAFT_PREFIX = "przystan.survey.draft.";

/**
 * Forgets every questionnaire draft of this tab. Called once answers are stored: nothing that
 * could tell what someone answered may stay in the browser after submission.
 */
export function clearSurveyDrafts() {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(DRAFT_PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // Storage may be disabled; then there is nothing to clear either.
  }
}

/**
 * The latest answer of the page's action, kept until the next one. React Router forgets action
 * data on any navigation that is not a submission — following a link of the error summary to
 * its question (a change of the address's #fragment) is one — and the errors must stay shown
 * next to the questions while they are being corrected.
 */
export function useLastActionData<T>(current: T | undefined): T | undefined {
  const [last, setLast] = useState(current);
  useEffect(() => {
    if (current !== undefined) setLast(current);
  }, [current]);
  return current ?? last;
}

export type SurveyFormState = {
  fieldErrors?: Record<string, string>;
  values?: AnswerFormValues;
};

/** Characters as a person counts them (code points), after the server's normalisation. */
function characters(text: string): number {
  let n = 0;
  for (const _ of text.replace(/\r\n?/g, "\n").trim()) n++;
  return n;
}

function text(l: LocalizedText | undefined, locale: Locale): string {
  return l ? l[locale] : "";
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Puts saved values back into the form's fields (a draft restored after a reload). */
function applyValues(form: HTMLFormElement, instrument: Instrument, values: AnswerFormValues) {
  for (const section of instrument.sections) {
    for (const item of section.items) {
      const v = values[item.id];
      if (v === undefined) continue;
      const wanted = Array.isArray(v) ? v : [v];
      for (const el of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
        `[name="${CSS.escape(item.id)}"]`,
      )) {
        if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) {
          el.checked = wanted.includes(el.value);
        } else if (typeof wanted[0] === "string") {
          el.value = wanted[0];
        }
      }
    }
  }
}

function readDraft(key: string): AnswerFormValues | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_PREFIX + key);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    const out: AnswerFormValues = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === "string") out[k] = v;
      else if (Array.isArray(v) && v.every((x) => typeof x === "string")) out[k] = v;
    }
    return out;
  } catch {
    return null;
  }
}

/** The fields that hold something; empty ones need no keeping. */
function answeredValues(values: AnswerFormValues): AnswerFormValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => isAnswered(v)));
}

function writeDraft(key: string, values: AnswerFormValues) {
  try {
    if (Object.keys(values).length === 0) sessionStorage.removeItem(DRAFT_PREFIX + key);
    else sessionStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(values));
  } catch {
    // A full or disabled storage only loses the convenience of a draft.
  }
}

type Live = {
  /** Ids of the items shown; null until scripts run (then every item is shown). */
  visible: Set<string> | null;
  answered: Set<string>;
  lengths: Record<string, number>;
};

export function SurveyForm({
  instrument,
  state,
  draftKey,
  submitLabel,
  action,
}: {
  instrument: Instrument;
  state?: SurveyFormState;
  /** Where the form posts (the page's own address, query included). */
  action?: string;
  /** Keeps a draft in this tab's sessionStorage under this key; none: no draft. */
  draftKey?: string;
  submitLabel?: string;
}) {
  const { t, locale } = useI18n();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state?.fieldErrors ?? {};
  const values = state?.values ?? {};
  const [restored, setRestored] = useState(false);
  const [live, setLive] = useState<Live>(() => ({
    visible: null,
    answered: new Set(Object.keys(values).filter((k) => isAnswered(values[k]))),
    lengths: {},
  }));

  const numbers = useMemo(() => {
    const m = new Map<string, number>();
    let n = 0;
    for (const s of instrument.sections) for (const item of s.items) m.set(item.id, ++n);
    return m;
  }, [instrument]);

  const labels = useMemo(() => {
    const out: Record<string, string> = {};
    for (const s of instrument.sections) {
      for (const item of s.items) {
        out[item.id] = t("survey.questionLabel", {
          number: numbers.get(item.id) ?? 0,
          text: truncate(text(item.text, locale), 70),
        });
      }
    }
    return out;
  }, [instrument, numbers, locale, t]);

  const refresh = () => {
    const form = formRef.current;
    if (!form) return;
    const read = readAnswerForm(instrument, new FormData(form));
    const lengths: Record<string, number> = {};
    for (const [id, v] of Object.entries(read.values)) {
      if (typeof v === "string") lengths[id] = characters(v);
    }
    setLive({
      visible: new Set(visibleItems(instrument, read.answers).map((i) => i.id)),
      answered: new Set(Object.keys(read.values).filter((k) => isAnswered(read.values[k]))),
      lengths,
    });
    if (draftKey) writeDraft(draftKey, answeredValues(read.values));
  };

  // Once, after the page is interactive: restore a draft (unless the server sent the answers
  // back with errors, which are newer), then apply show-if and count.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on mount
  useEffect(() => {
    const form = formRef.current;
    if (form && draftKey && !state?.values) {
      const draft = readDraft(draftKey);
      if (draft && Object.values(draft).some(isAnswered)) {
        applyValues(form, instrument, draft);
        setRestored(true);
      }
    }
    refresh();
  }, []);

  // The summary focuses itself whenever it renders; rendered anew only when the server's answer
  // changes, it does not take the focus away while the respondent types.
  const fieldErrors = state?.fieldErrors;
  const summary = useMemo(
    () => <ErrorSummary state={{ fieldErrors }} labels={labels} idPrefix="q-" />,
    [fieldErrors, labels],
  );

  const sections = instrument.sections.map((section) => {
    const shown = section.items.filter((i) => !live.visible || live.visible.has(i.id));
    return {
      section,
      total: shown.length,
      answered: shown.filter((i) => live.answered.has(i.id)).length,
    };
  });
  const total = sections.reduce((a, s) => a + s.total, 0);
  const answered = sections.reduce((a, s) => a + s.answered, 0);
  const submitting = navigation.state === "submitting";
  const many = instrument.sections.length > 1;

  return (
    <>
      {restored && (
        <div className="notice" role="status">
          {t("survey.draftRestored")}
        </div>
      )}
      {summary}
      {many && (
        <nav aria-label={t("survey.progress")} className="survey-progress">
          {live.visible && (
            <p className="survey-progress-count">
              {t("survey.progressCount", { answered, total })}
              <progress max={total || 1} value={answered} aria-hidden="true" />
            </p>
          )}
          <ol>
            {sections.map(({ section, answered: a, total: n }, k) => (
              <li key={section.id} hidden={live.visible !== null && n === 0}>
                <a href={`#s-${section.id}`}>{text(section.title, locale)}</a>
                {live.visible && (
                  <span className="muted">
                    {" "}
                    {t("survey.sectionCount", { answered: a, total: n })}
                  </span>
                )}
                <span className="visually-hidden">
                  {" "}
                  {t("survey.partOf", { part: k + 1, parts: instrument.sections.length })}
                </span>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <Form
        method="post"
        action={action}
        noValidate
        ref={formRef}
        onChange={refresh}
        className="survey-form"
      >
        {sections.map(({ section, total: n }, k) => (
          <section
            key={section.id}
            aria-labelledby={`s-${section.id}`}
            className="survey-section"
            hidden={live.visible !== null && n === 0}
          >
            <h2 id={`s-${section.id}`} tabIndex={-1}>
              {many && (
                <span className="survey-part">
                  {t("survey.partOf", { part: k + 1, parts: instrument.sections.length })}
                  <span className="visually-hidden">: </span>
                </span>
              )}
              {text(section.title, locale)}
            </h2>
            {section.description && <p>{text(section.description, locale)}</p>}
            {section.items.map((item) => (
              <ItemField
                key={item.id}
                item={item}
                number={numbers.get(item.id) ?? 0}
                value={values[item.id]}
                error={errors[item.id]}
                hidden={live.visible !== null && !live.visible.has(item.id)}
                enhanced={live.visible !== null}
                length={live.lengths[item.id] ?? 0}
              />
            ))}
          </section>
        ))}
        <button type="submit" className="primary" disabled={submitting}>
          {submitLabel ?? t("survey.submit")}
        </button>
      </Form>
    </>
  );
}

function ItemField({
  item,
  number,
  value,
  error,
  hidden,
  enhanced,
  length,
}: {
  item: Item;
  number: number;
  value: string | string[] | undefined;
  error: string | undefined;
  hidden: boolean;
  enhanced: boolean;
  length: number;
}) {
  const { t, locale } = useI18n();
  const id = `q-${item.id}`;
  const errorText = error ? (isMessageKey(error) ? t(error) : error) : undefined;
  const help = item.help ? text(item.help, locale) : "";
  // Without scripts every item is shown; a conditional one says it may not apply.
  const conditional = Boolean(item.showIf) && !enhanced;
  const describedBy =
    [
      help ? `${id}-help` : null,
      conditional ? `${id}-cond` : null,
      item.kind === "number" || item.kind === "text" || item.kind === "multiple"
        ? `${id}-rule`
        : null,
      errorText ? `${id}-error` : null,
    ]
      .filter(Boolean)
      .join(" ") || undefined;
  const caption = (
    <>
      <span className="survey-number">{number}.</span> {text(item.text, locale)}
      {item.required && <span className="survey-required"> {t("survey.required")}</span>}
    </>
  );
  const notes = (
    <>
      {help && (
        <p className="hint" id={`${id}-help`}>
          {help}
        </p>
      )}
      {conditional && (
        <p className="hint" id={`${id}-cond`}>
          {t("survey.conditional")}
        </p>
      )}
    </>
  );
  const errorLine = errorText && (
    <p className="error" id={`${id}-error`}>
      {errorText}
    </p>
  );
  const className = `survey-item${errorText ? " field-invalid" : ""}`;

  if (item.kind === "number") {
    const rule =
      item.min !== undefined && item.max !== undefined
        ? t("survey.numberRange", { min: item.min, max: item.max })
        : item.min !== undefined
          ? t("survey.numberMin", { min: item.min })
          : item.max !== undefined
            ? t("survey.numberMax", { max: item.max })
            : t("survey.numberAny");
    return (
      <div className={`${className} field`} hidden={hidden}>
        <label htmlFor={id}>{caption}</label>
        {notes}
        <p className="hint" id={`${id}-rule`}>
          {rule}
          {item.integer ? ` ${t("survey.numberWhole")}` : ""}
        </p>
        {errorLine}
        <div className="survey-number-input">
          <input
            id={id}
            name={item.id}
            type="text"
            inputMode={item.integer ? "numeric" : "decimal"}
            autoComplete="off"
            defaultValue={typeof value === "string" ? value : ""}
            aria-invalid={errorText ? true : undefined}
            aria-describedby={describedBy}
          />
          {item.unit && <span>{text(item.unit, locale)}</span>}
        </div>
      </div>
    );
  }

  if (item.kind === "text") {
    const max = Math.min(item.maxLength ?? OPEN_ANSWER_CEILING, OPEN_ANSWER_CEILING);
    return (
      <div className={`${className} field`} hidden={hidden}>
        <label htmlFor={id}>{caption}</label>
        {notes}
        <p className="hint" id={`${id}-rule`}>
          {t("survey.textLimit", { max })}
        </p>
        {errorLine}
        <textarea
          id={id}
          name={item.id}
          rows={5}
          defaultValue={typeof value === "string" ? value : ""}
          aria-invalid={errorText ? true : undefined}
          aria-describedby={describedBy}
        />
        {enhanced && <CharacterCount length={length} max={max} />}
      </div>
    );
  }

  const options: { value: string; label: string }[] =
    item.kind === "likert" || item.kind === "frequency"
      ? item.points.map((p) => ({ value: String(p.value), label: text(p.label, locale) }))
      : item.kind === "yesNo"
        ? [
            { value: "true", label: t("survey.yes") },
            { value: "false", label: t("survey.no") },
          ]
        : item.options.map((o) => ({ value: o.value, label: text(o.label, locale) }));
  const multiple = item.kind === "multiple";
  const chosen = Array.isArray(value) ? value : value !== undefined ? [value] : [];
  const rule = multiple
    ? item.minSelected !== undefined && item.maxSelected !== undefined
      ? t("survey.chooseBetween", { min: item.minSelected, max: item.maxSelected })
      : item.minSelected !== undefined
        ? t("survey.chooseAtLeast", { min: item.minSelected })
        : item.maxSelected !== undefined
          ? t("survey.chooseAtMost", { max: item.maxSelected })
          : t("survey.chooseAny")
    : null;
  return (
    <fieldset className={className} hidden={hidden} aria-describedby={describedBy}>
      <legend>{caption}</legend>
      {notes}
      {rule && (
        <p className="hint" id={`${id}-rule`}>
          {rule}
        </p>
      )}
      {errorLine}
      <div className={`survey-choices survey-choices-${item.kind}`}>
        {options.map((o, k) => {
          const optionId = k === 0 ? id : `${id}-${k}`;
          return (
            <div className="survey-choice" key={o.value}>
              <input
                type={multiple ? "checkbox" : "radio"}
                id={optionId}
                name={item.id}
                value={o.value}
                defaultChecked={chosen.includes(o.value)}
                aria-invalid={errorText ? true : undefined}
              />
              <label htmlFor={optionId}>{o.label}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * Characters left, shown as the respondent types. Screen readers hear it only after a pause
 * in typing, not on every key.
 */
function CharacterCount({ length, max }: { length: number; max: number }) {
  const { t } = useI18n();
  const message =
    length > max
      ? t("survey.charactersOver", { count: length - max })
      : t("survey.charactersLeft", { count: max - length });
  const [spoken, setSpoken] = useState(message);
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(message), 1000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <>
      <p className={length > max ? "error" : "hint"} aria-hidden="true">
        {message}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {spoken}
      </p>
    </>
  );
}

/**
 * What anonymity means here, in two or three plain sentences, before the first question; the
 * public page explains the rest.
 */
export function AnonymityNote({ kind }: { kind: "staff" | "client" }) {
  const { t } = useI18n();
  return (
    <aside className="notice survey-anonymity" aria-labelledby="anonymity-title">
      <h2 id="anonymity-title" className="h3">
        {t("survey.anonymityTitle")}
      </h2>
      <p>{t(kind === "staff" ? "survey.anonymityStaff" : "survey.anonymityClient")}</p>
      <p>
        <Link to="/survey/anonimowosc">{t("survey.anonymityMore")}</Link>
      </p>
    </aside>
  );
}

/**
 * The error page of an answer page: an unknown link or code (404), too many wrong ones (429),
 * or anything else as the usual error page would say it.
 */
export function SurveyProblem({
  status,
  kiosk,
  publicLink,
}: {
  status: number;
  kiosk?: boolean;
  /** A client-service link: clients have no code to type instead. */
  publicLink?: boolean;
}) {
  const { t } = useI18n();
  if (status !== 404 && status !== 429) {
    const known = [403, 410, 413, 503].includes(status) ? status : 500;
    return (
      <Page title={t(`httpError.${known}.title` as MessageKey)}>
        <p>{t(`httpError.${known}.text` as MessageKey)}</p>
      </Page>
    );
  }
  const tooMany = status === 429;
  if (publicLink) {
    return (
      <Page title={t(tooMany ? "survey.tooManyTitle" : "opinia.unknownTitle")}>
        <p>{t(tooMany ? "survey.tooManyText" : "opinia.unknownText")}</p>
      </Page>
    );
  }
  return (
    <Page title={t(tooMany ? "survey.tooManyTitle" : "survey.unknownTitle")}>
      <p>{t(tooMany ? "survey.tooManyText" : "survey.unknownText")}</p>
      <p>
        <Link to="/survey">{t(kiosk ? "survey.kioskNext" : "survey.typeCode")}</Link>
      </p>
    </Page>
  );
}
