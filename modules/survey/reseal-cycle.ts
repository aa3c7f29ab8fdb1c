import { sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db.ts";

/**
 * Erases what the database itself remembers about when each answer came, as a cycle closes.
 *
 * A submission must spend its token and store its response in one transaction, so both rows
 * carry that transaction's id (PostgreSQL's hidden `xmin`): anyone able to query the tables
 * could join `survey_participation` to `survey_response` on it and read who answered what. The
 * physical order of rows (`ctid`) also follows arrival. Closing therefore rewrites every row of
 * the cycle in the closing transaction — participation and paper codes in place, responses and
 * comments deleted and inserted again in the order of their random ids — so afterwards every
 * row of the cycle has the same `xmin` and no arrival order. While a cycle is open the link
 * exists for a database administrator; docs/operations.md says who may read these tables.
 */
export async function resealCycleRows(q: Queryable, cycleId: string): Promise<void> {
  await q.execute(
    sql`update survey_participation set answered_on = answered_on where cycle_id = ${cycleId}`,
  );
  await q.execute(sql`update survey_paper_code set used_on = used_on where cycle_id = ${cycleId}`);
  await q.execute(sql`with moved as (delete from survey_response where cycle_id = ${cycleId} returning *)
    insert into survey_response select * from moved order by id`);
  await q.execute(sql`with moved as (delete from survey_comment where cycle_id = ${cycleId} returning *)
    insert into survey_comment select * from moved order by id`);
}
