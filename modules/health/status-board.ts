// The health coordinator's board: every active employee's exam status (overdue, due within 30
// days, scheduled, done) with counts per unit, a searchable, filterable, sortable, paged list,
// and the same list as a CSV or XLSX file. The status is computed by exam-status.ts from the
// centre's exams and sick leaves, so the board, the reminders and the planning agree.
import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import type { DownloadFile } from "../../platform/download.ts";
import { formatDateTime, type Locale, type MessageKey, translator } from "../../platform/i18n.ts";
import { type Cell, tableFile } from "../../platform/spreadsheet.ts";
import { searchWords } from "../../platform/sql.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, descendantsOf, requirePermission } from "../access/actor.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { examFactColumns } from "./employee-health.ts";
import {
  type ExamSituation,
  examSituation,
  HEALTH_STATUSES,
  type HealthStatus,
} from "./exam-status.ts";
import { healthExam, healthSickLeave } from "./schema.ts";

export const BOARD_SORTS = ["name", "unit", "position", "status", "validUntil"] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export const boardQuery = z.object({
  q: z.string().trim().max(200).optional().default(""),
  unit: z.string().uuid().optional().catch(undefined),
  status: z
    .enum(["all", ...HEALTH_STATUSES])
    .optional()
    .catch("all")
    .default("all"),
  sort: z.enum(BOARD_SORTS).optional().catch("status").default("status"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type BoardQuery = z.infer<typeof boardQuery>;

export type UnitOption = { id: string; name: string; depth: number };

/** The centre's units in tree order (parents before children, names in Polish order). */
function unitTree(units: { id: string; name: string; parentId: string | null }[]): UnitOption[] {
  const byParent = new Map<string | null, typeof units>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  const out: UnitOption[] = [];
  const walk = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort((a, b) =>
      a.name.localeCompare(b.name, "pl"),
    );
    for (const c of children) {
      out.push({ id: c.id, name: c.name, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export type BoardRow = {
  id: string;
  firstName: string;
  lastName: string;
  employeeNumber: string;
  unitId: string | null;
  unitName: string | null;
  positionName: string | null;
  status: HealthStatus;
  validUntil: string | null;
  daysLeft: number | null;
  lastExamDate: string | null;
  lastKind: string | null;
  plannedAt: Date | null;
  plannedKind: string | null;
  controlRequired: boolean;
  nextKind: string;
};

export type StatusCounts = Record<HealthStatus, number> & { total: number };
const emptyCounts = (): StatusCounts => ({ overdue: 0, due: 0, scheduled: 0, done: 0, total: 0 });

function rowOf(
  p: {
    id: string;
    firstName: string;
    lastName: string;
    employeeNumber: string;
    unitId: string | null;
    unitName: string | null;
    positionName: string | null;
  },
  s: ExamSituation,
): BoardRow {
  return {
    ...p,
    status: s.status,
    validUntil: s.validUntil,
    daysLeft: s.daysLeft,
    lastExamDate: s.lastCertificate?.examDate ?? null,
    lastKind: s.lastCertificate?.kind ?? null,
    plannedAt: s.planned?.appointmentAt ? new Date(s.planned.appointmentAt) : null,
    plannedKind: s.planned?.kind ?? null,
    controlRequired: s.controlRequired,
    nextKind: s.nextKind,
  };
}

/**
 * Every active employee of the centre matching the search and unit filter (the unit with the
 * units beneath it), with their situation on the day. One query per table, whatever the size.
 */
async function situations(actor: Actor, f: BoardQuery, today: string) {
  const units = await db()
    .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, actor.centreId));
  const where: (SQL | undefined)[] = [
    eq(employee.centreId, actor.centreId),
    eq(employee.active, true),
  ];
  if (f.unit) {
    const scope = units.some((u) => u.id === f.unit) ? descendantsOf([f.unit], units) : [];
    if (scope.length === 0) return { units: unitTree(units), rows: [] as BoardRow[] };
    where.push(inArray(employee.unitId, scope));
  }
  where.push(...searchWords(f.q, [employee.firstName, employee.lastName, employee.employeeNumber]));
  const [people, exams, leaves] = await Promise.all([
    db()
      .select({
        id: employee.id,
        firstName: employee.firstName,
        lastName: employee.lastName,
        employeeNumber: employee.employeeNumber,
        unitId: employee.unitId,
        unitName: orgUnit.name,
        positionName: position.name,
      })
      .from(employee)
      .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
      .leftJoin(position, eq(position.id, employee.positionId))
      .where(and(...where)),
    db()
      .select({ ...examFactColumns, appointmentAt: healthExam.appointmentAt })
      .from(healthExam)
      .where(and(eq(healthExam.centreId, actor.centreId), ne(healthExam.status, "cancelled"))),
    db()
      .select({
        employeeId: healthSickLeave.employeeId,
        fromDate: healthSickLeave.fromDate,
        toDate: healthSickLeave.toDate,
      })
      .from(healthSickLeave)
      .where(eq(healthSickLeave.centreId, actor.centreId)),
  ]);
  const examsBy = groupBy(exams, (x) => x.employeeId);
  const leavesBy = groupBy(leaves, (x) => x.employeeId);
  const rows = people.map((p) =>
    rowOf(p, examSituation(examsBy.get(p.id) ?? [], leavesBy.get(p.id) ?? [], today)),
  );
  return { units: unitTree(units), rows };
}

function groupBy<T>(list: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const arr = out.get(k);
    if (arr) arr.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const collator = new Intl.Collator("pl", { sensitivity: "base" });
const byName = (a: BoardRow, b: BoardRow) =>
  collator.compare(a.lastName, b.lastName) ||
  collator.compare(a.firstName, b.firstName) ||
  a.employeeNumber.localeCompare(b.employeeNumber);

function sortRows(rows: BoardRow[], sort: BoardSort, dir: "asc" | "desc"): BoardRow[] {
  const sign = dir === "desc" ? -1 : 1;
  const text = (v: string | null) => v ?? "";
  const compare: Record<BoardSort, (a: BoardRow, b: BoardRow) => number> = {
    name: () => 0,
    unit: (a, b) => collator.compare(text(a.unitName), text(b.unitName)),
    position: (a, b) => collator.compare(text(a.positionName), text(b.positionName)),
    status: (a, b) => HEALTH_STATUSES.indexOf(a.status) - HEALTH_STATUSES.indexOf(b.status),
    // No validity at all is the most urgent: first when ascending.
    validUntil: (a, b) => text(a.validUntil).localeCompare(text(b.validUntil)),
  };
  return [...rows].sort((a, b) => sign * compare[sort](a, b) || sign * byName(a, b));
}

/** The board: counts per unit and in total, and one page of the list (health.manage). */
export async function healthBoard(actor: Actor, query: unknown, today?: string) {
  requirePermission(actor, "health.manage");
  const f = boardQuery.parse(query ?? {});
  const day = today ?? warsawDay(new Date());
  const { units, rows } = await situations(actor, f, day);
  const perUnit = new Map<string | null, StatusCounts>();
  const totals = emptyCounts();
  for (const r of rows) {
    const c = perUnit.get(r.unitId) ?? emptyCounts();
    c[r.status]++;
    c.total++;
    perUnit.set(r.unitId, c);
    totals[r.status]++;
    totals.total++;
  }
  const counts = [
    ...units
      .filter((u) => perUnit.has(u.id))
      .map((u) => ({ unitId: u.id as string | null, unitName: u.name, ...perUnit.get(u.id)! })),
    ...(perUnit.has(null) ? [{ unitId: null, unitName: null, ...perUnit.get(null)! }] : []),
  ];
  const filtered = f.status === "all" ? rows : rows.filter((r) => r.status === f.status);
  const sorted = sortRows(filtered, f.sort, f.dir);
  return {
    ...f,
    today: day,
    units,
    counts,
    totals,
    total: sorted.length,
    rows: sorted.slice((f.page - 1) * f.pageSize, f.page * f.pageSize),
  };
}

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The board's list as filtered and sorted, all pages, as a CSV or XLSX file. */
export async function exportHealthBoard(
  actor: Actor,
  query: Record<string, string>,
  format: ExportFormat,
  locale: Locale,
  today?: string,
): Promise<DownloadFile> {
  requirePermission(actor, "health.manage");
  const f = boardQuery.parse({ ...query, page: 1 });
  const day = today ?? warsawDay(new Date());
  const { rows } = await situations(actor, f, day);
  const list = sortRows(
    f.status === "all" ? rows : rows.filter((r) => r.status === f.status),
    f.sort,
    f.dir,
  );
  const t = translator(locale);
  const kind = (k: string | null) => (k ? t(`health.kind.${k}` as MessageKey) : "");
  const table: Cell[][] = [
    [
      t("employee.number"),
      t("employee.lastName"),
      t("employee.firstName"),
      t("employee.unit"),
      t("employee.position"),
      t("health.board.status"),
      t("health.board.validUntil"),
      t("health.board.lastExam"),
      t("health.board.lastKind"),
      t("health.board.appointment"),
      t("health.board.plannedKind"),
      t("health.board.control"),
    ],
    ...list.map((r): Cell[] => [
      r.employeeNumber,
      r.lastName,
      r.firstName,
      r.unitName ?? "",
      r.positionName ?? "",
      t(`health.status.${r.status}` as MessageKey),
      r.validUntil ? { date: r.validUntil } : null,
      r.lastExamDate ? { date: r.lastExamDate } : null,
      kind(r.lastKind),
      r.plannedAt ? formatDateTime(r.plannedAt) : null,
      kind(r.plannedKind),
      r.controlRequired ? t("common.yes") : "",
    ]),
  ];
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "health.board.export",
    entityType: "health_exam",
    details: { format, rows: list.length },
    requestId: actor.requestId,
  });
  const base = `${locale === "pl" ? "badania" : "exams"}-${day}`;
  return tableFile(format, table, base, t("health.board.title"));
}
