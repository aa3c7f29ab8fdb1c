// Spreadsheets in and out: the staff files HR systems produce (CSV in UTF-8 or Windows-1250,
// separated by ";", "," or tab, and XLSX), and the exports people open in Excel.
import * as XLSX from "@e965/xlsx";
import { parse as parseCsv } from "csv-parse/sync";
import type { DownloadFile } from "./download.ts";
import { AppError } from "./errors.ts";

/** The largest file read; the upload route lets a request this big (plus its envelope) in. */
export const MAX_SPREADSHEET_BYTES = 10 * 1024 * 1024;
/** Rows after the header; a regional platform's largest centre has a few thousand staff. */
export const MAX_SPREADSHEET_ROWS = 50_000;
/**
 * Columns with data in them. A staff list has about ten; the cap keeps a stray cell far to the
 * right (an XLSX may use columns up to XFD, 16,384) from making every row that wide in memory.
 */
export const MAX_SPREADSHEET_COLUMNS = 200;

export type Sheet = {
  /** "csv:utf-8;", "csv:windows-1250,", "csv:utf-8tab", "xlsx", … */
  format: string;
  headers: string[];
  /** Cells as text, trimmed; rows that are entirely empty are left out. */
  rows: string[][];
  /** The file's line (CSV) or sheet row (XLSX) of each row, 1-based, for error messages. */
  rowNumbers: number[];
  /** The file's line or sheet row of the header. */
  headerRow: number;
};

const fileError = (key: string) => new AppError("validation", { file: key });

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads a CSV or XLSX file, judged by its content (a renamed file is read for what it is).
 * Refuses, with a message key on the field "file": a file over the limit, an empty one, one
 * that is neither text nor a workbook, one with more rows or columns than the limits.
 */
export function readSpreadsheet(bytes: Uint8Array): Sheet {
  if (bytes.byteLength > MAX_SPREADSHEET_BYTES) throw fileError("errors.fileTooLarge");
  if (bytes.byteLength === 0) throw fileError("errors.fileEmpty");
  const sheet = startsWith(bytes, ZIP) ? readXlsx(bytes) : readCsv(bytes);
  if (sheet.headers.every((h) => h === "")) throw fileError("errors.fileEmpty");
  if (sheet.rows.length > MAX_SPREADSHEET_ROWS) throw fileError("errors.tooManyRows");
  return sheet;
}

// ---------------------------------------------------------------------------------------------
// CSV

/** The text of a CSV file and its encoding: a BOM decides; else UTF-8 if valid, else 1250. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  }
  // Excel's "Unicode text" is UTF-16 with a BOM (and full of NUL bytes, so it goes first).
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? "utf-16le" : "utf-16be";
    return { text: new TextDecoder(encoding).decode(bytes.subarray(2)), encoding };
  }
  if (bytes.includes(0)) throw fileError("errors.notSpreadsheet");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Polish Windows offices still save CSV in the ANSI code page; every byte decodes there.
    return { text: new TextDecoder("windows-1250").decode(bytes), encoding: "windows-1250" };
  }
}

/** Control characters other than tab, CR, LF and form feed: a text file has next to none. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  return control > 0 && control / sample.length > 0.001;
}

/** The separator that occurs most often, outside quotes, in the first non-empty line. */
export function detectDelimiter(text: string): ";" | "," | "\t" {
  const line = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  const counts = { ";": 0, "\t": 0, ",": 0 };
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  // On a tie the Polish Excel default (";") wins, then tab, then ",".
  let best: keyof typeof counts = ";";
  for (const d of [";", "\t", ","] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

function readCsv(bytes: Uint8Array): Sheet {
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) throw fileError("errors.notSpreadsheet");
  if (text.trim() === "") throw fileError("errors.fileEmpty");
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      // One row more than allowed is enough to refuse the file.
      to: MAX_SPREADSHEET_ROWS + 2,
    }) as unknown as typeof records;
  } catch {
    throw fileError("errors.csvSyntax");
  }
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (const { record, info } of records) {
    const cells = record.map(cleanCell);
    if (cells.every((c) => c === "")) continue;
    if (cells.length > MAX_SPREADSHEET_COLUMNS) {
      if (cells.slice(MAX_SPREADSHEET_COLUMNS).some((c) => c !== "")) {
        throw fileError("errors.tooManyColumns");
      }
      // Only empty cells beyond the cap (a line ending in separators): they carry nothing.
      cells.length = MAX_SPREADSHEET_COLUMNS;
    }
    // `lines` is the line a record ends on; a quoted cell may have spanned several.
    const spanned = record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
    rows.push(cells);
    rowNumbers.push(info.lines - spanned);
  }
  if (rows.length === 0) throw fileError("errors.fileEmpty");
  const delimiterName = delimiter === "\t" ? "tab" : delimiter;
  return {
    format: `csv:${encoding}${delimiterName}`,
    headers: rows[0],
    rows: rows.slice(1),
    rowNumbers: rowNumbers.slice(1),
    headerRow: rowNumbers[0],
  };
}

function cleanCell(value: string): string {
  return value.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0]+$/g, "");
}

// ---------------------------------------------------------------------------------------------
// XLSX

function readXlsx(bytes: Uint8Array): Sheet {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: "buffer",
      dense: true,
      sheets: 0,
      sheetRows: MAX_SPREADSHEET_ROWS + 2,
      cellFormula: false,
      cellHTML: false,
      // Number formats tell date cells and zero-padded numbers apart.
      cellNF: true,
    });
  } catch {
    throw fileError("errors.notSpreadsheet");
  }
  // Any zip (a .docx, say) opens as a "workbook" without sheets, or with nothing in them.
  const ws = wb.SheetNames.length ? wb.Sheets[wb.SheetNames[0]] : undefined;
  if (!ws || !wb.Workbook) throw fileError("errors.notSpreadsheet");
  const data = (ws["!data"] ?? []) as (XLSX.CellObject | undefined)[][];
  // The used width first: rows are sparse arrays, so only the cells present are visited, and no
  // row is made wider than the last column that has something in it.
  const texts: Map<number, string>[] = [];
  let used = 0;
  for (let r = 0; r < data.length; r++) {
    const cells = new Map<number, string>();
    data[r]?.forEach((cell, c) => {
      const text = cleanCell(xlsxCellText(cell));
      if (text === "") return;
      cells.set(c, text);
      used = Math.max(used, c + 1);
    });
    texts.push(cells);
  }
  if (used > MAX_SPREADSHEET_COLUMNS) throw fileError("errors.tooManyColumns");
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = 0; r < texts.length; r++) {
    if (texts[r].size === 0) continue;
    rows.push(Array.from({ length: used }, (_, c) => texts[r].get(c) ?? ""));
    rowNumbers.push(r + 1);
  }
  if (rows.length === 0) throw fileError("errors.fileEmpty");
  return {
    format: "xlsx",
    headers: rows[0],
    rows: rows.slice(1),
    rowNumbers: rowNumbers.slice(1),
    headerRow: rowNumbers[0],
  };
}

/**
 * A cell as text. Date-formatted numbers stay Excel serial numbers (parseSpreadsheetDate reads
 * them); other numbers keep their displayed form only when a format pads them ("00123").
 */
function xlsxCellText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return "";
  switch (cell.t) {
    case "s":
      return String(cell.v);
    case "n": {
      const format = typeof cell.z === "string" ? cell.z : "General";
      if (format !== "General" && XLSX.SSF.is_date(format)) return String(cell.v);
      if (format !== "General" && /^0+$/.test(format) && cell.w) return cell.w;
      return String(cell.v);
    }
    case "d":
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : String(cell.v);
    case "b":
      return cell.v ? "TRUE" : "FALSE";
    case "e":
      return cell.w ?? "";
    default:
      return String(cell.v);
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

const DAY_MS = 86_400_000;

function isoIfValid(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

/** yyyy-mm-dd of an Excel serial day number (the 1900 date system, its leap-year bug included). */
export function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(day) || day < 1 || day === 60) return null;
  // Excel counts a 29 February 1900 that never was: days after it are one off.
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const d = new Date(epoch + day * DAY_MS);
  return isoIfValid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The Excel serial day number of a yyyy-mm-dd date. */
export function isoToExcelSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  const day = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / DAY_MS;
  return day < 61 ? day - 1 : day;
}

/**
 * Excel serial numbers taken for a date: 1950-01-01 … 2100-12-31, the span of employment dates.
 * Any other number in a date column ("2019", "12", "1.6") is a mistake, not a day in 1900–1905.
 */
const SERIAL_FROM = isoToExcelSerial("1950-01-01");
const SERIAL_TO = isoToExcelSerial("2100-12-31");

/**
 * A date as HR files write it — 2025-06-01, 01.06.2025 (or 1.6.2025, "01.06.2025 r."), or an
 * Excel serial number in the span above — as yyyy-mm-dd; null for anything else, including
 * impossible dates. A time of day after the date is ignored.
 */
export function parseSpreadsheetDate(text: string): string | null {
  const s = text.trim();
  const time = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
  let m = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${time}$`).exec(s);
  if (m) return isoIfValid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?:\\s*r\\.?)?${time}$`).exec(s);
  if (m) return isoIfValid(Number(m[3]), Number(m[2]), Number(m[1]));
  if (/^\d{1,7}(?:[.,]\d+)?$/.test(s)) {
    const serial = Number(s.replace(",", "."));
    if (serial < SERIAL_FROM || serial >= SERIAL_TO + 1) return null;
    return excelSerialToIso(serial);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Writing

/** A cell of an export: text, a number, a date (yyyy-mm-dd) or nothing. */
export type Cell = string | number | { date: string } | null | undefined;

/**
 * Text a spreadsheet would take for a formula (or that would break its cell) gets a leading
 * apostrophe, as OWASP advises against CSV injection: =, +, -, @, tab and carriage return.
 */
export function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function dateText(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return String(cell);
  const text =
    typeof cell === "string"
      ? neutralizeFormula(cell)
      : /^\d{4}-\d{2}-\d{2}$/.test(cell.date)
        ? dateText(cell.date)
        : neutralizeFormula(cell.date);
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV as Polish Excel opens it directly: UTF-8 with a BOM, ";" between cells, CRLF lines.
 * Only the start of each cell is neutralised (csvCell): a spreadsheet takes a formula only from
 * a cell's first character, and with ";" as the separator — the one Polish Excel splits on — a
 * cell ends only at a ";" or a line break, which csvCell puts inside quotes. So no text within
 * a cell can begin another cell. A program splitting on "," or tab would start new cells
 * mid-text, unneutralised: the separator must stay ";" for this to hold.
 */
export function toCsv(rows: Cell[][]): Buffer {
  const text = rows.map((r) => r.map(csvCell).join(";")).join("\r\n");
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${text}\r\n`, "utf8")]);
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
export const XLSX_CONTENT_TYPE =
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** One table as a download: CSV (UTF-8 for any program) or a one-sheet XLSX workbook. */
export function tableFile(
  format: "csv" | "xlsx",
  rows: Cell[][],
  baseName: string,
  sheetTitle: string,
): DownloadFile {
  return format === "csv"
    ? { body: toCsv(rows), fileName: `${baseName}.csv`, contentType: CSV_CONTENT_TYPE }
    : {
        body: toXlsx(rows, sheetTitle),
        fileName: `${baseName}.xlsx`,
        contentType: XLSX_CONTENT_TYPE,
      };
}

/** An XLSX workbook of one sheet; the first row is the header. Dates are real date cells. */
export function toXlsx(rows: Cell[][], sheetName = "Arkusz1"): Buffer {
  return toXlsxWorkbook([{ name: sheetName, rows }]);
}

/**
 * A sheet's name as Excel takes it: none of : \\ / ? * [ ] (a dash instead), at most 31
 * characters. Names come from translated titles, which may hold a colon.
 */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, "-").slice(0, 31);
}

/** An XLSX workbook of several sheets (names made fit for Excel: sheetName). */
export function toXlsxWorkbook(sheets: { name: string; rows: Cell[][] }[]): Buffer {
  const wb = XLSX.utils.book_new();
  for (const sheet of sheets) {
    XLSX.utils.book_append_sheet(wb, xlsxSheet(sheet.rows), sheetName(sheet.name));
  }
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
}

function xlsxSheet(rows: Cell[][]): XLSX.WorkSheet {
  const ws: XLSX.WorkSheet = {};
  let width = 0;
  rows.forEach((row, r) => {
    width = Math.max(width, row.length);
    row.forEach((cell, c) => {
      if (cell === null || cell === undefined || cell === "") return;
      const ref = XLSX.utils.encode_cell({ r, c });
      if (typeof cell === "number") ws[ref] = { t: "n", v: cell };
      else if (typeof cell === "string") ws[ref] = { t: "s", v: neutralizeFormula(cell) };
      else {
        const serial = /^\d{4}-\d{2}-\d{2}$/.test(cell.date) ? isoToExcelSerial(cell.date) : NaN;
        ws[ref] = Number.isFinite(serial)
          ? { t: "n", v: serial, z: "dd.mm.yyyy" }
          : { t: "s", v: neutralizeFormula(cell.date) };
      }
    });
  });
  ws["!ref"] = XLSX.utils.encode_range({
    s: { r: 0, c: 0 },
    e: { r: Math.max(0, rows.length - 1), c: Math.max(0, width - 1) },
  });
  ws["!cols"] = Array.from({ length: width }, (_, c) => ({
    wch: Math.min(
      50,
      Math.max(10, ...rows.slice(0, 200).map((r) => (typeof r[c] === "string" ? r[c].length : 10))),
    ),
  }));
  return ws;
}
