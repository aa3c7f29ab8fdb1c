import { and, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "./db.ts";
import { polishSortKey, searchWords } from "./sql.ts";
import { openTestDatabase, testDbKinds } from "./testing.ts";

describe.each(testDbKinds)("SQL helpers (%s)", (kind) => {
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

  it("finds every word of a search in any column, whatever its case, wildcards taken literally", async () => {
    const rows = [
      ["Anna Kowalska", "Dział kadr"],
      ["Jan Nowak", "kadry_2"],
      ["Ewa Kowal", "50% etatu"],
      ["Piotr Lis", "500 godzin"],
    ];
    const values = sql.join(
      rows.map(([a, b]) => sql`(${a}, ${b})`),
      sql`, `,
    );
    const find = async (q: string) => {
      const where = and(...searchWords(q, [sql.raw("a"), sql.raw("b")]));
      const r = (await db().execute(
        sql`select a from (values ${values}) as v(a, b) where ${where ?? sql`true`} order by a`,
      )) as unknown as { rows: { a: string }[] };
      return r.rows.map((x) => x.a);
    };
    expect(await find("kowal KADR")).toEqual(["Anna Kowalska"]);
    expect(await find("50%")).toEqual(["Ewa Kowal"]);
    expect(await find("y_")).toEqual(["Jan Nowak"]);
    expect(await find("  ")).toHaveLength(4);
  });
});
