import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, ilike, type SQL } from "drizzle-orm";
import QRCode from "qrcode";
import { z } from "zod";
import { config } from "../../platform/config.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { orgUnit } from "../org/schema.ts";
import { type SurveyPopulation, surveyCycle, surveyPublicLink, surveyResponse } from "./schema.ts";

// Crockford's base32 in lower case (no i, l, o, u): read off a poster, a slug cannot be
// mistyped into a look-alike. 32 symbols divide 256, so `byte % 32` is unbiased.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const SLUG_LENGTH = 12; // 60 bits: links cannot be found by trying addresses.

export function newSlug(): string {
  let slug = "";
  for (const b of randomBytes(SLUG_LENGTH)) slug += ALPHABET[b % 32];
  return slug;
}

/** The address printed on a location's poster and encoded in its QR code. */
export function publicLinkUrl(slug: string): string {
  return `${config().baseUrl}/opinia/${slug}`;
}

/**
 * The public links of a client-service cycle, made when it opens (in the opening transaction):
 * one per unit of its population — each unit named there is a location — or one per unit of
 * the centre when the population names none. Returns how many were made.
 */
export async function createPublicLinks(
  tx: Queryable,
  centreId: string,
  cycle: { id: string; population: SurveyPopulation },
): Promise<number> {
  const named = cycle.population.unitIds ?? [];
  const units = await tx
    .select({ id: orgUnit.id })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId))
    .orderBy(asc(orgUnit.id));
  const chosen = named.length > 0 ? units.filter((u) => named.includes(u.id)) : units;
  if (chosen.length === 0) return 0;
  await tx
    .insert(surveyPublicLink)
    .values(chosen.map((u) => ({ cycleId: cycle.id, unitId: u.id, slug: newSlug() })));
  return chosen.length;
}

export const PUBLIC_LINK_SORTS = ["unit", "responses"] as const;

export const publicLinkListQuery = z.object({
  q: z.string().trim().max(200).optional().default(""),
  sort: z.enum(PUBLIC_LINK_SORTS).optional().catch("unit").default("unit"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(25).default(25),
});

async function cycleOf(actor: Actor, cycleId: string) {
  if (!isUuid(cycleId)) throw notFound();
  const [cycle] = await db()
    .select({
      id: surveyCycle.id,
      name: surveyCycle.name,
      kind: surveyCycle.kind,
      status: surveyCycle.status,
      opensAt: surveyCycle.opensAt,
      closesAt: surveyCycle.closesAt,
    })
    .from(surveyCycle)
    .where(and(eq(surveyCycle.id, cycleId), eq(surveyCycle.centreId, actor.centreId)));
  if (!cycle) throw notFound();
  return cycle;
}

/**
 * The locations of a client-service cycle with their public link and how many answers each
 * has received so far (clients are anonymous and uninvited, so a location's count reveals
 * nobody); searchable by the unit's name, sorted and paged. A staff cycle, or a client cycle
 * not yet opened, has none.
 */
export async function listPublicLinks(actor: Actor, cycleId: string, query: unknown) {
  requirePermission(actor, "survey.manage");
  const cycle = await cycleOf(actor, cycleId);
  const f = publicLinkListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(surveyPublicLink.cycleId, cycle.id)];
  if (f.q) {
    for (const w of f.q.split(/\s+/).slice(0, 5)) {
      where.push(ilike(orgUnit.name, `%${w.replace(/[%_\\]/g, "\\$&")}%`));
    }
  }
  const cond = and(...where);
  const responses = count(surveyResponse.id);
  const dirFn = f.dir === "desc" ? desc : asc;
  const orderBy =
    f.sort === "responses"
      ? [dirFn(responses), asc(polishSortKey(orgUnit.name))]
      : [dirFn(polishSortKey(orgUnit.name))];
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: surveyPublicLink.id,
        unitId: surveyPublicLink.unitId,
        unitName: orgUnit.name,
        slug: surveyPublicLink.slug,
        responses,
      })
      .from(surveyPublicLink)
      .innerJoin(orgUnit, eq(orgUnit.id, surveyPublicLink.unitId))
      .leftJoin(
        surveyResponse,
        and(
          eq(surveyResponse.cycleId, surveyPublicLink.cycleId),
          eq(surveyResponse.unitId, surveyPublicLink.unitId),
        ),
      )
      .where(cond)
      .groupBy(surveyPublicLink.id, orgUnit.name)
      .orderBy(...orderBy, asc(surveyPublicLink.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db()
      .select({ total: count() })
      .from(surveyPublicLink)
      .innerJoin(orgUnit, eq(orgUnit.id, surveyPublicLink.unitId))
      .where(cond),
  ]);
  return {
    cycle,
    rows: rows.map((r) => ({ ...r, responses: Number(r.responses), url: publicLinkUrl(r.slug) })),
    total,
    ...f,
  };
}

/** A QR code of the address as SVG markup (black on white, with the quiet zone). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 4, errorCorrectionLevel: "M" });
}

/**
 * The posters of a client-service cycle — one per location, or only `linkId`'s — each with its
 * address and QR code, in the order of the locations' names.
 */
export async function publicLinkPosters(actor: Actor, cycleId: string, linkId?: string) {
  requirePermission(actor, "survey.manage");
  const cycle = await cycleOf(actor, cycleId);
  if (linkId !== undefined && !isUuid(linkId)) throw notFound();
  const links = await db()
    .select({ id: surveyPublicLink.id, unitName: orgUnit.name, slug: surveyPublicLink.slug })
    .from(surveyPublicLink)
    .innerJoin(orgUnit, eq(orgUnit.id, surveyPublicLink.unitId))
    .where(
      and(
        eq(surveyPublicLink.cycleId, cycle.id),
        linkId ? eq(surveyPublicLink.id, linkId) : undefined,
      ),
    )
    .orderBy(asc(polishSortKey(orgUnit.name)), asc(surveyPublicLink.id));
  if (linkId && links.length === 0) throw notFound();
  const posters = await Promise.all(
    links.map(async (l) => {
      const url = publicLinkUrl(l.slug);
      return { id: l.id, unitName: l.unitName, url, qr: await qrSvg(url) };
    }),
  );
  return { cycle, posters };
}
