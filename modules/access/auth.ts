import { randomBytes } from "node:crypto";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor as twoFactorPlugin } from "better-auth/plugins/two-factor";
import { eq } from "drizzle-orm";
import { config, isSecureBaseUrl } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { enqueueMail } from "../../platform/outbox.ts";
import { appSetting } from "../../platform/platform-schema.ts";
import { account, roleAssignment, session, twoFactor, user, verification } from "./schema.ts";

export const SESSION_COOKIE_PREFIX = "przystan";
export const MIN_PASSWORD_LENGTH = 12;

/**
 * The signing secret: AUTH_SECRET when set, otherwise one made on first start and kept in the
 * database, so several app processes share it and no default secret exists anywhere.
 */
async function authSecret(): Promise<string> {
  const fromEnv = config().AUTH_SECRET;
  if (fromEnv) return fromEnv;
  const fresh = randomBytes(48).toString("base64url");
  await db().insert(appSetting).values({ key: "auth_secret", value: fresh }).onConflictDoNothing();
  const [row] = await db().select().from(appSetting).where(eq(appSetting.key, "auth_secret"));
  return row.value;
}

function createAuth(secret: string) {
  return betterAuth({
    appName: "Przystań",
    baseURL: config().baseUrl,
    basePath: "/api/auth",
    secret,
    telemetry: { enabled: false },
    database: drizzleAdapter(db(), {
      provider: "pg",
      schema: { user, session, account, verification, twoFactor },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts come only from the first-run setup and from invitations.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user: u, token }) => {
        const link = `${config().baseUrl}/reset-password?token=${encodeURIComponent(token)}`;
        const [membership] = await db()
          .select({ centreId: roleAssignment.centreId })
          .from(roleAssignment)
          .where(eq(roleAssignment.userId, u.id))
          .limit(1);
        await enqueueMail(db(), {
          centreId: membership?.centreId ?? null,
          kind: "password_reset",
          to: u.email,
          template: "passwordReset",
          values: { link },
          locale: (u as { locale?: string | null }).locale ?? "pl",
        });
      },
    },
    user: {
      additionalFields: {
        locale: { type: "string", required: false, input: false },
      },
    },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    rateLimit: { enabled: false }, // our own limiter and account lock sit in front (sign-in.ts)
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: isSecureBaseUrl(),
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    plugins: [twoFactorPlugin({ issuer: "Przystań" })],
  });
}

export type Auth = ReturnType<typeof createAuth>;

// Shared across the server's and the web build's copies of this module, like the database.
const KEY = Symbol.for("przystan.auth");
type Holder = { [KEY]?: Promise<Auth> };

export function auth(): Promise<Auth> {
  const g = globalThis as Holder;
  g[KEY] ??= authSecret().then(createAuth);
  return g[KEY];
}

/** Tests open a fresh database per file; the auth instance must follow it. */
export function resetAuth(): void {
  (globalThis as Holder)[KEY] = undefined;
}
