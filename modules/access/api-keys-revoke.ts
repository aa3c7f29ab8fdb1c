import { and, eq, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { notFound } from "../../platform/errors.ts";
import { isUuid } from "../../platform/validation.ts";
import { type Actor, requirePermission } from "./actor.ts";
import { apiKey } from "./schema.ts";

/**
 * Revokes a key at once: its next call is refused. Revoking a revoked key changes nothing (a
 * double submit is harmless); another centre's key is "not found".
 */
async function revoke(
  keyId: string,
  centreId: string | null,
  actorUserId: string | null,
  requestId?: string,
): Promise<{ revoked: boolean; centreId: string }> {
  if (!isUuid(keyId)) throw notFound();
  return db().transaction(async (tx) => {
    const [key] = await tx
      .select({ id: apiKey.id, centreId: apiKey.centreId })
      .from(apiKey)
      .where(and(eq(apiKey.id, keyId), centreId ? eq(apiKey.centreId, centreId) : undefined));
    if (!key) throw notFound();
    const changed = await tx
      .update(apiKey)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKey.id, key.id), isNull(apiKey.revokedAt)))
      .returning({ id: apiKey.id });
    if (changed.length) {
      await writeAudit(tx, {
        centreId: key.centreId,
        actorUserId,
        action: "api_key.revoke",
        entityType: "api_key",
        entityId: key.id,
        details: actorUserId ? {} : { via: "cli" },
        requestId,
      });
    }
    return { revoked: changed.length > 0, centreId: key.centreId };
  });
}

export async function revokeApiKey(actor: Actor, keyId: string): Promise<{ revoked: boolean }> {
  requirePermission(actor, "api.keys.manage");
  const r = await revoke(keyId, actor.centreId, actor.userId, actor.requestId);
  return { revoked: r.revoked };
}

/** For the command line, which names a key by its id alone. */
export async function revokeApiKeyById(keyId: string) {
  return revoke(keyId, null, null);
}
