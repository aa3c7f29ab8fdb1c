// Printable documents — reports now, certificates and referrals later — all on one layout: A4,
// DejaVu Sans embedded (pdfkit's built-in fonts have no ą ć ę ł ń ó ś ź ż), the centre's name at
// the top of every page and "Strona X z Y" at the bottom, headings, paragraphs and tables that
// break across pages with their header repeated. The PDF is tagged (headings, paragraphs, tables
// as structure; the running header and footer as artifacts) so screen readers can follow it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { type Locale, translator } from "./i18n.ts";

export const PDF_CONTENT_TYPE = "application/pdf";

const FONT_FILES = {
  regular: "@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff",
  bold: "@fontsource/dejavu-sans/files/dejavu-sans-latin-700-normal.woff",
} as const;

/**
 * A WOFF 1.0 font as the plain TrueType font inside it. pdfkit reads WOFF itself, but inflates
 * it in JavaScript on every document (most of a second for two fonts); zlib does it once.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("not a WOFF font");
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.subarray(at, at + 4),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? inflateSync(raw) : raw,
    };
  });
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + 16 * numTables);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(head, at);
    head.writeUInt32BE(t.checksum, at + 4);
    head.writeUInt32BE(offset, at + 8);
    head.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** The fonts, read and unpacked once; resolved through the package, wherever node_modules is. */
function fontData() {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = {
      regular: woffToSfnt(readFileSync(require.resolve(FONT_FILES.regular))),
      bold: woffToSfnt(readFileSync(require.resolve(FONT_FILES.bold))),
    };
  }
  return fonts;
}

export type PdfMeta = {
  title: string;
  /** The centre: the author of the document and the running header of every page. */
  centreName: string;
  subject?: string;
  locale: Locale;
  createdAt?: Date;
};

export type PdfColumn = {
  header: string;
  /** Relative width (default 1): widths are shared out in proportion. */
  width?: number;
  align?: "left" | "right" | "center";
};

export type PdfTable = {
  columns: PdfColumn[];
  rows: string[][];
  /** Least height of a body row in points: room to sign by hand on an attendance sheet. */
  minRowHeight?: number;
};

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 68, bottom: 60, left: 56, right: 56 };
const SIZE = { body: 10, small: 8, h1: 18, h2: 14, h3: 11.5 };
const COLOR = { text: "#111111", muted: "#4a4a4a", rule: "#8a8a8a", headerFill: "#e6e6e6" };
const CELL_PAD = 4;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

/** What a document's content is written with; everything flows from the top of page 1. */
export class PdfWriter {
  readonly #doc: Doc;

  constructor(doc: Doc) {
    this.#doc = doc;
  }

  get #bottom() {
    return this.#doc.page.height - MARGIN.bottom;
  }

  get #width() {
    return this.#doc.page.width - MARGIN.left - MARGIN.right;
  }

  /** Starts a new page when less than `height` points are left on this one. */
  #ensure(height: number) {
    if (this.#doc.y + height > this.#bottom) this.#doc.addPage();
  }

  #tagged(tag: string, draw: () => void, parent?: Struct) {
    const el = this.#doc.struct(tag, {}, [draw]);
    if (parent) parent.add(el);
    else this.#doc.addStructure(el);
  }

  heading(text: string, level: 1 | 2 | 3 = 1) {
    const doc = this.#doc;
    const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
    doc.font("bold").fontSize(size);
    // A heading at the foot of a page, its content on the next, reads badly: keep room for it
    // and a few lines after it.
    const height = doc.heightOfString(text, { width: this.#width });
    if (doc.y > MARGIN.top) doc.moveDown(level === 1 ? 0.6 : 0.4);
    this.#ensure(height + 4 * SIZE.body);
    this.#tagged(`H${level}`, () => {
      doc.fillColor(COLOR.text).text(text, MARGIN.left, doc.y, { width: this.#width });
    });
    doc.moveDown(0.3);
  }

  paragraph(
    text: string,
    opts: {
      bold?: boolean;
      muted?: boolean;
      small?: boolean;
      /** Font size in points, for a document's own display lines (a certificate's name). */
      size?: number;
      align?: "left" | "center" | "right";
    } = {},
  ) {
    const doc = this.#doc;
    doc
      .font(opts.bold ? "bold" : "regular")
      .fontSize(opts.size ?? (opts.small ? SIZE.small + 1 : SIZE.body))
      .fillColor(opts.muted ? COLOR.muted : COLOR.text);
    this.#ensure(doc.currentLineHeight(true));
    this.#tagged("P", () => {
      doc.text(text, MARGIN.left, doc.y, {
        width: this.#width,
        paragraphGap: 4,
        align: opts.align ?? "left",
      });
    });
    doc.fillColor(COLOR.text).fontSize(SIZE.body);
  }

  /**
   * A PNG or JPEG image (a QR code), `width` points wide, tagged as a figure with its
   * alternative text so a screen reader says what it is.
   */
  image(data: Buffer, opts: { width: number; alt: string; align?: "left" | "center" | "right" }) {
    const doc = this.#doc;
    this.#ensure(opts.width);
    const x =
      opts.align === "center"
        ? MARGIN.left + (this.#width - opts.width) / 2
        : opts.align === "right"
          ? MARGIN.left + this.#width - opts.width
          : MARGIN.left;
    const y = doc.y;
    const figure = doc.struct("Figure", { alt: opts.alt }, () => {
      doc.image(data, x, y, { width: opts.width });
    });
    doc.addStructure(figure);
    doc.x = MARGIN.left;
    doc.y = y + opts.width;
    doc.moveDown(0.3);
  }

  /** A bulleted list; each item is a paragraph of its own. */
  list(items: string[]) {
    const doc = this.#doc;
    doc.font("regular").fontSize(SIZE.body).fillColor(COLOR.text);
    const list = doc.struct("L");
    doc.addStructure(list);
    for (const item of items) {
      const indent = 14;
      const height = doc.heightOfString(item, { width: this.#width - indent });
      this.#ensure(Math.min(height, 3 * doc.currentLineHeight(true)));
      const y = doc.y;
      this.#tagged(
        "LI",
        () => {
          doc.text("•", MARGIN.left, y, { width: indent, lineBreak: false });
          doc.text(item, MARGIN.left + indent, y, { width: this.#width - indent, paragraphGap: 2 });
        },
        list,
      );
    }
    list.end();
    doc.x = MARGIN.left;
  }

  /** Vertical space, in lines of body text. */
  space(lines = 1) {
    this.#doc.fontSize(SIZE.body).moveDown(lines);
  }

  /**
   * Column widths: each column at least as wide as its longest word (so no word is split),
   * the rest of the line shared out by the columns' relative widths. When even the longest
   * words do not fit, every column shrinks in proportion and long words break.
   */
  #columnWidths(table: PdfTable): number[] {
    const doc = this.#doc;
    doc.fontSize(SIZE.body);
    // pdfkit measures a word with the space after it when deciding to break it.
    const longestWord = (text: string, font: "regular" | "bold") => {
      doc.font(font);
      return Math.max(0, ...text.split(/\s+/).map((w) => doc.widthOfString(`${w} `)));
    };
    const minimum = table.columns.map(
      (c, i) =>
        Math.max(
          longestWord(c.header, "bold"),
          ...table.rows.map((r) => longestWord(r[i] ?? "", "regular")),
        ) +
        2 * CELL_PAD +
        1,
    );
    const weights = table.columns.map((c) => c.width ?? 1);
    const needed = minimum.reduce((a, b) => a + b, 0);
    if (needed >= this.#width) return minimum.map((m) => (m / needed) * this.#width);
    // Share out by weight; a column whose share is below its minimum gets the minimum and the
    // others share what is left, until every column fits.
    const fixed = new Set<number>();
    for (;;) {
      const free = this.#width - [...fixed].reduce((a, i) => a + minimum[i], 0);
      const weight = weights.reduce((a, w, i) => (fixed.has(i) ? a : a + w), 0);
      const widths = weights.map((w, i) => (fixed.has(i) ? minimum[i] : (w / weight) * free));
      const short = widths.findIndex((w, i) => !fixed.has(i) && w < minimum[i]);
      if (short < 0) return widths;
      fixed.add(short);
    }
  }

  /**
   * A table as wide as the text. A row never splits; when the next row does not fit, the table
   * continues on a new page under a repeated header row.
   */
  table(table: PdfTable) {
    const doc = this.#doc;
    const headers = table.columns.map((c) => c.header);
    const widths = this.#columnWidths(table);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));

    const rowHeight = (cells: string[], font: "regular" | "bold") => {
      doc.font(font).fontSize(SIZE.body);
      const fits =
        Math.max(
          ...cells.map((text, i) =>
            doc.heightOfString(text || " ", { width: widths[i] - 2 * CELL_PAD }),
          ),
        ) +
        2 * CELL_PAD;
      return font === "regular" ? Math.max(fits, table.minRowHeight ?? 0) : fits;
    };

    const drawRow = (cells: string[], header: boolean, parent: Struct) => {
      const font = header ? "bold" : "regular";
      const height = rowHeight(cells, font);
      const y = doc.y;
      if (header) doc.rect(MARGIN.left, y, this.#width, height).fill(COLOR.headerFill);
      const row = doc.struct("TR");
      parent.add(row);
      cells.forEach((text, i) => {
        this.#tagged(
          header ? "TH" : "TD",
          () => {
            doc
              .font(font)
              .fontSize(SIZE.body)
              .fillColor(COLOR.text)
              .text(text, xs[i] + CELL_PAD, y + CELL_PAD, {
                width: widths[i] - 2 * CELL_PAD,
                align: table.columns[i].align ?? "left",
              });
          },
          row,
        );
      });
      row.end();
      doc
        .moveTo(MARGIN.left, y + height)
        .lineTo(MARGIN.left + this.#width, y + height)
        .lineWidth(header ? 1 : 0.5)
        .strokeColor(COLOR.rule)
        .stroke();
      doc.x = MARGIN.left;
      doc.y = y + height;
    };

    const structure = doc.struct("Table");
    doc.addStructure(structure);
    doc.moveDown(0.2);
    const headerHeight = rowHeight(headers, "bold");
    const firstRow = table.rows.length ? rowHeight(table.rows[0], "regular") : 0;
    this.#ensure(headerHeight + firstRow);
    drawRow(headers, true, structure);
    for (const cells of table.rows) {
      const height = rowHeight(cells, "regular");
      if (doc.y + height > this.#bottom) {
        doc.addPage();
        drawRow(headers, true, structure);
      }
      drawRow(cells, false, structure);
    }
    structure.end();
    doc.moveDown(0.6);
  }
}

/** The running header and footer of every page, drawn once all pages exist (for "z Y"). */
function decorate(doc: Doc, meta: PdfMeta) {
  const t = translator(meta.locale);
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing into the margins would otherwise start a new page.
    const margins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.markContent("Artifact", { type: "Pagination" });
    doc
      .font("regular")
      .fontSize(SIZE.small)
      .fillColor(COLOR.muted)
      .text(meta.centreName, MARGIN.left, 32, {
        width,
        height: SIZE.small * 1.4,
        ellipsis: true,
        lineBreak: false,
      });
    doc
      .moveTo(MARGIN.left, 46)
      .lineTo(MARGIN.left + width, 46)
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .stroke();
    const footerY = doc.page.height - 40;
    doc.text(meta.title, MARGIN.left, footerY, {
      width: width * 0.7,
      height: SIZE.small * 1.4,
      ellipsis: true,
      lineBreak: false,
    });
    doc.text(
      t("pdf.pageOf", { page: i - start + 1, pages: count }),
      MARGIN.left + width * 0.7,
      footerY,
      { width: width * 0.3, align: "right", lineBreak: false },
    );
    doc.endMarkedContent();
    doc.page.margins = margins;
  }
}

/**
 * Renders a document: `build` writes the content with a PdfWriter; the header, footer and
 * metadata (title, author = the centre, subject, creation date, language) are added here.
 */
export async function renderPdf(
  meta: PdfMeta,
  build: (writer: PdfWriter) => void | Promise<void>,
): Promise<Buffer> {
  const { regular, bold } = fontData();
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margins: MARGIN,
    bufferPages: true,
    tagged: true,
    displayTitle: true,
    lang: meta.locale === "pl" ? "pl-PL" : "en-GB",
    info: {
      Title: meta.title,
      Author: meta.centreName,
      Subject: meta.subject ?? meta.title,
      Creator: "Przystań",
      Producer: "Przystań",
      CreationDate: meta.createdAt ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  doc.font("regular").fontSize(SIZE.body).fillColor(COLOR.text);
  await build(new PdfWriter(doc));
  decorate(doc, meta);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
