// `npm run bench -- booking-rush`: 200 employees booking a consultation at the same moment,
// ten of them on each of a specialist's 20 slots, through the real HTTP server
// (POST /api/v1/support/bookings, each with its own signed-in session) on PostgreSQL
// (BENCH_DATABASE_URL or TEST_DATABASE_URL). All 200 requests are sent at once on 200
// connections; the server is one process with its usual pool of 10 database connections. It
// prints throughput and p50/p95/p99 latency, then checks the outcome: exactly 20 answers 201 and
// 180 answers 409 with reason slot_taken (each with its alternatives), exactly 20 live bookings
// in the database, one per slot, none overlapping. The ceiling, in the same run: 200 bookings
// inserted straight through `pg`, one autocommit INSERT each (no checks, no mail, no audit),
// all at once over 10 connections. Beside them, for scale, 200 signed-in GET
// /api/v1/support/bookings at once. It fails only when a check fails, never on the numbers.
import pg from "pg";
import { percentile } from "./pages.ts";
import { type Answer, fmt, type RushSeed, runRushBench, sendAll } from "./rush.ts";

const PEOPLE = 200;
const SLOTS = 20;
const WARMUP = 40;

type Seeded = RushSeed & {
  specialistId: string;
  starts: string[];
  warmSpecialistId: string;
  warmStarts: string[];
  ceilingSpecialistId: string;
  ceilingFrom: string;
};

type Body = { id?: string; startsAt?: string; reason?: string; alternatives?: unknown[] };

/** Everyone given books at once, person i the slot i (modulo the slots). */
const bookAll = (base: string, specialistId: string, starts: string[], cookies: string[]) =>
  sendAll<Body>(base, cookies, (i) => ({
    path: "/api/v1/support/bookings",
    body: { kind: "consultation", specialistId, startsAt: starts[i % starts.length] },
  }));

/** The outcome in the database, against what the answers said. */
async function check(url: string, seeded: Seeded, answers: Answer<Body>[]): Promise<string[]> {
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query(
        `select id, employee_id, starts_at, ends_at from support_booking
         where specialist_id = $1 and status <> 'cancelled' order by starts_at`,
        [seeded.specialistId],
      )
    ).rows as { id: string; employee_id: string; starts_at: Date; ends_at: Date }[];
    const statuses = new Map<number, number>();
    for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    const said = [...statuses].map(([s, n]) => `${s}×${n}`).join(" ");
    if ((statuses.get(201) ?? 0) !== SLOTS || (statuses.get(409) ?? 0) !== PEOPLE - SLOTS)
      problems.push(`answers: ${said}`);
    const refused = answers.filter((a) => a.status === 409);
    const notTaken = refused.filter((a) => a.body.reason !== "slot_taken").length;
    if (notTaken) problems.push(`${notTaken} refusals gave another reason than slot_taken`);
    const noAlternatives = refused.filter((a) => !Array.isArray(a.body.alternatives)).length;
    if (noAlternatives) problems.push(`${noAlternatives} refusals offered no alternatives`);
    if (rows.length !== SLOTS) problems.push(`${rows.length} bookings stored, not ${SLOTS}`);
    const starts = rows.map((r) => r.starts_at.toISOString());
    if (JSON.stringify(starts) !== JSON.stringify(seeded.starts))
      problems.push("the bookings are not one per slot");
    for (let i = 1; i < rows.length; i++) {
      if (rows[i].starts_at < rows[i - 1].ends_at)
        problems.push(`bookings ${i - 1} and ${i} overlap`);
    }
    if (new Set(rows.map((r) => r.employee_id)).size !== rows.length)
      problems.push("one person holds two slots");
    const won = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    if (!rows.every((r) => won.has(r.id))) problems.push("a stored booking was not answered 201");
    console.log(
      `  check: answers ${said}; ${rows.length} bookings stored, one per slot, none overlapping — ${problems.length ? "MISMATCH" : "consistent"}`,
    );
  } finally {
    await client.end();
  }
  return problems;
}

export async function benchBookingRush(): Promise<void> {
  await runRushBench<Seeded, Body>({
    title: `booking-rush: ${PEOPLE} employees, ${SLOTS} slots of one specialist (10 people per slot), all ${PEOPLE} bookings sent at once over HTTP`,
    people: PEOPLE,
    seed: {
      script: "tests/bench/booking-rush-seed.ts",
      env: { PEOPLE: String(PEOPLE), SLOTS: String(SLOTS), WARMUP: String(WARMUP) },
    },
    baseline: { path: "/api/v1/support/bookings", target: "baseline: GET /support/bookings" },
    // Bookings with another specialist on another day, one slot each.
    warmUp: {
      what: "bookings",
      send: (base, seeded) =>
        bookAll(base, seeded.warmSpecialistId, seeded.warmStarts, seeded.cookies.slice(0, WARMUP)),
    },
    rush: {
      target: "HTTP book (API): 201 or 409",
      okStatus: [201, 409],
      send: (base, seeded) => bookAll(base, seeded.specialistId, seeded.starts, seeded.cookies),
    },
    check,
    ceilingInsert: (seeded, i) => {
      // Each its own half hour, so the exclusion constraints accept every row.
      const startsAt = new Date(new Date(seeded.ceilingFrom).getTime() + i * 30 * 60_000);
      const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
      return {
        text: `insert into support_booking
                 (centre_id, specialist_id, employee_id, kind, mode, starts_at, ends_at)
               values ($1, $2, $3, 'consultation', 'online', $4, $5)`,
        values: [
          seeded.centreId,
          seeded.ceilingSpecialistId,
          seeded.employeeIds[i],
          startsAt,
          endsAt,
        ],
      };
    },
    report: ({ http, ceiling }, answers) => {
      const won = answers.filter((a) => a.status === 201).map((a) => a.ms);
      const lost = answers.filter((a) => a.status === 409).map((a) => a.ms);
      const p = (xs: number[], q: number) => percentile(Float64Array.from(xs).sort(), q);
      console.log(
        `\nBookings made (201): p95 ${fmt(p(won, 95))} ms, p99 ${fmt(p(won, 99))} ms; refused as taken (409, with alternatives): p95 ${fmt(p(lost, 95))} ms, p99 ${fmt(p(lost, 99))} ms`,
      );
      console.log(
        `Ratios to the ceiling: throughput ${(ceiling.seconds / http.seconds).toFixed(2)} (HTTP/ceiling), p95 ${(percentile(http.latencies, 95) / percentile(ceiling.latencies, 95)).toFixed(1)}×, p99 ${(percentile(http.latencies, 99) / percentile(ceiling.latencies, 99)).toFixed(1)}× the ceiling's`,
      );
    },
  });
}
