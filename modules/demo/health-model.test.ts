import { describe, expect, it } from "vitest";
import { isWorkingDay } from "../../platform/polish-holidays.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { HAZARDS } from "../health/schema.ts";
import { DEMO_CENTRES } from "./build-demo.ts";
import { addMonths, planHealthData, warsawAt } from "./health-model.ts";
import { planCentre } from "./plan.ts";
import { examStatuses, healthViolations } from "./support-health-check.ts";

const [gdansk, daleszyce] = DEMO_CENTRES.map(planCentre);
const plans = [gdansk, daleszyce];
const today = warsawDay(new Date());
/** The build day, a year's end, the day after Easter Monday 2027, the programme's end and after. */
const DAYS = [today, "2026-12-30", "2027-03-30", "2027-06-28", "2027-10-05"];

const count = (m: Map<string, string>, status: string) =>
  [...m.values()].filter((s) => s === status).length;

describe("the demo's occupational-medicine model", () => {
  it.each(DAYS)("keeps the health module's rules when built on %s", (day) => {
    for (const plan of plans) {
      const data = planHealthData(plan, { today: day });
      expect(healthViolations(plan, data, day)).toEqual([]);
      // Every employee stands where the demo meant, as the module's own rule reads it.
      const statuses = examStatuses(plan, data, day);
      expect(statuses.size).toBe(plan.employees.length);
      const off = plan.employees.filter((e) => statuses.get(e.id) !== data.intent.get(e.id));
      expect(off.map((e) => [e.id, statuses.get(e.id), data.intent.get(e.id)])).toEqual([]);
      for (const status of ["overdue", "due", "scheduled", "done"]) {
        expect([plan.key, status, count(statuses, status) > 0]).toEqual([plan.key, status, true]);
      }
    }
  });

  it("gives Gdańsk a board with mostly valid certificates and a few of each kind of trouble", () => {
    const data = planHealthData(gdansk, { today });
    const statuses = examStatuses(gdansk, data, today);
    expect(count(statuses, "done")).toBeGreaterThan(300);
    expect(count(statuses, "overdue")).toBeGreaterThanOrEqual(18);
    expect(count(statuses, "due")).toBeGreaterThanOrEqual(15);
    expect(count(statuses, "scheduled")).toBe(27);
    // A few certificates with restrictions, none unfit, never anything but the outcome.
    expect(data.exams.some((x) => x.outcome === "restricted")).toBe(true);
    expect(data.exams.some((x) => x.outcome === "unfit")).toBe(false);
    // The long sick leaves: three control exams due, one planned, one done.
    const long = data.sickLeaves.filter(
      (l) => (Date.parse(l.toDate) - Date.parse(l.fromDate)) / 86_400_000 + 1 > 30,
    );
    expect(long).toHaveLength(5);
    const controls = data.exams.filter((x) => x.kind === "control");
    expect(controls.map((x) => [x.status, x.reason]).sort()).toEqual([
      ["done", "sick_leave"],
      ["planned", "sick_leave"],
    ]);
    expect(data.sickLeaves.length).toBeGreaterThan(long.length);
  });

  it("numbers the referrals per year and keeps the counter at the last one", () => {
    for (const plan of plans) {
      const data = planHealthData(plan, { today });
      const referred = data.exams.filter((x) => x.referralNumber);
      expect(referred.length).toBeGreaterThan(0);
      const years = Object.keys(data.referralCounter);
      expect(years.length).toBeGreaterThan(0);
      for (const y of years) {
        expect(referred.filter((x) => x.referralNumber?.startsWith(`SK/${y}/`))).toHaveLength(
          data.referralCounter[y],
        );
      }
    }
  });

  it("plans this week's appointments as the bulk planning would: by the clinic's capacity", () => {
    const data = planHealthData(gdansk, { today });
    const [clinic] = data.clinics;
    const planned = data.exams.filter((x) => x.status === "planned");
    const perDay = new Map<string, number>();
    for (const x of planned) {
      const day = warsawDay(x.appointmentAt ?? new Date(0));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      expect(isWorkingDay(day)).toBe(true);
    }
    // The first working days are full, the last takes the rest.
    const days = [...perDay.keys()].sort();
    expect(days[0] > today).toBe(true);
    for (const d of days.slice(0, -1)) expect(perDay.get(d)).toBe(clinic.dailyCapacity);
    // The demo employee is among them, with a referral to print.
    const me = gdansk.accounts.find((a) => a.role === "employee")?.employeeId;
    expect(planned.find((x) => x.employeeId === me)?.referralNumber).toMatch(/^SK\/\d{4}\/\d{4}$/);
  });

  it("keeps hazard profiles for every position, in the module's order", () => {
    for (const plan of plans) {
      const data = planHealthData(plan, { today });
      expect(data.profiles.map((p) => p.positionId).sort()).toEqual(
        plan.positions.map((p) => p.id).sort(),
      );
      for (const p of data.profiles) {
        expect(p.hazards).toEqual(HAZARDS.filter((h) => p.hazards.includes(h)));
        expect(p.hazards).toContain("screen_work");
      }
    }
    const social = planHealthData(gdansk, { today }).profiles.find(
      (p) => p.positionId === gdansk.positions.find((x) => x.key === "socialWorker")?.id,
    );
    expect(social?.hazards).toEqual(
      expect.arrayContaining(["driving", "field_work", "psychosocial_client"]),
    );
  });

  it("holds a Health Day in Gdańsk in a few weeks and one in the past, five stations each", () => {
    const data = planHealthData(gdansk, { today });
    const [past, coming] = data.days;
    expect(past.date < today && coming.date > addDays(today, 20)).toBe(true);
    expect(coming.status).toBe("published");
    expect(data.stations.filter((s) => s.healthDayId === coming.id).map((s) => s.name)).toEqual([
      "Ciśnienie krwi",
      "Skład ciała",
      "Konsultacja z dietetykiem",
      "Fizjoterapeuta",
      "Psycholog",
    ]);
    const onDay = (dayId: string) => {
      const ids = new Set(data.stations.filter((s) => s.healthDayId === dayId).map((s) => s.id));
      return data.dayBookings.filter((b) => ids.has(b.stationId) && !b.cancelledAt);
    };
    expect(onDay(coming.id).length).toBeGreaterThan(30);
    expect(onDay(past.id).every((b) => b.attended !== null)).toBe(true);
    expect(onDay(past.id).some((b) => b.attended === false)).toBe(true);
    const me = gdansk.accounts.find((a) => a.role === "employee")?.employeeId;
    expect(onDay(coming.id).filter((b) => b.employeeId === me)).toHaveLength(2);
    expect(planHealthData(daleszyce, { today }).days).toEqual([]);
  });

  it("gives the same rows for the same day", () => {
    expect(planHealthData(gdansk, { today })).toEqual(planHealthData(gdansk, { today }));
  });

  it("reads Warsaw wall-clock times across the changes of the clocks", () => {
    expect(warsawAt("2026-03-29", 9 * 60).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(warsawAt("2026-10-25", 9 * 60).toISOString()).toBe("2026-10-25T08:00:00.000Z");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-02-29", -12)).toBe("2027-02-28");
  });
});
