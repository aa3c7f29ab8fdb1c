import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { saveEmployee } from "../org/employees.ts";
import { employee } from "../org/schema.ts";
import { loadActor } from "./actor.ts";
import {
  acceptInvitation,
  accountStatuses,
  describeInvitation,
  inviteEmployee,
  inviteEmployees,
} from "./invitations.ts";
import { checkResetToken, requestPasswordReset, resetPassword } from "./password.ts";
import { session } from "./schema.ts";
import { signIn } from "./sign-in.ts";
import { actorFor, FIXTURE_PASSWORD, seedCentreWithRoles } from "./test-fixtures.ts";

const NEW_PASSWORD = "nowe-haslo-anny-1";
const pw = (p: string) => ({ password: p, passwordConfirm: p });

async function mailsTo(to: string, kind: string) {
  return db()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.kind, kind)))
    .orderBy(asc(mailOutbox.createdAt));
}

/** better-auth may send the reset mail in the background; wait briefly for it to land. */
async function waitForMail(to: string, kind: string, n: number) {
  for (let i = 0; i < 100; i++) {
    const rows = await mailsTo(to, kind);
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${kind} mail to ${to}`);
}

const invitationToken = (body: string) => body.match(/\/invitation\/([A-Za-z0-9_-]+)/)?.[1] ?? "";
const resetToken = (body: string) => {
  const m = body.match(/\/reset-password\?token=([^\s]+)/);
  return m ? decodeURIComponent(m[1]) : "";
};

describe.each(testDbKinds)("invitations and password reset (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let admin: Awaited<ReturnType<typeof actorFor>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    admin = await actorFor(s.users.administrator.userId);
  });
  afterAll(() => d.drop());

  async function newEmployee(n: string, email: string) {
    return saveEmployee(admin, null, {
      firstName: "Łukasz",
      lastName: `Zaproszony ${n}`,
      email,
      employeeNumber: `INV-${n}`,
      unitId: s.unitA.id,
    });
  }

  it("invites, and the invitation turns into a working employee account", async () => {
    const anna = s.employeeInUnitB;
    const before = await accountStatuses(admin, [{ id: anna.id, hasAccount: false, active: true }]);
    expect(before.get(anna.id)).toBe("not_invited");

    await inviteEmployee(admin, anna.id);
    const [mail] = await mailsTo(anna.email, "invitation");
    expect(mail).toMatchObject({ centreId: s.centre.id, status: "pending" });
    expect(mail.subject).toContain("MOPS Testowo");
    expect(mail.textBody).toContain("Anna");
    expect(mail.textBody).toMatch(/^http:\/\/localhost:3000\/invitation\/[A-Za-z0-9_-]+$/m);
    const token = invitationToken(mail.textBody);
    // Only a hash of the token is stored.
    expect(
      (await d.raw("select 1 from one_time_link where token_hash = $1", [token])).rows,
    ).toEqual([]);

    const after = await accountStatuses(admin, [{ id: anna.id, hasAccount: false, active: true }]);
    expect(after.get(anna.id)).toBe("invited");
    expect(await describeInvitation(token)).toMatchObject({
      firstName: "Anna",
      email: anna.email,
      centreName: "MOPS Testowo",
      hasAccount: false,
    });

    // A bad password leaves the link usable.
    const bad = await caught(acceptInvitation(token, pw("krotkie"), "pl", null));
    expect(bad.fieldErrors).toMatchObject({ password: "errors.passwordTooShort" });

    const r = await acceptInvitation(token, pw(NEW_PASSWORD), "pl", null);
    expect(r).toEqual({ email: anna.email, existing: false });
    const [row] = await db().select().from(employee).where(eq(employee.id, anna.id));
    expect(row.userId).toBeTruthy();
    const actor = await loadActor(row.userId!);
    expect(actor?.roles).toEqual(["employee"]);
    expect(actor?.employeeId).toBe(anna.id);
    expect(actor?.centreId).toBe(s.centre.id);
    expect((await signIn(anna.email, NEW_PASSWORD, new Headers())).ok).toBe(true);

    const status = await accountStatuses(admin, [
      { id: anna.id, hasAccount: Boolean(row.userId), active: true },
    ]);
    expect(status.get(anna.id)).toBe("active");

    // The same link again.
    expect((await caught(acceptInvitation(token, pw("inne-haslo-12345"), "pl", null))).code).toBe(
      "gone",
    );
    expect((await caught(describeInvitation(token))).code).toBe("gone");
  });

  it("refuses to invite someone who already has an account", async () => {
    const e = await caught(inviteEmployee(admin, s.users.employee.employeeId));
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors).toEqual({ _form: "errors.alreadyHasAccount" });
  });

  it("lets only those with accounts.invite send invitations", async () => {
    const id = await newEmployee("0", "lukasz.0@testowo.pl");
    const coordinator = await actorFor(s.users.coordinator.userId);
    expect((await caught(inviteEmployee(coordinator, id))).code).toBe("forbidden");
    expect(await mailsTo("lukasz.0@testowo.pl", "invitation")).toEqual([]);
  });

  it("refuses an expired invitation", async () => {
    const id = await newEmployee("1", "lukasz.1@testowo.pl");
    await inviteEmployee(admin, id);
    const [mail] = await mailsTo("lukasz.1@testowo.pl", "invitation");
    await d.raw(
      "update one_time_link set expires_at = now() - interval '1 second' where employee_id = $1",
      [id],
    );
    const token = invitationToken(mail.textBody);
    expect((await caught(acceptInvitation(token, pw(NEW_PASSWORD), "pl", null))).code).toBe("gone");
    expect((await accountStatuses(admin, [{ id, hasAccount: false, active: true }])).get(id)).toBe(
      "not_invited",
    );
    const [row] = await db().select().from(employee).where(eq(employee.id, id));
    expect(row.userId).toBeNull();
  });

  it("replaces the earlier link when the invitation is sent again", async () => {
    const email = "lukasz.2@testowo.pl";
    const id = await newEmployee("2", email);
    await inviteEmployee(admin, id);
    await inviteEmployee(admin, id);
    const mails = await mailsTo(email, "invitation");
    expect(mails).toHaveLength(2);
    const [oldToken, newToken] = mails.map((m) => invitationToken(m.textBody));
    expect(oldToken).not.toBe(newToken);
    expect((await caught(acceptInvitation(oldToken, pw(NEW_PASSWORD), "pl", null))).code).toBe(
      "gone",
    );
    await acceptInvitation(newToken, pw(NEW_PASSWORD), "pl", null);
    expect((await signIn(email, NEW_PASSWORD, new Headers())).ok).toBe(true);
  });

  it("joins an existing account only when its owner is signed in, and never across centres", async () => {
    // An account of this centre (the coordinator) gets a second employee record invitation.
    const coordinatorEmail = s.users.coordinator.email;
    const id = await newEmployee("own", coordinatorEmail);
    await db().update(employee).set({ userId: null }).where(eq(employee.id, id));
    await inviteEmployee(admin, id);
    const [mail] = await mailsTo(coordinatorEmail, "invitation");
    const token = invitationToken(mail.textBody);
    expect((await describeInvitation(token)).hasAccount).toBe(true);
    const anonymous = await caught(acceptInvitation(token, {}, "pl", null));
    expect(anonymous.fieldErrors).toEqual({ _form: "errors.signInToJoin" });
    const stranger = await caught(acceptInvitation(token, {}, "pl", s.users.employee.userId));
    expect(stranger.fieldErrors).toEqual({ _form: "errors.signInToJoin" });
    await acceptInvitation(token, {}, "pl", s.users.coordinator.userId);
    const [linked] = await db().select().from(employee).where(eq(employee.id, id));
    expect(linked.userId).toBe(s.users.coordinator.userId);

    // An account of another centre is refused, even signed in, and the link stays usable.
    const other = await seedCentreWithRoles("OPS Inny", "inny.pl");
    const otherId = await newEmployee("other", other.users.employee.email);
    await inviteEmployee(admin, otherId);
    const [otherMail] = await mailsTo(other.users.employee.email, "invitation");
    const otherToken = invitationToken(otherMail.textBody);
    const refused = await caught(
      acceptInvitation(otherToken, {}, "pl", other.users.employee.userId),
    );
    expect(refused.fieldErrors).toEqual({ _form: "errors.accountInOtherCentre" });
    expect((await describeInvitation(otherToken)).email).toBe(other.users.employee.email);
  });

  it("shuts a deactivated employee out at once", async () => {
    const id = await newEmployee("leaver", "odchodzacy@testowo.pl");
    await inviteEmployee(admin, id);
    const [mail] = await mailsTo("odchodzacy@testowo.pl", "invitation");
    await acceptInvitation(invitationToken(mail.textBody), pw(NEW_PASSWORD), "pl", null);
    const [row] = await db().select().from(employee).where(eq(employee.id, id));
    expect(await loadActor(row.userId!)).not.toBeNull();
    await db()
      .insert(session)
      .values({
        id: "leaver-session",
        token: "leaver-token",
        userId: row.userId!,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
    // The form sends "false" from the hidden field in front of an unticked box.
    await saveEmployee(admin, id, {
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      employeeNumber: row.employeeNumber,
      active: "false",
    });
    expect(await loadActor(row.userId!)).toBeNull();
    // Signed out everywhere, not only refused.
    expect(await db().select().from(session).where(eq(session.userId, row.userId!))).toEqual([]);
  });

  it("invites several at once: the selected, or everyone not yet invited", async () => {
    const a = await newEmployee("bulk-a", "bulk.a@testowo.pl");
    const b = await newEmployee("bulk-b", "bulk.b@testowo.pl");
    const c = await newEmployee("bulk-c", "bulk.c@testowo.pl");
    const other = await seedCentreWithRoles("OPS Obcy", "obcy.pl");
    const r = await inviteEmployees(admin, {
      ids: [a, b, s.users.employee.employeeId, other.employeeInUnitB.id, "nie-uuid"],
    });
    expect(r).toEqual({ invited: 2, skipped: 3 });
    expect(await mailsTo("bulk.a@testowo.pl", "invitation")).toHaveLength(1);
    expect(await mailsTo(other.employeeInUnitB.email, "invitation")).toHaveLength(0);

    // "All" picks only those with neither an account nor an open invitation: c among them.
    const all = await inviteEmployees(admin, { allNotInvited: true });
    expect(all.invited).toBeGreaterThanOrEqual(1);
    expect(await mailsTo("bulk.c@testowo.pl", "invitation")).toHaveLength(1);
    expect(await mailsTo("bulk.a@testowo.pl", "invitation")).toHaveLength(1);
    const statuses = await accountStatuses(
      admin,
      [a, b, c].map((id) => ({ id, hasAccount: false, active: true })),
    );
    expect([...statuses.values()]).toEqual(["invited", "invited", "invited"]);
    expect((await inviteEmployees(admin, { allNotInvited: true })).invited).toBe(0);

    expect((await caught(inviteEmployees(admin, { ids: [] }))).fieldErrors).toEqual({
      ids: "errors.noneSelected",
    });
    const coordinator = await actorFor(s.users.coordinator.userId);
    expect((await caught(inviteEmployees(coordinator, { allNotInvited: true }))).code).toBe(
      "forbidden",
    );
  });

  it("sends a password reset whose link works once", async () => {
    const email = s.users.specialist.email;
    await requestPasswordReset(email.toUpperCase());
    const [mail] = await waitForMail(email, "password_reset", 1);
    expect(mail.centreId).toBe(s.centre.id);
    const token = resetToken(mail.textBody);
    expect(token).not.toBe("");
    await expect(checkResetToken(token)).resolves.toBeUndefined();

    const mismatch = await caught(
      resetPassword(token, { password: NEW_PASSWORD, passwordConfirm: "inne" }),
    );
    expect(mismatch.fieldErrors).toMatchObject({ passwordConfirm: "errors.passwordMismatch" });

    await resetPassword(token, pw(NEW_PASSWORD));
    expect((await signIn(email, NEW_PASSWORD, new Headers())).ok).toBe(true);
    expect((await signIn(email, FIXTURE_PASSWORD, new Headers())).ok).toBe(false);

    expect((await caught(resetPassword(token, pw("jeszcze-inne-haslo")))).code).toBe("gone");
    expect((await caught(checkResetToken(token))).code).toBe("gone");
    expect((await signIn(email, NEW_PASSWORD, new Headers())).ok).toBe(true);
  });

  it("sends nothing for an unknown address, yet answers the same", async () => {
    await expect(requestPasswordReset("nikt@nigdzie.pl")).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(await mailsTo("nikt@nigdzie.pl", "password_reset")).toEqual([]);
  });

  it("refuses unknown reset tokens and a malformed address", async () => {
    expect((await caught(checkResetToken("nie-ma-takiego"))).code).toBe("gone");
    expect((await caught(resetPassword("nie-ma-takiego", pw(NEW_PASSWORD)))).code).toBe("gone");
    expect((await caught(requestPasswordReset("to nie adres"))).fieldErrors).toEqual({
      email: "errors.email",
    });
  });
});
