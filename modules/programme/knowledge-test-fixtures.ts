// Test support for the knowledge tests and evaluations (integration tests and the end-to-end
// seed): activities with sessions at given times, confirmed participants and their attendance,
// written straight to the tables so these tests depend only on the schema.
import { eq, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import type { Actor } from "../access/actor.ts";
import { employee } from "../org/schema.ts";
import { activityTypeByCode, ensureActivityTypes } from "./activity-types.ts";
import {
  type ActivityStatus,
  type BuiltinActivityType,
  programmeActivity,
  programmeAttendance,
  programmeEnrolment,
  programmeSession,
  programmeTestQuestion,
  type QuestionKind,
  type QuestionOption,
} from "./schema.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export async function insertActivity(
  centreId: string,
  opts: {
    title: string;
    /** Session times relative to now, in milliseconds. */
    sessions: { from: number; to: number }[];
    status?: ActivityStatus;
    type?: BuiltinActivityType;
    capacity?: number;
    passThresholdPercent?: number | null;
    learningOutcomes?: string;
    evaluationClosesAt?: Date | null;
    evaluationClosedAt?: Date | null;
  },
): Promise<{ id: string; sessionIds: string[] }> {
  await ensureActivityTypes(db(), centreId);
  const type = await activityTypeByCode(db(), centreId, opts.type ?? "training");
  const now = Date.now();
  const [a] = await db()
    .insert(programmeActivity)
    .values({
      centreId,
      typeId: type!.id,
      title: opts.title,
      description: "Zajęcia do testów wiedzy i ewaluacji.",
      provider: "Ośrodek Szkoleń Przykładowych",
      capacity: opts.capacity ?? 30,
      status: opts.status ?? "published",
      passThresholdPercent: opts.passThresholdPercent ?? null,
      learningOutcomes: opts.learningOutcomes ?? "",
      evaluationClosesAt: opts.evaluationClosesAt ?? null,
      evaluationClosedAt: opts.evaluationClosedAt ?? null,
    })
    .returning({ id: programmeActivity.id });
  const sessionIds: string[] = [];
  for (const s of opts.sessions) {
    const [row] = await db()
      .insert(programmeSession)
      .values({
        centreId,
        activityId: a.id,
        startsAt: new Date(now + s.from),
        endsAt: new Date(now + s.to),
        place: "Sala konferencyjna, ul. Źródlana 5",
      })
      .returning({ id: programmeSession.id });
    sessionIds.push(row.id);
  }
  return { id: a.id, sessionIds };
}

/** Employees without accounts, in a unit; their ids in order. */
export async function insertEmployees(
  centreId: string,
  unitId: string | null,
  names: { firstName: string; lastName: string }[],
  numberPrefix: string,
): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db()
    .insert(employee)
    .values(
      names.map((n, i) => ({
        centreId,
        unitId,
        firstName: n.firstName,
        lastName: n.lastName,
        email: `${numberPrefix.toLowerCase()}-${i + 1}@przyklad.pl`,
        employeeNumber: `${numberPrefix}-${i + 1}`,
      })),
    )
    .returning({ id: employee.id });
  return rows.map((r) => r.id);
}

/** Confirmed enrolments (with the seat counter kept right); their ids in order. */
export async function enrolConfirmed(
  centreId: string,
  activityId: string,
  employeeIds: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const employeeId of employeeIds) {
    const [row] = await db()
      .insert(programmeEnrolment)
      .values({ centreId, activityId, employeeId, status: "confirmed" })
      .returning({ id: programmeEnrolment.id });
    ids.push(row.id);
  }
  await db()
    .update(programmeActivity)
    .set({ seatsTaken: sql`${programmeActivity.seatsTaken} + ${employeeIds.length}` })
    .where(eq(programmeActivity.id, activityId));
  return ids;
}

export async function markPresent(centreId: string, sessionId: string, enrolmentIds: string[]) {
  if (enrolmentIds.length === 0) return;
  await db()
    .insert(programmeAttendance)
    .values(
      enrolmentIds.map((enrolmentId) => ({ centreId, sessionId, enrolmentId, present: true })),
    );
}

export type SeedQuestion = {
  kind: QuestionKind;
  text: string;
  options: { text: string; correct: boolean }[];
};

/** Questions with option ids "a", "b", "c", … in order. */
export async function insertQuestions(
  centreId: string,
  activityId: string,
  questions: SeedQuestion[],
): Promise<{ id: string; options: QuestionOption[] }[]> {
  const out: { id: string; options: QuestionOption[] }[] = [];
  for (const [i, q] of questions.entries()) {
    const options = q.options.map((o, j) => ({ id: String.fromCharCode(97 + j), ...o }));
    const [row] = await db()
      .insert(programmeTestQuestion)
      .values({
        centreId,
        activityId,
        kind: q.kind,
        text: q.text,
        options,
        sortOrder: (i + 1) * 10,
      })
      .returning({ id: programmeTestQuestion.id });
    out.push({ id: row.id, options });
  }
  return out;
}

/** Three questions on working with a difficult client: single, multiple, single. */
export const DIFFICULT_CLIENT_QUESTIONS: SeedQuestion[] = [
  {
    kind: "single",
    text: "Klient podnosi głos w pokoju przyjęć. Co robisz najpierw?",
    options: [
      { text: "Mówię spokojnie i nazywam jego emocje", correct: true },
      { text: "Podnoszę głos, żeby go przekrzyczeć", correct: false },
      { text: "Wychodzę bez słowa", correct: false },
    ],
  },
  {
    kind: "multiple",
    text: "Które sygnały zapowiadają eskalację agresji?",
    options: [
      { text: "Zaciśnięte pięści", correct: true },
      { text: "Skracanie dystansu", correct: true },
      { text: "Spokojny, cichy głos", correct: false },
    ],
  },
  {
    kind: "single",
    text: "Gdzie najlepiej przeprowadzić trudną pierwszą rozmowę?",
    options: [
      { text: "W pokoju pierwszego kontaktu, z drogą wyjścia", correct: true },
      { text: "Na korytarzu", correct: false },
    ],
  },
];

/** An actor for an employee without an account: enough for the participant's services. */
export function participantActor(base: Actor, employeeId: string): Actor {
  return {
    ...base,
    userId: `participant-${employeeId}`,
    name: "Uczestnik",
    email: `${employeeId}@przyklad.pl`,
    roles: ["employee"],
    managedUnitIds: [],
    employeeId,
  };
}
