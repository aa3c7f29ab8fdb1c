// Specialists end to end: a coordinator creates a specialist (errors first), gives them weekly
// windows — one overlapping another is refused next to its start, naming the other —, an
// absence and a contract, and finds them in the list; the support settings refuse bad numbers;
// a specialist changes their own windows and absences on "Moja dostępność" and cannot open the
// coordinator's pages.
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  signIn,
  test,
  waitForHydration,
} from "./fixtures.ts";

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

const name = `E2E: Helena Wójcik ${Date.now().toString(36)}`;

test.describe.configure({ mode: "serial" });

test("a coordinator creates a specialist with windows; an overlapping window is refused next to its start", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  await checkPage(page, consoleWatch, { path: "/support/specialists", role: "coordinator" }, "pl");
  await page.getByRole("link", { name: "Nowy specjalista" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Nowy specjalista" })).toBeVisible();
  await checkPage(
    page,
    consoleWatch,
    { path: "/support/specialists/new", role: "coordinator" },
    "pl",
  );
  consoleWatch.allowStatus(422);

  await test.step("an empty form: every mistake listed and marked on its field", async () => {
    await page.getByRole("button", { name: "Dodaj specjalistę" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText("Imię i nazwisko: To pole jest wymagane.");
    await expect(page.locator("#f-kinds-error")).toHaveText(
      "Zaznacz co najmniej jeden rodzaj pomocy.",
    );
    await expect(page.locator("#f-meetingLink-error")).toHaveText(
      "Podaj link do spotkań online, zaczynający się od https://",
    );
    await expect(page.locator("#f-name")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, "/support/specialists/new with errors");
  });

  await test.step("bad values keep what was typed and say what is wrong", async () => {
    await page.getByLabel("Imię i nazwisko").fill(name);
    await page.getByLabel("Konsultacja indywidualna").check();
    await page.getByLabel("Link do spotkań online").fill("http://spotkania.example.org/helena");
    await page.getByLabel("Długość spotkania (minuty)").fill("10");
    await page.getByRole("button", { name: "Dodaj specjalistę" }).click();
    await expect(page.locator("#f-meetingLink-error")).toHaveText(
      "Podaj adres zaczynający się od https://",
    );
    await expect(page.locator("#f-slotMinutes-error")).toHaveText(
      "Podaj długość spotkania od 15 do 240 minut.",
    );
    await expect(page.getByLabel("Imię i nazwisko")).toHaveValue(name);
    await expect(page.getByLabel("Konsultacja indywidualna")).toBeChecked();
  });

  await test.step("a valid specialist", async () => {
    await page.getByLabel("Specjalność").fill("psycholożka");
    await page.getByLabel("Sesja coachingowa").check();
    await page.getByLabel("Link do spotkań online").fill("https://spotkania.example.org/helena");
    await page.getByLabel("Długość spotkania (minuty)").fill("45");
    await page.getByRole("button", { name: "Dodaj specjalistę" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("status").first()).toContainText("Dodano specjalistę.");
    await expect(page.getByText("Brak przedziałów dostępności")).toBeVisible();
  });
  const specialistPath = new URL(page.url()).pathname;
  await checkPage(page, consoleWatch, { path: specialistPath, role: "coordinator" }, "pl");

  const windowForm = page.locator("form.support-window-form");
  async function addWindow(weekday: string, start: string, end: string) {
    await windowForm.getByLabel("Dzień tygodnia").selectOption({ label: weekday });
    await windowForm.getByLabel("Od godziny").fill(start);
    await windowForm.getByLabel("Do godziny").fill(end);
    await windowForm.getByRole("button", { name: "Dodaj przedział" }).click();
  }
  const windows = page.locator("section", { has: page.locator("h2#windows") });

  await test.step("two windows on Tuesday that touch are both kept", async () => {
    await addWindow("Wtorek", "09:00", "12:00");
    await expect(page.getByText("Zapisano przedział dostępności.")).toBeVisible();
    const rows = windows.locator("table").first().locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await addWindow("Wtorek", "12:00", "14:00");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("09:00–12:00");
    await expect(rows.nth(1)).toContainText("12:00–14:00");
    await expect(rows.nth(0)).toContainText(`od ${shown(0)}`);
  });

  await test.step("an overlapping window is refused next to its start, naming the other", async () => {
    await addWindow("Wtorek", "11:00", "13:00");
    await expect(page.locator("#f-start-error")).toHaveText(
      `Ten przedział nakłada się na przedział: Wtorek 09:00–12:00 (od ${shown(0)}).`,
    );
    await expect(page.locator("#f-start")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#f-start")).toHaveValue("11:00");
    await expect(page.getByRole("alert")).toContainText("Od godziny: Ten przedział nakłada się");
    await expect(windows.locator("table").first().locator("tbody tr")).toHaveCount(2);
    await expectNoSeriousA11yViolations(page, `${specialistPath} with an overlapping window`);
  });

  await test.step("an end before the start, and a window shorter than one meeting", async () => {
    await addWindow("Środa", "15:00", "14:00");
    await expect(page.locator("#f-end-error")).toHaveText(
      "Koniec musi być późniejszy niż początek.",
    );
    await addWindow("Środa", "15:00", "15:30");
    await expect(page.locator("#f-end-error")).toHaveText(
      "Przedział jest krótszy niż jedno spotkanie tego specjalisty (45 min).",
    );
  });

  await test.step("an absence and a contract", async () => {
    const absences = page.locator("section", { has: page.locator("h2#absences") });
    await absences.getByLabel("Pierwszy dzień").fill(day(7));
    await absences.getByLabel("Ostatni dzień").fill(day(9));
    await absences.getByRole("button", { name: "Dodaj nieobecność" }).click();
    await expect(page.getByText("Dodano nieobecność.")).toBeVisible();
    await expect(absences.locator("tbody tr")).toContainText(`${shown(7)} – ${shown(9)}`);

    const contracts = page.locator("section", { has: page.locator("h2#contracts") });
    await contracts.getByLabel("Początek okresu").fill(day(0));
    await contracts.getByLabel("Koniec okresu").fill(day(-1));
    await contracts.getByLabel("Liczba godzin").fill("40");
    await contracts.getByRole("button", { name: "Dodaj umowę" }).click();
    await expect(page.locator("#f-periodEnd-error")).toHaveText(
      "Data końcowa nie może być wcześniejsza niż początkowa.",
    );
    await contracts.getByLabel("Koniec okresu").fill(day(180));
    await contracts.getByRole("button", { name: "Dodaj umowę" }).click();
    await expect(page.getByText("Zapisano umowę.")).toBeVisible();
    const row = contracts.locator("tbody tr");
    await expect(row).toContainText("40 godz.");
    await expect(row).toContainText("0 godz.");
  });

  await test.step("the list finds the new specialist", async () => {
    await page.goto(`/support/specialists?q=${encodeURIComponent("Helena Wójcik")}`);
    await waitForHydration(page);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Konsultacja indywidualna, Sesja coachingowa");
    await expect(row).toContainText("Personel ośrodka");
    await expect(row.locator("td.num").last()).toHaveText("2");
  });
});

test("support settings refuse bad numbers on their fields", async ({ pageAs, consoleWatch }) => {
  const page = await pageAs("coordinator");
  await checkPage(page, consoleWatch, { path: "/support/settings", role: "coordinator" }, "pl");
  consoleWatch.allowStatus(422);
  await page.getByLabel("Odwołanie najpóźniej (godzin przed spotkaniem)").fill("-5");
  await page.getByLabel("Sesja coachingowa").fill("sześć");
  await page.getByRole("button", { name: "Zapisz" }).click();
  await expect(page.locator("#f-cancelHoursBefore-error")).toHaveText(
    "Podaj liczbę godzin od 0 do 720.",
  );
  await expect(page.locator('[id="f-sessionsPerPerson.coaching-error"]')).toHaveText(
    "Podaj liczbę od 1 do 100 albo zostaw pole puste (bez limitu).",
  );
  await expectNoSeriousA11yViolations(page, "/support/settings with errors");
  // The defaults, saved as they were: the other specs book against them.
  await page.getByLabel("Odwołanie najpóźniej (godzin przed spotkaniem)").fill("24");
  await page.getByLabel("Sesja coachingowa").fill("6");
  await page.getByRole("button", { name: "Zapisz" }).click();
  await expect(page.getByText("Zapisano ustawienia wsparcia.")).toBeVisible();
  await expect(page.getByLabel("Sesja coachingowa")).toHaveValue("6");
});

test("a specialist changes their own windows and absences, and cannot open the coordinator's pages", async ({
  page,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const s = seed().supportSpecialists;
  await signIn(page, s.email, seed().password);
  await checkPage(page, consoleWatch, { path: "/support/availability" }, "pl");
  await expect(page.getByRole("heading", { level: 1, name: "Moja dostępność" })).toBeVisible();
  const windows = page.locator("section", { has: page.locator("h2#windows") });
  const table = windows.locator("table").first();
  await expect(table.locator("tbody tr").first()).toContainText("Poniedziałek");

  await test.step("changes the Monday window", async () => {
    await page.getByRole("link", { name: /^Zmień przedział Poniedziałek 09:00–13:00/ }).click();
    await expect(
      page.getByRole("heading", { name: /^Zmień przedział: Poniedziałek/ }),
    ).toBeVisible();
    const form = page.locator("form.support-window-form");
    await expect(form.getByLabel("Od godziny")).toHaveValue("09:00");
    await form.getByLabel("Do godziny").fill("14:00");
    await form.getByRole("button", { name: "Zapisz przedział" }).click();
    await expect(page.getByText("Zapisano przedział dostępności.")).toBeVisible();
    await expect(table.locator("tbody tr").first()).toContainText("09:00–14:00");
  });

  consoleWatch.allowStatus(422);
  await test.step("adds a Friday window, is refused an overlapping one, removes it", async () => {
    const form = page.locator("form.support-window-form");
    await form.getByLabel("Dzień tygodnia").selectOption({ label: "Piątek" });
    await form.getByLabel("Od godziny").fill("10:00");
    await form.getByLabel("Do godziny").fill("12:00");
    await form.getByRole("button", { name: "Dodaj przedział" }).click();
    // The notice of the change before is still there: wait for the row itself.
    await expect(table.locator("tbody tr", { hasText: "Piątek" })).toHaveCount(1);
    await form.getByLabel("Dzień tygodnia").selectOption({ label: "Piątek" });
    await form.getByLabel("Od godziny").fill("08:00");
    await form.getByLabel("Do godziny").fill("10:30");
    await form.getByRole("button", { name: "Dodaj przedział" }).click();
    await expect(page.locator("#f-start-error")).toContainText(
      "Ten przedział nakłada się na przedział: Piątek 10:00–12:00",
    );
    await page.getByRole("button", { name: /^Usuń przedział Piątek 10:00–12:00/ }).click();
    await expect(page.getByText("Usunięto przedział.")).toBeVisible();
    await expect(table.locator("tbody tr", { hasText: "Piątek" })).toHaveCount(0);
  });

  await test.step("adds a sick day; an end before the start is refused", async () => {
    const absences = page.locator("section", { has: page.locator("h2#absences") });
    await absences.getByLabel("Pierwszy dzień").fill(day(3));
    await absences.getByLabel("Ostatni dzień").fill(day(2));
    await absences.getByRole("button", { name: "Dodaj nieobecność" }).click();
    await expect(page.locator("#f-toDate-error")).toHaveText(
      "Data końcowa nie może być wcześniejsza niż początkowa.",
    );
    await absences.getByLabel("Ostatni dzień").fill("");
    await absences.getByLabel("Powód").selectOption({ label: "Choroba" });
    await absences.getByRole("button", { name: "Dodaj nieobecność" }).click();
    await expect(page.getByText("Dodano nieobecność.")).toBeVisible();
    const row = absences.locator("tbody tr", { hasText: shown(3) });
    await expect(row).toContainText("Choroba");
    await row.getByRole("button", { name: `Usuń nieobecność ${shown(3)}` }).click();
    await expect(page.getByText("Usunięto nieobecność.")).toBeVisible();
  });

  await checkPage(page, consoleWatch, { path: "/support/specialists", status: 403 }, "pl");
  await checkPage(
    page,
    consoleWatch,
    { path: `/support/specialists/${s.specialist}`, status: 403 },
    "pl",
  );
});
