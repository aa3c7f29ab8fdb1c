// /api/v1 operations of the bulk exam planning and the referral: preview a plan (nothing is
// written), apply it (exams, referral numbers, notices — all or nothing), and download a
// referral as a PDF. Thin: each calls a service, which checks the permission itself.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { downloadResponse } from "../../platform/download.ts";
import { translator } from "../../platform/i18n.ts";
import { applyExamPlan, previewExamPlan } from "./plan-exams.ts";
import { DUE_REASONS, planNotes } from "./plan-rules.ts";
import { referralPdf } from "./referral-pdf.ts";
import { EXAM_KINDS } from "./schema.ts";

const TAG = "Occupational medicine: planning";
const uuid = z.string().uuid();
const day = z.string().describe("yyyy-mm-dd");

const planBody = z.object({
  clinicId: uuid,
  fromDate: day.describe("the first day of exams (yyyy-mm-dd), after today"),
  unitId: uuid.nullish().describe("a unit, with its sub-units; none: the whole centre"),
  kinds: z
    .array(z.enum(EXAM_KINDS))
    .optional()
    .describe("the kinds of exam to plan; all when left out"),
  horizonDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .optional()
    .describe("a validity ending within this many days counts as due (default 60)"),
});

const planSchema = z.object({
  clinic: z.object({
    id: uuid,
    name: z.string(),
    address: z.string(),
    dailyCapacity: z.number().int(),
    hours: z.string().describe("HH:MM–HH:MM"),
  }),
  fromDate: day,
  firstDay: day.describe(
    "the plan's first day: the first working day on or after fromDate with a place left",
  ),
  lastDay: day,
  unit: z.object({ id: uuid, name: z.string() }).nullable(),
  kinds: z.array(z.enum(EXAM_KINDS)),
  horizonDays: z.number().int(),
  total: z.number().int(),
  spill: z.number().int().describe("people who did not fit on the first day"),
  alreadyScheduled: z.number().int().describe("people in scope with an exam already planned"),
  byKind: z.record(z.enum(EXAM_KINDS), z.number().int()),
  days: z.array(z.object({ day, count: z.number().int(), from: z.string(), to: z.string() })),
  holidays: z.array(z.object({ day, holiday: z.string() })).describe("public holidays skipped"),
  taken: z
    .array(z.object({ day, count: z.number().int() }))
    .describe(
      "days up to the last where the clinic had appointments already, and how many; the plan uses only the places and times left",
    ),
  people: z.array(
    z.object({
      employeeId: uuid,
      firstName: z.string(),
      lastName: z.string(),
      unitName: z.string().nullable(),
      positionName: z.string().nullable(),
      kind: z.enum(EXAM_KINDS),
      reason: z.enum(DUE_REASONS),
      validUntil: day.nullable(),
      day,
      time: z.string().describe("HH:MM, Warsaw"),
    }),
  ),
  messages: z
    .object({
      summary: z.string(),
      spill: z.string(),
      startMoved: z.string().nullable(),
      holidays: z.string().nullable(),
      taken: z.string().nullable(),
      alreadyScheduled: z.string().nullable(),
    })
    .describe("the plan in sentences, in the caller's language"),
});

const appliedSchema = z.object({
  planned: z.number().int(),
  year: z.number().int(),
  firstNumber: z.string().nullable().describe("SK/yyyy/nnnn"),
  lastNumber: z.string().nullable(),
  firstDay: day,
  lastDay: day,
  spill: z.number().int(),
  notices: z.number().int().describe("notices queued, one a person, each with an .ics"),
  examIds: z.array(uuid),
});

export const planningApi = defineRoutes([
  {
    method: "post",
    path: "/health/planning/preview",
    summary:
      "Preview a bulk plan of exams: who is due, on which working day and at what time; nothing is written",
    tag: TAG,
    permission: "health.manage",
    body: planBody,
    response: planSchema,
    handler: async ({ actor, body }) => {
      const plan = await previewExamPlan(actor, body);
      const { byKind: _, ...messages } = planNotes(translator(actor.locale ?? "pl"), plan);
      return { ...plan, messages };
    },
  },
  {
    method: "post",
    path: "/health/planning/apply",
    summary:
      "Make the plan: planned exams with consecutive referral numbers and a notice with an .ics to each person, all or nothing",
    tag: TAG,
    permission: "health.manage",
    body: planBody,
    response: appliedSchema,
    status: 201,
    handler: async ({ actor, body }) => applyExamPlan(actor, body),
  },
  {
    method: "get",
    path: "/health/exams/{id}/referral.pdf",
    summary:
      "The referral (skierowanie) of a planned exam as a PDF: for the health role, or the person whose exam it is",
    tag: TAG,
    permission: "health.own",
    response: z.string(),
    produces: "application/pdf",
    handler: async ({ actor, params }) => {
      const file = await referralPdf(actor, params.id);
      return downloadResponse(file);
    },
  },
]);
