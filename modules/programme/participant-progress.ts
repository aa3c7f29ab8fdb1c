// Each confirmed participant of an activity with the hours attended so far, the share of the
// planned hours, whether that completes the activity, and the valid certificate if issued.
// Shared by the attendance page (the trainer's view) and the certificates page.
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../platform/db.ts";
import { employee, orgUnit } from "../org/schema.ts";
import { attendedPercent, hasCompleted } from "./completion.ts";
import type { ActivityRow, SessionRow } from "./find-activity.ts";
import { plannedMinutes } from "./hours.ts";
import { activityParticipantHours } from "./participant-hours.ts";
import { programmeCertificate, programmeEnrolment } from "./schema.ts";
import { byPolishName } from "./session-text.ts";

export type Progress = {
  enrolmentId: string;
  employeeId: string;
  firstName: string;
  lastName: string;
  unitName: string | null;
  attendedMinutes: number;
  sessionsAttended: number;
  percent: number;
  completed: boolean;
  certificate: { id: string; number: string; issuedAt: Date } | null;
};

/** Every confirmed participant, by last name in Polish order. */
export async function activityProgress(
  q: Queryable,
  activity: Pick<ActivityRow, "id" | "completionPercent">,
  sessions: SessionRow[],
): Promise<Progress[]> {
  const planned = plannedMinutes(sessions);
  const [people, hours, certificates] = await Promise.all([
    q
      .select({
        enrolmentId: programmeEnrolment.id,
        employeeId: programmeEnrolment.employeeId,
        firstName: employee.firstName,
        lastName: employee.lastName,
        unitName: orgUnit.name,
      })
      .from(programmeEnrolment)
      .innerJoin(employee, eq(employee.id, programmeEnrolment.employeeId))
      .leftJoin(orgUnit, eq(orgUnit.id, employee.unitId))
      .where(
        and(
          eq(programmeEnrolment.activityId, activity.id),
          eq(programmeEnrolment.status, "confirmed"),
        ),
      ),
    activityParticipantHours(q, activity.id, sessions),
    q
      .select({
        id: programmeCertificate.id,
        employeeId: programmeCertificate.employeeId,
        number: programmeCertificate.number,
        issuedAt: programmeCertificate.issuedAt,
      })
      .from(programmeCertificate)
      .where(
        and(
          eq(programmeCertificate.activityId, activity.id),
          isNull(programmeCertificate.revokedAt),
        ),
      ),
  ]);
  const certOf = new Map(certificates.map((c) => [c.employeeId, c]));
  return people
    .map((p) => {
      const h = hours.get(p.enrolmentId);
      const attended = h?.attendedMinutes ?? 0;
      const c = certOf.get(p.employeeId);
      return {
        ...p,
        attendedMinutes: attended,
        sessionsAttended: h?.sessionsAttended ?? 0,
        percent: attendedPercent(attended, planned),
        completed: hasCompleted(attended, planned, activity.completionPercent),
        certificate: c ? { id: c.id, number: c.number, issuedAt: c.issuedAt } : null,
      };
    })
    .sort(byPolishName);
}

export const PROGRESS_FILTERS = ["all", "completed", "notCompleted", "issued"] as const;

export const progressQuery = z.object({
  q: z.string().trim().max(200).optional().catch("").default(""),
  show: z.enum(PROGRESS_FILTERS).optional().catch("all").default("all"),
  sort: z.enum(["name", "percent"]).optional().catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).optional().catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).optional().catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).optional().catch(50).default(50),
});
export type ProgressQuery = z.infer<typeof progressQuery>;

/** Searched (every word in the name), filtered, sorted and paged: what a list page shows. */
export function pageProgress(all: Progress[], query: unknown) {
  const f = progressQuery.parse(query ?? {});
  const words = f.q.toLocaleLowerCase("pl").split(/\s+/).filter(Boolean);
  let rows = all.filter((c) => {
    if (f.show === "completed" && !c.completed) return false;
    if (f.show === "notCompleted" && c.completed) return false;
    if (f.show === "issued" && !c.certificate) return false;
    const name = `${c.firstName} ${c.lastName}`.toLocaleLowerCase("pl");
    return words.every((w) => name.includes(w));
  });
  if (f.sort === "percent") rows.sort((a, b) => a.percent - b.percent || byPolishName(a, b));
  if (f.dir === "desc") rows = rows.reverse();
  return {
    rows: rows.slice((f.page - 1) * f.pageSize, f.page * f.pageSize),
    total: rows.length,
    ...f,
  };
}
