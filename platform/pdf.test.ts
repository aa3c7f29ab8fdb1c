import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderPdf } from "./pdf.ts";

const dir = mkdtempSync(path.join(tmpdir(), "przystan-pdf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
/** Writes the PDF out and runs a poppler tool on it (poppler-utils is a test dependency). */
function poppler(tool: "pdftotext" | "pdfinfo", pdf: Buffer, args: string[] = []): string {
  const file = path.join(dir, `doc-${fileNo++}.pdf`);
  writeFileSync(file, pdf);
  const out = tool === "pdftotext" ? [file, "-"] : [file];
  return execFileSync(`/usr/bin/${tool}`, [...args, "-enc", "UTF-8", ...out], {
    encoding: "utf8",
  });
}

const POLISH = "Zażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż";

describe("renderPdf", () => {
  it("writes Polish text that pdftotext reads back, with the centre and page numbers", async () => {
    const pdf = await renderPdf(
      { title: "Raport próbny", centreName: "MOPS Łódź-Śródmieście", locale: "pl" },
      (w) => {
        w.heading("Wyniki badania obciążenia");
        w.paragraph(POLISH);
        w.heading("Źródła wsparcia", 2);
        w.list(["Superwizja grupowa", "Konsultacja psychologiczna"]);
      },
    );
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = poppler("pdftotext", pdf);
    expect(text).toContain("Wyniki badania obciążenia");
    expect(text).toContain(POLISH);
    expect(text).toContain("Superwizja grupowa");
    expect(text).toContain("MOPS Łódź-Śródmieście");
    expect(text).toContain("Strona 1 z 1");
  });

  it("breaks a long table across pages and repeats its header row on each", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [
      `Komórka ${i + 1} — Świętokrzyska`,
      String(50 + (i % 40)),
      i % 2 ? "podwyższone" : "umiarkowane",
    ]);
    const pdf = await renderPdf(
      { title: "Tabela", centreName: "MGOPS Daleszyce", locale: "pl" },
      (w) => {
        w.heading("Tabela");
        w.table({
          columns: [
            { header: "Grupa", width: 3 },
            { header: "Średnia", align: "right" },
            { header: "Przedział", width: 2 },
          ],
          rows,
        });
        w.paragraph("Koniec tabeli.");
      },
    );
    const info = poppler("pdfinfo", pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const page = poppler("pdftotext", pdf, ["-f", String(p), "-l", String(p), "-layout"]);
      expect(page, `page ${p}`).toContain(`Strona ${p} z ${pages}`);
      expect(page, `page ${p}`).toContain("MGOPS Daleszyce");
      expect(page, `page ${p}: header row`).toMatch(/Grupa\s+Średnia\s+Przedział/);
    }
    const all = poppler("pdftotext", pdf);
    // Every row once, none lost at a page break.
    for (const [name] of rows) expect(all.split(name).length - 1, name).toBeGreaterThanOrEqual(1);
    expect(all).toContain("Komórka 120 — Świętokrzyska");
    expect(all).toContain("Koniec tabeli.");
  });

  it("sets the title, the centre as author, the creation date and the language", async () => {
    const pdf = await renderPdf(
      {
        title: "Raport — badanie jesień 2025",
        centreName: "MOPR Gdańsk",
        subject: "Wyniki ankiety",
        locale: "en",
        createdAt: new Date("2025-11-20T10:00:00Z"),
      },
      (w) => w.paragraph("Hello"),
    );
    const info = poppler("pdfinfo", pdf);
    expect(info).toMatch(/Title:\s+Raport — badanie jesień 2025/);
    expect(info).toMatch(/Author:\s+MOPR Gdańsk/);
    expect(info).toMatch(/Subject:\s+Wyniki ankiety/);
    expect(info).toMatch(/CreationDate:.*2025/);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(poppler("pdftotext", pdf)).toContain("Page 1 of 1");
  });
});
