// A specialist's weekly availability windows: add, change, remove. The coordinator may change
// any specialist's, a specialist only their own (find-specialist.ts). Windows of one specialist
// never overlap on the same weekday within overlapping validity: checked here first so the
// message names the other window, and kept by the exclusion constraint
// `support_availability_no_overlap` when two requests pass the check at the same moment.
import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isExclusionViolation, notFound } from "../../platform/errors.ts";
import { booleanField, isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import { minutesToTime } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { clockTime, daysOverlap, optionalDay, today } from "./availability-fields.ts";
import { editableSpecialist, findSpecialist } from "./find-specialist.ts";
import { supportAbsence, supportAvailability } from "./schema.ts";

export type WindowRow = typeof supportAvailability.$inferSelect;

/** A window as messages and the API describe it: times as "HH:MM". */
export type WindowText = {
  id: string;
  weekday: number;
  start: string;
  end: string;
  validFrom: string;
  validTo: string | null;
  crisisReserved: boolean;
};

export function windowText(w: WindowRow): WindowText {
  return {
    id: w.id,
    weekday: w.weekday,
    start: minutesToTime(w.startMinute),
    end: minutesToTime(w.endMinute),
    validFrom: w.validFrom,
    validTo: w.validTo,
    crisisReserved: w.crisisReserved,
  };
}

export const windowFields = z
  .object({
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: wholeNumber(1, 7, "errors.supportAvailWeekday"),
    start: clockTime,
    end: clockTime,
    /** The first day the window applies; today when left empty. */
    validFrom: optionalDay,
    /** The last day (inclusive); empty = open-ended. */
    validTo: optionalDay,
    /** Held back for crisis links: only their holders book these slots. */
    crisisReserved: booleanField(false),
  })
  .superRefine(
    (v, ctx) => {
      if (typeof v.start === "number" && typeof v.end === "number" && v.end <= v.start) {
        ctx.addIssue({ code: "custom", path: ["end"], message: "errors.supportAvailEnd" });
      }
      if (typeof v.validTo === "string" && v.validTo < (v.validFrom ?? today())) {
        ctx.addIssue({ code: "custom", path: ["validTo"], message: "errors.supportAvailValidTo" });
      }
    },
    { when: () => true },
  )
  .transform((v) => ({ ...v, validFrom: v.validFrom ?? today() }));
export type WindowInput = z.input<typeof windowFields>;

/** The window form's values for a stored window. */
export function windowFormDefaults(w: WindowRow): Record<string, string> {
  return {
    weekday: String(w.weekday),
    start: minutesToTime(w.startMinute),
    end: minutesToTime(w.endMinute),
    validFrom: w.validFrom,
    validTo: w.validTo ?? "",
    crisisReserved: w.crisisReserved ? "on" : "false",
  };
}

/** The error for a window overlapping another: on the start field, naming the other window. */
export function windowOverlap(other: WindowRow | null): AppError {
  const err = new AppError("validation", { start: "errors.supportAvailOverlap" });
  if (other) err.extensions.overlapsWith = windowText(other);
  return err;
}

/** The specialist's window that a new or changed one would overlap, if any. */
async function overlapping(
  q: Queryable,
  specialistId: string,
  exceptId: string | null,
  w: { weekday: number; start: number; end: number; validFrom: string; validTo: string | null },
): Promise<WindowRow | null> {
  const same = await q
    .select()
    .from(supportAvailability)
    .where(
      and(
        eq(supportAvailability.specialistId, specialistId),
        eq(supportAvailability.weekday, w.weekday),
        exceptId ? ne(supportAvailability.id, exceptId) : undefined,
      ),
    )
    .orderBy(asc(supportAvailability.startMinute), asc(supportAvailability.validFrom));
  return (
    same.find(
      (o) =>
        // Half-open minutes, as the constraint's int4range: 09:00–12:00 and 12:00–14:00 meet.
        w.start < o.endMinute &&
        o.startMinute < w.end &&
        daysOverlap({ from: w.validFrom, to: w.validTo }, { from: o.validFrom, to: o.validTo }),
    ) ?? null
  );
}

/**
 * Adds (windowId null) or changes a window. A window shorter than one meeting of the
 * specialist would offer nothing and is refused next to its end.
 */
export async function saveWindow(
  actor: Actor,
  specialistId: string,
  windowId: string | null,
  input: unknown,
): Promise<string> {
  // Someone else's specialist is not found before the body is even looked at.
  await editableSpecialist(db(), actor, specialistId);
  if (windowId !== null && !isUuid(windowId)) throw notFound();
  const d = parseInput(windowFields, input);
  const values = {
    weekday: d.weekday,
    start: d.start,
    end: d.end,
    validFrom: d.validFrom,
    validTo: d.validTo,
  };
  try {
    return await db().transaction(async (tx) => {
      // The specialist's row lock orders two changes of their windows one after the other.
      const s = await editableSpecialist(tx, actor, specialistId, { lock: true });
      if (d.end - d.start < s.slotMinutes) {
        const err = new AppError("validation", { end: "errors.supportAvailShort" });
        err.extensions.slotMinutes = s.slotMinutes;
        throw err;
      }
      if (windowId !== null) {
        const [before] = await tx
          .select({ id: supportAvailability.id })
          .from(supportAvailability)
          .where(
            and(eq(supportAvailability.id, windowId), eq(supportAvailability.specialistId, s.id)),
          );
        if (!before) throw notFound();
      }
      const other = await overlapping(tx, s.id, windowId, values);
      if (other) throw windowOverlap(other);
      const row = {
        weekday: d.weekday,
        startMinute: d.start,
        endMinute: d.end,
        validFrom: d.validFrom,
        validTo: d.validTo,
        crisisReserved: d.crisisReserved,
      };
      let id = windowId;
      if (id) {
        await tx.update(supportAvailability).set(row).where(eq(supportAvailability.id, id));
      } else {
        const [r] = await tx
          .insert(supportAvailability)
          .values({ ...row, centreId: actor.centreId, specialistId: s.id })
          .returning({ id: supportAvailability.id });
        id = r.id;
      }
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: windowId ? "support.availability.update" : "support.availability.create",
        entityType: "support_availability",
        entityId: id,
        details: { specialistId: s.id },
        requestId: actor.requestId,
      });
      return id;
    });
  } catch (err) {
    if (!isExclusionViolation(err, "support_availability_no_overlap")) throw err;
    // Another request added the overlapping window after this one's check: name it now.
    throw windowOverlap(await overlapping(db(), specialistId, windowId, values));
  }
}

/** Removes a window. Meetings already booked in it stay booked. */
export async function removeWindow(
  actor: Actor,
  specialistId: string,
  windowId: string,
): Promise<void> {
  await editableSpecialist(db(), actor, specialistId);
  if (!isUuid(windowId)) throw notFound();
  await db().transaction(async (tx) => {
    const s = await editableSpecialist(tx, actor, specialistId, { lock: true });
    const gone = await tx
      .delete(supportAvailability)
      .where(and(eq(supportAvailability.id, windowId), eq(supportAvailability.specialistId, s.id)))
      .returning({ id: supportAvailability.id });
    if (gone.length === 0) throw notFound();
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.availability.delete",
      entityType: "support_availability",
      entityId: windowId,
      details: { specialistId: s.id },
      requestId: actor.requestId,
    });
  });
}

/** Windows in weekday and time order, those still in force first. */
function byWeekday(a: WindowRow, b: WindowRow): number {
  return (
    a.weekday - b.weekday || a.startMinute - b.startMinute || a.validFrom.localeCompare(b.validFrom)
  );
}

/**
 * A specialist's windows and absences, for whoever may change them (the coordinator, or the
 * specialist themselves). Windows that ended before today are listed apart as past.
 */
export async function availabilityOf(actor: Actor, specialistId: string) {
  const s = await editableSpecialist(db(), actor, specialistId);
  const [windows, absences] = await Promise.all([
    db().select().from(supportAvailability).where(eq(supportAvailability.specialistId, s.id)),
    db()
      .select()
      .from(supportAbsence)
      .where(eq(supportAbsence.specialistId, s.id))
      .orderBy(asc(supportAbsence.fromDate)),
  ]);
  const day = today();
  windows.sort(byWeekday);
  return {
    specialist: s,
    windows: windows.filter((w) => w.validTo === null || w.validTo >= day),
    pastWindows: windows.filter((w) => w.validTo !== null && w.validTo < day),
    absences: absences.filter((a) => a.toDate >= day),
    pastAbsences: absences.filter((a) => a.toDate < day).reverse(),
  };
}

/**
 * The windows an employee may look at (an active specialist's, still in force, not held back
 * for crisis links): what the API offers anyone who may book. Absences stay with the
 * coordinator and the specialist; free slots already leave them out.
 */
export async function publicWindowsOf(actor: Actor, specialistId: string) {
  requirePermission(actor, "support.book");
  const s = await findSpecialist(db(), actor.centreId, specialistId);
  if (!s.active) throw notFound();
  const rows = await db()
    .select()
    .from(supportAvailability)
    .where(
      and(
        eq(supportAvailability.specialistId, s.id),
        eq(supportAvailability.crisisReserved, false),
      ),
    );
  const day = today();
  return rows.filter((w) => w.validTo === null || w.validTo >= day).sort(byWeekday);
}
