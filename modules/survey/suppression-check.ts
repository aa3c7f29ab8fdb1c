/**
 * An independent check of a suppression: given what is published, can any hidden group or any
 * small cell be worked out? Written apart from `suppression.ts` on purpose — dense Gaussian
 * elimination with fraction.js on the transposed system, empty cells added as known rows rather
 * than dropped — so that a test of one against the other is a real test.
 */
import Fraction from "fraction.js";
import { type SuppressionInput, suppressionInputSchema } from "./suppression.ts";

export type Disclosure = {
  /** aggregate — a hidden aggregate is derivable; cell — a small atomic cell is derivable;
   *  small-published — an aggregate with 0 < n < k is published outright. */
  kind: "aggregate" | "cell" | "small-published";
  key: string;
  n: number;
  /** A derivation: coefficient (as "p/q") per published aggregate, and per known-empty cell
   *  under the key `empty:<cell key>`. Absent for small-published. */
  witness?: Record<string, string>;
};

export type CheckResult = { ok: boolean; disclosures: Disclosure[] };

const ZERO = new Fraction(0);
const isZero = (x: Fraction) => x.n === 0n;

/**
 * Checks every hidden aggregate with n > 0 and every atomic cell with 0 < n < k against the
 * published aggregates, each empty cell counting as known.
 */
export function checkNoDisclosure(
  raw: SuppressionInput,
  published: readonly string[],
): CheckResult {
  const input = suppressionInputSchema.parse(raw);
  const cellN = new Map(input.cells.map((c) => [c.key, c.n]));
  const byKey = new Map(input.aggregates.map((a) => [a.key, a]));
  for (const key of published) if (!byKey.has(key)) throw new Error(`unknown aggregate ${key}`);
  const shown = new Set(published);
  const sizeOf = (cells: readonly string[]) => cells.reduce((s, c) => s + cellN.get(c)!, 0);

  const disclosures: Disclosure[] = [];
  const targets: { kind: "aggregate" | "cell"; key: string; n: number; cells: string[] }[] = [];
  for (const a of input.aggregates) {
    const n = sizeOf(a.cells);
    if (shown.has(a.key)) {
      if (n > 0 && n < input.k) disclosures.push({ kind: "small-published", key: a.key, n });
    } else if (n > 0) {
      targets.push({ kind: "aggregate", key: a.key, n, cells: a.cells });
    }
  }
  for (const c of input.cells) {
    if (c.n > 0 && c.n < input.k)
      targets.push({ kind: "cell", key: c.key, n: c.n, cells: [c.key] });
  }

  const witnesses = solveAll(
    input,
    published,
    targets.map((t) => t.cells),
  );
  for (const [i, t] of targets.entries()) {
    const witness = witnesses[i];
    if (witness) disclosures.push({ kind: t.kind, key: t.key, n: t.n, witness });
  }
  return { ok: disclosures.length === 0, disclosures };
}

/**
 * A derivation of the 0/1 combination of `cells` from the published aggregates and the known
 * empty cells, or null if none exists. Usable for any set, e.g. a union of several cells.
 */
export function derivation(
  raw: SuppressionInput,
  published: readonly string[],
  cells: readonly string[],
): Record<string, string> | null {
  const input = suppressionInputSchema.parse(raw);
  const known = new Set(input.cells.map((c) => c.key));
  for (const c of cells) if (!known.has(c)) throw new Error(`unknown cell ${c}`);
  return solveAll(input, published, [cells])[0];
}

/**
 * Solves Mᵀ·x = v for every target v at once, M having one row per published aggregate and one
 * per empty cell. A target is derivable exactly when its system is consistent. Both answers are
 * verified by plain multiplication: a solution must rebuild the target, and an inconsistent
 * system yields y with M·y = 0 and v·y ≠ 0 — two data sets differing by y agree on every
 * published figure and on the empty cells, yet differ on the target.
 */
function solveAll(
  input: SuppressionInput,
  published: readonly string[],
  targets: readonly (readonly string[])[],
): (Record<string, string> | null)[] {
  const cellIndex = new Map(input.cells.map((c, i) => [c.key, i]));
  const byKey = new Map(input.aggregates.map((a) => [a.key, a]));
  const rows: { label: string; cols: number[] }[] = [
    ...published.map((key) => ({
      label: key,
      cols: byKey.get(key)!.cells.map((c) => cellIndex.get(c)!),
    })),
    ...input.cells
      .map((c, i) => ({ label: `empty:${c.key}`, cols: [i], n: c.n }))
      .filter((r) => r.n === 0),
  ];
  const m = input.cells.length;
  const r = rows.length;
  const t = targets.length;
  if (t === 0) return [];

  // Augmented matrix: one equation per cell; one unknown per row of M; one right-hand side per
  // target; then an identity block that records the row operations (for the certificates).
  const width = r + t + m;
  const a: Fraction[][] = Array.from({ length: m }, () => new Array<Fraction>(width).fill(ZERO));
  const one = new Fraction(1);
  for (const [j, row] of rows.entries()) for (const c of row.cols) a[c][j] = one;
  for (const [j, cells] of targets.entries())
    for (const c of cells) a[cellIndex.get(c)!][r + j] = one;
  for (let i = 0; i < m; i++) a[i][r + t + i] = one;

  // Gauss–Jordan on the first r columns.
  const pivotColumns: number[] = [];
  let pr = 0;
  for (let col = 0; col < r && pr < m; col++) {
    let found = -1;
    for (let i = pr; i < m; i++) {
      if (!isZero(a[i][col])) {
        found = i;
        break;
      }
    }
    if (found < 0) continue;
    [a[pr], a[found]] = [a[found], a[pr]];
    const inv = a[pr][col].inverse();
    for (let j = col; j < width; j++) if (!isZero(a[pr][j])) a[pr][j] = a[pr][j].mul(inv);
    for (let i = 0; i < m; i++) {
      if (i === pr || isZero(a[i][col])) continue;
      const f = a[i][col];
      for (let j = col; j < width; j++) {
        if (!isZero(a[pr][j])) a[i][j] = a[i][j].sub(f.mul(a[pr][j]));
      }
    }
    pivotColumns.push(col);
    pr++;
  }

  return targets.map((cells, j) => {
    const want = new Set(cells.map((c) => cellIndex.get(c)!));
    // Consistent iff every equation left without a pivot has a zero right-hand side.
    const inconsistent = a.findIndex((row, i) => i >= pr && !isZero(row[r + j]));
    if (inconsistent >= 0) {
      const y = a[inconsistent].slice(r + t);
      const sum = (cols: Iterable<number>) => {
        let s = ZERO;
        for (const c of cols) s = s.add(y[c]);
        return s;
      };
      if (rows.some((row) => !isZero(sum(row.cols))) || isZero(sum(want))) {
        throw new Error("certificate of non-derivability does not verify");
      }
      return null;
    }
    const x = new Array<Fraction>(r).fill(ZERO);
    for (const [i, col] of pivotColumns.entries()) x[col] = a[i][r + j];
    // Multiply back: the witness must rebuild the target exactly.
    const rebuilt = new Array<Fraction>(m).fill(ZERO);
    for (const [k, row] of rows.entries()) {
      if (isZero(x[k])) continue;
      for (const c of row.cols) rebuilt[c] = rebuilt[c].add(x[k]);
    }
    for (let c = 0; c < m; c++) {
      if (!rebuilt[c].equals(want.has(c) ? 1 : 0)) throw new Error("witness does not rebuild");
    }
    const witness: Record<string, string> = {};
    for (const [k, row] of rows.entries())
      if (!isZero(x[k])) witness[row.label] = x[k].toFraction();
    return witness;
  });
}
