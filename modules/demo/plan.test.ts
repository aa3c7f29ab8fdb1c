import { describe, expect, it } from "vitest";
import { passwordFields } from "../access/create-account.ts";
import { ROLES } from "../access/permissions.ts";
import { DEFAULT_STAFF_GROUPS } from "../org/centres.ts";
import { DEMO_CENTRES } from "./build-demo.ts";
import { DALESZYCE } from "./daleszyce.ts";
import { demoId, seededRandom } from "./determinism.ts";
import { GDANSK } from "./gdansk.ts";
import { asciiLower, lastNameFor } from "./names.ts";
import { type CentrePlan, POSITIONS, type PositionKey, planCentre, STAFF_GROUP } from "./plan.ts";

const count = (p: CentrePlan, key: PositionKey) =>
  p.employees.filter((e) => e.positionKey === key).length;

describe("demo ids and randomness", () => {
  it("derives the same UUID from the same key, and a different one from another", () => {
    expect(demoId("a")).toBe(demoId("a"));
    expect(demoId("a")).not.toBe(demoId("b"));
    expect(demoId("a")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("repeats the same sequence for the same seed", () => {
    const a = seededRandom("x");
    const b = seededRandom("x");
    const c = seededRandom("y");
    const seq = (r: typeof a) => Array.from({ length: 5 }, () => r.int(1, 1000));
    expect(seq(a)).toEqual(seq(b));
    expect(seq(seededRandom("x"))).not.toEqual(seq(c));
  });
});

describe("Polish names", () => {
  it("puts adjectival surnames in the feminine form and leaves nouns alone", () => {
    expect(lastNameFor("Kowalski", "f")).toBe("Kowalska");
    expect(lastNameFor("Czarnecki", "f")).toBe("Czarnecka");
    expect(lastNameFor("Zawadzki", "f")).toBe("Zawadzka");
    expect(lastNameFor("Nowak", "f")).toBe("Nowak");
    expect(lastNameFor("Krupa", "f")).toBe("Krupa");
    expect(lastNameFor("Kowalski", "m")).toBe("Kowalski");
  });

  it("writes addresses in plain ASCII", () => {
    expect(asciiLower("Żaneta")).toBe("zaneta");
    expect(asciiLower("Łęcka")).toBe("lecka");
    expect(asciiLower("Wiśniewska")).toBe("wisniewska");
  });
});

describe.each(DEMO_CENTRES.map((s) => [s.name, s] as const))("plan of %s", (_, spec) => {
  const plan = planCentre(spec);

  it("is the same every time", () => {
    expect(planCentre(spec)).toEqual(plan);
  });

  it("gives every employee a unique number and a unique address on a reserved domain", () => {
    const emails = plan.employees.map((e) => e.email);
    expect(new Set(emails).size).toBe(emails.length);
    const numbers = plan.employees.map((e) => e.employeeNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const e of plan.employees) {
      expect(e.email).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\d*@[a-z-]+\.example$/);
      expect(e.employmentStart).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(plan.employees.map((e) => e.id)).size).toBe(plan.employees.length);
  });

  it("gives women the feminine form of an adjectival surname", () => {
    for (const e of plan.employees) {
      if (/[sc]k[ia]$/.test(e.lastName))
        expect(e.lastName.endsWith(e.gender === "f" ? "a" : "i")).toBe(true);
    }
    const women = plan.employees.filter((e) => e.gender === "f").length;
    expect(women / plan.employees.length).toBeGreaterThan(0.6);
  });

  it("puts each position in the staff group the seed project gives it", () => {
    for (const p of plan.positions) expect(p.group).toBe(POSITIONS[p.key].group);
    const direct = ["socialWorker", "familyAssistant", "fosterCareCoordinator", "psychologist"];
    for (const k of direct) {
      const p = POSITIONS[k as PositionKey];
      expect(p.group).toBe(STAFF_GROUP.directContact);
      expect(p.clientContact).not.toBe("none");
    }
    expect(POSITIONS.socialWorker.fieldWork).toBe(true);
    expect(POSITIONS.chiefAccountant.group).toBe(STAFF_GROUP.management);
    expect(POSITIONS.officeWorker.group).toBe(STAFF_GROUP.office);
    expect(DEFAULT_STAFF_GROUPS).toHaveLength(3);
  });

  it("has at most one head per unit and social workers as the largest group", () => {
    for (const u of spec.units) {
      const heads = u.staff
        .filter(([k]) => ["unitHead", "director"].includes(k))
        .reduce((n, [, c]) => n + c, 0);
      expect(heads).toBeLessThanOrEqual(1);
    }
    const byPosition = new Map<string, number>();
    for (const e of plan.employees)
      byPosition.set(e.positionKey, (byPosition.get(e.positionKey) ?? 0) + 1);
    const largest = [...byPosition].sort((a, b) => b[1] - a[1])[0][0];
    expect(largest).toBe("socialWorker");
  });

  it("has one account per role, each with its own person, and a password the rules accept", () => {
    expect(plan.accounts.map((a) => a.role).sort()).toEqual([...ROLES].sort());
    expect(new Set(plan.accounts.map((a) => a.email)).size).toBe(ROLES.length);
    const holders = plan.accounts.filter((a) => a.employeeId).map((a) => a.employeeId);
    expect(new Set(holders).size).toBe(holders.length);
    for (const a of plan.accounts) {
      if (a.employeeId)
        expect(plan.employees.find((e) => e.id === a.employeeId)?.email).toBe(a.email);
    }
    const manager = plan.accounts.find((a) => a.role === "manager")!;
    expect(plan.units.map((u) => u.id)).toContain(manager.managedUnitId);
    expect(
      passwordFields.safeParse({ password: plan.password, passwordConfirm: plan.password }).success,
    ).toBe(true);
  });
});

describe("the seed centres", () => {
  it("MOPR Gdańsk has 427 employees, nine Centres of Social Work and one director", () => {
    const p = planCentre(GDANSK);
    expect(p.centre).toMatchObject({ name: "MOPR Gdańsk (demo)", type: "MOPR", city: "Gdańsk" });
    expect(p.employees).toHaveLength(427);
    const cps = p.units.filter((u) => u.kind === "cps");
    expect(cps.map((u) => u.name)).toEqual(
      Array.from({ length: 9 }, (_, i) => `Centrum Pracy Socjalnej nr ${i + 1}`),
    );
    // Every Centre of Social Work has teams of social workers under it.
    for (const c of cps) expect(p.units.some((u) => u.parentId === c.id)).toBe(true);
    expect(count(p, "director")).toBe(1);
    expect(count(p, "deputyDirector")).toBeGreaterThanOrEqual(2);
    expect(count(p, "deputyDirector")).toBeLessThanOrEqual(3);
    expect(count(p, "chiefAccountant")).toBe(1);
    // Every seed position is staffed.
    for (const k of Object.keys(POSITIONS) as PositionKey[]) expect(count(p, k)).toBeGreaterThan(0);
    // Social workers are the largest group, but not the whole staff.
    const share = count(p, "socialWorker") / 427;
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.6);
    const direct = p.employees.filter((e) => POSITIONS[e.positionKey].group === 0).length;
    expect(direct / 427).toBeGreaterThan(0.6);
    const heads = count(p, "unitHead") + count(p, "director") + count(p, "chiefAccountant");
    expect(heads).toBeLessThanOrEqual(p.units.filter((u) => u.kind !== "team").length + 1);
  });

  it("MGOPS Daleszyce has 14 employees, about ten of them in social work", () => {
    const p = planCentre(DALESZYCE);
    expect(p.centre).toMatchObject({ type: "MGOPS", city: "Daleszyce" });
    expect(p.employees).toHaveLength(14);
    const social = count(p, "socialWorker") + count(p, "teamCoordinator");
    expect(social).toBeGreaterThanOrEqual(9);
    expect(social).toBeLessThanOrEqual(11);
  });

  it("keeps the two centres' ids, addresses and passwords apart", () => {
    const [a, b] = DEMO_CENTRES.map(planCentre);
    expect(a.centre.id).not.toBe(b.centre.id);
    const ids = [...a.employees, ...b.employees].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const users = [...a.accounts, ...b.accounts].map((x) => x.userId);
    expect(new Set(users).size).toBe(users.length);
    expect(a.password).not.toBe(b.password);
  });
});
