// Seeds a database (DATA_DIR or DATABASE_URL from the environment) for `survey-submit`: a
// centre of PEOPLE employees in ten units and three staff groups, the default workload
// instrument, an open cycle of it answered through the HTTP server with WARMUP paper codes
// besides the invitations, and with CEILING=1 a second open cycle (participation rows only)
// written straight through `pg` for the ceiling. Writes the
// first cycle's tokens (taken from the invitation mails, the only place they exist) to
// TOKENS_FILE, closes the database and prints one JSON line.
import fs from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { auth } from "../../modules/access/auth.ts";
import { actorFor, seedCentreWithRoles } from "../../modules/access/test-fixtures.ts";
import { employee, orgUnit, position, staffGroup } from "../../modules/org/schema.ts";
import { createCycle } from "../../modules/survey/create-cycle.ts";
import { workloadSurvey } from "../../modules/survey/default-instruments.ts";
import { openCycle } from "../../modules/survey/open-cycle.ts";
import { createPaperCodes } from "../../modules/survey/paper-codes.ts";
import { saveInstrument } from "../../modules/survey/save-instrument.ts";
import { surveyCycle } from "../../modules/survey/schema.ts";
import { surveyToken } from "../../modules/survey/test-fixtures.ts";
import { db, startDatabase } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";

const people = Number(process.env.PEOPLE ?? 5000);
const warmup = Number(process.env.WARMUP ?? 0);
const tokensFile = process.env.TOKENS_FILE;
if (!tokensFile) throw new Error("TOKENS_FILE is not set");

const database = await startDatabase();
try {
  await auth();
  const s = await seedCentreWithRoles("MOPS Ankieta", "ankieta.testowo.pl");
  const coordinator = await actorFor(s.users.coordinator.userId);
  const units = await db()
    .insert(orgUnit)
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        centreId: s.centre.id,
        name: `Centrum Pracy Socjalnej ${i + 1}`,
        kind: "cps" as const,
      })),
    )
    .returning({ id: orgUnit.id });
  const groups = await db()
    .select({ id: staffGroup.id })
    .from(staffGroup)
    .where(eq(staffGroup.centreId, s.centre.id))
    .orderBy(staffGroup.sortOrder);
  const positions = await db()
    .insert(position)
    .values(
      groups.map((g, i) => ({
        centreId: s.centre.id,
        name: `Stanowisko ankietowe ${i + 1}`,
        staffGroupId: g.id,
        clientContact: "frequent" as const,
      })),
    )
    .returning({ id: position.id });
  // Multi-row inserts: one statement per thousand people.
  for (let start = 0; start < people; start += 1000) {
    const n = Math.min(1000, people - start);
    await db()
      .insert(employee)
      .values(
        Array.from({ length: n }, (_, k) => {
          const i = start + k;
          return {
            centreId: s.centre.id,
            firstName: "Osoba",
            lastName: `Ankietowana ${i}`,
            email: `osoba${i}@ankieta.testowo.pl`,
            employeeNumber: `A-${i}`,
            unitId: units[i % units.length].id,
            positionId: positions[i % positions.length].id,
          };
        }),
      );
  }
  const { id: instrumentId } = await saveInstrument(coordinator, workloadSurvey);
  const window = {
    instrumentId,
    opensAt: new Date(Date.now() - 3_600_000),
    closesAt: new Date(Date.now() + 14 * 24 * 3_600_000),
    population: { unitIds: units.map((u) => u.id) },
  };
  const { id: cycleId } = await createCycle(coordinator, { ...window, name: "Badanie HTTP" });
  await openCycle(coordinator, cycleId);
  // The ceiling's cycle needs unspent participation rows only, not mail: written directly.
  let ceilingCycleId: string | null = null;
  if (process.env.CEILING === "1") {
    ceilingCycleId = (await createCycle(coordinator, { ...window, name: "Badanie pg" })).id;
    await db().execute(sql`
      insert into survey_participation
        (cycle_id, employee_id, unit_id, staff_group_id, token_hash, invited_on)
      select ${ceilingCycleId}, p.employee_id, p.unit_id, p.staff_group_id,
             md5(random()::text) || md5(random()::text), p.invited_on
      from survey_participation p where p.cycle_id = ${cycleId}`);
    await db()
      .update(surveyCycle)
      .set({ status: "open", openedAt: new Date() })
      .where(eq(surveyCycle.id, ceilingCycleId));
  }

  const mails = await db()
    .select({ body: mailOutbox.textBody })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.kind, "survey-invitation"),
        sql`${mailOutbox.subject} like ${"%Badanie HTTP%"}`,
      ),
    );
  const tokens = mails.map((m) => surveyToken(m.body));
  const codes: string[] = [];
  for (let i = 0; i < warmup; i += 500) {
    const r = await createPaperCodes(coordinator, cycleId, {
      unitId: units[0].id,
      staffGroupId: groups[0].id,
      count: Math.min(500, warmup - i),
    });
    codes.push(...r.codes);
  }
  fs.writeFileSync(tokensFile, JSON.stringify({ tokens, codes }));
  console.log(JSON.stringify({ cycleId, ceilingCycleId, tokens: tokens.length }));
} finally {
  await database.close();
}
