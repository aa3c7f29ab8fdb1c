import { useLoaderData } from "react-router";
import { viewMailLog } from "../../../modules/access/admin-logs.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { EmptyState, Page } from "../../components/page.tsx";
import { PrevNext, SearchForm } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/mail";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "mail.log.view");
  return viewMailLog(actor, pageParams(new URL(request.url)));
}

export default function MailLog() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <Page title={t("mail.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p>{t("mail.intro")}</p>
      <SearchForm q={d.q} />
      {d.rows.length === 0 ? (
        <EmptyState>{t("mail.empty")}</EmptyState>
      ) : (
        <ul className="mail-list">
          {d.rows.map((m) => (
            <li key={m.id} className="card">
              <h2 className="h3">{m.confidential ? t("mail.confidential") : m.subject}</h2>
              <dl className="facts">
                <dt>{t("mail.to")}</dt>
                <dd>{m.confidential ? t("mail.confidentialTo") : m.to}</dd>
                <dt>{t("mail.created")}</dt>
                <dd>{formatDateTime(m.createdAt)}</dd>
                <dt>{t("mail.status")}</dt>
                <dd>
                  {t(`mail.status.${m.status}` as MessageKey)}
                  {m.lastError ? ` (${m.lastError})` : ""}
                </dd>
              </dl>
              {m.attachments.length > 0 && (
                <>
                  <h3>{t("mail.attachments")}</h3>
                  <ul>
                    {m.attachments.map((a) => (
                      <li key={a.id}>
                        <a href={`/admin/mail/${m.id}/attachments/${a.id}`} download={a.fileName}>
                          {a.fileName}
                        </a>{" "}
                        <span className="muted">({a.contentType.split(";")[0]})</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <details>
                <summary>{t("mail.body")}</summary>
                {m.body === null ? (
                  <p>{t(m.confidential ? "mail.confidentialBody" : "mail.bodyHidden")}</p>
                ) : (
                  <pre className="mail-body">{m.body}</pre>
                )}
              </details>
            </li>
          ))}
        </ul>
      )}
      <PrevNext page={d.page} hasNext={d.hasNext} />
    </Page>
  );
}
