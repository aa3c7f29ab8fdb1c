import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../platform/crypto.ts";
import { db } from "../../platform/db.ts";
import { translator } from "../../platform/i18n.ts";
import { auditLog, mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { ROLES } from "../access/permissions.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { closeCycle } from "./close-cycle.ts";
import { createPaperCodes } from "./paper-codes.ts";
import { surveyComment, surveyPaperCode, surveyParticipation, surveyResponse } from "./schema.ts";
import { answerErrorKey, submitResponse } from "./submit-response.ts";
import { cycleOf, tokensOf } from "./test-fixtures.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Today in Warsaw as yyyy-mm-dd, computed in JavaScript to check the database's answer. */
const warsawDay = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());

async function counts() {
  const [[r], [c], [a], [m]] = await Promise.all([
    db().select({ n: count() }).from(surveyResponse),
    db().select({ n: count() }).from(surveyComment),
    db().select({ n: count() }).from(auditLog),
    db().select({ n: count() }).from(mailOutbox),
  ]);
  return { responses: r.n, comments: c.n, audit: a.n, mail: m.n };
}

async function participationOf(token: string) {
  const [p] = await db()
    .select()
    .from(surveyParticipation)
    .where(eq(surveyParticipation.tokenHash, hashToken(token)));
  return p;
}

describe.each(testDbKinds)("submitResponse (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let coordinator: Actor;
  let cycleId: string;
  /** Tokens of the open cycle, one per invited person; each test takes its own. */
  let tokens: string[];
  const take = () => {
    const t = tokens.shift();
    if (!t) throw new Error("out of tokens");
    return t;
  };

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    coordinator = await actorFor(s.users.coordinator.userId);
    cycleId = await cycleOf(coordinator, { name: "Otwarta" });
    const byEmail = await tokensOf("Otwarta");
    // Anna (unit B, no staff group) first, so the first test knows its unit and group.
    tokens = [
      byEmail.get(s.employeeInUnitB.email)!,
      ...[...byEmail].filter(([e]) => e !== s.employeeInUnitB.email).map(([, t]) => t),
    ];
    // One per role of the fixture, and Anna.
    expect(tokens).toHaveLength(ROLES.length + 1);
  });
  afterAll(() => d.drop());

  it("stores the response with its scores, the open answer apart, and spends the token", async () => {
    const token = take();
    const html = '<script>alert("x")</script><b onclick="y()">Za dużo spraw</b>';
    const before = await counts();
    // load = mean of q1 = 5 → 100, q2 = 2 → 25, q3 = 4 reversed to 2 → 25: 150 / 3 = 50.
    await submitResponse(token, { q1: 5, q2: 2, q3: 4, n1: 7, yn: false, t1: html });
    const after = await counts();
    expect(after).toEqual({
      ...before,
      responses: before.responses + 1,
      comments: before.comments + 1,
    });

    const [response] = await db()
      .select()
      .from(surveyResponse)
      .where(eq(surveyResponse.cycleId, cycleId));
    expect(response).toEqual({
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      cycleId,
      unitId: s.unitB.id,
      staffGroupId: null,
      answeredOn: warsawDay(),
      answers: { q1: 5, q2: 2, q3: 4, n1: 7, yn: false },
      scores: { load: { score: 50, answered: 3, reported: null, band: null } },
    });
    const [comment] = await db()
      .select()
      .from(surveyComment)
      .where(eq(surveyComment.cycleId, cycleId));
    expect(comment).toEqual({
      id: expect.any(String),
      cycleId,
      unitId: s.unitB.id,
      staffGroupId: null,
      itemId: "t1",
      text: html,
      redactedText: null,
      reviewed: false,
    });
    const p = await participationOf(token);
    expect(p.employeeId).toBe(s.employeeInUnitB.id);
    expect(p.answeredOn).toBe(warsawDay());
  });

  it("refuses a replay with the Polish message, storing nothing", async () => {
    const token = take();
    await submitResponse(token, { q1: 3 });
    const before = await counts();
    const err = await caught(submitResponse(token, { q1: 1 }));
    expect(err.code).toBe("conflict");
    expect(err.status).toBe(409);
    expect(err.fieldErrors).toEqual({ token: "errors.surveyAlreadyAnswered" });
    expect(translator("pl")(err.fieldErrors.token as "errors.surveyAlreadyAnswered")).toBe(
      "Ta ankieta została już wypełniona — każdy link działa raz.",
    );
    expect(await counts()).toEqual(before);
  });

  it("accepts exactly one of two submissions of the same token at the same moment", async () => {
    const token = take();
    const before = await counts();
    const results = await Promise.allSettled([
      submitResponse(token, { q1: 1 }),
      submitResponse(token, { q1: 2 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("conflict");
    expect((await counts()).responses).toBe(before.responses + 1);
  });

  it("refuses an unknown token, and a token of another cycle than the form's", async () => {
    const before = await counts();
    for (const bad of ["", "x".repeat(201), 42, null, "nie-ma-takiego-tokenu"]) {
      const err = await caught(submitResponse(bad, { q1: 1 }));
      expect(err.code).toBe("not_found");
      expect(err.fieldErrors).toEqual({ token: "errors.surveyTokenUnknown" });
    }
    const token = take();
    const other = "00000000-0000-4000-8000-000000000000";
    const err = await caught(submitResponse(token, { q1: 1 }, { cycleId: other }));
    expect(err.code).toBe("not_found");
    expect(await counts()).toEqual(before);
    // Not spent: with its own cycle it works.
    await submitResponse(token, { q1: 1 }, { cycleId });
  });

  it("refuses a closed, an ended and a not yet open cycle, leaving the token unspent", async () => {
    const closedId = await cycleOf(coordinator, { name: "Zamknięta" });
    const closedToken = (await tokensOf("Zamknięta")).get(s.employeeInUnitB.email)!;
    await closeCycle(coordinator, closedId);

    const endedId = await cycleOf(coordinator, { name: "Po terminie" });
    const endedToken = (await tokensOf("Po terminie")).get(s.employeeInUnitB.email)!;
    // The closing time passes without anyone closing the cycle.
    await d.raw("update survey_cycle set opens_at = $2, closes_at = $3 where id = $1", [
      endedId,
      new Date(Date.now() - 2 * DAY),
      new Date(Date.now() - DAY),
    ]);

    await cycleOf(coordinator, {
      name: "Przyszła",
      opensAt: new Date(Date.now() + DAY),
      closesAt: new Date(Date.now() + 2 * DAY),
    });
    const futureToken = (await tokensOf("Przyszła")).get(s.employeeInUnitB.email)!;

    const before = await counts();
    for (const token of [closedToken, endedToken]) {
      const err = await caught(submitResponse(token, { q1: 1 }));
      expect(err.code).toBe("gone");
      expect(err.fieldErrors).toEqual({ token: "errors.surveyClosed" });
      expect((await participationOf(token)).answeredOn).toBeNull();
    }
    const err = await caught(submitResponse(futureToken, { q1: 1 }));
    expect(err.code).toBe("conflict");
    expect(err.fieldErrors).toEqual({ token: "errors.surveyNotOpenYet" });
    expect((await participationOf(futureToken)).answeredOn).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("answers bad answers with an error per item, writing nothing and keeping the token", async () => {
    const token = take();
    const before = await counts();
    const err = await caught(
      submitResponse(token, {
        zzz: 1, // no such item
        q1: 9, // not a point
        q2: "2", // wrong type
        n1: 11, // out of 0–10
        yn: "tak", // wrong type
        t1: "x".repeat(100_000), // 100 kB open answer
      }),
    );
    expect(err.code).toBe("validation");
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual({
      zzz: "errors.surveyAnswer.unknownItem",
      q1: "errors.surveyAnswer.notAnOption",
      q2: "errors.surveyAnswer.wrongType",
      n1: "errors.surveyAnswer.outOfRange",
      yn: "errors.surveyAnswer.wrongType",
      t1: "errors.surveyAnswer.tooLong",
    });
    expect(translator("pl")("errors.surveyAnswer.tooLong")).toBe(
      "Odpowiedź jest za długa — limit to 2000 znaków.",
    );
    const missing = await caught(submitResponse(token, { q2: 3, n1: 2.5 }));
    expect(missing.fieldErrors).toEqual({
      q1: "errors.surveyAnswer.required",
      n1: "errors.surveyAnswer.notInteger",
    });
    const notObject = await caught(submitResponse(token, [1, 2]));
    expect(notObject.fieldErrors).toEqual({ answers: "errors.surveyAnswers.notAnObject" });
    expect(await counts()).toEqual(before);
    expect((await participationOf(token)).answeredOn).toBeNull();
    await submitResponse(token, { q1: 4, t1: "ż".repeat(2000) });
  });

  it("maps every answer error code to a message in both languages", () => {
    const codes = [
      "answers.notAnObject",
      "answer.unknownItem",
      "answer.required",
      "answer.wrongType",
      "answer.notAnOption",
      "answer.duplicateOption",
      "answer.tooFewSelected",
      "answer.tooManySelected",
      "answer.notInteger",
      "answer.outOfRange",
      "answer.tooLong",
    ] as const;
    for (const code of codes) {
      const key = answerErrorKey({ itemId: "a", code, message: "" });
      for (const locale of ["pl", "en"] as const) {
        expect(translator(locale)(key as "errors.invalid")).not.toBe(key);
      }
    }
    expect(
      answerErrorKey({ itemId: "a", code: "answer.tooLong", message: "", params: { max: 500 } }),
    ).toBe("errors.surveyAnswer.tooLongForItem");
  });

  it("stores nothing that ties a response to a participation (column allow-lists and values)", async () => {
    // The exact columns: adding created_at, a token or a participation id must fail here.
    const columns = async (table: string) =>
      (
        await d.raw(
          "select column_name from information_schema.columns where table_name = $1 order by ordinal_position",
          [table],
        )
      ).rows.map((r) => r.column_name);
    expect(await columns("survey_response")).toEqual([
      "id",
      "cycle_id",
      "unit_id",
      "staff_group_id",
      "answered_on",
      "answers",
      "scores",
    ]);
    expect(await columns("survey_comment")).toEqual([
      "id",
      "cycle_id",
      "unit_id",
      "staff_group_id",
      "item_id",
      "text",
      "redacted_text",
      "reviewed",
    ]);
    expect(await columns("survey_paper_code")).toEqual([
      "id",
      "cycle_id",
      "unit_id",
      "staff_group_id",
      "token_hash",
      "created_on",
      "used_on",
    ]);

    // Values: apart from the cycle, unit, staff group and day, no value of a response or
    // comment equals or contains a value of any participation row (ids, token hashes).
    const shared = new Set(["cycle_id", "unit_id", "staff_group_id", "answered_on"]);
    const participations = (await d.raw("select * from survey_participation")).rows;
    const secrets = participations.flatMap((p) =>
      Object.entries(p)
        .filter(([k]) => !shared.has(k) && !["invited_on", "reminded_on"].includes(k))
        .map(([, v]) => v)
        .filter((v): v is string => typeof v === "string" && v.length > 0),
    );
    expect(secrets.length).toBeGreaterThan(participations.length * 2);
    for (const table of ["survey_response", "survey_comment"]) {
      const rows = (await d.raw(`select * from ${table}`)).rows;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        for (const [k, v] of Object.entries(row)) {
          if (shared.has(k)) continue;
          const text = typeof v === "string" ? v : JSON.stringify(v);
          for (const secret of secrets) expect(text).not.toContain(secret);
        }
      }
    }
  });

  it("takes a paper code once, typed loosely, and records no one", async () => {
    const groupId = s.position.staffGroupId;
    const { codes } = await createPaperCodes(coordinator, cycleId, {
      unitId: s.unitA.id,
      staffGroupId: groupId,
      count: 2,
    });
    const before = await counts();
    const participationsBefore = (await d.raw("select * from survey_participation")).rows;
    // Lower case, without dashes: as someone types it off the sheet.
    await submitResponse(codes[0].toLowerCase().replace(/-/g, ""), { q1: 2, q3: 5 });
    expect(await counts()).toEqual({ ...before, responses: before.responses + 1 });
    const [stored] = (
      await d.raw(
        "select unit_id, staff_group_id, scores from survey_response where unit_id = $1 and staff_group_id = $2 and answers = $3::jsonb",
        [s.unitA.id, groupId, JSON.stringify({ q1: 2, q3: 5 })],
      )
    ).rows;
    // load = mean of q1 = 2 → 25 and q3 = 5 reversed to 1 → 0: 12.5.
    expect(stored.scores).toEqual({
      load: { score: 12.5, answered: 2, reported: null, band: null },
    });
    // No participation row changed.
    expect((await d.raw("select * from survey_participation")).rows).toEqual(participationsBefore);
    const used = await db()
      .select()
      .from(surveyPaperCode)
      .where(eq(surveyPaperCode.cycleId, cycleId));
    expect(used.map((c) => c.usedOn).sort()).toEqual([warsawDay(), null]);

    const again = await caught(submitResponse(codes[0], { q1: 1 }));
    expect(again.code).toBe("conflict");
    expect(again.fieldErrors).toEqual({ token: "errors.surveyAlreadyAnswered" });
    await submitResponse(codes[1], { q1: 1 });
    await closeCycle(coordinator, cycleId);
  });
});
