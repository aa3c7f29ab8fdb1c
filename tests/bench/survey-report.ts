// `npm run bench -- survey-report`: the full results report of the largest centre of a regional
// platform — 100,000 responses × 45 items of the default workload survey in 450 units of 10
// centres, plus a previous cycle of the largest centre for the trend. The report is what the
// results pages and exports ask for: every view (by unit, by staff group, by both) with band
// shares, item distributions, suppression and Cronbach's alpha, and the trend by unit against
// the previous cycle. Next to it, in the same run and on the same database, the baseline: one
// hand-written SQL aggregate of the same figures (both cycles, every cell) with nothing else —
// no suppression, no second query. PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) and
// PGlite are reported separately (SURVEY_REPORT_ONLY=postgres or pglite runs one). It prints;
// it never fails on the numbers.
import os from "node:os";
import type { Actor } from "../../modules/access/actor.ts";
import { resetAuth } from "../../modules/access/auth.ts";
import { actorFor, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { createCentre } from "../../modules/org/centres.ts";
import { workloadSurvey } from "../../modules/survey/default-instruments.ts";
import { allItems, type Instrument, isPointItem } from "../../modules/survey/instrument.ts";
import { cycleResults, cycleResultsAll, RESULT_VIEWS } from "../../modules/survey/results.ts";
import { cycleReport } from "../../modules/survey/results-report.ts";
import { type AnswerValue, pruneAnswers, scoreResponse } from "../../modules/survey/scoring.ts";
import { topRisks } from "../../modules/survey/top-risks.ts";
import { cycleTrend } from "../../modules/survey/trend.ts";
import { type Database, setDatabase } from "../../platform/db.ts";
import { benchPostgres, type DbKind, openBenchDatabase } from "./bench-database.ts";

const TOTAL_RESPONSES = 100_000;
const TOTAL_UNITS = 450;
/** Shares of the responses and units per centre; the first is the largest (a city's MOPR). */
const CENTRE_WEIGHTS = [0.25, 0.15, 0.12, 0.1, 0.09, 0.08, 0.07, 0.06, 0.04, 0.04];
/** Timed runs per figure (after one warm-up): the report and the baseline alternate. */
const RUNS: Record<DbKind, number> = { postgres: 7, pglite: 5 };
/** The informational figures (separate calls) get fewer. */
const INFO_RUNS = 3;

type Timing = { db: DbKind; what: string; ms: number[]; baseline?: boolean; note?: string };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Warm-up once, then `runs` timed runs. */
async function measure(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await time(fn));
  return ms;
}

/** Two things timed in turns, so that a change in the machine's load falls on both alike. */
async function measureInTurns(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  runs: number,
): Promise<[number[], number[]]> {
  await a();
  await b();
  const ms: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    ms[0].push(await time(a));
    ms[1].push(await time(b));
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Synthetic answers: a unit's strain and a person's own shift move every item; client-facing
// items are shown only to those who work with clients; a few optional items are skipped.

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const higherWorse = new Set(
  workloadSurvey.scales.filter((s) => s.higherIs === "worse").flatMap((s) => s.items),
);
const reversed = new Set(workloadSurvey.scales.flatMap((s) => s.reverse?.items ?? []));

function answersFor(
  random: () => number,
  strain: number,
  clientWork: boolean,
): Record<string, AnswerValue> {
  const person = strain + (random() - 0.5) * 1.5;
  const answers: Record<string, AnswerValue> = {};
  for (const { item } of allItems(workloadSurvey)) {
    if (item.kind === "text") continue;
    if (item.kind === "yesNo") {
      answers[item.id] = clientWork;
      continue;
    }
    if (random() < 0.03) continue; // skipped
    if (isPointItem(item)) {
      const values = item.points.map((p) => p.value);
      const lo = Math.min(...values);
      const hi = Math.max(...values);
      // A "bad" answer is high on a worse-scale item, low elsewhere; reversal flips it.
      const bad = higherWorse.has(item.id) !== reversed.has(item.id);
      const centre = (lo + hi) / 2 + (bad ? person : -person) + (random() - 0.5) * 2.2;
      answers[item.id] = Math.min(hi, Math.max(lo, Math.round(centre)));
    } else if (item.kind === "single") {
      answers[item.id] = item.options[Math.floor(random() * item.options.length)].value;
    }
  }
  return answers;
}

type UnitRow = { id: string; parentId: string | null };

type Plan = {
  centreId: string;
  units: UnitRow[];
  leaves: UnitRow[];
  groups: string[];
  responses: number;
  instrumentId: string;
  strain: Map<string, number>;
};

async function insertUnits(d: Database, centreId: string, count: number) {
  // Departments of about eight teams each: a two-level tree like a city centre's.
  const departments = Math.max(1, Math.round(count / 9));
  const units: UnitRow[] = [];
  const dep = await d.raw(
    `insert into org_unit (centre_id, name, kind) select $1, 'Dział ' || i, 'department'
     from generate_series(1, $2) i returning id`,
    [centreId, departments],
  );
  for (const r of dep.rows) units.push({ id: r.id as string, parentId: null });
  const teams = count - departments;
  const parents = units.map((u) => u.id);
  const teamRows = await d.raw(
    `insert into org_unit (centre_id, name, kind, parent_id)
     select $1, 'Zespół ' || i, 'team', ($2::uuid[])[1 + (i % array_length($2::uuid[], 1))]
     from generate_series(1, $3) i returning id, parent_id`,
    [centreId, parents, teams],
  );
  for (const r of teamRows.rows) {
    units.push({ id: r.id as string, parentId: r.parent_id as string });
  }
  return { units, leaves: units.filter((u) => u.parentId !== null) };
}

/** Responses of a cycle, 2,000 a statement as one JSON parameter (COPY-like, one round trip). */
async function insertResponses(d: Database, plan: Plan, cycleId: string, seed: number, ease = 0) {
  const random = seeded(seed);
  const CHUNK = 2000;
  const codes = new Map<string, number>();
  for (let done = 0; done < plan.responses; done += CHUNK) {
    const rows: unknown[] = [];
    for (let i = done; i < Math.min(plan.responses, done + CHUNK); i++) {
      // Most answer from a team; a few from a department's own staff.
      const pool = random() < 0.05 ? plan.units : plan.leaves;
      const unit = pool[Math.floor(random() * pool.length)];
      const x = random();
      const group = plan.groups[x < 0.62 ? 0 : x < 0.9 ? 1 : 2];
      const clientWork = group === plan.groups[0] ? random() < 0.95 : random() < 0.2;
      const answers = pruneAnswers(
        workloadSurvey,
        answersFor(random, (plan.strain.get(unit.id) ?? 0) - ease, clientWork),
      );
      rows.push({
        unit_id: unit.id,
        staff_group_id: group,
        answers,
        scores: scoreResponse(workloadSurvey, answers),
      });
      const key = `${unit.id}/${group}`;
      codes.set(key, (codes.get(key) ?? 0) + 1);
    }
    await d.raw(
      `insert into survey_response (cycle_id, unit_id, staff_group_id, answered_on, answers, scores)
       select $1, r.unit_id, r.staff_group_id, '2026-03-10', r.answers, r.scores
       from jsonb_to_recordset($2::jsonb) as r(unit_id uuid, staff_group_id uuid, answers jsonb, scores jsonb)`,
      [cycleId, JSON.stringify(rows)],
    );
  }
  // Paper codes, one in ten left unused, so the response rate has something to count.
  const codeRows = [...codes].map(([key, n]) => {
    const [unit, group] = key.split("/");
    return { unit, group, issued: Math.ceil(n * 1.1), used: n };
  });
  await d.raw(
    `insert into survey_paper_code (cycle_id, unit_id, staff_group_id, token_hash, created_on, used_on)
     select $1, c.unit, c.grp, md5(random()::text || i || c.unit), '2026-03-01',
            case when i <= c.used then date '2026-03-10' end
     from jsonb_to_recordset($2::jsonb) as c(unit uuid, grp uuid, issued int, used int),
          generate_series(1, c.issued) i`,
    [cycleId, JSON.stringify(codeRows.map((c) => ({ ...c, grp: c.group })))],
  );
}

async function insertCycle(
  d: Database,
  plan: Plan,
  name: string,
  daysAgo: number,
): Promise<string> {
  const r = await d.raw(
    `insert into survey_cycle (centre_id, instrument_id, name, opens_at, closes_at, status, closed_at)
     values ($1, $2, $3, now() - make_interval(days => $4 + 14), now() - make_interval(days => $4),
             'closed', now() - make_interval(days => $4))
     returning id`,
    [plan.centreId, plan.instrumentId, name, daysAgo],
  );
  return r.rows[0].id as string;
}

// ---------------------------------------------------------------------------------------------
// The baseline: the same figures as one statement, written out for this instrument and read the
// fastest way we know (each response's answers and scores taken apart once, typed): the current
// cycle's scale, band, item and item-pair figures and the previous cycle's scale figures, per
// cell — and nothing else: no suppression, no second query, no JavaScript.

export function baselineStatement(instrument: Instrument): string {
  const closed = allItems(instrument)
    .map(({ item }) => item)
    .filter((item) => item.kind !== "text");
  const typeOf = (kind: string) =>
    kind === "yesNo"
      ? "boolean"
      : kind === "single"
        ? "text"
        : kind === "multiple"
          ? "jsonb"
          : "int";
  const answerColumns = closed.map((item) => `"${item.id}" ${typeOf(item.kind)}`).join(", ");
  const scoreColumns = instrument.scales.map((scale) => `"${scale.id}" jsonb`).join(", ");
  const scoreValues = instrument.scales
    .map((scale) => `(sc."${scale.id}"->>'score')::float8 as "s_${scale.id}"`)
    .join(", ");
  const cols: string[] = [];
  for (const scale of instrument.scales) {
    const s = `"s_${scale.id}"`;
    cols.push(`count(${s})`, `sum(${s})`, `sum(${s} * ${s})`);
    for (const [i, b] of (scale.bands ?? []).entries()) {
      const last = i === (scale.bands ?? []).length - 1;
      cols.push(`count(*) filter (where ${s} >= ${b.from} and ${s} ${last ? "<=" : "<"} ${b.to})`);
    }
    // Every default scale item is a 1–5 point item scored 25 · (x − 1), reversed 25 · (5 − x).
    const x = scale.items.map((id) =>
      scale.reverse?.items.includes(id)
        ? `(5 - "${id}") * 25::float8`
        : `("${id}" - 1) * 25::float8`,
    );
    for (let i = 0; i < x.length; i++) {
      for (let j = i; j < x.length; j++) {
        cols.push(
          `count(${x[i]} + ${x[j]})`,
          `sum(${x[i]} + ${x[j]} * 0)`,
          `sum(${x[j]} + ${x[i]} * 0)`,
          `sum(${x[i]} * ${x[j]})`,
        );
      }
    }
  }
  for (const item of closed) {
    cols.push(`count("${item.id}")`);
    if (item.kind === "yesNo") {
      cols.push(`count(*) filter (where "${item.id}")`, `count(*) filter (where not "${item.id}")`);
    } else if (isPointItem(item)) {
      for (const p of item.points) cols.push(`count(*) filter (where "${item.id}" = ${p.value})`);
    } else if (item.kind === "single") {
      for (const o of item.options) {
        cols.push(`count(*) filter (where "${item.id}" = '${o.value}')`);
      }
    }
  }
  return `select cycle_id, unit_id, staff_group_id, count(*), ${cols.join(", ")}
    from (select r.cycle_id, r.unit_id, r.staff_group_id, a.*, ${scoreValues}
          from survey_response r
          cross join lateral jsonb_to_record(case when r.cycle_id = $1 then r.answers end)
            as a(${answerColumns})
          cross join lateral jsonb_to_record(r.scores) as sc(${scoreColumns})
          where r.cycle_id in ($1, $2) offset 0) x
    group by cycle_id, unit_id, staff_group_id`;
}

// ---------------------------------------------------------------------------------------------

async function benchOn(kind: DbKind, adminUrl?: string): Promise<Timing[]> {
  console.log(`\n${kind === "pglite" ? "PGlite (a file in a temporary folder)" : "PostgreSQL"}:`);
  resetAuth();
  const { d, drop } = await openBenchDatabase(kind, adminUrl);
  setDatabase(d);
  const timings: Timing[] = [];
  try {
    const started = performance.now();
    const seededCentre = await seedCentreWithRoles("MOPR Benchmark", "bench-report.pl");
    const coordinator: Actor = await actorFor(seededCentre.users.coordinator.userId);
    const plans: Plan[] = [];
    let unitsLeft = TOTAL_UNITS;
    let responsesLeft = TOTAL_RESPONSES;
    for (const [i, weight] of CENTRE_WEIGHTS.entries()) {
      const last = i === CENTRE_WEIGHTS.length - 1;
      const unitCount = last ? unitsLeft : Math.round(TOTAL_UNITS * weight);
      const responses = last ? responsesLeft : Math.round(TOTAL_RESPONSES * weight);
      unitsLeft -= unitCount;
      responsesLeft -= responses;
      const centreId =
        i === 0
          ? seededCentre.centre.id
          : (await createCentre(d.db, { name: `OPS ${i}`, type: "OPS", city: `Miasto ${i}` })).id;
      // The seeded centre already has two units; the rest are added to reach its share.
      const { units, leaves } = await insertUnits(d, centreId, i === 0 ? unitCount - 2 : unitCount);
      const groups = (
        await d.raw("select id from staff_group where centre_id = $1 order by sort_order", [
          centreId,
        ])
      ).rows.map((r) => r.id as string);
      const instrument = await d.raw(
        `insert into survey_instrument (centre_id, slug, version, definition)
         values ($1, $2, 1, $3) returning id`,
        [centreId, workloadSurvey.id, JSON.stringify(workloadSurvey)],
      );
      const random = seeded(1000 + i);
      plans.push({
        centreId,
        units,
        leaves,
        groups,
        responses,
        instrumentId: instrument.rows[0].id as string,
        strain: new Map(units.map((u) => [u.id, (random() - 0.5) * 1.6])),
      });
    }
    const largest = plans[0];
    const cycles: string[] = [];
    for (const [i, plan] of plans.entries()) {
      const cycle = await insertCycle(d, plan, "Wiosna 2026", 5);
      cycles.push(cycle);
      await insertResponses(d, plan, cycle, 7 + i);
    }
    // The largest centre's previous cycle: as many responses, before the programme helped.
    const previous = await insertCycle(d, largest, "Jesień 2025", 180);
    await insertResponses(d, largest, previous, 99, -0.4);
    await d.raw("analyze");
    const current = cycles[0];
    const rows = TOTAL_RESPONSES + largest.responses;
    console.log(
      `  data: ${rows.toLocaleString("en")} responses stored in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      `  largest centre: ${largest.responses.toLocaleString("en")} responses in this cycle and as many in the previous one, ${largest.units.length + 2} units × ${largest.groups.length} staff groups`,
    );

    const note = (what: string, ms: number[], baseline = false, extra?: string) => {
      timings.push({ db: kind, what, ms, baseline, note: extra });
      console.log(
        `  ${what.padEnd(52)} median ${median(ms).toFixed(0).padStart(6)} ms   (${ms.map((x) => x.toFixed(0)).join(", ")})`,
      );
    };

    // A sanity check before timing: something is published and something is hidden.
    const sample = await cycleResultsAll(coordinator, current);
    const unitRows = sample.unit.groups;
    const hidden = unitRows.filter((g) => g.suppressed).length;
    console.log(
      `  report: ${unitRows.length} unit rows (${hidden} hidden), ${sample["unit,staffGroup"].groups.length} unit × staff group rows (${sample["unit,staffGroup"].groups.filter((g) => g.suppressed).length} hidden), alpha of workload ${sample.unit.scales.workload.alpha?.toFixed(3)}`,
    );

    const baseline = baselineStatement(workloadSurvey);
    const [report, hand] = await measureInTurns(
      () => cycleReport(coordinator, current, { previous }),
      // With the settings the engine's statement runs under: the best this SQL can do.
      () =>
        d.rawTransaction(async (raw) => {
          await raw("set local jit = off");
          await raw("set local work_mem = '32MB'");
          return raw(baseline, [current, previous]);
        }),
      RUNS[kind],
    );
    // Other work on the machine slows both sides alike; the ratio is the steadier figure.
    console.log(
      `  load average while timing: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
    );
    note("full report: every view, alpha, trend, top risks", report);
    note("baseline: one hand-written SQL aggregate", hand, true);
    note(
      "for information: the same from separate calls",
      await measure(async () => {
        const all = await cycleResultsAll(coordinator, current);
        topRisks(all.unit);
        await cycleTrend(coordinator, current, { previous, by: "unit" });
      }, INFO_RUNS),
    );
    note(
      "for information: three API calls, one per view",
      await measure(async () => {
        for (const by of RESULT_VIEWS) await cycleResults(coordinator, current, { by });
      }, INFO_RUNS),
    );
  } finally {
    setDatabase(undefined);
    await drop();
  }
  return timings;
}

function printSummary(timings: Timing[], pgNote?: string) {
  console.log("\nSummary (median of the timed runs):");
  for (const kind of ["postgres", "pglite"] as const) {
    const mine = timings.filter((t) => t.db === kind);
    if (mine.length === 0) continue;
    const baseline = median(mine.find((t) => t.baseline)!.ms);
    const full = median(mine.find((t) => !t.baseline)!.ms);
    console.log(
      `  ${kind.padEnd(8)} full report ${full.toFixed(0)} ms, baseline ${baseline.toFixed(0)} ms, ratio ${(full / baseline).toFixed(2)}×`,
    );
  }
  console.log("\nTarget from the issue (information; the benchmark does not fail on it):");
  const pgRows = timings.filter((t) => t.db === "postgres");
  if (pgRows.length > 0) {
    const full = median(pgRows.find((t) => !t.baseline)!.ms);
    const ratio = full / median(pgRows.find((t) => t.baseline)!.ms);
    console.log(
      `  full report < 1 s on PostgreSQL: ${full.toFixed(0)} ms — ${full < 1000 ? "met" : "NOT met"}`,
    );
    console.log(
      `  ≤ 2× the hand-written aggregate: ${ratio.toFixed(2)}× — ${ratio <= 2 ? "met" : "NOT met"}`,
    );
  } else {
    console.log(`  PostgreSQL not measured (${pgNote})`);
  }
}

export async function benchSurveyReport(): Promise<void> {
  console.log(
    `survey-report: ${TOTAL_RESPONSES.toLocaleString("en")} responses × ${allItems(workloadSurvey).filter(({ item }) => item.kind !== "text").length} closed items of "${workloadSurvey.title.pl}" in ${TOTAL_UNITS} units of ${CENTRE_WEIGHTS.length} centres, and a previous cycle of the largest centre; ${RUNS.postgres} timed runs on PostgreSQL and ${RUNS.pglite} on PGlite after a warm-up, the report and the baseline in turns; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`,
  );
  const { url: pgUrl, note: pgNote } = benchPostgres();
  // SURVEY_REPORT_ONLY=postgres or =pglite runs one of the two (while profiling, say).
  const only = process.env.SURVEY_REPORT_ONLY;
  const timings: Timing[] = [];
  if (only !== "pglite") {
    if (pgUrl) timings.push(...(await benchOn("postgres", pgUrl)));
    else console.log(`\nPostgreSQL: skipped — ${pgNote}.`);
  }
  if (only !== "postgres") timings.push(...(await benchOn("pglite")));
  printSummary(timings, pgNote);
}
