// The incidents' /api/v1 operations: reporting one (as the employee it happened to — a key is
// nobody and reports nothing), the register and one incident as the caller may see them, a
// step of its checklist, and the analysis. Thin: each calls a service, which checks the
// permission, the centre and the unit scope again.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { getIncident } from "./get-incident.ts";
import { incidentStats } from "./incident-stats.ts";
import { incidentListQuery, listIncidents } from "./list-incidents.ts";
import { reportFields, reportIncident } from "./report-incident.ts";
import { PLACES, SEVERITIES, STEP_OWNERS, STEP_STATUSES } from "./schema.ts";
import { stepFields, workStep } from "./work-step.ts";

const TAG = "Incidents";
const uuid = z.string().uuid();
const instant = z.string().describe("ISO 8601 instant");
const kind = z.object({
  key: z.string().nullable().describe("a built-in kind's key; null for the centre's own kinds"),
  label: z.string().describe("the centre's own kind's name (empty for built-in ones)"),
});

const listItem = z.object({
  id: uuid,
  number: z.string().describe('"ZD/2026/0007"'),
  occurredAt: instant,
  place: z.enum(PLACES),
  severity: z.enum(SEVERITIES),
  status: z.enum(["open", "closed"]),
  kind,
  unitName: z.string().nullable(),
  openSteps: z.number().int(),
  overdueSteps: z.number().int(),
});

const stepSchema = z.object({
  id: uuid,
  title: z.string(),
  owner: z.enum(STEP_OWNERS),
  mandatory: z.boolean(),
  dueAt: instant,
  status: z.enum(STEP_STATUSES),
  overdue: z.boolean(),
  byReport: z.boolean().describe("done by the report itself"),
  doneAt: instant.nullable(),
  note: z.string().describe("shown only to those who work the checklist"),
  version: z.number().int().describe("send it back when changing the step"),
});

const incidentSchema = listItem.omit({ openSteps: true, overdueSteps: true }).extend({
  description: z.string(),
  caseReference: z.string(),
  injuries: z.boolean(),
  policeCalled: z.boolean(),
  wantsSupport: z.boolean(),
  reporter: z.object({ firstName: z.string(), lastName: z.string() }),
  witnesses: z.array(z.object({ id: uuid, firstName: z.string(), lastName: z.string() })),
  steps: z.array(stepSchema),
  mayWorkSteps: z.boolean(),
});

const count = z.object({ n: z.number().int() });

export const incidentsApi = defineRoutes([
  {
    method: "post",
    path: "/incidents",
    summary:
      "Report an incident as the signed-in employee it happened to: the checklist is made, the reporter is offered support (a crisis link by mail), the unit's managers and the safety officers are told. The same submissionKey twice returns the same incident.",
    tag: TAG,
    permission: "incidents.report",
    body: reportFields,
    status: 201,
    response: z.object({ id: uuid, number: z.string(), repeated: z.boolean() }),
    handler: async ({ actor, body }) => {
      const r = await reportIncident(actor, body);
      return { id: r.id, number: r.number, repeated: r.repeated };
    },
  },
  {
    method: "get",
    path: "/incidents",
    summary:
      "The register as the caller may see it (safety officers and management: all; a manager: their units' and their own; everyone else: their own), with search, filters, sorting and paging",
    tag: TAG,
    permission: "incidents.report",
    query: incidentListQuery,
    response: z.object({
      items: z.array(listItem),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    handler: async ({ actor, query }) => {
      const r = await listIncidents(actor, query);
      return {
        items: r.rows.map((x) =>
          listItem.parse({
            ...x,
            occurredAt: x.occurredAt.toISOString(),
            kind: { key: x.kindKey, label: x.kindLabel },
            overdueSteps: x.overdue,
          }),
        ),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/incidents/stats",
    summary:
      "Counts of incidents in whole months (from, to: yyyy-mm; by default the last twelve) by month, unit, kind, severity and place, the unit × month map, the median hours to each step, and the share of reporters who booked support (null below 10 incidents)",
    tag: TAG,
    permission: "incidents.view",
    query: z.object({
      from: z.string().optional().describe("yyyy-mm or yyyy-mm-dd"),
      to: z.string().optional().describe("yyyy-mm or yyyy-mm-dd"),
    }),
    response: z.object({
      from: z.string(),
      to: z.string(),
      total: z.number().int(),
      byMonth: z.array(count.extend({ month: z.string() })),
      byUnit: z.array(count.extend({ unitId: uuid.nullable(), unitName: z.string().nullable() })),
      byKind: z.array(count.extend({ id: uuid }).merge(kind)),
      bySeverity: z.array(count.extend({ severity: z.enum(SEVERITIES) })),
      byPlace: z.array(count.extend({ place: z.enum(PLACES) })),
      heat: z.array(
        z.object({
          unitId: uuid.nullable(),
          unitName: z.string().nullable(),
          cells: z.array(z.number().int()).describe("one per month, from `from`"),
          total: z.number().int(),
        }),
      ),
      stepTimes: z.array(
        z.object({
          key: z.string().nullable(),
          title: z.string(),
          done: z.number().int(),
          medianHours: z.number(),
        }),
      ),
      support: z.object({ total: z.number().int(), supported: z.number().int() }).nullable(),
    }),
    handler: async ({ actor, query }) => {
      const s = await incidentStats(actor, query as Record<string, unknown>);
      const { months: _months, heatMax: _max, ...rest } = s;
      return rest;
    },
  },
  {
    method: "get",
    path: "/incidents/{id}",
    summary: "One incident with its checklist (not found outside the caller's view)",
    tag: TAG,
    permission: "incidents.report",
    response: incidentSchema,
    handler: async ({ actor, params }) => {
      const i = await getIncident(actor, params.id);
      return incidentSchema.parse({
        ...i,
        occurredAt: i.occurredAt.toISOString(),
        steps: i.steps.map((s) => ({
          ...s,
          dueAt: s.dueAt.toISOString(),
          doneAt: s.doneAt?.toISOString() ?? null,
        })),
      });
    },
  },
  {
    method: "post",
    path: "/incidents/{id}/steps/{stepId}",
    summary:
      "Mark a step done, skipped (optional steps only) or open again, with a note. `version` is the step's as read: a step changed since is 409, and nothing is overwritten.",
    tag: TAG,
    permission: "incidents.steps",
    body: stepFields,
    response: z.object({ id: uuid, version: z.number().int() }),
    handler: async ({ actor, params, body }) => {
      const r = await workStep(actor, params.id, params.stepId, body);
      return { id: params.stepId, version: r.version };
    },
  },
]);
