// A client appears in an incident only as the case number of the centre's case system
// ("DPS.5012.15.2025", "ZP/123/2026"). A name typed there instead is refused with a message
// that says so: client names never go into structured fields.

export const CASE_REFERENCE_MAX = 40;

/** Capitalised words only, two or three of them: "Jan Kowalski", "Anna Maria Nowak-Wiśniewska". */
const LOOKS_LIKE_NAME =
  /^(\p{Lu}[\p{Ll}'’]+(-\p{Lu}[\p{Ll}'’]+)?\s+){1,2}\p{Lu}[\p{Ll}'’]+(-\p{Lu}[\p{Ll}'’]+)?$/u;
/** Letters, digits and the separators case systems use; at least one digit. */
const CASE_NUMBER = /^(?=.*\d)[\p{L}\d./\-_ ]+$/u;

export type CaseReferenceCheck =
  | { ok: true; value: string }
  | { ok: false; error: "errors.incidentCaseName" | "errors.incidentCaseFormat" };

/** The case reference as it will be stored (spaces tidied), or why it cannot be. Empty is fine. */
export function checkCaseReference(raw: unknown): CaseReferenceCheck {
  const value = typeof raw === "string" ? raw.trim().replace(/\s+/g, " ") : "";
  if (value === "") return { ok: true, value };
  if (LOOKS_LIKE_NAME.test(value)) return { ok: false, error: "errors.incidentCaseName" };
  if (value.length > CASE_REFERENCE_MAX || !CASE_NUMBER.test(value)) {
    return { ok: false, error: "errors.incidentCaseFormat" };
  }
  return { ok: true, value };
}
