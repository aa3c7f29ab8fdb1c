// What the rush benchmarks' seed scripts share: the database of DATABASE_URL opened and closed
// around them, what they seed written to OUT_FILE, and a centre's staff signed in. Accounts
// and sessions are made directly: signing hundreds of people in through the login form would
// measure password hashing and trip its rate limit.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { auth, SESSION_COOKIE_PREFIX } from "../../modules/access/auth.ts";
import { roleAssignment, session, user } from "../../modules/access/schema.ts";
import { seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { employee } from "../../modules/org/schema.ts";
import { seedStaff } from "../../modules/programme/enrol-test-fixtures.ts";
import { config } from "../../platform/config.ts";
import { db, startDatabase } from "../../platform/db.ts";

/**
 * Runs the seed on the database, writes its `out` to OUT_FILE for the benchmark, prints its
 * `summary` as one JSON line, and closes the database.
 */
export async function seedRush(seed: () => Promise<{ out: object; summary: object }>) {
  const outFile = process.env.OUT_FILE;
  if (!outFile) throw new Error("OUT_FILE is not set");
  const database = await startDatabase();
  try {
    await auth();
    const { out, summary } = await seed();
    fs.writeFileSync(outFile, JSON.stringify(out));
    console.log(JSON.stringify(summary));
  } finally {
    await database.close();
  }
}

/**
 * A centre with `people` employees, each with an account (role employee) and a session. The
 * ids and the session cookies come in the same order.
 */
export async function signedInStaff(o: {
  centreName: string;
  domain: string;
  /** Starts the employees' numbers, so two benchmarks' people differ. */
  prefix: string;
  people: number;
}) {
  const secret = config().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: the cookies are signed with it");
  /** The session cookie better-auth expects: the token, a dot, its HMAC-SHA256 in base64. */
  const sessionCookie = (token: string) => {
    const signature = createHmac("sha256", secret).update(token).digest("base64");
    return `${SESSION_COOKIE_PREFIX}.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
  };
  const s = await seedCentreWithRoles(o.centreName, o.domain);
  const employeeIds = await seedStaff(db(), s.centre.id, {
    n: o.people,
    prefix: o.prefix,
    unitId: s.unitA.id,
    positionId: s.position.id,
  });
  const staff = await db()
    .select({ id: employee.id, email: employee.email, firstName: employee.firstName })
    .from(employee)
    .where(inArray(employee.id, employeeIds));
  const byId = new Map(staff.map((e) => [e.id, e]));
  const cookies: string[] = [];
  await db().transaction(async (tx) => {
    const expiresAt = new Date(Date.now() + 12 * 3_600_000);
    for (const id of employeeIds) {
      const e = byId.get(id)!;
      const userId = randomUUID();
      const token = randomBytes(24).toString("base64url");
      await tx
        .insert(user)
        .values({ id: userId, name: e.firstName, email: e.email, emailVerified: true });
      await tx.update(employee).set({ userId }).where(eq(employee.id, e.id));
      await tx.insert(roleAssignment).values({ centreId: s.centre.id, userId, role: "employee" });
      await tx.insert(session).values({ id: randomUUID(), token, expiresAt, userId });
      cookies.push(sessionCookie(token));
    }
  });
  return { centreId: s.centre.id, employeeIds, cookies };
}
