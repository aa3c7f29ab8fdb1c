import { createContext, useContext, useMemo } from "react";
import { type Locale, type T, translator } from "../../platform/i18n.ts";

const I18nContext = createContext<{ locale: Locale; t: T }>({ locale: "pl", t: translator("pl") });

export function I18nProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  return useContext(I18nContext);
}

export function useT(): T {
  return useContext(I18nContext).t;
}
