import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { config } from "../../platform/config.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { centreFields, countCentres, createCentre } from "../org/centres.ts";
import { centre } from "../org/schema.ts";
import { seedDefaultInstruments } from "../survey/seed-default-instruments.ts";
import { createPasswordAccount, findUserByEmail, passwordFields } from "./create-account.ts";
import { consumeLink, expireOpenLinks, findUsableLink, issueLink } from "./one-time-links.ts";
import { installationAdmin, roleAssignment } from "./schema.ts";

export const SETUP_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * On an empty installation, makes a fresh one-time setup link (valid 24 h) and returns its URL;
 * earlier unused links stop working. Returns null once a centre exists.
 */
export async function prepareFirstRun(): Promise<string | null> {
  if ((await countCentres()) > 0) return null;
  const token = await db().transaction(async (tx) => {
    await expireOpenLinks(tx, { purpose: "setup" });
    return issueLink(tx, { purpose: "setup", ttlMs: SETUP_TTL_MS });
  });
  return `${config().baseUrl}/setup/${token}`;
}

/** Throws "gone" when the link is unknown, used, expired, or the installation is set up. */
export async function checkSetupLink(token: string): Promise<void> {
  await findUsableLink(db(), "setup", token);
  if ((await countCentres()) > 0) throw new AppError("gone");
}

export const setupFields = z
  .object({
    centreName: centreFields.shape.name,
    centreType: centreFields.shape.type,
    city: centreFields.shape.city,
    firstName: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
    lastName: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
    email: z.string().trim().toLowerCase().min(1, "errors.required").email("errors.email"),
  })
  .and(passwordFields);

/** Creates the first centre and its administrator in one transaction and uses up the link. */
export async function completeSetup(token: string, input: unknown, locale: string) {
  const d = parseInput(setupFields, input);
  return db().transaction(async (tx) => {
    const link = await findUsableLink(tx, "setup", token);
    await consumeLink(tx, link.id);
    // Two processes may each have printed a link; only the first setup may create a centre.
    const [existing] = await tx.select({ id: centre.id }).from(centre).limit(1);
    if (existing) throw new AppError("gone");
    const c = await createCentre(tx, { name: d.centreName, type: d.centreType, city: d.city });
    if (await findUserByEmail(tx, d.email))
      throw new AppError("validation", { email: "errors.emailTaken" });
    const userId = await createPasswordAccount(tx, {
      email: d.email,
      name: `${d.firstName} ${d.lastName}`,
      password: d.password,
      locale,
    });
    await tx.insert(roleAssignment).values([
      { centreId: c.id, userId, role: "administrator" },
      { centreId: c.id, userId, role: "employee" },
    ]);
    // Whoever sets the installation up may later add further centres (a regional platform).
    await tx.insert(installationAdmin).values({ userId });
    // A new centre can run its first survey at once, with the instruments Przystań ships.
    await seedDefaultInstruments(tx, c.id, userId);
    await writeAudit(tx, {
      centreId: c.id,
      actorUserId: userId,
      action: "installation.setup",
      entityType: "centre",
      entityId: c.id,
    });
    return { centreId: c.id, userId, email: d.email };
  });
}
