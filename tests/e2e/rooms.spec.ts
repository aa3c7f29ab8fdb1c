// Rooms in Chromium: a coordinator adds a room (an error first); an employee finds it on the
// day's list and books it; another person's overlapping booking is refused with the time the
// room is taken, next to the field; the employee cancels and the time is free again. Every
// page visited is checked with axe, the refusal's page too.
import { addDays, warsawDay } from "../../platform/warsaw-time.ts";
import { checkPage, expect, expectNoSeriousA11yViolations, test } from "./fixtures.ts";

const name = `E2E Pokój pierwszego kontaktu ${Date.now()}`;
const day = addDays(warsawDay(new Date()), 9);
const shown = day.split("-").reverse().join(".");

test("a room is added, booked, a conflicting booking refused, and the booking cancelled", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(150_000);
  const coordinator = await pageAs("coordinator");
  const employee = await pageAs("employee");
  const specialist = await pageAs("specialist");

  // The coordinator adds the room; a missing name is refused first.
  await checkPage(coordinator, consoleWatch, { path: "/rooms/manage", role: "coordinator" }, "pl");
  consoleWatch.allowStatus(422);
  const form = coordinator.locator("#room-form");
  await form.getByLabel("Miejsca").fill("0");
  await form.getByRole("button", { name: "Dodaj salę" }).click();
  await expect(coordinator.locator("#f-name-error")).toHaveText("To pole jest wymagane.");
  await expect(coordinator.locator("#f-capacity-error")).toHaveText(
    "Podaj liczbę miejsc w sali: od 1 do 1000.",
  );
  await form.getByLabel("Nazwa").fill(name);
  await form.getByLabel("Położenie").fill("parter, pokój 4");
  await form.getByLabel("Miejsca").fill("3");
  await form.getByRole("button", { name: "Dodaj salę" }).click();
  await expect(coordinator.getByRole("status").first()).toContainText("Zapisano zmiany.");
  await expect(coordinator.getByRole("row", { name: new RegExp(name) })).toContainText("Dostępna");

  // The employee finds it on the day's list, free all day, and books it.
  await checkPage(
    employee,
    consoleWatch,
    { path: `/rooms?day=${day}&q=${encodeURIComponent(name)}`, role: "employee" },
    "pl",
  );
  const listed = employee.getByRole("row", { name: new RegExp(name) });
  await expect(listed).toContainText("Wolna przez cały dzień.");
  await listed.getByRole("link", { name }).click();
  await employee.waitForURL(/\/rooms\/[0-9a-f-]{36}\?day=/);
  const roomPath = new URL(employee.url()).pathname;
  await checkPage(
    employee,
    consoleWatch,
    { path: `${roomPath}?day=${day}`, role: "employee" },
    "pl",
  );
  await expect(employee.getByRole("heading", { level: 2, name: /Plan sali/ })).toContainText(shown);
  await expect(
    employee.getByText("Nie wpisuj w nim imion, nazwisk ani innych danych klientów"),
  ).toBeVisible();
  await employee.getByLabel("Od godziny").fill("10:00");
  await employee.getByLabel("Do godziny").fill("11:00");
  await employee.getByLabel("Cel").fill("Rozmowa wstępna");
  await employee.getByRole("button", { name: "Zarezerwuj", exact: true }).click();
  await expect(employee.getByRole("status").first()).toContainText("Zarezerwowano salę.");
  const booking = employee.getByRole("row", { name: /10:00–11:00/ });
  await expect(booking).toContainText("Rozmowa wstępna");
  await expect(booking).toContainText("Test employee (Ty)");

  // Another person's overlapping booking is refused with the time the room is taken.
  await checkPage(
    specialist,
    consoleWatch,
    { path: `${roomPath}?day=${day}`, role: "specialist" },
    "pl",
  );
  await specialist.getByLabel("Od godziny").fill("10:30");
  await specialist.getByLabel("Do godziny").fill("11:30");
  await specialist.getByLabel("Cel").fill("Superwizja");
  await specialist.getByRole("button", { name: "Zarezerwuj", exact: true }).click();
  await expect(specialist.locator("#f-from-error")).toHaveText(
    "Sala jest zajęta w tym czasie (10:00–11:00).",
  );
  await expect(specialist.locator("#f-from")).toHaveAttribute("aria-invalid", "true");
  await expect(specialist.getByRole("alert")).toContainText("Od godziny");
  // What was typed stays; nothing was booked; the specialist cannot cancel the other booking.
  await expect(specialist.locator("#f-purpose")).toHaveValue("Superwizja");
  await expect(specialist.getByRole("row", { name: /10:30/ })).toHaveCount(0);
  await expect(specialist.getByRole("button", { name: /Odwołaj rezerwację/ })).toHaveCount(0);
  await expectNoSeriousA11yViolations(specialist, `${roomPath} with errors`);
  // An end before the start is the end's error.
  await specialist.getByLabel("Od godziny").fill("15:00");
  await specialist.getByLabel("Do godziny").fill("14:00");
  await specialist.getByRole("button", { name: "Zarezerwuj", exact: true }).click();
  await expect(specialist.locator("#f-to-error")).toHaveText(
    "Godzina zakończenia musi być późniejsza niż godzina rozpoczęcia.",
  );

  // The day's list shows the room taken at 10:00–11:00.
  await checkPage(
    coordinator,
    consoleWatch,
    { path: `/rooms?day=${day}&q=${encodeURIComponent(name)}`, role: "coordinator" },
    "pl",
  );
  await expect(coordinator.getByRole("row", { name: new RegExp(name) })).toContainText(
    "10:00–11:00",
  );

  // The employee cancels; the time is free again.
  await checkPage(
    employee,
    consoleWatch,
    { path: `${roomPath}?day=${day}`, role: "employee" },
    "pl",
  );
  await employee.getByRole("button", { name: "Odwołaj rezerwację 10:00–11:00" }).click();
  await expect(employee.getByRole("status").first()).toContainText("Odwołano rezerwację.");
  await expect(employee.getByText("Wolna przez cały dzień.")).toBeVisible();

  // WCAG 1.4.10: at 320 CSS pixels the pages do not scroll sideways (tables scroll in their box).
  for (const [p, path] of [
    [employee, `${roomPath}?day=${day}`],
    [employee, `/rooms?day=${day}`],
    [coordinator, "/rooms/manage"],
  ] as const) {
    await p.setViewportSize({ width: 320, height: 800 });
    await p.goto(path);
    expect(await p.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
      320,
    );
  }
});
