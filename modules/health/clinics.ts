// Clinics of occupational medicine the centre sends its staff to: name, address, how many
// people a working day they take from the centre, and their opening hours (which the bulk
// planning spreads appointments over). Only the health role keeps them.
import { and, asc, count, desc, eq, ilike, ne, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, isUniqueViolation, notFound } from "../../platform/errors.ts";
import { containing, polishSortKey } from "../../platform/sql.ts";
import { booleanField, isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import { timeToMinutes } from "../../platform/warsaw-time.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { healthClinic } from "./schema.ts";

export type Clinic = typeof healthClinic.$inferSelect;

/** "HH:MM" typed in a time field (or sent by the API) as minutes since midnight. */
const clockTime = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((v, c) => {
    const hm = /^(\d{2}:\d{2})(:00)?$/.exec(v);
    const m = hm ? timeToMinutes(hm[1]) : null;
    if (m === null) {
      c.addIssue({ code: "custom", message: "errors.healthTime" });
      return z.NEVER;
    }
    return m;
  });

export const clinicFields = z
  .object({
    name: z.string().trim().min(1, "errors.required").max(200, "errors.tooLong"),
    address: z.string().trim().max(500, "errors.tooLong").optional().default(""),
    dailyCapacity: wholeNumber(1, 1000, "errors.healthCapacity"),
    opensAt: clockTime,
    closesAt: clockTime,
    active: booleanField(true),
  })
  .superRefine((d, c) => {
    if (typeof d.opensAt === "number" && typeof d.closesAt === "number") {
      if (d.closesAt <= d.opensAt) {
        c.addIssue({ code: "custom", path: ["closesAt"], message: "errors.healthClosesAfter" });
      }
    }
  });
export type ClinicInput = z.input<typeof clinicFields>;

export const CLINIC_SORTS = ["name", "capacity"] as const;

export const clinicListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(["active", "all"]).optional().catch("all").default("all"),
  sort: z.enum(CLINIC_SORTS).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
});

export const CLINICS_PAGE_SIZE = 25;

/** One page of the centre's clinics, searched by name or address and sorted. */
export async function listClinics(actor: Actor, query: unknown = {}) {
  requirePermission(actor, "health.manage");
  const f = clinicListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(healthClinic.centreId, actor.centreId)];
  if (f.status === "active") where.push(eq(healthClinic.active, true));
  if (f.q) {
    const like = containing(f.q);
    where.push(or(ilike(healthClinic.name, like), ilike(healthClinic.address, like)));
  }
  const dir = f.dir === "desc" ? desc : asc;
  const order =
    f.sort === "capacity"
      ? [dir(healthClinic.dailyCapacity), asc(polishSortKey(healthClinic.name))]
      : [dir(polishSortKey(healthClinic.name))];
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select()
      .from(healthClinic)
      .where(cond)
      .orderBy(...order, asc(healthClinic.id))
      .limit(CLINICS_PAGE_SIZE)
      .offset((f.page - 1) * CLINICS_PAGE_SIZE),
    db().select({ total: count() }).from(healthClinic).where(cond),
  ]);
  return { ...f, rows, total, pageSize: CLINICS_PAGE_SIZE };
}

/** The clinics that take people now, for the planning form. */
export async function activeClinics(actor: Actor) {
  requirePermission(actor, "health.manage");
  return db()
    .select()
    .from(healthClinic)
    .where(and(eq(healthClinic.centreId, actor.centreId), eq(healthClinic.active, true)))
    .orderBy(asc(polishSortKey(healthClinic.name)));
}

/** One clinic of the actor's centre; another centre's is "not found". */
export async function getClinic(actor: Actor, id: string): Promise<Clinic> {
  requirePermission(actor, "health.manage");
  if (!isUuid(id)) throw notFound();
  const [c] = await db()
    .select()
    .from(healthClinic)
    .where(and(eq(healthClinic.id, id), eq(healthClinic.centreId, actor.centreId)));
  if (!c) throw notFound();
  return c;
}

const duplicateName = () => new AppError("validation", { name: "errors.duplicateName" });

/** Creates (id null) or changes a clinic; its name is unique in the centre. */
export async function saveClinic(actor: Actor, id: string | null, input: unknown) {
  requirePermission(actor, "health.manage");
  if (id !== null && !isUuid(id)) throw notFound();
  const d = parseInput(clinicFields, input);
  const values = {
    name: d.name,
    address: d.address,
    dailyCapacity: d.dailyCapacity,
    opensAtMinute: d.opensAt,
    closesAtMinute: d.closesAt,
    active: d.active,
  };
  return db()
    .transaction(async (tx) => {
      const clash = await tx
        .select({ id: healthClinic.id })
        .from(healthClinic)
        .where(
          and(
            eq(healthClinic.centreId, actor.centreId),
            eq(healthClinic.name, d.name),
            id ? ne(healthClinic.id, id) : undefined,
          ),
        );
      if (clash.length) throw duplicateName();
      let rowId = id;
      if (id) {
        const r = await tx
          .update(healthClinic)
          .set(values)
          .where(and(eq(healthClinic.id, id), eq(healthClinic.centreId, actor.centreId)))
          .returning({ id: healthClinic.id });
        if (r.length === 0) throw notFound();
      } else {
        const [r] = await tx
          .insert(healthClinic)
          .values({ ...values, centreId: actor.centreId })
          .returning({ id: healthClinic.id });
        rowId = r.id;
      }
      await writeAudit(tx, {
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: id ? "health.clinic.update" : "health.clinic.create",
        entityType: "health_clinic",
        entityId: rowId,
        details: { fields: Object.keys(values) },
        requestId: actor.requestId,
      });
      return rowId!;
    })
    .catch((err: unknown) => {
      // A double submit passes the name check twice; the unique index refuses the second.
      throw isUniqueViolation(err, "health_clinic_name_unique") ? duplicateName() : err;
    });
}
