import { AppError } from "../../platform/errors.ts";
import type { Actor } from "./actor.ts";

/**
 * Installation administrators create centres and appoint their administrators. The capability
 * sits beside the roles of the person's own centre and opens no other centre's data: the
 * installation services read only names, types, cities, counts and administrators' contacts.
 */
export function requireInstallationAdmin(actor: Actor): void {
  // An integration key acts for a centre, never for the installation.
  if (!actor.installationAdmin || actor.apiKeyId) throw new AppError("forbidden");
}
