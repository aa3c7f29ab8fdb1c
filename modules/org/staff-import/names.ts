// Unit and position names in a staff file, matched to the centre's own. A name that matches
// exactly one is used as it is; any other is "unknown", and the person chooses: create it, or
// take an existing one instead.
import { asc, eq } from "drizzle-orm";
import { writeAudit } from "../../../platform/audit.ts";
import type { Queryable, Tx } from "../../../platform/db.ts";
import type { Actor } from "../../access/actor.ts";
import { orgUnit, position, staffGroup, type UnitKind } from "../schema.ts";
import { nameKey } from "./rows.ts";

/** Per unknown name (its key): "create" / "create:<staff group id>" or an existing id; "" undecided. */
export type NameChoices = Record<string, string>;

export type UnknownName = {
  key: string;
  /** As the file writes it (the first spelling met). */
  name: string;
  rows: number;
  /** Existing records with this name when there are several (the file does not say which). */
  candidates: { id: string; name: string }[];
  choice: string;
};

export type NameOptions = {
  units: { id: string; name: string }[];
  positions: { id: string; name: string }[];
  staffGroups: { id: string; name: string }[];
};

export type Resolution = {
  /** Name key → id, for the names that need no decision or whose decision maps them. */
  unitIds: Map<string, string>;
  positionIds: Map<string, string>;
  units: UnknownName[];
  positions: UnknownName[];
};

/** One query after another: `q` may be a transaction, whose one connection takes one at a time. */
export async function loadNameOptions(q: Queryable, centreId: string): Promise<NameOptions> {
  const units = await q
    .select({ id: orgUnit.id, name: orgUnit.name })
    .from(orgUnit)
    .where(eq(orgUnit.centreId, centreId))
    .orderBy(asc(orgUnit.name));
  const positions = await q
    .select({ id: position.id, name: position.name })
    .from(position)
    .where(eq(position.centreId, centreId))
    .orderBy(asc(position.name));
  const staffGroups = await q
    .select({ id: staffGroup.id, name: staffGroup.name })
    .from(staffGroup)
    .where(eq(staffGroup.centreId, centreId))
    .orderBy(asc(staffGroup.sortOrder), asc(staffGroup.name));
  return { units, positions, staffGroups };
}

function resolveKind(
  inFile: Map<string, { name: string; rows: number }>,
  existing: { id: string; name: string }[],
  choices: NameChoices,
  createChoices: string[],
  defaultCreate: string,
): { ids: Map<string, string>; unknown: UnknownName[] } {
  const byKey = new Map<string, { id: string; name: string }[]>();
  for (const e of existing) {
    const k = nameKey(e.name);
    byKey.set(k, [...(byKey.get(k) ?? []), e]);
  }
  const existingIds = new Set(existing.map((e) => e.id));
  const ids = new Map<string, string>();
  const unknown: UnknownName[] = [];
  for (const [key, { name, rows }] of inFile) {
    const matches = byKey.get(key) ?? [];
    if (matches.length === 1) {
      ids.set(key, matches[0].id);
      continue;
    }
    const chosen = choices[key];
    const valid = chosen && (createChoices.includes(chosen) || existingIds.has(chosen));
    const choice = valid ? chosen : matches.length === 0 ? defaultCreate : "";
    if (existingIds.has(choice)) ids.set(key, choice);
    unknown.push({ key, name, rows, candidates: matches.length > 1 ? matches : [], choice });
  }
  unknown.sort((a, b) => a.name.localeCompare(b.name, "pl"));
  return { ids, unknown };
}

/**
 * Matches the file's names to the centre's units and positions, applying the person's choices.
 * A new unit is the default for an unknown unit, a position in the first staff group for an
 * unknown position; a name several records share stays undecided until someone picks one.
 */
export function resolveNames(
  options: NameOptions,
  inFile: {
    units: Map<string, { name: string; rows: number }>;
    positions: Map<string, { name: string; rows: number }>;
  },
  choices: { units?: NameChoices; positions?: NameChoices },
): Resolution {
  const u = resolveKind(inFile.units, options.units, choices.units ?? {}, ["create"], "create");
  const groupChoices = options.staffGroups.map((g) => `create:${g.id}`);
  const p = resolveKind(
    inFile.positions,
    options.positions,
    choices.positions ?? {},
    groupChoices,
    groupChoices[0] ?? "",
  );
  return { unitIds: u.ids, positionIds: p.ids, units: u.unknown, positions: p.unknown };
}

export const isUndecided = (r: Resolution) =>
  r.units.some((n) => n.choice === "") || r.positions.some((n) => n.choice === "");

/** A guess at the kind of a unit from its name; the administrator can change it later. */
function unitKindOf(name: string): UnitKind {
  const n = name.toLocaleLowerCase("pl");
  if (/centrum pracy socjalnej|\bcps\b/.test(n)) return "cps";
  if (/zesp[oó]ł|\bteam\b/.test(n)) return "team";
  if (/dział|wydział|department/.test(n)) return "department";
  return "other";
}

/**
 * Creates the units and positions the person chose to create (in the import's transaction)
 * and adds their ids to the resolution. Returns how many of each were made.
 */
export async function createChosenNames(
  tx: Tx,
  actor: Actor,
  r: Resolution,
  via: string,
): Promise<{ units: number; positions: number }> {
  let units = 0;
  let positions = 0;
  for (const n of r.units) {
    if (n.choice !== "create") continue;
    const [u] = await tx
      .insert(orgUnit)
      .values({ centreId: actor.centreId, name: n.name, kind: unitKindOf(n.name) })
      .returning({ id: orgUnit.id });
    r.unitIds.set(n.key, u.id);
    units++;
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "unit.create",
      entityType: "org_unit",
      entityId: u.id,
      details: { via },
      requestId: actor.requestId,
    });
  }
  for (const n of r.positions) {
    if (!n.choice.startsWith("create:")) continue;
    const [p] = await tx
      .insert(position)
      .values({ centreId: actor.centreId, name: n.name, staffGroupId: n.choice.slice(7) })
      .returning({ id: position.id });
    r.positionIds.set(n.key, p.id);
    positions++;
    await writeAudit(tx, {
      centreId: actor.centreId,
      actorUserId: actor.userId,
      action: "position.create",
      entityType: "position",
      entityId: p.id,
      details: { via },
      requestId: actor.requestId,
    });
  }
  return { units, positions };
}
