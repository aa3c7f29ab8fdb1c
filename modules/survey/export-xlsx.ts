// The results of a closed cycle as a workbook: exactly what the results page publishes (the same
// suppression, the same rows for the same reader), laid out for further analysis.

import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { formatDate, type Locale, translator } from "../../platform/i18n.ts";
import { type Cell, toXlsxWorkbook, XLSX_CONTENT_TYPE } from "../../platform/spreadsheet.ts";
import { type Actor, can } from "../access/actor.ts";
import { answerLabels, auditExport, fileSlug, viewName } from "./export-common.ts";
import { allItems, isScorable } from "./instrument.ts";
import { resultBundle } from "./result-bundle.ts";
import { closedCycle, RESULT_VIEWS, type ResultView } from "./result-cells.ts";
import { alphaReading, bandLabel, hiddenText, localized, trendFlagKey } from "./result-text.ts";
import type { CycleResults, ResultGroup } from "./results.ts";

const round = (x: number | null | undefined, digits = 1): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits));

/**
 * The workbook of a closed cycle's published results: Informacje (the cycle and the anonymity
 * rule), Skale (the centre and every group of every view × scale: n, mean, 95 % CI, band
 * shares), Pozycje (answer distributions), Trend (against `previous` or the cycle before) and,
 * for those who run surveys, Alfa. A hidden group has a row that says so, with no figures.
 */
export async function exportResultsXlsx(
  actor: Actor,
  cycleId: string,
  opts: { locale: Locale; previous?: string },
): Promise<DownloadFile> {
  const { locale } = opts;
  const t = translator(locale);
  const bundle = await resultBundle(actor, cycleId, { previous: opts.previous });
  const views = bundle.views;
  const { instrument } = await closedCycle(db(), actor, cycleId);
  const definition = instrument.definition;
  const first: CycleResults = views.unit;
  const k = first.cycle.minGroupSize;
  const scaleIds = Object.keys(first.scales);
  const maxBands = Math.max(0, ...scaleIds.map((id) => first.scales[id].bands.length));

  const rowsOf = (): { view: ResultView | "centre"; group: ResultGroup }[] => [
    ...(first.centre ? [{ view: "centre" as const, group: first.centre }] : []),
    ...RESULT_VIEWS.flatMap((view) => views[view].groups.map((group) => ({ view, group }))),
  ];
  const groupName = (view: ResultView | "centre", g: { name: string }) =>
    view === "centre" ? t("surveyResults.centre") : g.name;

  // Informacje
  const rate = first.invited > 0 ? first.responded / first.invited : null;
  const info: Cell[][] = [
    [t("surveyResults.xlsx.field"), t("surveyResults.xlsx.value")],
    [t("surveyResults.cycle"), first.cycle.name],
    [
      t("surveyResults.instrument"),
      `${localized(first.instrument.title, locale)} (v${first.instrument.version})`,
    ],
    [t("surveyResults.opens"), formatDate(first.cycle.opensAt)],
    [t("surveyResults.closes"), formatDate(first.cycle.closedAt ?? first.cycle.closesAt)],
    [t("surveyResults.invited"), first.centre ? first.invited : null],
    [t("surveyResults.responded"), first.centre ? first.responded : null],
    [t("surveyResults.responseRate"), first.centre && rate !== null ? round(rate * 100) : null],
    [t("surveyResults.minGroupSize"), k],
    [t("surveyResults.anonymityRuleTitle"), t("surveyResults.anonymityRule", { k })],
    [t("surveyResults.xlsx.exportedOn"), formatDate(new Date())],
  ];

  // Skale
  const bandHeaders = Array.from({ length: maxBands }, (_, i) => [
    t("surveyResults.xlsx.band", { n: i + 1 }),
    t("surveyResults.xlsx.bandShare", { n: i + 1 }),
  ]).flat();
  const scalesSheet: Cell[][] = [
    [
      t("surveyResults.xlsx.view"),
      t("surveyResults.xlsx.group"),
      t("surveyResults.xlsx.status"),
      t("surveyResults.xlsx.respondents"),
      t("surveyResults.scale"),
      t("surveyResults.xlsx.scaleN"),
      t("surveyResults.mean"),
      t("surveyResults.xlsx.ciLow"),
      t("surveyResults.xlsx.ciHigh"),
      t("surveyResults.xlsx.meanBand"),
      ...bandHeaders,
    ],
  ];
  for (const { view, group } of rowsOf()) {
    const head: Cell[] = [viewName(t, view), groupName(view, group)];
    if (group.suppressed || !group.scales) {
      scalesSheet.push([...head, hiddenText(t, group.reason, k)]);
      continue;
    }
    for (const id of scaleIds) {
      const info = first.scales[id];
      const s = group.scales[id];
      const bands = info.bands.flatMap((b, i) => [
        localized(b.label, locale),
        s?.bands ? round(s.bands[i] * 100) : null,
      ]);
      scalesSheet.push([
        ...head,
        t("surveyResults.xlsx.published"),
        group.n,
        localized(info.label, locale),
        s?.n ?? 0,
        round(s?.mean),
        round(s?.ci95?.[0]),
        round(s?.ci95?.[1]),
        bandLabel(s?.mean, info.bands, locale),
        ...bands,
      ]);
    }
  }

  // Pozycje
  const closedItems = allItems(definition)
    .map(({ item }) => item)
    .filter((item) => item.kind !== "text");
  const itemsSheet: Cell[][] = [
    [
      t("surveyResults.xlsx.view"),
      t("surveyResults.xlsx.group"),
      t("surveyResults.xlsx.itemId"),
      t("surveyResults.xlsx.itemText"),
      t("surveyResults.xlsx.itemN"),
      t("surveyResults.xlsx.answer"),
      t("surveyResults.xlsx.count"),
      t("surveyResults.xlsx.share"),
    ],
  ];
  for (const { view, group } of rowsOf()) {
    const head: Cell[] = [viewName(t, view), groupName(view, group)];
    if (group.suppressed || !group.items) {
      itemsSheet.push([...head, null, null, null, hiddenText(t, group.reason, k)]);
      continue;
    }
    for (const item of closedItems) {
      const text = localized(item.text, locale);
      const dist = group.items[item.id];
      if (!dist) {
        itemsSheet.push([...head, item.id, text, null, t("surveyResults.itemHidden", { k })]);
        continue;
      }
      for (const answer of answerLabels(item, locale, t, Object.keys(dist.counts))) {
        const count = dist.counts[answer.key] ?? 0;
        itemsSheet.push([
          ...head,
          item.id,
          text,
          dist.n,
          answer.label,
          count,
          dist.n > 0 ? round((count / dist.n) * 100) : null,
        ]);
      }
    }
  }

  const sheets = [
    { name: t("surveyResults.xlsx.sheetInfo"), rows: info },
    { name: t("surveyResults.xlsx.sheetScales"), rows: scalesSheet },
    { name: t("surveyResults.xlsx.sheetItems"), rows: itemsSheet },
  ];

  // Trend
  const trendRows: Cell[][] = [
    [
      t("surveyResults.xlsx.view"),
      t("surveyResults.xlsx.group"),
      t("surveyResults.scale"),
      t("surveyResults.trendPreviousMean"),
      t("surveyResults.trendCurrentMean"),
      t("surveyResults.trendChange"),
      t("surveyResults.trendG"),
      t("surveyResults.trendP"),
      t("surveyResults.trendFlag"),
    ],
  ];
  const byView = RESULT_VIEWS.map((view) => ({ view, trend: bundle.trend(view) }));
  const earliest = byView[0].trend;
  if (!earliest) {
    trendRows.push([t("surveyResults.trendNoPrevious")]);
  } else {
    trendRows.splice(0, 0, [t("surveyResults.trendAgainst", { name: earliest.previous.name })]);
    const all = [{ view: "centre" as const, trend: earliest }, ...byView];
    for (const { view, trend } of all) {
      const tr = trend!;
      const groups = view === "centre" ? (tr.centre ? [tr.centre] : []) : tr.groups;
      for (const g of groups) {
        const head: Cell[] = [viewName(t, view), groupName(view, g)];
        if (g.suppressed || !g.scales) {
          trendRows.push([...head, t("surveyResults.trendHidden")]);
          continue;
        }
        for (const [id, info] of Object.entries(tr.scales)) {
          const s = g.scales[id];
          if (!s) continue;
          trendRows.push([
            ...head,
            localized(info.label, locale),
            round(s.previous.mean),
            round(s.current.mean),
            round(s.change),
            round(s.g, 2),
            round(s.p, 4),
            t(trendFlagKey(s.flag)),
          ]);
        }
      }
    }
  }
  sheets.push({ name: t("surveyResults.xlsx.sheetTrend"), rows: trendRows });

  // Alfa: a quality check of the tool, for those who run the survey.
  if (can(actor, "survey.manage")) {
    const items = new Map(allItems(definition).map(({ item }) => [item.id, item]));
    const alphaRows: Cell[][] = [
      [
        t("surveyResults.scale"),
        t("surveyResults.xlsx.itemCount"),
        t("surveyResults.alpha"),
        t("surveyResults.alphaReadingHeader"),
      ],
    ];
    for (const scale of definition.scales) {
      const alpha = first.scales[scale.id]?.alpha ?? null;
      alphaRows.push([
        localized(scale.name, locale),
        scale.items.filter((id) => {
          const item = items.get(id);
          return item !== undefined && isScorable(item);
        }).length,
        round(alpha, 3),
        t(alphaReading(alpha)),
      ]);
    }
    sheets.push({ name: t("surveyResults.xlsx.sheetAlpha"), rows: alphaRows });
  }

  await auditExport(actor, cycleId, {
    format: "xlsx",
    ...(bundle.previousId ? { previous: bundle.previousId } : {}),
  });
  return {
    body: toXlsxWorkbook(sheets),
    fileName: `wyniki-${fileSlug(first.cycle.name)}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
  };
}
