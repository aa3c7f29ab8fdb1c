// What importing a staff file would do, computed without writing: the preview the web steps
// and the CLI show, and the rows the apply step hands to employee-upsert.
import type { Queryable } from "../../../platform/db.ts";
import { planEmployeeUpsert, type UpsertPlan } from "../employee-upsert.ts";
import type { ColumnMapping } from "./columns.ts";
import {
  loadNameOptions,
  type NameChoices,
  type NameOptions,
  type Resolution,
  resolveNames,
  type UnknownName,
} from "./names.ts";
import { type FileRow, nameKey, namesIn, type RowError, readRows } from "./rows.ts";

/** A parsed staff file with the person's decisions so far. */
export type ImportInput = {
  headers: string[];
  rows: string[][];
  /** The file's line (or sheet row) of each row. */
  rowNumbers: number[];
  mapping: ColumnMapping;
  choices: { units?: NameChoices; positions?: NameChoices };
};

export const PREVIEW_KINDS = ["create", "update", "unchanged", "deactivate", "error"] as const;
export type PreviewKind = (typeof PREVIEW_KINDS)[number];

export type PreviewRow = {
  /** The row's line in the file. */
  line: number;
  kind: Exclude<PreviewKind, "deactivate">;
  employeeNumber: string;
  name: string;
  /** The changed fields of an update (employee-upsert's names: unitId, employmentStart, …). */
  fields?: string[];
  errors?: { field: string; message: string }[];
};

export type Preview = {
  counts: Record<PreviewKind, number>;
  rows: PreviewRow[];
  /** Active employees missing from the file (the importing person's own record never is). */
  deactivate: { employeeNumber: string; name: string }[];
  /**
   * Their ids: the apply deactivates exactly these or nothing, whoever presses it and whatever
   * changed meanwhile.
   */
  deactivateIds: string[];
  units: UnknownName[];
  positions: UnknownName[];
  /** The importing person is missing from the file but stays active. */
  keptSelf: boolean;
};

export type Progress = (percent: number) => void;

export type Prepared = {
  fileRows: FileRow[];
  rowErrors: RowError[];
  resolution: Resolution;
  options: NameOptions;
  /** What employee-upsert gets: a field left out keeps the stored value. */
  upsertRows: Record<string, unknown>[];
  /** Rows whose unit or position is still to be created or chosen. */
  pending: Set<number>;
};

/** Reads the rows and matches names; `options` are the centre's units, positions and groups. */
export async function prepareImport(
  q: Queryable,
  centreId: string,
  input: ImportInput,
  options?: NameOptions,
): Promise<Prepared> {
  const { rows: fileRows, errors: rowErrors } = readRows(input.headers, input.rows, input.mapping);
  const opts = options ?? (await loadNameOptions(q, centreId));
  const resolution = resolveNames(
    opts,
    { units: namesIn(fileRows, "unit"), positions: namesIn(fileRows, "position") },
    input.choices,
  );
  const prepared: Prepared = {
    fileRows,
    rowErrors,
    resolution,
    options: opts,
    upsertRows: [],
    pending: new Set(),
  };
  prepared.upsertRows = toUpsertRows(prepared);
  return prepared;
}

/** The rows for employee-upsert, with names turned into ids as far as they are decided. */
export function toUpsertRows(p: Prepared): Record<string, unknown>[] {
  p.pending.clear();
  return p.fileRows.map((r, index) => {
    const row: Record<string, unknown> = {
      firstName: r.firstName,
      lastName: r.lastName,
      email: r.email,
      employeeNumber: r.employeeNumber,
      // Being on the staff list means being employed: a returning employee is active again.
      active: true,
    };
    const ref = (text: string | undefined, ids: Map<string, string>) => {
      if (text === undefined) return undefined;
      if (text.trim() === "") return null;
      const id = ids.get(nameKey(text));
      if (!id) p.pending.add(index);
      return id;
    };
    const unitId = ref(r.unit, p.resolution.unitIds);
    const positionId = ref(r.position, p.resolution.positionIds);
    if (unitId !== undefined) row.unitId = unitId;
    if (positionId !== undefined) row.positionId = positionId;
    if (r.employmentStart !== undefined) row.employmentStart = r.employmentStart;
    return row;
  });
}

/** The plan's deactivations without the importing person: nobody locks themselves out. */
export function withoutSelf(plan: UpsertPlan, selfEmployeeId: string | null | undefined) {
  const before = plan.deactivate.length;
  plan.deactivate = plan.deactivate.filter((d) => d.id !== selfEmployeeId);
  return plan.deactivate.length < before;
}

/**
 * The preview of an import: every row as new, changed (which fields), unchanged or in error
 * (with the file's row number and a message key), the employees the file leaves out, and the
 * unknown unit and position names with the current choice for each.
 */
export async function previewImport(
  q: Queryable,
  centreId: string,
  input: ImportInput,
  opts: { selfEmployeeId?: string | null; onProgress?: Progress } = {},
): Promise<Preview> {
  const report = opts.onProgress ?? (() => {});
  report(5);
  const p = await prepareImport(q, centreId, input);
  report(15);
  const plan = await planEmployeeUpsert(q, centreId, p.upsertRows, {
    deactivateMissing: true,
    onProgress: (done, total) => report(15 + Math.round((done / Math.max(1, total)) * 75)),
  });
  const keptSelf = withoutSelf(plan, opts.selfEmployeeId);

  const errorsOf = new Map<number, { field: string; message: string }[]>();
  for (const e of [...p.rowErrors, ...plan.errors]) {
    const list = errorsOf.get(e.index) ?? [];
    if (!list.some((x) => x.field === e.field)) list.push({ field: e.field, message: e.message });
    errorsOf.set(e.index, list);
  }
  const kindOf = new Map<number, { kind: PreviewRow["kind"]; fields?: string[] }>();
  for (const c of plan.create) kindOf.set(c.index, { kind: "create" });
  for (const u of plan.update) kindOf.set(u.index, { kind: "update", fields: [...u.fields] });
  for (const u of plan.unchanged) kindOf.set(u.index, { kind: "unchanged" });

  const rows: PreviewRow[] = p.fileRows.map((r, index) => {
    const line = input.rowNumbers[index] ?? index + 2;
    const base = {
      line,
      employeeNumber: r.employeeNumber,
      name: [r.lastName, r.firstName].filter(Boolean).join(" "),
    };
    const errors = errorsOf.get(index);
    if (errors?.length) return { ...base, kind: "error", errors };
    const k = kindOf.get(index) ?? { kind: "unchanged" as const };
    if (p.pending.has(index) && k.kind !== "create") {
      // The unit or position is yet to be created or picked: the row will change, but which
      // stored id it gets is decided only when the import is applied.
      const fields = new Set(k.fields ?? []);
      const fr = p.fileRows[index];
      if (fr.unit && !p.resolution.unitIds.has(nameKey(fr.unit))) fields.add("unitId");
      if (fr.position && !p.resolution.positionIds.has(nameKey(fr.position)))
        fields.add("positionId");
      return { ...base, kind: "update", fields: [...fields] };
    }
    return { ...base, ...k };
  });

  const counts = Object.fromEntries(PREVIEW_KINDS.map((k) => [k, 0])) as Preview["counts"];
  for (const r of rows) counts[r.kind]++;
  counts.deactivate = plan.deactivate.length;
  report(100);
  return {
    counts,
    rows,
    deactivate: plan.deactivate.map((d) => ({ employeeNumber: d.employeeNumber, name: d.name })),
    deactivateIds: plan.deactivate.map((d) => d.id),
    units: p.resolution.units,
    positions: p.resolution.positions,
    keptSelf,
  };
}
