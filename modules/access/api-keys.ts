// Integration keys: which roles a key may carry and what a new key needs (the form uses this
// too, so nothing here may need Node). The key itself is made in api-keys-secret.ts; the use
// cases are api-keys-create.ts, -list.ts, -revoke.ts and -authenticate.ts.
import { z } from "zod";
import { ROLES, type Role } from "./permissions.ts";

/**
 * Roles a key may act with. A manager sees only the units assigned to a person; a key belongs
 * to no person and has no units, so a manager key would see nothing: it is refused outright.
 */
export const API_KEY_ROLES = ROLES.filter((r) => r !== "manager") as Exclude<Role, "manager">[];

export const apiKeyInput = z.object({
  name: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
  role: z
    .string({ message: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .refine((r) => r !== "manager", "errors.apiKeyManagerRole")
    .refine((r) => r === "manager" || (API_KEY_ROLES as string[]).includes(r), "errors.invalid")
    .transform((r) => r as (typeof API_KEY_ROLES)[number]),
});
export type ApiKeyInput = z.input<typeof apiKeyInput>;

export const API_KEY_ACTOR_PREFIX = "apikey:";

/** The audit log's actor for calls made with a key (keys are not users). */
export function apiKeyActorId(keyId: string): string {
  return `${API_KEY_ACTOR_PREFIX}${keyId}`;
}
