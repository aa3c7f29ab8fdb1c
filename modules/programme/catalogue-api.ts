// The catalogue's /api/v1 operations: activities and their sessions. Thin: each calls a
// service, which checks the permission again and validates with the schema the web forms use.
// Updates are PATCH: the fields sent replace the stored ones, the rest stay.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import type { Actor } from "../access/actor.ts";
import { activityDetail } from "./activity-detail.ts";
import { cancelActivity } from "./cancel-activity.ts";
import { findSession, type SessionRow } from "./find-activity.ts";
import { activityListQuery, listActivities } from "./list-activities.ts";
import { publishActivity } from "./publish-activity.ts";
import { saveActivity } from "./save-activity.ts";
import { cancelSession, saveSession } from "./save-session.ts";
import { ACTIVITY_FORMATS, ACTIVITY_STATUSES, ENROLMENT_STATUSES, HOUR_UNITS } from "./schema.ts";

const TAG = "Programme";
const uuid = z.string().uuid();
const instant = z.string().describe("ISO 8601 date-time");

/** A PATCH body must be a JSON object; anything else is refused like an invalid field. */
function objectOf(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("validation", { _form: "errors.invalid" });
  }
  return body as Record<string, unknown>;
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const audienceSchema = z.object({
  staffGroupIds: z.array(uuid),
  positionIds: z.array(uuid),
  unitIds: z.array(uuid),
});

const audienceBody = z
  .object({
    staffGroupIds: z.array(uuid).optional(),
    positionIds: z.array(uuid).optional(),
    unitIds: z.array(uuid).optional(),
  })
  .describe(
    "Empty or absent lists admit anyone; dimensions combine with AND; a unit admits its sub-units",
  );

const activitySummary = z.object({
  id: uuid,
  title: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  typeId: uuid,
  typeCode: z.string().nullable().describe("a built-in kind's code; null for the centre's own"),
  typeName: z.string().describe("the centre's own name of the kind; empty for a built-in name"),
  format: z.enum(ACTIVITY_FORMATS),
  provider: z.string(),
  capacity: z.number().int(),
  placesLeft: z.number().int(),
  firstStart: instant.nullable(),
  lastEnd: instant.nullable(),
  sessionCount: z.number().int(),
  myEnrolment: z
    .enum(ENROLMENT_STATUSES)
    .nullable()
    .describe("the caller's own live enrolment, when the caller is an employee"),
});

const activitySchema = z.object({
  id: uuid,
  title: z.string(),
  description: z.string(),
  status: z.enum(ACTIVITY_STATUSES),
  typeId: uuid,
  typeCode: z.string().nullable(),
  typeName: z.string(),
  provider: z.string(),
  trainerUserId: z.string().nullable(),
  format: z.enum(ACTIVITY_FORMATS),
  hourUnit: z.enum(HOUR_UNITS).describe("clock: 60 minutes; academic: 45 minutes"),
  target: audienceSchema,
  priority: audienceSchema,
  priorityUntil: instant.nullable(),
  capacity: z.number().int(),
  seatsTaken: z.number().int(),
  placesLeft: z.number().int(),
  enrolOpensAt: instant.nullable(),
  enrolClosesAt: instant.nullable(),
  cancelDeadlineHours: z.number().int(),
  requiresApproval: z.boolean(),
  costGrosze: z.number().int().nullable(),
  completionPercent: z.number().int(),
  plannedMinutes: z.number().int(),
  hoursCenti: z.number().int().describe("planned hours in the activity's unit, times 100"),
  createdAt: instant,
  updatedAt: instant,
});

const activityBody = z.object({
  typeId: uuid,
  title: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  provider: z.string().max(300).optional(),
  trainerUserId: z
    .string()
    .nullable()
    .optional()
    .describe("an account of the centre with the specialist role, who marks attendance"),
  format: z.enum(ACTIVITY_FORMATS),
  hourUnit: z.enum(HOUR_UNITS).optional().describe("default clock"),
  target: audienceBody.optional(),
  priority: audienceBody.optional(),
  priorityUntil: instant
    .nullable()
    .optional()
    .describe("until then only the priority audience may enrol; required with one"),
  capacity: z.number().int().min(1).max(10000),
  enrolOpensAt: instant.nullable().optional(),
  enrolClosesAt: instant.nullable().optional(),
  cancelDeadlineHours: z.number().int().min(0).max(720).optional().describe("default 24"),
  requiresApproval: z.boolean().optional(),
  costGrosze: z.number().int().min(0).nullable().optional(),
  cost: z.string().optional().describe('złote as typed, e.g. "1 234,50"; wins over costGrosze'),
  completionPercent: z.number().int().min(1).max(100).optional().describe("default 80"),
});

const sessionSchema = z.object({
  id: uuid,
  activityId: uuid,
  startsAt: instant,
  endsAt: instant,
  place: z.string(),
  meetingUrl: z.string(),
  sequence: z.number().int(),
  cancelledAt: instant.nullable(),
});

const sessionBody = z.object({
  startsAt: instant,
  endsAt: instant.describe("after startsAt"),
  place: z.string().max(300).optional().describe("required unless the activity is online"),
  meetingUrl: z
    .string()
    .max(1000)
    .optional()
    .describe("https only; required when the activity is online"),
});

const page = { total: z.number().int(), page: z.number().int(), pageSize: z.number().int() };

function sessionOut(s: SessionRow) {
  return {
    id: s.id,
    activityId: s.activityId,
    startsAt: iso(s.startsAt)!,
    endsAt: iso(s.endsAt)!,
    place: s.place,
    meetingUrl: s.meetingUrl,
    sequence: s.sequence,
    cancelledAt: iso(s.cancelledAt),
  };
}

const fullAudience = (a: {
  staffGroupIds?: string[];
  positionIds?: string[];
  unitIds?: string[];
}) => ({
  staffGroupIds: a.staffGroupIds ?? [],
  positionIds: a.positionIds ?? [],
  unitIds: a.unitIds ?? [],
});

async function activityOut(actor: Actor, id: string) {
  const d = await activityDetail(actor, id);
  const a = d.activity;
  return activitySchema.parse({
    ...a,
    typeCode: d.type.code,
    typeName: d.type.name,
    target: fullAudience(a.target),
    priority: fullAudience(a.priority),
    priorityUntil: iso(a.priorityUntil),
    enrolOpensAt: iso(a.enrolOpensAt),
    enrolClosesAt: iso(a.enrolClosesAt),
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    placesLeft: d.placesLeft,
    plannedMinutes: d.plannedMinutes,
    hoursCenti: d.hoursCenti,
  });
}

/** The stored fields an activity PATCH starts from. */
async function activityAsInput(actor: Actor, id: string) {
  const { activity: a } = await activityDetail(actor, id);
  return {
    typeId: a.typeId,
    title: a.title,
    description: a.description,
    provider: a.provider,
    trainerUserId: a.trainerUserId,
    format: a.format,
    hourUnit: a.hourUnit,
    target: fullAudience(a.target),
    priority: fullAudience(a.priority),
    priorityUntil: a.priorityUntil,
    capacity: a.capacity,
    enrolOpensAt: a.enrolOpensAt,
    enrolClosesAt: a.enrolClosesAt,
    cancelDeadlineHours: a.cancelDeadlineHours,
    requiresApproval: a.requiresApproval,
    costGrosze: a.costGrosze,
    completionPercent: a.completionPercent,
  };
}

export const catalogueApi = defineRoutes([
  {
    method: "get",
    path: "/activities",
    summary:
      "List activities of the catalogue: search (q), kind (type), open (only those the signed-in employee may join now; nothing for a key), status and when filters, sorting and paging. Drafts and cancelled ones only for programme.manage",
    tag: TAG,
    permission: "programme.enrol",
    query: activityListQuery,
    response: z.object({ items: z.array(activitySummary), ...page }),
    handler: async ({ actor, query }) => {
      const r = await listActivities(actor, query);
      return {
        items: r.rows.map((a) =>
          activitySummary.parse({ ...a, firstStart: iso(a.firstStart), lastEnd: iso(a.lastEnd) }),
        ),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/activities/{id}",
    summary: "Get one activity (a draft only for programme.manage)",
    tag: TAG,
    permission: "programme.enrol",
    response: activitySchema,
    handler: async ({ actor, params }) => activityOut(actor, params.id),
  },
  {
    method: "post",
    path: "/activities",
    summary: "Create an activity, as a draft",
    tag: TAG,
    permission: "programme.manage",
    body: activityBody,
    response: activitySchema,
    status: 201,
    handler: async ({ actor, body }) => {
      const id = await saveActivity(actor, null, objectOf(body));
      return activityOut(actor, id);
    },
  },
  {
    method: "patch",
    path: "/activities/{id}",
    summary:
      "Change an activity (the fields sent; an audience sent replaces the stored one). The capacity never drops below the places taken (422 with seatsTaken)",
    tag: TAG,
    permission: "programme.manage",
    body: activityBody.partial(),
    response: activitySchema,
    handler: async ({ actor, params, body }) => {
      const patch = objectOf(body);
      const current = await activityAsInput(actor, params.id);
      // Złote sent as text ("cost") replace the stored grosze; otherwise the stored amount stays.
      await saveActivity(actor, params.id, { ...current, ...patch });
      return activityOut(actor, params.id);
    },
  },
  {
    method: "post",
    path: "/activities/{id}/publish",
    summary: "Publish a draft (it needs at least one session)",
    tag: TAG,
    permission: "programme.manage",
    response: activitySchema,
    handler: async ({ actor, params }) => {
      await publishActivity(actor, params.id);
      return activityOut(actor, params.id);
    },
  },
  {
    method: "post",
    path: "/activities/{id}/cancel",
    summary:
      "Cancel an activity: its enrolments are cancelled and the people enrolled told, with calendar cancellations",
    tag: TAG,
    permission: "programme.manage",
    response: activitySchema,
    handler: async ({ actor, params }) => {
      await cancelActivity(actor, params.id);
      return activityOut(actor, params.id);
    },
  },
  {
    method: "get",
    path: "/activities/{id}/sessions",
    summary: "List an activity's sessions in time order, cancelled ones included (marked)",
    tag: TAG,
    permission: "programme.enrol",
    response: z.object({ items: z.array(sessionSchema) }),
    handler: async ({ actor, params }) => ({
      items: (await activityDetail(actor, params.id)).sessions.map(sessionOut),
    }),
  },
  {
    method: "post",
    path: "/activities/{id}/sessions",
    summary: "Add a session (of a published activity: the people enrolled are told)",
    tag: TAG,
    permission: "programme.manage",
    body: sessionBody,
    response: sessionSchema,
    status: 201,
    handler: async ({ actor, params, body }) => {
      const id = await saveSession(actor, params.id, null, objectOf(body));
      return sessionOut((await findSession(db(), actor, id)).session);
    },
  },
  {
    method: "patch",
    path: "/sessions/{id}",
    summary:
      "Change a session (the fields sent; of a published activity: its SEQUENCE goes up and the people enrolled are told)",
    tag: TAG,
    permission: "programme.manage",
    body: sessionBody.partial(),
    response: sessionSchema,
    handler: async ({ actor, params, body }) => {
      const patch = objectOf(body);
      const { session: s } = await findSession(db(), actor, params.id);
      await saveSession(actor, s.activityId, s.id, {
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        place: s.place,
        meetingUrl: s.meetingUrl,
        ...patch,
      });
      return sessionOut((await findSession(db(), actor, s.id)).session);
    },
  },
  {
    method: "post",
    path: "/sessions/{id}/cancel",
    summary:
      "Cancel a session (a draft's is removed; the last one of a published activity is refused: cancel the activity instead)",
    tag: TAG,
    permission: "programme.manage",
    response: z.object({ id: uuid, cancelled: z.boolean() }),
    handler: async ({ actor, params }) => {
      await cancelSession(actor, params.id);
      return { id: params.id, cancelled: true };
    },
  },
]);
