import * as XLSX from "@e965/xlsx";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../../../platform/db.ts";
import { translator } from "../../../platform/i18n.ts";
import { runDueJobs } from "../../../platform/jobs.ts";
import { auditLog, mailOutbox } from "../../../platform/platform-schema.ts";
import { readSpreadsheet } from "../../../platform/spreadsheet.ts";
import { caught, openTestDatabase, testDbKinds } from "../../../platform/testing.ts";
import { ROLES } from "../../access/permissions.ts";
import { roleAssignment } from "../../access/schema.ts";
import { actorFor, seedCentreWithRoles } from "../../access/test-fixtures.ts";
import { saveEmployee } from "../employees.ts";
import { centre, employee, orgUnit, position, staffGroup, staffImport } from "../schema.ts";
import { applyStaffImport } from "./apply-staff-import.ts";
import { proposeMapping } from "./columns.ts";
import { exportEmployees } from "./export-employees.ts";
import { inviteImported } from "./invite-imported.ts";
import { deleteExpiredImports, registerStaffImportJobs } from "./jobs.ts";
import { forgetProgress, progressReporter } from "./progress.ts";
import { resolveImportNames } from "./resolve-import-names.ts";
import { setImportMapping } from "./set-import-mapping.ts";
import { INLINE_ROWS, STALLED_MS } from "./store.ts";
import {
  encodeWindows1250,
  generatedStaff,
  type StaffRow,
  staffCsv,
  staffXlsx,
} from "./test-files.ts";
import { uploadStaffFile } from "./upload-staff-file.ts";
import { viewStaffImport } from "./view-staff-import.ts";

type Actor = Awaited<ReturnType<typeof actorFor>>;
type Seeded = Awaited<ReturnType<typeof seedCentreWithRoles>>;

const pl = translator("pl");
/**
 * Active staff missing from a file that lists only Anna Nowak: the fixture's one person per
 * role, less the administrator who imports it (never offered for deactivation).
 */
const MISSING = ROLES.length - 1;
const file = (bytes: Uint8Array, name = "pracownicy.csv") => ({
  name,
  size: bytes.byteLength,
  bytes: async () => bytes,
});

describe.each(testDbKinds)("staff import (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let centres = 0;

  /** A centre of its own per test: imports deactivate, create units, change people. */
  async function fresh(): Promise<{ s: Seeded; admin: Actor }> {
    const s = await seedCentreWithRoles(`MOPS Import ${++centres}`, `import${centres}.pl`);
    return { s, admin: await actorFor(s.users.administrator.userId) };
  }

  const staffOf = (centreId: string) =>
    db()
      .select()
      .from(employee)
      .where(eq(employee.centreId, centreId))
      .orderBy(employee.employeeNumber);

  /** Uploads and confirms the proposed mapping; returns the import's id. */
  async function previewed(admin: Actor, bytes: Uint8Array, name?: string) {
    const id = await uploadStaffFile(admin, file(bytes, name));
    const v = await viewStaffImport(admin, id, {});
    await setImportMapping(admin, id, v.mapping);
    return id;
  }
  const view = (admin: Actor, id: string, query: Record<string, string> = {}) =>
    viewStaffImport(admin, id, query);

  beforeAll(async () => {
    d = await openTestDatabase(kind);
  });
  afterAll(() => d.drop());

  it("imports a Windows-1250 CSV: a preview first, then one apply; the same file again changes nothing", async () => {
    const { s, admin } = await fresh();
    const before = await staffOf(s.centre.id);
    const people: StaffRow[] = [
      {
        number: "P-1",
        lastName: "Łęcka-Źdźbło",
        firstName: "Żaneta",
        email: "zaneta.lecka@import1.pl",
        unit: "Dział A",
        position: "Pracownik socjalny",
        start: "2025-06-01",
      },
      {
        number: "P-2",
        lastName: "Wiśniewska",
        firstName: "Małgorzata",
        email: "m.wisniewska@import1.pl",
        unit: "dział  a",
        start: "01.06.2025",
      },
      {
        number: "P-3",
        lastName: "Dąbrowski",
        firstName: "Śćibor",
        email: "s.dabrowski@import1.pl",
        start: "45809",
      },
      // Already employed: the surname changes.
      {
        number: "B1",
        lastName: "Nowak-Kowalska",
        firstName: "Anna",
        email: s.employeeInUnitB.email,
        unit: "Dział B",
      },
    ];
    const bytes = encodeWindows1250(staffCsv(people));
    const id = await uploadStaffFile(admin, file(bytes));
    const uploaded = await view(admin, id);
    expect(uploaded).toMatchObject({
      status: "uploaded",
      format: "csv:windows-1250;",
      rowCount: 4,
    });
    expect(uploaded.headers).toContain("Imię");
    expect(uploaded.mapping).toMatchObject({ employeeNumber: "0", lastName: "1", firstName: "2" });

    await setImportMapping(admin, id, uploaded.mapping);
    const v = await view(admin, id);
    expect(v.status).toBe("previewed");
    expect(v.preview?.counts).toEqual({
      create: 3,
      update: 1,
      unchanged: 0,
      deactivate: MISSING,
      error: 0,
    });
    // The administrator is not in the file, yet is never offered for deactivation.
    expect(v.preview?.keptSelf).toBe(true);
    expect(v.preview?.rows.map((r) => [r.line, r.kind, r.name])).toEqual([
      [2, "create", "Łęcka-Źdźbło Żaneta"],
      [3, "create", "Wiśniewska Małgorzata"],
      [4, "create", "Dąbrowski Śćibor"],
      [5, "update", "Nowak-Kowalska Anna"],
    ]);
    expect(v.preview?.rows[3].fields).toEqual(["lastName"]);
    // Nothing is written before the apply.
    expect(await staffOf(s.centre.id)).toEqual(before);

    await applyStaffImport(admin, id, { deactivateMissing: "false" });
    const done = await view(admin, id);
    expect(done.status).toBe("applied");
    expect(done.result).toMatchObject({
      created: 3,
      updated: 1,
      unchanged: 0,
      deactivated: 0,
      unitsCreated: 0,
      positionsCreated: 0,
      toInvite: 3,
    });
    // The file's rows are not kept once written.
    const [stored] = await db().select().from(staffImport).where(eq(staffImport.id, id));
    expect(stored.rows).toEqual([]);

    const after = await staffOf(s.centre.id);
    const p1 = after.find((e) => e.employeeNumber === "P-1")!;
    expect(p1).toMatchObject({
      firstName: "Żaneta",
      lastName: "Łęcka-Źdźbło",
      unitId: s.unitA.id,
      positionId: s.position.id,
      employmentStart: "2025-06-01",
      active: true,
    });
    const p2 = after.find((e) => e.employeeNumber === "P-2")!;
    expect(p2).toMatchObject({
      unitId: s.unitA.id,
      positionId: null,
      employmentStart: "2025-06-01",
    });
    const p3 = after.find((e) => e.employeeNumber === "P-3")!;
    expect(p3).toMatchObject({ firstName: "Śćibor", unitId: null, employmentStart: "2025-06-01" });
    expect(after.find((e) => e.employeeNumber === "B1")?.lastName).toBe("Nowak-Kowalska");
    expect(after.filter((e) => e.active)).toHaveLength(before.length + 3);

    // The same file again: every row unchanged, and applying it writes nothing.
    const again = await previewed(admin, bytes);
    const v2 = await view(admin, again);
    expect(v2.preview?.counts).toMatchObject({ create: 0, update: 0, unchanged: 4, error: 0 });
    await applyStaffImport(admin, again, { deactivateMissing: "false" });
    expect((await view(admin, again)).result).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 4,
    });
    expect(await staffOf(s.centre.id)).toEqual(after);

    // The audit log has the upload and the apply, with counts and no personal data.
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), eq(auditLog.entityType, "staff_import")));
    const applied = audit.filter((a) => a.action === "staff_import.apply" && a.entityId === id);
    expect(applied).toHaveLength(1);
    expect(applied[0].details).toMatchObject({ via: "import", created: 3, updated: 1, rows: 4 });
    expect(audit.some((a) => a.action === "staff_import.upload" && a.entityId === id)).toBe(true);
    const text = JSON.stringify(audit.map((a) => a.details));
    for (const secret of ["Łęcka", "import1.pl", "Żaneta", "pracownicy.csv"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("imports an XLSX with English headers and Excel date cells", async () => {
    const { s, admin } = await fresh();
    const id = await previewed(
      admin,
      staffXlsx([
        {
          number: "X-1",
          lastName: "Zieliński",
          firstName: "Łukasz",
          email: "l.z@x.pl",
          start: "2024-02-29",
        },
        {
          number: "X-2",
          lastName: "Szymańska",
          firstName: "Ewa",
          email: "e.s@x.pl",
          unit: "Dział B",
        },
      ]),
      "kadry.xlsx",
    );
    const v = await view(admin, id);
    expect(v.format).toBe("xlsx");
    expect(v.preview?.counts).toMatchObject({ create: 2, error: 0 });
    await applyStaffImport(admin, id, { deactivateMissing: "false" });
    const rows = await staffOf(s.centre.id);
    expect(rows.find((e) => e.employeeNumber === "X-1")).toMatchObject({
      lastName: "Zieliński",
      employmentStart: "2024-02-29",
    });
    expect(rows.find((e) => e.employeeNumber === "X-2")?.unitId).toBe(s.unitB.id);
  });

  it("refuses bad files on upload with a message on the file field, storing nothing", async () => {
    const { s, admin } = await fresh();
    const refusal = async (f: Parameters<typeof uploadStaffFile>[1]) =>
      (await caught(uploadStaffFile(admin, f))).fieldErrors.file;

    // 50 MB: refused by its size, before a byte is read.
    const huge = {
      name: "duzy.csv",
      size: 50 * 1024 * 1024,
      bytes: async (): Promise<Uint8Array> => {
        throw new Error("read");
      },
    };
    expect(await refusal(huge)).toBe("errors.fileTooLarge");
    expect(pl("errors.fileTooLarge")).toContain("10 MB");
    // A binary file renamed .csv.
    const binary = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 13) % 256));
    expect(await refusal(file(binary, "zdjecie.csv"))).toBe("errors.notSpreadsheet");
    expect(await refusal(file(Buffer.alloc(0)))).toBe("errors.fileEmpty");
    expect(await refusal(null)).toBe("errors.fileRequired");
    expect(await refusal(file(Buffer.from("Imię;Nazwisko;E-mail;Nr ewidencyjny\r\n")))).toBe(
      "errors.noDataRows",
    );
    // A header without the mandatory columns.
    expect(await refusal(file(Buffer.from("Produkt;Cena;Ilość;Magazyn\r\nA;1;2;3\r\n")))).toBe(
      "errors.missingColumns",
    );
    expect(await refusal(file(Buffer.from("Imię;Nazwisko\r\nAnna;Nowak\r\n")))).toBe(
      "errors.missingColumns",
    );
    const [{ n }] = await db()
      .select({ n: count() })
      .from(staffImport)
      .where(eq(staffImport.centreId, s.centre.id));
    expect(n).toBe(0);
  });

  it("mapping step: mandatory fields need a column; the choice is remembered for the centre", async () => {
    const { s, admin } = await fresh();
    const csv = "Pracownik imię;Nazwisko;Login;Ident;Uwagi\r\nJan;Kos;jan.kos@x.pl;K-1;\r\n";
    const id = await uploadStaffFile(admin, file(Buffer.from(csv)));
    expect((await view(admin, id)).mapping).toEqual({ lastName: "1" });

    const e = await caught(setImportMapping(admin, id, { lastName: "1", email: "1" }));
    expect(e.fieldErrors).toEqual({
      firstName: "errors.columnRequired",
      email: "errors.columnTwice",
      employeeNumber: "errors.columnRequired",
    });
    expect((await view(admin, id)).status).toBe("uploaded");

    await setImportMapping(admin, id, {
      firstName: "0",
      lastName: "1",
      email: "2",
      employeeNumber: "3",
    });
    expect((await view(admin, id)).preview?.counts.create).toBe(1);
    const [c] = await db().select().from(centre).where(eq(centre.id, s.centre.id));
    expect(c.settings.staffImportMapping).toEqual({
      firstName: "Pracownik imię",
      lastName: "Nazwisko",
      email: "Login",
      employeeNumber: "Ident",
    });
    // Other settings stay as they were.
    expect(c.name).toBe(s.centre.name);

    // The next file with those headers (in another order) gets the mapping proposed.
    const next = await uploadStaffFile(
      admin,
      file(Buffer.from("Ident;Login;Nazwisko;Pracownik imię\r\nK-2;a@x.pl;Lis;Ala\r\n")),
    );
    expect((await view(admin, next)).mapping).toEqual({
      employeeNumber: "0",
      email: "1",
      lastName: "2",
      firstName: "3",
    });
  });

  it("lists every bad row with its row number and a Polish reason, and refuses to apply", async () => {
    const { s, admin } = await fresh();
    const csv = [
      "Nr ewidencyjny;Nazwisko;Imię;E-mail;Data zatrudnienia",
      "D-1;Nowak;Jan;jan@x.pl;2025-06-01",
      "D-1;Kowal;Ewa;ewa@x.pl;2025-06-01",
      `N-1;Inny;Adam;${s.employeeInUnitB.email};`,
      "N-2;Brak;;brak@x.pl;",
      "N-3;Zły;Adres;to-nie-adres;",
      "N-4;Data;Zła;data@x.pl;31.02.2025",
      "N-5;Krótki;Wiersz",
      "N-6;Dobry;Wiersz;dobry@x.pl;1.6.2025",
    ].join("\r\n");
    const id = await previewed(admin, Buffer.from(csv));
    const v = await view(admin, id, { kind: "error" });
    expect(v.preview?.counts).toMatchObject({ create: 1, error: 7 });
    const errors = v.preview?.rows.map((r) => [
      r.line,
      r.errors?.map((e) => `${e.field}:${e.message}`),
    ]);
    expect(errors).toEqual([
      [2, ["employeeNumber:errors.duplicateInFile"]],
      [3, ["employeeNumber:errors.duplicateInFile"]],
      [4, ["email:errors.emailOfAnotherEmployee"]],
      [5, ["firstName:errors.required"]],
      [6, ["email:errors.email"]],
      [7, ["employmentStart:errors.importDate"]],
      [8, ["_row:errors.raggedRow", "email:errors.required"]],
    ]);
    for (const key of [
      "errors.duplicateInFile",
      "errors.emailOfAnotherEmployee",
      "errors.importDate",
      "errors.raggedRow",
    ] as const) {
      expect(pl(key)).toMatch(/[ąćęłńóśźżA-Za-z]/);
    }
    const before = await staffOf(s.centre.id);
    const e = await caught(applyStaffImport(admin, id, {}));
    expect(e.fieldErrors).toEqual({ _form: "errors.importHasErrors" });
    expect((await view(admin, id)).status).toBe("previewed");
    expect(await staffOf(s.centre.id)).toEqual(before);
  });

  it("unknown units and positions: created by default, mapped when chosen, undecided when ambiguous", async () => {
    const { s, admin } = await fresh();
    const people: StaffRow[] = [
      {
        number: "U-1",
        lastName: "A",
        firstName: "A",
        email: "u1@x.pl",
        unit: "Centrum Pracy Socjalnej nr 3",
        position: "Psycholog",
      },
      {
        number: "U-2",
        lastName: "B",
        firstName: "B",
        email: "u2@x.pl",
        unit: "Dział Kadr",
        position: "Psycholog",
      },
      {
        number: "U-3",
        lastName: "C",
        firstName: "C",
        email: "u3@x.pl",
        unit: "DZIAŁ B",
        position: "pracownik socjalny",
      },
    ];
    const id = await previewed(admin, Buffer.from(staffCsv(people)));
    let v = await view(admin, id);
    const groups = await db()
      .select()
      .from(staffGroup)
      .where(eq(staffGroup.centreId, s.centre.id))
      .orderBy(staffGroup.sortOrder);
    expect(v.preview?.units.map((u) => [u.name, u.rows, u.choice])).toEqual([
      ["Centrum Pracy Socjalnej nr 3", 1, "create"],
      ["Dział Kadr", 1, "create"],
    ]);
    expect(v.preview?.positions.map((p) => [p.name, p.rows, p.choice])).toEqual([
      ["Psycholog", 2, `create:${groups[0].id}`],
    ]);
    expect(v.names?.units.map((u) => u.name)).toEqual(["Dział A", "Dział B"]);

    // "Dział Kadr" is what the centre calls "Dział A"; the psychologists go to the second group.
    await resolveImportNames(admin, id, {
      "unit-0": "create",
      "unit-1": s.unitA.id,
      "position-0": `create:${groups[1].id}`,
    });
    v = await view(admin, id);
    expect(v.preview?.units.map((u) => u.choice)).toEqual(["create", s.unitA.id]);
    await applyStaffImport(admin, id, { deactivateMissing: "false" });
    expect((await view(admin, id)).result).toMatchObject({
      created: 3,
      unitsCreated: 1,
      positionsCreated: 1,
    });
    const [cps] = await db()
      .select()
      .from(orgUnit)
      .where(
        and(eq(orgUnit.centreId, s.centre.id), eq(orgUnit.name, "Centrum Pracy Socjalnej nr 3")),
      );
    expect(cps.kind).toBe("cps");
    const [psych] = await db()
      .select()
      .from(position)
      .where(and(eq(position.centreId, s.centre.id), eq(position.name, "Psycholog")));
    expect(psych.staffGroupId).toBe(groups[1].id);
    const rows = await staffOf(s.centre.id);
    const unitOf = (n: string) => rows.find((e) => e.employeeNumber === n)?.unitId;
    expect([unitOf("U-1"), unitOf("U-2"), unitOf("U-3")]).toEqual([cps.id, s.unitA.id, s.unitB.id]);
    expect(rows.find((e) => e.employeeNumber === "U-3")?.positionId).toBe(s.position.id);

    // Two units share a name: the file cannot say which, so someone must choose.
    await db()
      .insert(orgUnit)
      .values([
        { centreId: s.centre.id, name: "Zespół 1" },
        { centreId: s.centre.id, name: "Zespół 1" },
      ]);
    const amb = await previewed(
      admin,
      Buffer.from(
        staffCsv([
          { number: "U-1", lastName: "A", firstName: "A", email: "u1@x.pl", unit: "Zespół 1" },
        ]),
      ),
    );
    v = await view(admin, amb);
    expect(v.preview?.units[0]).toMatchObject({ name: "Zespół 1", choice: "" });
    expect(v.preview?.units[0].candidates).toHaveLength(2);
    expect(v.preview?.undecided).toBe(true);
    // The row will change unit, though to which one is not decided yet.
    expect(v.preview?.rows[0].kind).toBe("update");
    expect(v.preview?.rows[0].fields).toContain("unitId");
    expect((await caught(applyStaffImport(admin, amb, {}))).fieldErrors).toEqual({
      _form: "errors.unresolvedNames",
    });
  });

  it("deactivates the active employees missing from the file, unless told not to; never the importer", async () => {
    const { s, admin } = await fresh();
    const only = staffCsv([
      {
        number: "B1",
        lastName: "Nowak",
        firstName: "Anna",
        email: s.employeeInUnitB.email,
        unit: "Dział B",
      },
    ]);
    const keep = await previewed(admin, Buffer.from(only));
    expect((await view(admin, keep, { kind: "deactivate" })).preview).toMatchObject({
      total: MISSING,
      counts: { deactivate: MISSING, unchanged: 1 },
    });
    const listed = (await view(admin, keep, { kind: "deactivate" })).preview?.deactivate ?? [];
    expect(listed.map((x) => x.name)).not.toContain("administrator Test");
    await applyStaffImport(admin, keep, { deactivateMissing: "false" });
    expect((await staffOf(s.centre.id)).every((e) => e.active)).toBe(true);

    const drop = await previewed(admin, Buffer.from(only));
    expect((await view(admin, drop)).preview?.counts.deactivate).toBe(MISSING);
    // Someone joins after the preview: they were not listed, so the apply stops and previews again.
    const late = await saveEmployee(admin, null, {
      firstName: "Późna",
      lastName: "Osoba",
      email: "pozna@import.pl",
      employeeNumber: "LATE-1",
    });
    await applyStaffImport(admin, drop, {});
    const again = await view(admin, drop);
    expect(again).toMatchObject({ status: "previewed", error: "errors.importChanged" });
    expect(again.preview?.counts.deactivate).toBe(MISSING + 1);
    expect((await staffOf(s.centre.id)).every((e) => e.active)).toBe(true);
    await saveEmployee(admin, late, {
      firstName: "Późna",
      lastName: "Osoba",
      email: "pozna@import.pl",
      employeeNumber: "LATE-1",
      active: "false",
    });
    await resolveImportNames(admin, drop, {});
    await applyStaffImport(admin, drop, {});
    expect((await view(admin, drop)).result).toMatchObject({ deactivated: MISSING, unchanged: 1 });
    const after = await staffOf(s.centre.id);
    expect(
      after
        .filter((e) => e.active)
        .map((e) => e.employeeNumber)
        .sort(),
    ).toEqual(["B1", after.find((e) => e.id === s.users.administrator.employeeId)!.employeeNumber]);
    // A deactivated employee's account stops working at once.
    expect(await actorFor(s.users.coordinator.userId).catch(() => null)).toBeNull();
  });

  it("deactivates exactly whom the preview listed, also when another administrator applies it", async () => {
    const { s, admin } = await fresh();
    // A second administrator; neither is in the file.
    await db().insert(roleAssignment).values({
      centreId: s.centre.id,
      userId: s.users.coordinator.userId,
      role: "administrator",
    });
    const second = await actorFor(s.users.coordinator.userId);
    const numberOf = async (employeeId: string) =>
      (await staffOf(s.centre.id)).find((e) => e.id === employeeId)!.employeeNumber;
    const first = await numberOf(s.users.administrator.employeeId);
    const other = await numberOf(s.users.coordinator.employeeId);
    const id = await previewed(
      admin,
      Buffer.from(
        staffCsv([
          {
            number: "B1",
            lastName: "Nowak",
            firstName: "Anna",
            email: s.employeeInUnitB.email,
            unit: "Dział B",
          },
        ]),
      ),
    );
    const listed = async () =>
      ((await view(second, id, { kind: "deactivate" })).preview?.deactivate ?? []).map(
        (d) => d.employeeNumber,
      );
    // The first administrator previews: told they stay, the second is listed.
    expect((await view(admin, id)).preview).toMatchObject({
      keptSelf: true,
      counts: { deactivate: MISSING },
    });
    expect(await listed()).toContain(other);
    expect(await listed()).not.toContain(first);

    // The second applies: as many to deactivate, but not the same people. Nothing is written;
    // the preview is made again for the one applying, and says so.
    await applyStaffImport(second, id, {});
    expect(await view(second, id)).toMatchObject({
      status: "previewed",
      error: "errors.importChanged",
      preview: { keptSelf: true, counts: { deactivate: MISSING } },
    });
    expect((await staffOf(s.centre.id)).every((e) => e.active)).toBe(true);
    expect(await listed()).toContain(first);
    expect(await listed()).not.toContain(other);

    // Applied as now shown: the first administrator, listed this time, is deactivated.
    await applyStaffImport(second, id, {});
    expect((await view(second, id)).result).toMatchObject({ deactivated: MISSING });
    const after = await staffOf(s.centre.id);
    expect(after.find((e) => e.employeeNumber === first)?.active).toBe(false);
    expect(after.find((e) => e.employeeNumber === other)?.active).toBe(true);
  });

  it("an import left busy by a stopped process is shown as interrupted and can be retried", async () => {
    const { s, admin } = await fresh();
    const id = await previewed(
      admin,
      Buffer.from(
        staffCsv([{ number: "S-1", lastName: "Stoi", firstName: "Jan", email: "jan@stoi.pl" }]),
      ),
    );
    const setBusy = (status: "previewing" | "applying", ago: number) =>
      db()
        .update(staffImport)
        .set({ status, updatedAt: new Date(Date.now() - ago) })
        .where(eq(staffImport.id, id));

    // Busy a moment ago: still under way, and the steps wait for it.
    await setBusy("previewing", 60_000);
    expect((await view(admin, id)).status).toBe("previewing");
    const mapping = (await view(admin, id)).mapping;
    expect((await caught(setImportMapping(admin, id, mapping))).fieldErrors).toEqual({
      _form: "errors.importBusy",
    });

    // Work under way touches the row as its progress moves, so it is not taken for stopped.
    await setBusy("previewing", STALLED_MS + 60_000);
    progressReporter(id, { inTransaction: false })(50);
    forgetProgress(id);
    await vi.waitFor(async () => {
      const [r] = await db().select().from(staffImport).where(eq(staffImport.id, id));
      expect(r.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });
    expect((await view(admin, id)).status).toBe("previewing");

    // A preview that stopped minutes ago (its process restarted): failed, with a message, and
    // the mapping step makes it again.
    await setBusy("previewing", STALLED_MS + 60_000);
    expect(await view(admin, id)).toMatchObject({ status: "failed", error: "errors.importStale" });
    await setImportMapping(admin, id, mapping);
    expect(await view(admin, id)).toMatchObject({ status: "previewed", error: null });

    // An apply that stopped wrote nothing: back to its preview, to apply again.
    await setBusy("applying", STALLED_MS + 60_000);
    expect(await view(admin, id)).toMatchObject({
      status: "previewed",
      error: "errors.importStale",
      preview: { counts: { create: 1 } },
    });
    expect((await staffOf(s.centre.id)).some((e) => e.employeeNumber === "S-1")).toBe(false);
    await applyStaffImport(admin, id, { deactivateMissing: "false" });
    expect((await view(admin, id)).result).toMatchObject({ created: 1 });
    expect(pl("errors.importStale")).toContain("spróbuj ponownie");
  });

  it("an import whose job is still to run is not taken for stopped, however long it waits", async () => {
    registerStaffImportJobs();
    const { admin } = await fresh();
    const people = generatedStaff(INLINE_ROWS + 1, { domain: "czeka.pl" });
    const id = await previewed(admin, Buffer.from(staffCsv(people)));
    await db()
      .update(staffImport)
      .set({ updatedAt: new Date(Date.now() - STALLED_MS - 60_000) })
      .where(eq(staffImport.id, id));
    expect((await view(admin, id)).status).toBe("previewing");
    while ((await runDueJobs()) > 0) {}
    expect(await view(admin, id)).toMatchObject({ status: "previewed", error: null });
  });

  it("reports a unit or position name over 200 characters as a row error instead of creating it", async () => {
    const { s, admin } = await fresh();
    const longest = `Zespół ${"x".repeat(193)}`;
    const id = await previewed(
      admin,
      Buffer.from(
        staffCsv([
          {
            number: "L-1",
            lastName: "Długa",
            firstName: "Ewa",
            email: "ewa@dluga.pl",
            unit: `${longest}y`,
            position: "P".repeat(201),
          },
          {
            number: "L-2",
            lastName: "Równa",
            firstName: "Jan",
            email: "jan@dluga.pl",
            unit: longest,
          },
        ]),
      ),
    );
    const v = await view(admin, id);
    expect(longest).toHaveLength(200);
    expect(v.preview?.counts).toMatchObject({ create: 1, error: 1 });
    expect(v.preview?.rows[0].errors).toEqual([
      { field: "unit", message: "errors.importNameTooLong" },
      { field: "position", message: "errors.importNameTooLong" },
    ]);
    expect(pl("errors.importNameTooLong")).toContain("200");
    // Only the name within the limit is offered for creation.
    expect(v.preview?.units.map((u) => u.name)).toEqual([longest]);
    expect(v.preview?.positions).toEqual([]);
    expect((await caught(applyStaffImport(admin, id, {}))).fieldErrors).toEqual({
      _form: "errors.importHasErrors",
    });
    const units = await db().select().from(orgUnit).where(eq(orgUnit.centreId, s.centre.id));
    expect(units.map((u) => u.name).sort()).toEqual(["Dział A", "Dział B"]);
  });

  it("a large file is previewed and applied as background jobs, reporting progress", async () => {
    registerStaffImportJobs();
    const { s, admin } = await fresh();
    const people = generatedStaff(INLINE_ROWS + 1, { units: ["Dział A"], domain: "duzy.pl" });
    const id = await previewed(admin, Buffer.from(staffCsv(people)));
    expect((await view(admin, id)).status).toBe("previewing");
    while ((await runDueJobs()) > 0) {}
    const v = await view(admin, id);
    expect(v).toMatchObject({ status: "previewed", progress: 100 });
    expect(v.preview?.counts.create).toBe(INLINE_ROWS + 1);
    expect(v.preview?.rows).toHaveLength(25);
    expect((await view(admin, id, { kind: "create", page: "41" })).preview).toMatchObject({
      page: 41,
      total: INLINE_ROWS + 1,
    });

    await applyStaffImport(admin, id, { deactivateMissing: "false" });
    expect((await view(admin, id)).status).toBe("applying");
    // A second press while it runs is refused.
    expect((await caught(applyStaffImport(admin, id, {}))).fieldErrors).toEqual({
      _form: "errors.importBusy",
    });
    while ((await runDueJobs()) > 0) {}
    expect(await view(admin, id)).toMatchObject({
      status: "applied",
      progress: 100,
      result: { created: INLINE_ROWS + 1 },
    });
    const [{ n }] = await db()
      .select({ n: count() })
      .from(employee)
      .where(and(eq(employee.centreId, s.centre.id), eq(employee.unitId, s.unitA.id)));
    expect(n).toBeGreaterThan(INLINE_ROWS);
  });

  it("when the staff change between preview and apply, the preview is made again with a notice", async () => {
    const { s, admin } = await fresh();
    const id = await previewed(
      admin,
      Buffer.from(
        staffCsv([{ number: "C-1", lastName: "Nowy", firstName: "Jan", email: "jan@zmiana.pl" }]),
      ),
    );
    expect((await view(admin, id)).preview?.counts.create).toBe(1);
    // Meanwhile someone gives that address to another employee.
    await saveEmployee(admin, s.employeeInUnitB.id, {
      firstName: "Anna",
      lastName: "Nowak",
      email: "jan@zmiana.pl",
      employeeNumber: "B1",
    });
    await applyStaffImport(admin, id, {});
    const v = await view(admin, id);
    expect(v).toMatchObject({ status: "previewed", error: "errors.importChanged" });
    expect(v.preview?.rows[0].errors).toEqual([
      { field: "email", message: "errors.emailOfAnotherEmployee" },
    ]);
    expect((await staffOf(s.centre.id)).some((e) => e.employeeNumber === "C-1")).toBe(false);
  });

  it("invites the employees the import created; their mails are in the outbox", async () => {
    const { s, admin } = await fresh();
    const id = await previewed(
      admin,
      Buffer.from(
        staffCsv([
          { number: "I-1", lastName: "Mazur", firstName: "Iga", email: "iga.mazur@zaproszenia.pl" },
          { number: "I-2", lastName: "Sowa", firstName: "Olaf", email: "olaf.sowa@zaproszenia.pl" },
        ]),
      ),
    );
    await applyStaffImport(admin, id, { deactivateMissing: "false" });
    // A double submit: one run sends the invitations, the other is told they have been sent.
    const [a, b] = await Promise.allSettled([inviteImported(admin, id), inviteImported(admin, id)]);
    const sent = [a, b].filter((r) => r.status === "fulfilled");
    expect(sent.map((r) => r.value)).toEqual([{ invited: 2, skipped: 0 }]);
    const refused = [a, b].find((r) => r.status === "rejected");
    expect(refused?.reason.fieldErrors).toEqual({ _form: "errors.alreadyInvited" });
    expect((await view(admin, id)).result?.invited).toMatchObject({ invited: 2, skipped: 0 });
    // A second tab, later: refused too.
    expect((await caught(inviteImported(admin, id))).fieldErrors).toEqual({
      _form: "errors.alreadyInvited",
    });
    const mails = await db()
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.centreId, s.centre.id),
          inArray(mailOutbox.toAddress, ["iga.mazur@zaproszenia.pl", "olaf.sowa@zaproszenia.pl"]),
        ),
      );
    expect(mails.map((m) => m.kind)).toEqual(["invitation", "invitation"]);
  });

  it("keeps imports to their centre and their administrators", async () => {
    const { s, admin } = await fresh();
    const other = await fresh();
    const id = await uploadStaffFile(
      admin,
      file(
        Buffer.from(staffCsv([{ number: "1", lastName: "A", firstName: "B", email: "a@b.pl" }])),
      ),
    );
    expect((await caught(viewStaffImport(other.admin, id, {}))).code).toBe("not_found");
    expect((await caught(setImportMapping(other.admin, id, {}))).code).toBe("not_found");
    expect((await caught(viewStaffImport(admin, "nie-uuid", {}))).code).toBe("not_found");
    const coordinator = await actorFor(s.users.coordinator.userId);
    expect((await caught(viewStaffImport(coordinator, id, {}))).code).toBe("forbidden");
    expect((await caught(uploadStaffFile(coordinator, file(Buffer.from("x"))))).code).toBe(
      "forbidden",
    );
  });

  it("deletes imports a week after they were uploaded", async () => {
    const { admin } = await fresh();
    const id = await uploadStaffFile(
      admin,
      file(
        Buffer.from(staffCsv([{ number: "1", lastName: "A", firstName: "B", email: "a@b.pl" }])),
      ),
    );
    expect(await deleteExpiredImports(new Date(Date.now() + 6 * 86_400_000))).toBe(0);
    expect(await deleteExpiredImports(new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThan(0);
    expect(await db().select().from(staffImport).where(eq(staffImport.id, id))).toEqual([]);
  });

  it("exports the employee list as CSV and XLSX, neutralising formulas, within the viewer's units", async () => {
    const { s, admin } = await fresh();
    await saveEmployee(admin, s.employeeInUnitB.id, {
      firstName: "@SUM(1+1)",
      lastName: '=HYPERLINK("http://zly.example")',
      email: s.employeeInUnitB.email,
      employeeNumber: "-B1",
      unitId: s.unitB.id,
      employmentStart: "2025-06-01",
    });
    const csv = await exportEmployees(admin, { status: "all" }, "csv", "pl");
    expect(csv.fileName).toMatch(/^pracownicy-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.body.subarray(3).toString("utf8");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe(
      "Nr ewidencyjny;Nazwisko;Imię;E-mail;Komórka organizacyjna;Stanowisko;Data zatrudnienia;Status;Konto",
    );
    // The header, the fixture's one person per role, and Anna.
    expect(lines).toHaveLength(1 + ROLES.length + 1);
    expect(lines).toContain(
      `'-B1;"'=HYPERLINK(""http://zly.example"")";'@SUM(1+1);${s.employeeInUnitB.email};Dział B;;01.06.2025;aktywny;nie zaproszono`,
    );

    const xlsx = await exportEmployees(admin, { q: "B1" }, "xlsx", "en");
    const wb = XLSX.read(xlsx.body, { type: "buffer", cellFormula: true });
    const ws = wb.Sheets[wb.SheetNames[0]];
    expect(ws.A1.v).toBe("Staff number");
    // An export imports back: every column of it is recognised, in either language.
    for (const body of [csv.body, xlsx.body]) {
      const sheet = readSpreadsheet(body);
      expect(Object.keys(proposeMapping(sheet.headers))).toHaveLength(7);
    }
    expect([ws.A2.v, ws.B2.v, ws.C2.v]).toEqual([
      "'-B1",
      '\'=HYPERLINK("http://zly.example")',
      "'@SUM(1+1)",
    ]);
    expect(ws.B2.f).toBeUndefined();
    expect(ws.A3).toBeUndefined();

    // A manager gets only the units they manage (unit A), like on the list.
    const manager = await actorFor(s.users.manager.userId);
    const mine = (await exportEmployees(manager, {}, "csv", "pl")).body.toString("utf8");
    expect(mine).not.toContain("Dział B");
    expect(mine).toContain("Dział A");
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), eq(auditLog.action, "employee.export")))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.details)).toEqual([
      { format: "csv", rows: ROLES.length + 1 },
      { format: "xlsx", rows: 1 },
      { format: "csv", rows: ROLES.length },
    ]);
    const employeeOnly = await actorFor(s.users.employee.userId);
    expect((await caught(exportEmployees(employeeOnly, {}, "csv", "pl"))).code).toBe("forbidden");
  });
});
