// Staff files as HR systems write them, for the tests, the end-to-end suite and the benchmark.
import { parseSpreadsheetDate, toXlsx } from "../../../platform/spreadsheet.ts";

let reverse1250: Map<string, number> | undefined;

/** Text in the Windows-1250 code page (Node can decode it, but has no encoder of its own). */
export function encodeWindows1250(text: string): Buffer {
  if (!reverse1250) {
    reverse1250 = new Map();
    const decoder = new TextDecoder("windows-1250");
    for (let b = 0; b < 256; b++) {
      const ch = decoder.decode(new Uint8Array([b]));
      if (ch !== "\ufffd" && !reverse1250.has(ch)) reverse1250.set(ch, b);
    }
  }
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const b = reverse1250.get(ch);
    if (b === undefined) throw new Error(`not in Windows-1250: ${ch}`);
    out[n++] = b;
  }
  return out.subarray(0, n);
}

export type StaffRow = {
  firstName: string;
  lastName: string;
  email: string;
  number: string;
  unit?: string;
  position?: string;
  start?: string;
};

export const STAFF_HEADER = [
  "Nr ewidencyjny",
  "Nazwisko",
  "Imię",
  "E-mail",
  "Komórka organizacyjna",
  "Stanowisko",
  "Data zatrudnienia",
];

function cells(r: StaffRow): string[] {
  return [
    r.number,
    r.lastName,
    r.firstName,
    r.email,
    r.unit ?? "",
    r.position ?? "",
    r.start ?? "",
  ];
}

/** A CSV with the Polish header; `;` and CRLF as Polish Excel saves it. */
export function staffCsv(
  rows: StaffRow[],
  opts: { delimiter?: string; header?: string[] } = {},
): string {
  const d = opts.delimiter ?? ";";
  const quote = (c: string) =>
    c.includes(d) || c.includes('"') ? `"${c.replace(/"/g, '""')}"` : c;
  return `${[opts.header ?? STAFF_HEADER, ...rows.map(cells)].map((r) => r.map(quote).join(d)).join("\r\n")}\r\n`;
}

/** An XLSX with the English header; the employment start is a real date cell. */
export function staffXlsx(rows: StaffRow[]): Buffer {
  return toXlsx([
    ["Employee ID", "Last name", "First name", "Email", "Department", "Job title", "Hire date"],
    ...rows.map((r) => [
      r.number,
      r.lastName,
      r.firstName,
      r.email,
      r.unit ?? "",
      r.position ?? "",
      r.start ? { date: parseSpreadsheetDate(r.start) ?? r.start } : null,
    ]),
  ]);
}

const FIRST = [
  "Anna",
  "Małgorzata",
  "Katarzyna",
  "Agnieszka",
  "Piotr",
  "Łukasz",
  "Grzegorz",
  "Żaneta",
];
const LAST = [
  "Nowak",
  "Wiśniewska",
  "Wójcik",
  "Kowalczyk",
  "Zieliński",
  "Szymańska",
  "Dąbrowski",
  "Łęcka",
];

/** `count` distinct people for a generated file (the benchmark's ten thousand rows). */
export function generatedStaff(
  count: number,
  opts: { units?: string[]; positions?: string[]; domain?: string } = {},
): StaffRow[] {
  const units = opts.units ?? [];
  const positions = opts.positions ?? [];
  return Array.from({ length: count }, (_, i) => ({
    number: `G${String(i + 1).padStart(6, "0")}`,
    firstName: FIRST[i % FIRST.length],
    lastName: LAST[(i * 7) % LAST.length],
    email: `pracownik${i + 1}@${opts.domain ?? "generowany.pl"}`,
    unit: units.length ? units[i % units.length] : "",
    position: positions.length ? positions[(i * 3) % positions.length] : "",
    start: `20${String(10 + (i % 15)).padStart(2, "0")}-${String((i % 12) + 1).padStart(2, "0")}-01`,
  }));
}
