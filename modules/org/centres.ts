import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import type { Actor } from "../access/actor.ts";
import { requirePermission } from "../access/actor.ts";
import { CENTRE_TYPES, centre, staffGroup } from "./schema.ts";

const text = (max: number) => z.string().trim().max(max, "errors.tooLong");

export const centreFields = z.object({
  name: text(200).min(1, "errors.required"),
  type: z.enum(CENTRE_TYPES, { message: "errors.required" }),
  street: text(200).default(""),
  postalCode: z
    .string()
    .trim()
    .regex(/^(\d{2}-\d{3})?$/, "errors.postalCode")
    .default(""),
  city: text(100).default(""),
});

/** The three staff groups the seed projects work with; a centre may rename or add more. */
export const DEFAULT_STAFF_GROUPS = [
  {
    name: "Bezpośredni kontakt z klientem",
    description:
      "Pracownicy socjalni, asystenci rodziny, koordynatorzy pieczy zastępczej, specjaliści pracy z rodziną, psycholodzy, organizatorzy społeczności lokalnej",
  },
  {
    name: "Pracownicy administracyjni i obsługi",
    description: "Biuro, księgowość, kadry, obsługa",
  },
  {
    name: "Kadra zarządzająca",
    description: "Kierownicy komórek, koordynatorzy zespołów, dyrekcja, główny księgowy",
  },
];

export async function createCentre(q: Queryable, input: z.input<typeof centreFields>) {
  const data = parseInput(centreFields, input);
  const [c] = await q.insert(centre).values(data).returning();
  await q
    .insert(staffGroup)
    .values(DEFAULT_STAFF_GROUPS.map((g, i) => ({ ...g, centreId: c.id, sortOrder: i + 1 })));
  return c;
}

export async function countCentres(): Promise<number> {
  const [r] = await db().select({ n: count() }).from(centre);
  return r.n;
}

/**
 * Public: the accessibility statement is readable without signing in. Without an id it is the
 * only centre's; with several centres there is no default (the visitor picks one).
 */
export async function getCentrePublic(centreId?: string | null) {
  if (centreId) {
    if (!isUuid(centreId)) return null;
    const [c] = await db().select().from(centre).where(eq(centre.id, centreId));
    return c ?? null;
  }
  const rows = await db().select().from(centre).limit(2);
  return rows.length === 1 ? rows[0] : null;
}

/** Public: the centres' names, to pick whose accessibility statement to read. */
export async function listCentresPublic() {
  return db()
    .select({ id: centre.id, name: centre.name, city: centre.city })
    .from(centre)
    .orderBy(polishSortKey(centre.name), centre.id);
}

export async function getCentre(actor: Actor) {
  const [c] = await db().select().from(centre).where(eq(centre.id, actor.centreId));
  if (!c) throw notFound();
  return c;
}

/** A whole number from `floor` to 1000; an empty field means the floor. */
function threshold(floor: number, message: string) {
  return z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? floor : v),
    z.coerce.number({ error: message }).int(message).min(floor, message).max(1000, message),
  );
}

const settingsFields = centreFields.extend({
  websiteName: text(200).default(""),
  publishedOn: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "errors.date")
    .default(""),
  updatedOn: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "errors.date")
    .default(""),
  contactPerson: text(200).default(""),
  contactEmail: z.union([z.literal(""), z.string().trim().email("errors.email")]).default(""),
  contactPhone: text(50).default(""),
  buildingInfo: text(4000).default(""),
  // Anonymity thresholds new survey cycles start with; the floor of 5 and 10 is the guarantee.
  surveyMinGroupSize: threshold(5, "errors.surveyMinGroupSize"),
  surveyMinCommentGroupSize: threshold(10, "errors.surveyMinCommentGroupSize"),
});

export async function updateCentre(actor: Actor, input: unknown) {
  requirePermission(actor, "centre.settings");
  const d = parseInput(settingsFields, input);
  return db().transaction(async (tx) => {
    const [current] = await tx
      .select({ settings: centre.settings })
      .from(centre)
      .where(eq(centre.id, actor.centreId));
    await tx
      .update(centre)
      .set({
        name: d.name,
        type: d.type,
        street: d.street,
        postalCode: d.postalCode,
        city: d.city,
        // Other settings keys stay as they were; the statement's and the survey's are replaced.
        settings: {
          ...current?.settings,
          accessibility: {
            websiteName: d.websiteName,
            publishedOn: d.publishedOn,
            updatedOn: d.updatedOn,
            contactPerson: d.contactPerson,
            contactEmail: d.contactEmail,
            contactPhone: d.contactPhone,
            buildingInfo: d.buildingInfo,
          },
          survey: {
            minGroupSize: d.surveyMinGroupSize,
            minCommentGroupSize: d.surveyMinCommentGroupSize,
          },
        },
      })
      .where(eq(centre.id, actor.centreId));
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "centre.update",
      entityType: "centre",
      entityId: actor.centreId,
      requestId: actor.requestId,
    });
  });
}
