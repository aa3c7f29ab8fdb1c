// /programme/approvals — the enrolments waiting for the actor's decision: a manager's units'
// people (a coordinator sees all), oldest first, with search, sorting and paging.
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { decideEnrolment } from "../../../modules/programme/approve-enrolment.ts";
import { listApprovals } from "../../../modules/programme/list-enrolments.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDateTime, isMessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/approvals";
import "../../components/programme/enrol.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.approve");
  return load(() => listApprovals(actor, pageParams(new URL(request.url))));
}

type Result = FormState & { ok?: boolean; message?: string; count?: number };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.approve");
  return act(await request.formData(), async (v): Promise<Result> => {
    if (v.intent !== "approve" && v.intent !== "reject") {
      throw new AppError("validation", { _form: "errors.invalid" });
    }
    const r = await decideEnrolment(actor, v.enrolmentId ?? "", v.intent);
    return {
      ok: true,
      message:
        r.status === "confirmed"
          ? "programme.enrolments.approved"
          : "programme.enrolments.rejected",
      count: r.promoted,
    };
  });
}

export default function Approvals() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const sortProps = { sort: d.sort, dir: d.dir };
  return (
    <Page
      title={t("programme.approvals.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
      ]}
    >
      <p>{t("programme.approvals.intro")}</p>
      {result?.ok && result.message && isMessageKey(result.message) && (
        <Notice kind="success">
          {t(result.message)}
          {result.count ? ` ${t("programme.enrolments.promoted", { count: result.count })}` : ""}
        </Notice>
      )}
      {result && !result.ok && <ErrorSummary state={result} labels={{}} />}
      <SearchForm q={d.q} clearTo={Boolean(d.q) && "/programme/approvals"} />
      <p role="status">{t("common.results", { count: d.total })}</p>
      {d.rows.length === 0 && d.total > 0 ? (
        <PastLastPage pageSize={d.pageSize} total={d.total} />
      ) : d.rows.length === 0 ? (
        <EmptyState>{t("programme.approvals.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("programme.approvals.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("programme.enrolments.name")} {...sortProps} />
                <th scope="col">{t("programme.enrolments.unit")}</th>
                <SortHeader
                  column="activity"
                  label={t("programme.approvals.activity")}
                  {...sortProps}
                />
                <th scope="col">{t("programme.approvals.firstSession")}</th>
                <SortHeader
                  column="created"
                  label={t("programme.enrolments.created")}
                  {...sortProps}
                />
                <th scope="col">{t("programme.enrolments.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => {
                const name = `${r.lastName} ${r.firstName}`;
                return (
                  <tr key={r.id}>
                    <th scope="row">{name}</th>
                    <td>{r.unitName ?? t("common.none")}</td>
                    <td>
                      <Link to={`/programme/${r.activityId}`}>{r.activityTitle}</Link>
                    </td>
                    <td>{r.firstSession ? formatDateTime(r.firstSession) : t("common.none")}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>
                      {!r.own && (
                        <div className="enrolment-actions">
                          {(["approve", "reject"] as const).map((intent) => (
                            <Form method="post" key={intent}>
                              <input type="hidden" name="enrolmentId" value={r.id} />
                              <button
                                type="submit"
                                name="intent"
                                value={intent}
                                className={intent === "approve" ? "primary" : undefined}
                                aria-label={t(
                                  intent === "approve"
                                    ? "programme.enrolments.approveLabel"
                                    : "programme.enrolments.rejectLabel",
                                  { name },
                                )}
                              >
                                {t(
                                  intent === "approve"
                                    ? "programme.enrolments.approve"
                                    : "programme.enrolments.reject",
                                )}
                              </button>
                            </Form>
                          ))}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={d.page} pageSize={d.pageSize} total={d.total} />
    </Page>
  );
}
