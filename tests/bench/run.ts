// `npm run bench -- NAME`: runs one benchmark. Benchmarks print numbers; they never fail on them.
export {};

const benchmarks: Record<string, { about: string; run: () => Promise<void> }> = {
  pages: {
    about: "req/s and latency of /health and the signed-in dashboard, PGlite and PostgreSQL",
    run: async () => (await import("./pages.ts")).benchPages(),
  },
  import: {
    about: "staff import of a 10,000-row CSV: preview and apply, PGlite and PostgreSQL",
    run: async () => (await import("./import.ts")).benchImport(),
  },
  "survey-report": {
    about:
      "survey results of the largest of 10 centres (100,000 responses): report vs one SQL aggregate",
    run: async () => (await import("./survey-report.ts")).benchSurveyReport(),
  },
  "enrol-rush": {
    about:
      "400 enrolments at once into a 20-place activity over HTTP on PostgreSQL, against pg's single-row inserts",
    run: async () => (await import("./enrol-rush.ts")).benchEnrolRush(),
  },
  "booking-rush": {
    about:
      "200 consultation bookings at once on a specialist's 20 slots over HTTP on PostgreSQL, against pg's single-row inserts",
    run: async () => (await import("./booking-rush.ts")).benchBookingRush(),
  },
  "exam-planning": {
    about:
      "bulk planning of exams for 427 employees (preview + apply), PGlite and PostgreSQL, against plain inserts",
    run: async () => (await import("./exam-planning.ts")).benchExamPlanning(),
  },
  "survey-submit": {
    about:
      "anonymous survey submissions over HTTP, 5,000 tokens at 100 connections, against pg's ceiling; --kill: SIGKILL mid-run",
    run: async () => (await import("./survey-submit.ts")).benchSurveySubmit(process.argv.slice(3)),
  },
};

const name = process.argv[2];
const bench = name ? benchmarks[name] : undefined;
if (!bench) {
  if (name) console.error(`Unknown benchmark: ${name}`);
  console.error("Usage: npm run bench -- NAME\n\nBenchmarks:");
  for (const [key, b] of Object.entries(benchmarks))
    console.error(`  ${key.padEnd(10)} ${b.about}`);
  process.exit(2);
}

try {
  await bench.run();
} catch (err) {
  console.error(`\nBenchmark ${name} failed: ${err instanceof Error ? err.message : err}`);
  process.exitCode = 1;
}
