import { Link, useLoaderData } from "react-router";
import { listCentres } from "../../../modules/access/installation-list-centres.ts";
import { CENTRE_TYPES } from "../../../modules/org/schema.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { SelectField } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, pageParams, requireActor } from "../../lib/server.ts";
import type { Route } from "./+types/centres";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  return load(() => listCentres(actor, pageParams(new URL(request.url))));
}

export default function Centres() {
  const t = useT();
  const list = useLoaderData<typeof loader>();
  const filtered = Boolean(list.q || list.type);
  const sortProps = { sort: list.sort, dir: list.dir };
  return (
    <Page
      title={t("installation.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        <Link className="button primary" to="/installation/centres/new">
          {t("installation.new")}
        </Link>
      }
    >
      <p>{t("installation.intro")}</p>
      <SearchForm
        q={list.q}
        label={t("installation.searchLabel")}
        clearTo={filtered && "/installation/centres"}
      >
        <SelectField
          name="type"
          label={t("installation.type")}
          defaultValue={list.type ?? ""}
          placeholder={t("installation.allTypes")}
          options={CENTRE_TYPES.map((x) => ({
            value: x,
            label: t(`centre.type.${x}` as MessageKey),
          }))}
        />
      </SearchForm>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t(filtered ? "installation.noResults" : "installation.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("installation.title")}</caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("installation.name")} {...sortProps} />
                <SortHeader column="type" label={t("installation.type")} {...sortProps} />
                <SortHeader column="city" label={t("installation.city")} {...sortProps} />
                <SortHeader column="employees" label={t("installation.employees")} {...sortProps} />
                <th scope="col">{t("installation.administrators")}</th>
                <SortHeader column="created" label={t("installation.created")} {...sortProps} />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/installation/centres/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>{c.type === "other" ? t("centre.type.other") : c.type}</td>
                  <td>{c.city || t("common.none")}</td>
                  <td>{c.employees}</td>
                  <td>{c.administrators}</td>
                  <td>{formatDate(c.createdAt)}</td>
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
