import { writeAudit } from "../../../platform/audit.ts";
import { db } from "../../../platform/db.ts";
import type { DownloadFile } from "../../../platform/download.ts";
import { type Locale, type MessageKey, translator } from "../../../platform/i18n.ts";
import { type Cell, tableFile } from "../../../platform/spreadsheet.ts";
import { type Actor, requirePermission } from "../../access/actor.ts";
import { accountStatuses } from "../../access/invitations.ts";
import { listEmployees } from "../employees.ts";

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const PAGE = 200;

/**
 * The employee list as the person sees it (the same filters, sorting and unit scope) as a CSV
 * or XLSX file. Its header uses the import's column names, so an edited export imports back.
 * Text that a spreadsheet would run as a formula is neutralised.
 */
export async function exportEmployees(
  actor: Actor,
  query: Record<string, string>,
  format: ExportFormat,
  locale: Locale,
): Promise<DownloadFile> {
  requirePermission(actor, "employees.view");
  const rows: Awaited<ReturnType<typeof listEmployees>>["rows"] = [];
  for (let page = 1; ; page++) {
    const list = await listEmployees(actor, { ...query, page, pageSize: PAGE });
    rows.push(...list.rows);
    if (list.rows.length < PAGE || rows.length >= list.total) break;
  }
  const statuses = await accountStatuses(actor, rows);
  const t = translator(locale);
  const table: Cell[][] = [
    [
      t("employee.number"),
      t("employee.lastName"),
      t("employee.firstName"),
      t("employee.email"),
      t("employee.unit"),
      t("employee.position"),
      t("employee.start"),
      t("employee.status"),
      t("employee.account"),
    ],
    ...rows.map((e): Cell[] => [
      e.employeeNumber,
      e.lastName,
      e.firstName,
      e.email,
      e.unitName ?? "",
      e.positionName ?? "",
      e.employmentStart ? { date: e.employmentStart } : null,
      t(e.active ? "employee.statusActive" : "employee.statusInactive"),
      t(`employee.account.${statuses.get(e.id) ?? "not_invited"}` as MessageKey),
    ]),
  ];
  // Who took a copy of the staff list, and how much of it: no names.
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "employee.export",
    entityType: "employee",
    details: { format, rows: rows.length },
    requestId: actor.requestId,
  });
  const day = new Date().toISOString().slice(0, 10);
  const base = `${locale === "pl" ? "pracownicy" : "employees"}-${day}`;
  return tableFile(format, table, base, t("employee.title"));
}
