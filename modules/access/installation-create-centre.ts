import { and, eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { parseInput } from "../../platform/validation.ts";
import { centreFields, createCentre } from "../org/centres.ts";
import { centre } from "../org/schema.ts";
import { seedDefaultInstruments } from "../survey/seed-default-instruments.ts";
import type { Actor } from "./actor.ts";
import {
  appointmentFields,
  appointmentProblems,
  sendAppointment,
} from "./installation-appoint-admin.ts";
import { requireInstallationAdmin } from "./installation-guard.ts";

/** One form: the centre, and the person who will administer it. */
export const newCentreFields = centreFields.extend(appointmentFields.shape);

/**
 * Creates a centre (with its default staff groups) and invites its first administrator, in one
 * transaction: a centre never exists without a way in, and a refused address leaves no centre.
 */
export async function createCentreWithAdmin(actor: Actor, input: unknown): Promise<string> {
  requireInstallationAdmin(actor);
  const d = parseInput(newCentreFields, input);
  return db().transaction(async (tx) => {
    // Two submits of the same form must not make two centres: the name check runs one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('installation:create-centre'))`);
    const [same] = await tx
      .select({ id: centre.id })
      .from(centre)
      .where(
        and(
          eq(sql`lower(${centre.name})`, d.name.toLowerCase()),
          eq(sql`lower(${centre.city})`, d.city.toLowerCase()),
        ),
      );
    const problems = {
      ...(same ? { name: "errors.installation.centreExists" } : {}),
      ...(await appointmentProblems(tx, null, d.email)),
    };
    if (Object.keys(problems).length) throw new AppError("validation", problems);
    const c = await createCentre(tx, {
      name: d.name,
      type: d.type,
      street: d.street,
      postalCode: d.postalCode,
      city: d.city,
    });
    await writeAudit(tx, {
      centreId: c.id,
      actorUserId: actor.userId,
      action: "installation.centre.create",
      entityType: "centre",
      entityId: c.id,
      requestId: actor.requestId,
    });
    // A new centre can run its first survey at once, with the instruments Przystań ships.
    await seedDefaultInstruments(tx, c.id, actor.userId);
    await sendAppointment(
      tx,
      actor,
      c,
      { firstName: d.firstName, name: `${d.firstName} ${d.lastName}`, email: d.email },
      "installation.administrator.appoint",
    );
    return c.id;
  });
}
