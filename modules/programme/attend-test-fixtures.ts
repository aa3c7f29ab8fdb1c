// Test support for attendance and certificates (integration tests and the end-to-end seed):
// an activity with sessions and enrolments written straight into the tables, so these tests
// depend on no other part of the programme's services.
import { and, eq, sql } from "drizzle-orm";
import { db } from "../../platform/db.ts";
import { employee } from "../org/schema.ts";
import { activityTypeByCode, ensureActivityTypes } from "./activity-types.ts";
import {
  type BuiltinActivityType,
  type EnrolmentStatus,
  type HourUnit,
  programmeActivity,
  programmeEnrolment,
  programmeSession,
} from "./schema.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type SessionSpec = { startsAt: Date; endsAt: Date; place?: string; meetingUrl?: string };

export async function seedActivity(
  centreId: string,
  opts: {
    title: string;
    sessions: SessionSpec[];
    kind?: BuiltinActivityType;
    hourUnit?: HourUnit;
    completionPercent?: number;
    capacity?: number;
    trainerUserId?: string | null;
    provider?: string;
    status?: "draft" | "published" | "cancelled";
  },
) {
  await ensureActivityTypes(db(), centreId);
  const type = await activityTypeByCode(db(), centreId, opts.kind ?? "training");
  const [activity] = await db()
    .insert(programmeActivity)
    .values({
      centreId,
      typeId: type!.id,
      title: opts.title,
      provider: opts.provider ?? "Fundacja Szkoleniowa „Most”",
      trainerUserId: opts.trainerUserId ?? null,
      hourUnit: opts.hourUnit ?? "clock",
      capacity: opts.capacity ?? 30,
      completionPercent: opts.completionPercent ?? 80,
      status: opts.status ?? "published",
    })
    .returning();
  const sessions = await db()
    .insert(programmeSession)
    .values(
      opts.sessions.map((s) => ({
        centreId,
        activityId: activity.id,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        place: s.place ?? "Sala konferencyjna, ul. Wałowa 1",
        meetingUrl: s.meetingUrl ?? "",
      })),
    )
    .returning();
  sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { activity, sessions };
}

/** An enrolment in the given state; places held (pending, confirmed) are counted on the row. */
export async function seedEnrolment(
  centreId: string,
  activityId: string,
  employeeId: string,
  status: EnrolmentStatus = "confirmed",
): Promise<string> {
  const [e] = await db()
    .insert(programmeEnrolment)
    .values({ centreId, activityId, employeeId, status })
    .returning({ id: programmeEnrolment.id });
  if (status === "confirmed" || status === "pending") {
    await db()
      .update(programmeActivity)
      .set({ seatsTaken: sql`${programmeActivity.seatsTaken} + 1` })
      .where(eq(programmeActivity.id, activityId));
  }
  return e.id;
}

let numberSeq = 0;

/** An employee without an account. */
export async function seedPerson(
  centreId: string,
  firstName: string,
  lastName: string,
  unitId: string | null = null,
): Promise<string> {
  numberSeq += 1;
  const [e] = await db()
    .insert(employee)
    .values({
      centreId,
      firstName,
      lastName,
      email: `osoba${numberSeq}.${Date.now()}@przyklad.pl`,
      employeeNumber: `P-${numberSeq}-${Date.now() % 100000}`,
      unitId,
    })
    .returning({ id: employee.id });
  return e.id;
}

/** The status of an employee's enrolment in an activity (for assertions). */
export async function enrolmentOf(activityId: string, employeeId: string) {
  const [e] = await db()
    .select()
    .from(programmeEnrolment)
    .where(
      and(
        eq(programmeEnrolment.activityId, activityId),
        eq(programmeEnrolment.employeeId, employeeId),
      ),
    );
  return e;
}
