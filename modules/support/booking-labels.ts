// The message keys of a support booking's kind, mode and status: one set of labels for the
// pages, the mail and the exports, so one thing never reads two ways. Client-safe.
import type { MessageKey } from "../../platform/i18n.ts";

export const kindKey = (kind: string) => `support.kind.${kind}` as MessageKey;
export const modeKey = (mode: string) => `support.mode.${mode}` as MessageKey;
export const statusKey = (status: string) => `support.status.${status}` as MessageKey;
