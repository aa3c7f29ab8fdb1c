import { and, desc, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import type { Queryable } from "../../platform/db.ts";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { DEFAULT_INSTRUMENTS, estimateCompletionSeconds } from "./default-instruments.ts";
import { saveInstrument } from "./save-instrument.ts";
import { surveyInstrument } from "./schema.ts";

/**
 * Gives a new centre the instruments Przystań ships with, as version 1 of each, inside the
 * transaction that creates the centre (first-run setup, an installation administrator's new
 * centre). An instrument whose slug the centre already has is left alone, so calling it twice
 * changes nothing.
 */
export async function seedDefaultInstruments(
  tx: Queryable,
  centreId: string,
  userId: string | null,
): Promise<string[]> {
  const existing = await tx
    .select({ slug: surveyInstrument.slug })
    .from(surveyInstrument)
    .where(eq(surveyInstrument.centreId, centreId));
  const have = new Set(existing.map((r) => r.slug));
  const missing = DEFAULT_INSTRUMENTS.filter((i) => !have.has(i.id));
  if (missing.length === 0) return [];
  await tx.insert(surveyInstrument).values(
    missing.map((definition) => ({
      centreId,
      slug: definition.id,
      version: 1,
      definition,
      createdByUserId: userId,
    })),
  );
  await writeAudit(tx, {
    centreId,
    actorUserId: userId,
    action: "survey.instrument.seed",
    entityType: "centre",
    entityId: centreId,
    details: { slugs: missing.map((i) => i.id) },
  });
  return missing.map((i) => i.id);
}

export type LibraryEntry = {
  slug: string;
  title: { pl: string; en: string };
  description: { pl: string; en: string } | null;
  items: number;
  minutes: number;
  /** The centre's latest version of this slug, if any, and whether it equals the library's. */
  latest: { id: string; version: number; same: boolean } | null;
};

/** The library of shipped instruments, each with where the centre stands with it. */
export async function listLibrary(actor: Actor): Promise<LibraryEntry[]> {
  requirePermission(actor, "survey.manage");
  const out: LibraryEntry[] = [];
  for (const definition of DEFAULT_INSTRUMENTS) {
    const [latest] = await db()
      .select({
        id: surveyInstrument.id,
        version: surveyInstrument.version,
        same: sql<boolean>`${surveyInstrument.definition} = ${JSON.stringify(definition)}::jsonb`,
      })
      .from(surveyInstrument)
      .where(
        and(
          eq(surveyInstrument.centreId, actor.centreId),
          eq(surveyInstrument.slug, definition.id),
        ),
      )
      .orderBy(desc(surveyInstrument.version))
      .limit(1);
    out.push({
      slug: definition.id,
      title: definition.title,
      description: definition.description ?? null,
      items: definition.sections.reduce((n, s) => n + s.items.length, 0),
      minutes: Math.ceil(estimateCompletionSeconds(definition) / 60),
      latest: latest ?? null,
    });
  }
  return out;
}

/**
 * "Dodaj z biblioteki": saves a shipped instrument for the actor's centre. A centre without it
 * gets version 1; a centre whose latest version differs (an edited copy, or the library's
 * older text) gets the library's as its next version; an equal one is returned as it is.
 */
export async function addFromLibrary(actor: Actor, slug: string) {
  requirePermission(actor, "survey.manage");
  const definition = DEFAULT_INSTRUMENTS.find((i) => i.id === slug);
  if (!definition) throw notFound();
  return saveInstrument(actor, definition);
}
