// Enrolment end to end at the service level, on PGlite and PostgreSQL: places, the waitlist and
// its promotion, approval, cancellation and its deadline, nominations and their scope, the
// priority and enrolment windows, other centres, deactivation, the notices with their .ics
// attachments, the reminder job, the calendar feed, and the lists and exports.

import { and, asc, eq, inArray } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog, mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { mailAttachmentFile, viewMailLog } from "../access/admin-logs.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { saveEmployee } from "../org/employees.ts";
import { employee } from "../org/schema.ts";
import { decideEnrolment } from "./approve-enrolment.ts";
import {
  calendarFeedIcs,
  calendarFeedState,
  createCalendarFeed,
  revokeCalendarFeed,
} from "./calendar-feed.ts";
import { cancelAllEnrolments, cancelEnrolment } from "./cancel-enrolment.ts";
import { enrol } from "./enrol.ts";
import { DAY, HOUR, seedEnrolActivity, seedStaff } from "./enrol-test-fixtures.ts";
import { enrolmentStatus } from "./enrolment-status.ts";
import { sendDueReminders } from "./jobs.ts";
import {
  exportEnrolments,
  listApprovals,
  listEnrolments,
  myEnrolments,
  nominationCandidates,
} from "./list-enrolments.ts";
import { notifyActivityChanged } from "./notices.ts";
import { programmeActivity, programmeEnrolment, programmeSession } from "./schema.ts";

describe.each(testDbKinds)("enrolment (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let manager: Actor;
  let employeeActor: Actor;
  let admin: Actor;
  let otherCoordinator: Actor;
  /** Active employees of unit A (the manager's), with the fixture's position. */
  let staff: string[];

  const activity = (o: Parameters<typeof seedEnrolActivity>[2] = {}) =>
    seedEnrolActivity(db(), s.centre.id, o).then((r) => r.activity);

  /** Acting as one of the staff (an employee-role actor pointed at their record). */
  const as = (employeeId: string): Actor => ({ ...employeeActor, employeeId });

  async function mailsTo(email: string) {
    const rows = await db()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.subject));
    const files = rows.length
      ? await db()
          .select()
          .from(mailAttachment)
          .where(
            inArray(
              mailAttachment.mailId,
              rows.map((r) => r.id),
            ),
          )
      : [];
    return rows.map((r) => ({ ...r, files: files.filter((f) => f.mailId === r.id) }));
  }
  const emailOf = async (employeeId: string) =>
    (await db().select().from(employee).where(eq(employee.id, employeeId)))[0].email;
  const seatsOf = async (activityId: string) =>
    (await db().select().from(programmeActivity).where(eq(programmeActivity.id, activityId)))[0]
      .seatsTaken;
  const statusesOf = async (activityId: string) =>
    db()
      .select({
        id: programmeEnrolment.id,
        employeeId: programmeEnrolment.employeeId,
        status: programmeEnrolment.status,
        seq: programmeEnrolment.seq,
        cancelReason: programmeEnrolment.cancelReason,
      })
      .from(programmeEnrolment)
      .where(eq(programmeEnrolment.activityId, activityId))
      .orderBy(asc(programmeEnrolment.seq));
  const icsOf = (content: string) => new ICAL.Component(ICAL.parse(content));

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    admin = await actorFor(s.users.administrator.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    staff = await seedStaff(db(), s.centre.id, {
      n: 40,
      prefix: "E",
      unitId: s.unitA.id,
      positionId: s.position.id,
    });
  });
  afterAll(() => d.drop());

  it("confirms a place, counts the seat, audits it and mails a strict .ics invitation", async () => {
    const a = await activity({ capacity: 2 });
    const r = await enrol(as(staff[0]), a.id, {});
    expect(r).toMatchObject({ status: "confirmed", waitlistPosition: null });
    expect(await seatsOf(a.id)).toBe(1);
    const [mail] = await mailsTo(await emailOf(staff[0]));
    expect(mail.subject).toBe(`Potwierdzenie zapisu: ${a.title}`);
    expect(mail.textBody).toContain("Terminy:");
    expect(mail.files).toHaveLength(1);
    expect(mail.files[0].contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    const cal = icsOf(mail.files[0].content);
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(cal.getAllSubcomponents("vevent")).toHaveLength(2);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, "programme.enrolment.create")));
    expect(entry.details).toMatchObject({ activityId: a.id, status: "confirmed" });
    // No personal data in the audit entry.
    expect(JSON.stringify(entry.details)).not.toContain("@");
  });

  it("puts enrolments past capacity on the waitlist, in order, and says so", async () => {
    const a = await activity({ capacity: 1 });
    await enrol(as(staff[1]), a.id, {});
    const second = await enrol(as(staff[2]), a.id, {});
    const third = await enrol(as(staff[3]), a.id, {});
    expect(second).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    expect(third).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    expect(await seatsOf(a.id)).toBe(1);
    const [mail] = await mailsTo(await emailOf(staff[3]));
    expect(mail.subject).toBe(`Lista rezerwowa: ${a.title}`);
    expect(mail.textBody).toContain("jesteś na 2. miejscu");
    expect(mail.files).toHaveLength(0);
    const status = await enrolmentStatus(as(staff[3]), a.id);
    expect(status.enrolment).toMatchObject({ status: "waitlisted", waitlistPosition: 2 });
    expect(status.placesLeft).toBe(0);
    expect(status.waitlistLength).toBe(2);
  });

  it("refuses enrolling twice, also when both requests arrive at once", async () => {
    const a = await activity();
    await enrol(as(staff[4]), a.id, {});
    const again = await caught(enrol(as(staff[4]), a.id, {}));
    expect(again.code).toBe("conflict");
    expect(again.fieldErrors._form).toBe("programme.enrol.reason.alreadyConfirmed");
    const b = await activity();
    const both = await Promise.allSettled([
      enrol(as(staff[5]), b.id, {}),
      enrol(as(staff[5]), b.id, {}),
    ]);
    expect(both.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const refused = both.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.code).toBe("conflict");
    expect((await statusesOf(b.id)).length).toBe(1);
    expect(await seatsOf(b.id)).toBe(1);
  });

  it("keeps to the target groups; a coordinator may place someone outside them, audited", async () => {
    const a = await activity({ target: { unitIds: [s.unitB.id] } });
    const refused = await caught(enrol(as(staff[6]), a.id, {}));
    expect(refused.fieldErrors._form).toBe("programme.enrol.reason.notInTarget");
    const byManager = await caught(enrol(manager, a.id, { employeeId: staff[6] }));
    expect(byManager.fieldErrors._form).toBe("programme.enrol.reason.employeeNotInTarget");
    const managerTick = await caught(
      enrol(manager, a.id, { employeeId: staff[6], outsideTarget: "on" }),
    );
    expect(managerTick.code).toBe("validation");
    expect(managerTick.fieldErrors.outsideTarget).toBe(
      "programme.enrol.error.outsideTargetCoordinator",
    );
    const noTick = await caught(enrol(coordinator, a.id, { employeeId: staff[6] }));
    expect(noTick.code).toBe("conflict");
    const r = await enrol(coordinator, a.id, { employeeId: staff[6], outsideTarget: "on" });
    expect(r.status).toBe("confirmed");
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.id), eq(auditLog.action, "programme.enrolment.nominate")));
    expect(entry.details).toMatchObject({ outsideTarget: true, employeeId: staff[6] });
    expect(entry.actorUserId).toBe(coordinator.userId);
  });

  it("holds back people outside the priority groups until the window ends; nominations pass", async () => {
    const a = await activity({
      priorityUntil: new Date(Date.now() + 3 * DAY),
      priority: { unitIds: [s.unitB.id] },
    });
    const refused = await caught(enrol(as(staff[7]), a.id, {}));
    expect(refused.fieldErrors._form).toBe("programme.enrol.reason.priorityOnly");
    const inPriority = await enrol(coordinator, a.id, { employeeId: s.employeeInUnitB.id });
    expect(inPriority.status).toBe("confirmed");
    expect((await enrol(manager, a.id, { employeeId: staff[7] })).status).toBe("confirmed");
  });

  it("keeps to the enrolment window and closes once the first session has started", async () => {
    const closed = await activity({ enrolClosesAt: new Date(Date.now() - HOUR) });
    expect((await caught(enrol(as(staff[8]), closed.id, {}))).fieldErrors._form).toBe(
      "programme.enrol.reason.closed",
    );
    const notYet = await activity({ enrolOpensAt: new Date(Date.now() + HOUR) });
    expect((await caught(enrol(as(staff[8]), notYet.id, {}))).fieldErrors._form).toBe(
      "programme.enrol.reason.notYetOpen",
    );
    // A coordinator may still fill a place after the window, until the activity starts.
    expect((await enrol(coordinator, closed.id, { employeeId: staff[8] })).status).toBe(
      "confirmed",
    );
    const started = await activity({
      sessions: [{ startsAt: new Date(Date.now() - HOUR) }],
      enrolClosesAt: null,
    });
    expect(
      (await caught(enrol(coordinator, started.id, { employeeId: staff[8] }))).fieldErrors,
    ).toEqual({ _form: "programme.enrol.reason.started" });
    const draft = await activity({ status: "draft" });
    expect((await caught(enrol(as(staff[8]), draft.id, {}))).fieldErrors._form).toBe(
      "programme.enrol.reason.notPublished",
    );
  });

  it("lets a manager nominate only the employees of their units", async () => {
    const a = await activity();
    const refused = await caught(enrol(manager, a.id, { employeeId: s.employeeInUnitB.id }));
    expect(refused.code).toBe("forbidden");
    expect(await statusesOf(a.id)).toEqual([]);
    const r = await enrol(manager, a.id, { employeeId: staff[9] });
    expect(r.status).toBe("confirmed");
    // An employee may not nominate anyone.
    expect((await caught(enrol(employeeActor, a.id, { employeeId: staff[10] }))).code).toBe(
      "forbidden",
    );
  });

  it("keeps centres apart", async () => {
    const a = await activity();
    expect((await caught(enrol(otherCoordinator, a.id, {}))).code).toBe("not_found");
    expect(
      (await caught(enrol(coordinator, a.id, { employeeId: other.users.employee.employeeId })))
        .fieldErrors,
    ).toEqual({ employeeId: "programme.enrol.reason.employeeUnknown" });
    const mine = await enrol(as(staff[11]), a.id, {});
    expect((await caught(cancelEnrolment(otherCoordinator, mine.id))).code).toBe("not_found");
    expect((await caught(decideEnrolment(otherCoordinator, mine.id, "reject"))).code).toBe(
      "not_found",
    );
    expect((await caught(listEnrolments(otherCoordinator, a.id, {}))).code).toBe("not_found");
    expect((await caught(enrol(coordinator, "not-a-uuid", {}))).code).toBe("not_found");
  });

  it("refuses an account without an employee record", async () => {
    const a = await activity();
    const noRecord: Actor = { ...admin, employeeId: null };
    const status = await enrolmentStatus(noRecord, a.id);
    expect(status.canEnrol).toEqual({ ok: false, reason: "programme.enrol.reason.noEmployee" });
    expect((await caught(enrol(noRecord, a.id, {}))).fieldErrors._form).toBe(
      "programme.enrol.reason.noEmployee",
    );
  });

  it("promotes the first waitlisted person when someone withdraws, with calendar files", async () => {
    const a = await activity({ capacity: 2 });
    const [p1, p2, w1, w2] = [staff[12], staff[13], staff[14], staff[15]];
    const first = await enrol(as(p1), a.id, {});
    await enrol(as(p2), a.id, {});
    await enrol(as(w1), a.id, {});
    await enrol(as(w2), a.id, {});
    const r = await cancelEnrolment(as(p1), first.id);
    expect(r).toMatchObject({ status: "cancelled", promoted: 1 });
    const rows = await statusesOf(a.id);
    expect(rows.map((x) => [x.employeeId, x.status])).toEqual([
      [p1, "cancelled"],
      [p2, "confirmed"],
      [w1, "confirmed"],
      [w2, "waitlisted"],
    ]);
    expect(rows[0].cancelReason).toBe("self");
    expect(await seatsOf(a.id)).toBe(2);
    const cancelled = (await mailsTo(await emailOf(p1))).at(-1)!;
    expect(cancelled.subject).toBe(`Rezygnacja z zajęć: ${a.title}`);
    expect(icsOf(cancelled.files[0].content).getFirstPropertyValue("method")).toBe("CANCEL");
    const promoted = (await mailsTo(await emailOf(w1))).at(-1)!;
    expect(promoted.subject).toBe(`Zwolniło się miejsce: ${a.title}`);
    expect(icsOf(promoted.files[0].content).getFirstPropertyValue("method")).toBe("REQUEST");
    expect((await enrolmentStatus(as(w2), a.id)).enrolment?.waitlistPosition).toBe(1);
    // A withdrawn person may enrol again; they join the end of the waitlist.
    expect(await enrol(as(p1), a.id, {})).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 2,
    });
  });

  it("refuses withdrawing after the deadline; a coordinator may cancel at any time", async () => {
    const a = await activity({
      cancelDeadlineHours: 48,
      sessions: [{ startsAt: new Date(Date.now() + 24 * HOUR) }],
      capacity: 1,
    });
    const mine = await enrol(as(staff[16]), a.id, {});
    const waiting = await enrol(as(staff[17]), a.id, {});
    const late = await caught(cancelEnrolment(as(staff[16]), mine.id));
    expect(late.code).toBe("conflict");
    expect(late.fieldErrors._form).toBe("programme.enrol.reason.pastDeadline");
    expect((await enrolmentStatus(as(staff[16]), a.id)).canCancel).toBe(false);
    expect((await caught(cancelEnrolment(manager, mine.id))).fieldErrors._form).toBe(
      "programme.enrol.reason.pastDeadline",
    );
    // Leaving the waitlist is never too late.
    expect((await enrolmentStatus(as(staff[17]), a.id)).canCancel).toBe(true);
    const r = await cancelEnrolment(coordinator, mine.id);
    expect(r.promoted).toBe(1);
    expect((await statusesOf(a.id)).map((x) => [x.id, x.status, x.cancelReason])).toEqual([
      [mine.id, "cancelled", "coordinator"],
      [waiting.id, "confirmed", null],
    ]);
    expect((await caught(cancelEnrolment(coordinator, mine.id))).fieldErrors._form).toBe(
      "programme.enrol.reason.notLive",
    );
    // Someone else's enrolment is not the employee's to cancel.
    expect((await caught(cancelEnrolment(as(staff[18]), waiting.id))).code).toBe("forbidden");
  });

  it("holds a place pending approval; the manager approves or rejects, and rejection promotes", async () => {
    const a = await activity({ capacity: 1, requiresApproval: true });
    const asking = await enrol(employeeActor, a.id, {});
    expect(asking.status).toBe("pending");
    expect(await seatsOf(a.id)).toBe(1);
    const [toEmployee] = await mailsTo(s.users.employee.email);
    expect(toEmployee.subject).toBe(`Zgłoszenie czeka na akceptację: ${a.title}`);
    expect(toEmployee.files).toHaveLength(0);
    const toManager = (await mailsTo(s.users.manager.email)).at(-1)!;
    expect(toManager.subject).toContain("Zgłoszenie do akceptacji");
    expect(toManager.textBody).toContain("/programme/approvals");
    const approvals = await listApprovals(manager, {});
    expect(approvals.rows.map((r) => r.id)).toContain(asking.id);
    // Nominated by the manager: no approval needed, but no place either.
    const nominated = await enrol(manager, a.id, { employeeId: staff[19] });
    expect(nominated.status).toBe("waitlisted");
    const selfWaiting = await enrol(as(staff[20]), a.id, {});
    expect(selfWaiting.status).toBe("waitlisted");
    // An employee cannot approve; a manager cannot approve their own request.
    expect((await caught(decideEnrolment(employeeActor, asking.id, "approve"))).code).toBe(
      "forbidden",
    );
    const rejected = await decideEnrolment(manager, asking.id, "reject");
    expect(rejected).toMatchObject({ status: "rejected", promoted: 1 });
    expect((await statusesOf(a.id)).map((x) => x.status)).toEqual([
      "rejected",
      "confirmed",
      "waitlisted",
    ]);
    expect((await mailsTo(s.users.employee.email)).at(-1)!.subject).toBe(
      `Zgłoszenie nie zostało zaakceptowane: ${a.title}`,
    );
    expect((await caught(decideEnrolment(manager, asking.id, "approve"))).fieldErrors._form).toBe(
      "programme.enrol.reason.notPending",
    );
    // The next self-enrolled person promoted into an approval activity waits for approval.
    await cancelEnrolment(coordinator, nominated.id);
    const [, , promoted] = await statusesOf(a.id);
    expect(promoted.status).toBe("pending");
    const approved = await decideEnrolment(coordinator, promoted.id, "approve");
    expect(approved.status).toBe("confirmed");
    const mail = (await mailsTo(await emailOf(staff[20]))).at(-1)!;
    expect(mail.subject).toBe(`Zgłoszenie zaakceptowane: ${a.title}`);
    expect(mail.files).toHaveLength(1);
    expect((await caught(decideEnrolment(manager, promoted.id, "maybe"))).code).toBe("validation");
  });

  it("cancels the future enrolments of a deactivated employee and promotes the waitlist", async () => {
    const [leaving] = await seedStaff(db(), s.centre.id, {
      n: 1,
      prefix: "L",
      unitId: s.unitA.id,
      positionId: s.position.id,
    });
    const future = await activity({ capacity: 1 });
    const past = await activity({
      sessions: [{ startsAt: new Date(Date.now() - DAY) }],
      enrolClosesAt: null,
    });
    const mine = await enrol(as(leaving), future.id, {});
    const next = await enrol(as(staff[21]), future.id, {});
    // Attended last week: that enrolment stays (attendance and certificates hang on it).
    await db().insert(programmeEnrolment).values({
      centreId: s.centre.id,
      activityId: past.id,
      employeeId: leaving,
      status: "confirmed",
    });
    await saveEmployee(admin, leaving, {
      firstName: "Anna",
      lastName: "Odchodząca",
      email: await emailOf(leaving),
      employeeNumber: "L-1",
      unitId: s.unitA.id,
      positionId: s.position.id,
      active: "false",
    });
    const rows = await statusesOf(future.id);
    expect(rows.map((x) => [x.id, x.status, x.cancelReason])).toEqual([
      [mine.id, "cancelled", "deactivated"],
      [next.id, "confirmed", null],
    ]);
    expect(await seatsOf(future.id)).toBe(1);
    expect((await statusesOf(past.id))[0].status).toBe("confirmed");
    // The person leaving gets no mail about it; the person promoted does.
    expect((await mailsTo(await emailOf(leaving))).map((m) => m.subject)).toEqual([
      `Potwierdzenie zapisu: ${future.title}`,
    ]);
    expect((await mailsTo(await emailOf(staff[21]))).at(-1)!.subject).toBe(
      `Zwolniło się miejsce: ${future.title}`,
    );
  });

  it("tells everyone enrolled about changed sessions, with updated invitations", async () => {
    const { activity: a, sessions } = await seedEnrolActivity(db(), s.centre.id, { capacity: 1 });
    await enrol(as(staff[22]), a.id, {});
    await enrol(as(staff[23]), a.id, {});
    await db().transaction(async (tx) => {
      await tx
        .update(programmeSession)
        .set({ startsAt: new Date(sessions[0].startsAt.getTime() + HOUR), sequence: 1 })
        .where(eq(programmeSession.id, sessions[0].id));
      await notifyActivityChanged(tx, s.centre.id, a.id, "session_changed");
    });
    const withPlace = (await mailsTo(await emailOf(staff[22]))).at(-1)!;
    expect(withPlace.subject).toBe(`Zmiana terminów: ${a.title}`);
    const event = icsOf(withPlace.files[0].content).getAllSubcomponents("vevent")[0];
    expect(event.getFirstPropertyValue("uid")).toBe(`programme-session-${sessions[0].id}@przystan`);
    expect(event.getFirstPropertyValue("sequence")).toBe(1);
    const waiting = (await mailsTo(await emailOf(staff[23]))).at(-1)!;
    expect(waiting.subject).toBe(`Zmiana terminów: ${a.title}`);
    expect(waiting.files).toHaveLength(0);
  });

  it("releases everyone once when the activity is called off, whichever call comes first", async () => {
    const a = await activity({ capacity: 1 });
    await enrol(as(staff[24]), a.id, {});
    await enrol(as(staff[25]), a.id, {});
    await db().transaction(async (tx) => {
      await tx
        .update(programmeActivity)
        .set({ status: "cancelled" })
        .where(eq(programmeActivity.id, a.id));
      await cancelAllEnrolments(tx, s.centre.id, a.id, "activity_cancelled");
      await notifyActivityChanged(tx, s.centre.id, a.id, "activity_cancelled");
    });
    expect((await statusesOf(a.id)).map((x) => [x.status, x.cancelReason])).toEqual([
      ["cancelled", "activity_cancelled"],
      ["cancelled", "activity_cancelled"],
    ]);
    expect(await seatsOf(a.id)).toBe(0);
    const had = (await mailsTo(await emailOf(staff[24]))).filter((m) =>
      m.subject.startsWith("Zajęcia odwołane"),
    );
    expect(had).toHaveLength(1);
    expect(icsOf(had[0].files[0].content).getFirstPropertyValue("method")).toBe("CANCEL");
    const waited = (await mailsTo(await emailOf(staff[25]))).filter((m) =>
      m.subject.startsWith("Zajęcia odwołane"),
    );
    expect(waited).toHaveLength(1);
    expect(waited[0].files).toHaveLength(0);
  });

  it("reminds the participants the day before, once", async () => {
    const { activity: a, sessions } = await seedEnrolActivity(db(), s.centre.id, {
      sessions: [
        { startsAt: new Date(Date.now() + 20 * HOUR) },
        { startsAt: new Date(Date.now() + 5 * DAY) },
      ],
    });
    await enrol(as(staff[26]), a.id, {});
    await enrol(as(staff[27]), a.id, {});
    const reminded = await sendDueReminders();
    expect(reminded).toBeGreaterThanOrEqual(2);
    expect(await sendDueReminders()).toBe(0);
    const mail = (await mailsTo(await emailOf(staff[26]))).at(-1)!;
    expect(mail.subject).toBe(`Przypomnienie: ${a.title} — jutro`);
    const events = icsOf(mail.files[0].content).getAllSubcomponents("vevent");
    expect(events.map((e) => e.getFirstPropertyValue("uid"))).toEqual([
      `programme-session-${sessions[0].id}@przystan`,
    ]);
    const [later] = await db()
      .select()
      .from(programmeSession)
      .where(eq(programmeSession.id, sessions[1].id));
    expect(later.remindedAt).toBeNull();
  });

  it("serves a personal calendar feed; a new address replaces the old; revoking ends it", async () => {
    const who = as(staff[28]);
    const a = await activity({ title: "Warsztat antystresowy — ćwiczenia oddechowe" });
    await enrol(who, a.id, {});
    expect(await calendarFeedState(who)).toBeNull();
    const { url } = await createCalendarFeed(who);
    const token = url.match(/\/calendar\/([A-Za-z0-9_-]+)\.ics$/)![1];
    const text = await calendarFeedIcs(token);
    const cal = icsOf(text!);
    expect(cal.getFirstPropertyValue("method")).toBeNull();
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(2);
    expect(events[0].getFirstPropertyValue("summary")).toBe(a.title);
    expect(await calendarFeedState(who)).not.toBeNull();
    const { url: second } = await createCalendarFeed(who);
    expect(await calendarFeedIcs(token)).toBeNull();
    const token2 = second.match(/\/calendar\/([A-Za-z0-9_-]+)\.ics$/)![1];
    expect(await calendarFeedIcs(token2)).toContain("BEGIN:VCALENDAR");
    await revokeCalendarFeed(who);
    expect(await calendarFeedIcs(token2)).toBeNull();
    expect(await calendarFeedIcs("x".repeat(43))).toBeNull();
    expect(await calendarFeedIcs("../../etc")).toBeNull();
    expect((await caught(createCalendarFeed({ ...admin, employeeId: null }))).code).toBe(
      "conflict",
    );
  });

  it("lists an activity's enrolments with search, sorting, paging and a manager's scope", async () => {
    const a = await activity({ capacity: 3 });
    for (const e of staff.slice(30, 36)) await enrol(as(e), a.id, {});
    await enrol(coordinator, a.id, { employeeId: s.employeeInUnitB.id });
    const all = await listEnrolments(coordinator, a.id, { sort: "arrival" });
    expect(all.total).toBe(7);
    expect(all.counts).toEqual({ pending: 0, confirmed: 3, waitlisted: 4 });
    expect(all.rows.map((r) => r.waitlistPosition)).toEqual([null, null, null, 1, 2, 3, 4]);
    const paged = await listEnrolments(coordinator, a.id, { pageSize: 2, page: 2 });
    expect(paged.rows).toHaveLength(2);
    const found = await listEnrolments(coordinator, a.id, { q: "E-31" });
    expect(found.rows.map((r) => r.employeeNumber)).toEqual(["E-31"]);
    const byStatus = await listEnrolments(coordinator, a.id, { status: "waitlisted" });
    expect(byStatus.total).toBe(4);
    const managers = await listEnrolments(manager, a.id, {});
    expect(managers.rows.map((r) => r.employeeId)).not.toContain(s.employeeInUnitB.id);
    expect(managers.total).toBe(6);
    expect((await caught(listEnrolments(employeeActor, a.id, {}))).code).toBe("forbidden");
    const desc = await listEnrolments(coordinator, a.id, { sort: "arrival", dir: "desc" });
    expect(desc.rows[0].waitlistPosition).toBe(4);
    const file = await exportEnrolments(coordinator, a.id, {}, "csv", "pl");
    const csv = file.body.toString("utf8");
    expect(csv).toContain("E-31");
    expect(csv.split("\n").filter((l) => l.trim()).length).toBe(8);
    const candidates = await nominationCandidates(manager, a.id, "");
    expect(candidates.rows.map((r) => r.id)).not.toContain(staff[30]);
    expect(candidates.rows.map((r) => r.id)).not.toContain(s.employeeInUnitB.id);
    const mine = await myEnrolments(as(staff[33]));
    expect(mine.find((m) => m.activityId === a.id)).toMatchObject({
      status: "waitlisted",
      waitlistPosition: 1,
    });
  });

  it("lists a message's .ics in the mail log and serves it to the centre's administrator only", async () => {
    const a = await activity({ title: "Szkolenie z załącznikiem — żółć" });
    await enrol(as(staff[36]), a.id, {});
    const log = await viewMailLog(admin, { q: a.title });
    const [m] = log.rows.filter((r) => r.subject === `Potwierdzenie zapisu: ${a.title}`);
    expect(m.attachments).toHaveLength(1);
    const file = await mailAttachmentFile(admin, m.id, m.attachments[0].id);
    expect(file.contentType).toContain("text/calendar");
    expect(file.content).toContain("BEGIN:VCALENDAR");
    const otherAdmin = await actorFor(other.users.administrator.userId);
    expect((await caught(mailAttachmentFile(otherAdmin, m.id, m.attachments[0].id))).code).toBe(
      "not_found",
    );
    expect((await caught(mailAttachmentFile(coordinator, m.id, m.attachments[0].id))).code).toBe(
      "forbidden",
    );
    expect((await caught(mailAttachmentFile(admin, m.id, "nie-uuid"))).code).toBe("not_found");
  });

  it("decides a rush on one activity by arrival: exactly the capacity confirmed", async () => {
    const a = await activity({ capacity: 5 });
    const people = await seedStaff(db(), s.centre.id, {
      n: 30,
      prefix: "R",
      unitId: s.unitA.id,
      positionId: s.position.id,
    });
    const results = await Promise.all(people.map((p) => enrol(as(p), a.id, {})));
    expect(results.filter((r) => r.status === "confirmed")).toHaveLength(5);
    const rows = await statusesOf(a.id);
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(5);
    expect(await seatsOf(a.id)).toBe(5);
    // Places went to the first five arrivals; the waitlist follows arrival order.
    expect(rows.slice(0, 5).every((r) => r.status === "confirmed")).toBe(true);
    const positions = results
      .filter((r) => r.status === "waitlisted")
      .map((r) => r.waitlistPosition)
      .sort((x, y) => x! - y!);
    expect(positions).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });
});
