// /incidents — the register for those who see it (all, or a manager's units), and everyone's
// own reports. Searched, filtered, sorted and paged; steps past their deadline stand out.
import { Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { activeKinds } from "../../../modules/incidents/kinds.ts";
import { kindName, severityName } from "../../../modules/incidents/labels.ts";
import { listIncidents } from "../../../modules/incidents/list-incidents.ts";
import { SEVERITIES } from "../../../modules/incidents/schema.ts";
import { centreUnits } from "../../../modules/org/units.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/index";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.report");
  const register = can(actor, "incidents.view");
  const query = pageParams(new URL(request.url));
  const list = await listIncidents(actor, register ? query : { ...query, mine: "1" });
  return {
    list,
    register,
    kinds: register ? await activeKinds(actor.centreId) : [],
    units: register ? await centreUnits(actor.centreId) : [],
    manage: can(actor, "incidents.manage"),
  };
}

export default function Incidents() {
  const t = useT();
  const { list, register, kinds, units, manage } = useLoaderData<typeof loader>();
  const filtered = Boolean(
    list.q || list.unit || list.kind || list.severity || list.status !== "all" || list.mine,
  );
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t(register ? "incidents.title" : "incidents.mine")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        <>
          {manage && (
            <Link className="button" to="/incidents/settings">
              {t("incidents.settings.title")}
            </Link>
          )}
          {register && (
            <Link className="button" to="/incidents/stats">
              {t("incidents.stats.title")}
            </Link>
          )}
          <Link className="button primary" to="/incidents/new">
            {t("incidents.report.title")}
          </Link>
        </>
      }
    >
      {register && (
        <SearchForm
          q={list.q}
          label={t("incidents.list.search")}
          clearTo={filtered && "/incidents"}
        >
          <SelectField
            name="status"
            label={t("incidents.field.status")}
            defaultValue={list.status}
            options={[
              { value: "all", label: t("incidents.list.all") },
              { value: "open", label: t("incidents.status.open") },
              { value: "closed", label: t("incidents.status.closed") },
            ]}
          />
          <SelectField
            name="kind"
            label={t("incidents.field.kind")}
            defaultValue={list.kind ?? ""}
            placeholder={t("incidents.list.all")}
            options={kinds.map((k) => ({ value: k.id, label: kindName(t, k) }))}
          />
          <SelectField
            name="severity"
            label={t("incidents.field.severity")}
            defaultValue={list.severity ?? ""}
            placeholder={t("incidents.list.all")}
            options={SEVERITIES.map((s) => ({ value: s, label: severityName(t, s) }))}
          />
          <SelectField
            name="unit"
            label={t("incidents.field.unit")}
            defaultValue={list.unit ?? ""}
            placeholder={t("incidents.list.all")}
            options={units.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          />
        </SearchForm>
      )}
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState action={<Link to="/incidents/new">{t("incidents.report.title")}</Link>}>
          {t(filtered ? "incidents.list.noResults" : "incidents.list.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {t(register ? "incidents.title" : "incidents.mine")}
            </caption>
            <thead>
              <tr>
                <SortHeader column="number" label={t("incidents.field.number")} {...sortProps} />
                <SortHeader column="occurred" label={t("incidents.field.when")} {...sortProps} />
                <th scope="col">{t("incidents.field.kind")}</th>
                <SortHeader
                  column="severity"
                  label={t("incidents.field.severity")}
                  {...sortProps}
                />
                <SortHeader column="unit" label={t("incidents.field.unit")} {...sortProps} />
                {register && <th scope="col">{t("incidents.field.reporter")}</th>}
                <SortHeader column="open" label={t("incidents.list.steps")} {...sortProps} />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/incidents/${r.id}`}>{r.number}</Link>
                  </th>
                  <td>{formatDateTime(r.occurredAt)}</td>
                  <td>{kindName(t, { key: r.kindKey, label: r.kindLabel })}</td>
                  <td>{severityName(t, r.severity)}</td>
                  <td>{r.unitName ?? t("common.none")}</td>
                  {register && (
                    <td>
                      {r.reporterLastName} {r.reporterFirstName}
                    </td>
                  )}
                  <td>
                    {r.status === "closed" ? (
                      <span className="badge badge-closed">{t("incidents.status.closed")}</span>
                    ) : r.overdue > 0 ? (
                      <span className="badge badge-overdue">
                        {t("incidents.list.overdue", { count: r.overdue })}
                      </span>
                    ) : (
                      t("incidents.list.open", { count: r.openSteps })
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
      <ul className="actions">
        <li>
          <Link to="/incidents/procedure">{t("incidents.procedure.title")}</Link>
        </li>
        <li>
          <Link to="/incidents/precautions">{t("incidents.precaution.title")}</Link>
        </li>
      </ul>
    </Page>
  );
}
