// `npm run przystan -- import-staff FILE --centre ID [--apply] [--no-deactivate]
// [--create-missing]`: the web import's preview on the terminal, and its apply.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { asc } from "drizzle-orm";
import { db } from "../../../platform/db.ts";
import { AppError } from "../../../platform/errors.ts";
import { isMessageKey, translator } from "../../../platform/i18n.ts";
import { MAX_SPREADSHEET_BYTES, readSpreadsheet } from "../../../platform/spreadsheet.ts";
import type { Actor } from "../../access/actor.ts";
import { centre } from "../schema.ts";
import { applyImport } from "./apply-import.ts";
import { FIELD_LABELS, IMPORT_FIELDS, MANDATORY_FIELDS, proposeMapping } from "./columns.ts";
import { type ImportInput, previewImport } from "./preview-import.ts";

export type CliImportOptions = {
  file: string;
  centreId?: string;
  apply: boolean;
  deactivate: boolean;
  createMissing: boolean;
};

/** The audit log's actor for the command (it is run by whoever operates the server). */
export const CLI_ACTOR_ID = "cli:import-staff";

/**
 * The command acts as a system actor with the administrator's permissions in the one centre,
 * not as a person: nobody signed in, and pinning it on the first administrator would put
 * someone else's name on it. The audit log shows "cli:import-staff" and `via: "cli"`.
 */
export function cliActor(c: { id: string; name: string }): Actor {
  return {
    userId: CLI_ACTOR_ID,
    name: "CLI",
    email: "",
    locale: null,
    twoFactorEnabled: false,
    centreId: c.id,
    centreName: c.name,
    roles: ["administrator"],
    managedUnitIds: [],
    employeeId: null,
    installationAdmin: false,
    requestId: `cli-${randomUUID()}`,
  };
}

const t = translator("pl");
const message = (key: string) => (isMessageKey(key) ? t(key) : key);
const label = (field: string) => t(FIELD_LABELS[field] ?? "import.row");
/** Errors beyond this many are counted, not listed, so a wrong file does not flood the screen. */
const MAX_LISTED = 200;

async function findCentre(id: string | undefined) {
  const all = await db()
    .select({ id: centre.id, name: centre.name, settings: centre.settings })
    .from(centre)
    .orderBy(asc(centre.createdAt));
  if (id) return all.find((c) => c.id === id) ?? null;
  return all.length === 1 ? all[0] : null;
}

/** Prints the preview and, with `apply`, writes it. Returns the process exit code. */
export async function importStaffFromCli(
  o: CliImportOptions,
  print: (line: string) => void,
): Promise<number> {
  if (!fs.existsSync(o.file) || !fs.statSync(o.file).isFile()) {
    print(`Nie ma takiego pliku / no such file: ${o.file}`);
    return 2;
  }
  const c = await findCentre(o.centreId);
  if (!c) {
    print(
      o.centreId
        ? `Nie ma ośrodka / no centre with id ${o.centreId}.`
        : "Podaj ośrodek / give the centre: --centre ID",
    );
    for (const x of await db().select({ id: centre.id, name: centre.name }).from(centre))
      print(`  ${x.id}  ${x.name}`);
    return 2;
  }
  let input: ImportInput;
  let format: string;
  try {
    // Checked before reading: a huge file is refused without filling memory.
    if (fs.statSync(o.file).size > MAX_SPREADSHEET_BYTES) {
      throw new AppError("validation", { file: "errors.fileTooLarge" });
    }
    const sheet = readSpreadsheet(fs.readFileSync(o.file));
    format = sheet.format;
    if (sheet.rows.length === 0) throw new AppError("validation", { file: "errors.noDataRows" });
    const mapping = proposeMapping(sheet.headers, c.settings.staffImportMapping ?? {});
    const missing = MANDATORY_FIELDS.filter((f) => mapping[f] === undefined);
    if (missing.length) {
      print(`${t("errors.missingColumns")}`);
      print(`Brak / missing: ${missing.map(label).join(", ")}`);
      print(`Nagłówek pliku / file header: ${sheet.headers.join(" | ")}`);
      return 1;
    }
    input = {
      headers: sheet.headers,
      rows: sheet.rows,
      rowNumbers: sheet.rowNumbers,
      mapping,
      choices: {},
    };
  } catch (err) {
    if (err instanceof AppError) {
      print(Object.values(err.fieldErrors).map(message).join(" ") || message(`errors.${err.code}`));
      return 1;
    }
    throw err;
  }

  print(`Plik / file: ${o.file} (${format}), ${input.rows.length} wierszy / rows`);
  print(`Ośrodek / centre: ${c.name}`);
  print("Kolumny / columns:");
  for (const f of IMPORT_FIELDS) {
    const i = input.mapping[f];
    if (i !== undefined) print(`  ${label(f)} ← "${input.headers[i]}"`);
  }

  const preview = await previewImport(db(), c.id, input);
  const n = preview.counts;
  print("");
  print("Podgląd / preview:");
  print(`  nowi / new:                        ${n.create}`);
  print(`  zmienieni / changed:               ${n.update}`);
  print(`  bez zmian / unchanged:             ${n.unchanged}`);
  print(
    `  do dezaktywacji / to deactivate:   ${n.deactivate}${o.deactivate ? "" : " (--no-deactivate: zostaną aktywni / stay active)"}`,
  );
  print(`  błędy / errors:                    ${n.error}`);

  const errorRows = preview.rows.filter((r) => r.kind === "error");
  if (errorRows.length) {
    print("");
    print("Błędy / errors:");
    for (const r of errorRows.slice(0, MAX_LISTED)) {
      for (const e of r.errors ?? []) {
        print(`  wiersz / row ${r.line}: ${label(e.field)} — ${message(e.message)}`);
      }
    }
    if (errorRows.length > MAX_LISTED)
      print(`  … i jeszcze / and ${errorRows.length - MAX_LISTED} wierszy / rows more`);
  }
  const unknown = (title: string, names: typeof preview.units) => {
    if (!names.length) return;
    print("");
    print(title);
    for (const u of names) {
      const several = u.candidates.length ? " — pasuje do kilku / matches several" : "";
      print(`  "${u.name}" — wiersze / rows: ${u.rows}${several}`);
    }
  };
  unknown("Nieznane komórki organizacyjne / unknown units:", preview.units);
  unknown("Nieznane stanowiska / unknown positions:", preview.positions);
  if (o.deactivate && preview.deactivate.length) {
    print("");
    print("Do dezaktywacji (nie ma ich w pliku) / to deactivate (not in the file):");
    for (const d of preview.deactivate.slice(0, MAX_LISTED))
      print(`  ${d.employeeNumber}  ${d.name}`);
    if (preview.deactivate.length > MAX_LISTED)
      print(`  … i jeszcze / and ${preview.deactivate.length - MAX_LISTED} more`);
  }

  print("");
  if (!o.apply) {
    print("Nic nie zapisano. Aby zapisać, dodaj --apply. / Nothing written; add --apply to write.");
    return 0;
  }
  if (n.error > 0) {
    print("Nie zapisano: popraw błędy w pliku. / Not written: the file has errors.");
    return 1;
  }
  const names = [...preview.units, ...preview.positions];
  if (names.some((u) => u.candidates.length > 0)) {
    print(
      "Nie zapisano: nazwa pasuje do kilku komórek lub stanowisk — wybierz w aplikacji. / Not written: a name matches several; choose in the web import.",
    );
    return 1;
  }
  if (names.length && !o.createMissing) {
    print(
      "Nie zapisano: nieznane komórki lub stanowiska. Dodaj --create-missing, aby je utworzyć. / Not written: unknown units or positions; add --create-missing to create them.",
    );
    return 1;
  }
  const actor = cliActor(c);
  try {
    const r = await db().transaction((tx) =>
      applyImport(tx, actor, input, { deactivateMissing: o.deactivate, via: "cli" }),
    );
    print("Zapisano / written:");
    print(`  utworzono / created:         ${r.created}`);
    print(`  zmieniono / updated:         ${r.updated}`);
    print(`  bez zmian / unchanged:       ${r.unchanged}`);
    print(`  dezaktywowano / deactivated: ${r.deactivated}`);
    if (r.unitsCreated || r.positionsCreated) {
      print(`  nowe komórki / units created: ${r.unitsCreated}`);
      print(`  nowe stanowiska / positions created: ${r.positionsCreated}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === "validation") {
      print(`Nie zapisano / not written: ${Object.values(err.fieldErrors).map(message).join(" ")}`);
      return 1;
    }
    throw err;
  }
}
