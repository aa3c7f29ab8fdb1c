// Incidents with clients end to end, on a phone, one person after another in the same browser:
// the reporter (an account of its own, unit A) starts a report, reloads and finds the draft
// kept, is refused a client's name as the case number next to the field with everything typed
// kept, sends the report, and books a reserved crisis slot from the incident's page. The unit's
// manager finds the report in the register by its number, reads the checklist with deadlines,
// is refused closing it with the open steps named, and completes the supportive talk. The
// safety officer finds it in the register, sees it counted in the analysis (the period's total
// and the unit's row of the heat map), and downloads the PDF report, read with pdftotext, and
// the analysis as XLSX. Every page visited is checked with axe.
import type { Page } from "@playwright/test";
import { dayFromToday } from "../../modules/support/booking-test-fixtures.ts";
import {
  checkPage,
  emailOf,
  expect,
  expectNoSeriousA11yViolations,
  pdfText,
  seed,
  signIn,
  signOut,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const PHONE = { width: 390, height: 844 };
/** Unit A of the seed (modules/access/test-fixtures.ts): the reporter's and the manager's. */
const UNIT_A = "Dział A";
const KIND = "Znieważenie, agresja słowna";
const DESCRIPTION =
  "Klient podczas wizyty w mieszkaniu krzyczał, wyzywał mnie i kazał mi się wynosić. Przerwałam wywiad i wyszłam.";
const CASE_NUMBER = "DPS.5012.15.2026";
const DEBRIEF = "Rozmowa wspierająca z pracownikiem (omówienie zdarzenia) w ciągu 72 godzin";
/** The mandatory steps a verbal abuse of medium severity leaves open after the report. */
const OPEN_STEPS = [
  "Zapewnienie bezpieczeństwa na miejscu zdarzenia (przerwanie rozmowy, wyjście, wezwanie pomocy)",
  "Wpis do centralnego rejestru zdarzeń w systemie CAS w ciągu 3 dni (art. 121 ust. 2ba ustawy o pomocy społecznej)",
  "Propozycja pomocy prawnej (art. 121 ust. 2c ustawy o pomocy społecznej)",
  DEBRIEF,
  "Analiza zdarzenia i działania zapobiegawcze (np. wizyty w parach, zmiana organizacji pracy)",
];
/** Steps the report itself does. */
const DONE_BY_REPORT = [
  "Poinformowanie bezpośredniego przełożonego",
  "Pisemna relacja pracownika ze zdarzenia",
  "Propozycja pomocy psychologicznej (art. 121 ust. 2a ustawy o pomocy społecznej)",
];

const pathOf = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
};

/** The analysis' count for the period, and unit A's total in the heat map (0 without a row). */
async function statsCounts(page: Page) {
  const status = (await page.getByRole("main").getByRole("status").first().textContent()) ?? "";
  const total = /^Od \d{2}\.\d{2}\.\d{4} do \d{2}\.\d{2}\.\d{4}: (\d+) zdarze/.exec(status.trim());
  expect(total, `a count in "${status}"`).toBeTruthy();
  const row = page
    .locator("table.heat-map tbody tr")
    .filter({ has: page.getByRole("rowheader", { name: UNIT_A, exact: true }) });
  const unitA = (await row.count()) ? Number(await row.locator("td").last().textContent()) : 0;
  return { total: Number(total![1]), unitA };
}

test("an incident reported on a phone is worked by the manager and counted for the safety officer", async ({
  browser,
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(240_000);
  const s = seed().incidents;
  const password = seed().password;

  // What the analysis counts before the report (the register of the whole centre).
  const officerBefore = await pageAs("safety_officer");
  await officerBefore.goto("/incidents/stats");
  await waitForHydration(officerBefore);
  const before = await statsCounts(officerBefore);
  await officerBefore.close();

  const context = await browser.newContext({
    baseURL: SEEDED.url,
    locale: "pl-PL",
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
  });
  consoleWatch.attach(context);
  const page = await context.newPage();
  consoleWatch.allowStatus(422); // a form's answer when it is refused

  let number = "";
  let incidentPath = "";
  await test.step("the reporter starts a report; a reload keeps the draft", async () => {
    await signIn(page, s.reporterEmail, password);
    await checkPage(page, consoleWatch, { path: "/incidents", role: "employee" }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moje zgłoszenia");
    await checkPage(page, consoleWatch, { path: "/incidents/new", role: "employee" }, "pl");
    await expect(page.getByLabel("Data zdarzenia")).toHaveAttribute("type", "date");
    await expect(page.getByLabel("Godzina")).toHaveAttribute("type", "time");
    await page.getByLabel("Rodzaj zdarzenia").selectOption({ label: KIND });
    await page.getByLabel("Waga").selectOption({ label: "Średnia" });
    await page.getByLabel("Miejsce").selectOption({ label: "Mieszkanie klienta" });
    await page.getByLabel("Co się stało").fill(DESCRIPTION);

    await page.reload();
    await waitForHydration(page);
    await expect(page.getByLabel("Co się stało")).toHaveValue(DESCRIPTION);
    await expect(page.getByLabel("Rodzaj zdarzenia").locator("option:checked")).toHaveText(KIND);
    await expect(page.getByLabel("Miejsce").locator("option:checked")).toHaveText(
      "Mieszkanie klienta",
    );
    await expect(page.getByLabel("Waga").locator("option:checked")).toHaveText("Średnia");
  });

  await test.step("a client's name as the case number is refused next to the field", async () => {
    const caseField = page.getByLabel("Numer sprawy klienta");
    await caseField.fill("Jan Kowalski");
    await page.getByLabel("Chcę skorzystać ze wsparcia").check();
    await page.getByRole("button", { name: "Wyślij zgłoszenie" }).click();
    // The case number is the only thing refused.
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("listitem")).toHaveCount(1);
    await expect(summary.getByRole("listitem")).toContainText("Numer sprawy klienta");
    const field = page.locator(".field", { has: page.locator("#f-caseReference") });
    await expect(field.locator(".error")).toContainText("To wygląda na imię i nazwisko");
    await expect(caseField).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/incidents\/new$/);
    // Nothing typed is lost.
    await expect(caseField).toHaveValue("Jan Kowalski");
    await expect(page.getByLabel("Co się stało")).toHaveValue(DESCRIPTION);
    await expect(page.getByLabel("Rodzaj zdarzenia").locator("option:checked")).toHaveText(KIND);
    await expect(page.getByLabel("Miejsce").locator("option:checked")).toHaveText(
      "Mieszkanie klienta",
    );
    await expect(page.getByLabel("Chcę skorzystać ze wsparcia")).toBeChecked();
    await expectNoSeriousA11yViolations(page, "/incidents/new with a refused case number");
  });

  await test.step("the fixed report is sent; the notice gives its number", async () => {
    await page.getByLabel("Numer sprawy klienta").fill(CASE_NUMBER);
    await page.getByRole("button", { name: "Wyślij zgłoszenie" }).click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]{36}\?reported=1$/);
    const notice = page.getByRole("status").filter({ hasText: /^Zgłoszenie ZD\// });
    await expect(notice).toContainText(/zostało zapisane/);
    number = /ZD\/\d{4}\/\d{4}/.exec((await notice.textContent()) ?? "")?.[0] ?? "";
    expect(number, "the incident's number in the notice").not.toBe("");
    incidentPath = new URL(page.url()).pathname;
    await checkPage(page, consoleWatch, { path: pathOf(page), role: "employee" }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Zdarzenie ${number}`);
    // The draft is gone from this phone once the report is stored.
    const drafts = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith("przystan.incidentDraft")),
    );
    expect(drafts).toEqual([]);
  });

  await test.step("the reporter books a reserved crisis slot from the incident", async () => {
    const help = page.getByRole("region", { name: "Pomoc dla Ciebie" });
    await help.getByRole("button", { name: "Zarezerwuj rozmowę ze specjalistą" }).click();
    await page.waitForURL(/\/support\/crisis\/[A-Za-z0-9_-]{43}$/);
    const crisis = new URL(page.url()).pathname;
    // The week with tomorrow in it; its last reserved slot, so support-booking.spec.ts (later
    // in file order) still finds the first one free.
    await checkPage(
      page,
      consoleWatch,
      { path: `${crisis}?week=${dayFromToday(1)}`, role: "employee" },
      "pl",
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Wsparcie po zdarzeniu");
    const reserved = page.getByRole("link", { name: /termin kryzysowy/ }).last();
    const times = /\d{2}:\d{2}–\d{2}:\d{2}/.exec((await reserved.textContent()) ?? "")?.[0];
    expect(times, "a reserved slot's times").toBeTruthy();
    await reserved.click();
    const confirm = page.locator("section.sb-confirm");
    await expect(confirm).toContainText(times!);
    await confirm.getByRole("button", { name: "Zarezerwuj" }).click();
    await page.waitForURL(/\/support\/my\?booked=1$/);
    await expect(page.getByRole("status").first()).toContainText("Zarezerwowano.");
    await expect(page.locator("section[aria-labelledby=h-upcoming]")).toContainText(
      "wsparcie po zdarzeniu",
    );
    await signOut(page);
  });

  await test.step("the manager finds it by number and reads the checklist", async () => {
    await signIn(page, emailOf("manager"), password);
    await checkPage(page, consoleWatch, { path: "/incidents", role: "manager" }, "pl");
    await page.getByLabel("Szukaj (numer, numer sprawy, osoba, komórka)").fill(number);
    await page.getByRole("button", { name: "Szukaj", exact: true }).click();
    await expect(page).toHaveURL(/[?&]q=/);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(s.reporterLastName);
    await rows.getByRole("link", { name: number }).click();
    await page.waitForURL((u) => u.pathname === incidentPath);
    await checkPage(page, consoleWatch, { path: incidentPath, role: "manager" }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Zdarzenie ${number}`);
    await expect(page.locator("dl.facts")).toContainText(CASE_NUMBER);
    await expect(page.locator("p.report-text").first()).toHaveText(DESCRIPTION);

    const steps = page.locator("ol.checklist > li");
    await expect(steps).toHaveCount(OPEN_STEPS.length + DONE_BY_REPORT.length);
    for (const step of await steps.all()) {
      await expect(step).toContainText(/termin: \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
    }
    const step = (title: string) =>
      steps.filter({ has: page.getByRole("heading", { level: 3, name: title, exact: true }) });
    for (const title of OPEN_STEPS) await expect(step(title)).toContainText("Do zrobienia");
    for (const title of DONE_BY_REPORT) await expect(step(title)).toContainText("Wykonany");
  });

  await test.step("closing is refused while mandatory steps are open, naming them", async () => {
    await page.getByRole("button", { name: "Zamknij procedurę" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText(
      "Nie można zamknąć procedury: obowiązkowe kroki nie są wykonane.",
    );
    await expect(summary.getByRole("link")).toHaveText(OPEN_STEPS);
    await expectNoSeriousA11yViolations(page, `${incidentPath} with closing refused`);
  });

  await test.step("the manager completes the supportive talk with a note", async () => {
    const debrief = page
      .locator("ol.checklist > li")
      .filter({ has: page.getByRole("heading", { level: 3, name: DEBRIEF, exact: true }) });
    const note = "Rozmowa odbyta w cztery oczy; pracownica wraca do wizyt w parach.";
    await debrief.getByLabel("Stan kroku").selectOption({ label: "Wykonany" });
    await debrief.getByLabel("Notatka").fill(note);
    await debrief.getByRole("button", { name: "Zapisz krok" }).click();
    await expect(page).toHaveURL(/[?&]done=step/);
    await expect(page.getByRole("status").filter({ hasText: "Krok zapisany." })).toBeVisible();
    await expect(debrief.locator(".badge")).toHaveText("Wykonany");
    await expect(debrief).toContainText(note);
    await expect(debrief).toContainText("Test manager");
    await signOut(page);
  });

  await test.step("the safety officer sees it in the register and the analysis", async () => {
    await signIn(page, emailOf("safety_officer"), password);
    await checkPage(page, consoleWatch, { path: "/incidents", role: "safety_officer" }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rejestr zdarzeń");
    await expect(page.locator("tbody").getByRole("link", { name: number })).toBeVisible();
    await checkPage(page, consoleWatch, { path: "/incidents/stats", role: "safety_officer" }, "pl");
    await expect(page.getByRole("heading", { name: "Mapa: komórki × miesiące" })).toBeVisible();
    const after = await statsCounts(page);
    expect(after.total, "the period's count").toBe(before.total + 1);
    expect(after.unitA, `the heat map's row of ${UNIT_A}`).toBe(before.unitA + 1);

    const xlsx = await page.request.get("/incidents/stats/export");
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
  });

  await test.step("the PDF report holds the facts, the account and the steps", async () => {
    const res = await page.request.get(`${incidentPath}/report.pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/pdf");
    const text = pdfText(await res.body(), `zdarzenie-${number.replaceAll("/", "-")}.pdf`);
    for (const part of [
      `Raport o zdarzeniu ${number}`,
      `Numer ${number}`,
      `Rodzaj zdarzenia ${KIND}`,
      `Numer sprawy klienta ${CASE_NUMBER}`,
      DESCRIPTION,
    ]) {
      expect(text).toContain(part);
    }
    // The supportive talk's row: its title, owner, deadline, and done with the date.
    expect(text).toMatch(
      new RegExp(
        `${DEBRIEF.replace(/[()]/g, "\\$&")} kierownik \\d{2}\\.\\d{2}\\.\\d{4}, \\d{2}:\\d{2} Wykonany \\d{2}\\.\\d{2}\\.\\d{4}`,
      ),
    );
  });

  await context.close();
});
