import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "./db.ts";
import { polishSortKey } from "./sql.ts";
import { openTestDatabase, testDbKinds } from "./testing.ts";

describe.each(testDbKinds)("polishSortKey (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
  });
  afterAll(() => d.drop());

  it("sorts surnames in Polish alphabetical order, capitals included", async () => {
    const names = [
      "Żak",
      "Zieliński",
      "Łęcka",
      "Lis",
      "Mazur",
      "Ćwik",
      "Czarnecka",
      "Cebula",
      "Śliwa",
      "Sowa",
      "Źrebiec",
      "Ząbek",
      "Ostrowski",
      "Ósma",
      "Adamczyk",
      "Ąbek",
    ];
    const values = sql.join(
      names.map((n) => sql`(${n})`),
      sql`, `,
    );
    const rows = (await db().execute(
      sql`select n from (values ${values}) as v(n) order by ${polishSortKey(sql.raw("n"))}`,
    )) as unknown as { rows: { n: string }[] };
    expect(rows.rows.map((r) => r.n)).toEqual([
      "Adamczyk",
      "Ąbek",
      "Cebula",
      "Czarnecka",
      "Ćwik",
      "Lis",
      "Łęcka",
      "Mazur",
      "Ostrowski",
      "Ósma",
      "Sowa",
      "Śliwa",
      "Ząbek",
      "Zieliński",
      "Źrebiec",
      "Żak",
    ]);
  });
});
