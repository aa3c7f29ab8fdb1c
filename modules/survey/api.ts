// The workload survey's /api/v1 operations: instruments, cycles, paper codes, and the public
// submit of an anonymous response. Thin: each calls a service, which checks the permission
// again and validates with its own schema. Results and trends are in results-api.ts.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { parseInput } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { closeCycle } from "./close-cycle.ts";
import { createCycle, cycleFields } from "./create-cycle.ts";
import { cycleListQuery, getCycle, listCycles } from "./list-cycles.ts";
import { openCycle } from "./open-cycle.ts";
import { createPaperCodes, paperCodeFields } from "./paper-codes.ts";
import {
  getInstrument,
  InstrumentValidationError,
  listInstruments,
  saveInstrument,
} from "./save-instrument.ts";
import { SURVEY_CYCLE_KINDS, SURVEY_CYCLE_STATUSES } from "./schema.ts";
import { submitResponse } from "./submit-response.ts";
import { withTokenGuessLimit } from "./token-guesses.ts";

const TAG = "Survey";
const uuid = z.string().uuid();
const text = z.object({ pl: z.string(), en: z.string() });
const instant = z.string().describe("ISO 8601 date-time");

// Instruments ---------------------------------------------------------------------------------

// The format is recursive (show-if conditions), which an embedded schema cannot express here;
// it is published on its own.
const instrumentJson = z
  .record(z.string(), z.unknown())
  .describe(
    "An instrument in the survey format: docs/survey-format.md, JSON Schema in docs/survey-format.schema.json",
  );

const instrumentSummary = z.object({
  id: uuid,
  slug: z.string(),
  version: z.number().int(),
  title: text,
  createdAt: instant,
});

/**
 * An invalid instrument: `errors` keys each wrong path to a message in the reader's language,
 * and `instrumentErrors` lists every problem with its stable code and an English explanation.
 */
async function saving(actor: Actor, body: unknown) {
  try {
    return await saveInstrument(actor, body);
  } catch (err) {
    if (err instanceof InstrumentValidationError) {
      err.extensions.instrumentErrors = err.errors;
    }
    throw err;
  }
}

// Cycles --------------------------------------------------------------------------------------

const population = z.object({
  unitIds: z.array(uuid).optional(),
  staffGroupIds: z.array(uuid).optional(),
});

/** Counts at centre level only: how far a cycle got, never who answered. */
const progress = {
  invited: z.number().int().describe("invitations sent (personal links)"),
  answered: z.number().int().describe("invitations answered"),
  responses: z.number().int().describe("responses stored, paper codes included"),
};

const cycleSummary = z.object({
  id: uuid,
  name: z.string(),
  kind: z.enum(SURVEY_CYCLE_KINDS),
  status: z.enum(SURVEY_CYCLE_STATUSES),
  instrumentId: uuid,
  instrumentVersion: z.number().int(),
  opensAt: instant,
  closesAt: instant,
  autoOpen: z.boolean(),
  ...progress,
});

const cycleDetail = cycleSummary.extend({
  instrumentSlug: z.string(),
  openedAt: instant.nullable(),
  closedAt: instant.nullable(),
  population,
  reminderDates: z.array(z.string()).describe("Warsaw days, yyyy-mm-dd"),
  minGroupSize: z.number().int(),
  minCommentGroupSize: z.number().int(),
});

type Summary = z.infer<typeof cycleSummary>;
type Detail = z.infer<typeof cycleDetail>;

const iso = (d: Date) => d.toISOString();

function summaryOf(c: Awaited<ReturnType<typeof listCycles>>["rows"][number]): Summary {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    status: c.status,
    instrumentId: c.instrumentId,
    instrumentVersion: c.instrumentVersion,
    opensAt: iso(c.opensAt),
    closesAt: iso(c.closesAt),
    autoOpen: c.autoOpen,
    invited: c.invited,
    answered: c.answered,
    responses: c.responses,
  };
}

async function detailOf(actor: Actor, id: string): Promise<Detail> {
  const c = await getCycle(actor, id);
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    status: c.status,
    instrumentId: c.instrumentId,
    instrumentSlug: c.instrumentSlug,
    instrumentVersion: c.instrumentVersion,
    opensAt: iso(c.opensAt),
    closesAt: iso(c.closesAt),
    openedAt: c.openedAt ? iso(c.openedAt) : null,
    closedAt: c.closedAt ? iso(c.closedAt) : null,
    autoOpen: c.autoOpen,
    population: c.population,
    reminderDates: c.reminderDates,
    minGroupSize: c.minGroupSize,
    minCommentGroupSize: c.minCommentGroupSize,
    invited: c.invited,
    answered: c.answered,
    responses: c.responses,
  };
}

// Responses -----------------------------------------------------------------------------------

const responseBody = z.object({
  token: z
    .string({ error: "errors.required" })
    .min(1, "errors.required")
    .describe("the personal link's token (the last part of /survey/…) or a paper code"),
  answers: z
    .record(z.string(), z.unknown(), { error: "errors.surveyAnswers.notAnObject" })
    .describe("item id → answer; items not shown (show-if) are left out"),
  cycleId: uuid
    .optional()
    .describe("when given, a token of any other cycle is answered as unknown (404)"),
});

export const surveyApi = defineRoutes([
  {
    method: "post",
    path: "/instruments",
    summary:
      "Import an instrument (JSON): a new slug is version 1, a changed definition the next version, an unchanged one returns the latest (created: false)",
    tag: TAG,
    permission: "survey.manage",
    body: instrumentJson,
    response: z.object({
      id: uuid,
      slug: z.string(),
      version: z.number().int(),
      created: z.boolean(),
    }),
    status: 201,
    handler: ({ actor, body }) => saving(actor, body),
  },
  {
    method: "get",
    path: "/instruments",
    summary: "List the centre's instrument versions, newest version of each slug first",
    tag: TAG,
    permission: "survey.manage",
    response: z.object({ items: z.array(instrumentSummary) }),
    handler: async ({ actor }) => ({
      items: (await listInstruments(actor)).map((i) => ({ ...i, createdAt: iso(i.createdAt) })),
    }),
  },
  {
    method: "get",
    path: "/instruments/{id}",
    summary: "Export one instrument version: its definition, as POST /instruments takes it",
    tag: TAG,
    permission: "survey.manage",
    response: instrumentJson,
    handler: async ({ actor, params }) => (await getInstrument(actor, params.id)).definition,
  },

  {
    method: "get",
    path: "/cycles",
    summary:
      "List cycles: search by name (q), filter by status, sort (name, opens, closes, status) and page; counts at centre level",
    tag: TAG,
    permission: "survey.manage",
    query: cycleListQuery,
    response: z.object({
      items: z.array(cycleSummary),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    handler: async ({ actor, query }) => {
      const r = await listCycles(actor, query);
      return {
        items: r.rows.map(summaryOf),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/cycles/{id}",
    summary: "Get one cycle: status, dates, population, thresholds, invited and answered counts",
    tag: TAG,
    permission: "survey.manage",
    response: cycleDetail,
    handler: ({ actor, params }) => detailOf(actor, params.id),
  },
  {
    method: "post",
    path: "/cycles",
    summary:
      "Create a cycle in draft (population: units include their sub-units; none = every active employee)",
    tag: TAG,
    permission: "survey.manage",
    body: cycleFields,
    response: z.object({ id: uuid }),
    status: 201,
    handler: ({ actor, body }) => createCycle(actor, body),
  },
  {
    method: "post",
    path: "/cycles/{id}/open",
    summary:
      "Open a draft: each invited employee gets a personal one-time link by mail, in one transaction",
    tag: TAG,
    permission: "survey.manage",
    response: cycleDetail,
    handler: async ({ actor, params }) => {
      await openCycle(actor, params.id);
      return detailOf(actor, params.id);
    },
  },
  {
    method: "post",
    path: "/cycles/{id}/close",
    summary: "Close a cycle (early or on time): from then on it accepts no answer",
    tag: TAG,
    permission: "survey.manage",
    response: cycleDetail,
    handler: async ({ actor, params }) => {
      await closeCycle(actor, params.id);
      return detailOf(actor, params.id);
    },
  },
  {
    method: "post",
    path: "/cycles/{id}/paper-codes",
    summary:
      "One-time codes for paper or kiosk answering, for one unit and staff group (1–500); shown only in this answer",
    tag: TAG,
    permission: "survey.manage",
    body: paperCodeFields,
    response: z.object({ codes: z.array(z.string().describe("XXXX-XXXX-XXXX")) }),
    status: 201,
    handler: async ({ actor, params, body }) => {
      // Another centre's cycle is 404 whatever the body says.
      await getCycle(actor, params.id);
      return createPaperCodes(actor, params.id, body);
    },
  },

  {
    method: "post",
    path: "/responses",
    public: true,
    summary:
      "Submit an anonymous response with a personal link's token or a paper code — public, no key. 201 stored; 404 unknown token; 409 already answered or not open yet; 410 closed; 422 errors keyed by item id; 429 after 20 unknown tokens from one address in 10 minutes (valid tokens are always accepted)",
    tag: TAG,
    body: responseBody,
    response: z.object({}).describe("nothing: a response has no id anyone could look up"),
    status: 201,
    handler: async ({ body, clientIp }) => {
      const d = parseInput(responseBody, body);
      await withTokenGuessLimit(clientIp, () =>
        submitResponse(d.token, d.answers, d.cycleId ? { cycleId: d.cycleId } : {}),
      );
      return {};
    },
  },
]);
