// Test support for enrolment (integration tests, the concurrency test, the enrol-rush
// benchmark and the end-to-end seed): an activity with sessions written straight into the
// tables, and staff to enrol, so these depend on no other part of the programme's services.
import type { Queryable } from "../../platform/db.ts";
import { employee } from "../org/schema.ts";
import { activityTypeByCode, ensureActivityTypes } from "./activity-types.ts";
import {
  type ActivityFormat,
  type Audience,
  programmeActivity,
  programmeSession,
} from "./schema.ts";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export type EnrolActivitySpec = {
  title?: string;
  capacity?: number;
  status?: "draft" | "published" | "cancelled";
  format?: ActivityFormat;
  target?: Audience;
  priority?: Audience;
  priorityUntil?: Date | null;
  enrolOpensAt?: Date | null;
  enrolClosesAt?: Date | null;
  requiresApproval?: boolean;
  cancelDeadlineHours?: number;
  /** Session starts, each 6 hours long; by default two, in 10 and 11 days. */
  sessions?: { startsAt: Date; hours?: number; place?: string; meetingUrl?: string }[];
};

export async function seedEnrolActivity(q: Queryable, centreId: string, o: EnrolActivitySpec = {}) {
  await ensureActivityTypes(q, centreId);
  const type = await activityTypeByCode(q, centreId, "training");
  const now = Date.now();
  const [activity] = await q
    .insert(programmeActivity)
    .values({
      centreId,
      typeId: type!.id,
      title: o.title ?? "Trudny klient — deeskalacja i bezpieczeństwo",
      description: "Jak rozpoznać narastającą agresję i zadbać o siebie.",
      provider: "Fundacja Łączy Nas",
      format: o.format ?? "in_person",
      capacity: o.capacity ?? 20,
      status: o.status ?? "published",
      target: o.target ?? {},
      priority: o.priority ?? {},
      priorityUntil: o.priorityUntil ?? null,
      enrolOpensAt: o.enrolOpensAt === undefined ? new Date(now - DAY) : o.enrolOpensAt,
      enrolClosesAt: o.enrolClosesAt === undefined ? new Date(now + 7 * DAY) : o.enrolClosesAt,
      requiresApproval: o.requiresApproval ?? false,
      cancelDeadlineHours: o.cancelDeadlineHours ?? 24,
    })
    .returning();
  const specs = o.sessions ?? [
    { startsAt: new Date(now + 10 * DAY) },
    { startsAt: new Date(now + 11 * DAY) },
  ];
  const sessions = specs.length
    ? await q
        .insert(programmeSession)
        .values(
          specs.map((s) => ({
            centreId,
            activityId: activity.id,
            startsAt: s.startsAt,
            endsAt: new Date(s.startsAt.getTime() + (s.hours ?? 6) * HOUR),
            place: s.place ?? (o.format === "online" ? "" : "Sala 12, ul. Powstańców 25"),
            meetingUrl: s.meetingUrl ?? (o.format === "online" ? "https://meet.example.org/x" : ""),
          })),
        )
        .returning()
    : [];
  sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return { activity, sessions };
}

const FIRST = ["Anna", "Józef", "Małgorzata", "Łukasz", "Żaneta", "Ścibor", "Ewa", "Grzegorz"];
const LAST = ["Nowak", "Wójcik", "Kamińska", "Zieliński", "Dąbrowska", "Woźniak", "Król", "Łęcka"];

/** `n` active employees of a unit (numbered `${prefix}-1` …), without accounts. */
export async function seedStaff(
  q: Queryable,
  centreId: string,
  o: { n: number; prefix: string; unitId: string | null; positionId?: string | null },
): Promise<string[]> {
  const ids: string[] = [];
  const CHUNK = 500;
  for (let i = 0; i < o.n; i += CHUNK) {
    const rows = await q
      .insert(employee)
      .values(
        Array.from({ length: Math.min(CHUNK, o.n - i) }, (_, k) => {
          const j = i + k;
          return {
            centreId,
            firstName: FIRST[j % FIRST.length],
            lastName: `${LAST[Math.floor(j / FIRST.length) % LAST.length]}-${o.prefix}${j + 1}`,
            email: `${o.prefix.toLowerCase()}.${j + 1}@przyklad.example.pl`,
            employeeNumber: `${o.prefix}-${j + 1}`,
            unitId: o.unitId,
            positionId: o.positionId ?? null,
          };
        }),
      )
      .returning({ id: employee.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
