// /programme/:id/test — the knowledge test of an activity laid out as the four-stage competence
// check: scope (learning outcomes), standard (pass threshold), assessment (the question bank,
// the same before and after) and comparison (results with the gain). Whoever runs the
// programme edits the first three until the activity starts; whoever reads programme reports
// sees the results (a manager: their units' participants).
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import {
  deleteTestQuestion,
  moveTestQuestion,
  questionFromForm,
  saveTestQuestion,
  saveTestStandard,
  testBank,
} from "../../../modules/programme/test-bank.ts";
import { testResults } from "../../../modules/programme/test-results.ts";
import { formatGain, formatPercent } from "../../../modules/programme/test-scoring.ts";
import { AppError } from "../../../platform/errors.ts";
import { isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import type { FormState } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { QuestionForm, StandardForm } from "../../components/programme/question-form.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import "../../components/programme/knowledge-test.css";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, pageParams, requireActor } from "../../lib/server.ts";
import type { Route } from "./+types/test";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const canManage = can(actor, "programme.manage");
  const canResults = can(actor, "programme.reports.view");
  if (!canManage && !canResults) throw data(null, { status: 403 });
  const url = new URL(request.url);
  const [bank, results] = await Promise.all([
    canManage ? load(() => testBank(actor, params.id)) : null,
    canResults ? load(() => testResults(actor, params.id, pageParams(url))) : null,
  ]);
  const activity = bank
    ? {
        id: bank.activity.id,
        title: bank.activity.title,
        learningOutcomes: bank.activity.learningOutcomes,
        passThresholdPercent: bank.activity.passThresholdPercent,
      }
    : {
        id: results!.activity.id,
        title: results!.activity.title,
        learningOutcomes: results!.activity.learningOutcomes,
        passThresholdPercent: results!.activity.passThresholdPercent,
      };
  const editId = url.searchParams.get("edit");
  return {
    activity,
    questionCount: bank?.questions.length ?? results!.activity.questionCount,
    bank,
    editing: bank?.questions.find((q) => q.id === editId) ?? null,
    results,
    saved: url.searchParams.get("saved"),
  };
}

const SAVED: Record<string, MessageKey> = {
  question: "programmeTests.saved.question",
  deleted: "programmeTests.saved.deleted",
  moved: "programmeTests.saved.moved",
  standard: "programmeTests.saved.standard",
};

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  if (!can(actor, "programme.manage")) throw data(null, { status: 403 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = (saved: string, hash = "") =>
    redirect(`/programme/${params.id}/test?saved=${saved}${hash}`);
  return act(form, async (v) => {
    if (intent === "question") {
      await saveTestQuestion(actor, params.id, v.questionId || null, questionFromForm(v));
      return back("question", "#bank");
    }
    if (intent === "delete") {
      await deleteTestQuestion(actor, params.id, v.questionId ?? "");
      return back("deleted", "#bank");
    }
    if (intent === "up" || intent === "down") {
      await moveTestQuestion(actor, params.id, v.questionId ?? "", intent);
      return back("moved", "#bank");
    }
    if (intent === "standard") {
      await saveTestStandard(actor, params.id, v);
      return back("standard");
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function TestPage() {
  const { t } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const intent = state?.values?.intent;
  const a = d.activity;
  const lock = d.bank?.lock;
  const editable = Boolean(d.bank && !lock?.started);
  const questionsEditable = editable && !lock?.answered;
  const saved = d.saved && Object.hasOwn(SAVED, d.saved) ? SAVED[d.saved] : null;
  const formError = state?.fieldErrors?._form;
  // After a refused edit the question comes from the submission, whatever the URL says.
  const editing =
    intent === "question"
      ? (d.bank?.questions.find((q) => q.id === state?.values?.questionId) ?? null)
      : d.editing;
  return (
    <Page
      title={t("programmeTests.title", { title: a.title })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("programmeTests.crumbProgramme") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
    >
      {saved && !state && <Notice kind="success">{t(saved)}</Notice>}
      {formError && (intent === "delete" || intent === "up" || intent === "down") && (
        <div className="error-summary" role="alert">
          <p>{isMessageKey(formError) ? t(formError) : formError}</p>
        </div>
      )}
      {d.bank && lock?.started && <Notice>{t("errors.testBankLocked")}</Notice>}
      {d.bank && !lock?.started && lock?.answered && (
        <Notice>{t("errors.testBankAnswered")}</Notice>
      )}
      <p className="prose">{t("programmeTests.intro")}</p>

      <h2 id="scope">{t("programmeTests.stage.scopeHeading")}</h2>
      {a.learningOutcomes ? (
        <p className="outcomes">{a.learningOutcomes}</p>
      ) : (
        <p className="muted">{t("programmeTests.standard.noOutcomes")}</p>
      )}

      <h2 id="standard">{t("programmeTests.stage.standardHeading")}</h2>
      <p>
        {a.passThresholdPercent === null
          ? t("programmeTests.standard.noThreshold")
          : t("programmeTests.standard.rule", { percent: a.passThresholdPercent })}
      </p>
      {editable && (
        <StandardForm
          activityId={a.id}
          learningOutcomes={a.learningOutcomes}
          passThresholdPercent={a.passThresholdPercent}
          state={intent === "standard" ? state : undefined}
        />
      )}

      <h2 id="bank">{t("programmeTests.stage.assessmentHeading")}</h2>
      <p>{t("programmeTests.assessment.rule")}</p>
      {d.bank ? (
        <Bank data={d} editable={questionsEditable} />
      ) : (
        <p>{t("programmeTests.assessment.count", { count: d.questionCount })}</p>
      )}
      {questionsEditable && (
        <QuestionForm
          activityId={a.id}
          question={editing}
          number={editing ? d.bank!.questions.findIndex((q) => q.id === editing.id) + 1 : 1}
          state={intent === "question" ? state : undefined}
        />
      )}

      <h2 id="comparison">{t("programmeTests.stage.comparisonHeading")}</h2>
      {d.results ? (
        <Results data={d} />
      ) : (
        <p className="muted">{t("programmeTests.results.notAllowed")}</p>
      )}
    </Page>
  );
}

function Bank({ data: d, editable }: { data: Data; editable: boolean }) {
  const { t } = useI18n();
  const questions = d.bank!.questions;
  if (questions.length === 0)
    return <EmptyState>{t("programmeTests.assessment.empty")}</EmptyState>;
  return (
    <ol className="test-bank">
      {questions.map((q, i) => (
        <li key={q.id}>
          <p className="question-text">
            <span className="visually-hidden">
              {t("programmeTests.sheet.question", { n: i + 1 })}:{" "}
            </span>
            {q.text} <span className="badge badge-draft">{t(`programmeTests.kind.${q.kind}`)}</span>
          </p>
          <ul className="test-options">
            {q.options.map((o) => (
              <li key={o.id} className={o.correct ? "option-correct" : undefined}>
                {o.text}
                {o.correct && <strong> — {t("programmeTests.assessment.correct")}</strong>}
              </li>
            ))}
          </ul>
          {editable && (
            <ul className="actions">
              <li>
                <Link
                  to={`/programme/${d.activity.id}/test?edit=${q.id}#question-form`}
                  aria-label={t("programmeTests.assessment.editN", { n: i + 1 })}
                >
                  {t("common.edit")}
                </Link>
              </li>
              {i > 0 && (
                <li>
                  <QuestionButton
                    id={q.id}
                    intent="up"
                    label={t("programmeTests.assessment.upN", { n: i + 1 })}
                  >
                    {t("programmeTests.assessment.up")}
                  </QuestionButton>
                </li>
              )}
              {i < questions.length - 1 && (
                <li>
                  <QuestionButton
                    id={q.id}
                    intent="down"
                    label={t("programmeTests.assessment.downN", { n: i + 1 })}
                  >
                    {t("programmeTests.assessment.down")}
                  </QuestionButton>
                </li>
              )}
              <li>
                <QuestionButton
                  id={q.id}
                  intent="delete"
                  label={t("programmeTests.assessment.deleteN", { n: i + 1 })}
                >
                  {t("programmeTests.assessment.delete")}
                </QuestionButton>
              </li>
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

function QuestionButton({
  id,
  intent,
  label,
  children,
}: {
  id: string;
  intent: string;
  label: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="questionId" value={id} />
      <button type="submit" name="intent" value={intent} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}

function Results({ data: d }: { data: Data }) {
  const { t, locale } = useI18n();
  const r = d.results!;
  const s = r.summary;
  const pct = (v: number | null) =>
    v === null ? t("common.none") : `${formatPercent(v, locale)} %`;
  const gain = (v: number | null) =>
    v === null ? t("common.none") : `${formatGain(v, locale)} ${t("programmeTests.pp")}`;
  const sortProps = { sort: r.sort, dir: r.dir };
  return (
    <>
      <dl className="facts test-summary">
        <dt>{t("programmeTests.summary.paired")}</dt>
        <dd>{s.paired}</dd>
        <dt>{t("programmeTests.summary.meanPre")}</dt>
        <dd>{pct(s.meanPre)}</dd>
        <dt>{t("programmeTests.summary.meanPost")}</dt>
        <dd>{pct(s.meanPost)}</dd>
        <dt>{t("programmeTests.summary.meanGain")}</dt>
        <dd>{gain(s.meanGain)}</dd>
        <dt>{t("programmeTests.summary.acquired")}</dt>
        <dd>
          {s.shareAcquired === null
            ? t("common.none")
            : t("programmeTests.summary.acquiredOf", {
                acquired: s.acquired,
                of: s.withPost,
                share: formatPercent(s.shareAcquired * 100, locale),
              })}
        </dd>
      </dl>
      <h3>{t("programmeTests.results.participants")}</h3>
      <SearchForm
        q={r.q}
        label={t("programmeTests.results.search")}
        clearTo={r.q ? `/programme/${d.activity.id}/test` : false}
      />
      <p role="status">{t("common.results", { count: r.total })}</p>
      {r.rows.length === 0 && r.total > 0 ? (
        <PastLastPage pageSize={r.pageSize} total={r.total} />
      ) : r.rows.length === 0 ? (
        <EmptyState>
          {t(r.q ? "programmeTests.results.noneFound" : "programmeTests.results.none")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {t("programmeTests.results.participants")}
            </caption>
            <thead>
              <tr>
                <SortHeader
                  column="name"
                  label={t("programmeTests.col.participant")}
                  {...sortProps}
                />
                <th scope="col">{t("programmeTests.col.unit")}</th>
                <SortHeader column="pre" label={t("programmeTests.col.pre")} {...sortProps} />
                <SortHeader column="post" label={t("programmeTests.col.post")} {...sortProps} />
                <SortHeader column="gain" label={t("programmeTests.col.gain")} {...sortProps} />
                <th scope="col">{t("programmeTests.col.acquired")}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((p) => (
                <tr key={p.employeeId}>
                  <th scope="row">
                    {p.lastName} {p.firstName}
                  </th>
                  <td>{p.unitName ?? t("common.none")}</td>
                  <td className="num">
                    {p.pre
                      ? `${pct(p.prePercent)} (${p.pre.score}/${p.pre.maxScore})`
                      : t("common.none")}
                  </td>
                  <td className="num">
                    {p.post
                      ? `${pct(p.postPercent)} (${p.post.score}/${p.post.maxScore})`
                      : t("common.none")}
                  </td>
                  <td className="num">{gain(p.gainPoints)}</td>
                  <td>
                    {p.acquired === null
                      ? t("common.none")
                      : t(p.acquired ? "common.yes" : "common.no")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={r.page} pageSize={r.pageSize} total={r.total} />
      {r.all > 0 && (
        <p>
          <a href={`/programme/${d.activity.id}/test/results.xlsx`}>
            {t("programmeTests.results.xlsx")}
          </a>
        </p>
      )}
    </>
  );
}
