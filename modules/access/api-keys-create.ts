import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { parseInput } from "../../platform/validation.ts";
import { centre } from "../org/schema.ts";
import { type Actor, requirePermission } from "./actor.ts";
import { apiKeyInput } from "./api-keys.ts";
import { newApiKey } from "./api-keys-secret.ts";
import { apiKey } from "./schema.ts";

export type CreatedApiKey = {
  id: string;
  name: string;
  role: string;
  prefix: string;
  /** The key itself: returned this once and never stored (only its SHA-256 is). */
  key: string;
};

async function insertKey(
  centreId: string,
  createdByUserId: string | null,
  input: unknown,
  requestId: string | undefined,
): Promise<CreatedApiKey> {
  const d = parseInput(apiKeyInput, input);
  const { key, prefix, hash } = newApiKey();
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKey)
      .values({ centreId, name: d.name, role: d.role, prefix, keyHash: hash, createdByUserId })
      .returning({ id: apiKey.id });
    await writeAudit(tx, {
      centreId,
      actorUserId: createdByUserId,
      action: "api_key.create",
      entityType: "api_key",
      entityId: row.id,
      details: { role: d.role, prefix, ...(createdByUserId ? {} : { via: "cli" }) },
      requestId,
    });
    return { id: row.id, name: d.name, role: d.role, prefix, key };
  });
}

/** An administrator makes a key for their centre. */
export async function createApiKey(actor: Actor, input: unknown): Promise<CreatedApiKey> {
  requirePermission(actor, "api.keys.manage");
  return insertKey(actor.centreId, actor.userId, input, actor.requestId);
}

/** The command line makes a key for a named centre (whoever runs it has the server). */
export async function createApiKeyForCentre(
  centreId: string,
  input: unknown,
): Promise<CreatedApiKey> {
  await requireCentre(centreId);
  return insertKey(centreId, null, input, undefined);
}

/** For the command line: the centre must exist; the message lists those that do. */
export async function requireCentre(centreId: string | undefined): Promise<void> {
  const centres = await db().select({ id: centre.id, name: centre.name }).from(centre);
  const ok =
    centreId && /^[0-9a-f-]{36}$/i.test(centreId) && centres.some((c) => c.id === centreId);
  if (!ok) {
    throw new Error(
      `Choose the centre with --centre ID:\n${centres.map((c) => `  ${c.id}  ${c.name}`).join("\n")}`,
    );
  }
}
