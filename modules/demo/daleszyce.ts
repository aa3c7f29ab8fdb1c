// MGOPS Daleszyce as seeds 002 and 004 describe it: a small town-and-commune centre of 14,
// about ten of them social workers — two of whom, hired through the 2024 project, do only
// field work and social projects. The roles a centre this size does not staff (psychologist,
// health and safety, data protection) are held by people from outside, under contract.
import type { CentreSpec } from "./plan.ts";

export const DALESZYCE: CentreSpec = {
  key: "mgops-daleszyce",
  name: "MGOPS Daleszyce (demo)",
  type: "MGOPS",
  street: "",
  postalCode: "",
  city: "Daleszyce",
  emailDomain: "mgops-daleszyce.example",
  employeeNumberPrefix: "D",
  password: "przystan-demo-daleszyce",
  hired: ["1998-01-01", "2023-12-31"],
  womenShare: 0.85,
  units: [
    {
      key: "kierownictwo",
      name: "Kierownictwo i administracja",
      kind: "department",
      staff: [
        ["unitHead", 1],
        ["chiefAccountant", 1],
        ["officeWorker", 1],
      ],
    },
    {
      key: "praca-socjalna",
      name: "Zespół Pracy Socjalnej",
      kind: "team",
      staff: [
        ["teamCoordinator", 1],
        ["socialWorker", 7],
        ["familyAssistant", 1],
      ],
    },
    {
      key: "teren",
      name: "Zespół Pracy Socjalnej w Terenie",
      kind: "team",
      staff: [["socialWorker", 2]],
      hired: ["2024-03-01", "2024-04-30"],
    },
  ],
  accounts: [
    { role: "employee", holder: { unit: "teren", position: "socialWorker" } },
    {
      role: "manager",
      holder: { unit: "praca-socjalna", position: "teamCoordinator" },
      managedUnit: "praca-socjalna",
    },
    { role: "coordinator", holder: { unit: "praca-socjalna", position: "socialWorker" } },
    { role: "specialist", holder: { external: { firstName: "Joanna", lastName: "Sobieraj" } } },
    {
      role: "safety_officer",
      holder: { external: { firstName: "Marek", lastName: "Kordecki" } },
    },
    { role: "management", holder: { unit: "kierownictwo", position: "unitHead" } },
    // In a centre this size the office worker also looks after the system.
    { role: "administrator", holder: { unit: "kierownictwo", position: "officeWorker" } },
    { role: "dpo", holder: { external: { firstName: "Ewelina", lastName: "Ptasińska" } } },
    // The chief accountant also keeps the personnel files, occupational-medicine exams included.
    { role: "health", holder: { unit: "kierownictwo", position: "chiefAccountant" } },
  ],
};
