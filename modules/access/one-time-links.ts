import { and, eq, gt, isNull } from "drizzle-orm";
import { hashToken, newToken } from "../../platform/crypto.ts";
import type { Queryable } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { oneTimeLink } from "./schema.ts";

export type LinkPurpose = "setup" | "invitation";

export async function issueLink(
  q: Queryable,
  input: {
    purpose: LinkPurpose;
    ttlMs: number;
    centreId?: string | null;
    employeeId?: string | null;
    email?: string | null;
    name?: string | null;
    role?: string | null;
  },
): Promise<string> {
  const token = newToken();
  await q.insert(oneTimeLink).values({
    purpose: input.purpose,
    tokenHash: hashToken(token),
    centreId: input.centreId ?? null,
    employeeId: input.employeeId ?? null,
    email: input.email ?? null,
    name: input.name ?? null,
    role: input.role ?? null,
    expiresAt: new Date(Date.now() + input.ttlMs),
  });
  return token;
}

/** The link behind a token, if it is unused and unexpired; otherwise a "gone" error. */
export async function findUsableLink(q: Queryable, purpose: LinkPurpose, token: string) {
  const [row] = await q
    .select()
    .from(oneTimeLink)
    .where(and(eq(oneTimeLink.tokenHash, hashToken(token)), eq(oneTimeLink.purpose, purpose)));
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) throw new AppError("gone");
  return row;
}

/** Marks a link used; the conditional update makes a double submit fail instead of reusing it. */
export async function consumeLink(q: Queryable, id: string): Promise<void> {
  const r = await q
    .update(oneTimeLink)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oneTimeLink.id, id),
        isNull(oneTimeLink.usedAt),
        gt(oneTimeLink.expiresAt, new Date()),
      ),
    )
    .returning({ id: oneTimeLink.id });
  if (r.length === 0) throw new AppError("gone");
}

/** Ends every still-open link of one kind for one employee (a resent invitation replaces them). */
export async function expireOpenLinks(
  q: Queryable,
  where: { purpose: LinkPurpose; employeeId?: string },
): Promise<void> {
  await q
    .update(oneTimeLink)
    .set({ expiresAt: new Date() })
    .where(
      and(
        eq(oneTimeLink.purpose, where.purpose),
        isNull(oneTimeLink.usedAt),
        where.employeeId ? eq(oneTimeLink.employeeId, where.employeeId) : undefined,
      ),
    );
}
