// Employees as the recipients of mail about them (support bookings, exams, the Health Day): one
// query for every module that writes to people by their employee record.
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";
import { isLocale, type Locale } from "../../platform/i18n.ts";
import { user } from "../access/schema.ts";
import { employee } from "./schema.ts";

export type Recipient = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** A deactivated person is told nothing more. */
  active: boolean;
  /** The language of their account; null (no account, or none set) means Polish. */
  locale: Locale | null;
};

/** Names, addresses, status and account languages of employees of a centre, by id. */
export async function recipientsOf(
  q: Queryable,
  centreId: string,
  employeeIds: string[],
): Promise<Map<string, Recipient>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await q
    .select({
      id: employee.id,
      firstName: employee.firstName,
      lastName: employee.lastName,
      email: employee.email,
      active: employee.active,
      locale: user.locale,
    })
    .from(employee)
    .leftJoin(user, eq(user.id, employee.userId))
    .where(and(eq(employee.centreId, centreId), inArray(employee.id, [...new Set(employeeIds)])));
  return new Map(rows.map((r) => [r.id, { ...r, locale: isLocale(r.locale) ? r.locale : null }]));
}
