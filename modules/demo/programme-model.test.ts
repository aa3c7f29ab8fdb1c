import { describe, expect, it } from "vitest";
import { startOfWarsawDay } from "../../platform/i18n.ts";
import { normalizeCertificateNumber } from "../programme/certificates.ts";
import type { BuiltinActivityType } from "../programme/schema.ts";
import { DALESZYCE } from "./daleszyce.ts";
import { GDANSK } from "./gdansk.ts";
import { type CentrePlan, planCentre } from "./plan.ts";
import { programmeViolations } from "./programme-check.ts";
import {
  addDays,
  type DemoProgrammeData,
  demoCertificateNumber,
  PLAN_NAME,
  planProgrammeData,
  warsawAt,
} from "./programme-model.ts";

const TODAY = "2026-11-24";
const gdansk = planCentre(GDANSK);
const daleszyce = planCentre(DALESZYCE);
const g = planProgrammeData(gdansk, { today: TODAY });
const d = planProgrammeData(daleszyce, { today: TODAY });

function codeOf(data: DemoProgrammeData) {
  const byType = new Map(data.types.map((t) => [t.id, t.code]));
  return (a: { typeId: string }) => byType.get(a.typeId) as BuiltinActivityType;
}

/** Activities per kind, not counting cancelled ones: what the plan's "delivered" compares with. */
function perKind(data: DemoProgrammeData): Record<string, number> {
  const code = codeOf(data);
  const out: Record<string, number> = {};
  for (const a of data.activities.filter((x) => x.status !== "cancelled"))
    out[code(a)] = (out[code(a)] ?? 0) + 1;
  return out;
}

const heldBy = (data: DemoProgrammeData, today: string) => {
  const cutoff = startOfWarsawDay(today);
  const started = new Set(
    data.sessions.filter((s) => s.startsAt < cutoff).map((s) => s.activityId),
  );
  return (activityId: string) => started.has(activityId);
};

const accountEmployee = (p: CentrePlan) =>
  p.accounts.find((a) => a.role === "employee")?.employeeId ?? "";

describe("the demo's support programme (plan)", () => {
  it("runs the seed project's programme in Gdańsk: 13 trainings, a webinar, 18 stress and 12 outdoor workshops", () => {
    expect(perKind(g)).toEqual({
      training: 13,
      webinar: 1,
      stress_workshop: 18,
      outdoor_workshop: 12,
      supervision: 2,
    });
    const code = codeOf(g);
    expect(g.plans.map((p) => [p.name, p.periodStart, p.periodEnd])).toEqual([
      [PLAN_NAME, "2025-06-01", "2027-06-30"],
    ]);
    expect(
      Object.fromEntries(g.planItems.map((i) => [code({ typeId: i.typeId }), i.plannedCount])),
    ).toEqual({ training: 13, webinar: 1, stress_workshop: 18, outdoor_workshop: 12 });
    const titles = g.activities.map((a) => a.title);
    expect(titles).toContain("Praca z klientem trudnym — deeskalacja konfliktu (grupa 1)");
    expect(titles).toContain("Webinarium: granice w relacji z klientem");
    expect(titles.some((t) => t.startsWith("Trening radzenia sobie ze stresem"))).toBe(true);
    expect(titles).toContain("Warsztaty wyjazdowe: regeneracja i odporność psychiczna (turnus 1)");
  });

  it("gives Daleszyce a proportionally smaller programme and plan", () => {
    expect(perKind(d)).toEqual({
      training: 2,
      webinar: 1,
      stress_workshop: 3,
      outdoor_workshop: 1,
    });
    const code = codeOf(d);
    const planned = Object.fromEntries(
      d.planItems.map((i) => [code({ typeId: i.typeId }), i.plannedCount]),
    );
    expect(planned).toEqual({ training: 2, webinar: 1, stress_workshop: 3, outdoor_workshop: 1 });
    expect(d.plans[0].name).toBe(PLAN_NAME);
  });

  it("keeps every invariant of the programme module, on any day of the programme and after it", () => {
    for (const today of ["2025-07-16", "2026-01-05", TODAY, "2027-06-01", "2027-10-20"]) {
      for (const p of [gdansk, daleszyce]) {
        const data = planProgrammeData(p, { today });
        expect(programmeViolations(p, data, today), `${p.key} on ${today}`).toEqual([]);
      }
    }
  });

  it("has held the past editions and keeps upcoming ones with open places, on any day", () => {
    for (const today of ["2025-10-01", TODAY, "2027-06-01", "2027-10-20"]) {
      for (const p of [gdansk, daleszyce]) {
        const data = planProgrammeData(p, { today });
        const held = heldBy(data, today);
        const cutoff = startOfWarsawDay(today);
        const open = data.activities.filter(
          (a) =>
            a.status === "published" &&
            !held(a.id) &&
            a.enrolOpensAt &&
            a.enrolOpensAt < cutoff &&
            a.seatsTaken < a.capacity,
        );
        expect(open.length, `${p.key} on ${today}`).toBeGreaterThan(0);
        if (today >= TODAY)
          expect(data.activities.filter((a) => held(a.id)).length).toBeGreaterThan(3);
      }
    }
  });

  it("puts sessions on working days only, from 01.06.2025, in the past or from twelve days ahead", () => {
    const cutoff = startOfWarsawDay(TODAY);
    for (const s of [...g.sessions, ...d.sessions]) {
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
        s.startsAt,
      );
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      expect(weekday).not.toBe(0);
      expect(weekday).not.toBe(6);
      expect(day >= "2025-06-01").toBe(true);
      expect(["11-01", "11-11", "12-25", "05-01", "05-03"]).not.toContain(day.slice(5));
      const daysAway = (s.startsAt.getTime() - cutoff.getTime()) / 86_400_000;
      expect(daysAway < -3 || daysAway > 11).toBe(true);
    }
  });

  it("shows a waitlist, an approval queue for the manager and a cancelled turnus", () => {
    const held = heldBy(g, TODAY);
    const upcoming = new Set(g.activities.filter((a) => !held(a.id)).map((a) => a.id));
    const waiting = g.enrolments.filter(
      (e) => e.status === "waitlisted" && upcoming.has(e.activityId),
    );
    expect(waiting.length).toBeGreaterThanOrEqual(3);
    const manager = gdansk.accounts.find((a) => a.role === "manager");
    const cps1 = new Set(
      gdansk.units
        .filter((u) => u.id === manager?.managedUnitId || u.parentId === manager?.managedUnitId)
        .map((u) => u.id),
    );
    const pending = g.enrolments.filter((e) => e.status === "pending");
    const unitOf = new Map(gdansk.employees.map((e) => [e.id, e.unitId]));
    expect(pending.filter((e) => cps1.has(unitOf.get(e.employeeId) ?? "")).length).toBe(3);
    const cancelled = g.activities.filter((a) => a.status === "cancelled");
    expect(cancelled).toHaveLength(1);
    expect(
      g.enrolments
        .filter((e) => e.activityId === cancelled[0].id)
        .every((e) => e.cancelReason === "activity_cancelled"),
    ).toBe(true);
    expect(g.activities.filter((a) => a.status === "draft")).toHaveLength(1);
  });

  it("gives the demo employee a certificate, test results with a gain and something coming", () => {
    for (const [p, data] of [
      [gdansk, g],
      [daleszyce, d],
    ] as const) {
      const me = accountEmployee(p);
      expect(
        data.certificates.filter((c) => c.employeeId === me && !c.revokedAt).length,
      ).toBeGreaterThan(0);
      const mine = data.attempts.filter((t) => t.employeeId === me);
      const pre = mine.find((t) => t.stage === "pre");
      const post = mine.find((t) => t.stage === "post");
      expect(post?.score).toBe(5);
      expect(post && pre && post.score > pre.score).toBe(true);
      const held = heldBy(data, TODAY);
      expect(
        data.enrolments.some(
          (e) => e.employeeId === me && e.status === "confirmed" && !held(e.activityId),
        ),
      ).toBe(true);
    }
  });

  it("shows learning: post-tests well above pre-tests, most acquire the competence", () => {
    for (const data of [g, d]) {
      const mean = (stage: string) => {
        const xs = data.attempts.filter((t) => t.stage === stage);
        return xs.reduce((s, t) => s + t.score, 0) / xs.length;
      };
      expect(mean("post") - mean("pre")).toBeGreaterThan(1.2);
      const post = data.attempts.filter((t) => t.stage === "post");
      const acquired = post.filter((t) => (t.score * 100) / t.maxScore >= 60).length;
      expect(acquired / post.length).toBeGreaterThan(0.75);
    }
  });

  it("closes evaluations, several with at least five responses (enough to show results)", () => {
    for (const data of [g, d]) {
      const counts = data.activities
        .filter((a) => a.evaluationClosedAt)
        .map((a) => data.evaluationResponses.filter((r) => r.activityId === a.id).length);
      expect(counts.filter((n) => n >= 5).length).toBeGreaterThanOrEqual(data === g ? 20 : 2);
    }
    expect(g.evaluationResponses.some((r) => r.comment)).toBe(true);
  });

  it("revokes one certificate, issued again in the right unit", () => {
    const revoked = g.certificates.filter((c) => c.revokedAt);
    expect(revoked).toHaveLength(1);
    const again = g.certificates.find(
      (c) =>
        !c.revokedAt &&
        c.employeeId === revoked[0].employeeId &&
        c.activityId === revoked[0].activityId,
    );
    expect(again?.hourUnit).toBe("academic");
    expect(revoked[0].hourUnit).toBe("clock");
  });

  it("numbers certificates as the certificate service does, so verification reads them", () => {
    const n = demoCertificateNumber("x", 2026);
    expect(n).toMatch(/^ZAS\/2026\/[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(normalizeCertificateNumber(n.toLowerCase().replaceAll("/", " "))).toBe(n);
    expect(demoCertificateNumber("x", 2026)).toBe(n);
    expect(demoCertificateNumber("y", 2026)).not.toBe(n);
    const all = [...g.certificates, ...d.certificates].map((c) => c.number);
    expect(all.every((x) => normalizeCertificateNumber(x) === x)).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it("has a check that fails on broken rows", () => {
    const broken = structuredClone(g);
    broken.activities[0].seatsTaken += 1;
    const waiting = broken.enrolments.find((e) => e.status === "waitlisted");
    const session = broken.sessions.find((s) => s.activityId === waiting?.activityId);
    broken.attendance.push({
      id: "extra",
      centreId: gdansk.centre.id,
      sessionId: session?.id ?? "",
      enrolmentId: waiting?.id ?? "",
      present: true,
      minutes: null,
      markedAt: session?.endsAt,
    });
    const absentee = broken.enrolments.find(
      (e) => e.status === "confirmed" && !broken.attendance.some((m) => m.enrolmentId === e.id),
    );
    broken.certificates.push({
      ...broken.certificates[0],
      id: "unearned",
      number: "ZAS/2026/2222-2222",
      employeeId: absentee?.employeeId ?? "",
      activityId: absentee?.activityId ?? "",
    });
    broken.attempts[0].score = broken.attempts[0].score === 5 ? 4 : 5;
    broken.evaluationResponses.pop();
    const found = programmeViolations(gdansk, broken, TODAY).join("\n");
    expect(found).toMatch(/seats \d+, held \d+/);
    expect(found).toContain("attendance extra: enrolment waitlisted");
    expect(found).toContain("certificate ZAS/2026/2222-2222: not completed");
    expect(found).toMatch(/attempt .*: score/);
    expect(found).toMatch(/\d+ answered, \d+ responses/);
  });

  it("places times on Warsaw's clock, summer time included", () => {
    for (let day = "2025-01-01"; day <= "2028-12-31"; day = addDays(day, 1)) {
      expect(warsawAt(day, 9, 30).getTime(), day).toBe(
        startOfWarsawDay(day).getTime() + 9.5 * 3_600_000,
      );
    }
  });

  it("is deterministic: the same plan and day give the same rows", () => {
    expect(planProgrammeData(gdansk, { today: TODAY })).toEqual(g);
    expect(planProgrammeData(daleszyce, { today: TODAY })).toEqual(d);
  });
});
