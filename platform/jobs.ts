import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Queryable } from "./db.ts";
import { db } from "./db.ts";
import { logger } from "./logger.ts";
import { deliverDueMail, retryDelayMs } from "./outbox.ts";
import { job } from "./platform-schema.ts";

export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;
const handlers = new Map<string, JobHandler>();

/** Handlers must be idempotent: a job may run again after a crash before it was marked done. */
export function registerJob(kind: string, handler: JobHandler): void {
  handlers.set(kind, handler);
}

export async function enqueueJob(
  q: Queryable,
  kind: string,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; dedupeKey?: string; maxAttempts?: number } = {},
): Promise<void> {
  await q
    .insert(job)
    .values({
      kind,
      payload,
      runAt: opts.runAt ?? new Date(),
      dedupeKey: opts.dedupeKey ?? null,
      maxAttempts: opts.maxAttempts ?? 5,
    })
    .onConflictDoNothing({ target: job.dedupeKey });
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED and a lease, then runs them outside the claiming
 * transaction. Two processes on one PostgreSQL never run the same job at the same time.
 */
export async function runDueJobs(limit = 10): Promise<number> {
  // The database's clock, not ours: rows are stamped with now() there, and app servers' clocks
  // may drift apart.
  const now = sql`now()`;
  const claimed = await db().transaction(async (tx) => {
    const due = await tx
      .select({ id: job.id })
      .from(job)
      .where(
        and(
          isNull(job.doneAt),
          isNull(job.failedAt),
          lte(job.runAt, now),
          or(isNull(job.lockedUntil), lt(job.lockedUntil, now)),
        ),
      )
      .orderBy(job.runAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(job)
      .set({ lockedUntil: sql`now() + interval '5 minutes'` })
      .where(
        inArray(
          job.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  for (const j of claimed) {
    const handler = handlers.get(j.kind);
    try {
      if (!handler) throw new Error(`no handler for job kind ${j.kind}`);
      await handler(j.payload);
      await db().update(job).set({ doneAt: new Date(), lockedUntil: null }).where(eq(job.id, j.id));
    } catch (err) {
      const attempts = j.attempts + 1;
      const gaveUp = attempts >= j.maxAttempts;
      logger.warn(
        { jobId: j.id, kind: j.kind, attempts, err: (err as Error).message },
        "job failed",
      );
      await db()
        .update(job)
        .set({
          attempts,
          lastError: (err as Error).message.slice(0, 500),
          failedAt: gaveUp ? new Date() : null,
          runAt: new Date(Date.now() + retryDelayMs(attempts)),
          lockedUntil: null,
        })
        .where(eq(job.id, j.id));
    }
  }
  return claimed.length;
}

/** The background loop of an app process: mail and jobs, every few seconds. */
export function startWorker(intervalMs = 3000): () => void {
  const id = randomUUID().slice(0, 8);
  let stopped = false;
  let running = false;
  const tick = async () => {
    if (stopped || running) return;
    running = true;
    try {
      while ((await deliverDueMail()) > 0 && !stopped) {}
      while ((await runDueJobs()) > 0 && !stopped) {}
    } catch (err) {
      logger.error({ worker: id, err: (err as Error).message }, "worker tick failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/**
 * A job that runs every `everyMs`, as a chain of one-off jobs: each run first queues the next,
 * keyed by its time slot, so enqueueing it from every process makes one job, a failure is
 * retried as that run while the chain goes on, and a crash loses no tick. Finished runs older
 * than a day are deleted. `register` sets the handler (tests call it); `start` also queues the
 * first run (call it where the worker runs).
 */
export function periodicJob(
  kind: string,
  everyMs: number,
  run: () => Promise<void>,
): { register: () => void; start: () => Promise<void> } {
  const scheduleNext = async (after: Date) => {
    const at = new Date(Math.ceil((after.getTime() + 1) / everyMs) * everyMs);
    await enqueueJob(
      db(),
      kind,
      {},
      { runAt: at, dedupeKey: `${kind}:${at.toISOString().slice(0, 16)}` },
    );
  };
  const register = () =>
    registerJob(kind, async () => {
      await scheduleNext(new Date());
      await run();
      await db()
        .delete(job)
        .where(and(eq(job.kind, kind), lt(job.doneAt, sql`now() - interval '1 day'`)));
    });
  return {
    register,
    start: async () => {
      register();
      await scheduleNext(new Date());
    },
  };
}
