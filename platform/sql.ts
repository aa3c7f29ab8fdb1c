import { type AnyColumn, ilike, or, type SQL, sql } from "drizzle-orm";

// Polish alphabetical order without ICU collations (PGlite has none, and many PostgreSQL
// installations run with the C locale): each diacritic letter becomes its base letter followed
// by a character that sorts after "z", so "ą" comes after every "a…" and before "b".
const POLISH: [string, string][] = [
  ["ą", "a{"],
  ["ć", "c{"],
  ["ę", "e{"],
  ["ł", "l{"],
  ["ń", "n{"],
  ["ó", "o{"],
  ["ś", "s{"],
  ["ź", "z{"],
  ["ż", "z|"],
];

/** An ORDER BY expression that sorts Polish text alphabetically. */
export function polishSortKey(column: AnyColumn | SQL): SQL {
  let expr: SQL = sql`lower(${column})`;
  for (const [from, to] of POLISH) {
    expr = sql`replace(${expr}, ${from}, ${to})`;
    // lower() leaves non-ASCII capitals alone under the C locale.
    expr = sql`replace(${expr}, ${from.toUpperCase()}, ${to})`;
  }
  return expr;
}

/** A LIKE pattern that finds the text anywhere, with `%`, `_` and `\` in it taken literally. */
export function containing(text: string): string {
  return `%${text.replace(/[%_\\]/g, "\\$&")}%`;
}

/**
 * A search box's words (the first five) as conditions to AND: each word must appear,
 * whatever its case, in one of the columns.
 */
export function searchWords(q: string, columns: (AnyColumn | SQL)[]): SQL[] {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 5)
    .map((w) => or(...columns.map((c) => ilike(c, containing(w))))!);
}
