import { and, eq, isNull, lt, or } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { hashToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { centre } from "../org/schema.ts";
import type { Actor } from "./actor.ts";
import { API_KEY_ROLES, apiKeyActorId } from "./api-keys.ts";
import { looksLikeApiKey } from "./api-keys-secret.ts";
import { apiKey } from "./schema.ts";

/**
 * How stale "last used" may get. A burst of calls then costs one write a minute, not one per
 * call; the conditional update keeps it so with several app processes too.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * The actor behind an `Authorization: Bearer <key>` header, or null for anything else — a
 * malformed header, an unknown key, a revoked one — so the caller cannot tell which. The key
 * acts with its role inside its centre; it belongs to no person and manages no units.
 */
export async function actorFromApiKey(
  authorization: string,
  requestId?: string,
): Promise<Actor | null> {
  const token = BEARER.exec(authorization)?.[1];
  if (!token || !looksLikeApiKey(token)) return null;
  const [row] = await db()
    .select({
      id: apiKey.id,
      name: apiKey.name,
      role: apiKey.role,
      centreId: apiKey.centreId,
      centreName: centre.name,
      lastUsedAt: apiKey.lastUsedAt,
      revokedAt: apiKey.revokedAt,
    })
    .from(apiKey)
    .innerJoin(centre, eq(centre.id, apiKey.centreId))
    .where(eq(apiKey.keyHash, hashToken(token)));
  if (!row || row.revokedAt) return null;
  const role = API_KEY_ROLES.find((r) => r === row.role);
  if (!role) return null;

  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const staleBefore = new Date(now - LAST_USED_RESOLUTION_MS);
    await db()
      .update(apiKey)
      .set({ lastUsedAt: new Date(now) })
      .where(
        and(
          eq(apiKey.id, row.id),
          or(isNull(apiKey.lastUsedAt), lt(apiKey.lastUsedAt, staleBefore)),
        ),
      );
  }

  return {
    userId: apiKeyActorId(row.id),
    name: row.name,
    email: "",
    locale: null,
    twoFactorEnabled: false,
    centreId: row.centreId,
    centreName: row.centreName,
    roles: [role],
    managedUnitIds: [],
    employeeId: null,
    installationAdmin: false,
    apiKeyId: row.id,
    requestId,
  };
}

/** One audit entry per call made with a key: the operation and its status, nothing more. */
export async function auditApiKeyCall(
  actor: Actor,
  call: { method: string; path: string; status: number },
): Promise<void> {
  if (!actor.apiKeyId) return;
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "api.call",
    entityType: "api_key",
    entityId: actor.apiKeyId,
    details: { method: call.method, path: call.path, status: call.status },
    requestId: actor.requestId,
  });
}
