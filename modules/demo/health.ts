// The demo step for occupational medicine and the Health Day: each demo centre gets the hazards
// of its positions, a clinic, an exam history for every employee, a few sick leaves and the
// referral counter; Gdańsk gets a Health Day coming and one held. The rows come from
// health-model.ts; this file only writes them, in multi-row inserts.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../../platform/db.ts";
import { warsawDay } from "../../platform/warsaw-time.ts";
import {
  healthClinic,
  healthDay,
  healthDayBooking,
  healthDaySlot,
  healthDayStation,
  healthExam,
  healthPositionProfile,
  healthSickLeave,
} from "../health/schema.ts";
import { centre } from "../org/schema.ts";
import { type DemoHealthData, planHealthData } from "./health-model.ts";
import { insertChunked } from "./insert-chunked.ts";
import type { CentrePlan } from "./plan.ts";
import type { DemoStep } from "./steps.ts";

async function write(tx: Tx, plan: CentrePlan, data: DemoHealthData) {
  const health = { referralCounter: data.referralCounter };
  await tx
    .update(centre)
    .set({ settings: sql`${centre.settings} || ${JSON.stringify({ health })}::jsonb` })
    .where(eq(centre.id, plan.centre.id));
  if (data.profiles.length) await tx.insert(healthPositionProfile).values(data.profiles);
  await tx.insert(healthClinic).values(data.clinics);
  await insertChunked(data.exams, (c) => tx.insert(healthExam).values(c));
  await insertChunked(data.sickLeaves, (c) => tx.insert(healthSickLeave).values(c));
  if (data.days.length) await tx.insert(healthDay).values(data.days);
  await insertChunked(data.stations, (c) => tx.insert(healthDayStation).values(c));
  await insertChunked(data.slots, (c) => tx.insert(healthDaySlot).values(c));
  await insertChunked(data.dayBookings, (c) => tx.insert(healthDayBooking).values(c));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One line per centre for the report `npm run demo` prints. */
export function healthSummary(centreName: string, data: DemoHealthData): string {
  const count = (what: string) => [...data.intent.values()].filter((x) => x === what).length;
  const referrals = data.exams.filter((x) => x.referralNumber).length;
  const live = data.dayBookings.filter((b) => !b.cancelledAt).length;
  const days = data.days.length
    ? `; ${plural(data.days.length, "Health Day", "Health Days")} ` +
      `(${plural(data.stations.length, "station", "stations")}, ${plural(live, "booking", "bookings")})`
    : "";
  return (
    `${centreName}: occupational medicine for ${plural(data.intent.size, "employee", "employees")} ` +
    `(${count("done")} valid, ${count("due")} due within 30 days, ${count("overdue")} overdue, ` +
    `${count("scheduled")} scheduled), ${plural(data.exams.length, "exam record", "exam records")}, ` +
    `${plural(referrals, "referral", "referrals")}, ${plural(data.sickLeaves.length, "sick leave", "sick leaves")}, ` +
    `${plural(data.clinics.length, "clinic", "clinics")}${days}`
  );
}

export const health: DemoStep = {
  name: "health",
  async build({ tx, plans, report }) {
    const today = warsawDay(new Date());
    for (const plan of plans) {
      const data = planHealthData(plan, { today });
      await write(tx, plan, data);
      report.push(healthSummary(plan.centre.name, data));
    }
  },
};
