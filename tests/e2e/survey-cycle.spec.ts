// A whole survey cycle through the pages only, as the people who run it: the coordinator creates
// and opens a cycle for three units (two large, one of two people); the personal links are
// taken from the invitations in the administrator's mail log and answered in fresh browsers;
// reminders reach exactly those who have not answered (with a new link that replaces the old
// one); the cycle is closed; its results show the centre and hide the small unit, and the PDF
// report reads back with Polish text and without the small unit.
import type { Browser, Locator, Page } from "@playwright/test";
import {
  type ConsoleWatch,
  checkPage,
  download,
  expect,
  expectNoSeriousA11yViolations,
  pdfText,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const units = () => seed().surveyCycle;

/** A Warsaw calendar day, days from today, as a date field takes it (yyyy-mm-dd). */
function day(offset: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
    new Date(Date.now() + offset * 24 * 3_600_000),
  );
}

/** The mail log's search for `q`. */
const mailLog = (q: string) => `/admin/mail?q=${encodeURIComponent(q)}`;

/** Personal links by recipient, read from the cards of the mail log page shown. */
async function linksFromMailLog(admin: Page): Promise<Map<string, string>> {
  const cards = admin.locator("li.card");
  const links = new Map<string, string>();
  for (const card of await cards.all()) {
    const to = (await card.locator("dd").first().textContent())?.trim() ?? "";
    const body = (await card.locator("pre.mail-body").textContent()) ?? "";
    const path = body.match(/\/survey\/[A-Za-z0-9_-]+/)?.[0];
    expect(path, `a personal link in the mail to ${to}`).toBeTruthy();
    links.set(to, path!);
  }
  return links;
}

/**
 * Answers every question shown, as a respondent would: "yes" to working with clients, then in
 * each radio group a click on one label, varied by respondent and question so the scales have
 * a spread. The labels are clicked inside the page, a whole round at a time (47 round trips a
 * questionnaire would make the test crawl). Answers can show further questions (show-if), so
 * it goes round until two rounds in a row find nothing left.
 */
async function fillQuestionnaire(page: Page, respondent: number) {
  await page
    .getByRole("group", { name: /kontakt z klientami ośrodka/ })
    .getByLabel("Tak", { exact: true })
    .check();
  const items = page.locator("fieldset.survey-item");
  let idle = 0;
  while (idle < 2) {
    const picked = await items.evaluateAll((sets, r) => {
      let n = 0;
      for (const [index, set] of sets.entries()) {
        if ((set as HTMLFieldSetElement).hidden || set.querySelector("input:checked")) continue;
        const labels = set.querySelectorAll<HTMLLabelElement>(".survey-choice label");
        labels[(r * 2 + index) % labels.length].click();
        n++;
      }
      return n;
    }, respondent);
    idle = picked === 0 ? idle + 1 : 0;
    // Let the page show what the answers reveal before looking again.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  }
}

/** Opens a personal link in a fresh browser context (no cookies) and sends the answers. */
async function answer(
  browser: Browser,
  watch: ConsoleWatch,
  path: string,
  respondent: number,
  check = false,
) {
  const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
  watch.attach(context);
  try {
    const page = await context.newPage();
    if (check) await checkPage(page, watch, { path }, "pl");
    else {
      await page.goto(path);
      await waitForHydration(page);
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Badanie obciążenia zawodowego",
    );
    await fillQuestionnaire(page, respondent);
    if (check) {
      await page
        .getByLabel(/Co w Twojej pracy obciąża Cię najbardziej/)
        .fill("Za dużo spraw na osobę.");
    }
    await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dziękujemy!");
    expect(await context.cookies()).toEqual([]);
  } finally {
    await context.close();
  }
}

/** The table row whose header names `name`. */
function row(table: Locator, name: string) {
  return table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name }) });
}

test("a whole cycle: created, opened, answered through mailed links, reminded, closed, reported", async ({
  pageAs,
  browser,
  consoleWatch,
}) => {
  test.slow();
  const [big1, big2] = units().large;
  const small = units().small;
  const everyone = [...big1.emails, ...big2.emails, ...small.emails];
  const name = "E2E: pełny cykl — zażółć gęślą jaźń";
  const page = await pageAs("coordinator");

  await test.step("the coordinator creates a draft for three units", async () => {
    await checkPage(page, consoleWatch, { path: "/surveys/new", role: "coordinator" }, "pl");
    const instrument = page.getByLabel("Ankieta", { exact: true });
    const workload = (await instrument.locator("option").allTextContents()).find((o) =>
      o.startsWith("Badanie obciążenia zawodowego"),
    );
    expect(workload, "the workload survey is offered").toBeTruthy();
    await instrument.selectOption({ label: workload! });
    await page.getByLabel("Nazwa badania").fill(name);
    for (const u of [big1, big2, small]) await page.getByLabel(u.name, { exact: true }).check();
    await page.getByLabel("Data otwarcia").fill(day(0));
    await page.getByLabel("Godzina otwarcia").fill("00:00");
    await page.getByLabel("Data zamknięcia").fill(day(14));
    await page.getByLabel("Godzina zamknięcia").fill("16:00");
    await page.getByLabel("Najmniejsza grupa dla wyników").fill("5");
    await page.getByRole("button", { name: "Utwórz szkic badania" }).click();
    await page.waitForURL(/\/surveys\/[0-9a-f-]{36}\?created=1$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(
      page.getByText(`Po otwarciu zaproszenie dostanie ${everyone.length} osób.`),
    ).toBeVisible();
  });
  const cycleUrl = new URL(page.url()).pathname;

  await test.step("it is opened, and the rate of the small unit is not shown", async () => {
    await page.getByRole("link", { name: "Otwórz teraz" }).click();
    const confirm = page.getByRole("region", { name: "Otworzyć badanie teraz?" });
    await confirm.getByRole("button", { name: "Otwórz i wyślij zaproszenia" }).click();
    await expect(page.getByRole("status").first()).toContainText(
      `Badanie otwarte. Zaproszenia: ${everyone.length} osób.`,
    );
    await checkPage(page, consoleWatch, { path: cycleUrl, role: "coordinator" }, "pl");
    await expect(page.getByText(`Cały ośrodek: 0 z ${everyone.length}`)).toBeVisible();
    // Two invited: a live rate there would tell the unit who has answered.
    const rates = page.getByRole("table", { name: "Odsetek odpowiedzi w komórkach" });
    await expect(rates).toBeVisible();
    await expect(rates).not.toContainText(small.name);
    await expect(page.getByText(/^Pozostałe jednostki/)).toBeVisible();
  });

  // Mail is the administrator's to read: only that role sees the mail log.
  const admin = await pageAs("administrator");
  const invitations = await test.step("the invitations wait in the mail log", async () => {
    const path = mailLog(`Ankieta: ${name}`);
    await checkPage(admin, consoleWatch, { path, role: "administrator" }, "pl");
    const links = await linksFromMailLog(admin);
    expect([...links.keys()].sort()).toEqual([...everyone].sort());
    expect(new Set(links.values()).size).toBe(everyone.length);
    return links;
  });

  // Five of each large unit answer (enough for k = 5), and one of the two in the small one.
  const answering = [...big1.emails.slice(0, 5), ...big2.emails.slice(0, 5), small.emails[0]];
  const silent = everyone.filter((e) => !answering.includes(e));
  await test.step("eleven people answer through their links, each in a fresh browser", async () => {
    // The first one with every page check and an open answer; the rest a few at a time.
    await answer(browser, consoleWatch, invitations.get(answering[0])!, 0, true);
    for (let i = 1; i < answering.length; i += 4) {
      await Promise.all(
        answering
          .slice(i, i + 4)
          .map((email, k) => answer(browser, consoleWatch, invitations.get(email)!, i + k)),
      );
    }
    await page.reload();
    await expect(
      page.getByText(`Cały ośrodek: ${answering.length} z ${everyone.length}`),
    ).toBeVisible();
  });

  const reminders =
    await test.step("reminders go only to those who have not answered", async () => {
      await expect(
        page.getByText(`Przypomnienie wysłane teraz dostałoby ${silent.length} osoby.`),
      ).toBeVisible();
      await page.getByRole("link", { name: "Wyślij przypomnienia teraz" }).click();
      const confirm = page.getByRole("region", { name: "Wysłać przypomnienia teraz?" });
      await expect(confirm).toContainText(`dostanie ${silent.length} osoby, które`);
      await expectNoSeriousA11yViolations(page, `${cycleUrl} confirming reminders`);
      await confirm.getByRole("button", { name: "Wyślij przypomnienia" }).click();
      await expect(page.getByRole("status").first()).toHaveText(
        `Wysłano ${silent.length} przypomnienia.`,
      );
      await expect(page.getByText("Przypomnienie wysłane teraz dostałoby 0 osób.")).toBeVisible();

      await admin.goto(mailLog(`Przypomnienie — ankieta: ${name}`));
      const links = await linksFromMailLog(admin);
      expect([...links.keys()].sort()).toEqual([...silent].sort());
      for (const [email, link] of links) expect(link).not.toBe(invitations.get(email));
      await expect(admin.locator("li.card").first()).toContainText(
        "Ten link zastępuje link z poprzedniej wiadomości",
      );
      return links;
    });

  await test.step("the reminder's link works, the first one no longer", async () => {
    const late = small.emails[1];
    const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
    consoleWatch.attach(context);
    consoleWatch.allowStatus(404);
    const old = await context.newPage();
    const res = await old.goto(invitations.get(late)!);
    expect(res?.status()).toBe(404);
    await expect(old.getByRole("heading", { level: 1 })).toHaveText("Nie znaleziono ankiety");
    await context.close();
    await answer(browser, consoleWatch, reminders.get(late)!, answering.length);
    await page.reload();
    await expect(
      page.getByText(`Cały ośrodek: ${answering.length + 1} z ${everyone.length}`),
    ).toBeVisible();
  });
  const responded = answering.length + 1;

  await test.step("the coordinator closes the cycle early", async () => {
    await page.getByRole("link", { name: "Zamknij wcześniej" }).click();
    await page
      .getByRole("region", { name: "Zamknąć badanie?" })
      .getByRole("button", { name: "Zamknij badanie" })
      .click();
    await expect(page.getByRole("status").first()).toContainText("Badanie zamknięte");
    await expect(page.getByText("1 odpowiedź otwarta.")).toBeVisible();
    await page.getByRole("link", { name: "Wyniki" }).click();
    await page.waitForURL(`**${cycleUrl}/results`);
  });

  const shown =
    await test.step("results: the centre has means, the small unit is hidden", async () => {
      await checkPage(
        page,
        consoleWatch,
        { path: `${cycleUrl}/results`, role: "coordinator" },
        "pl",
      );
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Wyniki: ${name}`);
      const summary = page.locator("section", { has: page.locator("#summary") });
      await expect(summary).toContainText(`${responded} z ${everyone.length} zaproszonych`);

      const heat = page.getByRole("table", { name: /Średnie w skalach według/ });
      const centre = row(heat, "Cały ośrodek");
      await expect(centre).toContainText(String(responded));
      await expect(centre).toContainText(/\d+,\d/);
      // The small unit: the reason only, no count and no mean.
      const hidden = row(heat, small.name).getByRole("cell");
      await expect(hidden).toHaveCount(1);
      await expect(hidden).toHaveText("ukryte (< 5)");
      // Hiding it alone would let it be worked out (centre minus the others), so a large unit
      // may be hidden with it — but never both of them.
      const large = [row(heat, big1.name), row(heat, big2.name)];
      const shown: string[] = [];
      for (const [k, r] of large.entries()) {
        const text = (await r.textContent()) ?? "";
        if (/\d+,\d/.test(text)) shown.push(units().large[k].name);
        else expect(text).toContain("ukryte (ochrona innej grupy)");
      }
      expect(shown.length).toBeGreaterThan(0);

      // Nowhere else on the page is the small unit named next to a figure.
      const mentions = await page.locator("main").evaluate((main, unit) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (!n.textContent?.includes(unit)) continue;
          const holder = n.parentElement?.closest("tr, li, p, option, h2, h3, h4, figure");
          out.push((holder ?? n.parentElement)?.textContent ?? "");
        }
        return out;
      }, small.name);
      expect(mentions.length).toBeGreaterThan(0);
      for (const m of mentions) expect(m).not.toMatch(/\d+,\d|\d+ (osób|osoby|odpowiedzi)/);
      // The report of one unit is offered for published units only.
      const unitPdf = page.getByLabel("Raport PDF dla komórki");
      const offered = await unitPdf.locator("option").allTextContents();
      expect(offered.join("|")).not.toContain(small.name);
      for (const n of shown) expect(offered.join("|")).toContain(n);
      return shown;
    });

  await test.step("the PDF report reads back in Polish, without the small unit", async () => {
    const text = pdfText(
      (await download(page, page.getByRole("link", { name: "Raport PDF dla ośrodka" }))).bytes,
      "raport-cyklu.pdf",
    );
    expect(text).toContain(`Raport z badania: ${name}`);
    expect(text).toContain(`${responded} z ${everyone.length} zaproszonych`);
    expect(text).toContain("Zasada anonimowości");
    expect(text).toContain("Obciążenie pracą i tempo");
    expect(text).toContain("Równowaga praca – życie prywatne");
    expect(text).not.toContain(small.name);
    expect(text).not.toContain("Łąkowa");

    // A published unit's own report names it, with its count.
    await page.getByLabel("Raport PDF dla komórki").selectOption({ label: shown[0] });
    const unit = pdfText(
      (await download(page, page.getByRole("button", { name: "Pobierz raport komórki" }))).bytes,
      "raport-komorki.pdf",
    );
    expect(unit).toContain(`Raport z badania: ${name} — ${shown[0]}`);
    expect(unit).toMatch(/Liczba osób: \d+/);
    expect(unit).not.toContain("Łąkowa");
  });
});
