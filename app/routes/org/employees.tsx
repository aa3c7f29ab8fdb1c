import { Form, Link, useActionData, useLoaderData, useLocation } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { accountStatuses, inviteEmployees } from "../../../modules/access/invitations.ts";
import { listEmployees } from "../../../modules/org/employees.ts";
import { listUnits } from "../../../modules/org/units.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/employees";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "employees.view");
  const [list, units] = await Promise.all([
    listEmployees(actor, pageParams(new URL(request.url))),
    listUnits(actor),
  ]);
  const statuses = await accountStatuses(actor, list.rows);
  return {
    list: { ...list, rows: list.rows.map((r) => ({ ...r, account: statuses.get(r.id)! })) },
    units,
    canManage: can(actor, "employees.manage"),
    canInvite: can(actor, "accounts.invite"),
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "accounts.invite");
  const form = await request.formData();
  return act(form, async () => {
    const target =
      form.get("intent") === "invite-all"
        ? ({ allNotInvited: true } as const)
        : { ids: form.getAll("ids").map(String) };
    return { ok: true, invited: await inviteEmployees(actor, target) };
  });
}

export default function Employees() {
  const t = useT();
  const { list, units, canManage, canInvite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    | { invited?: { invited: number; skipped: number }; fieldErrors?: Record<string, string> }
    | undefined;
  const filtered = Boolean(list.q || list.unit || list.status !== "active");
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("employee.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        canManage && (
          <>
            <Link className="button" to="/org/employees/import">
              {t("import.link")}
            </Link>
            <Link className="button primary" to="/org/employees/new">
              {t("employee.new")}
            </Link>
          </>
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
      {result?.invited && (
        <Notice kind="success">
          {t("employee.invitedCount", { count: result.invited.invited })}
          {result.invited.skipped > 0 &&
            ` ${t("employee.skippedCount", { count: result.invited.skipped })}`}
        </Notice>
      )}
      {result?.fieldErrors?.ids && (
        <div className="error-summary" role="alert">
          <p>{t("errors.noneSelected")}</p>
        </div>
      )}
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          action={
            canManage && !filtered && <Link to="/org/employees/new">{t("employee.new")}</Link>
          }
        >
          {t(filtered ? "employee.noResults" : "employee.empty")}
        </EmptyState>
      ) : (
        <Form method="post">
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("employee.title")}</caption>
              <thead>
                <tr>
                  {canInvite && (
                    <th scope="col">
                      <span className="visually-hidden">{t("employee.select")}</span>
                    </th>
                  )}
                  <SortHeader column="name" label={t("employee.name")} {...sortProps} />
                  <SortHeader column="number" label={t("employee.number")} {...sortProps} />
                  <SortHeader column="unit" label={t("employee.unit")} {...sortProps} />
                  <SortHeader column="position" label={t("employee.position")} {...sortProps} />
                  <SortHeader column="start" label={t("employee.start")} {...sortProps} />
                  <th scope="col">{t("employee.status")}</th>
                  <th scope="col">{t("employee.account")}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((e) => (
                  <tr key={e.id}>
                    {canInvite && (
                      <td>
                        {e.account !== "active" && e.account !== "disabled" && e.active && (
                          <input
                            type="checkbox"
                            name="ids"
                            value={e.id}
                            aria-label={t("employee.selectRow", {
                              name: `${e.lastName} ${e.firstName}`,
                            })}
                          />
                        )}
                      </td>
                    )}
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
                    <td>{t(`employee.account.${e.account}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {canInvite && (
            <div className="bulk-actions">
              <button type="submit" name="intent" value="invite-selected">
                {t("employee.inviteSelected")}
              </button>
              <button type="submit" name="intent" value="invite-all">
                {t("employee.inviteAll")}
              </button>
            </div>
          )}
        </Form>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
      {list.total > 0 && <ExportLinks />}
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
    return `/org/employees/export?${p.toString()}`;
  };
  return (
    <p>
      {t("export.title")}: <a href={href("csv")}>{t("export.csv")}</a> ·{" "}
      <a href={href("xlsx")}>{t("export.xlsx")}</a>
    </p>
  );
}
