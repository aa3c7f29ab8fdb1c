// Walking the unit tree held as a parent-linked list (units are few: one query, then memory).

/** The unit and its ancestors, nearest first (cycles in bad data end the walk). */
export function unitPath(
  unitId: string | null,
  units: { id: string; parentId: string | null }[],
): string[] {
  if (!unitId) return [];
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const path: string[] = [];
  for (let u: string | null | undefined = unitId; u && !path.includes(u); u = parent.get(u)) {
    path.push(u);
  }
  return path;
}
