// Precautions on case references, the police-assistance letter and the Procedure's text, on
// PGlite and PostgreSQL: who keeps and who sees a precaution (unit and client contact), its
// lapse after the review date (hidden, the reviewer told once), the three working days of
// notice, and versions confirmed per unit.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { caught, openTestDatabase, pdfText, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { ROLES, type Role } from "../access/permissions.ts";
import { roleAssignment } from "../access/schema.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { employee, position } from "../org/schema.ts";
import { sendPrecautionLapseNotices } from "./incident-jobs.ts";
import { earliestVisitDay, policeRequestPdf } from "./police-request.ts";
import { deletePrecaution, listPrecautions, savePrecaution } from "./precautions.ts";
import {
  confirmRead,
  procedureDocument,
  publishVersion,
  readingReport,
} from "./procedure-document.ts";
import { incidentPrecaution } from "./schema.ts";

const NOW = new Date("2026-11-24T10:00:00Z"); // a Tuesday

describe.each(testDbKinds)("precautions and the procedure (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  const a = {} as Record<Role, Actor>;
  let managerB: Actor;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    await db().insert(roleAssignment).values({
      centreId: s.centre.id,
      userId: s.users.coordinator.userId,
      role: "manager",
      unitId: s.unitB.id,
    });
    // The DPO works in the office without client contact.
    const [office] = await db()
      .insert(position)
      .values({
        centreId: s.centre.id,
        name: "Referent",
        staffGroupId: s.position.staffGroupId,
        clientContact: "none",
      })
      .returning();
    await db()
      .update(employee)
      .set({ positionId: office.id })
      .where(eq(employee.id, s.users.dpo.employeeId));
    for (const r of ROLES) a[r] = await actorFor(s.users[r].userId);
    managerB = await actorFor(s.users.coordinator.userId);
  });
  afterAll(async () => d.close());

  const base = (over: Record<string, unknown> = {}) => ({
    unitId: s.unitA.id,
    caseReference: "ZP/123/2026",
    visitsInPairs: "on",
    reason: "ZD/2026/0001",
    reviewOn: "2027-02-01",
    ...over,
  });

  it("is kept by the unit's manager and the safety officer, and seen by its client-facing staff", async () => {
    const { id } = await savePrecaution(a.manager, null, base(), NOW);
    const seen = async (actor: Actor) =>
      (await listPrecautions(actor, {}, NOW)).rows.map((r) => r.id);
    expect(await seen(a.manager)).toEqual([id]);
    expect(await seen(a.safety_officer)).toEqual([id]);
    // Staff of unit A who meet clients (the fixture's position has constant contact).
    expect(await seen(a.employee)).toEqual([id]);
    expect(await seen(a.specialist)).toEqual([id]);
    // An office worker of the same unit: nothing. The manager of unit B works in unit A and
    // meets clients, so sees it as its staff do, without keeping it.
    expect(await seen(a.dpo)).toEqual([]);
    expect((await listPrecautions(managerB, {}, NOW)).rows.find((r) => r.id === id)?.mayEdit).toBe(
      false,
    );
    // Only keepers change it, and a manager only in their units.
    expect((await caught(savePrecaution(a.employee, null, base(), NOW))).code).toBe("forbidden");
    expect(
      (await caught(savePrecaution(a.manager, null, base({ unitId: s.unitB.id }), NOW)))
        .fieldErrors,
    ).toEqual({
      unitId: "errors.invalid",
    });
    expect((await caught(deletePrecaution(managerB, id))).code).toBe("not_found");
  });

  it("refuses a name for a case number, nothing ticked, and review dates past or too far", async () => {
    const e = await caught(
      savePrecaution(
        a.safety_officer,
        null,
        base({ caseReference: "Jan Kowalski", visitsInPairs: "false", reviewOn: "2026-11-24" }),
        NOW,
      ),
    );
    expect(e.fieldErrors).toEqual({
      caseReference: "errors.incidentCaseName",
      visitsInPairs: "errors.incidentPrecautionNone",
      reviewOn: "errors.incidentReviewPast",
    });
    expect(
      (await caught(savePrecaution(a.safety_officer, null, base({ reviewOn: "2028-01-01" }), NOW)))
        .fieldErrors,
    ).toEqual({ reviewOn: "errors.incidentReviewFar" });
  });

  it("hides a precaution past its review date from the staff and tells its reviewer once", async () => {
    const { id } = await savePrecaution(
      a.safety_officer,
      null,
      base({ caseReference: "DPS.1/2026", reviewOn: "2026-11-30" }),
      NOW,
    );
    const later = new Date("2026-12-02T10:00:00Z");
    expect((await listPrecautions(a.employee, {}, later)).rows.map((r) => r.id)).not.toContain(id);
    const kept = (await listPrecautions(a.safety_officer, {}, later)).rows.find((r) => r.id === id);
    expect(kept?.lapsed).toBe(true);
    expect(await sendPrecautionLapseNotices(later)).toBeGreaterThanOrEqual(1);
    expect(await sendPrecautionLapseNotices(later)).toBe(0);
    const mails = await db()
      .select({ to: mailOutbox.toAddress, body: mailOutbox.textBody })
      .from(mailOutbox)
      .where(eq(mailOutbox.kind, "incident-precaution-lapsed"));
    expect(mails.map((m) => m.to)).toContain(s.users.safety_officer.email);
    expect(mails.find((m) => m.body.includes("DPS.1/2026"))).toBeTruthy();
    // Renewing sets a new date and clears the notice.
    await savePrecaution(
      a.safety_officer,
      id,
      base({ caseReference: "DPS.1/2026", reviewOn: "2027-03-01" }),
      later,
    );
    const [row] = await db().select().from(incidentPrecaution).where(eq(incidentPrecaution.id, id));
    expect(row.lapseNoticeSentAt).toBeNull();
    expect((await listPrecautions(a.employee, {}, later)).rows.map((r) => r.id)).toContain(id);
  });

  it("writes the police letter only three working days ahead, without storing the address", async () => {
    // Tuesday 24.11: Wednesday, Thursday and Friday are the notice; Monday 30.11 is the first.
    expect(earliestVisitDay("2026-11-24")).toBe("2026-11-30");
    // Over Christmas the holidays count for nothing.
    expect(earliestVisitDay("2026-12-23")).toBe("2026-12-31");
    const { id } = await savePrecaution(a.manager, null, base({ policeAdvised: "on" }), NOW);
    const tooSoon = await caught(
      policeRequestPdf(
        a.manager,
        id,
        { visitDate: "2026-11-27", visitTime: "10:00", address: "ul. Długa 1" },
        NOW,
      ),
    );
    expect(tooSoon.fieldErrors).toEqual({ visitDate: "errors.incidentPoliceTooSoon" });
    const pdf = await policeRequestPdf(
      a.manager,
      id,
      {
        visitDate: "2026-11-30",
        visitTime: "10:30",
        address: "ul. Długa 1, Testowo",
        purpose: "Wywiad środowiskowy",
      },
      NOW,
    );
    const text = pdfText(pdf.body);
    expect(text).toContain("Wniosek o asystę Policji");
    expect(text).toContain("30.11.2026");
    expect(text).toContain("ul. Długa 1, Testowo");
    expect(text).toContain("ZP/123/2026");
    expect(text).toContain("Zalecana asysta Policji");
    const stored = JSON.stringify(await db().select().from(incidentPrecaution));
    expect(stored).not.toContain("Długa");
    expect((await caught(policeRequestPdf(a.employee, id, {}, NOW))).code).toBe("not_found");
  });

  it("keeps the Procedure's versions and who confirmed the newest, per unit", async () => {
    const first = await procedureDocument(a.employee);
    expect(first.version).toBe(1);
    expect(first.body).toContain("Procedura postępowania");
    await confirmRead(a.employee, first.id);
    await confirmRead(a.employee, first.id);
    expect((await procedureDocument(a.employee)).confirmedAt).not.toBeNull();
    let report = await readingReport(a.safety_officer, s.unitA.id);
    const unitA = report.units.find((u) => u.unitId === s.unitA.id)!;
    expect(unitA.read).toBe(1);
    expect(report.notRead.map((p) => p.lastName)).not.toContain("employee");
    expect(report.notRead.map((p) => p.lastName)).toContain("manager");
    // A manager sees their units only; an employee no report at all.
    report = await readingReport(a.manager);
    expect(report.units.map((u) => u.unitId)).toEqual([s.unitA.id]);
    expect((await caught(readingReport(a.employee))).code).toBe("forbidden");
    // A new version: published by the safety officer from the newest only; confirmations start over.
    expect((await caught(publishVersion(a.manager, { body: "x", basedOn: 1 }))).code).toBe(
      "forbidden",
    );
    await publishVersion(a.safety_officer, { body: "Wersja druga", basedOn: 1 });
    const stale = await caught(publishVersion(a.safety_officer, { body: "Inna", basedOn: 1 }));
    expect(stale.fieldErrors).toEqual({ body: "errors.incidentProcedureChanged" });
    const second = await procedureDocument(a.employee);
    expect(second).toMatchObject({ version: 2, body: "Wersja druga", confirmedAt: null });
    expect((await caught(confirmRead(a.employee, first.id))).fieldErrors).toEqual({
      _form: "errors.incidentProcedureChanged",
    });
  });
});
