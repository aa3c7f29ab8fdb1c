import { Link, useLoaderData, useLocation } from "react-router";
import { HEALTH_STATUSES } from "../../../modules/health/exam-status.ts";
import { healthBoard } from "../../../modules/health/status-board.ts";
import { formatDate, formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { DaysFrom, HealthStatusBadge } from "../../components/health/health-ui.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/index";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.manage");
  return { board: await healthBoard(actor, pageParams(new URL(request.url))) };
}

export default function HealthBoard() {
  const t = useT();
  const { board } = useLoaderData<typeof loader>();
  const filtered = Boolean(board.q || board.unit || board.status !== "all");
  const sortProps = { sort: board.sort, dir: board.dir };
  const statusLabel = (s: string) => t(`health.status.${s}` as MessageKey);
  return (
    <Page title={t("health.board.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p className="prose">{t("health.board.intro")}</p>
      <nav aria-label={t("health.board.links")}>
        <ul className="actions">
          <li>
            <Link to="/health/planning">{t("nav.healthPlanning")}</Link>
          </li>
          <li>
            <Link to="/health/clinics">{t("health.clinic.title")}</Link>
          </li>
          <li>
            <Link to="/health/positions">{t("health.board.toPositions")}</Link>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="h-counts">
        <h2 id="h-counts">{t("health.board.countsTitle")}</h2>
        <ul className="stats">
          {HEALTH_STATUSES.map((s) => (
            <li key={s}>
              <HealthStatusBadge status={s} /> <strong>{board.totals[s]}</strong>
            </li>
          ))}
          <li>
            {t("health.board.total")}: <strong>{board.totals.total}</strong>
          </li>
        </ul>
        {board.counts.length > 0 && (
          <div className="table-scroll">
            <table className="health-counts">
              <caption className="visually-hidden">{t("health.board.countsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("employee.unit")}</th>
                  {HEALTH_STATUSES.map((s) => (
                    <th scope="col" className="num" key={s}>
                      {statusLabel(s)}
                    </th>
                  ))}
                  <th scope="col" className="num">
                    {t("health.board.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {board.counts.map((c) => {
                  const unitName = c.unitName ?? t("health.board.noUnit");
                  const depth = board.units.find((u) => u.id === c.unitId)?.depth ?? 0;
                  return (
                    <tr key={c.unitId ?? "none"}>
                      <th scope="row" className={depth ? `depth-${Math.min(depth, 3)}` : undefined}>
                        {unitName}
                      </th>
                      {HEALTH_STATUSES.map((s) => (
                        <td className="num" key={s}>
                          {c[s] > 0 && c.unitId ? (
                            <Link
                              to={`/health/exams?unit=${c.unitId}&status=${s}`}
                              aria-label={t("health.board.countLink", {
                                status: statusLabel(s),
                                unit: unitName,
                                count: c[s],
                              })}
                            >
                              {c[s]}
                            </Link>
                          ) : (
                            c[s]
                          )}
                        </td>
                      ))}
                      <td className="num">{c.total}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-list">
        <h2 id="h-list">{t("health.board.listCaption")}</h2>
        <SearchForm
          q={board.q}
          label={t("health.board.searchLabel")}
          clearTo={filtered && "/health/exams"}
        >
          <SelectField
            name="unit"
            label={t("health.board.filterUnit")}
            defaultValue={board.unit ?? ""}
            placeholder={t("health.board.allUnits")}
            options={board.units.map((u) => ({
              value: u.id,
              label: `${"— ".repeat(u.depth)}${u.name}`,
            }))}
          />
          <SelectField
            name="status"
            label={t("health.board.filterStatus")}
            defaultValue={board.status}
            options={[
              { value: "all", label: t("health.status.all") },
              ...HEALTH_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
            ]}
          />
        </SearchForm>
        <p role="status">{t("common.results", { count: board.total })}</p>
        {board.rows.length === 0 && board.total > 0 ? (
          <PastLastPage pageSize={board.pageSize} total={board.total} />
        ) : board.rows.length === 0 ? (
          <EmptyState>{t(filtered ? "health.board.noResults" : "health.board.empty")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("health.board.listCaption")}</caption>
              <thead>
                <tr>
                  <SortHeader column="name" label={t("employee.name")} {...sortProps} />
                  <th scope="col">{t("employee.number")}</th>
                  <SortHeader column="unit" label={t("employee.unit")} {...sortProps} />
                  <SortHeader column="position" label={t("employee.position")} {...sortProps} />
                  <SortHeader column="status" label={t("health.board.status")} {...sortProps} />
                  <SortHeader
                    column="validUntil"
                    label={t("health.board.validUntil")}
                    {...sortProps}
                  />
                  <th scope="col">{t("health.board.lastExam")}</th>
                  <th scope="col">{t("health.board.appointment")}</th>
                </tr>
              </thead>
              <tbody>
                {board.rows.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/health/employees/${r.id}`}>
                        {r.lastName} {r.firstName}
                      </Link>
                    </th>
                    <td>{r.employeeNumber}</td>
                    <td>{r.unitName ?? t("common.none")}</td>
                    <td>{r.positionName ?? t("common.none")}</td>
                    <td>
                      <HealthStatusBadge status={r.status} />
                      {r.controlRequired && (
                        <>
                          {" "}
                          <span className="muted">{t("health.board.controlBadge")}</span>
                        </>
                      )}
                    </td>
                    <td>
                      {r.validUntil ? (
                        <>
                          {formatDate(r.validUntil)}
                          {(r.status === "due" || r.status === "overdue") && (
                            <DaysFrom days={r.daysLeft} />
                          )}
                        </>
                      ) : (
                        t("common.none")
                      )}
                    </td>
                    <td>
                      {r.lastExamDate
                        ? `${formatDate(r.lastExamDate)} (${t(`health.kind.${r.lastKind}` as MessageKey)})`
                        : t("common.none")}
                    </td>
                    <td>
                      {r.plannedAt
                        ? `${formatDateTime(r.plannedAt)} (${t(`health.kind.${r.plannedKind}` as MessageKey)})`
                        : t("common.none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={board.page} pageSize={board.pageSize} total={board.total} />
        {board.total > 0 && <ExportLinks />}
      </section>
    </Page>
  );
}

/** The list as it is filtered and sorted now, as a file (all pages). */
function ExportLinks() {
  const t = useT();
  const { search } = useLocation();
  const href = (format: "csv" | "xlsx") => {
    const p = new URLSearchParams(search);
    p.delete("page");
    p.set("format", format);
    return `/health/exams/export?${p.toString()}`;
  };
  return (
    <p>
      {t("export.title")}: <a href={href("csv")}>{t("export.csv")}</a> ·{" "}
      <a href={href("xlsx")}>{t("export.xlsx")}</a>
    </p>
  );
}
