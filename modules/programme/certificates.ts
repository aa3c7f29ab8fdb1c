// Certificates (zaświadczenia): issued to participants who completed an activity (one, or all
// at once), revoked with a reason, and verified by number by anyone. A number carries 40 bits
// of randomness ("ZAS/2026/7K4M-Q2XD"), so numbers cannot be walked through to learn who
// attended what, and failed lookups are limited per client address.
import { randomInt } from "node:crypto";
import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNotNull,
  isNull,
  or,
  type SQL,
} from "drizzle-orm";
import { z } from "zod";
import { writeAudit, writeAuditMany } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { addressKey, RateLimitedError, sharedRateLimiter } from "../../platform/rate-limit.ts";
import { polishSortKey } from "../../platform/sql.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, can, requirePermission } from "../access/actor.ts";
import { type ActivityRow, findActivity, sessionsOf } from "./find-activity.ts";
import { hoursCenti, plannedMinutes } from "./hours.ts";
import { activityProgress, type Progress, pageProgress } from "./participant-progress.ts";
import { type HourUnit, programmeActivity, programmeCertificate } from "./schema.ts";
import { warsawDay } from "./session-text.ts";

// Numbers -----------------------------------------------------------------------------------

/** Letters and digits nobody confuses when reading a number aloud (no 0/O, 1/I/L, U). */
export const NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

export function newCertificateNumber(year: number): string {
  const part = () =>
    Array.from({ length: 4 }, () => NUMBER_ALPHABET[randomInt(NUMBER_ALPHABET.length)]).join("");
  return `ZAS/${year}/${part()}-${part()}`;
}

/**
 * A number as typed, read off paper or taken from a link — any case, spaces, slashes or
 * hyphens ("zas-2026-7k4m q2xd") — in its one stored form, or null when it cannot be one.
 */
export function normalizeCertificateNumber(input: string): string | null {
  const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  const m = /^ZAS(\d{4})([0-9A-Z]{4})([0-9A-Z]{4})$/.exec(compact);
  if (!m) return null;
  const random = m[2] + m[3];
  if ([...random].some((ch) => !NUMBER_ALPHABET.includes(ch))) return null;
  return `ZAS/${m[1]}/${m[2]}-${m[3]}`;
}

/** The public address that confirms a certificate: what its QR code holds. */
export function verificationUrl(baseUrl: string, number: string): string {
  return `${baseUrl.replace(/\/$/, "")}/zaswiadczenie/${number}`;
}

// Who completed ------------------------------------------------------------------------------

/**
 * The certificates page of an activity: every confirmed participant with attended hours, the
 * share of the planned hours and whether they completed (searchable, filtered, sorted, paged),
 * the counts, and the certificates revoked so far.
 */
export async function certificateOverview(actor: Actor, activityId: string, query: unknown) {
  requirePermission(actor, "programme.manage");
  const q = db();
  const activity = await findActivity(q, actor, activityId);
  const sessions = await sessionsOf(q, activity.id);
  const all = await activityProgress(q, activity, sessions);
  const revoked = await q
    .select({
      id: programmeCertificate.id,
      number: programmeCertificate.number,
      holderName: programmeCertificate.holderName,
      revokedAt: programmeCertificate.revokedAt,
      revokedReason: programmeCertificate.revokedReason,
    })
    .from(programmeCertificate)
    .where(
      and(
        eq(programmeCertificate.activityId, activity.id),
        isNotNull(programmeCertificate.revokedAt),
      ),
    )
    .orderBy(desc(programmeCertificate.revokedAt));
  return {
    activity,
    plannedMinutes: plannedMinutes(sessions),
    sessionCount: sessions.filter((s) => !s.cancelledAt).length,
    counts: {
      participants: all.length,
      completed: all.filter((c) => c.completed).length,
      issued: all.filter((c) => c.certificate).length,
      toIssue: all.filter((c) => c.completed && !c.certificate).length,
    },
    list: pageProgress(all, query),
    revoked,
  };
}

// Issuing and revoking -------------------------------------------------------------------------

export const issueInput = z.union([
  z.object({ all: z.literal(true) }),
  z.object({
    employeeIds: z
      .array(z.string().uuid("errors.certificateNotParticipant"))
      .min(1, "errors.noneSelected")
      .max(10_000),
  }),
]);

/**
 * Issues certificates: to the given participants, each of whom must have completed the
 * activity and hold no valid certificate for it (otherwise nothing is issued), or `all: true`
 * to everyone who completed and has none yet. The activity row is locked, so two coordinators
 * issuing at once cannot both issue to the same person. What verification shows (name,
 * activity, dates, attended hours) is copied into the certificate now.
 */
export async function issueCertificates(
  actor: Actor,
  activityId: string,
  input: unknown,
): Promise<{ issued: { id: string; number: string; employeeId: string }[] }> {
  requirePermission(actor, "programme.manage");
  if (!isUuid(activityId)) throw notFound();
  const d = parseInput(issueInput, input);
  return db().transaction(async (tx) => {
    const [activity] = await tx
      .select()
      .from(programmeActivity)
      .where(
        and(eq(programmeActivity.id, activityId), eq(programmeActivity.centreId, actor.centreId)),
      )
      .for("update");
    if (!activity) throw notFound();
    if (activity.status === "cancelled") {
      throw new AppError("conflict", { _form: "errors.certificateActivityCancelled" });
    }
    const sessions = await sessionsOf(tx, activity.id);
    const live = sessions.filter((s) => !s.cancelledAt);
    if (live.length === 0) {
      throw new AppError("conflict", { _form: "errors.certificateNoSessions" });
    }
    const candidates = await activityProgress(tx, activity, sessions);
    let chosen: Progress[];
    if ("all" in d) {
      chosen = candidates.filter((c) => c.completed && !c.certificate);
      if (chosen.length === 0) {
        throw new AppError("validation", { _form: "errors.certificateNoneToIssue" });
      }
    } else {
      const byEmployee = new Map(candidates.map((c) => [c.employeeId, c]));
      chosen = [];
      for (const id of new Set(d.employeeIds)) {
        const c = byEmployee.get(id);
        if (!c)
          throw new AppError("validation", { employeeIds: "errors.certificateNotParticipant" });
        if (c.certificate) {
          throw new AppError("validation", { employeeIds: "errors.certificateAlreadyIssued" });
        }
        if (!c.completed) {
          throw new AppError("validation", { employeeIds: "errors.certificateNotCompleted" });
        }
        chosen.push(c);
      }
    }
    const firstDay = warsawDay(live[0].startsAt);
    const lastEnd = Math.max(...live.map((s) => s.endsAt.getTime()));
    const lastDay = warsawDay(new Date(lastEnd));
    const year = Number(warsawDay(new Date()).slice(0, 4));
    const numbers = await freshNumbers(tx, chosen.length, year);
    const rows = await tx
      .insert(programmeCertificate)
      .values(
        chosen.map((c, i) => ({
          centreId: actor.centreId,
          activityId: activity.id,
          employeeId: c.employeeId,
          number: numbers[i],
          holderName: `${c.firstName} ${c.lastName}`,
          activityTitle: activity.title,
          firstDay,
          lastDay,
          hoursCenti: hoursCenti(c.attendedMinutes, activity.hourUnit),
          hourUnit: activity.hourUnit,
          issuedByUserId: actor.userId,
        })),
      )
      .returning({
        id: programmeCertificate.id,
        number: programmeCertificate.number,
        employeeId: programmeCertificate.employeeId,
      });
    await writeAuditMany(
      tx,
      rows.map((r) => ({
        centreId: actor.centreId,
        actorUserId: actor.userId,
        action: "programme.certificate.issue",
        entityType: "programme_certificate",
        entityId: r.id,
        details: { activityId: activity.id, employeeId: r.employeeId },
        requestId: actor.requestId,
      })),
    );
    return { issued: rows };
  });
}

/** `n` numbers not yet taken (a clash of 40 random bits is unlikely; it is checked anyway). */
async function freshNumbers(
  tx: Parameters<typeof sessionsOf>[0],
  n: number,
  year: number,
): Promise<string[]> {
  const out = new Set<string>();
  while (out.size < n) {
    const batch = new Set<string>();
    while (batch.size < n - out.size) {
      const number = newCertificateNumber(year);
      if (!out.has(number)) batch.add(number);
    }
    const taken = await tx
      .select({ number: programmeCertificate.number })
      .from(programmeCertificate)
      .where(inArray(programmeCertificate.number, [...batch]));
    const clash = new Set(taken.map((t) => t.number));
    for (const b of batch) if (!clash.has(b)) out.add(b);
  }
  return [...out];
}

export const revokeInput = z.object({
  reason: z.string().trim().min(3, "errors.certificateReason").max(500, "errors.tooLong"),
});

/** Revokes a certificate with a reason; it then verifies as revoked on that day. */
export async function revokeCertificate(actor: Actor, certificateId: string, input: unknown) {
  requirePermission(actor, "programme.manage");
  if (!isUuid(certificateId)) throw notFound();
  const d = parseInput(revokeInput, input);
  await db().transaction(async (tx) => {
    const [c] = await tx
      .select({
        id: programmeCertificate.id,
        activityId: programmeCertificate.activityId,
        revokedAt: programmeCertificate.revokedAt,
      })
      .from(programmeCertificate)
      .where(
        and(
          eq(programmeCertificate.id, certificateId),
          eq(programmeCertificate.centreId, actor.centreId),
        ),
      )
      .for("update");
    if (!c) throw notFound();
    if (c.revokedAt) throw new AppError("conflict", { reason: "errors.certificateAlreadyRevoked" });
    await tx
      .update(programmeCertificate)
      .set({ revokedAt: new Date(), revokedReason: d.reason })
      .where(eq(programmeCertificate.id, c.id));
    // The reason may speak of the person; the log keeps that it happened.
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "programme.certificate.revoke",
      entityType: "programme_certificate",
      entityId: c.id,
      details: { activityId: c.activityId },
      requestId: actor.requestId,
    });
  });
}

// Reading ------------------------------------------------------------------------------------

export type CertificateRow = typeof programmeCertificate.$inferSelect;

/**
 * One certificate for its PDF: its holder may have it, and whoever manages the programme; to
 * anyone else it does not exist. A revoked certificate is gone for everyone.
 */
export async function certificateForDownload(
  actor: Actor,
  certificateId: string,
): Promise<{ certificate: CertificateRow; activity: ActivityRow }> {
  if (!isUuid(certificateId)) throw notFound();
  const [row] = await db()
    .select({ certificate: programmeCertificate, activity: programmeActivity })
    .from(programmeCertificate)
    .innerJoin(programmeActivity, eq(programmeActivity.id, programmeCertificate.activityId))
    .where(
      and(
        eq(programmeCertificate.id, certificateId),
        eq(programmeCertificate.centreId, actor.centreId),
      ),
    );
  if (!row) throw notFound();
  const holder = actor.employeeId !== null && actor.employeeId === row.certificate.employeeId;
  if (!holder && !can(actor, "programme.manage")) throw notFound();
  if (row.certificate.revokedAt) throw new AppError("gone");
  return row;
}

/** An employee's certificates, newest first (for "My development"). */
export async function certificatesOfEmployee(centreId: string, employeeId: string) {
  return db()
    .select({
      id: programmeCertificate.id,
      number: programmeCertificate.number,
      activityId: programmeCertificate.activityId,
      activityTitle: programmeCertificate.activityTitle,
      firstDay: programmeCertificate.firstDay,
      lastDay: programmeCertificate.lastDay,
      hoursCenti: programmeCertificate.hoursCenti,
      hourUnit: programmeCertificate.hourUnit,
      issuedAt: programmeCertificate.issuedAt,
      revokedAt: programmeCertificate.revokedAt,
    })
    .from(programmeCertificate)
    .where(
      and(
        eq(programmeCertificate.centreId, centreId),
        eq(programmeCertificate.employeeId, employeeId),
      ),
    )
    .orderBy(desc(programmeCertificate.issuedAt));
}

export const certificateListQuery = z.object({
  activityId: z.string().uuid().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch("").default(""),
  status: z.enum(["valid", "revoked", "all"]).optional().catch("all").default("all"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(50).default(50),
});

/** The centre's certificates (the API's list), newest first, searchable by name or number. */
export async function listCertificates(actor: Actor, query: unknown) {
  requirePermission(actor, "programme.manage");
  const f = certificateListQuery.parse(query ?? {});
  const where: (SQL | undefined)[] = [eq(programmeCertificate.centreId, actor.centreId)];
  if (f.activityId) where.push(eq(programmeCertificate.activityId, f.activityId));
  if (f.status === "valid") where.push(isNull(programmeCertificate.revokedAt));
  if (f.status === "revoked") where.push(isNotNull(programmeCertificate.revokedAt));
  for (const w of f.q.split(/\s+/).filter(Boolean).slice(0, 5)) {
    const like = `%${w.replace(/[%_\\]/g, "\\$&")}%`;
    where.push(
      or(ilike(programmeCertificate.holderName, like), ilike(programmeCertificate.number, like)),
    );
  }
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select()
      .from(programmeCertificate)
      .where(cond)
      .orderBy(
        desc(programmeCertificate.issuedAt),
        asc(polishSortKey(programmeCertificate.holderName)),
        asc(programmeCertificate.id),
      )
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db().select({ total: count() }).from(programmeCertificate).where(cond),
  ]);
  return { rows, total, ...f };
}

// Public verification ---------------------------------------------------------------------

/**
 * Failed verifications allowed per client address: 20 in 10 minutes. Past that, the address
 * gets no answer at all until its window ends — valid numbers included, so a guesser cannot
 * tell a hit from a miss by the status either.
 */
export const VERIFY_GUESS_LIMIT = { windowMs: 10 * 60_000, max: 20 } as const;

function verifyGuesses() {
  return sharedRateLimiter("certificate-verify-guesses", { ...VERIFY_GUESS_LIMIT });
}

export type Verification =
  | {
      status: "valid";
      number: string;
      holderName: string;
      activityTitle: string;
      firstDay: string;
      lastDay: string;
      hoursCenti: number;
      hourUnit: HourUnit;
    }
  | { status: "revoked"; number: string; revokedOn: string };

/**
 * What anyone may learn of a certificate by its number, with no sign-in: for a valid one the
 * holder's name, the activity, its dates and the hours (not where they work); for a revoked one only the
 * day it was revoked. An unknown or malformed number is not_found and counts against the
 * client's address; over the limit, rate_limited.
 */
export async function verifyCertificate(typed: string, clientIp: string): Promise<Verification> {
  const limiter = verifyGuesses();
  const key = addressKey(clientIp);
  if (limiter.limited(key)) {
    throw new RateLimitedError(limiter.retryAfterSeconds(key), {
      number: "errors.certificateTooManyTries",
    });
  }
  const number = normalizeCertificateNumber(typed);
  const [row] = number
    ? await db()
        .select({ certificate: programmeCertificate })
        .from(programmeCertificate)
        .where(eq(programmeCertificate.number, number))
    : [];
  if (!row) {
    limiter.hit(key);
    throw new AppError("not_found", { number: "errors.certificateUnknown" });
  }
  const c = row.certificate;
  if (c.revokedAt)
    return { status: "revoked", number: c.number, revokedOn: warsawDay(c.revokedAt) };
  return {
    status: "valid",
    number: c.number,
    holderName: c.holderName,
    activityTitle: c.activityTitle,
    firstDay: c.firstDay,
    lastDay: c.lastDay,
    hoursCenti: c.hoursCenti,
    hourUnit: c.hourUnit,
  };
}
