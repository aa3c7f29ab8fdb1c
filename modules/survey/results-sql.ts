/**
 * The figures of a cycle's results, computed by the database: one pass over the cycle's
 * responses, grouped by atomic cell (unit × staff group as recorded on the response), returns
 * per cell the respondent count and two arrays — counts and sums — laid out by `figureLayout`.
 * Every figure a report shows is a sum over respondents, so a group's figures are the
 * element-wise sum of its cells' arrays: a few hundred cells are added up in JavaScript, never
 * the responses themselves.
 *
 * The statement is written from the instrument's definition: each scale's valid-score count,
 * sum and sum of squares and its band counts (the band rule of `stats.ts`: from ≤ s < to, the
 * last band also s = to); each closed item's answer count and the count of each of its values;
 * and, for Cronbach's alpha, each pair of a scale's items answered together — n, Σx, Σy, Σxy of
 * the items' 0–100 scores (reversed where the scale says), the score expression also built
 * from the definition, as `itemScore` in scoring.ts computes it.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { allItems, type Instrument, type Item, isPointItem, type Scale } from "./instrument.ts";
import { itemScore } from "./scoring.ts";

/** What to compute: `light` is what a trend needs (per scale count, sum and sum of squares). */
export type FigureOptions = { bands: boolean; items: boolean; pairs: boolean };
export const FULL_FIGURES: FigureOptions = { bands: true, items: true, pairs: true };
export const SCALE_FIGURES: FigureOptions = { bands: false, items: false, pairs: false };

export type ScaleSlots = {
  id: string;
  /** Index in `counts` of the number of valid scores; the band counts follow it. */
  count: number;
  bands: number[];
  /** Index in `sums` of Σ score; Σ score² is next to it. */
  sum: number;
};

export type ItemSlots = {
  id: string;
  kind: Item["kind"];
  /** Index in `counts` of the number of respondents who answered the item. */
  answered: number;
  /** The item's possible values as keys ("3", "true", "option"), each with its count's index. */
  values: { key: string; count: number }[];
};

/** Pairwise sums of two items of a scale over the respondents who answered both. */
export type PairSlots = {
  i: number;
  j: number;
  n: number;
  sumX: number;
  sumY: number;
  sumXY: number;
};
export type ScalePairs = { scaleId: string; items: string[]; pairs: PairSlots[] };

export type FigureLayout = {
  options: FigureOptions;
  scales: ScaleSlots[];
  items: ItemSlots[];
  /** Number items: their values are not known in advance, so they are counted apart. */
  numberItems: string[];
  pairs: ScalePairs[];
  countSize: number;
  sumSize: number;
};

/** One atomic cell's figures; unit or staff group null when the response recorded none. */
export type CellFigures = {
  unitId: string | null;
  staffGroupId: string | null;
  n: number;
  counts: number[];
  sums: number[];
  /** Per number item: answer (as JSON text) → count. */
  numberValues: Record<string, Record<string, number>>;
};

// Identifiers and values come from a validated instrument (ids are [A-Za-z0-9_-]); they are
// still quoted as literals, never pasted raw.
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
const jsonLiteral = (value: unknown) => `${literal(JSON.stringify(value))}::jsonb`;
const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;
const numberLiteral = (x: number) => {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return `${x}::float8`;
};

/** SQL type an item's answer is read as (`jsonb_to_record` converts each once per response). */
function answerType(item: Item): string {
  switch (item.kind) {
    case "yesNo":
      return "boolean";
    case "single":
    case "text":
      return "text";
    case "multiple":
      return "jsonb";
    default:
      return "float8";
  }
}

/** The values an item's answers can take, with the key they are reported by and their test. */
function itemValues(item: Item, column: string): { key: string; test: string }[] {
  switch (item.kind) {
    case "likert":
    case "frequency":
      return item.points.map((p) => ({
        key: String(p.value),
        test: `${column} = ${numberLiteral(p.value)}`,
      }));
    case "yesNo":
      return [true, false].map((v) => ({ key: String(v), test: `${column} = ${v}` }));
    case "single":
      return item.options.map((o) => ({ key: o.value, test: `${column} = ${literal(o.value)}` }));
    case "multiple":
      return item.options.map((o) => ({
        key: o.value,
        test: `${column} @> ${jsonLiteral([o.value])}`,
      }));
    default:
      return [];
  }
}

/**
 * The SQL expression of an item's 0–100 score from its answer (a float8 column), with the
 * scale's reversal: for point items a CASE over the points, each score computed by `itemScore`
 * itself; for a bounded number item the linear formula.
 */
function itemScoreSql(item: Item, column: string, scale: Scale): string {
  const reverse = scale.reverse?.items.includes(item.id) ? scale.reverse.rule : undefined;
  if (isPointItem(item)) {
    const whens = item.points
      .map(
        (p) =>
          `when ${numberLiteral(p.value)} then ${numberLiteral(itemScore(item, p.value, reverse)!)}`,
      )
      .join(" ");
    return `(case ${column} ${whens} end)`;
  }
  if (item.kind === "number" && item.min !== undefined && item.max !== undefined) {
    const lo = item.min;
    const hi = item.max;
    const x = reverse === "max+min-x" ? `(${numberLiteral(hi + lo)} - ${column})` : column;
    const score = `((${x} - ${numberLiteral(lo)}) * 100 / ${numberLiteral(hi - lo)})`;
    return reverse === "100-score" ? `(100 - ${score})` : score;
  }
  throw new TypeError(`item ${item.id} has no score`);
}

type Built = { layout: FigureLayout; select: string };

const built = new Map<string, Built>();

/** The layout and the SELECT list for an instrument; cached, as definitions never change. */
function build(instrument: Instrument, options: FigureOptions, cacheKey?: string): Built {
  const key = cacheKey && `${cacheKey}:${options.bands}:${options.items}:${options.pairs}`;
  const cached = key ? built.get(key) : undefined;
  if (cached) return cached;

  const items = new Map(allItems(instrument).map(({ item }) => [item.id, item]));
  // Inner columns: a<i> the answer of each item used, s<j> each scale score, x<j>_<i> each
  // scale item's 0–100 score. The answers and scores are taken apart by one jsonb_to_record
  // each per response: a jsonb of this size is stored compressed, and every `->` on it would
  // decompress it again.
  const inner: string[] = [];
  const answerColumns: string[] = [];
  const scoreColumns: string[] = [];
  const counts: string[] = [];
  const sums: string[] = [];
  const answerColumn = new Map<string, string>();
  const answer = (item: Item) => {
    let column = answerColumn.get(item.id);
    if (!column) {
      column = `a${answerColumn.size}`;
      answerColumn.set(item.id, column);
      answerColumns.push(`${identifier(item.id)} ${answerType(item)}`);
      inner.push(`a.${identifier(item.id)} as ${column}`);
    }
    return column;
  };

  const scales: ScaleSlots[] = instrument.scales.map((scale, j) => {
    const s = `s${j}`;
    scoreColumns.push(`${identifier(scale.id)} jsonb`);
    inner.push(`(sc.${identifier(scale.id)} ->> 'score')::float8 as ${s}`);
    const slots: ScaleSlots = { id: scale.id, count: counts.length, bands: [], sum: sums.length };
    counts.push(`count(${s})`);
    sums.push(`sum(${s})`, `sum(${s} * ${s})`);
    if (options.bands) {
      const bands = scale.bands ?? [];
      bands.forEach((b, k) => {
        const last = k === bands.length - 1;
        slots.bands.push(counts.length);
        counts.push(
          `count(*) filter (where ${s} >= ${numberLiteral(b.from)} and ${s} ${last ? "<=" : "<"} ${numberLiteral(b.to)})`,
        );
      });
    }
    return slots;
  });

  const itemSlots: ItemSlots[] = [];
  const numberItems: string[] = [];
  if (options.items) {
    for (const item of items.values()) {
      if (item.kind === "text") continue;
      if (item.kind === "number") {
        numberItems.push(item.id);
        // The answered count still comes from the main pass, like every other item's.
      }
      const a = answer(item);
      const slots: ItemSlots = {
        id: item.id,
        kind: item.kind,
        answered: counts.length,
        values: [],
      };
      counts.push(`count(${a})`);
      for (const v of itemValues(item, a)) {
        slots.values.push({ key: v.key, count: counts.length });
        counts.push(`count(*) filter (where ${v.test})`);
      }
      itemSlots.push(slots);
    }
  }

  const pairs: ScalePairs[] = [];
  if (options.pairs) {
    instrument.scales.forEach((scale, j) => {
      const ids = scale.items.filter((id) => items.has(id));
      const x = ids.map((id, i) => {
        const column = `x${j}_${i}`;
        const item = items.get(id)!;
        answer(item); // declares the record column the score is computed from
        inner.push(`${itemScoreSql(item, `a.${identifier(id)}`, scale)} as ${column}`);
        return column;
      });
      const slots: PairSlots[] = [];
      for (let i = 0; i < x.length; i++) {
        for (let k = i; k < x.length; k++) {
          const [xi, xk] = [x[i], x[k]];
          slots.push({
            i,
            j: k,
            n: counts.length,
            sumX: sums.length,
            sumY: sums.length + 1,
            sumXY: sums.length + 2,
          });
          // x + y·0 is null when either is: the sums run over those who answered both.
          counts.push(i === k ? `count(${xi})` : `count(${xi} + ${xk} * 0)`);
          sums.push(
            i === k ? `sum(${xi})` : `sum(${xi} + ${xk} * 0)`,
            i === k ? `sum(${xi})` : `sum(${xk} + ${xi} * 0)`,
            `sum(${xi} * ${xk})`,
          );
        }
      }
      pairs.push({ scaleId: scale.id, items: ids, pairs: slots });
    });
  }

  const array = (parts: string[], type: string) =>
    parts.length ? `array[${parts.join(", ")}]::${type}[]` : `'{}'::${type}[]`;
  const answersRecord = answerColumns.length
    ? `\n    cross join lateral jsonb_to_record(r.answers) as a(${answerColumns.join(", ")})`
    : "";
  const scoresRecord = scoreColumns.length
    ? `\n    cross join lateral jsonb_to_record(r.scores) as sc(${scoreColumns.join(", ")})`
    : "";
  // The inner query names each column once; OFFSET 0 keeps it from being flattened into the
  // aggregate, where each expression would be computed again at every use.
  const select = `select unit_id, staff_group_id, count(*)::int as n,
  ${array(counts, "int")} as counts,
  ${array(sums, "float8")} as sums
from (select r.unit_id, r.staff_group_id${inner.map((c) => `,\n    ${c}`).join("")}
  from survey_response r${answersRecord}${scoresRecord}
  where r.cycle_id = $CYCLE offset 0) r
group by unit_id, staff_group_id`;
  const result: Built = {
    layout: {
      options,
      scales,
      items: itemSlots,
      numberItems,
      pairs,
      countSize: counts.length,
      sumSize: sums.length,
    },
    select,
  };
  if (key) {
    if (built.size >= 100) built.clear();
    built.set(key, result);
  }
  return result;
}

/** The layout of the figures `loadCellFigures` returns for this instrument and these options. */
export function figureLayout(instrument: Instrument, options: FigureOptions): FigureLayout {
  return build(instrument, options).layout;
}

/** The statement `loadCellFigures` runs, with $CYCLE for the cycle id (for EXPLAIN and tests). */
export function figureStatement(instrument: Instrument, options: FigureOptions): string {
  return build(instrument, options).select;
}

type Row = {
  unit_id: string | null;
  staff_group_id: string | null;
  n: number;
  counts: number[];
  sums: (number | null)[];
};

/**
 * Every cell of the cycle with its figures: one statement over the cycle's responses (and a
 * second, grouped by answer, only when the instrument has number items), in a transaction of
 * their own for the statement's settings — so `q` must not be inside a PGlite transaction. `instrumentId` keys
 * the cache of the generated statement.
 */
export async function loadCellFigures(
  q: Queryable,
  cycleId: string,
  instrument: Instrument,
  options: FigureOptions,
  instrumentId?: string,
): Promise<{ layout: FigureLayout; cells: CellFigures[] }> {
  const { layout, select } = build(instrument, options, instrumentId);
  const [head, tail] = select.split("$CYCLE");
  const statement: SQL = sql.join([sql.raw(head), sql`${cycleId}::uuid`, sql.raw(tail)], sql``);
  const { result, grouped } = await q.transaction(async (tx) => {
    // The statement is one wide aggregate: compiling its hundreds of expressions with JIT costs
    // seconds and saves nothing over a few thousand responses; and its groups are hashed in
    // memory rather than sorted on disk.
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    const main = (await tx.execute(statement)) as unknown as { rows: Row[] };
    if (layout.numberItems.length === 0) return { result: main, grouped: null };
    const ids = sql.join(
      layout.numberItems.map((id) => sql`${id}`),
      sql`, `,
    );
    const byValue = (await tx.execute(sql`
      select r.unit_id, r.staff_group_id, a.key, a.value::text as value, count(*)::int as n
      from survey_response r cross join lateral jsonb_each(r.answers) a
      where r.cycle_id = ${cycleId}::uuid and a.key in (${ids})
      group by 1, 2, 3, 4`)) as unknown as {
      rows: {
        unit_id: string | null;
        staff_group_id: string | null;
        key: string;
        value: string;
        n: number;
      }[];
    };
    return { result: main, grouped: byValue };
  });
  const cells = new Map<string, CellFigures>();
  const keyOf = (u: string | null, g: string | null) => `${u ?? ""}/${g ?? ""}`;
  for (const r of result.rows) {
    cells.set(keyOf(r.unit_id, r.staff_group_id), {
      unitId: r.unit_id,
      staffGroupId: r.staff_group_id,
      n: Number(r.n),
      counts: r.counts.map(Number),
      // A sum over no values is null in SQL; over figures it is 0.
      sums: r.sums.map((v) => (v === null ? 0 : Number(v))),
      numberValues: {},
    });
  }
  for (const r of grouped?.rows ?? []) {
    const cell = cells.get(keyOf(r.unit_id, r.staff_group_id));
    if (!cell) continue;
    cell.numberValues[r.key] ??= {};
    cell.numberValues[r.key][r.value] = Number(r.n);
  }
  return { layout, cells: [...cells.values()] };
}
