// /surveys/:id/links — the public links of a client-service cycle, one per location, with their
// QR codes and posters to print (coordinators).
import { Link, useLoaderData } from "react-router";
import { listPublicLinks, qrSvg } from "../../../modules/survey/public-links.ts";
import { formatDateTime } from "../../../platform/i18n.ts";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SearchForm, SortHeader } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/links";
import "./links.css";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const list = await load(() =>
    listPublicLinks(actor, params.id, pageParams(new URL(request.url))),
  );
  // QR codes of this page's rows only: a poster has its own, larger one.
  const rows = await Promise.all(list.rows.map(async (r) => ({ ...r, qr: await qrSvg(r.url) })));
  return { ...list, rows };
}

export default function PublicLinks() {
  const t = useT();
  const list = useLoaderData<typeof loader>();
  const { cycle } = list;
  const base = `/surveys/${cycle.id}`;
  const sortProps = { sort: list.sort, dir: list.dir };
  const crumbs = [
    { to: "/", label: t("nav.dashboard") },
    { to: "/surveys", label: t("surveyLinks.surveys") },
    { to: base, label: cycle.name },
  ];
  const title = t("surveyLinks.title");
  if (cycle.kind !== "client") {
    return (
      <Page title={title} crumbs={crumbs}>
        <EmptyState action={<Link to={base}>{t("surveyLinks.backToCycle")}</Link>}>
          {t("surveyLinks.staffCycle")}
        </EmptyState>
      </Page>
    );
  }
  if (cycle.status === "draft") {
    return (
      <Page title={title} crumbs={crumbs}>
        <EmptyState action={<Link to={base}>{t("surveyLinks.backToCycle")}</Link>}>
          {t("surveyLinks.draft")}
        </EmptyState>
      </Page>
    );
  }
  return (
    <Page
      title={title}
      crumbs={crumbs}
      actions={
        cycle.status === "open" &&
        list.total > 0 && (
          <Link className="button primary" to={`${base}/links/print`}>
            {t("surveyLinks.printAll")}
          </Link>
        )
      }
    >
      <p className="prose">{t("surveyLinks.intro")}</p>
      {cycle.status === "closed" ? (
        <Notice>{t("surveyLinks.closed", { date: formatDateTime(cycle.closesAt) })}</Notice>
      ) : (
        <p>{t("surveyLinks.openUntil", { date: formatDateTime(cycle.closesAt) })}</p>
      )}
      <SearchForm
        q={list.q}
        label={t("surveyLinks.search")}
        clearTo={list.q ? `${base}/links` : false}
      />
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t(list.q ? "surveyLinks.noResults" : "surveyLinks.empty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <SortHeader column="unit" label={t("surveyLinks.unit")} {...sortProps} />
                <th scope="col">{t("surveyLinks.link")}</th>
                <SortHeader column="responses" label={t("surveyLinks.responses")} {...sortProps} />
                <th scope="col">{t("surveyLinks.qr")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{r.unitName}</th>
                  <td className="survey-link-url">
                    <a href={r.url}>{r.url}</a>
                  </td>
                  <td className="num">{r.responses}</td>
                  <td>
                    <div
                      className="qr survey-link-qr"
                      role="img"
                      aria-label={t("surveyLinks.qrAlt", { unit: r.unitName })}
                      // SVG made on the server by the qrcode library from our own URL.
                      // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG markup
                      dangerouslySetInnerHTML={{ __html: r.qr }}
                    />
                    {cycle.status === "open" && (
                      <Link to={`${base}/links/print?link=${r.id}`}>
                        {t("surveyLinks.printOne")}
                        <span className="visually-hidden">: {r.unitName}</span>
                      </Link>
                    )}
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
