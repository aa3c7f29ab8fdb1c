// Bulk planning of occupational-medicine exams end to end, as the health role: a clinic added
// (its errors first), a unit's exams planned from a preview that says how many spill over to
// later days (a first day in the past refused next to its field), the plan saved, and a
// referral downloaded whose text (pdftotext) names the position and its hazards. The pages in
// English too; nobody without the health role reaches them.
import { checkPage, download, expect, pdfText, seed, setLanguage, test } from "./fixtures.ts";

const hp = () => seed().healthPlanning;
const HEALTH = "health" as never;
const CLINIC = "Przychodnia Medycyny Pracy „Neptun”";

/** yyyy-mm-dd in Warsaw, n days from today. */
function warsawDay(n = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
    new Date(Date.now() + n * 86_400_000),
  );
}

test.describe.configure({ mode: "serial" });

test("the health role adds a clinic, plans a unit's exams, and downloads a referral", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(180_000);
  const page = await pageAs(HEALTH);
  consoleWatch.allowStatus(422); // a form's answer when fields are invalid

  await test.step("a clinic: errors next to the fields, then saved", async () => {
    await checkPage(page, consoleWatch, { path: "/health/clinics", role: HEALTH }, "pl");
    await page.locator("#f-name").fill(CLINIC);
    await page.locator("#f-address").fill("ul. Świętojańska 12, Gdańsk");
    await page.locator("#f-dailyCapacity").fill("0");
    await page.locator("#f-opensAt").fill("08:00");
    await page.locator("#f-closesAt").fill("12:00");
    await page.getByRole("button", { name: "Zapisz" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(page.locator("#f-dailyCapacity")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#f-dailyCapacity-error")).toHaveText(
      "Podaj liczbę osób od 1 do 1000.",
    );
    await expect(page.locator("#f-name")).toHaveValue(CLINIC);
    await page.locator("#f-dailyCapacity").fill("2");
    await page.locator("#f-opensAt").fill("13:00");
    await page.getByRole("button", { name: "Zapisz" }).click();
    await expect(page.locator("#f-closesAt-error")).toHaveText(
      "Godzina zamknięcia musi być późniejsza niż godzina otwarcia.",
    );
    await page.locator("#f-opensAt").fill("08:00");
    await page.getByRole("button", { name: "Zapisz" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Zapisano przychodnię." }),
    ).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(CLINIC) });
    await expect(row).toContainText("08:00–12:00");
    await expect(row).toContainText("czynna");
  });

  await test.step("the plan's settings: a first day in the past is refused", async () => {
    await page.getByRole("link", { name: "Zaplanuj badania" }).click();
    await page.waitForURL("**/health/planning");
    await checkPage(page, consoleWatch, { path: "/health/planning", role: HEALTH }, "pl");
    await page.getByLabel("Przychodnia").selectOption({ label: `${CLINIC} (2 · 08:00–12:00)` });
    await page.getByLabel("Komórka organizacyjna").selectOption({ label: hp().unitName });
    await page.locator("#f-fromDate").fill(warsawDay(-1));
    await page.getByRole("button", { name: "Pokaż plan" }).click();
    await expect(page.locator("#f-fromDate-error")).toHaveText(
      "Pierwszy dzień badań musi być późniejszy niż dziś.",
    );
    await expect(page.getByRole("alert")).toBeFocused();
    await expect(page.getByRole("heading", { name: "Podgląd planu" })).toHaveCount(0);
  });

  await test.step("the preview: five people, three of them on later days", async () => {
    await page.locator("#f-fromDate").fill(warsawDay(14));
    await page.getByRole("button", { name: "Pokaż plan" }).click();
    await expect(page.getByRole("heading", { name: "Podgląd planu" })).toBeVisible();
    await expect(page.getByText(/^5 osób do zbadania w przychodni/)).toBeVisible();
    await expect(
      page.getByText(
        /^Nie wszyscy zmieszczą się \d{2}\.\d{2}\.\d{4} — 3 osoby przeniesiono na kolejne dni robocze\.$/,
      ),
    ).toBeVisible();
    const days = page.getByRole("table", { name: "Dni badań" });
    await expect(days.locator("tbody tr")).toHaveCount(3);
    await expect(days.locator("tbody tr").first()).toContainText("08:00–10:00");
    const people = page.getByRole("table", { name: "Osoby w planie" });
    await expect(people.locator("tbody tr")).toHaveCount(5);
    // The sub-unit is in; the colleague with a valid certificate is not.
    await expect(people).toContainText("Ąbrowska Bożena");
    await expect(people).toContainText("Żmijewska Łucja");
    await expect(people).not.toContainText("Zdrowy");
    const url = new URL(page.url());
    await checkPage(page, consoleWatch, { path: url.pathname + url.search, role: HEALTH }, "pl");
  });

  let resultPath = "";
  await test.step("saving the plan: five exams with referrals", async () => {
    await page.getByRole("button", { name: "Zapisz plan i wyślij powiadomienia" }).click();
    await page.waitForURL("**/health/planning/result?**");
    const url = new URL(page.url());
    resultPath = url.pathname + url.search;
    await checkPage(page, consoleWatch, { path: resultPath, role: HEALTH }, "pl");
    await expect(
      page.getByText(/^Zaplanowano 5 badań: skierowania SK\/\d{4}\/\d{4}–SK\/\d{4}\/\d{4}\./),
    ).toBeVisible();
    await expect(page.locator("tbody tr")).toHaveCount(5);
  });

  await test.step("the referral names the position and its hazards", async () => {
    const pdf = await download(
      page,
      page.getByRole("link", { name: "Skierowanie (PDF): Żmijewska Łucja" }),
    );
    expect(pdf.name).toMatch(/^skierowanie-SK-\d{4}-\d{4}\.pdf$/);
    const text = pdfText(pdf.bytes, pdf.name);
    for (const part of [
      "SKIEROWANIE NA BADANIA LEKARSKIE",
      "Rodzaj badania: wstępne",
      "Pana/Panią: Łucja Żmijewska",
      `stanowiskach pracy: ${hp().positionName} (${hp().unitName})`,
      "Praca przy monitorze ekranowym",
      "Obciążenie psychiczne pracą z klientem",
      "Praca w terenie",
      "Prowadzenie pojazdu do celów służbowych",
      "wskazanych w skierowaniu: 4",
      `${CLINIC}, ul. Świętojańska 12, Gdańsk`,
      "(podpis pracodawcy)",
    ]) {
      expect(text).toContain(part);
    }
  });

  await test.step("planned people are left out of the next plan", async () => {
    await page.goto("/health/planning");
    await page.getByLabel("Przychodnia").selectOption({ label: `${CLINIC} (2 · 08:00–12:00)` });
    await page.getByLabel("Komórka organizacyjna").selectOption({ label: hp().unitName });
    await page.locator("#f-fromDate").fill(warsawDay(14));
    await page.getByRole("button", { name: "Pokaż plan" }).click();
    await expect(
      page.getByText(/^Nikt w wybranym zakresie nie potrzebuje teraz badania/),
    ).toBeVisible();
    await expect(
      page.getByText("5 osób ma już zaplanowane badanie — nie ma ich w planie."),
    ).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Zapisz plan i wyślij powiadomienia" }),
    ).toHaveCount(0);
  });

  await test.step("the same pages in English", async () => {
    await setLanguage(page, "en");
    await checkPage(page, consoleWatch, { path: "/health/clinics", role: HEALTH }, "en");
    await checkPage(page, consoleWatch, { path: "/health/planning", role: HEALTH }, "en");
    await checkPage(page, consoleWatch, { path: resultPath, role: HEALTH }, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan saved");
  });
});

test("nobody without the health role reaches clinics or planning", async ({
  pageAs,
  consoleWatch,
}) => {
  for (const role of ["coordinator", "administrator", "employee"] as const) {
    const page = await pageAs(role);
    for (const path of ["/health/clinics", "/health/planning", "/health/planning/result"]) {
      await checkPage(page, consoleWatch, { path, role, status: 403 }, "pl");
    }
    await page.close();
  }
});
