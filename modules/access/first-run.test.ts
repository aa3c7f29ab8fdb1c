import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { centre } from "../org/schema.ts";
import { checkSetupLink, completeSetup, prepareFirstRun } from "./first-run.ts";
import { roleAssignment, user } from "./schema.ts";
import { signIn } from "./sign-in.ts";

const PASSWORD = "bardzo-tajne-haslo";
const form = (over: Record<string, string> = {}) => ({
  centreName: "MOPS Gdańsk",
  centreType: "MOPS",
  city: "Gdańsk",
  firstName: "Żaneta",
  lastName: "Łęcka",
  email: "Zaneta.Lecka@gdansk.pl",
  password: PASSWORD,
  passwordConfirm: PASSWORD,
  ...over,
});
const tokenOf = (url: string) => url.split("/setup/")[1];

async function counts() {
  const [c] = await db().select({ n: count() }).from(centre);
  const [u] = await db().select({ n: count() }).from(user);
  const [r] = await db().select({ n: count() }).from(roleAssignment);
  return { centres: c.n, users: u.n, roles: r.n };
}

describe.each(testDbKinds)("first run (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
  });
  afterAll(() => d.drop());

  it("refuses bad input with field errors and creates nothing", async () => {
    const token = tokenOf((await prepareFirstRun())!);
    const mismatch = await caught(
      completeSetup(token, form({ passwordConfirm: `${PASSWORD}x` }), "pl"),
    );
    expect(mismatch.code).toBe("validation");
    expect(mismatch.fieldErrors).toMatchObject({ passwordConfirm: "errors.passwordMismatch" });

    const short = await caught(
      completeSetup(token, form({ password: "krotkie", passwordConfirm: "krotkie" }), "pl"),
    );
    expect(short.code).toBe("validation");
    expect(short.fieldErrors).toMatchObject({ password: "errors.passwordTooShort" });

    const empty = await caught(
      completeSetup(token, form({ centreName: "", email: "nie-adres" }), "pl"),
    );
    expect(empty.fieldErrors).toMatchObject({
      centreName: "errors.required",
      email: "errors.email",
    });

    expect(await counts()).toEqual({ centres: 0, users: 0, roles: 0 });
    // The link survives a rejected form.
    await expect(checkSetupLink(token)).resolves.toBeUndefined();
  });

  it("makes a fresh link each time and the earlier one stops working", async () => {
    const first = tokenOf((await prepareFirstRun())!);
    const second = tokenOf((await prepareFirstRun())!);
    expect(first).not.toBe(second);
    expect((await caught(checkSetupLink(first))).code).toBe("gone");
    expect((await caught(completeSetup(first, form(), "pl"))).code).toBe("gone");
    await expect(checkSetupLink(second)).resolves.toBeUndefined();
    expect((await counts()).centres).toBe(0);
  });

  it("refuses an expired link", async () => {
    const token = tokenOf((await prepareFirstRun())!);
    await d.raw(
      "update one_time_link set expires_at = now() - interval '1 minute' where used_at is null",
    );
    expect((await caught(checkSetupLink(token))).code).toBe("gone");
    expect((await caught(completeSetup(token, form(), "pl"))).code).toBe("gone");
    expect((await counts()).centres).toBe(0);
  });

  it("sets up the centre and its administrator, who can then sign in", async () => {
    const url = await prepareFirstRun();
    expect(url).toMatch(/^https?:\/\/.+\/setup\/[A-Za-z0-9_-]{20,}$/);
    const token = tokenOf(url!);
    const r = await completeSetup(token, form(), "pl");
    expect(r.email).toBe("zaneta.lecka@gdansk.pl");

    const [c] = await db().select().from(centre);
    expect(c).toMatchObject({ id: r.centreId, name: "MOPS Gdańsk", type: "MOPS", city: "Gdańsk" });
    const roles = await db().select().from(roleAssignment);
    expect(roles.map((x) => x.role).sort()).toEqual(["administrator", "employee"]);
    expect(roles.every((x) => x.userId === r.userId && x.centreId === r.centreId)).toBe(true);
    const audit = await d.raw("select action, entity_id from audit_log order by id");
    expect(audit.rows).toEqual([
      { action: "survey.instrument.seed", entity_id: r.centreId },
      { action: "installation.setup", entity_id: r.centreId },
    ]);
    // The new centre can run its first survey at once: the shipped questionnaires are there.
    const instruments = await d.raw(
      "select slug, version from survey_instrument where centre_id = $1 order by slug",
      [r.centreId],
    );
    expect(instruments.rows).toEqual([
      { slug: "obciazenie-zawodowe", version: 1 },
      { slug: "ocena-obslugi", version: 1 },
    ]);

    const ok = await signIn("zaneta.lecka@gdansk.pl", PASSWORD, new Headers());
    expect(ok.ok).toBe(true);
    const bad = await signIn("zaneta.lecka@gdansk.pl", `${PASSWORD}!`, new Headers());
    expect(bad.ok).toBe(false);

    // The same link again: gone, and nothing more is created.
    expect((await caught(completeSetup(token, form({ email: "inny@gdansk.pl" }), "pl"))).code).toBe(
      "gone",
    );
    expect((await caught(checkSetupLink(token))).code).toBe("gone");
    expect(await counts()).toEqual({ centres: 1, users: 1, roles: 2 });
  });

  it("offers no setup link once a centre exists", async () => {
    expect(await prepareFirstRun()).toBeNull();
  });
});
