import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { getEmployee, listEmployees } from "../org/employees.ts";
import { centre, staffGroup } from "../org/schema.ts";
import { getUnit, listUnits } from "../org/units.ts";
import type { Actor } from "./actor.ts";
import { setInstallationAdmin, setInstallationAdminByEmail } from "./installation-admins.ts";
import { appointCentreAdmin, resendAppointment } from "./installation-appoint-admin.ts";
import { createCentreWithAdmin } from "./installation-create-centre.ts";
import { listCentres } from "./installation-list-centres.ts";
import { viewCentre } from "./installation-view-centre.ts";
import { acceptInvitation, describeInvitation } from "./invitations.ts";
import { installationAdmin, oneTimeLink } from "./schema.ts";
import { actorFor, seedCentreWithRoles } from "./test-fixtures.ts";

const PASSWORD = "haslo-nowego-admina-1";
const pw = { password: PASSWORD, passwordConfirm: PASSWORD };
const tokenIn = (body: string) => body.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1] ?? "";

const newCentre = (over: Record<string, string> = {}) => ({
  name: "GOPS Łęczyce",
  type: "OPS",
  street: "ul. Długa 1",
  postalCode: "84-218",
  city: "Łęczyce",
  firstName: "Żaneta",
  lastName: "Ćwik",
  email: "Zaneta.Cwik@leczyce.pl",
  ...over,
});

async function mailsTo(to: string) {
  return db()
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.toAddress, to))
    .orderBy(asc(mailOutbox.createdAt));
}

async function counts() {
  const [c] = await db().select({ n: count() }).from(centre);
  const [m] = await db().select({ n: count() }).from(mailOutbox);
  const [l] = await db().select({ n: count() }).from(oneTimeLink);
  return { centres: c.n, mails: m.n, links: l.n };
}

describe.each(testDbKinds)("installation administration (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let a: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let b: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  /** Administrator of A and installation administrator. */
  let root: Actor;
  /** Administrator of B only. */
  let adminB: Actor;
  let createdId = "";

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    a = await seedCentreWithRoles("MOPS Testowo", "testowo.pl");
    b = await seedCentreWithRoles("OPS Inne", "inne.pl");
    await db().insert(installationAdmin).values({ userId: a.users.administrator.userId });
    root = await actorFor(a.users.administrator.userId);
    adminB = await actorFor(b.users.administrator.userId);
  });
  afterAll(() => d.drop());

  it("loads the capability with the actor, beside the roles of the own centre", () => {
    expect(root).toMatchObject({ installationAdmin: true, centreId: a.centre.id });
    expect(adminB).toMatchObject({ installationAdmin: false, centreId: b.centre.id });
  });

  it("refuses everyone else, whatever their roles, and integration keys", async () => {
    const others = [adminB, await actorFor(a.users.management.userId)];
    const keyActor = { ...root, apiKeyId: "00000000-0000-0000-0000-000000000001" };
    for (const actor of [...others, keyActor]) {
      const calls = [
        listCentres(actor, {}),
        viewCentre(actor, b.centre.id),
        createCentreWithAdmin(actor, newCentre()),
        appointCentreAdmin(actor, b.centre.id, {
          firstName: "A",
          lastName: "B",
          email: "a.b@inne.pl",
        }),
        resendAppointment(actor, b.centre.id, "00000000-0000-0000-0000-000000000001"),
        setInstallationAdmin(actor, b.centre.id, b.users.administrator.userId, true),
      ];
      for (const call of calls) expect((await caught(call)).code).toBe("forbidden");
    }
    expect((await counts()).centres).toBe(2);
  });

  it("lists centres with counts, search, type filter, sorting and paging", async () => {
    const all = await listCentres(root, {});
    expect(all.total).toBe(2);
    expect(all.rows.map((r) => r.name)).toEqual(["MOPS Testowo", "OPS Inne"]);
    // Nine active employees each (eight role accounts and one more), one administrator each.
    expect(all.rows[0]).toMatchObject({ type: "MOPS", city: "Testowo", administrators: 1 });
    expect(all.rows[0].employees).toBe(10);

    expect((await listCentres(root, { q: "inne" })).rows.map((r) => r.name)).toEqual(["OPS Inne"]);
    expect((await listCentres(root, { q: "testowo" })).total).toBe(2); // both in Testowo
    expect((await listCentres(root, { q: "nic-takiego" })).total).toBe(0);
    expect((await listCentres(root, { q: "100%_" })).total).toBe(0);
    expect((await listCentres(root, { type: "MOPS" })).total).toBe(2);
    expect((await listCentres(root, { type: "ROPS" })).total).toBe(0);
    expect((await listCentres(root, { type: "bogus", sort: "bogus" })).total).toBe(2);

    const desc = await listCentres(root, { sort: "name", dir: "desc" });
    expect(desc.rows.map((r) => r.name)).toEqual(["OPS Inne", "MOPS Testowo"]);
    const page2 = await listCentres(root, { pageSize: 1, page: 2 });
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.rows.map((r) => r.name)).toEqual(["OPS Inne"]);
  });

  it("refuses bad input next to the fields and creates nothing", async () => {
    const before = await counts();
    const empty = await caught(
      createCentreWithAdmin(
        root,
        newCentre({ name: "", postalCode: "84218", firstName: "", email: "nie-adres" }),
      ),
    );
    expect(empty.code).toBe("validation");
    expect(empty.fieldErrors).toEqual({
      name: "errors.required",
      postalCode: "errors.postalCode",
      firstName: "errors.required",
      email: "errors.email",
    });
    const long = await caught(createCentreWithAdmin(root, newCentre({ name: "x".repeat(201) })));
    expect(long.fieldErrors).toEqual({ name: "errors.tooLong" });
    const type = await caught(createCentreWithAdmin(root, newCentre({ type: "XYZ" })));
    expect(type.fieldErrors).toEqual({ type: "errors.required" });

    // An address with an account in another centre, and a centre that already exists.
    const both = await caught(
      createCentreWithAdmin(
        root,
        newCentre({ name: "ops inne", city: "TESTOWO", email: "Employee@Inne.pl" }),
      ),
    );
    expect(both.fieldErrors).toEqual({
      name: "errors.installation.centreExists",
      email: "errors.installation.accountElsewhere",
    });
    expect(await counts()).toEqual(before);
  });

  it("creates a centre and invites its first administrator in one go", async () => {
    createdId = await createCentreWithAdmin(root, newCentre());
    const [c] = await db().select().from(centre).where(eq(centre.id, createdId));
    expect(c).toMatchObject({
      name: "GOPS Łęczyce",
      type: "OPS",
      street: "ul. Długa 1",
      postalCode: "84-218",
      city: "Łęczyce",
    });
    const groups = await db().select().from(staffGroup).where(eq(staffGroup.centreId, createdId));
    expect(groups).toHaveLength(3);

    const [mail] = await mailsTo("zaneta.cwik@leczyce.pl");
    expect(mail).toMatchObject({ centreId: createdId, status: "pending" });
    expect(mail.subject).toBe("Zaproszenie do Przystani — GOPS Łęczyce");
    expect(mail.textBody).toContain("Dzień dobry, Żaneta!");
    const token = tokenIn(mail.textBody);
    expect(await describeInvitation(token)).toEqual({
      firstName: "Żaneta",
      email: "zaneta.cwik@leczyce.pl",
      centreName: "GOPS Łęczyce",
      hasAccount: false,
    });

    const audit = await db()
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.centreId, createdId))
      .orderBy(asc(auditLog.id));
    expect(audit).toEqual([
      { action: "installation.centre.create", actor: root.userId },
      // The shipped questionnaires, so the new centre can run its first survey at once.
      { action: "survey.instrument.seed", actor: root.userId },
      { action: "installation.administrator.appoint", actor: root.userId },
    ]);

    // A second submit of the same form is refused instead of making a twin.
    const again = await caught(createCentreWithAdmin(root, newCentre({ email: "inna@x.pl" })));
    expect(again.fieldErrors).toEqual({ name: "errors.installation.centreExists" });
  });

  it("shows the centre's counts, administrators and waiting appointments only", async () => {
    const v = await viewCentre(root, createdId);
    expect(v).toMatchObject({ name: "GOPS Łęczyce", employees: 0, administrators: [] });
    expect(v.appointments).toHaveLength(1);
    expect(v.appointments[0]).toMatchObject({
      name: "Żaneta Ćwik",
      email: "zaneta.cwik@leczyce.pl",
      expired: false,
      mail: { status: "pending" },
    });
    // Without SMTP the page is the delivery channel, so the link is readable there.
    expect(tokenIn(v.appointments[0].mail?.body ?? "")).not.toBe("");

    const other = await viewCentre(root, b.centre.id);
    expect(other.employees).toBe(10);
    expect(other.administrators).toEqual([
      {
        userId: b.users.administrator.userId,
        name: "Test administrator",
        email: "administrator@inne.pl",
        installationAdmin: false,
      },
    ]);
    // Nothing of the centre's staff records: no employee of B is named anywhere.
    expect(JSON.stringify(other)).not.toContain("Nowak");
    expect(Object.keys(other).sort()).toEqual(
      [
        "administrators",
        "appointments",
        "city",
        "createdAt",
        "employees",
        "id",
        "name",
        "type",
      ].sort(),
    );

    expect((await caught(viewCentre(root, "nie-uuid"))).code).toBe("not_found");
    expect((await caught(viewCentre(root, "00000000-0000-0000-0000-000000000000"))).code).toBe(
      "not_found",
    );
  });

  it("resends with a new link; the old one stops working", async () => {
    const [{ id, mail }] = (await viewCentre(root, createdId)).appointments;
    const oldToken = tokenIn(mail?.body ?? "");
    await resendAppointment(root, createdId, id);
    expect((await caught(describeInvitation(oldToken))).code).toBe("gone");
    const mails = await mailsTo("zaneta.cwik@leczyce.pl");
    expect(mails).toHaveLength(2);
    const v = await viewCentre(root, createdId);
    expect(v.appointments).toHaveLength(1);
    expect(v.appointments[0].id).not.toBe(id);
    expect(tokenIn(v.appointments[0].mail?.body ?? "")).toBe(tokenIn(mails[1].textBody));

    // Another centre's link, or nonsense: not found.
    expect((await caught(resendAppointment(root, b.centre.id, v.appointments[0].id))).code).toBe(
      "not_found",
    );
    expect((await caught(resendAppointment(root, createdId, "x"))).code).toBe("not_found");
  });

  it("the appointed administrator gets a centre of their own and nothing of the others", async () => {
    const [appointment] = (await viewCentre(root, createdId)).appointments;
    await acceptInvitation(tokenIn(appointment.mail?.body ?? ""), pw, "pl", null);
    const v = await viewCentre(root, createdId);
    expect(v.appointments).toEqual([]);
    // An accepted appointment cannot be sent again.
    expect((await caught(resendAppointment(root, createdId, appointment.id))).code).toBe(
      "not_found",
    );
    expect(v.administrators.map((x) => x.email)).toEqual(["zaneta.cwik@leczyce.pl"]);

    const fresh = await actorFor(v.administrators[0].userId);
    expect(fresh).toMatchObject({
      centreId: createdId,
      centreName: "GOPS Łęczyce",
      installationAdmin: false,
    });
    expect(fresh.roles.sort()).toEqual(["administrator", "employee"]);
    expect((await listEmployees(fresh, {})).total).toBe(0);
    expect(await listUnits(fresh)).toEqual([]);
    expect((await caught(getEmployee(fresh, a.employeeInUnitB.id))).code).toBe("not_found");
    expect((await caught(getUnit(fresh, a.unitA.id))).code).toBe("not_found");
    expect((await caught(listCentres(fresh, {}))).code).toBe("forbidden");

    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.centreId, createdId), eq(auditLog.action, "invitation.accept")));
    expect(audit).toHaveLength(1);
  });

  it("an installation administrator sees no other centre's records either", async () => {
    expect((await caught(getEmployee(root, b.employeeInUnitB.id))).code).toBe("not_found");
    expect((await caught(getUnit(root, b.unitA.id))).code).toBe("not_found");
    const units = await listUnits(root);
    expect(units.map((u) => u.id).sort()).toEqual([a.unitA.id, a.unitB.id].sort());
    const list = await listEmployees(root, { pageSize: 200 });
    expect(list.rows.map((r) => r.id)).not.toContain(b.employeeInUnitB.id);
    expect(list.total).toBe(10);
  });

  it("appoints further administrators, refusing addresses that cannot be appointed", async () => {
    const before = await counts();
    const already = await caught(
      appointCentreAdmin(root, b.centre.id, {
        firstName: "Test",
        lastName: "Admin",
        email: "ADMINISTRATOR@inne.pl",
      }),
    );
    expect(already.fieldErrors).toEqual({ email: "errors.installation.alreadyAdministrator" });
    const elsewhere = await caught(
      appointCentreAdmin(root, b.centre.id, {
        firstName: "Ktoś",
        lastName: "Zewsząd",
        email: "coordinator@testowo.pl",
      }),
    );
    expect(elsewhere.fieldErrors).toEqual({ email: "errors.installation.accountElsewhere" });
    const bad = await caught(
      appointCentreAdmin(root, b.centre.id, { firstName: " ", lastName: "", email: "" }),
    );
    expect(bad.fieldErrors).toEqual({
      firstName: "errors.required",
      lastName: "errors.required",
      email: "errors.required",
    });
    const nowhere = await caught(
      appointCentreAdmin(root, "00000000-0000-0000-0000-000000000000", {
        firstName: "A",
        lastName: "B",
        email: "a.b@inne.pl",
      }),
    );
    expect(nowhere.code).toBe("not_found");
    expect(await counts()).toEqual(before);

    // Someone of the centre itself may be appointed: they join with their own account.
    await appointCentreAdmin(root, b.centre.id, {
      firstName: "Test",
      lastName: "Koordynator",
      email: "coordinator@inne.pl",
    });
    // A new address: a second appointment of the same address replaces the first.
    for (let i = 0; i < 2; i++) {
      await appointCentreAdmin(root, b.centre.id, {
        firstName: "Jan",
        lastName: "Nowy",
        email: "jan.nowy@inne.pl",
      });
    }
    const v = await viewCentre(root, b.centre.id);
    expect(v.appointments.map((x) => x.email).sort()).toEqual([
      "coordinator@inne.pl",
      "jan.nowy@inne.pl",
    ]);
    const audit = await db()
      .select({ n: count() })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.centreId, b.centre.id),
          eq(auditLog.action, "installation.administrator.appoint"),
        ),
      );
    expect(audit[0].n).toBe(3);
  });

  it("grants and revokes the capability, keeping at least one holder", async () => {
    const target = b.users.administrator.userId;
    await setInstallationAdmin(root, b.centre.id, target, true);
    expect((await actorFor(target)).installationAdmin).toBe(true);
    expect((await viewCentre(root, b.centre.id)).administrators[0].installationAdmin).toBe(true);

    // Only a centre's administrators are eligible, and only through their own centre.
    const notAdmin = await caught(
      setInstallationAdmin(root, b.centre.id, b.users.coordinator.userId, true),
    );
    expect(notAdmin.code).toBe("not_found");
    const wrongCentre = await caught(setInstallationAdmin(root, a.centre.id, target, true));
    expect(wrongCentre.code).toBe("not_found");

    await setInstallationAdmin(root, b.centre.id, target, false);
    expect((await actorFor(target)).installationAdmin).toBe(false);
    const last = await caught(setInstallationAdmin(root, a.centre.id, root.userId, false));
    expect(last.fieldErrors).toEqual({ _form: "errors.installation.lastInstallationAdmin" });
    expect((await actorFor(root.userId)).installationAdmin).toBe(true);

    const audit = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.centreId, b.centre.id), eq(auditLog.entityId, target)))
      .orderBy(asc(auditLog.id));
    expect(audit.map((x) => x.action)).toEqual([
      "installation.admin.grant",
      "installation.admin.revoke",
    ]);
  });

  it("the command line grants and revokes by e-mail", async () => {
    await setInstallationAdminByEmail("Administrator@Inne.pl", true);
    expect((await actorFor(b.users.administrator.userId)).installationAdmin).toBe(true);
    await setInstallationAdminByEmail("administrator@inne.pl", false);
    expect((await actorFor(b.users.administrator.userId)).installationAdmin).toBe(false);
    await expect(setInstallationAdminByEmail("nikt@nigdzie.pl", true)).rejects.toThrow(
      /No account/,
    );
    await expect(setInstallationAdminByEmail(root.email, false)).rejects.toThrow(
      /at least one installation administrator/,
    );
  });
});
