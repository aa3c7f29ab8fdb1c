// The referral (skierowanie) PDF, read back with pdftotext: the employer, the number, the kind
// of exam, the person, the position and its hazards grouped as the regulation's form groups
// them, their total, the clinic's appointment, the blank PESEL line, Polish letters intact.
// Downloads: the health role and the person whose exam it is; anyone else "not found".
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { centre } from "../org/schema.ts";
import { saveClinic } from "./clinics.ts";
import { savePositionProfile } from "./hazards.ts";
import { applyExamPlan } from "./plan-exams.ts";
import { referralPdf } from "./referral-pdf.ts";
import { healthExam } from "./schema.ts";

const dir = mkdtempSync(path.join(tmpdir(), "przystan-referral-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function pdfText(pdf: Buffer): string {
  const file = path.join(dir, `referral-${fileNo++}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], {
    encoding: "utf8",
  }).replace(/\s+/g, " ");
}

const NOW = new Date("2026-12-01T09:00:00Z");

describe.each(testDbKinds)("referral PDF (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let health: Actor;
  let examId: string;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles("Miejski Ośrodek Pomocy Społecznej w Łężycach", "lezyce.pl");
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    await db()
      .update(centre)
      .set({ street: "ul. Źródlana 7", postalCode: "11-222", city: "Łężyce" })
      .where(eq(centre.id, s.centre.id));
    health = await actorFor(s.users.health.userId);
    const clinicId = await saveClinic(health, null, {
      name: "Przychodnia Medycyny Pracy „Żuraw”",
      address: "ul. Ślusarska 3, Łężyce",
      dailyCapacity: "20",
      opensAt: "08:00",
      closesAt: "14:00",
    });
    // Everyone in unit A holds the fixture's position, a social worker in the field.
    await applyExamPlan(
      health,
      { clinicId, fromDate: "2026-12-07", unitId: s.unitA.id },
      {
        now: NOW,
      },
    );
    const [exam] = await db()
      .select({ id: healthExam.id })
      .from(healthExam)
      .where(eq(healthExam.employeeId, s.users.employee.employeeId));
    examId = exam.id;
  });
  afterAll(() => d.drop());

  it("prints the referral with the position, its hazards and the appointment", async () => {
    const file = await referralPdf(health, examId);
    expect(file.contentType).toBe("application/pdf");
    expect(file.fileName).toMatch(/^skierowanie-SK-2026-\d{4}\.pdf$/);
    const text = pdfText(file.body);
    for (const part of [
      "Miejski Ośrodek Pomocy Społecznej w Łężycach",
      "ul. Źródlana 7, 11-222 Łężyce",
      "SKIEROWANIE NA BADANIA LEKARSKIE",
      "Nr SK/2026/",
      "art. 229 § 4a",
      "Rodzaj badania: wstępne",
      "Pana/Panią: Test employee",
      "nr PESEL, a w przypadku jego braku data urodzenia: ………",
      "stanowisku lub stanowiskach pracy: Pracownik socjalny (Dział A)",
      "I. Czynniki fizyczne: nie występują",
      "IV. Czynniki biologiczne: nie występują",
      "V. Inne czynniki, w tym niebezpieczne:",
      "Praca przy monitorze ekranowym — Obsługa monitora ekranowego",
      "Prowadzenie pojazdu do celów służbowych",
      "Praca w terenie — Wizyty w miejscach zamieszkania klientów",
      "Obciążenie psychiczne pracą z klientem — Stały kontakt z osobami w trudnej sytuacji życiowej",
      "wskazanych w skierowaniu: 4",
      "Przychodnia Medycyny Pracy „Żuraw”, ul. Ślusarska 3, Łężyce",
      "(podpis pracodawcy)",
    ]) {
      expect(text).toContain(part);
    }
    // Issued today; the appointment is the one the plan gave.
    expect(text).toMatch(/Łężyce, dnia \d{2}\.\d{2}\.\d{4} SKIEROWANIE/);
    expect(text).toMatch(/07\.12\.2026, godz\. \d{2}:\d{2}/);
  });

  it("follows the position's stored hazards, other factors counted once", async () => {
    await savePositionProfile(health, s.position.id, {
      hazards: ["screen_work", "infection"],
      otherHazards: "Kontakt z osobami pod wpływem alkoholu",
      periodMonths: "24",
    });
    const text = pdfText((await referralPdf(health, examId)).body);
    expect(text).toContain(
      "IV. Czynniki biologiczne: • Czynniki biologiczne — Kontakt z osobami w złym stanie higienicznym",
    );
    expect(text).toContain("Kontakt z osobami pod wpływem alkoholu");
    expect(text).not.toContain("Prowadzenie pojazdu");
    expect(text).toContain("wskazanych w skierowaniu: 3");
  });

  it("is the health role's and the person's own; for anyone else it does not exist", async () => {
    const me = await actorFor(s.users.employee.userId);
    expect((await referralPdf(me, examId)).body.subarray(0, 5).toString()).toBe("%PDF-");
    for (const a of [
      await actorFor(s.users.manager.userId),
      await actorFor(s.users.coordinator.userId),
      await actorFor(s.users.administrator.userId),
      await actorFor(other.users.health.userId),
    ]) {
      expect((await caught(referralPdf(a, examId))).code).toBe("not_found");
    }
    expect((await caught(referralPdf(health, "nie-uuid"))).code).toBe("not_found");
    // A certificate entered by hand has no referral to print.
    const [done] = await db()
      .insert(healthExam)
      .values({
        centreId: s.centre.id,
        employeeId: s.employeeInUnitB.id,
        kind: "periodic",
        status: "done",
        examDate: "2026-01-10",
        outcome: "fit",
        validUntil: "2029-01-10",
      })
      .returning({ id: healthExam.id });
    expect((await caught(referralPdf(health, done.id))).code).toBe("not_found");
  });
});
