// The coordinator's side of a survey cycle: importing a questionnaire (errors listed with their
// place in the file, then a new version and its JSON export), a cycle created with errors first,
// opened, answered through a link from the mail log, reminded (only those who have not
// answered), extended and closed; paper codes printed once; the review of open answers; the
// survey thresholds in the centre settings; and a manager who sees closed cycles only.
import { request as playwrightRequest } from "@playwright/test";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  setLanguage,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const coordinatorSeed = () => seed().surveyCoordinator;

/** A Warsaw calendar day, days from today, as a date field takes it (yyyy-mm-dd). */
function day(offset: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
    new Date(Date.now() + offset * 24 * 3_600_000),
  );
}

const t = (pl: string, en = pl) => ({ pl, en });
const points = [1, 2, 3, 4, 5].map((value) => ({ value, label: t(`${value}`) }));
function questionnaire(scaleItems: string[]) {
  return {
    formatVersion: 1,
    id: "e2e-import",
    title: t("Ankieta z importu", "Imported survey"),
    sections: [
      {
        id: "s1",
        title: t("Część 1", "Part 1"),
        items: [
          { id: "a1", kind: "likert", text: t("Pytanie pierwsze"), points, required: true },
          { id: "a2", kind: "likert", text: t("Pytanie drugie"), points },
          { id: "uwagi", kind: "text", text: t("Uwagi") },
        ],
      },
    ],
    scales: [
      {
        id: "s",
        name: t("Skala"),
        items: scaleItems,
        minAnswered: 1,
        higherIs: "worse",
        bands: [
          { id: "low", label: t("Niski"), from: 0, to: 50 },
          { id: "high", label: t("Wysoki"), from: 50, to: 100 },
        ],
      },
    ],
  };
}

test("a questionnaire is imported: errors with their place in the file, then a new version and its export", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("coordinator");
  await page.goto("/surveys/instruments");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ankiety");
  consoleWatch.allowStatus(422);

  const paste = page.getByLabel("albo wklej treść pliku");
  await paste.fill('{"formatVersion": 1,');
  await page.getByRole("button", { name: "Importuj" }).click();
  await expect(page.locator("#f-json-error")).toHaveText(/To nie jest poprawny JSON/);
  await expect(paste).toHaveAttribute("aria-invalid", "true");

  await paste.fill(JSON.stringify(questionnaire(["a1", "nie-ma", "uwagi"])));
  await page.getByRole("button", { name: "Importuj" }).click();
  const errors = page.getByRole("region", { name: /W pliku są 2 błędy/ });
  await expect(errors).toContainText(
    "skala 1 › pytanie 2 (scales.0.items.1): skala wskazuje pytanie, którego nie ma",
  );
  await expect(errors).toContainText("tego pytania nie da się policzyć w skali");
  // What was pasted is kept, to be corrected.
  await expect(paste).toHaveValue(/nie-ma/);
  await expectNoSeriousA11yViolations(page, "/surveys/instruments with import errors");

  await paste.fill(JSON.stringify(questionnaire(["a1", "a2"])));
  await page.getByRole("button", { name: "Importuj" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ankieta z importu (wersja 1)");
  await expect(page.getByText("Zapisano nową wersję ankiety.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Część 1" })).toBeVisible();
  await expect(page.getByText("Pokazywane, gdy")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Skale" })).toContainText("Niski: 0–50");

  // The export is the stored definition, to be edited and imported again.
  const href = await page.getByRole("link", { name: "Eksportuj JSON" }).getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.headers()["content-disposition"]).toContain('filename="e2e-import-v1.json"');
  const exported = await res.json();
  expect(exported).toMatchObject({ id: "e2e-import", scales: [{ items: ["a1", "a2"] }] });

  exported.title.pl = "Ankieta z importu, poprawiona";
  await page.goto("/surveys/instruments");
  await page.getByLabel("albo wklej treść pliku").fill(JSON.stringify(exported));
  await page.getByRole("button", { name: "Importuj" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Ankieta z importu, poprawiona (wersja 2)",
  );
  await expect(page.getByRole("heading", { name: "Wszystkie wersje" })).toBeVisible();

  // The library: the shipped questionnaires, added on request.
  await page.goto("/surveys/instruments?q=import");
  await expect(page.getByRole("status").first()).toHaveText("1 wynik");
  await expect(page.getByRole("region", { name: "Biblioteka Przystani" })).toContainText(
    "Badanie obciążenia zawodowego",
  );
});

test("a whole cycle: created with errors first, opened, answered, reminded, extended, closed", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("coordinator");
  const name = `E2E: cykl koordynatora ${Date.now()}`;
  await checkPage(page, consoleWatch, { path: "/surveys/new", role: "coordinator" }, "pl");

  // Errors first: each next to its field, with what was ticked kept.
  consoleWatch.allowStatus(422);
  await page.getByLabel("Dział A", { exact: true }).check();
  await page.getByLabel("Data zamknięcia").fill(day(-3));
  await page.getByRole("button", { name: "Utwórz szkic badania" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Ankieta: To pole jest wymagane.");
  await expect(summary).toContainText("Nazwa badania: To pole jest wymagane.");
  await expect(summary).toContainText("Data zamknięcia:");
  await expect(page.getByLabel("Nazwa badania")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Dział A", { exact: true })).toBeChecked();
  await expectNoSeriousA11yViolations(page, "/surveys/new with errors");

  await page.getByLabel("Ankieta", { exact: true }).selectOption({
    label: "Ankieta testowa (wersja 1)",
  });
  await page.getByLabel("Nazwa badania").fill(name);
  await page.getByLabel("Data otwarcia").fill(day(0));
  await page.getByLabel("Godzina otwarcia").fill("00:00");
  await page.getByLabel("Data zamknięcia").fill(day(14));
  await page.getByLabel("Godzina zamknięcia").fill("16:00");
  await page.getByLabel("Przypomnienie 1").fill(day(30));
  await page.getByRole("button", { name: "Utwórz szkic badania" }).click();
  await expect(page.locator("#f-reminderDates-error")).toHaveText(
    "Dni przypomnień muszą przypadać od dnia otwarcia do dnia zamknięcia badania.",
  );
  await page.getByLabel("Przypomnienie 1").fill(day(3));
  await page.getByRole("button", { name: "Utwórz szkic badania" }).click();

  await page.waitForURL(/\/surveys\/[0-9a-f-]{36}\?created=1$/);
  const cycleUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText("Utworzono szkic badania.")).toBeVisible();
  await expect(page.getByText("komórki (z podkomórkami): Dział A")).toBeVisible();
  const toInvite = page.getByText(/Po otwarciu zaproszenie dostanie \d+ os/);
  const invited = Number((await toInvite.textContent())!.match(/(\d+)/)![1]);
  expect(invited).toBeGreaterThan(2);

  // Opening asks for confirmation, and says how many will be invited.
  await page.getByRole("link", { name: "Otwórz teraz" }).click();
  const confirm = page.getByRole("region", { name: "Otworzyć badanie teraz?" });
  await expect(confirm).toContainText(`${invited} os`);
  await expect(page.getByRole("heading", { name: "Otworzyć badanie teraz?" })).toBeFocused();
  await expectNoSeriousA11yViolations(page, `${cycleUrl} confirming the opening`);
  await confirm.getByRole("button", { name: "Otwórz i wyślij zaproszenia" }).click();
  await expect(page.getByRole("status").first()).toContainText("Badanie otwarte.");
  await expect(page.getByText("Otwarte", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Otwórz teraz" })).toHaveCount(0);
  await expect(page.getByText(new RegExp(`Cały ośrodek: 0 z ${invited} \\(0`))).toBeVisible();

  // The employee answers through the link from the mail log.
  const admin = await pageAs("administrator");
  await admin.goto(`/admin/mail?q=${encodeURIComponent("employee@testowo.pl")}`);
  const invitation = admin.locator("li.card", { has: admin.getByRole("heading", { name }) });
  await expect(invitation).toHaveCount(1);
  const body = (await invitation.locator("pre.mail-body").textContent()) ?? "";
  const token = body.match(/\/survey\/([A-Za-z0-9_-]+)/)?.[1];
  expect(token, body).toBeTruthy();
  const anonymous = await playwrightRequest.newContext({ baseURL: SEEDED.url });
  const answered = await anonymous.post("/api/v1/responses", {
    data: { token, answers: { q1: 4, t1: "Mniej papierów." } },
    headers: { Origin: SEEDED.url },
  });
  expect(answered.status()).toBe(201);
  await anonymous.dispose();

  // Reminders: only to those who have not answered, and the page says how many, never who.
  await page.reload();
  await expect(page.getByText(`Cały ośrodek: 1 z ${invited}`)).toBeVisible();
  await expect(
    page.getByText(`Przypomnienie wysłane teraz dostałoby ${invited - 1} os`),
  ).toBeVisible();
  await page.getByRole("link", { name: "Wyślij przypomnienia teraz" }).click();
  await page.getByRole("button", { name: "Wyślij przypomnienia" }).click();
  await expect(page.getByRole("status").first()).toContainText(`Wysłano ${invited - 1} przypomn`);
  await expect(page.getByText("Przypomnienie wysłane teraz dostałoby 0 osób.")).toBeVisible();

  await admin.goto(`/admin/mail?q=${encodeURIComponent(`Przypomnienie — ankieta: ${name}`)}`);
  const reminders = admin.locator("li.card");
  await expect(reminders.first()).toContainText("Ten link zastępuje link z poprzedniej wiadomości");
  // The mail log pages; every page is counted, and nobody who answered is among them.
  const next = admin.getByRole("navigation", { name: "Stronicowanie" }).getByRole("link", {
    name: "Następna",
  });
  let sent = 0;
  for (;;) {
    await expect(reminders.first()).toBeVisible();
    sent += await reminders.count();
    await expect(reminders.filter({ hasText: "employee@testowo.pl" })).toHaveCount(0);
    if ((await next.count()) === 0) break;
    const url = admin.url();
    await next.click();
    await expect(admin).not.toHaveURL(url);
  }
  expect(sent).toBe(invited - 1);

  // Extending: a date before the current closing is refused next to the field.
  await page.getByRole("link", { name: "Przedłuż badanie" }).click();
  const extend = page.getByRole("region", { name: "Przedłużyć badanie?" });
  await extend.getByLabel("Data zamknięcia").fill(day(1));
  await extend.getByRole("button", { name: "Przedłuż" }).click();
  await expect(page.locator("#f-closesAt-error")).toHaveText(
    "Nowy termin zamknięcia musi być późniejszy niż obecny i przypadać w przyszłości.",
  );
  await expectNoSeriousA11yViolations(page, `${cycleUrl} extending with an error`);
  await extend.getByLabel("Data zamknięcia").fill(day(21));
  await extend.getByRole("button", { name: "Przedłuż" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Badanie przedłużono.");

  // Closing early, confirmed: then the results and the review of open answers are offered.
  await page.getByRole("link", { name: "Zamknij wcześniej" }).click();
  await page.getByRole("button", { name: "Zamknij badanie" }).click();
  await expect(page.getByRole("status").first()).toContainText("Badanie zamknięte");
  await expect(page.getByRole("link", { name: "Wyniki" })).toHaveAttribute(
    "href",
    `${cycleUrl}/results`,
  );
  await expect(page.getByRole("link", { name: "Przedłuż badanie" })).toHaveCount(0);
  await expect(page.getByText("1 odpowiedź otwarta.")).toBeVisible();

  // The list: found by name, sorted, with its status and response rate.
  await page.goto(`/surveys?q=${encodeURIComponent(name)}&sort=name`);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Zamknięte");
  await expect(row).toContainText(`1 z ${invited}`);
});

test("paper codes are shown once, on slips to cut out", async ({ pageAs, consoleWatch }) => {
  const page = await pageAs("coordinator");
  const path = `/surveys/${coordinatorSeed().draft}/paper-codes`;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  await expect(page.getByText("kody pokażemy tylko raz")).toBeVisible();

  consoleWatch.allowStatus(422);
  await page.getByLabel("Liczba kodów").fill("501");
  await page.getByRole("button", { name: "Utwórz kody" }).click();
  await expect(page.locator("#f-count-error")).toHaveText("Podaj liczbę kodów od 1 do 500.");
  await expect(page.locator("#f-unitId-error")).toBeVisible();

  await page.getByLabel("Komórka organizacyjna").selectOption({ label: "Dział A" });
  await page
    .getByLabel("Grupa pracowników")
    .selectOption({ label: "Bezpośredni kontakt z klientem" });
  await page.getByLabel("Liczba kodów").fill("3");
  await page.getByRole("button", { name: "Utwórz kody" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kody papierowe do wydruku");
  const slips = page.getByRole("list", { name: "Kartki z kodami" }).getByRole("listitem");
  await expect(slips).toHaveCount(3);
  const codes = await slips.locator(".slip-code").allTextContents();
  for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(slips.first()).toContainText(`${SEEDED.url}/survey`);
  await expect(slips.first()).toContainText("kod nie jest przypisany do żadnej osoby");
  await expectNoSeriousA11yViolations(page, `${path} with slips`);

  // Printed: the page chrome is left out, the slips stay.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(slips.first()).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Once left, the codes are gone for good; the counts stay.
  await page.getByRole("link", { name: "Wydrukowane — wróć" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kody papierowe");
  const issued = page.getByRole("row", { name: /Dział A/ });
  await expect(issued).toContainText("Bezpośredni kontakt z klientem");
  await expect(page.getByText(codes[0])).toHaveCount(0);
});

test("open answers are reviewed after the close: masked, approved, excluded", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("coordinator");
  await page.goto(`/surveys/${coordinatorSeed().draft}/comments`);
  await expect(page.getByText("dopiero po zamknięciu badania")).toBeVisible();

  const path = `/surveys/${coordinatorSeed().closed}/comments`;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  const card = page.getByRole("article").filter({ hasText: "sprawa 123/2026" });
  await expect(card).toHaveCount(1);
  // One answer from a unit of one: the unit is not named.
  await expect(card).toContainText("komórka ukryta");
  await expect(card).not.toContainText("Dział B");

  await card.getByRole("button", { name: "Ukryj cyfry" }).click();
  const text = card.getByLabel("Tekst do wyników");
  await expect(text).toHaveValue(/sprawa \[…\] ciągnie się/);
  await expect(page.getByRole("status").first()).toContainText("Odpowiedź czeka na zatwierdzenie");

  await text.fill("Za dużo spraw na osobę.");
  await card.getByRole("button", { name: "Zatwierdź" }).click();
  await expect(page.getByRole("status").first()).toContainText("Odpowiedź zatwierdzona");
  await expect(page.getByText("Wszystkie odpowiedzi otwarte zostały przejrzane.")).toBeVisible();

  await page.getByLabel("Pokaż").selectOption({ label: "Zatwierdzona" });
  await page.getByRole("button", { name: "Pokaż" }).click();
  const approved = page.getByRole("article");
  await expect(approved).toHaveCount(1);
  await expect(approved.getByLabel("Tekst do wyników")).toHaveValue("Za dużo spraw na osobę.");
  await approved.getByRole("button", { name: "Wyklucz" }).click();
  await expect(page.getByRole("status").first()).toContainText("Odpowiedź wykluczona");
  await expect(page.getByText("Wykluczone: 1")).toBeVisible();
  await expectNoSeriousA11yViolations(page, `${path} after review`);
});

test("the survey thresholds in the centre settings start every new cycle, never below 5 and 10", async ({
  pageAs,
  consoleWatch,
}) => {
  const admin = await pageAs("administrator");
  await admin.goto("/admin/centre");
  consoleWatch.allowStatus(422);
  const k = admin.getByLabel("Najmniejsza grupa dla wyników");
  await k.fill("4");
  await admin.getByRole("button", { name: "Zapisz" }).click();
  await expect(admin.locator("#f-surveyMinGroupSize-error")).toContainText("od 5 do 1000");
  await k.fill("7");
  await admin.getByRole("button", { name: "Zapisz" }).click();
  await expect(admin.getByRole("status").first()).toHaveText("Zapisano zmiany.");

  const page = await pageAs("coordinator");
  await page.goto("/surveys/new");
  await expect(page.getByLabel("Najmniejsza grupa dla wyników")).toHaveValue("7");
  await expect(page.getByLabel("Najmniejsza grupa dla odpowiedzi otwartych")).toHaveValue("10");

  await admin.goto("/admin/centre");
  await admin.getByLabel("Najmniejsza grupa dla wyników").fill("5");
  await admin.getByRole("button", { name: "Zapisz" }).click();
  await expect(admin.getByRole("status").first()).toHaveText("Zapisano zmiany.");
});

test("a manager sees closed cycles only, each leading to its results", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("manager");
  await checkPage(page, consoleWatch, { path: "/surveys", role: "manager" }, "pl");
  await expect(page.getByRole("link", { name: "Nowe badanie" })).toHaveCount(0);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.first()).toBeVisible();
  const statuses = await page.locator("tbody .badge").allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["Zamknięte"]));
  await expect(page.getByText("E2E: szkic koordynatora")).toHaveCount(0);
  await expect(
    page.getByRole("link", { name: coordinatorSeed().closedName, exact: true }),
  ).toHaveAttribute("href", `/surveys/${coordinatorSeed().closed}/results`);

  consoleWatch.allowStatus(403);
  const res = await page.goto(`/surveys/${coordinatorSeed().draft}`);
  expect(res?.status()).toBe(403);
});

test("in English", async ({ pageAs, consoleWatch }) => {
  const page = await pageAs("coordinator");
  await setLanguage(page, "en");
  await checkPage(
    page,
    consoleWatch,
    { path: `/surveys/${coordinatorSeed().draft}`, role: "coordinator" },
    "en",
  );
  await expect(page.getByRole("link", { name: "Open now" })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await page.goto("/surveys/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New survey");
  await expect(page.getByRole("group", { name: "Anonymity thresholds" })).toBeVisible();
});
