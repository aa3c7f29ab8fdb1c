import type {
  Condition,
  Instrument,
  Item,
  LocalizedText,
} from "../../modules/survey/instrument.ts";
import { isMessageKey, type MessageKey, type T } from "../../platform/i18n.ts";
import { useI18n } from "../lib/i18n.tsx";

const PATH_WORDS: Record<string, MessageKey> = {
  sections: "surveyInstrumentPath.section",
  items: "surveyInstrumentPath.item",
  scales: "surveyInstrumentPath.scale",
  bands: "surveyInstrumentPath.band",
  points: "surveyInstrumentPath.point",
  options: "surveyInstrumentPath.option",
};

/**
 * A dotted path of the instrument file in words: "sections.0.items.3.text" → "sekcja 1 ›
 * pytanie 4 › text". Field names stay as they are written in the file.
 */
export function describePath(path: string, t: T): string {
  if (!path) return t("surveyInstrumentPath.document");
  const parts = path.split(".");
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const word = PATH_WORDS[parts[i]];
    if (word && /^\d+$/.test(parts[i + 1] ?? "")) {
      out.push(t(word, { n: Number(parts[i + 1]) + 1 }));
      i++;
    } else out.push(parts[i]);
  }
  return out.join(" › ");
}

/** The message of an instrument error code (instrument.ts), in the reader's language. */
export function instrumentErrorMessage(code: string, t: T): string {
  const key = `surveyInstrumentError.${code}`;
  return isMessageKey(key) ? t(key) : t("surveyInstrumentError.other", { code });
}

/** Every problem of an imported instrument, with where it is in the file. */
export function InstrumentErrors({
  errors,
  more,
}: {
  errors: { path: string; code: string }[];
  more: number;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="h-import-errors" className="import-errors">
      <h3 id="h-import-errors">{t("surveyInstruments.errors", { count: errors.length + more })}</h3>
      <ol>
        {errors.map((e) => (
          <li key={`${e.path}/${e.code}`}>
            <strong>{describePath(e.path, t)}</strong>
            {e.path && (
              <>
                {" "}
                (<code>{e.path}</code>)
              </>
            )}
            : {instrumentErrorMessage(e.code, t)}
          </li>
        ))}
      </ol>
      {more > 0 && <p>{t("surveyInstruments.moreErrors", { count: more })}</p>}
    </section>
  );
}

function conditionText(c: Condition, t: T, lang: "pl" | "en"): string {
  if ("all" in c)
    return c.all.map((x) => conditionText(x, t, lang)).join(` ${t("surveyInstrument.and")} `);
  if ("any" in c)
    return c.any.map((x) => conditionText(x, t, lang)).join(` ${t("surveyInstrument.or")} `);
  if ("not" in c) return `${t("surveyInstrument.not")} (${conditionText(c.not, t, lang)})`;
  if ("answered" in c) {
    return t(c.answered ? "surveyInstrument.ifAnswered" : "surveyInstrument.ifNotAnswered", {
      item: c.item,
    });
  }
  const value = "equals" in c ? String(c.equals) : c.in.map(String).join(", ");
  return t("surveyInstrument.ifEquals", { item: c.item, value });
}

function ItemAnswers({ item, lang }: { item: Item; lang: "pl" | "en" }) {
  const { t } = useI18n();
  switch (item.kind) {
    case "likert":
    case "frequency":
      return <>{item.points.map((p) => `${p.value} — ${p.label[lang]}`).join(" · ")}</>;
    case "single":
    case "multiple":
      return <>{item.options.map((o) => o.label[lang]).join(" · ")}</>;
    case "number":
      return (
        <>
          {t("surveyInstrument.range", {
            min: item.min ?? "—",
            max: item.max ?? "—",
          })}
          {item.unit ? ` (${item.unit[lang]})` : ""}
        </>
      );
    case "text":
      return <>{t("surveyInstrument.maxLength", { max: item.maxLength })}</>;
    default:
      return <>{t("surveyInstrument.yesNo")}</>;
  }
}

/** The questionnaire's structure, read-only: sections and items, then scales with their bands. */
export function InstrumentView({ definition }: { definition: Instrument }) {
  const { t, locale } = useI18n();
  const text = (v: LocalizedText) => v[locale];
  let n = 0;
  return (
    <>
      {definition.description && <p className="prose">{text(definition.description)}</p>}
      {definition.sections.map((s) => (
        <section key={s.id} aria-labelledby={`sec-${s.id}`}>
          <h2 id={`sec-${s.id}`}>{text(s.title)}</h2>
          {s.description && <p className="prose">{text(s.description)}</p>}
          <ol className="instrument-items" start={n + 1}>
            {s.items.map((item) => {
              n++;
              return (
                <li key={item.id}>
                  <p>
                    {text(item.text)}{" "}
                    <span className="muted">
                      (<code>{item.id}</code> ·{" "}
                      {t(`surveyInstrument.kind.${item.kind}` as MessageKey)}
                      {item.required ? ` · ${t("surveyInstrument.required")}` : ""})
                    </span>
                  </p>
                  <p className="hint">
                    <ItemAnswers item={item} lang={locale} />
                  </p>
                  {item.showIf && (
                    <p className="hint">
                      {t("surveyInstrument.showIf", {
                        when: conditionText(item.showIf, t, locale),
                      })}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {definition.scales.length > 0 && (
        <section aria-labelledby="h-scales">
          <h2 id="h-scales">{t("surveyInstrument.scales")}</h2>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("surveyInstrument.scales")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("surveyInstrument.scale")}</th>
                  <th scope="col">{t("surveyInstrument.scaleItems")}</th>
                  <th scope="col">{t("surveyInstrument.reversed")}</th>
                  <th scope="col">{t("surveyInstrument.minAnswered")}</th>
                  <th scope="col">{t("surveyInstrument.higherIs")}</th>
                  <th scope="col">{t("surveyInstrument.bands")}</th>
                </tr>
              </thead>
              <tbody>
                {definition.scales.map((sc) => (
                  <tr key={sc.id}>
                    <th scope="row">
                      {text(sc.name)}
                      {sc.description && <p className="hint">{text(sc.description)}</p>}
                    </th>
                    <td>
                      <code>{sc.items.join(", ")}</code>
                    </td>
                    <td>
                      {sc.reverse ? <code>{sc.reverse.items.join(", ")}</code> : t("common.none")}
                    </td>
                    <td className="num">{sc.minAnswered}</td>
                    <td>{t(`surveyInstrument.higherIs.${sc.higherIs}` as MessageKey)}</td>
                    <td>
                      {sc.bands?.length ? (
                        <ul className="plain">
                          {sc.bands.map((b) => (
                            <li key={b.id}>
                              {text(b.label)}: {b.from}–{b.to}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t("common.none")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
