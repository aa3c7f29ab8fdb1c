/**
 * The JSON Schema of the instrument format, generated from the Zod schema so the two cannot
 * drift. docs/survey-format.schema.json is this object written out by write-json-schema.ts; a
 * test keeps the committed file equal to it.
 *
 * Generated for input ("io: input"): fields with a default may be left out of a file, which is
 * what an author needs to know. The cross-field rules (unique ids, show-if order, bands) cannot
 * be expressed in JSON Schema; they are listed in docs/survey-format.md.
 */
import { z } from "zod";
import { instrumentRegistry, instrumentSchema } from "./instrument.ts";

export const INSTRUMENT_JSON_SCHEMA_PATH = "docs/survey-format.schema.json";

export const instrumentJsonSchema = z.toJSONSchema(instrumentSchema, {
  target: "draft-2020-12",
  io: "input",
  metadata: instrumentRegistry,
});
