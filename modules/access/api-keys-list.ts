import { and, asc, count, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { type Actor, requirePermission, usersByIds } from "./actor.ts";
import { apiKey } from "./schema.ts";

export const API_KEY_SORTS = ["name", "created", "lastUsed"] as const;

export const apiKeyListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(API_KEY_SORTS).optional().catch("created").default("created"),
  dir: z.enum(["asc", "desc"]).optional().catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).default(1),
});

export const API_KEYS_PAGE_SIZE = 25;

export type ApiKeyRow = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  /** Null when the key was made on the command line. */
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

async function pageOfKeys(centreId: string, query: unknown) {
  const f = apiKeyListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(apiKey.centreId, centreId)];
  if (f.q) where.push(ilike(apiKey.name, `%${f.q.replace(/[%_\\]/g, "\\$&")}%`));
  const cond = and(...where);
  const dir = f.dir === "desc" ? desc : asc;
  const order = {
    name: [dir(polishSortKey(apiKey.name))],
    created: [dir(apiKey.createdAt)],
    // Never used counts as the oldest use: last when newest first, first when oldest first.
    lastUsed: [
      f.dir === "desc"
        ? sql`${apiKey.lastUsedAt} desc nulls last`
        : sql`${apiKey.lastUsedAt} asc nulls first`,
    ],
  }[f.sort];
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: apiKey.id,
        name: apiKey.name,
        role: apiKey.role,
        prefix: apiKey.prefix,
        createdAt: apiKey.createdAt,
        createdByUserId: apiKey.createdByUserId,
        lastUsedAt: apiKey.lastUsedAt,
        revokedAt: apiKey.revokedAt,
      })
      .from(apiKey)
      .where(cond)
      .orderBy(...order, asc(apiKey.id))
      .limit(API_KEYS_PAGE_SIZE)
      .offset((f.page - 1) * API_KEYS_PAGE_SIZE),
    db().select({ total: count() }).from(apiKey).where(cond),
  ]);
  const creators = await usersByIds([
    ...new Set(rows.map((r) => r.createdByUserId).filter((x): x is string => Boolean(x))),
  ]);
  const names = new Map(creators.map((u) => [u.id, u.name]));
  const out: ApiKeyRow[] = rows.map(({ createdByUserId, ...r }) => ({
    ...r,
    createdBy: createdByUserId ? (names.get(createdByUserId) ?? null) : null,
  }));
  return { ...f, rows: out, total, pageSize: API_KEYS_PAGE_SIZE };
}

/** The centre's keys (never the keys themselves: those are not stored). */
export async function listApiKeys(actor: Actor, query: unknown = {}) {
  requirePermission(actor, "api.keys.manage");
  return pageOfKeys(actor.centreId, query);
}

/** For the command line: every key of a centre, newest first. */
export async function listApiKeysOfCentre(centreId: string): Promise<ApiKeyRow[]> {
  const out: ApiKeyRow[] = [];
  for (let page = 1; ; page++) {
    const r = await pageOfKeys(centreId, { page });
    out.push(...r.rows);
    if (out.length >= r.total || r.rows.length === 0) return out;
  }
}
