import { AppError } from "../../platform/errors.ts";
import { addressKey, RateLimitedError, sharedRateLimiter } from "../../platform/rate-limit.ts";

/**
 * Failed tries of survey tokens (personal links and paper codes) allowed per client address:
 * 20 in 10 minutes. Only failures count — a token that does not exist. A whole centre may
 * answer from one office address behind NAT, so valid submissions never count and are never
 * refused: past the limit an unknown token is answered 429 instead of 404, and a valid one is
 * still accepted. (Links carry 256 random bits and paper codes 60, so a guess does not succeed
 * in practice; the limit keeps a guesser's client waiting and marks it, and it does so without
 * standing between staff and their answers.)
 */
export const TOKEN_GUESS_LIMIT = { windowMs: 10 * 60_000, max: 20 } as const;

/** The process's counter of failed token tries, shared by the API and the answer pages. */
export function tokenGuesses() {
  return sharedRateLimiter("survey-token-guesses", { ...TOKEN_GUESS_LIMIT, maxKeys: 10_000 });
}

/**
 * Runs something that looks a survey token up (a submit, or showing the form behind a link)
 * for a client address. When it finds no such token (`not_found`), the failure is counted
 * against the address, and once the address is over its limit the answer becomes a
 * `RateLimitedError` (429, with Retry-After and a message in the reader's language). Any other
 * outcome passes through unchanged and counts nothing.
 */
export async function withTokenGuessLimit<T>(clientIp: string, use: () => Promise<T>): Promise<T> {
  try {
    return await use();
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") {
      const limiter = tokenGuesses();
      const key = addressKey(clientIp);
      if (!limiter.hit(key)) {
        throw new RateLimitedError(limiter.retryAfterSeconds(key), {
          token: "errors.surveyTooManyGuesses",
        });
      }
    }
    throw err;
  }
}
