import type { Audience } from "./schema.ts";

/** What an audience is matched against: a person's group, position and unit with its ancestors. */
export type AudienceMember = {
  staffGroupId: string | null;
  positionId: string | null;
  /** The person's unit first, then its parents up to the root. */
  unitPath: string[];
};

/**
 * True when the person belongs to the audience. An empty dimension admits anyone; dimensions
 * combine with AND; a unit admits everyone in the units beneath it.
 */
export function inAudience(audience: Audience, m: AudienceMember): boolean {
  const groups = audience.staffGroupIds ?? [];
  const positions = audience.positionIds ?? [];
  const units = audience.unitIds ?? [];
  if (groups.length && !(m.staffGroupId && groups.includes(m.staffGroupId))) return false;
  if (positions.length && !(m.positionId && positions.includes(m.positionId))) return false;
  if (units.length && !m.unitPath.some((u) => units.includes(u))) return false;
  return true;
}

export function isOpenAudience(audience: Audience): boolean {
  return !(
    audience.staffGroupIds?.length ||
    audience.positionIds?.length ||
    audience.unitIds?.length
  );
}
