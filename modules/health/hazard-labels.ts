// The words for position hazards, in the page's language. No I/O: pages in the browser use it.
import type { MessageKey, T } from "../../platform/i18n.ts";
import type { Hazard } from "./schema.ts";

export function hazardLabel(t: T, h: Hazard): string {
  return t(`health.hazard.${h}` as MessageKey);
}

/** The fuller wording printed on the referral. */
export function hazardDescription(t: T, h: Hazard): string {
  return t(`health.hazard.${h}.description` as MessageKey);
}
