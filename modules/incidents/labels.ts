// Names of incident kinds, places, severities and step owners, for pages and exports alike.
import type { MessageKey, T } from "../../platform/i18n.ts";

/** A built-in kind by its translated name; a kind the centre added by its own label. */
export function kindName(t: T, kind: { key: string | null; label: string }): string {
  return kind.key ? t(`incidents.kind.${kind.key}` as MessageKey) : kind.label;
}

export const placeName = (t: T, place: string) => t(`incidents.place.${place}` as MessageKey);
export const severityName = (t: T, s: string) => t(`incidents.severity.${s}` as MessageKey);
export const ownerName = (t: T, o: string) => t(`incidents.owner.${o}` as MessageKey);
