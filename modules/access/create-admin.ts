import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { centre } from "../org/schema.ts";
import { INVITATION_TTL_MS } from "./invitations.ts";
import { issueLink } from "./one-time-links.ts";

const input = z.object({
  email: z.string().trim().toLowerCase().email("errors.email"),
  firstName: z.string().trim().min(1, "errors.required"),
  lastName: z.string().trim().min(1, "errors.required"),
  centreId: z.string().uuid().optional(),
});

/**
 * For the command line: an administrator for a centre, who sets their own password through a
 * one-time link. No password is ever typed into, or printed by, the command.
 */
export async function createAdmin(raw: z.input<typeof input>): Promise<string> {
  const r = input.safeParse(raw);
  if (!r.success) {
    throw new Error(
      "Give --email, --first-name and --last-name (and --centre ID when there are several centres)",
    );
  }
  const d = r.data;
  const centres = await db().select({ id: centre.id, name: centre.name }).from(centre);
  const target = d.centreId
    ? centres.find((c) => c.id === d.centreId)
    : centres.length === 1
      ? centres[0]
      : undefined;
  if (!target) {
    throw new Error(
      `Choose the centre with --centre ID:\n${centres.map((c) => `  ${c.id}  ${c.name}`).join("\n")}`,
    );
  }
  const token = await db().transaction(async (tx) => {
    const tok = await issueLink(tx, {
      purpose: "invitation",
      ttlMs: INVITATION_TTL_MS,
      centreId: target.id,
      email: d.email,
      name: `${d.firstName} ${d.lastName}`,
      role: "administrator",
    });
    await writeAudit(tx, {
      centreId: target.id,
      actorUserId: null,
      action: "cli.create_admin",
      entityType: "invitation",
    });
    return tok;
  });
  return `${config().baseUrl}/invitation/${token}`;
}
