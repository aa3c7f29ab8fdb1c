// `npm run przystan -- <command>`: operations an IT person runs on the server.
import path from "node:path";
import { parseArgs } from "node:util";
import { runApiKeyCommand } from "../modules/access/api-keys-cli.ts";
import { createAdmin } from "../modules/access/create-admin.ts";
import { prepareFirstRun } from "../modules/access/first-run.ts";
import { setInstallationAdminByEmail } from "../modules/access/installation-admins.ts";
import { assertDemoAllowed, buildDemo, formatDemoReport } from "../modules/demo/build-demo.ts";
import { importStaffFromCli } from "../modules/org/staff-import/import-staff-cli.ts";
import { backupTo, restoreFrom } from "../platform/backup.ts";
import { config } from "../platform/config.ts";
import { database, startDatabase } from "../platform/db.ts";

const HELP = `Przystań — polecenia administracyjne / administration commands

  migrate                              apply database migrations
  create-admin --email E --first-name F --last-name L [--centre ID]
                                       make an administrator; prints a one-time link
                                       where they set their own password
  installation-admin --email E [--revoke]
                                       let an existing account create centres and appoint
                                       their administrators (or take that away)
  api-key create --centre ID --role ROLE --name NAME
                                       make an integration key for /api/v1; prints it once
  api-key list --centre ID             the centre's keys (never the keys themselves)
  api-key revoke --id KEY_ID           stop a key working at once
  import-staff FILE --centre ID [--apply] [--no-deactivate] [--create-missing]
                                       preview a staff file (CSV or XLSX): counts, errors
                                       with row numbers, unknown units and positions;
                                       --apply writes it (refused while it has errors),
                                       --no-deactivate keeps staff missing from the file
                                       active, --create-missing creates unknown units and
                                       positions. Audited as "cli:import-staff".
  backup FILE                          write every row to FILE (gzip, JSON lines)
  restore FILE                         replace all data with the backup in FILE
  demo [--force]                       (re)build the demo centres with public passwords
                                       (refused with NODE_ENV=production unless --force)

The embedded database (PGlite) serves one process at a time: stop the server first.`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      "first-name": { type: "string" },
      "last-name": { type: "string" },
      centre: { type: "string" },
      apply: { type: "boolean" },
      "no-deactivate": { type: "boolean" },
      "create-missing": { type: "boolean" },
      role: { type: "string" },
      name: { type: "string" },
      id: { type: "string" },
      revoke: { type: "boolean" },
      force: { type: "boolean" },
    },
  });
  // Checked before the database is opened, so a refused demo leaves no trace.
  if (command === "demo") assertDemoAllowed(process.env, Boolean(values.force));
  await startDatabase();
  try {
    switch (command) {
      case "migrate":
        console.log(`Migrations applied (${database().kind}).`);
        break;
      case "create-admin": {
        const setup = await prepareFirstRun();
        if (setup) {
          console.log("No centre exists yet. Open the first-run link instead (valid 24 h):");
          console.log(setup);
          break;
        }
        const link = await createAdmin({
          email: values.email ?? "",
          firstName: values["first-name"] ?? "",
          lastName: values["last-name"] ?? "",
          centreId: values.centre,
        });
        console.log(
          "Administrator ready. Send them this one-time link (valid 7 days) to set a password:",
        );
        console.log(link);
        break;
      }
      case "installation-admin": {
        if (!values.email) throw new Error("Usage: installation-admin --email E [--revoke]");
        await setInstallationAdminByEmail(values.email, !values.revoke);
        console.log(
          values.revoke
            ? "No longer an installation administrator."
            : "Now an installation administrator: may create centres and appoint their administrators.",
        );
        break;
      }
      case "api-key": {
        const lines = await runApiKeyCommand(positionals[0], values);
        console.log(lines.join("\n"));
        break;
      }
      case "import-staff": {
        if (!positionals[0]) throw new Error("Usage: import-staff FILE --centre ID [--apply]");
        process.exitCode = await importStaffFromCli(
          {
            file: path.resolve(positionals[0]),
            centreId: values.centre,
            apply: Boolean(values.apply),
            deactivate: !values["no-deactivate"],
            createMissing: Boolean(values["create-missing"]),
          },
          (line) => console.log(line),
        );
        break;
      }
      case "backup": {
        const file = path.resolve(positionals[0] ?? "");
        if (!positionals[0]) throw new Error("Usage: backup FILE");
        const r = await backupTo(database(), file);
        console.log(`Backup written: ${file} (${r.tables} tables, ${r.rows} rows)`);
        break;
      }
      case "restore": {
        if (!positionals[0]) throw new Error("Usage: restore FILE");
        const file = path.resolve(positionals[0]);
        const r = await restoreFrom(database(), file);
        console.log(`Restored ${r.rows} rows in ${r.tables} tables from ${file}`);
        break;
      }
      case "demo": {
        const result = await buildDemo({ force: values.force });
        console.log(formatDemoReport(result, performance.now() / 1000));
        break;
      }
      default:
        console.error(`Unknown command: ${command}\n`);
        console.log(HELP);
        process.exitCode = 2;
    }
  } finally {
    await database().close();
  }
}

main().catch((err) => {
  console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
  if (config().LOG_LEVEL === "debug") console.error(err);
  process.exit(1);
});
