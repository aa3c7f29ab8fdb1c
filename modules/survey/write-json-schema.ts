/**
 * Writes the instrument format's JSON Schema to docs/survey-format.schema.json:
 *
 *   npx node modules/survey/write-json-schema.ts
 *
 * Run it after changing instrument.ts; json-schema.test.ts fails until the file is rewritten.
 * The file is then formatted by Biome, as every committed JSON file is, so `npm test` lint
 * passes on it.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { INSTRUMENT_JSON_SCHEMA_PATH, instrumentJsonSchema } from "./json-schema.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const target = `${root}${INSTRUMENT_JSON_SCHEMA_PATH}`;

writeFileSync(target, `${JSON.stringify(instrumentJsonSchema, null, 2)}\n`);
execFileSync(`${root}node_modules/.bin/biome`, ["format", "--write", target], {
  cwd: root,
  stdio: "inherit",
});
console.log(`Wrote ${INSTRUMENT_JSON_SCHEMA_PATH}`);
