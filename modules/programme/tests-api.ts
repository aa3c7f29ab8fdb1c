// The knowledge tests' /api/v1 operation: an activity's results per participant and in sum,
// for a reporting system. Thin: the service checks the permission and the unit scope.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { testResults } from "./test-results.ts";

const TAG = "Programme: knowledge tests";
const uuid = z.string().uuid();
const score = z
  .object({ score: z.number().int(), maxScore: z.number().int(), percent: z.number() })
  .nullable();

const resultsResponse = z.object({
  activity: z.object({
    id: uuid,
    title: z.string(),
    learningOutcomes: z.string().describe("the scope of the competence check"),
    passThresholdPercent: z
      .number()
      .int()
      .nullable()
      .describe("the standard: a post-test at or above it means the competence was acquired"),
    questionCount: z.number().int(),
  }),
  participants: z.array(
    z.object({
      employeeId: uuid,
      firstName: z.string(),
      lastName: z.string(),
      pre: score,
      post: score,
      gainPoints: z.number().nullable().describe("post − pre, in percentage points"),
      acquired: z.boolean().nullable().describe("null without a post-test or a threshold"),
    }),
  ),
  summary: z.object({
    paired: z.number().int().describe("participants with both tests; the means are over them"),
    meanPre: z.number().nullable(),
    meanPost: z.number().nullable(),
    meanGain: z.number().nullable().describe("percentage points"),
    withPost: z.number().int(),
    acquired: z.number().int(),
    shareAcquired: z.number().nullable().describe("0–1, of those with a post-test"),
  }),
});

const withPercent = (s: { score: number; maxScore: number } | null, percent: number | null) =>
  s && percent !== null ? { ...s, percent } : null;

export const testsApi = defineRoutes([
  {
    method: "get",
    path: "/activities/{id}/test-results",
    summary: "Knowledge test results of an activity: per participant and the activity's summary",
    tag: TAG,
    permission: "programme.reports.view",
    response: resultsResponse,
    handler: async ({ actor, params }) => {
      const first = await testResults(actor, params.id, { pageSize: 200 });
      const rows = [...first.rows];
      for (let page = 2; rows.length < first.total; page++) {
        const next = await testResults(actor, params.id, { pageSize: 200, page });
        if (next.rows.length === 0) break;
        rows.push(...next.rows);
      }
      return resultsResponse.parse({
        activity: first.activity,
        participants: rows.map((r) => ({
          employeeId: r.employeeId,
          firstName: r.firstName,
          lastName: r.lastName,
          pre: withPercent(r.pre, r.prePercent),
          post: withPercent(r.post, r.postPercent),
          gainPoints: r.gainPoints,
          acquired: r.acquired,
        })),
        summary: first.summary,
      });
    },
  },
]);
