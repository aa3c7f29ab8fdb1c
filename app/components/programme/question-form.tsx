// The knowledge test's editing forms: a question with its options (works without JavaScript:
// eight option slots, empty ones ignored), and the scope and standard (learning outcomes and
// pass threshold).
import { Form, Link } from "react-router";
import type { QuestionOption } from "../../../modules/programme/schema.ts";
import { MAX_OPTIONS } from "../../../modules/programme/test-scoring.ts";
import { useT } from "../../lib/i18n.tsx";
import {
  ErrorSummary,
  Field,
  type FormState,
  SelectField,
  TextAreaField,
  useFieldError,
} from "../form.tsx";

export type EditedQuestion = {
  id: string;
  kind: "single" | "multiple";
  text: string;
  options: QuestionOption[];
};

/** Adds a question (no `question`) or edits one; `state` holds the last submission's errors. */
export function QuestionForm({
  activityId,
  question,
  state,
  number,
}: {
  activityId: string;
  question: EditedQuestion | null;
  state: FormState;
  /** The question's place in the bank, for the heading of an edit. */
  number?: number;
}) {
  const t = useT();
  const error = useFieldError(state);
  const v = state?.values;
  const slots = Array.from({ length: MAX_OPTIONS }, (_, i) => {
    const n = i + 1;
    const stored = question?.options[i];
    return {
      n,
      id: v ? (v[`optionId${n}`] ?? "") : (stored?.id ?? ""),
      text: v ? (v[`option${n}`] ?? "") : (stored?.text ?? ""),
      correct: v ? v[`correct${n}`] === "on" : Boolean(stored?.correct),
    };
  });
  const labels: Record<string, string> = {
    kind: t("programmeTests.question.kind"),
    text: t("programmeTests.question.text"),
    options: t("programmeTests.question.options"),
    _form: "",
  };
  for (const s of slots) labels[`option${s.n}`] = t("programmeTests.question.option", { n: s.n });
  const optionsError = error("options");
  return (
    <section aria-labelledby="h-question" className="card" id="question-form">
      <h3 id="h-question">
        {question
          ? t("programmeTests.question.editTitle", { n: number ?? 1 })
          : t("programmeTests.question.addTitle")}
      </h3>
      <ErrorSummary state={state} labels={labels} />
      <Form
        method="post"
        action={`/programme/${activityId}/test`}
        noValidate
        className="question-form"
      >
        <input type="hidden" name="intent" value="question" />
        <input type="hidden" name="questionId" value={question?.id ?? ""} />
        <SelectField
          name="kind"
          label={t("programmeTests.question.kind")}
          state={state}
          defaultValue={question?.kind ?? "single"}
          required
          options={[
            { value: "single", label: t("programmeTests.kind.single") },
            { value: "multiple", label: t("programmeTests.kind.multiple") },
          ]}
        />
        <TextAreaField
          name="text"
          label={t("programmeTests.question.text")}
          state={state}
          defaultValue={question?.text}
          hint={t("programmeTests.question.textHint")}
          required
          rows={3}
        />
        <fieldset
          id="f-options"
          tabIndex={-1}
          className={optionsError ? "field-invalid" : undefined}
          aria-describedby={`f-options-hint${optionsError ? " f-options-error" : ""}`}
        >
          <legend>{t("programmeTests.question.options")}</legend>
          <p className="hint" id="f-options-hint">
            {t("programmeTests.question.optionsHint")}
          </p>
          {optionsError && (
            <p className="error" id="f-options-error">
              {optionsError}
            </p>
          )}
          <ol className="option-slots">
            {slots.map((s) => {
              const slotError = error(`option${s.n}`);
              return (
                <li key={s.n} className={slotError ? "field-invalid" : undefined}>
                  <input type="hidden" name={`optionId${s.n}`} value={s.id} />
                  <div className="field">
                    <label htmlFor={`f-option${s.n}`}>
                      {t("programmeTests.question.option", { n: s.n })}
                    </label>
                    <input
                      id={`f-option${s.n}`}
                      name={`option${s.n}`}
                      defaultValue={s.text}
                      aria-invalid={slotError ? true : undefined}
                      aria-describedby={slotError ? `f-option${s.n}-error` : undefined}
                    />
                    {slotError && (
                      <p className="error" id={`f-option${s.n}-error`}>
                        {slotError}
                      </p>
                    )}
                  </div>
                  <div className="field-check">
                    <input
                      type="checkbox"
                      id={`f-correct${s.n}`}
                      name={`correct${s.n}`}
                      defaultChecked={s.correct}
                    />
                    <label htmlFor={`f-correct${s.n}`}>
                      {t("programmeTests.question.correct", { n: s.n })}
                    </label>
                  </div>
                </li>
              );
            })}
          </ol>
        </fieldset>
        <div className="bulk-actions">
          <button type="submit" className="primary">
            {question ? t("common.save") : t("programmeTests.question.add")}
          </button>
          {question && <Link to={`/programme/${activityId}/test`}>{t("common.cancel")}</Link>}
        </div>
      </Form>
    </section>
  );
}

export function StandardForm({
  activityId,
  learningOutcomes,
  passThresholdPercent,
  state,
}: {
  activityId: string;
  learningOutcomes: string;
  passThresholdPercent: number | null;
  state: FormState;
}) {
  const t = useT();
  return (
    <section aria-labelledby="h-standard-form" className="card">
      <h3 id="h-standard-form">{t("programmeTests.standard.formTitle")}</h3>
      <ErrorSummary
        state={state}
        labels={{
          learningOutcomes: t("programmeTests.standard.outcomes"),
          passThresholdPercent: t("programmeTests.standard.threshold"),
          _form: "",
        }}
      />
      <Form method="post" action={`/programme/${activityId}/test`} noValidate className="narrow">
        <input type="hidden" name="intent" value="standard" />
        <TextAreaField
          name="learningOutcomes"
          label={t("programmeTests.standard.outcomes")}
          hint={t("programmeTests.standard.outcomesHint")}
          state={state}
          defaultValue={learningOutcomes}
          rows={5}
        />
        <Field
          name="passThresholdPercent"
          label={t("programmeTests.standard.threshold")}
          hint={t("programmeTests.standard.thresholdHint")}
          state={state}
          defaultValue={passThresholdPercent === null ? "" : String(passThresholdPercent)}
          inputMode="numeric"
          maxLength={3}
        />
        <button type="submit" className="primary">
          {t("programmeTests.standard.save")}
        </button>
      </Form>
    </section>
  );
}
