// Seeds the database of DATABASE_URL for `enrol-rush`: a centre with PEOPLE signed-in employees
// (rush-seed.ts), an activity of PLACES places, one for the warm-up and one for the ceiling's
// inserts. Writes the session cookies and ids to OUT_FILE, closes the database and prints one
// JSON line.
import { seedEnrolActivity } from "../../modules/programme/enrol-test-fixtures.ts";
import { db } from "../../platform/db.ts";
import { seedRush, signedInStaff } from "./rush-seed.ts";

const people = Number(process.env.PEOPLE ?? 400);
const places = Number(process.env.PLACES ?? 20);

await seedRush(async () => {
  const staff = await signedInStaff({
    centreName: "MOPR Zapisy",
    domain: "zapisy.testowo.pl",
    prefix: "Z",
    people,
  });
  const { activity } = await seedEnrolActivity(db(), staff.centreId, {
    capacity: places,
    title: "Trudny klient — deeskalacja (zapisy)",
  });
  const warm = await seedEnrolActivity(db(), staff.centreId, {
    capacity: 10_000,
    title: "Rozgrzewka",
  });
  const ceiling = await seedEnrolActivity(db(), staff.centreId, {
    capacity: 10_000,
    title: "Sufit: same wstawienia",
  });
  return {
    out: {
      ...staff,
      activityId: activity.id,
      warmActivityId: warm.activity.id,
      ceilingActivityId: ceiling.activity.id,
    },
    summary: { activityId: activity.id, people: staff.cookies.length },
  };
});
