// The confidential support flow end to end, through the real UI, one person after another in the
// same browser: an employee signs in, books a consultation with a chosen specialist in a free slot
// of next week and sees it under "Moje konsultacje"; the specialist (whose account is the support
// specialist's) signs in, finds it in the calendar with the person's name and opens it; a
// coordinator signs in and is refused the booking's page and its JSON with nothing of it in
// either, and sees counts only on /support/stats. Every page visited is checked with axe.
import type { Page } from "@playwright/test";
import { checkPage, emailOf, expect, seed, signIn, signOut, test } from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const pathOf = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
};

/** yyyy-mm-dd of today in Warsaw. */
const today = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());

test("a consultation is booked, seen by its specialist only, and counted for the coordinator", async ({
  browser,
  consoleWatch,
}) => {
  test.setTimeout(240_000);
  const s = seed().supportConfidential;
  const password = seed().password;
  const person = `${s.employeeFirstName} ${s.employeeLastName}`;
  const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
  consoleWatch.attach(context);
  const page = await context.newPage();

  // The employee books.
  await signIn(page, s.employeeEmail, password);
  await checkPage(page, consoleWatch, { path: "/support", role: "employee" }, "pl");
  await page.getByRole("radio", { name: "Konsultacja indywidualna" }).check();
  await page.getByRole("button", { name: "Pokaż wolne terminy" }).click();
  await expect(page).toHaveURL(/kind=consultation/);
  await page
    .getByLabel("Specjalista")
    .selectOption({ label: `${s.specialistName} — ${s.specialistTitle}` });
  await page.getByRole("button", { name: "Pokaż wolne terminy" }).click();
  await expect(page).toHaveURL(new RegExp(`specialist=${s.specialist}`));
  await checkPage(page, consoleWatch, { path: pathOf(page), role: "employee" }, "pl");
  // Next week: whatever the hour today, it has free slots every day.
  await page.getByRole("link", { name: /Następny tydzień/ }).click();
  await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
  const week = page.getByRole("region", { name: /^Wolne terminy:/ });
  await week
    .getByRole("link", { name: /\d{2}:\d{2}–\d{2}:\d{2}/ })
    .first()
    .click();
  const confirm = page.getByRole("region", { name: "Potwierdź rezerwację" });
  await expect(confirm).toContainText(s.specialistName);
  await checkPage(page, consoleWatch, { path: pathOf(page), role: "employee" }, "pl");
  const whenText = (await confirm.locator("dd").nth(1).textContent()) ?? "";
  const [, date, times] = /(\d{2}\.\d{2}\.\d{4}), (\d{2}:\d{2}–\d{2}:\d{2})/.exec(whenText) ?? [];
  expect(date, `a date and times in "${whenText}"`).toBeTruthy();
  const [dd, mm, yyyy] = date.split(".");
  const day = `${yyyy}-${mm}-${dd}`;
  await confirm.getByLabel("Stacjonarnie").check();
  await confirm.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(page).toHaveURL(/\/support\/my\?booked=1/);
  await expect(page.getByRole("status").first()).toContainText("Zarezerwowano.");
  await checkPage(page, consoleWatch, { path: "/support/my", role: "employee" }, "pl");
  const mine = page
    .getByRole("region", { name: "Nadchodzące" })
    .getByRole("listitem")
    .filter({ hasText: s.specialistName });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(`${date}, ${times}`);
  await signOut(page);

  // The specialist sees it, with the person's name, and opens it.
  await signIn(page, s.specialistEmail, password);
  await checkPage(
    page,
    consoleWatch,
    { path: `/support/calendar?week=${day}`, role: "specialist" },
    "pl",
  );
  const onDay = page
    .getByRole("region", { name: new RegExp(date.replaceAll(".", "\\.")) })
    .getByRole("listitem")
    .filter({ hasText: person });
  await expect(onDay).toHaveCount(1);
  await expect(onDay).toContainText(times);
  await onDay.getByRole("link", { name: person }).click();
  await expect(page).toHaveURL(/\/support\/bookings\/[0-9a-f-]{36}$/);
  const bookingPath = pathOf(page);
  const bookingId = bookingPath.split("/").pop()!;
  await checkPage(page, consoleWatch, { path: bookingPath, role: "specialist" }, "pl");
  const facts = page.locator("main dl.facts");
  await expect(facts).toContainText(`${date}`);
  await expect(facts).toContainText(person);
  await expect(facts).toContainText(s.employeeEmail);
  await signOut(page);

  // The coordinator: the booking does not exist for them, on the page or in the API.
  await signIn(page, emailOf("coordinator"), password);
  const secrets = [s.employeeLastName, s.employeeEmail, s.specialistName, times];
  await checkPage(
    page,
    consoleWatch,
    { path: bookingPath, role: "coordinator", status: 404 },
    "pl",
  );
  for (const word of secrets) await expect(page.locator("body")).not.toContainText(word);
  const api = await page.request.get(`/api/v1/support/bookings/${bookingId}`);
  expect([403, 404], "coordinator GET /api/v1/support/bookings/{id}").toContain(api.status());
  const body = await api.text();
  for (const word of [...secrets, "startsAt", "employee"]) expect(body).not.toContain(word);

  // Counts only: one upcoming booking with this specialist, and nobody's name.
  await checkPage(page, consoleWatch, { path: "/support/stats", role: "coordinator" }, "pl");
  await page.getByLabel("Od dnia").fill(today());
  await page.getByLabel("Do dnia").fill(day);
  await page.getByRole("button", { name: "Pokaż", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`to=${day}`));
  const row = page
    .getByRole("region", { name: "Według specjalistów" })
    .locator("tbody tr")
    .filter({ hasText: s.specialistName });
  await expect(row).toHaveCount(1);
  // Columns: took place, no-show, unmarked, upcoming, cancelled, all, hours used.
  await expect(row.locator("td").nth(3)).toHaveText("1");
  await expect(row.locator("td").nth(5)).toHaveText("1");
  const main = page.getByRole("main");
  for (const word of [s.employeeLastName, person, s.employeeEmail]) {
    await expect(main).not.toContainText(word);
  }
  await context.close();
});
