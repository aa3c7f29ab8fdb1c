// The first run of an empty installation, on the "fresh" server: the setup link printed at
// start, the centre and its administrator, the first unit, position and employee, the
// invitation mail, and the invited employee's first sign-in. Serial: each step needs the last.
import fs from "node:fs";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  setLanguage,
  signIn,
  signOut,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { FRESH } from "./servers.ts";

test.use({ baseURL: FRESH.url });
test.describe.configure({ mode: "serial" });

const CENTRE = "MOPS Źródła Łąk";
const ADMIN = { email: "dyrektor@zrodla-lak.pl", password: "Bardzo-Tajne-Hasło-1" };
const EMPLOYEE = {
  firstName: "Zofia",
  lastName: "Żółkiewska",
  email: "zofia.zolkiewska@zrodla-lak.pl",
  number: "ZL/001",
  password: "Hasło-Zofii-2024!",
};
const UNIT = "Dział Świadczeń";
const POSITION = "Pracownik socjalny";

let setupPath = "";
let invitationPath = "";

/** The one-time setup link the server printed on its first start. */
async function readSetupPath(): Promise<string> {
  let match: RegExpMatchArray | null = null;
  await expect
    .poll(
      () => {
        match = fs.existsSync(FRESH.log)
          ? fs.readFileSync(FRESH.log, "utf8").match(/https?:\/\/\S+(\/setup\/[\w-]+)/)
          : null;
        return Boolean(match);
      },
      { message: `setup link in ${FRESH.log}` },
    )
    .toBe(true);
  const m = match as unknown as RegExpMatchArray;
  expect(m[0].startsWith(FRESH.url)).toBe(true);
  return m[1];
}

test("the empty installation is healthy and prints a setup link", async ({ request }) => {
  const res = await request.get("/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  setupPath = await readSetupPath();
  expect(setupPath).toMatch(/^\/setup\/[\w-]{20,}$/);
});

test("the setup form is accessible, in Polish and in English", async ({ page, consoleWatch }) => {
  for (const lang of ["pl", "en"] as const) {
    await setLanguage(page, lang, FRESH.url);
    await checkPage(page, consoleWatch, { path: setupPath }, lang);
  }
  await page.context().clearCookies();
});

test("setup, first unit, position and employee, invitation, employee signs in", async ({
  page,
  consoleWatch,
}) => {
  test.setTimeout(180_000);

  await test.step("create the centre and its administrator", async () => {
    await page.goto(setupPath);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pierwsze uruchomienie");
    await page.getByLabel("Nazwa ośrodka").fill(CENTRE);
    await page.getByLabel("Rodzaj jednostki").selectOption("MOPS");
    await page.getByLabel("Miejscowość").fill("Łąki Wielkie");
    await page.getByLabel("Imię").fill("Jadwiga");
    await page.getByLabel("Nazwisko").fill("Śliwińska");
    await page.getByLabel("Adres e-mail").fill(ADMIN.email);
    await page.getByLabel("Hasło", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Powtórz hasło").fill(ADMIN.password);
    await page.getByRole("button", { name: "Utwórz ośrodek i konto" }).click();
    await page.waitForURL("**/login?notice=ready");
    await expect(page.getByRole("status")).toHaveText("Konto jest gotowe. Zaloguj się.");
  });

  await test.step("the administrator signs in and sees the next steps", async () => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(`${FRESH.url}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pulpit");
    await expect(page.getByText("Dzień dobry, Jadwiga Śliwińska")).toBeVisible();
    await expect(page.getByRole("banner")).toContainText(CENTRE);
    await expect(page.getByRole("heading", { name: "Następne kroki" })).toBeVisible();
    const steps = page.locator("section.card ol li");
    await expect(steps).toHaveText([
      "Dodaj komórki organizacyjne ośrodka.",
      "Dodaj stanowiska.",
      "Dodaj pracowników.",
    ]);
  });

  await test.step("add a unit", async () => {
    await page.getByRole("link", { name: "Dodaj komórki organizacyjne ośrodka." }).click();
    await expect(page).toHaveURL(/\/org\/units\/new$/);
    await page.getByLabel("Nazwa", { exact: true }).fill(UNIT);
    await page.getByLabel("Rodzaj").selectOption("department");
    await page.getByRole("button", { name: "Zapisz" }).click();
    await expect(page).toHaveURL(/\/org\/units\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(UNIT);
  });

  await test.step("add a position in one of the three seeded staff groups", async () => {
    await page.goto("/org/positions");
    await waitForHydration(page);
    const group = page.getByLabel("Grupa pracowników");
    // The placeholder and the three default groups.
    await expect(group.locator("option")).toHaveCount(4);
    await page.getByLabel("Nazwa stanowiska").fill(POSITION);
    await group.selectOption({ label: "Bezpośredni kontakt z klientem" });
    await page.getByLabel("Kontakt z klientem").selectOption("constant");
    await page.getByLabel("Praca w terenie").check();
    await page.getByRole("button", { name: "Zapisz" }).click();
    await expect(page).toHaveURL(/\/org\/positions\?saved=1$/);
    await expect(page.getByRole("status")).toHaveText("Zapisano zmiany.");
    const row = page.getByRole("row", { name: new RegExp(POSITION) });
    await expect(row).toContainText("Bezpośredni kontakt z klientem");
    await expect(row).toContainText("stały");
  });

  await test.step("add an employee in that unit and position", async () => {
    await page.goto("/org/employees/new");
    await waitForHydration(page);
    await page.getByLabel("Imię").fill(EMPLOYEE.firstName);
    await page.getByLabel("Nazwisko").fill(EMPLOYEE.lastName);
    await page.getByLabel("E-mail").fill(EMPLOYEE.email);
    await page.getByLabel("Nr ewidencyjny").fill(EMPLOYEE.number);
    await page.getByLabel("Komórka organizacyjna").selectOption({ label: UNIT });
    await page.getByLabel("Stanowisko").selectOption({ label: POSITION });
    await page.getByRole("button", { name: "Zapisz" }).click();
    await expect(page).toHaveURL(/\/org\/employees\/[0-9a-f-]{36}\?saved=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `${EMPLOYEE.firstName} ${EMPLOYEE.lastName}`,
    );
    const facts = page.locator("dl.facts");
    await expect(facts).toContainText(UNIT);
    await expect(facts).toContainText(POSITION);
    await expect(facts).toContainText("nie zaproszono");
  });

  await test.step("send the invitation", async () => {
    await page.getByRole("button", { name: "Wyślij zaproszenie" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Zaproszenie zostało wysłane (link ważny 7 dni).",
    );
    await expect(page.locator("dl.facts")).toContainText("zaproszono");
    await expect(page.getByRole("button", { name: "Wyślij zaproszenie ponownie" })).toBeVisible();
  });

  await test.step("the invitation is in the mail log with its link", async () => {
    await page.goto("/admin/mail");
    const mail = page.locator("li.card", {
      has: page.getByRole("heading", { name: `Zaproszenie do Przystani — ${CENTRE}` }),
    });
    await expect(mail).toHaveCount(1);
    await expect(mail).toContainText(EMPLOYEE.email);
    await mail.getByText("Treść").click();
    const body = mail.locator("pre.mail-body");
    await expect(body).toBeVisible();
    const text = (await body.textContent()) ?? "";
    expect(text).toContain(`Dzień dobry, ${EMPLOYEE.firstName}!`);
    const link = text.match(/https?:\/\/\S+(\/invitation\/[\w-]+)/);
    expect(link, text).not.toBeNull();
    expect(link?.[0].startsWith(FRESH.url)).toBe(true);
    invitationPath = link?.[1] ?? "";
  });

  await test.step("sign out", async () => {
    await signOut(page);
    const res = await page.request.get("/", { maxRedirects: 0 });
    expect(res.status()).toBe(302);
  });

  await test.step("accept the invitation", async () => {
    await page.goto(invitationPath);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Zaproszenie do Przystani");
    await expect(page.getByRole("main")).toContainText(
      `${EMPLOYEE.firstName}, ośrodek ${CENTRE} zaprasza Cię do Przystani.`,
    );
    await expectNoSeriousA11yViolations(page, "invitation form");
    await page.getByLabel("Nowe hasło").fill(EMPLOYEE.password);
    await page.getByLabel("Powtórz hasło").fill(EMPLOYEE.password);
    await page.getByRole("button", { name: "Aktywuj konto" }).click();
    await page.waitForURL("**/login?notice=ready");
    await expect(page.getByRole("status")).toHaveText("Konto jest gotowe. Zaloguj się.");
  });

  await test.step("the employee signs in and sees the dashboard", async () => {
    await signIn(page, EMPLOYEE.email, EMPLOYEE.password);
    await expect(page).toHaveURL(`${FRESH.url}/`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pulpit");
    await expect(
      page.getByText(`Dzień dobry, ${EMPLOYEE.firstName} ${EMPLOYEE.lastName}`),
    ).toBeVisible();
    await expect(page.getByText("Twoje role: Pracownik")).toBeVisible();
    // Only the employee's own menu: the programme and their training, booking support, their
    // exams, the Health Day, rooms and their incident reports; no administration.
    await expect(
      page.getByRole("navigation", { name: "Menu główne" }).getByRole("link"),
    ).toHaveText([
      "Pulpit",
      "Program wsparcia",
      "Moje szkolenia",
      "Wsparcie psychologiczne",
      "Moje badania",
      "Dzień Zdrowia",
      "Sale",
      "Zdarzenia",
    ]);
  });

  await test.step("used links are gone (410, in Polish)", async () => {
    consoleWatch.allowStatus(410);
    for (const path of [setupPath, invitationPath]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(410);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Link nieaktualny");
      await expect(page.getByRole("main")).toContainText("Ten link wygasł albo został już użyty.");
    }
  });
});

test("a duplicate employee number is shown next to the field, keeping the input", async ({
  page,
  consoleWatch,
}) => {
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto("/org/employees/new");
  await waitForHydration(page);
  await page.getByLabel("Imię").fill("Bożena");
  await page.getByLabel("Nazwisko").fill("Kęsicka");
  await page.getByLabel("E-mail").fill("bozena.kesicka@zrodla-lak.pl");
  await page.getByLabel("Nr ewidencyjny").fill(EMPLOYEE.number);
  await page.getByLabel("Komórka organizacyjna").selectOption({ label: UNIT });
  await page.getByLabel("Stanowisko").selectOption({ label: POSITION });
  await page.getByLabel("Data zatrudnienia").fill("2024-03-01");
  consoleWatch.allowStatus(422);
  await page.getByRole("button", { name: "Zapisz" }).click();

  const message = "Pracownik o tym numerze ewidencyjnym już istnieje w ośrodku.";
  const number = page.getByLabel("Nr ewidencyjny");
  await expect(page.locator("#f-employeeNumber-error")).toHaveText(message);
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expect(number).toHaveAttribute("aria-describedby", "f-employeeNumber-error");
  await expect(page.getByRole("alert")).toContainText(message);
  await expect(page).toHaveURL(/\/org\/employees\/new$/);
  // What was typed is still there.
  await expect(page.getByLabel("Imię")).toHaveValue("Bożena");
  await expect(page.getByLabel("Nazwisko")).toHaveValue("Kęsicka");
  await expect(page.getByLabel("E-mail")).toHaveValue("bozena.kesicka@zrodla-lak.pl");
  await expect(number).toHaveValue(EMPLOYEE.number);
  await expect(page.getByLabel("Komórka organizacyjna").locator("option:checked")).toHaveText(UNIT);
  await expect(page.getByLabel("Stanowisko").locator("option:checked")).toHaveText(POSITION);
  await expect(page.getByLabel("Data zatrudnienia")).toHaveValue("2024-03-01");
  // Only one error, and no second employee was made.
  await expect(page.locator("p.error")).toHaveCount(1);
  await page.goto("/org/employees");
  await expect(page.getByRole("row", { name: /Kęsicka/ })).toHaveCount(0);
});

test("a wrong password and an unknown address get the same answer", async ({
  page,
  consoleWatch,
}) => {
  consoleWatch.allowStatus(401);
  const answers: string[] = [];
  for (const [email, password] of [
    [ADMIN.email, "to-nie-jest-moje-haslo"],
    ["nikt@zrodla-lak.pl", ADMIN.password],
  ]) {
    await page.goto("/login");
    await waitForHydration(page);
    await page.getByLabel("Adres e-mail").fill(email);
    await page.getByLabel("Hasło", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Zaloguj się" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toBeVisible();
    answers.push((await alert.textContent()) ?? "");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Adres e-mail")).toHaveValue(email);
  }
  expect(answers).toEqual([
    "Nieprawidłowy adres e-mail lub hasło.",
    "Nieprawidłowy adres e-mail lub hasło.",
  ]);
});
