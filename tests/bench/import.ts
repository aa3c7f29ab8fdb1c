// `npm run bench -- import`: a generated 10,000-row staff CSV taken through the import's steps
// — read, upload, preview, apply, and the same file again (nothing to change) — on PGlite and
// (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) on PostgreSQL. Next to it, in the same
// run and on the same database, the ceiling: the same rows put in with plain multi-row INSERTs
// through the driver, in one transaction. It runs the services in this process, so what is
// measured is the import, not HTTP. It prints; it never fails on the numbers.
import os from "node:os";
import { resetAuth } from "../../modules/access/auth.ts";
import { actorFor, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { createCentre } from "../../modules/org/centres.ts";
import { applyStaffImport } from "../../modules/org/staff-import/apply-staff-import.ts";
import { registerStaffImportJobs } from "../../modules/org/staff-import/jobs.ts";
import { setImportMapping } from "../../modules/org/staff-import/set-import-mapping.ts";
import { generatedStaff, staffCsv } from "../../modules/org/staff-import/test-files.ts";
import { uploadStaffFile } from "../../modules/org/staff-import/upload-staff-file.ts";
import { viewStaffImport } from "../../modules/org/staff-import/view-staff-import.ts";
import { type Database, setDatabase } from "../../platform/db.ts";
import { runDueJobs } from "../../platform/jobs.ts";
import { readSpreadsheet } from "../../platform/spreadsheet.ts";
import { benchPostgres, type DbKind, openBenchDatabase, timed } from "./bench-database.ts";

const ROWS = 10_000;
const UNITS = [
  ...Array.from({ length: 9 }, (_, i) => `Centrum Pracy Socjalnej nr ${i + 1}`),
  "Dział Świadczeń",
  "Dział Pieczy Zastępczej",
  "Dział Kadr i Płac",
  "Dział Administracyjny",
];
const POSITIONS = [
  "pracownik socjalny",
  "starszy pracownik socjalny",
  "asystent rodziny",
  "koordynator rodzinnej pieczy zastępczej",
  "specjalista pracy z rodziną",
  "psycholog",
  "organizator społeczności lokalnej",
  "referent",
  "kierownik",
  "koordynator zespołu",
  "dyrektor",
  "główny księgowy",
];

type Row = { db: DbKind; step: string; seconds: number; rows: number; ceiling?: boolean };

/** Runs the background jobs (a 10,000-row preview and apply are jobs) until none is due. */
async function drainJobs(): Promise<void> {
  while ((await runDueJobs()) > 0) {}
}

/**
 * The ceiling: the same people as plain multi-row INSERTs through the driver (1,000 rows a
 * statement, one transaction), into a centre of their own — no checks, no audit, no diff.
 */
async function plainInsert(d: Database, csv: Buffer): Promise<number> {
  const c = await createCentre(d.db, { name: "Sufit", type: "MOPS", city: "Testowo" });
  const sheet = readSpreadsheet(csv);
  const { seconds } = await timed(() =>
    d.rawTransaction(async (raw) => {
      for (let i = 0; i < sheet.rows.length; i += 1000) {
        const chunk = sheet.rows.slice(i, i + 1000);
        const params: unknown[] = [];
        const values = chunk.map((r) => {
          const n = params.length;
          params.push(c.id, r[2], r[1], r[3], r[0], r[6] || null);
          return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}::date)`;
        });
        await raw(
          `insert into employee (centre_id, first_name, last_name, email, employee_number, employment_start) values ${values.join(", ")}`,
          params,
        );
      }
    }),
  );
  return seconds;
}

async function benchOn(kind: DbKind, csv: Buffer, adminUrl?: string): Promise<Row[]> {
  console.log(`\n${kind === "pglite" ? "PGlite (a file in a temporary folder)" : "PostgreSQL"}:`);
  resetAuth();
  const { d, drop } = await openBenchDatabase(kind, adminUrl);
  setDatabase(d);
  const rows: Row[] = [];
  const note = (step: string, seconds: number, ceiling = false) => {
    rows.push({ db: kind, step, seconds, rows: ROWS, ceiling });
    console.log(
      `  ${step.padEnd(38)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(ROWS / seconds)
        .toLocaleString("en")
        .padStart(9)} rows/s`,
    );
  };
  try {
    const seeded = await seedCentreWithRoles("MOPS Benchmark", "bench-import.pl");
    const admin = await actorFor(seeded.users.administrator.userId);
    const file = { name: "kadry.csv", size: csv.byteLength, bytes: async () => csv };

    note("read CSV", (await timed(async () => readSpreadsheet(csv))).seconds);

    const steps = async (label: string) => {
      const up = await timed(() => uploadStaffFile(admin, file));
      note(`${label}: upload (read + store)`, up.seconds);
      const id = up.value;
      const mapping = (await viewStaffImport(admin, id, {})).mapping;
      note(
        `${label}: preview`,
        (
          await timed(async () => {
            await setImportMapping(admin, id, mapping);
            await drainJobs();
          })
        ).seconds,
      );
      const preview = (await viewStaffImport(admin, id, {})).preview;
      if (!preview) throw new Error("the preview did not finish");
      const applied = await timed(async () => {
        await applyStaffImport(admin, id, { deactivateMissing: "false" });
        await drainJobs();
      });
      const result = (await viewStaffImport(admin, id, {})).result;
      if (!result) throw new Error("the apply did not finish");
      note(`${label}: apply`, applied.seconds);
      return { preview: preview.counts, result };
    };

    const first = await steps("first import");
    if (first.result.created !== ROWS) {
      throw new Error(`expected ${ROWS} created, got ${JSON.stringify(first.result)}`);
    }
    const again = await steps("same file again");
    if (again.result.unchanged !== ROWS) {
      throw new Error(`expected ${ROWS} unchanged, got ${JSON.stringify(again.result)}`);
    }
    note("ceiling: plain multi-row INSERT", await plainInsert(d, csv), true);
    return rows;
  } finally {
    setDatabase(undefined);
    await drop();
  }
}

function printSummary(rows: Row[], pgNote?: string) {
  console.log(`\n${"db".padEnd(8)}  ${"step".padEnd(38)}  seconds     rows/s  × ceiling`);
  console.log(
    `${"-".repeat(8)}  ${"-".repeat(38)}  ${"-".repeat(7)}  ${"-".repeat(9)}  ${"-".repeat(9)}`,
  );
  for (const r of rows) {
    const ceiling = rows.find((x) => x.db === r.db && x.ceiling)!;
    console.log(
      [
        r.db.padEnd(8),
        r.step.padEnd(38),
        r.seconds.toFixed(2).padStart(7),
        Math.round(r.rows / r.seconds)
          .toLocaleString("en")
          .padStart(9),
        r.ceiling ? "        –" : `${(r.seconds / ceiling.seconds).toFixed(1).padStart(8)}×`,
      ].join("  "),
    );
  }
  console.log("\nTarget from the issue (information; the benchmark does not fail on it):");
  const apply = rows.find((r) => r.db === "postgres" && r.step === "first import: apply");
  if (apply) {
    const met = apply.seconds < 5 ? "met" : "NOT met";
    console.log(`  apply 10,000 rows < 5 s on PostgreSQL: ${apply.seconds.toFixed(2)} s — ${met}`);
  } else {
    console.log(`  apply 10,000 rows < 5 s on PostgreSQL: not measured (${pgNote})`);
  }
}

export async function benchImport(): Promise<void> {
  const people = generatedStaff(ROWS, { units: UNITS, positions: POSITIONS, domain: "bench.pl" });
  const csv = Buffer.from(staffCsv(people), "utf8");
  console.log(
    `import: ${ROWS.toLocaleString("en")} rows (CSV, ${(csv.byteLength / 1024 / 1024).toFixed(1)} MB, ${UNITS.length} units and ${POSITIONS.length} positions named, created by the first import), ${os.cpus().length} cores`,
  );
  registerStaffImportJobs();
  const { url: pgUrl, note: pgNote } = benchPostgres();
  const rows = await benchOn("pglite", csv);
  if (pgUrl) rows.push(...(await benchOn("postgres", csv, pgUrl)));
  else console.log(`\nPostgreSQL: skipped — ${pgNote}.`);
  printSummary(rows, pgNote);
}
