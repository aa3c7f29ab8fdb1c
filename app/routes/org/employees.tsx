import { Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { listEmployees } from "../../../modules/org/employees.ts";
import { listUnits } from "../../../modules/org/units.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/employees";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.view");
  const [list, units] = await Promise.all([
    listEmployees(actor, pageParams(new URL(request.url))),
    listUnits(actor),
  ]);
  return { list, units, canManage: can(actor, "employees.manage") };
}

export default function Employees() {
  const t = useT();
  const { list, units, canManage } = useLoaderData<typeof loader>();
  const filtered = Boolean(list.q || list.unit || list.status !== "active");
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("employee.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        canManage && (
          <Link className="button primary" to="/org/employees/new">
            {t("employee.new")}
          </Link>
        )
      }
    >
      <SearchForm
        q={list.q}
        label={t("employee.searchLabel")}
        clearTo={filtered && "/org/employees"}
      >
        <SelectField
          name="unit"
          label={t("employee.unit")}
          defaultValue={list.unit ?? ""}
          placeholder={t("employee.filterAll")}
          options={units.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
        />
        <SelectField
          name="status"
          label={t("employee.filterStatus")}
          defaultValue={list.status}
          options={[
            { value: "active", label: t("employee.filterActive") },
            { value: "inactive", label: t("employee.filterInactive") },
            { value: "all", label: t("employee.filterAll") },
          ]}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 ? (
        <EmptyState
          action={
            canManage && !filtered && <Link to="/org/employees/new">{t("employee.new")}</Link>
          }
        >
          {t(filtered ? "employee.noResults" : "employee.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("employee.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("employee.name")} {...sortProps} />
                <SortHeader column="number" label={t("employee.number")} {...sortProps} />
                <SortHeader column="unit" label={t("employee.unit")} {...sortProps} />
                <SortHeader column="position" label={t("employee.position")} {...sortProps} />
                <SortHeader column="start" label={t("employee.start")} {...sortProps} />
                <th scope="col">{t("employee.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/org/employees/${e.id}`}>
                      {e.lastName} {e.firstName}
                    </Link>
                  </th>
                  <td>{e.employeeNumber}</td>
                  <td>{e.unitName ?? t("common.none")}</td>
                  <td>{e.positionName ?? t("common.none")}</td>
                  <td>{formatDate(e.employmentStart) || t("common.none")}</td>
                  <td>{t(e.active ? "employee.statusActive" : "employee.statusInactive")}</td>
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
