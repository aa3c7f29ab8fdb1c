/**
 * Complementary suppression of survey aggregates.
 *
 * Model (see README.md, "Suppression"): respondents fall into atomic cells — (unit, staff
 * group) pairs, the unit being the one recorded on the invitation, leaf or inner. Every figure a
 * cycle publishes for a group (count, sum and sum of squares of each scale, count of each
 * answer of each item) is a sum over respondents, so it is the sum of the same figure over the
 * group's atomic cells: a 0/1 combination of cells. A group's figures can be worked out from the
 * published ones, whatever the answers, exactly when its 0/1 vector over the cells lies in the
 * row space of the published groups' vectors. Cells with no respondents are treated as known to
 * be empty (their coordinates are dropped), because emptiness leaks in many ways (a staff list,
 * a response rate, a published zero) and an empty group protects nobody.
 *
 * Pure functions, no I/O. Arithmetic is exact (rationals over BigInt): a test of rank in
 * floating point can call a dependent vector independent, which here would mean publishing a
 * figure that reveals a small group.
 */
import { z } from "zod";

/** The smallest minimum group size any centre may set (issue 4: "never below 5"). */
export const MIN_GROUP_SIZE = 5;

const keySchema = z.string().min(1).max(400);

export const suppressionInputSchema = z
  .object({
    k: z.number().int().min(MIN_GROUP_SIZE),
    cells: z.array(z.object({ key: keySchema, n: z.number().int().min(0) })),
    aggregates: z.array(z.object({ key: keySchema, cells: z.array(keySchema) })),
  })
  .superRefine((input, ctx) => {
    const cellKeys = new Set<string>();
    for (const [i, c] of input.cells.entries()) {
      if (cellKeys.has(c.key)) {
        ctx.addIssue({ code: "custom", path: ["cells", i, "key"], message: "duplicate cell key" });
      }
      cellKeys.add(c.key);
    }
    const aggregateKeys = new Set<string>();
    for (const [i, a] of input.aggregates.entries()) {
      if (aggregateKeys.has(a.key)) {
        ctx.addIssue({
          code: "custom",
          path: ["aggregates", i, "key"],
          message: "duplicate aggregate key",
        });
      }
      aggregateKeys.add(a.key);
      const seen = new Set<string>();
      for (const [j, c] of a.cells.entries()) {
        if (!cellKeys.has(c) || seen.has(c)) {
          ctx.addIssue({
            code: "custom",
            path: ["aggregates", i, "cells", j],
            message: seen.has(c) ? "cell listed twice" : "unknown cell",
          });
        }
        seen.add(c);
      }
    }
  });

export type SuppressionInput = z.infer<typeof suppressionInputSchema>;

/**
 * published — shown; empty — no respondents, nothing to protect and nothing it can reveal;
 * small — 0 < n < k; complementary — hidden so that a hidden group or a small cell cannot be
 * worked out from the published figures.
 */
export type AggregateState = "published" | "empty" | "small" | "complementary";

export type ProtectedTarget = { kind: "aggregate" | "cell"; key: string };

export type AggregateDecision = {
  key: string;
  n: number;
  state: AggregateState;
  /** For a complementary suppression: the hidden group or small cell it keeps underivable. */
  protects?: ProtectedTarget;
};

export type SuppressionResult = {
  /** One decision per input aggregate, in input order. */
  decisions: AggregateDecision[];
  published: string[];
  empty: string[];
  /** Small first, then complementary ones in the order they were chosen. */
  hidden: string[];
};

/**
 * Decides which aggregates to hide. Guarantee (with every empty cell taken as known): no
 * aggregate with 0 < n < k is published, and neither any hidden aggregate with n > 0 nor any
 * atomic cell with 0 < n < k has its vector in the rational row space of the published
 * aggregates. What that does not cover is written in README.md.
 */
export function suppress(raw: SuppressionInput): SuppressionResult {
  const input = suppressionInputSchema.parse(raw);
  const { k } = input;
  const cellIndex = new Map(input.cells.map((c, i) => [c.key, i]));
  const cellN = input.cells.map((c) => c.n);

  const aggregates = input.aggregates.map((a, index) => {
    const cols = a.cells.map((key) => cellIndex.get(key)!);
    const n = cols.reduce((sum, c) => sum + cellN[c], 0);
    // Empty cells are known zeros: dropping their coordinates is the same as adding their unit
    // vectors to the published rows, and keeps the matrix smaller.
    const live = cols.filter((c) => cellN[c] > 0).sort((x, y) => x - y);
    return { key: a.key, index, n, live };
  });
  const decisions: AggregateDecision[] = aggregates.map((a) => ({
    key: a.key,
    n: a.n,
    state: a.n === 0 ? "empty" : a.n < k ? "small" : "published",
  }));

  const space = new RowSpace();
  // Smaller groups first: a unit × staff-group cell becomes a pivot on its own cell, and the
  // totals above it then reduce to short rows, which keeps the elimination sparse.
  const insertionOrder = aggregates
    .filter((a) => decisions[a.index].state === "published")
    .sort((x, y) => x.live.length - y.live.length || x.index - y.index);
  for (const a of insertionOrder) space.insert(a.index, a.live);

  type Target = ProtectedTarget & { n: number; order: number; live: number[] };
  const queue: Target[] = [
    ...aggregates
      .filter((a) => decisions[a.index].state === "small")
      .map((a) => ({
        kind: "aggregate" as const,
        key: a.key,
        n: a.n,
        order: a.index,
        live: a.live,
      })),
    ...input.cells
      .map((c, i) => ({ kind: "cell" as const, key: c.key, n: c.n, order: i, live: [i] }))
      .filter((c) => c.n > 0 && c.n < k),
  ].sort(
    (x, y) =>
      x.n - y.n || (x.kind === y.kind ? x.order - y.order : x.kind === "aggregate" ? -1 : 1),
  );

  // The row space only shrinks as aggregates are hidden, so a target once underivable stays so:
  // one pass over the queue (which grows with every complementary suppression) is enough.
  for (let qi = 0; qi < queue.length; qi++) {
    const target = queue[qi];
    for (;;) {
      const representation = space.represent(target.live);
      if (!representation) break;
      const chosen = chooseComplement(representation, space, aggregates);
      space.remove(chosen);
      const a = aggregates[chosen];
      decisions[chosen] = {
        key: a.key,
        n: a.n,
        state: "complementary",
        protects: { kind: target.kind, key: target.key },
      };
      queue.push({ kind: "aggregate", key: a.key, n: a.n, order: a.index, live: a.live });
    }
  }

  const complementaryOrder = queue
    .filter((t) => t.kind === "aggregate" && decisions[t.order].state === "complementary")
    .map((t) => t.key);
  return {
    decisions,
    published: decisions.filter((d) => d.state === "published").map((d) => d.key),
    empty: decisions.filter((d) => d.state === "empty").map((d) => d.key),
    hidden: [
      ...decisions.filter((d) => d.state === "small").map((d) => d.key),
      ...complementaryOrder,
    ],
  };
}

/**
 * The industry rule hides the next-smallest sibling. In vector terms: among the published
 * aggregates a derivation of the target uses, hide the one with the fewest respondents. A parent
 * always has at least as many respondents as any of its children, so this picks a sibling before
 * the total. Between equal sizes, one that every derivation needs goes first (hiding it surely
 * breaks the derivation); then input order, for a deterministic result.
 */
function chooseComplement(
  representation: Sparse,
  space: RowSpace,
  aggregates: readonly { n: number; index: number }[],
): number {
  const redundant = space.redundantRows();
  let best = -1;
  for (const id of representation.keys()) {
    if (best < 0) {
      best = id;
      continue;
    }
    const a = aggregates[id];
    const b = aggregates[best];
    const essentialA = !redundant.has(id);
    const essentialB = !redundant.has(best);
    if (
      a.n < b.n ||
      (a.n === b.n && essentialA && !essentialB) ||
      (a.n === b.n && essentialA === essentialB && a.index < b.index)
    ) {
      best = id;
    }
  }
  return best;
}

// --- exact rationals over BigInt -------------------------------------------------------------

type Q = { readonly n: bigint; readonly d: bigint };

const ONE: Q = { n: 1n, d: 1n };
const MINUS_ONE: Q = { n: -1n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function make(n: bigint, d: bigint): Q {
  if (n === 0n) return { n: 0n, d: 1n };
  const g = gcd(n, d);
  const sign = d < 0n ? -1n : 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

function add(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n + b.n, d: 1n };
  return make(a.n * b.d + b.n * a.d, a.d * b.d);
}

function mul(a: Q, b: Q): Q {
  if (a.d === 1n && b.d === 1n) return { n: a.n * b.n, d: 1n };
  return make(a.n * b.n, a.d * b.d);
}

function div(a: Q, b: Q): Q {
  return make(a.n * b.d, a.d * b.n);
}

function neg(a: Q): Q {
  return { n: -a.n, d: a.d };
}

/** A sparse vector: index → non-zero rational. */
type Sparse = Map<number, Q>;

/** target += alpha · source, keeping only non-zero entries. */
function axpy(target: Sparse, alpha: Q, source: Sparse): void {
  for (const [i, s] of source) {
    const product = mul(alpha, s);
    const t = target.get(i);
    const sum = t ? add(t, product) : product;
    if (sum.n === 0n) target.delete(i);
    else target.set(i, sum);
  }
}

function scale(v: Sparse, alpha: Q): void {
  for (const [i, x] of v) v.set(i, mul(alpha, x));
}

/**
 * The row space of the published aggregates, kept in reduced row echelon form so that rows can
 * be added and removed without starting again. Each basis row remembers the combination of
 * aggregates it is (`comb`), and every linear dependency among the aggregates is kept too; with
 * both, removing an aggregate is a local update, and a membership test also yields one
 * derivation of the vector.
 */
class RowSpace {
  private readonly rows: { pivot: number; vec: Sparse; comb: Sparse }[] = [];
  private readonly byPivot = new Map<number, { pivot: number; vec: Sparse; comb: Sparse }>();
  /** Each: coefficients c over aggregates with Σ c·row = 0. Together they span all such. */
  private readonly dependencies: Sparse[] = [];

  insert(id: number, cols: readonly number[]): void {
    const vec: Sparse = new Map(cols.map((c) => [c, ONE]));
    const comb: Sparse = new Map([[id, ONE]]);
    // In reduced form a basis row is zero on every other pivot, so subtracting one changes no
    // other pivot entry: each pivot's coefficient is the original 0/1 entry.
    for (const c of cols) {
      const row = this.byPivot.get(c);
      if (!row) continue;
      axpy(vec, MINUS_ONE, row.vec);
      axpy(comb, MINUS_ONE, row.comb);
    }
    if (vec.size === 0) {
      this.dependencies.push(comb);
      return;
    }
    let pivot = Number.POSITIVE_INFINITY;
    for (const c of vec.keys()) if (c < pivot) pivot = c;
    const inverse = div(ONE, vec.get(pivot)!);
    scale(vec, inverse);
    scale(comb, inverse);
    for (const row of this.rows) {
      const x = row.vec.get(pivot);
      if (!x) continue;
      axpy(row.vec, neg(x), vec);
      axpy(row.comb, neg(x), comb);
    }
    const row = { pivot, vec, comb };
    this.rows.push(row);
    this.byPivot.set(pivot, row);
  }

  /** Coefficients over aggregates that give the 0/1 vector of `cols`, or null if none do. */
  represent(cols: readonly number[]): Sparse | null {
    if (cols.length === 0) return null;
    const residual: Sparse = new Map(cols.map((c) => [c, ONE]));
    const comb: Sparse = new Map();
    for (const c of cols) {
      const row = this.byPivot.get(c);
      if (!row) continue;
      axpy(residual, MINUS_ONE, row.vec);
      axpy(comb, ONE, row.comb);
    }
    return residual.size === 0 ? comb : null;
  }

  /** Aggregates that some dependency involves: each is derivable from the others. */
  redundantRows(): Set<number> {
    const out = new Set<number>();
    for (const d of this.dependencies) for (const id of d.keys()) out.add(id);
    return out;
  }

  remove(id: number): void {
    const depIndex = this.dependencies.findIndex((d) => d.has(id));
    if (depIndex >= 0) {
      // The row is a combination of the others: substitute that combination wherever the row
      // is used. The space stays the same.
      const [dep] = this.dependencies.splice(depIndex, 1);
      const coefficient = dep.get(id)!;
      for (const comb of [...this.rows.map((r) => r.comb), ...this.dependencies]) {
        const x = comb.get(id);
        if (x) axpy(comb, neg(div(x, coefficient)), dep);
      }
      return;
    }
    // The row is needed for the span: drop one basis row that uses it and clear its use from
    // the others. The dropped row is zero on every other pivot and the others are zero on its
    // pivot, so the remaining rows stay in reduced form (its pivot column becomes free).
    const users = this.rows.filter((r) => r.comb.has(id));
    if (users.length === 0) throw new Error(`aggregate ${id} is not in the row space`);
    const [drop, ...rest] = users;
    const coefficient = drop.comb.get(id)!;
    for (const row of rest) {
      const factor = neg(div(row.comb.get(id)!, coefficient));
      axpy(row.vec, factor, drop.vec);
      axpy(row.comb, factor, drop.comb);
    }
    this.rows.splice(this.rows.indexOf(drop), 1);
    this.byPivot.delete(drop.pivot);
  }
}

// --- the aggregates a cycle publishes --------------------------------------------------------

export const CENTRE_KEY = "centre";
export const cellKey = (unitId: string, staffGroupId: string) => `cell:${unitId}/${staffGroupId}`;
export const unitKey = (unitId: string) => `unit:${unitId}`;
export const staffGroupKey = (staffGroupId: string) => `group:${staffGroupId}`;
export const unitStaffGroupKey = (unitId: string, staffGroupId: string) =>
  `unit:${unitId}/group:${staffGroupId}`;

export type UnitNode = { id: string; parentId: string | null };
export type CellCount = { unitId: string; staffGroupId: string; n: number };
/** Which families of aggregates a cycle publishes, over all of its views together. */
export type AggregatePlan = {
  centre: boolean;
  units: boolean;
  staffGroups: boolean;
  unitStaffGroups: boolean;
};

export const PUBLISH_EVERYTHING: AggregatePlan = {
  centre: true,
  units: true,
  staffGroups: true,
  unitStaffGroups: true,
};

/**
 * The cells and aggregates of a cycle from the unit tree: every unit (leaf or inner) stands for
 * its whole subtree, crossed with each staff group when `unitStaffGroups`; the centre and
 * centre × staff group likewise. A unit whose parent is not listed is a root. Respondents
 * recorded against an inner unit form that unit's own cells.
 */
export function cycleAggregates(
  units: readonly UnitNode[],
  staffGroupIds: readonly string[],
  counts: readonly CellCount[],
  plan: AggregatePlan = PUBLISH_EVERYTHING,
): Pick<SuppressionInput, "cells" | "aggregates"> {
  const ids = new Set(units.map((u) => u.id));
  if (ids.size !== units.length) throw new Error("a unit is listed twice");
  const groups = new Set(staffGroupIds);
  if (groups.size !== staffGroupIds.length) throw new Error("a staff group is listed twice");
  const parent = new Map(
    units.map((u) => [u.id, u.parentId && ids.has(u.parentId) ? u.parentId : null]),
  );

  // Every unit's subtree, by walking each unit up to its root.
  const subtree = new Map<string, string[]>(units.map((u) => [u.id, []]));
  for (const u of units) {
    let at: string | null = u.id;
    let steps = 0;
    while (at) {
      subtree.get(at)!.push(u.id);
      at = parent.get(at) ?? null;
      if (++steps > units.length) throw new Error(`unit ${u.id} is its own ancestor`);
    }
  }

  const n = new Map<string, number>();
  for (const c of counts) {
    if (!ids.has(c.unitId)) throw new Error(`unknown unit ${c.unitId}`);
    if (!groups.has(c.staffGroupId)) throw new Error(`unknown staff group ${c.staffGroupId}`);
    const key = cellKey(c.unitId, c.staffGroupId);
    n.set(key, (n.get(key) ?? 0) + c.n);
  }
  const cells = units.flatMap((u) =>
    staffGroupIds.map((g) => ({ key: cellKey(u.id, g), n: n.get(cellKey(u.id, g)) ?? 0 })),
  );

  const aggregates: SuppressionInput["aggregates"] = [];
  const over = (unitIds: readonly string[], groupIds: readonly string[]) =>
    unitIds.flatMap((u) => groupIds.map((g) => cellKey(u, g)));
  const all = units.map((u) => u.id);
  if (plan.centre) aggregates.push({ key: CENTRE_KEY, cells: over(all, staffGroupIds) });
  if (plan.staffGroups) {
    for (const g of staffGroupIds)
      aggregates.push({ key: staffGroupKey(g), cells: over(all, [g]) });
  }
  for (const u of units) {
    const members = subtree.get(u.id)!;
    if (plan.units) aggregates.push({ key: unitKey(u.id), cells: over(members, staffGroupIds) });
    if (plan.unitStaffGroups) {
      for (const g of staffGroupIds) {
        aggregates.push({ key: unitStaffGroupKey(u.id, g), cells: over(members, [g]) });
      }
    }
  }
  return { cells, aggregates };
}
