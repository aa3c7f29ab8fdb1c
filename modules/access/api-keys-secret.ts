// What an integration key looks like: made and recognised here, on the server only.
import { randomBytes } from "node:crypto";
import { hashToken } from "../../platform/crypto.ts";

/**
 * `prz_` + an 8-character id (kept in clear as the prefix, so an administrator can tell keys
 * apart) + `_` + 256 random bits. The recognisable start lets secret scanners find leaked keys.
 */
const KEY_SHAPE = /^prz_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `prz_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashToken(key) };
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_SHAPE.test(value);
}
