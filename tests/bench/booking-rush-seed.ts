// Seeds the database of DATABASE_URL for `booking-rush`: a centre with PEOPLE signed-in
// employees (rush-seed.ts), a specialist with exactly SLOTS slots on one day, one for the
// warm-up (a slot for each of the first WARMUP people, on another day) and one for the
// ceiling's plain inserts. Writes the cookies and ids to OUT_FILE, closes the database and
// prints one JSON line.
import { seedRushSpecialist } from "../../modules/support/booking-test-fixtures.ts";
import { db } from "../../platform/db.ts";
import { seedRush, signedInStaff } from "./rush-seed.ts";

const people = Number(process.env.PEOPLE ?? 200);
const slots = Number(process.env.SLOTS ?? 20);
const warmup = Number(process.env.WARMUP ?? 40);

await seedRush(async () => {
  // In the order of the ids, so person i aims at slot i % SLOTS.
  const staff = await signedInStaff({
    centreName: "MOPR Konsultacje",
    domain: "konsultacje.testowo.pl",
    prefix: "K",
    people,
  });
  const rush = await seedRushSpecialist(db(), staff.centreId, {
    slots,
    daysAhead: 3,
    name: "Psycholog — zapisy",
  });
  const warm = await seedRushSpecialist(db(), staff.centreId, {
    slots: warmup,
    slotMinutes: 15,
    daysAhead: 5,
    name: "Rozgrzewka",
  });
  const ceiling = await seedRushSpecialist(db(), staff.centreId, {
    slots: 1,
    daysAhead: 7,
    name: "Sufit: same wstawienia",
  });
  return {
    out: {
      ...staff,
      specialistId: rush.specialistId,
      starts: rush.starts,
      warmSpecialistId: warm.specialistId,
      warmStarts: warm.starts,
      ceilingSpecialistId: ceiling.specialistId,
      ceilingFrom: ceiling.starts[0],
    },
    summary: { specialistId: rush.specialistId, people: staff.cookies.length },
  };
});
