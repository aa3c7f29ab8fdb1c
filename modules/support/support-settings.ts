// The centre's rules for confidential support: how long before a meeting the employee may still
// cancel it, and how many sessions of a kind one person may book in a calendar year.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { parseInput, wholeNumberOr } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { type CentreSettings, centre } from "../org/schema.ts";
import { SUPPORT_KINDS, type SupportKind } from "./schema.ts";

export const DEFAULT_CANCEL_HOURS = 24;
/** The seed programme's coaching package: six sessions a person. */
export const DEFAULT_SESSIONS_PER_PERSON: Partial<Record<SupportKind, number>> = { coaching: 6 };

export type SupportSettings = {
  cancelHoursBefore: number;
  /** Sessions per person per calendar year (Warsaw) by kind; a kind left out has no limit. */
  sessionsPerPerson: Partial<Record<SupportKind, number>>;
};

/**
 * Pure: the support rules in a centre's settings, with the defaults where nothing was saved.
 * Saved limits replace the defaults as a whole, so a coordinator can lift the coaching limit.
 */
export function supportSettingsOf(settings: CentreSettings | null | undefined): SupportSettings {
  const s = settings?.support ?? {};
  const hours = s.cancelHoursBefore;
  const limits: Partial<Record<SupportKind, number>> = {};
  if (s.sessionsPerPerson) {
    for (const kind of SUPPORT_KINDS) {
      const n = s.sessionsPerPerson[kind];
      if (typeof n === "number" && Number.isInteger(n) && n > 0) limits[kind] = n;
    }
  }
  return {
    cancelHoursBefore:
      typeof hours === "number" && Number.isInteger(hours) && hours >= 0
        ? hours
        : DEFAULT_CANCEL_HOURS,
    sessionsPerPerson: s.sessionsPerPerson ? limits : { ...DEFAULT_SESSIONS_PER_PERSON },
  };
}

export async function supportSettings(q: Queryable, centreId: string): Promise<SupportSettings> {
  const [row] = await q
    .select({ settings: centre.settings })
    .from(centre)
    .where(eq(centre.id, centreId));
  return supportSettingsOf(row?.settings);
}

const limit = wholeNumberOr(1, 100, "errors.supportSettingsLimit", null);

export const supportSettingsFields = z.object({
  cancelHoursBefore: wholeNumberOr(
    0,
    720,
    "errors.supportSettingsCancelHours",
    DEFAULT_CANCEL_HOURS,
  ),
  sessionsPerPerson: z
    .object({ consultation: limit, coaching: limit, crisis: limit, supervision: limit })
    .partial()
    .optional()
    .default({}),
});

/** The settings form sends `sessionsPerPerson.<kind>` fields; the service takes an object. */
export function supportSettingsFormInput(v: Record<string, string | undefined>) {
  return {
    cancelHoursBefore: v.cancelHoursBefore ?? "",
    sessionsPerPerson: Object.fromEntries(
      SUPPORT_KINDS.map((k) => [k, v[`sessionsPerPerson.${k}`] ?? ""]),
    ),
  };
}

export async function saveSupportSettings(actor: Actor, input: unknown): Promise<SupportSettings> {
  requirePermission(actor, "support.manage");
  const d = parseInput(supportSettingsFields, input);
  const sessionsPerPerson: Record<string, number> = {};
  for (const kind of SUPPORT_KINDS) {
    const n = d.sessionsPerPerson[kind];
    if (typeof n === "number") sessionsPerPerson[kind] = n;
  }
  const saved = { cancelHoursBefore: d.cancelHoursBefore, sessionsPerPerson };
  await db().transaction(async (tx) => {
    const [current] = await tx
      .select({ settings: centre.settings })
      .from(centre)
      .where(eq(centre.id, actor.centreId))
      .for("update");
    // Other settings keys stay as they were.
    await tx
      .update(centre)
      .set({ settings: { ...current?.settings, support: saved } })
      .where(eq(centre.id, actor.centreId));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.settings.update",
      entityType: "centre",
      entityId: actor.centreId,
      details: { cancelHoursBefore: saved.cancelHoursBefore, sessionsPerPerson },
      requestId: actor.requestId,
    });
  });
  return supportSettingsOf({ support: saved });
}
