import { eq } from "drizzle-orm";
import { db, type Queryable } from "../../platform/db.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { centre, orgUnit } from "../org/schema.ts";
import type { Instrument } from "./instrument.ts";
import { surveyCycle, surveyPublicLink } from "./schema.ts";
import { definitionOf, findHolder } from "./submit-response.ts";

/**
 * What an answer page needs to know about a cycle, read without signing in:
 * - `open` — answers are accepted now; the instrument is given;
 * - `answered` — the personal link or paper code has been used;
 * - `notOpenYet` — a draft, or open with an opening time still to come;
 * - `closed` — closed, or past its closing time.
 * Nothing about the person behind a token: a public page shows the cycle, never who was
 * invited (the unit of a public link is its location, printed on the poster anyway).
 */
export type PublicSurvey = {
  state: "open" | "answered" | "notOpenYet" | "closed";
  via: "link" | "paper" | "public";
  centreName: string;
  cycleName: string;
  opensAt: Date;
  closesAt: Date;
  /** The location of a public link. */
  unitName: string | null;
  instrument: Instrument | null;
};

async function cycleView(q: Queryable, cycleId: string) {
  const [row] = await q
    .select({
      name: surveyCycle.name,
      status: surveyCycle.status,
      kind: surveyCycle.kind,
      instrumentId: surveyCycle.instrumentId,
      opensAt: surveyCycle.opensAt,
      closesAt: surveyCycle.closesAt,
      centreName: centre.name,
    })
    .from(surveyCycle)
    .innerJoin(centre, eq(centre.id, surveyCycle.centreId))
    .where(eq(surveyCycle.id, cycleId));
  return row;
}

function stateOf(
  cycle: { status: string; opensAt: Date; closesAt: Date },
  now = Date.now(),
): PublicSurvey["state"] {
  // The same rule as the submission's (cycleAcceptingAnswers), so a page never offers a form
  // the submission would refuse.
  if (cycle.status === "closed" || cycle.closesAt.getTime() <= now) return "closed";
  if (cycle.status !== "open" || cycle.opensAt.getTime() > now) return "notOpenYet";
  return "open";
}

/**
 * The survey behind a personal link's token or a paper code (typed leniently); `not_found`
 * for anything else. A spent token says `answered` whatever the cycle's state, so a person who
 * has answered is told that first.
 */
export async function describeSurveyToken(token: string): Promise<PublicSurvey> {
  const q = db();
  const holder = await findHolder(q, token, false);
  if (!holder) throw new AppError("not_found", { token: "errors.surveyTokenUnknown" });
  const cycle = await cycleView(q, holder.cycleId);
  const state = holder.spentOn !== null ? "answered" : stateOf(cycle);
  return {
    state,
    via: holder.kind === "paper" ? "paper" : "link",
    centreName: cycle.centreName,
    cycleName: cycle.name,
    opensAt: cycle.opensAt,
    closesAt: cycle.closesAt,
    unitName: null,
    instrument: state === "open" ? await definitionOf(q, cycle.instrumentId) : null,
  };
}

/** A public link's slug: 12 characters of lower-case Crockford base32. */
export const SLUG_PATTERN = /^[0-9a-hjkmnp-tv-z]{12}$/;

/** The public link of a client-service cycle, by its slug; `not_found` for anything else. */
export async function findPublicLink(q: Queryable, slug: string) {
  if (typeof slug !== "string" || !SLUG_PATTERN.test(slug)) throw notFound();
  const [link] = await q
    .select({
      id: surveyPublicLink.id,
      cycleId: surveyPublicLink.cycleId,
      unitId: surveyPublicLink.unitId,
      unitName: orgUnit.name,
    })
    .from(surveyPublicLink)
    .innerJoin(orgUnit, eq(orgUnit.id, surveyPublicLink.unitId))
    .where(eq(surveyPublicLink.slug, slug));
  if (!link) throw notFound();
  return link;
}

/** The client-service survey behind a public link (`/opinia/:slug`). */
export async function describeSurveyLink(slug: string): Promise<PublicSurvey> {
  const q = db();
  const link = await findPublicLink(q, slug);
  const cycle = await cycleView(q, link.cycleId);
  const state = stateOf(cycle);
  return {
    state,
    via: "public",
    centreName: cycle.centreName,
    cycleName: cycle.name,
    opensAt: cycle.opensAt,
    closesAt: cycle.closesAt,
    unitName: link.unitName,
    instrument: state === "open" ? await definitionOf(q, cycle.instrumentId) : null,
  };
}
