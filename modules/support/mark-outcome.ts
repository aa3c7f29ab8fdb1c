// The specialist records whether a meeting took place or the employee did not come. Nothing
// else is written about it: no notes, no reason. Only the booking's own specialist may mark it,
// and only once it has started; the audit log learns that some booking changed, not which.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { type Actor, can } from "../access/actor.ts";
import { findBookingFor } from "./find-booking.ts";
import { supportBooking } from "./schema.ts";
import { isMarkable } from "./specialist-bookings.ts";

export const SUPPORT_OUTCOMES = ["took_place", "no_show"] as const;
export type SupportOutcome = (typeof SUPPORT_OUTCOMES)[number];

export const outcomeInput = z.object({
  outcome: z.enum(SUPPORT_OUTCOMES, { error: "errors.supportOutcomeChoose" }),
});

/**
 * Marks the booking "took_place" or "no_show"; marking it again with the other outcome corrects
 * it. Anyone but the booking's two parties gets not_found (findBookingFor); its employee is
 * refused. A cancelled booking, or one that has not started, is refused with a reason.
 */
export async function markOutcome(
  actor: Actor,
  id: string,
  input: unknown,
  now = new Date(),
): Promise<{ id: string; status: SupportOutcome; changed: boolean }> {
  return db().transaction(async (tx) => {
    // Locked: a cancellation arriving at the same moment waits, and then sees the outcome.
    const found = await findBookingFor(actor, id, { q: tx, forUpdate: true });
    if (!found.asSpecialist || !can(actor, "support.specialist")) throw forbidden();
    // Read only after the booking is known to be theirs: anyone else learns nothing, not even
    // that their input was wrong.
    const { outcome } = parseInput(outcomeInput, input);
    const b = found.booking;
    if (b.status === "cancelled") {
      throw new AppError("conflict", { _form: "errors.supportOutcomeCancelled" });
    }
    if (!isMarkable(b, now)) {
      throw new AppError("conflict", { _form: "errors.supportOutcomeNotStarted" });
    }
    if (b.status === outcome) return { id: b.id, status: outcome, changed: false };
    await tx
      .update(supportBooking)
      .set({ status: outcome, updatedAt: now })
      .where(eq(supportBooking.id, b.id));
    // Confidential: no actor, no booking id, no details — a booking's outcome was recorded.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: null,
      action: "support.booking.outcome",
      entityType: "support_booking",
      entityId: null,
      details: {},
    });
    return { id: b.id, status: outcome, changed: true };
  });
}
