// Several centres on one installation, on the seeded server (two centres; the main centre's
// administrator is also the installation administrator): creating a centre with its first
// administrator, that administrator's first sign-in into an empty centre of their own,
// appointing and re-sending, the accessibility statement per centre, and centres' data staying
// invisible across centres — including to the installation administrator.
import type { Browser, Page } from "@playwright/test";
import {
  type ConsoleWatch,
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  signIn,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const stamp = Date.now().toString(36);
const CENTRE = `GOPS Żółkiewka ${stamp}`;
const CITY = "Żółkiewka";
const ADMIN = {
  firstName: "Bożena",
  lastName: "Łęcka",
  email: `bozena.lecka.${stamp}@zolkiewka.pl`,
  password: "Hasło-Bożeny-2025!",
};
const OTHER_ADMIN = "administrator@inne.pl";

/** A signed-out browser of its own, watched for console errors like the fixtures' pages. */
async function freshPage(browser: Browser, watch: ConsoleWatch): Promise<Page> {
  const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
  watch.attach(context);
  return context.newPage();
}

/** The invitation path inside a mail body shown on the page. */
function invitationPathIn(text: string): string {
  const m = text.match(/https?:\/\/\S+(\/invitation\/[\w-]+)/);
  expect(m, text).not.toBeNull();
  expect(m?.[0].startsWith(SEEDED.url)).toBe(true);
  return m?.[1] ?? "";
}

test("the installation administrator creates a centre; its administrator starts empty", async ({
  pageAs,
  browser,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const p = await pageAs("administrator");
  let invitationPath = "";
  let centreUrl = "";

  await test.step("the menu leads to the centres of the installation", async () => {
    await p.goto("/");
    await waitForHydration(p);
    await p
      .getByRole("navigation", { name: "Menu główne" })
      .getByRole("link", { name: "Ośrodki" })
      .click();
    await expect(p).toHaveURL(/\/installation\/centres$/);
    await expect(p.getByRole("heading", { level: 1 })).toHaveText("Ośrodki instalacji");
    await expect(p.getByRole("row", { name: /^MOPS Testowo / })).toBeVisible();
    const other = p.getByRole("row", { name: /^OPS Inne / });
    // Ten active employees (an account per role, and Anna Nowak without one) and one
    // administrator: counts, never the people.
    await expect(other.getByRole("cell")).toHaveText([
      "MOPS",
      "Testowo",
      "10",
      "1",
      /\d\d\.\d\d\.\d{4}/,
    ]);
  });

  await test.step("search by name narrows the list", async () => {
    await p.getByLabel("Szukaj po nazwie lub miejscowości").fill("inne");
    await p.getByRole("button", { name: "Szukaj" }).click();
    await expect(p).toHaveURL(/q=inne/);
    await expect(p.getByRole("row", { name: /^OPS Inne / })).toBeVisible();
    await expect(p.getByRole("row", { name: /^MOPS Testowo / })).toHaveCount(0);
    await p.getByRole("link", { name: "Wyczyść" }).click();
    await expect(p.getByRole("row", { name: /^MOPS Testowo / })).toBeVisible();
  });

  await test.step("bad input is refused next to the fields, keeping what was typed", async () => {
    await p.getByRole("link", { name: "Dodaj ośrodek" }).click();
    await expect(p).toHaveURL(/\/installation\/centres\/new$/);
    await waitForHydration(p);
    await p.getByLabel("Rodzaj jednostki").selectOption("OPS");
    await p.getByLabel("Kod pocztowy").fill("12345");
    await p.getByLabel("Miejscowość").fill(CITY);
    await p.getByLabel("Imię").fill(ADMIN.firstName);
    await p.getByLabel("Nazwisko").fill(ADMIN.lastName);
    // An address that already has an account in another centre.
    await p.getByLabel("Adres e-mail").fill("coordinator@inne.pl");
    consoleWatch.allowStatus(422);
    await p.getByRole("button", { name: "Utwórz ośrodek i wyślij zaproszenie" }).click();
    await expect(p.locator("#f-name-error")).toHaveText("To pole jest wymagane.");
    await expect(p.locator("#f-postalCode-error")).toHaveText("Kod pocztowy ma postać 00-000.");
    await expect(p.getByRole("alert")).toBeFocused();
    await expect(p.getByLabel("Miejscowość")).toHaveValue(CITY);
    await expect(p.getByLabel("Imię")).toHaveValue(ADMIN.firstName);
    await expectNoSeriousA11yViolations(p, "/installation/centres/new with errors");

    await p.getByLabel("Nazwa ośrodka").fill(CENTRE);
    await p.getByLabel("Kod pocztowy").fill("22-335");
    await p.getByRole("button", { name: "Utwórz ośrodek i wyślij zaproszenie" }).click();
    const email = p.getByLabel("Adres e-mail");
    await expect(p.locator("#f-email-error")).toHaveText(
      "Ten adres e-mail ma już konto w innym ośrodku. Jedna osoba może mieć konto tylko w jednym ośrodku — podaj inny adres, np. służbowy adres w tym ośrodku.",
    );
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(p.locator("p.error")).toHaveCount(1);
    await expect(p.getByLabel("Nazwa ośrodka")).toHaveValue(CENTRE);
    await expect(p.getByLabel("Kod pocztowy")).toHaveValue("22-335");
    await expect(p.getByLabel("Rodzaj jednostki").locator("option:checked")).toHaveText(
      "OPS — ośrodek pomocy społecznej",
    );
  });

  await test.step("the centre is created with an invitation for its administrator", async () => {
    await p.getByLabel("Adres e-mail").fill(ADMIN.email);
    await p.getByRole("button", { name: "Utwórz ośrodek i wyślij zaproszenie" }).click();
    await expect(p).toHaveURL(/\/installation\/centres\/[0-9a-f-]{36}\?notice=created$/);
    centreUrl = new URL(p.url()).pathname;
    await expect(p.getByRole("heading", { level: 1 })).toHaveText(CENTRE);
    await expect(p.getByRole("status")).toHaveText(
      "Utworzono ośrodek. Zaproszenie dla administratora zostało wysłane (link ważny 7 dni).",
    );
    await expect(p.getByText("Ośrodek nie ma jeszcze administratora.")).toBeVisible();
    const card = p.locator("li.card", {
      has: p.getByRole("heading", { name: `${ADMIN.firstName} ${ADMIN.lastName}` }),
    });
    await expect(card).toContainText(ADMIN.email);
    await card.getByText("Treść wiadomości").click();
    const body = card.locator("pre.mail-body");
    await expect(body).toContainText(`Dzień dobry, ${ADMIN.firstName}!`);
    await expect(body).toContainText(`Ośrodek ${CENTRE} zaprasza Cię do Przystani`);
    invitationPath = invitationPathIn((await body.textContent()) ?? "");
    await expectNoSeriousA11yViolations(p, "/installation/centres/:id with an appointment");
  });

  const n = await freshPage(browser, consoleWatch);
  await test.step("the new administrator accepts the invitation and signs in", async () => {
    await n.goto(invitationPath);
    await waitForHydration(n);
    await expect(n.getByRole("main")).toContainText(
      `${ADMIN.firstName}, ośrodek ${CENTRE} zaprasza Cię do Przystani.`,
    );
    await n.getByLabel("Nowe hasło").fill(ADMIN.password);
    await n.getByLabel("Powtórz hasło").fill(ADMIN.password);
    await n.getByRole("button", { name: "Aktywuj konto" }).click();
    await n.waitForURL("**/login?notice=ready");
    await signIn(n, ADMIN.email, ADMIN.password);
    await expect(n.getByRole("heading", { level: 1 })).toHaveText("Pulpit");
    await expect(n.getByRole("banner")).toContainText(CENTRE);
    await expect(n.getByText(/^Twoje role: .*Administrator/)).toBeVisible();
    // The centre is empty: the dashboard's next steps start from the beginning.
    await expect(n.locator("section.card ol li")).toHaveText([
      "Dodaj komórki organizacyjne ośrodka.",
      "Dodaj stanowiska.",
      "Dodaj pracowników.",
    ]);
    // An administrator of a centre, not of the installation.
    await expect(
      n.getByRole("navigation", { name: "Menu główne" }).getByRole("link", { name: "Ośrodki" }),
    ).toHaveCount(0);
  });

  await test.step("…and sees their own empty centre, not the first centre's data", async () => {
    await n.goto("/org/employees");
    await expect(n.getByRole("status")).toHaveText("Brak wyników");
    await expect(n.getByRole("main")).not.toContainText("Nowak");
    await n.goto("/org/units");
    await expect(n.getByRole("main")).not.toContainText("Dział A");
    await n.goto("/admin/mail");
    const mail = n.locator("li.card", {
      has: n.getByRole("heading", { name: `Zaproszenie do Przystani — ${CENTRE}` }),
    });
    await expect(mail).toHaveCount(1);
    await expect(mail).toContainText(ADMIN.email);
    await n.goto("/admin/audit");
    await expect(n.getByRole("main")).toContainText("installation.centre.create");
    // The first centre's records answer "not found"; the installation pages "forbidden".
    for (const path of [`/org/units/${seed().unitA}`, `/org/employees/${seed().employeeInUnitB}`])
      expect((await n.request.get(path)).status(), path).toBe(404);
    expect((await n.request.get(`/api/v1/employees/${seed().employeeInUnitB}`)).status()).toBe(404);
    for (const path of ["/installation/centres", centreUrl])
      expect((await n.request.get(path)).status(), path).toBe(403);
    await n.context().close();
  });

  await test.step("the installation page now lists the administrator, no appointment", async () => {
    await p.goto(centreUrl);
    await expect(p.getByRole("row", { name: new RegExp(ADMIN.email) })).toContainText(
      `${ADMIN.firstName} ${ADMIN.lastName}`,
    );
    await expect(p.getByText("Brak oczekujących zaproszeń.")).toBeVisible();
  });
});

test("appointing another administrator, with errors kept and a resend that replaces the link", async ({
  pageAs,
  consoleWatch,
}) => {
  const p = await pageAs("administrator");
  const email = `jan.nowak.${stamp}@inne.pl`;
  await p.goto(`/installation/centres/${seed().otherCentre.id}`);
  await waitForHydration(p);
  await expect(p.getByRole("heading", { level: 1 })).toHaveText("OPS Inne");
  await expect(p.getByRole("row", { name: new RegExp(OTHER_ADMIN) })).toBeVisible();

  const form = p.locator("section", {
    has: p.getByRole("heading", { name: "Wyznacz administratora" }),
  });
  await form.getByLabel("Imię").fill("Test");
  await form.getByLabel("Nazwisko").fill("Administrator");
  await form.getByLabel("Adres e-mail").fill(OTHER_ADMIN);
  consoleWatch.allowStatus(422);
  await form.getByRole("button", { name: "Wyślij zaproszenie" }).click();
  await expect(p.locator("#f-email-error")).toHaveText(
    "Ta osoba jest już administratorem tego ośrodka.",
  );
  await expect(form.getByLabel("Nazwisko")).toHaveValue("Administrator");

  await form.getByLabel("Imię").fill("Jan");
  await form.getByLabel("Nazwisko").fill("Nowak");
  await form.getByLabel("Adres e-mail").fill(email);
  await form.getByRole("button", { name: "Wyślij zaproszenie" }).click();
  await expect(p.getByRole("status")).toHaveText("Zaproszenie zostało wysłane (link ważny 7 dni).");
  // The form is empty again for the next person.
  await expect(form.getByLabel("Adres e-mail")).toHaveValue("");
  const card = p.locator("li.card", { hasText: email });
  await card.getByText("Treść wiadomości").click();
  const first = invitationPathIn((await card.locator("pre.mail-body").textContent()) ?? "");

  await card.getByRole("button", { name: "Wyślij ponownie zaproszenie: Jan Nowak" }).click();
  await expect(p.getByRole("status")).toHaveText(
    "Zaproszenie wysłano ponownie; poprzedni link przestał działać.",
  );
  await expect(p.locator("li.card", { hasText: email })).toHaveCount(1);
  await p.locator("li.card", { hasText: email }).getByText("Treść wiadomości").click();
  const second = invitationPathIn(
    (await p.locator("li.card", { hasText: email }).locator("pre.mail-body").textContent()) ?? "",
  );
  expect(second).not.toBe(first);
  expect((await p.request.get(first)).status()).toBe(410);
  expect((await p.request.get(second)).status()).toBe(200);
});

test("centres' data stays invisible across centres, installation administrator included", async ({
  pageAs,
  browser,
  consoleWatch,
}) => {
  const s = seed();
  const root = await pageAs("administrator");
  // The installation administrator is an administrator of the main centre only.
  for (const path of [
    `/org/units/${s.otherCentre.unit}`,
    `/org/employees/${s.otherCentre.employee}`,
    `/api/v1/units/${s.otherCentre.unit}`,
    `/api/v1/employees/${s.otherCentre.employee}`,
  ])
    expect((await root.request.get(path)).status(), path).toBe(404);
  const mine = await (await root.request.get("/api/v1/employees?pageSize=200")).json();
  const ids = (mine.items as { id: string }[]).map((e) => e.id);
  expect(ids).toContain(s.employeeInUnitB);
  expect(ids).not.toContain(s.otherCentre.employee);
  // The installation page of the other centre names its administrators, not its staff.
  await root.goto(`/installation/centres/${s.otherCentre.id}`);
  await expect(root.getByRole("main")).toContainText(OTHER_ADMIN);
  await expect(root.getByRole("main")).not.toContainText("Anna");
  await expect(root.getByRole("main")).not.toContainText("employee@inne.pl");

  // The other centre's administrator sees nothing of the main centre, nor of the installation.
  const b = await freshPage(browser, consoleWatch);
  await signIn(b, OTHER_ADMIN, s.password);
  await expect(b.getByRole("banner")).toContainText("OPS Inne");
  for (const [path, status] of [
    [`/org/units/${s.unitA}`, 404],
    [`/org/employees/${s.employeeInUnitA}`, 404],
    [`/api/v1/units/${s.unitA}`, 404],
    [`/api/v1/employees/${s.employeeInUnitA}`, 404],
    ["/installation/centres", 403],
    ["/installation/centres/new", 403],
    [`/installation/centres/${s.mainCentre}`, 403],
    [`/installation/centres/${s.otherCentre.id}`, 403],
  ] as const)
    expect((await b.request.get(path)).status(), path).toBe(status);
  const theirs = await (await b.request.get("/api/v1/employees?pageSize=200")).json();
  const theirIds = (theirs.items as { id: string }[]).map((e) => e.id);
  expect(theirIds).toContain(s.otherCentre.employee);
  expect(theirIds).not.toContain(s.employeeInUnitA);
  expect(theirIds).not.toContain(s.employeeInUnitB);
  await b.goto("/");
  await expect(
    b.getByRole("navigation", { name: "Menu główne" }).getByRole("link", { name: "Ośrodki" }),
  ).toHaveCount(0);
  consoleWatch.allowStatus(403);
  const res = await b.goto("/installation/centres");
  expect(res?.status()).toBe(403);
  await b.context().close();
});

test("the accessibility statement: a picker for visitors, each centre's own statement", async ({
  page,
  browser,
  consoleWatch,
}) => {
  const s = seed();
  await page.goto("/deklaracja-dostepnosci");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Deklaracja dostępności");
  await expect(page.getByRole("main")).toContainText("Wybierz ośrodek");
  await page.getByRole("link", { name: "OPS Inne (Testowo)" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?centre=${s.otherCentre.id}$`));
  await expect(page.getByRole("main")).toContainText("OPS Inne zobowiązuje się");
  await page.getByRole("link", { name: "Deklaracje dostępności pozostałych ośrodków" }).click();
  await expect(page.getByRole("link", { name: "MOPS Testowo (Testowo)" })).toBeVisible();

  for (const lang of ["pl", "en"] as const) {
    await page.context().addCookies([{ name: "lang", value: lang, url: SEEDED.url }]);
    await checkPage(
      page,
      consoleWatch,
      { path: `/deklaracja-dostepnosci?centre=${s.mainCentre}` },
      lang,
    );
  }
  consoleWatch.allowStatus(404);
  expect((await page.goto("/deklaracja-dostepnosci?centre=nie-ma-takiego"))?.status()).toBe(404);

  // Signed in, the statement is the person's own centre's.
  const b = await freshPage(browser, consoleWatch);
  await signIn(b, OTHER_ADMIN, s.password);
  await b.goto("/deklaracja-dostepnosci");
  await expect(b.getByRole("main")).toContainText("OPS Inne zobowiązuje się");
  await b.context().close();
});
