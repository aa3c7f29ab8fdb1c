import { describe, expect, it } from "vitest";
import { clientServiceSurvey, workloadSurvey } from "../survey/default-instruments.ts";
import { SLUG_PATTERN } from "../survey/describe-survey.ts";
import { allItems } from "../survey/instrument.ts";
import { pruneAnswers, scoreResponse, validateAnswers, visibleItems } from "../survey/scoring.ts";
import { DALESZYCE } from "./daleszyce.ts";
import { GDANSK } from "./gdansk.ts";
import { type CentrePlan, planCentre } from "./plan.ts";
import {
  CLIENT_SURVEY_SITES,
  DEMO_STAFF_CYCLES,
  type DemoResponseRow,
  type DemoSurveyData,
  planSurveyData,
  SCALE_LOADINGS,
  STORY_SITES,
  warsawDay,
} from "./survey-model.ts";

const TODAY = "2026-11-23";
const instruments = {
  workload: { id: "00000000-0000-4000-8000-000000000001", definition: workloadSurvey },
  client: { id: "00000000-0000-4000-8000-000000000002", definition: clientServiceSurvey },
};
const gdansk = planCentre(GDANSK);
const daleszyce = planCentre(DALESZYCE);
const plan = (p: CentrePlan, today = TODAY) => planSurveyData(p, { instruments, today });
const g = plan(gdansk);
const d = plan(daleszyce);

/** The Centre of Social Work (or department) a unit belongs to: its topmost ancestor. */
function siteKeyOf(p: CentrePlan) {
  const byId = new Map(p.units.map((u) => [u.id, u]));
  return (unitId: string) => {
    let u = byId.get(unitId);
    while (u?.parentId) u = byId.get(u.parentId);
    return u?.key ?? "";
  };
}
const siteOf = siteKeyOf(gdansk);
const story = new Set(STORY_SITES[GDANSK.key]);

const staffCycles = (data: DemoSurveyData) => data.cycles.filter((c) => c.kind === "staff");
const responsesOf = (data: DemoSurveyData, cycleId: string) =>
  data.responses.filter((r) => r.cycleId === cycleId);

function mean(rows: DemoResponseRow[], scale: string): number {
  const v = rows.map((r) => r.scores[scale]?.score).filter((s): s is number => s !== null);
  return v.reduce((a, b) => a + b, 0) / v.length;
}

/** Mean of a scale in the two story centres and in the rest of Gdańsk, for one cycle. */
function storyAndRest(phase: number, scale: string) {
  const rows = responsesOf(g, staffCycles(g)[phase].id);
  return {
    story: mean(
      rows.filter((r) => story.has(siteOf(r.unitId))),
      scale,
    ),
    rest: mean(
      rows.filter((r) => !story.has(siteOf(r.unitId))),
      scale,
    ),
  };
}

function correlation(pairs: [number, number][]): number {
  const n = pairs.length;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("the demo survey story", () => {
  it("has three closed workload cycles in the right seasons and an open client-service one", () => {
    for (const data of [g, d]) {
      expect(staffCycles(data).map((c) => [c.name, c.status])).toEqual(
        DEMO_STAFF_CYCLES.map((c) => [c.name, "closed"]),
      );
      const [spring25, autumn25, spring26] = staffCycles(data);
      expect(spring25.opensAt.toISOString()).toBe("2025-03-10T07:00:00.000Z");
      expect(spring25.closesAt.toISOString()).toBe("2025-03-31T21:59:00.000Z");
      expect(autumn25.opensAt.toISOString().slice(0, 7)).toBe("2025-10");
      expect(spring26.opensAt.toISOString().slice(0, 7)).toBe("2026-03");
      const client = data.cycles.filter((c) => c.kind === "client");
      expect(client).toHaveLength(1);
      expect(client[0].status).toBe("open");
      expect(client[0].instrumentId).toBe(instruments.client.id);
      const now = new Date(`${TODAY}T12:00:00Z`);
      expect(client[0].opensAt < now && now < client[0].closesAt).toBe(true);
    }
  });

  it("shows high client-related burnout in the two story centres in spring 2025, clearly lower in spring 2026", () => {
    const before = storyAndRest(0, "clientBurnout");
    const after = storyAndRest(2, "clientBurnout");
    expect(before.story - before.rest).toBeGreaterThanOrEqual(15);
    expect(before.story - after.story).toBeGreaterThanOrEqual(12);
    // Everyone else stays roughly where they were.
    expect(Math.abs(after.rest - before.rest)).toBeLessThan(5);
    // Autumn 2025 lies in between: the easing is gradual.
    const autumn = storyAndRest(1, "clientBurnout");
    expect(autumn.story).toBeLessThan(before.story);
    expect(autumn.story).toBeGreaterThan(after.story);
  });

  it("shows higher emotional demands, exhaustion and client aggression there, easing too", () => {
    for (const scale of ["emotional", "exhaustion", "workload"]) {
      const before = storyAndRest(0, scale);
      const after = storyAndRest(2, scale);
      expect(before.story - before.rest, scale).toBeGreaterThanOrEqual(8);
      expect(before.story - after.story, scale).toBeGreaterThanOrEqual(8);
    }
    const aggression = (phase: number, inStory: boolean) => {
      const rows = responsesOf(g, staffCycles(g)[phase].id).filter(
        (r) => story.has(siteOf(r.unitId)) === inStory && r.answers.ag_verbal !== undefined,
      );
      return rows.reduce((s, r) => s + (r.answers.ag_verbal as number), 0) / rows.length;
    };
    expect(aggression(0, true) - aggression(0, false)).toBeGreaterThan(0.7);
    expect(aggression(0, true) - aggression(2, true)).toBeGreaterThan(0.5);
  });

  it("ties intention to leave to exhaustion", () => {
    for (const c of staffCycles(g)) {
      const pairs = responsesOf(g, c.id)
        .map((r) => [r.scores.exhaustion.score, r.scores.leave.score])
        .filter((p): p is [number, number] => p[0] !== null && p[1] !== null);
      expect(correlation(pairs), c.name).toBeGreaterThan(0.3);
    }
  });

  it("models every scale of the workload survey", () => {
    expect(Object.keys(SCALE_LOADINGS).sort()).toEqual(
      workloadSurvey.scales.map((s) => s.id).sort(),
    );
  });
});

describe("the demo survey rows", () => {
  it("are the same on every run, and only the client-service survey follows the day", () => {
    expect(plan(gdansk)).toEqual(g);
    expect(plan(daleszyce)).toEqual(d);
    const later = plan(gdansk, "2027-02-01");
    const staffIds = new Set(staffCycles(g).map((c) => c.id));
    const staffOnly = (data: DemoSurveyData) => ({
      cycles: data.cycles.filter((c) => staffIds.has(c.id)),
      participation: data.participation,
      responses: data.responses.filter((r) => staffIds.has(r.cycleId)),
      comments: data.comments.filter((r) => staffIds.has(r.cycleId)),
    });
    expect(staffOnly(later)).toEqual(staffOnly(g));
    // The printed QR codes stay valid: the same slugs at the same units.
    const links = (data: DemoSurveyData) => data.publicLinks.map(({ createdAt: _, ...l }) => l);
    expect(links(later)).toEqual(links(g));
  });

  it("store answers exactly as a submission would: valid, pruned and scored", () => {
    for (const data of [g, d]) {
      const definitionOf = new Map(
        data.cycles.map((c) => [c.id, c.kind === "staff" ? workloadSurvey : clientServiceSurvey]),
      );
      for (const r of data.responses) {
        const instrument = definitionOf.get(r.cycleId)!;
        expect(validateAnswers(instrument, r.answers)).toEqual([]);
        expect(pruneAnswers(instrument, r.answers)).toEqual(r.answers);
        expect(r.scores).toEqual(scoreResponse(instrument, r.answers));
        for (const { item } of allItems(instrument)) {
          if (item.kind === "text") expect(r.answers[item.id]).toBeUndefined();
        }
      }
    }
  });

  it("leave about 5 % of the shown closed questions blank and follow the show-if rules", () => {
    let shown = 0;
    let blank = 0;
    let withoutClientWork = 0;
    for (const r of g.responses.filter((x) => x.staffGroupId !== null)) {
      const visible = visibleItems(workloadSurvey, r.answers).filter((i) => i.kind !== "text");
      shown += visible.length;
      blank += visible.filter((i) => r.answers[i.id] === undefined).length;
      if (r.answers.client_contact === false) {
        withoutClientWork++;
        expect(r.answers.cl_dread).toBeUndefined();
        expect(r.scores.clientBurnout.score).toBeNull();
      }
    }
    expect(blank / shown).toBeGreaterThan(0.03);
    expect(blank / shown).toBeLessThan(0.08);
    expect(withoutClientWork).toBeGreaterThan(20);
  });

  it("invite everyone employed by the opening day, once, with unit and staff group copied", () => {
    for (const [data, p] of [
      [g, gdansk],
      [d, daleszyce],
    ] as const) {
      for (const c of staffCycles(data)) {
        const opens = DEMO_STAFF_CYCLES.find((x) => x.name === c.name)!.opens;
        const rows = data.participation.filter((x) => x.cycleId === c.id);
        const employed = p.employees.filter((e) => e.employmentStart <= opens);
        expect(rows.map((r) => r.employeeId).sort()).toEqual(employed.map((e) => e.id).sort());
        for (const r of rows) {
          const e = p.employees.find((x) => x.id === r.employeeId)!;
          const group = p.positions.find((x) => x.id === e.positionId)!.group;
          expect([r.unitId, r.staffGroupId, r.invitedOn]).toEqual([
            e.unitId,
            p.staffGroupIds[group],
            opens,
          ]);
        }
      }
    }
    // Gdańsk hired people until May 2025, so spring 2025 invited fewer than later cycles.
    const invited = staffCycles(g).map(
      (c) => g.participation.filter((x) => x.cycleId === c.id).length,
    );
    expect(invited[0]).toBeLessThan(invited[1]);
    expect(invited[1]).toBe(427);
    expect(d.participation).toHaveLength(14 * 3);
  });

  it("answer 60–75 % in the window, on weekdays, with reminders only for those who had not answered", () => {
    for (const [k, c] of staffCycles(g).entries()) {
      const spec = DEMO_STAFF_CYCLES[k];
      const rows = g.participation.filter((x) => x.cycleId === c.id);
      const answered = rows.filter((r) => r.answeredOn !== null);
      const rate = answered.length / rows.length;
      expect(rate, c.name).toBeGreaterThanOrEqual(0.6);
      expect(rate, c.name).toBeLessThanOrEqual(0.75);
      for (const r of rows) {
        if (r.answeredOn !== null) {
          expect(r.answeredOn >= spec.opens && r.answeredOn <= spec.closes).toBe(true);
          expect([0, 6]).not.toContain(new Date(`${r.answeredOn}T00:00:00Z`).getUTCDay());
        }
        const [r1, r2] = spec.reminders;
        const expected =
          r.answeredOn !== null && r.answeredOn < r1
            ? null
            : r.answeredOn !== null && r.answeredOn < r2
              ? r1
              : r2;
        expect(r.remindedOn).toBe(expected);
      }
      expect(rows.some((r) => r.remindedOn === null)).toBe(true);
      expect(rows.some((r) => r.remindedOn !== null && r.answeredOn !== null)).toBe(true);
    }
  });

  it("give as many responses per unit, staff group and day as invitations were answered, and nothing more", () => {
    for (const data of [g, d]) {
      for (const c of staffCycles(data)) {
        const key = (x: { unitId: string; staffGroupId: string | null; day: string | null }) =>
          `${x.unitId}/${x.staffGroupId}/${x.day}`;
        const fromParticipation = data.participation
          .filter((x) => x.cycleId === c.id && x.answeredOn !== null)
          .map((x) => key({ ...x, day: x.answeredOn }))
          .sort();
        const fromResponses = responsesOf(data, c.id)
          .map((x) => key({ ...x, day: x.answeredOn }))
          .sort();
        expect(fromResponses).toEqual(fromParticipation);
      }
      for (const r of data.responses) {
        expect(Object.keys(r).sort()).toEqual(
          ["answeredOn", "answers", "cycleId", "id", "scores", "staffGroupId", "unitId"].sort(),
        );
        expect(r.id).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
      }
      const ids = data.responses.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(ids);
    }
  });

  it("write open answers in Polish, reviewed for the earlier cycles and waiting for the last", () => {
    const [spring25, , spring26] = staffCycles(g);
    const earlier = g.comments.filter((c) => c.cycleId === spring25.id);
    const last = g.comments.filter((c) => c.cycleId === spring26.id);
    expect(earlier.length).toBeGreaterThan(60);
    expect(last.length).toBeGreaterThan(60);
    for (const c of earlier) {
      expect(c.reviewed).toBe(true);
      expect(c.redactedText).toBeTruthy();
    }
    for (const c of last) expect([c.reviewed, c.redactedText]).toEqual([false, null]);
    // Some name a person or a case: redacted in the reviewed cycles, left for the coordinator
    // in the last one.
    const identifying = /\b(Zenon|Halina|Bożena|Ryszard|Marzena)\w*|\d{2,}\/\d{2,}/;
    expect(earlier.some((c) => identifying.test(c.text))).toBe(true);
    expect(earlier.filter((c) => identifying.test(c.redactedText ?? ""))).toEqual([]);
    expect(g.comments.filter((c) => !c.reviewed).some((c) => identifying.test(c.text))).toBe(true);
    const texts = new Set(g.comments.map((c) => c.text));
    expect(texts.size).toBeGreaterThan(80);
    for (const c of g.comments) {
      expect(c.text.length).toBeLessThanOrEqual(2000);
      expect(["open_burden", "open_help", "sv_suggestion"]).toContain(c.itemId);
    }
    // The story centres write about aggression and, later, about what helped.
    const storyTexts = (cycleId: string) =>
      g.comments
        .filter((c) => c.cycleId === cycleId && story.has(siteOf(c.unitId)))
        .map((c) => c.text)
        .join(" ");
    expect(storyTexts(spring25.id)).toMatch(/agresj|krzycz|grozi|wyzwisk/i);
    expect(storyTexts(spring26.id)).toMatch(/superwizj|we dwoje|szkoleni/i);
  });

  it("give the client-service survey public links at reception points, answered in the last weeks", () => {
    for (const [data, p] of [
      [g, gdansk],
      [d, daleszyce],
    ] as const) {
      const [client] = data.cycles.filter((c) => c.kind === "client");
      const linkUnits = CLIENT_SURVEY_SITES[p.key].map((k) => p.units.find((u) => u.key === k)!.id);
      expect(data.publicLinks.map((l) => l.unitId)).toEqual(linkUnits);
      expect(client.population).toEqual({ unitIds: linkUnits });
      for (const l of data.publicLinks) expect(l.slug).toMatch(SLUG_PATTERN);
      const responses = responsesOf(data, client.id);
      expect(responses.length).toBeGreaterThanOrEqual(20 * linkUnits.length);
      const opens = warsawDay(client.opensAt);
      for (const r of responses) {
        expect(linkUnits).toContain(r.unitId);
        expect(r.staffGroupId).toBeNull();
        expect(r.answeredOn >= opens && r.answeredOn <= TODAY).toBe(true);
      }
      for (const c of data.comments.filter((x) => x.cycleId === client.id)) {
        expect([c.reviewed, c.redactedText, c.staffGroupId]).toEqual([false, null, null]);
      }
    }
    const slugs = [...g.publicLinks, ...d.publicLinks].map((l) => l.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
