import { eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { Locale } from "../../platform/i18n.ts";
import type { Actor } from "./actor.ts";
import { user } from "./schema.ts";

/** The person's interface language, kept with the account so e-mails use it too. */
export async function setLocale(actor: Actor, locale: Locale): Promise<void> {
  await db().update(user).set({ locale, updatedAt: new Date() }).where(eq(user.id, actor.userId));
}
