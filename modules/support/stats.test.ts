// Support in numbers, on PGlite and PostgreSQL: counts per month (Warsaw months), kind and
// specialist, split by how the meetings ended; hours used against each contract in its own
// period; the period's validation and its widening to whole months; the CSV and XLSX exports.
// Pure helpers first.
import * as XLSX from "@e965/xlsx";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { lastDayOfMonth, monthsBetween, statsPeriod } from "../../platform/month-period.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { decodeText } from "../../platform/spreadsheet.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { seedBooking, seedContract, seedSpecialist } from "./booking-test-fixtures.ts";
import { hoursText } from "./calendar-shared.ts";
import { supportSpecialist } from "./schema.ts";
import {
  addToCounts,
  exportSupportStats,
  type OutcomeCounts,
  supportStats,
} from "./support-stats.ts";

describe("support stats helpers", () => {
  it("lists the months of a period, across a year's end", () => {
    expect(monthsBetween("2025-11-15", "2026-02-01")).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(monthsBetween("2026-03-01", "2026-03-31")).toEqual(["2026-03"]);
  });

  it("knows the last day of a month, leap years included", () => {
    expect(lastDayOfMonth("2026-02")).toBe("2026-02-28");
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(lastDayOfMonth("2026-04")).toBe("2026-04-30");
    expect(lastDayOfMonth("2026-12")).toBe("2026-12-31");
  });

  it("adds bookings to their bucket; only took place and no-show use hours", () => {
    const c: OutcomeCounts = {
      tookPlace: 0,
      noShow: 0,
      unmarked: 0,
      upcoming: 0,
      cancelled: 0,
      all: 0,
      minutesUsed: 0,
    };
    addToCounts(c, "took_place", 2, 100);
    addToCounts(c, "no_show", 1, 50);
    addToCounts(c, "cancelled", 3, 150);
    addToCounts(c, "upcoming", 1, 50);
    addToCounts(c, "unmarked", 1, 50);
    expect(c).toEqual({
      tookPlace: 2,
      noShow: 1,
      unmarked: 1,
      upcoming: 1,
      cancelled: 3,
      all: 8,
      minutesUsed: 150,
    });
  });

  it("reads the period: the current year by default, refusals next to their field", async () => {
    const now = new Date("2026-12-31T23:30:00Z"); // already 2027 in Warsaw
    expect(statsPeriod({}, now)).toEqual({ from: "2027-01-01", to: "2027-12-31" });
    expect(statsPeriod({ from: "2026-02-01", to: "2026-02-28" }, now)).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    const fields = async (q: unknown) =>
      (await caught(Promise.resolve().then(() => statsPeriod(q, now)))).fieldErrors;
    expect(await fields({ from: "2026-02-30", to: "2026-03-01" })).toEqual({
      from: "errors.date",
    });
    expect(await fields({ from: "2026-03-01", to: "1.03.2026" })).toEqual({ to: "errors.date" });
    expect(await fields({ from: "2026-03-02", to: "2026-03-01" })).toEqual({
      to: "errors.periodOrder",
    });
    expect(await fields({ from: "2020-01-01", to: "2025-01-31" })).toEqual({
      to: "errors.periodTooLong",
    });
    expect(statsPeriod({ from: "2020-01-01", to: "2024-12-31" }, now).to).toBe("2024-12-31");
    expect(await fields({ from: "2026-13", to: "2026-1" })).toEqual({
      from: "errors.date",
      to: "errors.date",
    });
  });

  it("widens any period to whole months, so no count covers a single day", async () => {
    const now = new Date("2026-06-15T10:00:00Z");
    // One day asked: its whole month is counted.
    expect(statsPeriod({ from: "2026-02-14", to: "2026-02-14" }, now)).toEqual({
      from: "2026-02-01",
      to: "2026-02-28",
    });
    expect(statsPeriod({ from: "2028-02-29", to: "2028-02-29" }, now)).toEqual({
      from: "2028-02-01",
      to: "2028-02-29",
    });
    expect(statsPeriod({ from: "2025-11-30", to: "2026-01-02" }, now)).toEqual({
      from: "2025-11-01",
      to: "2026-01-31",
    });
    // Months as such (the API), and one of each.
    expect(statsPeriod({ from: "2026-04", to: "2026-04" }, now)).toEqual({
      from: "2026-04-01",
      to: "2026-04-30",
    });
    expect(statsPeriod({ from: "2026-03", to: "2026-05-10" }, now)).toEqual({
      from: "2026-03-01",
      to: "2026-05-31",
    });
    // A month as the end stands for its last day, so it does not end before a day of it.
    expect(statsPeriod({ from: "2026-04-20", to: "2026-04" }, now)).toEqual({
      from: "2026-04-01",
      to: "2026-04-30",
    });
    // Within one month, an end typed before the start is still a mistake worth saying.
    const fields = async (q: unknown) =>
      (await caught(Promise.resolve().then(() => statsPeriod(q, now)))).fieldErrors;
    expect(await fields({ from: "2026-04-20", to: "2026-04-10" })).toEqual({
      to: "errors.periodOrder",
    });
    // Sixty whole months are the most; a sixty-first is refused even if only a day of it is asked.
    expect(statsPeriod({ from: "2021-01-31", to: "2025-12-01" }, now)).toEqual({
      from: "2021-01-01",
      to: "2025-12-31",
    });
    expect(await fields({ from: "2021-01-31", to: "2026-01-01" })).toEqual({
      to: "errors.periodTooLong",
    });
  });

  it("writes hours with one decimal in the reader's language", () => {
    expect(hoursText(150, "pl")).toBe("2,5");
    expect(hoursText(150, "en")).toBe("2.5");
    expect(hoursText(120, "pl")).toBe("2");
  });
});

describe.each(testDbKinds)("support stats (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let management: Actor;
  let psychologist: string;
  let coach: string;
  const now = new Date("2026-03-20T10:00:00Z");
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    coordinator = await actorFor(s.users.coordinator.userId);
    management = await actorFor(s.users.management.userId);
    psychologist = (await seedSpecialist(db(), s.centre.id, { userId: s.users.specialist.userId }))
      .id;
    coach = (
      await seedSpecialist(db(), s.centre.id, {
        name: "Coaching Polska — Marek Zmiana",
        provider: "Coaching Polska",
        kinds: ["coaching"],
      })
    ).id;
    // An inactive specialist without bookings is left out; one with bookings would stay.
    await db()
      .insert(supportSpecialist)
      .values({ centreId: s.centre.id, name: "Dawna Specjalistka", active: false, kinds: [] });
    const people = [s.users.employee.employeeId, s.employeeInUnitB.id, s.users.manager.employeeId];
    const b = (
      specialistId: string,
      employeeId: string,
      startsAt: string,
      o: Partial<Parameters<typeof seedBooking>[1]> = {},
    ) =>
      seedBooking(db(), {
        centreId: s.centre.id,
        specialistId,
        employeeId,
        startsAt: at(startsAt),
        ...o,
      });
    // February: two took place (50 min), one no-show, one cancelled.
    await b(psychologist, people[0], "2026-02-02T08:00:00Z", { status: "took_place" });
    await b(psychologist, people[1], "2026-02-09T08:00:00Z", { status: "took_place" });
    await b(psychologist, people[2], "2026-02-16T08:00:00Z", { status: "no_show" });
    await b(psychologist, people[0], "2026-02-23T08:00:00Z", { status: "cancelled" });
    // 31.03 22:30 UTC is already 1 April in Warsaw: an April booking.
    await b(coach, people[1], "2026-03-31T22:30:00Z", {
      kind: "coaching",
      minutes: 60,
      status: "booked",
    });
    // March: one started and unmarked, one upcoming crisis meeting.
    await b(psychologist, people[2], "2026-03-19T09:00:00Z");
    await b(psychologist, people[0], "2026-03-25T09:00:00Z", { kind: "crisis" });
    // Outside the period asked for, but inside the coach's contract: counts for the contract.
    await b(coach, people[0], "2025-12-15T10:00:00Z", {
      kind: "coaching",
      minutes: 90,
      status: "took_place",
    });
    await seedContract(db(), {
      centreId: s.centre.id,
      specialistId: coach,
      from: "2025-12-01",
      to: "2026-05-31",
      hours: 10,
    });
    await seedContract(db(), {
      centreId: s.centre.id,
      specialistId: psychologist,
      from: "2026-01-01",
      to: "2026-12-31",
      hours: 40,
    });
    // A contract that ended before the period is not listed.
    await seedContract(db(), {
      centreId: s.centre.id,
      specialistId: psychologist,
      from: "2025-01-01",
      to: "2025-12-31",
      hours: 20,
    });
    // Another centre's bookings never count here.
    const theirs = await seedSpecialist(db(), other.centre.id, { name: "Obca" });
    await seedBooking(db(), {
      centreId: other.centre.id,
      specialistId: theirs.id,
      employeeId: other.users.employee.employeeId,
      startsAt: at("2026-02-10T08:00:00Z"),
      status: "took_place",
    });
  });
  afterAll(() => d.drop());

  const period = { from: "2026-01-01", to: "2026-04-30" };

  it("counts per month in Warsaw time, split by outcome", async () => {
    const st = await supportStats(coordinator, period, now);
    expect(st.byMonth.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    const [jan, feb, mar, apr] = st.byMonth;
    expect(jan.all).toBe(0);
    expect(feb).toMatchObject({ tookPlace: 2, noShow: 1, cancelled: 1, all: 4, minutesUsed: 150 });
    expect(mar).toMatchObject({ unmarked: 1, upcoming: 1, all: 2, minutesUsed: 0 });
    expect(apr).toMatchObject({ upcoming: 1, all: 1 });
    expect(st.totals).toEqual({
      tookPlace: 2,
      noShow: 1,
      unmarked: 1,
      upcoming: 2,
      cancelled: 1,
      all: 7,
      minutesUsed: 150,
    });
  });

  it("counts the whole month when a single day is asked", async () => {
    // 16 February had one no-show; the answer is February's counts, never that day's.
    const st = await supportStats(coordinator, { from: "2026-02-16", to: "2026-02-16" }, now);
    expect([st.from, st.to]).toEqual(["2026-02-01", "2026-02-28"]);
    expect(st.byMonth.map((m) => m.month)).toEqual(["2026-02"]);
    expect(st.totals).toMatchObject({ tookPlace: 2, noShow: 1, cancelled: 1, all: 4 });
  });

  it("counts per kind and per specialist; an inactive specialist without bookings is left out", async () => {
    const st = await supportStats(management, period, now);
    const kinds = Object.fromEntries(st.byKind.map((k) => [k.kind, k.all]));
    expect(kinds).toEqual({ consultation: 5, coaching: 1, crisis: 1, supervision: 0 });
    expect(st.bySpecialist.map((r) => [r.name, r.all, r.minutesUsed])).toEqual([
      ["Coaching Polska — Marek Zmiana", 1, 0],
      ["Ewa Spokojna", 6, 150],
    ]);
  });

  it("reports hours used and booked within each contract's own period", async () => {
    const st = await supportStats(coordinator, period, now);
    expect(
      st.contracts.map((c) => [c.name, c.periodStart, c.hours, c.minutesUsed, c.minutesBooked]),
    ).toEqual([
      ["Coaching Polska — Marek Zmiana", "2025-12-01", 10, 90, 60],
      ["Ewa Spokojna", "2026-01-01", 40, 150, 100],
    ]);
  });

  it("refuses those who may not see counts, and a period it cannot read", async () => {
    const manager = await actorFor(s.users.manager.userId);
    const admin = await actorFor(s.users.administrator.userId);
    for (const a of [manager, admin]) {
      expect((await caught(supportStats(a, period, now))).code).toBe("forbidden");
    }
    const e = await caught(supportStats(coordinator, { from: "2026-05-01", to: "2026-04-01" }));
    expect(e.code).toBe("validation");
    expect(e.fieldErrors).toEqual({ to: "errors.periodOrder" });
  });

  it("exports the counts as CSV and XLSX, and audits the export", async () => {
    // Days inside the first and last month: the file is of the whole months, and says so.
    const days = { from: "2026-01-15", to: "2026-04-03" };
    const csv = await exportSupportStats(coordinator, days, "csv", "pl", now);
    expect(csv.fileName).toBe("wsparcie-statystyki-2026-01-01-2026-04-30.csv");
    const text = decodeText(new Uint8Array(csv.body)).text;
    expect(text).toContain("Miesiące");
    expect(text).toContain("\r\n2026-02;2;1;0;0;1;4;2.5\r\n");
    expect(text).toContain("\r\nKonsultacja indywidualna;2;1;1;0;1;5;2.5\r\n");
    // No person, only the specialists the organisation contracts.
    expect(text).not.toContain("Nowak");
    expect(text).not.toContain(s.users.employee.email);
    const xlsx = await exportSupportStats(coordinator, days, "xlsx", "en", now);
    expect(xlsx.fileName).toBe("support-statistics-2026-01-01-2026-04-30.xlsx");
    const wb = XLSX.read(xlsx.body);
    expect(wb.SheetNames).toEqual(["Months", "Kinds of help", "Specialists", "Contracts"]);
    const contracts = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Contracts);
    expect(contracts[0]).toMatchObject({
      Specialist: "Coaching Polska — Marek Zmiana",
      "Contract hours": 10,
      "Hours used": 1.5,
      "Hours booked": 1,
      "Hours left": 8.5,
    });
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), eq(auditLog.action, "support.stats.export")));
    expect(
      audits.map((a) => a.details).sort((x, y) => String(x.format).localeCompare(String(y.format))),
    ).toEqual([
      { format: "csv", from: "2026-01-01", to: "2026-04-30" },
      { format: "xlsx", from: "2026-01-01", to: "2026-04-30" },
    ]);
  });
});
