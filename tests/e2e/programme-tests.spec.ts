// Knowledge tests and evaluations end to end: a coordinator writes a three-question test with
// its scope and standard (errors first); the participant takes the pre-test (every question
// required, answers kept, the score at once, a second submission refused); on an activity that
// is running, the pre- and post-test give a gain the coordinator's results show (and a manager
// sees own units only, and the workbook carries it); the anonymous evaluation is answered once,
// and results stay hidden below five responses and show at five; the survey results link the
// support that answers a risk to upcoming activities.
import fs from "node:fs";
import * as XLSX from "@e965/xlsx";
import type { Page } from "@playwright/test";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";

const p = () => seed().programmeTests;

type Question = { kind: "single" | "multiple"; text: string; options: [string, boolean][] };

const WRITTEN: Question[] = [
  {
    kind: "single",
    text: "Jaki jest pierwszy krok w rozmowie z agresywnym klientem?",
    options: [
      ["Zadbać o własne bezpieczeństwo", true],
      ["Wezwać policję od razu", false],
    ],
  },
  {
    kind: "multiple",
    text: "Które zachowania pomagają w deeskalacji?",
    options: [
      ["Spokojny ton głosu", true],
      ["Nazywanie emocji", true],
      ["Przerywanie wypowiedzi", false],
    ],
  },
  {
    kind: "single",
    text: "Kto zatwierdza procedurę postępowania z trudnym klientem?",
    options: [
      ["Dyrektor ośrodka", true],
      ["Każdy pracownik sam", false],
    ],
  },
];

async function addQuestion(page: Page, q: Question) {
  const form = page.locator("#question-form");
  await form.getByLabel("Rodzaj pytania").selectOption(q.kind);
  await form.getByLabel("Treść pytania").fill(q.text);
  for (const [i, [text, correct]] of q.options.entries()) {
    await form.getByLabel(`Odpowiedź ${i + 1}`, { exact: true }).fill(text);
    await form.getByLabel(`Odpowiedź ${i + 1} jest poprawna`).setChecked(correct);
  }
  await form.getByRole("button", { name: "Dodaj pytanie" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pytanie zapisane." })).toBeVisible();
}

/** The fieldset of the n-th question of an answer sheet. */
const question = (page: Page, n: number) =>
  page.getByRole("group", { name: new RegExp(`^${n}\\. `) });

test.describe.configure({ mode: "serial" });

test("a coordinator writes a three-question test with its scope and standard", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("coordinator");
  const path = `/programme/${p().writable}/test`;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  for (const stage of ["1. Zakres", "2. Wzorzec", "3. Ocena", "4. Porównanie"]) {
    await expect(
      page.getByRole("heading", { level: 2, name: new RegExp(`^${stage}`) }),
    ).toBeVisible();
  }
  await expect(page.getByText("Test nie ma jeszcze pytań.")).toBeVisible();

  await test.step("a question without text and with two correct answers is refused", async () => {
    consoleWatch.allowStatus(422);
    const form = page.locator("#question-form");
    await form.getByLabel("Odpowiedź 1", { exact: true }).fill("Tak");
    await form.getByLabel("Odpowiedź 1 jest poprawna").check();
    await form.getByLabel("Odpowiedź 2", { exact: true }).fill("Nie");
    await form.getByLabel("Odpowiedź 2 jest poprawna").check();
    await form.getByRole("button", { name: "Dodaj pytanie" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Treść pytania: To pole jest wymagane.");
    await expect(summary).toContainText("dokładnie jedną poprawną odpowiedź");
    await expect(page.locator("#f-text")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByLabel("Odpowiedź 1", { exact: true })).toHaveValue("Tak");
    await expect(form.getByLabel("Odpowiedź 2 jest poprawna")).toBeChecked();
    await expectNoSeriousA11yViolations(page, `${path} with errors`);
  });

  await test.step("three questions, then the order changed and changed back", async () => {
    for (const q of WRITTEN) await addQuestion(page, q);
    const bank = page.locator("ol.test-bank > li");
    await expect(bank).toHaveCount(3);
    await expect(bank.nth(1)).toContainText("Nazywanie emocji — poprawna");
    await page.getByRole("button", { name: "Przesuń pytanie 3 w górę" }).click();
    await expect(bank.nth(1)).toContainText(WRITTEN[2].text);
    await page.getByRole("button", { name: "Przesuń pytanie 2 w dół" }).click();
    await expect(bank.nth(2)).toContainText(WRITTEN[2].text);
  });

  await test.step("the scope and the standard, a bad threshold first", async () => {
    await page.getByLabel("Efekty uczenia się").fill("Uczestnik zna zasady deeskalacji.");
    await page.getByLabel("Próg zaliczenia (%)").fill("sto");
    await page.getByRole("button", { name: "Zapisz zakres i wzorzec" }).click();
    await expect(page.locator("#f-passThresholdPercent-error")).toHaveText(
      "Podaj liczbę całkowitą od 1 do 100.",
    );
    await page.getByLabel("Próg zaliczenia (%)").fill("60");
    await page.getByRole("button", { name: "Zapisz zakres i wzorzec" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Zakres i wzorzec zapisane." }),
    ).toBeVisible();
    await expect(page.getByText("co najmniej 60 %")).toBeVisible();
    await expect(page.locator("p.outcomes")).toHaveText("Uczestnik zna zasady deeskalacji.");
  });
});

test("the participant takes the pre-test: whole, once, with the score at once", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("employee");
  const path = `/programme/${p().writable}/test/pre`;
  await checkPage(page, consoleWatch, { path, role: "employee" }, "pl");
  // The same sheet open in a second tab, sent after the first.
  const second = await page.context().newPage();
  await second.goto(path);
  await waitForHydration(second);
  consoleWatch.allowStatus(422);

  await test.step("unanswered questions are named, the answers given are kept", async () => {
    await question(page, 1).getByLabel("Wezwać policję od razu").check();
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Pytanie 2: Odpowiedz na to pytanie.");
    await expect(summary).toContainText("Pytanie 3: Odpowiedz na to pytanie.");
    await expect(question(page, 2)).toContainText("Odpowiedz na to pytanie.");
    await expect(question(page, 1).getByLabel("Wezwać policję od razu")).toBeChecked();
    await expectNoSeriousA11yViolations(page, `${path} with errors`);
  });

  await test.step("all answered: the score is shown", async () => {
    await question(page, 2).getByLabel("Spokojny ton głosu").check();
    await question(page, 2).getByLabel("Nazywanie emocji").check();
    await question(page, 3).getByLabel("Dyrektor ośrodka").check();
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByText("Twój wynik: 2 z 3 pkt (66,7 %)")).toBeVisible();
    await expectNoSeriousA11yViolations(page, `${path} with the score`);
  });

  await test.step("the sheet sent again from the other tab is refused; the score stays", async () => {
    await question(second, 1).getByLabel("Zadbać o własne bezpieczeństwo").check();
    await question(second, 2).getByLabel("Spokojny ton głosu").check();
    await question(second, 2).getByLabel("Nazywanie emocji").check();
    await question(second, 3).getByLabel("Dyrektor ośrodka").check();
    await second.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(second.getByRole("alert")).toContainText("Ten test został już wysłany");
    await expect(second.getByText("Twój wynik: 2 z 3 pkt (66,7 %)")).toBeVisible();
  });

  await test.step("the post-test waits for the last session", async () => {
    await page.goto(`/programme/${p().writable}/test/post`);
    await expect(page.getByText(/Test będzie dostępny od \d{2}\.\d{2}\.\d{4}/)).toBeVisible();
  });

  await test.step("with a test taken the coordinator can no longer change the questions", async () => {
    const coordinator = await pageAs("coordinator");
    await coordinator.goto(`/programme/${p().writable}/test`);
    await expect(coordinator.getByText("Ktoś już rozwiązał test")).toBeVisible();
    await expect(coordinator.getByRole("button", { name: "Dodaj pytanie" })).toHaveCount(0);
    await expect(
      coordinator.getByRole("button", { name: "Zapisz zakres i wzorzec" }),
    ).toBeVisible();
  });
});

test("pre- and post-test of a running activity: the results show the gain", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("employee");
  const pre = `/programme/${p().running}/test/pre`;

  await test.step("the sheet fits a 320 px phone", async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(pre);
    await waitForHydration(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    const box = await question(page, 1).getByRole("radio").first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(24);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step("one right answer before, all right after", async () => {
    await question(page, 1).getByLabel("Mówię spokojnie i nazywam jego emocje").check();
    await question(page, 2).getByLabel("Spokojny, cichy głos").check();
    await question(page, 3).getByLabel("Na korytarzu").check();
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByText("Twój wynik: 1 z 3 pkt (33,3 %)")).toBeVisible();

    await checkPage(
      page,
      consoleWatch,
      { path: `/programme/${p().running}/test/post`, role: "employee" },
      "pl",
    );
    await question(page, 1).getByLabel("Mówię spokojnie i nazywam jego emocje").check();
    await question(page, 2).getByLabel("Zaciśnięte pięści").check();
    await question(page, 2).getByLabel("Skracanie dystansu").check();
    await question(page, 3).getByLabel("W pokoju pierwszego kontaktu, z drogą wyjścia").check();
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByText("Twój wynik: 3 z 3 pkt (100 %)")).toBeVisible();
  });

  const coordinator = await pageAs("coordinator");
  const path = `/programme/${p().running}/test`;
  await test.step("the coordinator's results: per person and the activity's summary", async () => {
    await checkPage(coordinator, consoleWatch, { path, role: "coordinator" }, "pl");
    await expect(coordinator.getByText("Zajęcia już się rozpoczęły")).toBeVisible();
    const row = coordinator.getByRole("row", { name: /employee Test/ });
    await expect(row).toContainText("33,3 % (1/3)");
    await expect(row).toContainText("100 % (3/3)");
    await expect(row).toContainText("+66,7 p.p.");
    await expect(row.getByRole("cell").last()).toHaveText("Tak");
    await expect(coordinator.getByRole("row", { name: /Ślęzak/ })).toContainText("−33,3 p.p.");
    const figures = coordinator.locator("dl.test-summary dd");
    await expect(figures.nth(0)).toHaveText("3"); // people with both tests
    await expect(figures.nth(3)).toHaveText("+33,3 p.p."); // the mean gain
    await expect(figures.nth(4)).toHaveText("2 z 3 (66,7 %)"); // acquired the competence
  });

  await test.step("the workbook carries the same figures", async () => {
    const [download] = await Promise.all([
      coordinator.waitForEvent("download"),
      coordinator.getByRole("link", { name: "Pobierz wyniki (XLSX)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^wyniki-testow-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = XLSX.read(fs.readFileSync((await download.path())!));
    const rows = XLSX.utils.sheet_to_json<(string | number)[]>(wb.Sheets.Uczestnicy, { header: 1 });
    expect(rows.find((r) => r[0] === "employee")).toEqual(
      expect.arrayContaining(["1/3", 33.3, "3/3", 100, 66.7, "Tak"]),
    );
  });

  await test.step("a manager sees the participants of own units only", async () => {
    const manager = await pageAs("manager");
    await manager.goto(path);
    const table = manager.getByRole("table", { name: "Wyniki uczestników" });
    await expect(table).toContainText("Żmuda");
    await expect(table).toContainText("employee");
    await expect(table).not.toContainText("Ślęzak");
    await expect(manager.getByRole("button", { name: "Dodaj pytanie" })).toHaveCount(0);
  });
});

test("the evaluation: answered once, results hidden below five and shown at five", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("employee");
  const path = `/programme/${p().running}/evaluation`;
  await checkPage(page, consoleWatch, { path, role: "employee" }, "pl");
  consoleWatch.allowStatus(422);

  await test.step("ratings are required; a comment is kept", async () => {
    await page.getByLabel("Komentarz").fill("Więcej scenek, proszę.");
    await page.getByRole("button", { name: "Wyślij ocenę" }).click();
    await expect(page.getByRole("alert")).toContainText("Pytanie 1: Wybierz ocenę od 1 do 5.");
    await expect(page.getByLabel("Komentarz")).toHaveValue("Więcej scenek, proszę.");
    await expectNoSeriousA11yViolations(page, `${path} with errors`);
    for (let n = 1; n <= 5; n++) {
      await question(page, n)
        .getByLabel(n === 3 ? "4" : "5 — zdecydowanie tak", { exact: true })
        .check();
    }
    await page.getByRole("button", { name: "Wyślij ocenę" }).click();
    await expect(page.getByText("Dziękujemy — Twoja ocena została zapisana.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "Wyślij ocenę" })).toHaveCount(0);
  });

  const coordinator = await pageAs("coordinator");
  await test.step("closed with one response: the results stay hidden", async () => {
    await coordinator.goto(`/programme/${p().running}/evaluation/results`);
    await expect(coordinator.getByText("1 odpowiedź z 3 uprawnionych")).toBeVisible();
    await expect(coordinator.getByText("Wyniki pokażemy po zamknięciu oceny")).toBeVisible();
    await coordinator.getByRole("button", { name: "Zamknij ocenę teraz" }).click();
    await expect(
      coordinator.getByRole("status").filter({ hasText: "Ocena zamknięta." }),
    ).toBeVisible();
    await expect(
      coordinator.getByText("Wyniki ukryte — mniej niż 5 odpowiedzi (otrzymano: 1)"),
    ).toBeVisible();
    await expect(coordinator.getByRole("table")).toHaveCount(0);
  });

  await test.step("six responses: the ratings are shown, the comments not yet", async () => {
    await checkPage(
      coordinator,
      consoleWatch,
      { path: `/programme/${p().evaluated}/evaluation/results`, role: "coordinator" },
      "pl",
    );
    const table = coordinator.getByRole("table", { name: /Oceny w pytaniach/ });
    await expect(table.getByRole("row", { name: /Treść zajęć jest przydatna/ })).toContainText(
      "4,5",
    );
    await expect(
      coordinator.getByText("Komentarze ukryte — mniej niż 10 odpowiedzi"),
    ).toBeVisible();
    await expect(coordinator.getByText("Więcej ćwiczeń w parach.")).toHaveCount(0);
  });
});

test("survey results link the support for a risk to upcoming activities", async ({ pageAs }) => {
  // A long report: it takes a while to render on a small machine.
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  await page.goto(`/surveys/${seed().surveyResults.cycle}/results`);
  const actions = page.locator("section", { has: page.locator("#actions") });
  await expect(actions).toContainText("Najbliższe zajęcia w programie wsparcia:");
  const link = actions.locator('a[href^="/programme/"]').first();
  await expect(link).toBeVisible();
  expect(await link.getAttribute("href")).toMatch(/^\/programme\/[0-9a-f-]{36}$/);
});
