import { describe, expect, it } from "vitest";
import { workloadSurvey } from "./default-instruments.ts";
import type { CycleResults, ResultGroup } from "./results.ts";
import { SCALE_SUPPORT, SUPPORT_KINDS, supportFor } from "./scale-support.ts";
import { risksOf, topRisks } from "./top-risks.ts";

const text = (s: string) => ({ pl: s, en: s });
const bands = [
  { id: "low", from: 0, to: 50, label: text("niskie") },
  { id: "mid", from: 50, to: 75, label: text("średnie") },
  { id: "high", from: 75, to: 100, label: text("wysokie") },
];
const scales: CycleResults["scales"] = {
  workload: { label: text("Obciążenie"), higherIs: "worse", bands, alpha: null },
  manager: { label: text("Wsparcie przełożonego"), higherIs: "better", bands, alpha: null },
  exhaustion: { label: text("Wyczerpanie"), higherIs: "worse", bands, alpha: null },
  recovery: { label: text("Regeneracja"), higherIs: "better", bands, alpha: null },
  clientBurnout: { label: text("Wypalenie"), higherIs: "worse", bands: [], alpha: null },
};

function group(key: string, means: Record<string, number | null> | null): ResultGroup {
  const unitId = key.startsWith("unit:") ? key.slice(5).split("/")[0] : undefined;
  return {
    key,
    ...(unitId ? { unitId } : {}),
    ...(key.includes("group:") ? { staffGroupId: key.split("group:")[1] } : {}),
    name: key,
    n: means ? 20 : null,
    suppressed: means === null,
    scales: means
      ? Object.fromEntries(
          Object.entries(means).map(([id, mean]) => [
            id,
            { n: 20, mean, sd: 10, ci95: null, bands: null, sum: 0, sumSq: 0 },
          ]),
        )
      : null,
    items: null,
  };
}

describe("topRisks", () => {
  it("ranks by distance toward the bad end, ties in scale order, three per shown unit", () => {
    const results = {
      scales,
      groups: [
        group("unit:a", {
          workload: 80, // risk 80
          manager: 20, // risk 80: same as workload, later in order
          exhaustion: 60, // 60
          recovery: 30, // 70
          clientBurnout: null, // no valid scores: not ranked
        }),
        group("unit:b", null),
        group("unit:c/group:g", { workload: 99, manager: 99, exhaustion: 99, recovery: 99 }),
        group("group:g", { workload: 99, manager: 99, exhaustion: 99, recovery: 99 }),
      ],
    } as unknown as CycleResults;
    const top = topRisks(results);
    expect(top.map((u) => u.unitId)).toEqual(["a"]);
    expect(top[0].risks.map((r) => [r.scaleId, r.risk])).toEqual([
      ["workload", 80],
      ["manager", 80],
      ["recovery", 70],
    ]);
    expect(top[0].risks[0]).toMatchObject({
      mean: 80,
      higherIs: "worse",
      band: { id: "high" },
      support: supportFor("workload"),
    });
    expect(top[0].risks[1].band?.id).toBe("low");
    expect(top[0].risks[0].support.map((s) => s.key)).toContain("workloadReview");
  });

  it("gives no band for a scale without bands, and nothing for a hidden group", () => {
    const g = group("unit:x", { clientBurnout: 90 });
    expect(risksOf(g, scales)).toMatchObject([{ scaleId: "clientBurnout", band: null, risk: 90 }]);
    expect(risksOf(group("unit:y", null), scales)).toEqual([]);
  });
});

describe("scale support", () => {
  it("names support for every scale of the default instrument, each kind labelled in both languages", () => {
    for (const scale of workloadSurvey.scales) {
      expect(supportFor(scale.id).length, scale.id).toBeGreaterThanOrEqual(3);
    }
    expect(Object.keys(SCALE_SUPPORT).sort()).toEqual(
      workloadSurvey.scales.map((s) => s.id).sort(),
    );
    const used = new Set(Object.values(SCALE_SUPPORT).flat());
    expect([...used].sort()).toEqual(Object.keys(SUPPORT_KINDS).sort());
    for (const label of Object.values(SUPPORT_KINDS)) {
      expect(label.pl).toMatch(/\S/);
      expect(label.en).toMatch(/\S/);
    }
    expect(supportFor("nieznana")).toEqual([]);
    expect(supportFor("constructor")).toEqual([]);
  });
});
