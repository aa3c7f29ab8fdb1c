// Accessibility: axe (WCAG 2.1 A/AA) on every page in Polish and in English, the page
// structure every screen shares, and the skip link. Pages that only exist inside a flow (the
// live setup form, a live invitation, a live reset link, the 2FA screens) are checked by the
// flow's own spec with the same helpers: first-run.spec.ts and two-factor.spec.ts.
import fs from "node:fs";
import nodePath from "node:path";
import {
  checkPage,
  expect,
  expectNoSeriousA11yViolations,
  seed,
  setLanguage,
  test,
  type Visit,
  waitForHydration,
} from "./fixtures.ts";

/** Every route of app/routes.ts, and where its page is checked. */
const COVERAGE: Record<string, string> = {
  "/": "here (administrator, manager, dpo, employee)",
  "/login": "here",
  "/login/two-factor": "here (empty) and two-factor.spec.ts (after a password)",
  "/logout": "no page: POST signs out, GET redirects to /",
  "/forgot-password": "here",
  "/reset-password": "here (410) and two-factor.spec.ts (live link)",
  "/setup/:token": "here (410) and first-run.spec.ts (live form)",
  "/invitation/:token": "here (410) and first-run.spec.ts (live invitation)",
  "/language": "no page: POST sets the language, GET redirects to /",
  "/profile": "here",
  "/deklaracja-dostepnosci":
    "here (anonymous: the centre picker; signed in: own centre) and installation.spec.ts",
  "/org/units": "here",
  "/org/units/new": "here",
  "/org/units/:id": "here (administrator and manager)",
  "/org/positions": "here",
  "/org/staff-groups": "here",
  "/org/employees": "here",
  "/org/employees/new": "here (empty and with errors)",
  "/org/employees/:id": "here",
  "/org/employees/import": "here, and import.spec.ts (with errors)",
  "/org/employees/import/:id":
    "here (the column mapping), and import.spec.ts (progress, preview, result, errors)",
  "/org/employees/export": "no page: a CSV or XLSX download (import.spec.ts)",
  "/admin/centre": "here",
  "/admin/mail": "here",
  "/admin/audit": "here",
  "/admin/api-keys": "here, and api-keys.spec.ts (a new key shown, revoke confirmation, errors)",
  "/installation/centres": "here",
  "/installation/centres/new": "here, and installation.spec.ts (with errors)",
  "/installation/centres/:id": "here, and installation.spec.ts (with appointments)",
  "/surveys/:id/links": "here, and survey-answer.spec.ts (a staff cycle's, search)",
  "/surveys/:id/links/print": "here (all posters), and survey-answer.spec.ts (one poster)",
  "/survey": "here, and survey-answer.spec.ts (with errors, after answering)",
  "/survey/anonimowosc": "here",
  "/survey/dziekujemy": "here, and survey-answer.spec.ts (after answering)",
  "/survey/:token":
    "here (open, closed), and survey-answer.spec.ts (errors, answered, unknown, kiosk, English)",
  "/opinia/:slug": "here, and survey-answer.spec.ts (errors, thanks, unknown)",
  "/surveys/:id/results":
    "survey-results.spec.ts (coordinator by two views, manager, a draft, English, 320 px): a long report, checked once per role there",
  "/surveys/:id/results.xlsx": "no page: an XLSX download (survey-results.spec.ts)",
  "/surveys/:id/results.pdf":
    "no page: a PDF download (survey-results.spec.ts, read with pdftotext)",
  "/surveys/:id/responses.csv": "no page: a CSV download (survey-results.spec.ts)",
  "/surveys": "here (administrator and manager), and survey-coordinator.spec.ts",
  "/surveys/new": "here, and survey-coordinator.spec.ts (with errors)",
  "/surveys/instruments": "here, and survey-coordinator.spec.ts (import errors)",
  "/surveys/instruments/:id": "here",
  "/surveys/instruments/:id/export": "no page: a JSON download (survey-coordinator.spec.ts)",
  "/surveys/:id": "here (draft, closed), and survey-coordinator.spec.ts (open, confirmations)",
  "/surveys/:id/paper-codes": "here, and survey-coordinator.spec.ts (printed slips)",
  "/surveys/:id/comments": "here, and survey-coordinator.spec.ts (review)",
  "/*": "here (404)",
};

const ANONYMOUS: Visit[] = [
  { path: "/login" },
  { path: "/login/two-factor" },
  { path: "/forgot-password" },
  { path: "/reset-password?token=x", status: 410 },
  { path: "/setup/nieprawidlowy-token", status: 410 },
  { path: "/invitation/nieprawidlowy-token", status: 410 },
  { path: "/deklaracja-dostepnosci" },
  { path: "/nie-ma-takiej-strony", status: 404 },
  { path: "/survey" },
  { path: "/survey/anonimowosc" },
  { path: "/survey/dziekujemy" },
];

/** Public answer pages behind the seed's links (read lazily, as the seed is). */
const ANSWERING: () => Visit[] = () => [
  // The seed's last personal link: only looked at here, never answered.
  { path: `/survey/${seed().surveyAnswering.tokens.at(-1)}` },
  { path: `/survey/${seed().surveyAnswering.closedToken}`, status: 410 },
  { path: `/opinia/${seed().surveyAnswering.clientSlug}` },
];

const ADMIN: () => Visit[] = () => [
  { path: "/" },
  { path: "/profile" },
  { path: "/org/units" },
  { path: "/org/units/new" },
  { path: `/org/units/${seed().unitA}` },
  { path: "/org/positions" },
  { path: "/org/staff-groups" },
  { path: "/org/employees" },
  { path: "/org/employees/new" },
  { path: `/org/employees/${seed().employeeInUnitA}` },
  { path: "/org/employees/import" },
  { path: `/org/employees/import/${seed().staffImport}` },
  { path: "/admin/centre" },
  { path: "/admin/mail" },
  { path: "/admin/audit" },
  { path: "/admin/api-keys" },
  { path: "/installation/centres" },
  { path: "/installation/centres/new" },
  { path: `/installation/centres/${seed().otherCentre.id}` },
  { path: `/surveys/${seed().surveyAnswering.clientCycle}/links` },
  { path: `/surveys/${seed().surveyAnswering.clientCycle}/links/print` },
  { path: "/deklaracja-dostepnosci" },
  { path: "/nie-ma-takiej-strony", status: 404 },
];

/** The coordinator's survey pages, as the administrator (who also runs surveys) sees them. */
const SURVEYS: () => Visit[] = () => [
  { path: "/surveys" },
  { path: "/surveys/new" },
  { path: "/surveys/instruments" },
  { path: `/surveys/instruments/${seed().surveyCoordinator.instrument}` },
  { path: `/surveys/${seed().surveyCoordinator.draft}` },
  { path: `/surveys/${seed().surveyCoordinator.closed}` },
  { path: `/surveys/${seed().surveyCoordinator.closed}/paper-codes` },
  { path: `/surveys/${seed().surveyCoordinator.closed}/comments` },
];

const OTHER_ROLES: () => Visit[] = () => [
  { role: "manager", path: "/" },
  { role: "manager", path: "/org/units" },
  { role: "manager", path: `/org/units/${seed().unitA}` },
  { role: "manager", path: `/org/units/${seed().unitB}`, status: 403 },
  { role: "manager", path: "/surveys" },
  { role: "dpo", path: "/" },
  { role: "employee", path: "/" },
  { role: "employee", path: "/profile" },
  { role: "employee", path: "/admin/centre", status: 403 },
];

test("every route of app/routes.ts is accounted for", () => {
  const source = fs.readFileSync(
    nodePath.resolve(import.meta.dirname, "../../app/routes.ts"),
    "utf8",
  );
  const routes = [
    ...(source.includes("index(") ? ["/"] : []),
    ...[...source.matchAll(/route\("([^"]+)"/g)].map((m) => `/${m[1]}`),
  ];
  expect(routes.filter((r) => !(r in COVERAGE))).toEqual([]);
});

for (const lang of ["pl", "en"] as const) {
  test.describe(`${lang}`, () => {
    test("public pages", async ({ page, consoleWatch }) => {
      await setLanguage(page, lang);
      for (const v of [...ANONYMOUS, ...ANSWERING()]) await checkPage(page, consoleWatch, v, lang);
    });

    test("administrator's pages", async ({ pageAs, consoleWatch }) => {
      const page = await pageAs("administrator");
      await setLanguage(page, lang);
      for (const v of ADMIN())
        await checkPage(page, consoleWatch, { ...v, role: "administrator" }, lang);
    });

    // Apart from the administrator's other pages, so each walk stays within the test timeout.
    test("survey pages", async ({ pageAs, consoleWatch }) => {
      const page = await pageAs("administrator");
      await setLanguage(page, lang);
      for (const v of SURVEYS())
        await checkPage(page, consoleWatch, { ...v, role: "administrator" }, lang);
    });

    test("other roles' pages", async ({ pageAs, consoleWatch }) => {
      for (const v of OTHER_ROLES()) {
        const page = await pageAs(v.role!);
        await setLanguage(page, lang);
        await checkPage(page, consoleWatch, v, lang);
        await page.close();
      }
    });

    test("a form showing errors", async ({ pageAs, consoleWatch }) => {
      const page = await pageAs("administrator");
      await setLanguage(page, lang);
      await checkPage(
        page,
        consoleWatch,
        { path: "/org/employees/new", role: "administrator" },
        lang,
      );
      consoleWatch.allowStatus(422); // the form's answer when fields are invalid
      await page.locator("form.narrow button[type=submit]").click();
      const summary = page.getByRole("alert");
      await expect(summary).toBeVisible();
      await expect(summary).toBeFocused();
      await expect(page.locator("#f-firstName")).toHaveAttribute("aria-invalid", "true");
      await expectNoSeriousA11yViolations(page, `/org/employees/new with errors (${lang})`);
    });
  });
}

// WCAG 2.1 1.4.10 (reflow): at 320 CSS pixels nothing but a data table may scroll sideways,
// and tables scroll inside their own box (.table-scroll), not the page.
test("every page reflows to a 320 px wide screen", async ({ pageAs, page, consoleWatch }) => {
  const widths: Record<string, number> = {};
  const measure = async (p: typeof page, v: { path: string; status?: number }, who: string) => {
    if (v.status && v.status !== 200) consoleWatch.allowStatus(v.status);
    await p.setViewportSize({ width: 320, height: 800 });
    await p.goto(v.path);
    await waitForHydration(p);
    widths[`${who} ${v.path}`] = await p.evaluate(() => document.documentElement.scrollWidth);
  };
  for (const v of [...ANONYMOUS, ...ANSWERING()]) await measure(page, v, "anonymous");
  const admin = await pageAs("administrator");
  for (const v of [...ADMIN(), ...SURVEYS()]) await measure(admin, v, "administrator");
  expect(Object.entries(widths).filter(([, w]) => w > 320)).toEqual([]);
});

test("the language button in the header switches to English and back", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page).toHaveTitle("Sign in – Przystań");
  await page.getByRole("button", { name: "Polski" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Logowanie");
});

test.describe("keyboard", () => {
  for (const { path, role } of [
    { path: "/login", role: undefined },
    { path: "/forgot-password", role: undefined },
    { path: "/", role: "administrator" as const },
    { path: "/org/employees", role: "manager" as const },
  ]) {
    test(`first Tab reaches the skip link, Enter moves to main: ${path}`, async ({
      page,
      pageAs,
    }) => {
      const p = role ? await pageAs(role) : page;
      await p.goto(path);
      await waitForHydration(p);
      await p.keyboard.press("Tab");
      const skip = p.getByRole("link", { name: "Przejdź do treści" });
      await expect(skip).toBeFocused();
      await expect(skip).toBeInViewport();
      await p.keyboard.press("Enter");
      await expect(p.getByRole("main")).toBeFocused();
      // The next Tab continues inside the content, not back in the header.
      await p.keyboard.press("Tab");
      const inMain = await p.evaluate(() => Boolean(document.activeElement?.closest("main")));
      expect(inMain).toBe(true);
    });
  }
});
