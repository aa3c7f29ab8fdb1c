// The participant's pre- or post-test page: the answer sheet (radio buttons and check boxes,
// no JavaScript needed), or what the participant needs to know when it cannot be taken — and,
// once taken, the score.
import { Form, Link, useActionData, useLoaderData } from "react-router";
import type { testForParticipant } from "../../../modules/programme/take-test.ts";
import { answerField, formatPercent } from "../../../modules/programme/test-scoring.ts";
import type { FieldErrors } from "../../../platform/errors.ts";
import { formatDateTime, isMessageKey } from "../../../platform/i18n.ts";
import { useI18n } from "../../lib/i18n.tsx";
import { ErrorSummary } from "../form.tsx";
import { Notice, Page } from "../page.tsx";
import "./knowledge-test.css";

export type TestSheetResult = { fieldErrors: FieldErrors; answers: Record<string, string[]> };
type SheetData = Awaited<ReturnType<typeof testForParticipant>> & {
  done: boolean;
  /** A submission was refused (sent twice, or outside the window): the page says why. */
  refused: boolean;
};

export function TestSheetPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData() as SheetData;
  const result = useActionData() as TestSheetResult | undefined;
  const a = d.activity;
  const stage = d.stage;
  const title = t(
    stage === "pre" ? "programmeTests.sheet.preTitle" : "programmeTests.sheet.postTitle",
    {
      title: a.title,
    },
  );
  const formError = result?.fieldErrors?._form;
  return (
    <Page
      title={title}
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
      {d.refused && d.state === "submitted" && (
        <div className="error-summary" role="alert">
          <p>{t("errors.testAlreadySubmitted")}</p>
        </div>
      )}
      {d.state === "submitted" ? (
        <>
          {d.done && <Notice kind="success">{t("programmeTests.sheet.thanks")}</Notice>}
          <p className="test-score">
            {t("programmeTests.sheet.score", {
              score: d.attempt!.score,
              max: d.attempt!.maxScore,
              percent: formatPercent(d.attempt!.percent, locale),
            })}
          </p>
          <p>
            {t("programmeTests.sheet.submittedAt", { at: formatDateTime(d.attempt!.submittedAt) })}
          </p>
          <p>
            {t(
              stage === "pre" ? "programmeTests.sheet.afterPre" : "programmeTests.sheet.afterPost",
            )}
          </p>
        </>
      ) : d.state === "open" ? (
        <Sheet data={d} result={result} />
      ) : (
        <Notice>
          {d.state === "notYet"
            ? d.window.unscheduled || !d.window.opensAt
              ? t("programmeTests.sheet.notScheduled")
              : t("programmeTests.sheet.notYet", { at: formatDateTime(d.window.opensAt) })
            : d.state === "closed"
              ? t("programmeTests.sheet.closed", {
                  at: d.window.closesAt ? formatDateTime(d.window.closesAt) : "",
                })
              : t(`programmeTests.sheet.${d.state}`)}
        </Notice>
      )}
      <ul className="actions">
        <li>
          <Link to={`/programme/${a.id}`}>{t("programmeTests.sheet.toActivity")}</Link>
        </li>
        <li>
          <Link to="/my/development">{t("programmeTests.sheet.toMine")}</Link>
        </li>
      </ul>
      {d.state === "open" && d.window.closesAt && (
        <p className="muted">
          {t("programmeTests.sheet.openUntil", { at: formatDateTime(d.window.closesAt) })}
        </p>
      )}
    </Page>
  );
}

function Sheet({ data: d, result }: { data: SheetData; result: TestSheetResult | undefined }) {
  const { t } = useI18n();
  const errors = result?.fieldErrors ?? {};
  const labels: Record<string, string> = {};
  d.questions.forEach((q, i) => {
    labels[answerField(q.id)] = t("programmeTests.sheet.question", { n: i + 1 });
  });
  const summaryState = {
    fieldErrors: Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "_form")),
  };
  return (
    <>
      <p className="prose">
        {t(d.stage === "pre" ? "programmeTests.sheet.preIntro" : "programmeTests.sheet.postIntro")}
      </p>
      <ErrorSummary state={summaryState} labels={labels} />
      <Form method="post" noValidate className="test-sheet">
        {d.questions.map((q, i) => {
          const field = answerField(q.id);
          const error = errors[field];
          const chosen = result?.answers?.[q.id] ?? [];
          const hintId = `${field}-hint`;
          return (
            <fieldset
              key={q.id}
              id={`f-${field}`}
              tabIndex={-1}
              className={error ? "field-invalid" : undefined}
              aria-describedby={`${hintId}${error ? ` ${field}-error` : ""}`}
            >
              <legend>
                {i + 1}. {q.text}
              </legend>
              <p className="hint" id={hintId}>
                {t(
                  q.kind === "single"
                    ? "programmeTests.sheet.pickOne"
                    : "programmeTests.sheet.pickAll",
                )}
              </p>
              {error && (
                <p className="error" id={`${field}-error`}>
                  {isMessageKey(error) ? t(error) : error}
                </p>
              )}
              <div className="choices">
                {q.options.map((o) => {
                  const id = `${field}-${o.id}`;
                  return (
                    <div className="choice" key={o.id}>
                      <input
                        type={q.kind === "single" ? "radio" : "checkbox"}
                        id={id}
                        name={field}
                        value={o.id}
                        defaultChecked={chosen.includes(o.id)}
                      />
                      <label htmlFor={id}>{o.text}</label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
        <button type="submit" className="primary">
          {t("programmeTests.sheet.submit")}
        </button>
      </Form>
    </>
  );
}
