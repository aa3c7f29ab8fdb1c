/**
 * Which kinds of support answer which scale of the default workload survey
 * (instruments/obciazenie-zawodowe.json): the link from "where the risk is" to "what to do",
 * shown beside a unit's scales at highest risk. The kinds are those of the support programme
 * the seed projects fund; the programme module links each key to its activities.
 */
import type { LocalizedText } from "./instrument.ts";

export const SUPPORT_KINDS = {
  difficultClientTraining: {
    pl: "Szkolenie z pracy z trudnym klientem",
    en: "Training on working with a difficult client",
  },
  aggressionProcedure: {
    pl: "Omówienie procedury postępowania z trudnym klientem",
    en: "Briefing on the procedure for working with a difficult client",
  },
  stressWorkshop: { pl: "Warsztat redukcji stresu", en: "Stress-reduction workshop" },
  groupSupervision: { pl: "Superwizja grupowa", en: "Group supervision" },
  psychConsultation: {
    pl: "Indywidualna konsultacja psychologiczna",
    en: "Individual psychological consultation",
  },
  coaching: { pl: "Sesje coachingowe", en: "Coaching sessions" },
  psychoeducation: {
    pl: "Psychoedukacja online (webinary)",
    en: "Online psychoeducation (webinars)",
  },
  managerTraining: { pl: "Szkolenie dla kierowników", en: "Training for managers" },
  workloadReview: {
    pl: "Przegląd obciążenia i podziału zadań",
    en: "Review of workload and task allocation",
  },
  roleClarification: {
    pl: "Uzgodnienie zakresu obowiązków i priorytetów",
    en: "Agreeing duties and priorities",
  },
  changeConsultation: {
    pl: "Zapowiadanie zmian i konsultowanie ich z zespołem",
    en: "Announcing changes and consulting the team on them",
  },
  teamWorkshop: { pl: "Warsztat zespołowy", en: "Team workshop" },
  outdoorWorkshop: {
    pl: "Warsztat plenerowy z technik terapeutycznych",
    en: "Outdoor workshop on therapeutic techniques",
  },
  healthDay: { pl: "Dzień Zdrowia", en: "Health Day" },
} as const satisfies Record<string, LocalizedText>;

export type SupportKind = keyof typeof SUPPORT_KINDS;

/** Per scale id of the default instrument, the kinds of support that answer it, best first. */
export const SCALE_SUPPORT: Readonly<Record<string, readonly SupportKind[]>> = {
  workload: ["workloadReview", "managerTraining", "stressWorkshop"],
  influence: ["managerTraining", "teamWorkshop", "coaching"],
  role: ["roleClarification", "managerTraining", "groupSupervision"],
  emotional: ["groupSupervision", "difficultClientTraining", "psychConsultation"],
  manager: ["managerTraining", "coaching", "teamWorkshop"],
  colleagues: ["teamWorkshop", "groupSupervision", "outdoorWorkshop"],
  conflict: ["teamWorkshop", "groupSupervision", "coaching"],
  change: ["changeConsultation", "managerTraining", "teamWorkshop"],
  balance: ["stressWorkshop", "workloadReview", "psychoeducation", "coaching"],
  exhaustion: ["psychConsultation", "stressWorkshop", "workloadReview", "healthDay"],
  distance: ["groupSupervision", "coaching", "psychConsultation"],
  clientBurnout: [
    "difficultClientTraining",
    "groupSupervision",
    "psychConsultation",
    "aggressionProcedure",
  ],
  recovery: ["stressWorkshop", "outdoorWorkshop", "healthDay", "psychoeducation"],
  satisfaction: ["managerTraining", "coaching", "teamWorkshop"],
  leave: ["coaching", "managerTraining", "workloadReview", "psychConsultation"],
};

export type SupportOption = { key: SupportKind; label: LocalizedText };

/** The kinds of support for a scale; none for a scale this map does not know (other instruments). */
export function supportFor(scaleId: string): SupportOption[] {
  const kinds = Object.hasOwn(SCALE_SUPPORT, scaleId) ? SCALE_SUPPORT[scaleId] : [];
  return kinds.map((key) => ({ key, label: SUPPORT_KINDS[key] }));
}
