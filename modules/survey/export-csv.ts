// The anonymous responses of a closed cycle as a CSV, for those who run the survey: one row per
// response, in the order of their random ids, with the closed answers and the scale scores — no
// open answers (they are shown only reviewed), no dates, no ids. The unit and staff group of a
// row are kept only as far as the published results already tell them (README "Response file").

import { asc, eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { AppError } from "../../platform/errors.ts";
import { type Locale, translator } from "../../platform/i18n.ts";
import { type Cell, CSV_CONTENT_TYPE, toCsv } from "../../platform/spreadsheet.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { auditExport, fileSlug } from "./export-common.ts";
import { allItems } from "./instrument.ts";
import {
  CENTRE_KEY,
  type CycleStructure,
  cellOf,
  closedCycle,
  cycleStructure,
  RESULT_VIEWS,
  suppressionCells,
  UNKNOWN,
} from "./result-cells.ts";
import { formatNumber, localized } from "./result-text.ts";
import { cycleResultsAll } from "./results.ts";
import { surveyResponse } from "./schema.ts";
import type { SuppressionInput } from "./suppression.ts";
import { cellKey, staffGroupKey, unitKey, unitStaffGroupKey } from "./suppression.ts";

/**
 * The row space of some 0/1 vectors over the cells, exact: rows kept in echelon form with
 * integer (BigInt) entries, eliminated without fractions and divided by their gcd.
 */
class Span {
  private readonly rows = new Map<number, Map<number, bigint>>();

  private static gcd(a: bigint, b: bigint): bigint {
    let x = a < 0n ? -a : a;
    let y = b < 0n ? -b : b;
    while (y) [x, y] = [y, x % y];
    return x;
  }

  /** The vector with every pivot eliminated from its lowest column upwards, or the first
   *  column without a pivot where it stops. */
  private reduce(cols: readonly number[]): { rest: Map<number, bigint>; free: number | null } {
    let v = new Map(cols.map((c) => [c, 1n]));
    for (;;) {
      if (v.size === 0) return { rest: v, free: null };
      const c = Math.min(...v.keys());
      const row = this.rows.get(c);
      if (!row) return { rest: v, free: c };
      const a = row.get(c)!;
      const b = v.get(c)!;
      const next = new Map<number, bigint>();
      for (const [k, x] of v) next.set(k, x * a);
      for (const [k, x] of row) {
        const y = (next.get(k) ?? 0n) - x * b;
        if (y === 0n) next.delete(k);
        else next.set(k, y);
      }
      let g = 0n;
      for (const x of next.values()) g = Span.gcd(g, x);
      if (g > 1n) for (const [k, x] of next) next.set(k, x / g);
      v = next;
    }
  }

  add(cols: readonly number[]) {
    const { rest, free } = this.reduce(cols);
    if (free !== null) this.rows.set(free, rest);
  }

  contains(cols: readonly number[]): boolean {
    return this.reduce(cols).free === null;
  }
}

/** What a row shows of its unit and staff group. */
type Label = { unit: string | null; group: string | null };
const labelKey = (l: Label) => `${l.unit ?? ""}/${l.group ?? ""}`;

/**
 * The unit and staff group each cell's rows show. Each distinct label is a class of rows; the
 * file then publishes, per class, its rows — hence every sum over the class. A class must be
 * (a) at least k rows (or none), and (b) a linear combination of published aggregates, so its
 * figures tell nothing the results do not. A cell starts at the most it may show — both when
 * its unit × staff group is published, else its unit if that is published, else its staff
 * group — and is coarsened (both → unit → nothing, or both → staff group → nothing) class by
 * class until every class passes; the rows showing nothing form the last class, which must
 * pass too, else the smallest class joins it until it does.
 */
export function responseLabels(
  input: Pick<SuppressionInput, "k" | "cells" | "aggregates">,
  published: ReadonlySet<string>,
  cellParts: ReadonlyMap<string, { unitId: string; staffGroupId: string }>,
): Map<string, Label> {
  const { k } = input;
  const live = input.cells.filter((c) => c.n > 0);
  const column = new Map(live.map((c, i) => [c.key, i]));
  const span = new Span();
  // Smaller aggregates first keeps the echelon rows short (cells, then their unions).
  const rows = input.aggregates
    .filter((a) => published.has(a.key))
    .map((a) => a.cells.flatMap((c) => (column.has(c) ? [column.get(c)!] : [])))
    .filter((cols) => cols.length > 0)
    .sort((x, y) => x.length - y.length);
  for (const cols of rows) span.add(cols);

  const labels = new Map<string, Label>();
  for (const c of live) {
    const { unitId, staffGroupId } = cellParts.get(c.key)!;
    const unit = unitId !== UNKNOWN && published.has(unitKey(unitId)) ? unitId : null;
    const group =
      staffGroupId !== UNKNOWN && published.has(staffGroupKey(staffGroupId)) ? staffGroupId : null;
    const both =
      unit !== null && group !== null && published.has(unitStaffGroupKey(unitId, staffGroupId));
    labels.set(
      c.key,
      both ? { unit, group } : unit ? { unit, group: null } : { unit: null, group },
    );
  }
  const coarser = (l: Label): Label =>
    l.unit !== null && l.group !== null
      ? { unit: l.unit, group: null }
      : { unit: null, group: null };

  const classes = () => {
    const out = new Map<string, { label: Label; cells: string[]; n: number }>();
    for (const c of live) {
      const label = labels.get(c.key)!;
      const key = labelKey(label);
      const at = out.get(key) ?? { label, cells: [], n: 0 };
      at.cells.push(c.key);
      at.n += c.n;
      out.set(key, at);
    }
    return out;
  };
  const passes = (cls: { cells: string[]; n: number }) =>
    cls.n >= k && span.contains(cls.cells.map((c) => column.get(c)!));

  for (;;) {
    const all = [...classes().values()];
    const failing = all.find(
      (c) => (c.label.unit !== null || c.label.group !== null) && !passes(c),
    );
    if (failing) {
      for (const c of failing.cells) labels.set(c, coarser(labels.get(c)!));
      continue;
    }
    const blank = all.find((c) => c.label.unit === null && c.label.group === null);
    if (!blank || passes(blank)) break;
    const labelled = all.filter((c) => c !== blank).sort((a, b) => a.n - b.n);
    if (labelled.length === 0) break;
    for (const c of labelled[0].cells) labels.set(c, { unit: null, group: null });
  }
  return labels;
}

/** An answer as a CSV cell: numbers stay numbers, yes/no is 1/0, choices their values. */
function answerCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}

/**
 * The response file of a closed cycle: needs `survey.manage` and `survey.results.view` (those
 * who run the survey and read its results — the coordinators). Refused (409) when the centre's
 * results are hidden: then even an unlabelled list would be the answers of fewer than k people.
 */
export async function exportResponsesCsv(
  actor: Actor,
  cycleId: string,
  opts: { locale: Locale },
): Promise<DownloadFile> {
  requirePermission(actor, "survey.manage");
  const t = translator(opts.locale);
  const views = await cycleResultsAll(actor, cycleId);
  const first = views.unit;
  if (!first.centre || first.centre.suppressed) {
    throw new AppError("conflict", { _form: "errors.surveyResponsesHidden" });
  }
  const { cycle, instrument } = await closedCycle(db(), actor, cycleId);
  const structure: CycleStructure = await cycleStructure(db(), actor.centreId);
  const published = new Set<string>([CENTRE_KEY]);
  for (const by of RESULT_VIEWS) {
    for (const g of views[by].groups) if (!g.suppressed) published.add(g.key);
  }

  const responses = await db()
    .select({
      unitId: surveyResponse.unitId,
      staffGroupId: surveyResponse.staffGroupId,
      answers: surveyResponse.answers,
      scores: surveyResponse.scores,
    })
    .from(surveyResponse)
    .where(eq(surveyResponse.cycleId, cycle.id))
    // Random UUIDv4 ids: an order that says nothing about when anyone answered.
    .orderBy(asc(surveyResponse.id));

  const counts = new Map<
    string,
    { unitId: string | null; staffGroupId: string | null; n: number }
  >();
  const cellParts = new Map<string, { unitId: string; staffGroupId: string }>();
  const cellOfRow = responses.map((r) => {
    const cell = cellOf(structure, r.unitId, r.staffGroupId);
    const key = cellKey(cell.unitId, cell.staffGroupId);
    cellParts.set(key, cell);
    const at = counts.get(key) ?? { unitId: r.unitId, staffGroupId: r.staffGroupId, n: 0 };
    at.n++;
    counts.set(key, at);
    return key;
  });
  const base = suppressionCells(structure, [...counts.values()]);
  const labels = responseLabels(
    { k: cycle.minGroupSize, cells: base.cells, aggregates: base.aggregates },
    published,
    cellParts,
  );

  const unitNames = new Map(structure.units.map((u) => [u.id, u.name]));
  const groupNames = new Map(structure.staffGroups.map((g) => [g.id, g.name]));
  const definition = instrument.definition;
  const items = allItems(definition)
    .map(({ item }) => item)
    .filter((item) => item.kind !== "text");
  const header: Cell[] = [
    t("surveyResults.csv.row"),
    t("surveyResults.csv.unit"),
    t("surveyResults.csv.staffGroup"),
    ...definition.scales.map((s) =>
      t("surveyResults.csv.scale", { name: localized(s.name, opts.locale) }),
    ),
    ...items.map((i) => i.id),
  ];
  const rows: Cell[][] = [header];
  responses.forEach((r, i) => {
    const label = labels.get(cellOfRow[i]) ?? { unit: null, group: null };
    rows.push([
      i + 1,
      label.unit ? (unitNames.get(label.unit) ?? null) : null,
      label.group ? (groupNames.get(label.group) ?? null) : null,
      ...definition.scales.map((s) => {
        const score = r.scores[s.id]?.score;
        // A decimal comma: the file is ";"-separated, the form Polish Excel opens as numbers.
        return typeof score === "number" ? formatNumber(score, "pl", 2) : null;
      }),
      ...items.map((item) => answerCell(r.answers[item.id])),
    ]);
  });

  await auditExport(actor, cycle.id, { format: "csv" });
  return {
    body: toCsv(rows),
    fileName: `odpowiedzi-${fileSlug(cycle.name)}.csv`,
    contentType: CSV_CONTENT_TYPE,
  };
}
