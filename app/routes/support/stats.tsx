// /support/stats — confidential support in numbers, for coordinators and management: bookings
// per month, kind and specialist, how they ended, and hours used against each contract. No
// person appears here; the employee and the specialist are the only ones who know who booked.
// The period is always whole months (the service widens the days asked), so no count covers a
// single day; the fields say so, and the line under them shows the period actually counted.
import { Form, useLoaderData } from "react-router";
import { kindKey } from "../../../modules/support/booking-labels.ts";
import { hoursText } from "../../../modules/support/calendar-shared.ts";
import { type OutcomeCounts, supportStats } from "../../../modules/support/support-stats.ts";
import { AppError, type FieldErrors } from "../../../platform/errors.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import {
  Chart,
  ChartTable,
  type DataTable,
  MeanBars,
  StackedBars,
} from "../../components/charts.tsx";
import { Field } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useI18n, useT } from "../../lib/i18n.tsx";
import { load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/stats";
import "../../components/support/calendar.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.stats.view");
  const params = pageParams(new URL(request.url));
  const period = { from: params.from ?? "", to: params.to ?? "" };
  try {
    return { stats: await supportStats(actor, period), fieldErrors: null, values: period };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation") throw e;
    // A period that cannot be read is said next to its field; the default period is shown.
    const stats = await load(() => supportStats(actor, {}));
    return { stats, fieldErrors: e.fieldErrors as FieldErrors, values: period };
  }
}

const COLUMNS = ["tookPlace", "noShow", "unmarked", "upcoming", "cancelled"] as const;

export default function SupportStatsPage() {
  const t = useT();
  const { locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const s = d.stats;
  const state = d.fieldErrors ? { fieldErrors: d.fieldErrors, values: d.values } : undefined;
  const hours = (minutes: number) => hoursText(minutes, locale);
  const monthName = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const monthLabel = (m: string) => monthName.format(new Date(`${m}-15T12:00:00Z`));
  const headers = [
    ...COLUMNS.map((c) => t(`support.stats.${c}` as MessageKey)),
    t("support.stats.all"),
    t("support.stats.hoursUsed"),
  ];
  const cells = (c: OutcomeCounts) => [...COLUMNS.map((k) => c[k]), c.all, hours(c.minutesUsed)];
  const countsTable = (first: string, rows: { header: string; c: OutcomeCounts }[]): DataTable => ({
    headers: [first, ...headers],
    rows: rows.map((r) => ({ header: r.header, cells: cells(r.c) })),
  });
  const query = new URLSearchParams({ from: s.from, to: s.to });
  const monthsTable = countsTable(t("support.stats.month"), [
    ...s.byMonth.map((m) => ({ header: monthLabel(m.month), c: m })),
    { header: t("support.stats.total"), c: s.totals },
  ]);
  const contractsTable: DataTable = {
    headers: [
      t("support.stats.contract"),
      t("support.stats.contractHours"),
      t("support.stats.hoursUsed"),
      t("support.stats.hoursBooked"),
      t("support.stats.hoursLeft"),
    ],
    rows: s.contracts.map((c) => ({
      header: `${c.name} (${formatDate(c.periodStart)} – ${formatDate(c.periodEnd)})`,
      cells: [
        c.hours,
        hours(c.minutesUsed),
        hours(c.minutesBooked),
        hours(Math.max(0, c.hours * 60 - c.minutesUsed)),
      ],
    })),
  };
  return (
    <Page title={t("support.stats.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p>{t("support.stats.intro")}</p>
      <Notice>{t("support.stats.confidential")}</Notice>

      <Form method="get" className="filters stats-period">
        {/* Keyed by the period counted: after "Pokaż" the fields show the whole months used. */}
        <Field
          key={`from-${s.from}`}
          name="from"
          type="date"
          label={t("support.stats.from")}
          hint={t("support.stats.fromHint")}
          defaultValue={s.from}
          state={state}
          required
        />
        <Field
          key={`to-${s.to}`}
          name="to"
          type="date"
          label={t("support.stats.to")}
          hint={t("support.stats.toHint")}
          defaultValue={s.to}
          state={state}
          required
        />
        <button type="submit">{t("support.stats.show")}</button>
      </Form>
      <p role="status">
        {t("support.stats.periodShown", { from: formatDate(s.from), to: formatDate(s.to) })}
      </p>

      <ul className="stats">
        <li>
          {t("support.stats.all")}: <strong>{s.totals.all}</strong>
        </li>
        <li>
          {t("support.stats.tookPlace")}: <strong>{s.totals.tookPlace}</strong>
        </li>
        <li>
          {t("support.stats.noShow")}: <strong>{s.totals.noShow}</strong>
        </li>
        <li>
          {t("support.stats.upcoming")}: <strong>{s.totals.upcoming}</strong>
        </li>
        <li>
          {t("support.stats.cancelled")}: <strong>{s.totals.cancelled}</strong>
        </li>
        <li>
          {t("support.stats.hoursUsed")}: <strong>{hours(s.totals.minutesUsed)}</strong>
        </li>
      </ul>
      <p className="stats-exports">
        <a href={`/support/stats/export?format=xlsx&${query}`} download>
          {t("support.stats.exportXlsx")}
        </a>
        <a href={`/support/stats/export?format=csv&${query}`} download>
          {t("support.stats.exportCsv")}
        </a>
      </p>

      <h2>{t("support.stats.byMonth")}</h2>
      <Chart
        id="months"
        caption={t("support.stats.byMonthCaption")}
        chart={
          <StackedBars
            legend={COLUMNS.map((c) => ({
              label: t(`support.stats.${c}` as MessageKey),
              tone: c === "tookPlace" ? 0 : c === "noShow" ? 3 : null,
            }))}
            rows={s.byMonth.map((m) => ({
              label: monthLabel(m.month),
              shares: m.all ? COLUMNS.map((c) => m[c] / m.all) : null,
              texts: COLUMNS.map((c) => String(m[c])),
              note: t("support.stats.none"),
            }))}
          />
        }
        table={monthsTable}
      />

      <h2>{t("support.stats.byKind")}</h2>
      <ChartTable
        caption={t("support.stats.byKind")}
        table={countsTable(
          t("support.stats.kind"),
          s.byKind.map((k) => ({ header: t(kindKey(k.kind)), c: k })),
        )}
      />

      <h2>{t("support.stats.bySpecialist")}</h2>
      {s.bySpecialist.length === 0 ? (
        <p>{t("support.stats.noSpecialists")}</p>
      ) : (
        <ChartTable
          caption={t("support.stats.bySpecialist")}
          table={countsTable(
            t("support.stats.specialist"),
            s.bySpecialist.map((r) => ({
              header: `${r.name}${r.provider ? ` (${r.provider})` : ""}${r.active ? "" : ` — ${t("support.stats.inactive")}`}`,
              c: r,
            })),
          )}
        />
      )}

      <h2>{t("support.stats.contracts")}</h2>
      <p>{t("support.stats.contractsIntro")}</p>
      {s.contracts.length === 0 ? (
        <p>{t("support.stats.noContracts")}</p>
      ) : (
        <Chart
          id="contracts"
          caption={t("support.stats.contractsCaption")}
          chart={
            <MeanBars
              rows={s.contracts.map((c) => {
                const share = (c.minutesUsed / 60 / c.hours) * 100;
                return {
                  label: `${c.name} (${formatDate(c.periodStart)} – ${formatDate(c.periodEnd)})`,
                  mean: share,
                  ci: null,
                  tone: share > 100 ? 3 : share >= 90 ? 2 : null,
                  text: `${Math.round(share)} %`,
                };
              })}
            />
          }
          table={contractsTable}
        />
      )}
    </Page>
  );
}
