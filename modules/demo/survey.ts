// The demo step for the survey module: each demo centre gets the instruments every new centre
// gets, three closed cycles of the workload survey with their answers, and an open
// client-service survey with public links. The rows come from survey-model.ts; this file only
// writes them.
import { and, eq } from "drizzle-orm";
import { hashToken, newToken } from "../../platform/crypto.ts";
import type { Tx } from "../../platform/db.ts";
import { clientServiceSurvey, workloadSurvey } from "../survey/default-instruments.ts";
import type { Instrument } from "../survey/instrument.ts";
import {
  surveyComment,
  surveyCycle,
  surveyInstrument,
  surveyParticipation,
  surveyPublicLink,
  surveyResponse,
} from "../survey/schema.ts";
import { seedDefaultInstruments } from "../survey/seed-default-instruments.ts";
import { demoId } from "./determinism.ts";
import { insertChunked } from "./insert-chunked.ts";
import type { CentrePlan } from "./plan.ts";
import type { DemoStep } from "./steps.ts";
import { type DemoSurveyData, planSurveyData, warsawDay, warsawTime } from "./survey-model.ts";

/**
 * The shipped instruments, saved as for any new centre; then given ids derived from their slug
 * and a creation day before the first demo cycle, so a rebuilt demo keeps its addresses and
 * the instruments do not look younger than the cycles that used them. Nothing refers to them
 * yet, so changing the id is safe here.
 */
async function seedInstruments(tx: Tx, plan: CentrePlan) {
  await seedDefaultInstruments(tx, plan.centre.id, null);
  const out: Record<string, { id: string; definition: Instrument }> = {};
  for (const definition of [workloadSurvey, clientServiceSurvey]) {
    const id = demoId(`${plan.key}:survey:instrument:${definition.id}:1`);
    const [row] = await tx
      .update(surveyInstrument)
      .set({ id, createdAt: warsawTime("2025-02-24", 9) })
      .where(
        and(
          eq(surveyInstrument.centreId, plan.centre.id),
          eq(surveyInstrument.slug, definition.id),
          eq(surveyInstrument.version, 1),
        ),
      )
      .returning({ id: surveyInstrument.id, definition: surveyInstrument.definition });
    if (!row) throw new Error(`demo: instrument ${definition.id} was not seeded`);
    out[definition.id] = row;
  }
  return { workload: out[workloadSurvey.id], client: out[clientServiceSurvey.id] };
}

async function write(tx: Tx, data: DemoSurveyData) {
  await tx.insert(surveyCycle).values(data.cycles);
  // The tokens of closed cycles are never used, so they are random and thrown away: a token
  // derivable from the demo's code would be a working credential if a cycle were reopened.
  await insertChunked(
    data.participation,
    (chunk) =>
      tx
        .insert(surveyParticipation)
        .values(chunk.map((p) => ({ ...p, tokenHash: hashToken(newToken()) }))),
    250,
  );
  await insertChunked(data.responses, (chunk) => tx.insert(surveyResponse).values(chunk), 250);
  await insertChunked(data.comments, (chunk) => tx.insert(surveyComment).values(chunk), 250);
  if (data.publicLinks.length) await tx.insert(surveyPublicLink).values(data.publicLinks);
}

/** One line per centre for the report `npm run demo` prints. */
export function surveySummary(centreName: string, data: DemoSurveyData): string {
  const staff = data.cycles.filter((c) => c.kind === "staff");
  const client = data.cycles.filter((c) => c.kind === "client");
  const answered = (ids: Set<string>) => data.responses.filter((r) => ids.has(r.cycleId)).length;
  const staffIds = new Set(staff.map((c) => c.id));
  const clientIds = new Set(client.map((c) => c.id));
  return (
    `${centreName}: ${staff.length} closed workload surveys (${answered(staffIds)} responses), ` +
    `an open client-service survey at ${data.publicLinks.length} ${data.publicLinks.length === 1 ? "location" : "locations"} (${answered(clientIds)} responses)`
  );
}

export const surveys: DemoStep = {
  name: "surveys",
  async build({ tx, plans, report }) {
    const today = warsawDay(new Date());
    for (const plan of plans) {
      const instruments = await seedInstruments(tx, plan);
      const data = planSurveyData(plan, { instruments, today });
      await write(tx, data);
      report.push(surveySummary(plan.centre.name, data));
    }
  },
};
