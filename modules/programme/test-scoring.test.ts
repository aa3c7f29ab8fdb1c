import { describe, expect, it } from "vitest";
import { checkQuestion, checkStandard, questionFromForm } from "./test-bank.ts";
import {
  checkSheet,
  competenceAcquired,
  formatGain,
  formatPercent,
  isRight,
  participantResult,
  type ScoredQuestion,
  scoreSheet,
  summarise,
} from "./test-scoring.ts";
import { bankLocked, evaluationWindow, testWindow, windowState } from "./test-window.ts";

const single: ScoredQuestion = {
  id: "q1",
  kind: "single",
  options: [
    { id: "a", text: "A", correct: false },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C", correct: false },
  ],
};
const multiple: ScoredQuestion = {
  id: "q2",
  kind: "multiple",
  options: [
    { id: "a", text: "A", correct: true },
    { id: "b", text: "B", correct: true },
    { id: "c", text: "C", correct: false },
  ],
};

describe("scoring", () => {
  it("gives a single-choice question its point only for the one correct option", () => {
    expect(isRight(single, ["b"])).toBe(true);
    expect(isRight(single, ["a"])).toBe(false);
    expect(isRight(single, ["b", "a"])).toBe(false);
    expect(isRight(single, [])).toBe(false);
  });

  it("gives a multiple-choice question its point only for exactly the correct set", () => {
    expect(isRight(multiple, ["a", "b"])).toBe(true);
    expect(isRight(multiple, ["b", "a", "b"])).toBe(true);
    expect(isRight(multiple, ["a"])).toBe(false);
    expect(isRight(multiple, ["a", "b", "c"])).toBe(false);
    expect(isRight(multiple, ["c"])).toBe(false);
  });

  it("sums one point a question", () => {
    expect(scoreSheet([single, multiple], { q1: ["b"], q2: ["a"] })).toEqual({
      score: 1,
      maxScore: 2,
    });
    expect(scoreSheet([single, multiple], { q1: ["b"], q2: ["a", "b"] })).toEqual({
      score: 2,
      maxScore: 2,
    });
    // A question id such as "constructor" must not read Object.prototype.
    expect(scoreSheet([{ ...single, id: "constructor" }], {})).toEqual({ score: 0, maxScore: 1 });
  });
});

describe("checkSheet", () => {
  it("wants every question answered, with its own options, one for a single choice", () => {
    const r = checkSheet([single, multiple], { q1: ["a", "b"], q3: "x" });
    expect(r.errors).toEqual({
      "q-q1": "errors.testAnswerOne",
      "q-q2": "errors.testAnswerRequired",
    });
    expect(r.answers).toEqual({ q1: ["a", "b"], q2: [] });
    expect(checkSheet([single], { q1: "zz" }).errors).toEqual({
      "q-q1": "errors.testAnswerInvalid",
    });
    expect(checkSheet([single], { q1: [""] }).errors).toEqual({
      "q-q1": "errors.testAnswerRequired",
    });
    expect(checkSheet([single, multiple], { q1: "b", q2: ["a", "c"] })).toEqual({
      answers: { q1: ["b"], q2: ["a", "c"] },
      errors: {},
    });
  });
});

describe("competence check figures", () => {
  it("judges the threshold in integers (3 of 5 is exactly 60 %)", () => {
    expect(competenceAcquired({ score: 3, maxScore: 5 }, 60)).toBe(true);
    expect(competenceAcquired({ score: 2, maxScore: 3 }, 67)).toBe(false);
    expect(competenceAcquired({ score: 2, maxScore: 3 }, 66)).toBe(true);
    expect(competenceAcquired(null, 60)).toBeNull();
    expect(competenceAcquired({ score: 3, maxScore: 3 }, null)).toBeNull();
  });

  it("measures the gain in percentage points between the two tests", () => {
    const r = participantResult(
      { pre: { score: 1, maxScore: 3 }, post: { score: 3, maxScore: 3 } },
      80,
    );
    expect(r.prePercent).toBeCloseTo(33.333, 3);
    expect(r.postPercent).toBe(100);
    expect(r.gainPoints).toBeCloseTo(66.667, 3);
    expect(r.acquired).toBe(true);
    const onlyPre = participantResult({ pre: { score: 2, maxScore: 4 }, post: null }, 80);
    expect(onlyPre).toEqual({
      prePercent: 50,
      postPercent: null,
      gainPoints: null,
      acquired: null,
    });
  });

  it("summarises paired means, the mean gain and the share acquired", () => {
    const rows = [
      participantResult({ pre: { score: 1, maxScore: 4 }, post: { score: 4, maxScore: 4 } }, 75),
      participantResult({ pre: { score: 2, maxScore: 4 }, post: { score: 2, maxScore: 4 } }, 75),
      participantResult({ pre: null, post: { score: 3, maxScore: 4 } }, 75),
      participantResult({ pre: { score: 4, maxScore: 4 }, post: null }, 75),
    ];
    const s = summarise(rows, true);
    expect(s.paired).toBe(2);
    expect(s.meanPre).toBe(37.5);
    expect(s.meanPost).toBe(75);
    expect(s.meanGain).toBe(37.5);
    expect(s.withPost).toBe(3);
    expect(s.acquired).toBe(2);
    expect(s.shareAcquired).toBeCloseTo(2 / 3, 6);
    expect(summarise(rows, false).shareAcquired).toBeNull();
    expect(summarise([], true)).toMatchObject({ paired: 0, meanGain: null, shareAcquired: null });
  });

  it("formats per cents and signed gains the Polish way", () => {
    expect(formatPercent(66.666, "pl")).toBe("66,7");
    expect(formatPercent(50, "en")).toBe("50");
    expect(formatGain(33.333, "pl")).toBe("+33,3");
    expect(formatGain(-10, "pl")).toBe("−10");
    expect(formatGain(0.01, "pl")).toBe("0");
  });
});

describe("checkQuestion", () => {
  const form = (v: Record<string, string>) => checkQuestion(questionFromForm(v));

  it("accepts a single choice with one correct option, dropping empty slots", () => {
    const r = form({
      kind: "single",
      text: " Pytanie ",
      option1: "Tak",
      correct1: "on",
      option3: "Nie",
    });
    expect(r.errors).toEqual({});
    expect(r.value.text).toBe("Pytanie");
    expect(r.value.options.map((o) => [o.text, o.correct])).toEqual([
      ["Tak", true],
      ["Nie", false],
    ]);
    expect(new Set(r.value.options.map((o) => o.id)).size).toBe(2);
  });

  it("keeps option ids it is given, so an edit keeps answers comparable", () => {
    const r = form({
      kind: "multiple",
      text: "P",
      option1: "A",
      optionId1: "x1",
      correct1: "on",
      option2: "B",
      optionId2: "x2",
    });
    expect(r.value.options.map((o) => o.id)).toEqual(["x1", "x2"]);
  });

  it("refuses each broken rule with its own message on its own field", () => {
    expect(
      form({ kind: "single", text: "", option1: "A", correct1: "on", option2: "B" }).errors,
    ).toEqual({
      text: "errors.required",
    });
    expect(
      form({ kind: "single", text: "x".repeat(1001), option1: "A", correct1: "on", option2: "B" })
        .errors.text,
    ).toBe("errors.testQuestionTooLong");
    expect(form({ kind: "single", text: "P", option1: "A", correct1: "on" }).errors).toEqual({
      options: "errors.testOptionsCount",
    });
    expect(
      form({
        kind: "single",
        text: "P",
        option1: "A",
        correct1: "on",
        option2: "B",
        correct2: "on",
      }).errors,
    ).toEqual({
      options: "errors.testSingleOneCorrect",
    });
    expect(form({ kind: "single", text: "P", option1: "A", option2: "B" }).errors).toEqual({
      options: "errors.testSingleOneCorrect",
    });
    expect(form({ kind: "multiple", text: "P", option1: "A", option2: "B" }).errors).toEqual({
      options: "errors.testMultipleSomeCorrect",
    });
    expect(
      form({
        kind: "single",
        text: "P",
        option1: "A",
        correct1: "on",
        option2: "a",
        option4: "",
        correct4: "on",
      }).errors,
    ).toEqual({
      option2: "errors.testOptionDuplicate",
      option4: "errors.testOptionEmptyCorrect",
    });
    expect(
      form({ kind: "single", text: "P", option1: "A", correct1: "on", option2: "b".repeat(501) })
        .errors,
    ).toEqual({
      option2: "errors.testOptionTooLong",
    });
    expect(
      form({ kind: "essay", text: "P", option1: "A", correct1: "on", option2: "B" }).errors,
    ).toEqual({
      kind: "errors.invalid",
    });
    const nine = checkQuestion({
      kind: "multiple",
      text: "P",
      options: Array.from({ length: 9 }, (_, i) => ({ text: `O${i}`, correct: true })),
    });
    expect(nine.errors).toEqual({ options: "errors.testOptionsCount" });
  });
});

describe("checkStandard", () => {
  it("takes a threshold of 1–100 or none, and outcomes up to 4000 characters", () => {
    expect(
      checkStandard({ learningOutcomes: " Zna procedurę ", passThresholdPercent: "60" }),
    ).toEqual({
      value: { learningOutcomes: "Zna procedurę", passThresholdPercent: 60 },
      errors: {},
    });
    expect(checkStandard({ passThresholdPercent: "" }).value.passThresholdPercent).toBeNull();
    for (const bad of ["0", "101", "60,5", "abc"]) {
      expect(checkStandard({ passThresholdPercent: bad }).errors).toEqual({
        passThresholdPercent: "errors.testThreshold",
      });
    }
    expect(checkStandard({ learningOutcomes: "x".repeat(4001) }).errors).toEqual({
      learningOutcomes: "errors.tooLong",
    });
  });
});

describe("windows", () => {
  const at = (h: number) => new Date(Date.UTC(2026, 5, 1, h));
  const sessions = [
    { startsAt: at(9), endsAt: at(12) },
    { startsAt: at(30), endsAt: at(33) },
    { startsAt: at(20), endsAt: at(22), cancelledAt: at(1) },
  ];

  it("locks the bank once the first live session has started", () => {
    expect(bankLocked(sessions, at(8))).toBe(false);
    expect(bankLocked(sessions, at(9))).toBe(true);
    expect(bankLocked([], at(100))).toBe(false);
  });

  it("opens the pre-test until the first session ends, the post-test from the last start for 30 days", () => {
    const pre = testWindow("pre", sessions);
    expect(pre).toEqual({ opensAt: null, closesAt: at(12) });
    expect(windowState(pre, at(11))).toBe("open");
    expect(windowState(pre, at(12))).toBe("closed");
    const post = testWindow("post", sessions);
    expect(post.opensAt).toEqual(at(30));
    expect(post.closesAt).toEqual(new Date(at(33).getTime() + 30 * 86_400_000));
    expect(windowState(post, at(29))).toBe("notYet");
    expect(windowState(post, at(31))).toBe("open");
    expect(windowState(testWindow("post", []), at(1))).toBe("notYet");
    expect(windowState(testWindow("pre", []), at(1))).toBe("open");
  });

  it("opens the evaluation at the last start until its closing, by default 14 days after", () => {
    const w = evaluationWindow({ evaluationClosesAt: null }, sessions);
    expect(w.opensAt).toEqual(at(30));
    expect(w.closesAt).toEqual(new Date(at(33).getTime() + 14 * 86_400_000));
    expect(evaluationWindow({ evaluationClosesAt: at(40) }, sessions).closesAt).toEqual(at(40));
    expect(windowState(evaluationWindow({ evaluationClosesAt: null }, []), at(1))).toBe("notYet");
  });
});
