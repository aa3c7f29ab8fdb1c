// What the organisation may know about confidential support: how many meetings there were, per
// month, kind and specialist, how they ended, and the hours used against each contract. Never
// a person: no employee, unit, position or booking id leaves this file, only counts and hours.
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { type Locale, startOfWarsawDay, translator } from "../../platform/i18n.ts";
import { monthsBetween, statsPeriod } from "../../platform/month-period.ts";
import {
  type Cell,
  CSV_CONTENT_TYPE,
  toCsv,
  toXlsxWorkbook,
  XLSX_CONTENT_TYPE,
} from "../../platform/spreadsheet.ts";
import { addDays } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { kindKey } from "./booking-labels.ts";
import { contractUsage } from "./contracts.ts";
import { SUPPORT_KINDS, type SupportKind, supportBooking, supportSpecialist } from "./schema.ts";

export type OutcomeCounts = {
  tookPlace: number;
  noShow: number;
  /** Started, still waiting for the specialist's mark. */
  unmarked: number;
  upcoming: number;
  cancelled: number;
  /** Every booking, cancelled ones included. */
  all: number;
  /** Minutes of meetings that took place or were missed: the contract pays for both. */
  minutesUsed: number;
};

export type SupportStats = {
  from: string;
  to: string;
  totals: OutcomeCounts;
  byMonth: ({ month: string } & OutcomeCounts)[];
  byKind: ({ kind: SupportKind } & OutcomeCounts)[];
  bySpecialist: ({
    specialistId: string;
    name: string;
    provider: string;
    active: boolean;
  } & OutcomeCounts)[];
  contracts: {
    id: string;
    specialistId: string;
    name: string;
    periodStart: string;
    periodEnd: string;
    hours: number;
    /** Took place or no-show, within the contract's own period. */
    minutesUsed: number;
    /** Still booked (upcoming or unmarked) within the contract's period. */
    minutesBooked: number;
  }[];
};

const emptyCounts = (): OutcomeCounts => ({
  tookPlace: 0,
  noShow: 0,
  unmarked: 0,
  upcoming: 0,
  cancelled: 0,
  all: 0,
  minutesUsed: 0,
});

type Bucket = "took_place" | "no_show" | "unmarked" | "upcoming" | "cancelled";

/** Pure: adds `n` bookings of `minutes` in all in one bucket to a row of counts. */
export function addToCounts(c: OutcomeCounts, bucket: Bucket, n: number, minutes: number) {
  c.all += n;
  if (bucket === "took_place") c.tookPlace += n;
  else if (bucket === "no_show") c.noShow += n;
  else if (bucket === "unmarked") c.unmarked += n;
  else if (bucket === "upcoming") c.upcoming += n;
  else c.cancelled += n;
  if (bucket === "took_place" || bucket === "no_show") c.minutesUsed += minutes;
}

/**
 * Counts of the centre's support bookings in a period of whole months (`statsPeriod`, platform/month-period.ts); the
 * answer's `from`/`to` are the period actually counted. support.stats.view only.
 */
export async function supportStats(
  actor: Actor,
  query: unknown,
  now = new Date(),
): Promise<SupportStats> {
  requirePermission(actor, "support.stats.view");
  const { from, to } = statsPeriod(query, now);
  const start = startOfWarsawDay(from);
  const end = startOfWarsawDay(addDays(to, 1));
  const bucket = sql<Bucket>`case
    when ${supportBooking.status} = 'booked' and ${supportBooking.startsAt} > ${now} then 'upcoming'
    when ${supportBooking.status} = 'booked' then 'unmarked'
    else ${supportBooking.status} end`;
  const month = sql<string>`to_char(${supportBooking.startsAt} at time zone 'Europe/Warsaw', 'YYYY-MM')`;
  const minutes = sql<number>`coalesce(sum(extract(epoch from ${supportBooking.endsAt} - ${supportBooking.startsAt}) / 60), 0)::int`;
  const q = db();
  const [groups, specialists, contracts] = await Promise.all([
    q
      .select({
        month,
        kind: supportBooking.kind,
        specialistId: supportBooking.specialistId,
        bucket,
        n: sql<number>`count(*)::int`,
        minutes,
      })
      .from(supportBooking)
      .where(
        and(
          eq(supportBooking.centreId, actor.centreId),
          gte(supportBooking.startsAt, start),
          lt(supportBooking.startsAt, end),
        ),
      )
      // By position: the bucket's expression holds a parameter, which GROUP BY cannot match.
      .groupBy(sql`1`, sql`2`, sql`3`, sql`4`),
    q
      .select({
        id: supportSpecialist.id,
        name: supportSpecialist.name,
        provider: supportSpecialist.provider,
        active: supportSpecialist.active,
      })
      .from(supportSpecialist)
      .where(eq(supportSpecialist.centreId, actor.centreId))
      .orderBy(asc(supportSpecialist.name)),
    contractUsage(q, actor.centreId, { overlapping: { from, to } }),
  ]);

  const totals = emptyCounts();
  const byMonth = new Map(monthsBetween(from, to).map((m) => [m, emptyCounts()]));
  const byKind = new Map(SUPPORT_KINDS.map((k) => [k, emptyCounts()]));
  const bySpecialist = new Map<string, OutcomeCounts>();
  for (const g of groups) {
    const n = Number(g.n);
    const mins = Number(g.minutes);
    addToCounts(totals, g.bucket, n, mins);
    const m = byMonth.get(g.month);
    if (m) addToCounts(m, g.bucket, n, mins);
    const k = byKind.get(g.kind);
    if (k) addToCounts(k, g.bucket, n, mins);
    if (!bySpecialist.has(g.specialistId)) bySpecialist.set(g.specialistId, emptyCounts());
    addToCounts(bySpecialist.get(g.specialistId)!, g.bucket, n, mins);
  }

  const nameOf = new Map(specialists.map((s) => [s.id, s.name]));
  return {
    from,
    to,
    totals,
    byMonth: [...byMonth].map(([m, c]) => ({ month: m, ...c })),
    byKind: [...byKind].map(([kind, c]) => ({ kind, ...c })),
    // Every active specialist, and inactive ones that had bookings in the period.
    bySpecialist: specialists
      .filter((s) => s.active || bySpecialist.has(s.id))
      .map((s) => ({
        specialistId: s.id,
        name: s.name,
        provider: s.provider,
        active: s.active,
        ...(bySpecialist.get(s.id) ?? emptyCounts()),
      })),
    contracts: contracts.map((c) => ({
      id: c.id,
      specialistId: c.specialistId,
      name: nameOf.get(c.specialistId) ?? "",
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      hours: c.hours,
      minutesUsed: c.usedMinutes,
      minutesBooked: c.bookedMinutes,
    })),
  };
}

export const STATS_EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type StatsExportFormat = (typeof STATS_EXPORT_FORMATS)[number];

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/** The report's tables as rows of cells (header first), one per sheet. */
export function statsSheets(s: SupportStats, locale: Locale): { name: string; rows: Cell[][] }[] {
  const t = translator(locale);
  const countHeaders = [
    t("support.stats.tookPlace"),
    t("support.stats.noShow"),
    t("support.stats.unmarked"),
    t("support.stats.upcoming"),
    t("support.stats.cancelled"),
    t("support.stats.all"),
    t("support.stats.hoursUsed"),
  ];
  const counts = (c: OutcomeCounts): Cell[] => [
    c.tookPlace,
    c.noShow,
    c.unmarked,
    c.upcoming,
    c.cancelled,
    c.all,
    hours(c.minutesUsed),
  ];
  return [
    {
      name: t("support.stats.sheetMonths"),
      rows: [
        [t("support.stats.month"), ...countHeaders],
        ...s.byMonth.map((r) => [r.month, ...counts(r)]),
        [t("support.stats.total"), ...counts(s.totals)],
      ],
    },
    {
      name: t("support.stats.sheetKinds"),
      rows: [
        [t("support.stats.kind"), ...countHeaders],
        ...s.byKind.map((r) => [t(kindKey(r.kind)), ...counts(r)]),
      ],
    },
    {
      name: t("support.stats.sheetSpecialists"),
      rows: [
        [t("support.stats.specialist"), t("support.stats.provider"), ...countHeaders],
        ...s.bySpecialist.map((r) => [r.name, r.provider, ...counts(r)]),
      ],
    },
    {
      name: t("support.stats.sheetContracts"),
      rows: [
        [
          t("support.stats.specialist"),
          t("support.stats.periodStart"),
          t("support.stats.periodEnd"),
          t("support.stats.contractHours"),
          t("support.stats.hoursUsed"),
          t("support.stats.hoursBooked"),
          t("support.stats.hoursLeft"),
        ],
        ...s.contracts.map((c): Cell[] => [
          c.name,
          { date: c.periodStart },
          { date: c.periodEnd },
          c.hours,
          hours(c.minutesUsed),
          hours(c.minutesBooked),
          Math.round((c.hours - c.minutesUsed / 60) * 100) / 100,
        ]),
      ],
    },
  ];
}

/** The report as a CSV (the sheets one after another, each under its name) or an XLSX file. */
export async function exportSupportStats(
  actor: Actor,
  query: unknown,
  format: StatsExportFormat,
  locale: Locale,
  now = new Date(),
): Promise<DownloadFile> {
  const stats = await supportStats(actor, query, now);
  const sheets = statsSheets(stats, locale);
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "support.stats.export",
    entityType: "support_stats",
    details: { format, from: stats.from, to: stats.to },
    requestId: actor.requestId,
  });
  const base = `${locale === "pl" ? "wsparcie-statystyki" : "support-statistics"}-${stats.from}-${stats.to}`;
  if (format === "xlsx") {
    return {
      body: toXlsxWorkbook(sheets),
      fileName: `${base}.xlsx`,
      contentType: XLSX_CONTENT_TYPE,
    };
  }
  const rows: Cell[][] = [];
  for (const sheet of sheets) {
    if (rows.length) rows.push([]);
    rows.push([sheet.name]);
    rows.push(...sheet.rows);
  }
  return { body: toCsv(rows), fileName: `${base}.csv`, contentType: CSV_CONTENT_TYPE };
}
