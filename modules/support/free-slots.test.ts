// Slot generation from weekly windows, without a database: weekdays and validity, slot length,
// absences, the one-hour lead, bookings of the specialist and of the employee, crisis-reserved
// windows (only with a link, only within 72 hours), and the two days a year the clocks change.
import { describe, expect, it } from "vitest";
import { warsawInstant, warsawTime } from "../../platform/warsaw-time.ts";
import { type SlotInput, type SlotWindow, slotsFromWindows } from "./free-slots.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

const at = (day: string, time: string) => warsawInstant(day, time)!;

function window(o: Partial<SlotWindow> = {}): SlotWindow {
  return {
    specialistId: A,
    weekday: 1,
    startMinute: 9 * 60,
    endMinute: 12 * 60,
    validFrom: "2026-01-01",
    validTo: null,
    crisisReserved: false,
    ...o,
  };
}

function input(o: Partial<SlotInput> = {}): SlotInput {
  return {
    specialists: [
      { id: A, slotMinutes: 50, modes: ["online"] },
      { id: B, slotMinutes: 60, modes: ["online", "in_person"] },
    ],
    windows: [window()],
    absences: [],
    busy: new Map(),
    // Sunday evening before the Monday the tests look at.
    now: at("2026-03-08", "18:00"),
    from: "2026-03-09",
    days: 1,
    ...o,
  };
}

const times = (slots: { startsAt: Date }[]) => slots.map((s) => warsawTime(s.startsAt));

describe("slotsFromWindows", () => {
  it("fills a window with consecutive slots of the specialist's length that fit", () => {
    const slots = slotsFromWindows(input());
    // 09:00–12:00 in 50-minute slots: 09:00, 09:50, 10:40; 11:30 would end at 12:20.
    expect(times(slots)).toEqual(["09:00", "09:50", "10:40"]);
    expect(slots[0].endsAt.getTime() - slots[0].startsAt.getTime()).toBe(50 * 60_000);
    expect(slots[0]).toMatchObject({ specialistId: A, modes: ["online"], crisis: false });
  });

  it("keeps to the window's weekday and its validity dates", () => {
    const w = [window({ validFrom: "2026-03-10" }), window({ weekday: 2, specialistId: B })];
    expect(slotsFromWindows(input({ windows: w }))).toEqual([]);
    const tuesday = slotsFromWindows(input({ windows: w, from: "2026-03-10" }));
    expect(tuesday.map((s) => s.specialistId)).toEqual([B, B, B]);
    const ended = [window({ validTo: "2026-03-02" })];
    expect(slotsFromWindows(input({ windows: ended }))).toEqual([]);
    // Two weeks: the window's Monday comes twice.
    expect(slotsFromWindows(input({ days: 14 }))).toHaveLength(6);
  });

  it("offers nothing on a specialist's absence days, and only theirs", () => {
    const windows = [window(), window({ specialistId: B })];
    const absences = [{ specialistId: A, fromDate: "2026-03-07", toDate: "2026-03-09" }];
    const slots = slotsFromWindows(input({ windows, absences }));
    expect(new Set(slots.map((s) => s.specialistId))).toEqual(new Set([B]));
  });

  it("starts no slot in the past or within the next hour", () => {
    const slots = slotsFromWindows(input({ now: at("2026-03-09", "08:30") }));
    // 09:00 is only 30 minutes away.
    expect(times(slots)).toEqual(["09:50", "10:40"]);
    expect(slotsFromWindows(input({ now: at("2026-03-09", "13:00") }))).toEqual([]);
  });

  it("skips slots overlapping the specialist's bookings and the employee's own", () => {
    const busy = new Map([
      [A, [{ startsAt: at("2026-03-09", "09:30"), endsAt: at("2026-03-09", "10:00") }]],
    ]);
    expect(times(slotsFromWindows(input({ busy })))).toEqual(["10:40"]);
    // A booking of another specialist does not matter…
    const other = new Map([
      [B, [{ startsAt: at("2026-03-09", "09:00"), endsAt: at("2026-03-09", "12:00") }]],
    ]);
    expect(times(slotsFromWindows(input({ busy: other })))).toHaveLength(3);
    // …but the employee's own booking elsewhere does.
    const ownBusy = [{ startsAt: at("2026-03-09", "10:00"), endsAt: at("2026-03-09", "10:30") }];
    expect(times(slotsFromWindows(input({ ownBusy })))).toEqual(["09:00", "10:40"]);
  });

  it("offers crisis-reserved windows only to a crisis link's holder, within 72 hours", () => {
    const windows = [
      window(),
      window({ startMinute: 13 * 60, endMinute: 15 * 60, crisisReserved: true }),
    ];
    const plain = slotsFromWindows(input({ windows }));
    expect(plain.every((s) => !s.crisis)).toBe(true);
    expect(times(plain)).toEqual(["09:00", "09:50", "10:40"]);
    const crisis = slotsFromWindows(input({ windows, crisis: true }));
    expect(times(crisis.filter((s) => s.crisis))).toEqual(["13:00", "13:50"]);
    // From Thursday 18:00 the Monday after is more than 72 hours away: reserved slots stay back.
    const later = slotsFromWindows(
      input({ windows, crisis: true, now: at("2026-03-05", "18:00"), from: "2026-03-09" }),
    );
    expect(later.some((s) => s.crisis)).toBe(false);
    expect(later).toHaveLength(3);
    // 72 hours before 13:50 on Monday is Friday 13:50: from then on that slot is offered too.
    const edge = slotsFromWindows(
      input({ windows, crisis: true, now: at("2026-03-06", "13:50"), from: "2026-03-09" }),
    );
    expect(times(edge.filter((s) => s.crisis))).toEqual(["13:00", "13:50"]);
    const past = slotsFromWindows(
      input({ windows, crisis: true, now: at("2026-03-06", "13:49"), from: "2026-03-09" }),
    );
    expect(times(past.filter((s) => s.crisis))).toEqual(["13:00"]);
  });

  it("orders slots of several specialists by time", () => {
    const windows = [window(), window({ specialistId: B, startMinute: 9 * 60 + 30 })];
    const slots = slotsFromWindows(input({ windows }));
    expect(
      slots.map((s) => `${warsawTime(s.startsAt)} ${s.specialistId === A ? "A" : "B"}`),
    ).toEqual(["09:00 A", "09:30 B", "09:50 A", "10:30 B", "10:40 A"]);
  });

  it("a window to midnight ends at the next day's 00:00", () => {
    const windows = [window({ startMinute: 22 * 60, endMinute: 1440 })];
    const slots = slotsFromWindows(input({ windows }));
    expect(times(slots)).toEqual(["22:00", "22:50"]);
    expect(slots[1].endsAt.toISOString()).toBe("2026-03-09T22:40:00.000Z");
  });

  describe("the days the clocks change", () => {
    // 29.03.2026: 02:00 CET becomes 03:00 CEST. 25.10.2026: 03:00 CEST becomes 02:00 CET.
    const night = (o: Partial<SlotWindow>) => [
      window({ weekday: 7, startMinute: 60, endMinute: 4 * 60, ...o }),
    ];

    it("spring: a 01:00–04:00 window holds two real hours, with no doubled or skipped slot", () => {
      const slots = slotsFromWindows(
        input({ windows: night({}), from: "2026-03-29", now: at("2026-03-28", "12:00") }),
      );
      // 01:00 CET and 01:50 CET; the next, at 03:40 CEST, would end past 04:00.
      expect(times(slots)).toEqual(["01:00", "01:50"]);
      expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
        "2026-03-29T00:00:00.000Z",
        "2026-03-29T00:50:00.000Z",
      ]);
      for (const s of slots) expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(50 * 60_000);
    });

    it("autumn: the same window holds four real hours, slots never overlap", () => {
      const slots = slotsFromWindows(
        input({ windows: night({}), from: "2026-10-25", now: at("2026-10-24", "12:00") }),
      );
      expect(slots.map((s) => s.startsAt.toISOString())).toEqual([
        "2026-10-24T23:00:00.000Z",
        "2026-10-24T23:50:00.000Z",
        "2026-10-25T00:40:00.000Z",
        "2026-10-25T01:30:00.000Z",
      ]);
      // 03:20 CET ends at 04:10: outside the window.
      expect(slots.at(-1)!.endsAt <= at("2026-10-25", "04:00")).toBe(true);
      for (let i = 1; i < slots.length; i++) {
        expect(slots[i].startsAt >= slots[i - 1].endsAt).toBe(true);
      }
    });

    it("daytime windows on those days keep their wall-clock times", () => {
      for (const day of ["2026-03-29", "2026-10-25"]) {
        const slots = slotsFromWindows(
          input({
            windows: night({ startMinute: 9 * 60, endMinute: 12 * 60 }),
            from: day,
            now: at("2026-03-01", "12:00"),
          }),
        );
        expect(times(slots)).toEqual(["09:00", "09:50", "10:40"]);
      }
    });
  });
});
