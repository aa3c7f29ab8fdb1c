// Survey results: the coordinator reads a closed cycle (summary, charts with their tables, the
// heat map with a hidden cell, the trend against the spring cycle, alpha, actions, reviewed open
// answers) and downloads the PDF (read back with pdftotext), the XLSX and the response file; a
// manager sees their own unit only; a draft's results page explains why there is nothing yet.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import * as XLSX from "@e965/xlsx";
import {
  checkPage,
  download,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";

const results = () => seed().surveyResults;

test("a coordinator reads a closed cycle's results and downloads its report", async ({
  pageAs,
  consoleWatch,
}) => {
  // A long report: axe alone takes a good while over it on a small machine.
  test.setTimeout(240_000);
  const page = await pageAs("coordinator");
  const path = `/surveys/${results().cycle}/results`;
  await checkPage(page, consoleWatch, { path, role: "coordinator" }, "pl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Wyniki: ${results().cycleName}`,
  );

  await test.step("summary, and charts each with a data table", async () => {
    const summary = page.locator("section", { has: page.locator("#summary") });
    await expect(summary).toContainText("49 odpowiedzi");
    await expect(summary).toContainText("01.10.2025 – 31.10.2025");
    await expect(page.getByRole("figure", { name: /Średnie w skalach/ })).toBeVisible();
    const means = page.getByRole("table", { name: /Dane wykresu: Średnie w skalach/ });
    await expect(means.getByRole("rowheader", { name: "Obciążenie pracą i tempo" })).toBeVisible();
    await expect(page.getByRole("table", { name: /Dane wykresu: Udział osób/ })).toBeVisible();
  });

  await test.step("the heat map by unit × staff group hides the cell of three", async () => {
    await page.getByLabel("Pokaż grupy według").selectOption("unit,staffGroup");
    await page.getByRole("form", { name: "Widok wyników" }).getByRole("button").click();
    await expect(page).toHaveURL(/by=unit%2CstaffGroup|by=unit,staffGroup/);
    const heat = page.getByRole("table", { name: /Średnie w skalach według/ });
    const hidden = heat.getByRole("row", { name: /Dział A — Pracownicy administracyjni/ });
    await expect(hidden).toContainText("ukryte (< 5)");
    // The hidden row tells neither a number of people nor a mean.
    await expect(hidden).not.toContainText(/\d+,\d/);
    const shown = heat.getByRole("row", { name: /Dział A — Bezpośredni kontakt/ });
    await expect(shown).toContainText(/\d+,\d/);
    // The wide table scrolls in its own labelled, focusable region.
    const region = page.getByRole("region", { name: /Średnie w skalach według/ });
    await expect(region).toHaveAttribute("tabindex", "0");
    await region.focus();
    await expect(region).toBeFocused();
    await expectNoSeriousA11yViolations(page, `${path} by unit × staff group`);
  });

  await test.step("trend against spring, with the rule explained", async () => {
    const trend = page.locator("section", { has: page.locator("#trend") });
    await expect(trend).toContainText(`Porównanie z badaniem „${results().previousName}”`);
    await expect(trend).toContainText("p < 0,05");
    const workload = trend.getByRole("row", { name: /Obciążenie pracą i tempo/ }).first();
    await expect(workload).toContainText("istotne pogorszenie");
  });

  await test.step("alpha for the coordinator, actions, reviewed open answers", async () => {
    await expect(page.getByRole("heading", { name: "Spójność wewnętrzna skal" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Alfa Cronbacha w skalach" })).toBeVisible();
    const actions = page.locator("section", { has: page.locator("#actions") });
    await expect(actions.getByRole("heading", { level: 3 }).first()).toBeVisible();
    await expect(actions).toContainText("Wsparcie:");
    const comments = page.locator("section", { has: page.locator("#comments") });
    await expect(comments).toContainText("[usunięto] krzyczy na klientów");
    await expect(comments).not.toContainText("Kowalski");
    await expect(comments).not.toContainText("Nieprzejrzany");
  });

  await test.step("the PDF report reads back with Polish text", async () => {
    const pdf = await download(page, page.getByRole("link", { name: "Raport PDF dla ośrodka" }));
    expect(pdf.name).toBe("raport-badanie-jesien-2025.pdf");
    const file = test.info().outputPath("raport.pdf");
    fs.writeFileSync(file, pdf.bytes);
    const text = execFileSync("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
      encoding: "utf8",
    }).replace(/\s+/g, " ");
    expect(text).toContain(`Raport z badania: ${results().cycleName}`);
    expect(text).toContain("Zasada anonimowości");
    expect(text).toContain("Obciążenie pracą i tempo");
    expect(text).toContain("Wymagania emocjonalne pracy z klientem");
    expect(text).toContain(`Porównanie z badaniem „${results().previousName}”`);
    expect(text).toMatch(/Strona 1 z \d+/);
  });

  await test.step("a unit's PDF, the workbook and the response file", async () => {
    await page.getByLabel("Raport PDF dla komórki").selectOption({ label: "Dział B" });
    const unitPdf = await download(
      page,
      page.getByRole("button", { name: "Pobierz raport komórki" }),
    );
    expect(unitPdf.name).toBe("raport-badanie-jesien-2025-dzial-b.pdf");

    const xlsx = await download(page, page.getByRole("link", { name: /arkuszu/ }));
    const book = XLSX.read(xlsx.bytes, { type: "buffer" });
    expect(book.SheetNames).toEqual(["Informacje", "Skale", "Pozycje", "Trend", "Alfa"]);

    const csv = await download(page, page.getByRole("link", { name: /Odpowiedzi anonimowe/ }));
    const lines = csv.bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines).toHaveLength(50);
    expect(lines[0]).toMatch(/^Lp\.;Komórka;Grupa pracowników;Skala: /);
    expect(
      lines.some((l) => l.includes("Pracownicy administracyjni") && l.includes(";Dział A;")),
    ).toBe(false);
  });
});

test("a manager sees their own unit, without alpha or the response file", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("manager");
  await checkPage(
    page,
    consoleWatch,
    { path: `/surveys/${results().cycle}/results`, role: "manager" },
    "pl",
  );
  const heat = page.getByRole("table", { name: /Średnie w skalach według/ });
  await expect(heat.getByRole("row", { name: /^Dział A/ })).toBeVisible();
  await expect(heat.getByRole("row", { name: /Dział B/ })).toHaveCount(0);
  await expect(heat.getByRole("row", { name: /Cały ośrodek/ })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Spójność wewnętrzna skal" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Odpowiedzi anonimowe/ })).toHaveCount(0);
  consoleWatch.allowStatus(403);
  const res = await page.goto(`/surveys/${results().cycle}/responses.csv`);
  expect(res?.status()).toBe(403);
});

test("a draft's results page says results come after closing", async ({ pageAs, consoleWatch }) => {
  const page = await pageAs("management");
  await checkPage(
    page,
    consoleWatch,
    { path: `/surveys/${results().draft}/results`, role: "management" },
    "pl",
  );
  await expect(page.getByRole("status")).toContainText("zamknięciu");
});

test("the results page reflows to 320 px and works in English", async ({
  pageAs,
  consoleWatch,
}) => {
  test.setTimeout(120_000);
  const page = await pageAs("coordinator");
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`/surveys/${results().cycle}/results?by=unit,staffGroup`);
  await waitForHydration(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.context().addCookies([{ name: "lang", value: "en", url: page.url() }]);
  await checkPage(
    page,
    consoleWatch,
    { path: `/surveys/${results().cycle}/results?by=unit,staffGroup`, role: "coordinator" },
    "en",
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Results: ${results().cycleName}`,
  );
  await expect(page.getByText("hidden (< 5)").first()).toBeAttached();
});
