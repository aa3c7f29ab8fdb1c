// /api/v1 operations of attendance and certificates: a session's list and marks, the centre's
// certificates, and the public verification of a certificate by its number. Thin: each calls
// a service, which checks permissions again and validates with its own schema.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { certificateListQuery, listCertificates, verifyCertificate } from "./certificates.ts";
import { attendanceMarks, markAttendance, sessionAttendance } from "./mark-attendance.ts";
import { HOUR_UNITS } from "./schema.ts";

const TAG = "Programme: attendance and certificates";
const uuid = z.string().uuid();

const attendanceSchema = z.object({
  sessionId: uuid,
  activityId: uuid,
  startsAt: z.string().describe("ISO 8601"),
  endsAt: z.string().describe("ISO 8601"),
  minutes: z.number().int().describe("the session's length"),
  started: z.boolean().describe("attendance can be marked once the session has started"),
  items: z.array(
    z.object({
      employeeId: uuid,
      firstName: z.string(),
      lastName: z.string(),
      present: z.boolean().nullable().describe("null: not marked yet"),
      minutes: z
        .number()
        .int()
        .nullable()
        .describe("minutes of a partial stay; null for the whole session"),
    }),
  ),
});

async function attendanceOf(actor: Parameters<typeof sessionAttendance>[0], id: string) {
  const a = await sessionAttendance(actor, id);
  return {
    sessionId: a.session.id,
    activityId: a.activity.id,
    startsAt: a.session.startsAt.toISOString(),
    endsAt: a.session.endsAt.toISOString(),
    minutes: a.minutes,
    started: a.started,
    items: a.rows.map((r) => ({
      employeeId: r.employeeId,
      firstName: r.firstName,
      lastName: r.lastName,
      present: r.present,
      minutes: r.minutes,
    })),
  };
}

const certificateSchema = z.object({
  id: uuid,
  number: z.string(),
  activityId: uuid,
  employeeId: uuid,
  holderName: z.string(),
  activityTitle: z.string(),
  firstDay: z.string().describe("yyyy-mm-dd"),
  lastDay: z.string().describe("yyyy-mm-dd"),
  hours: z.number().describe("attended hours in hourUnit, two decimals"),
  hourUnit: z.enum(HOUR_UNITS).describe("clock: 60 minutes; academic: 45 minutes"),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
});

const verificationSchema = z.union([
  z.object({
    status: z.literal("valid"),
    number: z.string(),
    holderName: z.string(),
    activityTitle: z.string(),
    firstDay: z.string().describe("yyyy-mm-dd"),
    lastDay: z.string().describe("yyyy-mm-dd"),
    hours: z.number(),
    hourUnit: z.enum(HOUR_UNITS),
  }),
  z.object({
    status: z.literal("revoked"),
    number: z.string(),
    revokedOn: z.string().describe("yyyy-mm-dd"),
  }),
]);

export const attendanceApi = defineRoutes([
  {
    method: "get",
    path: "/sessions/{id}/attendance",
    summary: "A session's attendance list: confirmed participants and their marks",
    tag: TAG,
    permission: "programme.attendance",
    response: attendanceSchema,
    handler: async ({ actor, params }) => attendanceOf(actor, params.id),
  },
  {
    method: "put",
    path: "/sessions/{id}/attendance",
    summary:
      "Mark attendance (present/absent, optional minutes); only confirmed participants, only once the session has started; all marks or none",
    tag: TAG,
    permission: "programme.attendance",
    body: attendanceMarks,
    response: attendanceSchema,
    handler: async ({ actor, params, body }) => {
      await markAttendance(actor, params.id, body);
      return attendanceOf(actor, params.id);
    },
  },
  {
    method: "get",
    path: "/certificates",
    summary: "The centre's certificates, newest first",
    tag: TAG,
    permission: "programme.manage",
    query: certificateListQuery,
    response: z.object({
      items: z.array(certificateSchema),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
    handler: async ({ actor, query }) => {
      const r = await listCertificates(actor, query);
      return {
        items: r.rows.map((c) => ({
          id: c.id,
          number: c.number,
          activityId: c.activityId,
          employeeId: c.employeeId,
          holderName: c.holderName,
          activityTitle: c.activityTitle,
          firstDay: c.firstDay,
          lastDay: c.lastDay,
          hours: c.hoursCenti / 100,
          hourUnit: c.hourUnit,
          issuedAt: c.issuedAt.toISOString(),
          revokedAt: c.revokedAt?.toISOString() ?? null,
          revokedReason: c.revokedReason,
        })),
        total: r.total,
        page: r.page,
        pageSize: r.pageSize,
      };
    },
  },
  {
    method: "get",
    path: "/certificates/verify/{number}",
    summary:
      "Verify a certificate by its number (public): a valid one's holder, activity, dates, hours and centre, or the day it was revoked; 404 when there is no such number",
    tag: TAG,
    public: true,
    response: verificationSchema,
    handler: async ({ params, clientIp }) => {
      const v = await verifyCertificate(params.number, clientIp);
      if (v.status === "revoked") return v;
      const { hoursCenti, ...rest } = v;
      return { ...rest, hours: hoursCenti / 100 };
    },
  },
]);
