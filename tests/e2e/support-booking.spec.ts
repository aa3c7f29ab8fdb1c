// Booking confidential support in Chromium: an employee chooses a kind and a specialist, picks
// the nearest slot, confirms, sees it under "Moje konsultacje" and cancels another booking after
// a confirmation; the administrators' mail log shows the mails as confidential only. A slot
// taken meanwhile is refused with other free slots. A crisis link shows its holder the reserved
// slots and books one, and tells anyone else it is not theirs. A coordinator issues a crisis
// link. Every page visited is checked with axe, in Polish and in English.
import type { Page } from "@playwright/test";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  setLanguage,
  test,
} from "./fixtures.ts";

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

/** The Warsaw day n days from today (yyyy-mm-dd). */
function dayFromToday(n: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
    new Date(Date.now() + n * 86_400_000),
  );
}

const pathOf = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
};

test("an employee books a consultation from the page and cancels another", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(180_000);
  const s = seed().supportBooking;
  const employee = await pageAs("employee");

  await checkPage(employee, consoleWatch, { path: "/support", role: "employee" }, "pl");
  await expect(
    employee.getByText("Poufnie: o rezerwacji wiesz tylko Ty i specjalista."),
  ).toBeVisible();
  await employee.getByLabel("Konsultacja indywidualna").check();
  await employee.getByRole("button", { name: "Pokaż wolne terminy" }).click();
  await employee
    .getByLabel("Specjalista")
    .selectOption({ label: `${s.specialistName} — psychoterapeutka` });
  await employee.getByRole("button", { name: "Pokaż wolne terminy" }).click();
  await expect(employee).toHaveURL(new RegExp(`specialist=${s.specialist}`));
  await checkPage(employee, consoleWatch, { path: pathOf(employee), role: "employee" }, "pl");
  await expect(employee.getByRole("heading", { name: "O specjaliście" })).toBeVisible();

  // The nearest free slot, confirmed in person.
  await employee.getByRole("link", { name: "Wybierz ten termin" }).click();
  const confirm = employee.locator("section.sb-confirm");
  await expect(confirm.getByRole("heading", { name: "Potwierdź rezerwację" })).toBeVisible();
  await expect(confirm).toContainText(s.specialistName);
  await checkPage(employee, consoleWatch, { path: pathOf(employee), role: "employee" }, "pl");
  await confirm.getByLabel("Stacjonarnie").check();
  await confirm.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(employee).toHaveURL(/\/support\/my\?booked=1/);
  await expect(employee.getByRole("status").first()).toContainText("Zarezerwowano.");
  // Hers with this specialist: the one just booked and the seeded one.
  const upcoming = employee
    .locator("section[aria-labelledby=h-upcoming] li")
    .filter({ hasText: s.specialistName });
  await expect(upcoming).toHaveCount(2);
  await checkPage(employee, consoleWatch, { path: "/support/my", role: "employee" }, "pl");

  // The seeded booking is cancelled after a confirmation.
  const seeded = warsaw(s.bookingStartsAt);
  await employee
    .getByRole("link", { name: new RegExp(`Odwołaj spotkanie ${seeded.date}, ${seeded.time}`) })
    .click();
  await expect(employee.getByRole("heading", { name: "Odwołać to spotkanie?" })).toBeVisible();
  await checkPage(employee, consoleWatch, { path: pathOf(employee), role: "employee" }, "pl");
  await employee.getByRole("button", { name: "Tak, odwołaj" }).click();
  await expect(employee).toHaveURL(/\/support\/my\?cancelled=1/);
  await expect(employee.getByRole("status").first()).toContainText("Rezerwacja odwołana.");
  await expect(upcoming).toHaveCount(1);
  const past = employee.locator("section[aria-labelledby=h-past] tbody tr");
  await expect(past.filter({ hasText: `${seeded.date}, ${seeded.time}` })).toContainText(
    "Odwołana",
  );

  // The administrators' mail log shows the confirmations as confidential, naming nobody.
  const admin = await pageAs("administrator");
  await checkPage(admin, consoleWatch, { path: "/admin/mail", role: "administrator" }, "pl");
  await expect(admin.getByText("Wiadomość poufna (wsparcie)").first()).toBeVisible();
  await expect(admin.locator("main")).not.toContainText(s.specialistName);
  await expect(admin.locator("main")).not.toContainText("Potwierdzenie rezerwacji");

  // In English too.
  await setLanguage(employee, "en");
  await checkPage(employee, consoleWatch, { path: "/support/my", role: "employee" }, "en");
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("My consultations");
  await checkPage(
    employee,
    consoleWatch,
    { path: `/support?kind=consultation&specialist=${s.specialist}`, role: "employee" },
    "en",
  );
  await expect(employee.getByRole("heading", { name: "About the specialist" })).toBeVisible();
});

test("a slot taken meanwhile is refused with other free slots to choose", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const s = seed().supportBooking;
  const employee = await pageAs("employee");
  const manager = await pageAs("manager");
  await checkPage(
    employee,
    consoleWatch,
    { path: `/support?kind=consultation&specialist=${s.specialist}`, role: "employee" },
    "pl",
  );
  await employee.getByRole("link", { name: "Wybierz ten termin" }).click();
  await expect(employee.getByRole("heading", { name: "Potwierdź rezerwację" })).toBeVisible();

  // Someone else books the same slot first.
  await manager.goto(pathOf(employee));
  await manager.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(manager).toHaveURL(/\/support\/my\?booked=1/);

  consoleWatch.allowStatus(422);
  await employee.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(employee.getByRole("alert")).toContainText("Ten termin został właśnie zajęty.");
  const others = employee.locator("section[aria-labelledby=h-alternatives] a");
  await expect(others.first()).toBeVisible();
  expect(await others.count()).toBeLessThanOrEqual(5);
  await expectNoSeriousA11yViolations(employee, "/support after a slot was taken");
  // One of the others books — once its confirmation is shown: until the page has loaded, the
  // refused slot's form is still there, and a click would post that slot again.
  const other = others.first();
  const otherTimes = /\d{2}:\d{2}–\d{2}:\d{2}/.exec((await other.textContent()) ?? "")?.[0];
  expect(otherTimes).toBeTruthy();
  await other.click();
  const confirm = employee.locator("section.sb-confirm");
  await expect(confirm).toContainText(otherTimes!);
  await confirm.getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(employee).toHaveURL(/\/support\/my\?booked=1/);
});

test("a crisis link offers its holder the reserved slots, and nobody else anything", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const s = seed().supportBooking;
  const link = `/support/crisis/${s.crisisToken}`;
  const manager = await pageAs("manager");
  await checkPage(manager, consoleWatch, { path: link, role: "manager" }, "pl");
  await expect(manager.getByRole("alert")).toContainText(
    "Ten link jest nieprawidłowy albo przeznaczony dla innej osoby.",
  );

  const employee = await pageAs("employee");
  // The week with tomorrow in it: tomorrow evening is held back for crisis links.
  const week = `${link}?week=${dayFromToday(1)}`;
  await checkPage(employee, consoleWatch, { path: week, role: "employee" }, "pl");
  await expect(employee.getByRole("heading", { level: 1 })).toHaveText("Wsparcie po zdarzeniu");
  const reserved = employee.getByRole("link", { name: /termin kryzysowy/ }).first();
  await expect(reserved).toBeVisible();
  await reserved.click();
  await employee.locator("section.sb-confirm").getByRole("button", { name: "Zarezerwuj" }).click();
  await expect(employee).toHaveURL(/\/support\/my\?booked=1/);
  await expect(employee.locator("section[aria-labelledby=h-upcoming]")).toContainText(
    "wsparcie po zdarzeniu",
  );
  // The link served its one booking.
  await checkPage(employee, consoleWatch, { path: link, role: "employee" }, "pl");
  await expect(employee.getByRole("alert")).toContainText("Ten link został już wykorzystany");
  // Reserved slots are not on the ordinary page.
  await employee.goto(`/support?kind=crisis&week=${dayFromToday(1)}`);
  await expect(employee.getByRole("link", { name: /termin kryzysowy/ })).toHaveCount(0);
});

test("a coordinator issues a crisis link, shown once; the list names nobody", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const coordinator = await pageAs("coordinator");
  await checkPage(
    coordinator,
    consoleWatch,
    { path: "/support/crisis-links", role: "coordinator" },
    "pl",
  );
  await coordinator.getByLabel("Znajdź pracownika (nazwisko, imię lub numer)").fill("employee");
  await coordinator.getByRole("button", { name: "Szukaj" }).click();
  await expect(coordinator).toHaveURL(/q=employee/);
  await checkPage(
    coordinator,
    consoleWatch,
    { path: pathOf(coordinator), role: "coordinator" },
    "pl",
  );
  await coordinator.getByRole("button", { name: "Wydaj link dla: employee Test" }).click();
  await expect(coordinator.getByRole("heading", { name: "Link wydany" })).toBeVisible();
  await expect(coordinator.getByLabel("Adres linku")).toHaveValue(
    /\/support\/crisis\/[A-Za-z0-9_-]{43}$/,
  );
  const list = coordinator.locator("section[aria-labelledby=h-links] table");
  await expect(list).toContainText("aktywny");
  await expect(list).not.toContainText("employee");
  await expectNoSeriousA11yViolations(coordinator, "/support/crisis-links after issuing");

  await setLanguage(coordinator, "en");
  await checkPage(
    coordinator,
    consoleWatch,
    { path: "/support/crisis-links", role: "coordinator" },
    "en",
  );
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Crisis links");
  // Employees cannot reach it.
  const employee = await pageAs("employee");
  await checkPage(
    employee,
    consoleWatch,
    { path: "/support/crisis-links", role: "employee", status: 403 },
    "pl",
  );
});
