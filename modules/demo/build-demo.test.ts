import { and, asc, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { loadActor } from "../access/actor.ts";
import { createPasswordAccount } from "../access/create-account.ts";
import { setInstallationAdminByEmail } from "../access/installation-admins.ts";
import { ROLES } from "../access/permissions.ts";
import {
  account as credential,
  installationAdmin,
  roleAssignment,
  signInThrottle,
  user,
} from "../access/schema.ts";
import { signIn } from "../access/sign-in.ts";
import { seedCentreWithRoles } from "../access/test-fixtures.ts";
import { employee, orgUnit, position } from "../org/schema.ts";
import {
  assertDemoAllowed,
  buildDemo,
  DEMO_CENTRES,
  DemoRefused,
  type DemoResult,
  formatDemoReport,
} from "./build-demo.ts";
import { planCentre } from "./plan.ts";

const [gdanskId, daleszyceId] = DEMO_CENTRES.map((s) => planCentre(s).centre.id);

/** What a person sees of a centre's staff: one row per employee, in a fixed order. */
async function staffOf(centreId: string) {
  return db()
    .select({
      id: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      number: employee.employeeNumber,
      unit: orgUnit.name,
      position: position.name,
      start: employee.employmentStart,
      userId: employee.userId,
    })
    .from(employee)
    .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
    .leftJoin(position, eq(position.id, employee.positionId))
    .where(eq(employee.centreId, centreId))
    .orderBy(asc(employee.id));
}

async function everythingOf(centreId: string) {
  const staff = await staffOf(centreId);
  const units = await db()
    .select()
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId))
    .orderBy(asc(orgUnit.id));
  const roles = await db()
    .select()
    .from(roleAssignment)
    .where(eq(roleAssignment.centreId, centreId))
    .orderBy(asc(roleAssignment.id));
  const userIds = [...new Set(roles.map((r) => r.userId))];
  const users = await db()
    .select()
    .from(user)
    .where(inArray(user.id, userIds))
    .orderBy(asc(user.id));
  const creds = await db()
    .select()
    .from(credential)
    .where(inArray(credential.userId, userIds))
    .orderBy(asc(credential.id));
  return { staff, units, roles, users, creds };
}

/** Who may add centres: the e-mail addresses of the installation administrators. */
async function installationAdminEmails() {
  const rows = await db()
    .select({ email: user.email })
    .from(installationAdmin)
    .innerJoin(user, eq(user.id, installationAdmin.userId));
  return rows.map((r) => r.email).sort();
}

// A whole demo build (two centres, their survey cycles and programme) takes several seconds a
// run, more on a busy machine: the tests that rebuild get more than the default 30 s.
describe.each(testDbKinds)("buildDemo (%s)", { timeout: 90_000 }, (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let first: DemoResult;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    first = await buildDemo();
  });
  afterAll(() => d.drop());

  it("builds MOPR Gdańsk with 427 employees and MGOPS Daleszyce with 14", async () => {
    expect((await staffOf(gdanskId)).length).toBe(427);
    expect((await staffOf(daleszyceId)).length).toBe(14);
    expect(first.centres.map((c) => [c.name, c.employees])).toEqual([
      ["MOPR Gdańsk (demo)", 427],
      ["MGOPS Daleszyce (demo)", 14],
    ]);
    const cps = await db()
      .select({ n: count() })
      .from(orgUnit)
      .where(and(eq(orgUnit.centreId, gdanskId), eq(orgUnit.kind, "cps")));
    expect(cps[0].n).toBe(9);
  });

  it("makes the Gdańsk administrator an installation administrator on an empty installation", async () => {
    expect(first.installationAdmin).toMatchObject({
      centre: "MOPR Gdańsk (demo)",
      role: "administrator",
    });
    expect(await installationAdminEmails()).toEqual([first.installationAdmin?.email]);
    expect(formatDemoReport(first, 1)).toContain(`so ${first.installationAdmin?.email} is one`);
  });

  it("lists every account with its password and the sign-in address", () => {
    // One account per role in each demo centre.
    expect(first.accounts).toHaveLength(ROLES.length * DEMO_CENTRES.length);
    expect(first.signInUrl).toBe("http://localhost:3000/login");
    const report = formatDemoReport(first, 1.25);
    for (const a of first.accounts) {
      expect(report).toContain(a.email);
      expect(report).toContain(a.password);
    }
    expect(report).toContain("http://localhost:3000/login");
    expect(report).toContain("Done in 1.3 s.");
  });

  it("lets every printed account sign in, into its own centre with its role", async () => {
    for (const a of first.accounts) {
      const r = await signIn(a.email, a.password, new Headers());
      expect(r.ok, a.email).toBe(true);
      const [u] = await db().select().from(user).where(eq(user.email, a.email));
      const actor = await loadActor(u.id);
      expect(actor?.centreName).toBe(a.centre);
      expect(actor?.roles).toContain(a.role);
      expect(actor?.roles).toContain("employee");
      if (a.role === "manager") {
        expect(actor?.managedUnitIds).toHaveLength(1);
        const [unit] = await db()
          .select()
          .from(orgUnit)
          .where(eq(orgUnit.id, actor!.managedUnitIds[0]));
        expect(["Centrum Pracy Socjalnej nr 1", "Zespół Pracy Socjalnej"]).toContain(unit.name);
      }
      if (a.centre === "MOPR Gdańsk (demo)") expect(actor?.employeeId).not.toBeNull();
    }
    const wrong = await signIn(first.accounts[0].email, "zle-haslo-123456", new Headers());
    expect(wrong.ok).toBe(false);
  });

  it("gives the same result when run again, leaving another centre untouched", async () => {
    const other = await seedCentreWithRoles("MOPS Inny", "inny.example");
    const otherBefore = await everythingOf(other.centre.id);
    const demoBefore = [await staffOf(gdanskId), await staffOf(daleszyceId)];
    const unitsBefore = await db()
      .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
      .from(orgUnit)
      .where(inArray(orgUnit.centreId, [gdanskId, daleszyceId]))
      .orderBy(asc(orgUnit.id));
    // Someone invited while trying the demo, and an address locked by wrong guesses.
    const guestId = await db().transaction(async (tx) => {
      const id = await createPasswordAccount(tx, {
        email: "gosc@mopr-gdansk.example",
        name: "Gość Demo",
        password: "haslo-goscia-123",
      });
      await tx.insert(roleAssignment).values({ centreId: gdanskId, userId: id, role: "employee" });
      return id;
    });
    await db().insert(signInThrottle).values({ emailKey: first.accounts[1].email, failures: 4 });

    const second = await buildDemo();

    expect(second.accounts).toEqual(first.accounts);
    expect([await staffOf(gdanskId), await staffOf(daleszyceId)]).toEqual(demoBefore);
    expect(
      await db()
        .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
        .from(orgUnit)
        .where(inArray(orgUnit.centreId, [gdanskId, daleszyceId]))
        .orderBy(asc(orgUnit.id)),
    ).toEqual(unitsBefore);
    expect(await everythingOf(other.centre.id)).toEqual(otherBefore);
    // No duplicates: each demo address is one account, each employee number one row.
    for (const a of second.accounts) {
      const rows = await db().select().from(user).where(eq(user.email, a.email));
      expect(rows).toHaveLength(1);
    }
    expect(await db().select().from(user).where(eq(user.id, guestId))).toEqual([]);
    expect(await db().select().from(signInThrottle)).toEqual([]);
    // A real centre exists now, but nobody outside the demo may add centres: deleting the demo
    // administrator took the installation's only installation administrator, so it is one again.
    expect(second.installationAdmin).toEqual(first.installationAdmin);
    expect(await installationAdminEmails()).toEqual([first.installationAdmin?.email]);
    // The audit log only grows: one entry per centre per run.
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "demo.build"), eq(auditLog.centreId, gdanskId)));
    expect(audit).toHaveLength(2);
    expect(
      (await signIn(first.accounts[1].email, first.accounts[1].password, new Headers())).ok,
    ).toBe(true);
  });

  it("gives no demo account the right to add centres once someone outside the demo has it", async () => {
    const demoAdmin = first.installationAdmin!.email;
    expect(await installationAdminEmails()).toEqual([demoAdmin]);
    // The real centre's administrator is made an installation administrator as well.
    await setInstallationAdminByEmail("administrator@inny.example", true);
    expect(await installationAdminEmails()).toEqual(
      ["administrator@inny.example", demoAdmin].sort(),
    );

    const third = await buildDemo();

    expect(third.installationAdmin).toBeNull();
    expect(await installationAdminEmails()).toEqual(["administrator@inny.example"]);
    expect(formatDemoReport(third, 1)).not.toContain("installation administrator");
    for (const a of third.accounts) {
      const [u] = await db().select().from(user).where(eq(user.email, a.email));
      expect((await loadActor(u.id))?.installationAdmin, a.email).toBe(false);
    }
    // Running it yet again changes nothing about who may add centres.
    expect((await buildDemo()).installationAdmin).toBeNull();
    expect(await installationAdminEmails()).toEqual(["administrator@inny.example"]);
  });

  it("stops, changing nothing, when a demo address belongs to an account of another centre", async () => {
    const other = await seedCentreWithRoles("MOPS Trzeci", "trzeci.example");
    const taken = first.accounts[2].email;
    await db().delete(user).where(eq(user.email, taken));
    await db().transaction(async (tx) => {
      const id = await createPasswordAccount(tx, {
        email: taken,
        name: "Ktoś Inny",
        password: "inne-haslo-12345",
      });
      await tx
        .insert(roleAssignment)
        .values({ centreId: other.centre.id, userId: id, role: "employee" });
    });
    const before = await staffOf(gdanskId);
    await expect(buildDemo()).rejects.toThrow(/another centre/);
    expect(await staffOf(gdanskId)).toEqual(before);
    const [u] = await db().select().from(user).where(eq(user.email, taken));
    expect(u.name).toBe("Ktoś Inny");
  });

  it("refuses to run under NODE_ENV=production unless forced", async () => {
    expect(() => assertDemoAllowed({ NODE_ENV: "production" }, false)).toThrow(DemoRefused);
    expect(() => assertDemoAllowed({ NODE_ENV: "production" }, true)).not.toThrow();
    expect(() => assertDemoAllowed({}, false)).not.toThrow();
    vi.stubEnv("NODE_ENV", "production");
    try {
      const before = await staffOf(gdanskId);
      await expect(buildDemo()).rejects.toThrow(DemoRefused);
      expect(await staffOf(gdanskId)).toEqual(before);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
