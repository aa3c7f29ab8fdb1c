// The centre's procedure, on PGlite and PostgreSQL: kinds switched off and added (a duplicate
// refused), steps changed and added; reports made afterwards follow, earlier ones keep theirs.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caught, openTestDatabase, testDbKinds } from "../../platform/testing.ts";
import type { Actor } from "../access/actor.ts";
import { actorFor, seedCentreWithRoles } from "../access/test-fixtures.ts";
import { getIncident } from "./get-incident.ts";
import { addKind, incidentSettings, saveStep, setKindActive } from "./incident-settings.ts";
import { reportFormOptions } from "./report-form.ts";
import { reportIncident } from "./report-incident.ts";

describe.each(testDbKinds)("incident settings (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let safety: Actor;
  let employee: Actor;
  let manager: Actor;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    const s = await seedCentreWithRoles();
    safety = await actorFor(s.users.safety_officer.userId);
    employee = await actorFor(s.users.employee.userId);
    manager = await actorFor(s.users.manager.userId);
  });
  afterAll(async () => d.close());

  const report = (kindId: string) =>
    reportIncident(employee, {
      date: "2026-11-20",
      time: "10:00",
      place: "office",
      kindId,
      severity: "low",
      description: "Opis",
      submissionKey: randomUUID(),
    });

  it("is the safety officer's", async () => {
    expect((await caught(incidentSettings(manager))).code).toBe("forbidden");
    expect((await caught(addKind(manager, { label: "Inne zdarzenie" }))).code).toBe("forbidden");
  });

  it("switches kinds off and adds the centre's own, refusing one that exists", async () => {
    const { kinds } = await incidentSettings(safety);
    const stalking = kinds.find((k) => k.key === "stalking")!;
    await setKindActive(safety, stalking.id, false);
    expect((await reportFormOptions(employee)).kinds.map((k) => k.key)).not.toContain("stalking");
    expect((await caught(report(stalking.id))).fieldErrors).toEqual({
      kindId: "errors.incidentKind",
    });
    const { id } = await addKind(safety, { label: "Pogryzienie przez psa" });
    expect((await reportFormOptions(employee)).kinds.map((k) => k.label)).toContain(
      "Pogryzienie przez psa",
    );
    expect((await caught(addKind(safety, { label: "pogryzienie PRZEZ psa" }))).fieldErrors).toEqual(
      {
        label: "errors.incidentKindExists",
      },
    );
    expect((await caught(addKind(safety, { label: "" }))).fieldErrors).toEqual({
      label: "errors.required",
    });
    expect(id).toBeTruthy();
  });

  it("changes the steps for reports made from then on only", async () => {
    const { kinds, steps } = await incidentSettings(safety);
    const verbal = kinds.find((k) => k.key === "verbal_abuse")!;
    const before = await report(verbal.id);
    const analysis = steps.find((s) => s.key === "analysis")!;
    await saveStep(safety, analysis.id, {
      title: "Analiza zdarzenia z zespołem",
      owner: "manager",
      deadlineHours: "168",
      minSeverity: "low",
      mandatory: "on",
      active: "on",
    });
    const added = await saveStep(safety, null, {
      title: "Superwizja koleżeńska",
      owner: "manager",
      deadlineHours: "240",
      minSeverity: "low",
      kindIds: verbal.id,
      mandatory: "false",
      active: "on",
    });
    expect(added.id).toBeTruthy();
    const after = await report(verbal.id);
    const titles = async (id: string) => (await getIncident(safety, id)).steps.map((s) => s.title);
    expect(await titles(before.id)).not.toContain("Analiza zdarzenia z zespołem");
    expect(await titles(after.id)).toEqual(
      expect.arrayContaining(["Analiza zdarzenia z zespołem", "Superwizja koleżeńska"]),
    );
    expect(
      (
        await caught(
          saveStep(safety, null, {
            title: "X",
            owner: "nobody",
            deadlineHours: "-1",
            minSeverity: "low",
          }),
        )
      ).fieldErrors,
    ).toMatchObject({ owner: "errors.required", deadlineHours: "errors.incidentDeadline" });
  });
});
