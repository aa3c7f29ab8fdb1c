// /programme/:id/evaluation — a participant's anonymous evaluation of an activity: five ratings
// and an optional comment, once, from the last session's start until the evaluation closes.
import { Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { evaluationForm, submitEvaluation } from "../../../modules/programme/evaluation.ts";
import {
  EVALUATION_COMMENT_MAX,
  EVALUATION_QUESTIONS,
} from "../../../modules/programme/evaluation-rules.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, formatDateTime, isMessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState, TextAreaField } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import "../../components/programme/knowledge-test.css";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/evaluation";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const e = await load(() => evaluationForm(actor, params.id));
  const url = new URL(request.url);
  return { ...e, done: url.searchParams.has("done"), refused: url.searchParams.has("refused") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const form = await request.formData();
  return act(form, async (v) => {
    try {
      await submitEvaluation(actor, params.id, v);
    } catch (e) {
      // Sent twice, or too late: the page, loaded afresh, says which.
      if (e instanceof AppError && e.code === "conflict") {
        return redirect(`/programme/${params.id}/evaluation?refused=1`);
      }
      throw e;
    }
    return redirect(`/programme/${params.id}/evaluation?done=1`);
  });
}

const POINTS = [1, 2, 3, 4, 5] as const;

export default function EvaluationPage() {
  const { t } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const a = d.activity;
  const formError = state?.fieldErrors?._form;
  return (
    <Page
      title={t("programmeEvaluation.title", { title: a.title })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("programmeTests.crumbProgramme") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
    >
      {formError && (
        <div className="error-summary" role="alert">
          <p>{isMessageKey(formError) ? t(formError) : formError}</p>
        </div>
      )}
      {d.refused && d.state === "answered" && (
        <div className="error-summary" role="alert">
          <p>{t("errors.evaluationAlreadyAnswered")}</p>
        </div>
      )}
      {d.state === "open" ? (
        <EvaluationForm state={state} closesAt={d.closesAt} />
      ) : d.state === "answered" ? (
        <Notice kind={d.done ? "success" : "info"}>{t("programmeEvaluation.answered")}</Notice>
      ) : (
        <Notice>
          {d.state === "notYet"
            ? d.opensAt
              ? t("programmeEvaluation.notYet", { at: formatDateTime(d.opensAt) })
              : t("programmeEvaluation.notScheduled")
            : t(`programmeEvaluation.${d.state}`)}
        </Notice>
      )}
      <p>
        <Link to={`/programme/${a.id}`}>{t("programmeTests.sheet.toActivity")}</Link>
      </p>
    </Page>
  );
}

function EvaluationForm({ state, closesAt }: { state: FormState; closesAt: Date | null }) {
  const { t } = useI18n();
  const errors = state?.fieldErrors ?? {};
  const labels: Record<string, string> = { comment: t("programmeEvaluation.comment") };
  EVALUATION_QUESTIONS.forEach((key, i) => {
    labels[`r-${key}`] = t("programmeEvaluation.questionN", { n: i + 1 });
  });
  const summaryState = {
    fieldErrors: Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "_form")),
  };
  return (
    <>
      <p className="prose">{t("programmeEvaluation.intro")}</p>
      <p className="prose">{t("programmeEvaluation.anonymity")}</p>
      {closesAt && <p>{t("programmeEvaluation.openUntil", { at: formatDate(closesAt) })}</p>}
      <ErrorSummary state={summaryState} labels={labels} />
      <Form method="post" noValidate className="evaluation-form">
        {EVALUATION_QUESTIONS.map((key, i) => {
          const field = `r-${key}`;
          const error = errors[field];
          const chosen = state?.values?.[field];
          return (
            <fieldset
              key={key}
              id={`f-${field}`}
              tabIndex={-1}
              className={error ? "field-invalid" : undefined}
              aria-describedby={`evaluation-scale${error ? ` ${field}-error` : ""}`}
            >
              <legend>
                {i + 1}. {t(`programmeEvaluation.q.${key}`)}
              </legend>
              {error && (
                <p className="error" id={`${field}-error`}>
                  {isMessageKey(error) ? t(error) : error}
                </p>
              )}
              <div className="rating">
                {POINTS.map((p) => (
                  <div className="choice" key={p}>
                    <input
                      type="radio"
                      id={`${field}-${p}`}
                      name={field}
                      value={p}
                      defaultChecked={chosen === String(p)}
                    />
                    <label htmlFor={`${field}-${p}`}>{t(`programmeEvaluation.point${p}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          );
        })}
        <p className="hint" id="evaluation-scale">
          {t("programmeEvaluation.scale")}
        </p>
        <TextAreaField
          name="comment"
          label={t("programmeEvaluation.comment")}
          hint={t("programmeEvaluation.commentHint", { max: EVALUATION_COMMENT_MAX })}
          state={state}
          rows={5}
        />
        <button type="submit" className="primary">
          {t("programmeEvaluation.submit")}
        </button>
      </Form>
    </>
  );
}
