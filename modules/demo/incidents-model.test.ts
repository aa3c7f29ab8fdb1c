// The demo's incidents as planned (no database): two years, most in two Centres of Social
// Work, numbered per year, closed ones with every step done before they were closed, open
// ones with some steps past their deadline.
import { describe, expect, it } from "vitest";
import { DALESZYCE } from "./daleszyce.ts";
import { GDANSK } from "./gdansk.ts";
import { planIncidentData } from "./incidents-model.ts";
import { planCentre } from "./plan.ts";

const NOW = new Date("2026-11-24T12:00:00Z");
const gdansk = planCentre(GDANSK);

describe("demo incidents", () => {
  const d = planIncidentData(gdansk, NOW);

  it("is the same every time", () => {
    expect(planIncidentData(gdansk, NOW)).toEqual(d);
  });

  it("spreads two years of reports, most of them in two Centres of Social Work", () => {
    expect(d.incidents.length).toBe(140);
    const times = d.incidents.map((i) => (i.occurredAt as Date).getTime());
    expect(Math.min(...times)).toBeGreaterThan(NOW.getTime() - 732 * 86_400_000);
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    const unitKey = new Map(gdansk.units.map((u) => [u.id, u]));
    const cpsOf = (unitId: string) => {
      const u = unitKey.get(unitId)!;
      return u.kind === "team" ? unitKey.get(u.parentId!)!.key : u.key;
    };
    const hot = d.incidents.filter((i) => ["cps1", "cps6"].includes(cpsOf(i.unitId!))).length;
    expect(hot / d.incidents.length).toBeGreaterThan(0.5);
    const numbers = d.incidents.map((i) => i.number);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("closes old procedures only after their last step, and leaves recent ones open", () => {
    for (const i of d.incidents) {
      const steps = d.incidentSteps.filter((s) => s.incidentId === i.id);
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) {
        if (s.doneAt) expect((s.doneAt as Date).getTime()).toBeLessThan(NOW.getTime());
      }
      if (i.status === "closed") {
        expect(steps.every((s) => s.status === "done")).toBe(true);
        const last = Math.max(...steps.map((s) => (s.doneAt as Date).getTime()));
        expect((i.closedAt as Date).getTime()).toBeGreaterThanOrEqual(last);
      }
    }
    const open = d.incidents.filter((i) => i.status === "open");
    expect(open.length).toBeGreaterThan(0);
    const overdue = d.incidentSteps.filter(
      (s) => s.status === "open" && (s.dueAt as Date).getTime() < NOW.getTime(),
    );
    expect(overdue.length).toBeGreaterThan(0);
  });

  it("gives the small centre a handful a year", () => {
    expect(planIncidentData(planCentre(DALESZYCE), NOW).incidents.length).toBe(14);
  });
});
