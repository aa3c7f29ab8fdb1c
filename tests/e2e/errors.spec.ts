// How the server answers bad requests: size limit, malformed JSON, cross-site forms, unknown
// pages, and the security headers every page carries.
import { request as playwrightRequest } from "@playwright/test";
import { expect, test, waitForHydration } from "./fixtures.ts";
import { SEEDED } from "./servers.ts";

test("a 10 MB body to a page is refused with 413 and a Polish message", async ({ request }) => {
  const res = await request.post("/login", {
    headers: { Origin: SEEDED.url, "Content-Type": "application/x-www-form-urlencoded" },
    data: `email=a%40b.pl&password=${"x".repeat(10 * 1024 * 1024)}`,
    maxRedirects: 0,
  });
  expect(res.status()).toBe(413);
  expect(res.headers()["content-type"]).toContain("text/html");
  const html = await res.text();
  expect(html).toContain('<html lang="pl">');
  expect(html).toContain("Za duże dane");
  expect(html).toContain("Przesłane dane są za duże.");
});

test("a 10 MB body to the API is refused with 413 Problem Details", async ({ request }) => {
  const res = await request.post("/api/v1/units", {
    headers: { Origin: SEEDED.url, "Content-Type": "application/json" },
    data: Buffer.from(JSON.stringify({ name: "x".repeat(10 * 1024 * 1024), kind: "team" })),
  });
  expect(res.status()).toBe(413);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  expect(await res.json()).toMatchObject({ status: 413, title: "Treść żądania jest za duża." });
});

test("malformed JSON to /api/v1/units as administrator gives 400 Problem Details", async ({
  roleState,
}) => {
  const api = await playwrightRequest.newContext({
    baseURL: SEEDED.url,
    storageState: await roleState("administrator"),
  });
  const res = await api.post("/api/v1/units", {
    headers: { Origin: SEEDED.url, "Content-Type": "application/json" },
    // A Buffer is sent as is (a string would be JSON-encoded by Playwright).
    data: Buffer.from('{"name": "Zespół", "kind": '),
  });
  expect(res.status()).toBe(400);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  expect(await res.json()).toEqual({
    type: "about:blank#bad_request",
    title: "Nieprawidłowe żądanie: treść nie jest poprawnym JSON-em.",
    status: 400,
    instance: "/api/v1/units",
  });
  await api.dispose();
});

test("a form posted without a matching Origin is refused with 403", async ({ roleState }) => {
  const api = await playwrightRequest.newContext({
    baseURL: SEEDED.url,
    storageState: await roleState("administrator"),
  });
  const form = { intent: "save", name: "Zespół z innej strony", kind: "team", parentId: "" };
  const attempts: Record<string, string>[] = [
    { Origin: "https://evil.example" },
    {},
    { "Sec-Fetch-Site": "cross-site" },
  ];
  for (const headers of attempts) {
    const res = await api.post("/org/units/new", { form, headers, maxRedirects: 0 });
    expect(res.status(), JSON.stringify(headers)).toBe(403);
    expect(await res.text()).toContain("Brak dostępu");
  }
  const apiRes = await api.post("/api/v1/units", {
    headers: { Origin: "https://evil.example" },
    data: { name: "Zespół z innej strony", kind: "team" },
  });
  expect(apiRes.status()).toBe(403);
  expect(apiRes.headers()["content-type"]).toContain("application/problem+json");
  // Nothing was created by the refused requests.
  const units = (await (await api.get("/api/v1/units")).json()).items as { name: string }[];
  expect(units.map((u) => u.name)).not.toContain("Zespół z innej strony");
  await api.dispose();
});

test("an unknown address shows the Polish 404 page without a stack trace", async ({
  page,
  consoleWatch,
}) => {
  consoleWatch.allowStatus(404);
  const res = await page.goto("/nie-ma-takiej-strony");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nie znaleziono strony");
  await expect(page).toHaveTitle("Nie znaleziono strony – Przystań");
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  const html = (await res?.text()) ?? "";
  expect(html).not.toMatch(/\bat \S+ \(|node_modules|Error:|stack/i);
  await expect(page.getByRole("link", { name: "Przejdź na stronę główną" })).toBeVisible();
});

test("pages carry security headers with a CSP nonce matching the scripts", async ({ page }) => {
  const res = await page.goto("/login");
  expect(res?.status()).toBe(200);
  const h = (await res?.allHeaders()) ?? {};
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain("unsafe-inline");
  const nonce = csp.match(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
  expect(nonce, "script-src nonce").toBeTruthy();
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("same-origin");

  // The nonce attribute is hidden from the DOM once parsed, so read it from the served HTML.
  const html = (await res?.text()) ?? "";
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) {
    if (/type="application\/(ld\+)?json"/.test(tag)) continue;
    expect(tag, "every script has the response's nonce").toContain(`nonce="${nonce}"`);
  }
  // A second response gets a different nonce.
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);
  // And the page's scripts really ran under that policy (a refused script would also be a
  // console error, which fails the test).
  await waitForHydration(page);
});

test("a page number past the end of a list says so and leads to the last page", async ({
  pageAs,
}) => {
  const page = await pageAs("administrator");
  await page.goto("/org/employees?page=999");
  await expect(page.getByText("Ta strona jest poza końcem listy.")).toBeVisible();
  await page.getByRole("link", { name: "Przejdź do ostatniej strony" }).click();
  // The last page, whatever the seed's size: a real page number, and the list shown on it.
  await expect(page).toHaveURL(/page=[1-9]\d*$/);
  await expect(page.getByText("Ta strona jest poza końcem listy.")).toHaveCount(0);
  await expect(page.getByRole("table")).toBeVisible();
});
