// Specialists as the coordinator sees them (search, filters, sorting, paging, inactive ones
// included) and as an employee choosing one sees them (active ones, what they offer — never a
// contract, an account or a meeting link before a booking).
import { and, asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { polishSortKey, searchWords } from "../../platform/sql.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { user } from "../access/schema.ts";
import { findSpecialist } from "./find-specialist.ts";
import {
  SUPPORT_KINDS,
  type SupportKind,
  supportAvailability,
  supportSpecialist,
} from "./schema.ts";

export const SPECIALIST_SORTS = ["name", "provider", "slot"] as const;
export type SpecialistSort = (typeof SPECIALIST_SORTS)[number];

export const specialistListQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  kind: z.enum(SUPPORT_KINDS).optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).optional().catch("all").default("all"),
  sort: z.enum(SPECIALIST_SORTS).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});
export type SpecialistListQuery = z.infer<typeof specialistListQuery>;

/** The kinds column holds a JSON list; this matches rows offering the kind. */
function offers(kind: SupportKind): SQL {
  return sql`${supportSpecialist.kinds} @> ${JSON.stringify([kind])}::jsonb`;
}

/** What anyone who may book sees of a specialist: never an account, a link or a contract. */
const publicColumns = {
  id: supportSpecialist.id,
  name: supportSpecialist.name,
  title: supportSpecialist.title,
  profile: supportSpecialist.profile,
  provider: supportSpecialist.provider,
  kinds: supportSpecialist.kinds,
  online: supportSpecialist.online,
  inPerson: supportSpecialist.inPerson,
  place: supportSpecialist.place,
  slotMinutes: supportSpecialist.slotMinutes,
};

/** The coordinator's list: every specialist of the centre, with what matters for running them. */
export async function listSpecialists(actor: Actor, query: unknown) {
  requirePermission(actor, "support.manage");
  const f = specialistListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(supportSpecialist.centreId, actor.centreId)];
  if (f.status !== "all") where.push(eq(supportSpecialist.active, f.status === "active"));
  if (f.kind) where.push(offers(f.kind));
  where.push(
    ...searchWords(f.q, [
      supportSpecialist.name,
      supportSpecialist.title,
      supportSpecialist.provider,
    ]),
  );
  const dirFn = f.dir === "desc" ? desc : asc;
  const byName = polishSortKey(supportSpecialist.name);
  const orderBy = {
    name: [dirFn(byName)],
    provider: [dirFn(polishSortKey(supportSpecialist.provider)), asc(byName)],
    slot: [dirFn(supportSpecialist.slotMinutes), asc(byName)],
  }[f.sort];
  const today = warsawDay(new Date());
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        ...publicColumns,
        active: supportSpecialist.active,
        accountName: user.name,
        // Windows still in force: what the employees can book from today on.
        windowCount: sql<number>`(select count(*)::int from ${supportAvailability}
          where ${supportAvailability.specialistId} = ${supportSpecialist.id}
          and (${supportAvailability.validTo} is null or ${supportAvailability.validTo} >= ${today}))`,
      })
      .from(supportSpecialist)
      .leftJoin(user, eq(user.id, supportSpecialist.userId))
      .where(cond)
      .orderBy(...orderBy, asc(supportSpecialist.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(supportSpecialist).where(cond),
  ]);
  return { rows: rows.map((r) => ({ ...r, windowCount: Number(r.windowCount) })), total, ...f };
}

/** What an employee choosing a specialist sees of one. */
export type BookableSpecialist = {
  id: string;
  name: string;
  title: string;
  profile: string;
  provider: string;
  kinds: SupportKind[];
  online: boolean;
  inPerson: boolean;
  place: string;
  slotMinutes: number;
};

/** Active specialists (offering the kind, when given), alphabetically: for booking. */
export async function bookableSpecialists(
  actor: Actor,
  opts: { kind?: SupportKind } = {},
): Promise<BookableSpecialist[]> {
  requirePermission(actor, "support.book");
  return db()
    .select(publicColumns)
    .from(supportSpecialist)
    .where(
      and(
        eq(supportSpecialist.centreId, actor.centreId),
        eq(supportSpecialist.active, true),
        opts.kind ? offers(opts.kind) : undefined,
      ),
    )
    .orderBy(asc(polishSortKey(supportSpecialist.name)), asc(supportSpecialist.id));
}

/**
 * One specialist: in full for the coordinator and for the specialist themselves (with the
 * linked account's name); to anyone else who may book, the public profile of an active one.
 */
export async function specialistView(actor: Actor, id: string) {
  requirePermission(actor, "support.book");
  const s = await findSpecialist(db(), actor.centreId, id);
  const full = can(actor, "support.manage") || (s.userId !== null && s.userId === actor.userId);
  if (!full) {
    if (!s.active) throw notFound();
    return { full: false as const, specialist: publicOf(s) };
  }
  const [account] = s.userId
    ? await db()
        .select({ name: user.name, email: user.email })
        .from(user)
        .where(eq(user.id, s.userId))
    : [];
  return { full: true as const, specialist: s, account: account ?? null };
}

function publicOf(s: typeof supportSpecialist.$inferSelect): BookableSpecialist {
  return {
    id: s.id,
    name: s.name,
    title: s.title,
    profile: s.profile,
    provider: s.provider,
    kinds: s.kinds,
    online: s.online,
    inPerson: s.inPerson,
    place: s.place,
    slotMinutes: s.slotMinutes,
  };
}
