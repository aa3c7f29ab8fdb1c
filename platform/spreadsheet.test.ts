import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { encodeWindows1250, staffCsv, staffXlsx } from "../modules/org/staff-import/test-files.ts";
import { downloadResponse } from "./download.ts";
import { AppError } from "./errors.ts";
import { translator } from "./i18n.ts";
import {
  decodeText,
  detectDelimiter,
  excelSerialToIso,
  isoToExcelSerial,
  MAX_SPREADSHEET_BYTES,
  MAX_SPREADSHEET_COLUMNS,
  MAX_SPREADSHEET_ROWS,
  neutralizeFormula,
  parseSpreadsheetDate,
  readSpreadsheet,
  sheetName,
  tableFile,
  toCsv,
  toXlsx,
  toXlsxWorkbook,
} from "./spreadsheet.ts";

/** The message key the reader refused with (on the field "file"). */
function refusal(bytes: Uint8Array): string {
  try {
    readSpreadsheet(bytes);
  } catch (err) {
    if (err instanceof AppError) return err.fieldErrors.file;
    throw err;
  }
  throw new Error("expected a refusal");
}

const POLISH = "ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ";

describe("readSpreadsheet: refusals", () => {
  it("refuses a 50 MB file, naming the 10 MB limit", () => {
    const big = Buffer.alloc(50 * 1024 * 1024, "a");
    expect(refusal(big)).toBe("errors.fileTooLarge");
    expect(translator("pl")("errors.fileTooLarge")).toBe("Plik jest za duży (maks. 10 MB).");
    expect(translator("en")("errors.fileTooLarge")).toContain("10 MB");
    expect(MAX_SPREADSHEET_BYTES).toBe(10 * 1024 * 1024);
    // One byte over the limit is over; the limit itself is fine.
    expect(refusal(Buffer.alloc(MAX_SPREADSHEET_BYTES + 1, "a"))).toBe("errors.fileTooLarge");
  });

  it("refuses a binary file renamed .csv", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(refusal(png)).toBe("errors.notSpreadsheet");
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(refusal(random)).toBe("errors.notSpreadsheet");
    // No NUL bytes, but full of control characters.
    const noisy = Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 31) % 255)));
    expect(refusal(noisy)).toBe("errors.notSpreadsheet");
    // An old .xls (OLE2), a zip that is not a workbook, a broken zip.
    expect(refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe(
      "errors.notSpreadsheet",
    );
    expect(refusal(Buffer.from("PK\x03\x04 certainly not a workbook"))).toBe(
      "errors.notSpreadsheet",
    );
    expect(translator("pl")("errors.notSpreadsheet")).toBe("To nie jest plik CSV ani XLSX.");
  });

  it("refuses empty files and files of blank lines", () => {
    expect(refusal(Buffer.alloc(0))).toBe("errors.fileEmpty");
    expect(refusal(Buffer.from("\r\n  \r\n;;;\r\n"))).toBe("errors.fileEmpty");
    expect(refusal(Buffer.from([0xef, 0xbb, 0xbf]))).toBe("errors.fileEmpty");
  });

  it("refuses a file with more rows than the limit", () => {
    const lines = [
      "Imię;Nazwisko",
      ...Array.from({ length: MAX_SPREADSHEET_ROWS + 1 }, () => "a;b"),
    ];
    expect(refusal(Buffer.from(lines.join("\n")))).toBe("errors.tooManyRows");
  });

  it("refuses an XLSX with something in column XFD at once, without making rows that wide", () => {
    const rows = [
      ["Nr", "Imię", "Nazwisko", "E-mail"],
      ...Array.from({ length: 3000 }, (_, i) => [`N${i}`, "Anna", "Nowak", `a${i}@x.pl`]),
    ];
    // Dense, so that writing the test file does not visit all 16,384 columns of every row.
    const xlsx = (stray: XLSX.CellObject) => {
      const ws = XLSX.utils.aoa_to_sheet(rows, { dense: true });
      (ws["!data"] as XLSX.CellObject[][])[0][16_383] = stray;
      ws["!ref"] = `A1:XFD${rows.length}`;
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, ws, "Arkusz1");
      return XLSX.write(wb, { type: "buffer", bookType: "xlsx", compression: true }) as Buffer;
    };
    const stray = xlsx({ t: "s", v: "zbłąkana" });
    const started = performance.now();
    expect(refusal(stray)).toBe("errors.tooManyColumns");
    // Generous for a busy machine: reading every row 16,384 cells wide takes minutes.
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(translator("pl")("errors.tooManyColumns")).toBe("Plik ma za dużo kolumn (maks. 200).");
    expect(translator("en")("errors.tooManyColumns")).toContain("200");
    // A cell there with nothing in it is formatting: the file reads, four columns wide.
    const blank = xlsx({ t: "s", v: " " });
    const again = performance.now();
    const sheet = readSpreadsheet(blank);
    expect(performance.now() - again).toBeLessThan(15_000);
    expect(sheet.headers).toEqual(rows[0]);
    expect(sheet.rows).toHaveLength(3000);
    expect(sheet.rows.every((r) => r.length === 4)).toBe(true);
  });

  it("takes up to 200 columns with data, in XLSX and CSV; a line ending in separators is fine", () => {
    const wide = (n: number) => Array.from({ length: n }, (_, i) => `k${i + 1}`);
    const book = (cells: string[]) => {
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([cells, cells]), "A");
      return XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer;
    };
    const csv = (cells: string[]) => Buffer.from(`${cells.join(";")}\n${cells.join(";")}\n`);
    expect(readSpreadsheet(book(wide(MAX_SPREADSHEET_COLUMNS))).headers).toHaveLength(200);
    expect(refusal(book(wide(MAX_SPREADSHEET_COLUMNS + 1)))).toBe("errors.tooManyColumns");
    expect(readSpreadsheet(csv(wide(MAX_SPREADSHEET_COLUMNS))).headers).toHaveLength(200);
    expect(refusal(csv(wide(MAX_SPREADSHEET_COLUMNS + 1)))).toBe("errors.tooManyColumns");
    const trailing = readSpreadsheet(Buffer.from(`Imię;Nazwisko\nAnna;Nowak${";".repeat(5000)}\n`));
    expect(trailing.rows[0].slice(0, 2)).toEqual(["Anna", "Nowak"]);
    expect(trailing.rows[0].length).toBeLessThanOrEqual(MAX_SPREADSHEET_COLUMNS);
  });

  it("refuses a CSV whose quote never closes", () => {
    expect(refusal(Buffer.from('Imię;Nazwisko\n"Anna;Nowak\n'))).toBe("errors.csvSyntax");
  });
});

describe("readSpreadsheet: CSV", () => {
  const rows = [{ number: "1", lastName: "Łęcka-Źdźbło", firstName: "Żaneta", email: "z@x.pl" }];

  it("decodes Windows-1250 so that ąćęłńóśźż come out right", () => {
    const bytes = encodeWindows1250(`Imię;Nazwisko\r\n${POLISH};Łęcka\r\n`);
    // The bytes are not UTF-8: ą is 0xB9 in Windows-1250.
    expect(bytes.includes(0xb9)).toBe(true);
    const sheet = readSpreadsheet(bytes);
    expect(sheet.format).toBe("csv:windows-1250;");
    expect(sheet.headers).toEqual(["Imię", "Nazwisko"]);
    expect(sheet.rows).toEqual([[POLISH, "Łęcka"]]);
  });

  it("reads UTF-8 with and without a BOM, and UTF-16 from Excel's Unicode text", () => {
    const text = staffCsv(rows);
    const plain = readSpreadsheet(Buffer.from(text, "utf8"));
    const bom = readSpreadsheet(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    );
    expect(plain.format).toBe("csv:utf-8;");
    expect(bom).toEqual(plain);
    expect(plain.headers[0]).toBe("Nr ewidencyjny");
    expect(plain.rows[0].slice(0, 3)).toEqual(["1", "Łęcka-Źdźbło", "Żaneta"]);
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(staffCsv(rows, { delimiter: "\t" }), "utf16le"),
    ]);
    const u = readSpreadsheet(utf16);
    expect(u.format).toBe("csv:utf-16letab");
    expect(u.rows).toEqual(plain.rows);
  });

  it("detects the separator from the header line", () => {
    expect(detectDelimiter("a;b;c\n1,5;2;3")).toBe(";");
    expect(detectDelimiter("a,b,c\n1;2;3")).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter('"Nazwisko; imię",b,c')).toBe(",");
    expect(detectDelimiter("\n\nImię")).toBe(";");
    for (const d of [";", ",", "\t"]) {
      const sheet = readSpreadsheet(Buffer.from(staffCsv(rows, { delimiter: d })));
      expect(sheet.headers).toHaveLength(7);
      expect(sheet.rows[0][1]).toBe("Łęcka-Źdźbło");
    }
  });

  it("keeps ragged rows (to be reported) and numbers rows by their line in the file", () => {
    const text =
      'Imię;Nazwisko;E-mail\n\nAnna;Nowak\n"Jan\nMaria";Kowalski;j@k.pl;extra\nEwa;Lis;e@l.pl\n';
    const sheet = readSpreadsheet(Buffer.from(text));
    expect(sheet.headerRow).toBe(1);
    expect(sheet.rows).toEqual([
      ["Anna", "Nowak"],
      ["Jan\nMaria", "Kowalski", "j@k.pl", "extra"],
      ["Ewa", "Lis", "e@l.pl"],
    ]);
    expect(sheet.rowNumbers).toEqual([3, 4, 6]);
  });

  it("trims cells and skips rows with nothing in them", () => {
    const sheet = readSpreadsheet(Buffer.from("Imię ; Nazwisko\n\u00a0Anna ;Nowak \n ; \n"));
    expect(sheet.headers).toEqual(["Imię", "Nazwisko"]);
    expect(sheet.rows).toEqual([["Anna", "Nowak"]]);
  });

  it("decodes by content: invalid UTF-8 is Windows-1250, valid UTF-8 stays UTF-8", () => {
    expect(decodeText(Buffer.from("zażółć", "utf8"))).toEqual({
      text: "zażółć",
      encoding: "utf-8",
    });
    expect(decodeText(encodeWindows1250("zażółć"))).toEqual({
      text: "zażółć",
      encoding: "windows-1250",
    });
  });
});

describe("readSpreadsheet: XLSX", () => {
  it("reads the first sheet, with date cells as Excel serial numbers", () => {
    const bytes = staffXlsx([
      { number: "7", lastName: "Wójcik", firstName: "Łucja", email: "l@w.pl", start: "2025-06-01" },
    ]);
    const sheet = readSpreadsheet(bytes);
    expect(sheet.format).toBe("xlsx");
    expect(sheet.headers[0]).toBe("Employee ID");
    expect(sheet.rows[0].slice(0, 4)).toEqual(["7", "Wójcik", "Łucja", "l@w.pl"]);
    expect(sheet.rows[0][6]).toBe(String(isoToExcelSerial("2025-06-01")));
    expect(parseSpreadsheetDate(sheet.rows[0][6])).toBe("2025-06-01");
    expect(sheet.rowNumbers).toEqual([2]);
  });

  it("keeps zero-padded numbers, skips blank rows and reads only the first sheet", () => {
    const first = XLSX.utils.aoa_to_sheet([[], ["Nr", "Imię"], [], [1, "Anna"]]);
    first.A4 = { t: "n", v: 42, z: "00000", w: "00042" };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, first, "Pracownicy");
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["inny"]]), "Inny");
    const sheet = readSpreadsheet(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }));
    expect(sheet.headers).toEqual(["Nr", "Imię"]);
    expect(sheet.rows).toEqual([["00042", "Anna"]]);
    expect(sheet.headerRow).toBe(2);
    expect(sheet.rowNumbers).toEqual([4]);
  });
});

describe("dates", () => {
  it("reads 2025-06-01, 01.06.2025, 1.6.2025 and Excel serial numbers as the same day", () => {
    for (const s of ["2025-06-01", "01.06.2025", "1.6.2025", "01.06.2025 r.", "45809", "45809.5"]) {
      expect(parseSpreadsheetDate(s), s).toBe("2025-06-01");
    }
    expect(parseSpreadsheetDate("2025-06-01 00:00:00")).toBe("2025-06-01");
    expect(isoToExcelSerial("2025-06-01")).toBe(45809);
  });

  it("refuses what is not a real date", () => {
    for (const s of [
      "31.02.2025",
      "2025-13-01",
      "01/06/2025",
      "czerwiec 2025",
      "",
      "0",
      "-5",
      "60",
    ]) {
      expect(parseSpreadsheetDate(s), s).toBeNull();
    }
  });

  it("takes a number for an Excel date only within 1950–2100, the span of employment dates", () => {
    // A year, a month, a day and a month: not days of 1900–1905.
    for (const s of ["2019", "12", "1.6", "1,6", "18263", "73416", "1234567"]) {
      expect(parseSpreadsheetDate(s), s).toBeNull();
    }
    expect(parseSpreadsheetDate("18264")).toBe("1950-01-01");
    expect(parseSpreadsheetDate("73415")).toBe("2100-12-31");
    expect(parseSpreadsheetDate("73415.99")).toBe("2100-12-31");
    expect(isoToExcelSerial("1950-01-01")).toBe(18264);
  });

  it("follows Excel's 1900 calendar, its phantom 29 February included", () => {
    expect(excelSerialToIso(1)).toBe("1900-01-01");
    expect(excelSerialToIso(59)).toBe("1900-02-28");
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(isoToExcelSerial("1900-03-01")).toBe(61);
    expect(isoToExcelSerial("1900-01-01")).toBe(1);
  });
});

describe("exports neutralise formula injection", () => {
  const dangerous = ['=HYPERLINK("http://x")', "+48 123", "-2+3", "@SUM(A1)", "\tx", "\rx"];

  it("puts an apostrophe before =, +, -, @, tab and CR", () => {
    for (const s of dangerous) expect(neutralizeFormula(s)).toBe(`'${s}`);
    for (const s of ["Anna", "'t Hooft", " =x", "a=b"]) expect(neutralizeFormula(s)).toBe(s);
  });

  it("in CSV: UTF-8 with a BOM, ';' separated, quoted where needed", () => {
    const csv = toCsv([
      ["Nazwisko", "Uwagi"],
      ...dangerous.map((s) => [s, "a;b"]),
      ["Żółć", { date: "2025-06-01" }],
      [null, 5],
    ]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"")";"a;b"`);
    expect(lines[2]).toBe(`'+48 123;"a;b"`);
    expect(lines[3]).toBe(`'-2+3;"a;b"`);
    expect(lines[4]).toBe(`'@SUM(A1);"a;b"`);
    expect(lines[5]).toBe(`'\tx;"a;b"`);
    expect(lines[6]).toBe(`"'\rx";"a;b"`);
    expect(lines[7]).toBe("Żółć;01.06.2025");
    expect(lines[8]).toBe(";5");
    // Read back, every dangerous cell still starts with the apostrophe.
    const back = readSpreadsheet(csv);
    expect(back.rows.slice(0, 4).map((r) => r[0][0])).toEqual(["'", "'", "'", "'"]);
  });

  it("in XLSX: text cells with the apostrophe, never formulas; dates as date cells", () => {
    const bytes = toXlsx([
      ["Nazwisko", "Data"],
      ...dangerous.map((s) => [s, { date: "2025-06-01" }]),
    ]);
    const wb = XLSX.read(bytes, { type: "buffer", cellFormula: true, cellNF: true });
    const ws = wb.Sheets[wb.SheetNames[0]];
    dangerous.forEach((s, i) => {
      const cell = ws[`A${i + 2}`];
      expect(cell.t).toBe("s");
      expect(cell.v).toBe(`'${s}`);
      expect(cell.f).toBeUndefined();
      expect(ws[`B${i + 2}`]).toMatchObject({ t: "n", v: 45809, z: "dd.mm.yyyy" });
    });
  });
});

describe("sheet names", () => {
  it("leaves out what Excel refuses and cuts to 31 characters", () => {
    expect(sheetName("Mapa: komórki × miesiące")).toBe("Mapa- komórki × miesiące");
    expect(sheetName("a/b\\c?d*e[f]g")).toBe("a-b-c-d-e-f-g");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
    expect(() => toXlsxWorkbook([{ name: "Map: units", rows: [["a"]] }])).not.toThrow();
  });
});

describe("a table as a download", () => {
  const rows = [
    ["Nazwisko", "Data"],
    ["Kowalska", { date: "2026-11-24" }],
  ];

  it("is a CSV or a one-sheet XLSX under the base name, with its media type", () => {
    const csv = tableFile("csv", rows, "pracownicy-2026-11-24", "Pracownicy");
    expect(csv).toMatchObject({
      fileName: "pracownicy-2026-11-24.csv",
      contentType: "text/csv; charset=utf-8",
    });
    expect(readSpreadsheet(csv.body).rows).toEqual([["Kowalska", "24.11.2026"]]);
    const xlsx = tableFile("xlsx", rows, "pracownicy-2026-11-24", "Pracownicy");
    expect(xlsx).toMatchObject({
      fileName: "pracownicy-2026-11-24.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(XLSX.read(xlsx.body, { type: "buffer" }).SheetNames).toEqual(["Pracownicy"]);
  });

  it("goes out as an attachment that is never cached or sniffed", async () => {
    const res = downloadResponse(tableFile("csv", rows, "pracownicy", "Pracownicy"));
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="pracownicy.csv"');
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(toCsv(rows));
  });
});
