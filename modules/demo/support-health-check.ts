// The invariants of the demo's support and occupational-medicine rows, checked by the tests on
// the model's rows (on several build days) and on what the database holds after a build. Each
// returns the list of what is wrong, empty when all holds. Slots and exam statuses are read
// with the modules' own rules (free-slots.ts, exam-status.ts, health-day-rules.ts).
import { isWorkingDay } from "../../platform/polish-holidays.ts";
import { addDays, isoWeekday, warsawDay, warsawMinutes } from "../../platform/warsaw-time.ts";
import { type ExamFacts, examSituation, type HealthStatus } from "../health/exam-status.ts";
import { slotStarts } from "../health/health-day-rules.ts";
import type { ExamKind, ExamOutcome, ExamStatus } from "../health/schema.ts";
import { slotsFromWindows } from "../support/free-slots.ts";
import type { SupportBookingStatus, SupportKind, SupportMode } from "../support/schema.ts";
import { midnight } from "./health-model.ts";
import type { CentrePlan } from "./plan.ts";

// ---------------------------------------------------------------------------------------------
// Support
// ---------------------------------------------------------------------------------------------

type SpecialistFacts = {
  id: string;
  kinds: SupportKind[];
  online: boolean;
  inPerson: boolean;
  slotMinutes: number;
  userId: string | null;
};
type WindowFacts = {
  id: string;
  specialistId: string;
  weekday: number;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validTo: string | null;
  crisisReserved: boolean;
};
type BookingFacts = {
  id: string;
  specialistId: string;
  employeeId: string;
  kind: SupportKind;
  mode: SupportMode;
  status: SupportBookingStatus;
  startsAt: Date;
  endsAt: Date;
  crisisLinkId: string | null;
  createdAt: Date;
  updatedAt?: Date;
};

export type SupportFacts = {
  settings: { cancelHoursBefore: number; sessionsPerPerson: Record<string, number> };
  specialists: SpecialistFacts[];
  availability: WindowFacts[];
  absences: { specialistId: string; fromDate: string; toDate: string }[];
  contracts: { specialistId: string; periodStart: string; periodEnd: string; hours: number }[];
  crisisLinks: {
    id: string;
    employeeId: string;
    createdAt: Date;
    expiresAt: Date;
    usedAt: Date | null;
  }[];
  bookings: BookingFacts[];
  rooms: { id: string; name: string }[];
  roomBookings: {
    id: string;
    roomId: string;
    purpose: string;
    startsAt: Date;
    endsAt: Date;
    cancelledAt: Date | null;
    createdAt: Date;
  }[];
};

const HOUR_MS = 3_600_000;
const overlap = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;
const iso = (d: Date) => d.toISOString();

/** Pairs of intervals in one group that overlap, named by `label`. */
function overlapsWithin<T extends { startsAt: Date; endsAt: Date }>(
  rows: T[],
  groupOf: (r: T) => string,
  label: (a: T, b: T) => string,
): string[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(groupOf(r), [...(groups.get(groupOf(r)) ?? []), r]);
  const out: string[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 1; i < sorted.length; i++) {
      if (overlap(sorted[i - 1], sorted[i])) out.push(label(sorted[i - 1], sorted[i]));
    }
  }
  return out;
}

/** What breaks the support module's rules in a centre's rows, on a build day. */
export function supportViolations(plan: CentrePlan, data: SupportFacts, today: string): string[] {
  const out: string[] = [];
  const start = midnight(today);
  const employees = new Set(plan.employees.map((e) => e.id));
  const specialists = new Map(data.specialists.map((s) => [s.id, s]));
  const links = new Map(data.crisisLinks.map((l) => [l.id, l]));
  const specialistEmployees = new Set(
    plan.accounts
      .filter((a) => a.role === "specialist" && a.employeeId)
      .map((a) => a.employeeId as string),
  );

  // Windows: the exclusion the database holds, and sensible minutes.
  for (const [i, a] of data.availability.entries()) {
    if (a.startMinute >= a.endMinute) out.push(`window ${a.id} ends before it starts`);
    for (const b of data.availability.slice(i + 1)) {
      const sameDays =
        a.specialistId === b.specialistId &&
        a.weekday === b.weekday &&
        a.validFrom <= (b.validTo ?? "9999-12-31") &&
        b.validFrom <= (a.validTo ?? "9999-12-31");
      if (sameDays && a.startMinute < b.endMinute && b.startMinute < a.endMinute) {
        out.push(`windows ${a.id} and ${b.id} overlap`);
      }
    }
  }

  const slotOptions = (s: SpecialistFacts, now: Date, crisis: boolean, day: string) =>
    slotsFromWindows({
      specialists: [
        {
          id: s.id,
          slotMinutes: s.slotMinutes,
          modes: [
            ...(s.online ? ["online" as const] : []),
            ...(s.inPerson ? ["in_person" as const] : []),
          ],
        },
      ],
      windows: data.availability.filter((w) => w.specialistId === s.id),
      absences: data.absences.filter((a) => a.specialistId === s.id),
      busy: new Map(),
      from: day,
      days: 1,
      now,
      crisis,
    });

  const limits = data.settings.sessionsPerPerson;
  const used = new Map<string, number>();
  for (const b of data.bookings) {
    const s = specialists.get(b.specialistId);
    const day = warsawDay(b.startsAt);
    const what = `booking ${b.id} (${iso(b.startsAt)})`;
    if (!s) {
      out.push(`${what}: unknown specialist`);
      continue;
    }
    if (!employees.has(b.employeeId)) out.push(`${what}: not an employee of the centre`);
    if (specialistEmployees.has(b.employeeId)) out.push(`${what}: the specialist books herself`);
    if (!s.kinds.includes(b.kind)) out.push(`${what}: the specialist does not offer ${b.kind}`);
    if (b.mode === "online" ? !s.online : !s.inPerson) out.push(`${what}: mode ${b.mode}`);
    if (!isWorkingDay(day)) out.push(`${what}: not a working day`);
    if (day === today) out.push(`${what}: on the build day`);
    // On a slot the windows give: any slot for an ordinary booking; a crisis-reserved one,
    // within 72 hours of the link, for a booking made through a link.
    const link = b.crisisLinkId ? links.get(b.crisisLinkId) : undefined;
    if (b.crisisLinkId && !link) out.push(`${what}: its crisis link is missing`);
    const offered = link
      ? slotOptions(s, link.createdAt, true, day).filter((x) => x.crisis)
      : slotOptions(s, new Date(0), false, day);
    if (
      !offered.some(
        (x) =>
          x.startsAt.getTime() === b.startsAt.getTime() &&
          x.endsAt.getTime() === b.endsAt.getTime(),
      )
    ) {
      out.push(`${what}: not a slot the availability offers`);
    }
    if (link && b.employeeId !== link.employeeId) out.push(`${what}: booked on another's link`);
    // What happened: past meetings are marked or cancelled, coming ones booked or cancelled.
    const past = b.startsAt < start;
    const allowed: SupportBookingStatus[] = past
      ? ["took_place", "no_show", "cancelled"]
      : ["booked", "cancelled"];
    if (!allowed.includes(b.status))
      out.push(`${what}: ${b.status} ${past ? "in the past" : "ahead"}`);
    if (!(b.createdAt < b.startsAt) || !(b.createdAt < start))
      out.push(`${what}: made at ${iso(b.createdAt)}`);
    if (b.updatedAt && b.updatedAt < b.createdAt) out.push(`${what}: changed before it was made`);
    if (b.status === "cancelled" && b.updatedAt) {
      const deadline = b.startsAt.getTime() - data.settings.cancelHoursBefore * HOUR_MS;
      if (b.updatedAt.getTime() > deadline || b.updatedAt >= start) {
        out.push(`${what}: cancelled after the deadline`);
      }
    }
    if (b.status !== "cancelled") {
      const key = `${b.employeeId}:${b.kind}:${day.slice(0, 4)}`;
      used.set(key, (used.get(key) ?? 0) + 1);
    }
  }
  for (const [key, n] of used) {
    const limit = limits[key.split(":")[1]];
    if (limit !== undefined && n > limit) out.push(`${key}: ${n} sessions of ${limit}`);
  }
  const live = data.bookings.filter((b) => b.status !== "cancelled");
  out.push(
    ...overlapsWithin(
      live,
      (b) => b.specialistId,
      (a, b) => `specialist's bookings ${a.id} and ${b.id} overlap`,
    ),
    ...overlapsWithin(
      live,
      (b) => b.employeeId,
      (a, b) => `employee's bookings ${a.id} and ${b.id} overlap`,
    ),
  );

  for (const l of data.crisisLinks) {
    if (l.expiresAt.getTime() !== l.createdAt.getTime() + 72 * HOUR_MS) {
      out.push(`crisis link ${l.id}: not 72 hours`);
    }
    if (l.usedAt && (l.usedAt < l.createdAt || l.usedAt > l.expiresAt)) {
      out.push(`crisis link ${l.id}: used outside its time`);
    }
    if (!data.bookings.some((b) => b.crisisLinkId === l.id))
      out.push(`crisis link ${l.id}: unused`);
  }

  const rooms = new Set(data.rooms.map((r) => r.id));
  for (const r of data.roomBookings) {
    if (!rooms.has(r.roomId)) out.push(`room booking ${r.id}: unknown room`);
    if (!r.purpose) out.push(`room booking ${r.id}: no purpose`);
    if (!(r.startsAt < r.endsAt)) out.push(`room booking ${r.id}: ends before it starts`);
    if (!(r.createdAt < r.startsAt) || !(r.createdAt < start)) {
      out.push(`room booking ${r.id}: made at ${iso(r.createdAt)}`);
    }
    if (r.cancelledAt && (r.cancelledAt < r.createdAt || r.cancelledAt >= start)) {
      out.push(`room booking ${r.id}: cancelled at ${iso(r.cancelledAt)}`);
    }
  }
  out.push(
    ...overlapsWithin(
      data.roomBookings.filter((r) => !r.cancelledAt),
      (r) => r.roomId,
      (a, b) => `room bookings ${a.id} and ${b.id} overlap`,
    ),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Occupational medicine and the Health Day
// ---------------------------------------------------------------------------------------------

type ExamRowFacts = ExamFacts & {
  employeeId: string;
  kind: ExamKind;
  status: ExamStatus;
  outcome: ExamOutcome | null;
  clinicId: string | null;
  appointmentAt: Date | null;
  referralNumber: string | null;
  createdAt: Date;
};

export type HealthFacts = {
  clinics: {
    id: string;
    dailyCapacity: number;
    opensAtMinute: number;
    closesAtMinute: number;
  }[];
  exams: ExamRowFacts[];
  sickLeaves: { employeeId: string; fromDate: string; toDate: string }[];
  referralCounter: Record<string, number>;
  days: { id: string; date: string }[];
  stations: {
    id: string;
    healthDayId: string;
    startMinute: number;
    endMinute: number;
    slotMinutes: number;
    capacity: number;
  }[];
  slots: { stationId: string; startMinute: number; taken: number; capacity: number }[];
  dayBookings: {
    id: string;
    stationId: string;
    employeeId: string;
    startMinute: number;
    cancelledAt: Date | null;
    attended: boolean | null;
    createdAt: Date;
  }[];
};

/** Each employee's status on the day, as the board reads it. */
export function examStatuses(
  plan: CentrePlan,
  data: Pick<HealthFacts, "exams" | "sickLeaves">,
  today: string,
): Map<string, HealthStatus> {
  const out = new Map<string, HealthStatus>();
  for (const e of plan.employees) {
    const exams = data.exams.filter((x) => x.employeeId === e.id);
    const leaves = data.sickLeaves.filter((x) => x.employeeId === e.id);
    out.set(e.id, examSituation(exams, leaves, today).status);
  }
  return out;
}

/** What breaks the health module's rules in a centre's rows, on a build day. */
export function healthViolations(plan: CentrePlan, data: HealthFacts, today: string): string[] {
  const out: string[] = [];
  const start = midnight(today);
  const tomorrow = midnight(addDays(today, 1));
  const employees = new Set(plan.employees.map((e) => e.id));
  const clinics = new Map(data.clinics.map((c) => [c.id, c]));

  const withExams = new Set(data.exams.map((x) => x.employeeId));
  for (const e of plan.employees) {
    if (!withExams.has(e.id)) out.push(`employee ${e.id} has no exam`);
  }
  const plannedPer = new Map<string, number>();
  const perClinicDay = new Map<string, number>();
  for (const x of data.exams) {
    const what = `exam ${x.id}`;
    if (!employees.has(x.employeeId)) out.push(`${what}: not an employee of the centre`);
    if (x.status === "done") {
      if (!x.examDate || !x.outcome) out.push(`${what}: done without a date or outcome`);
      if (x.examDate && x.examDate >= today) out.push(`${what}: exam date ${x.examDate} not past`);
      if (x.validUntil && x.examDate && x.validUntil < x.examDate) {
        out.push(`${what}: valid until ${x.validUntil}, before ${x.examDate}`);
      }
      if (x.outcome === "unfit") out.push(`${what}: unfit`);
      if (x.examDate && !isWorkingDay(x.examDate)) out.push(`${what}: on a day off`);
    }
    if (x.status === "planned") {
      plannedPer.set(x.employeeId, (plannedPer.get(x.employeeId) ?? 0) + 1);
      if (!x.appointmentAt || x.appointmentAt < tomorrow)
        out.push(`${what}: appointment not ahead`);
      if (!x.referralNumber) out.push(`${what}: planned without a referral`);
      if (x.examDate || x.outcome || x.validUntil) out.push(`${what}: planned with a result`);
    }
    if (x.createdAt >= start) out.push(`${what}: made on or after the build day`);
    if (x.appointmentAt) {
      const c = x.clinicId ? clinics.get(x.clinicId) : undefined;
      const day = warsawDay(x.appointmentAt);
      const minute = warsawMinutes(x.appointmentAt);
      if (!c) out.push(`${what}: appointment without a clinic`);
      else if (minute < c.opensAtMinute || minute >= c.closesAtMinute) {
        out.push(`${what}: appointment at ${minute} outside the clinic's hours`);
      }
      if (!isWorkingDay(day)) out.push(`${what}: appointment on a day off`);
      if (x.status === "done" && x.examDate !== day)
        out.push(`${what}: examined off its appointment`);
      if (!(x.createdAt < x.appointmentAt)) out.push(`${what}: referred after the appointment`);
      const key = `${x.clinicId}:${day}`;
      perClinicDay.set(key, (perClinicDay.get(key) ?? 0) + 1);
    }
  }
  for (const [id, n] of plannedPer) if (n > 1) out.push(`employee ${id}: ${n} planned exams`);
  for (const [key, n] of perClinicDay) {
    const c = clinics.get(key.split(":")[0]);
    if (c && n > c.dailyCapacity) out.push(`clinic day ${key}: ${n} of ${c.dailyCapacity}`);
  }

  // Referral numbers: SK/<year>/<nnnn>, 1…n in each year, the counter at n.
  const numbers = new Map<string, number[]>();
  for (const x of data.exams) {
    if (!x.referralNumber) continue;
    const m = /^SK\/(\d{4})\/(\d{4})$/.exec(x.referralNumber);
    if (!m) {
      out.push(`referral ${x.referralNumber}: not SK/<year>/<nnnn>`);
      continue;
    }
    if (m[1] !== warsawDay(x.createdAt).slice(0, 4)) out.push(`referral ${x.referralNumber}: year`);
    numbers.set(m[1], [...(numbers.get(m[1]) ?? []), Number(m[2])]);
  }
  const years = new Set([...numbers.keys(), ...Object.keys(data.referralCounter)]);
  for (const year of years) {
    const list = (numbers.get(year) ?? []).sort((a, b) => a - b);
    if (list.some((n, i) => n !== i + 1)) out.push(`referrals of ${year} are not 1…${list.length}`);
    if ((data.referralCounter[year] ?? 0) !== list.length) {
      out.push(`referral counter ${year}: ${data.referralCounter[year]}, ${list.length} issued`);
    }
  }

  for (const l of data.sickLeaves) {
    if (l.toDate < l.fromDate) out.push(`sick leave of ${l.employeeId}: ends before it starts`);
    if (l.toDate >= today) out.push(`sick leave of ${l.employeeId}: not over`);
  }

  // Health Days: the slot rows are the station's slots, `taken` counts the live bookings.
  const days = new Map(data.days.map((d) => [d.id, d]));
  const stations = new Map(data.stations.map((s) => [s.id, s]));
  const live = data.dayBookings.filter((b) => !b.cancelledAt);
  for (const s of data.stations) {
    const starts = slotStarts(s);
    const rows = data.slots.filter((x) => x.stationId === s.id);
    if (
      rows
        .map((x) => x.startMinute)
        .sort((a, b) => a - b)
        .join() !== starts.join()
    ) {
      out.push(`station ${s.id}: slot rows are not its slots`);
    }
    for (const r of rows) {
      const n = live.filter((b) => b.stationId === s.id && b.startMinute === r.startMinute).length;
      if (r.taken !== n) out.push(`slot ${s.id}@${r.startMinute}: taken ${r.taken}, ${n} booked`);
      if (r.capacity !== s.capacity || r.taken > r.capacity) {
        out.push(`slot ${s.id}@${r.startMinute}: ${r.taken} of ${r.capacity}`);
      }
    }
  }
  const perPersonStation = new Set<string>();
  const perPersonDay = new Map<string, [number, number][]>();
  for (const b of data.dayBookings) {
    const s = stations.get(b.stationId);
    const day = s ? days.get(s.healthDayId) : undefined;
    if (!s || !day) {
      out.push(`health-day booking ${b.id}: unknown station`);
      continue;
    }
    if (!employees.has(b.employeeId)) out.push(`health-day booking ${b.id}: not an employee`);
    if (!slotStarts(s).includes(b.startMinute))
      out.push(`health-day booking ${b.id}: no such slot`);
    if (!(b.createdAt < start) || !(b.createdAt < midnight(day.date))) {
      out.push(`health-day booking ${b.id}: made at ${iso(b.createdAt)}`);
    }
    if (b.cancelledAt && (b.cancelledAt < b.createdAt || b.cancelledAt >= start)) {
      out.push(`health-day booking ${b.id}: cancelled at ${iso(b.cancelledAt)}`);
    }
    const held = day.date < today;
    if (b.cancelledAt ? b.attended !== null : held !== (b.attended !== null)) {
      out.push(`health-day booking ${b.id}: attendance ${b.attended} on ${day.date}`);
    }
    if (b.cancelledAt) continue;
    const key = `${b.stationId}:${b.employeeId}`;
    if (perPersonStation.has(key)) out.push(`health-day booking ${b.id}: twice at a station`);
    perPersonStation.add(key);
    const dayKey = `${day.id}:${b.employeeId}`;
    const times = perPersonDay.get(dayKey) ?? [];
    const end = b.startMinute + s.slotMinutes;
    if (times.some(([a, z]) => a < end && b.startMinute < z)) {
      out.push(`health-day booking ${b.id}: at two stations at once`);
    }
    perPersonDay.set(dayKey, [...times, [b.startMinute, end]]);
  }
  for (const d of data.days) {
    if (isoWeekday(d.date) > 5 || !isWorkingDay(d.date)) out.push(`health day ${d.id}: day off`);
  }
  return out;
}
