// The catalogue's use cases on a real database: activities (save, publish, cancel), sessions
// (with the notices a change of a published activity sends), kinds, the list's filters, and
// what is hidden from whom.
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog, mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { warsawInstant } from "../survey/schedule-cycle.ts";
import { activityDetail } from "./activity-detail.ts";
import { activityTypeByCode } from "./activity-types.ts";
import { cancelActivity } from "./cancel-activity.ts";
import { isHttpsUrl, parseZloty } from "./catalogue-fields.ts";
import { enrol } from "./enrol.ts";
import { catalogueTypes, listActivities } from "./list-activities.ts";
import { listActivityTypesForManagement, saveActivityType } from "./manage-activity-types.ts";
import { publishActivity } from "./publish-activity.ts";
import { activityFormDefaults, activityFormInput, saveActivity } from "./save-activity.ts";
import { cancelSession, saveSession, sessionFormInput } from "./save-session.ts";
import { programmeActivity, programmeEnrolment, programmeSession } from "./schema.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("parseZloty", () => {
  it("reads złote as people type them, into grosze", () => {
    expect(parseZloty("1 234,50")).toBe(123450);
    expect(parseZloty("1\u00a0234,5 zł")).toBe(123450);
    expect(parseZloty("1234.05")).toBe(123405);
    expect(parseZloty("1.234,50")).toBe(123450);
    expect(parseZloty("0")).toBe(0);
    expect(parseZloty("1 322 722,80")).toBe(132272280);
  });
  it("refuses what is no amount", () => {
    for (const bad of ["", "abc", "-5", "1,234.50", "12,345", "1.5.0", "1,2,3", "99999999999999"]) {
      expect(parseZloty(bad), bad).toBeNull();
    }
  });
});

describe("isHttpsUrl", () => {
  it("accepts https links only", () => {
    expect(isHttpsUrl("https://meet.example.org/abc")).toBe(true);
    expect(isHttpsUrl("http://meet.example.org/abc")).toBe(false);
    expect(isHttpsUrl("javascript:alert(1)")).toBe(false);
    expect(isHttpsUrl("meet.example.org")).toBe(false);
  });
});

describe("sessionFormInput", () => {
  it("makes Warsaw instants of a day and two times", () => {
    const v = sessionFormInput({
      date: "2026-07-01",
      startTime: "09:00",
      endTime: "13:30",
      place: "Sala 1",
    });
    expect((v.startsAt as Date).toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect((v.endsAt as Date).toISOString()).toBe("2026-07-01T11:30:00.000Z");
  });
  it("refuses an end at or before the start next to the end time, with the other mistakes", async () => {
    const err = await caught(
      (async () =>
        sessionFormInput({
          date: "2026-07-01",
          startTime: "13:00",
          endTime: "12:00",
          meetingUrl: "http://x.pl",
        }))(),
    );
    expect(err.fieldErrors).toEqual({
      endTime: "errors.programmeSessionEnd",
      meetingUrl: "errors.programmeHttps",
    });
    const same = await caught(
      (async () =>
        sessionFormInput({ date: "2026-07-01", startTime: "13:00", endTime: "13:00" }))(),
    );
    expect(same.fieldErrors.endTime).toBe("errors.programmeSessionEnd");
    const bad = await caught(
      (async () => sessionFormInput({ date: "2026-02-30", startTime: "25:00", endTime: "" }))(),
    );
    expect(bad.fieldErrors).toEqual({
      date: "errors.date",
      startTime: "errors.time",
      endTime: "errors.required",
    });
  });
});

describe.each(testDbKinds)("catalogue (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employee: Actor;
  let specialist: Actor;
  let manager: Actor;
  let otherCoordinator: Actor;
  let trainingType: string;
  let workshopType: string;

  const future = (days: number, hour = 9) => {
    const day = new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
    return warsawInstant(day, `${String(hour).padStart(2, "0")}:00`)!;
  };

  function activityInput(over: Record<string, unknown> = {}) {
    return {
      typeId: trainingType,
      title: "Praca z trudnym klientem",
      description: "Deeskalacja i komunikacja.",
      provider: "Fundacja Szkoleniowa",
      format: "in_person",
      capacity: 20,
      ...over,
    };
  }

  async function draftWithSession(over: Record<string, unknown> = {}, days = 10) {
    const id = await saveActivity(coordinator, null, activityInput(over));
    await saveSession(coordinator, id, null, {
      startsAt: future(days, 9),
      endsAt: future(days, 13),
      place: "Sala konferencyjna, ul. Polanki 121",
    });
    return id;
  }

  const audits = async (action: string, entityId: string) =>
    (
      await db()
        .select({ n: count() })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
    )[0].n;

  const mailsTo = async (address: string) =>
    db()
      .select({ id: mailOutbox.id, subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, address));

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    employee = await actorFor(s.users.employee.userId);
    specialist = await actorFor(s.users.specialist.userId);
    manager = await actorFor(s.users.manager.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
    await catalogueTypes(coordinator);
    await catalogueTypes(otherCoordinator);
    trainingType = (await activityTypeByCode(db(), s.centre.id, "training"))!.id;
    workshopType = (await activityTypeByCode(db(), s.centre.id, "stress_workshop"))!.id;
  });
  afterAll(() => d.drop());

  describe("saveActivity", () => {
    it("creates a draft with everything the form gives, and audits it", async () => {
      const v = activityFormInput({
        typeId: trainingType,
        title: "  Komunikacja w sytuacji konfliktu ",
        description: "Opis",
        provider: "Jan Trener",
        trainerUserId: s.users.specialist.userId,
        format: "online",
        hourUnit: "academic",
        capacity: " 1 000 ",
        requiresApproval: "on",
        enrolOpensAt: "2026-05-04",
        enrolOpensAtTime: "08:00",
        enrolClosesAt: "2026-05-20",
        enrolClosesAtTime: "16:00",
        cancelDeadlineHours: "48",
        cost: "1 234,50",
        completionPercent: "",
        "target.staffGroupIds": s.position.staffGroupId,
        "target.unitIds": `${s.unitA.id} ${s.unitB.id}`,
        "priority.unitIds": s.unitA.id,
        priorityUntil: "2026-05-10",
        priorityUntilTime: "12:00",
      });
      const id = await saveActivity(coordinator, null, v);
      const { activity: a } = await activityDetail(coordinator, id);
      expect(a).toMatchObject({
        centreId: s.centre.id,
        status: "draft",
        title: "Komunikacja w sytuacji konfliktu",
        trainerUserId: s.users.specialist.userId,
        format: "online",
        hourUnit: "academic",
        capacity: 1000,
        requiresApproval: true,
        cancelDeadlineHours: 48,
        costGrosze: 123450,
        completionPercent: 80,
        target: {
          staffGroupIds: [s.position.staffGroupId],
          positionIds: [],
          unitIds: [s.unitA.id, s.unitB.id],
        },
        priority: { staffGroupIds: [], positionIds: [], unitIds: [s.unitA.id] },
      });
      expect(a.enrolOpensAt?.toISOString()).toBe("2026-05-04T06:00:00.000Z");
      expect(a.priorityUntil?.toISOString()).toBe("2026-05-10T10:00:00.000Z");
      expect(await audits("programme.activity.create", id)).toBe(1);
      // The form shows it back as it was typed (Warsaw time, złote).
      const back = activityFormDefaults(a);
      expect(back.values).toMatchObject({
        enrolOpensAt: "2026-05-04",
        enrolOpensAtTime: "08:00",
        cost: "1234,50",
        requiresApproval: "on",
      });
      expect(back.checked["target.unitIds"]).toEqual([s.unitA.id, s.unitB.id]);
    });

    it("refuses bad input field by field and writes nothing", async () => {
      const before = (await db().select({ n: count() }).from(programmeActivity))[0].n;
      const err = await caught(
        saveActivity(
          coordinator,
          null,
          activityInput({
            title: "x".repeat(201),
            description: "y".repeat(5001),
            capacity: 0,
            cost: "dużo",
            completionPercent: 120,
            cancelDeadlineHours: -1,
            format: "hybrid",
            enrolOpensAt: "2026-05-20T10:00:00+02:00",
            enrolClosesAt: "2026-05-04T10:00:00+02:00",
            priority: { unitIds: [s.unitA.id] },
          }),
        ),
      );
      expect(err.code).toBe("validation");
      expect(err.fieldErrors).toEqual({
        title: "errors.tooLong",
        description: "errors.tooLong",
        capacity: "errors.programmeCapacity",
        cost: "errors.programmeCost",
        completionPercent: "errors.programmeCompletion",
        cancelDeadlineHours: "errors.programmeCancelHours",
        format: "errors.required",
        enrolClosesAt: "errors.programmeEnrolWindow",
        priorityUntil: "errors.programmePriorityUntil",
      });
      const empty = await caught(saveActivity(coordinator, null, { title: " " }));
      expect(empty.fieldErrors).toMatchObject({
        typeId: "errors.required",
        title: "errors.required",
        capacity: "errors.required",
      });
      // Another centre's kind, unit and position; an account that is no specialist.
      const foreign = await caught(
        saveActivity(
          coordinator,
          null,
          activityInput({
            typeId: (await activityTypeByCode(db(), other.centre.id, "training"))!.id,
            trainerUserId: s.users.employee.userId,
            target: { unitIds: [other.unitA.id], positionIds: [other.position.id] },
          }),
        ),
      );
      expect(foreign.fieldErrors).toMatchObject({
        typeId: "errors.invalid",
        trainerUserId: "errors.programmeTrainer",
        "target.unitIds": "errors.invalid",
        "target.positionIds": "errors.invalid",
      });
      expect((await db().select({ n: count() }).from(programmeActivity))[0].n).toBe(before);
    });

    it("is for whoever runs the programme only", async () => {
      for (const who of [employee, manager, specialist]) {
        expect((await caught(saveActivity(who, null, activityInput()))).code).toBe("forbidden");
      }
    });
  });

  describe("sessions and publishing", () => {
    it("refuses a session that ends before it starts, and one without its place or link", async () => {
      const id = await saveActivity(coordinator, null, activityInput());
      const backwards = await caught(
        saveSession(coordinator, id, null, {
          startsAt: future(5, 13),
          endsAt: future(5, 9),
          place: "Sala",
        }),
      );
      expect(backwards.fieldErrors).toEqual({ endsAt: "errors.programmeSessionEnd" });
      const noPlace = await caught(
        saveSession(coordinator, id, null, { startsAt: future(5, 9), endsAt: future(5, 10) }),
      );
      expect(noPlace.fieldErrors).toEqual({ place: "errors.programmePlaceRequired" });
      const online = await saveActivity(coordinator, null, activityInput({ format: "online" }));
      const noLink = await caught(
        saveSession(coordinator, online, null, {
          startsAt: future(5, 9),
          endsAt: future(5, 10),
          place: "Sala",
        }),
      );
      expect(noLink.fieldErrors).toEqual({ meetingUrl: "errors.programmeMeetingUrlRequired" });
      const plainHttp = await caught(
        saveSession(coordinator, online, null, {
          startsAt: future(5, 9),
          endsAt: future(5, 10),
          meetingUrl: "http://meet.example.org/x",
        }),
      );
      expect(plainHttp.fieldErrors).toEqual({ meetingUrl: "errors.programmeHttps" });
      const n = await db()
        .select({ n: count() })
        .from(programmeSession)
        .where(inArray(programmeSession.activityId, [id, online]));
      expect(n[0].n).toBe(0);
    });

    it("publishes only with a session; a draft's session is removed when cancelled", async () => {
      const id = await saveActivity(coordinator, null, activityInput());
      const none = await caught(publishActivity(coordinator, id));
      expect(none.fieldErrors).toEqual({ _form: "errors.programmeNoSessions" });
      const sid = await saveSession(coordinator, id, null, {
        startsAt: future(3, 9),
        endsAt: future(3, 12),
        place: "Sala",
      });
      await cancelSession(coordinator, sid);
      expect(
        await db().select().from(programmeSession).where(eq(programmeSession.id, sid)),
      ).toEqual([]);
      await saveSession(coordinator, id, null, {
        startsAt: future(3, 9),
        endsAt: future(3, 12),
        place: "Sala",
      });
      // Turned online after its session was set: the session has no link yet.
      await saveActivity(coordinator, id, activityInput({ format: "online" }));
      const noLink = await caught(publishActivity(coordinator, id));
      expect(noLink.fieldErrors).toEqual({ _form: "errors.programmeSessionsNeedLink" });
      await saveActivity(coordinator, id, activityInput());
      await publishActivity(coordinator, id);
      await publishActivity(coordinator, id); // a second time changes nothing
      expect((await activityDetail(employee, id)).activity.status).toBe("published");
      expect(await audits("programme.activity.publish", id)).toBe(1);
    });

    it("tells the people enrolled of a change, with the session's SEQUENCE raised, in the same transaction", async () => {
      const id = await draftWithSession({}, 12);
      const sid2 = await saveSession(coordinator, id, null, {
        startsAt: future(13, 9),
        endsAt: future(13, 13),
        place: "Sala",
      });
      await publishActivity(coordinator, id);
      await enrol(employee, id, {});
      const before = (await mailsTo(s.users.employee.email)).length;
      // Saving what is already stored is no change: no new SEQUENCE, no mail.
      const [stored] = await db()
        .select()
        .from(programmeSession)
        .where(eq(programmeSession.id, sid2));
      await saveSession(coordinator, id, sid2, {
        startsAt: stored.startsAt,
        endsAt: stored.endsAt,
        place: stored.place,
      });
      expect((await mailsTo(s.users.employee.email)).length).toBe(before);
      await saveSession(coordinator, id, sid2, {
        startsAt: future(13, 10),
        endsAt: future(13, 14),
        place: "Sala 2",
      });
      const [changed] = await db()
        .select()
        .from(programmeSession)
        .where(eq(programmeSession.id, sid2));
      expect(changed.sequence).toBe(stored.sequence + 1);
      const after = await mailsTo(s.users.employee.email);
      expect(after.length).toBe(before + 1);
      const attachments = await db()
        .select()
        .from(mailAttachment)
        .where(eq(mailAttachment.mailId, after.at(-1)!.id));
      expect(attachments[0]?.content).toContain("BEGIN:VCALENDAR");
      expect(attachments[0]?.content).toContain(`SEQUENCE:${changed.sequence}`);

      await cancelSession(coordinator, sid2);
      const [cancelled] = await db()
        .select()
        .from(programmeSession)
        .where(eq(programmeSession.id, sid2));
      expect(cancelled.cancelledAt).not.toBeNull();
      expect(cancelled.sequence).toBe(changed.sequence + 1);
      expect((await mailsTo(s.users.employee.email)).length).toBe(before + 2);
      // The last session left is not cancelled on its own.
      const [first] = (await activityDetail(coordinator, id)).sessions.filter(
        (x) => !x.cancelledAt,
      );
      const last = await caught(cancelSession(coordinator, first.id));
      expect(last.fieldErrors).toEqual({ _form: "errors.programmeLastSession" });
      const again = await caught(cancelSession(coordinator, sid2));
      expect(again.fieldErrors).toEqual({ _form: "errors.programmeSessionCancelled" });
    });
  });

  describe("capacity and cancelling", () => {
    it("never lowers the capacity below the places taken, and says how many", async () => {
      const id = await draftWithSession({ capacity: 2 });
      await publishActivity(coordinator, id);
      await enrol(employee, id, {});
      await enrol(specialist, id, {});
      await enrol(manager, id, {}); // waitlisted
      const err = await caught(saveActivity(coordinator, id, activityInput({ capacity: 1 })));
      expect(err.code).toBe("validation");
      expect(err.fieldErrors).toEqual({ capacity: "errors.programmeCapacityBelowSeats" });
      expect(err.extensions.seatsTaken).toBe(2);
      expect((await activityDetail(coordinator, id)).activity.capacity).toBe(2);
      // Raising it gives the new place to the first one waiting, at once.
      await saveActivity(coordinator, id, activityInput({ capacity: 3 }));
      const [m] = await db()
        .select({ status: programmeEnrolment.status })
        .from(programmeEnrolment)
        .where(
          and(
            eq(programmeEnrolment.activityId, id),
            eq(programmeEnrolment.employeeId, s.users.manager.employeeId),
          ),
        );
      expect(m.status).toBe("confirmed");
      expect((await activityDetail(coordinator, id)).activity.seatsTaken).toBe(3);
    });

    it("cancels an activity with its enrolments and tells each person; then it stays as it is", async () => {
      const id = await draftWithSession();
      await publishActivity(coordinator, id);
      await enrol(employee, id, {});
      const mailsBefore = (await mailsTo(s.users.employee.email)).length;
      await cancelActivity(coordinator, id);
      const { activity } = await activityDetail(employee, id);
      expect(activity.status).toBe("cancelled");
      expect(activity.seatsTaken).toBe(0);
      const rows = await db()
        .select()
        .from(programmeEnrolment)
        .where(eq(programmeEnrolment.activityId, id));
      expect(rows.map((r) => [r.status, r.cancelReason])).toEqual([
        ["cancelled", "activity_cancelled"],
      ]);
      expect((await mailsTo(s.users.employee.email)).length).toBe(mailsBefore + 1);
      expect((await caught(saveActivity(coordinator, id, activityInput()))).code).toBe("conflict");
      expect((await caught(cancelActivity(coordinator, id))).code).toBe("conflict");
      expect((await caught(publishActivity(coordinator, id))).code).toBe("conflict");
      const sessionId = (await activityDetail(coordinator, id)).sessions[0].id;
      expect(
        (
          await caught(
            saveSession(coordinator, id, sessionId, {
              startsAt: future(20, 9),
              endsAt: future(20, 10),
              place: "Sala",
            }),
          )
        ).code,
      ).toBe("conflict");
      expect(await audits("programme.activity.cancel", id)).toBe(1);
    });
  });

  describe("who sees what", () => {
    it("hides drafts from everyone who does not run the programme", async () => {
      const id = await draftWithSession({ title: "Szkic tylko dla koordynatora" });
      expect((await caught(activityDetail(employee, id))).code).toBe("not_found");
      expect((await caught(activityDetail(manager, id))).code).toBe("not_found");
      const mine = await listActivities(employee, { q: "Szkic tylko", when: "all" });
      expect(mine.rows).toEqual([]);
      const theirs = await listActivities(coordinator, { q: "Szkic tylko", when: "all" });
      expect(theirs.rows.map((r) => r.id)).toEqual([id]);
      // An employee asking for drafts still gets published ones only.
      const asked = await listActivities(employee, { q: "Szkic tylko", status: "draft" });
      expect(asked.rows).toEqual([]);
    });

    it("answers 'not found' to another centre, whatever it tries", async () => {
      const id = await draftWithSession();
      await publishActivity(coordinator, id);
      const [sid] = (await activityDetail(coordinator, id)).sessions.map((x) => x.id);
      expect((await caught(activityDetail(otherCoordinator, id))).code).toBe("not_found");
      expect((await caught(saveActivity(otherCoordinator, id, activityInput()))).code).toBe(
        "not_found",
      );
      expect((await caught(publishActivity(otherCoordinator, id))).code).toBe("not_found");
      expect((await caught(cancelActivity(otherCoordinator, id))).code).toBe("not_found");
      expect(
        (
          await caught(
            saveSession(otherCoordinator, id, null, {
              startsAt: future(4, 9),
              endsAt: future(4, 10),
              place: "Obca sala",
            }),
          )
        ).code,
      ).toBe("not_found");
      expect((await caught(cancelSession(otherCoordinator, sid))).code).toBe("not_found");
      expect((await caught(activityDetail(coordinator, "nie-uuid"))).code).toBe("not_found");
      const list = await listActivities(otherCoordinator, { when: "all", pageSize: 200 });
      expect(list.rows.map((r) => r.id)).not.toContain(id);
      expect((await activityDetail(coordinator, id)).activity.status).toBe("published");
    });

    it("lets the trainer's specialist and the coordinator take attendance, and nobody else", async () => {
      const id = await draftWithSession({ trainerUserId: s.users.specialist.userId });
      await publishActivity(coordinator, id);
      expect((await activityDetail(specialist, id)).can.attendance).toBe(true);
      expect((await activityDetail(coordinator, id)).can.attendance).toBe(true);
      expect((await activityDetail(employee, id)).can.attendance).toBe(false);
      const other = await draftWithSession();
      await publishActivity(coordinator, other);
      expect((await activityDetail(specialist, other)).can.attendance).toBe(false);
    });
  });

  describe("listActivities", () => {
    it("searches, filters by kind and by 'I can join now', sorts and pages", async () => {
      const tag = `Lista-${kind}`;
      const forA = await draftWithSession({
        title: `${tag} A warsztat`,
        typeId: workshopType,
        target: { unitIds: [s.unitA.id] },
      });
      const forB = await draftWithSession({
        title: `${tag} B szkolenie`,
        target: { unitIds: [s.unitB.id] },
      });
      const closed = await draftWithSession({
        title: `${tag} C zamknięte`,
        enrolOpensAt: new Date(Date.now() - 3 * DAY),
        enrolClosesAt: new Date(Date.now() - DAY),
      });
      const priority = await draftWithSession({
        title: `${tag} D pierwszeństwo B`,
        priority: { unitIds: [s.unitB.id] },
        priorityUntil: new Date(Date.now() + 2 * DAY),
      });
      for (const id of [forA, forB, closed, priority]) await publishActivity(coordinator, id);
      const ids = async (q: Record<string, unknown>, who = employee) =>
        (await listActivities(who, { q: tag, ...q })).rows.map((r) => r.id);
      expect(await ids({ sort: "title" })).toEqual([forA, forB, closed, priority]);
      expect(await ids({ sort: "title", dir: "desc" })).toEqual([priority, closed, forB, forA]);
      expect(await ids({ type: workshopType })).toEqual([forA]);
      expect(await ids({ q: `${tag} szkolenie` })).toEqual([forB]);
      // The employee works in unit A: B's activity, a closed enrolment and B's priority window
      // keep the others out.
      expect(await ids({ open: "1" })).toEqual([forA]);
      await enrol(employee, forA, {});
      expect(await ids({ open: "1" })).toEqual([]);
      const mine = (await listActivities(employee, { q: tag, sort: "title" })).rows[0];
      expect(mine).toMatchObject({ id: forA, myEnrolment: "confirmed", placesLeft: 19 });
      const page2 = await listActivities(employee, { q: tag, sort: "title", pageSize: 3, page: 2 });
      expect(page2.total).toBe(4);
      expect(page2.rows.map((r) => r.id)).toEqual([priority]);
      expect(await ids({ when: "past" })).toEqual([]);
    });
  });

  describe("kinds of activity", () => {
    it("renames, hides and adds kinds; a hidden kind is offered for no new activity", async () => {
      const before = await listActivityTypesForManagement(coordinator);
      expect(before.filter((t) => t.code).length).toBe(9);
      await saveActivityType(coordinator, trainingType, { name: "Szkolenie z deeskalacji" });
      const seminar = (await activityTypeByCode(db(), s.centre.id, "seminar"))!.id;
      await saveActivityType(coordinator, seminar, { name: "", archived: "true" });
      const own = await saveActivityType(coordinator, null, { name: "Kurs językowy" });
      const dup = await caught(saveActivityType(coordinator, null, { name: "kurs JĘZYKOWY" }));
      expect(dup.fieldErrors).toEqual({ name: "errors.duplicateName" });
      const noName = await caught(saveActivityType(coordinator, own, { name: " " }));
      expect(noName.fieldErrors).toEqual({ name: "errors.required" });
      const after = await listActivityTypesForManagement(coordinator);
      expect(after.find((t) => t.id === trainingType)?.name).toBe("Szkolenie z deeskalacji");
      expect(after.find((t) => t.id === seminar)?.archived).toBe(true);
      const [{ n: trainings }] = await db()
        .select({ n: count() })
        .from(programmeActivity)
        .where(eq(programmeActivity.typeId, trainingType));
      expect(trainings).toBeGreaterThan(0);
      expect(after.find((t) => t.id === trainingType)?.activities).toBe(trainings);
      expect(after.find((t) => t.id === seminar)?.activities).toBe(0);
      expect(after.at(-1)).toMatchObject({ id: own, code: null, name: "Kurs językowy" });
      const hidden = await caught(
        saveActivity(coordinator, null, activityInput({ typeId: seminar })),
      );
      expect(hidden.fieldErrors).toEqual({ typeId: "errors.programmeTypeHidden" });
      expect(await audits("programme.type.create", own)).toBe(1);
      expect((await caught(saveActivityType(employee, null, { name: "X" }))).code).toBe(
        "forbidden",
      );
      expect((await caught(saveActivityType(otherCoordinator, own, { name: "X" }))).code).toBe(
        "not_found",
      );
      // The built-in name comes back with an empty one.
      await saveActivityType(coordinator, trainingType, { name: "" });
    });
  });
});
