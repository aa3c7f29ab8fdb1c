// `npm run przystan -- <command>`: operations an IT person runs on the server.
import path from "node:path";
import { parseArgs } from "node:util";
import { createAdmin } from "../modules/access/create-admin.ts";
import { prepareFirstRun } from "../modules/access/first-run.ts";
import { backupTo, restoreFrom } from "../platform/backup.ts";
import { config } from "../platform/config.ts";
import { database, startDatabase } from "../platform/db.ts";

const HELP = `Przystań — polecenia administracyjne / administration commands

  migrate                              apply database migrations
  create-admin --email E --first-name F --last-name L [--centre ID]
                                       make an administrator; prints a one-time link
                                       where they set their own password
  backup FILE                          write every row to FILE (gzip, JSON lines)
  restore FILE                         replace all data with the backup in FILE

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
    },
  });
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
