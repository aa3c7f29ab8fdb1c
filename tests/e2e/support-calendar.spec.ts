// The specialist's calendar and the organisation's counts in Chromium: an employee books a
// consultation from the page; the specialist sees it with the person's name; the coordinator,
// the manager and the administrator opening the same booking's address get "not found" (the
// API too) with nothing of it on the page; the coordinator sees counts only. The specialist
// marks a past meeting by keyboard; a meeting not yet started cannot be marked; the counts
// refuse a period that ends before it starts, next to the field. Every page visited is checked
// with axe, in Polish and in English.
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  setLanguage,
  signIn,
  test,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

/** dd.mm.rrrr and HH:MM of an instant in Warsaw, as the pages write them. */
function warsaw(iso: string) {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat("pl-PL", {
    timeZone: "Europe/Warsaw",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(d);
  const time = new Intl.DateTimeFormat("pl-PL", {
    timeZone: "Europe/Warsaw",
    hour: "2-digit",
    minute: "2-digit",
  }).format(d);
  return { date, time };
}

test("a booking is seen by its specialist only; coordinators see counts", async ({
  browser,
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(240_000);
  const c = seed().supportCalendar;
  const name = `${c.bookerFirstName} ${c.bookerLastName}`;

  // An employee books the specialist's nearest slot.
  const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
  consoleWatch.attach(context);
  const booker = await context.newPage();
  await signIn(booker, c.bookerEmail, seed().password);
  await checkPage(
    booker,
    consoleWatch,
    { path: `/support?kind=consultation&specialist=${c.specialist}`, role: "employee" },
    "pl",
  );
  await booker.getByRole("link", { name: "Wybierz ten termin" }).click();
  const confirm = booker.locator("section.sb-confirm");
  await expect(confirm).toContainText(c.specialistName);
  await confirm.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(booker).toHaveURL(/\/support\/my\?booked=1/);

  // The specialist finds it in the calendar's list, with the person's name and e-mail.
  const specialist = await pageAs("specialist");
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/support/calendar?view=list&q=${c.bookerLastName}`, role: "specialist" },
    "pl",
  );
  const row = specialist
    .locator("tbody tr")
    .filter({ hasText: `${c.bookerLastName} ${c.bookerFirstName}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Zarezerwowana");
  const href = await row.getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/support\/bookings\/[0-9a-f-]{36}$/);
  const bookingId = href!.split("/").pop()!;
  await checkPage(specialist, consoleWatch, { path: href!, role: "specialist" }, "pl");
  await expect(specialist.locator("main")).toContainText(name);
  await expect(specialist.locator("main")).toContainText(c.bookerEmail);
  // The week view shows it on its day too, under the day's heading.
  const when = (await specialist.locator("dl.facts dd").first().textContent()) ?? "";
  const [, dd, mm, yyyy] = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(when) ?? [];
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/support/calendar?week=${yyyy}-${mm}-${dd}`, role: "specialist" },
    "pl",
  );
  const day = specialist.getByRole("region", { name: new RegExp(`${dd}\\.${mm}\\.${yyyy}`) });
  await expect(day.locator("li").filter({ hasText: name })).toHaveCount(1);

  // The employee reads the same address: their own booking, with the specialist.
  await checkPage(booker, consoleWatch, { path: href!, role: "employee" }, "pl");
  await expect(booker.locator("main")).toContainText(c.specialistName);
  await expect(booker.getByRole("link", { name: /Moje konsultacje/ }).first()).toBeVisible();

  // Anyone else, whatever their role, is told it does not exist — the page and the API.
  for (const role of ["coordinator", "manager", "administrator"] as const) {
    const p = await pageAs(role);
    await checkPage(p, consoleWatch, { path: href!, status: 404, role }, "pl");
    for (const word of [c.bookerLastName, c.specialistName, c.bookerEmail]) {
      await expect(p.locator("body")).not.toContainText(word);
    }
    const api = await p.request.get(`/api/v1/support/bookings/${bookingId}`);
    expect(api.status(), `${role} GET /api/v1/support/bookings/{id}`).toBe(404);
    const text = await api.text();
    for (const word of [c.bookerLastName, c.specialistName, c.bookerEmail, "startsAt"]) {
      expect(text).not.toContain(word);
    }
    await p.close();
  }

  // The coordinator sees counts: the specialist's row, never a person.
  const coordinator = await pageAs("coordinator");
  await checkPage(coordinator, consoleWatch, { path: "/support/stats", role: "coordinator" }, "pl");
  const specialistRow = coordinator
    .getByRole("region", { name: "Według specjalistów" })
    .locator("tbody tr")
    .filter({ hasText: c.specialistName });
  await expect(specialistRow).toHaveCount(1);
  // All bookings of the year with this specialist: the one just made and the seeded ones.
  const all = Number(await specialistRow.locator("td").nth(5).textContent());
  expect(all).toBeGreaterThanOrEqual(2);
  for (const word of [c.bookerLastName, "Nowak", c.bookerEmail]) {
    await expect(coordinator.locator("main")).not.toContainText(word);
  }
  // The exports download.
  const download = coordinator.waitForEvent("download");
  await coordinator.getByRole("link", { name: "Pobierz zestawienie (CSV)" }).click();
  expect((await download).suggestedFilename()).toMatch(/^wsparcie-statystyki-.*\.csv$/);

  // A period ending before it starts is refused next to its field.
  await checkPage(
    coordinator,
    consoleWatch,
    { path: "/support/stats?from=2026-05-01&to=2026-04-01", role: "coordinator" },
    "pl",
  );
  await expect(coordinator.locator("#f-to-error")).toHaveText(
    "Koniec okresu nie może być wcześniejszy niż jego początek.",
  );
  await expect(coordinator.locator("#f-to")).toHaveAttribute("aria-invalid", "true");
  await context.close();
});

test("the specialist marks a past meeting by keyboard; one not started cannot be marked", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(180_000);
  const c = seed().supportCalendar;
  const when = warsaw(c.pastStartsAt);
  const specialist = await pageAs("specialist");
  await checkPage(
    specialist,
    consoleWatch,
    { path: "/support/calendar", role: "specialist" },
    "pl",
  );
  const awaiting = specialist.locator("section[aria-labelledby=h-awaiting]");
  const item = awaiting.locator("li").filter({ hasText: "Anna Nowak" });
  await expect(item).toHaveCount(1);
  const tookPlace = item.getByRole("button", {
    name: `Odbyła się: Anna Nowak, ${when.date} ${when.time}`,
  });
  await tookPlace.focus();
  await specialist.keyboard.press("Enter");
  await expect(specialist.getByRole("status").first()).toHaveText(
    "Zapisano: spotkanie się odbyło.",
  );
  await expect(awaiting.locator("li").filter({ hasText: "Anna Nowak" })).toHaveCount(0);

  // The meeting's own page says so, and offers the correction.
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/support/bookings/${c.past}`, role: "specialist" },
    "pl",
  );
  await expect(specialist.locator("dd.booking-status")).toHaveText("Odbyła się");
  await expect(specialist.getByRole("button", { name: /^Odbyła się:/ })).toBeDisabled();
  await specialist.getByRole("button", { name: /^Nieobecność:/ }).click();
  await expect(specialist.getByRole("status").first()).toHaveText("Zapisano: nieobecność.");
  await expect(specialist.locator("dd.booking-status")).toHaveText("Nieobecność");

  // A meeting in two days has nothing to mark yet.
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/support/bookings/${c.future}`, role: "specialist" },
    "pl",
  );
  await expect(
    specialist.getByText("Przebieg spotkania zaznaczysz, gdy się rozpocznie."),
  ).toBeVisible();
  await expect(specialist.getByRole("button", { name: /^Odbyła się:/ })).toHaveCount(0);

  // In English too.
  await setLanguage(specialist, "en");
  await checkPage(
    specialist,
    consoleWatch,
    { path: "/support/calendar", role: "specialist" },
    "en",
  );
  await expect(specialist.getByRole("heading", { level: 1 })).toHaveText(
    "My consultation calendar",
  );
  await checkPage(
    specialist,
    consoleWatch,
    { path: "/support/calendar?view=list&when=past", role: "specialist" },
    "en",
  );
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/support/bookings/${c.past}`, role: "specialist" },
    "en",
  );
  await expect(specialist.locator("dd.booking-status")).toHaveText("No-show");
  const coordinator = await pageAs("coordinator");
  await setLanguage(coordinator, "en");
  await checkPage(coordinator, consoleWatch, { path: "/support/stats", role: "coordinator" }, "en");
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Support in numbers");
});

test("the specialist calls a coming meeting off, after a confirmation", async ({
  pageAs,
  consoleWatch,
}) => {
  const c = seed().supportCalendar;
  const specialist = await pageAs("specialist");
  await setLanguage(specialist, "pl");
  await checkPage(
    specialist,
    consoleWatch,
    { path: `/support/bookings/${c.future}`, role: "specialist" },
    "pl",
  );
  await specialist.getByRole("link", { name: "Odwołaj to spotkanie" }).click();
  await expect(specialist.getByRole("heading", { name: "Odwołać spotkanie?" })).toBeVisible();
  await expectNoSeriousA11yViolations(specialist, "the confirmation of cancelling");
  // Going back changes nothing.
  await specialist.getByRole("link", { name: "Nie, wróć" }).click();
  await expect(specialist.locator("dd.booking-status")).toHaveText("Zarezerwowana");
  await specialist.getByRole("link", { name: "Odwołaj to spotkanie" }).click();
  await specialist.getByRole("button", { name: "Tak, odwołaj spotkanie" }).click();
  await expect(specialist.getByRole("status").first()).toHaveText(
    "Spotkanie zostało odwołane. Osoba, która się zapisała, dostała wiadomość.",
  );
  await expect(specialist.locator("dd.booking-status")).toHaveText("Odwołana");
  await expect(specialist.getByRole("link", { name: "Odwołaj to spotkanie" })).toHaveCount(0);
});
