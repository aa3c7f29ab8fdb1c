// The Health Day in Chromium: a coordinator creates a day, adds two stations (an error first)
// and publishes; an employee books a slot and gets the confirmation; a second person who had
// chosen the same last place a moment later is told it is taken and offered the nearest free
// times; the coordinator sees the counts per station and the person on the attendance list.
// Every page visited is checked with axe, one of them in English too.
import type { Page } from "@playwright/test";
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { checkPage, expect, setLanguage, test } from "./fixtures.ts";

const title = `E2E Dzień Zdrowia ${Date.now()}`;
const date = addDays(warsawDay(new Date()), 12);

async function addStation(
  page: Page,
  s: { name: string; from: string; to: string; minutes: string; capacity: string },
) {
  const form = page.locator("#station-form");
  await form.getByLabel("Nazwa stanowiska").fill(s.name);
  await form.getByLabel("Od", { exact: true }).fill(s.from);
  await form.getByLabel("Do", { exact: true }).fill(s.to);
  await form.getByLabel("Długość terminu (minuty)").fill(s.minutes);
  await form.getByLabel("Miejsc w terminie").fill(s.capacity);
  await form.getByRole("button", { name: "Dodaj stanowisko" }).click();
}

test("a Health Day is prepared, published and booked; the last place goes to one person", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(180_000);
  const coordinator = await pageAs("coordinator");
  const employee = await pageAs("employee");
  const specialist = await pageAs("specialist");

  // The coordinator creates the day (a draft) …
  await checkPage(
    coordinator,
    consoleWatch,
    { path: "/health-day/manage", role: "coordinator" },
    "pl",
  );
  const form = coordinator.locator("section", { has: coordinator.locator("#h-new") });
  await form.getByLabel("Nazwa").fill(title);
  await form.getByLabel("Data").fill(date);
  await form.getByLabel("Miejsce").fill("Sala konferencyjna, ul. Powstańców 25");
  await form.getByRole("button", { name: "Utwórz szkic" }).click();
  await coordinator.waitForURL(/\/health-day\/manage\/[0-9a-f-]{36}\?created=1/);
  await expect(coordinator.getByRole("status").first()).toContainText("Utworzono szkic");
  const manage = new URL(coordinator.url()).pathname;
  const dayId = manage.split("/").at(-1)!;
  await checkPage(coordinator, consoleWatch, { path: manage, role: "coordinator" }, "pl");

  // … a station ending before it starts is refused next to the field …
  consoleWatch.allowStatus(422);
  await addStation(coordinator, {
    name: "Pomiar ciśnienia",
    from: "10:00",
    to: "09:00",
    minutes: "20",
    capacity: "1",
  });
  await expect(coordinator.locator("#s-to-error")).toHaveText(
    "Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.",
  );
  await expect(coordinator.locator("#s-to")).toHaveAttribute("aria-invalid", "true");

  // … then two stations are added, and the day is published.
  await addStation(coordinator, {
    name: "Pomiar ciśnienia",
    from: "09:00",
    to: "10:00",
    minutes: "20",
    capacity: "1",
  });
  await expect(coordinator.getByRole("status").first()).toContainText("Zapisano stanowisko.");
  await addStation(coordinator, {
    name: "Konsultacja z dietetykiem",
    from: "09:00",
    to: "11:00",
    minutes: "30",
    capacity: "2",
  });
  await coordinator.getByRole("button", { name: "Opublikuj i otwórz zapisy" }).click();
  await expect(coordinator.getByRole("status").first()).toContainText("Opublikowano");
  await expect(coordinator.locator("#h-status").locator("..")).toContainText("Zapisy otwarte");

  // The employee finds it among the Health Days; the specialist opens it at the same time.
  await checkPage(employee, consoleWatch, { path: "/health-day", role: "employee" }, "pl");
  await employee.getByRole("link", { name: title }).click();
  await employee.waitForURL(`**/health-day/${dayId}`);
  await checkPage(employee, consoleWatch, { path: `/health-day/${dayId}`, role: "employee" }, "pl");
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/health-day/${dayId}`, role: "specialist" },
    "pl",
  );
  const pressure = (p: Page) =>
    p.locator("section.hd-station", { has: p.getByRole("heading", { name: "Pomiar ciśnienia" }) });
  await pressure(specialist).getByText("09:00–09:20").click();

  // The employee takes the only place at 09:00.
  await pressure(employee).getByText("09:00–09:20").click();
  await pressure(employee)
    .getByRole("button", { name: "Zapisz się na stanowisko „Pomiar ciśnienia”" })
    .click();
  await expect(employee.getByRole("status").first()).toContainText(
    "Zapisano na godzinę 09:00. Potwierdzenie z plikiem kalendarza (.ics) wysłaliśmy e-mailem.",
  );
  await expect(employee.locator("#h-mine").locator("..")).toContainText(
    "Pomiar ciśnienia: 09:00–09:20",
  );
  await expect(pressure(employee)).toContainText("Masz tu miejsce: 09:00–09:20.");

  // The specialist, who chose the same place a moment before it went, is told so and offered
  // the nearest free times.
  await pressure(specialist)
    .getByRole("button", { name: "Zapisz się na stanowisko „Pomiar ciśnienia”" })
    .click();
  const error = pressure(specialist).locator("p.error");
  await expect(error).toContainText(
    "To miejsce zostało właśnie zajęte. Najbliższe wolne godziny na tym stanowisku: 09:20, 09:40.",
  );
  await expect(error).toContainText("Konsultacja z dietetykiem 09:00");
  // The full slot cannot be chosen any more; a free one can, and is booked.
  await expect(pressure(specialist).getByRole("radio", { name: /09:00–09:20/ })).toBeDisabled();
  await pressure(specialist).getByText("09:20–09:40").click();
  await pressure(specialist)
    .getByRole("button", { name: "Zapisz się na stanowisko „Pomiar ciśnienia”" })
    .click();
  await expect(specialist.getByRole("status").first()).toContainText("Zapisano na godzinę 09:20.");

  // The page reads the same in English.
  await setLanguage(employee, "en");
  await checkPage(employee, consoleWatch, { path: `/health-day/${dayId}`, role: "employee" }, "en");
  await expect(employee.locator("#h-mine").locator("..")).toContainText(
    "Pomiar ciśnienia: 09:00–09:20",
  );

  // The coordinator sees the counts per station and who is booked at the station.
  await checkPage(coordinator, consoleWatch, { path: manage, role: "coordinator" }, "pl");
  const counts = coordinator.locator("table.hd-stats");
  const row = (name: string) => counts.getByRole("row", { name: new RegExp(`^${name}`) });
  // Places, booked, present, absent, free.
  await expect(row("Pomiar ciśnienia").getByRole("cell")).toHaveText(["3", "2", "0", "0", "1"]);
  await expect(row("Konsultacja z dietetykiem").getByRole("cell")).toHaveText([
    "8",
    "0",
    "0",
    "0",
    "8",
  ]);
  await expect(row("Razem").getByRole("cell")).toHaveText(["11", "2", "0", "0", "9"]);
  await expect(coordinator.locator("#h-counts").locator("..")).toContainText(
    "Zapisały się 2 osoby",
  );
  const attendance = coordinator.locator("#h-attendance").locator("..");
  await expect(attendance).toContainText("Pomiar ciśnienia: 2 osoby zapisane");
  await expect(attendance).toContainText("employee Test");
  await expect(attendance).toContainText("Obecność zaznaczysz od dnia wydarzenia");

  // WCAG 1.4.10: at 320 CSS pixels the pages do not scroll sideways (tables scroll in their box).
  for (const [p, path] of [
    [employee, `/health-day/${dayId}`],
    [employee, "/health-day"],
    [coordinator, manage],
    [coordinator, "/health-day/manage"],
  ] as const) {
    await p.setViewportSize({ width: 320, height: 800 });
    await p.goto(path);
    expect(await p.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
      320,
    );
  }
});
