// Seed step of the end-to-end suite for the coordinator's survey pages (survey-coordinator.spec.ts,
// and the access and accessibility walks): in the main centre, a questionnaire, a draft, and a
// closed cycle of unit B (one employee, Anna Nowak) whose open answer waits for review. The
// main centre's other cycles come from the answering and results seeds.
import { actorFor } from "../../modules/access/test-fixtures.ts";
import { closeCycle } from "../../modules/survey/close-cycle.ts";
import { createCycle } from "../../modules/survey/create-cycle.ts";
import { openCycle } from "../../modules/survey/open-cycle.ts";
import { saveInstrument } from "../../modules/survey/save-instrument.ts";
import { submitResponse } from "../../modules/survey/submit-response.ts";
import { miniInstrument, tokensOf } from "../../modules/survey/test-fixtures.ts";

export type SurveyCoordinatorSeed = {
  /** The main centre's small questionnaire (five closed items and one open one). */
  instrument: string;
  /** A draft of the main centre. */
  draft: string;
  /** A closed cycle of the main centre with one open answer to review. */
  closed: string;
  closedName: string;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function seedSurveyCoordinator(
  coordinatorUserId: string,
  unitB: string,
): Promise<SurveyCoordinatorSeed> {
  const coordinator = await actorFor(coordinatorUserId);
  const { id: instrument } = await saveInstrument(coordinator, miniInstrument("e2e-mini"));
  const { id: draft } = await createCycle(coordinator, {
    instrumentId: instrument,
    name: "E2E: szkic koordynatora",
    opensAt: new Date(Date.now() + DAY),
    closesAt: new Date(Date.now() + 15 * DAY),
  });
  const closedName = "E2E: badanie zamknięte koordynatora";
  const { id: closed } = await createCycle(coordinator, {
    instrumentId: instrument,
    name: closedName,
    opensAt: new Date(Date.now() - HOUR),
    closesAt: new Date(Date.now() + 15 * DAY),
    population: { unitIds: [unitB] },
  });
  await openCycle(coordinator, closed);
  const [token] = [...(await tokensOf(closedName)).values()];
  await submitResponse(token, {
    q1: 4,
    t1: "Za dużo spraw na osobę, np. sprawa 123/2026 ciągnie się od miesięcy.",
  });
  await closeCycle(coordinator, closed);
  return { instrument, draft, closed, closedName };
}
