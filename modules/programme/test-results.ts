// Results of an activity's knowledge tests — the assessment and the comparison of the
// competence check: per participant the pre- and post-test in per cent, the gain in percentage
// points and whether the competence was acquired (post-test ≥ threshold); per activity the
// paired means, the mean gain and the share who acquired it. And a person's own results.

import { and, desc, eq, or } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit.ts";
import { db } from "../../platform/db.ts";
import { type Locale, translator } from "../../platform/i18n.ts";
import { type Cell, toXlsxWorkbook } from "../../platform/spreadsheet.ts";
import { type Actor, unitScope } from "../access/actor.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { warsawDay } from "../survey/schedule-cycle.ts";
import { findVisibleActivity } from "./find-activity.ts";
import { programmeActivity, programmeEnrolment, programmeTestAttempt } from "./schema.ts";
import { questionsOf } from "./test-bank.ts";
import {
  formatGain,
  type ParticipantResult,
  participantResult,
  type ResultSummary,
  summarise,
} from "./test-scoring.ts";

type Score = { score: number; maxScore: number };

export type ParticipantRow = ParticipantResult & {
  employeeId: string;
  firstName: string;
  lastName: string;
  unitName: string | null;
  pre: Score | null;
  post: Score | null;
};

export const TEST_RESULT_SORTS = ["name", "pre", "post", "gain"] as const;

export const testResultsQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  sort: z.enum(TEST_RESULT_SORTS).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(50).default(50),
});

const collator = new Intl.Collator("pl", { sensitivity: "base" });

/**
 * Every participant of the activity the actor may see — confirmed enrolments and anyone who
 * took a test — with their figures; a manager sees their units' employees only. The summary is
 * over all of them; the list is searched, sorted and paged.
 */
export async function testResults(actor: Actor, activityId: string, query: unknown = {}) {
  const scope = await unitScope(db(), actor, "programme.reports.view");
  const f = testResultsQuery.parse(query ?? {});
  const activity = await findVisibleActivity(db(), actor, activityId);
  const threshold = activity.passThresholdPercent;
  const [questions, people, attempts] = await Promise.all([
    questionsOf(db(), activity.id),
    db()
      .selectDistinct({
        employeeId: employee.id,
        firstName: employee.firstName,
        lastName: employee.lastName,
        unitId: employee.unitId,
        unitName: orgUnit.name,
      })
      .from(employee)
      .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
      .leftJoin(
        programmeEnrolment,
        and(
          eq(programmeEnrolment.employeeId, employee.id),
          eq(programmeEnrolment.activityId, activity.id),
          eq(programmeEnrolment.status, "confirmed"),
        ),
      )
      .leftJoin(
        programmeTestAttempt,
        and(
          eq(programmeTestAttempt.employeeId, employee.id),
          eq(programmeTestAttempt.activityId, activity.id),
        ),
      )
      .where(
        and(
          eq(employee.centreId, actor.centreId),
          or(
            eq(programmeEnrolment.activityId, activity.id),
            eq(programmeTestAttempt.activityId, activity.id),
          ),
        ),
      ),
    db()
      .select({
        employeeId: programmeTestAttempt.employeeId,
        stage: programmeTestAttempt.stage,
        score: programmeTestAttempt.score,
        maxScore: programmeTestAttempt.maxScore,
      })
      .from(programmeTestAttempt)
      .where(eq(programmeTestAttempt.activityId, activity.id)),
  ]);
  const visible = scope ? people.filter((p) => p.unitId && scope.includes(p.unitId)) : people;
  const byPerson = new Map<string, { pre: Score | null; post: Score | null }>();
  for (const a of attempts) {
    const entry = byPerson.get(a.employeeId) ?? { pre: null, post: null };
    entry[a.stage] = { score: a.score, maxScore: a.maxScore };
    byPerson.set(a.employeeId, entry);
  }
  const all: ParticipantRow[] = visible.map((p) => {
    const scores = byPerson.get(p.employeeId) ?? { pre: null, post: null };
    return {
      employeeId: p.employeeId,
      firstName: p.firstName,
      lastName: p.lastName,
      unitName: p.unitName,
      ...scores,
      ...participantResult(scores, threshold),
    };
  });
  const summary: ResultSummary = summarise(all, threshold !== null);

  const words = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  const found = all.filter((r) => {
    const hay = `${r.firstName} ${r.lastName}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const byName = (a: ParticipantRow, b: ParticipantRow) =>
    collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
  const figure = {
    name: null,
    pre: "prePercent",
    post: "postPercent",
    gain: "gainPoints",
  } as const;
  const key = figure[f.sort];
  const sign = f.dir === "desc" ? -1 : 1;
  found.sort((a, b) => {
    if (key) {
      const x = a[key];
      const y = b[key];
      // People without the figure go last whichever way the column is sorted.
      if (x === null && y !== null) return 1;
      if (y === null && x !== null) return -1;
      if (x !== null && y !== null && x !== y) return sign * (x - y);
      return byName(a, b);
    }
    return sign * byName(a, b);
  });
  const rows = found.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  return {
    activity: {
      id: activity.id,
      title: activity.title,
      learningOutcomes: activity.learningOutcomes,
      passThresholdPercent: threshold,
      questionCount: questions.length,
    },
    summary,
    rows,
    total: found.length,
    all: all.length,
    ...f,
  };
}

/** The actor's own test results across activities, newest first (for "My development"). */
export async function myTestResults(actor: Actor) {
  if (!actor.employeeId) return [];
  const attempts = await db()
    .select({
      activityId: programmeTestAttempt.activityId,
      title: programmeActivity.title,
      threshold: programmeActivity.passThresholdPercent,
      stage: programmeTestAttempt.stage,
      score: programmeTestAttempt.score,
      maxScore: programmeTestAttempt.maxScore,
      submittedAt: programmeTestAttempt.submittedAt,
    })
    .from(programmeTestAttempt)
    .innerJoin(programmeActivity, eq(programmeActivity.id, programmeTestAttempt.activityId))
    .where(
      and(
        eq(programmeTestAttempt.centreId, actor.centreId),
        eq(programmeTestAttempt.employeeId, actor.employeeId),
      ),
    )
    .orderBy(desc(programmeTestAttempt.submittedAt));
  const out = new Map<
    string,
    {
      activityId: string;
      title: string;
      passThresholdPercent: number | null;
      pre: Score | null;
      post: Score | null;
      lastAt: Date;
    }
  >();
  for (const a of attempts) {
    const entry = out.get(a.activityId) ?? {
      activityId: a.activityId,
      title: a.title,
      passThresholdPercent: a.threshold,
      pre: null,
      post: null,
      lastAt: a.submittedAt,
    };
    entry[a.stage] = { score: a.score, maxScore: a.maxScore };
    out.set(a.activityId, entry);
  }
  return [...out.values()].map((e) => ({
    ...e,
    ...participantResult(e, e.passThresholdPercent),
  }));
}

/**
 * The results as an XLSX workbook: the participants (as the actor may see them, all of them,
 * sorted by name), the summary, and the standard they were judged by.
 */
export async function exportTestResults(actor: Actor, activityId: string, locale: Locale) {
  const r = await testResults(actor, activityId, { pageSize: 200 });
  const rows: ParticipantRow[] = [...r.rows];
  for (let page = 2; rows.length < r.total; page++) {
    const next = await testResults(actor, activityId, { pageSize: 200, page });
    if (next.rows.length === 0) break;
    rows.push(...next.rows);
  }
  const t = translator(locale);
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  const yesNo = (v: boolean | null) => (v === null ? "" : t(v ? "common.yes" : "common.no"));
  const people: Cell[][] = [
    [
      t("programmeTests.col.lastName"),
      t("programmeTests.col.firstName"),
      t("programmeTests.col.unit"),
      t("programmeTests.col.preScore"),
      t("programmeTests.col.prePercent"),
      t("programmeTests.col.postScore"),
      t("programmeTests.col.postPercent"),
      t("programmeTests.col.gain"),
      t("programmeTests.col.acquired"),
    ],
    ...rows.map((p): Cell[] => [
      p.lastName,
      p.firstName,
      p.unitName ?? "",
      p.pre ? `${p.pre.score}/${p.pre.maxScore}` : "",
      pct(p.prePercent),
      p.post ? `${p.post.score}/${p.post.maxScore}` : "",
      pct(p.postPercent),
      pct(p.gainPoints),
      yesNo(p.acquired),
    ]),
  ];
  const s = r.summary;
  const summary: Cell[][] = [
    [t("programmeTests.summary.figure"), t("programmeTests.summary.value")],
    [t("programmeTests.summary.paired"), s.paired],
    [t("programmeTests.summary.meanPre"), pct(s.meanPre)],
    [t("programmeTests.summary.meanPost"), pct(s.meanPost)],
    [t("programmeTests.summary.meanGain"), pct(s.meanGain)],
    [t("programmeTests.summary.withPost"), s.withPost],
    [t("programmeTests.summary.acquired"), s.acquired],
    [
      t("programmeTests.summary.shareAcquired"),
      s.shareAcquired === null ? null : Math.round(s.shareAcquired * 1000) / 10,
    ],
  ];
  const standard: Cell[][] = [
    [t("programmeTests.stage.scope"), r.activity.learningOutcomes],
    [
      t("programmeTests.stage.standard"),
      r.activity.passThresholdPercent === null ? "" : `${r.activity.passThresholdPercent} %`,
    ],
    [t("programmeTests.stage.assessment"), r.activity.questionCount],
    [
      t("programmeTests.stage.comparison"),
      s.meanGain === null ? "" : `${formatGain(s.meanGain, locale)} ${t("programmeTests.pp")}`,
    ],
  ];
  // Who took a copy of the participants' results, and how many rows: no names, no scores.
  await writeAudit(db(), {
    centreId: actor.centreId,
    actorUserId: actor.userId,
    action: "programme.test.export",
    entityType: "programme_activity",
    entityId: r.activity.id,
    details: { format: "xlsx", rows: rows.length },
    requestId: actor.requestId,
  });
  const day = warsawDay(new Date());
  return {
    body: toXlsxWorkbook([
      { name: t("programmeTests.workbook.participants"), rows: people },
      { name: t("programmeTests.workbook.summary"), rows: summary },
      { name: t("programmeTests.workbook.standard"), rows: standard },
    ]),
    fileName: `${locale === "pl" ? "wyniki-testow" : "test-results"}-${day}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  };
}
