// Answering surveys without signing in: a personal link (errors first, then stored, then the
// link spent), the same without JavaScript, a draft kept across a reload, a paper code at the
// kiosk, a closed cycle, and the client-service survey through a location's public link with
// the coordinator's links page and poster. Every page is checked for structure and axe.
import type { Page } from "@playwright/test";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  setLanguage,
  signIn,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const survey = () => seed().surveyAnswering;

/** Draft keys this tab holds in sessionStorage. */
const drafts = (page: Page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("przystan.")));

test.describe("a personal link", () => {
  test("an error first, with every answer kept; then stored; then the link is spent", async ({
    page,
    consoleWatch,
  }) => {
    const token = survey().tokens[0];
    await checkPage(page, consoleWatch, { path: `/survey/${token}` }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ankieta próbna");
    await expect(page.getByText("Twoje odpowiedzi są anonimowe")).toBeVisible();
    await expect(page.getByRole("link", { name: "Jak chronimy anonimowość" })).toBeVisible();

    // Show-if, live: the visits question applies only to those who work with clients.
    const visits = page.getByLabel(/Ile wizyt u klientów/);
    await expect(visits).toBeHidden();
    await page
      .getByRole("group", { name: /Czy pracujesz bezpośrednio/ })
      .getByLabel("Tak")
      .check();
    await expect(visits).toBeVisible();

    // Every radio group is a fieldset named by its question.
    const pace = page.getByRole("group", { name: /1\. Tempo pracy jest do przyjęcia/ });
    await expect(pace.getByRole("radio")).toHaveCount(5);
    await expect(page.getByText("Odpowiedzi: 1 z 7 pytań")).toBeVisible();

    await visits.fill("dużo");
    await page.getByLabel("Stres").check();
    const comment = page.getByLabel(/Co pomogłoby Ci najbardziej/);
    await comment.fill("Więcej superwizji,\nmniej papierów.");
    await expect(page.getByText("Zostało 1966 znaków")).toBeVisible();

    consoleWatch.allowStatus(422);
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Formularz zawiera 2 błędy");
    await expect(summary).toContainText(
      "Pytanie 1 („Tempo pracy jest do przyjęcia.”): Odpowiedź na to pytanie jest wymagana.",
    );
    await expect(summary).toContainText("Wpisz liczbę całkowitą, np. 12.");
    await expect(pace).toContainText("Odpowiedź na to pytanie jest wymagana.");
    // The summary's link leads to the question's first answer.
    await summary.getByRole("link", { name: /Pytanie 1/ }).click();
    await expect(page.locator("#q-tempo")).toBeFocused();
    // Everything as typed.
    await expect(visits).toHaveValue("dużo");
    await expect(visits).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Stres")).toBeChecked();
    await expect(comment).toHaveValue("Więcej superwizji,\nmniej papierów.");
    await expectNoSeriousA11yViolations(page, "/survey/:token with errors");

    await pace.getByLabel("Raczej tak").check();
    await visits.fill("12");
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page).toHaveURL(/\/survey\/dziekujemy$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dziękujemy!");
    await expect(page.getByText("Godziny wysłania, adresu IP")).toBeVisible();
    await expect.poll(() => drafts(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page, "/survey/dziekujemy");
    // No cookie was set by any of these pages.
    expect(await page.context().cookies()).toEqual([]);

    await checkPage(page, consoleWatch, { path: `/survey/${token}`, status: 410 }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Ankieta została już wypełniona",
    );
  });

  test("in English: the questions and the errors", async ({ page, consoleWatch }) => {
    await setLanguage(page, "en");
    await checkPage(page, consoleWatch, { path: `/survey/${survey().tokens[1]}` }, "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trial survey");
    consoleWatch.allowStatus(422);
    await page.getByRole("button", { name: "Send answers" }).click();
    await expect(page.getByRole("alert")).toContainText(
      "Question 1 (“The pace of work is acceptable.”)",
    );
    await expectNoSeriousA11yViolations(page, "/survey/:token with errors (en)");
  });

  test("without JavaScript: every question shown, a hidden one's answer ignored", async ({
    browser,
  }) => {
    const context = await browser.newContext({
      baseURL: SEEDED.url,
      locale: "pl-PL",
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`/survey/${survey().tokens[2]}`);
    const visits = page.getByLabel(/Ile wizyt u klientów/);
    await expect(visits).toBeVisible();
    await expect(page.getByText("To pytanie dotyczy tylko niektórych osób")).toBeVisible();
    // "No" hides the visits question, so what is typed there is neither checked nor stored.
    await page
      .getByRole("group", { name: /Czy pracujesz bezpośrednio/ })
      .getByLabel("Nie")
      .check();
    await visits.fill("nie wiem");
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Formularz zawiera 1 błąd");
    await expect(summary).toContainText("Pytanie 1");
    await expect(visits).toHaveValue("nie wiem");
    await page
      .getByRole("group", { name: /Tempo pracy/ })
      .getByLabel("Raczej nie")
      .check();
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dziękujemy!");
    await context.close();
  });

  test("a draft survives a reload and is gone once the answers are sent", async ({ page }) => {
    await page.goto(`/survey/${survey().tokens[3]}`);
    await waitForHydration(page);
    await page
      .getByRole("group", { name: /Czy pracujesz bezpośrednio/ })
      .getByLabel("Tak")
      .check();
    await page.getByLabel(/Co pomogłoby Ci najbardziej/).fill("Wsparcie psychologa");
    await expect.poll(() => drafts(page)).toHaveLength(1);
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByText("Przywrócono odpowiedzi wpisane wcześniej")).toBeVisible();
    await expect(page.getByLabel(/Co pomogłoby Ci najbardziej/)).toHaveValue("Wsparcie psychologa");
    await expect(page.getByLabel(/Ile wizyt u klientów/)).toBeVisible();
    await page
      .getByRole("group", { name: /Tempo pracy/ })
      .getByLabel("Zdecydowanie tak")
      .check();
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dziękujemy!");
    await expect.poll(() => drafts(page)).toEqual([]);
  });

  test("works on a 320 px phone without scrolling sideways", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/survey/${survey().tokens[4]}`);
    await waitForHydration(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
  });

  test("a closed cycle's link says so, with the date; an unknown link is not found", async ({
    page,
    consoleWatch,
  }) => {
    await checkPage(
      page,
      consoleWatch,
      { path: `/survey/${survey().closedToken}`, status: 410 },
      "pl",
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ankieta jest zamknięta");
    await expect(page.getByText(/przyjmowała odpowiedzi do \d\d\.\d\d\.\d{4}/)).toBeVisible();
    await checkPage(
      page,
      consoleWatch,
      { path: "/survey/to-nie-jest-zaden-link", status: 404 },
      "pl",
    );
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nie znaleziono ankiety");
  });

  test("the anonymity page is public and linked from the questionnaire", async ({
    page,
    consoleWatch,
  }) => {
    await page.goto(`/survey/${survey().tokens[5]}`);
    await waitForHydration(page);
    await page.getByRole("link", { name: "Jak chronimy anonimowość" }).click();
    await expect(page).toHaveURL(/\/survey\/anonimowosc$/);
    await checkPage(page, consoleWatch, { path: "/survey/anonimowosc" }, "pl");
    await expect(
      page.getByRole("heading", { level: 2, name: "Badanie pracowników" }),
    ).toBeVisible();
  });
});

test("a paper code at the kiosk: wrong codes told, then the questionnaire, then the next person", async ({
  page,
  consoleWatch,
}) => {
  await checkPage(page, consoleWatch, { path: "/survey" }, "pl");
  const field = page.getByLabel("Kod z kartki");
  const go = page.getByRole("button", { name: "Przejdź do ankiety" });
  consoleWatch.allowStatus(422);
  await field.fill("ABC");
  await go.click();
  await expect(page.getByRole("alert")).toContainText("Kod ma 12 znaków");
  await expect(field).toHaveValue("ABC");
  await field.fill("ZZZZ-ZZZZ-ZZZZ");
  await go.click();
  await expect(page.getByRole("alert")).toContainText("Nie ma takiego kodu");
  await expectNoSeriousA11yViolations(page, "/survey with errors");

  // Typed leniently: lower case, spaces for dashes.
  const code = survey().paperCodes[0];
  await field.fill(code.toLowerCase().replace(/-/g, " "));
  await go.click();
  await expect(page).toHaveURL(new RegExp(`/survey/${code}\\?kiosk=1$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ankieta próbna");
  await expectNoSeriousA11yViolations(page, "/survey/:code?kiosk=1");
  await page
    .getByRole("group", { name: /Tempo pracy/ })
    .getByLabel("Raczej tak")
    .check();
  await page
    .getByRole("group", { name: /Czy pracujesz bezpośrednio/ })
    .getByLabel("Nie")
    .check();
  await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();

  // Back at the code field, empty, for the next person; nothing kept in the browser.
  await expect(page).toHaveURL(/\/survey\?done=1$/);
  await expect(page.getByText("Następna osoba może wpisać swój kod")).toBeVisible();
  await expect(field).toHaveValue("");
  expect(await drafts(page)).toEqual([]);
  await field.fill(code);
  await go.click();
  await expect(page.getByRole("alert")).toContainText("Ten kod został już wykorzystany");
});

test.describe("the client-service survey", () => {
  test("answered through a location's public link, without signing in", async ({
    page,
    consoleWatch,
  }) => {
    const path = `/opinia/${survey().clientSlug}`;
    await checkPage(page, consoleWatch, { path }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ocena obsługi w ośrodku");
    await expect(page.getByText("MOPS Testowo · Dział A")).toBeVisible();
    await expect(
      page.getByText("Nie pytamy o imię, nazwisko ani numer sprawy").first(),
    ).toBeVisible();
    const overall = page.getByRole("group", { name: /Moja ogólna ocena obsługi/ });
    await overall.getByLabel("Dobrze", { exact: true }).check();
    const suggestion = page.getByLabel(/Co możemy zmienić/);
    await expect(page.getByText("Najwyżej 1000 znaków.")).toBeVisible();
    await suggestion.fill("x".repeat(1003));
    await expect(page.getByText("Za dużo o 3 znaki")).toBeVisible();
    consoleWatch.allowStatus(422);
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByRole("alert")).toContainText("Odpowiedź jest za długa");
    await expect(overall.getByLabel("Dobrze", { exact: true })).toBeChecked();
    await suggestion.fill('<script>alert("x")</script> Krótsza kolejka');
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page).toHaveURL(new RegExp(`${path}\\?done=1$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dziękujemy za ocenę!");
    await expect(page.getByText("placówce Dział A")).toBeVisible();
    await expectNoSeriousA11yViolations(page, "/opinia/:slug?done=1");
    expect(await page.context().cookies()).toEqual([]);

    await checkPage(page, consoleWatch, { path: "/opinia/0000000000zz", status: 404 }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nie znaleziono ankiety");
  });

  test("the coordinator lists the locations' links and prints a poster", async ({
    pageAs,
    consoleWatch,
  }) => {
    const page = await pageAs("coordinator");
    const base = `/surveys/${survey().clientCycle}/links`;
    await checkPage(page, consoleWatch, { path: base, role: "coordinator" }, "pl");
    const row = page.getByRole("row", { name: /Dział A/ });
    await expect(
      row.getByRole("link", { name: new RegExp(`/opinia/${survey().clientSlug}$`) }),
    ).toBeVisible();
    await expect(
      row.getByRole("img", { name: "Kod QR z linkiem do ankiety: Dział A" }),
    ).toBeVisible();
    await page.getByRole("link", { name: /^Plakat do wydruku\s*: Dział A$/ }).click();
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(
      "Oceń naszą obsługę — anonimowo",
    );
    await expect(page.getByText(`/opinia/${survey().clientSlug}`)).toBeVisible();
    await expectNoSeriousA11yViolations(page, "/surveys/:id/links/print");
    // The search finds the location; another word finds none.
    await page.goto(`${base}?q=nie-ma-takiej`);
    await expect(page.getByText("Żadna placówka nie pasuje do wyszukiwania.")).toBeVisible();
  });

  test("a staff cycle has no public links, and the page says so", async ({
    page,
    consoleWatch,
  }) => {
    await signIn(page, survey().coordinatorEmail, seed().password);
    await checkPage(
      page,
      consoleWatch,
      { path: `/surveys/${survey().staffCycle}/links`, role: "coordinator" },
      "pl",
    );
    await expect(page.getByText("To badanie pracowników")).toBeVisible();
  });
});
