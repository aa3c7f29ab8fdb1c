import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "./actor.ts";
import { API_KEY_ROLES, apiKeyActorId } from "./api-keys.ts";
import { actorFromApiKey, LAST_USED_RESOLUTION_MS } from "./api-keys-authenticate.ts";
import { runApiKeyCommand } from "./api-keys-cli.ts";
import { createApiKey, createApiKeyForCentre } from "./api-keys-create.ts";
import { listApiKeys } from "./api-keys-list.ts";
import { revokeApiKey } from "./api-keys-revoke.ts";
import { looksLikeApiKey, newApiKey } from "./api-keys-secret.ts";
import { apiKey } from "./schema.ts";
import { actorFor, seedCentreWithRoles } from "./test-fixtures.ts";

const bearer = (key: string) => `Bearer ${key}`;

describe("key format", () => {
  it("is prz_, an 8-character id kept as the prefix, and 256 random bits", () => {
    const a = newApiKey();
    const b = newApiKey();
    expect(a.key).toMatch(/^prz_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(a.key.startsWith(`${a.prefix}_`)).toBe(true);
    expect(a.prefix).toHaveLength(12);
    expect(a.hash).toBe(hashToken(a.key));
    expect(a.hash).not.toContain(a.key.slice(13));
    expect(b.key).not.toBe(a.key);
    expect(looksLikeApiKey(a.key)).toBe(true);
    expect(looksLikeApiKey(`${a.key}x`)).toBe(false);
    expect(looksLikeApiKey("prz_12345678")).toBe(false);
  });

  it("offers every role but manager", () => {
    expect(API_KEY_ROLES).not.toContain("manager");
    expect(API_KEY_ROLES).toContain("administrator");
    expect(API_KEY_ROLES).toContain("coordinator");
  });
});

describe.each(testDbKinds)("API keys (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let admin: Actor;
  let otherAdmin: Actor;

  const keyRows = (centreId: string) =>
    db().select().from(apiKey).where(eq(apiKey.centreId, centreId));
  const auditOf = (keyId: string) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "api_key"), eq(auditLog.entityId, keyId)));

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    admin = await actorFor(s.users.administrator.userId);
    otherAdmin = await actorFor(other.users.administrator.userId);
  });
  afterAll(() => d.drop());

  describe("createApiKey", () => {
    it("shows the key once, stores only its hash and the prefix, and audits", async () => {
      const k = await createApiKey(admin, { name: " System kadrowy ", role: "coordinator" });
      expect(k).toMatchObject({ name: "System kadrowy", role: "coordinator" });
      expect(looksLikeApiKey(k.key)).toBe(true);
      const [row] = (await keyRows(s.centre.id)).filter((r) => r.id === k.id);
      expect(row).toMatchObject({
        centreId: s.centre.id,
        name: "System kadrowy",
        role: "coordinator",
        prefix: k.key.slice(0, 12),
        keyHash: hashToken(k.key),
        createdByUserId: admin.userId,
        lastUsedAt: null,
        revokedAt: null,
      });
      // The key itself is in no column and no audit entry.
      expect(JSON.stringify(row)).not.toContain(k.key);
      const audit = await auditOf(k.id);
      expect(audit.map((a) => a.action)).toEqual(["api_key.create"]);
      expect(audit[0].actorUserId).toBe(admin.userId);
      expect(JSON.stringify(audit[0].details)).not.toContain(k.key);
      expect(audit[0].details).toMatchObject({ role: "coordinator", prefix: k.prefix });
    });

    it("refuses a manager key with a message saying why, and bad names and roles", async () => {
      const before = (await keyRows(s.centre.id)).length;
      const manager = await caught(createApiKey(admin, { name: "Kierownik", role: "manager" }));
      expect(manager.code).toBe("validation");
      expect(manager.fieldErrors).toEqual({ role: "errors.apiKeyManagerRole" });
      const bad = await caught(createApiKey(admin, { name: "", role: "superuser" }));
      expect(bad.fieldErrors).toEqual({ name: "errors.required", role: "errors.invalid" });
      const missing = await caught(createApiKey(admin, { name: "x".repeat(101) }));
      expect(missing.fieldErrors).toEqual({ name: "errors.tooLong", role: "errors.required" });
      expect(await keyRows(s.centre.id)).toHaveLength(before);
    });

    it("is for administrators only", async () => {
      for (const role of ["coordinator", "management", "dpo", "employee"] as const) {
        const actor = await actorFor(s.users[role].userId);
        const err = await caught(createApiKey(actor, { name: "K", role: "employee" }));
        expect(err.code, role).toBe("forbidden");
      }
    });
  });

  describe("actorFromApiKey", () => {
    it("acts with the key's role in its centre, as no person and with no units", async () => {
      const k = await createApiKey(admin, { name: "Kadry", role: "administrator" });
      const actor = await actorFromApiKey(bearer(k.key), "req-1");
      expect(actor).toEqual({
        userId: apiKeyActorId(k.id),
        name: "Kadry",
        email: "",
        locale: null,
        twoFactorEnabled: false,
        centreId: s.centre.id,
        centreName: s.centre.name,
        roles: ["administrator"],
        managedUnitIds: [],
        employeeId: null,
        installationAdmin: false,
        apiKeyId: k.id,
        requestId: "req-1",
      });
      // The scheme's name is case-insensitive (RFC 7235).
      expect((await actorFromApiKey(`bearer ${k.key}`))?.apiKeyId).toBe(k.id);
    });

    it("refuses malformed headers, unknown keys and revoked keys alike", async () => {
      const k = await createApiKey(admin, { name: "Do unieważnienia", role: "coordinator" });
      const unknown = newApiKey().key;
      for (const header of [
        "",
        k.key,
        `Basic ${k.key}`,
        `Bearer`,
        `Bearer ${k.key} extra`,
        `Bearer ${k.key.slice(0, -1)}`,
        `Bearer ${unknown}`,
        `Bearer ${k.prefix}`,
      ]) {
        expect(await actorFromApiKey(header), header).toBeNull();
      }
      await revokeApiKey(admin, k.id);
      expect(await actorFromApiKey(bearer(k.key))).toBeNull();
    });

    it("records the last use at most once a minute", async () => {
      const k = await createApiKey(admin, { name: "Licznik", role: "coordinator" });
      const lastUsed = async () => (await keyRows(s.centre.id)).find((r) => r.id === k.id)!;
      await actorFromApiKey(bearer(k.key));
      const first = (await lastUsed()).lastUsedAt;
      expect(first).toBeInstanceOf(Date);
      expect(Math.abs(Date.now() - first!.getTime())).toBeLessThan(60_000);
      for (let i = 0; i < 5; i++) await actorFromApiKey(bearer(k.key));
      expect((await lastUsed()).lastUsedAt).toEqual(first);

      // A minute later, the next call moves it forward.
      const earlier = new Date(Date.now() - LAST_USED_RESOLUTION_MS - 1000);
      await db().update(apiKey).set({ lastUsedAt: earlier }).where(eq(apiKey.id, k.id));
      await actorFromApiKey(bearer(k.key));
      const moved = (await lastUsed()).lastUsedAt!;
      expect(moved.getTime()).toBeGreaterThan(earlier.getTime() + 1000);
    });
  });

  describe("listApiKeys", () => {
    it("lists the centre's keys with creator, last use and revocation, never another's", async () => {
      const mine = await createApiKey(admin, { name: "Lista — aktywny", role: "dpo" });
      const gone = await createApiKey(admin, { name: "Lista — unieważniony", role: "dpo" });
      await revokeApiKey(admin, gone.id);
      const foreign = await createApiKey(otherAdmin, { name: "Obcy klucz", role: "dpo" });
      const r = await listApiKeys(admin, { q: "Lista" });
      expect(r.total).toBe(2);
      const byId = new Map(r.rows.map((k) => [k.id, k]));
      expect(byId.get(mine.id)).toMatchObject({
        name: "Lista — aktywny",
        role: "dpo",
        prefix: mine.prefix,
        createdBy: "Test administrator",
        lastUsedAt: null,
        revokedAt: null,
      });
      expect(byId.get(gone.id)?.revokedAt).toBeInstanceOf(Date);
      const all = await listApiKeys(admin, {});
      expect(all.rows.map((k) => k.id)).not.toContain(foreign.id);
      expect(JSON.stringify(all)).not.toContain("keyHash");
    });

    it("sorts by name, creation and last use", async () => {
      const names = async (sort: string, dir: string) =>
        (await listApiKeys(admin, { q: "Sort", sort, dir })).rows.map((k) => k.name);
      const a = await createApiKey(admin, { name: "Sort A", role: "dpo" });
      await createApiKey(admin, { name: "Sort B", role: "dpo" });
      const c = await createApiKey(admin, { name: "Sort Ć", role: "dpo" });
      expect(await names("name", "asc")).toEqual(["Sort A", "Sort B", "Sort Ć"]);
      expect(await names("name", "desc")).toEqual(["Sort Ć", "Sort B", "Sort A"]);
      expect(await names("created", "desc")).toEqual(["Sort Ć", "Sort B", "Sort A"]);
      await actorFromApiKey(bearer(c.key));
      await db()
        .update(apiKey)
        .set({ lastUsedAt: new Date(Date.now() - 3_600_000) })
        .where(eq(apiKey.id, a.id));
      // Newest use first, never-used last; and the other way round.
      expect(await names("lastUsed", "desc")).toEqual(["Sort Ć", "Sort A", "Sort B"]);
      expect(await names("lastUsed", "asc")).toEqual(["Sort B", "Sort A", "Sort Ć"]);
    });

    it("is for administrators only", async () => {
      const coordinator = await actorFor(s.users.coordinator.userId);
      expect((await caught(listApiKeys(coordinator))).code).toBe("forbidden");
    });
  });

  describe("revokeApiKey", () => {
    it("revokes once (a second time changes nothing) and audits", async () => {
      const k = await createApiKey(admin, { name: "Raz", role: "dpo" });
      expect(await revokeApiKey(admin, k.id)).toEqual({ revoked: true });
      expect(await revokeApiKey(admin, k.id)).toEqual({ revoked: false });
      const actions = (await auditOf(k.id)).map((a) => a.action).sort();
      expect(actions).toEqual(["api_key.create", "api_key.revoke"]);
    });

    it("treats another centre's key as not found and leaves it working", async () => {
      const foreign = await createApiKey(otherAdmin, { name: "Cudzy", role: "dpo" });
      expect((await caught(revokeApiKey(admin, foreign.id))).code).toBe("not_found");
      expect((await caught(revokeApiKey(admin, "nie-uuid"))).code).toBe("not_found");
      expect(await actorFromApiKey(bearer(foreign.key))).not.toBeNull();
    });

    it("is for administrators only", async () => {
      const k = await createApiKey(admin, { name: "Zostaje", role: "dpo" });
      const dpo = await actorFor(s.users.dpo.userId);
      expect((await caught(revokeApiKey(dpo, k.id))).code).toBe("forbidden");
      expect(await actorFromApiKey(bearer(k.key))).not.toBeNull();
    });
  });

  describe("command line", () => {
    it("creates a key printed once, lists it and revokes it", async () => {
      const created = await runApiKeyCommand("create", {
        centre: s.centre.id,
        role: "coordinator",
        name: "Z wiersza poleceń",
      });
      const key = created.find((l) => looksLikeApiKey(l))!;
      expect(key).toBeDefined();
      const actor = await actorFromApiKey(bearer(key));
      expect(actor?.roles).toEqual(["coordinator"]);
      const [row] = await db()
        .select()
        .from(apiKey)
        .where(eq(apiKey.keyHash, hashToken(key)));
      expect(row.createdByUserId).toBeNull();
      expect((await auditOf(row.id))[0]).toMatchObject({
        action: "api_key.create",
        actorUserId: null,
        details: { via: "cli" },
      });

      const listed = await runApiKeyCommand("list", { centre: s.centre.id });
      const line = listed.find((l) => l.startsWith(row.id))!;
      expect(line).toContain(`${row.prefix}…`);
      expect(line).toContain("active");
      expect(listed.join("\n")).not.toContain(key);

      expect(await runApiKeyCommand("revoke", { id: row.id })).toEqual([
        "Key revoked: it no longer works.",
      ]);
      expect(await actorFromApiKey(bearer(key))).toBeNull();
      expect((await runApiKeyCommand("list", { centre: s.centre.id })).join("\n")).toMatch(
        new RegExp(`${row.id}.*revoked`),
      );
    });

    it("explains what is wrong: unknown centre, manager role, missing id", async () => {
      await expect(
        createApiKeyForCentre("00000000-0000-0000-0000-000000000000", {
          name: "X",
          role: "dpo",
        }),
      ).rejects.toThrow(/--centre ID[\s\S]*MOPS Testowo/);
      await expect(
        runApiKeyCommand("create", { centre: s.centre.id, role: "manager", name: "X" }),
      ).rejects.toThrow(/--role: An API key cannot have the Manager role/);
      await expect(runApiKeyCommand("revoke", {})).rejects.toThrow(/api-key revoke --id/);
      await expect(
        runApiKeyCommand("revoke", { id: "00000000-0000-0000-0000-000000000000" }),
      ).rejects.toThrow("No such key.");
      await expect(runApiKeyCommand("rotate", {})).rejects.toThrow(/Usage/);
    });
  });
});
