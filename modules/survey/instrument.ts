/**
 * The survey instrument format: versioned JSON, validated here and documented in
 * docs/survey-format.md (the JSON Schema in docs/survey-format.schema.json is generated from
 * `instrumentSchema` by json-schema.ts).
 *
 * Validation has two layers. The Zod shape checks each field on its own; the cross-field rules
 * (unique ids, scales naming real items, show-if conditions pointing backwards, bands in order)
 * run only when the shape is sound, and each reports a stable `code` the UI maps to a Polish
 * message. Pure: no I/O.
 */
import { z } from "zod";

/** The only format version this code reads. A new version gets a new literal and a migration. */
export const INSTRUMENT_FORMAT_VERSION = 1;

/** Longest open answer, in characters (Unicode code points). The default and the ceiling. */
export const OPEN_ANSWER_MAX_LENGTH = 2000;

/**
 * Item ids a centre may not use: the unit and the staff group of a response come from the
 * invitation and are stored beside the answers, so an item with such an id would be asked of the
 * respondent and collide with them in exports.
 */
export const RESERVED_ITEM_IDS: readonly string[] = [
  "unit",
  "unitId",
  "staffGroup",
  "staffGroupId",
];

/**
 * Descriptions for the generated JSON Schema. A registry of our own rather than `.meta()`:
 * Zod's global registry lives on `globalThis`, where a module evaluated twice in one process
 * would collide with itself.
 */
export const instrumentRegistry = z.registry<{
  id?: string;
  title?: string;
  description?: string;
}>();

function doc<T extends z.ZodType>(schema: T, description: string, id?: string): T {
  instrumentRegistry.add(schema, id ? { id, description } : { description });
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Shape
// ---------------------------------------------------------------------------------------------

const notBlank = /\S/;

function localized(max: number, what: string) {
  const text = () => z.string().min(1).max(max).regex(notBlank, { error: "Must not be blank." });
  return doc(
    z.strictObject({ pl: doc(text(), "Polish."), en: doc(text(), "English.") }),
    `${what}, in Polish and English (each 1–${max} characters).`,
  );
}

const itemIdSchema = doc(
  z
    .string()
    .max(64)
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, {
      error: "An id starts with a letter and has only letters, digits, '_' and '-'.",
    }),
  "An id: a letter, then letters, digits, '_' or '-'; at most 64 characters. Case-sensitive.",
  "Id",
);

const optionValueSchema = doc(
  z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, {
      error: "An option value has only letters, digits, '_' and '-'.",
    }),
  "The stored value of a choice option: letters, digits, '_' or '-'; at most 64 characters.",
);

const scalarSchema = doc(
  z.union([z.string(), z.number(), z.boolean()]),
  "An answer value to compare with: a point value (number), an option value (string), " +
    "true/false for a yes/no item, or a number.",
);

/** A show-if condition over answers to earlier items. */
export type Condition =
  | { item: string; equals: string | number | boolean }
  | { item: string; in: (string | number | boolean)[] }
  | { item: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      doc(
        z.strictObject({ item: itemIdSchema, equals: scalarSchema }),
        "True when the item was answered with this value (for a multiple-choice item: when " +
          "this option was among those chosen).",
      ),
      doc(
        z.strictObject({ item: itemIdSchema, in: z.array(scalarSchema).min(1) }),
        "True when the item's answer is one of these values (multiple choice: when any " +
          "chosen option is one of them).",
      ),
      doc(
        z.strictObject({ item: itemIdSchema, answered: z.boolean() }),
        "True when the item was (answered: true) or was not (answered: false) answered.",
      ),
      doc(
        z.strictObject({ all: z.array(conditionSchema).min(1) }),
        "True when every condition is.",
      ),
      doc(
        z.strictObject({ any: z.array(conditionSchema).min(1) }),
        "True when at least one condition is.",
      ),
      doc(z.strictObject({ not: conditionSchema }), "True when the condition is false."),
    ],
    {
      error:
        "A condition is one of {item, equals}, {item, in}, {item, answered}, {all: [...]}, " +
        "{any: [...]} or {not: {...}}.",
    },
  ),
);
doc(
  conditionSchema,
  "Show the item only when this holds. Conditions may name only items that come earlier in " +
    "the instrument; an item hidden by its own condition counts as not answered.",
  "Condition",
);

const itemBase = {
  id: itemIdSchema,
  text: localized(1000, "The question or statement"),
  help: localized(2000, "An optional explanation shown under the text").optional(),
  required: doc(
    z.boolean().default(false),
    "Whether a visible item must be answered. Default false: answering is voluntary.",
  ),
  showIf: conditionSchema.optional(),
};

const pointSchema = doc(
  z.strictObject({
    value: doc(z.number(), "The number stored as the answer. Unique within the item."),
    label: localized(200, "The label of the point"),
    score: doc(
      z.number().min(0).max(100).optional(),
      "The 0–100 score of this point (e.g. 100/75/50/25/0). Give it on every point of the " +
        "item or on none; without it the score is linear over the item's value range.",
    ),
  }),
  "One answer point, in display order.",
  "Point",
);

const pointsSchema = doc(
  z.array(pointSchema).min(2).max(11),
  "The answer points in display order (2–11).",
);

const optionSchema = doc(
  z.strictObject({ value: optionValueSchema, label: localized(200, "The label of the option") }),
  "One choice option, in display order.",
  "Option",
);

const optionsSchema = z.array(optionSchema).min(2).max(50);

export const likertItemSchema = doc(
  z.strictObject({ ...itemBase, kind: z.literal("likert"), points: pointsSchema }),
  "An agreement or intensity scale with labelled points. The answer is a point's value.",
  "LikertItem",
);

export const frequencyItemSchema = doc(
  z.strictObject({ ...itemBase, kind: z.literal("frequency"), points: pointsSchema }),
  "A how-often scale with labelled points. The answer is a point's value.",
  "FrequencyItem",
);

export const yesNoItemSchema = doc(
  z.strictObject({ ...itemBase, kind: z.literal("yesNo") }),
  "A yes/no question. The answer is true or false.",
  "YesNoItem",
);

export const singleItemSchema = doc(
  z.strictObject({ ...itemBase, kind: z.literal("single"), options: optionsSchema }),
  "Choose one option. The answer is the option's value.",
  "SingleChoiceItem",
);

export const multipleItemSchema = doc(
  z.strictObject({
    ...itemBase,
    kind: z.literal("multiple"),
    options: optionsSchema,
    minSelected: doc(
      z.number().int().min(1).optional(),
      "Fewest options to choose when answering.",
    ),
    maxSelected: doc(z.number().int().min(1).optional(), "Most options that may be chosen."),
  }),
  "Choose any number of options. The answer is an array of distinct option values.",
  "MultipleChoiceItem",
);

export const numberItemSchema = doc(
  z.strictObject({
    ...itemBase,
    kind: z.literal("number"),
    min: doc(z.number().optional(), "Smallest accepted answer."),
    max: doc(z.number().optional(), "Largest accepted answer."),
    integer: doc(z.boolean().default(false), "Accept whole numbers only."),
    unit: localized(50, "A unit shown after the field, e.g. 'hours'").optional(),
  }),
  "A number. In a scale it needs both min and max; its score is linear over that range.",
  "NumberItem",
);

export const textItemSchema = doc(
  z.strictObject({
    ...itemBase,
    kind: z.literal("text"),
    maxLength: doc(
      z.number().int().min(1).max(OPEN_ANSWER_MAX_LENGTH).default(OPEN_ANSWER_MAX_LENGTH),
      `Longest answer in characters; default and ceiling ${OPEN_ANSWER_MAX_LENGTH}.`,
    ),
  }),
  "An open answer. Never part of a scale.",
  "TextItem",
);

export const itemSchema = z.discriminatedUnion("kind", [
  likertItemSchema,
  frequencyItemSchema,
  yesNoItemSchema,
  singleItemSchema,
  multipleItemSchema,
  numberItemSchema,
  textItemSchema,
]);

export const sectionSchema = doc(
  z.strictObject({
    id: itemIdSchema,
    title: localized(200, "The section's title"),
    description: localized(4000, "An optional introduction to the section").optional(),
    items: z.array(itemSchema).min(1).max(200),
  }),
  "A page or group of items, shown in order.",
  "Section",
);

export const REVERSE_RULES = ["max+min-x", "100-score"] as const;
export type ReverseRule = (typeof REVERSE_RULES)[number];

export const bandSchema = doc(
  z.strictObject({
    id: itemIdSchema,
    label: localized(200, "The band's label"),
    from: doc(z.number().min(0).max(100), "Lowest 0–100 score in the band (inclusive)."),
    to: doc(
      z.number().min(0).max(100),
      "Upper end (exclusive, except for the last band, which includes it).",
    ),
  }),
  "An interpretation band on the 0–100 score: from ≤ score < to; the last band also holds " +
    "score = to. Bands are listed in ascending order and together cover 0–100 without gaps or " +
    "overlaps; only the last band may be a single point (from = to = 100).",
  "Band",
);

export const scaleSchema = doc(
  z.strictObject({
    id: itemIdSchema,
    name: localized(200, "The scale's name"),
    description: localized(4000, "What the scale measures").optional(),
    items: doc(
      z.array(itemIdSchema).min(1),
      "Ids of the items whose scores are averaged: likert, frequency, or number items with " +
        "min and max.",
    ),
    reverse: doc(
      z
        .strictObject({
          rule: doc(
            z.enum(REVERSE_RULES),
            "'max+min-x': the answer x becomes max + min − x (max and min of the item's " +
              "values) before scoring, e.g. 6 − x on a 1–5 item; '100-score': the item's " +
              "0–100 score s becomes 100 − s.",
          ),
          items: doc(z.array(itemIdSchema).min(1), "Items of this scale scored in reverse."),
        })
        .optional(),
      "Reverse-scored items and how to reverse them.",
    ),
    minAnswered: doc(
      z.number().int().min(1),
      "A respondent's scale score exists only when at least this many of its items were " +
        "answered (and visible); otherwise it is null.",
    ),
    higherIs: doc(
      z.enum(["worse", "better"]),
      "Whether a higher score means more risk (worse) or a better state (better). Decides the " +
        "direction of trends and of the at-risk ranking.",
    ),
    reportedRange: doc(
      z.strictObject({ min: z.number(), max: z.number() }).optional(),
      "Also report the score on this range: reported = min + (max − min) · score / 100. " +
        "E.g. {min: 1, max: 5} gives back the mean of 1–5 answers of a linearly scored scale.",
    ),
    bands: doc(
      z.array(bandSchema).min(1).max(10).optional(),
      "Interpretation bands, ascending, covering 0–100.",
    ),
  }),
  "A scale: the mean of its answered items' 0–100 scores.",
  "Scale",
);

const instrumentShapeSchema = doc(
  z.strictObject({
    $schema: doc(z.string().optional(), "Optional link to the JSON Schema, for editors."),
    formatVersion: doc(
      z.literal(INSTRUMENT_FORMAT_VERSION, {
        error: `formatVersion must be ${INSTRUMENT_FORMAT_VERSION}.`,
      }),
      "The version of this format.",
    ),
    id: doc(
      z
        .string()
        .max(64)
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
          error: "The id is a slug: lowercase letters and digits joined by single '-'.",
        }),
      "The instrument's slug, e.g. 'cbi'. Versions of one instrument share it.",
    ),
    title: localized(200, "The instrument's title"),
    description: localized(4000, "An introduction shown to respondents").optional(),
    sections: z.array(sectionSchema).min(1).max(50),
    scales: z.array(scaleSchema).max(50).default([]),
  }),
  "A survey instrument (Przystań format version 1). The unit and staff group of a respondent " +
    "are never items: they come from the invitation.",
  "Instrument",
);

// ---------------------------------------------------------------------------------------------
// Types and helpers
// ---------------------------------------------------------------------------------------------

export type Instrument = z.output<typeof instrumentShapeSchema>;
/** What an author writes: fields with defaults may be left out. */
export type InstrumentInput = z.input<typeof instrumentShapeSchema>;
export type Section = Instrument["sections"][number];
export type Item = Section["items"][number];
export type ItemKind = Item["kind"];
export type Scale = Instrument["scales"][number];
export type Band = NonNullable<Scale["bands"]>[number];
export type LocalizedText = { pl: string; en: string };
export type PointItem = Extract<Item, { kind: "likert" | "frequency" }>;

/** Every item in document order, with the path of the item in the instrument. */
export function allItems(instrument: Instrument): { item: Item; path: string }[] {
  return instrument.sections.flatMap((section, s) =>
    section.items.map((item, i) => ({ item, path: `sections.${s}.items.${i}` })),
  );
}

export function isPointItem(item: Item): item is PointItem {
  return item.kind === "likert" || item.kind === "frequency";
}

/** Whether an item can be part of a scale, i.e. its answers map onto 0–100. */
export function isScorable(item: Item): boolean {
  if (isPointItem(item)) return true;
  return item.kind === "number" && item.min !== undefined && item.max !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Cross-field rules
// ---------------------------------------------------------------------------------------------

/** Codes of the cross-field rules; Zod's own checks are reported as `schema.<zod code>`. */
export const INSTRUMENT_ERROR_CODES = [
  "format.unsupportedVersion",
  "section.duplicateId",
  "item.duplicateId",
  "item.reservedId",
  "item.duplicatePointValue",
  "item.partialPointScores",
  "item.duplicateOptionValue",
  "item.invalidRange",
  "item.invalidSelectionBounds",
  "showIf.unknownItem",
  "showIf.laterItem",
  "showIf.loop",
  "showIf.invalidOperator",
  "showIf.invalidValue",
  "scale.duplicateId",
  "scale.unknownItem",
  "scale.duplicateItem",
  "scale.itemNotScorable",
  "scale.reverseNotInScale",
  "scale.reverseNotSymmetric",
  "scale.minAnsweredTooHigh",
  "scale.invalidReportedRange",
  "band.duplicateId",
  "band.notAscending",
  "band.overlap",
  "band.gap",
  "band.coverage",
] as const;

export type InstrumentRuleCode = (typeof INSTRUMENT_ERROR_CODES)[number];
export type InstrumentErrorCode = InstrumentRuleCode | `schema.${string}`;

/** One problem with an instrument. `path` is dotted, with array indices: "scales.0.items.2". */
export type InstrumentError = { path: string; code: InstrumentErrorCode; message: string };

type Report = (path: string, code: InstrumentRuleCode, message: string) => void;

/** Runs every cross-field rule on a well-shaped instrument; reports all problems found. */
export function checkInstrument(instrument: Instrument): InstrumentError[] {
  const errors: InstrumentError[] = [];
  const report: Report = (path, code, message) => errors.push({ path, code, message });

  const sectionIds = new Set<string>();
  instrument.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) {
      report(
        `sections.${s}.id`,
        "section.duplicateId",
        `Section id "${section.id}" is used twice.`,
      );
    }
    sectionIds.add(section.id);
  });

  const items = allItems(instrument);
  const byId = new Map<string, { item: Item; path: string; index: number }>();
  items.forEach(({ item, path }, index) => {
    if (byId.has(item.id)) {
      report(`${path}.id`, "item.duplicateId", `Item id "${item.id}" is used twice.`);
    } else {
      byId.set(item.id, { item, path, index });
    }
    if (RESERVED_ITEM_IDS.includes(item.id)) {
      report(
        `${path}.id`,
        "item.reservedId",
        `Item id "${item.id}" is reserved: the unit and staff group come from the invitation, never from an answer.`,
      );
    }
    checkItem(item, path, report);
  });

  checkShowIf(items, byId, report);
  checkScales(instrument, byId, report);
  return errors;
}

function checkItem(item: Item, path: string, report: Report): void {
  switch (item.kind) {
    case "likert":
    case "frequency": {
      const seen = new Set<number>();
      item.points.forEach((point, k) => {
        if (seen.has(point.value)) {
          report(
            `${path}.points.${k}.value`,
            "item.duplicatePointValue",
            `Item "${item.id}" has the point value ${point.value} twice; each point needs its own value.`,
          );
        }
        seen.add(point.value);
      });
      const scored = item.points.filter((p) => p.score !== undefined).length;
      if (scored !== 0 && scored !== item.points.length) {
        report(
          `${path}.points`,
          "item.partialPointScores",
          `Item "${item.id}" gives a score on ${scored} of ${item.points.length} points; give it on all or none.`,
        );
      }
      return;
    }
    case "single":
    case "multiple": {
      const seen = new Set<string>();
      item.options.forEach((option, k) => {
        if (seen.has(option.value)) {
          report(
            `${path}.options.${k}.value`,
            "item.duplicateOptionValue",
            `Item "${item.id}" has the option value "${option.value}" twice.`,
          );
        }
        seen.add(option.value);
      });
      if (item.kind === "multiple") {
        const { minSelected, maxSelected } = item;
        const n = item.options.length;
        if (minSelected !== undefined && maxSelected !== undefined && minSelected > maxSelected) {
          report(
            `${path}.minSelected`,
            "item.invalidSelectionBounds",
            `Item "${item.id}": minSelected (${minSelected}) is above maxSelected (${maxSelected}).`,
          );
        }
        for (const [field, bound] of [
          ["minSelected", minSelected],
          ["maxSelected", maxSelected],
        ] as const) {
          if (bound !== undefined && bound > n) {
            report(
              `${path}.${field}`,
              "item.invalidSelectionBounds",
              `Item "${item.id}": ${field} (${bound}) is above the number of options (${n}).`,
            );
          }
        }
      }
      return;
    }
    case "number":
      if (item.min !== undefined && item.max !== undefined && item.min >= item.max) {
        report(
          `${path}.max`,
          "item.invalidRange",
          `Item "${item.id}": max (${item.max}) must be above min (${item.min}).`,
        );
      }
      return;
    default:
      return;
  }
}

type Leaf = Extract<Condition, { item: string }>;

/** Every leaf of a condition with its path. */
function leaves(condition: Condition, path: string): { leaf: Leaf; path: string }[] {
  if ("all" in condition) {
    return condition.all.flatMap((c, k) => leaves(c, `${path}.all.${k}`));
  }
  if ("any" in condition) {
    return condition.any.flatMap((c, k) => leaves(c, `${path}.any.${k}`));
  }
  if ("not" in condition) return leaves(condition.not, `${path}.not`);
  return [{ leaf: condition, path }];
}

/** The values an answer to `item` can take, for checking `equals` / `in`; null = any number. */
function possibleValues(item: Item): readonly unknown[] | "number" | null {
  switch (item.kind) {
    case "likert":
    case "frequency":
      return item.points.map((p) => p.value);
    case "single":
    case "multiple":
      return item.options.map((o) => o.value);
    case "yesNo":
      return [true, false];
    case "number":
      return "number";
    case "text":
      return null;
  }
}

function checkShowIf(
  items: { item: Item; path: string }[],
  byId: Map<string, { item: Item; path: string; index: number }>,
  report: Report,
): void {
  // The reference graph: an edge from an item to every item its condition names.
  const edges = new Map<string, Set<string>>();
  const edgePaths = new Map<string, string>();

  items.forEach(({ item, path }) => {
    if (!item.showIf || byId.get(item.id)?.path !== path) return;
    const targets = new Set<string>();
    for (const { leaf, path: leafPath } of leaves(item.showIf, `${path}.showIf`)) {
      const target = byId.get(leaf.item);
      if (!target) {
        report(
          `${leafPath}.item`,
          "showIf.unknownItem",
          `The condition of item "${item.id}" names item "${leaf.item}", which does not exist.`,
        );
        continue;
      }
      targets.add(leaf.item);
      if (!edgePaths.has(`${item.id}\u0000${leaf.item}`)) {
        edgePaths.set(`${item.id}\u0000${leaf.item}`, `${leafPath}.item`);
      }
      if ("answered" in leaf) continue;
      const allowed = possibleValues(target.item);
      const operator = "equals" in leaf ? "equals" : "in";
      if (allowed === null) {
        report(
          `${leafPath}.${operator}`,
          "showIf.invalidOperator",
          `The condition of item "${item.id}" compares the open answer "${leaf.item}"; only "answered" may be used with an open answer.`,
        );
        continue;
      }
      const values = "equals" in leaf ? [leaf.equals] : leaf.in;
      values.forEach((value, k) => {
        const ok = allowed === "number" ? typeof value === "number" : allowed.includes(value);
        if (!ok) {
          report(
            "equals" in leaf ? `${leafPath}.equals` : `${leafPath}.in.${k}`,
            "showIf.invalidValue",
            `The condition of item "${item.id}" compares item "${leaf.item}" with ${JSON.stringify(value)}, which it cannot be answered with.`,
          );
        }
      });
    }
    edges.set(item.id, targets);
  });

  // Loops first: an edge inside a cycle is reported once as the loop, not also as a forward
  // reference, so the author sees the real problem.
  const reportedLoops = new Set<string>();
  const loopEdges = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, "open");
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const first = cycle[0];
        const key = [...cycle].sort().join("\u0000");
        if (!reportedLoops.has(key)) {
          reportedLoops.add(key);
          const from = cycle[cycle.length - 1];
          report(
            edgePaths.get(`${from}\u0000${first}`) ?? `${byId.get(from)?.path}.showIf`,
            "showIf.loop",
            `Show-if conditions form a loop: ${[...cycle, first].map((c) => `"${c}"`).join(" → ")}.`,
          );
        }
        for (let k = 0; k < cycle.length; k++) {
          loopEdges.add(`${cycle[k]}\u0000${cycle[(k + 1) % cycle.length]}`);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const { item } of items) if (!state.has(item.id)) visit(item.id);

  for (const [from, targets] of edges) {
    const fromIndex = byId.get(from)!.index;
    for (const to of targets) {
      if (loopEdges.has(`${from}\u0000${to}`)) continue;
      if (byId.get(to)!.index >= fromIndex) {
        report(
          edgePaths.get(`${from}\u0000${to}`)!,
          "showIf.laterItem",
          `The condition of item "${from}" names item "${to}", which does not come before it; conditions may only look back.`,
        );
      }
    }
  }
}

function checkScales(
  instrument: Instrument,
  byId: Map<string, { item: Item; path: string; index: number }>,
  report: Report,
): void {
  const scaleIds = new Set<string>();
  instrument.scales.forEach((scale, s) => {
    const path = `scales.${s}`;
    if (scaleIds.has(scale.id)) {
      report(`${path}.id`, "scale.duplicateId", `Scale id "${scale.id}" is used twice.`);
    }
    scaleIds.add(scale.id);

    const members = new Set<string>();
    scale.items.forEach((id, k) => {
      const found = byId.get(id);
      if (members.has(id)) {
        report(
          `${path}.items.${k}`,
          "scale.duplicateItem",
          `Scale "${scale.id}" names item "${id}" twice.`,
        );
      }
      members.add(id);
      if (!found) {
        report(
          `${path}.items.${k}`,
          "scale.unknownItem",
          `Scale "${scale.id}" names item "${id}", which does not exist.`,
        );
      } else if (!isScorable(found.item)) {
        report(
          `${path}.items.${k}`,
          "scale.itemNotScorable",
          found.item.kind === "number"
            ? `Scale "${scale.id}" names the number item "${id}", which needs both min and max to be scored.`
            : `Scale "${scale.id}" names item "${id}" of kind "${found.item.kind}"; a scale takes likert, frequency or number items.`,
        );
      }
    });

    if (scale.reverse) {
      const reversed = new Set<string>();
      scale.reverse.items.forEach((id, k) => {
        const at = `${path}.reverse.items.${k}`;
        if (reversed.has(id)) {
          report(at, "scale.duplicateItem", `Scale "${scale.id}" reverses item "${id}" twice.`);
        }
        reversed.add(id);
        if (!members.has(id)) {
          report(
            at,
            "scale.reverseNotInScale",
            `Scale "${scale.id}" reverses item "${id}", which is not one of its items.`,
          );
          return;
        }
        const found = byId.get(id);
        if (scale.reverse?.rule === "max+min-x" && found && isPointItem(found.item)) {
          const values = found.item.points.map((p) => p.value);
          const lo = Math.min(...values);
          const hi = Math.max(...values);
          const missing = values.filter((v) => !values.includes(hi + lo - v));
          if (missing.length > 0) {
            report(
              at,
              "scale.reverseNotSymmetric",
              `Scale "${scale.id}" reverses item "${id}" as max + min − x, but ${hi + lo - missing[0]} (the reverse of ${missing[0]}) is not one of its values; use the rule "100-score" or symmetric values.`,
            );
          }
        }
      });
    }

    if (scale.minAnswered > scale.items.length) {
      report(
        `${path}.minAnswered`,
        "scale.minAnsweredTooHigh",
        `Scale "${scale.id}" needs ${scale.minAnswered} answered items but has only ${scale.items.length}.`,
      );
    }

    if (scale.reportedRange && scale.reportedRange.min >= scale.reportedRange.max) {
      report(
        `${path}.reportedRange`,
        "scale.invalidReportedRange",
        `Scale "${scale.id}": the reported range's max must be above its min.`,
      );
    }

    if (scale.bands) checkBands(scale.id, scale.bands, `${path}.bands`, report);
  });
}

function checkBands(scaleId: string, bands: Band[], path: string, report: Report): void {
  const ids = new Set<string>();
  bands.forEach((band, k) => {
    const at = `${path}.${k}`;
    if (ids.has(band.id)) {
      report(
        `${at}.id`,
        "band.duplicateId",
        `Scale "${scaleId}" has the band id "${band.id}" twice.`,
      );
    }
    ids.add(band.id);
    const last = k === bands.length - 1;
    // A single-point band is allowed only at the end (e.g. "exactly 100"): anywhere else it
    // would hold no score at all.
    if (band.to < band.from || (band.to === band.from && !last)) {
      report(
        at,
        "band.notAscending",
        `Scale "${scaleId}", band "${band.id}": "to" (${band.to}) must be above "from" (${band.from}).`,
      );
      return;
    }
    if (k === 0) return;
    const prev = bands[k - 1];
    if (band.from < prev.from) {
      report(
        `${at}.from`,
        "band.notAscending",
        `Scale "${scaleId}": band "${band.id}" starts at ${band.from}, below the band before it ("${prev.id}", from ${prev.from}); list bands in ascending order.`,
      );
    } else if (band.from < prev.to) {
      report(
        `${at}.from`,
        "band.overlap",
        `Scale "${scaleId}": band "${band.id}" starts at ${band.from}, inside band "${prev.id}" (which ends at ${prev.to}).`,
      );
    } else if (band.from > prev.to) {
      report(
        `${at}.from`,
        "band.gap",
        `Scale "${scaleId}": scores from ${prev.to} to ${band.from} fall between bands "${prev.id}" and "${band.id}".`,
      );
    }
  });
  const first = bands[0];
  const last = bands[bands.length - 1];
  if (first.from !== 0) {
    report(
      `${path}.0.from`,
      "band.coverage",
      `Scale "${scaleId}": the first band must start at 0, not ${first.from}.`,
    );
  }
  if (last.to !== 100) {
    report(
      `${path}.${bands.length - 1}.to`,
      "band.coverage",
      `Scale "${scaleId}": the last band must end at 100, not ${last.to}.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The schema and the parser
// ---------------------------------------------------------------------------------------------

/**
 * The full instrument schema: the shape plus every cross-field rule. A rule's issue carries its
 * code in `params.code`. The rules run only on a well-shaped instrument, since they read ids
 * and arrays the shape guarantees.
 */
export const instrumentSchema = instrumentShapeSchema.superRefine(
  (instrument, ctx) => {
    for (const error of checkInstrument(instrument)) {
      ctx.addIssue({
        code: "custom",
        message: error.message,
        path: error.path === "" ? [] : error.path.split(".").map(pathSegment),
        params: { code: error.code },
      });
    }
  },
  { when: (payload) => payload.issues.length === 0 },
);

function pathSegment(segment: string): string | number {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

export type ParseInstrumentResult =
  | { ok: true; instrument: Instrument }
  | { ok: false; errors: InstrumentError[] };

/** Validates instrument JSON (already parsed from text); returns it with defaults, or every error. */
export function parseInstrument(json: unknown): ParseInstrumentResult {
  // An instrument of another format version would fail on fields that version may have changed;
  // one clear error says what is actually wrong.
  if (
    typeof json === "object" &&
    json !== null &&
    !Array.isArray(json) &&
    Object.hasOwn(json, "formatVersion") &&
    (json as { formatVersion: unknown }).formatVersion !== INSTRUMENT_FORMAT_VERSION
  ) {
    return {
      ok: false,
      errors: [
        {
          path: "formatVersion",
          code: "format.unsupportedVersion",
          message: `Format version ${JSON.stringify((json as { formatVersion: unknown }).formatVersion)} is not supported; this version reads formatVersion ${INSTRUMENT_FORMAT_VERSION}.`,
        },
      ],
    };
  }
  const result = instrumentSchema.safeParse(json);
  if (result.success) return { ok: true, instrument: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const ruleCode =
        issue.code === "custom" ? (issue.params as { code?: InstrumentRuleCode })?.code : undefined;
      return {
        path: issue.path.map(String).join("."),
        code: ruleCode ?? `schema.${issue.code}`,
        message: issue.message,
      };
    }),
  };
}
