// Booking confidential support end to end at the service level, on PGlite and PostgreSQL: a
// slot of a specialist and "first available"; refusals (past, within the hour, outside the
// availability, an absence day, someone else's slot with alternatives — looked for beyond two
// weeks only when too few come sooner —, one's own overlapping booking, the package limit);
// cancelling by the employee until the deadline and by the specialist at any time; crisis links (reserved slots only through one, its own holder only,
// expired, used); the confidential mails with their .ics; an audit log without ids;
// deactivation; the reminder job; one's own list; and the JSON API.
import { and, asc, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import ICAL from "ical.js";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog, mailAttachment, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, isoWeekday } from "../../platform/warsaw-time.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { viewMailLog } from "../access/admin-logs.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { saveEmployee } from "../org/employees.ts";
import { centre, employee } from "../org/schema.ts";
import { seedStaff } from "../programme/enrol-test-fixtures.ts";
import {
  alternativesFor,
  bookSupport,
  isSlotTaken,
  PackageLimitError,
  type SlotTakenError,
} from "./book.ts";
import {
  atWarsaw,
  dayFromToday,
  seedAbsence,
  seedBookableSpecialist,
} from "./booking-test-fixtures.ts";
import { bookingWeek } from "./booking-week.ts";
import { CancelDeadlineError, cancelSupportBooking } from "./cancel-booking.ts";
import {
  createCrisisLink,
  crisisLinkState,
  issueCrisisLink,
  listCrisisLinks,
} from "./crisis-links.ts";
import { freeSlots } from "./free-slots.ts";
import { myBookings } from "./my-bookings.ts";
import { supportBooking, supportCrisisLink } from "./schema.ts";
import { sendSupportReminders } from "./support-jobs.ts";

const HOUR = 3_600_000;
const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};

describe.each(testDbKinds)("support booking (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let employeeActor: Actor;
  let specialistActor: Actor;
  let coordinator: Actor;
  let admin: Actor;
  /** Employees without accounts, acted for through the employee-role actor. */
  let staff: string[];
  /** The psychologist with an account (the specialist role's user). */
  let ewa: string;
  /** A coach without an account, in person too. */
  let coach: string;
  const as = (employeeId: string): Actor => ({ ...employeeActor, employeeId });
  /** A week from today: far from the one-hour lead and from the crisis horizon. */
  const D = dayFromToday(7);

  async function mailsTo(email: string) {
    const rows = await db()
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, email))
      .orderBy(asc(mailOutbox.createdAt));
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
  const emailOf = async (id: string) =>
    (await db().select().from(employee).where(eq(employee.id, id)))[0].email;
  const statusOf = async (id: string) =>
    (await db().select().from(supportBooking).where(eq(supportBooking.id, id)))[0].status;
  const icsOf = (content: string) => new ICAL.Component(ICAL.parse(content));

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    employeeActor = await actorFor(s.users.employee.userId);
    specialistActor = await actorFor(s.users.specialist.userId);
    coordinator = await actorFor(s.users.coordinator.userId);
    admin = await actorFor(s.users.administrator.userId);
    staff = await seedStaff(db(), s.centre.id, { n: 12, prefix: "WSP", unitId: s.unitA.id });
    ewa = (
      await seedBookableSpecialist(db(), s.centre.id, {
        name: "Ewa Spokojna",
        userId: s.users.specialist.userId,
      })
    ).id;
    coach = (
      await seedBookableSpecialist(db(), s.centre.id, {
        name: "Marek Coach",
        title: "coach ICF",
        kinds: ["coaching"],
        slotMinutes: 60,
        inPerson: true,
        windows: [{ start: "08:00", end: "16:00" }],
      })
    ).id;
    await seedBookableSpecialist(db(), other.centre.id, { name: "Obca Specjalistka" });
  });
  afterAll(async () => {
    await d?.drop();
  });

  it("books a specialist's slot, with confidential mails carrying the meeting as .ics", async () => {
    const startsAt = atWarsaw(D, "09:40");
    const b = await bookSupport(employeeActor, {
      kind: "consultation",
      specialistId: ewa,
      startsAt: startsAt.toISOString(),
    });
    expect(b).toMatchObject({ specialistId: ewa, kind: "consultation", mode: "online" });
    expect(b.startsAt.toISOString()).toBe(startsAt.toISOString());
    expect(b.endsAt.getTime() - b.startsAt.getTime()).toBe(50 * 60_000);
    expect(await statusOf(b.id)).toBe("booked");

    const [confirmation] = await mailsTo(s.users.employee.email);
    expect(confirmation.confidential).toBe(true);
    expect(confirmation.subject).toContain("Potwierdzenie rezerwacji: Konsultacja indywidualna");
    expect(confirmation.textBody).toContain("Ewa Spokojna");
    expect(confirmation.textBody).toContain("https://spotkania.example.pl/ewa");
    expect(confirmation.files).toHaveLength(1);
    expect(confirmation.files[0].contentType).toContain("method=REQUEST");
    const cal = icsOf(confirmation.files[0].content);
    expect(cal.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = cal.getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("uid")).toBe(`support-booking-${b.id}@przystan`);
    const start = event.getFirstPropertyValue("dtstart") as ICAL.Time;
    expect(start.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(String(event.getFirstPropertyValue("summary"))).toContain("Ewa Spokojna");

    // The specialist (with an account) is told, with the employee's name.
    const [note] = await mailsTo(s.users.specialist.email);
    expect(note.confidential).toBe(true);
    expect(note.textBody).toContain("Test employee");
    expect(note.files).toHaveLength(1);

    // The administrators' mail log shows neither who nor what, and a search finds nothing.
    const log = await viewMailLog(admin, {});
    const logged = log.rows.filter((m) => m.id === confirmation.id);
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain(s.users.employee.email);
    expect(JSON.stringify(logged)).not.toContain("Konsultacja");
    expect((await viewMailLog(admin, { q: "Potwierdzenie rezerwacji" })).rows).toEqual([]);
    // Nor its delivery error, which an SMTP server fills with the recipient's address.
    await db()
      .update(mailOutbox)
      .set({
        status: "failed",
        lastError: `550 5.1.1 <${s.users.employee.email}>: Recipient address rejected`,
      })
      .where(eq(mailOutbox.id, confirmation.id));
    const failed = (await viewMailLog(admin, {})).rows.find((m) => m.id === confirmation.id);
    expect(failed).toMatchObject({ status: "failed", lastError: null });
    expect(JSON.stringify(failed)).not.toContain(s.users.employee.email);
    // An ordinary message keeps its error: the administrator needs it to fix the delivery.
    const [plain] = await db()
      .insert(mailOutbox)
      .values({
        centreId: s.centre.id,
        kind: "test",
        toAddress: "ktos@example.pl",
        subject: "Zwykła wiadomość",
        textBody: "Treść",
        status: "failed",
        lastError: "550 5.1.1 <ktos@example.pl>: Recipient address rejected",
      })
      .returning();
    expect((await viewMailLog(admin, {})).rows.find((m) => m.id === plain.id)?.lastError).toBe(
      plain.lastError,
    );
    await db().delete(mailOutbox).where(eq(mailOutbox.id, plain.id));
    await db()
      .update(mailOutbox)
      .set({ status: confirmation.status, lastError: confirmation.lastError })
      .where(eq(mailOutbox.id, confirmation.id));
  });

  it("writes audit entries that say only that a booking changed", async () => {
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), eq(auditLog.entityType, "support_booking")));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.actorUserId).toBeNull();
      expect(r.entityId).toBeNull();
      expect(r.details).toEqual({});
      expect(r.requestId).toBeNull();
    }
  });

  it("books the first available slot of any specialist of the kind from the time asked", async () => {
    const b = await bookSupport(as(staff[0]), {
      kind: "coaching",
      startsAt: atWarsaw(D, "10:35").toISOString(),
    });
    // Ewa's 50-minute grid has 11:20 next; the coach's hourly one has 11:00 first.
    expect(b.specialistId).toBe(coach);
    expect(b.startsAt.toISOString()).toBe(atWarsaw(D, "11:00").toISOString());
    expect(b.mode).toBe("online");
  });

  it("refuses the past, the next hour, times outside availability and absence days", async () => {
    const book = (startsAt: Date, specialistId = ewa) =>
      caught(
        bookSupport(as(staff[1]), {
          kind: "consultation",
          specialistId,
          startsAt: startsAt.toISOString(),
        }),
      );
    const yesterday = dayFromToday(-1);
    expect((await book(atWarsaw(yesterday, "09:40"))).fieldErrors).toEqual({
      startsAt: "supportBook.error.past",
    });
    const soon = new Date(Date.now() + 20 * 60_000);
    expect((await book(soon)).fieldErrors.startsAt).toMatch(/supportBook\.error\.(tooSoon|past)/);
    // 07:00 is before the window; 09:10 is not on the 50-minute grid.
    expect((await book(atWarsaw(D, "07:00"))).fieldErrors.startsAt).toBe(
      "supportBook.error.notAvailable",
    );
    expect((await book(atWarsaw(D, "09:10"))).fieldErrors.startsAt).toBe(
      "supportBook.error.notAvailable",
    );
    const away = dayFromToday(9);
    await seedAbsence(db(), s.centre.id, ewa, away);
    expect((await book(atWarsaw(away, "09:40"))).fieldErrors.startsAt).toBe(
      "supportBook.error.notAvailable",
    );
    expect(
      (
        await freeSlots(db(), {
          centreId: s.centre.id,
          kind: "consultation",
          specialistId: ewa,
          from: away,
          days: 1,
        })
      ).length,
    ).toBe(0);
    // A kind the specialist does not offer, and another centre's specialist.
    expect(
      (
        await caught(
          bookSupport(as(staff[1]), {
            kind: "supervision",
            specialistId: coach,
            startsAt: atWarsaw(D, "09:00").toISOString(),
          }),
        )
      ).fieldErrors,
    ).toEqual({ specialistId: "supportBook.error.specialistKind" });
    const foreign = (
      await freeSlots(db(), { centreId: other.centre.id, kind: "consultation", from: D, days: 1 })
    )[0];
    expect(
      (
        await caught(
          bookSupport(as(staff[1]), {
            kind: "consultation",
            specialistId: foreign.specialistId,
            startsAt: foreign.startsAt.toISOString(),
          }),
        )
      ).fieldErrors,
    ).toEqual({ specialistId: "supportBook.error.specialist" });
    // Malformed input.
    const bad = await caught(bookSupport(as(staff[1]), { kind: "therapy", startsAt: "wczoraj" }));
    expect(bad.code).toBe("validation");
    expect(bad.fieldErrors).toMatchObject({
      kind: "supportBook.error.kind",
      startsAt: "supportBook.error.startsAt",
    });
    const rows = await db()
      .select()
      .from(supportBooking)
      .where(eq(supportBooking.employeeId, staff[1]));
    expect(rows).toEqual([]);
  });

  it("tells the loser of a slot it was just taken, with other free slots of the specialist", async () => {
    const startsAt = atWarsaw(D, "13:00").toISOString();
    await bookSupport(as(staff[2]), { kind: "consultation", specialistId: ewa, startsAt });
    const e = (await caught(
      bookSupport(as(staff[3]), { kind: "consultation", specialistId: ewa, startsAt }),
    )) as SlotTakenError;
    expect(isSlotTaken(e)).toBe(true);
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors).toEqual({ startsAt: "supportBook.error.slotTaken" });
    expect(e.alternatives).toHaveLength(5);
    expect(e.alternatives.every((a) => a.specialistId === ewa)).toBe(true);
    expect(e.alternatives.map((a) => a.startsAt)).not.toContain(startsAt);
    // The nearest first: 13:50 right after.
    expect(e.alternatives[0].startsAt).toBe(atWarsaw(D, "13:50").toISOString());
    expect(e.extensions).toMatchObject({ reason: "slot_taken" });
  });

  it("looks further than two weeks for alternatives only when fewer than five come sooner", async () => {
    // One slot a week: the first two weeks hold one alternative, the rest come from weeks 3–6.
    const sparse = (
      await seedBookableSpecialist(db(), s.centre.id, {
        name: "Rzadka Superwizorka",
        kinds: ["supervision"],
        windows: [{ weekday: isoWeekday(D), start: "09:00", end: "10:00" }],
      })
    ).id;
    const alternatives = await alternativesFor(as(staff[4]), {
      kind: "supervision",
      specialistId: sparse,
      after: atWarsaw(D, "09:00"),
    });
    expect(alternatives.map((a) => a.startsAt)).toEqual(
      [7, 14, 21, 28, 35].map((n) => atWarsaw(addDays(D, n), "09:00").toISOString()),
    );
  });

  it("refuses an employee's second booking at the same time, with another specialist too", async () => {
    await bookSupport(as(staff[4]), {
      kind: "coaching",
      specialistId: coach,
      startsAt: atWarsaw(D, "14:00").toISOString(),
    });
    const e = await caught(
      bookSupport(as(staff[4]), {
        kind: "consultation",
        specialistId: ewa,
        startsAt: atWarsaw(D, "13:50").toISOString(),
      }),
    );
    expect(e.fieldErrors).toEqual({ startsAt: "supportBook.error.ownOverlap" });
    // Those slots are not even offered to that person.
    const offered = await freeSlots(db(), {
      centreId: s.centre.id,
      kind: "consultation",
      specialistId: ewa,
      from: D,
      days: 1,
      employeeId: staff[4],
    });
    expect(offered.map((x) => x.startsAt.toISOString())).not.toContain(
      atWarsaw(D, "13:50").toISOString(),
    );
  });

  it("holds the package limit per kind and calendar year, counting all but cancelled ones", async () => {
    await db()
      .update(centre)
      .set({ settings: { support: { sessionsPerPerson: { coaching: 2 } } } })
      .where(eq(centre.id, s.centre.id));
    const who = as(staff[5]);
    // One day, so the sessions fall in one calendar year whenever the test runs.
    const day = dayFromToday(8);
    const book = (time: string) =>
      bookSupport(who, {
        kind: "coaching",
        specialistId: coach,
        startsAt: atWarsaw(day, time).toISOString(),
      });
    const first = await book("08:00");
    await book("09:00");
    const e = await caught(book("10:00"));
    expect(e).toBeInstanceOf(PackageLimitError);
    expect(e.fieldErrors).toEqual({ kind: "supportBook.error.package" });
    expect((e as PackageLimitError).used).toBe(2);
    expect((e as PackageLimitError).limit).toBe(2);
    // A consultation is not coaching: no limit for it.
    await bookSupport(who, {
      kind: "consultation",
      specialistId: ewa,
      startsAt: atWarsaw(day, "15:30").toISOString(),
    });
    // A cancelled session gives its place in the package back.
    await cancelSupportBooking(who, first.id);
    await book("11:00");
    await db().update(centre).set({ settings: {} }).where(eq(centre.id, s.centre.id));
  });

  it("lets the employee cancel until the deadline and the specialist any time", async () => {
    const b = await bookSupport(employeeActor, {
      kind: "consultation",
      specialistId: ewa,
      startsAt: atWarsaw(dayFromToday(3), "10:30").toISOString(),
    });
    // Nobody else may touch it: the coordinator, the administrator, another employee.
    for (const outsider of [coordinator, admin, as(staff[6])]) {
      expect((await caught(cancelSupportBooking(outsider, b.id))).code).toBe("not_found");
    }
    const before = (await mailsTo(s.users.employee.email)).length;
    expect(await cancelSupportBooking(employeeActor, b.id)).toMatchObject({ by: "employee" });
    expect(await statusOf(b.id)).toBe("cancelled");
    const mails = await mailsTo(s.users.employee.email);
    expect(mails).toHaveLength(before + 1);
    const cancel = mails.at(-1)!;
    expect(cancel.confidential).toBe(true);
    expect(cancel.subject).toContain("Rezerwacja odwołana");
    const cal = icsOf(cancel.files[0].content);
    expect(cal.getFirstPropertyValue("method")).toBe("CANCEL");
    const event = cal.getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("uid")).toBe(`support-booking-${b.id}@przystan`);
    expect(event.getFirstPropertyValue("sequence")).toBe(1);
    expect((await caught(cancelSupportBooking(employeeActor, b.id))).fieldErrors).toEqual({
      _form: "supportBook.cancel.error.status",
    });

    // A meeting in three hours: past the employee's 24-hour deadline, not the specialist's.
    const [soon] = await db()
      .insert(supportBooking)
      .values({
        centreId: s.centre.id,
        specialistId: ewa,
        employeeId: s.users.employee.employeeId,
        kind: "consultation",
        mode: "online",
        startsAt: new Date(Date.now() + 3 * HOUR),
        endsAt: new Date(Date.now() + 3 * HOUR + 50 * 60_000),
      })
      .returning();
    const late = await caught(cancelSupportBooking(employeeActor, soon.id));
    expect(late).toBeInstanceOf(CancelDeadlineError);
    expect(late.fieldErrors).toEqual({ _form: "supportBook.cancel.error.deadline" });
    expect((late as CancelDeadlineError).deadline.getTime()).toBe(
      soon.startsAt.getTime() - 24 * HOUR,
    );
    expect(await statusOf(soon.id)).toBe("booked");
    expect(await cancelSupportBooking(specialistActor, soon.id)).toMatchObject({
      by: "specialist",
    });
    const told = (await mailsTo(s.users.employee.email)).at(-1)!;
    expect(told.subject).toContain("Specjalista odwołał spotkanie");
    expect(told.files[0].content).toContain("METHOD:CANCEL");
  });

  it("keeps crisis-reserved slots for the holder of a valid crisis link", async () => {
    const tomorrow = dayFromToday(1);
    const reserved = atWarsaw(tomorrow, "18:00");
    const who = as(staff[7]);
    const plain = await freeSlots(db(), {
      centreId: s.centre.id,
      kind: "crisis",
      from: tomorrow,
      days: 1,
    });
    expect(plain.some((x) => x.crisis)).toBe(false);
    const e = await caught(
      bookSupport(who, { kind: "crisis", specialistId: ewa, startsAt: reserved.toISOString() }),
    );
    expect(e.fieldErrors).toEqual({ startsAt: "supportBook.error.notAvailable" });

    const link = await db().transaction((tx) =>
      createCrisisLink(tx, { centreId: s.centre.id, employeeId: staff[7], source: "incident" }),
    );
    expect(link.url).toMatch(/\/support\/crisis\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * HOUR);
    // Only the hash is kept.
    const [row] = await db()
      .select()
      .from(supportCrisisLink)
      .where(eq(supportCrisisLink.id, link.id));
    expect(row.tokenHash).not.toContain(link.token);
    // Somebody else cannot use it, and learns nothing from it.
    expect(await crisisLinkState(as(staff[8]), link.token)).toEqual({ state: "invalid" });
    expect(
      (
        await caught(
          bookSupport(as(staff[8]), {
            kind: "crisis",
            specialistId: ewa,
            startsAt: reserved.toISOString(),
            crisisToken: link.token,
          }),
        )
      ).fieldErrors,
    ).toEqual({ _form: "supportBook.crisis.invalid" });
    // The link opens the reserved windows for crisis support only, not for any kind of help:
    // a consultation with it is refused on the kind, and the link stays unused.
    for (const other of ["consultation", "coaching", "supervision"] as const) {
      const wrongKind = await caught(
        bookSupport(who, {
          kind: other,
          specialistId: ewa,
          startsAt: reserved.toISOString(),
          crisisToken: link.token,
        }),
      );
      expect(wrongKind.fieldErrors).toEqual({ kind: "supportBook.crisis.kindOnly" });
    }
    expect((await crisisLinkState(who, link.token)).state).toBe("valid");
    const asConsultation = await freeSlots(db(), {
      centreId: s.centre.id,
      kind: "consultation",
      from: tomorrow,
      days: 1,
      crisis: true,
    });
    expect(asConsultation.length).toBeGreaterThan(0);
    expect(asConsultation.some((x) => x.crisis)).toBe(false);
    const asCrisis = await freeSlots(db(), {
      centreId: s.centre.id,
      kind: "crisis",
      from: tomorrow,
      days: 1,
      crisis: true,
    });
    expect(asCrisis.some((x) => x.crisis)).toBe(true);
    // Its holder sees the reserved slots on the crisis page and books one.
    const week = await bookingWeek(who, { week: tomorrow }, { crisisToken: link.token });
    expect(week.kind).toBe("crisis");
    expect(week.days.flatMap((x) => x.slots).some((x) => x.crisis)).toBe(true);
    const b = await bookSupport(who, {
      kind: "crisis",
      specialistId: ewa,
      startsAt: reserved.toISOString(),
      crisisToken: link.token,
    });
    expect(b.startsAt.toISOString()).toBe(reserved.toISOString());
    const [used] = await db().select().from(supportBooking).where(eq(supportBooking.id, b.id));
    expect(used.crisisLinkId).toBe(link.id);
    // One booking per link.
    expect(await crisisLinkState(who, link.token)).toEqual({ state: "used" });
    const again = await caught(
      bookSupport(who, {
        kind: "crisis",
        specialistId: ewa,
        startsAt: atWarsaw(tomorrow, "18:50").toISOString(),
        crisisToken: link.token,
      }),
    );
    expect(again.fieldErrors).toEqual({ _form: "supportBook.crisis.used" });
    // An expired link says so.
    const old = await db().transaction((tx) =>
      createCrisisLink(tx, {
        centreId: s.centre.id,
        employeeId: staff[7],
        source: "coordinator",
        now: new Date(Date.now() - 73 * HOUR),
      }),
    );
    expect((await crisisLinkState(who, old.token)).state).toBe("expired");
    expect(await crisisLinkState(who, "nie-token")).toEqual({ state: "invalid" });
  });

  it("lets a coordinator issue a crisis link, mailed confidentially, listed without names", async () => {
    expect((await caught(issueCrisisLink(employeeActor, { employeeId: staff[9] }))).code).toBe(
      "forbidden",
    );
    expect(
      (await caught(issueCrisisLink(coordinator, { employeeId: other.users.employee.employeeId })))
        .fieldErrors,
    ).toEqual({ employeeId: "supportBook.crisis.error.employee" });
    expect((await caught(issueCrisisLink(coordinator, {}))).fieldErrors).toEqual({
      employeeId: "errors.required",
    });
    const r = await issueCrisisLink(coordinator, { employeeId: staff[9] });
    expect(r.employeeName).toContain("WSP10");
    const [mail] = await mailsTo(await emailOf(staff[9]));
    expect(mail.confidential).toBe(true);
    expect(mail.textBody).toContain(r.url);
    const list = await listCrisisLinks(coordinator);
    expect(list.total).toBeGreaterThanOrEqual(1);
    expect(list.rows[0]).toMatchObject({ state: "active", source: "coordinator" });
    // The incident's link was used for a booking in the test before; it reads as active, like
    // one nobody used, so the coordinator cannot tell that its holder booked.
    const [used] = await db()
      .select({ id: supportCrisisLink.id })
      .from(supportCrisisLink)
      .where(and(eq(supportCrisisLink.source, "incident"), isNotNull(supportCrisisLink.usedAt)));
    expect(used).toBeDefined();
    expect(list.rows.find((r) => r.id === used.id)).toMatchObject({ state: "active" });
    expect(new Set(list.rows.map((r) => r.state))).toEqual(new Set(["active", "expired"]));
    expect(JSON.stringify(list)).not.toContain(staff[9]);
    expect(Object.keys(list.rows[0]).sort()).toEqual(
      ["expiresAt", "id", "issuedAt", "source", "state"].sort(),
    );
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "support.crisisLink.created"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain(staff[9]);
    expect((await caught(listCrisisLinks(employeeActor))).code).toBe("forbidden");
  });

  it("lists the employee's own bookings only: upcoming, and past ones", async () => {
    const mine = await myBookings(employeeActor);
    expect(mine.upcoming.length).toBeGreaterThan(0);
    const ids = mine.upcoming.map((b) => b.id);
    const theirs = await db()
      .select({ id: supportBooking.id })
      .from(supportBooking)
      .where(eq(supportBooking.employeeId, staff[2]));
    for (const t of theirs) expect(ids).not.toContain(t.id);
    expect(mine.upcoming[0]).toMatchObject({ specialistName: "Ewa Spokojna", canCancel: true });
    expect(mine.past.map((b) => b.status)).toContain("cancelled");
    // An account without an employee record has nothing.
    expect((await myBookings({ ...employeeActor, employeeId: null })).upcoming).toEqual([]);
  });

  it("reminds each employee once, the day before — unless booked within that day", async () => {
    const [soon] = await db()
      .insert(supportBooking)
      .values({
        centreId: s.centre.id,
        specialistId: ewa,
        employeeId: staff[10],
        kind: "consultation",
        mode: "online",
        startsAt: new Date(Date.now() + 20 * HOUR),
        endsAt: new Date(Date.now() + 20 * HOUR + 50 * 60_000),
        // Booked three days ago: its confirmation is long past.
        createdAt: new Date(Date.now() - 72 * HOUR),
      })
      .returning();
    // Booked just now for tomorrow: the confirmation has just gone, a reminder would repeat it.
    const [lastMinute] = await db()
      .insert(supportBooking)
      .values({
        centreId: s.centre.id,
        specialistId: coach,
        employeeId: staff[10],
        kind: "coaching",
        mode: "online",
        startsAt: new Date(Date.now() + 22 * HOUR),
        endsAt: new Date(Date.now() + 23 * HOUR),
      })
      .returning();
    expect(await sendSupportReminders()).toBeGreaterThanOrEqual(1);
    expect(await sendSupportReminders()).toBe(0);
    const mails = (await mailsTo(await emailOf(staff[10]))).filter(
      (m) => m.kind === "support-reminder",
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].confidential).toBe(true);
    expect(mails[0].files[0].content).toContain("METHOD:REQUEST");
    expect(mails[0].files[0].content).toContain(`support-booking-${soon.id}@przystan`);
    const [row] = await db().select().from(supportBooking).where(eq(supportBooking.id, soon.id));
    expect(row.reminderSentAt).not.toBeNull();
    // Nor on a later tick, nearer its start.
    await sendSupportReminders(new Date(Date.now() + 12 * HOUR));
    const [late] = await db()
      .select()
      .from(supportBooking)
      .where(eq(supportBooking.id, lastMinute.id));
    expect(late.reminderSentAt).toBeNull();
    expect(
      (await mailsTo(await emailOf(staff[10]))).filter((m) => m.kind === "support-reminder"),
    ).toHaveLength(1);
  });

  it("cancels a deactivated employee's future bookings and tells the specialist", async () => {
    const leaving = staff[11];
    const future = await bookSupport(as(leaving), {
      kind: "consultation",
      specialistId: ewa,
      startsAt: atWarsaw(dayFromToday(12), "08:00").toISOString(),
    });
    const [past] = await db()
      .insert(supportBooking)
      .values({
        centreId: s.centre.id,
        specialistId: ewa,
        employeeId: leaving,
        kind: "consultation",
        mode: "online",
        startsAt: new Date(Date.now() - 48 * HOUR),
        endsAt: new Date(Date.now() - 47 * HOUR),
        status: "took_place",
      })
      .returning();
    const before = (await mailsTo(s.users.specialist.email)).length;
    const [{ lastAudit }] = await db()
      .select({ lastAudit: sql<number>`coalesce(max(${auditLog.id}), 0)::int` })
      .from(auditLog);
    await saveEmployee(admin, leaving, {
      firstName: "Anna",
      lastName: "Odchodząca",
      email: await emailOf(leaving),
      employeeNumber: "WSP-12",
      unitId: s.unitA.id,
      positionId: s.position.id,
      active: "false",
    });
    expect(await statusOf(future.id)).toBe("cancelled");
    expect(await statusOf(past.id)).toBe("took_place");
    const notes = await mailsTo(s.users.specialist.email);
    expect(notes).toHaveLength(before + 1);
    expect(notes.at(-1)!.files[0].content).toContain("METHOD:CANCEL");
    // The audit log gets the deactivation and nothing of a booking: a "booking cancelled" row
    // beside "employee deactivated" would tell the reader that this person had support booked.
    const written = await db()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), gt(auditLog.id, lastAudit)));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((a) => a.action.startsWith("support."))).toEqual([]);
    // And the person cannot book any more.
    const e = await caught(
      bookSupport(as(leaving), {
        kind: "consultation",
        specialistId: ewa,
        startsAt: atWarsaw(dayFromToday(12), "08:50").toISOString(),
      }),
    );
    expect(e.fieldErrors).toEqual({ _form: "supportBook.error.inactive" });
  });

  describe("the JSON API", () => {
    let app: ReturnType<typeof createApp>;
    const keys = { coordinator: "", administrator: "", employee: "" };
    const call = (method: string, path: string, key: string, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });

    beforeAll(async () => {
      app = createApp({ mode: "production", build: noPages });
      for (const role of ["coordinator", "administrator", "employee"] as const) {
        keys[role] = (await createApiKey(admin, { name: `Klucz ${role}`, role })).key;
      }
    });

    it("lists free slots by the booking rules, with validation messages", async () => {
      const res = await call(
        "GET",
        `/support/slots?kind=consultation&specialistId=${ewa}&from=${D}&days=1`,
        keys.employee,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { startsAt: string; crisis: boolean }[] };
      expect(body.items.length).toBeGreaterThan(0);
      // Taken slots are not offered; crisis-reserved ones never without a link.
      expect(body.items.map((i) => i.startsAt)).not.toContain(atWarsaw(D, "13:00").toISOString());
      expect(body.items.some((i) => i.crisis)).toBe(false);
      const bad = await call("GET", "/support/slots?kind=nic&days=99", keys.employee);
      expect(bad.status).toBe(422);
      const problem = (await bad.json()) as { errors: Record<string, string> };
      expect(problem.errors.kind).toBe("Wybierz rodzaj wsparcia.");
      expect(problem.errors.days).toBe("Podaj liczbę dni od 1 do 56.");
    });

    it("answers a booking of someone else with 404 and nothing of it", async () => {
      const [theirs] = await db()
        .select()
        .from(supportBooking)
        .where(and(eq(supportBooking.employeeId, staff[2]), eq(supportBooking.status, "booked")));
      for (const key of [keys.coordinator, keys.administrator, keys.employee]) {
        const res = await call("POST", `/support/bookings/${theirs.id}/cancel`, key);
        expect(res.status).toBe(404);
        // The answer is the bare 404 (its "instance" only echoes the path asked).
        const problem = (await res.json()) as Record<string, unknown>;
        expect(Object.keys(problem).sort()).toEqual(["instance", "status", "title", "type"]);
        expect(JSON.stringify(problem)).not.toMatch(/WSP|Ewa|booked|consultation/);
      }
      expect(await statusOf(theirs.id)).toBe("booked");
      // A key has no employee record: its own list is empty and it cannot book.
      const own = (await (await call("GET", "/support/bookings", keys.coordinator)).json()) as {
        upcoming: unknown[];
      };
      expect(own.upcoming).toEqual([]);
      const post = await call("POST", "/support/bookings", keys.employee, {
        kind: "consultation",
        specialistId: ewa,
        startsAt: atWarsaw(D, "15:30").toISOString(),
      });
      expect(post.status).toBe(409);
    });

    it("documents the operations in the OpenAPI document", async () => {
      const doc = (await (await app.request("/api/v1/openapi.json")).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      expect(Object.keys(doc.paths["/support/slots"])).toEqual(["get"]);
      expect(Object.keys(doc.paths["/support/bookings"]).sort()).toEqual(["get", "post"]);
      expect(doc.paths["/support/bookings/{id}/cancel"].post).toBeDefined();
    });
  });
});
