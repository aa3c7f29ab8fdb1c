// Occupational medicine's /api/v1 operations: the status board's list, one employee's exams,
// recording a certificate, and one's own exams. Thin: each calls a service, which checks the
// permission itself — the staff's exams only with health.manage, one's own with health.own.
import { z } from "zod";
import { defineRoutes } from "../../platform/api-route.ts";
import { getEmployeeHealth } from "./employee-health.ts";
import { HEALTH_STATUSES } from "./exam-status.ts";
import { myExams } from "./my-exams.ts";
import { certificateFields, recordCertificate } from "./record-exam.ts";
import { EXAM_KINDS, EXAM_OUTCOMES, EXAM_STATUSES } from "./schema.ts";
import { boardQuery, healthBoard } from "./status-board.ts";

const TAG = "Occupational medicine: exams";
const uuid = z.string().uuid();
const day = z.string().describe("yyyy-mm-dd");
const instant = z.string().describe("ISO 8601 date-time");
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

const situation = z.object({
  status: z.enum(HEALTH_STATUSES),
  validUntil: day.nullable().describe("of the last certificate that allows work"),
  daysLeft: z.number().int().nullable(),
  controlRequired: z
    .boolean()
    .describe("a sick leave of more than 30 days ended after the last certificate"),
  nextKind: z.enum(EXAM_KINDS),
});

const exam = z.object({
  id: uuid,
  kind: z.enum(EXAM_KINDS),
  status: z.enum(EXAM_STATUSES),
  appointmentAt: instant.nullable(),
  clinicName: z.string().nullable(),
  referralNumber: z.string().nullable(),
  examDate: day.nullable(),
  outcome: z.enum(EXAM_OUTCOMES).nullable().describe("fit, unfit or fit with restrictions"),
  validUntil: day.nullable(),
});

const boardRow = z.object({
  id: uuid.describe("the employee's id"),
  firstName: z.string(),
  lastName: z.string(),
  employeeNumber: z.string(),
  unitId: uuid.nullable(),
  unitName: z.string().nullable(),
  positionName: z.string().nullable(),
  status: z.enum(HEALTH_STATUSES),
  validUntil: day.nullable(),
  lastExamDate: day.nullable(),
  lastKind: z.enum(EXAM_KINDS).nullable(),
  appointmentAt: instant.nullable(),
  plannedKind: z.enum(EXAM_KINDS).nullable(),
  controlRequired: z.boolean(),
});

const counts = z.object({
  overdue: z.number().int(),
  due: z.number().int(),
  scheduled: z.number().int(),
  done: z.number().int(),
  total: z.number().int(),
});

const examOut = (x: {
  id: string;
  kind: string;
  status: string;
  appointmentAt: Date | null;
  clinicName: string | null;
  referralNumber: string | null;
  examDate: string | null;
  outcome: string | null;
  validUntil: string | null;
}) =>
  exam.parse({
    id: x.id,
    kind: x.kind,
    status: x.status,
    appointmentAt: iso(x.appointmentAt),
    clinicName: x.clinicName,
    referralNumber: x.referralNumber,
    examDate: x.examDate,
    outcome: x.outcome,
    validUntil: x.validUntil,
  });

export const examsApi = defineRoutes([
  {
    method: "get",
    path: "/health/exams",
    summary:
      "The status board: active employees with their exam status (overdue, due within 30 days, scheduled, done), search, unit (with sub-units) and status filters, sorting, paging, and counts per status",
    tag: TAG,
    permission: "health.manage",
    query: boardQuery,
    response: z.object({
      items: z.array(boardRow),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      counts,
    }),
    handler: async ({ actor, query }) => {
      const b = await healthBoard(actor, query);
      return {
        items: b.rows.map((r) =>
          boardRow.parse({
            id: r.id,
            firstName: r.firstName,
            lastName: r.lastName,
            employeeNumber: r.employeeNumber,
            unitId: r.unitId,
            unitName: r.unitName,
            positionName: r.positionName,
            status: r.status,
            validUntil: r.validUntil,
            lastExamDate: r.lastExamDate,
            lastKind: r.lastKind,
            appointmentAt: iso(r.plannedAt),
            plannedKind: r.plannedKind,
            controlRequired: r.controlRequired,
          }),
        ),
        total: b.total,
        page: b.page,
        pageSize: b.pageSize,
        counts: b.totals,
      };
    },
  },
  {
    method: "get",
    path: "/health/employees/{id}/exams",
    summary: "One employee's exams (cancelled ones too), sick leaves (dates only) and exam status",
    tag: TAG,
    permission: "health.manage",
    response: z.object({
      employeeId: uuid,
      situation,
      items: z.array(exam),
      sickLeaves: z.array(z.object({ id: uuid, fromDate: day, toDate: day })),
    }),
    handler: async ({ actor, params }) => {
      const h = await getEmployeeHealth(actor, params.id);
      return {
        employeeId: h.employee.id,
        situation: situation.parse(h.situation),
        items: h.exams.map(examOut),
        sickLeaves: h.sickLeaves.map((l) => ({ id: l.id, fromDate: l.fromDate, toDate: l.toDate })),
      };
    },
  },
  {
    method: "post",
    path: "/health/employees/{id}/exams",
    summary:
      "Record a certificate: the kind, the exam date (not after today), the outcome and the validity (not before the exam date; none for unfit). A planned exam of the person becomes this certificate.",
    tag: TAG,
    permission: "health.manage",
    body: certificateFields,
    response: z.object({
      id: uuid,
      completedPlanned: z.boolean().describe("the person's planned exam was completed"),
    }),
    status: 201,
    handler: async ({ actor, params, body }) => recordCertificate(actor, params.id, body),
  },
  {
    method: "get",
    path: "/me/exams",
    summary: "The signed-in employee's own exams and exam status",
    tag: TAG,
    permission: "health.own",
    response: z.object({
      hasRecord: z.boolean().describe("false when the account has no employee record"),
      situation: situation.nullable(),
      items: z.array(exam),
    }),
    handler: async ({ actor }) => {
      const m = await myExams(actor);
      return {
        hasRecord: m.hasRecord,
        situation: m.situation ? situation.parse(m.situation) : null,
        items: m.exams.map((x) => examOut({ ...x, appointmentAt: x.appointmentAt })),
      };
    },
  },
]);
