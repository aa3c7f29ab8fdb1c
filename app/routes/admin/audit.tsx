import { Form, Link, useLoaderData } from "react-router";
import { viewAuditLog } from "../../../modules/access/admin-logs.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { EmptyState, Page } from "../../components/page.tsx";
import { PrevNext } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/audit";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "audit.view");
  return viewAuditLog(actor, pageParams(new URL(request.url)));
}

export default function AuditLog() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <Page title={t("audit.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="f-action">{t("audit.action")}</label>
          <input id="f-action" name="action" defaultValue={d.action ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-entity">{t("audit.entity")}</label>
          <input id="f-entity" name="entity" defaultValue={d.entity ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-from">{t("audit.from")}</label>
          <input id="f-from" name="from" type="date" defaultValue={d.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="f-to">{t("audit.to")}</label>
          <input id="f-to" name="to" type="date" defaultValue={d.to ?? ""} />
        </div>
        <button type="submit">{t("common.filter")}</button>
        <Link to="/admin/audit">{t("common.clear")}</Link>
      </Form>
      {d.rows.length === 0 ? (
        <EmptyState>{t("audit.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.at")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.at)}</td>
                  <td>
                    {r.actor === null
                      ? t("audit.system")
                      : r.actorIsApiKey
                        ? t("audit.apiKey", { name: r.actor })
                        : r.actor}
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>
                    {r.entityType}
                    {r.entityId ? <span className="muted"> {r.entityId.slice(0, 8)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PrevNext page={d.page} hasNext={d.hasNext} />
    </Page>
  );
}
