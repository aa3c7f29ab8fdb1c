import { chromium } from "@playwright/test";
import fs from "node:fs";
const ids = JSON.parse(fs.readFileSync("test-results/e2e-run-57/seed.json", "utf8"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--headless"] });
const ctx = await browser.newContext({ baseURL: "http://127.0.0.1:3357", locale: "pl-PL" });
const page = await ctx.newPage();
await page.goto("/login");
await page.getByLabel("Adres e-mail").fill("coordinator@testowo.pl");
await page.getByLabel("Hasło", { exact: true }).fill("haslo-testowe-123");
await page.getByRole("button", { name: "Zaloguj się" }).click();
await page.waitForURL((u) => u.pathname !== "/login");
for (const [p, f] of [["results.pdf", "c.pdf"], [`results.pdf?unit=${ids.unitA}`, "a.pdf"], ["results.xlsx", "r.xlsx"], ["responses.csv", "r.csv"]]) {
  const r = await page.request.get(`/surveys/${ids.surveyResults.cycle}/${p}`);
  console.log(p, r.status(), r.headers()["content-type"], r.headers()["content-disposition"]);
  fs.writeFileSync(`/tmp/res/${f}`, await r.body());
}
await browser.close();
