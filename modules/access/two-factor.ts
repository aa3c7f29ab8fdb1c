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

export async function confirmTwoFactor(requestHeaders: Headers, code: string) {
  const a = await auth();
  try {
    await a.api.verifyTOTP({ body: { code: code.replace(/\s/g, "") }, headers: requestHeaders });
  } catch {
    throw new AppError("validation", { code: "errors.wrongCode" });
  }
}

export async function disableTwoFactor(requestHeaders: Headers, password: string) {
  const a = await auth();
  try {
    await a.api.disableTwoFactor({ body: { password }, headers: requestHeaders });
  } catch {
    throw new AppError("validation", { password: "errors.wrongPassword" });
  }
}
