// Background work of the evaluations: closing each one at its closing time (and resealing its
// rows), so results can be published without anyone closing it by hand. A tick every five
// minutes; each close takes the activity's row lock and checks again, so a tick run twice, or
// by two processes, closes each evaluation once.
import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { enqueueJob, registerJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { job } from "../../platform/platform-schema.ts";
import { closeDueEvaluations } from "./evaluation.ts";

export const EVALUATION_TICK_JOB = "programme.evaluation.tick";
const TICK_MS = 5 * 60_000;

/** The next tick, keyed by its slot: enqueueing it from every process makes one job. */
async function scheduleTick(after: Date): Promise<void> {
  const at = new Date(Math.ceil((after.getTime() + 1) / TICK_MS) * TICK_MS);
  await enqueueJob(
    db(),
    EVALUATION_TICK_JOB,
    {},
    { runAt: at, dedupeKey: `${EVALUATION_TICK_JOB}:${at.toISOString().slice(0, 16)}` },
  );
}

export function registerEvaluationJobs(): void {
  registerJob(EVALUATION_TICK_JOB, async () => {
    // The next tick first: a failure below is retried as this job, and the chain goes on.
    await scheduleTick(new Date());
    const closed = await closeDueEvaluations();
    if (closed) logger.info({ closed }, "programme evaluations closed");
    await db()
      .delete(job)
      .where(and(eq(job.kind, EVALUATION_TICK_JOB), lt(job.doneAt, sql`now() - interval '1 day'`)));
  });
}

/** Registers the handler and queues the next tick (call where the worker runs). */
export async function startEvaluationJobs(): Promise<void> {
  registerEvaluationJobs();
  await scheduleTick(new Date());
}
