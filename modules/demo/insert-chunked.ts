// Batch inserts for the demo steps: many rows in few statements, each far below PostgreSQL's
// 65,535 parameters (a wide table takes a smaller batch).

export async function insertChunked<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<unknown>,
  chunk = 400,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}
