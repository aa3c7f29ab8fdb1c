import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { INSTRUMENT_JSON_SCHEMA_PATH, instrumentJsonSchema } from "./json-schema.ts";

type Schema = {
  $ref: string;
  $defs: Record<
    string,
    { required?: string[]; properties: Record<string, Record<string, unknown>> }
  >;
};
const schema = instrumentJsonSchema as unknown as Schema;

describe("the instrument JSON Schema", () => {
  it("is committed as generated (rewrite it: npx node modules/survey/write-json-schema.ts)", () => {
    const committed = JSON.parse(
      readFileSync(new URL(`../../${INSTRUMENT_JSON_SCHEMA_PATH}`, import.meta.url), "utf8"),
    );
    // Compared as data: the committed file is formatted by Biome, the generated one is not.
    expect(committed).toEqual(instrumentJsonSchema);
  });

  it("describes the authoring form: defaults optional, the open-answer ceiling kept", () => {
    expect(schema.$ref).toBe("#/$defs/Instrument");
    const instrument = schema.$defs.Instrument;
    expect(instrument.required).toEqual(["formatVersion", "id", "title", "sections"]);
    expect(instrument.properties.formatVersion.const).toBe(1);
    const text = schema.$defs.TextItem;
    expect(text.properties.maxLength).toMatchObject({ default: 2000, maximum: 2000 });
    expect(text.required).not.toContain("maxLength");
    expect(text.properties.required).toMatchObject({ type: "boolean", default: false });
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining([
        "Condition",
        "LikertItem",
        "FrequencyItem",
        "YesNoItem",
        "SingleChoiceItem",
        "MultipleChoiceItem",
        "NumberItem",
        "TextItem",
        "Scale",
        "Band",
      ]),
    );
  });
});
