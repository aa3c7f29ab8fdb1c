// The staff import through the browser, as an administrator of the seeded centre: a
// Windows-1250 CSV and an XLSX, each previewed and applied; the same CSV again, changing
// nothing; the new employees invited and their mails in the mail log; a large file's progress
// bar; bad files and bad rows; the list exported. Every step's page is checked with axe.
// Deactivation is always switched off here: the seeded accounts are not in these files.
import fs from "node:fs";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import type { Page } from "@playwright/test";
import {
  encodeWindows1250,
  generatedStaff,
  type StaffRow,
  staffCsv,
  staffXlsx,
} from "../../modules/org/staff-import/test-files.ts";
import {
  type ConsoleWatch,
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

const stamp = Date.now().toString(36);
const dir = path.resolve(import.meta.dirname, "../../test-results", `import-e2e-${stamp}`);
const UNIT = `Dział Kadr ${stamp}`;
const domain = `import-${stamp}.pl`;

function fixture(name: string, content: string | Uint8Array): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

const CSV_PEOPLE: StaffRow[] = [
  {
    number: `E-${stamp}-1`,
    lastName: "Łęcka-Źdźbło",
    firstName: "Żaneta",
    email: `zaneta.lecka@${domain}`,
    unit: UNIT,
    position: "Pracownik socjalny",
    start: "01.06.2025",
  },
  {
    number: `E-${stamp}-2`,
    lastName: "Ślązak",
    firstName: "Ćwirek",
    email: `cwirek.slazak@${domain}`,
    unit: UNIT,
    start: "2025-06-01",
  },
];
const XLSX_PEOPLE: StaffRow[] = [
  CSV_PEOPLE[0],
  {
    number: `E-${stamp}-3`,
    lastName: "Wójcik",
    firstName: "Ąnna",
    email: `anna.wojcik@${domain}`,
    unit: UNIT,
    start: "2024-02-29",
  },
];

/** The current page, checked like every page of the suite (structure, labels, axe). */
async function check(page: Page, watch: ConsoleWatch) {
  const url = new URL(page.url());
  await checkPage(page, watch, { path: url.pathname + url.search, role: "administrator" }, "pl");
}

async function upload(page: Page, file: string) {
  await page.goto("/org/employees/import");
  await waitForHydration(page);
  await page.getByLabel("Plik z listą pracowników").setInputFiles(file);
  await page.getByRole("button", { name: "Wczytaj plik" }).click();
  await page.waitForURL(/\/org\/employees\/import\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 2, name: "Przypisz kolumny" })).toBeVisible();
}

async function toPreview(page: Page) {
  await page.getByRole("button", { name: "Pokaż podgląd" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Podgląd zmian" })).toBeVisible({
    timeout: 30_000,
  });
}

async function apply(page: Page) {
  const deactivate = page.getByLabel(/^Dezaktywuj pracowników/);
  if (await deactivate.count()) await deactivate.uncheck();
  await page.getByRole("button", { name: "Zapisz zmiany" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Import zakończony" })).toBeVisible({
    timeout: 30_000,
  });
}

/** The figure next to a label in the result's list. */
const figure = (page: Page, label: string) =>
  page
    .locator("dl.facts dt", { hasText: new RegExp(`^${label}$`) })
    .locator("xpath=following-sibling::dd[1]");

test.describe.configure({ mode: "serial" });
// The generated files (one of 12 MB) are not kept.
test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("imports a Windows-1250 CSV and an XLSX, re-imports with no change, invites the new employees", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("administrator");
  let csvImport = "";

  await test.step("the employee list links to the import", async () => {
    await page.goto("/org/employees");
    await page.getByRole("link", { name: "Importuj z pliku" }).click();
    await expect(page).toHaveURL(/\/org\/employees\/import$/);
    await check(page, consoleWatch);
  });

  const csv = fixture("kadry-1250.csv", encodeWindows1250(staffCsv(CSV_PEOPLE)));
  await test.step("a Windows-1250 CSV: columns recognised, preview before anything is written", async () => {
    await upload(page, csv);
    csvImport = page.url();
    await expect(page.getByText("CSV, WINDOWS-1250, separator: średnik")).toBeVisible();
    await expect(page.getByLabel("Imię")).toHaveValue("2");
    await expect(page.getByLabel("Nr ewidencyjny")).toHaveValue("0");
    await expect(page.getByRole("cell", { name: "Łęcka-Źdźbło" })).toBeVisible();
    await check(page, consoleWatch);

    await toPreview(page);
    await expect(page.getByRole("link", { name: "Nowi: 2" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Łęcka-Źdźbło Żaneta" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Ślązak Ćwirek" })).toBeVisible();
    // The unit is new to the centre: it will be created unless mapped to an existing one.
    await expect(page.getByLabel(`Komórka „${UNIT}” (2 wiersze)`)).toHaveValue("create");
    await check(page, consoleWatch);
    // Nothing is written yet.
    const list = await page.request.get(`/api/v1/employees?q=${domain}`);
    expect((await list.json()).items).toEqual([]);
  });

  await test.step("applied: two created, the unit created", async () => {
    await apply(page);
    await expect(figure(page, "Utworzono")).toHaveText("2");
    await expect(figure(page, "Nowe komórki organizacyjne")).toHaveText("1");
    await check(page, consoleWatch);
    await page.goto(`/org/employees?q=${domain}`);
    await expect(page.getByRole("link", { name: "Łęcka-Źdźbło Żaneta" })).toBeVisible();
  });

  let xlsxImport = "";
  const xlsx = fixture("staff.xlsx", staffXlsx(XLSX_PEOPLE));
  await test.step("an XLSX with English headers: one unchanged, one new", async () => {
    await upload(page, xlsx);
    xlsxImport = page.url();
    await expect(page.getByText("XLSX (pierwszy arkusz)")).toBeVisible();
    await expect(page.getByLabel("Data zatrudnienia")).toHaveValue("6");
    await toPreview(page);
    await expect(page.getByRole("link", { name: "Nowi: 1" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Bez zmian: 1" })).toBeVisible();
    await apply(page);
    await expect(figure(page, "Utworzono")).toHaveText("1");
    await expect(figure(page, "Bez zmian")).toHaveText("1");
  });

  await test.step("the same CSV again changes nothing", async () => {
    await upload(page, csv);
    await toPreview(page);
    await expect(page.getByRole("link", { name: "Bez zmian: 2" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Nowi: 0" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Zmienieni: 0" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Błędy: 0" })).toBeVisible();
    await apply(page);
    await expect(figure(page, "Utworzono")).toHaveText("0");
    await expect(figure(page, "Zmieniono")).toHaveText("0");
    await expect(figure(page, "Bez zmian")).toHaveText("2");
    // Nothing created, so nobody to invite.
    await expect(page.getByRole("button", { name: /Zaproś nowych/ })).toHaveCount(0);
  });

  await test.step("the new employees are invited; their mails are in the mail log", async () => {
    for (const [url, count, text] of [
      [csvImport, 2, "Wysłano 2 zaproszenia."],
      [xlsxImport, 1, "Wysłano 1 zaproszenie."],
    ] as const) {
      await page.goto(url);
      await waitForHydration(page);
      await page
        .getByRole("button", { name: new RegExp(`^Zaproś nowych pracowników \\(${count} `) })
        .click();
      await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
    }
    await page.getByRole("link", { name: "Zobacz dziennik poczty" }).click();
    await expect(page).toHaveURL(/\/admin\/mail$/);
    for (const p of [...CSV_PEOPLE, XLSX_PEOPLE[1]]) {
      const mail = page.locator("li.card", { hasText: p.email });
      await expect(mail).toHaveCount(1);
      await expect(mail).toContainText("Zaproszenie do Przystani");
    }
    await page.goto(`/org/employees?q=${domain}`);
    await expect(page.getByRole("row", { name: /Łęcka-Źdźbło/ })).toContainText("zaproszono");
  });

  await test.step("the list exports as CSV and XLSX, with the current filter", async () => {
    await page.goto(`/org/employees?q=${domain}`);
    await waitForHydration(page);
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Pobierz CSV" }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^pracownicy-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = fs.readFileSync((await csvDownload.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines.join("\n")).toContain(`Łęcka-Źdźbło;Żaneta;zaneta.lecka@${domain};${UNIT}`);

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Pobierz XLSX" }).click(),
    ]);
    const wb = XLSX.read(fs.readFileSync((await xlsxDownload.path())!), { type: "buffer" });
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    expect(rows).toHaveLength(4);
    expect(rows.flat()).toContain("Ćwirek");
  });
});

test("a large file shows a progress bar while its preview is prepared", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("administrator");
  const big = fixture("duzy.csv", staffCsv(generatedStaff(5000, { domain: `duzy${stamp}.pl` })));
  await upload(page, big);
  await page.getByRole("button", { name: "Pokaż podgląd" }).click();
  // Large files are previewed by the background worker; the page polls until it is done.
  await expect(
    page.getByRole("heading", { level: 2, name: "Przygotowujemy podgląd" }),
  ).toBeVisible();
  const bar = page.getByRole("progressbar", { name: "Postęp" });
  await expect(bar).toBeVisible();
  await expect(page.getByRole("link", { name: "Odśwież stan" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, "import progress");
  const previewTitle = page.getByRole("heading", { level: 2, name: "Podgląd zmian" });
  await expect(previewTitle).toBeVisible({ timeout: 30_000 });
  // The work done, focus moves to the new section's heading, so a screen reader announces it.
  await expect(previewTitle).toBeFocused();
  await expect(page.getByRole("link", { name: "Nowi: 5000" })).toBeVisible();
  // 25 rows a page; the filter and the paging work by links.
  await expect(page.locator("tbody tr")).toHaveCount(25);
  await page.getByRole("link", { name: "Nowi: 5000" }).click();
  await expect(page).toHaveURL(/\?kind=create$/);
  await page.getByRole("link", { name: "Następna" }).click();
  await expect(page).toHaveURL(/kind=create&page=2$/);
  await expect(page.getByText("Strona 2 z 200")).toBeVisible();
  await expect(page.getByRole("cell", { name: "27", exact: true })).toBeVisible();
  await check(page, consoleWatch);
});

test("bad files and bad rows get clear messages, and nothing is written", async ({
  pageAs,
  roleState,
  browser,
  consoleWatch,
}) => {
  const page = await pageAs("administrator");
  consoleWatch.allowStatus(422);

  await test.step("a binary file renamed .csv", async () => {
    const fake = fixture(
      "zdjecie.csv",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]),
    );
    await page.goto("/org/employees/import");
    await waitForHydration(page);
    await page.getByLabel("Plik z listą pracowników").setInputFiles(fake);
    await page.getByRole("button", { name: "Wczytaj plik" }).click();
    await expect(page.locator("#f-file-error")).toHaveText("To nie jest plik CSV ani XLSX.");
    await expect(page.getByLabel("Plik z listą pracowników")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
    await expect(page.getByRole("alert")).toBeFocused();
    await expectNoSeriousA11yViolations(page, "import upload with an error");
  });

  const huge = fixture("za-duzy.csv", Buffer.alloc(12 * 1024 * 1024, "a"));
  await test.step("a file over 10 MB is stopped in the browser, naming the limit", async () => {
    await page.getByLabel("Plik z listą pracowników").setInputFiles(huge);
    await page.getByRole("button", { name: "Wczytaj plik" }).click();
    await expect(page.locator("#f-file-error")).toHaveText("Plik jest za duży (maks. 10 MB).");
    await expect(page).toHaveURL(/\/org\/employees\/import$/);
  });

  await test.step("…and by the server when the browser runs no JavaScript", async () => {
    const context = await browser.newContext({
      baseURL: SEEDED.url,
      locale: "pl-PL",
      javaScriptEnabled: false,
      storageState: await roleState("administrator"),
    });
    consoleWatch.attach(context);
    consoleWatch.allowStatus(413);
    const plain = await context.newPage();
    await plain.goto("/org/employees/import");
    await plain.getByLabel("Plik z listą pracowników").setInputFiles(huge);
    await plain.getByRole("button", { name: "Wczytaj plik" }).click();
    await expect(plain.getByRole("main")).toContainText("Plik jest za duży (maks. 10 MB).");
    await context.close();
  });

  await test.step("a file with bad rows: each error with its row number; no way to apply", async () => {
    const bad = fixture(
      "bledy.csv",
      [
        "Nr ewidencyjny;Nazwisko;Imię;E-mail;Data zatrudnienia",
        `D-${stamp};Nowak;Jan;jan.${stamp}@bledy.pl;2025-06-01`,
        `D-${stamp};Kowal;Ewa;ewa.${stamp}@bledy.pl;01.06.2025`,
        `N-${stamp};Inna;Osoba;anna.nowak@${seed().emailDomain};`,
        `M-${stamp};Zła;Data;data.${stamp}@bledy.pl;31.02.2025`,
      ].join("\r\n"),
    );
    await upload(page, bad);
    await toPreview(page);
    const errors = page
      .getByRole("navigation", { name: "Pokaż" })
      .getByRole("link", { name: "Błędy: 4" });
    await expect(errors).toBeVisible();
    await errors.click();
    await expect(page).toHaveURL(/\?kind=error$/);
    const row = (n: number) =>
      page
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: String(n), exact: true }) });
    await expect(row(2)).toContainText("Ten numer ewidencyjny występuje więcej niż raz.");
    await expect(row(3)).toContainText("Ten numer ewidencyjny występuje więcej niż raz.");
    await expect(row(4)).toContainText("Ten adres e-mail należy do innego pracownika.");
    await expect(row(5)).toContainText("Nieprawidłowa data");
    await expect(page.getByRole("button", { name: "Zapisz zmiany" })).toHaveCount(0);
    await expect(page.getByText(/Plik zawiera błędne wiersze/)).toBeVisible();
    await check(page, consoleWatch);
  });

  await test.step("a mapping without a mandatory column is refused next to the field", async () => {
    await page.getByRole("link", { name: "Zmień przypisanie kolumn" }).click();
    await waitForHydration(page);
    await page.getByLabel("E-mail").evaluate((el: HTMLSelectElement) => {
      // The browser would stop an empty required field itself; the server must refuse it too.
      el.required = false;
      el.value = "";
    });
    await page.getByRole("button", { name: "Pokaż podgląd" }).click();
    await expect(page.locator("#f-email-error")).toHaveText(
      "Wskaż kolumnę — to pole jest wymagane.",
    );
    await expectNoSeriousA11yViolations(page, "import mapping with an error");
  });
});
