import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  clientServiceSurvey,
  DEFAULT_INSTRUMENTS,
  estimateCompletionSeconds,
  loadInstrumentFile,
  workloadSurvey,
} from "./default-instruments.ts";
import { allItems, type Instrument, parseInstrument } from "./instrument.ts";
import { type Answers, scoreResponse, validateAnswers, visibleItems } from "./scoring.ts";

const files = {
  workload: new URL("./instruments/obciazenie-zawodowe.json", import.meta.url),
  client: new URL("./instruments/ocena-obslugi.json", import.meta.url),
};

function itemIds(instrument: Instrument): string[] {
  return allItems(instrument).map(({ item }) => item.id);
}

/** Every `{pl, en}` pair in a JSON tree, with its path; fails on a half pair. */
function localizedTexts(node: unknown, path = ""): { path: string; pl: unknown; en: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((child, k) => localizedTexts(child, `${path}.${k}`));
  if (typeof node !== "object" || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = "pl" in record || "en" in record ? [{ path, pl: record.pl, en: record.en }] : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) => localizedTexts(child, `${path}.${key}`)),
  ];
}

describe("default instruments", () => {
  it("both files parse, with the expected ids", () => {
    for (const url of Object.values(files)) {
      const result = parseInstrument(JSON.parse(readFileSync(url, "utf8")));
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
    expect(DEFAULT_INSTRUMENTS.map((i) => i.id)).toEqual(["obciazenie-zawodowe", "ocena-obslugi"]);
    expect(workloadSurvey.title.pl).toBe("Badanie obciążenia zawodowego");
    expect(clientServiceSurvey.title.pl).toBe("Ocena obsługi w ośrodku");
  });

  it("loadInstrumentFile throws on an invalid instrument, naming the error", () => {
    const path = new URL("./fixtures/cbi.json", import.meta.url).pathname;
    expect(loadInstrumentFile(path).id).toBe("cbi-structure");
    const broken = JSON.parse(readFileSync(files.client, "utf8"));
    broken.scales[0].items.push("sv_missing");
    const dir = mkdtempSync(join(tmpdir(), "instrument-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify(broken));
    try {
      expect(() => loadInstrumentFile(file)).toThrow(/scales\.0\.items\.5: scale\.unknownItem/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("the staff survey has 40–50 items, among them the two open questions", () => {
    const items = allItems(workloadSurvey).map(({ item }) => item);
    expect(items.length).toBe(47);
    expect(items.filter((i) => i.kind === "text").map((i) => i.id)).toEqual([
      "open_burden",
      "open_help",
    ]);
  });

  it("the client survey has 6–8 items and one open suggestion", () => {
    const items = allItems(clientServiceSurvey).map(({ item }) => item);
    expect(items.length).toBe(7);
    expect(items.filter((i) => i.kind === "text").map((i) => i.id)).toEqual(["sv_suggestion"]);
  });

  it("every scale has at least 2 items, minAnswered = half rounded up, and bands", () => {
    for (const instrument of DEFAULT_INSTRUMENTS) {
      for (const scale of instrument.scales) {
        expect(scale.items.length, scale.id).toBeGreaterThanOrEqual(2);
        expect(scale.minAnswered, scale.id).toBe(Math.ceil(scale.items.length / 2));
        expect(
          scale.bands?.map((b) => [b.from, b.to]),
          scale.id,
        ).toEqual([
          [0, 50],
          [50, 75],
          [75, 100],
        ]);
      }
    }
    expect(workloadSurvey.scales.length).toBe(15);
    // The direction decides trends and the at-risk ranking, so pin it per scale.
    const worse = workloadSurvey.scales.filter((s) => s.higherIs === "worse").map((s) => s.id);
    expect(worse).toEqual([
      "workload",
      "emotional",
      "conflict",
      "exhaustion",
      "distance",
      "clientBurnout",
      "leave",
    ]);
  });

  it("every item is in at most one scale", () => {
    for (const instrument of DEFAULT_INSTRUMENTS) {
      const all = instrument.scales.flatMap((s) => s.items);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it("the aggression items are reported one by one, not averaged into a scale", () => {
    const inScales = new Set(workloadSurvey.scales.flatMap((s) => s.items));
    for (const id of ["ag_verbal", "ag_threat", "ag_physical", "ag_property"]) {
      expect(itemIds(workloadSurvey)).toContain(id);
      expect(inScales.has(id)).toBe(false);
    }
  });

  it("every text has a non-blank pl and en", () => {
    for (const url of Object.values(files)) {
      const texts = localizedTexts(JSON.parse(readFileSync(url, "utf8")));
      expect(texts.length).toBeGreaterThan(10);
      for (const { path, pl, en } of texts) {
        expect(typeof pl === "string" && pl.trim() !== "", `${path}.pl`).toBe(true);
        expect(typeof en === "string" && en.trim() !== "", `${path}.en`).toBe(true);
      }
    }
    // Spot check the walk reaches item texts and point labels.
    const item = allItems(workloadSurvey)[1].item;
    expect(item.text.en).toBe("I handle more cases than I can deal with properly.");
  });

  it("the unit and staff group are never asked", () => {
    const ids = itemIds(workloadSurvey).concat(itemIds(clientServiceSurvey));
    for (const reserved of ["unit", "unitId", "staffGroup", "staffGroupId"]) {
      expect(ids).not.toContain(reserved);
    }
  });

  it("estimated completion time is under 12 minutes", () => {
    // 45 closed items × 12 s + 2 open × 60 s = 540 + 120 = 660 s = 11 min.
    expect(estimateCompletionSeconds(workloadSurvey)).toBe(660);
    expect(estimateCompletionSeconds(workloadSurvey)).toBeLessThan(12 * 60);
    // 6 closed × 12 s + 1 open × 60 s = 132 s.
    expect(estimateCompletionSeconds(clientServiceSurvey)).toBe(132);
  });
});

describe("show-if in the staff survey", () => {
  const ids = (answers: Answers) => visibleItems(workloadSurvey, answers).map((i) => i.id);

  it("client items are shown unless the respondent has no client contact", () => {
    expect(ids({})).toContain("cl_dread");
    expect(ids({ client_contact: true })).toContain("ag_verbal");
    const office = ids({ client_contact: false });
    for (const id of ["em_hide", "ag_verbal", "ag_physical", "cl_dread"]) {
      expect(office).not.toContain(id);
    }
    // 47 items − 3 emotional − 4 aggression − 3 client burnout − the 2 aggression follow-ups,
    // which depend on the hidden aggression items and so cannot show either.
    expect(office.length).toBe(35);
  });

  it("the reporting follow-up appears after any incident, the support one only after force", () => {
    expect(ids({ ag_verbal: 0, ag_physical: 0 })).not.toContain("ag_reported");
    const threatened = ids({ ag_threat: 2, ag_physical: 0 });
    expect(threatened).toContain("ag_reported");
    expect(threatened).not.toContain("ag_support");
    expect(ids({ ag_physical: 1 })).toEqual(expect.arrayContaining(["ag_reported", "ag_support"]));
  });

  it("a complete answer sheet is valid", () => {
    const answers: Record<string, unknown> = {};
    for (const { item } of allItems(workloadSurvey)) {
      if (item.kind === "likert" || item.kind === "frequency")
        answers[item.id] = item.points[1].value;
      else if (item.kind === "yesNo") answers[item.id] = true;
      else if (item.kind === "single") answers[item.id] = item.options[0].value;
      else if (item.kind === "text") answers[item.id] = "Za dużo spraw na jedną osobę.";
    }
    expect(validateAnswers(workloadSurvey, answers)).toEqual([]);
  });
});

describe("scoring of the staff survey, computed by hand", () => {
  // Every closed item has values 1–5 scored linearly: score = 25 · (x − 1), so
  // 1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100. A reversed item is first turned into 6 − x.
  const score = (answers: Answers, scale: string) => scoreResponse(workloadSurvey, answers)[scale];

  it("workload: four items, wl_doable reversed, at least 2 answered", () => {
    // 5 → 100, 4 → 75, 4 → 75, wl_doable 2 → 6 − 2 = 4 → 75; (100 + 75 + 75 + 75) / 4 = 81.25.
    expect(
      score({ wl_cases: 5, wl_backlog: 4, wl_paperwork: 4, wl_doable: 2 }, "workload"),
    ).toEqual({ score: 81.25, answered: 4, reported: null, band: "high" });
    // 3 → 50; wl_doable 5 → 1 → 0; (50 + 0) / 2 = 25, unanswered items are left out.
    expect(score({ wl_cases: 3, wl_doable: 5 }, "workload")).toEqual({
      score: 25,
      answered: 2,
      reported: null,
      band: "low",
    });
    // 4 → 75, 4 → 75, 5 → 100, wl_doable 3 → 3 → 50; 300 / 4 = 75 exactly: the upper band.
    expect(
      score({ wl_cases: 4, wl_backlog: 4, wl_paperwork: 5, wl_doable: 3 }, "workload").band,
    ).toBe("high");
    // All 3 → 50 on every item (3 reverses to 3): 50, the lower edge of "elevated".
    expect(
      score({ wl_cases: 3, wl_backlog: 3, wl_paperwork: 3, wl_doable: 3 }, "workload"),
    ).toEqual({ score: 50, answered: 4, reported: null, band: "elevated" });
    // One answer is below minAnswered = 2: no score.
    expect(score({ wl_backlog: 4 }, "workload")).toEqual({
      score: null,
      answered: 1,
      reported: null,
      band: null,
    });
  });

  it("intention to leave: a frequency item and a reversed agreement item", () => {
    // lv_centre 4 → 75; lv_year 2 ("tend to disagree") → 6 − 2 = 4 → 75; mean 75: "high".
    expect(score({ lv_centre: 4, lv_year: 2 }, "leave")).toEqual({
      score: 75,
      answered: 2,
      reported: null,
      band: "high",
    });
    // lv_centre 2 → 25; lv_year 5 → 1 → 0; (25 + 0) / 2 = 12.5: "low".
    expect(score({ lv_centre: 2, lv_year: 5 }, "leave").score).toBe(12.5);
    // minAnswered is 1 of 2: lv_year 3 alone → 50, "elevated".
    expect(score({ lv_year: 3 }, "leave")).toEqual({
      score: 50,
      answered: 1,
      reported: null,
      band: "elevated",
    });
  });

  it("manager support: higher is better, mg_blame reversed", () => {
    // mg_time 5 → 100, mg_backing 4 → 75, mg_blame 2 → 4 → 75; 250 / 3 = 83.33…: "good".
    const result = score({ mg_time: 5, mg_backing: 4, mg_blame: 2 }, "manager");
    expect(result.score).toBeCloseTo(250 / 3, 12);
    expect(result.band).toBe("good");
    // mg_blame 5 ("strongly agree" that the manager blames) → 1 → 0, mg_time 3 → 50: 25, "low".
    expect(score({ mg_time: 3, mg_blame: 5 }, "manager").band).toBe("low");
  });

  it("client-related burnout is not scored for someone without client contact", () => {
    // cl_dread 4 → 75, cl_patience 3 → 50, cl_compassion 2 → 25; 150 / 3 = 50.
    const answers = { cl_dread: 4, cl_patience: 3, cl_compassion: 2 };
    expect(score({ client_contact: true, ...answers }, "clientBurnout").score).toBe(50);
    // The same answers with "no client contact" belong to hidden items: neither counted nor scored.
    expect(score({ client_contact: false, ...answers }, "clientBurnout")).toEqual({
      score: null,
      answered: 0,
      reported: null,
      band: null,
    });
  });
});

describe("scoring of the client-service survey, computed by hand", () => {
  it("service: the mean of five items, overall rating kept apart", () => {
    // Values 1–5 linear: 5 → 100, 4 → 75, 2 → 25; (100 + 75 + 25) / 3 = 66.67: "moderate".
    const result = scoreResponse(clientServiceSurvey, {
      sv_respect: 5,
      sv_information: 4,
      sv_waiting: 2,
      sv_overall: 1,
    }).service;
    expect(result.score).toBeCloseTo(200 / 3, 12);
    expect(result.answered).toBe(3);
    expect(result.band).toBe("moderate");
  });
});
