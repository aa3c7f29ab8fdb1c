// Seeds the benchmark database (DATA_DIR or DATABASE_URL from the environment) with a centre
// and one account per role, then closes it, so the server can open the same PGlite directory.
// Prints one JSON line: the administrator's e-mail and password.
import { auth } from "../../modules/access/auth.ts";
import { FIXTURE_PASSWORD, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { startDatabase } from "../../platform/db.ts";

const database = await startDatabase();
try {
  // Makes (and stores) the auth secret before the fixture's transaction: inside it, the first
  // auth() would write through the outer handle, which waits on PGlite's open transaction.
  await auth();
  const seeded = await seedCentreWithRoles("MOPS Benchmark", "bench.testowo.pl");
  console.log(
    JSON.stringify({ email: seeded.users.administrator.email, password: FIXTURE_PASSWORD }),
  );
} finally {
  await database.close();
}
