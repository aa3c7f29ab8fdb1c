import { Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { listUnits } from "../../../modules/org/units.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { EmptyState, Page } from "../../components/page.tsx";
import { SearchForm } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/units";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "org.unit.view");
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return {
    units: await load(() => listUnits(actor, q)),
    q,
    canManage: can(actor, "org.structure.manage"),
  };
}

export default function Units() {
  const t = useT();
  const { units, q, canManage } = useLoaderData<typeof loader>();
  return (
    <Page
      title={t("unit.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        canManage && (
          <Link className="button primary" to="/org/units/new">
            {t("unit.new")}
          </Link>
        )
      }
    >
      <SearchForm q={q} clearTo={Boolean(q) && "/org/units"} />
      {units.length === 0 ? (
        q ? (
          <EmptyState>{t("employee.noResults")}</EmptyState>
        ) : (
          <EmptyState action={canManage && <Link to="/org/units/new">{t("unit.new")}</Link>}>
            {t(canManage ? "unit.empty" : "unit.emptyScoped")}
          </EmptyState>
        )
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("unit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("unit.name")}</th>
                <th scope="col">{t("unit.kind")}</th>
                <th scope="col" className="num">
                  {t("unit.employees")}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <th scope="row" className={`depth-${Math.min(u.depth, 4)}`}>
                    <Link to={`/org/units/${u.id}`}>{u.name}</Link>
                  </th>
                  <td>{t(`unit.kind.${u.kind}` as MessageKey)}</td>
                  <td className="num">{u.employeeCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
