import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../platform/db.ts";
import { MIN_PASSWORD_LENGTH } from "./auth.ts";
import { account, user } from "./schema.ts";

export const passwordFields = z
  .object({
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, "errors.passwordTooShort")
      .max(256, "errors.tooLong"),
    passwordConfirm: z.string(),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "errors.passwordMismatch",
  });

export async function findUserByEmail(q: Queryable, email: string) {
  const [u] = await q
    .select()
    .from(user)
    .where(eq(sql`lower(${user.email})`, email.toLowerCase()));
  return u ?? null;
}

/**
 * Creates a better-auth user with a password credential inside the caller's transaction, using
 * better-auth's own password hashing (we never hash passwords ourselves). It is the hash
 * better-auth's context uses, as auth.ts sets no custom one; going through auth() here would,
 * on its first call, read the signing secret through the outer handle, which waits forever
 * on PGlite's single connection while the caller's transaction is open.
 */
export async function createPasswordAccount(
  q: Queryable,
  input: { email: string; name: string; password: string; locale?: string | null },
): Promise<string> {
  const hash = await hashPassword(input.password);
  const id = randomUUID();
  await q.insert(user).values({
    id,
    name: input.name,
    email: input.email.toLowerCase(),
    emailVerified: true,
    locale: input.locale ?? null,
  });
  await q.insert(account).values({
    id: randomUUID(),
    accountId: id,
    providerId: "credential",
    userId: id,
    password: hash,
  });
  return id;
}
