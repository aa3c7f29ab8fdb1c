import { Link, useLoaderData } from "react-router";
import { kindKey, modeKey } from "../../../modules/support/booking-labels.ts";
import { listSpecialists } from "../../../modules/support/list-specialists.ts";
import { SUPPORT_KINDS } from "../../../modules/support/schema.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/specialists";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.manage");
  return { list: await listSpecialists(actor, pageParams(new URL(request.url))) };
}

export default function Specialists() {
  const t = useT();
  const { list } = useLoaderData<typeof loader>();
  const filtered = Boolean(list.q || list.kind || list.status !== "all");
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("supportSpec.listTitle")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        <>
          <Link className="button" to="/support/settings">
            {t("supportSpec.settingsLink")}
          </Link>
          <Link className="button primary" to="/support/specialists/new">
            {t("supportSpec.new")}
          </Link>
        </>
      }
    >
      <p>
        {t("supportSpec.confidentialNote")}{" "}
        <Link to="/support/stats">{t("supportSpec.statsLink")}</Link>
      </p>
      <SearchForm
        q={list.q}
        label={t("supportSpec.searchLabel")}
        clearTo={filtered && "/support/specialists"}
      >
        <SelectField
          name="kind"
          label={t("supportSpec.filterKind")}
          defaultValue={list.kind ?? ""}
          placeholder={t("supportSpec.filterAll")}
          options={SUPPORT_KINDS.map((k) => ({
            value: k,
            label: t(kindKey(k)),
          }))}
        />
        <SelectField
          name="status"
          label={t("supportSpec.filterStatus")}
          defaultValue={list.status}
          options={[
            { value: "all", label: t("supportSpec.filterAll") },
            { value: "active", label: t("supportSpec.filterActive") },
            { value: "inactive", label: t("supportSpec.filterInactive") },
          ]}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          action={!filtered && <Link to="/support/specialists/new">{t("supportSpec.new")}</Link>}
        >
          {t(filtered ? "supportSpec.noResults" : "supportSpec.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("supportSpec.listTitle")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("supportSpec.col.name")} {...sortProps} />
                <th scope="col">{t("supportSpec.col.kinds")}</th>
                <th scope="col">{t("supportSpec.col.modes")}</th>
                <SortHeader
                  column="provider"
                  label={t("supportSpec.col.provider")}
                  {...sortProps}
                />
                <SortHeader column="slot" label={t("supportSpec.col.slot")} {...sortProps} />
                <th scope="col" className="num">
                  {t("supportSpec.col.windows")}
                </th>
                <th scope="col">{t("supportSpec.col.account")}</th>
                <th scope="col">{t("supportSpec.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/support/specialists/${s.id}`}>{s.name}</Link>
                    {s.title && (
                      <>
                        <br />
                        <span className="muted">{s.title}</span>
                      </>
                    )}
                  </th>
                  <td>{s.kinds.map((k) => t(kindKey(k))).join(", ")}</td>
                  <td>
                    {[
                      s.online ? t(modeKey("online")) : null,
                      s.inPerson ? t(modeKey("in_person")) : null,
                    ]
                      .filter(Boolean)
                      .join(", ")}
                  </td>
                  <td>{s.provider || t("supportSpec.ownStaff")}</td>
                  <td className="num">{s.slotMinutes}</td>
                  <td className="num">{s.windowCount}</td>
                  <td>{s.accountName ?? t("supportSpec.noAccount")}</td>
                  <td>{t(s.active ? "supportSpec.statusActive" : "supportSpec.statusInactive")}</td>
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
