// The support programme as a whole, through the pages only: a coordinator creates a one-place
// training with two sessions and a three-question knowledge test, and publishes it; one
// employee enrols and the confirmation in the mail log carries a calendar file a strict
// iCalendar parser reads; a second employee joins the waitlist and gets the place when the
// first withdraws; the second takes the pre-test, the sessions are moved to the past (a
// coordinator's correction), attendance is marked, the post-test shows the gain on the
// coordinator's results; the certificate is issued, its PDF read back with pdftotext, and a
// signed-out visitor confirms it by its number.
import type { Page } from "@playwright/test";
import ICAL from "ical.js";
import {
  type ConsoleWatch,
  checkPage,
  download,
  emailOf,
  expect,
  pdfText,
  test,
} from "./fixtures.ts";

const TZ = "Europe/Warsaw";

/** A Warsaw calendar day, days from today, as a date field takes it (yyyy-mm-dd). */
function day(offset: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(
    new Date(Date.now() + offset * 24 * 3_600_000),
  );
}

/** dd.mm.rrrr of the same day, as the pages print it. */
function shown(offset: number): string {
  const [y, m, d] = day(offset).split("-");
  return `${d}.${m}.${y}`;
}

/** Minutes since midnight, Warsaw time. */
function warsawMinutesNow(): number {
  const [h, m] = new Intl.DateTimeFormat("en-GB", {
    timeZone: TZ,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(new Date())
    .split(":")
    .map(Number);
  return h * 60 + m;
}

/** iCalendar folds long lines (CRLF and a space); unfolded, text can be searched. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

const box = (p: Page) => p.locator("section.enrol-box");

/** The fieldset of the n-th question of an answer sheet. */
const question = (page: Page, n: number) =>
  page.getByRole("group", { name: new RegExp(`^${n}\\. `) });

/** The mail log's cards for a search, as the administrator sees them. */
async function mailCards(admin: Page, watch: ConsoleWatch, q: string) {
  await checkPage(
    admin,
    watch,
    { path: `/admin/mail?q=${encodeURIComponent(q)}`, role: "administrator" },
    "pl",
  );
  return admin.locator("li.card");
}

type Question = { kind: "single" | "multiple"; text: string; options: [string, boolean][] };

const QUESTIONS: Question[] = [
  {
    kind: "single",
    text: "Co robisz najpierw, gdy klient podnosi głos?",
    options: [
      ["Zachowuję spokój i dbam o bezpieczny dystans", true],
      ["Odpowiadam równie głośno", false],
      ["Wychodzę bez słowa", false],
    ],
  },
  {
    kind: "multiple",
    text: "Które sygnały zapowiadają eskalację?",
    options: [
      ["Zaciśnięte pięści", true],
      ["Skracanie dystansu", true],
      ["Spokojne pytania o procedurę", false],
    ],
  },
  {
    kind: "single",
    text: "Gdzie najlepiej prowadzić trudną rozmowę?",
    options: [
      ["W pokoju z wolną drogą wyjścia", true],
      ["Na wąskim korytarzu", false],
    ],
  },
];

/** Ticks the given options (by text) of each question of an answer sheet, then sends it. */
async function answer(page: Page, picks: string[][]) {
  for (const [i, options] of picks.entries()) {
    for (const o of options)
      await question(page, i + 1)
        .getByLabel(o, { exact: true })
        .check();
  }
  await page.getByRole("button", { name: "Wyślij odpowiedzi" }).click();
}

const ALL_RIGHT = QUESTIONS.map((q) => q.options.filter(([, ok]) => ok).map(([t]) => t));
// Only the first question right: one point of three.
const ONE_RIGHT = [
  ALL_RIGHT[0],
  ["Zaciśnięte pięści", "Spokojne pytania o procedurę"],
  ["Na wąskim korytarzu"],
];

test("the whole programme: training, enrolment, waitlist, tests, attendance, certificate", async ({
  pageAs,
  browser,
  consoleWatch,
}) => {
  test.setTimeout(360_000);
  const title = `E2E: Trudny klient w praktyce ${Date.now().toString(36)}`;
  const coordinator = await pageAs("coordinator");
  const admin = await pageAs("administrator");
  const a = await pageAs("employee");
  // B: an employee who is no trainer anywhere, so nobody else marks or teaches them.
  const b = await pageAs("safety_officer");
  const bName = "Test safety_officer";
  const bRow = /safety_officer Test/;
  let activityPath = "";

  await test.step("the coordinator creates a one-place training open to everyone", async () => {
    await checkPage(
      coordinator,
      consoleWatch,
      { path: "/programme/new", role: "coordinator" },
      "pl",
    );
    await coordinator.getByLabel("Rodzaj zajęć").selectOption({ label: "Szkolenie stacjonarne" });
    await coordinator.getByLabel("Nazwa zajęć").fill(title);
    await coordinator
      .getByLabel("Opis")
      .fill("Rozpoznawanie sygnałów eskalacji i bezpieczne prowadzenie rozmowy.");
    await coordinator.getByLabel("Prowadzący lub wykonawca").fill("Pracownia Dialogu „Źródło”");
    await coordinator.getByLabel("Liczba miejsc").fill("1");
    // No target group, position or unit ticked: everyone in the centre may enrol.
    await coordinator.getByRole("button", { name: "Utwórz szkic" }).click();
    await coordinator.waitForURL(/\/programme\/[0-9a-f-]{36}\/edit\?created=1$/);
    activityPath = new URL(coordinator.url()).pathname.replace(/\/edit$/, "");
    await checkPage(
      coordinator,
      consoleWatch,
      { path: `${activityPath}/edit`, role: "coordinator" },
      "pl",
    );
    const form = coordinator.locator("form.session-form");
    for (const offset of [10, 11]) {
      await form.getByLabel("Data spotkania").fill(day(offset));
      await form.getByLabel("Początek").fill("09:00");
      await form.getByLabel("Koniec").fill("13:00");
      await form.getByLabel("Miejsce").fill("Sala 12, ul. Świętojańska 5, Gdańsk");
      await form.getByRole("button", { name: "Dodaj termin" }).click();
      await expect(coordinator.getByText("Zapisano termin.")).toBeVisible();
    }
    await expect(coordinator.locator("section[aria-labelledby=sessions] tbody tr")).toHaveCount(2);
  });

  await test.step("a three-question knowledge test with a pass threshold", async () => {
    await checkPage(
      coordinator,
      consoleWatch,
      { path: `${activityPath}/test`, role: "coordinator" },
      "pl",
    );
    for (const q of QUESTIONS) {
      const form = coordinator.locator("#question-form");
      await form.getByLabel("Rodzaj pytania").selectOption(q.kind);
      await form.getByLabel("Treść pytania").fill(q.text);
      for (const [i, [text, correct]] of q.options.entries()) {
        await form.getByLabel(`Odpowiedź ${i + 1}`, { exact: true }).fill(text);
        await form.getByLabel(`Odpowiedź ${i + 1} jest poprawna`).setChecked(correct);
      }
      await form.getByRole("button", { name: "Dodaj pytanie" }).click();
      await expect(
        coordinator.getByRole("status").filter({ hasText: "Pytanie zapisane." }),
      ).toBeVisible();
    }
    await expect(coordinator.locator("ol.test-bank > li")).toHaveCount(3);
    await coordinator
      .getByLabel("Efekty uczenia się")
      .fill("Uczestnik rozpoznaje sygnały eskalacji i wybiera bezpieczne miejsce rozmowy.");
    await coordinator.getByLabel("Próg zaliczenia (%)").fill("60");
    await coordinator.getByRole("button", { name: "Zapisz zakres i wzorzec" }).click();
    await expect(
      coordinator.getByRole("status").filter({ hasText: "Zakres i wzorzec zapisane." }),
    ).toBeVisible();
    await expect(coordinator.getByText("co najmniej 60 %")).toBeVisible();
  });

  await test.step("published", async () => {
    await checkPage(
      coordinator,
      consoleWatch,
      { path: `${activityPath}/edit`, role: "coordinator" },
      "pl",
    );
    await coordinator.getByRole("button", { name: "Opublikuj" }).click();
    await expect(coordinator.getByText("Zajęcia opublikowano")).toBeVisible();
  });

  await test.step("employee A takes the only place; the confirmation carries an .ics", async () => {
    await checkPage(a, consoleWatch, { path: activityPath, role: "employee" }, "pl");
    await expect(a.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(box(a)).toContainText("Wolne miejsca: 1 z 1.");
    await box(a).getByRole("button", { name: "Zapisz się" }).click();
    await expect(box(a).getByRole("status")).toContainText(
      "Zapisano. Potwierdzenie z plikiem kalendarza (.ics) wysłaliśmy e-mailem.",
    );
    await expect(box(a)).toContainText("Masz miejsce na tych zajęciach.");
    await checkPage(a, consoleWatch, { path: activityPath, role: "employee" }, "pl");

    const cards = await mailCards(admin, consoleWatch, title);
    const confirmation = cards.filter({ hasText: `Potwierdzenie zapisu: ${title}` });
    await expect(confirmation).toHaveCount(1);
    await expect(confirmation).toContainText(emailOf("employee"));
    const link = confirmation.getByRole("link", { name: /\.ics$/ });
    await expect(link).toHaveCount(1);
    const res = await admin.request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/calendar");
    const text = await res.text();
    // ICAL.parse throws on anything that is not well-formed iCalendar.
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const events = calendar.getAllSubcomponents("vevent");
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.getFirstPropertyValue("summary")).toBe(title);
    const starts = events.map((e) => String(e.getFirstPropertyValue("dtstart")));
    expect(starts.map((s) => s.slice(0, 10)).sort()).toEqual([day(10), day(11)]);
    expect(unfold(text)).toMatch(/DTSTART;TZID=Europe\/Warsaw:\d{8}T090000\r\n/);
  });

  await test.step("employee B finds no place and joins the waitlist, first in line", async () => {
    await checkPage(b, consoleWatch, { path: activityPath, role: "safety_officer" }, "pl");
    await expect(box(b)).toContainText("Brak wolnych miejsc.");
    await box(b).getByRole("button", { name: "Zapisz się na listę rezerwową" }).click();
    await expect(box(b)).toContainText("zapisano Cię na listę rezerwową (1. miejsce)");
    await expect(box(b)).toContainText("Jesteś na liście rezerwowej: 1. miejsce.");
    // Tests are for those with a place: none offered on the waitlist.
    await expect(b.getByRole("link", { name: "Rozwiąż test wstępny" })).toHaveCount(0);
  });

  await test.step("A withdraws; B is promoted and told so by mail", async () => {
    await checkPage(a, consoleWatch, { path: activityPath, role: "employee" }, "pl");
    await box(a).getByRole("button", { name: "Zrezygnuj z udziału" }).click();
    await expect(box(a).getByRole("status")).toContainText("Zrezygnowano z udziału.");
    await expect(box(a)).toContainText("Brak wolnych miejsc.");

    await checkPage(b, consoleWatch, { path: activityPath, role: "safety_officer" }, "pl");
    await expect(box(b)).toContainText("Masz miejsce na tych zajęciach.");

    const cards = await mailCards(admin, consoleWatch, title);
    const promoted = cards.filter({ hasText: `Zwolniło się miejsce: ${title}` });
    await expect(promoted).toHaveCount(1);
    await expect(promoted).toContainText(emailOf("safety_officer"));
    await expect(promoted.getByRole("link", { name: /\.ics$/ })).toHaveCount(1);
  });

  await test.step("B takes the pre-test: one answer of three right", async () => {
    await b.getByRole("link", { name: "Rozwiąż test wstępny" }).click();
    await b.waitForURL((u) => u.pathname === `${activityPath}/test/pre`);
    await checkPage(
      b,
      consoleWatch,
      { path: `${activityPath}/test/pre`, role: "safety_officer" },
      "pl",
    );
    await answer(b, ONE_RIGHT);
    await expect(b.getByText("Twój wynik: 1 z 3 pkt (33,3 %)")).toBeVisible();
  });

  // Time has to pass for attendance: the coordinator moves the sessions to yesterday and to
  // earlier today (2 h each side of the sessions' length: 4 h + 2 h).
  const early = warsawMinutesNow() < 8 * 60 + 5;
  const secondStart = early ? "00:00" : "08:00";
  const secondEnd = early ? "02:00" : "10:00";

  await test.step("the coordinator moves both sessions into the past", async () => {
    const edit = `${activityPath}/edit`;
    await checkPage(coordinator, consoleWatch, { path: edit, role: "coordinator" }, "pl");
    const moves: [number, string, string, string][] = [
      [0, day(-1), "09:00", "13:00"],
      [1, day(0), secondStart, secondEnd],
    ];
    for (const [n, date, start, end] of moves) {
      await coordinator
        .getByRole("link", { name: /^Edytuj termin / })
        .nth(n)
        .click();
      await coordinator.waitForURL(/[?&]session=[0-9a-f-]{36}/);
      await checkPage(
        coordinator,
        consoleWatch,
        {
          path: new URL(coordinator.url()).pathname + new URL(coordinator.url()).search,
          role: "coordinator",
        },
        "pl",
      );
      const form = coordinator.locator("form.session-form");
      await form.getByLabel("Data spotkania").fill(date);
      await form.getByLabel("Początek").fill(start);
      await form.getByLabel("Koniec").fill(end);
      await form.getByRole("button", { name: "Zapisz termin" }).click();
      await expect(coordinator.getByText("Zapisano termin.")).toBeVisible();
    }
    const rows = coordinator.locator("section[aria-labelledby=sessions] tbody tr");
    await expect(rows.nth(0)).toContainText(shown(-1));
    await expect(rows.nth(1)).toContainText(shown(0));
  });

  await test.step("the coordinator marks B present at both sessions", async () => {
    const overview = `${activityPath}/attendance`;
    for (const n of [1, 2]) {
      await checkPage(coordinator, consoleWatch, { path: overview, role: "coordinator" }, "pl");
      await coordinator.getByRole("link", { name: `Obecność na spotkaniu ${n}` }).click();
      await coordinator.waitForURL(/\/programme\/sessions\/[0-9a-f-]{36}\/attendance$/);
      const sessionPath = new URL(coordinator.url()).pathname;
      await checkPage(coordinator, consoleWatch, { path: sessionPath, role: "coordinator" }, "pl");
      await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(
        `Obecność — spotkanie ${n} z 2`,
      );
      const legends = coordinator.locator(".attendance-person legend");
      await expect(legends).toHaveCount(1);
      await expect(legends).toContainText("safety_officer Test");
      await coordinator
        .getByRole("group", { name: /^safety_officer Test/ })
        .getByRole("radio", { name: "Obecność", exact: true })
        .check();
      await coordinator.getByRole("button", { name: "Zapisz obecność" }).click();
      await expect(
        coordinator.getByRole("status").filter({ hasText: "Zapisano obecność" }),
      ).toBeVisible();
    }
    await checkPage(coordinator, consoleWatch, { path: overview, role: "coordinator" }, "pl");
    const people = coordinator.getByRole("table", { name: "Uczestnicy i godziny" });
    await expect(people.getByRole("row", { name: bRow })).toContainText("100 %");
  });

  await test.step("B takes the post-test with every answer right", async () => {
    await checkPage(b, consoleWatch, { path: activityPath, role: "safety_officer" }, "pl");
    await expect(b.getByRole("link", { name: "Wynik — test wstępny: 33,3 %" })).toBeVisible();
    await b.getByRole("link", { name: "Rozwiąż test końcowy" }).click();
    await b.waitForURL((u) => u.pathname === `${activityPath}/test/post`);
    await checkPage(
      b,
      consoleWatch,
      { path: `${activityPath}/test/post`, role: "safety_officer" },
      "pl",
    );
    await answer(b, ALL_RIGHT);
    await expect(b.getByText("Twój wynik: 3 z 3 pkt (100 %)")).toBeVisible();
  });

  await test.step("the coordinator's results show B's pre, post and gain", async () => {
    await checkPage(
      coordinator,
      consoleWatch,
      { path: `${activityPath}/test`, role: "coordinator" },
      "pl",
    );
    const table = coordinator.getByRole("table", { name: "Wyniki uczestników" });
    const row = table.getByRole("row", { name: bRow });
    await expect(row).toContainText("33,3 % (1/3)");
    await expect(row).toContainText("100 % (3/3)");
    await expect(row).toContainText("+66,7 p.p.");
    await expect(row.getByRole("cell").last()).toHaveText("Tak");
    const figures = coordinator.locator("dl.test-summary dd");
    await expect(figures.nth(0)).toHaveText("1"); // people with both tests
    await expect(figures.nth(3)).toHaveText("+66,7 p.p."); // the mean gain
    await expect(figures.nth(4)).toHaveText("1 z 1 (100 %)"); // acquired the competence
  });

  let number = "";
  await test.step("B's certificate is issued and its PDF says what it certifies", async () => {
    const path = `${activityPath}/certificates`;
    await checkPage(coordinator, consoleWatch, { path, role: "coordinator" }, "pl");
    await coordinator.getByRole("button", { name: `Wydaj zaświadczenie: ${bName}` }).click();
    await expect(coordinator.getByText("Wydano 1 zaświadczenie.")).toBeVisible();
    await checkPage(coordinator, consoleWatch, { path, role: "coordinator" }, "pl");
    const link = coordinator.getByRole("link", { name: `Zaświadczenie (PDF): ${bName}` });
    number = (await link.textContent())!.trim();
    expect(number).toMatch(/^ZAS\/\d{4}\/[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const pdf = await download(coordinator, link);
    expect(pdf.name).toBe(`zaswiadczenie-${number.replace(/\//g, "-")}.pdf`);
    const text = pdfText(pdf.bytes, "zaswiadczenie-flow.pdf");
    expect(text).toContain("ZAŚWIADCZENIE");
    expect(text).toContain(bName);
    expect(text).toContain(title);
    expect(text).toContain("6 godz. zegarowych");
    expect(text).toContain(`nr ${number}`);
    expect(text).toContain(`/zaswiadczenie/${number}`);
  });

  await test.step("signed out, the verification page confirms it", async () => {
    const context = await browser.newContext({ locale: "pl-PL" });
    consoleWatch.attach(context);
    try {
      const anon = await context.newPage();
      await checkPage(anon, consoleWatch, { path: `/zaswiadczenie/${number}` }, "pl");
      await expect(anon.getByRole("heading", { level: 2 })).toHaveText(
        "Zaświadczenie jest prawdziwe i ważne",
      );
      const facts = anon.locator(".verify-result");
      await expect(facts).toContainText(bName);
      await expect(facts).toContainText(title);
      await expect(facts).toContainText("6 godz. zegarowych");
      await expect(facts).toContainText(shown(-1));
    } finally {
      await context.close();
    }
  });
});
