import { Form, Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import { catalogueTypes, listActivities } from "../../../modules/programme/list-activities.ts";
import { ACTIVITY_STATUSES } from "../../../modules/programme/schema.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { ActivityStatusBadge, PlacesLeft } from "../../components/programme/catalogue.tsx";
import { Pagination, PastLastPage, SortHeader } from "../../components/table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/catalogue";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const [list, types] = await Promise.all([
    load(() => listActivities(actor, pageParams(new URL(request.url)))),
    catalogueTypes(actor),
  ]);
  return {
    list,
    types,
    canManage: can(actor, "programme.manage"),
    canPlans: can(actor, "programme.reports.view") || can(actor, "programme.manage"),
  };
}

/** "12.03.2026" or "12.03.2026 – 14.03.2026". */
function dateRange(from: Date | null, to: Date | null): string {
  if (!from || !to) return "";
  const a = formatDate(from);
  const b = formatDate(to);
  return a === b ? a : `${a} – ${b}`;
}

export default function Catalogue() {
  const { t } = useI18n();
  const { list, types, canManage, canPlans } = useLoaderData<typeof loader>();
  const filtered = Boolean(
    list.q ||
      list.type ||
      list.open ||
      list.when !== "upcoming" ||
      (list.status ?? "all") !== "all",
  );
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("catalogue.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        <>
          {canManage && (
            <Link className="button" to="/programme/types">
              {t("catalogue.types.title")}
            </Link>
          )}
          {canPlans && (
            <Link className="button" to="/programme/plans">
              {t("catalogue.plan.title")}
            </Link>
          )}
          {canManage && (
            <Link className="button primary" to="/programme/new">
              {t("catalogue.new")}
            </Link>
          )}
        </>
      }
    >
      <p className="prose">{t(canManage ? "catalogue.introManage" : "catalogue.intro")}</p>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="f-q">{t("catalogue.search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={list.q} />
        </div>
        <SelectField
          name="type"
          label={t("catalogue.type")}
          defaultValue={list.type ?? ""}
          placeholder={t("catalogue.allTypes")}
          options={types
            .filter((ty) => !ty.archived || ty.id === list.type)
            .map((ty) => ({ value: ty.id, label: activityTypeLabel(t, ty) }))}
        />
        <SelectField
          name="when"
          label={t("catalogue.when")}
          defaultValue={list.when}
          options={[
            { value: "upcoming", label: t("catalogue.when.upcoming") },
            { value: "past", label: t("catalogue.when.past") },
            { value: "all", label: t("catalogue.when.all") },
          ]}
        />
        {canManage && (
          <SelectField
            name="status"
            label={t("catalogue.status")}
            defaultValue={list.status ?? "all"}
            options={[
              { value: "all", label: t("catalogue.status.all") },
              ...ACTIVITY_STATUSES.map((s) => ({
                value: s,
                label: t(`catalogue.status.${s}` as MessageKey),
              })),
            ]}
          />
        )}
        <div className="field-check catalogue-open">
          <input id="f-open" type="checkbox" name="open" value="1" defaultChecked={list.open} />
          <label htmlFor="f-open">{t("catalogue.onlyOpen")}</label>
        </div>
        <button type="submit">{t("common.search")}</button>
        {filtered && <Link to="/programme">{t("common.clear")}</Link>}
      </Form>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          action={canManage && !filtered && <Link to="/programme/new">{t("catalogue.new")}</Link>}
        >
          {t(filtered ? "catalogue.noResults" : "catalogue.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("catalogue.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="title" label={t("catalogue.activityTitle")} {...sortProps} />
                <SortHeader column="type" label={t("catalogue.type")} {...sortProps} />
                <SortHeader column="start" label={t("catalogue.dates")} {...sortProps} />
                <th scope="col">{t("catalogue.format")}</th>
                <SortHeader column="places" label={t("catalogue.places")} {...sortProps} />
                {canManage ? (
                  <SortHeader column="status" label={t("catalogue.status")} {...sortProps} />
                ) : (
                  <th scope="col">{t("catalogue.myEnrolment")}</th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.rows.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/programme/${a.id}`}>{a.title}</Link>
                    {a.provider && (
                      <>
                        <br />
                        <span className="muted">{a.provider}</span>
                      </>
                    )}
                  </th>
                  <td>{activityTypeLabel(t, { code: a.typeCode, name: a.typeName })}</td>
                  <td>
                    {a.firstStart ? (
                      <>
                        {dateRange(a.firstStart, a.lastEnd)}
                        <br />
                        <span className="muted">
                          {t("catalogue.sessionCount", { count: a.sessionCount })}
                        </span>
                      </>
                    ) : (
                      <span className="muted">{t("catalogue.noSessions")}</span>
                    )}
                  </td>
                  <td>{t(`catalogue.format.${a.format}` as MessageKey)}</td>
                  <td>
                    <PlacesLeft capacity={a.capacity} placesLeft={a.placesLeft} />
                  </td>
                  <td>
                    {canManage && <ActivityStatusBadge status={a.status} />}
                    {a.myEnrolment && (
                      <>
                        {canManage && " "}
                        <span className="badge badge-enrolled">
                          {t(`catalogue.enrolment.${a.myEnrolment}` as MessageKey)}
                        </span>
                      </>
                    )}
                    {!canManage && !a.myEnrolment && t("common.none")}
                  </td>
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
