/**
 * The instruments Przystań ships with: our own occupational workload survey for staff and a
 * short anonymous client-service survey. Their JSON lives in `instruments/` so that a centre can
 * export, edit and re-import it like any other instrument; here it is parsed once at load, and a
 * broken file stops the process at start rather than surfacing later as a failed cycle.
 *
 * The methodology behind the staff survey (dimensions, scoring, bands, anonymity) is described
 * for coordinators in docs/methodology.pl.md.
 */
import { readFileSync } from "node:fs";
import { allItems, type Instrument, parseInstrument } from "./instrument.ts";
// Imported as modules rather than read from disk beside this file: the web application's
// server bundle lives elsewhere (build/server), where a path relative to this file is wrong.
import workloadJson from "./instruments/obciazenie-zawodowe.json" with { type: "json" };
import clientJson from "./instruments/ocena-obslugi.json" with { type: "json" };

/** Seconds we budget for one closed item (a click) and one open answer (a few sentences). */
export const SECONDS_PER_CLOSED_ITEM = 12;
export const SECONDS_PER_OPEN_ITEM = 60;

/** Validates an instrument's JSON; throws with every validation error listed. */
function validated(json: unknown, name: string): Instrument {
  const result = parseInstrument(json);
  if (!result.ok) {
    const errors = result.errors.map((e) => `${e.path || "(root)"}: ${e.code} ${e.message}`);
    throw new Error(`Invalid instrument ${name}:\n${errors.join("\n")}`);
  }
  return result.instrument;
}

/** Reads and validates an instrument file; throws with every validation error listed. */
export function loadInstrumentFile(path: string): Instrument {
  return validated(JSON.parse(readFileSync(path, "utf8")), path);
}

/** "Badanie obciążenia zawodowego" — the staff survey (id `obciazenie-zawodowe`). */
export const workloadSurvey: Instrument = validated(workloadJson, "obciazenie-zawodowe.json");

/** "Ocena obsługi w ośrodku" — the anonymous client-service survey (id `ocena-obslugi`). */
export const clientServiceSurvey: Instrument = validated(clientJson, "ocena-obslugi.json");

/** Both, in the order a new centre is offered them. */
export const DEFAULT_INSTRUMENTS: readonly Instrument[] = [workloadSurvey, clientServiceSurvey];

/**
 * A pessimistic estimate of the time to complete an instrument, in seconds: every item counted
 * as shown (follow-ups included), closed items at 12 s, open answers at 60 s. Used to keep the
 * staff survey under the 12 minutes we promise respondents.
 */
export function estimateCompletionSeconds(instrument: Instrument): number {
  return allItems(instrument).reduce(
    (sum, { item }) =>
      sum + (item.kind === "text" ? SECONDS_PER_OPEN_ITEM : SECONDS_PER_CLOSED_ITEM),
    0,
  );
}
