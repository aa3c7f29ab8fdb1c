// Integration keys end to end: an administrator makes one in the UI and sees it once, another
// system uses it like curl would, the administrator revokes it and the next call is refused.
import { request as playwrightRequest } from "@playwright/test";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  test,
  waitForHydration,
} from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

test("an administrator creates a key, sees it once, it works, and after revoking it gives 401", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("administrator");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: SEEDED.url,
  });
  await checkPage(page, consoleWatch, { path: "/admin/api-keys", role: "administrator" }, "pl");
  await expect(
    page.getByRole("navigation", { name: "Menu główne" }).getByRole("link", { name: "Klucze API" }),
  ).toHaveAttribute("aria-current", "page");

  // Nothing filled in: both fields say what is missing, and nothing is created.
  consoleWatch.allowStatus(422);
  await page.getByRole("button", { name: "Utwórz klucz" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("To pole jest wymagane.");
  await expect(page.getByLabel(/^Nazwa/)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(/^Rola/)).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page, "/admin/api-keys with errors");

  const name = `System kadrowy ${Date.now()}`;
  await page.getByLabel(/^Nazwa/).fill(name);
  await page.getByLabel(/^Rola/).selectOption({ label: "Koordynator" });
  await page.getByRole("button", { name: "Utwórz klucz" }).click();

  const heading = page.getByRole("heading", { name: `Utworzono klucz „${name}”` });
  await expect(heading).toBeFocused();
  await expect(page.getByText("Klucz nie zostanie pokazany ponownie.")).toBeVisible();
  const field = page.getByLabel("Klucz", { exact: true });
  const key = await field.inputValue();
  expect(key).toMatch(/^prz_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Kopiuj klucz" }).click();
  await expect(page.getByText("Skopiowano do schowka.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await expectNoSeriousA11yViolations(page, "/admin/api-keys with a new key");

  // Another system, as curl would: no cookies, no Origin, just the header.
  const api = await playwrightRequest.newContext({ baseURL: SEEDED.url });
  const auth = { Authorization: `Bearer ${key}` };
  const list = await api.get("/api/v1/employees?q=Nowak", { headers: auth });
  expect(list.status()).toBe(200);
  expect((await list.json()).items.map((e: { id: string }) => e.id)).toContain(
    seed().employeeInUnitB,
  );
  // A coordinator key may read, not restructure.
  const write = await api.post("/api/v1/units", {
    headers: auth,
    data: { name: "Z klucza koordynatora", kind: "team" },
  });
  expect(write.status()).toBe(403);
  // Another centre's records do not exist for it.
  const foreign = await api.get(`/api/v1/employees/${seed().otherCentre.employee}`, {
    headers: auth,
  });
  expect(foreign.status()).toBe(404);
  // Outside /api/v1 a key is nothing: pages still ask to sign in.
  const pageWithKey = await api.get("/org/units", { headers: auth, maxRedirects: 0 });
  expect(pageWithKey.status()).toBe(302);
  expect(pageWithKey.headers().location).toMatch(/^\/login\?next=/);

  // Shown once: the list has its prefix and last use, never the key.
  await page.goto("/admin/api-keys");
  await waitForHydration(page);
  expect(await page.content()).not.toContain(key);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row).toContainText("Koordynator");
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText("aktywny");
  await expect(row.getByRole("cell").nth(4)).not.toHaveText("nigdy");

  // Revoking asks first; the question is focused and can be cancelled.
  await row.getByRole("link", { name: `Unieważnij klucz ${name}` }).click();
  const question = page.getByRole("heading", { name: `Unieważnić klucz „${name}”?` });
  await expect(question).toBeFocused();
  await expectNoSeriousA11yViolations(page, "/admin/api-keys revoke confirmation");
  await page.getByRole("link", { name: "Anuluj" }).click();
  await expect(question).toHaveCount(0);
  expect((await api.get("/api/v1/units", { headers: auth })).status()).toBe(200);

  await row.getByRole("link", { name: `Unieważnij klucz ${name}` }).click();
  await page.getByRole("button", { name: "Tak, unieważnij klucz" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Klucz został unieważniony." }),
  ).toBeVisible();
  await expect(row).toContainText("unieważniony");
  await expect(row.getByRole("link", { name: /Unieważnij/ })).toHaveCount(0);

  const refused = await api.get("/api/v1/employees", { headers: auth });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
  expect(await refused.json()).toMatchObject({ status: 401, type: "about:blank#unauthenticated" });
  await api.dispose();

  // Every call made with the key is in the audit log.
  await page.goto("/admin/audit?action=api.call");
  await expect(page.getByRole("cell", { name: "api.call" }).first()).toBeVisible();
});

test("the English page and a manager key refused with a reason", async ({
  pageAs,
  consoleWatch,
}) => {
  const page = await pageAs("administrator");
  await page.context().addCookies([{ name: "lang", value: "en", url: SEEDED.url }]);
  await checkPage(page, consoleWatch, { path: "/admin/api-keys", role: "administrator" }, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  // The form offers no manager role: a key has no units to manage.
  const roles = await page.getByLabel(/^Role/).locator("option").allTextContents();
  expect(roles).toContain("Coordinator");
  expect(roles).not.toContain("Manager");
});
