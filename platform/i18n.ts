import { IntlMessageFormat } from "intl-messageformat";
import { en } from "../app/locales/en.ts";
import { type MessageKey, pl } from "../app/locales/pl.ts";

export const LOCALES = ["pl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "pl";
export const LOCALE_COOKIE = "lang";
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { pl, en };
const cache = new Map<string, IntlMessageFormat>();

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

export type Values = Record<string, string | number | Date | null | undefined>;
export type T = (key: MessageKey, values?: Values) => string;

/** ICU MessageFormat, so Polish plurals (one / few / many / other) come out right. */
export function translator(locale: Locale): T {
  return (key, values) => {
    const source = catalogs[locale][key] ?? catalogs.pl[key] ?? key;
    if (!values) return source;
    const id = `${locale}\u0000${key}`;
    let fmt = cache.get(id);
    if (!fmt) {
      fmt = new IntlMessageFormat(source, locale === "pl" ? "pl-PL" : "en-GB");
      cache.set(id, fmt);
    }
    return String(fmt.format(values as Record<string, string | number | Date>));
  };
}

/** Message keys that arrive as data (field errors, codes) are checked before translating. */
export function isMessageKey(v: string): v is MessageKey {
  return Object.hasOwn(pl, v);
}

/** Cookie first, then Accept-Language, checked against the supported list. */
export function detectLocale(
  cookieValue: string | undefined,
  acceptLanguage: string | null,
): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(",")
      .map((part) => {
        const [tag, ...params] = part.trim().split(";");
        const q = params.find((p) => p.trim().startsWith("q="));
        return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
      })
      .filter((x) => x.tag && !Number.isNaN(x.q))
      .sort((a, b) => b.q - a.q);
    for (const { tag } of ranked) {
      const base = tag.split("-")[0];
      if (isLocale(base)) return base;
    }
  }
  return DEFAULT_LOCALE;
}

const TZ = "Europe/Warsaw";

// Made once: building an Intl.DateTimeFormat costs far more than formatting with it, and
// lists and notices format dates by the hundred.
const dateFormat = new Intl.DateTimeFormat("pl-PL", {
  timeZone: TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const dateTimeFormat = new Intl.DateTimeFormat("pl-PL", {
  timeZone: TZ,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** dd.mm.rrrr in Warsaw time, whatever the locale: that is what Polish offices expect. */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "";
  const date = typeof d === "string" ? new Date(d.length === 10 ? `${d}T12:00:00Z` : d) : d;
  return dateFormat.format(date);
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  const date = typeof d === "string" ? new Date(d) : d;
  return dateTimeFormat.format(date);
}

/** The instant a calendar day (yyyy-mm-dd) begins in Warsaw, summer time included. */
export function startOfWarsawDay(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  // Warsaw is UTC+1 or UTC+2; read the offset in force around that midnight.
  const name = new Intl.DateTimeFormat("en-US", { timeZone: TZ, timeZoneName: "shortOffset" })
    .formatToParts(utcMidnight)
    .find((p) => p.type === "timeZoneName")?.value;
  const hours = Number(name?.replace("GMT", "") || 0);
  return new Date(utcMidnight.getTime() - hours * 3_600_000);
}

/** The language cookie: a year, readable by the server only. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`;
}

/** Money is kept in integer grosze and shown in zł. */
export function formatMoney(grosze: number, locale: Locale = "pl"): string {
  return new Intl.NumberFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    style: "currency",
    currency: "PLN",
  }).format(grosze / 100);
}
