// The coordinator's side of a cycle: scheduling, extending, reminders, the jobs runner,
// thresholds, the cycles list, the library of instruments and the review of open answers.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { AppError } from "../../platform/errors.ts";
import { enqueueJob, runDueJobs } from "../../platform/jobs.ts";
import { auditLog, job, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { ROLES } from "../access/permissions.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { updateCentre } from "../org/centres.ts";
import { centre, staffGroup } from "../org/schema.ts";
import { closeCycle } from "./close-cycle.ts";
import { centreThresholds, createCycle } from "./create-cycle.ts";
import { cycleFormInput } from "./cycle-form.ts";
import { DEFAULT_INSTRUMENTS } from "./default-instruments.ts";
import { extendCycle } from "./extend-cycle.ts";
import { listInstrumentSummaries } from "./instrument-list.ts";
import { closeDueCycles, openDueCycles, registerSurveyJobs, SURVEY_TICK_JOB } from "./jobs.ts";
import { getCycle, listCycles } from "./list-cycles.ts";
import {
  approveComments,
  listCommentsForReview,
  maskDigits,
  reviewComment,
} from "./review-comments.ts";
import { saveInstrument } from "./save-instrument.ts";
import { scheduleCycle, setReminderDates, warsawDay, warsawInstant } from "./schedule-cycle.ts";
import { surveyComment, surveyCycle, surveyInstrument, surveyParticipation } from "./schema.ts";
import { addFromLibrary, listLibrary, seedDefaultInstruments } from "./seed-default-instruments.ts";
import { reminderCounts, sendDueReminders, sendReminders } from "./send-reminders.ts";
import { submitResponse } from "./submit-response.ts";
import { cycleOf, miniInstrument, surveyToken, tokensOf } from "./test-fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("Warsaw wall-clock times", () => {
  it("reads a day and a time in Warsaw, in winter and in summer", () => {
    expect(warsawInstant("2026-01-15", "08:30")?.toISOString()).toBe("2026-01-15T07:30:00.000Z");
    expect(warsawInstant("2026-07-15", "08:30")?.toISOString()).toBe("2026-07-15T06:30:00.000Z");
    // The spring change (29.03.2026, 02:00 → 03:00) and the autumn one (25.10.2026).
    expect(warsawInstant("2026-03-29", "12:00")?.toISOString()).toBe("2026-03-29T10:00:00.000Z");
    expect(warsawInstant("2026-10-25", "12:00")?.toISOString()).toBe("2026-10-25T11:00:00.000Z");
    expect(warsawInstant("2026-02-30", "08:00")).toBeNull();
    expect(warsawInstant("2026-02-03", "24:00")).toBeNull();
    expect(warsawInstant("03.02.2026", "08:00")).toBeNull();
    expect(warsawDay(new Date("2026-01-14T23:30:00Z"))).toBe("2026-01-15");
  });

  it("masks runs of digits, with the separators of case numbers and dates", () => {
    expect(maskDigits("Sprawa nr 12/2025, tel. 600 100 200, ul. Długa 5.")).toBe(
      "Sprawa nr […], tel. […], ul. Długa […].",
    );
    expect(maskDigits("Bez cyfr")).toBe("Bez cyfr");
  });

  it("never lets a centre's thresholds fall below 5 and 10", () => {
    expect(centreThresholds({})).toEqual({ minGroupSize: 5, minCommentGroupSize: 10 });
    expect(centreThresholds({ survey: { minGroupSize: 3, minCommentGroupSize: 4 } })).toEqual({
      minGroupSize: 5,
      minCommentGroupSize: 10,
    });
    expect(centreThresholds({ survey: { minGroupSize: 8, minCommentGroupSize: 15 } })).toEqual({
      minGroupSize: 8,
      minCommentGroupSize: 15,
    });
  });
});

/** Everyone a cycle invites: the fixture's one person per role, and Anna Nowak. */
const STAFF = ROLES.length + 1;

describe.each(testDbKinds)("running survey cycles (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let manager: Actor;
  let employeeActor: Actor;
  let instrumentId: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    manager = await actorFor(s.users.manager.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    instrumentId = (await saveInstrument(coordinator, miniInstrument())).id;
  });
  afterAll(() => d.drop());

  const draft = (over: Record<string, unknown> = {}) =>
    createCycle(coordinator, {
      instrumentId,
      name: `Szkic ${Math.random()}`,
      opensAt: new Date(Date.now() + DAY),
      closesAt: new Date(Date.now() + 10 * DAY),
      ...over,
    });
  const cycleRow = async (id: string) =>
    (await db().select().from(surveyCycle).where(eq(surveyCycle.id, id)))[0];
  const mailsOf = async (mailKind: string, subject: string) =>
    (await db().select().from(mailOutbox).where(eq(mailOutbox.kind, mailKind))).filter((m) =>
      m.subject.includes(subject),
    );

  describe("thresholds", () => {
    it("start from the centre's settings, which refuse anything below 5 and 10", async () => {
      const c = await db().select().from(centre).where(eq(centre.id, s.centre.id));
      const base = { name: c[0].name, type: c[0].type, city: c[0].city };
      const bad = await caught(
        updateCentre(await actorFor(s.users.administrator.userId), {
          ...base,
          surveyMinGroupSize: "4",
          surveyMinCommentGroupSize: "abc",
        }),
      );
      expect(bad.fieldErrors).toEqual({
        surveyMinGroupSize: "errors.surveyMinGroupSize",
        surveyMinCommentGroupSize: "errors.surveyMinCommentGroupSize",
      });
      expect(
        (await db().select().from(centre).where(eq(centre.id, s.centre.id)))[0].settings,
      ).toEqual(c[0].settings);

      await updateCentre(await actorFor(s.users.administrator.userId), {
        ...base,
        surveyMinGroupSize: "7",
        surveyMinCommentGroupSize: "12",
      });
      const { id } = await draft();
      expect(await cycleRow(id)).toMatchObject({ minGroupSize: 7, minCommentGroupSize: 12 });
      // A cycle may still set its own, but never below the floor.
      const own = await draft({ minGroupSize: "6", minCommentGroupSize: 10 });
      expect(await cycleRow(own.id)).toMatchObject({ minGroupSize: 6, minCommentGroupSize: 10 });
      const low = await caught(draft({ minCommentGroupSize: 9 }));
      expect(low.fieldErrors).toEqual({ minCommentGroupSize: "errors.surveyMinCommentGroupSize" });

      await updateCentre(await actorFor(s.users.administrator.userId), base);
      const back = await draft();
      expect(await cycleRow(back.id)).toMatchObject({ minGroupSize: 5, minCommentGroupSize: 10 });
    });
  });

  describe("scheduling", () => {
    it("stores the kind, automatic opening and reminder days within the window", async () => {
      const opens = new Date(Date.now() + DAY);
      const closes = new Date(Date.now() + 10 * DAY);
      const inside = warsawDay(new Date(Date.now() + 3 * DAY));
      const outside = warsawDay(new Date(Date.now() + 12 * DAY));
      const refused = await caught(draft({ reminderDates: [inside, outside] }));
      expect(refused.fieldErrors).toEqual({ reminderDates: "errors.surveyReminderOutside" });
      const notADay = await caught(draft({ reminderDates: ["2026-02-30"] }));
      expect(notADay.fieldErrors).toEqual({ "reminderDates.0": "errors.date" });

      const { id } = await draft({
        kind: "client",
        autoOpen: true,
        opensAt: opens,
        closesAt: closes,
        reminderDates: [inside, inside],
      });
      expect(await cycleRow(id)).toMatchObject({
        kind: "client",
        autoOpen: true,
        reminderDates: [inside],
      });
      expect((await caught(draft({ kind: "pacjent" }))).fieldErrors).toEqual({
        kind: "errors.invalid",
      });
    });

    it("moves a draft's window and turns automatic opening on; an open cycle is refused", async () => {
      const { id } = await draft();
      const opensAt = new Date(Date.now() + 2 * DAY);
      const closesAt = new Date(Date.now() + 20 * DAY);
      await scheduleCycle(coordinator, id, { opensAt, closesAt, autoOpen: true });
      expect(await cycleRow(id)).toMatchObject({ opensAt, closesAt, autoOpen: true });
      const swapped = await caught(
        scheduleCycle(coordinator, id, { opensAt: closesAt, closesAt: opensAt }),
      );
      expect(swapped.fieldErrors).toEqual({ closesAt: "errors.surveyDates" });
      expect((await caught(scheduleCycle(employeeActor, id, { opensAt, closesAt }))).code).toBe(
        "forbidden",
      );

      const open = await cycleOf(coordinator, { name: "Otwarte — harmonogram" });
      const refused = await caught(scheduleCycle(coordinator, open, { opensAt, closesAt }));
      expect(refused.fieldErrors).toEqual({ _form: "errors.surveyNotDraft" });
      // Reminder days may change while open, within the window, and not after closing.
      const today = warsawDay(new Date());
      await setReminderDates(coordinator, open, { reminderDates: [today] });
      expect((await cycleRow(open)).reminderDates).toEqual([today]);
      const late = warsawDay(new Date(Date.now() + 30 * DAY));
      expect(
        (await caught(setReminderDates(coordinator, open, { reminderDates: [late] }))).fieldErrors,
      ).toEqual({ reminderDates: "errors.surveyReminderOutside" });
      await closeCycle(coordinator, open);
      expect((await caught(setReminderDates(coordinator, open, { reminderDates: [] }))).code).toBe(
        "conflict",
      );
    });
  });

  describe("extendCycle", () => {
    it("moves an open cycle's closing later only; a draft or closed cycle is refused", async () => {
      const id = await cycleOf(coordinator, { name: "Do przedłużenia" });
      const before = await cycleRow(id);
      const earlier = await caught(
        extendCycle(coordinator, id, { closesAt: new Date(before.closesAt.getTime() - HOUR) }),
      );
      expect(earlier.fieldErrors).toEqual({ closesAt: "errors.surveyExtendLater" });
      const garbage = await caught(extendCycle(coordinator, id, { closesAt: "jutro" }));
      expect(garbage.fieldErrors).toEqual({ closesAt: "errors.date" });
      const later = new Date(before.closesAt.getTime() + 7 * DAY);
      await extendCycle(coordinator, id, { closesAt: later.toISOString() });
      expect((await cycleRow(id)).closesAt).toEqual(later);
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "survey.cycle.extend"), eq(auditLog.entityId, id)));
      expect(entry.details).toEqual({
        from: before.closesAt.toISOString(),
        to: later.toISOString(),
      });

      const { id: draftId } = await draft();
      expect((await caught(extendCycle(coordinator, draftId, { closesAt: later }))).code).toBe(
        "conflict",
      );
      await closeCycle(coordinator, id);
      const closed = await caught(
        extendCycle(coordinator, id, { closesAt: new Date(later.getTime() + DAY) }),
      );
      expect(closed.fieldErrors).toEqual({ _form: "errors.surveyNotOpen" });
      expect((await cycleRow(id)).status).toBe("closed");
    });
  });

  describe("reminders", () => {
    it("go only to those who have not answered, once a day, with a new link that replaces the first", async () => {
      const name = "Przypomnienia — wiosna";
      const id = await cycleOf(coordinator, { name });
      const tokens = await tokensOf(name);
      expect(tokens.size).toBe(STAFF);
      const answered = s.users.employee.email;
      await submitResponse(tokens.get(answered)!, { q1: 3 });
      const silent = STAFF - 1;
      expect(await reminderCounts(coordinator, id)).toEqual({ due: silent, remindedToday: 0 });

      expect(await sendReminders(coordinator, id)).toEqual({ reminded: silent });
      const reminders = await mailsOf("survey-reminder", name);
      expect(reminders.map((m) => m.toAddress).sort()).toEqual(
        [...tokens.keys()].filter((e) => e !== answered).sort(),
      );
      const anna = reminders.find((m) => m.toAddress === s.employeeInUnitB.email)!;
      expect(anna.textBody).toContain("Dzień dobry, Anna!");
      // The new link works; the first one no longer does.
      const oldToken = tokens.get(s.employeeInUnitB.email)!;
      expect((await caught(submitResponse(oldToken, { q1: 2 }))).code).toBe("not_found");
      await submitResponse(surveyToken(anna.textBody), { q1: 2 });

      // Once a day, whichever way: by hand again, or on a reminder day.
      expect(await reminderCounts(coordinator, id)).toEqual({ due: 0, remindedToday: silent });
      expect(await sendReminders(coordinator, id)).toEqual({ reminded: 0 });
      await setReminderDates(coordinator, id, { reminderDates: [warsawDay(new Date())] });
      await sendDueReminders({ fromHour: 0 });
      expect(await mailsOf("survey-reminder", name)).toHaveLength(silent);

      // The next day those still silent are due again (the two who answered are not).
      await db()
        .update(surveyParticipation)
        .set({ remindedOn: sql`${surveyParticipation.remindedOn} - 1` })
        .where(eq(surveyParticipation.cycleId, id));
      expect((await reminderCounts(coordinator, id)).due).toBe(STAFF - 2);
      expect(await sendDueReminders({ fromHour: 0 })).toBeGreaterThanOrEqual(STAFF - 2);
      expect(await mailsOf("survey-reminder", name)).toHaveLength(silent + STAFF - 2);
      // Not before the reminder hour, and not on other days.
      await db()
        .update(surveyParticipation)
        .set({ remindedOn: null })
        .where(eq(surveyParticipation.cycleId, id));
      expect(await sendDueReminders({ fromHour: 24 })).toBe(0);
      await setReminderDates(coordinator, id, { reminderDates: [] });
      expect(await sendDueReminders({ fromHour: 0 })).toBe(0);

      const audit = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "survey.cycle.remind"), eq(auditLog.entityId, id)));
      expect(audit.map((a) => a.details)).toEqual(
        expect.arrayContaining([
          { reminded: silent, trigger: "manual" },
          { reminded: STAFF - 2, trigger: "scheduled" },
        ]),
      );
      expect(JSON.stringify(audit)).not.toContain("@");

      await closeCycle(coordinator, id);
      expect((await caught(sendReminders(coordinator, id))).fieldErrors).toEqual({
        _form: "errors.surveyNotOpen",
      });
      expect((await caught(sendReminders(employeeActor, id))).code).toBe("forbidden");
    });
  });

  describe("the jobs runner", () => {
    it("opens a scheduled draft when its time comes, and only then", async () => {
      const now = await draft({
        name: "Automatycznie teraz",
        autoOpen: true,
        opensAt: new Date(Date.now() - 60_000),
      });
      const later = await draft({ name: "Automatycznie jutro", autoOpen: true });
      const manual = await draft({ name: "Ręcznie", opensAt: new Date(Date.now() - 60_000) });
      expect(await openDueCycles()).toBeGreaterThanOrEqual(1);
      expect((await cycleRow(now.id)).status).toBe("open");
      expect((await cycleRow(later.id)).status).toBe("draft");
      expect((await cycleRow(manual.id)).status).toBe("draft");
      expect(await mailsOf("survey-invitation", "Automatycznie teraz")).toHaveLength(STAFF);
      // Run again: nothing more happens.
      await openDueCycles();
      expect(await mailsOf("survey-invitation", "Automatycznie teraz")).toHaveLength(STAFF);
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "survey.cycle.open"), eq(auditLog.entityId, now.id)));
      expect(entry).toMatchObject({ actorUserId: null, details: { invited: STAFF } });
    });

    it("turns automatic opening off, with the reason in the audit log, when nobody can be invited", async () => {
      const [empty] = await db()
        .insert(staffGroup)
        .values({ centreId: s.centre.id, name: "Grupa bez nikogo" })
        .returning();
      const { id } = await draft({
        autoOpen: true,
        opensAt: new Date(Date.now() - 60_000),
        population: { staffGroupIds: [empty.id] },
      });
      await openDueCycles();
      expect(await cycleRow(id)).toMatchObject({ status: "draft", autoOpen: false });
      const [entry] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "survey.cycle.autoOpenFailed"), eq(auditLog.entityId, id)));
      expect(entry.details).toEqual({ reason: "errors.surveyNobodyInvited" });
    });

    it("runs as a tick job that queues the next tick before its work", async () => {
      registerSurveyJobs();
      const { id } = await draft({
        name: "Przez zadanie",
        autoOpen: true,
        opensAt: new Date(Date.now() - 60_000),
      });
      await enqueueJob(db(), SURVEY_TICK_JOB, {}, { dedupeKey: `${SURVEY_TICK_JOB}:test` });
      await runDueJobs();
      expect((await cycleRow(id)).status).toBe("open");
      const ticks = await db().select().from(job).where(eq(job.kind, SURVEY_TICK_JOB));
      const next = ticks.filter((j) => j.doneAt === null);
      expect(next).toHaveLength(1);
      expect(next[0].runAt.getTime()).toBeGreaterThan(Date.now());
      expect(next[0].dedupeKey).toMatch(/^survey\.tick:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      expect(ticks.find((j) => j.dedupeKey === `${SURVEY_TICK_JOB}:test`)?.doneAt).toBeInstanceOf(
        Date,
      );
    });

    it("closes an open cycle whose closing time has passed", async () => {
      const id = await cycleOf(coordinator, { name: "Do zamknięcia" });
      expect(await closeDueCycles()).toBe(0);
      await db()
        .update(surveyCycle)
        .set({ closesAt: new Date(Date.now() - 1000) })
        .where(eq(surveyCycle.id, id));
      expect(await closeDueCycles()).toBe(1);
      expect((await cycleRow(id)).status).toBe("closed");
      expect(await closeDueCycles()).toBe(0);
    });
  });

  describe("the cycles list", () => {
    it("shows a coordinator every cycle, and management and managers closed ones only", async () => {
      const open = await cycleOf(coordinator, { name: "Lista — otwarte" });
      const closed = await cycleOf(coordinator, { name: "Lista — zamknięte" });
      await closeCycle(coordinator, closed);
      const all = await listCycles(coordinator, { q: "lista", sort: "name", dir: "asc" });
      expect(all.rows.map((r) => r.name)).toEqual(["Lista — otwarte", "Lista — zamknięte"]);
      expect(all.rows[0]).toMatchObject({
        status: "open",
        invited: STAFF,
        answered: 0,
        responses: 0,
      });
      const mine = await listCycles(manager, { q: "lista", status: "open" });
      expect(mine.rows.map((r) => r.id)).toEqual([closed]);
      expect((await caught(getCycle(manager, open))).code).toBe("not_found");
      expect((await getCycle(manager, closed)).name).toBe("Lista — zamknięte");
      expect((await caught(listCycles(employeeActor, {}))).code).toBe("forbidden");
      const paged = await listCycles(coordinator, { pageSize: 1, page: 2, sort: "status" });
      expect(paged.rows).toHaveLength(1);
      expect(paged.total).toBeGreaterThan(2);
      expect((await caught(getCycle(coordinator, "nie-uuid"))).code).toBe("not_found");
    });
  });

  describe("the library of instruments", () => {
    it("seeds a centre once and adds a shipped instrument as a version", async () => {
      const before = await listLibrary(coordinator);
      expect(before.map((e) => [e.slug, e.latest])).toEqual(
        DEFAULT_INSTRUMENTS.map((i) => [i.id, null]),
      );
      expect(before[0].items).toBe(47);
      expect(before[0].minutes).toBeLessThanOrEqual(12);
      const added = await addFromLibrary(coordinator, "obciazenie-zawodowe");
      expect(added).toMatchObject({ version: 1, created: true });
      expect(await addFromLibrary(coordinator, "obciazenie-zawodowe")).toMatchObject({
        version: 1,
        created: false,
      });
      expect((await caught(addFromLibrary(coordinator, "nie-ma"))).code).toBe("not_found");
      const seeded = await db().transaction((tx) => seedDefaultInstruments(tx, s.centre.id, null));
      expect(seeded).toEqual(["ocena-obslugi"]);
      expect(await db().transaction((tx) => seedDefaultInstruments(tx, s.centre.id, null))).toEqual(
        [],
      );
      const summaries = await listInstrumentSummaries(coordinator, { q: "testowa" });
      expect(summaries.rows).toHaveLength(1);
      expect(summaries.rows[0]).toMatchObject({ slug: "mini", version: 1, versions: 1 });
      const [{ n }] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(surveyCycle)
        .where(eq(surveyCycle.instrumentId, instrumentId));
      expect(n).toBeGreaterThan(1);
      expect(summaries.rows[0].cycles).toBe(n);
      const after = await listLibrary(coordinator);
      expect(after.map((e) => e.latest?.same)).toEqual([true, true]);
      const versions = await db()
        .select()
        .from(surveyInstrument)
        .where(eq(surveyInstrument.slug, "ocena-obslugi"));
      expect(versions.map((v) => v.version)).toEqual([1]);
    });
  });

  describe("reviewing open answers", () => {
    it("waits for the close, hides small groups' units, and publishes only what was approved", async () => {
      const name = "Komentarze";
      const id = await cycleOf(coordinator, { name });
      const tokens = [...(await tokensOf(name)).values()];
      const texts = ["Za dużo spraw, np. 12/2025.", "Brak superwizji.", "Dobrze jest."];
      for (const [i, text] of texts.entries()) await submitResponse(tokens[i], { q1: 3, t1: text });
      const whileOpen = await listCommentsForReview(coordinator, id, {});
      expect(whileOpen).toMatchObject({ cycleStatus: "open", rows: [], total: 0 });
      const [one] = await db().select().from(surveyComment).where(eq(surveyComment.cycleId, id));
      expect(
        (await caught(reviewComment(coordinator, id, one.id, { action: "exclude" }))).fieldErrors,
      ).toEqual({ _form: "errors.surveyCommentsWhenClosed" });

      await closeCycle(coordinator, id);
      const list = await listCommentsForReview(coordinator, id, { state: "pending" });
      expect(list.total).toBe(3);
      expect(list.counts).toEqual({ pending: 3, approved: 0, excluded: 0 });
      expect(list.items.map((i) => i.id)).toEqual(["t1"]);
      // Random ids, in id order — never arrival order — and no unit for a group of three.
      expect(list.rows.map((r) => r.id)).toEqual(list.rows.map((r) => r.id).sort());
      expect(list.rows.every((r) => r.unitName === null)).toBe(true);
      expect(Object.keys(list.rows[0]).sort()).toEqual(
        ["id", "itemId", "redactedText", "state", "text", "unitName"].sort(),
      );

      const byText = new Map(list.rows.map((r) => [r.text, r.id]));
      const caseNo = byText.get(texts[0])!;
      expect(
        await reviewComment(coordinator, id, caseNo, { action: "mask", text: texts[0] }),
      ).toEqual({ state: "pending", text: "Za dużo spraw, np. […]." });
      expect(
        await reviewComment(coordinator, id, caseNo, {
          action: "approve",
          text: "  Za dużo spraw.  ",
        }),
      ).toEqual({ state: "approved", text: "Za dużo spraw." });
      await reviewComment(coordinator, id, byText.get(texts[1])!, { action: "exclude" });
      const tooLong = await caught(
        reviewComment(coordinator, id, byText.get(texts[2])!, {
          action: "approve",
          text: "x".repeat(2001),
        }),
      );
      expect(tooLong.fieldErrors).toEqual({ text: "errors.surveyCommentTooLong" });
      expect(await approveComments(coordinator, id, [...byText.values()])).toEqual({
        approved: 1,
      });

      const rows = await db().select().from(surveyComment).where(eq(surveyComment.cycleId, id));
      const state = new Map(rows.map((r) => [r.text, [r.reviewed, r.redactedText]]));
      expect(state.get(texts[0])).toEqual([true, "Za dużo spraw."]);
      expect(state.get(texts[1])).toEqual([true, ""]);
      expect(state.get(texts[2])).toEqual([true, texts[2]]);
      expect((await listCommentsForReview(coordinator, id, { state: "all" })).counts).toEqual({
        pending: 0,
        approved: 2,
        excluded: 1,
      });

      await reviewComment(coordinator, id, byText.get(texts[1])!, { action: "reopen" });
      const pending = await listCommentsForReview(coordinator, id, {});
      expect(pending.rows.map((r) => r.text)).toEqual([texts[1]]);

      // The audit log says how many were reviewed and how — never the text.
      const audit = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "survey.comments.review"), eq(auditLog.entityId, id)));
      expect(audit).toHaveLength(5);
      const dump = JSON.stringify(audit);
      for (const t of [...texts, "Za dużo", "superwizji"]) expect(dump).not.toContain(t);

      expect((await caught(listCommentsForReview(manager, id, {}))).code).toBe("forbidden");
      const stranger = "00000000-0000-4000-8000-000000000000";
      expect(
        (await caught(reviewComment(coordinator, id, stranger, { action: "exclude" }))).code,
      ).toBe("not_found");
    });
  });
});

describe("the new-cycle form", () => {
  it("reports the date fields' mistakes together with the other fields'", () => {
    const err = (() => {
      try {
        cycleFormInput({ name: "", opensAt: "2026-02-30", opensAtTime: "8:00", closesAt: "" });
      } catch (e) {
        return e as AppError;
      }
      throw new Error("expected an error");
    })();
    expect(err.fieldErrors).toEqual({
      instrumentId: "errors.required",
      name: "errors.required",
      opensAt: "errors.date",
      opensAtTime: "errors.time",
      closesAt: "errors.required",
      closesAtTime: "errors.required",
    });
  });

  it("reads Warsaw dates and times, ticked ids and the reminder days typed", () => {
    const input = cycleFormInput({
      instrumentId: "00000000-0000-4000-8000-000000000001",
      name: "Jesień",
      opensAt: "2099-10-01",
      opensAtTime: "08:00",
      closesAt: "2099-10-15",
      closesAtTime: "16:30",
      "reminderDates.0": "",
      "reminderDates.1": "2099-10-08",
      "population.unitIds": "a b",
      minGroupSize: "",
    });
    expect(input).toMatchObject({
      opensAt: new Date("2099-10-01T06:00:00Z"),
      closesAt: new Date("2099-10-15T14:30:00Z"),
      reminderDates: ["2099-10-08"],
      population: { unitIds: ["a", "b"], staffGroupIds: [] },
      minGroupSize: undefined,
      kind: "staff",
    });
    expect(() =>
      cycleFormInput({
        instrumentId: "x",
        name: "x",
        opensAt: "2099-10-15",
        opensAtTime: "08:00",
        closesAt: "2099-10-01",
        closesAtTime: "08:00",
        "reminderDates.2": "jutro",
      }),
    ).toThrow(AppError);
  });
});
