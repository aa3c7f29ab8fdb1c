// Enrolment's /api/v1 operations: enrol (oneself, or nominate with employeeId), an activity's
// enrolments, cancelling, and one's own enrolments. Thin: each calls a service, which checks
// permissions and scope itself (an employee may enrol; listing and nominating need a
// coordinator's or a manager's role, a manager's only for their units).
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { cancelEnrolment } from "./cancel-enrolment.ts";
import { enrol, enrolBody } from "./enrol.ts";
import { enrolmentListQuery, listEnrolments, myEnrolments } from "./list-enrolments.ts";
import { CANCEL_REASONS, ENROLMENT_STATUSES } from "./schema.ts";

const TAG = "Programme: enrolment";
const uuid = z.string().uuid();
const instant = z.string().describe("ISO 8601 date-time");
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const placed = z.object({
  id: uuid,
  status: z.enum(["pending", "confirmed", "waitlisted"]),
  waitlistPosition: z.number().int().nullable().describe("1 for the first person waiting"),
});

const enrolmentRow = z.object({
  id: uuid,
  seq: z.number().int().describe("order of arrival: the waitlist is promoted by it"),
  status: z.enum(ENROLMENT_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  employeeId: uuid,
  firstName: z.string(),
  lastName: z.string(),
  employeeNumber: z.string(),
  unitName: z.string().nullable(),
  nominated: z.boolean().describe("signed up by a coordinator or manager"),
  createdAt: instant,
  decidedAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  cancelReason: z.enum(CANCEL_REASONS).nullable(),
});

const myRow = z.object({
  id: uuid,
  activityId: uuid,
  activityTitle: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  firstSession: instant.nullable(),
  createdAt: instant,
  cancelledAt: instant.nullable(),
  cancelReason: z.enum(CANCEL_REASONS).nullable(),
});

export const enrolApi = defineRoutes([
  {
    method: "post",
    path: "/activities/{id}/enrolments",
    summary:
      "Enrol: oneself (empty body), or nominate an employee (employeeId; coordinators anyone in the centre, managers their units' employees). A full activity puts the person on the waitlist (201 with status waitlisted); a refusal is 409 with the reason.",
    tag: TAG,
    permission: "programme.enrol",
    body: enrolBody.extend({
      outsideTarget: z
        .boolean()
        .optional()
        .describe("a coordinator's choice to enrol someone outside the target groups (audited)"),
    }),
    response: placed,
    status: 201,
    handler: async ({ actor, params, body }) => placed.parse(await enrol(actor, params.id, body)),
  },
  {
    method: "get",
    path: "/activities/{id}/enrolments",
    summary:
      "An activity's enrolments with search, status filter (live by default), sorting and paging; a manager sees their units' employees only",
    tag: TAG,
    permission: "programme.enrol",
    query: enrolmentListQuery,
    response: z.object({
      items: z.array(enrolmentRow),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      capacity: z.number().int(),
      seatsTaken: z.number().int(),
    }),
    handler: async ({ actor, params, query }) => {
      const r = await listEnrolments(actor, params.id, query);
      return {
        items: r.rows.map((e) =>
          enrolmentRow.parse({
            ...e,
            createdAt: iso(e.createdAt),
            decidedAt: iso(e.decidedAt),
            cancelledAt: iso(e.cancelledAt),
          }),
        ),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
        capacity: r.activity.capacity,
        seatsTaken: r.activity.seatsTaken,
      };
    },
  },
  {
    method: "post",
    path: "/enrolments/{id}/cancel",
    summary:
      "Cancel an enrolment: one's own until the deadline before the first session, a manager's units' until the same deadline, a coordinator any time. The freed place goes to the first person waiting.",
    tag: TAG,
    permission: "programme.enrol",
    response: z.object({
      id: uuid,
      status: z.literal("cancelled"),
      promoted: z.number().int().describe("people moved from the waitlist to a place"),
    }),
    handler: async ({ actor, params }) => {
      const r = await cancelEnrolment(actor, params.id);
      return { id: r.id, status: r.status, promoted: r.promoted };
    },
  },
  {
    method: "get",
    path: "/me/enrolments",
    summary: "The signed-in employee's own enrolments, newest first",
    tag: TAG,
    permission: "programme.enrol",
    response: z.object({ items: z.array(myRow) }),
    handler: async ({ actor }) => ({
      items: (await myEnrolments(actor)).map((e) =>
        myRow.parse({
          ...e,
          firstSession: iso(e.firstSession),
          createdAt: iso(e.createdAt),
          cancelledAt: iso(e.cancelledAt),
        }),
      ),
    }),
  },
]);
