// /health/planning/result?year=&first=&last= — what a plan made: its exams (found by their
// consecutive referral numbers), each with its referral to download. Searchable, sortable, paged.
import { Link, useLoaderData } from "react-router";
import { planResult } from "../../../modules/health/plan-exams.ts";
import { kindText, referralNumber } from "../../../modules/health/plan-rules.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/planning-result";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  return { result: await planResult(actor, pageParams(new URL(request.url))) };
}

export default function PlanningResult() {
  const t = useT();
  const { result } = useLoaderData<typeof loader>();
  const range = result.year && result.first && result.last;
  const sortProps = { sort: result.sort, dir: result.dir };
  const here = `?year=${result.year}&first=${result.first}&last=${result.last}`;
  return (
    <Page
      title={t("health.plan.resultTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health/exams", label: t("health.board.title") },
        { to: "/health/planning", label: t("health.plan.title") },
      ]}
    >
      {range ? (
        <Notice kind="success">
          {t("health.plan.resultSummary", {
            count: result.last - result.first + 1,
            first: referralNumber(result.year, result.first),
            last: referralNumber(result.year, result.last),
          })}
        </Notice>
      ) : null}
      <ul className="actions">
        <li>
          <Link to="/health/exams?status=scheduled">{t("health.plan.toBoard")}</Link>
        </li>
        <li>
          <Link to="/health/planning">{t("health.plan.another")}</Link>
        </li>
      </ul>
      <SearchForm
        q={result.q}
        label={t("health.plan.searchResult")}
        clearTo={Boolean(result.q) && here}
      >
        <input type="hidden" name="year" value={result.year} />
        <input type="hidden" name="first" value={result.first} />
        <input type="hidden" name="last" value={result.last} />
      </SearchForm>
      <p role="status">{t("common.results", { count: result.total })}</p>
      {result.rows.length === 0 && result.total > 0 ? (
        <PastLastPage pageSize={result.pageSize} total={result.total} />
      ) : result.rows.length === 0 ? (
        <EmptyState>{t(result.q ? "employee.noResults" : "health.plan.resultEmpty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("health.plan.resultCaption")}</caption>
            <thead>
              <tr>
                <SortHeader column="number" label={t("health.plan.number")} {...sortProps} />
                <SortHeader column="name" label={t("health.plan.person")} {...sortProps} />
                <SortHeader column="unit" label={t("health.plan.unitCol")} {...sortProps} />
                <th scope="col">{t("health.plan.kindCol")}</th>
                <SortHeader column="appointment" label={t("health.plan.when")} {...sortProps} />
                <th scope="col">{t("health.plan.clinicCol")}</th>
                <th scope="col">{t("health.plan.status")}</th>
                <th scope="col">{t("health.referral.download")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => {
                const name = `${r.lastName} ${r.firstName}`;
                return (
                  <tr key={r.id}>
                    <td>{r.referralNumber}</td>
                    <th scope="row">
                      <Link to={`/health/employees/${r.employeeId}`}>{name}</Link>
                    </th>
                    <td>{r.unitName ?? t("common.none")}</td>
                    <td>{kindText(t, r.kind)}</td>
                    <td>{formatDateTime(r.appointmentAt) || t("common.none")}</td>
                    <td>{r.clinicName ?? t("common.none")}</td>
                    <td>{t(`health.examStatus.${r.status}` as MessageKey)}</td>
                    <td>
                      {r.status === "cancelled" ? (
                        t("common.none")
                      ) : (
                        <a
                          href={`/health/referrals/${r.id}.pdf`}
                          aria-label={t("health.referral.downloadFor", { name })}
                        >
                          PDF
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} />
    </Page>
  );
}
