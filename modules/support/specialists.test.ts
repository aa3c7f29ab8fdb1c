// Specialists, their weekly windows, absences and contracts, and the centre's support settings,
// on a real database: who may change what, every mistake refused on its field with the data left
// as it was, overlapping windows refused in code and by the exclusion constraint, and the API.
import { and, count, eq, sql } from "drizzle-orm";
import type { ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { isExclusionViolation } from "../../platform/errors.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import { addDays, warsawDay, warsawInstant } from "../../platform/warsaw-time.ts";
import { createApp } from "../../server/app.ts";
import type { Actor } from "../access/actor.ts";
import { createApiKey } from "../access/api-keys-create.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { centre } from "../org/schema.ts";
import { absenceFields, addAbsence, removeAbsence } from "./absences.ts";
import {
  availabilityOf,
  publicWindowsOf,
  removeWindow,
  saveWindow,
  windowFields,
} from "./availability.ts";
import { contractsOf, removeContract, saveContract } from "./contracts.ts";
import { findSpecialist, specialistOfUser } from "./find-specialist.ts";
import { bookableSpecialists, listSpecialists, specialistView } from "./list-specialists.ts";
import {
  saveSpecialist,
  specialistAccounts,
  specialistFields,
  specialistFormInput,
} from "./save-specialist.ts";
import {
  supportAbsence,
  supportAvailability,
  supportBooking,
  supportContract,
  supportSpecialist,
} from "./schema.ts";
import {
  saveSupportSettings,
  supportSettings,
  supportSettingsFormInput,
  supportSettingsOf,
} from "./support-settings.ts";

const today = () => warsawDay(new Date());

function issues(schema: { safeParse: (v: unknown) => unknown }, input: unknown) {
  const r = schema.safeParse(input) as {
    success: boolean;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
  const out: Record<string, string> = {};
  for (const i of r.error?.issues ?? []) out[i.path.join(".")] ??= i.message;
  return out;
}

describe("field rules", () => {
  it("a window's end must come after its start, on a real clock time and weekday", () => {
    expect(issues(windowFields, { weekday: 1, start: "13:00", end: "09:00" })).toEqual({
      end: "errors.supportAvailEnd",
    });
    expect(issues(windowFields, { weekday: 1, start: "12:00", end: "12:00" })).toEqual({
      end: "errors.supportAvailEnd",
    });
    expect(issues(windowFields, { weekday: "8", start: "25:00", end: "" })).toEqual({
      weekday: "errors.supportAvailWeekday",
      start: "errors.time",
      end: "errors.required",
    });
    expect(
      issues(windowFields, {
        weekday: 2,
        start: "09:00",
        end: "12:00",
        validFrom: "2026-09-01",
        validTo: "2026-08-31",
      }),
    ).toEqual({ validTo: "errors.supportAvailValidTo" });
    expect(issues(windowFields, { weekday: 2, start: "9:00", end: "12:00" })).toEqual({
      start: "errors.time",
    });
  });

  it("a window without a first day starts today; minutes come from the clock", () => {
    const w = windowFields.parse({ weekday: "3", start: "08:30", end: "12:15" });
    expect(w).toMatchObject({ weekday: 3, start: 510, end: 735, validTo: null });
    expect(w.validFrom).toBe(today());
  });

  it("an absence ends on or after its first day and lasts at most a year", () => {
    expect(absenceFields.parse({ fromDate: "2026-07-01" })).toEqual({
      fromDate: "2026-07-01",
      toDate: "2026-07-01",
      reason: "holiday",
    });
    expect(issues(absenceFields, { fromDate: "2026-07-02", toDate: "2026-07-01" })).toEqual({
      toDate: "errors.supportAvailValidTo",
    });
    expect(issues(absenceFields, { fromDate: "2026-01-01", toDate: "2027-06-01" })).toEqual({
      toDate: "errors.supportAvailAbsenceLong",
    });
    expect(issues(absenceFields, { fromDate: "", reason: "vacation" })).toEqual({
      fromDate: "errors.required",
      reason: "errors.invalid",
    });
  });

  it("a specialist needs a name, a kind, a way to meet with its link or place, a sane slot", () => {
    expect(issues(specialistFields, specialistFormInput({}))).toEqual({
      name: "errors.required",
      kinds: "errors.supportSpecialistKinds",
      online: "errors.supportSpecialistMode",
    });
    expect(
      issues(
        specialistFields,
        specialistFormInput({
          name: "Anna Kowalska",
          kinds: "consultation",
          online: "on",
          inPerson: "on",
          slotMinutes: "10",
        }),
      ),
    ).toEqual({
      meetingLink: "errors.supportSpecialistLink",
      place: "errors.supportSpecialistPlace",
      slotMinutes: "errors.supportSpecialistSlot",
    });
    expect(
      issues(specialistFields, {
        name: "Anna",
        kinds: ["therapy"],
        online: true,
        meetingLink: "http://meet.example.org/a",
      }),
    ).toEqual({ kinds: "errors.invalid", meetingLink: "errors.programmeHttps" });
  });

  it("support settings default to 24 hours and six coaching sessions; saved limits replace them", () => {
    expect(supportSettingsOf({})).toEqual({
      cancelHoursBefore: 24,
      sessionsPerPerson: { coaching: 6 },
    });
    expect(supportSettingsOf({ support: { cancelHoursBefore: 0, sessionsPerPerson: {} } })).toEqual(
      { cancelHoursBefore: 0, sessionsPerPerson: {} },
    );
    expect(
      supportSettingsOf({
        support: { cancelHoursBefore: -3, sessionsPerPerson: { consultation: 4, coaching: 0 } },
      }),
    ).toEqual({ cancelHoursBefore: 24, sessionsPerPerson: { consultation: 4 } });
  });
});

const noPages = (): ServerBuild => {
  throw new Error("page requested in an API test");
};

describe.each(testDbKinds)("specialists and availability (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let specialist: Actor;
  let employee: Actor;
  let manager: Actor;
  let administrator: Actor;
  let otherCoordinator: Actor;

  const person = (over: Record<string, unknown> = {}) => ({
    name: "Anna Kowalska",
    title: "psycholożka",
    profile: "Interwencja kryzysowa, praca z obciążeniem.",
    kinds: ["consultation", "crisis"],
    online: true,
    meetingLink: "https://spotkania.example.org/anna",
    slotMinutes: 50,
    ...over,
  });

  async function counts() {
    const [[w], [a], [c], [sp]] = await Promise.all([
      db().select({ n: count() }).from(supportAvailability),
      db().select({ n: count() }).from(supportAbsence),
      db().select({ n: count() }).from(supportContract),
      db().select({ n: count() }).from(supportSpecialist),
    ]);
    return { windows: w.n, absences: a.n, contracts: c.n, specialists: sp.n };
  }

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    specialist = await actorFor(s.users.specialist.userId);
    employee = await actorFor(s.users.employee.userId);
    manager = await actorFor(s.users.manager.userId);
    administrator = await actorFor(s.users.administrator.userId);
    otherCoordinator = await actorFor(other.users.coordinator.userId);
  });
  afterAll(() => d.drop());

  describe("specialists", () => {
    it("a coordinator creates a specialist linked to a specialist account, audited", async () => {
      const id = await saveSpecialist(
        coordinator,
        null,
        person({ userId: s.users.specialist.userId }),
      );
      const row = await findSpecialist(db(), s.centre.id, id);
      expect(row).toMatchObject({
        name: "Anna Kowalska",
        kinds: ["consultation", "crisis"],
        online: true,
        inPerson: false,
        place: "",
        slotMinutes: 50,
        active: true,
        userId: s.users.specialist.userId,
      });
      expect((await specialistOfUser(db(), s.centre.id, s.users.specialist.userId))?.id).toBe(id);
      const [audit] = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "support.specialist.create")));
      expect(audit.actorUserId).toBe(coordinator.userId);
    });

    it("keeps kinds in their order and drops a link or place that no longer applies", async () => {
      const id = await saveSpecialist(
        coordinator,
        null,
        person({
          name: "Piotr Zieliński",
          kinds: ["supervision", "coaching", "coaching"],
          online: false,
          inPerson: true,
          place: "ul. Wałowa 1, pokój 12",
          meetingLink: "https://spotkania.example.org/stary",
        }),
      );
      const row = await findSpecialist(db(), s.centre.id, id);
      expect(row.kinds).toEqual(["coaching", "supervision"]);
      expect(row.meetingLink).toBe("");
      expect(row.place).toBe("ul. Wałowa 1, pokój 12");
    });

    it("refuses an account without the specialist role, or one linked to another specialist", async () => {
      const before = await counts();
      const notSpecialist = await caught(
        saveSpecialist(coordinator, null, person({ name: "X", userId: s.users.employee.userId })),
      );
      expect(notSpecialist.fieldErrors).toEqual({ userId: "errors.supportSpecialistAccount" });
      const taken = await caught(
        saveSpecialist(coordinator, null, person({ name: "Y", userId: s.users.specialist.userId })),
      );
      expect(taken.fieldErrors).toEqual({ userId: "errors.supportSpecialistAccountTaken" });
      const foreign = await caught(
        saveSpecialist(
          coordinator,
          null,
          person({ name: "Z", userId: other.users.specialist.userId }),
        ),
      );
      expect(foreign.fieldErrors).toEqual({ userId: "errors.supportSpecialistAccount" });
      expect(await counts()).toEqual(before);
    });

    it("offers the centre's specialist accounts, saying which are linked already", async () => {
      const accounts = await specialistAccounts(coordinator);
      expect(accounts.map((a) => a.email)).toContain(s.users.specialist.email);
      expect(accounts.every((a) => a.email !== other.users.specialist.email)).toBe(true);
      expect(accounts.find((a) => a.id === s.users.specialist.userId)?.specialistId).toBeTruthy();
      await expect(specialistAccounts(specialist)).rejects.toMatchObject({ code: "forbidden" });
    });

    it("only a coordinator of the centre creates or changes specialists", async () => {
      const [row] = await db()
        .select({ id: supportSpecialist.id })
        .from(supportSpecialist)
        .where(eq(supportSpecialist.centreId, s.centre.id))
        .limit(1);
      for (const a of [employee, manager, administrator, specialist]) {
        expect((await caught(saveSpecialist(a, null, person()))).code).toBe("forbidden");
      }
      expect((await caught(saveSpecialist(otherCoordinator, row.id, person()))).code).toBe(
        "not_found",
      );
      expect((await caught(saveSpecialist(coordinator, "nie-uuid", person()))).code).toBe(
        "not_found",
      );
    });

    it("lists, searches, filters, sorts and pages for the coordinator only", async () => {
      await saveSpecialist(
        coordinator,
        null,
        person({
          name: "Ewa Łukasiewicz",
          provider: "Fundacja Wsparcia",
          kinds: ["coaching"],
          slotMinutes: 90,
          active: false,
        }),
      );
      const all = await listSpecialists(coordinator, {});
      expect(all.rows.map((r) => r.name)).toEqual([
        "Anna Kowalska",
        "Ewa Łukasiewicz",
        "Piotr Zieliński",
      ]);
      const found = await listSpecialists(coordinator, { q: "fundacja" });
      expect(found.rows.map((r) => r.name)).toEqual(["Ewa Łukasiewicz"]);
      const coaches = await listSpecialists(coordinator, { kind: "coaching", status: "active" });
      expect(coaches.rows.map((r) => r.name)).toEqual(["Piotr Zieliński"]);
      const bySlot = await listSpecialists(coordinator, { sort: "slot", dir: "desc" });
      expect(bySlot.rows[0].name).toBe("Ewa Łukasiewicz");
      const paged = await listSpecialists(coordinator, { pageSize: 2, page: 2 });
      expect(paged.total).toBe(3);
      expect(paged.rows.map((r) => r.name)).toEqual(["Piotr Zieliński"]);
      expect(all.rows.find((r) => r.name === "Anna Kowalska")?.accountName).toBe("Test specialist");
      for (const a of [employee, manager, administrator, specialist]) {
        await expect(listSpecialists(a, {})).rejects.toMatchObject({ code: "forbidden" });
      }
      expect((await listSpecialists(otherCoordinator, {})).total).toBe(0);
    });

    it("employees see active specialists' profiles, never an account, link or contract", async () => {
      const list = await bookableSpecialists(employee);
      expect(list.map((x) => x.name)).toEqual(["Anna Kowalska", "Piotr Zieliński"]);
      expect(Object.keys(list[0]).sort()).toEqual(
        [
          "id",
          "inPerson",
          "kinds",
          "name",
          "online",
          "place",
          "profile",
          "provider",
          "slotMinutes",
          "title",
        ].sort(),
      );
      const crisis = await bookableSpecialists(employee, { kind: "crisis" });
      expect(crisis.map((x) => x.name)).toEqual(["Anna Kowalska"]);
      const anna = list[0];
      const seen = await specialistView(employee, anna.id);
      expect(seen.full).toBe(false);
      expect(seen.specialist).not.toHaveProperty("meetingLink");
      expect((await specialistView(specialist, anna.id)).full).toBe(true);
      expect((await specialistView(coordinator, anna.id)).full).toBe(true);
      const [inactive] = await db()
        .select({ id: supportSpecialist.id })
        .from(supportSpecialist)
        .where(eq(supportSpecialist.name, "Ewa Łukasiewicz"));
      expect((await caught(specialistView(employee, inactive.id))).code).toBe("not_found");
      expect((await caught(specialistView(otherCoordinator, anna.id))).code).toBe("not_found");
    });
  });

  describe("weekly windows", () => {
    let anna: string;
    let piotr: string;

    beforeAll(async () => {
      const rows = await db()
        .select({ id: supportSpecialist.id, name: supportSpecialist.name })
        .from(supportSpecialist)
        .where(eq(supportSpecialist.centreId, s.centre.id));
      anna = rows.find((r) => r.name === "Anna Kowalska")!.id;
      piotr = rows.find((r) => r.name === "Piotr Zieliński")!.id;
    });

    it("a coordinator adds windows; windows that only touch, or differ in weekday or validity, are fine", async () => {
      await saveWindow(coordinator, anna, null, { weekday: 1, start: "09:00", end: "12:00" });
      await saveWindow(coordinator, anna, null, { weekday: 1, start: "12:00", end: "14:00" });
      await saveWindow(coordinator, anna, null, { weekday: 2, start: "09:00", end: "12:00" });
      await saveWindow(coordinator, anna, null, {
        weekday: 3,
        start: "09:00",
        end: "12:00",
        validFrom: "2030-01-01",
        validTo: "2030-06-30",
      });
      await saveWindow(coordinator, anna, null, {
        weekday: 3,
        start: "10:00",
        end: "13:00",
        validFrom: "2030-07-01",
        crisisReserved: "on",
      });
      const a = await availabilityOf(coordinator, anna);
      expect(
        a.windows.map((w) => `${w.weekday} ${w.startMinute}-${w.endMinute} ${w.crisisReserved}`),
      ).toEqual([
        "1 540-720 false",
        "1 720-840 false",
        "2 540-720 false",
        "3 540-720 false",
        "3 600-780 true",
      ]);
    });

    it("refuses a window overlapping another, next to its start and naming the other, data unchanged", async () => {
      const before = await counts();
      const err = await caught(
        saveWindow(coordinator, anna, null, { weekday: 1, start: "11:00", end: "13:00" }),
      );
      expect(err.code).toBe("validation");
      expect(err.fieldErrors).toEqual({ start: "errors.supportAvailOverlap" });
      expect(err.extensions.overlapsWith).toMatchObject({
        weekday: 1,
        start: "09:00",
        end: "12:00",
        validTo: null,
      });
      // An open-ended window overlaps one that starts years later.
      const later = await caught(
        saveWindow(coordinator, anna, null, {
          weekday: 3,
          start: "11:00",
          end: "12:00",
          validFrom: "2031-01-01",
        }),
      );
      expect(later.extensions.overlapsWith).toMatchObject({ start: "10:00", end: "13:00" });
      expect(await counts()).toEqual(before);
    });

    it("refuses a window shorter than one meeting, and an end before the start", async () => {
      const short = await caught(
        saveWindow(coordinator, anna, null, { weekday: 5, start: "09:00", end: "09:30" }),
      );
      expect(short.fieldErrors).toEqual({ end: "errors.supportAvailShort" });
      expect(short.extensions.slotMinutes).toBe(50);
      const backwards = await caught(
        saveWindow(coordinator, anna, null, { weekday: 5, start: "13:00", end: "09:00" }),
      );
      expect(backwards.fieldErrors).toEqual({ end: "errors.supportAvailEnd" });
    });

    it("the database refuses an overlapping window written past the check (23P01)", async () => {
      const insert = db().insert(supportAvailability).values({
        centreId: s.centre.id,
        specialistId: anna,
        weekday: 2,
        startMinute: 600,
        endMinute: 660,
        validFrom: today(),
      });
      const err = await insert.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isExclusionViolation(err, "support_availability_no_overlap")).toBe(true);
    });

    it("two overlapping windows sent at once: one is kept, the other refused with the message", async () => {
      const results = await Promise.allSettled([
        saveWindow(coordinator, anna, null, { weekday: 6, start: "09:00", end: "11:00" }),
        saveWindow(coordinator, anna, null, { weekday: 6, start: "10:00", end: "12:00" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason.fieldErrors).toEqual({ start: "errors.supportAvailOverlap" });
      expect(refused.reason.extensions.overlapsWith.weekday).toBe(6);
      const [{ n }] = await db()
        .select({ n: count() })
        .from(supportAvailability)
        .where(and(eq(supportAvailability.specialistId, anna), eq(supportAvailability.weekday, 6)));
      expect(n).toBe(1);
    });

    it("changes a window (it never overlaps itself) and removes one", async () => {
      const a = await availabilityOf(coordinator, anna);
      const monday = a.windows.find((w) => w.weekday === 1 && w.startMinute === 540)!;
      await saveWindow(coordinator, anna, monday.id, { weekday: 1, start: "08:00", end: "11:00" });
      const clash = await caught(
        saveWindow(coordinator, anna, monday.id, { weekday: 1, start: "08:00", end: "12:30" }),
      );
      expect(clash.extensions.overlapsWith).toMatchObject({ start: "12:00", end: "14:00" });
      const saturday = a.windows.find((w) => w.weekday === 6)!;
      await removeWindow(coordinator, anna, saturday.id);
      const after = await availabilityOf(coordinator, anna);
      expect(after.windows.find((w) => w.id === monday.id)).toMatchObject({
        startMinute: 480,
        endMinute: 660,
      });
      expect(after.windows.some((w) => w.id === saturday.id)).toBe(false);
      expect((await caught(removeWindow(coordinator, anna, saturday.id))).code).toBe("not_found");
      // A window of another specialist is not found through this one.
      const piotrWindow = await saveWindow(coordinator, piotr, null, {
        weekday: 4,
        start: "14:00",
        end: "18:00",
      });
      expect((await caught(removeWindow(coordinator, anna, piotrWindow))).code).toBe("not_found");
      expect(
        (
          await caught(
            saveWindow(coordinator, anna, piotrWindow, {
              weekday: 4,
              start: "14:00",
              end: "18:00",
            }),
          )
        ).code,
      ).toBe("not_found");
    });

    it("a specialist changes their own windows only; others may not touch them", async () => {
      const own = await saveWindow(specialist, anna, null, {
        weekday: 4,
        start: "15:00",
        end: "17:00",
      });
      expect((await availabilityOf(specialist, anna)).windows.some((w) => w.id === own)).toBe(true);
      await removeWindow(specialist, anna, own);
      const before = await counts();
      const window = { weekday: 5, start: "09:00", end: "12:00" };
      expect((await caught(saveWindow(specialist, piotr, null, window))).code).toBe("not_found");
      expect((await caught(availabilityOf(specialist, piotr))).code).toBe("not_found");
      for (const a of [employee, manager, administrator]) {
        expect((await caught(saveWindow(a, anna, null, window))).code).toBe("forbidden");
        expect((await caught(availabilityOf(a, anna))).code).toBe("forbidden");
      }
      expect((await caught(saveWindow(otherCoordinator, anna, null, window))).code).toBe(
        "not_found",
      );
      const piotrWindow = (await availabilityOf(coordinator, piotr)).windows[0];
      expect((await caught(removeWindow(specialist, piotr, piotrWindow.id))).code).toBe(
        "not_found",
      );
      expect(await counts()).toEqual(before);
    });

    it("employees see the bookable windows in force, never the crisis-reserved ones", async () => {
      await saveWindow(coordinator, piotr, null, {
        weekday: 5,
        start: "09:00",
        end: "12:00",
        validFrom: "2020-01-01",
        validTo: "2020-12-31",
      });
      const seen = await publicWindowsOf(employee, anna);
      expect(seen.every((w) => !w.crisisReserved)).toBe(true);
      expect(seen.length).toBe((await availabilityOf(coordinator, anna)).windows.length - 1);
      const p = await availabilityOf(coordinator, piotr);
      expect(p.pastWindows.map((w) => w.validTo)).toEqual(["2020-12-31"]);
      expect((await publicWindowsOf(employee, piotr)).map((w) => w.weekday)).toEqual([4]);
    });
  });

  describe("absences", () => {
    let anna: string;
    beforeAll(async () => {
      anna = (await specialistOfUser(db(), s.centre.id, s.users.specialist.userId))!.id;
    });

    it("adds an absence and says how many meetings are still booked on those days", async () => {
      const day = addDays(today(), 10);
      await db()
        .insert(supportBooking)
        .values([
          {
            centreId: s.centre.id,
            specialistId: anna,
            employeeId: s.users.employee.employeeId,
            kind: "consultation",
            mode: "online",
            startsAt: warsawInstant(day, "09:00")!,
            endsAt: warsawInstant(day, "09:50")!,
          },
          {
            centreId: s.centre.id,
            specialistId: anna,
            employeeId: s.users.manager.employeeId,
            kind: "consultation",
            mode: "online",
            status: "cancelled",
            startsAt: warsawInstant(day, "11:00")!,
            endsAt: warsawInstant(day, "11:50")!,
          },
        ]);
      const r = await addAbsence(specialist, anna, {
        fromDate: day,
        toDate: addDays(day, 2),
        reason: "sick",
      });
      expect(r.bookedMeetings).toBe(1);
      const a = await availabilityOf(specialist, anna);
      expect(a.absences.map((x) => [x.fromDate, x.toDate, x.reason])).toEqual([
        [day, addDays(day, 2), "sick"],
      ]);
      const [audit] = await db().select().from(auditLog).where(eq(auditLog.entityId, r.id));
      expect(audit.action).toBe("support.absence.create");
      expect(JSON.stringify(audit.details)).not.toContain("sick");
    });

    it("refuses an absence overlapping another, next to its first day", async () => {
      const before = await counts();
      const day = addDays(today(), 11);
      const err = await caught(addAbsence(coordinator, anna, { fromDate: day }));
      expect(err.fieldErrors).toEqual({ fromDate: "errors.supportAvailAbsenceOverlap" });
      expect(err.extensions.overlapsWith).toMatchObject({ fromDate: addDays(today(), 10) });
      expect(await counts()).toEqual(before);
    });

    it("removes an absence; others' absences are out of reach", async () => {
      const r = await addAbsence(coordinator, anna, { fromDate: addDays(today(), 30) });
      expect(r.bookedMeetings).toBe(0);
      for (const a of [employee, manager]) {
        expect((await caught(removeAbsence(a, anna, r.id))).code).toBe("forbidden");
      }
      expect((await caught(removeAbsence(otherCoordinator, anna, r.id))).code).toBe("not_found");
      await removeAbsence(specialist, anna, r.id);
      expect((await caught(removeAbsence(specialist, anna, r.id))).code).toBe("not_found");
    });
  });

  describe("contracts", () => {
    let anna: string;
    beforeAll(async () => {
      anna = (await specialistOfUser(db(), s.centre.id, s.users.specialist.userId))!.id;
    });

    it("counts hours used from meetings that took place or were missed within the period", async () => {
      const base = { centreId: s.centre.id, specialistId: anna, kind: "consultation" as const };
      const at = (day: string, time: string) => warsawInstant(day, time)!;
      await db()
        .insert(supportBooking)
        .values([
          {
            ...base,
            employeeId: s.users.employee.employeeId,
            mode: "online",
            status: "took_place",
            startsAt: at("2025-06-02", "09:00"),
            endsAt: at("2025-06-02", "10:00"),
          },
          {
            ...base,
            employeeId: s.users.manager.employeeId,
            mode: "online",
            status: "no_show",
            startsAt: at("2025-06-30", "23:00"),
            endsAt: at("2025-06-30", "23:30"),
          },
          {
            ...base,
            employeeId: s.users.dpo.employeeId,
            mode: "online",
            status: "cancelled",
            startsAt: at("2025-06-03", "09:00"),
            endsAt: at("2025-06-03", "10:00"),
          },
          {
            ...base,
            employeeId: s.users.dpo.employeeId,
            mode: "online",
            status: "took_place",
            startsAt: at("2025-07-01", "00:30"),
            endsAt: at("2025-07-01", "01:30"),
          },
        ]);
      const id = await saveContract(coordinator, anna, null, {
        periodStart: "2025-06-01",
        periodEnd: "2025-06-30",
        hours: "40",
      });
      const list = await contractsOf(coordinator, anna);
      expect(list.map((c) => [c.id, c.hours, c.usedMinutes])).toEqual([[id, 40, 90]]);
    });

    it("refuses overlapping periods, an end before the start and hours out of range", async () => {
      const before = await counts();
      const overlap = await caught(
        saveContract(coordinator, anna, null, {
          periodStart: "2025-06-15",
          periodEnd: "2025-12-31",
          hours: 10,
        }),
      );
      expect(overlap.fieldErrors).toEqual({ periodStart: "errors.supportAvailContractOverlap" });
      const bad = await caught(
        saveContract(coordinator, anna, null, {
          periodStart: "2025-12-31",
          periodEnd: "2025-07-01",
          hours: "0",
        }),
      );
      expect(bad.fieldErrors).toEqual({
        periodEnd: "errors.supportAvailValidTo",
        hours: "errors.supportAvailContractHours",
      });
      expect(await counts()).toEqual(before);
    });

    it("only the coordinator keeps contracts; a change and a removal are audited", async () => {
      const [c] = await contractsOf(coordinator, anna);
      for (const a of [specialist, employee, manager, administrator]) {
        expect((await caught(contractsOf(a, anna))).code).toBe("forbidden");
        expect((await caught(removeContract(a, anna, c.id))).code).toBe("forbidden");
      }
      expect((await caught(contractsOf(otherCoordinator, anna))).code).toBe("not_found");
      await saveContract(coordinator, anna, c.id, {
        periodStart: "2025-06-01",
        periodEnd: "2025-12-31",
        hours: 120,
      });
      expect((await contractsOf(coordinator, anna))[0]).toMatchObject({
        hours: 120,
        usedMinutes: 150,
      });
      await removeContract(coordinator, anna, c.id);
      expect(await contractsOf(coordinator, anna)).toEqual([]);
      const actions = await db()
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityId, c.id));
      expect(actions.map((a) => a.action).sort()).toEqual([
        "support.contract.create",
        "support.contract.delete",
        "support.contract.update",
      ]);
    });
  });

  describe("support settings", () => {
    it("start from the defaults, save what the coordinator sets, keep other settings", async () => {
      await db()
        .update(centre)
        .set({ settings: sql`jsonb_set(${centre.settings}, '{projectLine}', '"Projekt UE"')` })
        .where(eq(centre.id, s.centre.id));
      expect(await supportSettings(db(), s.centre.id)).toEqual({
        cancelHoursBefore: 24,
        sessionsPerPerson: { coaching: 6 },
      });
      await saveSupportSettings(
        coordinator,
        supportSettingsFormInput({
          cancelHoursBefore: "48",
          "sessionsPerPerson.coaching": "",
          "sessionsPerPerson.consultation": "8",
        }),
      );
      expect(await supportSettings(db(), s.centre.id)).toEqual({
        cancelHoursBefore: 48,
        sessionsPerPerson: { consultation: 8 },
      });
      const [c] = await db().select().from(centre).where(eq(centre.id, s.centre.id));
      expect(c.settings.projectLine).toBe("Projekt UE");
      expect(await supportSettings(db(), other.centre.id)).toEqual({
        cancelHoursBefore: 24,
        sessionsPerPerson: { coaching: 6 },
      });
    });

    it("refuses bad numbers on their fields and leaves the settings as they were", async () => {
      const err = await caught(
        saveSupportSettings(
          coordinator,
          supportSettingsFormInput({
            cancelHoursBefore: "-1",
            "sessionsPerPerson.coaching": "sześć",
            "sessionsPerPerson.crisis": "0",
          }),
        ),
      );
      expect(err.fieldErrors).toEqual({
        cancelHoursBefore: "errors.supportSettingsCancelHours",
        "sessionsPerPerson.coaching": "errors.supportSettingsLimit",
        "sessionsPerPerson.crisis": "errors.supportSettingsLimit",
      });
      expect((await supportSettings(db(), s.centre.id)).cancelHoursBefore).toBe(48);
      for (const a of [administrator, manager, specialist, employee]) {
        expect((await caught(saveSupportSettings(a, {}))).code).toBe("forbidden");
      }
    });
  });

  describe("/api/v1", () => {
    let app: ReturnType<typeof createApp>;
    const keys = { coordinator: "", employee: "", other: "" };
    const call = (method: string, path: string, key: string, body?: unknown) =>
      app.request(`/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    type Json = Record<string, unknown>;

    beforeAll(async () => {
      app = createApp({ mode: "production", build: noPages });
      const admin = await actorFor(s.users.administrator.userId);
      keys.coordinator = (
        await createApiKey(admin, { name: "Koordynacja", role: "coordinator" })
      ).key;
      keys.employee = (await createApiKey(admin, { name: "Pracownik", role: "employee" })).key;
      const otherAdmin = await actorFor(other.users.administrator.userId);
      keys.other = (await createApiKey(otherAdmin, { name: "Obcy", role: "coordinator" })).key;
    });

    it("describes the operations in the OpenAPI document", async () => {
      const doc = (await (await app.request("/api/v1/openapi.json")).json()) as Json;
      const paths = doc.paths as Record<string, Record<string, { "x-permission"?: string }>>;
      const ops = Object.entries(paths).flatMap(([p, m]) =>
        Object.entries(m).map(([method, o]) => `${method.toUpperCase()} ${p} ${o["x-permission"]}`),
      );
      expect(ops).toEqual(
        expect.arrayContaining([
          "GET /support/specialists support.book",
          "GET /support/specialists/{id} support.book",
          "POST /support/specialists support.manage",
          "PATCH /support/specialists/{id} support.manage",
          "GET /support/specialists/{id}/availability support.book",
          "POST /support/specialists/{id}/availability support.manage",
          "PATCH /support/specialists/{id}/availability/{windowId} support.manage",
          "POST /support/specialists/{id}/availability/{windowId}/delete support.manage",
          "POST /support/specialists/{id}/absences support.manage",
          "POST /support/specialists/{id}/absences/{absenceId}/delete support.manage",
        ]),
      );
    });

    it("a coordinator creates a specialist and windows; an overlap is 422 on start naming the other", async () => {
      const created = await call("POST", "/support/specialists", keys.coordinator, {
        name: "Marta Nowicka",
        kinds: ["coaching"],
        inPerson: true,
        place: "Sala 3",
        slotMinutes: 60,
      });
      expect(created.status).toBe(201);
      const sp = (await created.json()) as Json;
      expect(sp).toMatchObject({ name: "Marta Nowicka", active: true, online: false });
      const w = await call("POST", `/support/specialists/${sp.id}/availability`, keys.coordinator, {
        weekday: 2,
        start: "10:00",
        end: "14:00",
        crisisReserved: true,
      });
      expect(w.status).toBe(201);
      const window = (await w.json()) as Json;
      expect(window).toMatchObject({ weekday: 2, start: "10:00", end: "14:00", validTo: null });
      const clash = await call(
        "POST",
        `/support/specialists/${sp.id}/availability`,
        keys.coordinator,
        { weekday: 2, start: "13:00", end: "15:00" },
      );
      expect(clash.status).toBe(422);
      const problem = (await clash.json()) as Json;
      expect((problem.errors as Json).start).toMatch(/nakłada się/);
      expect(problem.overlapsWith).toMatchObject({ id: window.id, start: "10:00" });
      const patched = await call(
        "PATCH",
        `/support/specialists/${sp.id}/availability/${window.id}`,
        keys.coordinator,
        { end: "16:00", crisisReserved: false },
      );
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ start: "10:00", end: "16:00" });
      const renamed = await call("PATCH", `/support/specialists/${sp.id}`, keys.coordinator, {
        title: "coach ICF",
      });
      expect(await renamed.json()).toMatchObject({ title: "coach ICF", place: "Sala 3" });
      const absence = await call(
        "POST",
        `/support/specialists/${sp.id}/absences`,
        keys.coordinator,
        {
          fromDate: addDays(today(), 3),
          reason: "holiday",
        },
      );
      expect(absence.status).toBe(201);
      const full = (await (
        await call("GET", `/support/specialists/${sp.id}/availability`, keys.coordinator)
      ).json()) as Json;
      expect(full.windows).toHaveLength(1);
      expect(full.absences).toHaveLength(1);
      const gone = await call(
        "POST",
        `/support/specialists/${sp.id}/availability/${window.id}/delete`,
        keys.coordinator,
      );
      expect(await gone.json()).toEqual({ id: window.id, deleted: true });
    });

    it("an employee key sees public profiles and bookable windows only, and changes nothing", async () => {
      const list = (await (await call("GET", "/support/specialists", keys.employee)).json()) as {
        items: Json[];
      };
      expect(list.items.length).toBeGreaterThan(0);
      for (const item of list.items) {
        expect(item).not.toHaveProperty("accountName");
        expect(item).not.toHaveProperty("meetingLink");
        expect(item).not.toHaveProperty("active");
      }
      const anna = list.items.find((i) => i.name === "Anna Kowalska")!;
      const one = (await (
        await call("GET", `/support/specialists/${anna.id}`, keys.employee)
      ).json()) as Json;
      expect(one).not.toHaveProperty("meetingLink");
      const avail = (await (
        await call("GET", `/support/specialists/${anna.id}/availability`, keys.employee)
      ).json()) as { windows: Json[]; absences?: unknown };
      expect(avail.absences).toBeUndefined();
      expect(avail.windows.every((w) => w.crisisReserved === false)).toBe(true);
      const add = await call(
        "POST",
        `/support/specialists/${anna.id}/availability`,
        keys.employee,
        {
          weekday: 7,
          start: "10:00",
          end: "12:00",
        },
      );
      expect(add.status).toBe(403);
      const create = await call("POST", "/support/specialists", keys.employee, {
        name: "X",
        kinds: ["consultation"],
        online: true,
        meetingLink: "https://x.example.org",
      });
      expect(create.status).toBe(403);
    });

    it("another centre's key finds nothing", async () => {
      const [row] = await db()
        .select({ id: supportSpecialist.id })
        .from(supportSpecialist)
        .where(eq(supportSpecialist.centreId, s.centre.id))
        .limit(1);
      expect((await call("GET", `/support/specialists/${row.id}`, keys.other)).status).toBe(404);
      expect(
        (await call("GET", `/support/specialists/${row.id}/availability`, keys.other)).status,
      ).toBe(404);
      const list = (await (await call("GET", "/support/specialists", keys.other)).json()) as Json;
      expect(list.total).toBe(0);
    });
  });
});
