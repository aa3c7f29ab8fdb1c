// /incidents/stats — the analysis of incidents in whole months (by default the last twelve):
// counts by month, unit, kind, severity and place, the unit × month heat map, the median time
// to close each step, the share of reporters who booked support; all of it as XLSX.
import { Form, useLoaderData, useLocation } from "react-router";
import { incidentStats } from "../../../modules/incidents/incident-stats.ts";
import { kindName, placeName, severityName } from "../../../modules/incidents/labels.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { ScrollRegion } from "../../components/charts.tsx";
import { Field, type FormState } from "../../components/form.tsx";
import { Page } from "../../components/page.tsx";
import { useI18n, useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/stats";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "incidents.view");
  const query = pageParams(new URL(request.url));
  try {
    return { stats: await incidentStats(actor, query), errors: null, query };
  } catch (e) {
    // A period that is no period: said next to its field, the default period shown meanwhile.
    if (!(e instanceof AppError) || e.code !== "validation") throw e;
    return { stats: await incidentStats(actor, {}), errors: e.fieldErrors, query };
  }
}

function CountTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: string;
  rows: { label: string; n: number }[];
}) {
  const t = useT();
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <ScrollRegion label={caption}>
      <table className="count-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            <th scope="col" className="num">
              {t("incidents.stats.count")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="num">
                {/* Tenths of the longest bar, as classes: the page's CSP allows no inline style. */}
                <span className={`count-bar w${Math.round((r.n / max) * 10)}`} aria-hidden="true" />
                {r.n}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function IncidentStatsPage() {
  const t = useT();
  const { locale } = useI18n();
  const { stats: s, errors, query } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const state: FormState = errors ? { fieldErrors: errors, values: query } : undefined;
  const exportParams = new URLSearchParams(search);
  exportParams.delete("page");
  const monthLabel = (m: string) => `${m.slice(5, 7)}.${m.slice(0, 4)}`;
  return (
    <Page
      title={t("incidents.stats.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/incidents", label: t("incidents.title") },
      ]}
    >
      <Form method="get" className="filters">
        <Field
          name="from"
          type="month"
          label={t("incidents.stats.from")}
          state={state}
          defaultValue={s.from.slice(0, 7)}
          required
        />
        <Field
          name="to"
          type="month"
          label={t("incidents.stats.to")}
          state={state}
          defaultValue={s.to.slice(0, 7)}
          required
        />
        <button type="submit">{t("incidents.stats.show")}</button>
      </Form>
      <p role="status">
        {t("incidents.stats.period", {
          from: formatDate(s.from),
          to: formatDate(s.to),
          count: s.total,
        })}
      </p>
      <p>
        <a href={`/incidents/stats/export?${exportParams.toString()}`}>
          {t("incidents.stats.export")}
        </a>
      </p>

      <section aria-labelledby="h-support" className="card">
        <h2 id="h-support">{t("incidents.stats.support")}</h2>
        <p>
          {s.support
            ? t("incidents.stats.supportShare", {
                supported: s.support.supported,
                total: s.support.total,
                percent: Math.round((s.support.supported / s.support.total) * 100),
              })
            : t("incidents.stats.supportHidden")}
        </p>
      </section>

      <div className="grid-2">
        <CountTable
          caption={t("incidents.stats.byMonth")}
          header={t("incidents.stats.month")}
          rows={s.byMonth.map((r) => ({ label: monthLabel(r.month), n: r.n }))}
        />
        <CountTable
          caption={t("incidents.stats.byKind")}
          header={t("incidents.field.kind")}
          rows={s.byKind.map((r) => ({ label: kindName(t, r), n: r.n }))}
        />
        <CountTable
          caption={t("incidents.stats.bySeverity")}
          header={t("incidents.field.severity")}
          rows={s.bySeverity.map((r) => ({ label: severityName(t, r.severity), n: r.n }))}
        />
        <CountTable
          caption={t("incidents.stats.byPlace")}
          header={t("incidents.field.place")}
          rows={s.byPlace.map((r) => ({ label: placeName(t, r.place), n: r.n }))}
        />
        <CountTable
          caption={t("incidents.stats.byUnit")}
          header={t("incidents.field.unit")}
          rows={s.byUnit.map((r) => ({ label: r.unitName ?? t("incidents.stats.noUnit"), n: r.n }))}
        />
      </div>

      <h2>{t("incidents.stats.heat")}</h2>
      {s.heat.length === 0 ? (
        <p>{t("incidents.stats.none")}</p>
      ) : (
        <ScrollRegion label={t("incidents.stats.heat")}>
          <table className="heat-map">
            <caption className="visually-hidden">{t("incidents.stats.heat")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incidents.field.unit")}</th>
                {s.months.map((m) => (
                  <th scope="col" key={m} className="num">
                    {monthLabel(m)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("incidents.stats.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.heat.map((h) => (
                <tr key={h.unitId ?? "none"}>
                  <th scope="row">{h.unitName ?? t("incidents.stats.noUnit")}</th>
                  {h.cells.map((n, i) => (
                    <td
                      key={s.months[i]}
                      // The survey heat map's tints (charts.css), none to most: more is worse.
                      className={`num heat-${n === 0 ? 0 : Math.min(3, Math.ceil((n / Math.max(1, s.heatMax)) * 3))}`}
                    >
                      {n}
                    </td>
                  ))}
                  <td className="num">{h.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>{t("incidents.stats.stepTimes")}</h2>
      {s.stepTimes.length === 0 ? (
        <p>{t("incidents.stats.none")}</p>
      ) : (
        <ScrollRegion label={t("incidents.stats.stepTimes")}>
          <table>
            <caption className="visually-hidden">{t("incidents.stats.stepTimes")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("incidents.pdf.step")}</th>
                <th scope="col" className="num">
                  {t("incidents.stats.stepsDone")}
                </th>
                <th scope="col" className="num">
                  {t("incidents.stats.medianHours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {s.stepTimes.map((r) => (
                <tr key={r.key ?? r.title}>
                  <th scope="row">{r.title}</th>
                  <td className="num">{r.done}</td>
                  <td className="num">
                    {r.medianHours.toLocaleString(locale === "pl" ? "pl-PL" : "en-GB")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Page>
  );
}
