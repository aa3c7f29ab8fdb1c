// Bulk planning of occupational-medicine exams: everyone due (no certificate that allows work,
// a validity ending within the horizon, a control exam after a long sick leave) in the whole
// centre or a unit with its sub-units, spread over a clinic's working days up to its daily
// capacity. The preview writes nothing; applying writes the planned exams with their referral
// numbers, each person's notice with an .ics, and the audit entries — all in one transaction.
import { randomUUID } from "node:crypto";
import { and, eq, gte, inArray, like } from "drizzle-orm";
import { z } from "zod";
import { writeAuditMany } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isUniqueViolation } from "../../platform/errors.ts";
import {
  formatDate,
  isLocale,
  type Locale,
  type MessageKey,
  startOfWarsawDay,
  translator,
} from "../../platform/i18n.ts";
import { enqueueMails, type MailInput } from "../../platform/outbox.ts";
import { nextWorkingDay } from "../../platform/polish-holidays.ts";
import { isUuid, parseInput, wholeNumberOr } from "../../platform/validation.ts";
import {
  addDays,
  isCalendarDay,
  minutesToTime,
  warsawDay,
  warsawInstant,
  warsawMinutes,
} from "../../platform/warsaw-time.ts";
import { type Actor, descendantsOf, requirePermission } from "../access/actor.ts";
import { user } from "../access/schema.ts";
import { centre, employee, orgUnit, position } from "../org/schema.ts";
import { centreUnits } from "../org/units.ts";
import { buildIcs, ICS_CONTENT_TYPE, icsFileName } from "../programme/ics.ts";
import { clinicHours } from "./clinic-text.ts";
import { examFactColumns } from "./employee-health.ts";
import type { ExamFacts, SickLeaveFacts } from "./exam-status.ts";
import {
  allocate,
  byUrgency,
  DEFAULT_HORIZON_DAYS,
  type DueFacts,
  dueForPlanning,
  type ExamPlan,
  earliestExamDay,
  referralNumber,
  type Slot,
} from "./plan-rules.ts";
import { lockCentre, reserveReferralNumbers } from "./referral-numbers.ts";

export type { ExamPlan, PlannedPerson } from "./plan-rules.ts";

import { EXAM_KINDS, type ExamKind, healthClinic, healthExam, healthSickLeave } from "./schema.ts";

/** How far ahead a plan may start. */
const MAX_START_DAYS = 366;
/** An appointment's length in the calendar: the clinic sets the real one. */
const APPOINTMENT_MINUTES = 30;
/** Rows a statement: well below the driver's limit of parameters. */
const CHUNK = 500;

/** Ticked kinds arrive as one value or several; "" means none. */
const kindList = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((v) =>
    v === undefined ? [...EXAM_KINDS] : (Array.isArray(v) ? v : [v]).filter(Boolean),
  )
  .pipe(
    z
      .array(z.enum(EXAM_KINDS, { message: "errors.invalid" }))
      .min(1, "errors.healthPlanKinds")
      .transform((v) => EXAM_KINDS.filter((k) => v.includes(k))),
  );

/** The plan's fields; the first day is checked against today (yyyy-mm-dd in Warsaw). */
export const examPlanFields = (today: string) =>
  z.object({
    clinicId: z
      .string({ error: "errors.healthClinicRequired" })
      .trim()
      .min(1, "errors.healthClinicRequired")
      .refine(isUuid, "errors.healthClinicUnknown"),
    fromDate: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .refine(isCalendarDay, "errors.date")
      .refine((v) => v > today, "errors.healthPlanFromPast")
      .refine((v) => v <= addDays(today, MAX_START_DAYS), "errors.healthPlanFromFar"),
    unitId: z
      .string()
      .nullish()
      .transform((v) => v?.trim() || null)
      .pipe(z.string().refine(isUuid, "errors.unknownUnit").nullable()),
    kinds: kindList,
    horizonDays: wholeNumberOr(0, 365, "errors.healthHorizon", DEFAULT_HORIZON_DAYS),
  });
export type ExamPlanInput = z.input<ReturnType<typeof examPlanFields>>;
type PlanInput = z.output<ReturnType<typeof examPlanFields>>;

type Person = {
  employeeId: string;
  firstName: string;
  lastName: string;
  email: string;
  locale: string | null;
  unitName: string | null;
  positionName: string | null;
  due: DueFacts;
  /** Not before this day: after a sick leave (see earliestExamDay). */
  notBefore: string | null;
};

type Opts = { now?: Date };

const validation = (field: string, key: MessageKey) => new AppError("validation", { [field]: key });

/** Checks the input against the centre: the clinic and the unit. */
async function resolve(q: Queryable, actor: Actor, d: PlanInput) {
  const [clinic] = await q
    .select()
    .from(healthClinic)
    .where(and(eq(healthClinic.id, d.clinicId), eq(healthClinic.centreId, actor.centreId)));
  if (!clinic?.active) throw validation("clinicId", "errors.healthClinicUnknown");
  let unit: { id: string; name: string } | null = null;
  let unitIds: string[] | null = null;
  if (d.unitId) {
    const units = await q
      .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
      .from(orgUnit)
      .where(eq(orgUnit.centreId, actor.centreId));
    const u = units.find((x) => x.id === d.unitId);
    if (!u) throw validation("unitId", "errors.unknownUnit");
    unit = { id: u.id, name: u.name };
    unitIds = descendantsOf([u.id], units);
  }
  return { clinic, unit, unitIds };
}

/** Everyone in scope who is due, most urgent first, and how many already have a plan. */
async function duePeople(
  q: Queryable,
  centreId: string,
  unitIds: string[] | null,
  d: PlanInput,
  today: string,
): Promise<{ people: Person[]; alreadyScheduled: number }> {
  // One after another: inside a transaction they share one connection.
  const staff = await q
    .select({
      employeeId: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      locale: user.locale,
      unitName: orgUnit.name,
      positionName: position.name,
    })
    .from(employee)
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(position, eq(position.id, employee.positionId))
    .leftJoin(user, eq(user.id, employee.userId))
    .where(
      and(
        eq(employee.centreId, centreId),
        eq(employee.active, true),
        unitIds ? inArray(employee.unitId, unitIds) : undefined,
      ),
    );
  const exams = await q
    .select(examFactColumns)
    .from(healthExam)
    .where(and(eq(healthExam.centreId, centreId), inArray(healthExam.status, ["planned", "done"])));
  const leaves = await q
    .select({
      employeeId: healthSickLeave.employeeId,
      fromDate: healthSickLeave.fromDate,
      toDate: healthSickLeave.toDate,
    })
    .from(healthSickLeave)
    .where(eq(healthSickLeave.centreId, centreId));
  const examsOf = new Map<string, ExamFacts[]>();
  for (const e of exams) {
    const list = examsOf.get(e.employeeId);
    if (list) list.push(e);
    else examsOf.set(e.employeeId, [e]);
  }
  const leavesOf = new Map<string, SickLeaveFacts[]>();
  for (const l of leaves) {
    const list = leavesOf.get(l.employeeId);
    if (list) list.push(l);
    else leavesOf.set(l.employeeId, [l]);
  }
  const people: Person[] = [];
  let alreadyScheduled = 0;
  for (const s of staff) {
    const own = examsOf.get(s.employeeId) ?? [];
    if (own.some((e) => e.status === "planned")) {
      alreadyScheduled++;
      continue;
    }
    const leaves = leavesOf.get(s.employeeId) ?? [];
    const due = dueForPlanning(own, leaves, today, d);
    if (due) people.push({ ...s, due, notBefore: earliestExamDay(due, leaves, today) });
  }
  people.sort(byUrgency);
  return { people, alreadyScheduled };
}

/**
 * The clinic's appointments already given out from a day on (planned exams, whoever planned
 * them: another unit's plan, one person's exam), as Warsaw days and minutes.
 */
async function bookedAt(
  q: Queryable,
  centreId: string,
  clinicId: string,
  fromDate: string,
): Promise<Slot[]> {
  const rows = await q
    .select({ at: healthExam.appointmentAt })
    .from(healthExam)
    .where(
      and(
        eq(healthExam.centreId, centreId),
        eq(healthExam.status, "planned"),
        eq(healthExam.clinicId, clinicId),
        gte(healthExam.appointmentAt, startOfWarsawDay(fromDate)),
      ),
    );
  return rows.flatMap((r) => (r.at ? [{ day: warsawDay(r.at), minute: warsawMinutes(r.at) }] : []));
}

async function computePlan(q: Queryable, actor: Actor, d: PlanInput, today: string) {
  const { clinic, unit, unitIds } = await resolve(q, actor, d);
  const { people, alreadyScheduled } = await duePeople(q, actor.centreId, unitIds, d, today);
  // Under the centre's lock when applying (every plan and single exam takes it), so the places
  // counted free here are still free when the plan is written.
  const booked = await bookedAt(q, actor.centreId, clinic.id, d.fromDate);
  const allocation = allocate(people, clinic, d.fromDate, booked);
  const byKind = Object.fromEntries(EXAM_KINDS.map((k) => [k, 0])) as Record<ExamKind, number>;
  for (const p of people) byKind[p.due.kind]++;
  const plan: ExamPlan = {
    clinic: {
      id: clinic.id,
      name: clinic.name,
      address: clinic.address,
      dailyCapacity: clinic.dailyCapacity,
      hours: clinicHours(clinic),
    },
    today,
    fromDate: d.fromDate,
    firstDay: allocation.firstDay,
    lastDay: allocation.lastDay,
    unit,
    kinds: d.kinds,
    horizonDays: d.horizonDays,
    total: people.length,
    spill: allocation.spill,
    alreadyScheduled,
    byKind,
    days: allocation.days.map((x) => ({
      day: x.day,
      count: x.count,
      from: minutesToTime(x.firstMinute),
      to: minutesToTime(x.lastMinute),
    })),
    holidays: allocation.holidays,
    taken: allocation.taken,
    people: people.map((p, i) => ({
      employeeId: p.employeeId,
      firstName: p.firstName,
      lastName: p.lastName,
      unitName: p.unitName,
      positionName: p.positionName,
      kind: p.due.kind,
      reason: p.due.reason,
      validUntil: p.due.validUntil,
      day: allocation.slots[i].day,
      time: minutesToTime(allocation.slots[i].minute),
    })),
  };
  return { plan, people, clinic };
}

/** The plan as it would be made now; nothing is written. */
export async function previewExamPlan(
  actor: Actor,
  input: unknown,
  opts: Opts = {},
): Promise<ExamPlan> {
  requirePermission(actor, "health.manage");
  const today = warsawDay(opts.now ?? new Date());
  const d = parseInput(examPlanFields(today), input);
  return (await computePlan(db(), actor, d, today)).plan;
}

export type AppliedPlan = {
  planned: number;
  year: number;
  firstNumber: string | null;
  lastNumber: string | null;
  firstDay: string;
  lastDay: string;
  spill: number;
  notices: number;
  examIds: string[];
};

/** Spoken the way a referral names it: "okresowe", "periodic". */
export function examKindLabel(locale: Locale, kind: ExamKind): string {
  return translator(locale)(`health.plan.kind.${kind}` as MessageKey);
}

/**
 * Makes the plan: the planned exams with consecutive referral numbers, a notice with an .ics
 * to each person, the audit entries. The plan is computed again under the centre's lock, so
 * what is written is what holds at that moment; on any error nothing is written.
 */
export async function applyExamPlan(
  actor: Actor,
  input: unknown,
  opts: Opts = {},
): Promise<AppliedPlan> {
  requirePermission(actor, "health.manage");
  const now = opts.now ?? new Date();
  const today = warsawDay(now);
  const d = parseInput(examPlanFields(today), input);
  const year = Number(today.slice(0, 4));
  const baseUrl = config().baseUrl;
  try {
    return await db().transaction(async (tx) => {
      await lockCentre(tx, actor.centreId);
      const { plan, people, clinic } = await computePlan(tx, actor, d, today);
      if (people.length === 0) throw validation("_form", "errors.healthPlanNobodyDue");
      const [{ centreName }] = await tx
        .select({ centreName: centre.name })
        .from(centre)
        .where(eq(centre.id, actor.centreId));
      const numbers = await reserveReferralNumbers(tx, actor.centreId, year, people.length);
      const rows = people.map((p, i) => {
        const slot = plan.people[i];
        return {
          id: randomUUID(),
          centreId: actor.centreId,
          employeeId: p.employeeId,
          kind: p.due.kind,
          status: "planned" as const,
          reason: p.due.kind === "control" ? "sick_leave" : "",
          clinicId: clinic.id,
          appointmentAt: warsawInstant(slot.day, slot.time)!,
          referralNumber: numbers[i],
        };
      });
      for (let i = 0; i < rows.length; i += CHUNK) {
        await tx.insert(healthExam).values(rows.slice(i, i + CHUNK));
      }
      const place = [clinic.name, clinic.address].filter(Boolean).join(", ");
      const mails: MailInput[] = people.map((p, i) => {
        const r = rows[i];
        const locale: Locale = isLocale(p.locale) ? p.locale : "pl";
        const t = translator(locale);
        const kind = examKindLabel(locale, r.kind);
        const ics = buildIcs({
          method: "REQUEST",
          events: [
            {
              session: {
                id: r.id,
                startsAt: r.appointmentAt,
                endsAt: new Date(r.appointmentAt.getTime() + APPOINTMENT_MINUTES * 60_000),
                place,
                meetingUrl: "",
                sequence: 0,
                cancelledAt: null,
              },
              activity: {
                id: r.id,
                title: t("health.plan.icsTitle", { kind }),
                description: t("health.plan.icsDescription", { number: r.referralNumber }),
                provider: clinic.name,
                format: "in_person",
              },
              uid: `health-exam-${r.id}@przystan`,
              link: `${baseUrl}/my/health`,
            },
          ],
          organizer: { name: centreName },
          attendee: { name: `${p.firstName} ${p.lastName}`, email: p.email },
          now,
        });
        return {
          centreId: actor.centreId,
          kind: "health.exam.planned",
          to: p.email,
          template: "healthExamPlanned",
          locale,
          // Health data: the administrators' mail log shows neither who nor what.
          confidential: true,
          values: {
            name: p.firstName,
            kind,
            date: formatDate(plan.people[i].day),
            time: plan.people[i].time,
            clinic: clinic.name,
            address: clinic.address || "—",
            number: r.referralNumber,
            link: `${baseUrl}/my/health`,
          },
          attachments: [
            {
              fileName: icsFileName(t("health.plan.icsFile"), `-${plan.people[i].day}`),
              contentType: ICS_CONTENT_TYPE("REQUEST"),
              content: ics,
            },
          ],
        };
      });
      for (let i = 0; i < mails.length; i += CHUNK) {
        await enqueueMails(tx, mails.slice(i, i + CHUNK));
      }
      // The log says who planned how many, and which exam records changed; no names.
      await writeAuditMany(tx, [
        {
          centreId: actor.centreId,
          actorUserId: actor.userId,
          action: "health.exam.plan",
          entityType: "health_clinic",
          entityId: clinic.id,
          details: {
            planned: rows.length,
            unitId: d.unitId,
            kinds: d.kinds,
            firstNumber: numbers[0],
            lastNumber: numbers.at(-1),
          },
          requestId: actor.requestId,
        },
        ...rows.map((r) => ({
          centreId: actor.centreId,
          actorUserId: actor.userId,
          action: "health.exam.planned",
          entityType: "health_exam",
          entityId: r.id,
          details: { kind: r.kind, bulk: true },
          requestId: actor.requestId,
        })),
      ]);
      return {
        planned: rows.length,
        year,
        firstNumber: numbers[0] ?? null,
        lastNumber: numbers.at(-1) ?? null,
        firstDay: plan.firstDay,
        lastDay: plan.lastDay,
        spill: plan.spill,
        notices: mails.length,
        examIds: rows.map((r) => r.id),
      };
    });
  } catch (err) {
    // Someone planned an exam for one of these people a moment ago (one planned exam a person).
    if (isUniqueViolation(err, "health_exam_one_planned")) {
      throw validation("_form", "errors.healthPlanChanged");
    }
    throw err;
  }
}

export const PLAN_RESULT_SORTS = ["number", "name", "appointment", "unit"] as const;

export const planResultQuery = z.object({
  year: z.coerce.number().int().min(2000).max(9999).catch(0),
  first: z.coerce.number().int().min(1).catch(0),
  last: z.coerce.number().int().min(1).catch(0),
  q: z.string().trim().max(200).optional().default(""),
  sort: z.enum(PLAN_RESULT_SORTS).optional().catch("number").default("number"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
});

export const PLAN_RESULT_PAGE_SIZE = 50;

/**
 * The exams a plan made, found by their referral numbers (a plan's are consecutive): for the
 * page that follows applying it, with links to each referral. Searchable, sortable, paged.
 */
export async function planResult(actor: Actor, query: unknown) {
  requirePermission(actor, "health.manage");
  const f = planResultQuery.parse(query ?? {});
  const empty = { ...f, rows: [], total: 0, pageSize: PLAN_RESULT_PAGE_SIZE };
  if (!f.year || !f.first || !f.last || f.last < f.first || f.last - f.first > 100_000) {
    return empty;
  }
  const numbers = new Set(
    Array.from({ length: f.last - f.first + 1 }, (_, i) => referralNumber(f.year, f.first + i)),
  );
  const rows = await db()
    .select({
      id: healthExam.id,
      employeeId: healthExam.employeeId,
      kind: healthExam.kind,
      status: healthExam.status,
      appointmentAt: healthExam.appointmentAt,
      referralNumber: healthExam.referralNumber,
      clinicName: healthClinic.name,
      firstName: employee.firstName,
      lastName: employee.lastName,
      unitName: orgUnit.name,
    })
    .from(healthExam)
    .innerJoin(employee, eq(employee.id, healthExam.employeeId))
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(healthClinic, eq(healthClinic.id, healthExam.clinicId))
    .where(
      and(
        eq(healthExam.centreId, actor.centreId),
        like(healthExam.referralNumber, `SK/${f.year}/%`),
      ),
    );
  const words = f.q.toLocaleLowerCase("pl").split(/\s+/).filter(Boolean);
  const found = rows.filter(
    (r) =>
      numbers.has(r.referralNumber!) &&
      words.every((w) =>
        [r.firstName, r.lastName, r.unitName ?? "", r.referralNumber ?? ""].some((x) =>
          x.toLocaleLowerCase("pl").includes(w),
        ),
      ),
  );
  const sign = f.dir === "desc" ? -1 : 1;
  const byName = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
  const compare: Record<
    (typeof PLAN_RESULT_SORTS)[number],
    (a: (typeof rows)[number], b: (typeof rows)[number]) => number
  > = {
    number: (a, b) => a.referralNumber!.localeCompare(b.referralNumber!, "en", { numeric: true }),
    name: byName,
    appointment: (a, b) =>
      (a.appointmentAt?.getTime() ?? 0) - (b.appointmentAt?.getTime() ?? 0) || byName(a, b),
    unit: (a, b) => collator.compare(a.unitName ?? "", b.unitName ?? "") || byName(a, b),
  };
  found.sort((a, b) => sign * compare[f.sort](a, b));
  const start = (f.page - 1) * PLAN_RESULT_PAGE_SIZE;
  return {
    ...f,
    rows: found.slice(start, start + PLAN_RESULT_PAGE_SIZE),
    total: found.length,
    pageSize: PLAN_RESULT_PAGE_SIZE,
  };
}

const collator = new Intl.Collator("pl", { sensitivity: "base" });

/** What the planning form offers: the clinics that take people, the units in tree order. */
export async function planningOptions(actor: Actor, opts: Opts = {}) {
  requirePermission(actor, "health.manage");
  const [clinics, units] = await Promise.all([
    db()
      .select({
        id: healthClinic.id,
        name: healthClinic.name,
        dailyCapacity: healthClinic.dailyCapacity,
        opensAtMinute: healthClinic.opensAtMinute,
        closesAtMinute: healthClinic.closesAtMinute,
      })
      .from(healthClinic)
      .where(and(eq(healthClinic.centreId, actor.centreId), eq(healthClinic.active, true)))
      .orderBy(healthClinic.name),
    centreUnits(actor.centreId),
  ]);
  const today = warsawDay(opts.now ?? new Date());
  return {
    clinics: clinics
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((c) => ({
        id: c.id,
        name: c.name,
        dailyCapacity: c.dailyCapacity,
        hours: clinicHours(c),
      })),
    units,
    today,
    /** A week ahead, on a working day: time to tell people. */
    defaultFromDate: nextWorkingDay(addDays(today, 7)),
  };
}
