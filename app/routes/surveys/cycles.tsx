import { data, Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { listCycles } from "../../../modules/survey/list-cycles.ts";
import { SURVEY_CYCLE_STATUSES } from "../../../modules/survey/schema.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { CycleStatus, ResponseRate } from "../../components/survey-cycle.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, pageParams, requireActor } from "../../lib/server.ts";
import type { Route } from "./+types/cycles";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (!can(actor, "survey.manage") && !can(actor, "survey.results.view")) {
    throw data(null, { status: 403 });
  }
  const list = await load(() => listCycles(actor, pageParams(new URL(request.url))));
  return { list, canManage: can(actor, "survey.manage") };
}

export default function Cycles() {
  const { t, locale } = useI18n();
  const { list, canManage } = useLoaderData<typeof loader>();
  const filtered = Boolean(list.q || list.status);
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("surveys.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        canManage && (
          <>
            <Link className="button" to="/surveys/instruments">
              {t("surveys.instruments")}
            </Link>
            <Link className="button primary" to="/surveys/new">
              {t("surveys.new")}
            </Link>
          </>
        )
      }
    >
      <p className="prose">{t(canManage ? "surveys.intro" : "surveys.introReader")}</p>
      <SearchForm q={list.q} label={t("surveys.search")} clearTo={filtered && "/surveys"}>
        {canManage && (
          <SelectField
            name="status"
            label={t("surveys.status")}
            defaultValue={list.status ?? ""}
            placeholder={t("surveys.statusAll")}
            options={SURVEY_CYCLE_STATUSES.map((s) => ({
              value: s,
              label: t(`surveys.status.${s}` as MessageKey),
            }))}
          />
        )}
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          action={canManage && !filtered && <Link to="/surveys/new">{t("surveys.new")}</Link>}
        >
          {t(filtered ? "surveys.noResults" : canManage ? "surveys.empty" : "surveys.emptyReader")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("surveys.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("surveys.name")} {...sortProps} />
                <th scope="col">{t("surveys.kind")}</th>
                <SortHeader column="opens" label={t("surveys.opensAt")} {...sortProps} />
                <SortHeader column="closes" label={t("surveys.closesAt")} {...sortProps} />
                <SortHeader column="status" label={t("surveys.status")} {...sortProps} />
                <th scope="col">{t("surveys.responseRate")}</th>
                {!canManage && <th scope="col">{t("surveys.results")}</th>}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={canManage ? `/surveys/${c.id}` : `/surveys/${c.id}/results`}>
                      {c.name}
                    </Link>
                    <br />
                    <span className="muted">
                      {c.instrumentTitle[locale]} ·{" "}
                      {t("surveys.version", { version: c.instrumentVersion })}
                    </span>
                  </th>
                  <td>{t(`surveys.kind.${c.kind}` as MessageKey)}</td>
                  <td>{formatDateTime(c.opensAt)}</td>
                  <td>{formatDateTime(c.closesAt)}</td>
                  <td>
                    <CycleStatus status={c.status} autoOpen={c.autoOpen} />
                  </td>
                  <td>
                    <ResponseRate
                      kind={c.kind}
                      status={c.status}
                      invited={c.invited}
                      answered={c.answered}
                      responses={c.responses}
                    />
                  </td>
                  {!canManage && (
                    <td>
                      <Link
                        to={`/surveys/${c.id}/results`}
                        aria-label={t("surveys.resultsOf", { name: c.name })}
                      >
                        {t("surveys.results")}
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </Page>
  );
}
