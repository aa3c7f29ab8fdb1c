// Seed step of the end-to-end suite for answering surveys (survey-answer.spec.ts, and the
// access and accessibility walks): an open staff cycle with personal links and paper codes, a
// closed one, and a client-service cycle with a public link. The staff cycles live in a
// centre of their own, so their invitations and answers do not change what other specs see
// in the main centre; the client cycle is the main centre's, for the coordinator's pages.
import { and, eq } from "drizzle-orm";
import type { Actor } from "../../modules/access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { closeCycle } from "../../modules/survey/close-cycle.ts";
import { createCycle } from "../../modules/survey/create-cycle.ts";
import { clientServiceSurvey } from "../../modules/survey/default-instruments.ts";
import type { InstrumentInput } from "../../modules/survey/instrument.ts";
import { openCycle } from "../../modules/survey/open-cycle.ts";
import { createPaperCodes } from "../../modules/survey/paper-codes.ts";
import { saveInstrument } from "../../modules/survey/save-instrument.ts";
import { surveyPublicLink } from "../../modules/survey/schema.ts";
import { tokensOf } from "../../modules/survey/test-fixtures.ts";
import { db } from "../../platform/db.ts";

export type SurveySeed = {
  /** Personal links of the open cycle, each for one test to spend. */
  tokens: string[];
  /** Paper codes of the open cycle (unit A of the survey centre), as printed. */
  paperCodes: string[];
  /** A personal link of a closed cycle. */
  closedToken: string;
  /** The main centre's open client-service cycle and its public link (unit A). */
  clientCycle: string;
  clientSlug: string;
  /** The survey centre's open staff cycle (it has no public links). */
  staffCycle: string;
  /** The survey centre's coordinator, who may see that cycle's pages. */
  coordinatorEmail: string;
};

const t = (pl: string, en: string) => ({ pl, en });
const agree = [
  t("Zdecydowanie nie", "Strongly disagree"),
  t("Raczej nie", "Disagree"),
  t("Ani tak, ani nie", "Neither"),
  t("Raczej tak", "Agree"),
  t("Zdecydowanie tak", "Strongly agree"),
].map((label, k) => ({ value: k + 1, label }));

/** Every item kind, required items and a show-if, in two sections. */
export const everyKindInstrument: InstrumentInput = {
  formatVersion: 1,
  id: "e2e-kazdy-rodzaj",
  title: t("Ankieta próbna", "Trial survey"),
  description: t(
    "Ankieta do testów: każdy rodzaj pytania.",
    "A survey for tests: every kind of question.",
  ),
  sections: [
    {
      id: "praca",
      title: t("Praca", "Work"),
      items: [
        {
          id: "tempo",
          kind: "likert",
          text: t("Tempo pracy jest do przyjęcia.", "The pace of work is acceptable."),
          points: agree,
          required: true,
        },
        {
          id: "przerwy",
          kind: "frequency",
          text: t("Jak często masz czas na przerwę?", "How often do you have time for a break?"),
          points: [
            t("Nigdy", "Never"),
            t("Rzadko", "Rarely"),
            t("Czasem", "Sometimes"),
            t("Często", "Often"),
          ].map((label, k) => ({ value: k, label })),
        },
        {
          id: "klienci",
          kind: "yesNo",
          text: t("Czy pracujesz bezpośrednio z klientami?", "Do you work directly with clients?"),
          required: true,
        },
        {
          id: "wizyty",
          kind: "number",
          text: t("Ile wizyt u klientów masz w tygodniu?", "How many client visits a week?"),
          min: 0,
          max: 60,
          integer: true,
          unit: t("wizyt", "visits"),
          showIf: { item: "klienci", equals: true },
        },
      ],
    },
    {
      id: "wsparcie",
      title: t("Wsparcie", "Support"),
      items: [
        {
          id: "forma",
          kind: "single",
          text: t("Która forma wsparcia jest najważniejsza?", "Which support matters most?"),
          options: [
            { value: "superwizja", label: t("Superwizja", "Supervision") },
            { value: "szkolenie", label: t("Szkolenie", "Training") },
            { value: "konsultacja", label: t("Konsultacja", "Consultation") },
          ],
        },
        {
          id: "tematy",
          kind: "multiple",
          text: t("Jakie tematy szkoleń cię interesują?", "Which training topics interest you?"),
          options: [
            { value: "agresja", label: t("Trudny klient", "Difficult clients") },
            { value: "stres", label: t("Stres", "Stress") },
            { value: "prawo", label: t("Prawo", "Law") },
          ],
          maxSelected: 2,
        },
        {
          id: "uwagi",
          kind: "text",
          text: t("Co pomogłoby Ci najbardziej?", "What would help you most?"),
        },
      ],
    },
  ],
  scales: [
    {
      id: "komfort",
      name: t("Komfort pracy", "Comfort at work"),
      items: ["tempo"],
      minAnswered: 1,
      higherIs: "better",
    },
  ],
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function cycle(
  coordinator: Actor,
  input: { instrumentId: string; name: string; kind?: "staff" | "client"; unitIds?: string[] },
) {
  const { id } = await createCycle(coordinator, {
    instrumentId: input.instrumentId,
    name: input.name,
    kind: input.kind ?? "staff",
    opensAt: new Date(Date.now() - HOUR),
    closesAt: new Date(Date.now() + 30 * DAY),
    population: input.unitIds ? { unitIds: input.unitIds } : undefined,
  });
  await openCycle(coordinator, id);
  return id;
}

export async function seedSurveyAnswering(mainCoordinatorUserId: string, mainUnitA: string) {
  // The staff survey in a centre of its own.
  const centre = await seedCentreWithRoles("OPS Ankietowo", "ankietowo.pl");
  const coordinator = await actorFor(centre.users.coordinator.userId);
  const { id: instrumentId } = await saveInstrument(coordinator, everyKindInstrument);
  const open = await cycle(coordinator, { instrumentId, name: "E2E: badanie otwarte" });
  const tokens = [...(await tokensOf("E2E: badanie otwarte")).values()];
  const { codes } = await createPaperCodes(coordinator, open, {
    unitId: centre.unitA.id,
    staffGroupId: centre.position.staffGroupId,
    count: 5,
  });
  const closed = await cycle(coordinator, { instrumentId, name: "E2E: badanie zamknięte" });
  const [closedToken] = [...(await tokensOf("E2E: badanie zamknięte")).values()];
  await closeCycle(coordinator, closed);

  // The client-service survey in the main centre.
  const main = await actorFor(mainCoordinatorUserId);
  const client = await saveInstrument(main, clientServiceSurvey);
  const clientCycle = await cycle(main, {
    instrumentId: client.id,
    name: "E2E: ocena obsługi",
    kind: "client",
    unitIds: [mainUnitA],
  });
  const [link] = await db()
    .select({ slug: surveyPublicLink.slug })
    .from(surveyPublicLink)
    .where(and(eq(surveyPublicLink.cycleId, clientCycle), eq(surveyPublicLink.unitId, mainUnitA)));
  const seed: SurveySeed = {
    tokens,
    paperCodes: codes,
    closedToken,
    clientCycle,
    clientSlug: link.slug,
    staffCycle: open,
    coordinatorEmail: centre.users.coordinator.email,
  };
  return seed;
}
