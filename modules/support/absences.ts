// Days a specialist is away (a holiday, a sick day): no slots are offered on them. The same
// people as for windows may change them. Meetings already booked on those days are not
// cancelled here — the specialist cancels them, so that each person is told — but the caller
// learns how many there are.
import { and, count, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { calendarDay, isUuid, parseInput } from "../../platform/validation.ts";
import { addDays } from "../../platform/warsaw-time.ts";
import type { Actor } from "../access/actor.ts";
import { daysOverlap, optionalDay } from "./availability-fields.ts";
import { editableSpecialist } from "./find-specialist.ts";
import { SUPPORT_ABSENCE_REASONS, supportAbsence, supportBooking } from "./schema.ts";

/** The longest absence one entry may hold; a longer one is a specialist to deactivate. */
export const MAX_ABSENCE_DAYS = 366;

export const absenceFields = z
  .object({
    fromDate: calendarDay,
    /** The last day away (inclusive); the first day when left empty. */
    toDate: optionalDay,
    reason: z
      .enum(SUPPORT_ABSENCE_REASONS, { error: "errors.invalid" })
      .optional()
      .default("holiday"),
  })
  .superRefine(
    (v, ctx) => {
      if (typeof v.toDate !== "string" || typeof v.fromDate !== "string") return;
      if (v.toDate < v.fromDate) {
        ctx.addIssue({ code: "custom", path: ["toDate"], message: "errors.supportAvailValidTo" });
      } else if (v.toDate > addDays(v.fromDate, MAX_ABSENCE_DAYS - 1)) {
        ctx.addIssue({
          code: "custom",
          path: ["toDate"],
          message: "errors.supportAvailAbsenceLong",
        });
      }
    },
    { when: () => true },
  )
  .transform((v) => ({ ...v, toDate: v.toDate ?? v.fromDate }));
export type AbsenceInput = z.input<typeof absenceFields>;

/**
 * Adds an absence. One overlapping another of the same specialist is refused next to its first
 * day (the error's `overlapsWith` names the other). Returns the number of meetings still booked
 * with the specialist on those days.
 */
export async function addAbsence(
  actor: Actor,
  specialistId: string,
  input: unknown,
): Promise<{ id: string; bookedMeetings: number }> {
  await editableSpecialist(db(), actor, specialistId);
  const d = parseInput(absenceFields, input);
  return db().transaction(async (tx) => {
    const s = await editableSpecialist(tx, actor, specialistId, { lock: true });
    const others = await tx
      .select()
      .from(supportAbsence)
      .where(eq(supportAbsence.specialistId, s.id));
    const other = others.find((o) =>
      daysOverlap({ from: d.fromDate, to: d.toDate }, { from: o.fromDate, to: o.toDate }),
    );
    if (other) {
      const err = new AppError("validation", { fromDate: "errors.supportAvailAbsenceOverlap" });
      err.extensions.overlapsWith = {
        id: other.id,
        fromDate: other.fromDate,
        toDate: other.toDate,
        reason: other.reason,
      };
      throw err;
    }
    const [row] = await tx
      .insert(supportAbsence)
      .values({
        centreId: actor.centreId,
        specialistId: s.id,
        fromDate: d.fromDate,
        toDate: d.toDate,
        reason: d.reason,
      })
      .returning({ id: supportAbsence.id });
    const [{ n }] = await tx
      .select({ n: count() })
      .from(supportBooking)
      .where(
        and(
          eq(supportBooking.specialistId, s.id),
          eq(supportBooking.status, "booked"),
          gte(supportBooking.startsAt, startOfWarsawDay(d.fromDate)),
          lt(supportBooking.startsAt, startOfWarsawDay(addDays(d.toDate, 1))),
        ),
      );
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.absence.create",
      entityType: "support_absence",
      entityId: row.id,
      // Whether it is a sick day is the specialist's own business: the log does not say.
      details: { specialistId: s.id },
      requestId: actor.requestId,
    });
    return { id: row.id, bookedMeetings: Number(n) };
  });
}

export async function removeAbsence(
  actor: Actor,
  specialistId: string,
  absenceId: string,
): Promise<void> {
  await editableSpecialist(db(), actor, specialistId);
  if (!isUuid(absenceId)) throw notFound();
  await db().transaction(async (tx) => {
    const s = await editableSpecialist(tx, actor, specialistId, { lock: true });
    const gone = await tx
      .delete(supportAbsence)
      .where(and(eq(supportAbsence.id, absenceId), eq(supportAbsence.specialistId, s.id)))
      .returning({ id: supportAbsence.id });
    if (gone.length === 0) throw notFound();
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.absence.delete",
      entityType: "support_absence",
      entityId: absenceId,
      details: { specialistId: s.id },
      requestId: actor.requestId,
    });
  });
}
