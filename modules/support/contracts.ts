// Hours bought from a specialist for a period, and the hours used of them: meetings that took
// place or were missed by the employee (the specialist's time was held either way). Only the
// coordinator keeps contracts; what is used is a sum, never a person.
import { and, asc, eq, gte, inArray, lte, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { calendarDay, isUuid, parseInput, wholeNumber } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { daysOverlap } from "./availability-fields.ts";
import { findSpecialist } from "./find-specialist.ts";
import { supportBooking, supportContract } from "./schema.ts";

/** Statuses whose meetings use contracted hours. */
export const USED_STATUSES = ["took_place", "no_show"] as const;

export const contractFields = z
  .object({
    periodStart: calendarDay,
    periodEnd: calendarDay,
    hours: wholeNumber(1, 100000, "errors.supportAvailContractHours"),
  })
  .superRefine(
    (v, ctx) => {
      if (typeof v.periodStart !== "string" || typeof v.periodEnd !== "string") return;
      if (v.periodEnd < v.periodStart) {
        ctx.addIssue({
          code: "custom",
          path: ["periodEnd"],
          message: "errors.supportAvailValidTo",
        });
      }
    },
    { when: () => true },
  );
export type ContractInput = z.input<typeof contractFields>;

export type ContractRow = typeof supportContract.$inferSelect;
export type ContractUsage = ContractRow & {
  /** Minutes of meetings that took place or were missed within the period (Warsaw days). */
  usedMinutes: number;
  /** Minutes of meetings still booked (upcoming or unmarked) within the period. */
  bookedMinutes: number;
};

/**
 * Contracts with the minutes used and still booked in each one's own period (Warsaw days,
 * inclusive), counting its specialist's bookings only, in one grouped query: for the
 * specialists given, or those whose period overlaps the days given, or all of the centre. The
 * caller checks who may see them. The specialist's page and the counts of support-stats.ts both
 * read them here, so the two never disagree.
 */
export async function contractUsage(
  q: Queryable,
  centreId: string,
  only: { specialistIds?: string[]; overlapping?: { from: string; to: string } } = {},
): Promise<ContractUsage[]> {
  if (only.specialistIds?.length === 0) return [];
  const length = sql`extract(epoch from ${supportBooking.endsAt} - ${supportBooking.startsAt}) / 60`;
  const rows = await q
    .select({
      contract: supportContract,
      used: sql<number>`coalesce(sum(${length}) filter (where ${inArray(supportBooking.status, [...USED_STATUSES])}), 0)::int`,
      booked: sql<number>`coalesce(sum(${length}) filter (where ${eq(supportBooking.status, "booked")}), 0)::int`,
    })
    .from(supportContract)
    .leftJoin(
      supportBooking,
      and(
        eq(supportBooking.specialistId, supportContract.specialistId),
        sql`${supportBooking.startsAt} >= (${supportContract.periodStart}::timestamp at time zone 'Europe/Warsaw')`,
        sql`${supportBooking.startsAt} < ((${supportContract.periodEnd} + 1)::timestamp at time zone 'Europe/Warsaw')`,
      ),
    )
    .where(
      and(
        eq(supportContract.centreId, centreId),
        only.specialistIds ? inArray(supportContract.specialistId, only.specialistIds) : undefined,
        only.overlapping ? lte(supportContract.periodStart, only.overlapping.to) : undefined,
        only.overlapping ? gte(supportContract.periodEnd, only.overlapping.from) : undefined,
      ),
    )
    .groupBy(supportContract.id)
    .orderBy(asc(supportContract.periodStart));
  return rows.map((r) => ({
    ...r.contract,
    usedMinutes: Number(r.used),
    bookedMinutes: Number(r.booked),
  }));
}

/** A specialist's contracts with the hours used, for the coordinator. */
export async function contractsOf(actor: Actor, specialistId: string) {
  requirePermission(actor, "support.manage");
  const s = await findSpecialist(db(), actor.centreId, specialistId);
  return contractUsage(db(), actor.centreId, { specialistIds: [s.id] });
}

/**
 * Adds (contractId null) or changes a contract. Periods of one specialist's contracts never
 * overlap, so every meeting counts against one contract only.
 */
export async function saveContract(
  actor: Actor,
  specialistId: string,
  contractId: string | null,
  input: unknown,
): Promise<string> {
  requirePermission(actor, "support.manage");
  await findSpecialist(db(), actor.centreId, specialistId);
  if (contractId !== null && !isUuid(contractId)) throw notFound();
  const d = parseInput(contractFields, input);
  return db().transaction(async (tx) => {
    const s = await findSpecialist(tx, actor.centreId, specialistId, { lock: true });
    const others = await tx
      .select()
      .from(supportContract)
      .where(
        and(
          eq(supportContract.specialistId, s.id),
          contractId ? ne(supportContract.id, contractId) : undefined,
        ),
      );
    if (contractId && !(await exists(tx, s.id, contractId))) throw notFound();
    const other = others.find((o) =>
      daysOverlap(
        { from: d.periodStart, to: d.periodEnd },
        { from: o.periodStart, to: o.periodEnd },
      ),
    );
    if (other) {
      const err = new AppError("validation", { periodStart: "errors.supportAvailContractOverlap" });
      err.extensions.overlapsWith = {
        id: other.id,
        periodStart: other.periodStart,
        periodEnd: other.periodEnd,
      };
      throw err;
    }
    const values = { periodStart: d.periodStart, periodEnd: d.periodEnd, hours: d.hours };
    let id = contractId;
    if (id) {
      await tx.update(supportContract).set(values).where(eq(supportContract.id, id));
    } else {
      const [r] = await tx
        .insert(supportContract)
        .values({ ...values, centreId: actor.centreId, specialistId: s.id })
        .returning({ id: supportContract.id });
      id = r.id;
    }
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: contractId ? "support.contract.update" : "support.contract.create",
      entityType: "support_contract",
      entityId: id,
      details: { specialistId: s.id, hours: d.hours },
      requestId: actor.requestId,
    });
    return id;
  });
}

async function exists(q: Queryable, specialistId: string, contractId: string) {
  const [row] = await q
    .select({ id: supportContract.id })
    .from(supportContract)
    .where(and(eq(supportContract.id, contractId), eq(supportContract.specialistId, specialistId)));
  return Boolean(row);
}

export async function removeContract(
  actor: Actor,
  specialistId: string,
  contractId: string,
): Promise<void> {
  requirePermission(actor, "support.manage");
  if (!isUuid(contractId)) throw notFound();
  await db().transaction(async (tx) => {
    const s = await findSpecialist(tx, actor.centreId, specialistId, { lock: true });
    const gone = await tx
      .delete(supportContract)
      .where(and(eq(supportContract.id, contractId), eq(supportContract.specialistId, s.id)))
      .returning({ id: supportContract.id });
    if (gone.length === 0) throw notFound();
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.contract.delete",
      entityType: "support_contract",
      entityId: contractId,
      details: { specialistId: s.id },
      requestId: actor.requestId,
    });
  });
}
