// What the survey-submit benchmark and the SIGKILL test share: the answers posted, seeding a
// database, counting what was stored, and the kill check itself. Imports nothing that starts or
// registers anything, so a Vitest test can use it.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { workloadSurvey } from "../../modules/survey/default-instruments.ts";
import { allItems } from "../../modules/survey/instrument.ts";
import type { AnswerValue } from "../../modules/survey/scoring.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** A small deterministic generator, so every run posts the same answers. */
function prng(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

export function fullAnswers(i: number): Record<string, AnswerValue> {
  const rnd = prng(i + 1);
  const pick = <T>(values: readonly T[]) => values[Math.floor(rnd() * values.length)];
  const answers: Record<string, AnswerValue> = {};
  for (const { item } of allItems(workloadSurvey)) {
    switch (item.kind) {
      case "likert":
      case "frequency":
        answers[item.id] = pick(item.points.map((p) => p.value));
        break;
      case "yesNo":
        // Client work for most, so the client-related items are shown and answered.
        answers[item.id] = rnd() < 0.9;
        break;
      case "single":
        answers[item.id] = pick(item.options.map((o) => o.value));
        break;
      case "text":
        if (i % 4 === 0) answers[item.id] = `Odpowiedź otwarta nr ${i}: za dużo spraw naraz.`;
        break;
      default:
        throw new Error(`no answer generator for item kind ${item.kind}`);
    }
  }
  return answers;
}

export type Seeded = {
  cycleId: string;
  ceilingCycleId: string | null;
  tokens: string[];
  codes: string[];
};

/** Runs a Node script of the project to its end; its stdout, or an error with its output. */
function runNode(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, script)], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${script} exited with ${code}:\n${out}${err}`)),
    );
  });
}

/**
 * Seeds the database of `env` with tests/bench/survey-submit-seed.ts: `people` employees invited
 * to an open cycle of the workload survey (their tokens taken from the mails), `warmup` paper
 * codes of it, and with `ceiling` a second open cycle for the ceiling.
 */
export async function seedSurvey(
  env: NodeJS.ProcessEnv,
  opts: { people: number; warmup?: number; ceiling?: boolean },
): Promise<Seeded> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "przystan-survey-"));
  try {
    const file = path.join(dir, "tokens.json");
    const out = await runNode("tests/bench/survey-submit-seed.ts", {
      ...env,
      PEOPLE: String(opts.people),
      WARMUP: String(opts.warmup ?? 0),
      CEILING: opts.ceiling ? "1" : "0",
      TOKENS_FILE: file,
    });
    const line = JSON.parse(out.trim().split("\n").pop() ?? "{}");
    const { tokens, codes } = JSON.parse(fs.readFileSync(file, "utf8"));
    if (tokens.length !== opts.people) {
      throw new Error(`seeded ${tokens.length} tokens, not ${opts.people}`);
    }
    return { ...line, tokens, codes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export type Counts = { responses: number; spent: number; usedCodes: number; comments: number };

export async function countsOf(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
  id: string,
) {
  const [row] = await query(
    `select
       (select count(*)::int from survey_response where cycle_id = '${id}') as responses,
       (select count(*)::int from survey_participation
          where cycle_id = '${id}' and answered_on is not null) as spent,
       (select count(*)::int from survey_paper_code
          where cycle_id = '${id}' and used_on is not null) as "usedCodes",
       (select count(*)::int from survey_comment where cycle_id = '${id}') as comments`,
  );
  return row as Counts;
}

export function statusCounts(statuses: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of statuses) out[s] = (out[s] ?? 0) + 1;
  return out;
}

/** The JSON body of the i-th submission. */
export const submitBody = (token: string, i: number) =>
  JSON.stringify({ token, answers: fullAnswers(i) });

/** A port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export type Child = { child: ChildProcess; port: number; exited: Promise<void> };

export function spawnServer(env: NodeJS.ProcessEnv, script: string): Promise<Child> {
  return freePort().then(
    (port) =>
      new Promise<Child>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(root, script)], {
          cwd: root,
          env: { ...env, PORT: String(port) },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const exited = new Promise<void>((done) => child.once("exit", () => done()));
        let early = "";
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`${script} did not start within 60 s:\n${early}`));
        }, 60_000);
        const onData = (chunk: Buffer) => {
          early += chunk.toString();
          if (/Przystań: http:/.test(early)) {
            clearTimeout(timer);
            child.stdout?.off("data", onData);
            resolve({ child, port, exited });
          }
        };
        child.stdout?.on("data", onData);
        child.stderr?.on("data", (c: Buffer) => {
          early += c.toString();
        });
        child.once("exit", (code, signal) => {
          clearTimeout(timer);
          if (!/Przystań: http:/.test(early))
            reject(new Error(`${script} exited (${code ?? signal}):\n${early}`));
        });
        process.once("exit", () => child.kill("SIGKILL"));
      }),
  );
}

export type KillReport = {
  sent: number;
  answered201: number;
  failedInFlight: number;
  otherStatuses: Record<string, number>;
  afterRestart: Counts;
  spentOf201: number;
  resubmitted: Record<string, number>;
  final: Counts;
  ok: boolean;
  problems: string[];
};

/**
 * Fires submissions at a server on PostgreSQL with `concurrency` workers, SIGKILLs it once
 * `killAfter` have answered 201, starts it again and checks: every token answered 201 is spent,
 * responses = spent tokens exactly (none spent without its response, none stored without its
 * token spent), and the tokens whose answer was lost in the kill either were stored (their
 * resubmission is 409) or were not (it is 201) — so after resubmitting them, responses = spent
 * = every token.
 */
export async function killCheck(opts: {
  env: NodeJS.ProcessEnv;
  script: string;
  databaseUrl: string;
  cycleId: string;
  tokens: string[];
  killAfter: number;
  concurrency: number;
  log?: (line: string) => void;
}): Promise<KillReport> {
  const log = opts.log ?? (() => {});
  const problems: string[] = [];
  const hash = (t: string) => createHash("sha256").update(t).digest("hex");
  const bodies = opts.tokens.map((t, i) => submitBody(t, i));
  const result: (number | "error" | undefined)[] = new Array(opts.tokens.length);

  const first = await spawnServer(opts.env, opts.script);
  log(`server started on port ${first.port}; ${opts.concurrency} workers`);
  let created = 0;
  let killed = false;
  let next = 0;
  const killedAt = new Promise<void>((resolveKill) => {
    const worker = async () => {
      for (let i = next++; i < bodies.length && !killed; i = next++) {
        try {
          const res = await fetch(`http://127.0.0.1:${first.port}/api/v1/responses`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: bodies[i],
          });
          await res.arrayBuffer();
          result[i] = res.status;
          if (res.status === 201 && ++created >= opts.killAfter && !killed) {
            killed = true;
            first.child.kill("SIGKILL");
            resolveKill();
          }
        } catch {
          result[i] = "error";
        }
      }
    };
    void Promise.all(Array.from({ length: opts.concurrency }, worker)).then(() => resolveKill());
  });
  await killedAt;
  await first.exited;
  // Requests in flight at the kill end in connection errors; wait for all workers' fetches.
  await new Promise((r) => setTimeout(r, 200));
  const sent = result.filter((r) => r !== undefined).length;
  const answered = result.flatMap((r, i) => (r === 201 ? [i] : []));
  const lost = result.flatMap((r, i) => (r === "error" ? [i] : []));
  const otherStatuses = statusCounts(
    result.filter((r): r is number => typeof r === "number" && r !== 201),
  );
  log(`SIGKILL after ${answered.length} answers 201; ${lost.length} requests lost in flight`);

  const second = await spawnServer(opts.env, opts.script);
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows;
    const afterRestart = await countsOf(query, opts.cycleId);
    const spentOf201 = (
      await client.query(
        `select count(*)::int as n from survey_participation
         where cycle_id = $1 and answered_on is not null and token_hash = any($2)`,
        [opts.cycleId, answered.map((i) => hash(opts.tokens[i]))],
      )
    ).rows[0].n as number;
    if (spentOf201 !== answered.length)
      problems.push(`${answered.length - spentOf201} tokens answered 201 are not spent`);
    if (afterRestart.responses < answered.length)
      problems.push(`${afterRestart.responses} responses for ${answered.length} answers 201`);
    if (afterRestart.spent + afterRestart.usedCodes !== afterRestart.responses)
      problems.push(
        `${afterRestart.spent} tokens spent but ${afterRestart.responses} responses stored`,
      );

    // The lost ones again: each either was stored (409) or was not (201); nothing else.
    const resubmittedStatuses: number[] = [];
    for (const i of lost) {
      const res = await fetch(`http://127.0.0.1:${second.port}/api/v1/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodies[i],
      });
      await res.arrayBuffer();
      resubmittedStatuses.push(res.status);
    }
    const resubmitted = statusCounts(resubmittedStatuses);
    const strange = resubmittedStatuses.filter((s) => s !== 201 && s !== 409);
    if (strange.length > 0) problems.push(`resubmitting lost requests answered ${strange}`);
    const final = await countsOf(query, opts.cycleId);
    const expected = answered.length + lost.length;
    if (final.responses !== expected || final.spent + final.usedCodes !== expected)
      problems.push(
        `after resubmitting: ${final.responses} responses and ${final.spent} spent tokens for ${expected} tokens`,
      );
    return {
      sent,
      answered201: answered.length,
      failedInFlight: lost.length,
      otherStatuses,
      afterRestart,
      spentOf201,
      resubmitted,
      final,
      ok: problems.length === 0,
      problems,
    };
  } finally {
    await client.end();
    second.child.kill("SIGTERM");
    await second.exited;
  }
}
