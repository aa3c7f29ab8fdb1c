// Progress of a preview or apply for the progress bar. It is written to the import's row, so
// any app process can answer the page that polls it. An apply runs inside one transaction:
// on PostgreSQL the row is updated over another pooled connection; PGlite has only the one
// connection the transaction holds, but it also serves one process only, so there the figure
// lives in this process's memory (on globalThis: the web build has its own copy of modules).
import { and, eq, inArray } from "drizzle-orm";
import { database, db } from "../../../platform/db.ts";
import { staffImport } from "../schema.ts";

const KEY = Symbol.for("przystan.staffImportProgress");
type Holder = { [KEY]?: Map<string, number> };

function live(): Map<string, number> {
  const g = globalThis as Holder;
  g[KEY] ??= new Map();
  return g[KEY];
}

/** A callback that records the percentage; the database hears of every fifth percent or so. */
export function progressReporter(
  importId: string,
  opts: { inTransaction: boolean },
): (percent: number) => void {
  const toDatabase = !opts.inTransaction || database().kind === "postgres";
  let written = 0;
  return (percent) => {
    const p = Math.max(0, Math.min(100, Math.round(percent)));
    live().set(importId, p);
    if (!toDatabase || p < written + 5) return;
    written = p;
    // Only while the work is under way: a late write must not touch a finished import. The
    // time shows the work is alive (an import that stops moving is taken as cut off, store.ts).
    void db()
      .update(staffImport)
      .set({ progress: p, updatedAt: new Date() })
      .where(
        and(eq(staffImport.id, importId), inArray(staffImport.status, ["previewing", "applying"])),
      )
      .catch(() => undefined);
  };
}

/** The best figure known for an import under way. */
export function currentProgress(importId: string, stored: number): number {
  return Math.max(stored, live().get(importId) ?? 0);
}

/** Whether a preview or apply of the import is running in this process. */
export function isUnderWayHere(importId: string): boolean {
  return live().has(importId);
}

export function forgetProgress(importId: string): void {
  live().delete(importId);
}
