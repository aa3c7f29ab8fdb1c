import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { en } from "../app/locales/en.ts";
import { pl } from "../app/locales/pl.ts";
import {
  detectLocale,
  formatDate,
  formatDateTime,
  formatMoney,
  isMessageKey,
  type MessageKey,
  translator,
} from "./i18n.ts";

/** Intl puts no-break spaces (U+00A0, U+202F) in numbers and currency; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("detectLocale", () => {
  it("takes the cookie first", () => {
    expect(detectLocale("en", "pl-PL,pl;q=0.9")).toBe("en");
    expect(detectLocale("pl", "en-GB,en;q=0.9")).toBe("pl");
  });

  it("ignores an unsupported cookie and falls back to Accept-Language", () => {
    expect(detectLocale("de", "en-GB,en;q=0.9")).toBe("en");
    expect(detectLocale("", "en")).toBe("en");
  });

  it("reads Accept-Language by quality, matching the base language", () => {
    expect(detectLocale(undefined, "en-GB,en;q=0.9")).toBe("en");
    expect(detectLocale(undefined, "EN-us")).toBe("en");
    expect(detectLocale(undefined, "de-DE,de;q=0.9,en;q=0.5")).toBe("en");
    expect(detectLocale(undefined, "en;q=0.4, pl;q=0.8")).toBe("pl");
    expect(detectLocale(undefined, "fr, en;q=0.1")).toBe("en");
  });

  it("defaults to Polish for other languages, nothing and garbage", () => {
    expect(detectLocale(undefined, "de-DE")).toBe("pl");
    expect(detectLocale(undefined, null)).toBe("pl");
    expect(detectLocale(undefined, "")).toBe("pl");
    expect(detectLocale(undefined, ";;;,,q=abc,*")).toBe("pl");
    expect(detectLocale(undefined, "en;q=x")).toBe("pl");
    expect(detectLocale(undefined, "\u0000\uffff")).toBe("pl");
  });
});

describe("Polish plurals", () => {
  const t = translator("pl");
  it.each([
    [0, "Brak wyników"],
    [1, "1 wynik"],
    [2, "2 wyniki"],
    [4, "4 wyniki"],
    [5, "5 wyników"],
    [12, "12 wyników"],
    [22, "22 wyniki"],
    [25, "25 wyników"],
    [112, "112 wyników"],
    [1001, "1001 wyników"],
  ])("common.results for %i", (count, text) => {
    expect(plain(t("common.results", { count }))).toBe(text);
  });

  it("English has one and other", () => {
    const e = translator("en");
    expect(e("common.results", { count: 1 })).not.toBe(e("common.results", { count: 2 }));
    expect(e("common.results", { count: 2 })).toContain("2");
  });
});

type AstNode = {
  type: number;
  value?: string;
  options?: Record<string, { value: AstNode[] }>;
  children?: AstNode[];
};

/** The argument names a message uses (with their kind), however deep in plurals and selects. */
function placeholders(message: string): string[] {
  const out = new Set<string>();
  const walk = (nodes: AstNode[]) => {
    for (const n of nodes) {
      // 0 literal, 7 pound; 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural, 8 tag.
      if (n.type !== 0 && n.type !== 7 && n.value !== undefined)
        out.add(`${n.value}:${n.type === 1 ? 1 : n.type}`);
      for (const o of Object.values(n.options ?? {})) walk(o.value);
      if (n.children) walk(n.children);
    }
  };
  walk(new IntlMessageFormat(message, "pl").getAst() as unknown as AstNode[]);
  return [...out].sort();
}

describe("catalogs", () => {
  const plKeys = Object.keys(pl) as MessageKey[];

  it("have the same keys in English as in Polish", () => {
    expect(Object.keys(en).sort()).toEqual([...plKeys].sort());
  });

  it("parse as ICU MessageFormat and use the same placeholders in both languages", () => {
    for (const key of plKeys) {
      const p = placeholders(pl[key]);
      expect(placeholders(en[key]), key).toEqual(p);
    }
  });

  it("show messages without placeholders exactly as written (no ICU quoting left in them)", () => {
    for (const [lang, catalog] of [
      ["pl", pl],
      ["en", en],
    ] as const) {
      for (const key of plKeys) {
        const source: string = catalog[key];
        if (placeholders(source).length > 0) continue;
        expect(String(new IntlMessageFormat(source, lang).format()), `${lang} ${key}`).toBe(source);
      }
    }
  });

  it("fills placeholders", () => {
    const t = translator("pl");
    const body = t("mail.invitation.body", {
      name: "Żaneta",
      centre: "MOPS Łódź",
      link: "http://x/y",
    });
    expect(body).toContain("Żaneta");
    expect(body).toContain("MOPS Łódź");
    expect(body).toContain("http://x/y");
    expect(body).not.toContain("{");
  });

  it("recognises message keys that arrive as data", () => {
    expect(isMessageKey("errors.required")).toBe(true);
    expect(isMessageKey("errors.nieMaTakiego")).toBe(false);
    expect(isMessageKey("constructor")).toBe(false);
    expect(isMessageKey("__proto__")).toBe(false);
  });
});

describe("formatting", () => {
  it("shows dates as dd.mm.rrrr in Warsaw time", () => {
    expect(formatDate(new Date("2026-06-30T22:30:00Z"))).toBe("01.07.2026");
    expect(formatDate("2026-06-30T22:30:00Z")).toBe("01.07.2026");
    expect(formatDate(new Date("2026-01-31T22:59:00Z"))).toBe("31.01.2026");
    expect(formatDate(new Date("2026-01-31T23:00:00Z"))).toBe("01.02.2026");
    expect(formatDate("2026-03-01")).toBe("01.03.2026");
    expect(formatDate(null)).toBe("");
    expect(formatDate(undefined)).toBe("");
  });

  it("shows date and time in Warsaw time across the clock change", () => {
    expect(plain(formatDateTime(new Date("2026-03-29T00:59:00Z")))).toMatch(
      /^29\.03\.2026,? 01:59$/,
    );
    expect(plain(formatDateTime(new Date("2026-03-29T01:00:00Z")))).toMatch(
      /^29\.03\.2026,? 03:00$/,
    );
  });

  it("shows grosze as złote", () => {
    expect(plain(formatMoney(132272280))).toBe("1 322 722,80 zł");
    expect(plain(formatMoney(0))).toBe("0,00 zł");
    expect(plain(formatMoney(5))).toBe("0,05 zł");
    expect(plain(formatMoney(-12345))).toBe("-123,45 zł");
    expect(plain(formatMoney(132272280, "en"))).toContain("1,322,722.80");
  });
});

describe("startOfWarsawDay", () => {
  it("knows winter and summer time", async () => {
    const { startOfWarsawDay } = await import("./i18n.ts");
    expect(startOfWarsawDay("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfWarsawDay("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });
});
