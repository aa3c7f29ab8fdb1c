import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { signInThrottle } from "./schema.ts";
import { afterFailure, LOCK_MINUTES, MAX_FAILURES, signIn } from "./sign-in.ts";
import { FIXTURE_PASSWORD, seedCentreWithRoles } from "./test-fixtures.ts";

describe("afterFailure", () => {
  const now = new Date("2026-03-01T10:00:00Z");

  it("counts failures below the limit without locking", () => {
    expect(afterFailure(0, now)).toEqual({ failures: 1, lockedUntil: null });
    expect(afterFailure(MAX_FAILURES - 2, now)).toEqual({
      failures: MAX_FAILURES - 1,
      lockedUntil: null,
    });
  });

  it("locks for the lock period on the last allowed failure and starts counting again", () => {
    const r = afterFailure(MAX_FAILURES - 1, now);
    expect(r.failures).toBe(0);
    expect(r.lockedUntil?.getTime()).toBe(now.getTime() + LOCK_MINUTES * 60_000);
    expect(MAX_FAILURES).toBe(5);
    expect(LOCK_MINUTES).toBe(15);
  });
});

describe.each(testDbKinds)("signIn (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
  });
  afterAll(() => d.drop());

  it("signs in with the right password and sets a session cookie", async () => {
    const r = await signIn(s.users.employee.email, FIXTURE_PASSWORD, new Headers());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.twoFactor).toBe(false);
    expect(r.headers.get("set-cookie")).toMatch(/przystan\.session_token=/);
  });

  it("takes the address in any case and with spaces around it", async () => {
    const r = await signIn(
      `  ${s.users.coordinator.email.toUpperCase()} `,
      FIXTURE_PASSWORD,
      new Headers(),
    );
    expect(r.ok).toBe(true);
  });

  it("answers a wrong password and an unknown address alike", async () => {
    const wrong = await signIn(s.users.specialist.email, "zle-haslo-123456", new Headers());
    const unknown = await signIn("nikt@nigdzie.pl", "zle-haslo-123456", new Headers());
    expect(wrong).toEqual({ ok: false, error: "errors.invalidCredentials" });
    expect(unknown).toEqual({ ok: false, error: "errors.invalidCredentials" });
  });

  it("clears the failure count after a successful sign-in", async () => {
    const email = s.users.management.email;
    await signIn(email, "zle-haslo-123456", new Headers());
    await signIn(email, "zle-haslo-123456", new Headers());
    expect(
      (await db().select().from(signInThrottle).where(eq(signInThrottle.emailKey, email)))[0]
        .failures,
    ).toBe(2);
    expect((await signIn(email, FIXTURE_PASSWORD, new Headers())).ok).toBe(true);
    expect(
      await db().select().from(signInThrottle).where(eq(signInThrottle.emailKey, email)),
    ).toEqual([]);
  });

  it("locks an address after five failures, even against the right password", async () => {
    const email = s.users.dpo.email;
    const results = [];
    for (let i = 0; i < MAX_FAILURES; i++)
      results.push(await signIn(email, `zle-haslo-${i}-xxxx`, new Headers()));
    expect(
      results
        .slice(0, MAX_FAILURES - 1)
        .every((r) => !r.ok && r.error === "errors.invalidCredentials"),
    ).toBe(true);
    expect(results[MAX_FAILURES - 1]).toEqual({ ok: false, error: "errors.accountLocked" });
    expect(await signIn(email, FIXTURE_PASSWORD, new Headers())).toEqual({
      ok: false,
      error: "errors.accountLocked",
    });
    // Another address is not affected.
    expect((await signIn(s.users.safety_officer.email, FIXTURE_PASSWORD, new Headers())).ok).toBe(
      true,
    );
  });

  it("locks an unknown address the same way, so a lock reveals nothing", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++)
      await signIn("obcy@nigdzie.pl", "zle-haslo-123456", new Headers());
    expect(await signIn("obcy@nigdzie.pl", "zle-haslo-123456", new Headers())).toEqual({
      ok: false,
      error: "errors.accountLocked",
    });
  });

  it("lets the address in again once the lock has passed", async () => {
    const email = s.users.dpo.email;
    await d.raw(
      "update sign_in_throttle set locked_until = now() - interval '1 second' where email_key = $1",
      [email],
    );
    expect((await signIn(email, FIXTURE_PASSWORD, new Headers())).ok).toBe(true);
  });
});
