import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { translator } from "../../platform/i18n.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { employee, staffGroup } from "../org/schema.ts";
import { closeCycle } from "./close-cycle.ts";
import { createCycle } from "./create-cycle.ts";
import { openCycle } from "./open-cycle.ts";
import { createPaperCodes, normalizePaperCode } from "./paper-codes.ts";
import {
  getInstrument,
  InstrumentValidationError,
  listInstruments,
  saveInstrument,
} from "./save-instrument.ts";
import { surveyCycle, surveyPaperCode, surveyParticipation } from "./schema.ts";
import { cycleOf, miniInstrument, surveyToken, tokensOf } from "./test-fixtures.ts";

const HOUR = 3_600_000;

describe.each(testDbKinds)("survey instruments and cycles (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let employeeActor: Actor;
  let group0: string;
  let inactiveId: string;
  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    employeeActor = await actorFor(s.users.employee.userId);
    const [g] = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.id, s.position.staffGroupId));
    group0 = g.id;
    const [inactive] = await db()
      .insert(employee)
      .values({
        centreId: s.centre.id,
        firstName: "Ewa",
        lastName: "Nieaktywna",
        email: "ewa.nieaktywna@testowo.pl",
        employeeNumber: "X1",
        unitId: s.unitA.id,
        positionId: s.position.id,
        active: false,
      })
      .returning();
    inactiveId = inactive.id;
  });
  afterAll(() => d.drop());

  describe("saveInstrument", () => {
    it("stores version 1, returns it again for the same definition, and adds a version on change", async () => {
      const first = await saveInstrument(coordinator, miniInstrument("wersje"));
      expect(first).toMatchObject({ slug: "wersje", version: 1, created: true });
      // Same content with keys in another order: jsonb equality, so still version 1.
      const reordered = Object.fromEntries(Object.entries(miniInstrument("wersje")).reverse());
      expect(await saveInstrument(coordinator, reordered)).toEqual({ ...first, created: false });

      const changed = miniInstrument("wersje");
      changed.title = { pl: "Ankieta zmieniona", en: "Changed survey" };
      const second = await saveInstrument(coordinator, changed);
      expect(second).toMatchObject({ slug: "wersje", version: 2, created: true });
      expect(second.id).not.toBe(first.id);
      // Version 1 is untouched.
      expect((await getInstrument(coordinator, first.id)).definition.title.pl).toBe(
        "Ankieta testowa",
      );
      const listed = (await listInstruments(coordinator)).filter((r) => r.slug === "wersje");
      expect(listed.map((r) => [r.version, r.title.pl])).toEqual([
        [2, "Ankieta zmieniona"],
        [1, "Ankieta testowa"],
      ]);
    });

    it("refuses an invalid instrument with every error, and an actor without survey.manage", async () => {
      const bad = miniInstrument("zla");
      bad.scales = [{ ...bad.scales![0], items: ["q1", "q3", "nope"] }];
      const err = await caught(saveInstrument(coordinator, bad));
      expect(err).toBeInstanceOf(InstrumentValidationError);
      expect(err.code).toBe("validation");
      expect((err as InstrumentValidationError).errors.map((e) => [e.path, e.code])).toEqual([
        ["scales.0.items.2", "scale.unknownItem"],
      ]);
      expect(err.fieldErrors).toEqual({ "scales.0.items.2": "errors.surveyInstrumentInvalid" });
      expect((await caught(saveInstrument(employeeActor, miniInstrument()))).code).toBe(
        "forbidden",
      );
    });
  });

  describe("createCycle", () => {
    it("refuses closing before opening or in the past, and foreign units and groups", async () => {
      const { id: instrumentId } = await saveInstrument(coordinator, miniInstrument());
      const base = {
        instrumentId,
        name: "Cykl",
        opensAt: new Date(Date.now() + HOUR).toISOString(),
        closesAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      };
      const swapped = await caught(
        createCycle(coordinator, { ...base, opensAt: base.closesAt, closesAt: base.opensAt }),
      );
      expect(swapped.fieldErrors).toEqual({ closesAt: "errors.surveyDates" });
      const past = await caught(
        createCycle(coordinator, {
          ...base,
          opensAt: new Date(Date.now() - 2 * HOUR),
          closesAt: new Date(Date.now() - HOUR),
        }),
      );
      expect(past.fieldErrors).toEqual({ closesAt: "errors.surveyDates" });
      const stranger = "00000000-0000-4000-8000-000000000000";
      const unit = await caught(
        createCycle(coordinator, { ...base, population: { unitIds: [s.unitA.id, stranger] } }),
      );
      expect(unit.fieldErrors).toEqual({ "population.unitIds": "errors.unknownUnit" });
      const group = await caught(
        createCycle(coordinator, { ...base, population: { staffGroupIds: [stranger] } }),
      );
      expect(group.fieldErrors).toEqual({ "population.staffGroupIds": "errors.invalid" });
      const instrument = await caught(
        createCycle(coordinator, { ...base, instrumentId: stranger }),
      );
      expect(instrument.fieldErrors).toEqual({ instrumentId: "errors.surveyInstrumentUnknown" });
      const small = await caught(createCycle(coordinator, { ...base, minGroupSize: 4 }));
      expect(small.fieldErrors).toEqual({ minGroupSize: "errors.surveyMinGroupSize" });
      expect((await caught(createCycle(employeeActor, base))).code).toBe("forbidden");

      const { id } = await createCycle(coordinator, base);
      const [row] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, id));
      expect(row).toMatchObject({
        status: "draft",
        population: {},
        minGroupSize: 5,
        minCommentGroupSize: 10,
        openedAt: null,
      });
    });
  });

  describe("openCycle", () => {
    it("invites every active employee once — a participation row and a mail each — and nobody inactive", async () => {
      const id = await cycleOf(coordinator, { name: "Badanie całego ośrodka" });
      // The fixture centre: one employee per role (8) in unit A with a position of the first
      // staff group, and Anna Nowak in unit B without a position; plus the inactive Ewa.
      const rows = await db()
        .select()
        .from(surveyParticipation)
        .where(eq(surveyParticipation.cycleId, id));
      const activeIds = [...Object.values(s.users).map((u) => u.employeeId), s.employeeInUnitB.id];
      expect(rows.map((r) => r.employeeId).sort()).toEqual([...activeIds].sort());
      expect(rows.some((r) => r.employeeId === inactiveId)).toBe(false);
      for (const r of rows) {
        const inB = r.employeeId === s.employeeInUnitB.id;
        expect(r.unitId).toBe(inB ? s.unitB.id : s.unitA.id);
        expect(r.staffGroupId).toBe(inB ? null : group0);
        expect(r.invitedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(r.answeredOn).toBeNull();
      }

      const mails = await db()
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.kind, "survey-invitation"))
        .orderBy(asc(mailOutbox.toAddress));
      const emails = [...Object.values(s.users).map((u) => u.email), s.employeeInUnitB.email];
      expect(mails.map((m) => m.toAddress)).toEqual([...emails].sort());
      expect(mails.some((m) => m.toAddress === "ewa.nieaktywna@testowo.pl")).toBe(false);
      const anna = mails.find((m) => m.toAddress === s.employeeInUnitB.email)!;
      expect(anna.subject).toBe("Ankieta: Badanie całego ośrodka — MOPS Testowo");
      expect(anna.textBody).toContain("Dzień dobry, Anna!");
      expect(anna.textBody).toMatch(/^http:\/\/localhost:3000\/survey\/[A-Za-z0-9_-]{43}$/m);
      // Each mail's token is stored only as its hash, on that person's row.
      const byEmployee = new Map(rows.map((r) => [r.employeeId, r.tokenHash]));
      expect(byEmployee.get(s.employeeInUnitB.id)).toBe(hashToken(surveyToken(anna.textBody)));
      expect(anna.textBody).not.toContain(byEmployee.get(s.employeeInUnitB.id)!);
      expect(new Set(mails.map((m) => surveyToken(m.textBody))).size).toBe(emails.length);

      const [cycle] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, id));
      expect(cycle.status).toBe("open");
      expect(cycle.openedAt).toBeInstanceOf(Date);
      const again = await caught(openCycle(coordinator, id));
      expect(again.code).toBe("conflict");
      expect(again.fieldErrors).toEqual({ _form: "errors.surveyNotDraft" });
    });

    it("invites only the chosen units (with sub-units) and staff groups", async () => {
      const onlyB = await cycleOf(coordinator, {
        name: "Tylko dział B",
        population: { unitIds: [s.unitB.id] },
      });
      expect([...(await tokensOf("Tylko dział B")).keys()]).toEqual([s.employeeInUnitB.email]);
      const rowsB = await db()
        .select()
        .from(surveyParticipation)
        .where(eq(surveyParticipation.cycleId, onlyB));
      expect(rowsB.map((r) => r.employeeId)).toEqual([s.employeeInUnitB.id]);

      await cycleOf(coordinator, {
        name: "Grupa zero",
        population: { staffGroupIds: [group0] },
      });
      expect([...(await tokensOf("Grupa zero")).keys()].sort()).toEqual(
        Object.values(s.users)
          .map((u) => u.email)
          .sort(),
      );
      // Unit B and group 0 together: Anna has no position, so nobody.
      const none = await cycleOf(coordinator, {
        name: "Nikt",
        population: { unitIds: [s.unitB.id], staffGroupIds: [group0] },
        open: false,
      });
      const err = await caught(openCycle(coordinator, none));
      expect(err.fieldErrors).toEqual({ _form: "errors.surveyNobodyInvited" });
      const [still] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, none));
      expect(still.status).toBe("draft");
    });

    it("is refused to an employee, and another centre's cycle is not found", async () => {
      const id = await cycleOf(coordinator, { name: "Odmowa", open: false });
      expect((await caught(openCycle(employeeActor, id))).code).toBe("forbidden");
      const other = { ...coordinator, centreId: "00000000-0000-4000-8000-000000000000" };
      expect((await caught(openCycle(other, id))).code).toBe("not_found");
      expect((await caught(openCycle(coordinator, "not-a-uuid"))).code).toBe("not_found");
    });
  });

  describe("closeCycle", () => {
    it("closes once; a second close is a conflict", async () => {
      const id = await cycleOf(coordinator, { name: "Do zamknięcia" });
      await closeCycle(coordinator, id);
      const [row] = await db().select().from(surveyCycle).where(eq(surveyCycle.id, id));
      expect(row.status).toBe("closed");
      expect(row.closedAt).toBeInstanceOf(Date);
      expect((await caught(closeCycle(coordinator, id))).code).toBe("conflict");
      expect((await caught(openCycle(coordinator, id))).code).toBe("conflict");
    });
  });

  describe("createPaperCodes", () => {
    it("returns the plain codes once, stores only hashes against a unit and group", async () => {
      const id = await cycleOf(coordinator, { name: "Papier" });
      const input = { unitId: s.unitB.id, staffGroupId: group0 };
      const { codes } = await createPaperCodes(coordinator, id, { ...input, count: 3 });
      expect(codes).toHaveLength(3);
      for (const c of codes)
        expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(new Set(codes).size).toBe(3);
      const rows = await db()
        .select()
        .from(surveyPaperCode)
        .where(and(eq(surveyPaperCode.cycleId, id)));
      expect(rows.map((r) => r.tokenHash).sort()).toEqual(
        codes.map((c) => hashToken(normalizePaperCode(c)!)).sort(),
      );
      for (const r of rows) {
        expect(r).toMatchObject({ unitId: s.unitB.id, staffGroupId: group0, usedOn: null });
      }
      for (const count of [0, 501, 2.5, "x"]) {
        const err = await caught(createPaperCodes(coordinator, id, { ...input, count }));
        expect(err.fieldErrors).toEqual({ count: "errors.surveyPaperCodeCount" });
      }
      const foreign = await caught(
        createPaperCodes(coordinator, id, {
          ...input,
          unitId: "00000000-0000-4000-8000-000000000000",
          count: 1,
        }),
      );
      expect(foreign.fieldErrors).toEqual({ unitId: "errors.unknownUnit" });
      await closeCycle(coordinator, id);
      expect((await caught(createPaperCodes(coordinator, id, { ...input, count: 1 }))).code).toBe(
        "conflict",
      );
    });

    it("reads a typed code leniently: case, spaces, dashes, and I/L/O for 1/1/0", () => {
      expect(normalizePaperCode("abcd-efgh-jk01")).toBe("ABCDEFGHJK01");
      expect(normalizePaperCode(" ab cd ef gh jk oi ")).toBe("ABCDEFGHJK01");
      expect(normalizePaperCode("ABCD-EFGH-JKL")).toBeNull(); // 11 characters
      expect(normalizePaperCode("ABCD-EFGH-JKU1")).toBeNull(); // U is not in the alphabet
    });
  });

  it("has the survey messages in both languages", () => {
    expect(translator("pl")("errors.surveyAlreadyAnswered")).toBe(
      "Ta ankieta została już wypełniona — każdy link działa raz.",
    );
    expect(translator("en")("errors.surveyAlreadyAnswered")).toBe(
      "This survey has already been filled in — each link works once.",
    );
  });
});
