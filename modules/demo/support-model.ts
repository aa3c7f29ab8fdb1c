// The demo's confidential support as plain rows: specialists with their weekly availability,
// absences and contracts, a month of consultations, coaching and supervision on either side of
// the build day, two crisis links that were used, and the centre's bookable rooms with this
// week's bookings. Pure and seeded like programme-model.ts: the same plan, day and busy times
// always give the same rows; support.ts writes them. README.md ("Confidential support")
// describes the choices.
//
// The rows keep the rules of the support module: a booking sits on a slot its specialist's
// availability generates (crisis-reserved windows only through a crisis link, within 72 hours
// of it), never on an absence day or a public holiday, never overlapping another live booking
// of the same specialist or the same employee (the exclusion constraints would refuse it), and
// never beyond the sessions a person may book per kind and year.

import { isWorkingDay } from "../../platform/polish-holidays.ts";
import { addDays, isoWeekday, mondayOf, warsawDay } from "../../platform/warsaw-time.ts";
import type {
  SupportAbsenceReason,
  SupportBookingStatus,
  SupportKind,
  SupportMode,
  supportAbsence,
  supportAvailability,
  supportBooking,
  supportContract,
  supportCrisisLink,
  supportRoom,
  supportRoomBooking,
  supportSpecialist,
} from "../support/schema.ts";
import { demoId, type Random, seededRandom } from "./determinism.ts";
import { midnight, warsawAt } from "./health-model.ts";
import { type CentrePlan, type PlannedEmployee, type PositionKey, STAFF_GROUP } from "./plan.ts";
import { PROGRAMME_PERIOD } from "./programme-model.ts";
import { demoRandomId, STORY_SITES } from "./survey-model.ts";

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/** A row with every column given (as the database returns it), so a check reads both alike. */
type Row<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };
export type DemoSpecialistRow = Row<typeof supportSpecialist.$inferInsert>;
export type DemoAvailabilityRow = Row<typeof supportAvailability.$inferInsert>;
export type DemoAbsenceRow = Row<typeof supportAbsence.$inferInsert>;
export type DemoContractRow = Row<typeof supportContract.$inferInsert>;
export type DemoBookingRow = Row<typeof supportBooking.$inferInsert>;
/** Without the token's hash: support.ts gives each a hash of a fresh random token. */
export type DemoCrisisLinkRow = Omit<Row<typeof supportCrisisLink.$inferInsert>, "tokenHash">;
export type DemoRoomRow = Row<typeof supportRoom.$inferInsert>;
export type DemoRoomBookingRow = Row<typeof supportRoomBooking.$inferInsert>;

export type DemoSupportData = {
  settings: { cancelHoursBefore: number; sessionsPerPerson: Record<string, number> };
  specialists: DemoSpecialistRow[];
  availability: DemoAvailabilityRow[];
  absences: DemoAbsenceRow[];
  contracts: DemoContractRow[];
  crisisLinks: DemoCrisisLinkRow[];
  /** In the order they were made. */
  bookings: DemoBookingRow[];
  rooms: DemoRoomRow[];
  roomBookings: DemoRoomBookingRow[];
};

/** A time someone is already taken elsewhere (a programme session they attend or lead). */
export type BusyInterval = { startsAt: Date; endsAt: Date };

export type DemoSupportInput = {
  /** Today in Warsaw (yyyy-mm-dd): bookings before it have an outcome, later ones are booked. */
  today: string;
  /** Programme sessions of employees (by employee id) and of trainers (by user id). */
  busy?: ReadonlyMap<string, readonly BusyInterval[]>;
};

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Bookings are made on the days this far before and after the build day. */
export const BOOKING_DAYS = 28;
/** How long a crisis link lets its holder book the reserved slots. */
export const CRISIS_LINK_HOURS = 72;
export const SUPPORT_SETTINGS = {
  cancelHoursBefore: 24,
  sessionsPerPerson: { coaching: 6, consultation: 8 },
} as const;
/** The contracts: one per year of the programme period. */
export const CONTRACT_PERIODS: readonly [string, string][] = [
  [PROGRAMME_PERIOD.start, "2026-06-30"],
  ["2026-07-01", PROGRAMME_PERIOD.end],
];

type Window = { weekday: number; from: string; to: string; crisis?: boolean };
type Who =
  | { account: "specialist" }
  | { employee: { unit: string; position: PositionKey; nth: number } }
  | { name: string };

type SpecialistSpec = {
  key: string;
  who: Who;
  title: string;
  profile: string;
  provider: string;
  /** The provider is the specialist's own practice, named after them. */
  providerWithName?: boolean;
  kinds: SupportKind[];
  online: boolean;
  inPerson: boolean;
  place: string;
  slotMinutes: number;
  windows: Window[];
  /** Hours bought for each contract period. */
  hours: [number, number];
  /** Days away: a holiday week starting on the Monday this many days from the build day… */
  holidayInDays?: number;
  /** …and a sick day this many days before it (moved back to a day with a window). */
  sickDayAgo?: number;
};

const GDANSK_SPECIALISTS: SpecialistSpec[] = [
  {
    key: "psycholog-wsparcie",
    who: { account: "specialist" },
    title: "psycholog",
    profile:
      "Psycholog Działu Wsparcia Rodziny. Konsultacje indywidualne dla pracowników: stres, " +
      "trudne rozmowy z klientami, powrót do równowagi po zdarzeniu z agresją. Prowadzi też " +
      "superwizję indywidualną dla pracowników socjalnych i asystentów rodziny.",
    provider: "",
    kinds: ["consultation", "crisis", "supervision"],
    online: true,
    inPerson: true,
    place: "Dział Wsparcia Rodziny, pokój konsultacji (II piętro)",
    slotMinutes: 50,
    windows: [
      { weekday: 1, from: "12:00", to: "16:00" },
      { weekday: 2, from: "08:00", to: "10:00", crisis: true },
      { weekday: 3, from: "09:00", to: "13:00" },
      { weekday: 4, from: "12:00", to: "15:30" },
      { weekday: 5, from: "08:00", to: "10:00", crisis: true },
    ],
    hours: [220, 240],
    holidayInDays: 15,
  },
  {
    key: "psycholog-piecza",
    who: { employee: { unit: "piecza", position: "psychologist", nth: 0 } },
    title: "psycholog",
    profile:
      "Psycholog Działu Pieczy Zastępczej. Konsultacje online dla pracowników i wsparcie po " +
      "trudnych zdarzeniach w pracy; zna realia pracy koordynatorów pieczy i asystentów rodziny.",
    provider: "",
    kinds: ["consultation", "crisis"],
    online: true,
    inPerson: false,
    place: "",
    slotMinutes: 50,
    windows: [
      { weekday: 1, from: "15:00", to: "17:00", crisis: true },
      { weekday: 2, from: "14:00", to: "18:00" },
      { weekday: 3, from: "14:00", to: "16:00", crisis: true },
      { weekday: 4, from: "09:00", to: "12:00" },
    ],
    hours: [120, 140],
    sickDayAgo: 9,
  },
  {
    key: "coach",
    who: { name: "Katarzyna Wendt" },
    title: "coach ICF (PCC)",
    profile:
      "Coaching zawodowy w pakietach do sześciu spotkań: cele i organizacja pracy, nowa rola " +
      "koordynatora zespołu, powrót po dłuższej nieobecności, granice w pracy z klientem.",
    provider: "Pracownia Coachingu Kompas s.c.",
    kinds: ["coaching"],
    online: true,
    inPerson: false,
    place: "",
    slotMinutes: 60,
    windows: [
      { weekday: 1, from: "16:00", to: "19:00" },
      { weekday: 3, from: "16:00", to: "19:00" },
      { weekday: 5, from: "10:00", to: "14:00" },
    ],
    hours: [160, 180],
    holidayInDays: -17,
  },
  {
    key: "psychoterapeutka",
    who: { name: "Agnieszka Borowiec" },
    title: "psychoterapeutka (nurt poznawczo-behawioralny)",
    profile:
      "Konsultacje psychologiczne i wsparcie w kryzysie, także po zdarzeniach z udziałem " +
      "agresji klienta. Spotkania w gabinecie ośrodka psychoterapii albo online.",
    provider: "Ośrodek Psychoterapii Brzeg sp. z o.o.",
    kinds: ["consultation", "crisis"],
    online: true,
    inPerson: true,
    place: "Gabinet Ośrodka Psychoterapii Brzeg, Gdańsk-Wrzeszcz",
    slotMinutes: 50,
    windows: [
      { weekday: 2, from: "09:00", to: "13:00" },
      { weekday: 3, from: "08:00", to: "10:00", crisis: true },
      { weekday: 4, from: "15:00", to: "19:00" },
      { weekday: 5, from: "12:00", to: "14:00", crisis: true },
    ],
    hours: [200, 220],
  },
  {
    key: "superwizor",
    who: { name: "Tomasz Lewandowicz" },
    title: "superwizor pracy socjalnej",
    profile:
      "Superwizja indywidualna dla pracowników socjalnych, asystentów rodziny i koordynatorów " +
      "pieczy: omówienie trudnych sytuacji z pracy (bez danych klientów), granice, " +
      "zapobieganie wypaleniu.",
    provider: "Pomorskie Centrum Superwizji",
    kinds: ["supervision"],
    online: false,
    inPerson: true,
    place: "Sala superwizyjna, siedziba MOPR",
    slotMinutes: 90,
    windows: [{ weekday: 5, from: "09:00", to: "13:30" }],
    hours: [60, 72],
  },
];

const DALESZYCE_SPECIALISTS: SpecialistSpec[] = [
  {
    key: "psycholog",
    who: { account: "specialist" },
    title: "psycholog",
    profile:
      "Psycholog współpracująca z ośrodkiem na podstawie umowy. Konsultacje indywidualne, " +
      "wsparcie po trudnych zdarzeniach w pracy i superwizja dla zespołu pracy socjalnej.",
    provider: "Gabinet Psychologiczny",
    providerWithName: true,
    kinds: ["consultation", "crisis", "supervision"],
    online: true,
    inPerson: true,
    place: "Pokój pierwszego kontaktu, MGOPS Daleszyce (po godzinach przyjęć)",
    slotMinutes: 50,
    windows: [
      { weekday: 2, from: "13:00", to: "17:00" },
      { weekday: 4, from: "14:00", to: "16:00", crisis: true },
    ],
    hours: [60, 60],
    holidayInDays: 8,
  },
  {
    key: "coach",
    who: { name: "Paweł Zaremba" },
    title: "coach (ICF ACC)",
    profile:
      "Coaching zawodowy online w pakietach do sześciu spotkań: organizacja pracy w terenie, " +
      "nowe obowiązki, równowaga między pracą a życiem prywatnym.",
    provider: "Świętokrzyska Pracownia Coachingu",
    kinds: ["coaching"],
    online: true,
    inPerson: false,
    place: "",
    slotMinutes: 60,
    windows: [{ weekday: 3, from: "15:00", to: "18:00" }],
    hours: [40, 40],
  },
];

const SPECIALISTS: Record<string, SpecialistSpec[]> = {
  "mopr-gdansk": GDANSK_SPECIALISTS,
  "mgops-daleszyce": DALESZYCE_SPECIALISTS,
};

type RoomSpec = {
  key: string;
  name: string;
  description: string;
  location: string;
  capacity: number;
  /** What people book it for: a purpose (never a client's name), its length and usual starts. */
  uses: { purpose: string; minutes: number; starts: string[]; by: string[] }[];
  /** Bookings per working day (inclusive range). */
  perDay: [number, number];
};

const ROOMS: Record<string, RoomSpec[]> = {
  "mopr-gdansk": [
    {
      key: "superwizyjna",
      name: "Sala superwizyjna",
      description:
        "Wyciszona sala na superwizję grupową i indywidualną, spotkania zespołów i " +
        "konsultacje stacjonarne. Stół na 12 osób, flipchart.",
      location: "Siedziba MOPR, II piętro",
      capacity: 12,
      uses: [
        {
          purpose: "Superwizja grupowa zespołu",
          minutes: 180,
          starts: ["09:00"],
          by: ["coordinator"],
        },
        {
          purpose: "Spotkanie zespołu pracy socjalnej",
          minutes: 90,
          starts: ["13:00", "14:00"],
          by: ["manager"],
        },
        {
          purpose: "Konsultacja psychologiczna (spotkanie stacjonarne)",
          minutes: 60,
          starts: ["08:00", "12:30"],
          by: ["specialist"],
        },
        {
          purpose: "Interwizja koordynatorów zespołów",
          minutes: 120,
          starts: ["10:00"],
          by: ["coordinator", "manager"],
        },
      ],
      perDay: [1, 2],
    },
    {
      key: "szkoleniowa",
      name: "Sala szkoleniowa",
      description:
        "Sala na 30 osób z rzutnikiem i nagłośnieniem: szkolenia wewnętrzne, narady, " +
        "Dzień Zdrowia.",
      location: "Siedziba MOPR, parter",
      capacity: 30,
      uses: [
        {
          purpose: "Szkolenie wewnętrzne: zmiany w przepisach o pomocy społecznej",
          minutes: 240,
          starts: ["09:00"],
          by: ["coordinator"],
        },
        {
          purpose: "Narada kierowników Centrów Pracy Socjalnej",
          minutes: 120,
          starts: ["10:00", "12:00"],
          by: ["management", "manager"],
        },
        {
          purpose: "Instruktaż stanowiskowy BHP dla nowych pracowników",
          minutes: 120,
          starts: ["08:00", "13:00"],
          by: ["safety_officer", "administrator"],
        },
      ],
      perDay: [0, 1],
    },
  ],
  "mgops-daleszyce": [
    {
      key: "pierwszy-kontakt",
      name: "Pokój pierwszego kontaktu",
      description:
        "Odizolowany, wyciszony pokój na najtrudniejsze rozmowy z osobami, które przychodzą " +
        "do ośrodka po raz pierwszy: stół, cztery krzesła, lampka, kilka domowych przedmiotów.",
      location: "MGOPS Daleszyce, parter",
      capacity: 4,
      uses: [
        {
          purpose: "Pierwsza rozmowa z osobą zgłaszającą się do ośrodka",
          minutes: 60,
          starts: ["08:00", "09:30", "11:00", "12:30"],
          by: ["employee", "coordinator", "manager"],
        },
        {
          purpose: "Rozmowa z rodziną (spotkanie umówione)",
          minutes: 90,
          starts: ["10:00", "13:30"],
          by: ["employee", "coordinator"],
        },
        {
          purpose: "Konsultacja psychologiczna (spotkanie stacjonarne)",
          minutes: 60,
          starts: ["14:00"],
          by: ["specialist"],
        },
      ],
      perDay: [1, 3],
    },
  ],
};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;

function at(day: string, time: string): Date {
  return warsawAt(day, minutesOf(time));
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function overlaps(a: BusyInterval, b: BusyInterval): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Weighted pick; weights need not sum to 1. */
function weighted<T>(rnd: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rnd.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Who seeks support most: people working with clients, and more so in the story sites. */
function supportWeight(plan: CentrePlan, e: PlannedEmployee): number {
  const pos = plan.positions.find((p) => p.id === e.positionId);
  const group = pos?.group ?? STAFF_GROUP.office;
  const base = group === STAFF_GROUP.directContact ? 3 : group === STAFF_GROUP.management ? 1.2 : 1;
  const site = /^(cps\d+)/.exec(e.unitKey)?.[1];
  const story = site && (STORY_SITES[plan.key] ?? []).includes(site);
  return base * (story ? 1.6 : 1);
}

type Slot = {
  specialist: DemoSpecialistRow;
  day: string;
  startsAt: Date;
  endsAt: Date;
  crisis: boolean;
};

/** The slots a specialist's windows give on a day, as the booking rules generate them. */
function slotsOn(
  specialist: DemoSpecialistRow,
  windows: DemoAvailabilityRow[],
  day: string,
): Slot[] {
  const wd = isoWeekday(day);
  const out: Slot[] = [];
  for (const w of windows) {
    if (w.weekday !== wd || w.validFrom > day || (w.validTo && w.validTo < day)) continue;
    for (
      let m = w.startMinute;
      m + specialist.slotMinutes <= w.endMinute;
      m += specialist.slotMinutes
    ) {
      out.push({
        specialist,
        day,
        startsAt: at(day, timeOf(m)),
        endsAt: at(day, timeOf(m + specialist.slotMinutes)),
        crisis: w.crisisReserved,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Specialists, availability, absences, contracts
// ---------------------------------------------------------------------------------------------

function specialistsOf(plan: CentrePlan, today: string) {
  const id = (what: string) => demoId(`${plan.key}:support:${what}`);
  const domain = plan.accounts[0]?.email.split("@")[1] ?? "example";
  const specialists: DemoSpecialistRow[] = [];
  const availability: DemoAvailabilityRow[] = [];
  const absences: DemoAbsenceRow[] = [];
  const contracts: DemoContractRow[] = [];
  /** Employees who are specialists themselves: they do not book their colleagues. */
  const staffSpecialists = new Set<string>();

  for (const spec of SPECIALISTS[plan.key] ?? []) {
    let name: string;
    let userId: string | null = null;
    if ("account" in spec.who) {
      const account = plan.accounts.find((a) => a.role === "specialist");
      if (!account) continue;
      name = account.name;
      userId = account.userId;
      if (account.employeeId) staffSpecialists.add(account.employeeId);
    } else if ("employee" in spec.who) {
      const h = spec.who.employee;
      const e = plan.employees.filter((x) => x.unitKey === h.unit && x.positionKey === h.position)[
        h.nth
      ];
      if (!e) throw new Error(`demo: nobody holds ${h.position} in ${h.unit}`);
      name = `${e.firstName} ${e.lastName}`;
      staffSpecialists.add(e.id);
    } else {
      name = spec.who.name;
    }
    const specialistId = id(`specialist:${spec.key}`);
    const row: DemoSpecialistRow = {
      id: specialistId,
      centreId: plan.centre.id,
      userId,
      name,
      title: spec.title,
      profile: spec.profile,
      provider: spec.providerWithName ? `${spec.provider} ${name}` : spec.provider,
      kinds: spec.kinds,
      online: spec.online,
      inPerson: spec.inPerson,
      meetingLink: spec.online ? `https://wideo.${domain}/pokoj/${spec.key}` : "",
      place: spec.place,
      slotMinutes: spec.slotMinutes,
      active: true,
      createdAt: at("2025-05-26", "10:00"),
    };
    specialists.push(row);
    for (const [i, w] of spec.windows.entries()) {
      availability.push({
        id: id(`availability:${spec.key}:${i}`),
        centreId: plan.centre.id,
        specialistId,
        weekday: w.weekday,
        startMinute: minutesOf(w.from),
        endMinute: minutesOf(w.to),
        validFrom: PROGRAMME_PERIOD.start,
        validTo: null,
        crisisReserved: Boolean(w.crisis),
      });
    }
    for (const [i, [periodStart, periodEnd]] of CONTRACT_PERIODS.entries()) {
      contracts.push({
        id: id(`contract:${spec.key}:${i}`),
        centreId: plan.centre.id,
        specialistId,
        periodStart,
        periodEnd,
        hours: spec.hours[i],
      });
    }
    if (spec.holidayInDays !== undefined) {
      const monday = mondayOf(addDays(today, spec.holidayInDays));
      absences.push({
        id: id(`absence:${spec.key}:holiday`),
        centreId: plan.centre.id,
        specialistId,
        fromDate: monday,
        toDate: addDays(monday, 4),
        reason: "holiday" satisfies SupportAbsenceReason,
      });
    }
    if (spec.sickDayAgo !== undefined) {
      const regular = new Set(spec.windows.filter((w) => !w.crisis).map((w) => w.weekday));
      let day = addDays(today, -spec.sickDayAgo);
      while (!regular.has(isoWeekday(day)) || !isWorkingDay(day)) day = addDays(day, -1);
      absences.push({
        id: id(`absence:${spec.key}:sick`),
        centreId: plan.centre.id,
        specialistId,
        fromDate: day,
        toDate: day,
        reason: "sick",
      });
    }
  }
  return { specialists, availability, absences, contracts, staffSpecialists };
}

// ---------------------------------------------------------------------------------------------
// Bookings
// ---------------------------------------------------------------------------------------------

type Course = {
  employeeId: string;
  specialistId: string;
  kind: SupportKind;
  mode: SupportMode;
  left: number;
  everyDays: number;
  nextDay: string;
};

class Ledger {
  private byEmployee = new Map<string, BusyInterval[]>();
  private used = new Map<string, number>();
  private readonly busy: ReadonlyMap<string, readonly BusyInterval[]>;
  constructor(busy: ReadonlyMap<string, readonly BusyInterval[]>) {
    this.busy = busy;
  }

  free(employeeId: string, slot: BusyInterval): boolean {
    const mine = this.byEmployee.get(employeeId) ?? [];
    const elsewhere = this.busy.get(employeeId) ?? [];
    return !mine.some((b) => overlaps(b, slot)) && !elsewhere.some((b) => overlaps(b, slot));
  }

  withinPackage(employeeId: string, kind: SupportKind, day: string): boolean {
    const limit = (SUPPORT_SETTINGS.sessionsPerPerson as Record<string, number>)[kind];
    return (
      limit === undefined ||
      (this.used.get(`${employeeId}:${kind}:${day.slice(0, 4)}`) ?? 0) < limit
    );
  }

  hold(b: DemoBookingRow, day: string) {
    if (b.status === "cancelled") return;
    const list = this.byEmployee.get(b.employeeId) ?? [];
    list.push({ startsAt: b.startsAt, endsAt: b.endsAt });
    this.byEmployee.set(b.employeeId, list);
    const key = `${b.employeeId}:${b.kind}:${day.slice(0, 4)}`;
    this.used.set(key, (this.used.get(key) ?? 0) + 1);
  }
}

function bookingsOf(
  plan: CentrePlan,
  today: string,
  specialists: DemoSpecialistRow[],
  availability: DemoAvailabilityRow[],
  absences: DemoAbsenceRow[],
  staffSpecialists: Set<string>,
  busy: ReadonlyMap<string, readonly BusyInterval[]>,
) {
  const rnd = seededRandom(`przystan-demo:${plan.key}:support:bookings:${today}`);
  const small = plan.employees.length < 50;
  const accountHolders = new Set(plan.accounts.map((a) => a.employeeId).filter(Boolean));
  const candidates = plan.employees
    .filter((e) => !staffSpecialists.has(e.id) && !accountHolders.has(e.id))
    .map((e) => [e, supportWeight(plan, e)] as const);
  const ledger = new Ledger(busy);
  const specialistBusy = (s: DemoSpecialistRow, slot: BusyInterval) =>
    Boolean(s.userId && (busy.get(s.userId) ?? []).some((b) => overlaps(b, slot)));
  const away = (s: DemoSpecialistRow, day: string) =>
    absences.some((a) => a.specialistId === s.id && a.fromDate <= day && a.toDate >= day);

  // Every slot of the month around the build day, in time order.
  const slots: Slot[] = [];
  for (let d = -BOOKING_DAYS; d <= BOOKING_DAYS; d++) {
    const day = addDays(today, d);
    if (d === 0 || !isWorkingDay(day)) continue;
    for (const s of specialists) {
      if (away(s, day)) continue;
      const windows = availability.filter((w) => w.specialistId === s.id);
      for (const slot of slotsOn(s, windows, day)) {
        if (!specialistBusy(s, slot)) slots.push(slot);
      }
    }
  }
  slots.sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() || (a.specialist.id < b.specialist.id ? -1 : 1),
  );

  const taken = new Set<string>();
  const slotKey = (s: Slot) => `${s.specialist.id}:${s.startsAt.toISOString()}`;
  const bookings: DemoBookingRow[] = [];
  const crisisLinks: DemoCrisisLinkRow[] = [];

  const book = (
    slot: Slot,
    employeeId: string,
    kind: SupportKind,
    mode: SupportMode,
    status: SupportBookingStatus,
    createdAt: Date,
    crisisLinkId: string | null = null,
  ) => {
    const s = slot.specialist;
    const startsAt = slot.startsAt;
    const id = demoRandomId(`${plan.key}:support:booking:${s.id}:${startsAt.toISOString()}`);
    let updatedAt = createdAt;
    let sequence = 0;
    if (status === "took_place" || status === "no_show") {
      // Marked by the specialist after the meeting, that day.
      updatedAt = new Date(slot.endsAt.getTime() + rnd.int(5, 240) * 60_000);
    } else if (status === "cancelled") {
      // The employee cancels before the deadline; the specialist, now and then, on the day.
      const latest = startsAt.getTime() - SUPPORT_SETTINGS.cancelHoursBefore * HOUR_MS;
      const earliest = createdAt.getTime() + HOUR_MS;
      const deadline = Math.min(latest, midnight(today).getTime() - HOUR_MS);
      updatedAt = new Date(
        deadline > earliest ? earliest + rnd.next() * (deadline - earliest) : earliest,
      );
      sequence = 1;
    }
    const reminderAt = at(addDays(slot.day, -1), "17:00");
    const remindedOn = warsawDay(reminderAt) < today && createdAt < reminderAt;
    const row: DemoBookingRow = {
      id,
      centreId: plan.centre.id,
      specialistId: s.id,
      employeeId,
      kind,
      mode,
      startsAt,
      endsAt: slot.endsAt,
      status,
      crisisLinkId,
      sequence,
      reminderSentAt:
        remindedOn && (status !== "cancelled" || updatedAt > reminderAt) ? reminderAt : null,
      createdAt,
      updatedAt,
    };
    bookings.push(row);
    ledger.hold(row, slot.day);
    if (status !== "cancelled") taken.add(slotKey(slot));
    return row;
  };

  /** When a booking was made: a few days ahead, never after the day before the build day. */
  const madeAt = (slot: Slot, leadMin: number, leadMax: number) => {
    let day = addDays(slot.day, -rnd.int(leadMin, leadMax));
    if (day >= today) day = addDays(today, -rnd.int(1, 3));
    const t = at(day, timeOf(rnd.int(7 * 60, 21 * 60)));
    return t < slot.startsAt ? t : new Date(slot.startsAt.getTime() - 2 * HOUR_MS);
  };

  const modeFor = (s: DemoSpecialistRow): SupportMode =>
    s.online && s.inPerson
      ? rnd.chance(0.6)
        ? "online"
        : "in_person"
      : s.online
        ? "online"
        : "in_person";

  // The demo accounts' own: the Gdańsk employee has had a consultation with the demo
  // specialist and has the next one booked; the Daleszyce employee has one coming.
  const employeeAccount = plan.accounts.find((a) => a.role === "employee");
  const ownSpecialist = specialists.find((s) => s.userId && s.kinds.includes("consultation"));
  if (employeeAccount?.employeeId && ownSpecialist) {
    const mine = (from: number) =>
      slots.find(
        (s) =>
          s.specialist.id === ownSpecialist.id &&
          !s.crisis &&
          s.day >= addDays(today, from) &&
          !taken.has(slotKey(s)) &&
          ledger.free(employeeAccount.employeeId!, s),
      );
    const past = small ? undefined : mine(-14);
    if (past) {
      book(
        past,
        employeeAccount.employeeId,
        "consultation",
        "in_person",
        "took_place",
        madeAt(past, 3, 8),
      );
    }
    const next = mine(small ? 3 : 5);
    if (next) {
      book(
        next,
        employeeAccount.employeeId,
        "consultation",
        "online",
        "booked",
        madeAt(next, 4, 9),
      );
    }
  }

  // Crisis links used after an incident: a booking in a reserved slot within 72 hours.
  const linkDays = small ? [11] : [19, 6];
  for (const [i, ago] of linkDays.entries()) {
    for (let shift = 0; shift < 10; shift++) {
      const day = addDays(today, -ago - shift);
      if (!isWorkingDay(day)) continue;
      const createdAt = at(day, timeOf(rnd.int(10 * 60, 14 * 60)));
      const expiresAt = new Date(createdAt.getTime() + CRISIS_LINK_HOURS * HOUR_MS);
      const slot = slots.find(
        (s) =>
          s.crisis &&
          s.startsAt.getTime() >= createdAt.getTime() + HOUR_MS &&
          s.startsAt < expiresAt &&
          s.day < today &&
          !taken.has(slotKey(s)),
      );
      if (!slot) continue;
      let employee: PlannedEmployee | undefined;
      for (let tries = 0; tries < 50 && !employee; tries++) {
        const e = weighted(rnd, candidates);
        if (ledger.free(e.id, slot)) employee = e;
      }
      if (!employee) continue;
      // The holder books within minutes of getting the link, well before the meeting.
      const room = Math.floor((slot.startsAt.getTime() - createdAt.getTime()) / 60_000) - 30;
      const usedAt = new Date(createdAt.getTime() + rnd.int(5, Math.min(120, room)) * 60_000);
      const link: DemoCrisisLinkRow = {
        id: demoId(`${plan.key}:support:crisis-link:${i}:${today}`),
        centreId: plan.centre.id,
        employeeId: employee.id,
        source: "coordinator",
        sourceId: null,
        createdAt,
        expiresAt,
        usedAt,
      };
      crisisLinks.push(link);
      book(slot, employee.id, "crisis", modeFor(slot.specialist), "took_place", usedAt, link.id);
      break;
    }
  }

  // Everyone else: courses of consultations, coaching or supervision, one specialist each.
  const courses: Course[] = [];
  const inCourse = new Set<string>();
  for (const slot of slots) {
    if (slot.crisis || taken.has(slotKey(slot))) continue;
    const d = Math.round((Date.parse(slot.day) - Date.parse(today)) / 86_400_000);
    const fill = d < 0 ? 0.62 : Math.max(0.15, 0.72 - 0.02 * d);
    if (!rnd.chance(small ? fill * 0.55 : fill)) continue;
    const s = slot.specialist;
    let course = courses.find(
      (c) =>
        c.specialistId === s.id &&
        c.left > 0 &&
        c.nextDay <= slot.day &&
        ledger.free(c.employeeId, slot) &&
        ledger.withinPackage(c.employeeId, c.kind, slot.day),
    );
    if (!course) {
      const kind = weighted<SupportKind>(
        rnd,
        s.kinds.map(
          (k) =>
            [
              k,
              k === "consultation" ? 0.75 : k === "crisis" ? 0.05 : k === "supervision" ? 0.2 : 1,
            ] as const,
        ),
      );
      for (let tries = 0; tries < 30 && !course; tries++) {
        const e = weighted(rnd, candidates);
        if (inCourse.has(e.id) || !ledger.free(e.id, slot)) continue;
        if (!ledger.withinPackage(e.id, kind, slot.day)) continue;
        const [left, everyDays] =
          kind === "coaching"
            ? [rnd.int(3, 6), 14]
            : kind === "supervision"
              ? [rnd.int(2, 4), rnd.pick([14, 28])]
              : kind === "crisis"
                ? [rnd.int(1, 2), 7]
                : [
                    weighted(rnd, [
                      [1, 3],
                      [2, 3],
                      [3, 2],
                      [4, 1],
                    ] as const),
                    rnd.pick([7, 14]),
                  ];
        course = {
          employeeId: e.id,
          specialistId: s.id,
          kind,
          mode: modeFor(s),
          left,
          everyDays,
          nextDay: slot.day,
        };
        courses.push(course);
        inCourse.add(e.id);
      }
      if (!course) continue;
    }
    const status: SupportBookingStatus =
      d < 0
        ? weighted(rnd, [
            ["took_place", 0.82],
            ["no_show", 0.07],
            ["cancelled", 0.11],
          ] as const)
        : rnd.chance(0.06)
          ? "cancelled"
          : "booked";
    book(slot, course.employeeId, course.kind, course.mode, status, madeAt(slot, 2, 12));
    if (status !== "cancelled") course.left -= 1;
    course.nextDay = addDays(slot.day, status === "cancelled" ? 3 : course.everyDays - 1);
    if (course.left === 0) inCourse.delete(course.employeeId);
  }

  bookings.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
  return { bookings, crisisLinks };
}

// ---------------------------------------------------------------------------------------------
// Rooms
// ---------------------------------------------------------------------------------------------

function roomsOf(plan: CentrePlan, today: string) {
  const rnd = seededRandom(`przystan-demo:${plan.key}:support:rooms:${today}`);
  const rooms: DemoRoomRow[] = [];
  const roomBookings: DemoRoomBookingRow[] = [];
  const userOf = (role: string) => plan.accounts.find((a) => a.role === role)?.userId;
  const monday = mondayOf(today);
  for (const spec of ROOMS[plan.key] ?? []) {
    const roomId = demoId(`${plan.key}:support:room:${spec.key}`);
    rooms.push({
      id: roomId,
      centreId: plan.centre.id,
      name: spec.name,
      description: spec.description,
      location: spec.location,
      capacity: spec.capacity,
      active: true,
    });
    // This week and the next, working days only.
    for (let d = 0; d < 12; d++) {
      const day = addDays(monday, d);
      if (!isWorkingDay(day)) continue;
      const held: BusyInterval[] = [];
      const n = rnd.int(spec.perDay[0], spec.perDay[1]);
      for (let k = 0, tries = 0; k < n && tries < 20; tries++) {
        const use = rnd.pick(spec.uses);
        const by = use.by.map(userOf).filter((u): u is string => Boolean(u));
        if (!by.length) continue;
        const start = rnd.pick(use.starts);
        const startsAt = at(day, start);
        const endsAt = at(day, timeOf(minutesOf(start) + use.minutes));
        if (held.some((h) => overlaps(h, { startsAt, endsAt }))) continue;
        k++;
        // Booked a few days ahead (before the build day), now and then called off.
        let madeOn = addDays(day, -rnd.int(2, 10));
        if (madeOn >= today) madeOn = addDays(today, -rnd.int(1, 3));
        const made = at(madeOn, timeOf(rnd.int(8 * 60, 15 * 60)));
        const createdAt = made < startsAt ? made : new Date(startsAt.getTime() - 24 * HOUR_MS);
        const cancelled = rnd.chance(0.08);
        roomBookings.push({
          id: demoId(`${plan.key}:support:room-booking:${spec.key}:${day}:${start}:${tries}`),
          centreId: plan.centre.id,
          roomId,
          bookedBy: rnd.pick(by),
          purpose: use.purpose,
          startsAt,
          endsAt,
          cancelledAt: cancelled
            ? new Date(
                Math.min(
                  startsAt.getTime() - 2 * HOUR_MS,
                  createdAt.getTime() + 26 * HOUR_MS,
                  midnight(today).getTime() - 60_000,
                ),
              )
            : null,
          createdAt,
        });
        if (!cancelled) held.push({ startsAt, endsAt });
      }
    }
  }
  return { rooms, roomBookings };
}

// ---------------------------------------------------------------------------------------------
// The centre
// ---------------------------------------------------------------------------------------------

/** Every support row of one demo centre for a build day. */
export function planSupportData(plan: CentrePlan, input: DemoSupportInput): DemoSupportData {
  const { today } = input;
  const busy = input.busy ?? new Map();
  const { specialists, availability, absences, contracts, staffSpecialists } = specialistsOf(
    plan,
    today,
  );
  const { bookings, crisisLinks } = bookingsOf(
    plan,
    today,
    specialists,
    availability,
    absences,
    staffSpecialists,
    busy,
  );
  const { rooms, roomBookings } = roomsOf(plan, today);
  return {
    settings: {
      cancelHoursBefore: SUPPORT_SETTINGS.cancelHoursBefore,
      sessionsPerPerson: { ...SUPPORT_SETTINGS.sessionsPerPerson },
    },
    specialists,
    availability,
    absences,
    contracts,
    crisisLinks,
    bookings,
    rooms,
    roomBookings,
  };
}

/** The slots a specialist offers on a day (for the checks): as the booking rules make them. */
export function demoSlotsOn(
  data: DemoSupportData,
  specialistId: string,
  day: string,
): { startsAt: Date; endsAt: Date; crisis: boolean }[] {
  const s = data.specialists.find((x) => x.id === specialistId);
  if (!s) return [];
  return slotsOn(
    s,
    data.availability.filter((w) => w.specialistId === specialistId),
    day,
  );
}
