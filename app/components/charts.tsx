// Charts drawn as plain SVG, each in a figure with its data as a table beside it: the picture is
// for the eye (hidden from screen readers), the table carries every number for everyone. Colours
// are never the only carrier: bars hold their values as text, segments keep the legend's order.
import type { ReactNode } from "react";
import { useT } from "../lib/i18n.tsx";
import "./charts.css";

/** 0 = favourable … 3 = most worrying (see modules/survey/result-text.ts bandTone). */
export type Tone = 0 | 1 | 2 | 3;

export type DataTable = {
  /** Header of the first column (the row names), then of each value column. */
  headers: string[];
  rows: { header: string; cells: ReactNode[] }[];
};

/** A scrollable, keyboard-reachable region for a wide table (WCAG 1.4.10 reflow at 320 px). */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable so keyboard users can scroll it
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

export function ChartTable({ caption, table }: { caption: string; table: DataTable }) {
  return (
    <ScrollRegion label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.headers.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? "num" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.header}>
              <th scope="row">{r.header}</th>
              {r.cells.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                <td key={i} className="num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A chart and its data table, under one caption. */
export function Chart({
  id,
  caption,
  chart,
  table,
}: {
  id: string;
  caption: string;
  chart: ReactNode;
  table: DataTable;
}) {
  const t = useT();
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{caption}</figcaption>
      <div className="chart-body">
        <div className="chart-picture" aria-hidden="true">
          {chart}
        </div>
        <ChartTable caption={t("chart.dataOf", { chart: caption })} table={table} />
      </div>
    </figure>
  );
}

const clamp = (x: number) => Math.max(0, Math.min(100, x));

/**
 * Horizontal bars on a 0–100 axis, with the 95 % confidence interval as a whisker. The value
 * is printed at the end of each bar.
 */
export function MeanBars({
  rows,
}: {
  rows: {
    label: string;
    mean: number | null;
    ci: [number, number] | null;
    tone: Tone | null;
    text: string;
  }[];
}) {
  return (
    <div className="bars">
      {rows.map((r) => (
        <div className="bar-row" key={r.label}>
          <span className="bar-label">{r.label}</span>
          <svg
            className="bar-svg"
            viewBox="0 0 100 12"
            preserveAspectRatio="none"
            focusable="false"
            aria-hidden="true"
          >
            <rect x="0" y="0" width="100" height="12" className="bar-track" />
            {[25, 50, 75].map((x) => (
              <line key={x} x1={x} x2={x} y1="0" y2="12" className="bar-grid" />
            ))}
            {r.mean !== null && (
              <rect
                x="0"
                y="2"
                width={clamp(r.mean)}
                height="8"
                className={`bar-fill tone-${r.tone ?? "none"}`}
              />
            )}
            {r.ci && (
              <g className="bar-ci">
                <line x1={clamp(r.ci[0])} x2={clamp(r.ci[1])} y1="6" y2="6" />
                <line x1={clamp(r.ci[0])} x2={clamp(r.ci[0])} y1="3" y2="9" />
                <line x1={clamp(r.ci[1])} x2={clamp(r.ci[1])} y1="3" y2="9" />
              </g>
            )}
          </svg>
          <span className="bar-value">{r.text}</span>
        </div>
      ))}
      <div className="bar-row bar-axis">
        <span className="bar-label" />
        <span className="bar-ticks">
          <span>0</span>
          <span>50</span>
          <span>100</span>
        </span>
        <span className="bar-value" />
      </div>
    </div>
  );
}

/**
 * 100 % stacked bars: each row's shares of some ordered categories (a scale's bands, an item's
 * answers). Segments follow the legend's order; a share of 12 % or more is printed inside.
 */
export function StackedBars({
  rows,
  legend,
}: {
  rows: { label: string; shares: number[] | null; texts: string[]; note?: string }[];
  /** With tones: good-to-bad colours; without (ordered answers): shades of one colour. */
  legend: { label: string; tone: Tone | null }[];
}) {
  const colour = (i: number) => {
    const tone = legend[i]?.tone;
    if (tone !== null && tone !== undefined) return `tone-${tone}`;
    const last = Math.max(1, legend.length - 1);
    return `seq-${Math.round((i / last) * 5)}`;
  };
  return (
    <div className="bars">
      <ul className="legend">
        {legend.map((l, i) => (
          <li key={l.label}>
            <span className={`swatch ${colour(i)}`} />
            {l.label}
          </li>
        ))}
      </ul>
      {rows.map((r) => {
        return (
          <div className="bar-row" key={r.label}>
            <span className="bar-label">{r.label}</span>
            {r.shares ? (
              <span className="stack">
                {r.shares.map((share, i) => {
                  const width = Math.max(0, share * 100);
                  return width > 0 ? (
                    <span
                      // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional
                      key={i}
                      className={`stack-part ${colour(i)} w-${Math.round(width)}`}
                    >
                      {width >= 12 ? r.texts[i] : ""}
                    </span>
                  ) : null;
                })}
              </span>
            ) : (
              <span className="stack-note">{r.note}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
