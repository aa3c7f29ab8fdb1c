import { describe, expect, it } from "vitest";
import { normalizeText, parseTypedNumber, readAnswerForm, visibleItemIds } from "./answer-form.ts";
import { type InstrumentInput, parseInstrument } from "./instrument.ts";
import { validateAnswers } from "./scoring.ts";

const t = (pl: string, en = pl) => ({ pl, en });
const points = [1, 2, 3, 4, 5].map((value) => ({ value, label: t(`${value}`) }));

/** One item of every kind, and show-if on the yes/no answer. */
const input: InstrumentInput = {
  formatVersion: 1,
  id: "every-kind",
  title: t("Każdy rodzaj pytania"),
  sections: [
    {
      id: "s1",
      title: t("Część 1"),
      items: [
        { id: "lik", kind: "likert", text: t("Skala"), points, required: true },
        { id: "freq", kind: "frequency", text: t("Jak często"), points },
        { id: "yn", kind: "yesNo", text: t("Tak czy nie") },
        {
          id: "why",
          kind: "number",
          text: t("Ile razy"),
          min: 0,
          max: 100,
          integer: true,
          showIf: { item: "yn", equals: true },
        },
      ],
    },
    {
      id: "s2",
      title: t("Część 2"),
      items: [
        {
          id: "one",
          kind: "single",
          text: t("Jedna"),
          options: [
            { value: "a", label: t("A") },
            { value: "b", label: t("B") },
          ],
        },
        {
          id: "many",
          kind: "multiple",
          text: t("Wiele"),
          options: [
            { value: "x", label: t("X") },
            { value: "y", label: t("Y") },
            { value: "z", label: t("Z") },
          ],
          maxSelected: 2,
        },
        { id: "num", kind: "number", text: t("Liczba"), min: 0, max: 10000 },
        { id: "txt", kind: "text", text: t("Tekst") },
      ],
    },
  ],
};

const parsed = parseInstrument(input);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const instrument = parsed.instrument;

function form(entries: [string, string][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

describe("readAnswerForm", () => {
  it("turns the strings of every item kind into the values the validator takes", () => {
    const r = readAnswerForm(
      instrument,
      form([
        ["lik", "4"],
        ["freq", "1"],
        ["yn", "true"],
        ["why", "3"],
        ["one", "b"],
        ["many", "x"],
        ["many", "z"],
        ["num", "2,5"],
        ["txt", "Za dużo spraw\r\nna jedną osobę"],
      ]),
    );
    expect(r.errors).toEqual({});
    expect(r.answers).toEqual({
      lik: 4,
      freq: 1,
      yn: true,
      why: 3,
      one: "b",
      many: ["x", "z"],
      num: 2.5,
      txt: "Za dużo spraw\nna jedną osobę",
    });
    expect(validateAnswers(instrument, r.answers)).toEqual([]);
    // What was typed, to show again: the number as typed, the ticked options as a list.
    expect(r.values).toMatchObject({ num: "2,5", many: ["x", "z"], yn: "true" });
  });

  it("leaves out empty fields, so they count as unanswered", () => {
    const r = readAnswerForm(
      instrument,
      form([
        ["lik", ""],
        ["num", "   "],
        ["txt", "  \r\n "],
        ["many", ""],
      ]),
    );
    expect(r.answers).toEqual({});
    expect(r.errors).toEqual({});
    expect(validateAnswers(instrument, r.answers).map((e) => [e.itemId, e.code])).toEqual([
      ["lik", "answer.required"],
    ]);
  });

  it("reads a no as false, not as unanswered", () => {
    expect(readAnswerForm(instrument, form([["yn", "false"]])).answers).toEqual({ yn: false });
  });

  it("gives a message for a field it cannot read and still reads the others", () => {
    const r = readAnswerForm(
      instrument,
      form([
        ["lik", "bardzo"],
        ["yn", "maybe"],
        ["num", "dwanaście"],
        ["one", "b"],
      ]),
    );
    expect(r.errors).toEqual({
      lik: "errors.surveyAnswer.notAnOption",
      yn: "errors.surveyAnswer.notAnOption",
      num: "errors.surveyAnswer.notANumber",
    });
    expect(r.answers).toEqual({ one: "b" });
    expect(r.values).toMatchObject({ lik: "bardzo", num: "dwanaście" });
  });

  it("refuses two values for a one-answer item (only a tampered form sends them)", () => {
    const r = readAnswerForm(
      instrument,
      form([
        ["lik", "1"],
        ["lik", "5"],
      ]),
    );
    expect(r.errors).toEqual({ lik: "errors.surveyAnswer.wrongType" });
    expect(r.answers).toEqual({});
  });

  it("passes values of the right shape but the wrong content on to the validator", () => {
    const r = readAnswerForm(
      instrument,
      form([
        ["lik", "9"],
        ["one", "c"],
        ["many", "x"],
        ["many", "y"],
        ["many", "z"],
        ["num", "-4"],
        ["txt", "a".repeat(2001)],
      ]),
    );
    expect(r.errors).toEqual({});
    expect(validateAnswers(instrument, r.answers).map((e) => [e.itemId, e.code])).toEqual([
      ["lik", "answer.notAnOption"],
      ["one", "answer.notAnOption"],
      ["many", "answer.tooManySelected"],
      ["num", "answer.outOfRange"],
      ["txt", "answer.tooLong"],
    ]);
  });

  it("ignores what was typed into an item its condition hides, readable or not", () => {
    // Without JavaScript every item is shown; "why" applies only after a yes.
    const hidden = readAnswerForm(
      instrument,
      form([
        ["yn", "false"],
        ["why", "nie wiem"],
      ]),
    );
    expect(hidden.errors).toEqual({});
    expect(validateAnswers(instrument, hidden.answers)).toEqual([
      expect.objectContaining({ itemId: "lik", code: "answer.required" }),
    ]);
    const shown = readAnswerForm(
      instrument,
      form([
        ["yn", "true"],
        ["why", "nie wiem"],
      ]),
    );
    // "why" takes whole numbers only, and its message says so.
    expect(shown.errors).toEqual({ why: "errors.surveyAnswer.notAWholeNumber" });
  });

  it("reads only the instrument's items and ignores other fields and files", () => {
    const f = form([
      ["lik", "2"],
      ["constructor", "x"],
      ["intent", "save"],
    ]);
    f.append("txt", new Blob(["plik"]), "plik.txt");
    const r = readAnswerForm(instrument, f);
    expect(r.answers).toEqual({ lik: 2 });
    expect(r.values).toEqual({ lik: "2" });
  });

  it("reads URLSearchParams as well as FormData", () => {
    const r = readAnswerForm(instrument, new URLSearchParams("lik=3&many=y&num=7"));
    expect(r.answers).toEqual({ lik: 3, many: ["y"], num: 7 });
  });
});

describe("parseTypedNumber", () => {
  it.each([
    ["12", 12],
    [" 12 ", 12],
    ["2,5", 2.5],
    ["2.5", 2.5],
    ["-3", -3],
    ["\u22123", -3],
    ["1 200", 1200],
    ["1\u00a0200,75", 1200.75],
    ["12 345 678", 12345678],
    [",5", 0.5],
    ["+7", 7],
  ])("reads %j as %d", (typed, expected) => {
    expect(parseTypedNumber(typed)).toBe(expected);
  });

  it.each([
    ["", "empty"],
    ["abc", "words"],
    ["1e3", "exponent"],
    ["12 godzin", "a unit"],
    ["1,2,3", "two separators"],
    ["0x10", "hexadecimal"],
    ["Infinity", "infinity"],
    ["1 2", "digits apart, not a thousands group"],
    ["12 34", "a group of two"],
  ])("refuses %j (%s)", (typed) => {
    expect(parseTypedNumber(typed)).toBeNull();
  });
});

describe("normalizeText", () => {
  it("stores a line break as one character and drops outer white space", () => {
    expect(normalizeText("  a\r\nb\rc\n ")).toBe("a\nb\nc");
  });
});

describe("visibleItemIds", () => {
  it("decides show-if from the form as it is being filled in", () => {
    expect(visibleItemIds(instrument, form([["yn", "true"]])).has("why")).toBe(true);
    expect(visibleItemIds(instrument, form([["yn", "false"]])).has("why")).toBe(false);
    expect(visibleItemIds(instrument, form([])).has("why")).toBe(false);
    expect(visibleItemIds(instrument, form([])).has("txt")).toBe(true);
  });
});
