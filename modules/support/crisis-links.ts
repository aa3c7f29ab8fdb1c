// Crisis links: after a situation that threatened a social worker's life or health the centre
// owes them psychological help (ustawa o pomocy społecznej, art. 121 ust. 2a). A personal link
// lets that one employee book, for 72 hours, the slots specialists hold back for crisis, besides
// the normal ones. Only the token's hash is stored; the address is shown once and mailed to the
// employee. A link serves one booking: once used, or once expired, it says so.
//
// `createCrisisLink(tx, …)` is the entry point for other modules (the incidents module calls it
// in the transaction that records an incident); `issueCrisisLink` is the coordinator's form.
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { hashToken, newToken } from "../../platform/crypto.ts";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { isUuid, parseInput } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "../access/actor.ts";
import { recipientsOf } from "../org/mail-recipients.ts";
import { centre } from "../org/schema.ts";
import { crisisLinkNotice } from "./booking-mail.ts";
import { supportCrisisLink } from "./schema.ts";

/** How long a crisis link lets its holder book. */
export const CRISIS_LINK_HOURS = 72;
/** A token is 43 URL-safe characters (256 bits); anything else is not worth a query. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function crisisLinkUrl(token: string): string {
  return `${config().baseUrl}/support/crisis/${token}`;
}

export type CreatedCrisisLink = { id: string; token: string; url: string; expiresAt: Date };

/**
 * Makes a crisis link for an employee inside the caller's transaction. `source` names what
 * asked for it ("incident" with the incident's id, or "coordinator"). Sends nothing: the caller
 * decides how the employee learns of it (`mailCrisisLink` does it for the coordinator's form).
 */
export async function createCrisisLink(
  tx: Queryable,
  o: {
    centreId: string;
    employeeId: string;
    source: string;
    sourceId?: string | null;
    now?: Date;
  },
): Promise<CreatedCrisisLink> {
  const token = newToken();
  const now = o.now ?? new Date();
  const expiresAt = new Date(now.getTime() + CRISIS_LINK_HOURS * 3_600_000);
  const [row] = await tx
    .insert(supportCrisisLink)
    .values({
      centreId: o.centreId,
      employeeId: o.employeeId,
      tokenHash: hashToken(token),
      source: o.source,
      sourceId: o.sourceId ?? null,
      createdAt: now,
      expiresAt,
    })
    .returning({ id: supportCrisisLink.id });
  return { id: row.id, token, url: crisisLinkUrl(token), expiresAt };
}

/** Queues the link's confidential mail to its employee, in the caller's transaction. */
export async function mailCrisisLink(
  tx: Queryable,
  centreId: string,
  employeeId: string,
  link: CreatedCrisisLink,
): Promise<void> {
  const person = (await recipientsOf(tx, centreId, [employeeId])).get(employeeId);
  if (!person) return;
  const [c] = await tx.select({ name: centre.name }).from(centre).where(eq(centre.id, centreId));
  await enqueueMail(
    tx,
    crisisLinkNotice({
      centreId,
      centreName: c?.name ?? "",
      to: person,
      url: link.url,
      expiresAt: link.expiresAt,
    }),
  );
}

export const issueCrisisLinkFields = z.object({
  employeeId: z.string({ error: "errors.required" }).trim().min(1, "errors.required"),
});

/**
 * The coordinator's crisis link for an employee: made, mailed to the employee, and returned
 * once for the page to show. The audit log records that a link was issued, not for whom.
 */
export async function issueCrisisLink(
  actor: Actor,
  input: unknown,
): Promise<CreatedCrisisLink & { employeeName: string }> {
  requirePermission(actor, "support.manage");
  const { employeeId } = parseInput(issueCrisisLinkFields, input);
  const unknownEmployee = () =>
    new AppError("validation", { employeeId: "supportBook.crisis.error.employee" });
  if (!isUuid(employeeId)) throw unknownEmployee();
  return db().transaction(async (tx) => {
    const person = (await recipientsOf(tx, actor.centreId, [employeeId])).get(employeeId);
    if (!person?.active) throw unknownEmployee();
    const link = await createCrisisLink(tx, {
      centreId: actor.centreId,
      employeeId,
      source: "coordinator",
    });
    await mailCrisisLink(tx, actor.centreId, employeeId, link);
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "support.crisisLink.created",
      entityType: "support_crisis_link",
      entityId: null,
      details: { source: "coordinator" },
      requestId: actor.requestId,
    });
    return { ...link, employeeName: `${person.firstName} ${person.lastName}` };
  });
}

export type CrisisLinkState =
  | { state: "valid"; id: string; expiresAt: Date }
  | { state: "expired"; expiresAt: Date }
  | { state: "used" }
  | { state: "invalid" };

/**
 * What a crisis link is to the signed-in person: valid (theirs, unused, not expired), expired,
 * used, or invalid — unknown, another centre's, or made for someone else, which all read the
 * same so a link's holder cannot be learned.
 */
export async function crisisLinkState(
  actor: Actor,
  token: string,
  opts: { q?: Queryable; forUpdate?: boolean; now?: Date } = {},
): Promise<CrisisLinkState> {
  requirePermission(actor, "support.book");
  if (!TOKEN.test(token) || !actor.employeeId) return { state: "invalid" };
  const q = opts.q ?? db();
  const query = q
    .select()
    .from(supportCrisisLink)
    .where(
      and(
        eq(supportCrisisLink.tokenHash, hashToken(token)),
        eq(supportCrisisLink.centreId, actor.centreId),
      ),
    );
  const [link] = opts.forUpdate ? await query.for("update") : await query;
  if (!link || link.employeeId !== actor.employeeId) return { state: "invalid" };
  if (link.usedAt) return { state: "used" };
  const now = opts.now ?? new Date();
  if (link.expiresAt <= now) return { state: "expired", expiresAt: link.expiresAt };
  return { state: "valid", id: link.id, expiresAt: link.expiresAt };
}

/** The valid link behind a token, or a conflict saying why it cannot be used. */
export async function crisisLinkOf(
  actor: Actor,
  token: string,
  opts: { q?: Queryable; forUpdate?: boolean; now?: Date } = {},
): Promise<{ id: string; expiresAt: Date }> {
  const s = await crisisLinkState(actor, token, opts);
  if (s.state === "valid") return { id: s.id, expiresAt: s.expiresAt };
  throw new AppError("conflict", { _form: `supportBook.crisis.${s.state}` });
}

/**
 * The coordinator's list of issued links: when issued, until when, the source — never whom they
 * were for, nor whether one was used. The coordinator knows whom they issued a link to and when,
 * so "used" next to that time would say that this person booked crisis support; a used link
 * therefore reads as active or expired by its time alone, like one nobody used.
 */
export async function listCrisisLinks(
  actor: Actor,
  query: { page?: unknown } = {},
): Promise<{
  rows: {
    id: string;
    issuedAt: Date;
    expiresAt: Date;
    state: "active" | "expired";
    source: string;
  }[];
  page: number;
  pageSize: number;
  total: number;
}> {
  requirePermission(actor, "support.manage");
  const pageSize = 25;
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .catch(1)
    .parse(query.page ?? 1);
  const where = eq(supportCrisisLink.centreId, actor.centreId);
  const now = new Date();
  const [rows, [{ total }]] = await Promise.all([
    db()
      .select({
        id: supportCrisisLink.id,
        issuedAt: supportCrisisLink.createdAt,
        expiresAt: supportCrisisLink.expiresAt,
        source: supportCrisisLink.source,
      })
      .from(supportCrisisLink)
      .where(where)
      .orderBy(desc(supportCrisisLink.createdAt), desc(supportCrisisLink.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db()
      .$count(supportCrisisLink, where)
      .then((total) => [{ total }]),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      issuedAt: r.issuedAt,
      expiresAt: r.expiresAt,
      state: r.expiresAt <= now ? ("expired" as const) : ("active" as const),
      source: r.source,
    })),
    page,
    pageSize,
    total,
  };
}
