import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, openDatabase, runMigrations, setDatabase } from "../../../platform/db.ts";
import { auditLog } from "../../../platform/platform-schema.ts";
import { openTestDatabase, testDbKinds } from "../../../platform/testing.ts";
import { resetAuth } from "../../access/auth.ts";
import { ROLES } from "../../access/permissions.ts";
import { seedCentreWithRoles } from "../../access/test-fixtures.ts";
import { employee, orgUnit, position } from "../schema.ts";
import { CLI_ACTOR_ID, importStaffFromCli } from "./import-staff-cli.ts";
import { encodeWindows1250, staffCsv, staffXlsx } from "./test-files.ts";

const root = path.resolve(import.meta.dirname, "../../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "przystan-import-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe.each(testDbKinds)("import-staff command (%s)", (kind) => {
  let d: Awaited<ReturnType<typeof openTestDatabase>>;
  let s: Awaited<ReturnType<typeof seedCentreWithRoles>>;

  beforeAll(async () => {
    d = await openTestDatabase(kind);
    s = await seedCentreWithRoles();
  });
  afterAll(() => d.drop());

  async function run(file: string, flags: Partial<Parameters<typeof importStaffFromCli>[0]> = {}) {
    const lines: string[] = [];
    const code = await importStaffFromCli(
      {
        file,
        centreId: s.centre.id,
        apply: false,
        deactivate: true,
        createMissing: false,
        ...flags,
      },
      (l) => lines.push(l),
    );
    return { code, out: lines.join("\n") };
  }
  const staff = () => db().select().from(employee).where(eq(employee.centreId, s.centre.id));

  it("prints the preview — counts, errors with row numbers, unknown names — and writes nothing", async () => {
    const file = write(
      "bledy.csv",
      encodeWindows1250(
        staffCsv([
          {
            number: "K-1",
            lastName: "Żółkiewska",
            firstName: "Ąda",
            email: "ada@k.pl",
            unit: "Dział Kadr",
          },
          { number: "K-1", lastName: "Dubel", firstName: "Jan", email: "jan@k.pl" },
          {
            number: "K-3",
            lastName: "Data",
            firstName: "Zła",
            email: "z@k.pl",
            start: "32.01.2025",
          },
        ]),
      ),
    );
    const before = await staff();
    const { code, out } = await run(file);
    expect(code).toBe(0);
    expect(out).toContain("csv:windows-1250;");
    expect(out).toMatch(/nowi \/ new: +0/);
    expect(out).toMatch(/błędy \/ errors: +3/);
    // Nobody of the file is on the staff: all of it (one person per role, and Anna) would go.
    expect(out).toMatch(
      new RegExp(`do dezaktywacji \\/ to deactivate: +${ROLES.length + 1}$`, "m"),
    );
    expect(out).toContain(
      "wiersz / row 2: Nr ewidencyjny — Ten numer ewidencyjny występuje więcej niż raz.",
    );
    expect(out).toContain("wiersz / row 3: Nr ewidencyjny");
    expect(out).toContain("wiersz / row 4: Data zatrudnienia — Nieprawidłowa data");
    expect(out).toContain('"Dział Kadr" — wiersze / rows: 1');
    expect(out).toContain("Nic nie zapisano");
    expect(await staff()).toEqual(before);

    const refused = await run(file, { apply: true });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("Nie zapisano: popraw błędy");
    expect(await staff()).toEqual(before);
  });

  it("applies only without errors, creating unknown units and positions only when told to", async () => {
    const file = write(
      "kadry.xlsx",
      staffXlsx([
        {
          number: "C-1",
          lastName: "Nowy",
          firstName: "Adam",
          email: "adam@c.pl",
          unit: "Dział Kadr",
          position: "Psycholog",
          start: "2025-06-01",
        },
        {
          number: "B1",
          lastName: "Nowak",
          firstName: "Anna",
          email: s.employeeInUnitB.email,
          unit: "Dział B",
        },
      ]),
    );
    const refused = await run(file, { apply: true, deactivate: false });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain("--create-missing");
    expect((await staff()).some((e) => e.employeeNumber === "C-1")).toBe(false);

    const ok = await run(file, { apply: true, deactivate: false, createMissing: true });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/utworzono \/ created: +1/);
    expect(ok.out).toMatch(/bez zmian \/ unchanged: +1/);
    const [kadr] = await db()
      .select()
      .from(orgUnit)
      .where(and(eq(orgUnit.centreId, s.centre.id), eq(orgUnit.name, "Dział Kadr")));
    expect(kadr.kind).toBe("department");
    const [psych] = await db()
      .select()
      .from(position)
      .where(and(eq(position.centreId, s.centre.id), eq(position.name, "Psycholog")));
    expect((await staff()).find((e) => e.employeeNumber === "C-1")).toMatchObject({
      unitId: kadr.id,
      positionId: psych.id,
      employmentStart: "2025-06-01",
    });
    // Nobody was deactivated (--no-deactivate), and the audit log says it came from the CLI.
    expect((await staff()).every((e) => e.active)).toBe(true);
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.centreId, s.centre.id), eq(auditLog.action, "staff_import.apply")));
    expect(entry).toMatchObject({ actorUserId: CLI_ACTOR_ID, details: { via: "cli", created: 1 } });

    // Again, with deactivation: everyone not in the file goes (the CLI is nobody's own record).
    const again = await run(file, { apply: true });
    expect(again.code).toBe(0);
    expect(again.out).toMatch(new RegExp(`dezaktywowano \\/ deactivated: +${ROLES.length}$`, "m"));
    expect(
      (await staff())
        .filter((e) => e.active)
        .map((e) => e.employeeNumber)
        .sort(),
    ).toEqual(["B1", "C-1"]);
  });

  it("refuses a file over 10 MB without reading it, and a file without the mandatory columns", async () => {
    const big = path.join(dir, "duzy.csv");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 50 * 1024 * 1024);
    const r = await run(big);
    expect(r).toEqual({ code: 1, out: "Plik jest za duży (maks. 10 MB)." });
    const bad = await run(write("zle.csv", "Imię;Nazwisko;Dział;Uwagi\r\nJan;Kos;A;\r\n"));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("brak wymaganych kolumn");
    expect(bad.out).toContain("Brak / missing: E-mail, Nr ewidencyjny");
    const binary = await run(write("obraz.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1])));
    expect(binary).toEqual({ code: 1, out: "To nie jest plik CSV ani XLSX." });
    expect((await run(path.join(dir, "nie-ma.csv"))).code).toBe(2);
    const other = await importStaffFromCli(
      {
        file: big,
        centreId: "00000000-0000-0000-0000-000000000000",
        apply: false,
        deactivate: true,
        createMissing: false,
      },
      () => {},
    );
    expect(other).toBe(2);
  });
});

describe("npm run przystan -- import-staff (a real process on PGlite)", () => {
  const dataDir = path.join(dir, "data");
  let centreId = "";

  beforeAll(async () => {
    resetAuth();
    const d = await openDatabase({ dataDir });
    await runMigrations(d);
    setDatabase(d);
    centreId = (await seedCentreWithRoles("MOPS Proces", "proces.pl")).centre.id;
    await d.close();
    setDatabase(undefined);
  });

  function cli(args: string[]): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, "cli/main.ts"), ...args], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "silent" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c) => {
        out += c;
      });
      child.stderr.on("data", (c) => {
        out += c;
      });
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, out }));
    });
  }

  it("previews, then applies with --apply", async () => {
    const file = write(
      "proces.csv",
      staffCsv([
        {
          number: "Z-1",
          lastName: "Zając",
          firstName: "Zofia",
          email: "zofia@proces.pl",
          unit: "Dział A",
        },
      ]),
    );
    const preview = await cli(["import-staff", file, "--centre", centreId]);
    expect(preview.out).toMatch(/nowi \/ new: +1/);
    expect(preview.code).toBe(0);
    const applied = await cli([
      "import-staff",
      file,
      "--centre",
      centreId,
      "--apply",
      "--no-deactivate",
    ]);
    expect(applied.out).toMatch(/utworzono \/ created: +1/);
    expect(applied.code).toBe(0);
    const again = await cli(["import-staff", file, "--centre", centreId]);
    expect(again.out).toMatch(/bez zmian \/ unchanged: +1/);
    const usage = await cli(["import-staff"]);
    expect(usage.code).toBe(1);
    expect(usage.out).toContain("Usage: import-staff FILE");
  }, 120_000);
});
