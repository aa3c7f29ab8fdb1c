import { eq, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { auth } from "./auth.ts";
import { signInThrottle } from "./schema.ts";

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;

export type SignInResult =
  | { ok: true; twoFactor: boolean; headers: Headers }
  | { ok: false; error: "errors.invalidCredentials" | "errors.accountLocked" };

const emailKey = (email: string) => email.trim().toLowerCase();

/** Pure: the throttle row after one more failure. */
export function afterFailure(
  failures: number,
  now: Date,
): { failures: number; lockedUntil: Date | null } {
  const next = failures + 1;
  return next >= MAX_FAILURES
    ? { failures: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) }
    : { failures: next, lockedUntil: null };
}

/**
 * Password sign-in in front of better-auth. Unknown address and wrong password give the same
 * answer; after five failures for one address it is locked for 15 minutes, known or not.
 */
export async function signIn(
  email: string,
  password: string,
  requestHeaders: Headers,
): Promise<SignInResult> {
  const key = emailKey(email);
  const [t] = await db().select().from(signInThrottle).where(eq(signInThrottle.emailKey, key));
  if (t?.lockedUntil && t.lockedUntil > new Date())
    return { ok: false, error: "errors.accountLocked" };
  const a = await auth();
  try {
    const res = await a.api.signInEmail({
      body: { email: key, password, rememberMe: false },
      headers: requestHeaders,
      asResponse: true,
    });
    if (res.ok) {
      if (t) await db().delete(signInThrottle).where(eq(signInThrottle.emailKey, key));
      const body = (await res.json()) as { twoFactorRedirect?: boolean };
      return { ok: true, twoFactor: Boolean(body.twoFactorRedirect), headers: res.headers };
    }
  } catch {
    // better-auth throws on bad credentials when not asked for a Response; treat alike.
  }
  // Counted in one statement, so parallel guesses cannot overwrite each other's count.
  const [row] = await db()
    .insert(signInThrottle)
    .values({ emailKey: key, failures: 1 })
    .onConflictDoUpdate({
      target: signInThrottle.emailKey,
      set: { failures: sql`${signInThrottle.failures} + 1`, updatedAt: sql`now()` },
    })
    .returning({ failures: signInThrottle.failures });
  const next = afterFailure(row.failures - 1, new Date());
  if (next.lockedUntil) {
    await db()
      .update(signInThrottle)
      .set({ failures: 0, lockedUntil: next.lockedUntil })
      .where(eq(signInThrottle.emailKey, key));
  }
  return {
    ok: false,
    error: next.lockedUntil ? "errors.accountLocked" : "errors.invalidCredentials",
  };
}

/** Second step of a sign-in with TOTP; the two-factor cookie from step one identifies the user. */
export async function verifySignInCode(code: string, requestHeaders: Headers) {
  const a = await auth();
  try {
    const res = await a.api.verifyTOTP({
      body: { code: code.replace(/\s/g, ""), trustDevice: false },
      headers: requestHeaders,
      asResponse: true,
    });
    return res.ok ? { ok: true as const, headers: res.headers } : { ok: false as const };
  } catch {
    return { ok: false as const };
  }
}

export async function signOut(requestHeaders: Headers): Promise<Headers> {
  const a = await auth();
  const res = await a.api.signOut({ headers: requestHeaders, asResponse: true });
  return res.headers;
}
