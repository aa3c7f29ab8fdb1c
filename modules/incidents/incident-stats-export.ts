// The incident analysis as an XLSX workbook: the register of the period (no descriptions, case
// numbers or names — those stay behind the application's access rules), then the counts as on
// the statistics page, one sheet each. Every export is audited.
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { type Locale, startOfWarsawDay, translator } from "../../platform/i18n.ts";
import { type Cell, toXlsxWorkbook, XLSX_CONTENT_TYPE } from "../../platform/spreadsheet.ts";
import { addDays, warsawDay, warsawTime } from "../../platform/warsaw-time.ts";
import type { Actor } from "../access/actor.ts";
import { orgUnit } from "../org/schema.ts";
import { visibleIncidents } from "./incident-scope.ts";
import { incidentStats } from "./incident-stats.ts";
import { kindName, placeName, severityName } from "./labels.ts";
import { overdueSteps } from "./list-incidents.ts";
import { incident, incidentKind } from "./schema.ts";

export async function exportIncidentStats(
  actor: Actor,
  query: Record<string, unknown>,
  locale: Locale,
  now = new Date(),
): Promise<DownloadFile> {
  const s = await incidentStats(actor, query, now);
  const t = translator(locale);
  const register = await db()
    .select({
      number: incident.number,
      occurredAt: incident.occurredAt,
      kindKey: incidentKind.key,
      kindLabel: incidentKind.label,
      severity: incident.severity,
      place: incident.place,
      unitName: orgUnit.name,
      injuries: incident.injuries,
      policeCalled: incident.policeCalled,
      status: incident.status,
      overdue: overdueSteps,
    })
    .from(incident)
    .innerJoin(incidentKind, eq(incidentKind.id, incident.kindId))
    .leftJoin(orgUnit, eq(orgUnit.id, incident.unitId))
    .where(
      and(
        await visibleIncidents(actor),
        gte(incident.occurredAt, startOfWarsawDay(s.from)),
        lt(incident.occurredAt, startOfWarsawDay(addDays(s.to, 1))),
      ),
    )
    .orderBy(asc(incident.occurredAt));
  const yesNo = (v: boolean) => t(v ? "common.yes" : "common.no");
  const count = t("incidents.stats.count");
  const sheets: { name: string; rows: Cell[][] }[] = [
    {
      name: t("incidents.stats.sheetRegister"),
      rows: [
        [
          t("incidents.field.number"),
          t("incidents.field.date"),
          t("incidents.field.time"),
          t("incidents.field.kind"),
          t("incidents.field.severity"),
          t("incidents.field.place"),
          t("incidents.field.unit"),
          t("incidents.field.injuries"),
          t("incidents.field.policeCalled"),
          t("incidents.field.status"),
          t("incidents.stats.overdueSteps"),
        ],
        ...register.map((r) => [
          r.number,
          { date: warsawDay(r.occurredAt) },
          warsawTime(r.occurredAt),
          kindName(t, { key: r.kindKey, label: r.kindLabel }),
          severityName(t, r.severity),
          placeName(t, r.place),
          r.unitName ?? "",
          yesNo(r.injuries),
          yesNo(r.policeCalled),
          t(r.status === "open" ? "incidents.status.open" : "incidents.status.closed"),
          r.overdue,
        ]),
      ],
    },
    {
      name: t("incidents.stats.byMonth"),
      rows: [[t("incidents.stats.month"), count], ...s.byMonth.map((r) => [r.month, r.n])],
    },
    {
      name: t("incidents.stats.byUnit"),
      rows: [
        [t("incidents.field.unit"), count],
        ...s.byUnit.map((r) => [r.unitName ?? t("incidents.stats.noUnit"), r.n]),
      ],
    },
    {
      name: t("incidents.stats.byKind"),
      rows: [[t("incidents.field.kind"), count], ...s.byKind.map((r) => [kindName(t, r), r.n])],
    },
    {
      name: t("incidents.stats.bySeverity"),
      rows: [
        [t("incidents.field.severity"), count],
        ...s.bySeverity.map((r) => [severityName(t, r.severity), r.n]),
      ],
    },
    {
      name: t("incidents.stats.byPlace"),
      rows: [
        [t("incidents.field.place"), count],
        ...s.byPlace.map((r) => [placeName(t, r.place), r.n]),
      ],
    },
    {
      name: t("incidents.stats.heat"),
      rows: [
        [t("incidents.field.unit"), ...s.months, t("incidents.stats.total")],
        ...s.heat.map((h) => [h.unitName ?? t("incidents.stats.noUnit"), ...h.cells, h.total]),
      ],
    },
    {
      name: t("incidents.stats.stepTimes"),
      rows: [
        [t("incidents.pdf.step"), t("incidents.stats.stepsDone"), t("incidents.stats.medianHours")],
        ...s.stepTimes.map((r) => [r.title, r.done, r.medianHours]),
      ],
    },
  ];
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "incident.stats.export",
    entityType: "incident",
    details: { from: s.from, to: s.to, rows: register.length },
    requestId: actor.requestId,
  });
  return {
    body: toXlsxWorkbook(sheets),
    fileName: `${locale === "pl" ? "zdarzenia" : "incidents"}-${s.from}-${s.to}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
  };
}
