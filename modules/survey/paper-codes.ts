import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { hashToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { orgUnit, staffGroup } from "../org/schema.ts";
import { lockCycle, notOpen, warsawToday } from "./cycle-common.ts";
import { surveyPaperCode } from "./schema.ts";

export const MAX_PAPER_CODES = 500;

/**
 * Crockford's base32: no I, L, O or U, so a code read off paper cannot be mistyped into
 * another letter that looks alike. 32 symbols divide 256, so `byte % 32` is unbiased.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 12; // 60 bits: guessing one of 500 live codes takes ~2^51 tries.

/** A new code, printed as XXXX-XXXX-XXXX. */
export function newPaperCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = "";
  for (const b of bytes) code += ALPHABET[b % 32];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/**
 * The canonical form of a typed code (upper case, no spaces or dashes, the look-alikes I/L → 1
 * and O → 0), or null when it cannot be a paper code. Codes are hashed in this form.
 */
export function normalizePaperCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return s.length === CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

export const paperCodeFields = z.object({
  unitId: z.string().uuid("errors.unknownUnit"),
  staffGroupId: z.string().uuid("errors.invalid"),
  count: z.coerce
    .number({ error: "errors.surveyPaperCodeCount" })
    .int("errors.surveyPaperCodeCount")
    .min(1, "errors.surveyPaperCodeCount")
    .max(MAX_PAPER_CODES, "errors.surveyPaperCodeCount"),
});

/**
 * One-time codes for answering on paper or at a kiosk, for one unit and staff group of a draft
 * or open cycle. They are handed out at random, so a code is recorded against no one: the rows
 * hold the unit, the group and the code's hash. The plain codes are returned here once and
 * cannot be shown again.
 */
export async function createPaperCodes(
  actor: Actor,
  cycleId: string,
  input: unknown,
): Promise<{ codes: string[] }> {
  requirePermission(actor, "survey.manage");
  const d = parseInput(paperCodeFields, input);
  return db().transaction(async (tx) => {
    const cycle = await lockCycle(tx, actor, cycleId);
    if (cycle.status === "closed") throw notOpen();
    const [unit] = await tx
      .select({ id: orgUnit.id })
      .from(orgUnit)
      .where(and(eq(orgUnit.id, d.unitId), eq(orgUnit.centreId, actor.centreId)));
    if (!unit) throw new AppError("validation", { unitId: "errors.unknownUnit" });
    const [group] = await tx
      .select({ id: staffGroup.id })
      .from(staffGroup)
      .where(and(eq(staffGroup.id, d.staffGroupId), eq(staffGroup.centreId, actor.centreId)));
    if (!group) throw new AppError("validation", { staffGroupId: "errors.invalid" });
    const codes = Array.from({ length: d.count }, newPaperCode);
    await tx.insert(surveyPaperCode).values(
      codes.map((code) => ({
        cycleId: cycle.id,
        unitId: d.unitId,
        staffGroupId: d.staffGroupId,
        tokenHash: hashToken(normalizePaperCode(code)!),
        createdOn: warsawToday,
      })),
    );
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "survey.paperCodes.create",
      entityType: "survey_cycle",
      entityId: cycle.id,
      details: { unitId: d.unitId, staffGroupId: d.staffGroupId, count: d.count },
      requestId: actor.requestId,
    });
    return { codes };
  });
}
