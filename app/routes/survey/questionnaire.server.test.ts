import { describe, expect, it } from "vitest";
import { type InstrumentInput, parseInstrument } from "../../../modules/survey/instrument.ts";
import { AppError } from "../../../platform/errors.ts";
import { RateLimitedError } from "../../../platform/rate-limit.ts";
import { submitQuestionnaire } from "./questionnaire.server.ts";

const t = (pl: string) => ({ pl, en: pl });
const input: InstrumentInput = {
  formatVersion: 1,
  id: "glue",
  title: t("Ankieta"),
  sections: [
    {
      id: "s",
      title: t("Część"),
      items: [
        { id: "a", kind: "yesNo", text: t("A"), required: true },
        { id: "n", kind: "number", text: t("N"), min: 0, max: 9 },
        { id: "b", kind: "yesNo", text: t("B"), required: true },
      ],
    },
  ],
};
const parsed = parseInstrument(input);
if (!parsed.ok) throw new Error("invalid fixture");
const instrument = parsed.instrument;

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("submitQuestionnaire", () => {
  it("submits the answers read from the form", async () => {
    let sent: unknown;
    const r = await submitQuestionnaire(
      instrument,
      form([
        ["a", "true"],
        ["n", "2,5"],
        ["b", "false"],
      ]),
      async (answers) => {
        sent = answers;
      },
    );
    expect(r).toEqual({ ok: true });
    expect(sent).toEqual({ a: true, n: 2.5, b: false });
  });

  it("reports an unreadable field with the validator's errors, in item order, submitting nothing", async () => {
    let called = false;
    const r = await submitQuestionnaire(instrument, form([["n", "sporo"]]), async () => {
      called = true;
    });
    expect(called).toBe(false);
    expect(r).toEqual({
      ok: false,
      status: 422,
      state: {
        fieldErrors: {
          a: "errors.surveyAnswer.required",
          n: "errors.surveyAnswer.notANumber",
          b: "errors.surveyAnswer.required",
        },
        values: { n: "sporo" },
      },
    });
    if (!r.ok) expect(Object.keys(r.state.fieldErrors ?? {})).toEqual(["a", "n", "b"]);
  });

  it("turns the service's validation and rate limit into form errors, and passes others on", async () => {
    const validation = await submitQuestionnaire(instrument, form([["b", "true"]]), async () => {
      throw new AppError("validation", { b: "x", a: "y" });
    });
    expect(validation).toMatchObject({ ok: false, status: 422 });
    if (!validation.ok) expect(Object.keys(validation.state.fieldErrors ?? {})).toEqual(["a", "b"]);
    const limited = await submitQuestionnaire(instrument, form([["b", "true"]]), async () => {
      throw new RateLimitedError(60, { _form: "errors.surveyPublicTooMany" });
    });
    expect(limited).toEqual({
      ok: false,
      status: 429,
      state: { fieldErrors: { _form: "errors.surveyPublicTooMany" }, values: { b: "true" } },
    });
    await expect(
      submitQuestionnaire(instrument, form([]), async () => {
        throw new AppError("gone");
      }),
    ).rejects.toMatchObject({ code: "gone" });
  });
});
