// Seeds the database of DATABASE_URL for `enrol-rush`: a centre with PEOPLE employees, each
// with an account and a signed-in session (made directly: signing 400 people in through the
// login form would measure password hashing and trip its rate limit), an activity of PLACES
// places, one for the warm-up and one for the ceiling's inserts. Writes the session cookies
// and ids to OUT_FILE, closes the database and prints one JSON line.
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import { eq, inArray } from "drizzle-orm";
import { auth, SESSION_COOKIE_PREFIX } from "../../modules/access/auth.ts";
import { roleAssignment, session, user } from "../../modules/access/schema.ts";
import { seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { employee } from "../../modules/org/schema.ts";
import { seedEnrolActivity, seedStaff } from "../../modules/programme/enrol-test-fixtures.ts";
import { config } from "../../platform/config.ts";
import { db, startDatabase } from "../../platform/db.ts";

const people = Number(process.env.PEOPLE ?? 400);
const places = Number(process.env.PLACES ?? 20);
const outFile = process.env.OUT_FILE;
if (!outFile) throw new Error("OUT_FILE is not set");
const secret = config().AUTH_SECRET;
if (!secret) throw new Error("AUTH_SECRET is not set: the cookies are signed with it");

/** The session cookie better-auth expects: the token, a dot, its HMAC-SHA256 in base64. */
function sessionCookie(token: string): string {
  const signature = createHmac("sha256", secret!).update(token).digest("base64");
  return `${SESSION_COOKIE_PREFIX}.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

const database = await startDatabase();
try {
  await auth();
  const s = await seedCentreWithRoles("MOPR Zapisy", "zapisy.testowo.pl");
  const ids = await seedStaff(db(), s.centre.id, {
    n: people,
    prefix: "Z",
    unitId: s.unitA.id,
    positionId: s.position.id,
  });
  const staff = await db()
    .select({ id: employee.id, email: employee.email, firstName: employee.firstName })
    .from(employee)
    .where(inArray(employee.id, ids));
  const cookies: string[] = [];
  await db().transaction(async (tx) => {
    const expiresAt = new Date(Date.now() + 12 * 3_600_000);
    for (const e of staff) {
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
  const { activity } = await seedEnrolActivity(db(), s.centre.id, {
    capacity: places,
    title: "Trudny klient — deeskalacja (zapisy)",
  });
  const warm = await seedEnrolActivity(db(), s.centre.id, {
    capacity: 10_000,
    title: "Rozgrzewka",
  });
  const ceiling = await seedEnrolActivity(db(), s.centre.id, {
    capacity: 10_000,
    title: "Sufit: same wstawienia",
  });
  const out = {
    centreId: s.centre.id,
    activityId: activity.id,
    warmActivityId: warm.activity.id,
    ceilingActivityId: ceiling.activity.id,
    employeeIds: staff.map((e) => e.id),
    cookies,
  };
  fs.writeFileSync(outFile, JSON.stringify(out));
  console.log(JSON.stringify({ activityId: activity.id, people: cookies.length }));
} finally {
  await database.close();
}
