// The demo's occupational medicine and Health Days as plain rows: the hazards of each position,
// one clinic per centre, an exam history for every employee — most with a valid certificate,
// some due within 30 days, some overdue, some with an appointment and a referral already
// planned, a few called for a control exam after a long sick leave — and, in Gdańsk, a Health
// Day coming in a few weeks and one held in the spring. Pure and seeded like programme-model.ts:
// the same plan and day always give the same rows; health.ts writes them. README.md
// ("Occupational medicine and the Health Day") describes the choices.
//
// Health data stays minimal, as in the module: the kind of exam, its dates, fit / fit with
// restrictions and the validity; a sick leave only by its dates.

import { isWorkingDay } from "../../platform/polish-holidays.ts";
import {
  addDays,
  daysBetween,
  isoWeekday,
  warsawDay,
  warsawInstant,
  warsawMinutes,
} from "../../platform/warsaw-time.ts";
import { slotStarts } from "../health/health-day-rules.ts";
import { appointmentMinute } from "../health/plan-rules.ts";
import type {
  ExamKind,
  ExamOutcome,
  Hazard,
  healthClinic,
  healthDay,
  healthDayBooking,
  healthDaySlot,
  healthDayStation,
  healthExam,
  healthPositionProfile,
  healthSickLeave,
} from "../health/schema.ts";
import { demoId, type Random, seededRandom } from "./determinism.ts";
import type { CentrePlan, PlannedEmployee, PositionKey } from "./plan.ts";

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** A row with every column given (as the database returns it), so a check reads both alike. */
type Row<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
export type DemoPositionProfileRow = Row<typeof healthPositionProfile.$inferInsert>;
export type DemoClinicRow = Row<typeof healthClinic.$inferInsert>;
export type DemoExamRow = Row<typeof healthExam.$inferInsert>;
export type DemoSickLeaveRow = Row<typeof healthSickLeave.$inferInsert>;
export type DemoHealthDayRow = Row<typeof healthDay.$inferInsert>;
export type DemoStationRow = Row<typeof healthDayStation.$inferInsert>;
export type DemoSlotRow = Row<typeof healthDaySlot.$inferInsert>;
export type DemoDayBookingRow = Row<typeof healthDayBooking.$inferInsert>;

/** What the demo meant for an employee's exams on the build day (the board's categories). */
export type DemoExamIntent = "done" | "due" | "overdue" | "scheduled";

export type DemoHealthData = {
  profiles: DemoPositionProfileRow[];
  clinics: DemoClinicRow[];
  /** Oldest first per employee. */
  exams: DemoExamRow[];
  sickLeaves: DemoSickLeaveRow[];
  days: DemoHealthDayRow[];
  stations: DemoStationRow[];
  slots: DemoSlotRow[];
  dayBookings: DemoDayBookingRow[];
  /** centre.settings.health.referralCounter: the last referral number issued, per year. */
  referralCounter: Record<string, number>;
  /** Per employee id: the status the rows were made to show on the build day. */
  intent: Map<string, DemoExamIntent>;
};

export type DemoHealthInput = {
  /** Today in Warsaw (yyyy-mm-dd). */
  today: string;
};

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

function workdayOnOrBefore(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, -1);
  return d;
}

function workdayOnOrAfter(day: string): string {
  let d = day;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The same day n months later (or earlier), the month's last day when it has no such day. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

const offsets = new Map<string, number>();

/**
 * The instant of a Warsaw wall-clock time (minutes from midnight, from 03:00 on, after any
 * change of the clocks) on a day. The day's offset is read once: the demo asks for thousands.
 */
export function warsawAt(day: string, minutes: number): Date {
  let offset = offsets.get(day);
  if (offset === undefined) {
    // Noon UTC is 13:00 or 14:00 in Warsaw, after any change of the clocks that day.
    offset = (warsawMinutes(new Date(`${day}T12:00:00Z`)) - 12 * 60) * 60_000;
    offsets.set(day, offset);
  }
  if (minutes < 180 || minutes >= 24 * 60) throw new Error(`demo: no time ${minutes} on ${day}`);
  return new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000 - offset);
}

const at = warsawAt;

/** The first instant of a Warsaw day. */
export function midnight(day: string): Date {
  const d = warsawInstant(day, "00:00");
  if (!d) throw new Error(`demo: no such day ${day}`);
  return d;
}

/** A day from `from` to `to` (just `from` when `to` is earlier). */
function dayBetween(rnd: Random, from: string, to: string): string {
  return addDays(from, rnd.int(0, Math.max(0, daysBetween(from, to))));
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Certificates from before this day were typed in from paper; later exams went through Przystań. */
export const SYSTEM_FROM = "2025-06-16";
/** Paper certificates were typed in during these days. */
const TYPED_IN: [string, string] = ["2025-06-02", "2025-06-13"];
/** Older certificates were not typed in. */
const HISTORY_FROM = "2019-01-01";
/** A certificate with restrictions is given for a shorter time. */
const RESTRICTED_MONTHS = 12;

type ProfileSpec = { hazards: Hazard[]; other?: string; periodMonths: number };

/** Working conditions per position, as the health coordinator keeps them for the referral. */
export const POSITION_PROFILES: Record<PositionKey, ProfileSpec> = {
  socialWorker: {
    hazards: ["screen_work", "driving", "field_work", "psychosocial_client", "infection"],
    other: "Wizyty w miejscu zamieszkania klientów, także w budynkach bez windy i poza miastem.",
    periodMonths: 36,
  },
  familyAssistant: {
    hazards: ["screen_work", "driving", "field_work", "psychosocial_client", "infection"],
    other: "Praca w godzinach dostosowanych do rodzin, także popołudniami.",
    periodMonths: 36,
  },
  fosterCareCoordinator: {
    hazards: ["screen_work", "driving", "field_work", "psychosocial_client"],
    periodMonths: 36,
  },
  familyWorkSpecialist: {
    hazards: ["screen_work", "field_work", "psychosocial_client"],
    periodMonths: 36,
  },
  psychologist: { hazards: ["screen_work", "psychosocial_client"], periodMonths: 48 },
  communityOrganiser: {
    hazards: ["screen_work", "driving", "field_work", "psychosocial_client"],
    periodMonths: 36,
  },
  officeWorker: {
    hazards: ["screen_work", "psychosocial_client"],
    other: "Obsługa interesantów przy stanowisku.",
    periodMonths: 60,
  },
  safetySpecialist: {
    hazards: ["screen_work", "field_work"],
    other: "Kontrole warunków pracy w placówkach ośrodka.",
    periodMonths: 48,
  },
  dataProtectionOfficer: { hazards: ["screen_work"], periodMonths: 60 },
  unitHead: { hazards: ["screen_work", "psychosocial_client"], periodMonths: 48 },
  teamCoordinator: {
    hazards: ["screen_work", "driving", "field_work", "psychosocial_client"],
    periodMonths: 36,
  },
  director: { hazards: ["screen_work", "psychosocial_client"], periodMonths: 48 },
  deputyDirector: { hazards: ["screen_work", "psychosocial_client"], periodMonths: 48 },
  chiefAccountant: { hazards: ["screen_work"], periodMonths: 60 },
};

type ClinicSpec = {
  name: string;
  address: string;
  capacity: number;
  opens: number;
  closes: number;
};

const CLINICS: Record<string, ClinicSpec> = {
  "mopr-gdansk": {
    name: "Przychodnia Medycyny Pracy Zdrowa Praca",
    address: "ul. Zdrowa 5, 80-001 Gdańsk",
    capacity: 12,
    opens: 7 * 60 + 30,
    closes: 15 * 60,
  },
  "mgops-daleszyce": {
    name: "Poradnia Medycyny Pracy w Kielcach",
    address: "ul. Lekarska 3, 25-001 Kielce",
    capacity: 4,
    opens: 8 * 60,
    closes: 13 * 60,
  },
};

/** How many people of a centre's staff the demo puts in each situation. */
type Counts = {
  overdue: number;
  due: number;
  scheduled: number;
  /** A sick leave of more than 30 days ended lately; the control exam is not planned yet. */
  controlDue: number;
  /** The same, with the control exam planned. */
  controlPlanned: number;
  /** A long sick leave last winter, the control exam done. */
  controlDone: number;
  shortSickLeaves: number;
  /** Share of certificates with restrictions. */
  restricted: number;
};

const COUNTS: Record<string, Counts> = {
  "mopr-gdansk": {
    overdue: 18,
    due: 22,
    scheduled: 26,
    controlDue: 3,
    controlPlanned: 1,
    controlDone: 1,
    shortSickLeaves: 8,
    restricted: 0.03,
  },
  "mgops-daleszyce": {
    overdue: 1,
    due: 1,
    scheduled: 2,
    controlDue: 1,
    controlPlanned: 0,
    controlDone: 0,
    shortSickLeaves: 1,
    restricted: 0,
  },
};

type StationSpec = {
  name: string;
  description: string;
  from: number;
  to: number;
  slotMinutes: number;
  capacity: number;
};

const STATIONS: StationSpec[] = [
  {
    name: "Ciśnienie krwi",
    description: "Pomiar ciśnienia i tętna przez pielęgniarkę, z krótkim omówieniem wyniku.",
    from: 9 * 60,
    to: 14 * 60,
    slotMinutes: 10,
    capacity: 2,
  },
  {
    name: "Skład ciała",
    description:
      "Analiza składu ciała: tkanka mięśniowa i tłuszczowa, nawodnienie. Wynik do zabrania.",
    from: 9 * 60,
    to: 14 * 60,
    slotMinutes: 15,
    capacity: 1,
  },
  {
    name: "Konsultacja z dietetykiem",
    description: "Rozmowa o nawykach żywieniowych przy pracy zmianowej, w biurze i w terenie.",
    from: 9 * 60,
    to: 14 * 60,
    slotMinutes: 20,
    capacity: 1,
  },
  {
    name: "Fizjoterapeuta",
    description:
      "Ocena postawy i ergonomii stanowiska, ćwiczenia dla osób pracujących przy komputerze i w terenie.",
    from: 9 * 60,
    to: 14 * 60,
    slotMinutes: 20,
    capacity: 1,
  },
  {
    name: "Psycholog",
    description:
      "Krótka rozmowa o stresie i regeneracji; informacja o konsultacjach i coachingu w Przystani.",
    from: 10 * 60,
    to: 14 * 60,
    slotMinutes: 30,
    capacity: 1,
  },
];

type DaySpec = {
  key: "upcoming" | "past";
  title: string;
  description: string;
  /** Days from the build day (moved to the nearest Tuesday–Thursday that is a working day). */
  inDays: number;
  /** Share of places taken. */
  fill: number;
};

const HEALTH_DAYS: Record<string, DaySpec[]> = {
  "mopr-gdansk": [
    {
      key: "past",
      title: "Dzień Zdrowia – zdrowe serce",
      description:
        "Bezpłatne pomiary i konsultacje dla pracowników ośrodka, w godzinach pracy. " +
        "Jedno miejsce na stanowisko; wyniki dostaje tylko osoba badana.",
      inDays: -150,
      fill: 0.85,
    },
    {
      key: "upcoming",
      title: "Dzień Zdrowia – profilaktyka i ruch",
      description:
        "Bezpłatne pomiary i konsultacje dla pracowników ośrodka, w godzinach pracy. " +
        "Zapisz się na godzinę przy każdym stanowisku, które Cię interesuje; wyniki dostajesz " +
        "tylko Ty.",
      inDays: 24,
      fill: 0.5,
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Exams
// ---------------------------------------------------------------------------------------------

type Plan = {
  intent: DemoExamIntent;
  /** The sick-leave story, when there is one. */
  sick?: "controlDue" | "controlPlanned" | "controlDone";
  shortSick?: boolean;
};

function shuffle<T>(rnd: Random, items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Appointments per clinic day, so no day takes more people than the clinic's capacity. */
class ClinicDiary {
  private load = new Map<string, number>();
  private readonly clinic: DemoClinicRow;
  constructor(clinic: DemoClinicRow) {
    this.clinic = clinic;
  }
  /** The first day from `day` (going forward or back) with a free place, and its time. */
  book(day: string, direction: 1 | -1): { day: string; at: Date } {
    let d = day;
    for (;;) {
      if (isWorkingDay(d) && (this.load.get(d) ?? 0) < this.clinic.dailyCapacity) break;
      d = addDays(d, direction);
    }
    const n = this.load.get(d) ?? 0;
    this.load.set(d, n + 1);
    const c = this.clinic;
    const minute = appointmentMinute(n, c.dailyCapacity, c.opensAtMinute, c.closesAtMinute);
    return { day: d, at: at(d, minute) };
  }
}

function examsOf(plan: CentrePlan, today: string, clinic: DemoClinicRow) {
  const rnd = seededRandom(`przystan-demo:${plan.key}:health:exams:${today}`);
  const counts = COUNTS[plan.key] ?? COUNTS["mgops-daleszyce"];
  const periodOf = (e: PlannedEmployee) => POSITION_PROFILES[e.positionKey].periodMonths;
  const diary = new ClinicDiary(clinic);

  // Who can be in each situation: people whose last certificate is a periodic one.
  const employeeAccount = plan.accounts.find((a) => a.role === "employee")?.employeeId;
  const otherAccounts = new Set(
    plan.accounts.map((a) => a.employeeId).filter((id) => id && id !== employeeAccount),
  );
  const seasoned = (e: PlannedEmployee) =>
    e.employmentStart < addDays(addMonths(today, -periodOf(e)), -200);
  const pool = shuffle(
    rnd,
    plan.employees.filter((e) => seasoned(e) && !otherAccounts.has(e.id)),
  );
  // The Gdańsk demo employee has an appointment, so her page shows one with its referral.
  const mine = plan.employees.length >= 50 ? pool.findIndex((e) => e.id === employeeAccount) : -1;
  if (mine >= 0) pool.unshift(...pool.splice(mine, 1));

  const plans = new Map<string, Plan>();
  const take = (n: number, p: Plan) => {
    for (const e of pool.splice(0, n)) plans.set(e.id, p);
  };
  take(counts.scheduled, { intent: "scheduled" });
  take(counts.overdue, { intent: "overdue" });
  take(counts.due, { intent: "due" });
  take(counts.controlDue, { intent: "overdue", sick: "controlDue" });
  take(counts.controlPlanned, { intent: "scheduled", sick: "controlPlanned" });
  take(counts.controlDone, { intent: "done", sick: "controlDone" });
  take(counts.shortSickLeaves, { intent: "done", shortSick: true });

  const exams: DemoExamRow[] = [];
  const sickLeaves: DemoSickLeaveRow[] = [];
  const intent = new Map<string, DemoExamIntent>();
  /** Referral-bearing exams, numbered at the end in the order they were planned. */
  const referred: DemoExamRow[] = [];

  // One bulk planning a few days ago gave the appointments from tomorrow on.
  const batchDay = workdayOnOrBefore(addDays(today, -5));
  const batchAt = at(batchDay, 10 * 60 + 12);
  const firstAppointment = workdayOnOrAfter(addDays(today, 1));

  const examId = (e: PlannedEmployee, n: number) => demoId(`${plan.key}:health:exam:${e.id}:${n}`);

  /** A certificate: typed in from paper, or planned in Przystań with a referral. */
  const certificate = (
    e: PlannedEmployee,
    n: number,
    kind: ExamKind,
    examDay: string,
    validUntil: string,
    outcome: ExamOutcome,
    reason = "",
  ): DemoExamRow => {
    let examDate = workdayOnOrBefore(examDay);
    const base = {
      id: examId(e, n),
      centreId: plan.centre.id,
      employeeId: e.id,
      kind,
      status: "done" as const,
      reason,
      outcome,
      reminderSentAt: null,
    };
    let row: DemoExamRow;
    if (examDate >= SYSTEM_FROM) {
      const slot = diary.book(examDate, -1);
      examDate = slot.day;
      const plannedOn = workdayOnOrBefore(
        [addDays(examDate, -rnd.int(7, 21)), TYPED_IN[0]].sort().at(-1) ?? examDate,
      );
      const createdAt = at(plannedOn, rnd.int(9 * 60, 14 * 60));
      row = {
        ...base,
        examDate,
        validUntil: validUntil < examDate ? examDate : validUntil,
        clinicId: clinic.id,
        appointmentAt: slot.at,
        referralNumber: null,
        createdAt,
        updatedAt: at(workdayOnOrAfter(addDays(examDate, 1)), rnd.int(8 * 60, 15 * 60)),
      };
      referred.push(row);
    } else {
      const typedIn = [dayBetween(rnd, TYPED_IN[0], TYPED_IN[1]), addDays(examDate, 1)].sort()[1];
      const createdAt = at(workdayOnOrAfter(typedIn), rnd.int(8 * 60, 15 * 60));
      row = {
        ...base,
        examDate,
        validUntil,
        clinicId: null,
        appointmentAt: null,
        referralNumber: null,
        createdAt,
        updatedAt: createdAt,
      };
    }
    // The reminder goes out 30 days before the validity ends, once the record exists.
    const remindOn = addDays(row.validUntil ?? today, -30);
    const remindAt = at(workdayOnOrAfter(remindOn), 7 * 60);
    row.reminderSentAt =
      workdayOnOrAfter(remindOn) < today && remindAt > row.createdAt ? remindAt : null;
    return row;
  };

  for (const e of plan.employees) {
    const p = plans.get(e.id);
    const period = periodOf(e);
    const hireExam = workdayOnOrBefore(addDays(e.employmentStart, -rnd.int(2, 10)));
    let sick: DemoSickLeaveRow | undefined;
    // The latest certificate: set by the situation the rows are to show, or, for everyone
    // else, a periodic exam some time in the last period (an initial one for the recently hired).
    let latest: { kind: ExamKind; examDay: string; validUntil: string; outcome: ExamOutcome };
    const periodic = (validUntil: string) => ({
      kind: "periodic" as const,
      examDay: [addMonths(validUntil, -period), addDays(today, -1)].sort()[0],
      validUntil,
      outcome: "fit" as const,
    });
    switch (p?.sick ?? p?.intent) {
      case "overdue":
        latest = periodic(addDays(today, -rnd.int(1, 180)));
        break;
      case "due":
        latest = periodic(addDays(today, rnd.int(0, 30)));
        break;
      case "scheduled":
        latest = periodic(addDays(today, rnd.int(-15, 45)));
        break;
      case "controlDue":
      case "controlPlanned":
      case "controlDone": {
        const ended =
          p?.sick === "controlDone"
            ? addDays(today, -rnd.int(120, 200))
            : addDays(today, -rnd.int(3, 20));
        const from = addDays(ended, -(rnd.int(35, 75) - 1));
        sick = {
          id: demoId(`${plan.key}:health:sick-leave:${e.id}:long`),
          centreId: plan.centre.id,
          employeeId: e.id,
          fromDate: from,
          toDate: ended,
          createdAt: at(workdayOnOrAfter(addDays(ended, 1)), rnd.int(8 * 60, 15 * 60)),
        };
        // The certificate from before the sick leave stays valid; only the control exam is
        // missing (or, last winter's, done).
        const lo = addDays(today, 61);
        const hi = addMonths(addDays(from, -30), period);
        latest = periodic(dayBetween(rnd, lo, hi));
        break;
      }
      default: {
        const restricted = !p && rnd.chance(counts.restricted);
        const months = restricted ? RESTRICTED_MONTHS : period;
        const earliest = addDays(addMonths(today, -months), 31);
        if (e.employmentStart >= earliest) {
          latest = {
            kind: "initial",
            examDay: hireExam,
            validUntil: addMonths(hireExam, period),
            outcome: "fit",
          };
        } else {
          const examDay = dayBetween(rnd, earliest, addDays(today, -1));
          latest = {
            kind: "periodic",
            examDay,
            validUntil: addMonths(examDay, months),
            outcome: restricted ? "restricted" : "fit",
          };
        }
      }
    }

    // Back from the latest: each certificate renewed a few weeks before the one before ran out.
    const chain = [latest];
    for (let cur = latest; cur.kind === "periodic"; ) {
      const validUntil = addDays(cur.examDay, rnd.int(1, 40));
      const examDay = addMonths(validUntil, -period);
      if (examDay <= e.employmentStart) {
        // The initial exam before the first day of work.
        if (hireExam >= HISTORY_FROM) {
          chain.push({ kind: "initial", examDay: hireExam, validUntil, outcome: "fit" });
        }
        break;
      }
      if (examDay < HISTORY_FROM) break;
      cur = { kind: "periodic", examDay, validUntil, outcome: "fit" };
      chain.push(cur);
    }
    chain.reverse();
    for (const [n, c] of chain.entries()) {
      exams.push(certificate(e, n, c.kind, c.examDay, c.validUntil, c.outcome));
    }
    if (sick) {
      sickLeaves.push(sick);
      if (p?.sick === "controlDone") {
        exams.push(
          certificate(
            e,
            chain.length,
            "control",
            workdayOnOrAfter(addDays(sick.toDate, rnd.int(1, 5))),
            latest.validUntil,
            "fit",
            "sick_leave",
          ),
        );
      }
    }
    if (p?.shortSick) {
      const to = addDays(today, -rnd.int(20, 500));
      sickLeaves.push({
        id: demoId(`${plan.key}:health:sick-leave:${e.id}:short`),
        centreId: plan.centre.id,
        employeeId: e.id,
        fromDate: addDays(to, -(rnd.int(3, 21) - 1)),
        toDate: to,
        createdAt: at(workdayOnOrAfter(addDays(to, 1)), rnd.int(8 * 60, 15 * 60)),
      });
    }
    intent.set(e.id, p?.intent ?? statusOf(latest.validUntil, today));
  }

  // The planned exams: the bulk run's appointments in the order of the validity running out,
  // then the control exam planned on its own two days ago.
  const latestOf = (id: string) => exams.filter((x) => x.employeeId === id).at(-1);
  const scheduled = plan.employees
    .filter((e) => plans.get(e.id)?.intent === "scheduled" && !plans.get(e.id)?.sick)
    .sort((a, b) =>
      (latestOf(a.id)?.validUntil ?? "") < (latestOf(b.id)?.validUntil ?? "") ? -1 : 1,
    );
  const planned = (e: PlannedEmployee, kind: ExamKind, reason: string, createdAt: Date) => {
    const slot = diary.book(firstAppointment, 1);
    const n = exams.filter((x) => x.employeeId === e.id).length;
    const row: DemoExamRow = {
      id: examId(e, n),
      centreId: plan.centre.id,
      employeeId: e.id,
      kind,
      status: "planned",
      reason,
      clinicId: clinic.id,
      appointmentAt: slot.at,
      referralNumber: null,
      examDate: null,
      outcome: null,
      validUntil: null,
      reminderSentAt: null,
      createdAt,
      updatedAt: createdAt,
    };
    exams.push(row);
    referred.push(row);
  };
  for (const e of scheduled) planned(e, "periodic", "", batchAt);
  const controlPlannedAt = at(workdayOnOrBefore(addDays(today, -2)), 11 * 60 + 40);
  for (const e of plan.employees.filter((x) => plans.get(x.id)?.sick === "controlPlanned")) {
    planned(e, "control", "sick_leave", controlPlannedAt);
  }

  // Referral numbers: SK/<year>/<nnnn>, counted per year in the order they were issued.
  referred.sort(
    (a, b) =>
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.appointmentAt?.getTime() ?? 0) - (b.appointmentAt?.getTime() ?? 0) ||
      (a.id < b.id ? -1 : 1),
  );
  const referralCounter: Record<string, number> = {};
  for (const x of referred) {
    const year = warsawYear(x.createdAt);
    referralCounter[year] = (referralCounter[year] ?? 0) + 1;
    x.referralNumber = `SK/${year}/${String(referralCounter[year]).padStart(4, "0")}`;
  }

  // Grouped by person (a stable sort keeps each history oldest first).
  exams.sort((a, b) => (a.employeeId === b.employeeId ? 0 : a.employeeId < b.employeeId ? -1 : 1));
  return { exams, sickLeaves, referralCounter, intent };
}

function warsawYear(d: Date): string {
  return warsawDay(d).slice(0, 4);
}

/** The board's category of a valid certificate alone (no planned exam, no control due). */
function statusOf(validUntil: string, today: string): DemoExamIntent {
  if (validUntil < today) return "overdue";
  return validUntil <= addDays(today, 30) ? "due" : "done";
}

// ---------------------------------------------------------------------------------------------
// Health Days
// ---------------------------------------------------------------------------------------------

function healthDaysOf(plan: CentrePlan, today: string) {
  const rnd = seededRandom(`przystan-demo:${plan.key}:health:days:${today}`);
  const days: DemoHealthDayRow[] = [];
  const stations: DemoStationRow[] = [];
  const slots: DemoSlotRow[] = [];
  const dayBookings: DemoDayBookingRow[] = [];
  const employeeAccount = plan.accounts.find((a) => a.role === "employee")?.employeeId;
  const otherAccounts = new Set(
    plan.accounts.map((a) => a.employeeId).filter((id) => id && id !== employeeAccount),
  );
  const people = plan.employees.filter((e) => !otherAccounts.has(e.id) && e.id !== employeeAccount);

  for (const spec of HEALTH_DAYS[plan.key] ?? []) {
    let date = addDays(today, spec.inDays);
    while (!isWorkingDay(date) || isoWeekday(date) < 2 || isoWeekday(date) > 4) {
      date = addDays(date, 1);
    }
    const past = date < today;
    const dayId = demoId(`${plan.key}:health:day:${spec.key}`);
    days.push({
      id: dayId,
      centreId: plan.centre.id,
      title: spec.title,
      date,
      place: "Sala szkoleniowa, siedziba MOPR (parter)",
      description: spec.description,
      status: "published",
      createdAt: at(workdayOnOrBefore(addDays(date, -40)), 10 * 60),
    });
    // Sign-ups open 30 days ahead (a week before the build day at the latest) and run until
    // the day before.
    const opens = past ? addDays(date, -30) : [addDays(date, -30), addDays(today, -7)].sort()[0];
    const signUpBy = past ? addDays(date, -1) : addDays(today, -1);
    /** Per person, the times they already hold that day: one station at a time. */
    const held = new Map<string, [number, number][]>();
    const free = (id: string, from: number, to: number) =>
      !(held.get(id) ?? []).some(([a, b]) => a < to && from < b);
    const hold = (id: string, from: number, to: number) =>
      held.set(id, [...(held.get(id) ?? []), [from, to]]);

    for (const [i, st] of STATIONS.entries()) {
      const stationId = demoId(`${plan.key}:health:day:${spec.key}:station:${i}`);
      stations.push({
        id: stationId,
        centreId: plan.centre.id,
        healthDayId: dayId,
        name: st.name,
        description: st.description,
        startMinute: st.from,
        endMinute: st.to,
        slotMinutes: st.slotMinutes,
        capacity: st.capacity,
        sortOrder: i + 1,
      });
      const booked = new Set<string>();
      const layout = { startMinute: st.from, endMinute: st.to, slotMinutes: st.slotMinutes };
      for (const m of slotStarts(layout)) {
        let taken = 0;
        for (let place = 0; place < st.capacity; place++) {
          // The demo employee has the first blood-pressure and dietitian slots of the coming day.
          const ownTurn =
            !past &&
            employeeAccount &&
            (i === 0 || i === 2) &&
            !booked.has(employeeAccount) &&
            free(employeeAccount, m, m + st.slotMinutes);
          let who: string | undefined = ownTurn ? employeeAccount : undefined;
          if (!who && rnd.chance(spec.fill)) {
            for (let tries = 0; tries < 20 && !who; tries++) {
              const e = rnd.pick(people);
              if (!booked.has(e.id) && free(e.id, m, m + st.slotMinutes)) who = e.id;
            }
          }
          if (!who) continue;
          const createdAt = at(dayBetween(rnd, opens, signUpBy), rnd.int(7 * 60, 20 * 60));
          // A few cancel (a place then stays free for someone else).
          const cancelled = !ownTurn && rnd.chance(0.06);
          dayBookings.push({
            id: demoId(`${plan.key}:health:day:${spec.key}:booking:${i}:${m}:${place}`),
            centreId: plan.centre.id,
            stationId,
            employeeId: who,
            startMinute: m,
            cancelledAt: cancelled
              ? new Date(
                  Math.min(
                    createdAt.getTime() + rnd.int(1, 72) * 3_600_000,
                    midnight(past ? date : today).getTime() - 60_000,
                  ),
                )
              : null,
            attended: past && !cancelled ? rnd.chance(0.9) : null,
            createdAt,
          });
          if (cancelled) continue;
          taken++;
          booked.add(who);
          hold(who, m, m + st.slotMinutes);
        }
        slots.push({ stationId, startMinute: m, taken, capacity: st.capacity });
      }
    }
  }
  dayBookings.sort(
    (a, b) =>
      (a.createdAt ?? new Date(0)).getTime() - (b.createdAt ?? new Date(0)).getTime() ||
      (a.id < b.id ? -1 : 1),
  );
  return { days, stations, slots, dayBookings };
}

// ---------------------------------------------------------------------------------------------
// The centre
// ---------------------------------------------------------------------------------------------

/** Every occupational-medicine and Health Day row of one demo centre for a build day. */
export function planHealthData(plan: CentrePlan, input: DemoHealthInput): DemoHealthData {
  const { today } = input;
  const profiles: DemoPositionProfileRow[] = plan.positions.map((p) => ({
    positionId: p.id,
    centreId: plan.centre.id,
    hazards: [...POSITION_PROFILES[p.key].hazards],
    otherHazards: POSITION_PROFILES[p.key].other ?? "",
    periodMonths: POSITION_PROFILES[p.key].periodMonths,
    updatedAt: at(TYPED_IN[0], 9 * 60),
  }));
  const c = CLINICS[plan.key] ?? CLINICS["mgops-daleszyce"];
  const clinic: DemoClinicRow = {
    id: demoId(`${plan.key}:health:clinic`),
    centreId: plan.centre.id,
    name: c.name,
    address: c.address,
    dailyCapacity: c.capacity,
    opensAtMinute: c.opens,
    closesAtMinute: c.closes,
    active: true,
  };
  const { exams, sickLeaves, referralCounter, intent } = examsOf(plan, today, clinic);
  const { days, stations, slots, dayBookings } = healthDaysOf(plan, today);
  return {
    profiles,
    clinics: [clinic],
    exams,
    sickLeaves,
    days,
    stations,
    slots,
    dayBookings,
    referralCounter,
    intent,
  };
}
