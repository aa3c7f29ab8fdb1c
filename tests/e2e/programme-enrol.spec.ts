// Enrolment in Chromium: an employee enrols through the activity page and the .ics of the
// confirmation is in the mail log and downloads; the next person joins the waitlist and gets
// the place when the first withdraws; the calendar address serves text/calendar until it is
// turned off; a manager approves a request; a coordinator nominates (an error first), exports
// and cancels. Every page visited is checked with axe.
import type { Page } from "@playwright/test";
import { checkPage, emailOf, expect, seed, test } from "./fixtures.ts";

/** iCalendar folds long lines (CRLF and a space); unfolded, text can be searched. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

const box = (p: Page) => p.locator("section.enrol-box");

/** The cards of the mail log for a search, as the administrator sees them. */
async function mailCards(admin: Page, q: string, watch: Parameters<typeof checkPage>[1]) {
  await checkPage(
    admin,
    watch,
    { path: `/admin/mail?q=${encodeURIComponent(q)}`, role: "administrator" },
    "pl",
  );
  return admin.locator("li.card");
}

async function attachmentOf(admin: Page, card: ReturnType<Page["locator"]>) {
  const link = card.getByRole("link", { name: /\.ics$/ }).first();
  await expect(link).toBeVisible();
  const res = await admin.request.get((await link.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  return { type: res.headers()["content-type"], text: unfold(await res.text()) };
}

test("enrolment, the waitlist's promotion, the .ics in the mail log and the calendar feed", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(180_000);
  const s = seed().programmeEnrol;
  const flowPath = `/programme/${s.flow}`;
  const employee = await pageAs("employee");
  const specialist = await pageAs("specialist");
  const admin = await pageAs("administrator");

  // The employee takes the only place.
  await checkPage(employee, consoleWatch, { path: flowPath, role: "employee" }, "pl");
  await expect(box(employee)).toContainText("Wolne miejsca: 1 z 1.");
  await box(employee).getByRole("button", { name: "Zapisz się" }).click();
  await expect(box(employee).getByRole("status")).toContainText(
    "Zapisano. Potwierdzenie z plikiem kalendarza (.ics) wysłaliśmy e-mailem.",
  );
  await expect(box(employee)).toContainText("Masz miejsce na tych zajęciach.");

  // The next person can only join the waitlist.
  await checkPage(specialist, consoleWatch, { path: flowPath, role: "specialist" }, "pl");
  await expect(box(specialist)).toContainText("Brak wolnych miejsc.");
  await box(specialist).getByRole("button", { name: "Zapisz się na listę rezerwową" }).click();
  await expect(box(specialist)).toContainText("zapisano Cię na listę rezerwową (1. miejsce)");
  await expect(box(specialist)).toContainText("Jesteś na liście rezerwowej: 1. miejsce.");

  // The confirmation is in the mail log with its calendar file, which downloads.
  let cards = await mailCards(admin, s.flowTitle, consoleWatch);
  const confirmation = cards.filter({ hasText: `Potwierdzenie zapisu: ${s.flowTitle}` });
  await expect(confirmation).toHaveCount(1);
  await expect(confirmation).toContainText(emailOf("employee"));
  const invite = await attachmentOf(admin, confirmation);
  expect(invite.type).toContain("text/calendar");
  expect(invite.text).toContain("METHOD:REQUEST");
  expect(invite.text).toContain(`SUMMARY:${s.flowTitle}`);
  expect(invite.text).toMatch(/DTSTART;TZID=Europe\/Warsaw:\d{8}T\d{6}\r\n/);
  const waitlisted = cards.filter({ hasText: `Lista rezerwowa: ${s.flowTitle}` });
  await expect(waitlisted).toHaveCount(1);
  await expect(waitlisted.getByRole("link", { name: /\.ics$/ })).toHaveCount(0);

  // The employee withdraws; the place goes to the first on the waitlist.
  await checkPage(employee, consoleWatch, { path: flowPath, role: "employee" }, "pl");
  await box(employee).getByRole("button", { name: "Zrezygnuj z udziału" }).click();
  await expect(box(employee).getByRole("status")).toContainText("Zrezygnowano z udziału.");
  await expect(box(employee)).toContainText("Brak wolnych miejsc.");
  await checkPage(specialist, consoleWatch, { path: flowPath, role: "specialist" }, "pl");
  await expect(box(specialist)).toContainText("Masz miejsce na tych zajęciach.");

  cards = await mailCards(admin, s.flowTitle, consoleWatch);
  const promoted = cards.filter({ hasText: `Zwolniło się miejsce: ${s.flowTitle}` });
  await expect(promoted).toContainText(emailOf("specialist"));
  expect((await attachmentOf(admin, promoted)).text).toContain("METHOD:REQUEST");
  const cancelled = cards.filter({ hasText: `Rezygnacja z zajęć: ${s.flowTitle}` });
  expect((await attachmentOf(admin, cancelled)).text).toContain("METHOD:CANCEL");

  // The specialist's calendar address serves their sessions until it is turned off.
  await checkPage(specialist, consoleWatch, { path: "/calendar", role: "specialist" }, "pl");
  await specialist.getByRole("button", { name: "Utwórz adres kalendarza" }).click();
  const address = specialist.getByLabel("Adres kalendarza");
  await expect(address).toBeVisible();
  const url = await address.inputValue();
  expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const feed = await specialist.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(feed.headers()["cache-control"]).toContain("private");
  expect(unfold(await feed.text())).toContain(`SUMMARY:${s.flowTitle}`);
  await specialist.getByRole("button", { name: "Wyłącz adres kalendarza" }).click();
  await expect(specialist.getByRole("status").first()).toContainText("Adres kalendarza wyłączony.");
  expect((await specialist.request.get(url)).status()).toBe(404);
});

test("approval by the manager, and a coordinator's list: nominating, exporting, cancelling", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(180_000);
  const s = seed().programmeEnrol;
  const employee = await pageAs("employee");
  const manager = await pageAs("manager");
  const coordinator = await pageAs("coordinator");

  await checkPage(
    employee,
    consoleWatch,
    { path: `/programme/${s.approvalFlow}`, role: "employee" },
    "pl",
  );
  await expect(box(employee)).toContainText("Zgłoszenie wymaga akceptacji kierownika.");
  await box(employee).getByRole("button", { name: "Zapisz się" }).click();
  await expect(box(employee)).toContainText("Zgłoszenie czeka na akceptację kierownika.");

  await checkPage(manager, consoleWatch, { path: "/programme/approvals", role: "manager" }, "pl");
  const row = manager.getByRole("row").filter({ hasText: s.approvalFlowTitle });
  await expect(row).toContainText("employee Test");
  await row.getByRole("button", { name: "Akceptuj zgłoszenie: employee Test" }).click();
  await expect(manager.getByRole("status").first()).toContainText("Zaakceptowano zgłoszenie.");
  await expect(manager.getByRole("row").filter({ hasText: s.approvalFlowTitle })).toHaveCount(0);

  await employee.reload();
  await expect(box(employee)).toContainText("Masz miejsce na tych zajęciach.");

  const list = `/programme/${s.approvalFlow}/enrolments`;
  await checkPage(coordinator, consoleWatch, { path: list, role: "coordinator" }, "pl");
  await expect(coordinator.getByRole("row").filter({ hasText: "employee Test" })).toContainText(
    "potwierdzony",
  );
  const nominate = coordinator.locator("section", {
    has: coordinator.getByRole("heading", { name: "Zapisz pracownika" }),
  });
  // Nobody chosen: the error is next to the list, and nothing is written.
  consoleWatch.allowStatus(422);
  await nominate.getByRole("button", { name: "Zapisz wybraną osobę" }).click();
  await expect(nominate.getByRole("alert")).toContainText("To pole jest wymagane.");
  await expect(nominate.locator("#f-employeeId-error")).toBeVisible();
  await nominate.getByLabel("Znajdź pracownika (nazwisko, imię, numer)").fill("ZAP-1");
  await nominate.getByRole("button", { name: "Szukaj" }).click();
  await nominate.getByRole("radio", { name: /\(ZAP-1\)/ }).check();
  await nominate.getByRole("button", { name: "Zapisz wybraną osobę" }).click();
  await expect(coordinator.getByRole("status").first()).toContainText("Zapisano: Anna Nowak-ZAP1");
  await expect(coordinator.getByRole("row").filter({ hasText: "ZAP-1" })).toContainText(
    "potwierdzony",
  );

  const csv = await coordinator.request.get(
    (await coordinator.getByRole("link", { name: "Pobierz CSV" }).getAttribute("href"))!,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("ZAP-1");
  expect(text).toContain("employee");

  await coordinator.getByRole("button", { name: "Anuluj zapis: employee Test" }).click();
  await expect(coordinator.getByRole("status").first()).toContainText("Anulowano zapis.");
  await employee.reload();
  await expect(box(employee)).not.toContainText("Masz miejsce");
});

test("a refusal is explained in the box; the box and the list fit a 320 px screen", async ({
  pageAs,
  consoleWatch,
}) => {
  const s = seed().programmeEnrol;
  const employee = await pageAs("employee");
  const closed = `/programme/${s.closed}`;
  await checkPage(employee, consoleWatch, { path: closed, role: "employee" }, "pl");
  await expect(box(employee)).toContainText("Zapisy na te zajęcia są już zamknięte.");
  await expect(box(employee).getByRole("button")).toHaveCount(0);
  // Posted anyway (an old page, a second tab): refused, and the box says why.
  const res = await employee.request.post(`${closed}/enrol`, {
    form: { intent: "enrol" },
    headers: { Origin: new URL(employee.url()).origin },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const location = res.headers().location;
  expect(location).toContain("enrolError=programme.enrol.reason.closed");
  await employee.goto(location);
  await expect(box(employee).getByRole("alert")).toContainText(
    "Zapisy na te zajęcia są już zamknięte.",
  );

  const p = await pageAs("coordinator");
  await p.setViewportSize({ width: 320, height: 800 });
  for (const path of [`/programme/${s.activity}`, `/programme/${s.activity}/enrolments`]) {
    await p.goto(path);
    expect(await p.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(
      320,
    );
  }
});
