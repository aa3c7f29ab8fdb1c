import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { parse as parseCsv } from "csv-parse/sync";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { auditLog } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { orgUnit, staffGroup } from "../org/schema.ts";
import { comparableCycles } from "./comparable-cycles.ts";
import { exportResponsesCsv, responseLabels } from "./export-csv.ts";
import { closedCycleWith, type FixtureResponse, responsesIn } from "./export-fixtures.ts";
import { exportResultsPdf } from "./export-pdf.ts";
import { exportResultsXlsx } from "./export-xlsx.ts";
import { resultBundle } from "./result-bundle.ts";
import { cycleStructure, suppressionCells } from "./result-cells.ts";
import { cycleResults, cycleResultsAll } from "./results.ts";
import { surveyResponse } from "./schema.ts";
import type { Answers } from "./scoring.ts";
import { cellKey, cycleAggregates } from "./suppression.ts";
import { checkNoDisclosure } from "./suppression-check.ts";

const dir = mkdtempSync(path.join(tmpdir(), "przystan-exports-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `r-${fileNo++}.pdf`);
  writeFileSync(file, pdf);
  // In drawing order (a table cell by cell), lines joined: a long heading may wrap anywhere.
  return execFileSync("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
    encoding: "utf8",
  }).replace(/\s+/g, " ");
}

/** Varied answers: five people in a row cover every point. `shift` moves q1–q3 up. */
function answers(i: number, shift = 0): Answers {
  const p = (x: number) => Math.max(1, Math.min(5, x));
  return {
    q1: p(1 + ((i + shift) % 5)),
    q2: p(1 + ((i * 3 + shift) % 5)),
    q3: p(5 - (i % 5)),
    n1: i % 11,
    yn: i % 3 === 0,
  };
}

function sheetRows(book: XLSX.WorkBook, name: string): unknown[][] {
  return XLSX.utils.sheet_to_json(book.Sheets[name], { header: 1, defval: null }) as unknown[][];
}

describe.each(testDbKinds)("results exports (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let management: Actor;
  let manager: Actor;
  let g: string[];
  let unitC: string;
  let cycleId: string;
  let previousId: string;
  let responses: FixtureResponse[];

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    management = await actorFor(s.users.management.userId);
    manager = await actorFor(s.users.manager.userId);
    g = (
      await db()
        .select({ id: staffGroup.id })
        .from(staffGroup)
        .where(eq(staffGroup.centreId, s.centre.id))
        .orderBy(asc(staffGroup.sortOrder))
    ).map((x) => x.id);
    const [c] = await db()
      .insert(orgUnit)
      .values({
        centreId: s.centre.id,
        parentId: s.unitA.id,
        name: "Zespół Ćwiklińskiej",
        kind: "team",
      })
      .returning();
    unitC = c.id;
    const A = s.unitA.id;
    const B = s.unitB.id;
    const cells = (shift: number) => [
      ...responsesIn(A, g[0], 12, (i) => answers(i, shift)),
      // Three people: a cell below k = 5.
      ...responsesIn(A, g[1], 3, (i) => answers(i + 1, shift)),
      ...responsesIn(A, g[2], 9, (i) => answers(i + 5, shift)),
      ...responsesIn(B, g[0], 10, (i) => answers(i + 2, shift)),
      ...responsesIn(B, g[1], 8, (i) => answers(i + 3, shift)),
      ...responsesIn(B, g[2], 7, (i) => answers(i + 6, shift)),
      ...responsesIn(unitC, g[0], 6, (i) => answers(i + 4, shift)),
    ];
    previousId = await closedCycleWith(coordinator, {
      name: "Badanie jesień 2024",
      opensAt: new Date("2024-10-01T08:00:00Z"),
      closesAt: new Date("2024-10-31T20:00:00Z"),
      responses: cells(0).map((r, i) => ({ ...r, answers: { ...r.answers, q1: 1 + (i % 2) } })),
    });
    responses = cells(0).map((r, i) => ({ ...r, answers: { ...r.answers, q1: 4 + (i % 2) } }));
    cycleId = await closedCycleWith(coordinator, {
      name: "Badanie wiosna 2025 — Łódź",
      responses,
      comments: [{ unitId: A, staffGroupId: g[0], text: "Za dużo spraw" }],
    });
  });
  afterAll(() => d.drop());

  describe("XLSX", () => {
    it("holds the published aggregates, and a row without figures for each hidden group", async () => {
      const file = await exportResultsXlsx(coordinator, cycleId, { locale: "pl" });
      expect(file.fileName).toBe("wyniki-badanie-wiosna-2025-lodz.xlsx");
      const book = XLSX.read(file.body, { type: "buffer" });
      expect(book.SheetNames).toEqual(["Informacje", "Skale", "Pozycje", "Trend", "Alfa"]);

      const results = await cycleResultsAll(coordinator, cycleId);
      const scales = sheetRows(book, "Skale");
      const header = scales[0] as string[];
      const col = (name: string) => header.indexOf(name);
      const centreRow = scales.find((r) => r[1] === "Cały ośrodek" && r[4] === "Obciążenie")!;
      expect(centreRow[col("Osoby w grupie")]).toBe(55);
      expect(centreRow[col("Średnia (0–100)")]).toBe(
        Number(results.unit.centre!.scales!.load.mean!.toFixed(1)),
      );
      expect(centreRow[col("95% PU — dolna granica")]).toBe(
        Number(results.unit.centre!.scales!.load.ci95![0].toFixed(1)),
      );

      // Every group of every view is there, hidden ones with words and no numbers.
      const cellKeyName = `${s.unitA.name} — `;
      const small = results["unit,staffGroup"].groups.find(
        (x) => x.unitId === s.unitA.id && x.staffGroupId === g[1],
      )!;
      expect(small.suppressed).toBe(true);
      const smallRows = scales.filter((r) => r[1] === small.name);
      expect(smallRows).toHaveLength(1);
      expect(String(smallRows[0][2])).toMatch(/^ukryte/);
      expect(smallRows[0].slice(3).every((x) => x === null)).toBe(true);
      expect(scales.some((r) => String(r[1]).startsWith(cellKeyName))).toBe(true);
      for (const view of ["unit", "staffGroup", "unit,staffGroup"] as const) {
        for (const group of results[view].groups) {
          expect(scales.some((r) => r[1] === group.name)).toBe(true);
          if (group.suppressed) {
            const rows = scales.filter((r) => r[1] === group.name && r[0] !== "Ośrodek");
            for (const r of rows) expect(r.slice(3).every((x) => x === null)).toBe(true);
          }
        }
      }

      // Band shares of a published row add up to 100 %.
      const shares = header
        .map((h, i) => (String(h).startsWith("Udział w przedziale") ? i : -1))
        .filter((i) => i >= 0);
      const sum = shares.reduce((a, i) => a + Number(centreRow[i] ?? 0), 0);
      if (shares.length) expect(Math.abs(sum - 100)).toBeLessThan(0.5);

      // Item distributions: the centre's answers to q1, counted from what was stored.
      const items = sheetRows(book, "Pozycje");
      const q1 = items.filter((r) => r[1] === "Cały ośrodek" && r[2] === "q1");
      const expected = [1, 2, 3, 4, 5].map(
        (v) => responses.filter((r) => r.answers.q1 === v).length,
      );
      expect(q1.map((r) => r[6])).toEqual(expected);
      expect(q1[0][4]).toBe(55);

      // Trend against the autumn cycle: the load scale rose a lot (higher is worse).
      const trend = sheetRows(book, "Trend");
      expect(String(trend[0][0])).toContain("Badanie jesień 2024");
      const load = trend.find((r) => r[1] === "Cały ośrodek" && r[2] === "Obciążenie")!;
      expect(load[8]).toBe("istotne pogorszenie");
      expect(Number(load[5])).toBeGreaterThan(0);

      const alpha = sheetRows(book, "Alfa");
      expect(alpha[1][0]).toBe("Obciążenie");
      expect(alpha[1][1]).toBe(3);
    });

    it("leaves alpha out for management and is audited without content", async () => {
      const file = await exportResultsXlsx(management, cycleId, { locale: "en" });
      const book = XLSX.read(file.body, { type: "buffer" });
      expect(book.SheetNames).toEqual(["Information", "Scales", "Items", "Trend"]);
      const entries = await db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "survey.results.export"), eq(auditLog.entityId, cycleId)));
      const mine = entries.filter((e) => e.actorUserId === management.userId);
      expect(mine).toHaveLength(1);
      expect(mine[0].details).toEqual({ format: "xlsx", previous: previousId });
    });

    it("gives a manager their own units only", async () => {
      const book = XLSX.read((await exportResultsXlsx(manager, cycleId, { locale: "pl" })).body, {
        type: "buffer",
      });
      const groups = new Set(
        sheetRows(book, "Skale")
          .slice(1)
          .map((r) => r[1]),
      );
      expect(groups.has("Cały ośrodek")).toBe(false);
      expect(groups.has(s.unitB.name)).toBe(false);
      expect(groups.has(s.unitA.name)).toBe(true);
    });

    it("refuses a previous cycle that does not fit, an open cycle and a stranger", async () => {
      const e = await caught(
        exportResultsXlsx(coordinator, cycleId, { locale: "pl", previous: cycleId }),
      );
      expect(e.status).toBe(422);
      const open = await closedCycleWith(coordinator, { name: "Otwarte", close: false });
      expect((await caught(exportResultsXlsx(coordinator, open, { locale: "pl" }))).status).toBe(
        409,
      );
      const employee = await actorFor(s.users.employee.userId);
      expect((await caught(exportResultsXlsx(employee, cycleId, { locale: "pl" }))).status).toBe(
        403,
      );
    });
  });

  describe("CSV of responses", () => {
    it("has one row per response in id order, scores and answers, no open answers or dates", async () => {
      const file = await exportResponsesCsv(coordinator, cycleId, { locale: "pl" });
      expect(file.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const rows = parseCsv(file.body.subarray(3).toString("utf8"), {
        delimiter: ";",
      }) as string[][];
      const [header, ...data] = rows;
      expect(header).toEqual([
        "Lp.",
        "Komórka",
        "Grupa pracowników",
        "Skala: Obciążenie",
        "q1",
        "q2",
        "q3",
        "n1",
        "yn",
      ]);
      expect(data).toHaveLength(55);
      const stored = await db()
        .select({ scores: surveyResponse.scores, answers: surveyResponse.answers })
        .from(surveyResponse)
        .where(eq(surveyResponse.cycleId, cycleId))
        .orderBy(asc(surveyResponse.id));
      data.forEach((r, i) => {
        expect(r[0]).toBe(String(i + 1));
        // Decimal comma, as Polish Excel reads a ";"-separated file.
        expect(Number(r[3].replace(",", "."))).toBeCloseTo(stored[i].scores.load.score!, 2);
        expect(Number(r[4])).toBe(stored[i].answers.q1);
        expect(r[8]).toBe(stored[i].answers.yn ? "1" : "0");
      });
      expect(file.body.toString("utf8")).not.toContain("Za dużo spraw");
      expect(file.body.toString("utf8")).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}/);
    });

    it("never names the small cell, and every label it shows covers at least k people", async () => {
      const file = await exportResponsesCsv(coordinator, cycleId, { locale: "pl" });
      const [, ...data] = parseCsv(file.body.subarray(3).toString("utf8"), {
        delimiter: ";",
      }) as string[][];
      const groupNames = new Map(
        (await db().select().from(staffGroup).where(eq(staffGroup.centreId, s.centre.id))).map(
          (x) => [x.id, x.name],
        ),
      );
      const small = data.filter((r) => r[1] === s.unitA.name && r[2] === groupNames.get(g[1]));
      expect(small).toEqual([]);
      // Its rows keep the unit, pooled with the unit's other hidden cell (3 + 9 people): unit A
      // and its published A × group 0 already tell the figures of that pool.
      expect(data.filter((r) => r[1] === s.unitA.name && r[2] === "")).toHaveLength(12);
      const classes = new Map<string, number>();
      for (const r of data)
        classes.set(`${r[1]}|${r[2]}`, (classes.get(`${r[1]}|${r[2]}`) ?? 0) + 1);
      for (const [label, n] of classes) expect(n, label).toBeGreaterThanOrEqual(5);
      // Something is kept: the file is not blank everywhere.
      expect([...classes.keys()].some((k) => k !== "|")).toBe(true);
    });

    it("is refused to management, to administrators and when the whole centre is hidden", async () => {
      expect((await caught(exportResponsesCsv(management, cycleId, { locale: "pl" }))).status).toBe(
        403,
      );
      const admin = await actorFor(s.users.administrator.userId);
      expect((await caught(exportResponsesCsv(admin, cycleId, { locale: "pl" }))).status).toBe(403);
      const tiny = await closedCycleWith(coordinator, {
        name: "Za mało",
        responses: responsesIn(s.unitA.id, g[0], 3, (i) => answers(i)),
      });
      const e = await caught(exportResponsesCsv(coordinator, tiny, { locale: "pl" }));
      expect(e.status).toBe(409);
      expect(e.fieldErrors._form).toBe("errors.surveyResponsesHidden");
    });
  });

  describe("PDF report", () => {
    it("reads back with Polish diacritics, the scales, the anonymity rule and the trend", async () => {
      const file = await exportResultsPdf(coordinator, cycleId, { locale: "pl" });
      expect(file.fileName).toBe("raport-badanie-wiosna-2025-lodz.pdf");
      const text = pdfText(file.body);
      expect(text).toContain("Raport z badania: Badanie wiosna 2025 — Łódź");
      expect(text).toContain("MOPS Testowo");
      expect(text).toContain("Zasada anonimowości");
      expect(text).toContain("co najmniej 5 osób");
      expect(text).toContain("Obciążenie");
      expect(text).toContain("Porównanie z badaniem „Badanie jesień 2024”");
      expect(text).toContain("istotne pogorszenie");
      expect(text).toContain("Od wyników do działań");
      expect(text).toMatch(/Strona 1 z \d/);
      const results = await cycleResults(coordinator, cycleId, { by: "unit" });
      const mean = results.centre!.scales!.load.mean!.toFixed(1).replace(".", ",");
      expect(text).toContain(mean);
    });

    it("makes a unit's report, and refuses units the reader may not see", async () => {
      const text = pdfText(
        (await exportResultsPdf(coordinator, cycleId, { locale: "pl", unitId: s.unitB.id })).body,
      );
      expect(text).toContain(`Raport z badania: Badanie wiosna 2025 — Łódź — ${s.unitB.name}`);
      expect(text).toContain("Różnica wobec ośrodka");
      expect(
        (await caught(exportResultsPdf(manager, cycleId, { locale: "pl", unitId: s.unitB.id })))
          .status,
      ).toBe(404);
      expect(
        (await caught(exportResultsPdf(coordinator, cycleId, { locale: "pl", unitId: "x" })))
          .status,
      ).toBe(404);
      const mine = pdfText(
        (await exportResultsPdf(manager, cycleId, { locale: "pl", unitId: s.unitA.id })).body,
      );
      expect(mine).toContain(s.unitA.name);
      const entries = await db()
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, "survey.results.export"),
            eq(auditLog.actorUserId, manager.userId),
          ),
        );
      expect(entries.map((e) => e.details)).toContainEqual({ format: "pdf", unitId: s.unitA.id });
    });

    it("says a hidden unit is hidden, without its figures", async () => {
      const id = await closedCycleWith(coordinator, {
        name: "Mała komórka",
        responses: [
          ...responsesIn(s.unitA.id, g[0], 12, (i) => answers(i)),
          ...responsesIn(s.unitB.id, g[0], 3, (i) => answers(i, 2)),
        ],
      });
      const text = pdfText(
        (await exportResultsPdf(coordinator, id, { locale: "pl", unitId: s.unitB.id })).body,
      );
      expect(text).toContain("ukryte (< 5)");
      expect(text).not.toContain("Różnica wobec ośrodka");
      expect(text).not.toContain("Liczba osób:");
    });
  });

  describe("the results page's reading", () => {
    it("offers the earlier cycles of the same instrument, the earlier one marked as before", async () => {
      const list = await comparableCycles(management, cycleId);
      const autumn = list.find((c) => c.id === previousId);
      expect(autumn).toMatchObject({ name: "Badanie jesień 2024", before: true });
      expect(list.some((c) => c.id === cycleId)).toBe(false);
      expect((await caught(comparableCycles(manager, "nie-uuid"))).status).toBe(404);
      const employee = await actorFor(s.users.employee.userId);
      expect((await caught(comparableCycles(employee, cycleId))).status).toBe(403);
    });

    it("reads every view once and the trend of any view; a bad previous is an error or a note", async () => {
      const bundle = await resultBundle(coordinator, cycleId);
      expect(bundle.previousId).toBe(previousId);
      const direct = await cycleResults(coordinator, cycleId, { by: "staffGroup" });
      expect(bundle.views.staffGroup.groups).toEqual(direct.groups);
      const trend = bundle.trend("unit,staffGroup");
      expect(trend?.centre?.scales?.load.flag).toBe("deterioration");
      expect(trend?.groups.length).toBe(bundle.views["unit,staffGroup"].groups.length);

      const strict = await caught(resultBundle(coordinator, cycleId, { previous: cycleId }));
      expect(strict.status).toBe(422);
      expect(strict.fieldErrors.previous).toBe("errors.surveyTrendPrevious");
      const lenient = await resultBundle(coordinator, cycleId, {
        previous: cycleId,
        lenient: true,
      });
      expect(lenient.trendError).toBe("errors.surveyTrendPrevious");
      expect(lenient.trend("unit")).toBeNull();
      expect(lenient.views.unit.centre?.n).toBe(55);
    });
  });

  it("publishes, with the response file's label classes, nothing the suppression hides", async () => {
    // The file's classes (rows sharing a label) added to the published aggregates must leave
    // every hidden group and small cell underivable — checked by the independent checker.
    const structure = await cycleStructure(db(), s.centre.id);
    const counts = new Map<string, { unitId: string; staffGroupId: string; n: number }>();
    for (const r of responses) {
      const key = cellKey(r.unitId!, r.staffGroupId!);
      const at = counts.get(key) ?? { unitId: r.unitId!, staffGroupId: r.staffGroupId!, n: 0 };
      at.n++;
      counts.set(key, at);
    }
    const base = suppressionCells(structure, [...counts.values()]);
    const all = await cycleResultsAll(coordinator, cycleId);
    const published = new Set(["centre"]);
    for (const view of ["unit", "staffGroup", "unit,staffGroup"] as const) {
      for (const x of all[view].groups) if (!x.suppressed) published.add(x.key);
    }
    const parts = new Map([...counts.values()].map((c) => [cellKey(c.unitId, c.staffGroupId), c]));
    const labels = responseLabels({ k: 5, ...base }, published, parts);
    const classes = new Map<string, string[]>();
    for (const [cell, l] of labels) {
      const key = `csv:${l.unit ?? ""}/${l.group ?? ""}`;
      classes.set(key, [...(classes.get(key) ?? []), cell]);
    }
    const input = {
      k: 5,
      cells: base.cells,
      aggregates: [...base.aggregates, ...[...classes].map(([key, cells]) => ({ key, cells }))],
    };
    const check = checkNoDisclosure(input, [...published, ...classes.keys()]);
    expect(check.disclosures).toEqual([]);
    // The small cell's rows show neither its unit nor a pair.
    const small = labels.get(cellKey(s.unitA.id, g[1]))!;
    expect(small.unit !== null && small.group !== null).toBe(false);
  });
});

describe("responseLabels", () => {
  const units = [
    { id: "a", parentId: null },
    { id: "b", parentId: null },
    { id: "a1", parentId: "a" },
  ];
  const groups = ["x", "y"];
  const parts = new Map(
    units.flatMap((u) =>
      groups.map((gr) => [cellKey(u.id, gr), { unitId: u.id, staffGroupId: gr }] as const),
    ),
  );

  it("keeps a pair only where its cell is an aggregate of its own that is published", () => {
    const input = {
      k: 5,
      ...cycleAggregates(units, groups, [
        { unitId: "a", staffGroupId: "x", n: 6 },
        { unitId: "a1", staffGroupId: "x", n: 7 },
        { unitId: "b", staffGroupId: "x", n: 9 },
        { unitId: "b", staffGroupId: "y", n: 8 },
      ]),
    };
    // Everything published: a1 is a leaf, so its cell is the aggregate a1 × x. Unit a's own
    // cell is not an aggregate by itself (a × x also holds a1), but a × x − a1 × x is it.
    const published = new Set(input.aggregates.map((x) => x.key));
    const labels = responseLabels(input, published, parts);
    expect(labels.get(cellKey("a1", "x"))).toEqual({ unit: "a1", group: "x" });
    expect(labels.get(cellKey("b", "y"))).toEqual({ unit: "b", group: "y" });
    expect(labels.get(cellKey("a", "x"))).toEqual({ unit: "a", group: "x" });
  });

  it("drops the staff group of a small cell, and the unit too when the rest would be small", () => {
    const input = {
      k: 5,
      ...cycleAggregates(units, groups, [
        { unitId: "b", staffGroupId: "x", n: 9 },
        { unitId: "b", staffGroupId: "y", n: 2 },
        { unitId: "a1", staffGroupId: "x", n: 12 },
      ]),
    };
    // What suppression would publish: not b × y (small) nor b × x (it gives b × y from b).
    const published = new Set(
      input.aggregates
        .map((x) => x.key)
        .filter((key) => !key.startsWith("unit:b/") && key !== "group:y"),
    );
    const labels = responseLabels(input, published, parts);
    // b's two cells share the label "b" (11 people), neither shows its staff group.
    expect(labels.get(cellKey("b", "y"))).toEqual({ unit: "b", group: null });
    expect(labels.get(cellKey("b", "x"))).toEqual({ unit: "b", group: null });
    expect(labels.get(cellKey("a1", "x"))).toEqual({ unit: "a1", group: "x" });
  });

  it("blanks everything when a class would be smaller than k", () => {
    const input = {
      k: 5,
      ...cycleAggregates(units, groups, [
        { unitId: "b", staffGroupId: "y", n: 3 },
        { unitId: "a1", staffGroupId: "x", n: 12 },
      ]),
    };
    const published = new Set(["centre", "unit:a", "unit:a1", "group:x"]);
    const labels = responseLabels(input, published, parts);
    // b × y alone would be a class of 3; and the blank class must not be b × y alone either.
    expect(labels.get(cellKey("b", "y"))).toEqual({ unit: null, group: null });
    expect(labels.get(cellKey("a1", "x"))).toEqual({ unit: null, group: null });
  });
});
