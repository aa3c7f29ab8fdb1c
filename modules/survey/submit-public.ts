import { db } from "../../platform/db.ts";
import {
  addressKey,
  RateLimitedError,
  type RateLimiter,
  sharedRateLimiter,
} from "../../platform/rate-limit.ts";
import { findPublicLink } from "./describe-survey.ts";
import { cycleAcceptingAnswers, prepareResponse, writeResponse } from "./submit-response.ts";

/**
 * Answers stored through public links, per client address: 10 an hour. Enough for a family
 * sharing a phone or a tablet in a waiting room, too few to flood a location's results.
 */
export const PUBLIC_ANSWERS = { max: 10, windowMs: 60 * 60_000 } as const;

function publicAnswers(): RateLimiter {
  return sharedRateLimiter("survey-public-answers", PUBLIC_ANSWERS);
}

/**
 * Stores one answer to a client-service survey through its public link (`/opinia/:slug`) — no
 * sign-in, no token: the link is the location. In one transaction: the link is found (an
 * unknown slug is `not_found`), the cycle must accept answers (as for a token: `gone` when
 * closed, `conflict` when not yet open), the answers are validated (`validation` per item), and
 * the response is stored with the link's unit, no staff group and the day only; open answers
 * go to `survey_comment` for the coordinator's review, exactly as the staff survey's do.
 *
 * `address` (the client's, never stored) is held to PUBLIC_ANSWERS: only answers that would be
 * stored count, so a form sent back with errors costs nothing; over the limit it is
 * `rate_limited` and nothing is written.
 */
export async function submitPublicResponse(
  slug: string,
  answers: unknown,
  opts: { address?: string } = {},
): Promise<void> {
  const key = opts.address ? addressKey(opts.address) : null;
  await db().transaction(async (tx) => {
    const link = await findPublicLink(tx, slug);
    const instrument = await cycleAcceptingAnswers(tx, link.cycleId);
    const prepared = prepareResponse(instrument, answers);
    if (key !== null && !publicAnswers().hit(key)) {
      throw new RateLimitedError(publicAnswers().retryAfterSeconds(key), {
        _form: "errors.surveyPublicTooMany",
      });
    }
    await writeResponse(
      tx,
      { cycleId: link.cycleId, unitId: link.unitId, staffGroupId: null },
      prepared,
    );
  });
}
