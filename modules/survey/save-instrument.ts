import { and, desc, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { type InstrumentError, parseInstrument } from "./instrument.ts";
import { surveyInstrument } from "./schema.ts";

/**
 * A rejected instrument: the field errors say which paths are wrong (for the form), and
 * `errors` keeps every problem with its stable code and English message (for the API and the
 * import screen, which show them all).
 */
export class InstrumentValidationError extends AppError {
  readonly errors: InstrumentError[];
  constructor(errors: InstrumentError[]) {
    const fields: Record<string, string> = {};
    for (const e of errors) fields[e.path || "_form"] ??= "errors.surveyInstrumentInvalid";
    super("validation", fields, errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
    this.errors = errors;
  }
}

/**
 * Stores an instrument. The first save of a slug is version 1; saving it again with a changed
 * definition adds the next version, and with an unchanged one returns the latest version as it
 * is. Versions are never edited: a cycle keeps the questions its respondents were asked.
 * Definitions are compared as jsonb, so key order and whitespace of the JSON do not matter.
 */
export async function saveInstrument(
  actor: Actor,
  json: unknown,
): Promise<{ id: string; slug: string; version: number; created: boolean }> {
  requirePermission(actor, "survey.manage");
  const parsed = parseInstrument(json);
  if (!parsed.ok) throw new InstrumentValidationError(parsed.errors);
  const definition = parsed.instrument;
  const slug = definition.id;
  // Two saves at the same moment may both choose the same next version; the unique index
  // refuses the second, which then sees the first and tries again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().transaction(async (tx) => {
        const [latest] = await tx
          .select({
            id: surveyInstrument.id,
            version: surveyInstrument.version,
            same: sql<boolean>`${surveyInstrument.definition} = ${JSON.stringify(definition)}::jsonb`,
          })
          .from(surveyInstrument)
          .where(
            and(eq(surveyInstrument.centreId, actor.centreId), eq(surveyInstrument.slug, slug)),
          )
          .orderBy(desc(surveyInstrument.version))
          .limit(1);
        if (latest?.same) return { id: latest.id, slug, version: latest.version, created: false };
        const version = (latest?.version ?? 0) + 1;
        const [row] = await tx
          .insert(surveyInstrument)
          .values({
            centreId: actor.centreId,
            slug,
            version,
            definition,
            createdByUserId: actor.userId,
          })
          .returning({ id: surveyInstrument.id });
        await writeAudit(tx, {
          centreId: actor.centreId,
          actorUserId: actor.userId,
          action: "survey.instrument.save",
          entityType: "survey_instrument",
          entityId: row.id,
          details: { slug, version },
          requestId: actor.requestId,
        });
        return { id: row.id, slug, version, created: true };
      });
    } catch (err) {
      if (attempt < 3 && isUniqueViolation(err, "survey_instrument_version_unique")) continue;
      throw err;
    }
  }
}

/** Every instrument version of the centre, newest version of each slug first. */
export async function listInstruments(actor: Actor) {
  requirePermission(actor, "survey.manage");
  const rows = await db()
    .select({
      id: surveyInstrument.id,
      slug: surveyInstrument.slug,
      version: surveyInstrument.version,
      title: sql<{ pl: string; en: string }>`${surveyInstrument.definition} -> 'title'`,
      createdAt: surveyInstrument.createdAt,
    })
    .from(surveyInstrument)
    .where(eq(surveyInstrument.centreId, actor.centreId))
    .orderBy(surveyInstrument.slug, desc(surveyInstrument.version));
  return rows;
}

/** One stored version with its full definition (for export), or 404. */
export async function getInstrument(actor: Actor, id: string) {
  requirePermission(actor, "survey.manage");
  if (!isUuid(id)) throw notFound();
  const [row] = await db()
    .select()
    .from(surveyInstrument)
    .where(and(eq(surveyInstrument.centreId, actor.centreId), eq(surveyInstrument.id, id)));
  if (!row) throw notFound();
  return row;
}
