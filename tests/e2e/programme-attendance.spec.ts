// Attendance and certificates end to end: a coordinator marks a running session's attendance on
// a 320 px phone (an error first, then saved), keeps the signed sheet's scan (a wrong file
// refused), prints the sheet (read back with pdftotext); issues a certificate to the participant
// who has now completed, downloads it (pdftotext again) and anyone signed out confirms it by its
// number — until it is revoked. An employee finds hours and certificates on "Moje szkolenia".
import type { Page } from "@playwright/test";
import {
  checkPage,
  download,
  expect,
  expectNoSeriousA11yViolations,
  pdfText,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { TINY_PNG } from "./seed-programme-attend.ts";

const p = () => seed().programmeAttend;

/** A person's present / absent radio button, inside the fieldset their name labels. */
function choice(page: Page, name: string, label: "Obecność" | "Nieobecność") {
  return page
    .getByRole("group", { name: new RegExp(`^${name}`) })
    .getByRole("radio", { name: label, exact: true });
}

test.describe.configure({ mode: "serial" });

test("a coordinator marks attendance on a phone, keeps the scan and prints the sheet", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  await page.setViewportSize({ width: 320, height: 800 });
  const path = `/programme/sessions/${p().runningSession}/attendance`;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Obecność — spotkanie 2 z 2");
  // Nothing but a data table may scroll sideways on a 320 px screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

  await test.step("the list: confirmed participants only, by last name in Polish order", async () => {
    const legends = page.locator(".attendance-person legend");
    await expect(legends).toHaveCount(3);
    await expect(legends.nth(0)).toContainText("Lis Ewa");
    await expect(legends.nth(1)).toContainText("Łęcki Jan");
    await expect(legends.nth(2)).toContainText("Żółkiewska-Łęcka Anna");
    await expect(page.getByText("Rezerwowy")).toHaveCount(0);
    // Touch targets: each choice at least 44 px high.
    const box = await page.locator(`label[for="p-${p().people.anna}-yes"]`).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  });

  await test.step("minutes longer than the session: an error next to the field", async () => {
    consoleWatch.allowStatus(422);
    await choice(page, "Żółkiewska-Łęcka Anna", "Obecność").check();
    await choice(page, "Łęcki Jan", "Nieobecność").check();
    await choice(page, "Lis Ewa", "Obecność").check();
    const ewaMinutes = page.locator(`#f-minutes-${p().people.ewa}`);
    await ewaMinutes.fill("999");
    await page.getByRole("button", { name: "Zapisz obecność" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Minuty obecności: Ewa Lis");
    await expect(ewaMinutes).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#f-minutes-${p().people.ewa}-error`)).toHaveText(
      "Podaj liczbę minut od 1 do długości spotkania.",
    );
    // What was chosen is kept.
    await expect(choice(page, "Łęcki Jan", "Nieobecność")).toBeChecked();
    await expectNoSeriousA11yViolations(page, `${path} with errors`);
  });

  await test.step("corrected, it is saved; saving again changes nothing", async () => {
    await page.locator(`#f-minutes-${p().people.ewa}`).fill("240");
    await page.getByRole("button", { name: "Zapisz obecność" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Zapisano obecność" })).toHaveText(
      "Zapisano obecność: 3 osoby.",
    );
    await expect(choice(page, "Żółkiewska-Łęcka Anna", "Obecność")).toBeChecked();
    await expect(page.locator(`#f-minutes-${p().people.ewa}`)).toHaveValue("240");
    await page.getByRole("button", { name: "Zapisz obecność" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Zapisano obecność" })).toBeVisible();
    await expect(choice(page, "Łęcki Jan", "Nieobecność")).toBeChecked();
  });

  await test.step("a scan that is no PDF or image is refused; a PNG is kept", async () => {
    const file = page.getByLabel("Plik ze skanem");
    await file.setInputFiles({
      name: "lista.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("To jest zwykły tekst, nie skan."),
    });
    await page.getByRole("button", { name: "Zapisz skan" }).click();
    await expect(page.locator("#f-file-error")).toHaveText("To nie jest plik PDF, JPEG ani PNG.");
    await expect(file).toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Plik ze skanem").setInputFiles({
      name: "lista-spotkanie-2.png",
      mimeType: "image/png",
      buffer: TINY_PNG,
    });
    await page.getByRole("button", { name: "Zapisz skan" }).click();
    await expect(page.getByText("Zapisano skan listy obecności.")).toBeVisible();
    await expect(page.getByText(/Zapisany skan: lista-spotkanie-2\.png/)).toBeVisible();
    const scan = await download(page, page.getByRole("link", { name: "Pobierz skan" }));
    expect(scan.name).toBe("lista-spotkanie-2.png");
    expect(Buffer.compare(scan.bytes, TINY_PNG)).toBe(0);
  });

  await test.step("the attendance sheet PDF prints the names with Polish letters", async () => {
    const sheet = await download(
      page,
      page.getByRole("link", { name: "Pobierz listę obecności do podpisu (PDF)" }),
    );
    expect(sheet.name).toMatch(/^lista-obecnosci-\d{4}-\d{2}-\d{2}-2\.pdf$/);
    const text = pdfText(sheet.bytes, "lista.pdf");
    expect(text).toContain("Lista obecności");
    expect(text).toContain(p().trainingTitle);
    expect(text).toContain("Spotkanie 2 z 2");
    // The seeded meeting runs from an hour ago for eight hours: on one day "24.11.2026,
    // 10:00–18:00", or, when the run is late in the day, "24.11.2026, 16:36 – 25.11.2026, 00:36".
    expect(text).toMatch(
      /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}(–\d{2}:\d{2}| – \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2})/,
    );
    expect(text).toContain("Sala 102, ul. Wałowa 1, Gdańsk");
    expect(text).toContain("Projekt współfinansowany ze środków Unii Europejskiej");
    const names = ["1. Lis Ewa", "2. Łęcki Jan", "3. Żółkiewska-Łęcka Anna"];
    for (const n of names) expect(text).toContain(n);
  });

  await test.step("the activity's page counts the marks and the hours", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await checkPage(
      page,
      consoleWatch,
      { path: `/programme/${p().training}/attendance`, role: "coordinator" },
      "pl",
    );
    const sessions = page.getByRole("table", { name: "Spotkania" });
    await expect(sessions.getByRole("row").nth(2)).toContainText("2 z 3 (zaznaczono 3)");
    const people = page.getByRole("table", { name: "Uczestnicy i godziny" });
    // Anna: 3 h + 8 h = 11 of 11 h; Ewa: 4 h of 11; Jan: 2 h of 11.
    await expect(people.getByRole("row", { name: /Żółkiewska-Łęcka Anna/ })).toContainText("100 %");
    await expect(people.getByRole("row", { name: /Lis Ewa/ })).toContainText("36 %");
  });
});

test("a certificate is issued, downloaded, verified signed out, and revoked", async ({
  pageAs,
  browser,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  const path = `/programme/${p().training}/certificates`;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  const table = page.getByRole("table", { name: "Uczestnicy" });
  await expect(table.getByRole("row", { name: /Łęcki Jan/ })).toContainText("nie ukończono");

  await test.step("issue to the one who completed", async () => {
    await page.getByRole("button", { name: "Wydaj zaświadczenie: Anna Żółkiewska-Łęcka" }).click();
    await expect(page.getByText("Wydano 1 zaświadczenie.")).toBeVisible();
    await expect(
      page.getByRole("button", { name: "Wydaj zaświadczenie: Anna Żółkiewska-Łęcka" }),
    ).toHaveCount(0);
  });

  const link = page.getByRole("link", { name: "Zaświadczenie (PDF): Anna Żółkiewska-Łęcka" });
  const number = (await link.textContent())!.trim();
  expect(number).toMatch(/^ZAS\/\d{4}\/[2-9A-Z]{4}-[2-9A-Z]{4}$/);

  await test.step("its PDF names the person, activity, hours and number", async () => {
    const pdf = await download(page, link);
    expect(pdf.name).toBe(`zaswiadczenie-${number.replace(/\//g, "-")}.pdf`);
    const text = pdfText(pdf.bytes, "zaswiadczenie.pdf");
    expect(text).toContain("ZAŚWIADCZENIE");
    expect(text).toContain("Anna Żółkiewska-Łęcka");
    expect(text).toContain(p().trainingTitle);
    expect(text).toContain("11 godz. zegarowych");
    expect(text).toContain(`nr ${number}`);
    expect(text).toContain(`/zaswiadczenie/${number}`);
  });

  await test.step("anyone signed out confirms it by its number", async () => {
    const context = await browser.newContext({ locale: "pl-PL" });
    consoleWatch.attach(context);
    const anon = await context.newPage();
    await checkPage(anon, consoleWatch, { path: "/zaswiadczenie" }, "pl");
    consoleWatch.allowStatus(404);
    await anon.getByLabel("Numer zaświadczenia").fill("ZAS/2020/2222-2222");
    await anon.getByRole("button", { name: "Sprawdź" }).click();
    await expect(anon.locator("#f-number-error")).toHaveText(
      "Nie znaleziono zaświadczenia o tym numerze.",
    );
    // Typed loosely: lower case, hyphens for slashes.
    await anon.getByLabel("Numer zaświadczenia").fill(number.toLowerCase().replace(/\//g, "-"));
    await anon.getByRole("button", { name: "Sprawdź" }).click();
    await anon.waitForURL((u) => decodeURIComponent(u.pathname) === `/zaswiadczenie/${number}`);
    await waitForHydration(anon);
    await expect(anon.getByRole("heading", { level: 2 })).toHaveText(
      "Zaświadczenie jest prawdziwe i ważne",
    );
    const facts = anon.locator(".verify-result");
    await expect(facts).toContainText("Anna Żółkiewska-Łęcka");
    await expect(facts).toContainText(p().trainingTitle);
    await expect(facts).toContainText("11 godz. zegarowych");
    // Only the minimum: no employer, no unit, no e-mail, no attendance detail.
    await expect(facts).not.toContainText("MOPS Testowo");
    await expect(facts).not.toContainText("Dział");
    await expect(facts).not.toContainText("@");
    await expectNoSeriousA11yViolations(anon, "verification (valid)");
    await context.close();
  });

  await test.step("revoked with a reason, it verifies as revoked", async () => {
    consoleWatch.allowStatus(422);
    const row = table.getByRole("row", { name: /Żółkiewska-Łęcka Anna/ });
    await row.getByText("Unieważnij…").click();
    await row.getByRole("button", { name: "Unieważnij zaświadczenie" }).click();
    const reason = page.getByLabel(`Powód unieważnienia zaświadczenia ${number}`);
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    await expect(
      page.getByText("Podaj powód unieważnienia (co najmniej 3 znaki).").first(),
    ).toBeVisible();
    await reason.fill("Błąd w nazwisku uczestniczki.");
    await page.getByRole("button", { name: "Unieważnij zaświadczenie" }).click();
    await expect(page.getByText("Zaświadczenie unieważniono.")).toBeVisible();
    const revoked = page.getByRole("table", { name: "Unieważnione zaświadczenia" });
    await expect(revoked.getByRole("row", { name: new RegExp(number) })).toContainText(
      "Błąd w nazwisku uczestniczki.",
    );
    const context = await browser.newContext({ locale: "pl-PL" });
    const anon = await context.newPage();
    await anon.goto(`/zaswiadczenie/${number}`);
    await expect(anon.getByRole("heading", { level: 2 })).toHaveText(
      /^Zaświadczenie unieważnione \d{2}\.\d{2}\.\d{4}$/,
    );
    await expect(anon.locator(".verify-result")).not.toContainText("Żółkiewska");
    await context.close();
  });
});

test("an employee sees upcoming sessions, hours and certificates on Moje szkolenia", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("employee");
  await page.goto("/");
  await page
    .getByRole("navigation", { name: "Menu główne" })
    .getByRole("link", { name: "Moje szkolenia" })
    .click();
  await page.waitForURL((u) => u.pathname === "/my/development");
  await checkPage(page, consoleWatch, { path: "/my/development", role: "employee" }, "pl");
  const upcoming = page.getByRole("table", { name: "Najbliższe spotkania" });
  const webinar = upcoming.getByRole("row", { name: new RegExp(p().upcomingTitle) });
  await expect(webinar.getByRole("link", { name: "Dołącz do spotkania online" })).toHaveAttribute(
    "href",
    "https://spotkania.example.pl/higiena-pracy",
  );
  const hours = page.getByRole("table", { name: "Godziny udziału" });
  // Two sessions of 3 h = 8 academic hours, all attended.
  await expect(
    hours.getByRole("row", { name: /Warsztat redukcji stresu — zakończony/ }),
  ).toContainText("8 godz. dydaktycznych (45 min)");
  await expect(page.locator("p", { hasText: "Razem:" })).toContainText("8 godz. dydaktycznych");
  const certificates = page.getByRole("table", { name: "Zaświadczenia" });
  const pdf = await download(
    page,
    certificates.getByRole("link", {
      name: `Pobierz zaświadczenie ${p().certificateNumber} (PDF)`,
    }),
  );
  const text = pdfText(pdf.bytes, "moje.pdf");
  expect(text).toContain("Test employee");
  expect(text).toContain("8 godz. dydaktycznych");
});
