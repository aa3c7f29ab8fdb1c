import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  allItems,
  INSTRUMENT_ERROR_CODES,
  type InstrumentError,
  instrumentSchema,
  parseInstrument,
} from "./instrument.ts";

type Obj = Record<string, unknown>;
/** A loosely typed instrument, so a test can break any part of it. */
type Draft = Obj & { sections: (Obj & { items: Obj[] })[]; scales: Obj[] };

const t = (n: string) => ({ pl: `Pozycja ${n}`, en: `Item ${n}` });
const five = () =>
  [1, 2, 3, 4, 5].map((value) => ({ value, label: { pl: `P${value}`, en: `P${value}` } }));

/** A small valid instrument touching every kind, a condition chain, a scale and bands. */
function draft(): Draft {
  return {
    formatVersion: 1,
    id: "mini",
    title: { pl: "Mini", en: "Mini" },
    sections: [
      {
        id: "s1",
        title: { pl: "Część 1", en: "Part 1" },
        items: [
          { id: "a", kind: "likert", text: t("a"), points: five() },
          { id: "b", kind: "yesNo", text: t("b") },
          {
            id: "c",
            kind: "single",
            text: t("c"),
            options: [
              { value: "x", label: t("x") },
              { value: "y", label: t("y") },
            ],
            showIf: { item: "b", equals: true },
          },
          { id: "d", kind: "text", text: t("d"), showIf: { item: "c", answered: true } },
        ],
      },
      {
        id: "s2",
        title: { pl: "Część 2", en: "Part 2" },
        items: [
          { id: "e", kind: "number", text: t("e"), min: 0, max: 10 },
          { id: "f", kind: "frequency", text: t("f"), points: five() },
          {
            id: "g",
            kind: "multiple",
            text: t("g"),
            options: [
              { value: "m1", label: t("m1") },
              { value: "m2", label: t("m2") },
              { value: "m3", label: t("m3") },
            ],
            maxSelected: 2,
          },
        ],
      },
    ],
    scales: [
      {
        id: "sc",
        name: { pl: "Skala", en: "Scale" },
        items: ["a", "e", "f"],
        reverse: { rule: "max+min-x", items: ["a"] },
        minAnswered: 2,
        higherIs: "worse",
        bands: [
          { id: "lo", label: t("lo"), from: 0, to: 50 },
          { id: "hi", label: t("hi"), from: 50, to: 100 },
        ],
      },
    ],
  };
}

const band = (id: string, from: number, to: number) => ({ id, label: t(id), from, to });

function item(d: Draft, id: string): Obj {
  for (const section of d.sections) {
    const found = section.items.find((i) => i.id === id);
    if (found) return found;
  }
  throw new Error(`no item ${id}`);
}

function errorsOf(input: unknown): InstrumentError[] {
  const result = parseInstrument(input);
  if (result.ok) throw new Error("expected the instrument to be refused");
  return result.errors;
}

/** Exactly one error, with this code and path, whose message mentions `mention`. */
function expectOnly(input: unknown, code: string, path: string, mention: string) {
  expect(errorsOf(input)).toEqual([{ code, path, message: expect.stringContaining(mention) }]);
}

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8"));
}

describe("a valid instrument", () => {
  it("parses, with the defaults filled in", () => {
    const result = parseInstrument(draft());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const items = allItems(result.instrument);
    expect(items.map(({ item }) => item.id)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(items.every(({ item }) => item.required === false)).toBe(true);
    const text = items[3].item;
    expect(text.kind === "text" && text.maxLength).toBe(2000);
    const num = items[4].item;
    expect(num.kind === "number" && num.integer).toBe(false);
    expect(items[3].path).toBe("sections.0.items.3");
    expect(items[4].path).toBe("sections.1.items.0");
  });

  it("may leave out scales", () => {
    const d = draft();
    delete (d as Obj).scales;
    const result = parseInstrument(d);
    expect(result.ok && result.instrument.scales).toEqual([]);
  });

  it("accepts the $schema key that editors use", () => {
    expect(parseInstrument({ ...draft(), $schema: "./survey-format.schema.json" }).ok).toBe(true);
  });

  it("accepts a single-point last band (exactly 100)", () => {
    const d = draft();
    d.scales[0].bands = [
      { id: "lo", label: t("lo"), from: 0, to: 100 },
      { id: "max", label: t("max"), from: 100, to: 100 },
    ];
    expect(parseInstrument(d).ok).toBe(true);
  });

  it("accepts conditions nested in all / any / not on earlier items", () => {
    const d = draft();
    item(d, "f").showIf = {
      all: [
        { item: "a", in: [4, 5] },
        { any: [{ not: { item: "b", equals: false } }, { item: "e", answered: true }] },
        { item: "c", equals: "x" },
      ],
    };
    expect(parseInstrument(d).ok).toBe(true);
  });
});

describe("the fixtures", () => {
  it("CBI parses: 19 items in three scales, item 13 reversed", () => {
    const result = parseInstrument(fixture("cbi"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { instrument } = result;
    expect(allItems(instrument).map(({ item }) => item.id)).toEqual(
      Array.from({ length: 19 }, (_, k) => `q${k + 1}`),
    );
    const range = (a: number, b: number) =>
      Array.from({ length: b - a + 1 }, (_, k) => `q${a + k}`);
    expect(instrument.scales.map((s) => [s.id, s.items, s.minAnswered])).toEqual([
      ["personal", range(1, 6), 3],
      ["work", range(7, 13), 4],
      ["client", range(14, 19), 3],
    ]);
    expect(instrument.scales.map((s) => s.reverse?.items ?? [])).toEqual([[], ["q13"], []]);
    for (const { item } of allItems(instrument)) {
      expect(item.kind === "likert" || item.kind === "frequency").toBe(true);
      if (item.kind !== "likert" && item.kind !== "frequency") continue;
      expect(item.points.map((p) => p.score)).toEqual([100, 75, 50, 25, 0]);
      expect(item.text).toEqual({
        pl: `Pozycja ${item.id.slice(1)}`,
        en: `Item ${item.id.slice(1)}`,
      });
    }
  });

  it("HSE parses: 35 items, each in exactly one of seven areas, the given items reversed", () => {
    const result = parseInstrument(fixture("hse"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { instrument } = result;
    expect(allItems(instrument)).toHaveLength(35);
    const areas = Object.fromEntries(
      instrument.scales.map((s) => [s.id, s.items.map((id) => Number(id.slice(1)))]),
    );
    expect(areas).toEqual({
      demands: [3, 6, 9, 12, 16, 18, 20, 22],
      control: [2, 10, 15, 19, 25, 30],
      managerSupport: [8, 23, 29, 33, 35],
      peerSupport: [7, 24, 27, 31],
      relationships: [5, 14, 21, 34],
      role: [1, 4, 11, 13, 17],
      change: [26, 28, 32],
    });
    const all = Object.values(areas)
      .flat()
      .sort((x, y) => x - y);
    expect(all).toEqual(Array.from({ length: 35 }, (_, k) => k + 1));
    const reversed = instrument.scales
      .flatMap((s) => s.reverse?.items ?? [])
      .map((id) => Number(id.slice(1)))
      .sort((x, y) => x - y);
    expect(reversed).toEqual([3, 5, 6, 9, 12, 14, 16, 18, 20, 21, 22, 34]);
    expect(
      instrument.scales.every((s) => s.reverse === undefined || s.reverse.rule === "max+min-x"),
    ).toBe(true);
    expect(instrument.scales.every((s) => s.higherIs === "better")).toBe(true);
    expect(instrument.scales.map((s) => s.reportedRange)).toEqual(
      Array(7).fill({ min: 1, max: 5 }),
    );
  });
});

describe("shape errors", () => {
  it("refuses something that is not an object", () => {
    expect(errorsOf([1, 2])).toEqual([
      { path: "", code: "schema.invalid_type", message: expect.stringContaining("object") },
    ]);
    expect(errorsOf(null)[0]).toMatchObject({ path: "", code: "schema.invalid_type" });
  });

  it("names a missing field by its path", () => {
    const d = draft();
    delete (d.sections[1].items[0] as Obj).text;
    expect(errorsOf(d)).toEqual([
      { path: "sections.1.items.0.text", code: "schema.invalid_type", message: expect.any(String) },
    ]);
  });

  it("refuses unknown keys, so a misspelt field is not silently ignored", () => {
    const d = draft();
    d.scales[0].reversed = ["a"];
    expect(errorsOf(d)).toEqual([
      {
        path: "scales.0",
        code: "schema.unrecognized_keys",
        message: expect.stringContaining("reversed"),
      },
    ]);
  });

  it("refuses an unknown item kind", () => {
    const d = draft();
    item(d, "b").kind = "slider";
    expect(errorsOf(d)[0]).toMatchObject({
      path: "sections.0.items.1.kind",
      code: "schema.invalid_union",
    });
  });

  it("refuses an open answer limit above 2000 characters", () => {
    const d = draft();
    item(d, "d").maxLength = 2001;
    expect(errorsOf(d)).toEqual([
      {
        path: "sections.0.items.3.maxLength",
        code: "schema.too_big",
        message: expect.stringContaining("2000"),
      },
    ]);
  });

  it("refuses a blank text and a missing translation", () => {
    const d = draft();
    d.title = { pl: "   ", en: "Mini" };
    item(d, "a").text = { pl: "Pozycja a" };
    expect(errorsOf(d).map((e) => [e.path, e.code])).toEqual([
      ["title.pl", "schema.invalid_format"],
      ["sections.0.items.0.text.en", "schema.invalid_type"],
    ]);
  });

  it("refuses a condition of no known form", () => {
    const d = draft();
    item(d, "c").showIf = { item: "b", greaterThan: 3 };
    expect(errorsOf(d)).toEqual([
      {
        path: "sections.0.items.2.showIf",
        code: "schema.invalid_union",
        message: expect.stringContaining("{item, equals}"),
      },
    ]);
  });

  it("reports an unsupported format version as such", () => {
    const d = draft();
    d.formatVersion = 2;
    expectOnly(d, "format.unsupportedVersion", "formatVersion", "2");
    d.formatVersion = "1";
    expectOnly(d, "format.unsupportedVersion", "formatVersion", '"1"');
  });
});

describe("unique ids", () => {
  it("refuses an item id used twice, even in different sections", () => {
    const d = draft();
    item(d, "f").id = "a";
    // The scale names "f", which is now gone.
    d.scales[0].items = ["a", "e"];
    expectOnly(d, "item.duplicateId", "sections.1.items.1.id", '"a"');
  });

  it("refuses a section id used twice", () => {
    const d = draft();
    d.sections[1].id = "s1";
    expectOnly(d, "section.duplicateId", "sections.1.id", '"s1"');
  });

  it("refuses a scale id used twice", () => {
    const d = draft();
    d.scales.push({ ...d.scales[0] });
    expectOnly(d, "scale.duplicateId", "scales.1.id", '"sc"');
  });

  it("refuses the unit and staff group as items: they come from the invitation", () => {
    const d = draft();
    item(d, "b").id = "staffGroup";
    item(d, "c").showIf = { item: "staffGroup", equals: true };
    expectOnly(d, "item.reservedId", "sections.0.items.1.id", "invitation");
  });
});

describe("item rules", () => {
  it("refuses likert point values that are not unique", () => {
    const d = draft();
    const points = five();
    points[4].value = 4;
    item(d, "a").points = points;
    expectOnly(d, "item.duplicatePointValue", "sections.0.items.0.points.4.value", "4 twice");
  });

  it("refuses scores on some points but not others", () => {
    const d = draft();
    item(d, "f").points = five().map((p, k) => (k < 2 ? { ...p, score: 100 - 25 * k } : p));
    expectOnly(d, "item.partialPointScores", "sections.1.items.1.points", "2 of 5");
  });

  it("refuses an option value used twice", () => {
    const d = draft();
    item(d, "g").options = [
      { value: "m1", label: t("1") },
      { value: "m1", label: t("2") },
    ];
    expectOnly(d, "item.duplicateOptionValue", "sections.1.items.2.options.1.value", '"m1"');
  });

  it("refuses a number range whose max is not above its min", () => {
    const d = draft();
    item(d, "e").min = 10;
    expectOnly(d, "item.invalidRange", "sections.1.items.0.max", "above min");
  });

  it("refuses impossible selection bounds", () => {
    const d = draft();
    item(d, "g").minSelected = 2;
    item(d, "g").maxSelected = 1;
    expectOnly(
      d,
      "item.invalidSelectionBounds",
      "sections.1.items.2.minSelected",
      "above maxSelected",
    );
    item(d, "g").minSelected = 4;
    item(d, "g").maxSelected = 4;
    expect(errorsOf(d).map((e) => [e.code, e.path])).toEqual([
      ["item.invalidSelectionBounds", "sections.1.items.2.minSelected"],
      ["item.invalidSelectionBounds", "sections.1.items.2.maxSelected"],
    ]);
  });
});

describe("show-if conditions", () => {
  it("refuses a condition on an unknown item", () => {
    const d = draft();
    item(d, "c").showIf = { item: "zz", equals: true };
    expectOnly(d, "showIf.unknownItem", "sections.0.items.2.showIf.item", '"zz"');
  });

  it("refuses a condition on a later item", () => {
    const d = draft();
    item(d, "b").showIf = {
      any: [
        { item: "a", answered: true },
        { item: "e", in: [1, 2] },
      ],
    };
    expectOnly(d, "showIf.laterItem", "sections.0.items.1.showIf.any.1.item", '"e"');
  });

  it("refuses an item whose condition names itself", () => {
    const d = draft();
    item(d, "b").showIf = { item: "b", equals: true };
    expectOnly(d, "showIf.loop", "sections.0.items.1.showIf.item", '"b" → "b"');
  });

  it("refuses two items that depend on each other, as one loop", () => {
    const d = draft();
    item(d, "b").showIf = { item: "c", equals: "x" };
    // c already depends on b.
    expectOnly(d, "showIf.loop", "sections.0.items.2.showIf.item", '"b" → "c" → "b"');
  });

  it("finds a loop through three items and nested conditions", () => {
    const d = draft();
    // d already depends on c; a → d and c → a close the loop a → d → c → a.
    item(d, "a").showIf = { not: { all: [{ item: "d", answered: true }] } };
    item(d, "c").showIf = {
      any: [
        { item: "b", equals: true },
        { item: "a", in: [1] },
      ],
    };
    const errors = errorsOf(d);
    expect(errors).toEqual([
      {
        code: "showIf.loop",
        path: "sections.0.items.2.showIf.any.1.item",
        message: expect.stringContaining('"a" → "d" → "c" → "a"'),
      },
    ]);
  });

  it("refuses comparing an open answer's content", () => {
    const d = draft();
    item(d, "e").showIf = { item: "d", equals: "help" };
    expectOnly(d, "showIf.invalidOperator", "sections.1.items.0.showIf.equals", '"d"');
  });

  it("refuses values the item cannot be answered with", () => {
    const d = draft();
    item(d, "c").showIf = { item: "b", equals: "yes" };
    item(d, "d").showIf = { item: "c", in: ["x", "z"] };
    item(d, "e").showIf = { item: "a", equals: 7 };
    item(d, "f").showIf = { item: "e", equals: "5" };
    expect(errorsOf(d).map((e) => [e.code, e.path])).toEqual([
      ["showIf.invalidValue", "sections.0.items.2.showIf.equals"],
      ["showIf.invalidValue", "sections.0.items.3.showIf.in.1"],
      ["showIf.invalidValue", "sections.1.items.0.showIf.equals"],
      ["showIf.invalidValue", "sections.1.items.1.showIf.equals"],
    ]);
  });
});

describe("scale rules", () => {
  it("refuses a scale that names a missing item", () => {
    const d = draft();
    d.scales[0].items = ["a", "e", "q99"];
    expectOnly(d, "scale.unknownItem", "scales.0.items.2", '"q99"');
  });

  it("refuses a scale that names an item twice", () => {
    const d = draft();
    d.scales[0].items = ["a", "e", "a"];
    expectOnly(d, "scale.duplicateItem", "scales.0.items.2", '"a" twice');
  });

  it("refuses items that have no score", () => {
    const d = draft();
    d.scales[0].items = ["a", "b", "d", "g"];
    expect(errorsOf(d).map((e) => [e.code, e.path])).toEqual([
      ["scale.itemNotScorable", "scales.0.items.1"],
      ["scale.itemNotScorable", "scales.0.items.2"],
      ["scale.itemNotScorable", "scales.0.items.3"],
    ]);
  });

  it("refuses a number item without both bounds", () => {
    const d = draft();
    delete item(d, "e").max;
    expectOnly(d, "scale.itemNotScorable", "scales.0.items.1", "min and max");
  });

  it("refuses a reverse-scored item that is not in its scale", () => {
    const d = draft();
    d.scales[0].reverse = { rule: "max+min-x", items: ["a", "b"] };
    expectOnly(d, "scale.reverseNotInScale", "scales.0.reverse.items.1", '"b"');
  });

  it("refuses max+min−x on values that are not symmetric, but allows 100 − score", () => {
    const d = draft();
    item(d, "a").points = [1, 2, 5].map((value) => ({ value, label: t(String(value)) }));
    expectOnly(d, "scale.reverseNotSymmetric", "scales.0.reverse.items.0", "4 (the reverse of 2)");
    d.scales[0].reverse = { rule: "100-score", items: ["a"] };
    expect(parseInstrument(d).ok).toBe(true);
  });

  it("refuses a minimum above the number of items", () => {
    const d = draft();
    d.scales[0].minAnswered = 4;
    expectOnly(d, "scale.minAnsweredTooHigh", "scales.0.minAnswered", "only 3");
  });

  it("refuses an empty reported range", () => {
    const d = draft();
    d.scales[0].reportedRange = { min: 5, max: 1 };
    expectOnly(d, "scale.invalidReportedRange", "scales.0.reportedRange", "above its min");
  });
});

describe("bands", () => {
  it("refuses a band whose end is below its start", () => {
    const d = draft();
    d.scales[0].bands = [band("lo", 0, 50), band("hi", 50, 40), band("top", 40, 100)];
    const errors = errorsOf(d);
    expect(errors[0]).toMatchObject({ code: "band.notAscending", path: "scales.0.bands.1" });
  });

  it("refuses bands listed in descending order", () => {
    const d = draft();
    d.scales[0].bands = [band("hi", 50, 100), band("lo", 0, 50)];
    expect(errorsOf(d).map((e) => [e.code, e.path])).toEqual([
      ["band.notAscending", "scales.0.bands.1.from"],
      ["band.coverage", "scales.0.bands.0.from"],
      ["band.coverage", "scales.0.bands.1.to"],
    ]);
  });

  it("refuses overlapping bands", () => {
    const d = draft();
    d.scales[0].bands = [band("lo", 0, 60), band("hi", 50, 100)];
    expectOnly(d, "band.overlap", "scales.0.bands.1.from", 'inside band "lo"');
  });

  it("refuses a gap between bands", () => {
    const d = draft();
    d.scales[0].bands = [band("lo", 0, 40), band("hi", 50, 100)];
    expectOnly(d, "band.gap", "scales.0.bands.1.from", "from 40 to 50");
  });

  it("refuses bands that do not cover 0–100", () => {
    const d = draft();
    d.scales[0].bands = [band("lo", 10, 50), band("hi", 50, 90)];
    expect(errorsOf(d).map((e) => [e.code, e.path])).toEqual([
      ["band.coverage", "scales.0.bands.0.from"],
      ["band.coverage", "scales.0.bands.1.to"],
    ]);
  });

  it("refuses a single-point band anywhere but last", () => {
    const d = draft();
    d.scales[0].bands = [band("zero", 0, 0), band("rest", 0, 100)];
    expectOnly(d, "band.notAscending", "scales.0.bands.0", '"zero"');
  });

  it("refuses a band id used twice", () => {
    const d = draft();
    d.scales[0].bands = [band("lo", 0, 50), band("lo", 50, 100)];
    expectOnly(d, "band.duplicateId", "scales.0.bands.1.id", '"lo"');
  });
});

describe("reporting", () => {
  it("reports every broken rule at once, not only the first", () => {
    const d = draft();
    d.sections[1].id = "s1";
    item(d, "b").showIf = { item: "b", answered: true };
    d.scales[0].items = ["a", "nope"];
    d.scales[0].bands = [band("lo", 0, 60), band("hi", 50, 100)];
    expect(errorsOf(d).map((e) => e.code)).toEqual([
      "section.duplicateId",
      "showIf.loop",
      "scale.unknownItem",
      "band.overlap",
    ]);
  });

  it("keeps the rules in the Zod schema itself, each issue carrying its code", () => {
    const d = draft();
    d.scales[0].items = ["a", "q99"];
    const result = instrumentSchema.safeParse(d);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: "custom",
        path: ["scales", 0, "items", 1],
        params: { code: "scale.unknownItem" },
      }),
    ]);
  });

  it("documents every error code in docs/survey-format.md", () => {
    const docs = readFileSync(new URL("../../docs/survey-format.md", import.meta.url), "utf8");
    const missing = INSTRUMENT_ERROR_CODES.filter((code) => !docs.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
