// The centre's kinds of incident, as options. A built-in kind is shown by its translated name
// (the label is the key's message); a kind the centre added, by its own label.
import { and, asc, eq } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { incidentKind } from "./schema.ts";

export type KindOption = { id: string; key: string | null; label: string; penalCode: boolean };

export async function activeKinds(centreId: string): Promise<KindOption[]> {
  return db()
    .select({
      id: incidentKind.id,
      key: incidentKind.key,
      label: incidentKind.label,
      penalCode: incidentKind.penalCode,
    })
    .from(incidentKind)
    .where(and(eq(incidentKind.centreId, centreId), eq(incidentKind.active, true)))
    .orderBy(asc(incidentKind.position), asc(incidentKind.label));
}
