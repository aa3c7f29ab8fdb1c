// /surveys/:id/links/print — the posters of a client-service cycle, one A4 page per location
// (or one location's with ?link=): "rate our service — anonymously", the QR code, the short
// address and a sentence on anonymity. Printed from the browser; the print styles drop the
// page's header, footer and instructions.
import { useEffect, useState } from "react";
import { Link, useLoaderData } from "react-router";
import { publicLinkPosters } from "../../../modules/survey/public-links.ts";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/links-print";
import "./links.css";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const link = new URL(request.url).searchParams.get("link") ?? undefined;
  const { cycle, posters } = await load(() => publicLinkPosters(actor, params.id, link));
  return {
    cycle: { id: cycle.id, name: cycle.name },
    centreName: actor.centreName,
    posters: posters.map((p) => ({ ...p, shortUrl: p.url.replace(/^https?:\/\//, "") })),
  };
}

export default function Posters() {
  const t = useT();
  const { cycle, centreName, posters } = useLoaderData<typeof loader>();
  const base = `/surveys/${cycle.id}`;
  // The button needs scripts; without them the instructions say to use the browser's Print.
  const [canPrint, setCanPrint] = useState(false);
  useEffect(() => setCanPrint(true), []);
  return (
    <Page
      title={t("surveyLinks.postersTitle")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/surveys", label: t("surveyLinks.surveys") },
        { to: base, label: cycle.name },
        { to: `${base}/links`, label: t("surveyLinks.title") },
      ]}
    >
      <div className="no-print">
        <p className="prose">{t("surveyLinks.postersIntro", { count: posters.length })}</p>
        <p>
          {canPrint && (
            <button type="button" className="primary" onClick={() => window.print()}>
              {t("surveyLinks.print")}
            </button>
          )}{" "}
          <Link to={`${base}/links`}>{t("surveyLinks.backToLinks")}</Link>
        </p>
      </div>
      {posters.map((p) => (
        <section key={p.id} className="poster" aria-labelledby={`poster-${p.id}`}>
          <p className="poster-centre">
            {centreName} — {p.unitName}
          </p>
          <h2 id={`poster-${p.id}`} className="poster-title">
            {t("surveyLinks.posterTitle")}
          </h2>
          <p className="poster-lead">{t("surveyLinks.posterLead")}</p>
          <div
            className="poster-qr"
            role="img"
            aria-label={t("surveyLinks.qrAlt", { unit: p.unitName })}
            // SVG made on the server by the qrcode library from our own URL.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: trusted SVG markup
            dangerouslySetInnerHTML={{ __html: p.qr }}
          />
          <p className="poster-url">{p.shortUrl}</p>
          <p className="poster-anonymity">{t("surveyLinks.posterAnonymity")}</p>
        </section>
      ))}
    </Page>
  );
}
