// Occupational-medicine records: certificates, single plans, sick leaves, the status board,
// position hazards, one's own exams, reminders and the API — with who may see what.
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog, mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { saveEmployee } from "../org/employees.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { getEmployeeHealth } from "./employee-health.ts";
import {
  defaultHazards,
  getPositionProfile,
  listPositionProfiles,
  positionProfile,
  savePositionProfile,
} from "./hazards.ts";
import { sendExpiryReminders } from "./health-jobs.ts";
import { myExams } from "./my-exams.ts";
import { cancelExam, planExam, recordCertificate } from "./record-exam.ts";
import { healthClinic, healthExam, healthSickLeave } from "./schema.ts";
import { deleteSickLeave, recordSickLeave } from "./sick-leave.ts";
import { exportHealthBoard, healthBoard } from "./status-board.ts";

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};
type Json = Record<string, unknown>;

describe.each(testDbKinds)("occupational-medicine records (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let health: Actor;
  let otherHealth: Actor;
  let coordinator: Actor;
  let manager: Actor;
  let administrator: Actor;
  let employeeActor: Actor;
  let app: ReturnType<typeof createApp>;
  const keys = { health: "", coordinator: "", employee: "" };
  let clinicId: string;
  const today = warsawDay(new Date());

  /** A new active employee of unit A (or the given unit), with the fixture's position. */
  let n = 0;
  async function newEmployee(unitId?: string, lastName = `Kowalska${n + 1}`) {
    n++;
    const [e] = await db()
      .insert(employee)
      .values({
        centreId: s.centre.id,
        firstName: "Zofia",
        lastName,
        email: `zofia.${n}@testowo.pl`,
        employeeNumber: `H${n}`,
        unitId: unitId ?? s.unitA.id,
        positionId: s.position.id,
      })
      .returning();
    return e.id;
  }

  const mailsTo = (email: string) =>
    db()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(desc(mailOutbox.createdAt));
  const examRows = (employeeId: string) =>
    db().select().from(healthExam).where(eq(healthExam.employeeId, employeeId));

  async function call(method: string, path: string, key: string, body?: unknown) {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    return app.request(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    health = await actorFor(s.users.health.userId);
    otherHealth = await actorFor(other.users.health.userId);
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    administrator = await actorFor(s.users.administrator.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    const [c] = await db()
      .insert(healthClinic)
      .values({
        centreId: s.centre.id,
        name: "Przychodnia Medycyny Pracy „Zdrowie”",
        address: "ul. Łąkowa 5, Testowo",
        dailyCapacity: 20,
      })
      .returning();
    clinicId = c.id;
    app = createApp({ mode: "production", build: noPages });
    for (const role of ["health", "coordinator", "employee"] as const) {
      keys[role] = (await createApiKey(administrator, { name: `Klucz ${role}`, role })).key;
    }
  });
  afterAll(() => d.drop());

  describe("recording a certificate", () => {
    it("stores the certificate and shows the person as up to date", async () => {
      const id = await newEmployee();
      const r = await recordCertificate(health, id, {
        kind: "periodic",
        examDate: addDays(today, -10),
        outcome: "fit",
        validUntil: addDays(today, 700),
      });
      expect(r.completedPlanned).toBe(false);
      const h = await getEmployeeHealth(health, id);
      expect(h.situation).toMatchObject({ status: "done", validUntil: addDays(today, 700) });
      expect(h.exams).toHaveLength(1);
      expect(h.exams[0]).toMatchObject({ status: "done", outcome: "fit", kind: "periodic" });
      // The log says which exam changed and who did it; never the outcome.
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "health.exam.record"), eq(auditLog.entityId, r.id)));
      expect(entry.actorUserId).toBe(health.userId);
      expect(JSON.stringify(entry.details)).not.toContain("fit");
    });

    it("refuses an exam date in the future, next to the field, and stores nothing", async () => {
      const id = await newEmployee();
      const err = await caught(
        recordCertificate(health, id, {
          kind: "initial",
          examDate: addDays(today, 1),
          outcome: "fit",
          validUntil: addDays(today, 400),
        }),
      );
      expect(err.code).toBe("validation");
      expect(err.fieldErrors).toEqual({ examDate: "errors.examDateFuture" });
      expect(await examRows(id)).toHaveLength(0);
    });

    it("refuses a validity before the exam date, and reports every mistake at once", async () => {
      const id = await newEmployee();
      const err = await caught(
        recordCertificate(health, id, {
          kind: "periodic",
          examDate: addDays(today, -5),
          outcome: "fit",
          validUntil: addDays(today, -6),
        }),
      );
      expect(err.fieldErrors).toEqual({ validUntil: "errors.validityBeforeExam" });
      const many = await caught(
        recordCertificate(health, id, {
          kind: "weekly",
          examDate: "2026-02-30",
          outcome: "",
          validUntil: "jutro",
        }),
      );
      expect(many.fieldErrors).toEqual({
        kind: "errors.required",
        examDate: "errors.date",
        outcome: "errors.required",
        validUntil: "errors.date",
      });
      const missing = await caught(
        recordCertificate(health, id, {
          kind: "periodic",
          examDate: today,
          outcome: "restricted",
        }),
      );
      expect(missing.fieldErrors).toEqual({ validUntil: "errors.required" });
      const unfit = await caught(
        recordCertificate(health, id, {
          kind: "periodic",
          examDate: today,
          outcome: "unfit",
          validUntil: addDays(today, 30),
        }),
      );
      expect(unfit.fieldErrors).toEqual({ validUntil: "errors.unfitNoValidity" });
      const far = await caught(
        recordCertificate(health, id, {
          kind: "periodic",
          examDate: today,
          outcome: "fit",
          validUntil: addDays(today, 365 * 30),
        }),
      );
      expect(far.fieldErrors).toEqual({ validUntil: "errors.validityTooLong" });
      expect(await examRows(id)).toHaveLength(0);
    });

    it("has the database refuse a validity before the exam date too", async () => {
      const id = await newEmployee();
      await expect(
        db().insert(healthExam).values({
          centreId: s.centre.id,
          employeeId: id,
          kind: "periodic",
          status: "done",
          examDate: "2026-01-10",
          outcome: "fit",
          validUntil: "2026-01-09",
        }),
      ).rejects.toThrow();
      expect(await examRows(id)).toHaveLength(0);
    });

    it("stores an unfit certificate without validity: the person is overdue", async () => {
      const id = await newEmployee();
      await recordCertificate(health, id, { kind: "control", examDate: today, outcome: "unfit" });
      const h = await getEmployeeHealth(health, id);
      expect(h.situation).toMatchObject({ status: "overdue", validUntil: null });
      expect(h.exams[0]).toMatchObject({ outcome: "unfit", validUntil: null });
    });

    it("stores the same certificate sent twice once", async () => {
      const id = await newEmployee();
      const input = {
        kind: "periodic",
        examDate: addDays(today, -3),
        outcome: "fit",
        validUntil: addDays(today, 800),
      };
      const [a, b] = [
        await recordCertificate(health, id, input),
        await recordCertificate(health, id, input),
      ];
      expect(a.id).toBe(b.id);
      expect(await examRows(id)).toHaveLength(1);
    });

    it("turns the planned exam into the certificate", async () => {
      const id = await newEmployee();
      const planned = await planExam(health, id, {
        kind: "periodic",
        date: addDays(today, 7),
        time: "09:30",
        clinicId,
      });
      const r = await recordCertificate(health, id, {
        kind: "periodic",
        examDate: today,
        outcome: "restricted",
        validUntil: addDays(today, 365),
      });
      expect(r).toEqual({ id: planned.id, completedPlanned: true });
      const rows = await examRows(id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: "done",
        referralNumber: planned.referralNumber,
        clinicId,
        outcome: "restricted",
      });
    });

    it("keeps the planned exam when an older certificate is entered late", async () => {
      const id = await newEmployee();
      const [e] = await db().select().from(employee).where(eq(employee.id, id));
      const planned = await planExam(health, id, {
        kind: "periodic",
        date: addDays(today, 7),
        time: "10:00",
        clinicId,
      });
      // Catching up the records: last year's certificate, taken before the appointment was made.
      const old = await recordCertificate(health, id, {
        kind: "periodic",
        examDate: addDays(today, -400),
        outcome: "fit",
        validUntil: addDays(today, 20),
      });
      expect(old.completedPlanned).toBe(false);
      expect(old.id).not.toBe(planned.id);
      const rows = await examRows(id);
      expect(rows.find((r) => r.id === planned.id)).toMatchObject({
        status: "planned",
        referralNumber: planned.referralNumber,
        clinicId,
      });
      expect(rows.find((r) => r.id === old.id)).toMatchObject({
        status: "done",
        examDate: addDays(today, -400),
        referralNumber: null,
      });
      // Sent twice, still once; the appointment still stands.
      expect(
        (
          await recordCertificate(health, id, {
            kind: "periodic",
            examDate: addDays(today, -400),
            outcome: "fit",
            validUntil: addDays(today, 20),
          })
        ).id,
      ).toBe(old.id);
      expect((await getEmployeeHealth(health, id)).situation.status).toBe("scheduled");
      // Only the notice of the appointment went out: no cancellation.
      expect((await mailsTo(e.email)).map((m) => m.kind)).toEqual(["health.exam.planned"]);
      // The exam taken at the appointment completes it.
      const done = await recordCertificate(health, id, {
        kind: "periodic",
        examDate: today,
        outcome: "fit",
        validUntil: addDays(today, 1000),
      });
      expect(done).toEqual({ id: planned.id, completedPlanned: true });
      expect(await examRows(id)).toHaveLength(2);
    });
  });

  describe("planning and cancelling one exam", () => {
    it("plans with the next referral number and mails the person confidentially with an .ics", async () => {
      const id = await newEmployee();
      const [e] = await db().select().from(employee).where(eq(employee.id, id));
      const a = await planExam(health, id, {
        kind: "initial",
        date: addDays(today, 3),
        time: "08:00",
        clinicId,
      });
      const b = await planExam(health, await newEmployee(), {
        kind: "periodic",
        date: addDays(today, 3),
        time: "08:15",
      });
      const year = today.slice(0, 4);
      expect(a.referralNumber).toMatch(new RegExp(`^SK/${year}/\\d{4}$`));
      expect(Number(b.referralNumber.slice(-4))).toBe(Number(a.referralNumber.slice(-4)) + 1);
      const [mail] = await mailsTo(e.email);
      expect(mail).toMatchObject({ confidential: true, kind: "health.exam.planned" });
      expect(mail.textBody).toContain(a.referralNumber);
      expect(mail.textBody).toContain("08:00");
      const files = await db()
        .select()
        .from(mailAttachment)
        .where(eq(mailAttachment.mailId, mail.id));
      expect(files).toHaveLength(1);
      expect(files[0].content).toContain(`UID:health-exam-${a.id}@przystan`);
      expect((await getEmployeeHealth(health, id)).situation.status).toBe("scheduled");
    });

    it("refuses an appointment in the past, a second planned exam, and another centre's clinic", async () => {
      const id = await newEmployee();
      const past = await caught(
        planExam(health, id, { kind: "periodic", date: addDays(today, -1), time: "10:00" }),
      );
      expect(past.fieldErrors).toEqual({ date: "errors.appointmentPast" });
      const bad = await caught(planExam(health, id, { kind: "", date: "", time: "25:00" }));
      expect(bad.fieldErrors).toEqual({
        kind: "errors.required",
        date: "errors.required",
        time: "errors.time",
      });
      const [foreign] = await db()
        .insert(healthClinic)
        .values({ centreId: other.centre.id, name: "Obca", dailyCapacity: 5 })
        .returning();
      const wrongClinic = await caught(
        planExam(health, id, {
          kind: "periodic",
          date: addDays(today, 2),
          time: "10:00",
          clinicId: foreign.id,
        }),
      );
      expect(wrongClinic.fieldErrors).toEqual({ clinicId: "errors.invalid" });
      expect(await examRows(id)).toHaveLength(0);
      await planExam(health, id, { kind: "periodic", date: addDays(today, 2), time: "10:00" });
      const twice = await caught(
        planExam(health, id, { kind: "periodic", date: addDays(today, 4), time: "10:00" }),
      );
      expect(twice.code).toBe("conflict");
      expect(twice.fieldErrors).toEqual({ _form: "errors.examAlreadyPlanned" });
      expect(await examRows(id)).toHaveLength(1);
    });

    it("lets one of two plans made at the same moment for one person through", async () => {
      const id = await newEmployee();
      const input = { kind: "periodic", date: addDays(today, 4), time: "13:00", clinicId };
      const results = await Promise.allSettled([
        planExam(health, id, input),
        planExam(health, id, { ...input, time: "13:30" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason.fieldErrors).toEqual({ _form: "errors.examAlreadyPlanned" });
      expect(await examRows(id)).toHaveLength(1);
    });

    it("cancels a planned exam, telling the person, and only a planned one", async () => {
      const id = await newEmployee();
      const [e] = await db().select().from(employee).where(eq(employee.id, id));
      const p = await planExam(health, id, {
        kind: "periodic",
        date: addDays(today, 5),
        time: "11:00",
        clinicId,
      });
      await cancelExam(health, p.id);
      const [row] = await examRows(id);
      expect(row.status).toBe("cancelled");
      const [mail] = await mailsTo(e.email);
      expect(mail).toMatchObject({ kind: "health.exam.cancelled", confidential: true });
      const files = await db()
        .select()
        .from(mailAttachment)
        .where(eq(mailAttachment.mailId, mail.id));
      expect(files[0].content).toContain("METHOD:CANCEL");
      const again = await caught(cancelExam(health, p.id));
      expect(again.fieldErrors).toEqual({ _form: "errors.examNotPlanned" });
      expect((await caught(cancelExam(otherHealth, p.id))).code).toBe("not_found");
    });

    it("cancels planned exams when the employee is deactivated", async () => {
      const id = await newEmployee();
      await planExam(health, id, { kind: "periodic", date: addDays(today, 6), time: "12:00" });
      const [e] = await db().select().from(employee).where(eq(employee.id, id));
      await saveEmployee(administrator, id, {
        firstName: e.firstName,
        lastName: e.lastName,
        email: e.email,
        employeeNumber: e.employeeNumber,
        unitId: e.unitId,
        positionId: e.positionId,
        active: "false",
      });
      const [row] = await examRows(id);
      expect(row.status).toBe("cancelled");
      // The administrator who deactivated the person learns nothing of their exams from the log.
      const logged = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, row.id), eq(auditLog.action, "health.exam.cancel")));
      expect(logged).toHaveLength(0);
      const refused = await caught(
        planExam(health, id, { kind: "periodic", date: addDays(today, 6), time: "12:00" }),
      );
      expect(refused.fieldErrors).toEqual({ _form: "errors.examEmployeeInactive" });
    });
  });

  describe("sick leaves", () => {
    it("flags a control exam after more than 30 days and tells the person nothing more", async () => {
      const id = await newEmployee();
      const [e] = await db().select().from(employee).where(eq(employee.id, id));
      await recordCertificate(health, id, {
        kind: "periodic",
        examDate: addDays(today, -200),
        outcome: "fit",
        validUntil: addDays(today, 900),
      });
      // 30 days: nothing to do.
      const short = await recordSickLeave(health, id, {
        fromDate: addDays(today, -120),
        toDate: addDays(today, -91),
      });
      expect(short).toMatchObject({ days: 30, controlRequired: false, notified: false });
      expect((await getEmployeeHealth(health, id)).situation.status).toBe("done");
      // 31 days: a control exam, and the person is overdue until it is recorded.
      const long = await recordSickLeave(health, id, {
        fromDate: addDays(today, -40),
        toDate: addDays(today, -10),
      });
      expect(long).toMatchObject({ days: 31, controlRequired: true, notified: true });
      const h = await getEmployeeHealth(health, id);
      expect(h.situation).toMatchObject({
        status: "overdue",
        controlRequired: true,
        nextKind: "control",
      });
      const mails = await mailsTo(e.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ kind: "health.control.due", confidential: true });
      // The log says a leave was entered, which record, by whom — not whose, nor what it means.
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "health.sickleave.record"), eq(auditLog.entityId, long.id)));
      expect(entry).toMatchObject({ actorUserId: health.userId, details: {} });
      // Neither the dates nor the length of the absence go into the mail.
      expect(mails[0].textBody).not.toContain("31");
      expect(mails[0].textBody).toContain("kontrolne badanie");
      // The control exam clears it.
      await recordCertificate(health, id, {
        kind: "control",
        examDate: addDays(today, -5),
        outcome: "fit",
        validUntil: addDays(today, 900),
      });
      expect((await getEmployeeHealth(health, id)).situation).toMatchObject({
        status: "done",
        controlRequired: false,
      });
    });

    it("asks for no control exam while the long leave still runs", async () => {
      const id = await newEmployee();
      const [e] = await db().select().from(employee).where(eq(employee.id, id));
      await recordCertificate(health, id, {
        kind: "periodic",
        examDate: addDays(today, -200),
        outcome: "fit",
        validUntil: addDays(today, 900),
      });
      // 45 days, of which 15 still to come.
      const running = await recordSickLeave(health, id, {
        fromDate: addDays(today, -30),
        toDate: addDays(today, 14),
      });
      expect(running).toMatchObject({ days: 45, controlRequired: false, notified: false });
      expect((await getEmployeeHealth(health, id)).situation).toMatchObject({
        status: "done",
        controlRequired: false,
      });
      expect(await mailsTo(e.email)).toHaveLength(0);
      // Deleted as a mistake: the log names the record only.
      await deleteSickLeave(health, running.id);
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.action, "health.sickleave.delete"), eq(auditLog.entityId, running.id)),
        );
      expect(entry.details).toEqual({});
    });

    it("refuses an end before the start, an overlap, and an impossible length", async () => {
      const id = await newEmployee();
      const order = await caught(
        recordSickLeave(health, id, { fromDate: addDays(today, -3), toDate: addDays(today, -4) }),
      );
      expect(order.fieldErrors).toEqual({ toDate: "errors.sickLeaveOrder" });
      const empty = await caught(recordSickLeave(health, id, { fromDate: "", toDate: "x" }));
      expect(empty.fieldErrors).toEqual({ fromDate: "errors.required", toDate: "errors.date" });
      const tooLong = await caught(
        recordSickLeave(health, id, { fromDate: "2025-01-01", toDate: "2025-12-31" }),
      );
      expect(tooLong.fieldErrors).toEqual({ toDate: "errors.sickLeaveTooLong" });
      const first = await recordSickLeave(health, id, {
        fromDate: addDays(today, -20),
        toDate: addDays(today, -10),
      });
      const overlap = await caught(
        recordSickLeave(health, id, { fromDate: addDays(today, -12), toDate: addDays(today, -2) }),
      );
      expect(overlap.fieldErrors).toEqual({ fromDate: "errors.sickLeaveOverlap" });
      const rows = await db()
        .select()
        .from(healthSickLeave)
        .where(eq(healthSickLeave.employeeId, id));
      expect(rows).toHaveLength(1);
      await deleteSickLeave(health, first.id);
      expect(
        await db().select().from(healthSickLeave).where(eq(healthSickLeave.employeeId, id)),
      ).toHaveLength(0);
    });
  });

  describe("who may see what", () => {
    it("refuses a coordinator without the health role and a manager (403) everywhere", async () => {
      const id = s.users.employee.employeeId;
      for (const actor of [coordinator, manager, administrator, employeeActor]) {
        const calls = [
          healthBoard(actor, {}),
          getEmployeeHealth(actor, id),
          recordCertificate(actor, id, {
            kind: "periodic",
            examDate: today,
            outcome: "fit",
            validUntil: addDays(today, 10),
          }),
          planExam(actor, id, { kind: "periodic", date: addDays(today, 2), time: "10:00" }),
          recordSickLeave(actor, id, { fromDate: today, toDate: today }),
          listPositionProfiles(actor, {}),
          savePositionProfile(actor, s.position.id, { hazards: [] }),
          exportHealthBoard(actor, {}, "csv", "pl"),
        ];
        for (const c of calls) expect((await caught(c)).code).toBe("forbidden");
      }
      expect(await examRows(id)).toHaveLength(0);
    });

    it("keeps another centre's employees out of reach (404)", async () => {
      const err = await caught(getEmployeeHealth(otherHealth, s.users.employee.employeeId));
      expect(err.code).toBe("not_found");
      const rec = await caught(
        recordCertificate(otherHealth, s.users.employee.employeeId, {
          kind: "periodic",
          examDate: today,
          outcome: "fit",
          validUntil: addDays(today, 10),
        }),
      );
      expect(rec.code).toBe("not_found");
      expect((await caught(getEmployeeHealth(health, "not-a-uuid"))).code).toBe("not_found");
    });

    it("shows an employee their own exams only", async () => {
      const own = s.users.employee.employeeId;
      await recordCertificate(health, own, {
        kind: "periodic",
        examDate: addDays(today, -30),
        outcome: "fit",
        validUntil: addDays(today, 20),
      });
      const someoneElse = await newEmployee();
      await recordCertificate(health, someoneElse, {
        kind: "initial",
        examDate: addDays(today, -30),
        outcome: "fit",
        validUntil: addDays(today, 300),
      });
      const m = await myExams(employeeActor);
      expect(m.hasRecord).toBe(true);
      expect(m.exams).toHaveLength(1);
      expect(m.exams[0]).toMatchObject({ kind: "periodic", validUntil: addDays(today, 20) });
      expect(m.situation).toMatchObject({ status: "due", daysLeft: 20 });
      // The health coordinator sees their own record on this page like anyone else.
      expect((await myExams(health)).exams).toHaveLength(0);
    });
  });

  describe("the status board", () => {
    it("counts per unit and lists with filters, search, sorting and paging", async () => {
      const [sub] = await db()
        .insert(orgUnit)
        .values({ centreId: s.centre.id, name: "Zespół B1", parentId: s.unitB.id })
        .returning();
      const overdue = await newEmployee(sub.id, "Żurawska");
      const due = await newEmployee(s.unitB.id, "Adamska");
      await recordCertificate(health, due, {
        kind: "periodic",
        examDate: addDays(today, -700),
        outcome: "fit",
        validUntil: addDays(today, 15),
      });
      const done = await newEmployee(s.unitB.id, "Bielska");
      await recordCertificate(health, done, {
        kind: "periodic",
        examDate: addDays(today, -10),
        outcome: "fit",
        validUntil: addDays(today, 1000),
      });
      const scheduled = await newEmployee(sub.id, "Ćwik");
      await planExam(health, scheduled, {
        kind: "initial",
        date: addDays(today, 9),
        time: "10:00",
      });

      // Unit B with its sub-unit: Anna Nowak (no exams) and the four above.
      const b = await healthBoard(health, { unit: s.unitB.id, pageSize: 2, sort: "name" });
      expect(b.totals).toEqual({ overdue: 2, due: 1, scheduled: 1, done: 1, total: 5 });
      expect(b.total).toBe(5);
      expect(b.rows.map((r) => r.lastName)).toEqual(["Adamska", "Bielska"]);
      const unitB = b.counts.find((c) => c.unitId === s.unitB.id)!;
      const unitB1 = b.counts.find((c) => c.unitId === sub.id)!;
      expect(unitB).toMatchObject({ overdue: 1, due: 1, done: 1, scheduled: 0, total: 3 });
      expect(unitB1).toMatchObject({ overdue: 1, scheduled: 1, total: 2 });
      const page3 = await healthBoard(health, {
        unit: s.unitB.id,
        pageSize: 2,
        page: 3,
        sort: "name",
      });
      expect(page3.rows.map((r) => r.lastName)).toEqual(["Żurawska"]);

      const overdueOnly = await healthBoard(health, { unit: s.unitB.id, status: "overdue" });
      expect(overdueOnly.rows.map((r) => r.id).sort()).toEqual(
        [overdue, s.employeeInUnitB.id].sort(),
      );
      const byStatus = await healthBoard(health, { unit: s.unitB.id, sort: "status" });
      expect(byStatus.rows.map((r) => r.status)).toEqual([
        "overdue",
        "overdue",
        "due",
        "scheduled",
        "done",
      ]);
      const desc = await healthBoard(health, { unit: s.unitB.id, sort: "validUntil", dir: "desc" });
      expect(desc.rows[0].id).toBe(done);
      const found = await healthBoard(health, { q: "ćwik" });
      expect(found.rows.map((r) => r.id)).toEqual([scheduled]);
      expect(found.rows[0]).toMatchObject({ status: "scheduled", plannedKind: "initial" });
      // Inactive employees are not on the board; nor is another centre's staff.
      const all = await healthBoard(health, { pageSize: 200 });
      const [{ active }] = await db()
        .select({ active: count() })
        .from(employee)
        .where(and(eq(employee.centreId, s.centre.id), eq(employee.active, true)));
      expect(all.total).toBe(active);
      expect(all.rows.every((r) => r.unitId !== other.unitA.id)).toBe(true);

      const file = await exportHealthBoard(health, { unit: s.unitB.id, sort: "name" }, "csv", "pl");
      const text = file.body.toString("utf8");
      expect(file.fileName).toMatch(/^badania-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(text).toContain("Stan badań");
      expect(text.split("\r\n").filter(Boolean)).toHaveLength(6);
      expect(text).toContain("Adamska;Zofia");
      const xlsx = await exportHealthBoard(health, {}, "xlsx", "en");
      expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");
    });
  });

  describe("position hazards", () => {
    it("derives defaults from the position's profile", () => {
      expect(defaultHazards({ clientContact: "constant", fieldWork: true })).toEqual([
        "screen_work",
        "driving",
        "field_work",
        "psychosocial_client",
      ]);
      expect(defaultHazards({ clientContact: "none", fieldWork: false })).toEqual(["screen_work"]);
      expect(defaultHazards({ clientContact: "occasional", fieldWork: false })).toEqual([
        "screen_work",
        "psychosocial_client",
      ]);
    });

    it("stores a position's hazards, returns to the defaults, and refuses bad input", async () => {
      const before = await positionProfile(db(), s.centre.id, s.position.id);
      expect(before).toMatchObject({ custom: false, periodMonths: 36 });
      expect(before?.hazards).toContain("field_work");
      await savePositionProfile(health, s.position.id, {
        hazards: ["infection", "screen_work", "infection"],
        otherHazards: "Praca z osobami w kryzysie bezdomności.",
        periodMonths: "24",
      });
      const after = await getPositionProfile(health, s.position.id);
      expect(after).toMatchObject({
        custom: true,
        hazards: ["screen_work", "infection"],
        otherHazards: "Praca z osobami w kryzysie bezdomności.",
        periodMonths: 24,
      });
      const bad = await caught(
        savePositionProfile(health, s.position.id, { hazards: ["radiation"], periodMonths: "2" }),
      );
      expect(bad.fieldErrors).toEqual({
        "hazards.0": "errors.invalid",
        periodMonths: "errors.healthPeriodMonths",
      });
      expect((await getPositionProfile(health, s.position.id)).periodMonths).toBe(24);
      const list = await listPositionProfiles(health, { q: "socjalny" });
      expect(list.rows.map((r) => r.positionId)).toEqual([s.position.id]);
      await savePositionProfile(health, s.position.id, {}, { reset: true });
      expect(await getPositionProfile(health, s.position.id)).toMatchObject({ custom: false });
      expect((await caught(getPositionProfile(otherHealth, s.position.id))).code).toBe("not_found");
    });
  });

  describe("reminders before validity runs out", () => {
    it("reminds each certificate once, skips people with an exam planned, tells the coordinators a count", async () => {
      const soon = await newEmployee(undefined, "Przypomniana");
      const [soonRow] = await db().select().from(employee).where(eq(employee.id, soon));
      const cert = await recordCertificate(health, soon, {
        kind: "periodic",
        examDate: addDays(today, -1000),
        outcome: "fit",
        validUntil: addDays(today, 12),
      });
      const planned = await newEmployee();
      const [plannedRow] = await db().select().from(employee).where(eq(employee.id, planned));
      await recordCertificate(health, planned, {
        kind: "periodic",
        examDate: addDays(today, -1000),
        outcome: "fit",
        validUntil: addDays(today, 12),
      });
      await planExam(health, planned, { kind: "periodic", date: addDays(today, 8), time: "09:00" });

      await sendExpiryReminders();
      const [mail] = await mailsTo(soonRow.email);
      expect(mail).toMatchObject({ kind: "health.exam.expiring", confidential: true });
      expect((await mailsTo(plannedRow.email)).map((m) => m.kind)).not.toContain(
        "health.exam.expiring",
      );
      const summary = await db()
        .select()
        .from(mailOutbox)
        .where(
          and(
            eq(mailOutbox.toAddress, s.users.health.email),
            eq(mailOutbox.kind, "health.exam.expiringSummary"),
          ),
        );
      expect(summary).toHaveLength(1);
      expect(summary[0].textBody).not.toContain("Przypomniana");
      const [row] = await db().select().from(healthExam).where(eq(healthExam.id, cert.id));
      expect(row.reminderSentAt).not.toBeNull();

      // A second run sends nothing new.
      const mailsBefore = (await db().select({ n: count() }).from(mailOutbox))[0].n;
      await sendExpiryReminders();
      expect((await db().select({ n: count() }).from(mailOutbox))[0].n).toBe(mailsBefore);
    });
  });

  describe("/api/v1", () => {
    it("describes the operations in the OpenAPI document", async () => {
      const doc = (await (await app.request("/api/v1/openapi.json")).json()) as Json;
      const paths = doc.paths as Record<string, Record<string, { "x-permission"?: string }>>;
      const ops = Object.entries(paths).flatMap(([p, m]) =>
        Object.entries(m).map(([method, o]) => `${method.toUpperCase()} ${p} ${o["x-permission"]}`),
      );
      expect(ops).toEqual(
        expect.arrayContaining([
          "GET /health/exams health.manage",
          "GET /health/employees/{id}/exams health.manage",
          "POST /health/employees/{id}/exams health.manage",
          "GET /me/exams health.own",
        ]),
      );
    });

    it("records and reads exams with a health key; refuses others without a word of them", async () => {
      const id = await newEmployee(undefined, "Apiowska");
      const bad = await call("POST", `/health/employees/${id}/exams`, keys.health, {
        kind: "periodic",
        examDate: addDays(today, 2),
        outcome: "fit",
        validUntil: addDays(today, 1),
      });
      expect(bad.status).toBe(422);
      const problem = (await bad.json()) as Json;
      expect(problem.errors).toEqual({
        examDate: "Data badania nie może być późniejsza niż dzisiejsza.",
        validUntil: "Data ważności nie może być wcześniejsza niż data badania.",
      });
      const ok = await call("POST", `/health/employees/${id}/exams`, keys.health, {
        kind: "periodic",
        examDate: today,
        outcome: "fit",
        validUntil: addDays(today, 500),
      });
      expect(ok.status).toBe(201);
      const one = await call("GET", `/health/employees/${id}/exams`, keys.health);
      expect(one.status).toBe(200);
      const body = (await one.json()) as Json;
      expect(body.situation).toMatchObject({ status: "done" });
      expect(body.items).toHaveLength(1);
      const board = await call("GET", "/health/exams?q=Apiowska", keys.health);
      const list = (await board.json()) as { items: Json[]; total: number };
      expect(list.total).toBe(1);
      expect(list.items[0]).toMatchObject({ lastName: "Apiowska", status: "done" });

      for (const key of [keys.coordinator, keys.employee]) {
        for (const path of ["/health/exams", `/health/employees/${id}/exams`]) {
          const res = await call("GET", path, key);
          expect(res.status).toBe(403);
          expect(await res.text()).not.toContain("Apiowska");
        }
        const post = await call("POST", `/health/employees/${id}/exams`, key, {
          kind: "periodic",
          examDate: today,
          outcome: "fit",
          validUntil: addDays(today, 500),
        });
        expect(post.status).toBe(403);
      }
      // A key is nobody's record: its own exams are none.
      const me = await call("GET", "/me/exams", keys.employee);
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ hasRecord: false, situation: null, items: [] });
      expect(
        await db()
          .select({ id: healthExam.id })
          .from(healthExam)
          .where(inArray(healthExam.employeeId, [id])),
      ).toHaveLength(1);
    });
  });
});
