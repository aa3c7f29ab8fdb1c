// Builds a centre with one account per role, for integration tests and the end-to-end seed.
import { db } from "../../platform/db.ts";
import { createCentre } from "../org/centres.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import { loadActor } from "./actor.ts";
import { auth } from "./auth.ts";
import { createPasswordAccount } from "./create-account.ts";
import { ROLES, type Role } from "./permissions.ts";
import { roleAssignment } from "./schema.ts";

export const FIXTURE_PASSWORD = "haslo-testowe-123";

export async function seedCentreWithRoles(name = "MOPS Testowo", emailDomain = "testowo.pl") {
  // The first auth() reads (and may store) the signing secret outside any transaction; inside
  // the transaction below that query would wait forever on PGlite's single connection.
  await auth();
  return db().transaction(async (tx) => {
    const c = await createCentre(tx, { name, type: "MOPS", city: "Testowo" });
    const [unitA] = await tx
      .insert(orgUnit)
      .values({ centreId: c.id, name: "Dział A", kind: "department" })
      .returning();
    const [unitB] = await tx
      .insert(orgUnit)
      .values({ centreId: c.id, name: "Dział B", kind: "department" })
      .returning();
    const groups = await tx.query.staffGroup.findMany({
      where: (g, { eq }) => eq(g.centreId, c.id),
    });
    const [pos] = await tx
      .insert(position)
      .values({
        centreId: c.id,
        name: "Pracownik socjalny",
        staffGroupId: groups[0].id,
        clientContact: "constant",
        fieldWork: true,
      })
      .returning();
    const users = {} as Record<Role, { userId: string; email: string; employeeId: string }>;
    let n = 1;
    for (const role of ROLES) {
      const email = `${role.replace("_", "-")}@${emailDomain}`;
      const userId = await createPasswordAccount(tx, {
        email,
        name: `Test ${role}`,
        password: FIXTURE_PASSWORD,
      });
      const [e] = await tx
        .insert(employee)
        .values({
          centreId: c.id,
          firstName: "Test",
          lastName: role,
          email,
          employeeNumber: `T${n++}`,
          unitId: unitA.id,
          positionId: pos.id,
          userId,
        })
        .returning();
      await tx
        .insert(roleAssignment)
        .values({ centreId: c.id, userId, role: "employee" })
        .onConflictDoNothing();
      if (role !== "employee") {
        await tx
          .insert(roleAssignment)
          .values({ centreId: c.id, userId, role, unitId: role === "manager" ? unitA.id : null });
      }
      users[role] = { userId, email, employeeId: e.id };
    }
    const [other] = await tx
      .insert(employee)
      .values({
        centreId: c.id,
        firstName: "Anna",
        lastName: "Nowak",
        email: `anna.nowak@${emailDomain}`,
        employeeNumber: "B1",
        unitId: unitB.id,
      })
      .returning();
    return { centre: c, unitA, unitB, position: pos, users, employeeInUnitB: other };
  });
}

export async function actorFor(userId: string) {
  const a = await loadActor(userId);
  if (!a) throw new Error("no actor");
  return a;
}
