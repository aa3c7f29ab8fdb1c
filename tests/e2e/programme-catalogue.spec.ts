// The catalogue end to end: a coordinator creates a training (errors first), gives it two
// sessions (one that ends before it starts is refused next to its end time), publishes it, and
// an employee finds it in the catalogue; kinds are added and hidden; a programme plan shows what
// was delivered and who was reached; an activity is cancelled; the pages reflow at 320 px.
import type { Page } from "@playwright/test";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";

const c = () => seed().programmeCatalogue;

/** A Warsaw calendar day, days from today, as a date field takes it (yyyy-mm-dd). */
function day(offset: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
    new Date(Date.now() + offset * 24 * 3_600_000),
  );
}

/** dd.mm.rrrr of the same day, as the pages print it. */
function shown(offset: number): string {
  const [y, m, d] = day(offset).split("-");
  return `${d}.${m}.${y}`;
}

const title = `E2E: Deeskalacja rozmowy ${Date.now().toString(36)}`;
let activityPath = "";

test.describe.configure({ mode: "serial" });

async function addSession(page: Page, date: string, start: string, end: string) {
  const form = page.locator("form.session-form");
  await form.getByLabel("Data spotkania").fill(date);
  await form.getByLabel("Początek").fill(start);
  await form.getByLabel("Koniec").fill(end);
  await form.getByLabel("Miejsce").fill("Sala 204, ul. Wałowa 1, Gdańsk");
  await form.getByRole("button", { name: "Dodaj termin" }).click();
}

test("a coordinator creates a training with two sessions and publishes it; an employee finds it", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  await checkPage(page, consoleWatch, { path: "/programme/new", role: "coordinator" }, "pl");
  consoleWatch.allowStatus(422);

  await test.step("an empty form: every mistake listed and marked on its field", async () => {
    await page.getByRole("button", { name: "Utwórz szkic" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Rodzaj zajęć: To pole jest wymagane.");
    await expect(summary).toContainText("Nazwa zajęć: To pole jest wymagane.");
    await expect(summary).toContainText("Liczba miejsc: To pole jest wymagane.");
    await expect(page.locator("#f-title")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, "/programme/new with errors");
  });

  await test.step("bad values keep what was typed and say what is wrong", async () => {
    await page.getByLabel("Rodzaj zajęć").selectOption({ label: "Szkolenie stacjonarne" });
    await page.getByLabel("Nazwa zajęć").fill(title);
    await page.getByLabel("Liczba miejsc").fill("0");
    await page.getByLabel("Koszt (zł)").fill("tysiąc");
    await page.getByRole("button", { name: "Utwórz szkic" }).click();
    await expect(page.locator("#f-capacity-error")).toHaveText(
      "Podaj liczbę miejsc od 1 do 10 000.",
    );
    await expect(page.locator("#f-cost-error")).toHaveText("Podaj kwotę w złotych, np. 1 234,50.");
    await expect(page.getByLabel("Nazwa zajęć")).toHaveValue(title);
  });

  await test.step("a valid draft", async () => {
    await page.getByLabel("Opis").fill("Rozpoznawanie eskalacji i techniki wyciszania rozmowy.");
    await page.getByLabel("Prowadzący lub wykonawca").fill("Centrum Mediacji „Łączka”");
    await page.getByLabel("Liczba miejsc").fill("12");
    await page.getByLabel("Koszt (zł)").fill("1 234,50");
    await page.getByRole("group", { name: "Komórki organizacyjne" }).getByLabel("Dział A").check();
    await page.getByRole("button", { name: "Utwórz szkic" }).click();
    await page.waitForURL(/\/programme\/[0-9a-f-]{36}\/edit\?created=1$/);
    await expect(page.getByRole("status").first()).toContainText("Utworzono szkic");
    activityPath = new URL(page.url()).pathname.replace(/\/edit$/, "");
  });

  await test.step("a session that ends before it starts is refused next to its end", async () => {
    await checkPage(
      page,
      consoleWatch,
      { path: `${activityPath}/edit`, role: "coordinator" },
      "pl",
    );
    await addSession(page, day(14), "09:00", "08:00");
    const end = page.locator("form.session-form").getByLabel("Koniec");
    await expect(end).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#f-endTime-error")).toHaveText(
      "Koniec musi być później niż początek.",
    );
    await expectNoSeriousA11yViolations(page, "edit page with a session error");
    await addSession(page, day(14), "09:00", "13:00");
    await expect(page.getByText("Zapisano termin.")).toBeVisible();
    await addSession(page, day(15), "09:00", "13:00");
    await expect(page.locator("section[aria-labelledby=sessions] tbody tr")).toHaveCount(2);
  });

  await test.step("published, with its links for the coordinator", async () => {
    await page.getByRole("button", { name: "Opublikuj" }).click();
    await expect(page.getByText("Zajęcia opublikowano")).toBeVisible();
    await checkPage(page, consoleWatch, { path: activityPath, role: "coordinator" }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const links = page.getByRole("navigation", { name: "Obsługa zajęć" });
    for (const name of ["Edytuj zajęcia i terminy", "Zapisy", "Obecność", "Zaświadczenia"]) {
      await expect(links.getByRole("link", { name })).toBeVisible();
    }
    await expect(page.getByText("8 godz. zegarowych (po 60 minut)")).toBeVisible();
    await expect(page.getByText("1234,50 zł").or(page.getByText("1 234,50 zł"))).toBeVisible();
  });

  await test.step("an employee of unit A finds it among the activities they can join", async () => {
    const employee = await pageAs("employee");
    await checkPage(employee, consoleWatch, { path: "/programme", role: "employee" }, "pl");
    await employee.getByLabel("Szukaj zajęć").fill(title);
    await employee.getByLabel("Tylko te, na które mogę się teraz zapisać").check();
    await employee.getByRole("button", { name: "Szukaj" }).click();
    await employee.waitForURL(/open=1/);
    const row = employee.getByRole("row", { name: new RegExp(title) });
    await expect(row).toContainText(`${shown(14)} – ${shown(15)}`);
    await expect(row).toContainText("2 spotkania");
    await expect(row).toContainText("12 wolnych miejsc z 12");
    await row.getByRole("link", { name: title }).click();
    await employee.waitForURL((u) => u.pathname === activityPath);
    await expect(employee.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(employee.getByRole("navigation", { name: "Obsługa zajęć" })).toHaveCount(0);
    // The cost is the organisers' business.
    await expect(employee.getByText("Koszt (zł)")).toHaveCount(0);
    await checkPage(employee, consoleWatch, { path: activityPath, role: "employee" }, "pl");
    // A draft stays hidden from employees: "not found".
    consoleWatch.allowStatus(404);
    const draft = await employee.goto(`/programme/${c().draft}`);
    expect(draft?.status()).toBe(404);
  });
});

test("kinds: a kind of the centre's own is added once, then hidden from new activities", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("coordinator");
  await checkPage(page, consoleWatch, { path: "/programme/types", role: "coordinator" }, "pl");
  consoleWatch.allowStatus(422);
  const name = `E2E: superwizja koleżeńska ${Date.now().toString(36)}`;
  const add = page.locator("section[aria-labelledby=h-add]");
  await add.getByLabel("Nazwa rodzaju").fill(name);
  await add.getByRole("button", { name: "Dodaj rodzaj" }).click();
  await expect(page.getByText("Dodano rodzaj zajęć.")).toBeVisible();
  // The form empties itself after a success; typing before that would be wiped.
  await expect(add.getByLabel("Nazwa rodzaju")).toHaveValue("");
  await add.getByLabel("Nazwa rodzaju").fill(name.toUpperCase());
  await add.getByRole("button", { name: "Dodaj rodzaj" }).click();
  await expect(page.locator("#f-name-error")).toHaveText("Taka nazwa już istnieje.");
  await expectNoSeriousA11yViolations(page, "/programme/types with an error");
  await page.getByRole("button", { name: `Ukryj rodzaj „${name}”` }).click();
  await expect(page.getByText("Rodzaj ukryto.")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Ukryty");
  await page.goto("/programme/new");
  await waitForHydration(page);
  const options = await page.getByLabel("Rodzaj zajęć").locator("option").allTextContents();
  expect(options).not.toContain(name);
  expect(options).toContain(c().kindName);
});

test("a programme plan shows what was delivered and who was reached", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("coordinator");
  await checkPage(page, consoleWatch, { path: "/programme/plans", role: "coordinator" }, "pl");
  consoleWatch.allowStatus(422);
  const form = page.locator("form.plan-form");
  const planName = `E2E: plan ${Date.now().toString(36)}`;
  await form.getByLabel("Nazwa planu").fill(planName);
  await form.getByLabel("Początek okresu").fill(day(30));
  await form.getByLabel("Koniec okresu").fill(day(-30));
  await form.getByLabel(`Liczba zajęć: ${c().kindName}`).fill("3");
  await form.getByRole("button", { name: "Utwórz plan" }).click();
  await expect(page.locator("#f-periodEnd-error")).toHaveText(
    "Koniec okresu nie może być wcześniej niż jego początek.",
  );
  await expect(form.getByLabel(`Liczba zajęć: ${c().kindName}`)).toHaveValue("3");
  await form.getByLabel("Początek okresu").fill(day(-30));
  await form.getByLabel("Koniec okresu").fill(day(200));
  await form.getByRole("button", { name: "Utwórz plan" }).click();
  await page.waitForURL(/\/programme\/plans\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(planName);
  const path = new URL(page.url()).pathname;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  // The seeded workshop of that kind ended last week: one of three delivered.
  const delivery = page.getByRole("table", { name: "Dane wykresu: Realizacja planu" });
  const row = delivery.getByRole("row", { name: new RegExp(c().kindName) });
  await expect(row.getByRole("cell")).toHaveText(["3", "1", "0", "33%", "1"]);
  const units = page.getByRole("table", {
    name: "Dane wykresu: Objęcie wsparciem według komórek",
  });
  await expect(
    units
      .getByRole("row", { name: /Dział B/ })
      .getByRole("cell")
      .nth(1),
  ).not.toHaveText("0");

  // A manager sees the coverage of their own unit only.
  const manager = await pageAs("manager");
  await checkPage(manager, consoleWatch, { path, role: "manager" }, "pl");
  const theirs = manager.getByRole("table", {
    name: "Dane wykresu: Objęcie wsparciem według komórek",
  });
  await expect(theirs.getByRole("row", { name: /Dział A/ })).toHaveCount(1);
  await expect(theirs.getByRole("row", { name: /Dział B/ })).toHaveCount(0);
  await expect(manager.getByText("Pokazano tylko komórki, którymi kierujesz.")).toBeVisible();
  await expect(manager.getByRole("heading", { name: "Zmień plan" })).toHaveCount(0);
});

test("the created training is cancelled, after a confirmation", async ({
  pageAs,
  consoleWatch,
}) => {
  test.skip(!activityPath, "needs the training of the first test");
  const page = await pageAs("coordinator");
  await checkPage(page, consoleWatch, { path: `${activityPath}/edit`, role: "coordinator" }, "pl");
  await page.getByRole("link", { name: "Odwołaj zajęcia…" }).click();
  await expect(page.locator(".confirm")).toContainText("anuluje wszystkie zapisy");
  await page.getByRole("button", { name: "Tak, odwołaj zajęcia" }).click();
  await page.waitForURL((u) => u.pathname === activityPath);
  await expect(page.getByText("Zajęcia odwołano.")).toBeVisible();
  // Gone from the catalogue an employee sees.
  const employee = await pageAs("employee");
  await employee.goto(`/programme?q=${encodeURIComponent(title)}`);
  await waitForHydration(employee);
  await expect(employee.getByRole("status").filter({ hasText: "Brak wyników" })).toBeVisible();
});

test("catalogue pages reflow to a 320 px wide screen", async ({ pageAs }) => {
  const page = await pageAs("coordinator");
  await page.setViewportSize({ width: 320, height: 800 });
  for (const path of [
    "/programme",
    `/programme/${c().published}`,
    `/programme/${c().published}/edit`,
    "/programme/types",
    `/programme/plans/${c().plan}`,
  ]) {
    await page.goto(path);
    await waitForHydration(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(320);
  }
});
