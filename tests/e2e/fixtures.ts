// Shared fixtures of the end-to-end suite: console-error guard, per-role sign-in (once per role
// per worker, through the real /login form), axe checks, seeded ids and a TOTP generator.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Locator,
  type Page,
} from "@playwright/test";
import type { SeedIds } from "./seed.ts";
import { SEEDED } from "./servers.ts";

export { expect };

export const ROLES = [
  "employee",
  "manager",
  "coordinator",
  "specialist",
  "safety_officer",
  "management",
  "administrator",
  "dpo",
  "health",
] as const;
export type Role = (typeof ROLES)[number];

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

let seedCache: SeedIds | undefined;
/** Ids the seed wrote; read lazily, because test files are loaded before the servers start. */
export function seed(): SeedIds {
  seedCache ??= JSON.parse(fs.readFileSync(SEEDED.ids, "utf8")) as SeedIds;
  return seedCache;
}

export function emailOf(role: Role): string {
  return `${role.replace("_", "-")}@${seed().emailDomain}`;
}

/** Signs in through the /login form and waits until the browser has left it. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByLabel("Hasło", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  await page.waitForURL((u) => u.pathname !== "/login");
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /^(Wyloguj|Sign out)$/ }).click();
  await page.waitForURL((u) => u.pathname === "/login");
}

/** Collects console errors and uncaught exceptions of every page of a context. */
export class ConsoleWatch {
  readonly errors: string[] = [];
  private allowed: RegExp[] = [];

  attach(context: BrowserContext) {
    context.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = `${msg.text()} (${msg.location().url || msg.page()?.url() || "?"})`;
      if (!this.allowed.some((re) => re.test(text))) this.errors.push(text);
    });
    context.on("weberror", (err) => this.errors.push(`uncaught: ${err.error().message}`));
  }

  /**
   * Chromium logs "Failed to load resource: … status of 4xx" for a document served with an
   * error status; tests that open such a page on purpose allow exactly that status.
   */
  allowStatus(status: number) {
    this.allowed.push(
      new RegExp(`Failed to load resource: the server responded with a status of ${status}\\b`),
    );
  }
}

type TestFixtures = {
  consoleWatch: ConsoleWatch;
  /** A new page signed in as the role (seeded server), watched for console errors. */
  pageAs: (role: Role) => Promise<Page>;
};
type WorkerFixtures = {
  /** Storage state of a role's signed-in session; made once per role per worker. */
  roleState: (role: Role) => Promise<StorageState>;
};

async function signInState(
  browser: Browser,
  email: string,
  password: string,
): Promise<StorageState> {
  const context = await browser.newContext({ baseURL: SEEDED.url, locale: "pl-PL" });
  try {
    const page = await context.newPage();
    await signIn(page, email, password);
    await expect(page.getByRole("heading", { level: 1, name: "Pulpit" })).toBeVisible();
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  roleState: [
    async ({ browser }, use) => {
      const states = new Map<Role, Promise<StorageState>>();
      await use((role) => {
        let s = states.get(role);
        if (!s) {
          s = signInState(browser, emailOf(role), seed().password);
          states.set(role, s);
        }
        return s;
      });
    },
    { scope: "worker" },
  ],

  consoleWatch: [
    async ({ context }, use) => {
      const watch = new ConsoleWatch();
      watch.attach(context);
      await use(watch);
      expect(watch.errors, "console errors in the page").toEqual([]);
    },
    { auto: true },
  ],

  pageAs: async ({ browser, roleState, consoleWatch }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const context = await browser.newContext({
        baseURL: SEEDED.url,
        locale: "pl-PL",
        storageState: await roleState(role),
      });
      consoleWatch.attach(context);
      contexts.push(context);
      return context.newPage();
    });
    for (const c of contexts) await c.close();
  },
});

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe on the page and fails on any serious or critical violation, listing them. */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()) {
  // Legacy mode runs axe.run in the page itself. The default opens a blank page for every
  // check to merge the results of frames, and our pages have no frames: the same violations
  // (tried with a missing alt, label and button name and faint text) in under half the time.
  // Only violations come back: passes and the inapplicable rules would only be serialised.
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map(
    (v) =>
      `${label}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes
        .map((n) => `    ${n.target.join(" ")}: ${n.failureSummary?.replace(/\n/g, " ")}`)
        .join("\n")}`,
  );
  if (report.length) console.log(report.join("\n"));
  expect(report, `axe violations on ${label}`).toEqual([]);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits) from a base32 secret. */
export function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const ch of secretBase32.replace(/=+$/, "").toUpperCase()) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`not base32: ${ch}`);
    bits += v.toString(2).padStart(5, "0");
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac("sha1", key).update(counter).digest();
  const offset = h[h.length - 1] & 0xf;
  const code = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}

/** Waits until React Router's client router runs in the page (its scripts passed the CSP). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(
    () =>
      (window as unknown as { __reactRouterDataRouter?: { state: { initialized: boolean } } })
        .__reactRouterDataRouter?.state.initialized === true,
  );
}

export type Lang = "pl" | "en";
export type Visit = { path: string; status?: number; role?: Role };

/** Sets the language cookie for the page's server (the seeded one unless told otherwise). */
export async function setLanguage(page: Page, lang: Lang, baseURL = SEEDED.url) {
  await page.context().addCookies([{ name: "lang", value: lang, url: baseURL }]);
}

/**
 * Opens a page and checks what every screen shares: the status, html lang, a <title>, exactly
 * one h1, the header/nav/main/footer landmarks; then runs axe (on Polish pages).
 */
export async function checkPage(page: Page, watch: ConsoleWatch, v: Visit, lang: Lang) {
  const status = v.status ?? 200;
  if (status !== 200) watch.allowStatus(status);
  const res = await page.goto(v.path);
  const label = `${v.role ?? "anonymous"} ${v.path} (${lang})`;
  expect(res?.status(), label).toBe(status);
  await waitForHydration(page);
  await expect(page.locator("html"), label).toHaveAttribute("lang", lang);
  expect((await page.title()).trim(), `${label}: <title>`).toMatch(/\S+ – Przystań$/);
  await expect(page.locator("h1"), `${label}: one h1`).toHaveCount(1);
  await expect(page.getByRole("banner"), `${label}: header`).toHaveCount(1);
  await expect(page.getByRole("main"), `${label}: main`).toHaveCount(1);
  await expect(page.getByRole("contentinfo"), `${label}: footer`).toHaveCount(1);
  expect(await page.getByRole("navigation").count(), `${label}: nav`).toBeGreaterThan(0);
  expect(await formProblems(page), `${label}: ids and labels`).toEqual([]);
  // axe runs on the Polish page: the English one has the same markup with other words, and
  // what the words can break (lang, title, one h1, labels reaching their fields) is checked
  // above in both. So axe runs once a page, not twice, which keeps the suite's time down.
  if (lang === "pl") await expectNoSeriousA11yViolations(page, label);
}

/**
 * Duplicate ids, and form controls no <label> reaches. axe 4.x no longer reports duplicate
 * ids, and a label pointing at a duplicated id silently names the wrong field.
 */
export async function formProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const el of document.querySelectorAll("[id]")) {
      if (seen.has(el.id)) problems.push(`duplicate id "${el.id}"`);
      seen.add(el.id);
    }
    for (const el of document.querySelectorAll<HTMLInputElement>("input, select, textarea")) {
      if (el.type === "hidden") continue;
      const named =
        (el.labels?.length ?? 0) > 0 ||
        el.hasAttribute("aria-label") ||
        el.hasAttribute("aria-labelledby");
      if (!named) problems.push(`no label for ${el.tagName.toLowerCase()}[name=${el.name}]`);
    }
    return problems;
  });
}

/** Downloads a file by clicking `trigger`: its suggested name and its bytes. */
export async function download(page: Page, trigger: Locator) {
  const [file] = await Promise.all([page.waitForEvent("download"), trigger.click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

/**
 * A PDF's text (pdftotext), spaces collapsed. The file is kept under `name` in the test's
 * output folder, to be opened when the test fails.
 */
export function pdfText(bytes: Buffer, name: string): string {
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  const file = test.info().outputPath(name);
  fs.writeFileSync(file, bytes);
  return execFileSync("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
    encoding: "utf8",
  }).replace(/\s+/g, " ");
}
