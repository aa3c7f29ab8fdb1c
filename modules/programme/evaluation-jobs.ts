import { periodicJob } from "../../platform/jobs.ts";
import { logger } from "../../platform/logger.ts";
import { closeDueEvaluations } from "./evaluation.ts";

export const EVALUATION_TICK_JOB = "programme.evaluation.tick";
const TICK_MS = 5 * 60_000;

const tick = periodicJob(EVALUATION_TICK_JOB, TICK_MS, async () => {
  const closed = await closeDueEvaluations();
  if (closed) logger.info({ closed }, "programme evaluations closed");
});

export const registerEvaluationJobs = tick.register;
/** Registers the handler and queues the next tick (call where the worker runs). */
export const startEvaluationJobs = tick.start;
