// Clinics and the bulk planning of exams, on PGlite and PostgreSQL: who is due (and who is
// left out), the spill over a clinic's daily capacity with its message, public holidays
// skipped, a unit with its sub-units, the places and times earlier plans and single exams took
// left alone, consecutive referral numbers under the centre's lock (also for two plans at once;
// a lock that lets the rest of the centre insert on), notices with an .ics read back by a
// strict parser, the confidential mail, and nothing at all written when a step fails.

import { and, count, eq, sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { translator } from "../../platform/i18n.ts";
import { auditLog, mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { centre, employee, orgUnit } from "../org/schema.ts";
import { listClinics, saveClinic } from "./clinics.ts";
import { applyExamPlan, planResult, previewExamPlan } from "./plan-exams.ts";
import { planNotes } from "./plan-rules.ts";
import { planExam } from "./record-exam.ts";
import { lockCentre, reserveReferralNumbers } from "./referral-numbers.ts";
import { healthExam, healthSickLeave } from "./schema.ts";

/** Tuesday 1 December 2026, 10:00 in Warsaw: "today" of every plan here. */
const NOW = new Date("2026-12-01T09:00:00Z");
const pl = translator("pl");

describe.each(testDbKinds)("exam planning (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let health: Actor;
  let coordinator: Actor;
  let manager: Actor;
  let employeeActor: Actor;
  let otherHealth: Actor;
  let clinicId: string;
  let teamB1: string;
  const people: Record<string, string> = {};

  async function person(first: string, last: string, unitId: string) {
    const [e] = await db()
      .insert(employee)
      .values({
        centreId: s.centre.id,
        firstName: first,
        lastName: last,
        email: `${last.toLowerCase()}@testowo.pl`,
        employeeNumber: `P-${last}`,
        unitId,
        positionId: s.position.id,
      })
      .returning({ id: employee.id });
    return e.id;
  }

  async function certificate(
    employeeId: string,
    examDate: string,
    validUntil: string | null,
    outcome: "fit" | "unfit" | "restricted" = "fit",
  ) {
    await db().insert(healthExam).values({
      centreId: s.centre.id,
      employeeId,
      kind: "periodic",
      status: "done",
      examDate,
      outcome,
      validUntil,
    });
  }

  const counts = async () => {
    const [[exams], [mails], [audits]] = await Promise.all([
      db()
        .select({ n: count() })
        .from(healthExam)
        .where(and(eq(healthExam.centreId, s.centre.id), eq(healthExam.status, "planned"))),
      db().select({ n: count() }).from(mailOutbox).where(eq(mailOutbox.centreId, s.centre.id)),
      db().select({ n: count() }).from(auditLog).where(eq(auditLog.centreId, s.centre.id)),
    ]);
    return { exams: exams.n, mails: mails.n, audits: audits.n };
  };

  const counter = async (centreId: string) => {
    const [c] = await db()
      .select({ settings: centre.settings })
      .from(centre)
      .where(eq(centre.id, centreId));
    return c.settings.health?.referralCounter?.["2026"];
  };

  const input = (extra: Record<string, unknown> = {}) => ({
    clinicId,
    fromDate: "2026-12-07",
    ...extra,
  });

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    health = await actorFor(s.users.health.userId);
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    otherHealth = await actorFor(other.users.health.userId);
    clinicId = await saveClinic(health, null, {
      name: "Przychodnia Medycyny Pracy „Zdrowie”",
      address: "ul. Długa 1, 00-001 Testowo",
      dailyCapacity: "3",
      opensAt: "08:00",
      closesAt: "14:00",
    });
    const [b1] = await db()
      .insert(orgUnit)
      .values({ centreId: s.centre.id, name: "Zespół B1", kind: "team", parentId: s.unitB.id })
      .returning({ id: orgUnit.id });
    teamB1 = b1.id;
    people.cwik = await person("Ewa", "Ćwik", teamB1);
    people.los = await person("Jan", "Łoś", teamB1);
    people.slezak = await person("Zofia", "Ślęzak", teamB1);
    people.zrebak = await person("Piotr", "Źrebak", teamB1);
    const u = s.users;
    await certificate(u.employee.employeeId, "2024-12-10", "2027-12-10"); // valid: not due
    await certificate(u.manager.employeeId, "2024-01-15", "2027-01-15"); // ends in 45 days
    await certificate(u.coordinator.employeeId, "2023-11-01", "2026-11-01"); // expired
    await certificate(u.specialist.employeeId, "2025-06-01", "2028-06-01"); // then a sick leave
    await db().insert(healthSickLeave).values({
      centreId: s.centre.id,
      employeeId: u.specialist.employeeId,
      fromDate: "2026-09-01",
      toDate: "2026-10-15",
    });
    await certificate(u.management.employeeId, "2026-10-01", null, "unfit");
    await certificate(people.slezak, "2026-01-10", "2029-01-10"); // valid: not due
    await db().insert(healthExam).values({
      centreId: s.centre.id,
      employeeId: u.safety_officer.employeeId,
      kind: "periodic",
      status: "planned",
    });
  });
  afterAll(() => d.drop());

  it("keeps clinics: checks the fields, refuses a duplicate name, lists with search and sort", async () => {
    const bad = await caught(
      saveClinic(health, null, {
        name: "",
        dailyCapacity: "0",
        opensAt: "25:00",
        closesAt: "07:00",
      }),
    );
    expect(bad.fieldErrors).toEqual({
      name: "errors.required",
      dailyCapacity: "errors.healthCapacity",
      opensAt: "errors.healthTime",
    });
    const order = await caught(
      saveClinic(health, null, {
        name: "Odwrotna",
        dailyCapacity: "5",
        opensAt: "15:00",
        closesAt: "08:00",
      }),
    );
    expect(order.fieldErrors).toEqual({ closesAt: "errors.healthClosesAfter" });
    const dup = await caught(
      saveClinic(health, null, {
        name: "Przychodnia Medycyny Pracy „Zdrowie”",
        dailyCapacity: "5",
        opensAt: "08:00",
        closesAt: "12:00",
      }),
    );
    expect(dup.fieldErrors).toEqual({ name: "errors.duplicateName" });
    const closed = await saveClinic(health, null, {
      name: "Ambulatorium Wybrzeże",
      address: "al. Zwycięstwa 5",
      dailyCapacity: "40",
      opensAt: "07:30",
      closesAt: "13:30",
      active: "false",
    });
    const all = await listClinics(health, { sort: "capacity", dir: "desc" });
    expect(all.rows.map((c) => [c.name, c.dailyCapacity, c.active])).toEqual([
      ["Ambulatorium Wybrzeże", 40, false],
      ["Przychodnia Medycyny Pracy „Zdrowie”", 3, true],
    ]);
    expect((await listClinics(health, { q: "zwycięstwa" })).rows.map((c) => c.id)).toEqual([
      closed,
    ]);
    expect((await listClinics(health, { status: "active" })).total).toBe(1);
    // A clinic that takes nobody any more cannot be planned with.
    const refused = await caught(
      previewExamPlan(health, input({ clinicId: closed }), { now: NOW }),
    );
    expect(refused.fieldErrors).toEqual({ clinicId: "errors.healthClinicUnknown" });
    for (const a of [coordinator, manager, employeeActor]) {
      expect((await caught(listClinics(a))).code).toBe("forbidden");
      expect((await caught(saveClinic(a, null, { name: "X" }))).code).toBe("forbidden");
    }
  });

  it("refuses bad input next to its field, and anyone without the health role", async () => {
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ clinicId: "" }, { clinicId: "errors.healthClinicRequired" }],
      [{ fromDate: "2026-02-30" }, { fromDate: "errors.date" }],
      [{ fromDate: "2026-12-01" }, { fromDate: "errors.healthPlanFromPast" }],
      [{ fromDate: "2026-11-20" }, { fromDate: "errors.healthPlanFromPast" }],
      [{ fromDate: "2028-01-10" }, { fromDate: "errors.healthPlanFromFar" }],
      [{ kinds: "" }, { kinds: "errors.healthPlanKinds" }],
      [{ kinds: ["periodic", "yearly"] }, { "kinds.1": "errors.invalid" }],
      [{ horizonDays: "dużo" }, { horizonDays: "errors.healthHorizon" }],
      [{ horizonDays: "400" }, { horizonDays: "errors.healthHorizon" }],
      [{ unitId: other.unitA.id }, { unitId: "errors.unknownUnit" }],
    ];
    for (const [extra, errors] of cases) {
      const e = await caught(previewExamPlan(health, input(extra), { now: NOW }));
      expect(e.fieldErrors, JSON.stringify(extra)).toEqual(errors);
    }
    // Another centre's health coordinator cannot use this centre's clinic.
    const foreign = await caught(previewExamPlan(otherHealth, input(), { now: NOW }));
    expect(foreign.fieldErrors).toEqual({ clinicId: "errors.healthClinicUnknown" });
    for (const a of [coordinator, manager, employeeActor]) {
      expect((await caught(previewExamPlan(a, input(), { now: NOW }))).code).toBe("forbidden");
      expect((await caught(applyExamPlan(a, input(), { now: NOW }))).code).toBe("forbidden");
    }
  });

  it("previews who is due, most urgent first, and spills over the daily capacity", async () => {
    const before = await counts();
    const plan = await previewExamPlan(health, input(), { now: NOW });
    expect(await counts()).toEqual(before);
    const u = s.users;
    const who = (id: string) =>
      plan.people.find((p) => p.employeeId === id) ?? { kind: null, reason: null };
    expect(plan.total).toBe(11);
    expect(plan.alreadyScheduled).toBe(1);
    expect(plan.byKind).toEqual({ initial: 7, periodic: 3, control: 1 });
    // A long sick leave first, then the longest expired, and the one still valid last.
    expect(plan.people[0]).toMatchObject({
      employeeId: u.specialist.employeeId,
      kind: "control",
      reason: "control",
    });
    expect(plan.people[1]).toMatchObject({
      employeeId: u.coordinator.employeeId,
      reason: "expired",
      validUntil: "2026-11-01",
    });
    expect(plan.people.at(-1)).toMatchObject({
      employeeId: u.manager.employeeId,
      reason: "expiring",
      validUntil: "2027-01-15",
    });
    expect(who(u.management.employeeId)).toMatchObject({ kind: "periodic", reason: "unfit" });
    expect(who(people.los)).toMatchObject({ kind: "initial", reason: "none" });
    for (const id of [u.employee.employeeId, u.safety_officer.employeeId, people.slezak]) {
      expect(plan.people.some((p) => p.employeeId === id)).toBe(false);
    }
    // Three a day from Monday 7 December; 08:00–14:00 shared by three is every two hours.
    expect(plan.firstDay).toBe("2026-12-07");
    expect(plan.days).toEqual([
      { day: "2026-12-07", count: 3, from: "08:00", to: "12:00" },
      { day: "2026-12-08", count: 3, from: "08:00", to: "12:00" },
      { day: "2026-12-09", count: 3, from: "08:00", to: "12:00" },
      { day: "2026-12-10", count: 2, from: "08:00", to: "10:00" },
    ]);
    expect(plan.people.slice(0, 4).map((p) => [p.day, p.time])).toEqual([
      ["2026-12-07", "08:00"],
      ["2026-12-07", "10:00"],
      ["2026-12-07", "12:00"],
      ["2026-12-08", "08:00"],
    ]);
    expect(plan.spill).toBe(8);
    const notes = planNotes(pl, plan);
    expect(notes.spill).toBe(
      "Nie wszyscy zmieszczą się 07.12.2026 — 8 osób przeniesiono na kolejne dni robocze.",
    );
    expect(notes.summary).toBe(
      "11 osób do zbadania w przychodni Przychodnia Medycyny Pracy „Zdrowie”: od 07.12.2026 do 10.12.2026, 4 dni robocze.",
    );
    expect(notes.alreadyScheduled).toBe(
      "1 osoba ma już zaplanowane badanie — nie ma jej w planie.",
    );
    expect(planNotes(translator("en"), plan).spill).toBe(
      "Not everyone fits on 07.12.2026: 8 people were moved to the following working days.",
    );
  });

  it("narrows the plan by kind, horizon and unit (with its sub-units)", async () => {
    const control = await previewExamPlan(health, input({ kinds: ["control"] }), { now: NOW });
    expect(control.people.map((p) => p.employeeId)).toEqual([s.users.specialist.employeeId]);
    expect(control.spill).toBe(0);
    expect(planNotes(pl, control).spill).toBe("Wszyscy zmieszczą się 07.12.2026.");
    const soon = await previewExamPlan(health, input({ horizonDays: "30" }), { now: NOW });
    expect(soon.total).toBe(10);
    expect(soon.people.some((p) => p.employeeId === s.users.manager.employeeId)).toBe(false);
    const unitB = await previewExamPlan(health, input({ unitId: s.unitB.id }), { now: NOW });
    expect(unitB.unit).toEqual({ id: s.unitB.id, name: "Dział B" });
    expect(unitB.people.map((p) => p.lastName)).toEqual(["Ćwik", "Łoś", "Nowak", "Źrebak"]);
    const team = await previewExamPlan(health, input({ unitId: teamB1 }), { now: NOW });
    expect(team.total).toBe(3);
  });

  it("skips public holidays and weekends, and says so", async () => {
    // Wednesday 23 December; 24 and 25 December are holidays, then the weekend.
    const plan = await previewExamPlan(health, input({ fromDate: "2026-12-23" }), { now: NOW });
    expect(plan.days.map((x) => [x.day, x.count])).toEqual([
      ["2026-12-23", 3],
      ["2026-12-28", 3],
      ["2026-12-29", 3],
      ["2026-12-30", 2],
    ]);
    expect(plan.holidays).toEqual([
      { day: "2026-12-24", holiday: "christmasEve" },
      { day: "2026-12-25", holiday: "christmas" },
    ]);
    expect(planNotes(pl, plan).holidays).toBe(
      "Pominięte święta: 24.12.2026 (Wigilia), 25.12.2026 (Boże Narodzenie).",
    );
    const moved = await previewExamPlan(health, input({ fromDate: "2026-12-24" }), { now: NOW });
    expect(moved.firstDay).toBe("2026-12-28");
    expect(planNotes(pl, moved).startMoved).toBe(
      "24.12.2026 nie jest dniem roboczym — plan zaczyna się 28.12.2026.",
    );
  });

  it("writes nothing at all when a step of applying fails", async () => {
    const before = await counts();
    // The mail step is the last one: a trigger that refuses every new mail makes it fail in
    // the database itself, after the exams and the referral numbers have been written.
    await db().execute(sql`
      create function refuse_mail() returns trigger language plpgsql as $$
        begin raise exception 'the mail step failed'; end $$`);
    await db().execute(sql`
      create trigger refuse_mail before insert on mail_outbox
        for each row execute function refuse_mail()`);
    try {
      await expect(applyExamPlan(health, input(), { now: NOW })).rejects.toMatchObject({
        cause: { message: "the mail step failed" },
      });
    } finally {
      await db().execute(sql`drop trigger refuse_mail on mail_outbox`);
      await db().execute(sql`drop function refuse_mail()`);
    }
    expect(await counts()).toEqual(before);
    expect(await counter(s.centre.id)).toBeUndefined();
  });

  it("applies: planned exams with consecutive referral numbers, notices with an .ics", async () => {
    const before = await counts();
    const r = await applyExamPlan(health, input({ unitId: s.unitB.id }), { now: NOW });
    expect(r).toMatchObject({
      planned: 4,
      notices: 4,
      year: 2026,
      firstNumber: "SK/2026/0001",
      lastNumber: "SK/2026/0004",
      firstDay: "2026-12-07",
      lastDay: "2026-12-08",
      spill: 1,
    });
    expect(await counter(s.centre.id)).toBe(4);
    const exams = await db()
      .select()
      .from(healthExam)
      .where(and(eq(healthExam.centreId, s.centre.id), eq(healthExam.status, "planned")))
      .orderBy(healthExam.referralNumber);
    const mine = exams.filter((e) => e.referralNumber);
    expect(mine.map((e) => e.referralNumber)).toEqual([
      "SK/2026/0001",
      "SK/2026/0002",
      "SK/2026/0003",
      "SK/2026/0004",
    ]);
    expect(new Set(mine.map((e) => e.clinicId))).toEqual(new Set([clinicId]));
    expect(mine.every((e) => e.kind === "initial" && e.reason === "")).toBe(true);
    // 08:00 in Warsaw in December is 07:00 UTC.
    expect(mine[0].appointmentAt?.toISOString()).toBe("2026-12-07T07:00:00.000Z");
    expect(mine[3].appointmentAt?.toISOString()).toBe("2026-12-08T07:00:00.000Z");

    const after = await counts();
    expect(after.exams - before.exams).toBe(4);
    expect(after.mails - before.mails).toBe(4);
    // One entry for the plan, one for each exam; none names a person.
    expect(after.audits - before.audits).toBe(5);
    const mails = await db()
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.centreId, s.centre.id), eq(mailOutbox.kind, "health.exam.planned")));
    expect(mails).toHaveLength(4);
    expect(mails.every((m) => m.confidential)).toBe(true);
    const first = mails.find((m) => m.toAddress === "ćwik@testowo.pl")!;
    expect(first.subject).toBe("Badanie medycyny pracy: 07.12.2026, godz. 08:00");
    expect(first.textBody).toContain("Numer skierowania: SK/2026/0001");
    expect(first.textBody).toContain("Przychodnia Medycyny Pracy „Zdrowie”, ul. Długa 1");
    expect(first.textBody).toContain("na wstępne badanie lekarskie");
    const [file] = await db()
      .select()
      .from(mailAttachment)
      .where(eq(mailAttachment.mailId, first.id));
    expect(file.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(file.fileName).toBe("badanie-medycyny-pracy-2026-12-07.ics");
    const cal = new ICAL.Component(ICAL.parse(file.content));
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = new ICAL.Event(cal.getFirstSubcomponent("vevent")!);
    const exam = mine.find((e) => e.referralNumber === "SK/2026/0001")!;
    expect(event.uid).toBe(`health-exam-${exam.id}@przystan`);
    expect(event.startDate.toString()).toBe("2026-12-07T08:00:00");
    expect(
      cal.getFirstSubcomponent("vevent")!.getFirstProperty("dtstart")!.getParameter("tzid"),
    ).toBe("Europe/Warsaw");
    expect(event.summary).toBe("Badanie medycyny pracy (wstępne)");
    expect(event.location).toContain("Przychodnia Medycyny Pracy „Zdrowie”");

    const result = await planResult(health, { year: "2026", first: "1", last: "4" });
    expect(result.total).toBe(4);
    expect(result.rows.map((x) => x.referralNumber)).toEqual([
      "SK/2026/0001",
      "SK/2026/0002",
      "SK/2026/0003",
      "SK/2026/0004",
    ]);
    const found = await planResult(health, { year: "2026", first: "1", last: "4", q: "łoś" });
    expect(found.rows.map((x) => x.lastName)).toEqual(["Łoś"]);
    expect((await caught(planResult(coordinator, { year: "2026" }))).code).toBe("forbidden");
  });

  it("continues the numbering, leaves the planned out, and refuses a plan with nobody due", async () => {
    const r = await applyExamPlan(health, input(), { now: NOW });
    expect(r).toMatchObject({
      planned: 7,
      firstNumber: "SK/2026/0005",
      lastNumber: "SK/2026/0011",
    });
    const [control] = await db()
      .select()
      .from(healthExam)
      .where(
        and(
          eq(healthExam.employeeId, s.users.specialist.employeeId),
          eq(healthExam.status, "planned"),
        ),
      );
    expect(control).toMatchObject({ kind: "control", reason: "sick_leave" });
    const again = await previewExamPlan(health, input(), { now: NOW });
    expect(again.total).toBe(0);
    expect(again.alreadyScheduled).toBe(12);
    const before = await counts();
    const nobody = await caught(applyExamPlan(health, input(), { now: NOW }));
    expect(nobody.fieldErrors).toEqual({ _form: "errors.healthPlanNobodyDue" });
    expect(await counts()).toEqual(before);
    // A counter written back too low (an older copy of the settings) never repeats a number.
    await db()
      .update(centre)
      .set({ settings: sql`jsonb_set(${centre.settings}, '{health,referralCounter,2026}', '3')` })
      .where(eq(centre.id, s.centre.id));
    const late = await person("Olga", "Późna", s.unitA.id);
    const next = await applyExamPlan(health, input(), { now: NOW });
    expect(next.firstNumber).toBe("SK/2026/0012");
    expect(await counter(s.centre.id)).toBe(12);
    const [exam] = await db().select().from(healthExam).where(eq(healthExam.employeeId, late));
    expect(exam.referralNumber).toBe("SK/2026/0012");
  });

  it("fills only what earlier plans and single exams left of each clinic day", async () => {
    const c = await seedCentreWithRoles("MOPS Kolejny", "kolejny.pl");
    const h = await actorFor(c.users.health.userId);
    const clinic = await saveClinic(h, null, {
      name: "Przychodnia Trzy",
      dailyCapacity: "3",
      opensAt: "08:00",
      closesAt: "14:00",
    });
    for (const [first, last] of [
      ["Olga", "Bąk"],
      ["Piotr", "Gil"],
    ]) {
      await db()
        .insert(employee)
        .values({
          centreId: c.centre.id,
          firstName: first,
          lastName: last,
          email: `${last.toLowerCase()}@kolejny.pl`,
          employeeNumber: `K-${last}`,
          unitId: c.unitB.id,
          positionId: c.position.id,
        });
    }
    // One person of unit B has an appointment already: Monday 7 December at 08:00.
    await planExam(
      h,
      c.employeeInUnitB.id,
      { kind: "initial", date: "2026-12-07", time: "08:00", clinicId: clinic },
      NOW,
    );
    const unitA = await applyExamPlan(
      h,
      { clinicId: clinic, fromDate: "2026-12-07", unitId: c.unitA.id },
      { now: NOW },
    );
    expect(unitA).toMatchObject({ planned: 9, firstDay: "2026-12-07", lastDay: "2026-12-10" });
    // Unit B from the same day: Monday to Wednesday are full, Thursday has two places left.
    const preview = await previewExamPlan(
      h,
      { clinicId: clinic, fromDate: "2026-12-07", unitId: c.unitB.id },
      { now: NOW },
    );
    expect(preview).toMatchObject({ total: 2, firstDay: "2026-12-10", lastDay: "2026-12-10" });
    expect(preview.taken).toEqual([
      { day: "2026-12-07", count: 3 },
      { day: "2026-12-08", count: 3 },
      { day: "2026-12-09", count: 3 },
      { day: "2026-12-10", count: 1 },
    ]);
    expect(preview.people.map((p) => [p.day, p.time])).toEqual([
      ["2026-12-10", "10:00"],
      ["2026-12-10", "12:00"],
    ]);
    expect(planNotes(pl, preview).taken).toBe(
      "Przychodnia ma już umówione wcześniej badania: 07.12.2026 — zajęte 3 z 3, 08.12.2026 — zajęte 3 z 3, 09.12.2026 — zajęte 3 z 3, 10.12.2026 — zajęte 1 z 3. Plan zajmuje tylko wolne miejsca i godziny.",
    );
    expect(planNotes(pl, preview).startMoved).toBeNull();
    await applyExamPlan(
      h,
      { clinicId: clinic, fromDate: "2026-12-07", unitId: c.unitB.id },
      { now: NOW },
    );
    const planned = await db()
      .select({ at: healthExam.appointmentAt })
      .from(healthExam)
      .where(and(eq(healthExam.clinicId, clinic), eq(healthExam.status, "planned")));
    expect(planned).toHaveLength(12);
    const perDay = new Map<string, number>();
    for (const p of planned) {
      const day = warsawDay(p.at!);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    expect([...perDay.values()].every((n) => n <= 3)).toBe(true);
    expect(new Set(planned.map((p) => p.at!.toISOString())).size).toBe(12);
  });

  // Only on PostgreSQL: PGlite has one connection, so nothing runs beside a transaction there.
  it.runIf(kind === "postgres")(
    "leaves the centre open to other inserts while its plan lock is held",
    async () => {
      const held = new Error("roll back");
      await expect(
        db().transaction(async (tx) => {
          await lockCentre(tx, other.centre.id);
          await reserveReferralNumbers(tx, other.centre.id, 2027, 5);
          // A row with a foreign key to the centre (its KEY SHARE lock), from another
          // connection: it must not wait for the plan to end.
          const unit = await db().transaction(async (o) => {
            await o.execute(sql`set local lock_timeout = '3s'`);
            return o
              .insert(orgUnit)
              .values({ centreId: other.centre.id, name: "Zespół w trakcie planu", kind: "team" })
              .returning({ id: orgUnit.id });
          });
          expect(unit).toHaveLength(1);
          throw held;
        }),
      ).rejects.toBe(held);
    },
  );

  it("numbers two plans made at the same moment without a gap or a repeat", async () => {
    const third = await seedCentreWithRoles("MOPS Równoległy", "rownolegly.pl");
    const h = await actorFor(third.users.health.userId);
    const clinic = await saveClinic(h, null, {
      name: "Przychodnia",
      dailyCapacity: "50",
      opensAt: "08:00",
      closesAt: "16:00",
    });
    const [a, b] = await Promise.all([
      applyExamPlan(
        h,
        { clinicId: clinic, fromDate: "2026-12-14", unitId: third.unitA.id },
        {
          now: NOW,
        },
      ),
      applyExamPlan(
        h,
        { clinicId: clinic, fromDate: "2026-12-14", unitId: third.unitB.id },
        {
          now: NOW,
        },
      ),
    ]);
    expect(a.planned + b.planned).toBe(10);
    // The second plan, waiting for the first, gave out only the times the first left free.
    const times = (
      await db()
        .select({ at: healthExam.appointmentAt })
        .from(healthExam)
        .where(eq(healthExam.centreId, third.centre.id))
    ).map((x) => x.at?.toISOString());
    expect(new Set(times).size).toBe(10);
    const numbers = (
      await db()
        .select({ n: healthExam.referralNumber })
        .from(healthExam)
        .where(eq(healthExam.centreId, third.centre.id))
    )
      .map((x) => x.n)
      .sort();
    expect(numbers).toEqual(
      Array.from({ length: 10 }, (_, i) => `SK/2026/${String(i + 1).padStart(4, "0")}`),
    );
    expect(await counter(third.centre.id)).toBe(10);
  });
});
