// `npm run bench -- exam-planning`: the bulk planning of occupational-medicine exams for a
// centre of 427 employees (MOPR Gdańsk's size), none with a certificate yet, into a clinic that
// takes 40 a day: the preview (cold, then warm) and applying it (427 planned exams with their
// referral numbers, 427 notices with an .ics, the audit entries, in one transaction), on PGlite
// in a file and — when BENCH_DATABASE_URL or TEST_DATABASE_URL is set — on PostgreSQL. It runs
// the services in this process, so what is measured is the planning, not HTTP. Next to it, in
// the same run and on the same database, the baselines: the same 427 exam rows as one plain
// multi-row INSERT, and as 427 single-row INSERTs in one transaction. It checks the outcome
// (427 planned, numbers 1…427 without a gap, 427 notices, 11 working days) and prints; it never
// fails on the numbers.
import os from "node:os";
import { and, count, eq } from "drizzle-orm";
import type { Actor } from "../../modules/access/actor.ts";
import { resetAuth } from "../../modules/access/auth.ts";
import { actorFor, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { saveClinic } from "../../modules/health/clinics.ts";
import { applyExamPlan, previewExamPlan } from "../../modules/health/plan-exams.ts";
import { healthExam } from "../../modules/health/schema.ts";
import { employee, orgUnit, position } from "../../modules/org/schema.ts";
import { type Database, setDatabase } from "../../platform/db.ts";
import { mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { nextWorkingDay } from "../../platform/polish-holidays.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { benchPostgres, type DbKind, openBenchDatabase, timed } from "./bench-database.ts";

const PEOPLE = 427;
const CAPACITY = 40;
const TARGET_SECONDS = 2;

type Row = { db: DbKind; step: string; seconds: number; baseline?: boolean };

/**
 * A centre of 427: the fixture's ten accounts (one a health coordinator) and 417 more in nine
 * Centres of Social Work and four departments, on four positions.
 */
async function seedCentre(d: Database) {
  const seeded = await seedCentreWithRoles("MOPR Benchmark", "bench-plan.pl");
  const c = seeded.centre.id;
  const units = await d.db
    .insert(orgUnit)
    .values(
      [
        ...Array.from({ length: 9 }, (_, i) => `Centrum Pracy Socjalnej nr ${i + 1}`),
        "Dział Świadczeń",
        "Dział Pieczy Zastępczej",
        "Dział Kadr i Płac",
        "Dział Administracyjny",
      ].map((name) => ({ centreId: c, name, kind: "department" as const })),
    )
    .returning({ id: orgUnit.id });
  const positions = await d.db
    .insert(position)
    .values(
      [
        ["starszy pracownik socjalny", "constant", true],
        ["asystent rodziny", "frequent", true],
        ["referent", "occasional", false],
        ["księgowa", "none", false],
      ].map(([name, clientContact, fieldWork]) => ({
        centreId: c,
        name: name as string,
        staffGroupId: seeded.position.staffGroupId,
        clientContact: clientContact as "constant",
        fieldWork: fieldWork as boolean,
      })),
    )
    .returning({ id: position.id });
  const extra = PEOPLE - 10;
  await d.db.insert(employee).values(
    Array.from({ length: extra }, (_, i) => ({
      centreId: c,
      firstName: `Imię${i}`,
      lastName: `Nazwisko${String(i).padStart(3, "0")}`,
      email: `osoba${i}@bench-plan.pl`,
      employeeNumber: `BP-${i}`,
      unitId: units[i % units.length].id,
      positionId: positions[i % positions.length].id,
    })),
  );
  const [{ n }] = await d.db
    .select({ n: count() })
    .from(employee)
    .where(and(eq(employee.centreId, c), eq(employee.active, true)));
  if (n !== PEOPLE) throw new Error(`expected ${PEOPLE} employees, got ${n}`);
  return { centreId: c, health: await actorFor(seeded.users.health.userId) };
}

/** The baselines: the same rows straight through the driver, with no rules and no mail. */
async function baselines(d: Database, centreId: string) {
  const ids = (
    await d.raw("select id from employee where centre_id = $1 order by id", [centreId])
  ).rows.map((r) => String(r.id));
  const multi = await timed(() =>
    d.rawTransaction(async (raw) => {
      const params: unknown[] = [];
      const values = ids.map((id) => {
        const n = params.length;
        params.push(centreId, id);
        return `($${n + 1}, $${n + 2}, 'periodic', 'done', current_date, 'fit', current_date + 1000)`;
      });
      await raw(
        `insert into health_exam (centre_id, employee_id, kind, status, exam_date, outcome, valid_until) values ${values.join(", ")}`,
        params,
      );
    }),
  );
  const single = await timed(() =>
    d.rawTransaction(async (raw) => {
      for (const id of ids) {
        await raw(
          `insert into health_exam (centre_id, employee_id, kind, status, exam_date, outcome, valid_until) values ($1, $2, 'periodic', 'done', current_date, 'fit', current_date + 1000)`,
          [centreId, id],
        );
      }
    }),
  );
  return { multi: multi.seconds, single: single.seconds };
}

async function check(d: Database, centreId: string, applied: { planned: number }) {
  const exams = await d.db
    .select({ n: healthExam.referralNumber, at: healthExam.appointmentAt })
    .from(healthExam)
    .where(and(eq(healthExam.centreId, centreId), eq(healthExam.status, "planned")));
  const numbers = exams.map((e) => Number(e.n?.split("/")[2])).sort((a, b) => a - b);
  const days = new Set(exams.map((e) => warsawDay(e.at!)));
  const [{ mails }] = await d.db
    .select({ mails: count() })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.centreId, centreId), eq(mailOutbox.kind, "health.exam.planned")));
  const [{ files }] = await d.db
    .select({ files: count() })
    .from(mailAttachment)
    .innerJoin(mailOutbox, eq(mailOutbox.id, mailAttachment.mailId))
    .where(eq(mailOutbox.centreId, centreId));
  const problems: string[] = [];
  if (applied.planned !== PEOPLE) problems.push(`applied ${applied.planned}, not ${PEOPLE}`);
  if (exams.length !== PEOPLE) problems.push(`${exams.length} planned exams`);
  if (numbers.some((n, i) => n !== i + 1)) problems.push("referral numbers not 1…427");
  if (mails !== PEOPLE || files !== PEOPLE) problems.push(`${mails} notices, ${files} .ics`);
  const expectedDays = Math.ceil(PEOPLE / CAPACITY);
  if (days.size !== expectedDays) problems.push(`${days.size} days, not ${expectedDays}`);
  if (problems.length) throw new Error(`the plan is wrong: ${problems.join("; ")}`);
  console.log(
    `  checked: ${exams.length} planned exams, SK numbers 1…${PEOPLE} without a gap, ${mails} notices with an .ics, ${days.size} working days`,
  );
}

async function benchOn(kind: DbKind, adminUrl?: string): Promise<Row[]> {
  console.log(`\n${kind === "pglite" ? "PGlite (a file in a temporary folder)" : "PostgreSQL"}:`);
  resetAuth();
  const { d, drop } = await openBenchDatabase(kind, adminUrl);
  setDatabase(d);
  const rows: Row[] = [];
  const note = (step: string, seconds: number, baseline = false) => {
    rows.push({ db: kind, step, seconds, baseline });
    console.log(`  ${step.padEnd(44)} ${seconds.toFixed(3).padStart(7)} s`);
  };
  try {
    const { centreId, health } = await seedCentre(d);
    const clinicId = await saveClinic(health as Actor, null, {
      name: "Przychodnia Medycyny Pracy",
      dailyCapacity: String(CAPACITY),
      opensAt: "07:30",
      closesAt: "15:30",
    });
    const input = {
      clinicId,
      fromDate: nextWorkingDay(addDays(warsawDay(new Date()), 7)),
    };
    const cold = await timed(() => previewExamPlan(health, input));
    note("preview (cold)", cold.seconds);
    const warm = await timed(() => previewExamPlan(health, input));
    note("preview", warm.seconds);
    if (warm.value.total !== PEOPLE) throw new Error(`preview: ${warm.value.total} due`);
    console.log(
      `  preview: ${warm.value.total} due, ${warm.value.days.length} days, ${warm.value.spill} moved past the first day`,
    );
    const applied = await timed(() => applyExamPlan(health, input));
    note("apply (exams, numbers, notices, audit)", applied.seconds);
    note("preview + apply", warm.seconds + applied.seconds);
    await check(d, centreId, applied.value);
    const base = await baselines(d, centreId);
    note("baseline: one multi-row INSERT", base.multi, true);
    note("baseline: 427 single-row INSERTs", base.single, true);
    return rows;
  } finally {
    setDatabase(undefined);
    await drop();
  }
}

function printSummary(rows: Row[], pgNote?: string) {
  console.log(`\n${"db".padEnd(8)}  ${"step".padEnd(44)}  seconds  × multi-row INSERT`);
  console.log(`${"-".repeat(8)}  ${"-".repeat(44)}  -------  -----------------`);
  for (const r of rows) {
    const base = rows.find((x) => x.db === r.db && x.step === "baseline: one multi-row INSERT")!;
    console.log(
      [
        r.db.padEnd(8),
        r.step.padEnd(44),
        r.seconds.toFixed(3).padStart(7),
        r === base ? "                –" : `${(r.seconds / base.seconds).toFixed(1).padStart(16)}×`,
      ].join("  "),
    );
  }
  console.log("\nTarget from the issue (information; the benchmark does not fail on it):");
  const total = rows.find((r) => r.db === "pglite" && r.step === "preview + apply");
  if (total) {
    const met = total.seconds < TARGET_SECONDS ? "met" : "NOT met";
    console.log(
      `  planning ${PEOPLE} employees < ${TARGET_SECONDS} s on PGlite (preview + apply): ${total.seconds.toFixed(2)} s — ${met}`,
    );
  }
  if (pgNote) console.log(`  PostgreSQL: not measured (${pgNote})`);
}

export async function benchExamPlanning(): Promise<void> {
  console.log(
    `exam-planning: ${PEOPLE} employees due, a clinic taking ${CAPACITY} a day, ${os.cpus().length} cores`,
  );
  const { url: pgUrl, note: pgNote } = benchPostgres();
  const rows = await benchOn("pglite");
  if (pgUrl) rows.push(...(await benchOn("postgres", pgUrl)));
  else console.log(`\nPostgreSQL: skipped — ${pgNote}.`);
  printSummary(rows, pgNote);
}
