// The printable report of a closed cycle — for the whole centre, or for one unit — built from
// the published results only: a hidden group stays hidden on paper too.
import type { DownloadFile } from "../../platform/download.ts";
import { notFound } from "../../platform/errors.ts";
import { formatDate, type Locale, translator } from "../../platform/i18n.ts";
import { PDF_CONTENT_TYPE, type PdfWriter, renderPdf } from "../../platform/pdf.ts";
import { isUuid } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { auditExport, fileSlug } from "./export-common.ts";
import { resultBundle } from "./result-bundle.ts";
import {
  bandLabel,
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
} from "./result-text.ts";
import type { CycleResults, ResultGroup } from "./results.ts";
import { risksOf } from "./top-risks.ts";
import type { CycleTrend, TrendGroup } from "./trend.ts";

function scaleTable(
  w: PdfWriter,
  results: CycleResults,
  group: ResultGroup,
  locale: Locale,
  withCentre: boolean,
) {
  const t = translator(locale);
  const centre = results.centre;
  w.table({
    columns: [
      { header: t("surveyResults.scale"), width: 3 },
      { header: t("surveyResults.mean"), width: 1.2, align: "right" },
      { header: t("surveyResults.ci95"), width: 1.7, align: "right" },
      { header: t("surveyResults.band"), width: 2 },
      ...(withCentre
        ? [{ header: t("surveyResults.pdf.vsCentre"), width: 1.6, align: "right" as const }]
        : []),
      { header: t("surveyResults.pdf.shares"), width: 4 },
    ],
    rows: Object.entries(results.scales).map(([id, info]) => {
      const s = group.scales?.[id];
      const diff =
        withCentre && s?.mean != null && centre?.scales?.[id]?.mean != null
          ? s.mean - centre.scales[id].mean!
          : null;
      const word = differenceKey(diff, info.higherIs);
      return [
        localized(info.label, locale),
        formatNumber(s?.mean, locale) || t("common.none"),
        s?.ci95 ? `${formatNumber(s.ci95[0], locale)}–${formatNumber(s.ci95[1], locale)}` : "",
        bandLabel(s?.mean, info.bands, locale),
        ...(withCentre
          ? [diff === null ? "" : `${formatSigned(diff, locale)}${word ? ` (${t(word)})` : ""}`]
          : []),
        s?.bands
          ? info.bands
              .map((b, i) => `${localized(b.label, locale)} ${formatShare(s.bands![i], locale)}`)
              .join(" · ")
          : "",
      ];
    }),
  });
}

function risksSection(w: PdfWriter, results: CycleResults, groups: ResultGroup[], locale: Locale) {
  const t = translator(locale);
  w.heading(t("surveyResults.section.actions"), 2);
  w.paragraph(t("surveyResults.actionsIntro"));
  let any = false;
  for (const g of groups) {
    const risks = risksOf(g, results.scales);
    if (risks.length === 0) continue;
    any = true;
    if (groups.length > 1) w.heading(g.name, 3);
    w.list(
      risks.map((r) => {
        const mean = t("surveyResults.riskMean", {
          mean: formatNumber(r.mean, locale),
          band: r.band ? localized(r.band.label, locale) : t("common.none"),
        });
        const support = r.support.length
          ? ` ${t("surveyResults.riskSupport")} ${r.support.map((s) => localized(s.label, locale)).join("; ")}`
          : "";
        return `${localized(r.label, locale)}: ${mean}.${support}`;
      }),
    );
  }
  if (!any) w.paragraph(t("surveyResults.actionsNone"));
}

function trendSection(
  w: PdfWriter,
  trend: CycleTrend | null,
  groups: TrendGroup[],
  locale: Locale,
) {
  const t = translator(locale);
  w.heading(t("surveyResults.section.trend"), 2);
  if (!trend) {
    w.paragraph(t("surveyResults.trendNoPrevious"));
    return;
  }
  w.paragraph(t("surveyResults.trendAgainst", { name: trend.previous.name }));
  w.paragraph(
    t("surveyResults.trendRule", {
      p: formatNumber(TREND_MAX_P, locale, 2),
      g: formatNumber(TREND_MIN_ABS_G, locale, 1),
    }),
    { small: true, muted: true },
  );
  if (groups.length === 0) w.paragraph(t("surveyResults.trendHidden"));
  for (const group of groups) {
    if (groups.length > 1) w.heading(group.name, 3);
    trendTable(w, trend, group, locale);
  }
}

function trendTable(w: PdfWriter, trend: CycleTrend, group: TrendGroup, locale: Locale) {
  const t = translator(locale);
  if (group.suppressed || !group.scales) {
    w.paragraph(t("surveyResults.trendHidden"));
    return;
  }
  w.table({
    columns: [
      { header: t("surveyResults.scale"), width: 3 },
      { header: t("surveyResults.trendPreviousMean"), width: 1.4, align: "right" },
      { header: t("surveyResults.trendCurrentMean"), width: 1.4, align: "right" },
      { header: t("surveyResults.trendChange"), width: 1.2, align: "right" },
      { header: t("surveyResults.trendG"), width: 1, align: "right" },
      { header: t("surveyResults.trendP"), width: 1.2, align: "right" },
      { header: t("surveyResults.trendFlag"), width: 2.4 },
    ],
    rows: Object.entries(trend.scales).map(([id, info]) => {
      const s = group.scales?.[id];
      return [
        localized(info.label, locale),
        formatNumber(s?.previous.mean, locale),
        formatNumber(s?.current.mean, locale),
        formatSigned(s?.change, locale),
        formatNumber(s?.g, locale, 2),
        formatP(s?.p, locale),
        s ? t(trendFlagKey(s.flag)) : "",
      ];
    }),
  });
}

/**
 * The report of a closed cycle as a PDF: for the centre, or with `unitId` for that unit (one
 * the reader may see: a manager, their own). A reader without the centre view (a manager) gets
 * their units. Needs `survey.results.view`.
 */
export async function exportResultsPdf(
  actor: Actor,
  cycleId: string,
  opts: { locale: Locale; unitId?: string },
): Promise<DownloadFile> {
  const { locale } = opts;
  const t = translator(locale);
  const bundle = await resultBundle(actor, cycleId);
  const results = bundle.views.unit;
  let unit: ResultGroup | null = null;
  if (opts.unitId) {
    if (!isUuid(opts.unitId)) throw notFound();
    unit = results.groups.find((g) => g.unitId === opts.unitId) ?? null;
    if (!unit) throw notFound();
  }
  const trend = bundle.trend("unit");
  const c = results.cycle;
  const k = c.minGroupSize;
  const title = unit
    ? t("surveyResults.pdf.titleUnit", { name: c.name, unit: unit.name })
    : t("surveyResults.pdf.title", { name: c.name });

  const body = await renderPdf(
    { title, centreName: actor.centreName, subject: t("surveyResults.pdf.subject"), locale },
    (w) => {
      w.heading(title);
      w.paragraph(
        [
          `${t("surveyResults.instrument")}: ${localized(results.instrument.title, locale)} (v${results.instrument.version})`,
          `${t("surveyResults.period")}: ${formatDate(c.opensAt)} – ${formatDate(c.closedAt ?? c.closesAt)}`,
          `${t("surveyResults.responses")}: ${responsesText(t, results.responded, results.invited, locale)}`,
        ].join("\n"),
      );
      w.heading(t("surveyResults.anonymityRuleTitle"), 2);
      w.paragraph(t("surveyResults.anonymityRule", { k }));

      const groups: ResultGroup[] = unit
        ? [unit]
        : results.centre
          ? [results.centre]
          : results.groups.filter((g) => !g.suppressed);
      w.heading(t("surveyResults.section.scales"), 2);
      w.paragraph(t("surveyResults.scalesIntro"));
      if (groups.length === 0) w.paragraph(t("surveyResults.nothingPublished"));
      for (const g of groups) {
        const name = g.key === "centre" ? t("surveyResults.centre") : g.name;
        if (groups.length > 1 || unit) w.heading(name, 3);
        if (g.suppressed || !g.scales) {
          w.paragraph(hiddenText(t, g.reason, k));
          continue;
        }
        w.paragraph(t("surveyResults.pdf.groupN", { n: g.n ?? 0 }), { muted: true });
        scaleTable(w, results, g, locale, g.key !== "centre" && results.centre !== null);
      }

      const riskGroups = unit ? [unit] : results.groups.filter((g) => !g.suppressed && g.scales);
      risksSection(w, results, riskGroups, locale);

      const trendGroups = !trend
        ? []
        : unit
          ? trend.groups.filter((g) => g.key === unit.key)
          : trend.centre
            ? [trend.centre]
            : trend.groups.filter((g) => groups.some((x) => x.key === g.key));
      trendSection(w, trend, trendGroups, locale);

      w.space();
      w.paragraph(t("surveyResults.pdf.generated", { date: formatDate(new Date()) }), {
        small: true,
        muted: true,
      });
    },
  );

  await auditExport(actor, cycleId, { format: "pdf", ...(unit ? { unitId: unit.unitId } : {}) });
  return {
    body,
    fileName: `raport-${fileSlug(c.name)}${unit ? `-${fileSlug(unit.name)}` : ""}.pdf`,
    contentType: PDF_CONTENT_TYPE,
  };
}
