import { describe, expect, it } from "vitest";
import { addDays, isoWeekday, warsawDay } from "../../platform/warsaw-time.ts";
import { DEMO_CENTRES } from "./build-demo.ts";
import { midnight } from "./health-model.ts";
import { planCentre } from "./plan.ts";
import { supportViolations } from "./support-health-check.ts";
import { type BusyInterval, planSupportData, SUPPORT_SETTINGS } from "./support-model.ts";

const [gdansk, daleszyce] = DEMO_CENTRES.map(planCentre);
const plans = [gdansk, daleszyce];
const today = warsawDay(new Date());
/** The build day, a year's end, the day after Easter Monday 2027, the programme's end and after. */
const DAYS = [today, "2026-12-30", "2027-03-30", "2027-06-28", "2027-10-05"];

describe("the demo's support model", () => {
  it.each(DAYS)("keeps the support module's rules when built on %s", (day) => {
    for (const plan of plans) {
      const data = planSupportData(plan, { today: day });
      expect(supportViolations(plan, data, day)).toEqual([]);
      expect(data.bookings.length).toBeGreaterThan(0);
    }
  });

  it("gives Gdańsk five specialists and Daleszyce two, the demo specialist among them", () => {
    const g = planSupportData(gdansk, { today });
    const d = planSupportData(daleszyce, { today });
    expect(g.specialists).toHaveLength(5);
    expect(d.specialists).toHaveLength(2);
    for (const [plan, data] of [
      [gdansk, g],
      [daleszyce, d],
    ] as const) {
      const account = plan.accounts.find((a) => a.role === "specialist");
      const own = data.specialists.find((s) => s.userId === account?.userId);
      expect(own?.name).toBe(account?.name);
      expect(data.bookings.some((b) => b.specialistId === own?.id && b.status === "booked")).toBe(
        true,
      );
      expect(data.availability.some((w) => w.crisisReserved)).toBe(true);
      expect(data.absences.some((a) => a.reason === "holiday")).toBe(true);
      expect(data.contracts.length).toBe(data.specialists.length * 2);
      expect(data.settings).toEqual(SUPPORT_SETTINGS);
    }
    // An external provider's psychotherapist without an account; a coach; a supervisor.
    expect(g.specialists.filter((s) => !s.userId && s.provider)).toHaveLength(3);
    expect(new Set(g.specialists.flatMap((s) => s.kinds))).toEqual(
      new Set(["consultation", "coaching", "crisis", "supervision"]),
    );
  });

  it("books a month either side of the build day, with outcomes before it", () => {
    const data = planSupportData(gdansk, { today });
    const start = midnight(today);
    const past = data.bookings.filter((b) => b.startsAt < start);
    const coming = data.bookings.filter((b) => b.startsAt >= start);
    expect(new Set(past.map((b) => b.status))).toEqual(
      new Set(["took_place", "no_show", "cancelled"]),
    );
    expect(new Set(coming.map((b) => b.status))).toEqual(new Set(["booked", "cancelled"]));
    expect(past.length).toBeGreaterThan(60);
    expect(coming.length).toBeGreaterThan(40);
    const first = warsawDay(
      data.bookings.reduce((a, b) => (a.startsAt < b.startsAt ? a : b)).startsAt,
    );
    const last = warsawDay(
      data.bookings.reduce((a, b) => (a.startsAt > b.startsAt ? a : b)).startsAt,
    );
    expect(first >= addDays(today, -28) && last <= addDays(today, 28)).toBe(true);
    // Spread over people: no one holds more than a course's worth.
    const perPerson = new Map<string, number>();
    for (const b of data.bookings)
      perPerson.set(b.employeeId, (perPerson.get(b.employeeId) ?? 0) + 1);
    expect(perPerson.size).toBeGreaterThan(40);
    expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(8);
    expect(new Set(data.bookings.map((b) => b.kind))).toEqual(
      new Set(["consultation", "coaching", "crisis", "supervision"]),
    );
  });

  it("gives the demo employee a consultation held and one coming, and uses two crisis links", () => {
    const data = planSupportData(gdansk, { today });
    const me = gdansk.accounts.find((a) => a.role === "employee")?.employeeId;
    const mine = data.bookings.filter((b) => b.employeeId === me);
    expect(mine.map((b) => b.status).sort()).toEqual(["booked", "took_place"]);
    expect(data.crisisLinks).toHaveLength(2);
    for (const l of data.crisisLinks) {
      const b = data.bookings.find((x) => x.crisisLinkId === l.id);
      expect(b?.kind).toBe("crisis");
      expect(b?.employeeId).toBe(l.employeeId);
    }
    // Nobody else of the demo accounts has a booking: their pages show only what they should.
    const others = new Set(
      gdansk.accounts.filter((a) => a.role !== "employee").map((a) => a.employeeId),
    );
    expect(data.bookings.filter((b) => others.has(b.employeeId))).toEqual([]);
  });

  it("keeps people and trainers clear of the programme sessions they are held to", () => {
    const free = planSupportData(gdansk, { today });
    // Make everyone with a booking, and the demo specialist, busy on every working day's
    // afternoon: the bookings move elsewhere.
    const busy = new Map<string, BusyInterval[]>();
    const afternoons: BusyInterval[] = [];
    for (let d = -30; d <= 30; d++) {
      const day = addDays(today, d);
      if (isoWeekday(day) > 5) continue;
      afternoons.push({
        startsAt: new Date(midnight(day).getTime() + 13 * 3_600_000),
        endsAt: new Date(midnight(day).getTime() + 17 * 3_600_000),
      });
    }
    for (const b of free.bookings) busy.set(b.employeeId, afternoons);
    const specialist = gdansk.accounts.find((a) => a.role === "specialist");
    busy.set(specialist?.userId ?? "", afternoons);
    const data = planSupportData(gdansk, { today, busy });
    const hit = (b: BusyInterval) =>
      afternoons.some((a) => a.startsAt < b.endsAt && b.startsAt < a.endsAt);
    const own = data.specialists.find((s) => s.userId === specialist?.userId);
    for (const b of data.bookings) {
      if (busy.has(b.employeeId) || b.specialistId === own?.id) expect(hit(b)).toBe(false);
    }
    expect(supportViolations(gdansk, data, today)).toEqual([]);
  });

  it("gives the same rows for the same day", () => {
    expect(planSupportData(gdansk, { today })).toEqual(planSupportData(gdansk, { today }));
  });

  it("books the rooms this week and next: Daleszyce's first contact room among them", () => {
    const d = planSupportData(daleszyce, { today });
    expect(d.rooms.map((r) => r.name)).toEqual(["Pokój pierwszego kontaktu"]);
    const g = planSupportData(gdansk, { today });
    expect(g.rooms.map((r) => r.name)).toEqual(["Sala superwizyjna", "Sala szkoleniowa"]);
    for (const data of [d, g]) {
      expect(data.roomBookings.length).toBeGreaterThan(5);
      const monday = addDays(today, 1 - isoWeekday(today));
      for (const r of data.roomBookings) {
        const day = warsawDay(r.startsAt);
        expect(day >= monday && day <= addDays(monday, 11)).toBe(true);
      }
    }
  });
});
