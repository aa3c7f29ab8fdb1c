import { Form, Link, useActionData, useLoaderData } from "react-router";
import { getCycle } from "../../../modules/survey/list-cycles.ts";
import {
  approveComments,
  listCommentsForReview,
  reviewComment,
} from "../../../modules/survey/review-comments.ts";
import { AppError } from "../../../platform/errors.ts";
import { isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { type FormState, SelectField } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage } from "../../components/table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/comments";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const [cycle, list] = await load(() =>
    Promise.all([
      getCycle(actor, params.id),
      listCommentsForReview(actor, params.id, pageParams(new URL(request.url))),
    ]),
  );
  return { cycle: { id: cycle.id, name: cycle.name }, list };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  return act(form, async (v) => {
    if (intent === "review") {
      const r = await reviewComment(actor, params.id, v.commentId ?? "", {
        action: v.action,
        text: v.text,
      });
      return { ok: true, message: `surveyComments.done.${r.state}`, commentId: v.commentId };
    }
    if (intent === "approve-page") {
      const r = await approveComments(actor, params.id, form.getAll("ids").map(String));
      return { ok: true, message: "surveyComments.done.page", count: r.approved };
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

// The filters of review-comments.ts; listed here because that module is server-only.
const FILTERS = ["pending", "approved", "excluded", "all"] as const;

type Result = FormState & { ok?: boolean; message?: string; commentId?: string; count?: number };

export default function Comments() {
  const { t, locale } = useI18n();
  const { cycle, list } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as Result;
  const crumbs = [
    { to: "/", label: t("nav.dashboard") },
    { to: "/surveys", label: t("surveys.title") },
    { to: `/surveys/${cycle.id}`, label: cycle.name },
  ];
  const itemText = new Map(list.items.map((i) => [i.id, i.text[locale]]));
  if (list.cycleStatus !== "closed") {
    return (
      <Page title={t("surveyComments.title")} crumbs={crumbs}>
        <Notice>{t("surveyComments.waitForClose")}</Notice>
        <p>
          <Link to={`/surveys/${cycle.id}`}>{t("surveyPaperCodes.back")}</Link>
        </p>
      </Page>
    );
  }
  const filtered = list.state !== "pending" || Boolean(list.item);
  const pendingHere = list.rows.filter((r) => r.state === "pending");
  const formError =
    state?.fieldErrors?._form ?? state?.fieldErrors?.ids ?? state?.fieldErrors?.action;
  return (
    <Page title={t("surveyComments.title")} crumbs={crumbs}>
      <p className="prose">{t("surveyComments.intro", { k: list.minCommentGroupSize ?? 10 })}</p>
      {list.counts && (
        <ul className="stats">
          {(["pending", "approved", "excluded"] as const).map((s) => (
            <li key={s}>
              {t(`surveyComments.count.${s}` as MessageKey, { count: list.counts![s] })}
            </li>
          ))}
        </ul>
      )}
      {state?.ok && state.message && isMessageKey(state.message) && (
        <Notice kind="success">{t(state.message, { count: state.count ?? 1 })}</Notice>
      )}
      {formError && (
        <div className="error-summary" role="alert">
          <p>{isMessageKey(formError) ? t(formError) : formError}</p>
        </div>
      )}
      <Form method="get" className="filters" role="search">
        <SelectField
          name="state"
          label={t("surveyComments.filterState")}
          defaultValue={list.state}
          options={FILTERS.map((s) => ({
            value: s,
            label: t(`surveyComments.state.${s}` as MessageKey),
          }))}
        />
        {list.items.length > 1 && (
          <SelectField
            name="item"
            label={t("surveyComments.filterItem")}
            defaultValue={list.item ?? ""}
            placeholder={t("surveyComments.allItems")}
            options={list.items.map((i) => ({ value: i.id, label: i.text[locale] }))}
          />
        )}
        <button type="submit">{t("surveyComments.show")}</button>
        {filtered && <Link to="?">{t("common.clear")}</Link>}
      </Form>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>
          {t(filtered ? "surveyComments.noResults" : "surveyComments.nonePending")}
        </EmptyState>
      ) : (
        <ol className="comment-list">
          {list.rows.map((r, i) => (
            <li key={r.id}>
              {(i === 0 || list.rows[i - 1].itemId !== r.itemId) && (
                <h2 className="comment-item">{itemText.get(r.itemId) ?? r.itemId}</h2>
              )}
              <CommentCard
                row={r}
                state={
                  state?.commentId === r.id || state?.values?.commentId === r.id ? state : undefined
                }
              />
            </li>
          ))}
        </ol>
      )}
      {pendingHere.length > 0 && (
        <Form method="post" preventScrollReset className="card">
          <input type="hidden" name="intent" value="approve-page" />
          {pendingHere.map((r) => (
            <input key={r.id} type="hidden" name="ids" value={r.id} />
          ))}
          <p>{t("surveyComments.approvePageHint", { count: pendingHere.length })}</p>
          <button type="submit">
            {t("surveyComments.approvePage", { count: pendingHere.length })}
          </button>
        </Form>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </Page>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["list"]["rows"][number];

function CommentCard({ row, state }: { row: Row; state: Result | undefined }) {
  const { t } = useI18n();
  const id = `c-${row.id}`;
  const error = state?.fieldErrors?.text;
  const value =
    state?.values?.commentId === row.id && state.values.text !== undefined && error
      ? state.values.text
      : (row.redactedText ?? row.text);
  return (
    <article className="card comment" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="visually-hidden">
        {t("surveyComments.one")}
      </h3>
      <p className="muted">
        {t(`surveyComments.state.${row.state}` as MessageKey)} ·{" "}
        {row.unitName
          ? t("surveyComments.unit", { unit: row.unitName })
          : t("surveyComments.unitHidden")}
      </p>
      <blockquote className="comment-text">{row.text}</blockquote>
      {/* Keyed by the stored state, so the field shows the new text after each change. */}
      <Form
        method="post"
        preventScrollReset
        noValidate
        key={`${row.state}:${row.redactedText ?? ""}`}
      >
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="commentId" value={row.id} />
        <div className={`field${error ? " field-invalid" : ""}`}>
          <label htmlFor={`${id}-text`}>{t("surveyComments.publishedText")}</label>
          <p className="hint" id={`${id}-hint`}>
            {t("surveyComments.publishedTextHint")}
          </p>
          <textarea
            id={`${id}-text`}
            name="text"
            rows={4}
            maxLength={2000}
            defaultValue={row.state === "excluded" ? row.text : value}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          />
          {error && (
            <p className="error" id={`${id}-error`}>
              {isMessageKey(error) ? t(error) : error}
            </p>
          )}
        </div>
        <div className="bulk-actions">
          <button type="submit" name="action" value="approve" className="primary">
            {t("surveyComments.approve")}
          </button>
          <button type="submit" name="action" value="mask">
            {t("surveyComments.mask")}
          </button>
          {row.state !== "excluded" && (
            <button type="submit" name="action" value="exclude">
              {t("surveyComments.exclude")}
            </button>
          )}
          {row.state !== "pending" && (
            <button type="submit" name="action" value="reopen">
              {t("surveyComments.reopen")}
            </button>
          )}
        </div>
      </Form>
    </article>
  );
}
