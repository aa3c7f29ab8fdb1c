// Incidents on PGlite and PostgreSQL: reporting (with every refusal the issue lists), the
// checklist with deadlines and versions, closing, who sees what (unit scoping included), the
// offer of support, the statistics, the PDF and the reminders.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../platform/db.ts";
import { mailOutbox } from "../../platform/platform-schema.ts";
import { readSpreadsheet } from "../../platform/spreadsheet.ts";
import { caught, openTestDatabase, pdfText, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { ROLES, type Role } from "../access/permissions.ts";
import { roleAssignment } from "../access/schema.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { supportCrisisLink } from "../support/schema.ts";
import { setIncidentClosed } from "./close-incident.ts";
import { getIncident } from "./get-incident.ts";
import { sendFollowUps, sendStepReminders } from "./incident-jobs.ts";
import { incidentPdf } from "./incident-pdf.ts";
import { incidentStats } from "./incident-stats.ts";
import { exportIncidentStats } from "./incident-stats-export.ts";
import { crisisLinkForIncident } from "./incident-support.ts";
import { listIncidents } from "./list-incidents.ts";
import { reportFormOptions } from "./report-form.ts";
import { reportIncident } from "./report-incident.ts";
import { incident, incidentStep } from "./schema.ts";
import { workStep } from "./work-step.ts";

const HOUR = 3_600_000;

describe.each(testDbKinds)("incidents (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  let other: Awaited<ReturnType<typeof seedCentreWithRoles>>;
  const a = {} as Record<Role, Actor>;
  /** A manager of unit B only (the coordinator's account, given that role too). */
  let managerB: Actor;
  let otherSafety: Actor;
  let kinds: Awaited<ReturnType<typeof reportFormOptions>>["kinds"];
  const kindId = (key: string) => kinds.find((k) => k.key === key)!.id;
  const now = new Date("2026-11-20T10:00:00Z");

  const report = (actor: Actor, over: Record<string, unknown> = {}, at = now) =>
    reportIncident(
      actor,
      {
        date: "2026-11-20",
        time: "09:30",
        place: "client_home",
        kindId: kindId("verbal_abuse"),
        severity: "medium",
        description: "Klient krzyczał i wyzywał mnie podczas wizyty.",
        caseReference: "DPS.5012.15.2025",
        submissionKey: randomUUID(),
        ...over,
      },
      at,
    );

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
    other = await seedCentreWithRoles("OPS Inne", "inne.pl");
    await db().insert(roleAssignment).values({
      centreId: s.centre.id,
      userId: s.users.coordinator.userId,
      role: "manager",
      unitId: s.unitB.id,
    });
    for (const r of ROLES) a[r] = await actorFor(s.users[r].userId);
    managerB = await actorFor(s.users.coordinator.userId);
    otherSafety = await actorFor(other.users.safety_officer.userId);
    kinds = (await reportFormOptions(a.employee)).kinds;
  });
  afterAll(async () => d.close());

  it("offers the built-in kinds, the units and the reporter's colleagues", async () => {
    const o = await reportFormOptions(a.employee);
    expect(o.kinds.map((k) => k.key)).toContain("physical_aggression");
    expect(o.units.map((u) => u.name)).toEqual(["Dział A", "Dział B"]);
    expect(o.unitId).toBe(s.unitA.id);
    expect(o.colleagues.length).toBe(ROLES.length - 1);
  });

  it("stores a report with its checklist, offers support and tells the handlers", async () => {
    const r = await report(a.employee, {
      witnessIds: [s.users.manager.employeeId],
      wantsSupport: "on",
    });
    expect(r.number).toBe("ZD/2026/0001");
    expect(r.crisisUrl).toMatch(/\/support\/crisis\/[A-Za-z0-9_-]{43}$/);
    const i = await getIncident(a.employee, r.id, now);
    expect(i.unitId).toBe(s.unitA.id);
    expect(i.witnesses.map((w) => w.lastName)).toEqual(["manager"]);
    const keys = i.steps.map((x) => x.title);
    // Verbal abuse is an act under art. 226: the register entry and legal help apply; no
    // police or first aid for a medium verbal incident.
    expect(keys.some((t) => t.includes("CAS"))).toBe(true);
    expect(keys.some((t) => t.includes("pomocy prawnej"))).toBe(true);
    expect(keys.some((t) => t.startsWith("Wezwanie Policji"))).toBe(false);
    const register = i.steps.find((x) => x.title.includes("CAS"))!;
    expect(register.dueAt.getTime()).toBe(new Date("2026-11-20T08:30:00Z").getTime() + 72 * HOUR);
    // The report informs the manager, is the written account and sends the offer of help.
    expect(i.steps.filter((x) => x.byReport).length).toBe(3);
    expect(i.isReporter).toBe(true);
    expect(i.crisisOpen).toBe(true);
    const links = await db()
      .select()
      .from(supportCrisisLink)
      .where(eq(supportCrisisLink.sourceId, r.id));
    expect(links).toHaveLength(1);
    const mails = await db()
      .select({ kind: mailOutbox.kind, to: mailOutbox.toAddress, subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(eq(mailOutbox.centreId, s.centre.id));
    expect(mails.filter((m) => m.kind === "support-crisis-link").map((m) => m.to)).toEqual([
      s.users.employee.email,
    ]);
    const told = mails.filter((m) => m.kind === "incident-reported");
    expect(told.map((m) => m.to).sort()).toEqual(
      [s.users.manager.email, s.users.safety_officer.email].sort(),
    );
    expect(told[0].subject).toContain("prosi o wsparcie");
  });

  it("stores the same report sent twice once", async () => {
    const key = randomUUID();
    const first = await report(a.employee, { submissionKey: key });
    const again = await report(a.employee, { submissionKey: key });
    expect(again).toMatchObject({ id: first.id, repeated: true, crisisUrl: null });
    const both = await Promise.all([
      report(a.specialist, { submissionKey: key }),
      report(a.specialist, { submissionKey: key }),
    ]);
    expect(both[0].id).toBe(both[1].id);
  });

  it("refuses bad reports next to the field, writing nothing", async () => {
    const before = await db().$count(incident);
    const errors = async (over: Record<string, unknown>) =>
      (await caught(report(a.employee, over))).fieldErrors;
    expect(await errors({ date: "2026-11-21", time: "09:00" })).toEqual({
      date: "errors.incidentFuture",
    });
    expect(await errors({ kindId: "" })).toEqual({ kindId: "errors.incidentKind" });
    expect(await errors({ kindId: undefined })).toEqual({ kindId: "errors.incidentKind" });
    expect(await errors({ description: "x".repeat(50 * 1024) })).toEqual({
      description: "errors.incidentDescriptionTooLong",
    });
    expect(await errors({ caseReference: "Jan Kowalski" })).toEqual({
      caseReference: "errors.incidentCaseName",
    });
    expect(await errors({ witnessIds: [other.users.employee.employeeId] })).toEqual({
      witnessIds: "errors.incidentWitness",
    });
    expect(await errors({ kindId: randomUUID() })).toEqual({ kindId: "errors.incidentKind" });
    expect(await errors({ place: "moon", severity: "" })).toMatchObject({
      place: "errors.required",
      severity: "errors.required",
    });
    expect(await db().$count(incident)).toBe(before);
  });

  it("shows each incident only to those who may see it; others are told it is not there", async () => {
    const inA = await report(a.dpo, { submissionKey: randomUUID() });
    const inB = await report(a.dpo, { unitId: s.unitB.id });
    const sees = async (actor: Actor, id: string) =>
      getIncident(actor, id, now).then(
        () => true,
        (e) => (e.code === "not_found" ? false : Promise.reject(e)),
      );
    // Safety officer and management: everything; the reporter: their own.
    for (const r of ["safety_officer", "management", "dpo"] as const) {
      expect(await sees(a[r], inA.id)).toBe(true);
      expect(await sees(a[r], inB.id)).toBe(true);
    }
    // A manager: their unit's only; the manager of unit B the other way round.
    expect(await sees(a.manager, inA.id)).toBe(true);
    expect(await sees(a.manager, inB.id)).toBe(false);
    expect(await sees(managerB, inA.id)).toBe(false);
    expect(await sees(managerB, inB.id)).toBe(true);
    // Everyone else, and another centre's safety officer: not found.
    for (const r of ["employee", "administrator", "specialist", "health"] as const) {
      expect(await sees(a[r], inA.id)).toBe(false);
    }
    expect(await sees(otherSafety, inA.id)).toBe(false);
    // The register follows the same rule.
    const managerList = await listIncidents(a.manager, { pageSize: 200 });
    expect(managerList.rows.map((r) => r.id)).toContain(inA.id);
    expect(managerList.rows.map((r) => r.id)).not.toContain(inB.id);
    const mine = await listIncidents(a.administrator, {});
    expect(mine.total).toBe(0);
    // Working the checklist: the unit's manager and the safety officer; management reads.
    const step = (await getIncident(a.manager, inA.id, now)).steps.find((x) => !x.byReport)!;
    expect(
      (await caught(workStep(a.management, inA.id, step.id, { status: "done", version: 1 }))).code,
    ).toBe("forbidden");
    expect(
      (await caught(workStep(managerB, inA.id, step.id, { status: "done", version: 1 }))).code,
    ).toBe("not_found");
    expect((await getIncident(a.management, inA.id, now)).mayWorkSteps).toBe(false);
    expect((await getIncident(a.safety_officer, inB.id, now)).mayWorkSteps).toBe(true);
  });

  it("keeps the second of two people editing one step from overwriting the first", async () => {
    const r = await report(a.employee);
    const i = await getIncident(a.manager, r.id, now);
    const step = i.steps.find((x) => x.status === "open")!;
    const first = await workStep(a.manager, r.id, step.id, {
      status: "done",
      note: "Rozmowa odbyta.",
      version: step.version,
    });
    expect(first.version).toBe(step.version + 1);
    const second = await caught(
      workStep(a.safety_officer, r.id, step.id, {
        status: "open",
        note: "Inna notatka",
        version: step.version,
      }),
    );
    expect(second.code).toBe("conflict");
    expect(second.fieldErrors).toEqual({ [`step-${step.id}`]: "errors.incidentStepChanged" });
    const now2 = (await getIncident(a.manager, r.id, now)).steps.find((x) => x.id === step.id)!;
    expect(now2).toMatchObject({ status: "done", note: "Rozmowa odbyta.", doneBy: "Test manager" });
    // A mandatory step cannot be skipped.
    const mandatory = (await getIncident(a.manager, r.id, now)).steps.find(
      (x) => x.status === "open" && x.mandatory,
    )!;
    expect(
      (
        await caught(
          workStep(a.manager, r.id, mandatory.id, {
            status: "skipped",
            version: mandatory.version,
          }),
        )
      ).fieldErrors,
    ).toEqual({ [`step-${mandatory.id}`]: "errors.incidentMandatorySkip" });
  });

  it("refuses to close with mandatory steps open, naming each; closes once they are done", async () => {
    const r = await report(a.employee, {
      kindId: kindId("physical_aggression"),
      severity: "high",
      injuries: "on",
    });
    let i = await getIncident(a.safety_officer, r.id, now);
    const open = i.steps.filter((x) => x.mandatory && x.status === "open");
    expect(open.length).toBeGreaterThan(2);
    const e = await caught(setIncidentClosed(a.safety_officer, r.id, true));
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors._form).toBe("errors.incidentOpenSteps");
    expect(Object.keys(e.fieldErrors).sort()).toEqual(
      ["_form", ...open.map((x) => `step-${x.id}`)].sort(),
    );
    for (const x of open) {
      await workStep(a.safety_officer, r.id, x.id, { status: "done", version: x.version });
    }
    await setIncidentClosed(a.safety_officer, r.id, true);
    i = await getIncident(a.safety_officer, r.id, now);
    expect(i.status).toBe("closed");
    const later = i.steps.find((x) => x.status === "open");
    if (later) {
      expect(
        (
          await caught(
            workStep(a.safety_officer, r.id, later.id, { status: "done", version: later.version }),
          )
        ).code,
      ).toBe("conflict");
    }
    await setIncidentClosed(a.safety_officer, r.id, false);
    expect((await getIncident(a.safety_officer, r.id, now)).status).toBe("open");
  });

  it("gives the reporter a fresh crisis link for 72 hours, and to no one else", async () => {
    const r = await report(a.employee);
    const created = (await db().select().from(incident).where(eq(incident.id, r.id)))[0].createdAt;
    const link = await crisisLinkForIncident(a.employee, r.id, new Date(created.getTime() + HOUR));
    expect(link.url).toContain("/support/crisis/");
    expect((await caught(crisisLinkForIncident(a.manager, r.id))).code).toBe("not_found");
    expect(
      (
        await caught(
          crisisLinkForIncident(a.employee, r.id, new Date(created.getTime() + 73 * HOUR)),
        )
      ).fieldErrors,
    ).toEqual({ _form: "errors.incidentCrisisOver" });
  });

  it("counts incidents for the analysis, hiding the support share below ten", async () => {
    const st = await incidentStats(a.safety_officer, { from: "2026-11", to: "2026-11" }, now);
    expect(st.total).toBeGreaterThan(3);
    expect(st.byMonth).toEqual([{ month: "2026-11", n: st.total }]);
    expect(st.byUnit.reduce((n, u) => n + u.n, 0)).toBe(st.total);
    expect(st.heat.find((h) => h.unitId === s.unitB.id)?.cells).toEqual([1]);
    expect(st.support).toBeNull();
    expect(st.stepTimes.length).toBeGreaterThan(0);
    const mgr = await incidentStats(a.manager, { from: "2026-11", to: "2026-11" }, now);
    expect(mgr.heat.map((h) => h.unitId)).not.toContain(s.unitB.id);
    expect((await caught(incidentStats(a.employee, {}, now))).code).toBe("forbidden");
    // The same as a workbook: the register of the period, then the tables.
    const file = await exportIncidentStats(
      a.safety_officer,
      { from: "2026-11", to: "2026-11" },
      "pl",
      now,
    );
    const register = readSpreadsheet(new Uint8Array(file.body));
    expect(register.rows.length).toBe(st.total);
    expect(
      (await caught(incidentStats(a.safety_officer, { from: "2026-12", to: "2026-01" }, now)))
        .fieldErrors,
    ).toEqual({ to: "errors.periodOrder" });
  });

  it("writes the incident's PDF for those who see it", async () => {
    const r = await report(a.employee, {
      description: "Klient groził mi nożem.\nUciekłam z mieszkania.",
    });
    const text = pdfText((await incidentPdf(a.safety_officer, r.id, "pl", now)).body);
    expect(text).toContain(`Raport o zdarzeniu ${r.number}`);
    expect(text).toContain("20.11.2026");
    expect(text).toContain("Znieważenie, agresja słowna");
    expect(text).toContain("DPS.5012.15.2025");
    expect(text).toContain("Klient groził mi nożem.");
    expect(text).toContain("Wpis do centralnego rejestru");
    expect((await caught(incidentPdf(a.administrator, r.id))).code).toBe("not_found");
  });

  it("reminds the owners of a step a day ahead, and asks the reporter a week later, once", async () => {
    // Two days ago: the 72-hour steps (register entry, legal help, debrief) fall due tomorrow.
    const recent = new Date(Date.now() - 50 * HOUR);
    const r = await report(
      a.employee,
      {
        date: new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Warsaw" }).format(recent),
        time: new Intl.DateTimeFormat("pl-PL", {
          timeZone: "Europe/Warsaw",
          hour: "2-digit",
          minute: "2-digit",
        }).format(recent),
      },
      new Date(),
    );
    const reminded = await sendStepReminders(new Date());
    expect(reminded).toBeGreaterThan(0);
    expect(await sendStepReminders(new Date())).toBe(0);
    const stepMails = await db()
      .select({ to: mailOutbox.toAddress, subject: mailOutbox.subject })
      .from(mailOutbox)
      .where(
        and(eq(mailOutbox.centreId, s.centre.id), eq(mailOutbox.kind, "incident-step-reminder")),
      );
    expect(stepMails.map((m) => m.to)).toContain(s.users.manager.email);
    expect(stepMails.every((m) => m.subject.includes(r.number))).toBe(true);
    const steps = await db().select().from(incidentStep).where(eq(incidentStep.incidentId, r.id));
    expect(steps.filter((x) => x.reminderSentAt).every((x) => x.status === "open")).toBe(true);
    const weekLater = new Date(Date.now() + 8 * 24 * HOUR);
    const asked = await sendFollowUps(weekLater);
    expect(asked).toBeGreaterThan(0);
    expect(await sendFollowUps(weekLater)).toBe(0);
    const follow = await db()
      .select({ to: mailOutbox.toAddress, confidential: mailOutbox.confidential })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.centreId, s.centre.id), eq(mailOutbox.kind, "incident-follow-up")));
    expect(follow.map((m) => m.to)).toContain(s.users.employee.email);
    expect(follow.every((m) => m.confidential)).toBe(true);
  });
});
