// `npm run przystan -- api-key <create|list|revoke>`: keys for a centre, from the server itself.
import { AppError } from "../../platform/errors.ts";
import { formatDateTime, isMessageKey, translator } from "../../platform/i18n.ts";
import { API_KEY_ROLES } from "./api-keys.ts";
import { createApiKeyForCentre, requireCentre } from "./api-keys-create.ts";
import { listApiKeysOfCentre } from "./api-keys-list.ts";
import { revokeApiKeyById } from "./api-keys-revoke.ts";

export const API_KEY_USAGE = `Usage:
  api-key create --centre ID --role ROLE --name NAME
  api-key list --centre ID
  api-key revoke --id KEY_ID
Roles: ${API_KEY_ROLES.join(", ")}`;

/** Field errors as a person at a terminal reads them. */
function readable(err: unknown): never {
  if (err instanceof AppError && Object.keys(err.fieldErrors).length) {
    const t = translator("en");
    const lines = Object.entries(err.fieldErrors).map(
      ([field, key]) => `  --${field}: ${isMessageKey(key) ? t(key) : key}`,
    );
    throw new Error(`${lines.join("\n")}\n${API_KEY_USAGE}`);
  }
  if (err instanceof AppError && err.code === "not_found") throw new Error("No such key.");
  throw err;
}

/** Runs the sub-command; returns the lines to print. */
export async function runApiKeyCommand(
  sub: string | undefined,
  opts: { centre?: string; role?: string; name?: string; id?: string },
): Promise<string[]> {
  switch (sub) {
    case "create": {
      const k = await createApiKeyForCentre(opts.centre ?? "", {
        name: opts.name ?? "",
        role: opts.role ?? "",
      }).catch(readable);
      return [
        `API key "${k.name}" (${k.role}) created, id ${k.id}.`,
        "Copy it now: it is shown this once and cannot be recovered.",
        "",
        k.key,
        "",
        "Send it as: Authorization: Bearer <key>",
      ];
    }
    case "list": {
      await requireCentre(opts.centre);
      const keys = await listApiKeysOfCentre(opts.centre!);
      if (keys.length === 0) return ["The centre has no API keys."];
      return keys.map((k) =>
        [
          k.id,
          `${k.prefix}…`,
          k.role,
          k.revokedAt ? `revoked ${formatDateTime(k.revokedAt)}` : "active",
          `last used ${k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "never"}`,
          k.name,
        ].join("  "),
      );
    }
    case "revoke": {
      if (!opts.id) throw new Error(API_KEY_USAGE);
      const r = await revokeApiKeyById(opts.id).catch(readable);
      return [r.revoked ? "Key revoked: it no longer works." : "The key was already revoked."];
    }
    default:
      throw new Error(API_KEY_USAGE);
  }
}
