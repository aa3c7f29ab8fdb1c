// Creates and changes a specialist (a psychologist, coach, therapist, or an external provider's
// person). One schema serves the form (through specialistFormInput) and the API.
import { and, asc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, isUniqueViolation } from "../../platform/errors.ts";
import { booleanField, parseInput, wholeNumberOr } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { roleAssignment, user } from "../access/schema.ts";
import { httpsUrl, joinedIds } from "../programme/catalogue-fields.ts";
import { findSpecialist, type SpecialistRow } from "./find-specialist.ts";
import { SUPPORT_KINDS, type SupportKind, supportBooking, supportSpecialist } from "./schema.ts";

const text = (max: number) => z.string().trim().max(max, "errors.tooLong").optional().default("");

/** Kinds as a list (the API) or ticked checkboxes joined by spaces (the form). */
const kindList = z.preprocess(
  (v) => (typeof v === "string" ? joinedIds(v) : v),
  z
    .array(z.string(), {
      error: (iss) =>
        iss.input === undefined ? "errors.supportSpecialistKinds" : "errors.invalid",
    })
    .refine((v) => v.every((k) => isKind(k)), "errors.invalid")
    .transform((v) => SUPPORT_KINDS.filter((k) => v.includes(k)))
    .refine((v) => v.length > 0, "errors.supportSpecialistKinds"),
);

function isKind(v: string): v is SupportKind {
  return (SUPPORT_KINDS as readonly string[]).includes(v);
}

export const specialistFields = z
  .object({
    name: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .max(200, "errors.tooLong"),
    /** "psycholog", "coach ICF": shown under the name. */
    title: text(200),
    profile: text(2000),
    /** The external provider's name; empty for the centre's own staff. */
    provider: text(300),
    kinds: kindList,
    online: booleanField(false),
    inPerson: booleanField(false),
    meetingLink: httpsUrl.optional().default(""),
    place: text(300),
    slotMinutes: wholeNumberOr(15, 240, "errors.supportSpecialistSlot", 50),
    active: booleanField(true),
    /** The account the specialist signs in with (role specialist); "" or null for none. */
    userId: z
      .string()
      .trim()
      .max(200, "errors.invalid")
      .nullish()
      .transform((v) => v || null),
  })
  // Cross-field rules run even while other fields have mistakes, so the form lists them all.
  .superRefine(
    (v, ctx) => {
      if (!v.online && !v.inPerson) {
        ctx.addIssue({ code: "custom", path: ["online"], message: "errors.supportSpecialistMode" });
      }
      if (v.online && !v.meetingLink) {
        ctx.addIssue({
          code: "custom",
          path: ["meetingLink"],
          message: "errors.supportSpecialistLink",
        });
      }
      if (v.inPerson && !v.place) {
        ctx.addIssue({ code: "custom", path: ["place"], message: "errors.supportSpecialistPlace" });
      }
    },
    { when: () => true },
  );
export type SpecialistInput = z.input<typeof specialistFields>;

/** The form's fields as the service takes them (checkbox values arrive as "on" / "false"). */
export function specialistFormInput(v: Record<string, string | undefined>) {
  return {
    name: v.name ?? "",
    title: v.title ?? "",
    profile: v.profile ?? "",
    provider: v.provider ?? "",
    kinds: v.kinds ?? "",
    online: v.online ?? "false",
    inPerson: v.inPerson ?? "false",
    meetingLink: v.meetingLink ?? "",
    place: v.place ?? "",
    slotMinutes: v.slotMinutes ?? "",
    active: v.active ?? "false",
    userId: v.userId ?? "",
  };
}

/** The form's values for a stored specialist. */
export function specialistFormDefaults(s: SpecialistRow): Record<string, string> {
  return {
    name: s.name,
    title: s.title,
    profile: s.profile,
    provider: s.provider,
    kinds: s.kinds.join(" "),
    online: s.online ? "on" : "false",
    inPerson: s.inPerson ? "on" : "false",
    meetingLink: s.meetingLink,
    place: s.place,
    slotMinutes: String(s.slotMinutes),
    active: s.active ? "on" : "false",
    userId: s.userId ?? "",
  };
}

const accountTaken = () =>
  new AppError("validation", { userId: "errors.supportSpecialistAccountTaken" });

/**
 * Creates (id null) or changes a specialist. A linked account must hold the specialist role in
 * the centre and belong to no other specialist (a double submit meets the unique index). A
 * specialist with bookings keeps the account it has: it may lose it, but not trade it for
 * another, which would open the whole history, with names, to someone else.
 */
export async function saveSpecialist(
  actor: Actor,
  id: string | null,
  input: unknown,
): Promise<string> {
  requirePermission(actor, "support.manage");
  const d = parseInput(specialistFields, input);
  const centreId = actor.centreId;
  return db()
    .transaction(async (tx) => {
      const before = id ? await findSpecialist(tx, centreId, id, { lock: true }) : null;
      // The linked account is the specialist side of every booking's access (find-booking.ts):
      // moving a profile with bookings to another account would show that account who booked
      // whom, back to the first meeting. Linking a profile that had no account yet, and
      // unlinking, stay possible; a new account gets a new profile instead.
      if (before?.userId && d.userId && d.userId !== before.userId) {
        const booked = await tx.$count(
          supportBooking,
          and(eq(supportBooking.centreId, centreId), eq(supportBooking.specialistId, before.id)),
        );
        if (booked > 0) {
          throw new AppError("validation", { userId: "errors.supportSpecialistRelink" });
        }
      }
      if (d.userId) {
        const [holder] = await tx
          .select({ userId: roleAssignment.userId })
          .from(roleAssignment)
          .where(
            and(
              eq(roleAssignment.centreId, centreId),
              eq(roleAssignment.userId, d.userId),
              eq(roleAssignment.role, "specialist"),
            ),
          );
        if (!holder)
          throw new AppError("validation", { userId: "errors.supportSpecialistAccount" });
        const [other] = await tx
          .select({ id: supportSpecialist.id })
          .from(supportSpecialist)
          .where(
            and(
              eq(supportSpecialist.centreId, centreId),
              eq(supportSpecialist.userId, d.userId),
              before ? ne(supportSpecialist.id, before.id) : undefined,
            ),
          );
        if (other) throw accountTaken();
      }
      const values = {
        name: d.name,
        title: d.title,
        profile: d.profile,
        provider: d.provider,
        kinds: d.kinds,
        online: d.online,
        inPerson: d.inPerson,
        // A link or place that no longer applies is not kept to be shown by mistake.
        meetingLink: d.online ? d.meetingLink : "",
        place: d.inPerson ? d.place : "",
        slotMinutes: d.slotMinutes,
        active: d.active,
        userId: d.userId,
      };
      let rowId: string;
      if (before) {
        await tx.update(supportSpecialist).set(values).where(eq(supportSpecialist.id, before.id));
        rowId = before.id;
      } else {
        const [row] = await tx
          .insert(supportSpecialist)
          .values({ ...values, centreId })
          .returning({ id: supportSpecialist.id });
        rowId = row.id;
      }
      await writeAudit(tx, {
        centreId,
        actorUserId: actor.userId,
        action: before ? "support.specialist.update" : "support.specialist.create",
        entityType: "support_specialist",
        entityId: rowId,
        details: before ? { fields: changedFields(before, values) } : {},
        requestId: actor.requestId,
      });
      return rowId;
    })
    .catch((err) => {
      throw isUniqueViolation(err, "support_specialist_user_unique") ? accountTaken() : err;
    });
}

/** Names of the fields whose value changed (the audit says what, never the content). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter(
    (k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
}

/** Accounts of the centre with the specialist role, to link to a specialist. */
export async function specialistAccounts(actor: Actor) {
  requirePermission(actor, "support.manage");
  const rows = await db()
    .selectDistinct({
      id: user.id,
      name: user.name,
      email: user.email,
      specialistId: supportSpecialist.id,
      specialistName: supportSpecialist.name,
    })
    .from(roleAssignment)
    .innerJoin(user, eq(user.id, roleAssignment.userId))
    .leftJoin(
      supportSpecialist,
      and(
        eq(supportSpecialist.userId, roleAssignment.userId),
        eq(supportSpecialist.centreId, roleAssignment.centreId),
      ),
    )
    .where(and(eq(roleAssignment.centreId, actor.centreId), eq(roleAssignment.role, "specialist")))
    .orderBy(asc(user.name));
  return rows;
}
