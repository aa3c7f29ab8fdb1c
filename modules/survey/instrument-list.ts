import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { estimateCompletionSeconds } from "./default-instruments.ts";
import { allItems } from "./instrument.ts";
import { getInstrument } from "./save-instrument.ts";
import { surveyCycle, surveyInstrument } from "./schema.ts";

export const INSTRUMENT_SORTS = ["title", "slug", "saved"] as const;

export const instrumentListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  sort: z.enum(INSTRUMENT_SORTS).optional().catch("title").default("title"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).optional().catch(25).default(25),
});

/**
 * The centre's instruments, one row per slug (its latest version), with how many versions it
 * has and how many cycles use any of them; search by title or slug, sorting and paging. A
 * centre has a handful of instruments, so the page is cut here rather than in SQL.
 */
export async function listInstrumentSummaries(actor: Actor, query: unknown) {
  requirePermission(actor, "survey.manage");
  const f = instrumentListQuery.parse(query ?? {});
  const rows = await db()
    .select({
      id: surveyInstrument.id,
      slug: surveyInstrument.slug,
      version: surveyInstrument.version,
      title: sql<{ pl: string; en: string }>`${surveyInstrument.definition} -> 'title'`,
      createdAt: surveyInstrument.createdAt,
      // Spelled out: in a one-table select, columns are not qualified by their table, and an
      // unqualified "id" inside the subquery would be the cycle's.
      cycles: sql<number>`(select count(*)::int from "survey_cycle" c where c."instrument_id" = "survey_instrument"."id")`,
    })
    .from(surveyInstrument)
    .where(eq(surveyInstrument.centreId, actor.centreId))
    .orderBy(surveyInstrument.slug, desc(surveyInstrument.version));
  const bySlug = new Map<string, (typeof rows)[number] & { versions: number; cyclesAll: number }>();
  for (const r of rows) {
    const seen = bySlug.get(r.slug);
    if (seen) {
      seen.versions++;
      seen.cyclesAll += r.cycles;
    } else bySlug.set(r.slug, { ...r, versions: 1, cyclesAll: r.cycles });
  }
  const words = f.q.toLocaleLowerCase("pl").split(/\s+/).filter(Boolean);
  const list = [...bySlug.values()].filter((r) => {
    const hay = `${r.title.pl} ${r.title.en} ${r.slug}`.toLocaleLowerCase("pl");
    return words.every((w) => hay.includes(w));
  });
  const sign = f.dir === "desc" ? -1 : 1;
  list.sort((a, b) => {
    const by =
      f.sort === "slug"
        ? a.slug.localeCompare(b.slug)
        : f.sort === "saved"
          ? a.createdAt.getTime() - b.createdAt.getTime()
          : a.title.pl.localeCompare(b.title.pl, "pl");
    return sign * by || a.slug.localeCompare(b.slug);
  });
  const start = (f.page - 1) * f.pageSize;
  return {
    ...f,
    total: list.length,
    rows: list.slice(start, start + f.pageSize).map((r) => ({
      id: r.id,
      slug: r.slug,
      version: r.version,
      title: r.title,
      savedAt: r.createdAt,
      versions: r.versions,
      cycles: r.cyclesAll,
    })),
  };
}

/**
 * One version with its full definition, every version of the same instrument, and the cycles
 * that use this version (which make it immutable — it could not be changed anyway).
 */
export async function instrumentDetail(actor: Actor, id: string) {
  const row = await getInstrument(actor, id);
  const [versions, cycles] = await Promise.all([
    db()
      .select({
        id: surveyInstrument.id,
        version: surveyInstrument.version,
        createdAt: surveyInstrument.createdAt,
      })
      .from(surveyInstrument)
      .where(
        and(eq(surveyInstrument.centreId, actor.centreId), eq(surveyInstrument.slug, row.slug)),
      )
      .orderBy(desc(surveyInstrument.version)),
    db()
      .select({ id: surveyCycle.id, name: surveyCycle.name, status: surveyCycle.status })
      .from(surveyCycle)
      .where(and(eq(surveyCycle.centreId, actor.centreId), eq(surveyCycle.instrumentId, id)))
      .orderBy(desc(surveyCycle.opensAt)),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    version: row.version,
    createdAt: row.createdAt,
    definition: row.definition,
    items: allItems(row.definition).length,
    minutes: Math.ceil(estimateCompletionSeconds(row.definition) / 60),
    versions,
    cycles,
  };
}
