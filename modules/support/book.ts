// Booking a confidential consultation, coaching session, crisis support or supervision. The
// employee picks a kind and a slot of a specialist, or "first available": the earliest free slot
// of any specialist of that kind at or after the time given. The slot must be a real one (see
// free-slots.ts); the centre's package limit per kind and calendar year holds; the booking, its
// audit entry and its confidential mails are written in one transaction. Two people never hold
// the same slot: the database's exclusion constraints are the final word, and a booking that
// loses the race is told "Ten termin został właśnie zajęty." with other free slots to choose.
//
// The audit log records that a booking was made, never by whom, with whom or which one.
import { and, eq, gt, gte, inArray, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, isExclusionViolation } from "../../platform/errors.ts";
import { enqueueMails, type MailInput } from "../../platform/outbox.ts";
import { isUuid } from "../../platform/validation.ts";
import { addDays, warsawDay, warsawInstant } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { centre, employee } from "../org/schema.ts";
import { accountsOf, employeeNotice, specialistNotice } from "./booking-mail.ts";
import { crisisLinkOf } from "./crisis-links.ts";
import { freeSlots, MIN_LEAD_MS, SEARCH_DAYS, type Slot } from "./free-slots.ts";
import {
  SUPPORT_KINDS,
  SUPPORT_MODES,
  type SupportKind,
  type SupportMode,
  supportBooking,
  supportCrisisLink,
  supportSpecialist,
} from "./schema.ts";
import { supportSettings } from "./support-settings.ts";

export const bookFields = z.object({
  kind: z.enum(SUPPORT_KINDS, { error: "supportBook.error.kind" }),
  /** Absent or empty: the first available specialist of the kind. */
  specialistId: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
  startsAt: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .refine((v) => !Number.isNaN(Date.parse(v)), "supportBook.error.startsAt"),
  mode: z
    .enum(SUPPORT_MODES, { error: "supportBook.error.mode" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  crisisToken: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined),
});
export type BookInput = z.input<typeof bookFields>;

export type BookResult = {
  id: string;
  specialistId: string;
  kind: SupportKind;
  mode: SupportMode;
  startsAt: Date;
  endsAt: Date;
};

/** How many other free slots a refusal offers. */
const ALTERNATIVES = 5;
/**
 * How many days the alternatives are looked for in first: a rush of refusals would otherwise
 * each read SEARCH_DAYS of windows and bookings, while five slots usually turn up within days.
 */
const ALTERNATIVES_FIRST_DAYS = 14;
/** How many of the earliest slots "first available" tries when others take them meanwhile. */
const FIRST_AVAILABLE_TRIES = 3;

export type Alternative = { specialistId: string; startsAt: string; endsAt: string };

/**
 * The slot was taken between the page showing it and the booking (or was never free): a
 * conflict whose reason is "slot_taken", with other free slots of the same specialist and kind
 * in `alternatives` (also sent in an API answer's Problem Details).
 */
export class SlotTakenError extends AppError {
  readonly reason = "slot_taken";
  readonly alternatives: Alternative[];
  constructor(alternatives: Alternative[]) {
    super("conflict", { startsAt: "supportBook.error.slotTaken" }, "slot_taken");
    this.alternatives = alternatives;
    this.extensions = { reason: "slot_taken", alternatives };
  }
  get details() {
    return { alternatives: this.alternatives };
  }
}

/**
 * The person has used the centre's package for the kind this calendar year: a conflict on the
 * kind, with how many were used of how many (pages say both; the API sends them along).
 */
export class PackageLimitError extends AppError {
  readonly used: number;
  readonly limit: number;
  constructor(kind: SupportKind, used: number, limit: number) {
    super("conflict", { kind: "supportBook.error.package" }, "package_limit");
    this.used = used;
    this.limit = limit;
    this.extensions = { reason: "package_limit", kind, used, limit };
  }
}

export function isSlotTaken(e: unknown): e is SlotTakenError {
  return e instanceof SlotTakenError;
}

/**
 * Parses with Zod like platform/validation's parseInput, keeping this module's own message keys
 * (supportBook.…) as well as the shared errors.… ones.
 */
export function parseSupportInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const errors: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const field = issue.path.join(".") || "_form";
    errors[field] ??= /^(errors|supportBook)\./.test(issue.message)
      ? issue.message
      : "errors.invalid";
  }
  throw new AppError("validation", errors);
}

const refuse = (key: string, field = "startsAt") => new AppError("conflict", { [field]: key });

const toAlternative = (s: Slot): Alternative => ({
  specialistId: s.specialistId,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
});

/** Up to five free slots of the kind (of the specialist, when one was chosen) from `after`. */
export async function alternativesFor(
  actor: Actor,
  o: { kind: SupportKind; specialistId?: string; after: Date; crisis?: boolean },
): Promise<Alternative[]> {
  const now = new Date();
  const from = warsawDay(new Date(Math.max(o.after.getTime(), now.getTime())));
  const search = (first: string, days: number) =>
    freeSlots(db(), {
      centreId: actor.centreId,
      kind: o.kind,
      specialistId: o.specialistId,
      from: first,
      days,
      crisis: o.crisis,
      employeeId: actor.employeeId,
      now,
    });
  let slots = await search(from, ALTERNATIVES_FIRST_DAYS);
  // Slots after the time asked come first in the answer, so only too few of those call for the
  // rest of SEARCH_DAYS; its days all follow, so the two lists join in order.
  if (slots.filter((s) => s.startsAt > o.after).length < ALTERNATIVES) {
    const rest = await search(
      addDays(from, ALTERNATIVES_FIRST_DAYS),
      SEARCH_DAYS - ALTERNATIVES_FIRST_DAYS,
    );
    slots = [...slots, ...rest];
  }
  const later = slots.filter((s) => s.startsAt.getTime() !== o.after.getTime());
  // Closest to the time asked first, the later ones before the earlier ones.
  const after = later.filter((s) => s.startsAt > o.after);
  const before = later.filter((s) => s.startsAt < o.after).reverse();
  return [...after, ...before].slice(0, ALTERNATIVES).map(toAlternative);
}

/** The Warsaw calendar year an instant falls in, as [start, end) instants. */
function warsawYear(d: Date): [Date, Date] {
  const y = Number(warsawDay(d).slice(0, 4));
  return [warsawInstant(`${y}-01-01`, "00:00")!, warsawInstant(`${y + 1}-01-01`, "00:00")!];
}

/** Bookings counted against a package: all but the cancelled ones. */
async function usedInYear(q: Queryable, employeeId: string, kind: SupportKind, at: Date) {
  const [from, to] = warsawYear(at);
  return q.$count(
    supportBooking,
    and(
      eq(supportBooking.employeeId, employeeId),
      eq(supportBooking.kind, kind),
      inArray(supportBooking.status, ["booked", "took_place", "no_show"]),
      gte(supportBooking.startsAt, from),
      lt(supportBooking.startsAt, to),
    ),
  );
}

/**
 * Why a slot asked for is not free, checked in order: in the past (or within the hour), not a
 * slot of the specialist at all (outside availability, an absence day, a crisis-reserved
 * window without a link), the employee's own booking at that time, or someone else's
 * (slot_taken, with alternatives).
 */
async function whyNotFree(
  actor: Actor,
  d: { kind: SupportKind; specialistId: string; startsAt: Date; crisis: boolean },
  now: Date,
): Promise<AppError> {
  if (d.startsAt.getTime() < now.getTime() + MIN_LEAD_MS) {
    return refuse(d.startsAt <= now ? "supportBook.error.past" : "supportBook.error.tooSoon");
  }
  const slot = (
    await freeSlots(db(), {
      centreId: actor.centreId,
      kind: d.kind,
      specialistId: d.specialistId,
      from: warsawDay(d.startsAt),
      days: 1,
      crisis: d.crisis,
      ignoreBookings: true,
      now,
    })
  ).find((s) => s.startsAt.getTime() === d.startsAt.getTime());
  if (!slot) return refuse("supportBook.error.notAvailable");
  // The slot exists, so a booking overlaps it: the employee's own, or someone else's.
  const own = await db().$count(
    supportBooking,
    and(
      eq(supportBooking.centreId, actor.centreId),
      eq(supportBooking.employeeId, actor.employeeId!),
      ne(supportBooking.status, "cancelled"),
      lt(supportBooking.startsAt, slot.endsAt),
      gt(supportBooking.endsAt, slot.startsAt),
    ),
  );
  if (own > 0) return refuse("supportBook.error.ownOverlap");
  return new SlotTakenError(
    await alternativesFor(actor, {
      kind: d.kind,
      specialistId: d.specialistId,
      after: d.startsAt,
      crisis: d.crisis,
    }),
  );
}

/**
 * Books a slot for the actor (their own employee record). Returns the booking; refusals are
 * conflicts or validation errors with the reason next to the field it concerns.
 */
export async function bookSupport(actor: Actor, input: unknown): Promise<BookResult> {
  requirePermission(actor, "support.book");
  const d = parseSupportInput(bookFields, input ?? {});
  if (!actor.employeeId) throw refuse("supportBook.error.noEmployee", "_form");
  const employeeId = actor.employeeId;
  const now = new Date();
  const asked = new Date(d.startsAt);
  if (d.specialistId !== undefined && !isUuid(d.specialistId)) {
    throw new AppError("validation", { specialistId: "supportBook.error.specialist" });
  }
  // A crisis link is for crisis support only: it unlocks the windows specialists hold back for
  // people after an incident, and those are not to be spent on coaching or supervision.
  if (d.crisisToken && d.kind !== "crisis") {
    throw new AppError("validation", { kind: "supportBook.crisis.kindOnly" });
  }
  // A crisis link must be the actor's own and still valid; it is checked again under lock.
  const crisis = d.crisisToken ? await crisisLinkOf(actor, d.crisisToken, { now }) : null;
  if (d.specialistId) {
    const [sp] = await db()
      .select({ id: supportSpecialist.id, kinds: supportSpecialist.kinds })
      .from(supportSpecialist)
      .where(
        and(
          eq(supportSpecialist.id, d.specialistId),
          eq(supportSpecialist.centreId, actor.centreId),
          eq(supportSpecialist.active, true),
        ),
      );
    if (!sp) throw new AppError("validation", { specialistId: "supportBook.error.specialist" });
    if (!sp.kinds.includes(d.kind)) {
      throw new AppError("validation", { specialistId: "supportBook.error.specialistKind" });
    }
  }

  // The slot: the one asked for, or the earliest free ones from that time (a few, in order:
  // "first available" that loses a race takes the next one).
  let candidates: Slot[];
  if (d.specialistId) {
    const slots = await freeSlots(db(), {
      centreId: actor.centreId,
      kind: d.kind,
      specialistId: d.specialistId,
      from: warsawDay(asked),
      days: 1,
      crisis: Boolean(crisis),
      employeeId,
      now,
    });
    const slot = slots.find((s) => s.startsAt.getTime() === asked.getTime());
    if (!slot) {
      throw await whyNotFree(
        actor,
        { kind: d.kind, specialistId: d.specialistId, startsAt: asked, crisis: Boolean(crisis) },
        now,
      );
    }
    candidates = [slot];
  } else {
    const from = asked < now ? now : asked;
    const slots = await freeSlots(db(), {
      centreId: actor.centreId,
      kind: d.kind,
      from: warsawDay(from),
      days: SEARCH_DAYS,
      crisis: Boolean(crisis),
      employeeId,
      now,
    });
    candidates = slots
      .filter((s) => s.startsAt >= from && (!d.mode || s.modes.includes(d.mode)))
      .slice(0, FIRST_AVAILABLE_TRIES);
    if (candidates.length === 0) throw refuse("supportBook.error.noneFree");
  }
  const mode: SupportMode = d.mode ?? candidates[0].modes[0];
  if (!candidates[0].modes.includes(mode)) {
    throw new AppError("validation", { mode: "supportBook.error.modeNotOffered" });
  }

  const settings = await supportSettings(db(), actor.centreId);
  const limit = settings.sessionsPerPerson[d.kind];
  for (const [i, chosen] of candidates.entries()) {
    try {
      return await db().transaction(async (tx) => {
        // The person's row first: their bookings are decided one at a time (the package count
        // stays exact), and a deactivation in flight is waited for and then refused.
        const [me] = await tx
          .select({ active: employee.active })
          .from(employee)
          .where(and(eq(employee.id, employeeId), eq(employee.centreId, actor.centreId)))
          .for("no key update");
        if (!me?.active) throw refuse("supportBook.error.inactive", "_form");
        if (limit !== undefined) {
          const used = await usedInYear(tx, employeeId, d.kind, chosen.startsAt);
          if (used >= limit) throw new PackageLimitError(d.kind, used, limit);
        }
        let crisisLinkId: string | null = null;
        if (crisis && d.crisisToken) {
          const link = await crisisLinkOf(actor, d.crisisToken, { q: tx, forUpdate: true, now });
          crisisLinkId = link.id;
          await tx
            .update(supportCrisisLink)
            .set({ usedAt: now })
            .where(eq(supportCrisisLink.id, link.id));
        }
        const [row] = await tx
          .insert(supportBooking)
          .values({
            centreId: actor.centreId,
            specialistId: chosen.specialistId,
            employeeId,
            kind: d.kind,
            mode: chosen.modes.includes(mode) ? mode : chosen.modes[0],
            startsAt: chosen.startsAt,
            endsAt: chosen.endsAt,
            crisisLinkId,
          })
          .returning();
        // Confidential: no actor, no booking id, no details, no request — a booking was made.
        await writeAudit(tx, {
          centreId: actor.centreId,
          actorUserId: null,
          action: "support.booking.created",
          entityType: "support_booking",
          entityId: null,
          details: {},
        });
        await enqueueMails(tx, await bookingMails(tx, row, settings.cancelHoursBefore));
        return {
          id: row.id,
          specialistId: row.specialistId,
          kind: row.kind,
          mode: row.mode,
          startsAt: row.startsAt,
          endsAt: row.endsAt,
        };
      });
    } catch (err) {
      if (isExclusionViolation(err, "support_booking_specialist_no_overlap")) {
        if (i < candidates.length - 1) continue;
        throw new SlotTakenError(
          await alternativesFor(actor, {
            kind: d.kind,
            // The specialist asked for; for "first available", any of the kind.
            specialistId: d.specialistId,
            after: chosen.startsAt,
            crisis: Boolean(crisis),
          }),
        );
      }
      if (isExclusionViolation(err, "support_booking_employee_no_overlap")) {
        throw refuse("supportBook.error.ownOverlap");
      }
      throw err;
    }
  }
  // Not reached: the last candidate either returns or throws.
  throw refuse("supportBook.error.noneFree");
}

/** The confirmation to the employee and the note to the specialist (when they have an account). */
async function bookingMails(
  tx: Queryable,
  row: typeof supportBooking.$inferSelect,
  cancelHoursBefore: number,
): Promise<MailInput[]> {
  // In turn, not Promise.all: a transaction's connection runs one query at a time.
  const [sp] = await tx
    .select()
    .from(supportSpecialist)
    .where(eq(supportSpecialist.id, row.specialistId));
  const [c] = await tx
    .select({ name: centre.name })
    .from(centre)
    .where(eq(centre.id, row.centreId));
  const people = await recipientsOf(tx, row.centreId, [row.employeeId]);
  const person = people.get(row.employeeId)!;
  const ctx = {
    booking: row,
    specialist: sp,
    employee: person,
    centreName: c?.name ?? "",
    cancelDeadline: new Date(row.startsAt.getTime() - cancelHoursBefore * 3_600_000),
  };
  const mails = [employeeNotice(ctx, "booked")];
  if (sp.userId) {
    const account = (await accountsOf(tx, [sp.userId])).get(sp.userId);
    if (account) mails.push(specialistNotice(ctx, account, "booked"));
  }
  return mails;
}
