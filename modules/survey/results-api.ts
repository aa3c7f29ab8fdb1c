// The survey's results operations of /api/v1: a closed cycle's suppressed results by view, and
// its trend against an earlier cycle. Thin: the services check the permission (a manager's
// key cannot exist, but a manager's session gets their own units only) and the cycle.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { AppError } from "../../platform/errors.ts";
import { RESULT_VIEWS, type ResultView } from "./result-cells.ts";
import { cycleResults, type ResultGroup } from "./results.ts";
import { cycleTrend } from "./trend.ts";

const TAG = "Survey results";
const uuid = z.string().uuid();
const text = z.object({ pl: z.string(), en: z.string() });

const resultsQuery = z.object({
  by: z.enum(RESULT_VIEWS).optional().describe("the rows: unit (default), staffGroup, or both"),
});

const trendQuery = z.object({
  previous: uuid
    .optional()
    .describe("an earlier closed cycle of the same instrument; by default the latest one"),
  by: z.enum(RESULT_VIEWS).optional().describe("also per group of this view"),
});

const scaleFigures = z.object({
  n: z.number().int().describe("respondents with a valid score"),
  mean: z.number().nullable().describe("0–100"),
  ci95: z.tuple([z.number(), z.number()]).nullable().describe("95 % confidence interval"),
  bands: z
    .array(z.number())
    .nullable()
    .describe("share (0–1) of scores in each band of the scale, in order"),
});

const group = z.object({
  key: z.string().describe('"centre", "unit:<id>", "group:<id>" or "unit:<id>/group:<id>"'),
  unitId: uuid.optional(),
  staffGroupId: uuid.optional(),
  name: z.string(),
  depth: z.number().int().optional(),
  n: z.number().int().nullable().describe("null when the group is not shown"),
  suppressed: z.boolean(),
  reason: z
    .enum(["small", "complementary", "empty"])
    .optional()
    .describe("why it is not shown: too few answers, protecting another group, or none"),
  scales: z.record(z.string(), scaleFigures).nullable(),
});

const resultsResponse = z.object({
  cycle: z.object({
    id: uuid,
    name: z.string(),
    status: z.string(),
    opensAt: z.string(),
    closesAt: z.string(),
    instrumentId: uuid,
    minGroupSize: z.number().int(),
  }),
  instrument: z.object({ slug: z.string(), version: z.number().int(), title: text }),
  invited: z.number().int(),
  responded: z.number().int(),
  centre: group.nullable().describe("null for a reader who sees only their own units"),
  groups: z.array(group),
  scales: z.record(
    z.string(),
    z.object({
      alpha: z.number().nullable().describe("Cronbach's alpha over the whole centre"),
      label: text,
      higherIs: z.enum(["worse", "better"]),
      bands: z.array(z.object({ id: z.string(), from: z.number(), to: z.number(), label: text })),
    }),
  ),
});

const trendFigures = z.object({
  change: z.number().nullable().describe("current − previous mean"),
  g: z.number().nullable().describe("Hedges' g"),
  t: z.number().nullable(),
  df: z.number().nullable(),
  p: z.number().nullable().describe("Welch's t-test, two-sided"),
  flag: z.enum(["improvement", "deterioration", "none"]),
  previous: z.object({ n: z.number().int(), mean: z.number().nullable() }),
  current: z.object({ n: z.number().int(), mean: z.number().nullable() }),
});

const trendGroup = z.object({
  key: z.string(),
  unitId: uuid.optional(),
  staffGroupId: uuid.optional(),
  name: z.string(),
  depth: z.number().int().optional(),
  suppressed: z.boolean().describe("hidden in either cycle: no trend"),
  scales: z.record(z.string(), trendFigures).nullable(),
});

const cycleRef = z.object({
  id: uuid,
  name: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
});

const trendResponse = z.object({
  cycle: cycleRef,
  previous: cycleRef,
  scales: z.record(z.string(), z.object({ label: text, higherIs: z.enum(["worse", "better"]) })),
  centre: trendGroup.nullable(),
  groups: z.array(trendGroup),
});

/** The view asked for: absent means by unit; anything else is a field error. */
function viewOf(query: unknown): ResultView {
  const parsed = resultsQuery.safeParse(query ?? {});
  if (!parsed.success) throw new AppError("validation", { by: "errors.invalid" });
  return parsed.data.by ?? "unit";
}

const strip = ({ items: _, ...g }: ResultGroup) => g;

export const surveyResultsApi = defineRoutes([
  {
    method: "get",
    path: "/cycles/{id}/results",
    summary:
      "Results of a closed cycle: per group and scale the mean with its 95 % CI and band shares; hidden groups carry no figures",
    tag: TAG,
    permission: "survey.results.view",
    query: resultsQuery,
    response: resultsResponse,
    handler: async ({ actor, params, query }) => {
      const by = viewOf(query);
      const r = await cycleResults(actor, params.id, { by });
      return resultsResponse.parse({
        ...r,
        centre: r.centre ? strip(r.centre) : null,
        groups: r.groups.map(strip),
      });
    },
  },
  {
    method: "get",
    path: "/cycles/{id}/trend",
    summary:
      "Change per scale against an earlier closed cycle of the same instrument: difference, Hedges' g, Welch's p and a flag",
    tag: TAG,
    permission: "survey.results.view",
    query: trendQuery,
    response: trendResponse,
    handler: async ({ actor, params, query }) => {
      const q = (query ?? {}) as Record<string, unknown>;
      return trendResponse.parse(
        await cycleTrend(actor, params.id, { previous: q.previous, by: q.by }),
      );
    },
  },
]);
