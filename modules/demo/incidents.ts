// The demo step for incidents: each demo centre gets the kinds, the Procedure's steps and text
// (with ids derived from names, so a rebuild gives the same rows), and two years of incidents
// with their checklists (incidents-model.ts). Everything goes with the centre by cascade,
// except that an incident restricts the deletion of its reporter and kind: the step clears
// the incidents first.
import { inArray } from "drizzle-orm";
import type { Tx } from "../../platform/db.ts";
import {
  incident,
  incidentKind,
  incidentProcedureDocument,
  incidentProcedureStep,
  incidentStep,
  incidentWitness,
} from "../incidents/schema.ts";
import { planIncidentData } from "./incidents-model.ts";
import { insertChunked } from "./insert-chunked.ts";
import type { DemoStep } from "./steps.ts";

export const incidents: DemoStep = {
  name: "incidents",
  async clear(tx: Tx, centreIds: string[]) {
    if (centreIds.length) await tx.delete(incident).where(inArray(incident.centreId, centreIds));
  },
  async build({ tx, plans, report }) {
    const now = new Date();
    for (const plan of plans) {
      const d = planIncidentData(plan, now);
      await tx.insert(incidentKind).values(d.kinds);
      await tx.insert(incidentProcedureStep).values(d.procedureSteps);
      await tx.insert(incidentProcedureDocument).values(d.document);
      await insertChunked(d.incidents, (c) => tx.insert(incident).values(c));
      await insertChunked(d.witnesses, (c) => tx.insert(incidentWitness).values(c));
      await insertChunked(d.incidentSteps, (c) => tx.insert(incidentStep).values(c));
      const open = d.incidents.filter((i) => i.status === "open").length;
      report.push(
        `${plan.centre.name}: ${d.incidents.length} zdarzeń z dwóch lat (${open} w toku), procedura i jej kroki`,
      );
    }
  },
};
