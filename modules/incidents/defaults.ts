// What every centre starts with: the kinds of incident, our template of the Procedure for
// working with a difficult client as steps, and the Procedure's text as its first version. A
// centre gets them the first time anyone opens the incidents module; from then on they are
// the centre's to change.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import {
  BUILT_IN_KINDS,
  type BuiltInKind,
  incidentKind,
  incidentProcedureDocument,
  incidentProcedureStep,
  type Severity,
  type StepOwner,
} from "./schema.ts";

/** Acts that fall under art. 222, 223 or 226 of the Penal Code when aimed at a social worker. */
const PENAL_CODE_KINDS: readonly BuiltInKind[] = ["verbal_abuse", "physical_aggression"];

export type TemplateStep = {
  key: string;
  title: string;
  owner: StepOwner;
  deadlineHours: number;
  mandatory: boolean;
  kinds: readonly BuiltInKind[];
  penalCodeOnly: boolean;
  minSeverity: Severity;
};

/** Steps done by the report itself: it informs the manager, is the written account, and
 * sends the offer of psychological help. */
export const DONE_BY_REPORT = ["inform_manager", "written_account", "psychological_help"];

export const TEMPLATE_STEPS: readonly TemplateStep[] = [
  {
    key: "safe_place",
    title:
      "Zapewnienie bezpieczeństwa na miejscu zdarzenia (przerwanie rozmowy, wyjście, wezwanie pomocy)",
    owner: "reporter",
    deadlineHours: 0,
    mandatory: true,
    kinds: [],
    penalCodeOnly: false,
    minSeverity: "low",
  },
  {
    key: "inform_manager",
    title: "Poinformowanie bezpośredniego przełożonego",
    owner: "reporter",
    deadlineHours: 2,
    mandatory: true,
    kinds: [],
    penalCodeOnly: false,
    minSeverity: "low",
  },
  {
    key: "police",
    title: "Wezwanie Policji, gdy zagrożone jest życie, zdrowie lub mienie",
    owner: "manager",
    deadlineHours: 1,
    mandatory: true,
    kinds: ["threats", "physical_aggression", "sexual_harassment", "stalking", "self_harm_threat"],
    penalCodeOnly: false,
    minSeverity: "high",
  },
  {
    key: "first_aid",
    title: "Pierwsza pomoc i udokumentowanie obrażeń (lekarz, zaświadczenie)",
    owner: "manager",
    deadlineHours: 2,
    mandatory: false,
    kinds: ["physical_aggression", "sexual_harassment"],
    penalCodeOnly: false,
    minSeverity: "low",
  },
  {
    key: "written_account",
    title: "Pisemna relacja pracownika ze zdarzenia",
    owner: "reporter",
    deadlineHours: 24,
    mandatory: true,
    kinds: [],
    penalCodeOnly: false,
    minSeverity: "low",
  },
  {
    key: "register_entry",
    title:
      "Wpis do centralnego rejestru zdarzeń w systemie CAS w ciągu 3 dni (art. 121 ust. 2ba ustawy o pomocy społecznej)",
    owner: "safety_officer",
    deadlineHours: 72,
    mandatory: true,
    kinds: [],
    penalCodeOnly: true,
    minSeverity: "low",
  },
  {
    key: "psychological_help",
    title: "Propozycja pomocy psychologicznej (art. 121 ust. 2a ustawy o pomocy społecznej)",
    owner: "manager",
    deadlineHours: 24,
    mandatory: true,
    kinds: [],
    penalCodeOnly: false,
    minSeverity: "low",
  },
  {
    key: "legal_help",
    title: "Propozycja pomocy prawnej (art. 121 ust. 2c ustawy o pomocy społecznej)",
    owner: "management",
    deadlineHours: 72,
    mandatory: true,
    kinds: [],
    penalCodeOnly: true,
    minSeverity: "low",
  },
  {
    key: "debrief",
    title: "Rozmowa wspierająca z pracownikiem (omówienie zdarzenia) w ciągu 72 godzin",
    owner: "manager",
    deadlineHours: 72,
    mandatory: true,
    kinds: [],
    penalCodeOnly: false,
    minSeverity: "medium",
  },
  {
    key: "analysis",
    title:
      "Analiza zdarzenia i działania zapobiegawcze (np. wizyty w parach, zmiana organizacji pracy)",
    owner: "safety_officer",
    deadlineHours: 14 * 24,
    mandatory: true,
    kinds: [],
    penalCodeOnly: false,
    minSeverity: "low",
  },
];

export const TEMPLATE_DOCUMENT = `Procedura postępowania w sytuacji zagrożenia ze strony klienta

1. Cel
Procedura określa, jak pracownik i ośrodek postępują, gdy klient zachowuje się agresywnie: znieważa, grozi, narusza nietykalność, niszczy mienie, nęka lub grozi targnięciem się na własne życie.

2. W chwili zdarzenia
— Twoje bezpieczeństwo jest najważniejsze: przerwij rozmowę lub wizytę, wyjdź, wezwij pomoc.
— Gdy zagrożone jest życie, zdrowie lub mienie — dzwoń pod numer 112.
— W siedzibie ośrodka poinformuj najbliższego współpracownika i przełożonego.

3. Po zdarzeniu
— Zgłoś zdarzenie w Przystani (Zdarzenia → Zgłoś) tego samego dnia. Zgłoszenie powiadamia przełożonego i jest Twoją pisemną relacją.
— W opisie nie podawaj imienia i nazwiska klienta — wystarczy numer sprawy.
— Masz prawo do pomocy psychologicznej i prawnej (art. 121 ust. 2a–2c ustawy o pomocy społecznej). Po zgłoszeniu otrzymasz link do rozmowy ze specjalistą.

4. Obowiązki ośrodka
— Przełożony w ciągu 72 godzin przeprowadza z pracownikiem rozmowę wspierającą.
— Czyny z art. 222, 223 i 226 Kodeksu karnego wobec pracownika socjalnego są wpisywane do centralnego rejestru w systemie CAS w ciągu 3 dni.
— Inspektor BHP analizuje zdarzenie i proponuje działania zapobiegawcze, np. wizyty w parach lub asystę Policji.

5. Wizyty w parach i asysta Policji
Przy sprawach oznaczonych ostrzeżeniem wizyty odbywają się w parach. Wniosek o asystę Policji składa się co najmniej 3 dni robocze przed planowaną wizytą.
`;

/**
 * The rows a centre starts with: the built-in kinds, the template's steps pointing at them and
 * the Procedure's first version. `idOf` names each row's id (random for a real centre, derived
 * from a name for the demo, which must come out the same every time).
 */
export function setupRows(centreId: string, idOf: (what: string) => string) {
  const kinds = BUILT_IN_KINDS.map((key, i) => ({
    id: idOf(`kind:${key}`),
    centreId,
    key,
    penalCode: PENAL_CODE_KINDS.includes(key),
    position: i,
  }));
  const kindId = new Map(kinds.map((k) => [k.key, k.id]));
  const steps = TEMPLATE_STEPS.map((s, i) => ({
    id: idOf(`step:${s.key}`),
    centreId,
    key: s.key,
    title: s.title,
    owner: s.owner,
    deadlineHours: s.deadlineHours,
    mandatory: s.mandatory,
    kindIds: s.kinds.map((k) => kindId.get(k)!),
    penalCodeOnly: s.penalCodeOnly,
    minSeverity: s.minSeverity,
    position: i,
  }));
  const document = {
    id: idOf("document:1"),
    centreId,
    version: 1,
    body: TEMPLATE_DOCUMENT,
    publishedByUserId: null,
  };
  return { kinds, steps, document };
}

/**
 * Gives the centre the built-in kinds, the template's steps and the Procedure's first version,
 * once. Safe to call from concurrent requests: the rows are written only by the transaction that
 * takes the centre's advisory lock first and finds no kinds.
 */
export async function ensureIncidentSetup(q: Queryable, centreId: string): Promise<void> {
  const [{ n }] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(incidentKind)
    .where(eq(incidentKind.centreId, centreId));
  if (n > 0) return;
  await q.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`incidents:${centreId}`}))`);
    const [{ again }] = await tx
      .select({ again: sql<number>`count(*)::int` })
      .from(incidentKind)
      .where(eq(incidentKind.centreId, centreId));
    if (again > 0) return;
    const rows = setupRows(centreId, () => randomUUID());
    await tx.insert(incidentKind).values(rows.kinds);
    await tx.insert(incidentProcedureStep).values(rows.steps);
    await tx.insert(incidentProcedureDocument).values(rows.document);
  });
}
