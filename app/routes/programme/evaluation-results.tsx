// /programme/:id/evaluation/results — the evaluation's state and, once closed and answered by
// enough people, its results; comments only from the comment threshold. Whoever runs the
// programme may close it early.
import { data, Form, Link, useActionData, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { closeEvaluation, evaluationResults } from "../../../modules/programme/evaluation.ts";
import { formatPercent } from "../../../modules/programme/test-scoring.ts";
import { formatDate, formatDateTime, isMessageKey } from "../../../platform/i18n.ts";
import type { FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import "../../components/programme/knowledge-test.css";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requireActor } from "../../lib/server.ts";
import type { Route } from "./+types/evaluation-results";

function allowed(actor: Parameters<typeof can>[0]) {
  return can(actor, "programme.reports.view") || can(actor, "programme.manage");
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (!allowed(actor)) throw data(null, { status: 403 });
  return load(() => evaluationResults(actor, params.id));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requireActor(context, request);
  if (!can(actor, "programme.manage")) throw data(null, { status: 403 });
  const form = await request.formData();
  return act(form, async () => {
    await closeEvaluation(actor, params.id);
    return { ok: true, message: "programmeEvaluation.closedNow" };
  });
}

const POINTS = [1, 2, 3, 4, 5] as const;

export default function EvaluationResultsPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (FormState & { message?: string }) | undefined;
  const a = d.activity;
  const formError = result?.fieldErrors?._form;
  const mean = (v: number | null) =>
    v === null
      ? t("common.none")
      : new Intl.NumberFormat(locale === "en" ? "en-GB" : "pl-PL", {
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(v);
  return (
    <Page
      title={t("programmeEvaluation.resultsTitle", { title: a.title })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("programmeTests.crumbProgramme") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
    >
      {result?.message && isMessageKey(result.message) && (
        <Notice kind="success">{t(result.message)}</Notice>
      )}
      {formError && (
        <div className="error-summary" role="alert">
          <p>{isMessageKey(formError) ? t(formError) : formError}</p>
        </div>
      )}
      <dl className="facts">
        <dt>{t("programmeEvaluation.status")}</dt>
        <dd>
          {d.state === "closed"
            ? t("programmeEvaluation.statusClosed", { at: formatDateTime(d.closedAt) })
            : d.state === "notYet"
              ? d.opensAt
                ? t("programmeEvaluation.statusNotYet", { at: formatDateTime(d.opensAt) })
                : t("programmeEvaluation.notScheduled")
              : t("programmeEvaluation.statusOpen", {
                  at: d.closesAt ? formatDate(d.closesAt) : "",
                })}
        </dd>
        <dt>{t("programmeEvaluation.responses")}</dt>
        <dd>
          {t("programmeEvaluation.responsesOf", {
            count: d.responses,
            eligible: d.eligible,
          })}
        </dd>
        <dt>{t("programmeEvaluation.thresholds")}</dt>
        <dd>
          {t("programmeEvaluation.thresholdsText", {
            k: d.minGroupSize,
            kc: d.minCommentGroupSize,
          })}
        </dd>
      </dl>
      {d.canClose && d.state === "open" && (
        <Form method="post" className="narrow">
          <p>{t("programmeEvaluation.closeHint")}</p>
          <button type="submit" name="intent" value="close">
            {t("programmeEvaluation.close")}
          </button>
        </Form>
      )}

      <h2>{t("programmeEvaluation.resultsHeading")}</h2>
      {d.state !== "closed" ? (
        <Notice>{t("programmeEvaluation.hiddenUntilClosed")}</Notice>
      ) : !d.results ? (
        <Notice>
          {t("programmeEvaluation.hiddenTooFew", { k: d.minGroupSize, count: d.responses })}
        </Notice>
      ) : (
        <>
          <p>{t("programmeEvaluation.overall", { mean: mean(d.results.overall) })}</p>
          <div className="table-scroll">
            <table>
              <caption>{t("programmeEvaluation.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("programmeEvaluation.col.question")}</th>
                  <th scope="col" className="num">
                    {t("programmeEvaluation.col.mean")}
                  </th>
                  {POINTS.map((p) => (
                    <th scope="col" className="num" key={p}>
                      {t(`programmeEvaluation.point${p}`)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("programmeEvaluation.col.n")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.results.questions.map((q) => (
                  <tr key={q.key}>
                    <th scope="row">{t(`programmeEvaluation.q.${q.key}`)}</th>
                    <td className="num">{mean(q.mean)}</td>
                    {q.counts.map((c, i) => (
                      <td className="num nowrap" key={POINTS[i]}>
                        {c} ({formatPercent(q.n ? (c * 100) / q.n : 0, locale)} %)
                      </td>
                    ))}
                    <td className="num">{q.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{t("programmeEvaluation.commentsHeading")}</h2>
          {d.comments === null ? (
            <Notice>
              {t("programmeEvaluation.commentsHidden", { kc: d.minCommentGroupSize })}
            </Notice>
          ) : d.comments.length === 0 ? (
            <p>{t("programmeEvaluation.noComments")}</p>
          ) : (
            <ol className="comment-list">
              {d.comments.map((c, i) => (
                // Comments have no identity of their own; their order is that of random ids.
                // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, never reordered
                <li key={i}>
                  <p className="comment-text">{c}</p>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <p>
        <Link to={`/programme/${a.id}`}>{t("programmeTests.sheet.toActivity")}</Link>
      </p>
    </Page>
  );
}
