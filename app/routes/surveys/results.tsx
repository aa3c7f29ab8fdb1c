import { Form, Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import {
  aggressionItemIds,
  type IncidentComparison,
  incidentSurveyComparison,
} from "../../../modules/incidents/survey-comparison.ts";
import { activitiesForSupportKinds } from "../../../modules/programme/matching-activities.ts";
import { comparableCycles } from "../../../modules/survey/comparable-cycles.ts";
import { resultBundle } from "../../../modules/survey/result-bundle.ts";
import { parseResultView, type ResultView } from "../../../modules/survey/result-cells.ts";
import { resultComments } from "../../../modules/survey/result-comments.ts";
import { resultItems } from "../../../modules/survey/result-items.ts";
import {
  alphaReading,
  bandLabel,
  bandOfMean,
  bandTone,
  differenceKey,
  formatNumber,
  formatP,
  formatShare,
  formatSigned,
  hiddenText,
  localized,
  responsesText,
  TREND_MAX_P,
  TREND_MIN_ABS_G,
  trendFlagKey,
} from "../../../modules/survey/result-text.ts";
import type { CycleResults, ResultGroup } from "../../../modules/survey/results.ts";
import { topRisks } from "../../../modules/survey/top-risks.ts";
import type { CycleTrend } from "../../../modules/survey/trend.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, isMessageKey, type T } from "../../../platform/i18n.ts";
import { Chart, MeanBars, ScrollRegion, StackedBars, type Tone } from "../../components/charts.tsx";
import { SelectField } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { MatchingActivities } from "../../components/programme/matching-activities.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { ctx, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/results";

const notClosed = (e: unknown) =>
  e instanceof AppError && e.fieldErrors._form === "errors.surveyResultsNotClosed";

/** A group's item distributions are sent only for the groups the page shows them for. */
function withoutItems(g: ResultGroup, keep: boolean): ResultGroup {
  return keep ? g : { ...g, items: null };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.results.view");
  const { locale } = ctx(context);
  const url = new URL(request.url);
  const by = parseResultView(url.searchParams.get("by"));
  const canManage = can(actor, "survey.manage");
  const previousParam = url.searchParams.get("previous") ?? "";
  const bundle = await load(async () => {
    try {
      return await resultBundle(actor, params.id, {
        previous: previousParam || undefined,
        lenient: true,
      });
    } catch (e) {
      if (notClosed(e)) return null;
      throw e;
    }
  });
  if (!bundle) return { state: "notClosed" as const, cycleId: params.id, canManage };

  const all = bundle.views;
  const results = all[by];
  const groupKey = url.searchParams.get("group") ?? "";
  const selected = results.groups.find((g) => g.key === groupKey && !g.suppressed) ?? null;
  const comparable = await load(() => comparableCycles(actor, params.id));
  const trend = bundle.trend(by);
  const trendError = bundle.trendError;
  const previous = bundle.previousId ?? previousParam;

  const [comments, sections] = await Promise.all([
    load(() => resultComments(actor, params.id, { by })),
    load(() => resultItems(actor, params.id, locale)),
  ]);
  // One section's distributions at a time: the whole questionnaire is a page of its own.
  const section = sections.find((x) => x.id === url.searchParams.get("section")) ?? sections[0];
  // Reported incidents beside the survey's aggression items, for the units shown by unit.
  const incidents =
    by === "unit"
      ? await load(() =>
          incidentSurveyComparison(
            actor,
            all.unit,
            aggressionItemIds(sections.flatMap((x) => x.items)),
          ),
        )
      : null;
  const unitsForPdf = all.unit.groups
    .filter((g) => !g.suppressed && g.unitId)
    .map((g) => ({ id: g.unitId!, name: g.name, depth: g.depth ?? 0 }));
  // Upcoming activities of the catalogue that deliver the support each risk calls for.
  const risks = topRisks(all.unit);
  const kinds = risks.flatMap((u) => u.risks.flatMap((r) => r.support.map((s) => s.key)));
  const matching = await activitiesForSupportKinds(actor, kinds);

  return {
    state: "closed" as const,
    by,
    canManage,
    results: {
      ...results,
      centre: results.centre ? withoutItems(results.centre, true) : null,
      groups: results.groups.map((g) => withoutItems(g, g.key === selected?.key)),
    } satisfies CycleResults,
    selectedKey: selected?.key ?? "",
    comparable,
    previous,
    trend,
    trendError,
    risks,
    matching,
    comments,
    sections: sections.map((x) => ({ id: x.id, title: x.title, count: x.items.length })),
    section: section ?? null,
    unitsForPdf,
    incidents,
  };
}

type Data = Extract<Awaited<ReturnType<typeof loader>>, { state: "closed" }>;

export default function Results() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  if (data.state === "notClosed") {
    return (
      <Page
        title={t("surveyResults.titleShort")}
        crumbs={[
          { to: "/", label: t("nav.dashboard") },
          { to: "/surveys", label: t("nav.surveys") },
        ]}
      >
        <Notice>{t("errors.surveyResultsNotClosed")}</Notice>
        <p>{t("surveyResults.notClosedWhy")}</p>
        {data.canManage && (
          <p>
            <Link to={`/surveys/${data.cycleId}`}>{t("surveyResults.toCycle")}</Link>
          </p>
        )}
      </Page>
    );
  }
  return <ResultsPage data={data} />;
}

const SECTIONS = [
  "summary",
  "scales",
  "heatmap",
  "comparison",
  "trend",
  "actions",
  "incidents",
  "items",
  "alpha",
  "comments",
] as const;

function ResultsPage({ data }: { data: Data }) {
  const { t } = useI18n();
  const { results, by } = data;
  const k = results.cycle.minGroupSize;
  const id = results.cycle.id;
  const sections = SECTIONS.filter(
    (s) =>
      (s !== "alpha" || data.canManage) &&
      (s !== "comparison" || results.centre !== null) &&
      (s !== "incidents" || data.incidents !== null),
  );
  return (
    <Page
      title={t("surveyResults.title", { name: results.cycle.name })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/surveys", label: t("nav.surveys") },
        // The cycle's own page is for those who run surveys.
        ...(data.canManage ? [{ to: `/surveys/${id}`, label: results.cycle.name }] : []),
      ]}
    >
      <nav className="results-toc" aria-label={t("surveyResults.toc")}>
        <ul>
          {sections.map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`surveyResults.section.${s}`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Summary data={data} />

      <Form method="get" className="filters" aria-label={t("surveyResults.viewForm")}>
        <SelectField
          name="by"
          label={t("surveyResults.by")}
          required
          defaultValue={by}
          options={(["unit", "staffGroup", "unit,staffGroup"] as const).map((v) => ({
            value: v,
            label: t(`surveyResults.by.${v}`),
          }))}
        />
        {data.previous && <input type="hidden" name="previous" value={data.previous} />}
        {data.section && <input type="hidden" name="section" value={data.section.id} />}
        <button type="submit">{t("surveyResults.show")}</button>
      </Form>

      <ScalesSection results={results} />
      <HeatMap results={results} by={by} />
      {results.centre && <Comparison results={results} />}
      <TrendSection data={data} />
      <Actions data={data} />
      {data.incidents && <IncidentsSection comparison={data.incidents} k={k} />}
      <ItemsSection data={data} />
      {data.canManage && <AlphaSection results={results} />}
      <CommentsSection data={data} />
      <p className="muted">{t("surveyResults.anonymityRule", { k })}</p>
      <p>
        <Link to={`/surveys${data.canManage ? `/${id}` : ""}`}>
          {t(data.canManage ? "surveyResults.toCycle" : "surveyResults.toCycles")}
        </Link>
      </p>
    </Page>
  );
}

function Summary({ data }: { data: Data }) {
  const { t, locale } = useI18n();
  const { results } = data;
  const c = results.cycle;
  return (
    <section aria-labelledby="summary" className="card">
      <h2 id="summary">{t("surveyResults.section.summary")}</h2>
      <dl className="facts">
        <dt>{t("surveyResults.instrument")}</dt>
        <dd>
          {localized(results.instrument.title, locale)} (v{results.instrument.version})
        </dd>
        <dt>{t("surveyResults.period")}</dt>
        <dd>
          {formatDate(c.opensAt)} – {formatDate(c.closedAt ?? c.closesAt)}
        </dd>
        <dt>{t("surveyResults.responses")}</dt>
        <dd>{responsesText(t, results.responded, results.invited, locale)}</dd>
        <dt>{t("surveyResults.minGroupSize")}</dt>
        <dd>{c.minGroupSize}</dd>
        <dt>{t("surveyResults.minCommentGroupSize")}</dt>
        <dd>{data.comments.k}</dd>
      </dl>
      <h3>{t("surveyResults.downloads")}</h3>
      <div className="downloads">
        <a href={`/surveys/${c.id}/results.pdf`} download>
          {t(results.centre ? "surveyResults.pdfCentre" : "surveyResults.pdfReport")}
        </a>
        <a
          href={`/surveys/${c.id}/results.xlsx${data.previous ? `?previous=${data.previous}` : ""}`}
          download
        >
          {t("surveyResults.xlsx")}
        </a>
        {data.canManage && (
          <a href={`/surveys/${c.id}/responses.csv`} download>
            {t("surveyResults.csv")}
          </a>
        )}
      </div>
      {data.unitsForPdf.length > 0 && (
        <form
          method="get"
          action={`/surveys/${c.id}/results.pdf`}
          className="filters"
          aria-label={t("surveyResults.pdfUnitForm")}
        >
          <SelectField
            name="unit"
            label={t("surveyResults.pdfUnit")}
            required
            options={data.unitsForPdf.map((u) => ({
              value: u.id,
              label: `${"— ".repeat(u.depth)}${u.name}`,
            }))}
          />
          <button type="submit">{t("surveyResults.pdfUnitButton")}</button>
        </form>
      )}
      {data.canManage && (
        <p className="hint">{t("surveyResults.csvHint", { k: c.minGroupSize })}</p>
      )}
    </section>
  );
}

/** The group whose scale figures open the page: the centre, or a manager's first unit. */
function leadGroup(results: CycleResults): ResultGroup | null {
  if (results.centre) return results.centre;
  return results.groups.find((g) => !g.suppressed && g.scales) ?? null;
}

function scaleTone(results: CycleResults, scaleId: string, mean: number | null): Tone | null {
  const info = results.scales[scaleId];
  return bandTone(bandOfMean(mean, info.bands), info.bands.length, info.higherIs);
}

function ScalesSection({ results }: { results: CycleResults }) {
  const { t, locale } = useI18n();
  const lead = leadGroup(results);
  const k = results.cycle.minGroupSize;
  const name = lead === results.centre ? t("surveyResults.centre") : (lead?.name ?? "");
  const scaleIds = Object.keys(results.scales);
  return (
    <section aria-labelledby="scales">
      <h2 id="scales">{t("surveyResults.section.scales")}</h2>
      <p>{t("surveyResults.scalesIntro")}</p>
      {!lead?.scales ? (
        <Notice>
          {results.centre
            ? hiddenText(t, results.centre.reason, k)
            : t("surveyResults.nothingPublished")}
        </Notice>
      ) : (
        <>
          <Chart
            id="chart-means"
            caption={t("surveyResults.meansCaption", { group: name })}
            chart={
              <MeanBars
                rows={scaleIds.map((id) => {
                  const s = lead.scales![id];
                  return {
                    label: localized(results.scales[id].label, locale),
                    mean: s?.mean ?? null,
                    ci: s?.ci95 ?? null,
                    tone: scaleTone(results, id, s?.mean ?? null),
                    text: formatNumber(s?.mean, locale),
                  };
                })}
              />
            }
            table={{
              headers: [
                t("surveyResults.scale"),
                t("surveyResults.mean"),
                t("surveyResults.ci95"),
                t("surveyResults.band"),
                t("surveyResults.n"),
              ],
              rows: scaleIds.map((id) => {
                const s = lead.scales![id];
                const info = results.scales[id];
                return {
                  header: localized(info.label, locale),
                  cells: [
                    formatNumber(s?.mean, locale),
                    s?.ci95
                      ? `${formatNumber(s.ci95[0], locale)} – ${formatNumber(s.ci95[1], locale)}`
                      : t("common.none"),
                    bandLabel(s?.mean, info.bands, locale) || t("common.none"),
                    s?.n ?? 0,
                  ],
                };
              }),
            }}
          />
          <BandChart results={results} group={lead} name={name} />
        </>
      )}
    </section>
  );
}

const TONE_KEYS = [
  "surveyResults.tone0",
  "surveyResults.tone1",
  "surveyResults.tone2",
  "surveyResults.tone3",
] as const;

/** Each scale's band shares, ordered from the favourable band to the worrying one. */
function BandChart({
  results,
  group,
  name,
}: {
  results: CycleResults;
  group: ResultGroup;
  name: string;
}) {
  const { t, locale } = useI18n();
  const scaleIds = Object.keys(results.scales).filter((id) => results.scales[id].bands.length);
  if (scaleIds.length === 0) return null;
  const ordered = (id: string) => {
    const info = results.scales[id];
    return info.bands
      .map((b, i) => ({ band: b, i, tone: bandTone(i, info.bands.length, info.higherIs) ?? 0 }))
      .sort((a, b) => a.tone - b.tone);
  };
  const tones = [...new Set(scaleIds.flatMap((id) => ordered(id).map((b) => b.tone)))].sort();
  const columns = Math.max(...scaleIds.map((id) => results.scales[id].bands.length));
  return (
    <Chart
      id="chart-bands"
      caption={t("surveyResults.bandsCaption", { group: name })}
      chart={
        <StackedBars
          legend={tones.map((tone) => ({ label: t(TONE_KEYS[tone]), tone: tone as Tone }))}
          rows={scaleIds.map((id) => {
            const s = group.scales?.[id];
            const parts = ordered(id);
            // Positions follow the legend: a scale without a band of some tone leaves it empty.
            const shares = tones.map((tone) => {
              const p = parts.find((x) => x.tone === tone);
              return p && s?.bands ? (s.bands[p.i] ?? 0) : 0;
            });
            return {
              label: localized(results.scales[id].label, locale),
              shares: s?.bands ? shares : null,
              texts: shares.map((x) => formatShare(x, locale)),
              note: t("common.none"),
            };
          })}
        />
      }
      table={{
        headers: [
          t("surveyResults.scale"),
          ...Array.from({ length: columns }, (_, i) => t("surveyResults.bandColumn", { n: i + 1 })),
        ],
        rows: scaleIds.map((id) => {
          const s = group.scales?.[id];
          const cells = ordered(id).map(
            (p) =>
              `${localized(p.band.label, locale)}: ${s?.bands ? formatShare(s.bands[p.i], locale) : t("common.none")}`,
          );
          while (cells.length < columns) cells.push("");
          return { header: localized(results.scales[id].label, locale), cells };
        }),
      }}
    />
  );
}

function groupLabel(t: T, g: ResultGroup) {
  return g.key === "centre" ? t("surveyResults.centre") : g.name;
}

function HeatMap({ results, by }: { results: CycleResults; by: ResultView }) {
  const { t, locale } = useI18n();
  const scaleIds = Object.keys(results.scales);
  const k = results.cycle.minGroupSize;
  const rows = [...(results.centre ? [results.centre] : []), ...results.groups];
  return (
    <section aria-labelledby="heatmap">
      <h2 id="heatmap">{t("surveyResults.section.heatmap")}</h2>
      <p>{t("surveyResults.heatmapIntro", { k })}</p>
      {rows.length === 0 ? (
        <Notice>{t("surveyResults.noGroups")}</Notice>
      ) : (
        <ScrollRegion
          label={t("surveyResults.heatmapCaption", { by: t(`surveyResults.by.${by}`) })}
        >
          <table className="heatmap">
            <caption className="visually-hidden">
              {t("surveyResults.heatmapCaption", { by: t(`surveyResults.by.${by}`) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("surveyResults.group")}</th>
                <th scope="col" className="num">
                  {t("surveyResults.n")}
                </th>
                {scaleIds.map((id) => (
                  <th scope="col" key={id}>
                    {localized(results.scales[id].label, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((g) => (
                <tr key={g.key}>
                  <th scope="row" className={g.depth ? `depth-${Math.min(g.depth, 4)}` : undefined}>
                    {groupLabel(t, g)}
                  </th>
                  {g.suppressed || !g.scales ? (
                    <td colSpan={scaleIds.length + 1} className="hidden-row">
                      {hiddenText(t, g.reason, k)}
                    </td>
                  ) : (
                    <>
                      <td className="num">{g.n}</td>
                      {scaleIds.map((id) => {
                        const mean = g.scales?.[id]?.mean ?? null;
                        const tone = scaleTone(results, id, mean);
                        const word = bandLabel(mean, results.scales[id].bands, locale);
                        return (
                          <td key={id} className={`heat-${tone ?? "none"}`}>
                            {formatNumber(mean, locale) || t("common.none")}
                            {word && <span className="band-word">{word}</span>}
                          </td>
                        );
                      })}
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Comparison({ results }: { results: CycleResults }) {
  const { t, locale } = useI18n();
  const centre = results.centre;
  const scaleIds = Object.keys(results.scales);
  const rows = results.groups.filter((g) => !g.suppressed && g.scales);
  if (!centre?.scales) return null;
  return (
    <section aria-labelledby="comparison">
      <h2 id="comparison">{t("surveyResults.section.comparison")}</h2>
      <p>{t("surveyResults.comparisonIntro")}</p>
      {rows.length === 0 ? (
        <Notice>{t("surveyResults.noGroups")}</Notice>
      ) : (
        <ScrollRegion label={t("surveyResults.comparisonCaption")}>
          <table className="heatmap">
            <caption className="visually-hidden">{t("surveyResults.comparisonCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("surveyResults.group")}</th>
                {scaleIds.map((id) => (
                  <th scope="col" key={id}>
                    {localized(results.scales[id].label, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t("surveyResults.centreMean")}</th>
                {scaleIds.map((id) => (
                  <td key={id}>{formatNumber(centre.scales?.[id]?.mean, locale)}</td>
                ))}
              </tr>
              {rows.map((g) => (
                <tr key={g.key}>
                  <th scope="row" className={g.depth ? `depth-${Math.min(g.depth, 4)}` : undefined}>
                    {g.name}
                  </th>
                  {scaleIds.map((id) => {
                    const a = g.scales?.[id]?.mean;
                    const b = centre.scales?.[id]?.mean;
                    const diff =
                      a !== null && a !== undefined && b !== null && b !== undefined ? a - b : null;
                    const key = differenceKey(diff, results.scales[id].higherIs);
                    return (
                      <td
                        key={id}
                        className={key === "surveyResults.diffWorse" ? "diff-worse" : undefined}
                      >
                        {formatSigned(diff, locale) || t("common.none")}
                        {key && <span className="band-word">{t(key)}</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function TrendSection({ data }: { data: Data }) {
  const { t, locale } = useI18n();
  const { trend, results } = data;
  const errorText = data.trendError
    ? isMessageKey(data.trendError)
      ? t(data.trendError)
      : data.trendError
    : null;
  const flagged = (trend?.groups ?? []).flatMap((g) =>
    g.scales
      ? Object.entries(g.scales)
          .filter(([, s]) => s.flag !== "none")
          .map(([id, s]) => ({ group: g, id, s }))
      : [],
  );
  return (
    <section aria-labelledby="trend">
      <h2 id="trend">{t("surveyResults.section.trend")}</h2>
      <p>
        {t("surveyResults.trendRule", {
          p: formatNumber(TREND_MAX_P, locale, 2),
          g: formatNumber(TREND_MIN_ABS_G, locale, 1),
        })}
      </p>
      {data.comparable.length === 0 ? (
        <Notice>{t("surveyResults.trendNoPrevious")}</Notice>
      ) : (
        <Form method="get" className="filters" aria-label={t("surveyResults.trendForm")}>
          <input type="hidden" name="by" value={data.by} />
          {data.section && <input type="hidden" name="section" value={data.section.id} />}
          {data.selectedKey && <input type="hidden" name="group" value={data.selectedKey} />}
          <SelectField
            name="previous"
            label={t("surveyResults.trendCompareWith")}
            required
            defaultValue={data.previous}
            state={errorText ? { fieldErrors: { previous: data.trendError! } } : undefined}
            options={data.comparable.map((c) => ({
              value: c.id,
              label: `${c.name} (${formatDate(c.closesAt)})`,
            }))}
          />
          <button type="submit">{t("surveyResults.show")}</button>
        </Form>
      )}
      {trend && (
        <>
          <p>{t("surveyResults.trendAgainst", { name: trend.previous.name })}</p>
          {trend.centre && <TrendTable trend={trend} results={results} />}
          <h3>{t("surveyResults.trendGroups")}</h3>
          {flagged.length === 0 ? (
            <p>{t("surveyResults.trendGroupsNone")}</p>
          ) : (
            <ScrollRegion label={t("surveyResults.trendGroups")}>
              <table>
                <caption className="visually-hidden">{t("surveyResults.trendGroups")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("surveyResults.group")}</th>
                    <th scope="col">{t("surveyResults.scale")}</th>
                    <th scope="col" className="num">
                      {t("surveyResults.trendChange")}
                    </th>
                    <th scope="col" className="num">
                      {t("surveyResults.trendG")}
                    </th>
                    <th scope="col" className="num">
                      {t("surveyResults.trendP")}
                    </th>
                    <th scope="col">{t("surveyResults.trendFlag")}</th>
                  </tr>
                </thead>
                <tbody>
                  {flagged.map(({ group, id, s }) => (
                    <tr key={`${group.key}-${id}`}>
                      <th scope="row">{group.name}</th>
                      <td>{localized(trend.scales[id].label, locale)}</td>
                      <td className="num">{formatSigned(s.change, locale)}</td>
                      <td className="num">{formatNumber(s.g, locale, 2)}</td>
                      <td className="num">{formatP(s.p, locale)}</td>
                      <td>{t(trendFlagKey(s.flag))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}
    </section>
  );
}

function TrendTable({ trend, results }: { trend: CycleTrend; results: CycleResults }) {
  const { t, locale } = useI18n();
  const centre = trend.centre!;
  return (
    <ScrollRegion label={t("surveyResults.trendCaption")}>
      <table>
        <caption>{t("surveyResults.trendCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("surveyResults.scale")}</th>
            <th scope="col" className="num">
              {trend.previous.name}
            </th>
            <th scope="col" className="num">
              {results.cycle.name}
            </th>
            <th scope="col" className="num">
              {t("surveyResults.trendChange")}
            </th>
            <th scope="col" className="num">
              {t("surveyResults.trendG")}
            </th>
            <th scope="col" className="num">
              {t("surveyResults.trendP")}
            </th>
            <th scope="col">{t("surveyResults.trendFlag")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(trend.scales).map(([id, info]) => {
            const s = centre.scales?.[id];
            return (
              <tr key={id}>
                <th scope="row">{localized(info.label, locale)}</th>
                {!s ? (
                  <td colSpan={6}>{t("surveyResults.trendHidden")}</td>
                ) : (
                  <>
                    <td className="num">{formatNumber(s.previous.mean, locale)}</td>
                    <td className="num">{formatNumber(s.current.mean, locale)}</td>
                    <td className="num">{formatSigned(s.change, locale)}</td>
                    <td className="num">{formatNumber(s.g, locale, 2)}</td>
                    <td className="num">{formatP(s.p, locale)}</td>
                    <td className={s.flag === "deterioration" ? "diff-worse" : undefined}>
                      {t(trendFlagKey(s.flag))}
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function Actions({ data }: { data: Data }) {
  const { t, locale } = useI18n();
  const units = data.risks.filter((u) => u.risks.length > 0);
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">{t("surveyResults.section.actions")}</h2>
      <p>{t("surveyResults.actionsIntro")}</p>
      {units.length === 0 ? (
        <Notice>{t("surveyResults.actionsNone")}</Notice>
      ) : (
        units.map((u) => (
          <div key={u.key} className="card">
            <h3>{u.name}</h3>
            <ol className="risk-list">
              {u.risks.map((r) => (
                <li key={r.scaleId}>
                  <strong>{localized(r.label, locale)}</strong>:{" "}
                  {t("surveyResults.riskMean", {
                    mean: formatNumber(r.mean, locale),
                    band: r.band ? localized(r.band.label, locale) : t("common.none"),
                  })}
                  {r.support.length > 0 && (
                    <span className="risk-support">
                      {t("surveyResults.riskSupport")}{" "}
                      {r.support.map((s) => localized(s.label, locale)).join("; ")}
                    </span>
                  )}
                  <MatchingActivities
                    kinds={r.support.map((s) => s.key)}
                    matching={data.matching}
                  />
                </li>
              ))}
            </ol>
          </div>
        ))
      )}
    </section>
  );
}

/** Per unit: the survey's share reporting aggression beside the incidents reported. */
function IncidentsSection({ comparison, k }: { comparison: IncidentComparison; k: number }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="incidents">
      <h2 id="incidents">{t("surveyResults.section.incidents")}</h2>
      <p>{t("surveyResults.incidentsIntro")}</p>
      <p>
        {t("surveyResults.incidentsPeriod", {
          from: formatDate(comparison.from),
          to: formatDate(comparison.to),
          months: comparison.months,
        })}
      </p>
      {comparison.rows.length === 0 ? (
        <Notice>{t("surveyResults.noGroups")}</Notice>
      ) : (
        <ScrollRegion label={t("surveyResults.incidentsCaption")}>
          <table>
            <caption>{t("surveyResults.incidentsCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("surveyResults.incidentsUnit")}</th>
                <th scope="col" className="num">
                  {t("surveyResults.incidentsShare")}
                </th>
                <th scope="col" className="num">
                  {t("surveyResults.incidentsCount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {comparison.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row" className={r.depth ? `depth-${Math.min(r.depth, 4)}` : undefined}>
                    {r.name}
                  </th>
                  <td className="num">
                    {r.aggressionShare !== null ? (
                      formatShare(r.aggressionShare, locale)
                    ) : (
                      <>
                        <span aria-hidden="true">{t("common.none")}</span>
                        <span className="visually-hidden">
                          {r.hidden === "item"
                            ? t("surveyResults.itemHidden", { k })
                            : hiddenText(t, r.hidden ?? undefined, k)}
                        </span>
                      </>
                    )}
                  </td>
                  <td className="num">{r.incidents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p className="hint">{t("surveyResults.incidentsShareNote")}</p>
    </section>
  );
}

function distributionOf(
  group: ResultGroup | null,
  itemId: string,
  answers: { key: string; label: string }[],
) {
  const d = group?.items?.[itemId];
  if (!d) return null;
  const keys = answers.length
    ? answers
    : Object.keys(d.counts)
        .sort((a, b) => Number(a) - Number(b))
        .map((key) => ({ key, label: key }));
  return {
    n: d.n,
    parts: keys.map((a) => ({ ...a, share: d.n > 0 ? (d.counts[a.key] ?? 0) / d.n : 0 })),
  };
}

function ItemsSection({ data }: { data: Data }) {
  const { t, locale } = useI18n();
  const { results, section } = data;
  const k = results.cycle.minGroupSize;
  const lead = leadGroup(results);
  const selected = results.groups.find((g) => g.key === data.selectedKey) ?? null;
  const published = results.groups.filter((g) => !g.suppressed);
  const shown = [lead, selected].filter(
    (g, i, all): g is ResultGroup => g !== null && all.indexOf(g) === i,
  );
  return (
    <section aria-labelledby="items">
      <h2 id="items">{t("surveyResults.section.items")}</h2>
      <p>{t("surveyResults.itemsIntro")}</p>
      {data.sections.length > 0 && (
        <Form method="get" className="filters" aria-label={t("surveyResults.itemsForm")}>
          <input type="hidden" name="by" value={data.by} />
          {data.previous && <input type="hidden" name="previous" value={data.previous} />}
          <SelectField
            name="section"
            label={t("surveyResults.itemsSection")}
            required
            defaultValue={section?.id ?? ""}
            options={data.sections.map((x) => ({
              value: x.id,
              label: `${x.title} (${t("surveyResults.itemCount", { count: x.count })})`,
            }))}
          />
          {published.length > 0 && (
            <SelectField
              name="group"
              label={t("surveyResults.itemsGroup")}
              defaultValue={data.selectedKey}
              placeholder={t("surveyResults.itemsNoGroup")}
              options={published.map((g) => ({ value: g.key, label: g.name }))}
            />
          )}
          <button type="submit">{t("surveyResults.show")}</button>
        </Form>
      )}
      {shown.length === 0 || !section ? (
        <Notice>{t("surveyResults.nothingPublished")}</Notice>
      ) : (
        <>
          <h3>{section.title}</h3>
          {section.items.map((item) => {
            const dists = shown.map((g) => ({
              g,
              d: distributionOf(g, item.id, item.answers),
            }));
            const columns = dists.find((x) => x.d)?.d?.parts ?? item.answers;
            return (
              <Chart
                key={item.id}
                id={`item-${item.id}`}
                caption={item.text}
                chart={
                  <StackedBars
                    legend={columns.map((a) => ({ label: a.label, tone: null }))}
                    rows={dists.map(({ g, d }) => ({
                      label: groupLabel(t, g),
                      shares: d ? d.parts.map((p) => p.share) : null,
                      texts: d ? d.parts.map((p) => formatShare(p.share, locale)) : [],
                      note: t("surveyResults.itemHidden", { k }),
                    }))}
                  />
                }
                table={{
                  headers: [
                    t("surveyResults.group"),
                    t("surveyResults.n"),
                    ...columns.map((c) => c.label),
                  ],
                  rows: dists.map(({ g, d }) => ({
                    header: groupLabel(t, g),
                    cells: d
                      ? [d.n, ...d.parts.map((p) => formatShare(p.share, locale))]
                      : [t("surveyResults.itemHidden", { k })],
                  })),
                }}
              />
            );
          })}
        </>
      )}
    </section>
  );
}

function AlphaSection({ results }: { results: CycleResults }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="alpha">
      <h2 id="alpha">{t("surveyResults.section.alpha")}</h2>
      <p>{t("surveyResults.alphaIntro")}</p>
      <ScrollRegion label={t("surveyResults.alphaCaption")}>
        <table>
          <caption className="visually-hidden">{t("surveyResults.alphaCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("surveyResults.scale")}</th>
              <th scope="col" className="num">
                {t("surveyResults.alpha")}
              </th>
              <th scope="col">{t("surveyResults.alphaReadingHeader")}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(results.scales).map(([id, s]) => (
              <tr key={id}>
                <th scope="row">{localized(s.label, locale)}</th>
                <td className="num">{formatNumber(s.alpha, locale, 2) || t("common.none")}</td>
                <td>{t(alphaReading(s.alpha))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function CommentsSection({ data }: { data: Data }) {
  const { t, locale } = useI18n();
  const { comments } = data;
  const itemText = new Map(comments.items.map((i) => [i.id, localized(i.text, locale)]));
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">{t("surveyResults.section.comments")}</h2>
      <p>{t("surveyResults.commentsIntro", { k: comments.k })}</p>
      {comments.groups.length === 0 ? (
        <Notice>
          {t(
            comments.items.length ? "surveyResults.commentsNone" : "surveyResults.commentsNoItems",
          )}
        </Notice>
      ) : (
        comments.groups.map((g) => (
          <div key={g.key} className="card">
            <h3>{g.name ?? t("surveyResults.centre")}</h3>
            {g.items.map((i) => (
              <div key={i.itemId}>
                <h4>{itemText.get(i.itemId) ?? i.itemId}</h4>
                <ul className="comment-list">
                  {i.comments.map((c, n) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: identical comments are possible
                    <li key={n}>{c}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ))
      )}
    </section>
  );
}
