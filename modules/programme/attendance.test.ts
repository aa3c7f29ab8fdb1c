// Marking attendance, on PGlite and PostgreSQL: who may mark, only confirmed participants,
// only once the session has started, all marks or none, saving twice changes nothing; the
// form's fields and their errors; hours per participant; the sheet PDF read with pdftotext.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { DAY, HOUR, seedActivity, seedEnrolment, seedPerson } from "./attend-test-fixtures.ts";
import { attendanceOverview } from "./attendance-overview.ts";
import { attendanceSheetPdf } from "./attendance-sheet.ts";
import {
  markAllPresent,
  markAttendance,
  markAttendanceFromForm,
  marksFromForm,
  sessionAttendance,
} from "./mark-attendance.ts";
import { programmeAttendance } from "./schema.ts";

const dir = mkdtempSync(path.join(tmpdir(), "przystan-attend-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function pdfText(pdf: Buffer, layout = false): string {
  const file = path.join(dir, `sheet-${fileNo++}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(
    "/usr/bin/pdftotext",
    [...(layout ? ["-layout"] : ["-raw"]), "-enc", "UTF-8", file, "-"],
    { encoding: "utf8" },
  );
}

describe.each(testDbKinds)("attendance (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let trainer: Actor;
  let otherSpecialist: Actor;
  let employee: Actor;
  let administrator: Actor;
  let otherCoordinator: Actor;
  /** Two past sessions of 90 minutes, one tomorrow; academic hours. */
  let act: Awaited<ReturnType<typeof seedActivity>>;
  let people: Record<"anna" | "jan" | "ewa" | "waiting" | "cancelled" | "outsider", string>;

  const marksOf = async (sessionId: string) =>
    db()
      .select()
      .from(programmeAttendance)
      .where(eq(programmeAttendance.sessionId, sessionId))
      .orderBy(programmeAttendance.enrolmentId);
  const auditCount = async () =>
    (
      await db()
        .select({ n: count() })
        .from(auditLog)
        .where(
          and(eq(auditLog.centreId, s.centre.id), eq(auditLog.action, "programme.attendance.mark")),
        )
    )[0].n;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    trainer = await actorFor(s.users.specialist.userId);
    employee = await actorFor(s.users.employee.userId);
    administrator = await actorFor(s.users.administrator.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    const now = Date.now();
    act = await seedActivity(s.centre.id, {
      title: "Praca z klientem trudnym — moduł 1",
      hourUnit: "academic",
      trainerUserId: s.users.specialist.userId,
      sessions: [
        { startsAt: new Date(now - 8 * DAY), endsAt: new Date(now - 8 * DAY + 1.5 * HOUR) },
        {
          startsAt: new Date(now - 1 * DAY),
          endsAt: new Date(now - 1 * DAY + 1.5 * HOUR),
          place: "Sala 12, ul. Dyrekcyjna 5",
        },
        { startsAt: new Date(now + 1 * DAY), endsAt: new Date(now + 1 * DAY + 1.5 * HOUR) },
      ],
    });
    people = {
      anna: await seedPerson(s.centre.id, "Anna", "Żółkiewska-Łęcka", s.unitA.id),
      jan: await seedPerson(s.centre.id, "Jan", "Łęcki", s.unitB.id),
      ewa: await seedPerson(s.centre.id, "Ewa", "Lis", s.unitA.id),
      waiting: await seedPerson(s.centre.id, "Wiesław", "Rezerwowy"),
      cancelled: await seedPerson(s.centre.id, "Celina", "Wypisana"),
      outsider: await seedPerson(s.centre.id, "Olga", "Niezapisana"),
    };
    for (const p of ["anna", "jan", "ewa"] as const) {
      await seedEnrolment(s.centre.id, act.activity.id, people[p]);
    }
    await seedEnrolment(s.centre.id, act.activity.id, people.waiting, "waitlisted");
    await seedEnrolment(s.centre.id, act.activity.id, people.cancelled, "cancelled");
    // Another specialist, not this activity's trainer.
    const { createPasswordAccount } = await import("../access/create-account.ts");
    const { roleAssignment } = await import("../access/schema.ts");
    const userId = await createPasswordAccount(db(), {
      email: "inny-specjalista@testowo.pl",
      name: "Inny specjalista",
      password: "haslo-testowe-123",
    });
    await db()
      .insert(roleAssignment)
      .values([
        { centreId: s.centre.id, userId, role: "employee" },
        { centreId: s.centre.id, userId, role: "specialist" },
      ]);
    otherSpecialist = await actorFor(userId);
  });
  afterAll(() => d.drop());

  it("lists the session's confirmed participants by last name, in Polish order", async () => {
    const a = await sessionAttendance(coordinator, act.sessions[1].id);
    expect(a.rows.map((r) => r.lastName)).toEqual(["Lis", "Łęcki", "Żółkiewska-Łęcka"]);
    expect(a.rows.every((r) => r.present === null)).toBe(true);
    expect(a).toMatchObject({ number: 2, of: 3, minutes: 90, started: true });
  });

  it("marks present, absent and a partial stay; saving again changes nothing", async () => {
    const sessionId = act.sessions[0].id;
    const before = await auditCount();
    const input = {
      marks: [
        { employeeId: people.anna, present: true },
        { employeeId: people.jan, present: true, minutes: 60 },
        { employeeId: people.ewa, present: false },
      ],
    };
    expect(await markAttendance(coordinator, sessionId, input)).toEqual({ marked: 3, present: 2 });
    const first = await marksOf(sessionId);
    expect(first).toHaveLength(3);
    expect(await markAttendance(coordinator, sessionId, input)).toEqual({ marked: 3, present: 2 });
    const second = await marksOf(sessionId);
    expect(second.map((m) => m.id)).toEqual(first.map((m) => m.id));
    const rows = (await sessionAttendance(coordinator, sessionId)).rows;
    expect(rows.map((r) => [r.lastName, r.present, r.minutes])).toEqual([
      ["Lis", false, null],
      ["Łęcki", true, 60],
      ["Żółkiewska-Łęcka", true, null],
    ]);
    expect(await auditCount()).toBe(before + 2);
    // The audit says how many, never who.
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "programme.attendance.mark"))
      .limit(1);
    expect(JSON.stringify(entry.details)).not.toMatch(/Łęck|Lis|Żółk/);
  });

  it("keeps the whole session's length as the whole session", async () => {
    const sessionId = act.sessions[1].id;
    await markAttendance(coordinator, sessionId, {
      marks: [{ employeeId: people.ewa, present: true, minutes: 90 }],
    });
    const rows = (await sessionAttendance(coordinator, sessionId)).rows;
    expect(rows.find((r) => r.lastName === "Lis")).toMatchObject({ present: true, minutes: null });
  });

  it("refuses someone not enrolled, waitlisted, cancelled or of another centre — and writes nothing", async () => {
    const sessionId = act.sessions[1].id;
    const before = await marksOf(sessionId);
    const audits = await auditCount();
    for (const employeeId of [
      people.outsider,
      people.waiting,
      people.cancelled,
      other.users.employee.employeeId,
    ]) {
      const err = await caught(
        markAttendance(coordinator, sessionId, {
          marks: [
            { employeeId: people.anna, present: true },
            { employeeId, present: true },
          ],
        }),
      );
      expect(err.code).toBe("validation");
      expect(err.fieldErrors).toEqual({ "marks.1.employeeId": "errors.attendanceNotEnrolled" });
    }
    expect(await marksOf(sessionId)).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses bad minutes, minutes for an absent person, a person twice and an empty list", async () => {
    const sessionId = act.sessions[1].id;
    const bad = async (marks: unknown[]) =>
      (await caught(markAttendance(coordinator, sessionId, { marks }))).fieldErrors;
    expect(await bad([{ employeeId: people.anna, present: true, minutes: 91 }])).toEqual({
      "marks.0.minutes": "errors.attendanceMinutes",
    });
    expect(await bad([{ employeeId: people.anna, present: true, minutes: 0 }])).toEqual({
      "marks.0.minutes": "errors.attendanceMinutes",
    });
    expect(await bad([{ employeeId: people.anna, present: true, minutes: "pół" }])).toEqual({
      "marks.0.minutes": "errors.attendanceMinutes",
    });
    expect(await bad([{ employeeId: people.anna, present: false, minutes: 30 }])).toEqual({
      "marks.0.minutes": "errors.attendanceMinutesAbsent",
    });
    expect(
      await bad([
        { employeeId: people.anna, present: true },
        { employeeId: people.anna, present: false },
      ]),
    ).toEqual({ "marks.1.employeeId": "errors.attendanceDuplicate" });
    expect(await bad([{ employeeId: people.anna, present: "tak" }])).toEqual({
      "marks.0.present": "errors.attendanceChoose",
    });
    expect(await bad([{ employeeId: "nie-uuid", present: true }])).toEqual({
      "marks.0.employeeId": "errors.attendanceNotEnrolled",
    });
    expect(await bad([])).toEqual({ _form: "errors.attendanceNothing" });
  });

  it("refuses marking before the session has started", async () => {
    const sessionId = act.sessions[2].id;
    const err = await caught(
      markAttendance(coordinator, sessionId, {
        marks: [{ employeeId: people.anna, present: true }],
      }),
    );
    expect(err.code).toBe("conflict");
    expect(err.fieldErrors).toEqual({ _form: "errors.attendanceNotStarted" });
    expect((await caught(markAllPresent(coordinator, sessionId))).code).toBe("conflict");
    expect(await marksOf(sessionId)).toEqual([]);
    expect((await sessionAttendance(coordinator, sessionId)).started).toBe(false);
  });

  it("lets the coordinator and the activity's trainer mark; refuses others", async () => {
    const sessionId = act.sessions[1].id;
    const marks = { marks: [{ employeeId: people.jan, present: true }] };
    expect((await markAttendance(trainer, sessionId, marks)).marked).toBe(1);
    expect((await sessionAttendance(trainer, sessionId)).rows).toHaveLength(3);
    for (const who of [otherSpecialist, employee, administrator]) {
      expect((await caught(markAttendance(who, sessionId, marks))).code).toBe("forbidden");
      expect((await caught(sessionAttendance(who, sessionId))).code).toBe("forbidden");
      expect((await caught(attendanceSheetPdf(who, sessionId, "pl"))).code).toBe("forbidden");
    }
    // Another centre's coordinator cannot even find the session.
    expect((await caught(markAttendance(otherCoordinator, sessionId, marks))).code).toBe(
      "not_found",
    );
    expect((await caught(sessionAttendance(coordinator, "nie-uuid"))).code).toBe("not_found");
  });

  it("marks everyone present with the shortcut", async () => {
    const sessionId = act.sessions[1].id;
    expect(await markAllPresent(trainer, sessionId)).toEqual({ marked: 3, present: 3 });
    const rows = (await sessionAttendance(coordinator, sessionId)).rows;
    expect(rows.every((r) => r.present === true && r.minutes === null)).toBe(true);
  });

  it("reads the form's fields and puts errors next to the right person", async () => {
    const sessionId = act.sessions[1].id;
    const values = {
      intent: "mark",
      [`present-${people.anna}`]: "yes",
      [`minutes-${people.anna}`]: "45",
      [`present-${people.jan}`]: "no",
      [`minutes-${people.jan}`]: "",
      [`present-${people.ewa}`]: "",
    };
    expect(marksFromForm(values)).toEqual([
      { employeeId: people.anna, present: true, minutes: "45" },
      { employeeId: people.jan, present: false, minutes: "" },
    ]);
    expect(await markAttendanceFromForm(coordinator, sessionId, values)).toEqual({
      marked: 2,
      present: 1,
    });
    const err = await caught(
      markAttendanceFromForm(coordinator, sessionId, {
        ...values,
        [`minutes-${people.anna}`]: "120",
      }),
    );
    expect(err.fieldErrors).toEqual({ [`minutes-${people.anna}`]: "errors.attendanceMinutes" });
    // A forged field for someone not on the list: the form as a whole is refused.
    const forged = await caught(
      markAttendanceFromForm(coordinator, sessionId, {
        ...values,
        [`present-${people.outsider}`]: "yes",
      }),
    );
    expect(forged.fieldErrors).toEqual({ _form: "errors.attendanceNotEnrolled" });
  });

  it("computes hours per participant and completion on the activity's page", async () => {
    // Session 1: Anna whole (90), Jan 60, Ewa absent. Session 2 (after the form above): Anna
    // 45, Jan absent, Ewa present (the shortcut). Planned: 270 minutes (6 academic hours).
    const o = await attendanceOverview(trainer, act.activity.id, { sort: "name" });
    expect(o.plannedMinutes).toBe(270);
    expect(o.sessions.map((x) => [x.number, x.marked, x.present, x.started])).toEqual([
      [1, 3, 2, true],
      [2, 3, 2, true],
      [3, 0, 0, false],
    ]);
    expect(
      o.participants.rows.map((r) => [r.lastName, r.attendedMinutes, r.percent, r.completed]),
    ).toEqual([
      ["Lis", 90, 33, false],
      ["Łęcki", 60, 22, false],
      ["Żółkiewska-Łęcka", 135, 50, false],
    ]);
    const byPercent = await attendanceOverview(coordinator, act.activity.id, {
      sort: "percent",
      dir: "desc",
      q: "ł",
    });
    expect(byPercent.participants.rows.map((r) => r.lastName)).toEqual([
      "Żółkiewska-Łęcka",
      "Łęcki",
    ]);
    expect((await caught(attendanceOverview(otherSpecialist, act.activity.id, {}))).code).toBe(
      "forbidden",
    );
  });

  it("prints the attendance sheet with Polish names in order, the date, time and place", async () => {
    const file = await attendanceSheetPdf(coordinator, act.sessions[1].id, "pl");
    expect(file.contentType).toBe("application/pdf");
    expect(file.fileName).toMatch(/^lista-obecnosci-\d{4}-\d{2}-\d{2}-2\.pdf$/);
    const text = pdfText(file.body);
    expect(text).toContain("Lista obecności");
    expect(text).toContain("MOPS Testowo");
    expect(text).toContain("Projekt współfinansowany ze środków Unii Europejskiej");
    expect(text).toContain("Praca z klientem trudnym — moduł 1");
    expect(text).toContain("Spotkanie 2 z 3");
    expect(text).toMatch(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}–\d{2}:\d{2}/);
    expect(text).toContain("Sala 12, ul. Dyrekcyjna 5");
    expect(text).toContain("Podpis");
    const order = ["Lis Ewa", "Łęcki Jan", "Żółkiewska-Łęcka Anna"].map((n) => text.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Not enrolled, waitlisted and cancelled people are not on the sheet.
    expect(text).not.toContain("Rezerwowy");
    expect(text).not.toContain("Wypisana");
    expect(text).not.toContain("Niezapisana");
    const en = pdfText((await attendanceSheetPdf(coordinator, act.sessions[1].id, "en")).body);
    expect(en).toContain("Attendance sheet");
    expect(en).toContain("Żółkiewska-Łęcka Anna");
  });
});
