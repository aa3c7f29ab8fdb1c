// Creates and changes an activity of the catalogue (never its sessions: save-session.ts). One
// schema serves the form (through activityFormInput) and the API.
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { writeAudit, writeAuditMany } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import {
  booleanField,
  isUuid,
  parseInput,
  wholeNumber,
  wholeNumberOr,
} from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { roleAssignment, user } from "../access/schema.ts";
import { orgUnit, position, staffGroup } from "../org/schema.ts";
import { centreUnits } from "../org/units.ts";
import { warsawDay, warsawTime } from "../survey/schedule-cycle.ts";
import { ensureActivityTypes } from "./activity-types.ts";
import { promoteWaitlist } from "./cancel-enrolment.ts";
import {
  audienceFields,
  joinedIds,
  optionalInstant,
  optionalInstantField,
  parseZloty,
  throwFormErrors,
} from "./catalogue-fields.ts";
import { activityContext } from "./enrolment-common.ts";
import { findActivity } from "./find-activity.ts";
import { sendNotices } from "./notice-mail.ts";
import {
  ACTIVITY_FORMATS,
  type Audience,
  HOUR_UNITS,
  programmeActivity,
  programmeActivityType,
} from "./schema.ts";

function hasAudience(a: Audience): boolean {
  const n = (l: unknown) => (Array.isArray(l) ? l.length : 0);
  return n(a.staffGroupIds) + n(a.positionIds) + n(a.unitIds) > 0;
}

export const activityFields = z
  .object({
    typeId: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .refine(isUuid, "errors.invalid"),
    title: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .max(200, "errors.tooLong"),
    description: z.string().trim().max(5000, "errors.tooLong").optional().default(""),
    /** The trainer or provider as documents print it. */
    provider: z.string().trim().max(300, "errors.tooLong").optional().default(""),
    /** An account with the specialist role that marks attendance of the sessions. */
    trainerUserId: z
      .string()
      .trim()
      .max(200, "errors.invalid")
      .nullish()
      .transform((v) => v || null),
    format: z.enum(ACTIVITY_FORMATS, { error: "errors.required" }),
    hourUnit: z.enum(HOUR_UNITS, { error: "errors.required" }).optional().default("clock"),
    target: audienceFields,
    priority: audienceFields,
    /** Until then only the priority audience may enrol. */
    priorityUntil: optionalInstant,
    capacity: wholeNumber(1, 10000, "errors.programmeCapacity"),
    enrolOpensAt: optionalInstant,
    enrolClosesAt: optionalInstant,
    cancelDeadlineHours: wholeNumberOr(0, 720, "errors.programmeCancelHours", 24),
    requiresApproval: booleanField(false),
    /** Złote as a person types them ("1 234,50"); the API may send costGrosze instead. */
    cost: z
      .string()
      .trim()
      .max(50, "errors.programmeCost")
      .refine((v) => !v || parseZloty(v) !== null, "errors.programmeCost")
      .optional(),
    costGrosze: z
      .number({ error: "errors.programmeCost" })
      .int("errors.programmeCost")
      .min(0, "errors.programmeCost")
      .max(2_000_000_000, "errors.programmeCost")
      .nullish(),
    completionPercent: wholeNumberOr(1, 100, "errors.programmeCompletion", 80),
  })
  // Cross-field rules run even while other fields have mistakes, so the form lists them all.
  .superRefine(
    (v, ctx) => {
      const opens = v.enrolOpensAt instanceof Date ? v.enrolOpensAt : null;
      const closes = v.enrolClosesAt instanceof Date ? v.enrolClosesAt : null;
      if (opens && closes && closes <= opens) {
        ctx.addIssue({
          code: "custom",
          path: ["enrolClosesAt"],
          message: "errors.programmeEnrolWindow",
        });
      }
      if (v.priority && hasAudience(v.priority) && !v.priorityUntil) {
        ctx.addIssue({
          code: "custom",
          path: ["priorityUntil"],
          message: "errors.programmePriorityUntil",
        });
      }
    },
    { when: () => true },
  )
  .transform(({ cost, costGrosze, ...rest }) => ({
    ...rest,
    // A priority window without priority groups would hold everyone back for nothing.
    priorityUntil: hasAudience(rest.priority) ? rest.priorityUntil : null,
    costGrosze: cost ? parseZloty(cost) : (costGrosze ?? null),
  }));
export type ActivityInput = z.input<typeof activityFields>;
export type ActivityData = z.output<typeof activityFields>;

const AUDIENCE_KEYS = ["staffGroupIds", "positionIds", "unitIds"] as const;

/**
 * The input of saveActivity from the activity form: the Warsaw date and time fields become
 * instants and the ticked checkboxes lists. Mistakes in those fields and in the rest come
 * back together, each on its field.
 */
export function activityFormInput(v: Record<string, string | undefined>): Record<string, unknown> {
  const errors: Record<string, string> = {};
  const audience = (prefix: "target" | "priority") =>
    Object.fromEntries(AUDIENCE_KEYS.map((k) => [k, joinedIds(v[`${prefix}.${k}`])]));
  const input = {
    typeId: v.typeId ?? "",
    title: v.title ?? "",
    description: v.description ?? "",
    provider: v.provider ?? "",
    trainerUserId: v.trainerUserId ?? "",
    format: v.format || undefined,
    hourUnit: v.hourUnit || undefined,
    target: audience("target"),
    priority: audience("priority"),
    priorityUntil: optionalInstantField(v, "priorityUntil", errors),
    capacity: v.capacity ?? "",
    enrolOpensAt: optionalInstantField(v, "enrolOpensAt", errors),
    enrolClosesAt: optionalInstantField(v, "enrolClosesAt", errors),
    cancelDeadlineHours: v.cancelDeadlineHours ?? "",
    requiresApproval: v.requiresApproval ?? "false",
    cost: v.cost ?? "",
    completionPercent: v.completionPercent ?? "",
  };
  if (Object.keys(errors).length > 0) {
    const rest = activityFields.safeParse({
      ...input,
      priorityUntil: null,
      enrolOpensAt: null,
      enrolClosesAt: null,
    });
    // The schema's "priority window required" is moot while its field holds a typing error.
    throwFormErrors(errors, rest);
  }
  return input;
}

/** Ids that are not the centre's (or do not exist) are refused on the field that holds them. */
async function checkAudience(
  tx: Queryable,
  centreId: string,
  field: "target" | "priority",
  a: Required<Audience>,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const known = async (
    table: typeof staffGroup | typeof position | typeof orgUnit,
    ids: string[],
  ) => {
    if (ids.length === 0) return true;
    const rows = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.centreId, centreId), inArray(table.id, ids)));
    return rows.length === ids.length;
  };
  if (!(await known(staffGroup, a.staffGroupIds))) {
    errors[`${field}.staffGroupIds`] = "errors.invalid";
  }
  if (!(await known(position, a.positionIds))) errors[`${field}.positionIds`] = "errors.invalid";
  if (!(await known(orgUnit, a.unitIds))) errors[`${field}.unitIds`] = "errors.invalid";
  return errors;
}

/** The error for a capacity below the places already held, with the number for the caller. */
export function capacityBelowSeats(seatsTaken: number): AppError {
  const err = new AppError("validation", { capacity: "errors.programmeCapacityBelowSeats" });
  err.extensions.seatsTaken = seatsTaken;
  return err;
}

/**
 * Creates (id null, as a draft) or changes an activity. The kind must be the centre's and
 * shown (a hidden kind stays only on activities that already have it); the trainer account
 * must hold the specialist role in the centre; every group, position and unit of the
 * audiences must be the centre's. A cancelled activity is not changed any more, and the
 * capacity never drops below the places already held (the row is locked while checking).
 */
export async function saveActivity(actor: Actor, id: string | null, input: unknown) {
  requirePermission(actor, "programme.manage");
  // Another centre's activity is "not found" whatever the body holds.
  if (id !== null) await findActivity(db(), actor, id);
  const d = parseInput(activityFields, input);
  const centreId = actor.centreId;
  return db().transaction(async (tx) => {
    await ensureActivityTypes(tx, centreId);
    let before: typeof programmeActivity.$inferSelect | undefined;
    if (id !== null) {
      if (!isUuid(id)) throw notFound();
      [before] = await tx
        .select()
        .from(programmeActivity)
        .where(and(eq(programmeActivity.id, id), eq(programmeActivity.centreId, centreId)))
        .for("update");
      if (!before) throw notFound();
      if (before.status === "cancelled") {
        throw new AppError("conflict", { _form: "errors.programmeActivityCancelled" });
      }
    }
    const errors: Record<string, string> = {};
    const [type] = await tx
      .select()
      .from(programmeActivityType)
      .where(
        and(eq(programmeActivityType.id, d.typeId), eq(programmeActivityType.centreId, centreId)),
      );
    if (!type) errors.typeId = "errors.invalid";
    else if (type.archived && before?.typeId !== type.id)
      errors.typeId = "errors.programmeTypeHidden";
    if (d.trainerUserId) {
      const [trainer] = await tx
        .select({ userId: roleAssignment.userId })
        .from(roleAssignment)
        .where(
          and(
            eq(roleAssignment.centreId, centreId),
            eq(roleAssignment.userId, d.trainerUserId),
            eq(roleAssignment.role, "specialist"),
          ),
        );
      if (!trainer) errors.trainerUserId = "errors.programmeTrainer";
    }
    Object.assign(
      errors,
      await checkAudience(tx, centreId, "target", d.target),
      await checkAudience(tx, centreId, "priority", d.priority),
    );
    if (Object.keys(errors).length > 0) throw new AppError("validation", errors);
    if (before && d.capacity < before.seatsTaken) throw capacityBelowSeats(before.seatsTaken);

    const values = {
      typeId: d.typeId,
      title: d.title,
      description: d.description,
      provider: d.provider,
      trainerUserId: d.trainerUserId,
      format: d.format,
      hourUnit: d.hourUnit,
      target: d.target,
      priority: d.priority,
      priorityUntil: d.priorityUntil,
      capacity: d.capacity,
      enrolOpensAt: d.enrolOpensAt,
      enrolClosesAt: d.enrolClosesAt,
      cancelDeadlineHours: d.cancelDeadlineHours,
      requiresApproval: d.requiresApproval,
      costGrosze: d.costGrosze,
      completionPercent: d.completionPercent,
    };
    let rowId: string;
    if (before) {
      const [after] = await tx
        .update(programmeActivity)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(programmeActivity.id, before.id))
        .returning();
      rowId = before.id;
      // Places added to a published activity go to the people waiting, in their order, at once.
      if (after.status === "published" && after.capacity > before.capacity) {
        const ctx = await activityContext(tx, after);
        const by = { userId: actor.userId, requestId: actor.requestId };
        const r = await promoteWaitlist(tx, ctx, after.capacity - after.seatsTaken, by);
        await sendNotices(tx, r.mails);
        await writeAuditMany(tx, r.audits);
      }
    } else {
      const [row] = await tx
        .insert(programmeActivity)
        .values({ ...values, centreId, status: "draft" })
        .returning({ id: programmeActivity.id });
      rowId = row.id;
    }
    await writeAudit(tx, {
      centreId,
      actorUserId: actor.userId,
      action: before ? "programme.activity.update" : "programme.activity.create",
      entityType: "programme_activity",
      entityId: rowId,
      details: before ? { fields: changedFields(before, values) } : { typeId: d.typeId },
      requestId: actor.requestId,
    });
    return rowId;
  });
}

/** Names of the fields whose value changed (the audit says what, never the content). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : JSON.stringify(v ?? null));
  return Object.keys(after).filter((k) => norm(before[k]) !== norm(after[k]));
}

/**
 * What the activity form offers: the centre's kinds (hidden ones only when the activity has
 * one), accounts with the specialist role as trainers, and the staff groups, positions and
 * units (in tree order) of the audiences.
 */
export async function activityFormOptions(actor: Actor, currentTypeId?: string) {
  requirePermission(actor, "programme.manage");
  const centreId = actor.centreId;
  const types = await ensureActivityTypes(db(), centreId);
  const [trainers, groups, positions, units] = await Promise.all([
    db()
      .selectDistinct({ id: user.id, name: user.name, email: user.email })
      .from(roleAssignment)
      .innerJoin(user, eq(user.id, roleAssignment.userId))
      .where(and(eq(roleAssignment.centreId, centreId), eq(roleAssignment.role, "specialist")))
      .orderBy(asc(user.name)),
    db()
      .select({ id: staffGroup.id, name: staffGroup.name })
      .from(staffGroup)
      .where(eq(staffGroup.centreId, centreId))
      .orderBy(asc(staffGroup.sortOrder), asc(staffGroup.name)),
    db()
      .select({ id: position.id, name: position.name })
      .from(position)
      .where(eq(position.centreId, centreId))
      .orderBy(asc(polishSortKey(position.name))),
    centreUnits(centreId),
  ]);
  return {
    types: types.filter((t) => !t.archived || t.id === currentTypeId),
    trainers,
    groups,
    positions,
    units,
  };
}

/** Grosze as a person would type them back: "1234,50". */
function groszeText(grosze: number | null): string {
  if (grosze === null) return "";
  return `${Math.trunc(grosze / 100)},${String(grosze % 100).padStart(2, "0")}`;
}

/** The activity form's values for a stored activity (Warsaw dates and times). */
export function activityFormDefaults(a: typeof programmeActivity.$inferSelect) {
  const pair = (name: string, d: Date | null) =>
    d ? { [name]: warsawDay(d), [`${name}Time`]: warsawTime(d) } : {};
  const values: Record<string, string> = {
    typeId: a.typeId,
    title: a.title,
    description: a.description,
    provider: a.provider,
    trainerUserId: a.trainerUserId ?? "",
    format: a.format,
    hourUnit: a.hourUnit,
    capacity: String(a.capacity),
    requiresApproval: a.requiresApproval ? "on" : "false",
    cancelDeadlineHours: String(a.cancelDeadlineHours),
    cost: groszeText(a.costGrosze),
    completionPercent: String(a.completionPercent),
    ...pair("enrolOpensAt", a.enrolOpensAt),
    ...pair("enrolClosesAt", a.enrolClosesAt),
    ...pair("priorityUntil", a.priorityUntil),
  };
  const checked: Record<string, string[]> = {};
  for (const k of AUDIENCE_KEYS) {
    checked[`target.${k}`] = a.target[k] ?? [];
    checked[`priority.${k}`] = a.priority[k] ?? [];
  }
  return { values, checked };
}
