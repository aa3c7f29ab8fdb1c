// Occupational-medicine records end to end: the health coordinator finds an employee on the
// status board, records a certificate whose validity ends before the exam (the message next to
// the field, nothing stored), then a right one; the board shows her up to date, and the list
// comes out as CSV. The position's hazards are changed. The employee signs in and sees her own
// certificate on "Moje badania"; a colleague with an appointment finds his referral there.
// Nobody without the health role reaches any of it.
import {
  checkPage,
  download,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  signIn,
  test,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const h = () => seed().healthExams;

/** yyyy-mm-dd in Warsaw, n days from today. */
function warsawDay(n = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(
    new Date(Date.now() + n * 86_400_000),
  );
}
const plDate = (iso: string) => iso.split("-").reverse().join(".");

test.describe.configure({ mode: "serial" });

test("the health coordinator records a certificate, with an error first, and sees the board", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("health" as never);
  await checkPage(page, consoleWatch, { path: "/health/exams", role: "health" as never }, "pl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Badania profilaktyczne");

  await test.step("find the employee on the board", async () => {
    await page.getByLabel("Szukaj pracownika (imię, nazwisko, numer)").fill("Zdrowa");
    await page.getByRole("button", { name: "Szukaj" }).click();
    const row = page.getByRole("row", { name: /Zdrowa Ewa/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText("Zaległe");
    await row.getByRole("link", { name: "Zdrowa Ewa" }).click();
    await page.waitForURL(`**/health/employees/${h().employee}`);
    await checkPage(
      page,
      consoleWatch,
      { path: `/health/employees/${h().employee}`, role: "health" as never },
      "pl",
    );
    await expect(page.getByText("Brak orzeczenia w ewidencji.")).toBeVisible();
  });

  await test.step("a validity before the exam date: the message next to the field", async () => {
    consoleWatch.allowStatus(422);
    await page.locator("#f-kind").selectOption("periodic");
    await page.locator("#f-examDate").fill(warsawDay(-2));
    await page.getByRole("radio", { name: "Zdolny do pracy", exact: true }).check();
    await page.locator("#f-validUntil").fill(warsawDay(-3));
    await page.getByRole("button", { name: "Zapisz orzeczenie" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(
      "Data ważności nie może być wcześniejsza niż data badania.",
    );
    const field = page.locator("#f-validUntil");
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#f-validUntil-error")).toHaveText(
      "Data ważności nie może być wcześniejsza niż data badania.",
    );
    // What was typed stays; nothing was stored.
    await expect(page.locator("#f-examDate")).toHaveValue(warsawDay(-2));
    await expect(page.getByText("Brak badań w ewidencji.")).toBeVisible();
    await expectNoSeriousA11yViolations(page, "health employee page with errors");
  });

  await test.step("the right validity: saved, and the history shows it", async () => {
    const validUntil = warsawDay(730);
    await page.getByRole("radio", { name: "Zdolny do pracy", exact: true }).check();
    await page.locator("#f-validUntil").fill(validUntil);
    await page.getByRole("button", { name: "Zapisz orzeczenie" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Zapisano orzeczenie" })).toBeVisible();
    const history = page.getByRole("table", { name: "Badania i orzeczenia, od najnowszych" });
    await expect(history).toContainText("Zdolny do pracy");
    await expect(history).toContainText(plDate(validUntil));
    await expect(page.locator("#f-validUntil")).toHaveValue("");
    await expect(page.getByText("Aktualne").first()).toBeVisible();
  });

  await test.step("the board shows her up to date; the overdue filter leaves her out", async () => {
    await page.goto("/health/exams?q=Zdrowa");
    const row = page.getByRole("row", { name: /Zdrowa Ewa/ });
    await expect(row).toContainText("Aktualne");
    await expect(row).toContainText(plDate(warsawDay(730)));
    await page.getByLabel("Stan badań").selectOption("overdue");
    await page.getByRole("button", { name: "Szukaj" }).click();
    await expect(page.getByRole("row", { name: /Zdrowa Ewa/ })).toHaveCount(0);
    await page.goto(`/health/exams?unit=${h().unit}`);
    await expect(page.getByRole("row", { name: /Planowany Jan/ })).toContainText("Zaplanowane");
    const csv = await download(page, page.getByRole("link", { name: "Pobierz CSV" }));
    expect(csv.name).toMatch(/^badania-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString("utf8");
    expect(text).toContain("Zdrowa;Ewa");
    expect(text).toContain("Aktualne");
    expect(text.trim().split("\r\n")).toHaveLength(3);
  });

  await test.step("the position's hazards: one more ticked, saved", async () => {
    await checkPage(
      page,
      consoleWatch,
      { path: "/health/positions", role: "health" as never },
      "pl",
    );
    await page.getByRole("link", { name: `Zmień czynniki: ${h().positionName}` }).click();
    await expect(
      page.getByRole("heading", { name: `Czynniki na stanowisku: ${h().positionName}` }),
    ).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Praca w terenie" })).toBeChecked();
    await page.getByRole("checkbox", { name: "Czynniki biologiczne" }).check();
    await page.getByLabel("Zwykły okres ważności orzeczenia (miesiące)").fill("3");
    await page.getByRole("button", { name: "Zapisz czynniki" }).click();
    await expect(page.locator("#f-periodMonths-error")).toHaveText(
      "Podaj liczbę miesięcy od 6 do 60.",
    );
    await expect(page.getByRole("checkbox", { name: "Czynniki biologiczne" })).toBeChecked();
    await page.getByLabel("Zwykły okres ważności orzeczenia (miesiące)").fill("24");
    await page.getByRole("button", { name: "Zapisz czynniki" }).click();
    await expect(page.getByText("Zapisano czynniki stanowiska.")).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(h().positionName) });
    await expect(row).toContainText("Czynniki biologiczne");
    await expect(row).toContainText("24 miesiące");
    await expect(row).toContainText("ustalone");
  });
});

test("the employee sees her own certificate; a colleague finds his appointment and referral", async ({
  browser,
  consoleWatch,
}) => {
  test.setTimeout(90_000);
  for (const who of ["ewa", "jan"] as const) {
    const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
    consoleWatch.attach(context);
    const page = await context.newPage();
    await signIn(page, who === "ewa" ? h().employeeEmail : h().plannedEmail, seed().password);
    await checkPage(page, consoleWatch, { path: "/my/health", role: "employee" }, "pl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moje badania");
    if (who === "ewa") {
      await expect(page.getByText(`Orzeczenie ważne do ${plDate(warsawDay(730))}`)).toBeVisible();
      await expect(page.getByRole("table")).toContainText("Zdolny do pracy");
      // Her colleague's referral is not hers to download.
      const other = await page.request.get(`/health/referrals/${h().plannedExam}.pdf`);
      expect([403, 404]).toContain(other.status());
    } else {
      await expect(page.getByRole("heading", { name: "Wyznaczone badanie" })).toBeVisible();
      await expect(
        page.getByText("Centrum Medycyny Pracy „Bałtyk”", { exact: false }),
      ).toBeVisible();
      const link = page.getByRole("link", { name: "Skierowanie (PDF)" });
      await expect(link).toHaveAttribute("href", `/health/referrals/${h().plannedExam}.pdf`);
      const pdf = await page.request.get(`/health/referrals/${h().plannedExam}.pdf`);
      expect(pdf.status()).toBe(200);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      // Someone else's record is out of reach from any employee account.
      consoleWatch.allowStatus(403);
      const res = await page.goto(`/health/employees/${h().employee}`);
      expect(res?.status()).toBe(403);
      expect(await page.content()).not.toContain("Zdrowa");
    }
    await context.close();
  }
});

test("without the health role the board and records are refused", async ({
  pageAs,
  consoleWatch,
}) => {
  consoleWatch.allowStatus(403);
  for (const role of ["coordinator", "manager", "administrator"] as const) {
    const page = await pageAs(role);
    for (const path of [
      "/health/exams",
      `/health/employees/${h().employee}`,
      "/health/positions",
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), `${role} ${path}`).toBe(403);
      expect(await page.content()).not.toContain("Zdrowa");
    }
    await expect(page.getByRole("link", { name: "Badania profilaktyczne" })).toHaveCount(0);
    await page.close();
  }
});
