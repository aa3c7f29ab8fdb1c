import { describe, expect, it } from "vitest";
import {
  columnLetter,
  headerKey,
  looksLikeStaffHeader,
  mappingToHeaders,
  parseMappingForm,
  proposeMapping,
} from "./columns.ts";
import { namesIn, readRows } from "./rows.ts";

describe("proposeMapping", () => {
  it("recognises Polish headers whatever the case, diacritics and punctuation", () => {
    const headers = [
      "NR EWIDENCYJNY",
      "nazwisko",
      "Imie",
      "Adres e-mail:",
      "Komorka organizacyjna",
      "Stanowisko",
      "data zatrudnienia",
    ];
    expect(proposeMapping(headers)).toEqual({
      employeeNumber: 0,
      lastName: 1,
      firstName: 2,
      email: 3,
      unit: 4,
      position: 5,
      employmentStart: 6,
    });
    expect(proposeMapping(["Numer kadrowy", "Dział", "E-mail", "Imię", "Nazwisko"])).toEqual({
      employeeNumber: 0,
      unit: 1,
      email: 2,
      firstName: 3,
      lastName: 4,
    });
    expect(proposeMapping(["Nr kadrowy", "Jednostka"])).toEqual({ employeeNumber: 0, unit: 1 });
  });

  it("recognises English headers", () => {
    expect(
      proposeMapping([
        "Employee ID",
        "First name",
        "Surname",
        "Email",
        "Department",
        "Job title",
        "Hire date",
      ]),
    ).toEqual({
      employeeNumber: 0,
      firstName: 1,
      lastName: 2,
      email: 3,
      unit: 4,
      position: 5,
      employmentStart: 6,
    });
    expect(
      proposeMapping(["Employee number", "Last name", "Unit", "Position", "Employment start"]),
    ).toEqual({ employeeNumber: 0, lastName: 1, unit: 2, position: 3, employmentStart: 4 });
  });

  it("does not support a combined 'Imię i nazwisko' column (it is left unmapped)", () => {
    expect(proposeMapping(["Imię i nazwisko", "E-mail"])).toEqual({ email: 1 });
  });

  it("prefers the centre's remembered header, and never gives one column to two fields", () => {
    const headers = ["Nazwisko", "Pracownik - imię", "Login", "Ident"];
    const remembered = { firstName: "Pracownik – imię", email: "LOGIN", employeeNumber: "Ident" };
    expect(proposeMapping(headers, remembered)).toEqual({
      lastName: 0,
      firstName: 1,
      email: 2,
      employeeNumber: 3,
    });
    // A remembered header this file does not have is skipped; the known names still work.
    expect(proposeMapping(["Imię", "Nazwisko"], { firstName: "Name" })).toEqual({
      firstName: 0,
      lastName: 1,
    });
    expect(proposeMapping(["E-mail", "Email"])).toEqual({ email: 0 });
  });

  it("says whether a header can be a staff list at all", () => {
    const ok = ["Imię", "Nazwisko", "Coś", "Inne"];
    expect(looksLikeStaffHeader(ok, proposeMapping(ok))).toBe(true);
    const none = ["Produkt", "Cena", "Ilość", "Data"];
    expect(looksLikeStaffHeader(none, proposeMapping(none))).toBe(false);
    const few = ["Imię", "Nazwisko"];
    expect(looksLikeStaffHeader(few, proposeMapping(few))).toBe(false);
  });
});

describe("parseMappingForm", () => {
  const headers = ["Imię", "Nazwisko", "E-mail", "Nr", "Dział"];

  it("takes column indices and leaves out the fields set to none", () => {
    const r = parseMappingForm(headers, {
      firstName: "0",
      lastName: "1",
      email: "2",
      employeeNumber: "3",
      unit: "",
      position: "",
    });
    expect(r.fieldErrors).toEqual({});
    expect(r.mapping).toEqual({ firstName: 0, lastName: 1, email: 2, employeeNumber: 3 });
    expect(mappingToHeaders(headers, r.mapping)).toEqual({
      firstName: "Imię",
      lastName: "Nazwisko",
      email: "E-mail",
      employeeNumber: "Nr",
    });
  });

  it("requires the mandatory fields and refuses a column used twice or out of range", () => {
    const r = parseMappingForm(headers, {
      firstName: "0",
      lastName: "0",
      email: "9",
      unit: "x",
    });
    expect(r.fieldErrors).toEqual({
      lastName: "errors.columnTwice",
      email: "errors.invalid",
      employeeNumber: "errors.columnRequired",
      unit: "errors.invalid",
    });
  });
});

describe("readRows", () => {
  const headers = ["Nr", "Nazwisko", "Imię", "E-mail", "Data"];
  const mapping = { employeeNumber: 0, lastName: 1, firstName: 2, email: 3, employmentStart: 4 };

  it("reads the three date forms, and reports bad dates and ragged rows by index", () => {
    const { rows, errors } = readRows(
      headers,
      [
        ["1", "Nowak", "Anna", "a@x.pl", "2025-06-01"],
        ["2", "Lis", "Ewa", "e@x.pl", "01.06.2025"],
        ["3", "Kot", "Jan", "j@x.pl", "45809"],
        ["4", "Sowa", "Ola", "o@x.pl", "wczoraj"],
        ["5", "Wilk", "Piotr"],
        ["6", "Ryś", "Adam", "r@x.pl", "", "nadmiar"],
        ["7", "Jeż", "Iga", "i@x.pl", "", ""],
      ],
      mapping,
    );
    expect(rows.slice(0, 3).map((r) => r.employmentStart)).toEqual([
      "2025-06-01",
      "2025-06-01",
      "2025-06-01",
    ]);
    expect(rows[3].employmentStart).toBeUndefined();
    expect(rows[6].employmentStart).toBeNull();
    expect(errors).toEqual([
      { index: 3, field: "employmentStart", message: "errors.importDate" },
      { index: 4, field: "_row", message: "errors.raggedRow" },
      { index: 5, field: "_row", message: "errors.raggedRow" },
    ]);
  });

  it("leaves out what the mapping does not import, and undoes an export's formula guard", () => {
    const { rows } = readRows(
      ["Nr", "Nazwisko", "Imię", "E-mail", "Dział"],
      [["'-1", "'=Nowak", "'t", "a@x.pl", "A"]],
      {
        employeeNumber: 0,
        lastName: 1,
        firstName: 2,
        email: 3,
      },
    );
    expect(rows[0]).toEqual({
      employeeNumber: "-1",
      lastName: "=Nowak",
      firstName: "'t",
      email: "a@x.pl",
      unit: undefined,
      position: undefined,
    });
  });

  it("collects unit names without case or extra spaces", () => {
    const { rows } = readRows(
      ["Nr", "Dział"],
      [
        ["1", "Dział  Świadczeń"],
        ["2", "dział świadczeń"],
        ["3", ""],
        ["4", "CPS Wrzeszcz"],
      ],
      { employeeNumber: 0, unit: 1 },
    );
    expect([...namesIn(rows, "unit").values()]).toEqual([
      { name: "Dział Świadczeń", rows: 2 },
      { name: "CPS Wrzeszcz", rows: 1 },
    ]);
  });
});

it("names columns as a spreadsheet does", () => {
  expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
    "A",
    "B",
    "Z",
    "AA",
    "AB",
    "ZZ",
    "AAA",
  ]);
  expect(headerKey("  Adres E-MAIL: ")).toBe("adresemail");
  expect(headerKey("Komórka organizacyjna")).toBe(headerKey("KOMORKA-ORGANIZACYJNA"));
});
