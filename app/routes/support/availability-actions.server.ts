// The form actions the specialist's page (coordinator) and "Moja dostępność" (specialist) share:
// weekly windows and absences. Each answers with a redirect to the section it changed, or
// throws the service's refusal with its message naming what it clashes with.
import { redirect } from "react-router";
import type { Actor } from "../../../modules/access/actor.ts";
import { addAbsence, removeAbsence } from "../../../modules/support/absences.ts";
import { removeWindow, saveWindow } from "../../../modules/support/availability.ts";
import { explainAvailabilityError } from "../../../modules/support/availability-text.ts";
import type { T } from "../../../platform/i18n.ts";

export const AVAILABILITY_INTENTS = [
  "window-save",
  "window-remove",
  "absence-add",
  "absence-remove",
] as const;

export function isAvailabilityIntent(v: string): v is (typeof AVAILABILITY_INTENTS)[number] {
  return (AVAILABILITY_INTENTS as readonly string[]).includes(v);
}

export async function availabilityAction(
  actor: Actor,
  t: T,
  specialistId: string,
  intent: (typeof AVAILABILITY_INTENTS)[number],
  v: Record<string, string>,
  here: string,
): Promise<Response> {
  try {
    if (intent === "window-save") {
      await saveWindow(actor, specialistId, v.windowId || null, {
        weekday: v.weekday ?? "",
        start: v.start ?? "",
        end: v.end ?? "",
        validFrom: v.validFrom ?? "",
        validTo: v.validTo ?? "",
        crisisReserved: v.crisisReserved ?? "false",
      });
      return redirect(`${here}?windowSaved=1#windows`);
    }
    if (intent === "window-remove") {
      await removeWindow(actor, specialistId, v.windowId ?? "");
      return redirect(`${here}?windowRemoved=1#windows`);
    }
    if (intent === "absence-add") {
      const r = await addAbsence(actor, specialistId, {
        fromDate: v.fromDate ?? "",
        toDate: v.toDate ?? "",
        reason: v.reason || undefined,
      });
      return redirect(`${here}?absenceAdded=1&booked=${r.bookedMeetings}#absences`);
    }
    await removeAbsence(actor, specialistId, v.absenceId ?? "");
    return redirect(`${here}?absenceRemoved=1#absences`);
  } catch (err) {
    explainAvailabilityError(t, err);
    throw err;
  }
}
