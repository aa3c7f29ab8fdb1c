// MOPR Gdańsk as seed 000 describes it: 427 employees, nine Centres of Social Work (Centra
// Pracy Socjalnej) across the city and the head-office departments that support them; the
// social workers are supported by family assistants, foster-care coordinators, family work
// specialists, psychologists and local community organisers.
import type { CentreSpec, UnitSpec } from "./plan.ts";

const CPS_COUNT = 9;
/** Centres 1–6 have one more social worker than 7–9: 427 in all. */
const EXTRA_SOCIAL_WORKER_IN = 6;

const headOffice: UnitSpec[] = [
  {
    key: "dyrekcja",
    name: "Dyrekcja",
    kind: "department",
    staff: [
      ["director", 1],
      ["deputyDirector", 3],
      ["dataProtectionOfficer", 1],
      ["officeWorker", 2],
    ],
  },
  {
    key: "finanse",
    name: "Dział Finansowo-Księgowy",
    kind: "department",
    staff: [
      ["chiefAccountant", 1],
      ["officeWorker", 15],
    ],
  },
  {
    key: "kadry",
    name: "Dział Kadr",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["officeWorker", 7],
    ],
  },
  {
    key: "administracja",
    name: "Dział Administracyjny",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["officeWorker", 11],
      ["safetySpecialist", 1],
    ],
  },
  {
    key: "swiadczenia",
    name: "Dział Świadczeń",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["officeWorker", 20],
    ],
  },
  {
    key: "piecza",
    name: "Dział Pieczy Zastępczej",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["fosterCareCoordinator", 28],
      ["psychologist", 4],
      ["officeWorker", 3],
    ],
  },
  {
    key: "asysta",
    name: "Zespół Asysty Rodzinnej",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["familyAssistant", 40],
    ],
  },
  {
    key: "osl",
    name: "Dział Organizatorów Społeczności Lokalnej",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["communityOrganiser", 14],
    ],
  },
  {
    key: "wsparcie-rodziny",
    name: "Dział Wsparcia Rodziny",
    kind: "department",
    staff: [
      ["unitHead", 1],
      ["familyWorkSpecialist", 14],
      ["psychologist", 6],
    ],
  },
];

/** Each centre: its head and two office workers, and two teams of social workers. */
const centresOfSocialWork: UnitSpec[] = Array.from({ length: CPS_COUNT }, (_, i) => {
  const n = i + 1;
  const socialWorkers = 11;
  return [
    {
      key: `cps${n}`,
      name: `Centrum Pracy Socjalnej nr ${n}`,
      kind: "cps",
      staff: [
        ["unitHead", 1],
        ["officeWorker", 2],
      ],
    },
    ...(["A", "B"] as const).map(
      (team, t): UnitSpec => ({
        key: `cps${n}${team}`,
        name: `Zespół Pracy Socjalnej ${n}${team}`,
        kind: "team",
        parent: `cps${n}`,
        staff: [
          ["teamCoordinator", 1],
          ["socialWorker", socialWorkers + (t === 0 && n <= EXTRA_SOCIAL_WORKER_IN ? 1 : 0)],
        ],
      }),
    ),
  ] satisfies UnitSpec[];
}).flat();

export const GDANSK: CentreSpec = {
  key: "mopr-gdansk",
  name: "MOPR Gdańsk (demo)",
  type: "MOPR",
  street: "",
  postalCode: "",
  city: "Gdańsk",
  emailDomain: "mopr-gdansk.example",
  employeeNumberPrefix: "G",
  password: "przystan-demo-gdansk",
  hired: ["1994-01-01", "2025-05-31"],
  womenShare: 0.82,
  units: [...headOffice, ...centresOfSocialWork],
  accounts: [
    { role: "employee", holder: { unit: "cps1A", position: "socialWorker" } },
    {
      role: "manager",
      holder: { unit: "cps1", position: "unitHead" },
      managedUnit: "cps1",
    },
    // The project team sits with HR (Dział Kadr) in the seed project.
    { role: "coordinator", holder: { unit: "kadry", position: "officeWorker" } },
    { role: "specialist", holder: { unit: "wsparcie-rodziny", position: "psychologist" } },
    { role: "safety_officer", holder: { unit: "administracja", position: "safetySpecialist" } },
    { role: "management", holder: { unit: "dyrekcja", position: "director" } },
    { role: "administrator", holder: { unit: "administracja", position: "officeWorker" } },
    { role: "dpo", holder: { unit: "dyrekcja", position: "dataProtectionOfficer" } },
    // Occupational-medicine referrals and certificates are kept by HR, by someone other than
    // the project coordinator: exam data stays out of the programme team's sight.
    { role: "health", holder: { unit: "kadry", position: "officeWorker", nth: 1 } },
  ],
};
