// Polish public holidays: Easter by the Gregorian computus, the movable feasts that follow it,
// Christmas Eve only from 2025, and working days around them.
import { describe, expect, it } from "vitest";
import {
  easterSunday,
  holidayOn,
  isWorkingDay,
  nextWorkingDay,
  polishHolidays,
} from "./polish-holidays.ts";

describe("Polish public holidays", () => {
  it("finds Easter Sunday", () => {
    expect(
      [2000, 2019, 2024, 2025, 2026, 2027, 2028, 2038].map((y) => [y, easterSunday(y)]),
    ).toEqual([
      [2000, "2000-04-23"],
      [2019, "2019-04-21"],
      [2024, "2024-03-31"],
      [2025, "2025-04-20"],
      [2026, "2026-04-05"],
      [2027, "2027-03-28"],
      [2028, "2028-04-16"],
      [2038, "2038-04-25"],
    ]);
  });

  it("lists the year's holidays in order, movable ones from Easter", () => {
    expect([...polishHolidays(2026)]).toEqual([
      ["2026-01-01", "newYear"],
      ["2026-01-06", "epiphany"],
      ["2026-04-05", "easter"],
      ["2026-04-06", "easterMonday"],
      ["2026-05-01", "labourDay"],
      ["2026-05-03", "constitutionDay"],
      ["2026-05-24", "pentecost"],
      ["2026-06-04", "corpusChristi"],
      ["2026-08-15", "assumption"],
      ["2026-11-01", "allSaints"],
      ["2026-11-11", "independenceDay"],
      ["2026-12-24", "christmasEve"],
      ["2026-12-25", "christmas"],
      ["2026-12-26", "boxingDay"],
    ]);
  });

  it("makes Christmas Eve a day off only from 2025", () => {
    expect(holidayOn("2024-12-24")).toBeNull();
    expect(holidayOn("2025-12-24")).toBe("christmasEve");
    expect(isWorkingDay("2024-12-24")).toBe(true);
  });

  it("tells working days from weekends and holidays", () => {
    expect(isWorkingDay("2026-11-10")).toBe(true); // Tuesday
    expect(isWorkingDay("2026-11-11")).toBe(false); // Independence Day, a Wednesday
    expect(isWorkingDay("2026-11-14")).toBe(false); // Saturday
    expect(isWorkingDay("2027-05-27")).toBe(false); // Corpus Christi 2027
    expect(nextWorkingDay("2026-11-11")).toBe("2026-11-12");
    expect(nextWorkingDay("2026-12-24")).toBe("2026-12-28");
    expect(nextWorkingDay("2027-01-01")).toBe("2027-01-04");
    expect(nextWorkingDay("2026-11-12")).toBe("2026-11-12");
  });
});
