import { eq } from "drizzle-orm";
import { z } from "zod";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { auth } from "./auth.ts";
import { passwordFields } from "./create-account.ts";
import { verification } from "./schema.ts";

/** Always looks the same to the caller, whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<void> {
  const parsed = z.string().trim().toLowerCase().email().safeParse(email);
  if (!parsed.success) throw new AppError("validation", { email: "errors.email" });
  const a = await auth();
  await a.api
    .requestPasswordReset({
      body: { email: parsed.data, redirectTo: `${config().baseUrl}/reset-password` },
    })
    .catch(() => undefined);
}

export async function resetPassword(token: string, input: unknown): Promise<void> {
  const d = parseInput(passwordFields, input);
  const a = await auth();
  try {
    await a.api.resetPassword({ body: { token, newPassword: d.password } });
  } catch {
    throw new AppError("gone");
  }
}

const changeFields = z
  .object({ currentPassword: z.string().min(1, "errors.required") })
  .and(passwordFields);

export async function changePassword(requestHeaders: Headers, input: unknown): Promise<Headers> {
  const d = parseInput(changeFields, input);
  const a = await auth();
  try {
    const res = await a.api.changePassword({
      body: {
        currentPassword: d.currentPassword,
        newPassword: d.password,
        revokeOtherSessions: true,
      },
      headers: requestHeaders,
      asResponse: true,
    });
    if (!res.ok) throw new Error(String(res.status));
    return res.headers;
  } catch {
    throw new AppError("validation", { currentPassword: "errors.wrongPassword" });
  }
}

/** Throws "gone" unless the reset token is live (better-auth keeps it as a verification row). */
export async function checkResetToken(token: string): Promise<void> {
  const [row] = await db()
    .select({ expiresAt: verification.expiresAt })
    .from(verification)
    .where(eq(verification.identifier, `reset-password:${token}`));
  if (!row || row.expiresAt.getTime() <= Date.now()) throw new AppError("gone");
}
