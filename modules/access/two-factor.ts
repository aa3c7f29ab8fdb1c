import QRCode from "qrcode";
import { AppError } from "../../platform/errors.ts";
import { auth } from "./auth.ts";

/**
 * Step one of turning on TOTP: checks the password and returns what the authenticator app
 * needs. The second factor is enforced only after a first code is confirmed (confirmTwoFactor).
 */
export async function beginTwoFactor(requestHeaders: Headers, password: string) {
  const a = await auth();
  try {
    const r = await a.api.enableTwoFactor({
      body: { password, method: "totp" },
      headers: requestHeaders,
    });
    if (r.method !== "totp") throw new Error("unexpected two-factor method");
    const uri = r.totpURI;
    const secret = new URL(uri).searchParams.get("secret") ?? "";
    const qrDataUrl = await QRCode.toDataURL(uri, { margin: 1, width: 220 });
    return { uri, secret, qrDataUrl, backupCodes: r.backupCodes };
  } catch {
    throw new AppError("validation", { password: "errors.wrongPassword" });
  }
}

/**
 * Turning TOTP on or off makes better-auth replace the session (the old one is deleted), so
 * both return the response headers: their Set-Cookie must reach the browser, or it is signed out.
 */
export async function confirmTwoFactor(requestHeaders: Headers, code: string): Promise<Headers> {
  const a = await auth();
  try {
    const res = await a.api.verifyTOTP({
      body: { code: code.replace(/\s/g, "") },
      headers: requestHeaders,
      asResponse: true,
    });
    if (!res.ok) throw new Error(String(res.status));
    return res.headers;
  } catch {
    throw new AppError("validation", { code: "errors.wrongCode" });
  }
}

export async function disableTwoFactor(
  requestHeaders: Headers,
  password: string,
): Promise<Headers> {
  const a = await auth();
  try {
    const res = await a.api.disableTwoFactor({
      body: { password },
      headers: requestHeaders,
      asResponse: true,
    });
    if (!res.ok) throw new Error(String(res.status));
    return res.headers;
  } catch {
    throw new AppError("validation", { password: "errors.wrongPassword" });
  }
}
