import { Link, useLoaderData, useSearchParams } from "react-router";
import { instrumentDetail } from "../../../modules/survey/instrument-list.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { Notice, Page } from "../../components/page.tsx";
import { InstrumentView } from "../../components/survey-instrument.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/instrument";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  return load(() => instrumentDetail(actor, params.id));
}

export default function InstrumentPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const title = `${d.definition.title[locale]} (${t("surveys.version", { version: d.version })})`;
  return (
    <Page
      title={title}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/surveys", label: t("surveys.title") },
        { to: "/surveys/instruments", label: t("surveyInstruments.title") },
      ]}
      actions={
        <a className="button" href={`/surveys/instruments/${d.id}/export`} download>
          {t("surveyInstruments.export")}
        </a>
      }
    >
      {saved === "new" && <Notice kind="success">{t("surveyInstruments.savedNew")}</Notice>}
      {saved === "same" && <Notice>{t("surveyInstruments.savedSame")}</Notice>}
      <dl className="facts">
        <dt>{t("surveyInstruments.slug")}</dt>
        <dd>
          <code>{d.slug}</code>
        </dd>
        <dt>{t("surveyInstruments.saved")}</dt>
        <dd>{formatDateTime(d.createdAt)}</dd>
        <dt>{t("surveyInstruments.size")}</dt>
        <dd>{t("surveyInstruments.sizeValue", { items: d.items, minutes: d.minutes })}</dd>
        <dt>{t("surveyInstruments.usedIn")}</dt>
        <dd>
          {d.cycles.length === 0 ? (
            t("surveyInstruments.notUsed")
          ) : (
            <ul className="plain">
              {d.cycles.map((c) => (
                <li key={c.id}>
                  <Link to={`/surveys/${c.id}`}>{c.name}</Link>{" "}
                  <span className="muted">({t(`surveys.status.${c.status}` as MessageKey)})</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      <Notice>{t("surveyInstruments.immutable")}</Notice>
      {d.versions.length > 1 && (
        <section aria-labelledby="h-versions">
          <h2 id="h-versions">{t("surveyInstruments.allVersions")}</h2>
          <ul>
            {d.versions.map((v) => (
              <li key={v.id}>
                {v.id === d.id ? (
                  <strong aria-current="page">
                    {t("surveys.version", { version: v.version })}
                  </strong>
                ) : (
                  <Link to={`/surveys/instruments/${v.id}`}>
                    {t("surveys.version", { version: v.version })}
                  </Link>
                )}{" "}
                <span className="muted">{formatDateTime(v.createdAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <InstrumentView definition={d.definition} />
    </Page>
  );
}
