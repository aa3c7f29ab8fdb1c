import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { booleanField, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { centre, orgUnit, staffGroup } from "../org/schema.ts";
import { checkReminderDates, reminderDatesField } from "./schedule-cycle.ts";
import { SURVEY_CYCLE_KINDS, surveyCycle, surveyInstrument } from "./schema.ts";

const uuidList = z
  .array(z.string().uuid("errors.invalid"))
  .max(1000, "errors.invalid")
  .optional()
  .transform((v) => (v && v.length > 0 ? [...new Set(v)] : undefined));

/** An instant: an ISO 8601 string with a time zone (as the API sends), or a Date. */
const instant = z.union([z.date(), z.iso.datetime({ offset: true, error: "errors.date" })], {
  error: "errors.date",
});

export const cycleFields = z.object({
  instrumentId: z.string().uuid("errors.surveyInstrumentUnknown"),
  name: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong"),
  kind: z.enum(SURVEY_CYCLE_KINDS, { error: "errors.invalid" }).default("staff"),
  opensAt: instant.transform((v) => new Date(v)),
  closesAt: instant.transform((v) => new Date(v)),
  population: z
    .object({ unitIds: uuidList, staffGroupIds: uuidList })
    .optional()
    .default({ unitIds: undefined, staffGroupIds: undefined }),
  /** Open by itself once `opensAt` comes (the jobs runner); otherwise a person opens it. */
  autoOpen: booleanField(false),
  /** Warsaw days (yyyy-mm-dd) within the window on which non-respondents are reminded. */
  reminderDates: reminderDatesField,
  // The floor of 5 and 10 is the anonymity guarantee; a centre may only raise it. Left out,
  // the centre's own thresholds (its settings) apply.
  minGroupSize: z.coerce
    .number({ error: "errors.surveyMinGroupSize" })
    .int("errors.surveyMinGroupSize")
    .min(5, "errors.surveyMinGroupSize")
    .max(1000, "errors.surveyMinGroupSize")
    .optional(),
  minCommentGroupSize: z.coerce
    .number({ error: "errors.surveyMinCommentGroupSize" })
    .int("errors.surveyMinCommentGroupSize")
    .min(10, "errors.surveyMinCommentGroupSize")
    .max(1000, "errors.surveyMinCommentGroupSize")
    .optional(),
});
export type CycleInput = z.input<typeof cycleFields>;

/** The thresholds a new cycle of the centre starts with: its settings, never below 5 and 10. */
export function centreThresholds(settings: {
  survey?: { minGroupSize?: number; minCommentGroupSize?: number };
}) {
  const s = settings.survey ?? {};
  return {
    minGroupSize: Math.max(5, Math.trunc(Number(s.minGroupSize) || 5)),
    minCommentGroupSize: Math.max(10, Math.trunc(Number(s.minCommentGroupSize) || 10)),
  };
}

/**
 * Creates a cycle in draft: nothing is sent until it is opened (by a person, or by the jobs
 * runner when `autoOpen` is set). The instrument and every unit and staff group of the
 * population must be the actor's centre's; the closing time must be after the opening time
 * and in the future; reminder days must lie within the window. Thresholds left out are the
 * centre's (settings), and none may be below the floor of 5 and 10.
 */
export async function createCycle(actor: Actor, input: unknown): Promise<{ id: string }> {
  requirePermission(actor, "survey.manage");
  const d = parseInput(cycleFields, input);
  if (d.closesAt.getTime() <= d.opensAt.getTime() || d.closesAt.getTime() <= Date.now()) {
    throw new AppError("validation", { closesAt: "errors.surveyDates" });
  }
  checkReminderDates(d.reminderDates, d.opensAt, d.closesAt);
  const { unitIds, staffGroupIds } = d.population;
  return db().transaction(async (tx) => {
    const [own] = await tx
      .select({ settings: centre.settings })
      .from(centre)
      .where(eq(centre.id, actor.centreId));
    const defaults = centreThresholds(own?.settings ?? {});
    const [instrument] = await tx
      .select({ id: surveyInstrument.id })
      .from(surveyInstrument)
      .where(
        and(eq(surveyInstrument.id, d.instrumentId), eq(surveyInstrument.centreId, actor.centreId)),
      );
    if (!instrument) {
      throw new AppError("validation", { instrumentId: "errors.surveyInstrumentUnknown" });
    }
    if (unitIds) {
      const found = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(orgUnit)
        .where(and(eq(orgUnit.centreId, actor.centreId), inArray(orgUnit.id, unitIds)));
      if (found[0].n !== unitIds.length) {
        throw new AppError("validation", { "population.unitIds": "errors.unknownUnit" });
      }
    }
    if (staffGroupIds) {
      const found = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(staffGroup)
        .where(and(eq(staffGroup.centreId, actor.centreId), inArray(staffGroup.id, staffGroupIds)));
      if (found[0].n !== staffGroupIds.length) {
        throw new AppError("validation", { "population.staffGroupIds": "errors.invalid" });
      }
    }
    const population = {
      ...(unitIds ? { unitIds } : {}),
      ...(staffGroupIds ? { staffGroupIds } : {}),
    };
    const [row] = await tx
      .insert(surveyCycle)
      .values({
        centreId: actor.centreId,
        instrumentId: d.instrumentId,
        name: d.name,
        kind: d.kind,
        population,
        opensAt: d.opensAt,
        closesAt: d.closesAt,
        autoOpen: d.autoOpen,
        reminderDates: d.reminderDates,
        minGroupSize: d.minGroupSize ?? defaults.minGroupSize,
        minCommentGroupSize: d.minCommentGroupSize ?? defaults.minCommentGroupSize,
      })
      .returning({ id: surveyCycle.id });
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.cycle.create",
      entityType: "survey_cycle",
      entityId: row.id,
      details: { instrumentId: d.instrumentId, kind: d.kind, population },
      requestId: actor.requestId,
    });
    return { id: row.id };
  });
}
