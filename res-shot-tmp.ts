import { chromium } from "@playwright/test";
import fs from "node:fs";
const ids = JSON.parse(fs.readFileSync("test-results/e2e-run-57/seed.json", "utf8"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const ctx = await browser.newContext({ baseURL: "http://127.0.0.1:3357", locale: "pl-PL", viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
await page.goto("/login");
await page.getByLabel("Adres e-mail").fill(process.env.WHO ?? "coordinator@testowo.pl");
await page.getByLabel("Hasło", { exact: true }).fill("haslo-testowe-123");
await page.getByRole("button", { name: "Zaloguj się" }).click();
await page.waitForURL((u) => u.pathname !== "/login");
await page.goto(`/surveys/${ids.surveyResults.cycle}/results${process.env.Q ?? ""}`);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
console.log("height", h);
for (let y = 0, i = 0; y < h && i < 12; y += 900, i++) {
  await page.screenshot({ path: `/tmp/res/shot-${i}.png`, clip: { x: 0, y, width: 1280, height: Math.min(900, h - y) }, fullPage: true });
}
await browser.close();
