// Account security on the seeded server: turning on TOTP two-step sign-in, and resetting a
// forgotten password through the mailed link. Each uses an account of its own (made by
// seed.ts), so the role accounts the other specs sign in with stay untouched.
import {
  expect,
  expectNoSeriousA11yViolations,
  seed,
  signIn,
  signOut,
  test,
  totp,
  waitForHydration,
} from "./fixtures.ts";

test("TOTP: a specialist turns it on, then signing in asks for the code", async ({
  page,
  consoleWatch,
}) => {
  const { twoFactorUser: email, password } = seed();
  await signIn(page, email, password);
  await page.goto("/profile");
  await waitForHydration(page);

  const section = page.locator("section", {
    has: page.getByRole("heading", { name: "Logowanie dwuetapowe (TOTP)" }),
  });
  await expect(section).toContainText("Logowanie dwuetapowe jest wyłączone.");
  await section.getByLabel("Hasło").fill(password);
  await section.getByRole("button", { name: "Włącz logowanie dwuetapowe" }).click();

  const secretLine = section.locator("p", { hasText: "Klucz do wpisania ręcznie" });
  await expect(secretLine).toBeVisible();
  const secret = ((await secretLine.locator("code").textContent()) ?? "").trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
  await expect(section.getByRole("img", { name: /Kod QR/ })).toBeVisible();
  await expect(section.locator("ul.codes li")).not.toHaveCount(0);
  await expectNoSeriousA11yViolations(page, "/profile with the TOTP set-up");

  // A wrong code does not turn it on.
  consoleWatch.allowStatus(422);
  const wrong = totp(secret) === "000000" ? "111111" : "000000";
  await section.getByLabel("Kod").fill(wrong);
  await section.getByRole("button", { name: "Potwierdź kod" }).click();
  await expect(section.locator("#f-code-error")).toHaveText(
    "Nieprawidłowy kod. Sprawdź czas w telefonie i spróbuj ponownie.",
  );

  await section.getByLabel("Kod").fill(totp(secret));
  await section.getByRole("button", { name: "Potwierdź kod" }).click();
  await expect(page).toHaveURL(/\/profile\?saved=2fa-on$/);
  await expect(page.getByRole("status")).toHaveText("Logowanie dwuetapowe zostało włączone.");
  await expect(section).toContainText("Logowanie dwuetapowe jest włączone.");
  await signOut(page);

  // The password alone no longer signs in.
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/login\/two-factor\?next=%2F$/);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kod weryfikacyjny");
  const before = await page.request.get("/", { maxRedirects: 0 });
  expect(before.status(), "no session before the code").toBe(302);

  consoleWatch.allowStatus(401);
  await page.getByLabel("Kod").fill(wrong);
  await page.getByRole("button", { name: "Potwierdź" }).click();
  await expect(page.locator("#f-code-error")).toHaveText(
    "Nieprawidłowy kod. Sprawdź czas w telefonie i spróbuj ponownie.",
  );
  await expect(page.getByLabel("Kod")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expectNoSeriousA11yViolations(page, "/login/two-factor with an error");

  await page.getByLabel("Kod").fill(totp(secret));
  await page.getByRole("button", { name: "Potwierdź" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pulpit");
  await expect(page.getByText(/^Twoje role: .*Specjalista/)).toBeVisible();

  // Turning it off keeps the session (better-auth replaces it; the new cookie must arrive).
  await page.goto("/profile");
  await waitForHydration(page);
  await expect(section).toContainText("Logowanie dwuetapowe jest włączone.");
  await section.getByLabel("Hasło").fill(password);
  await section.getByRole("button", { name: "Wyłącz logowanie dwuetapowe" }).click();
  await expect(page).toHaveURL(/\/profile\?saved=2fa-off$/);
  await expect(page.getByRole("status")).toHaveText("Logowanie dwuetapowe zostało wyłączone.");
  await signOut(page);
  await signIn(page, email, password);
  await expect(page).toHaveURL(/\/$/);
});

test("password reset: the mailed link sets a new password once", async ({
  page,
  pageAs,
  consoleWatch,
}) => {
  const { resetUser: email, password: oldPassword } = seed();
  const newPassword = "Nowe-hasło-koordynatora-7";

  await page.goto("/forgot-password");
  await waitForHydration(page);
  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByRole("button", { name: "Wyślij link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Jeśli konto z tym adresem istnieje, wysłaliśmy na nie link do zmiany hasła.",
  );

  // The administrator finds the message in the mail log.
  const admin = await pageAs("administrator");
  await admin.goto(`/admin/mail?q=${encodeURIComponent(email)}`);
  const mail = admin.locator("li.card", {
    has: admin.getByRole("heading", { name: "Przystań — zmiana hasła" }),
  });
  await expect(mail).toHaveCount(1);
  await expect(mail).toContainText(email);
  const body = (await mail.locator("pre.mail-body").textContent()) ?? "";
  const link = body.match(/https?:\/\/[^\s/]+(\/reset-password\?token=[^\s]+)/);
  expect(link, body).not.toBeNull();
  const resetPath = link?.[1] ?? "";
  await admin.close();

  await page.goto(resetPath);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ustaw nowe hasło");
  await expectNoSeriousA11yViolations(page, "/reset-password with a live link");
  await page.getByLabel("Nowe hasło").fill(newPassword);
  await page.getByLabel("Powtórz hasło").fill(newPassword);
  await page.getByRole("button", { name: "Zmień hasło" }).click();
  await page.waitForURL("**/login?notice=reset");
  await expect(page.getByRole("status")).toHaveText(
    "Hasło zostało zmienione. Zaloguj się nowym hasłem.",
  );

  // The old password stopped working; the new one signs in.
  consoleWatch.allowStatus(401);
  await page.getByLabel("Adres e-mail").fill(email);
  await page.getByLabel("Hasło", { exact: true }).fill(oldPassword);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  await expect(page.getByRole("alert")).toHaveText("Nieprawidłowy adres e-mail lub hasło.");
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pulpit");

  // The link worked once.
  consoleWatch.allowStatus(410);
  const again = await page.goto(resetPath);
  expect(again?.status()).toBe(410);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Link nieaktualny");
});
