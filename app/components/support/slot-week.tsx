// Booking a support slot: the nearest free slot, a week of free slots grouped by day (each a
// link that picks it), previous/next week, and the confirmation of a picked slot with the form
// that books it. Shared by /support and the crisis link's page. Works without JavaScript: every
// choice is a link or a plain form.
import { Form, Link, useLocation } from "react-router";
import { formatTime } from "../../../modules/programme/session-text.ts";
import { kindKey, modeKey } from "../../../modules/support/booking-labels.ts";
import { formatDate, isMessageKey } from "../../../platform/i18n.ts";
import { warsawDay } from "../../../platform/warsaw-time.ts";
import { useI18n } from "../../lib/i18n.tsx";
import "./booking.css";

export type WeekSlotView = {
  specialistId: string;
  specialistName: string;
  startsAt: Date | string;
  endsAt: Date | string;
  modes: string[];
  crisis: boolean;
};

export type WeekView = {
  kind: string | null;
  specialist: { id: string; name: string } | null;
  week: string;
  prevWeek: string | null;
  nextWeek: string | null;
  days: { day: string; slots: WeekSlotView[] }[];
  nearest: WeekSlotView | null;
  picked: WeekSlotView | null;
  crisis: boolean;
};

export function slotKeyOf(s: { specialistId: string; startsAt: Date | string }) {
  return `${s.specialistId}@${new Date(s.startsAt).toISOString()}`;
}

/** The same page with some query parameters changed (empty: removed). */
export function useHref() {
  const { pathname, search } = useLocation();
  return (changes: Record<string, string | null | undefined>, hash = "") => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    const q = p.toString();
    return `${pathname}${q ? `?${q}` : ""}${hash}`;
  };
}

function useDayName() {
  const { locale } = useI18n();
  const f = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    weekday: "long",
    timeZone: "UTC",
  });
  return (day: string) => `${f.format(new Date(`${day}T12:00:00Z`))}, ${formatDate(day)}`;
}

const times = (s: { startsAt: Date | string; endsAt: Date | string }) =>
  `${formatTime(s.startsAt)}–${formatTime(s.endsAt)}`;

/** The week of free slots with its navigation; each slot picks itself for confirmation. */
export function SlotWeek({ w }: { w: WeekView }) {
  const { t } = useI18n();
  const href = useHref();
  const dayName = useDayName();
  const many = !w.specialist;
  const empty = w.days.every((d) => d.slots.length === 0);
  const last = w.days[w.days.length - 1]?.day ?? w.week;
  return (
    <section aria-labelledby="h-week" className="sb-week">
      <h2 id="h-week">
        {t("supportBook.week.title", { from: formatDate(w.week), to: formatDate(last) })}
      </h2>
      <nav aria-label={t("supportBook.week.nav")} className="sb-week-nav">
        {w.prevWeek ? (
          <Link to={href({ week: w.prevWeek, slot: null }, "#h-week")}>
            {t("supportBook.week.previous")}
          </Link>
        ) : (
          <span />
        )}
        {w.nextWeek && (
          <Link to={href({ week: w.nextWeek, slot: null }, "#h-week")}>
            {t("supportBook.week.next")}
          </Link>
        )}
      </nav>
      {empty && <p>{t("supportBook.week.empty")}</p>}
      <div className="sb-days">
        {w.days
          .filter((d) => d.slots.length > 0)
          .map((d) => (
            <section key={d.day} aria-labelledby={`h-day-${d.day}`} className="sb-day">
              <h3 id={`h-day-${d.day}`}>{dayName(d.day)}</h3>
              <ul className="sb-slots">
                {d.slots.map((s) => (
                  <li key={slotKeyOf(s)}>
                    <Link
                      className="button sb-slot"
                      to={href({ slot: slotKeyOf(s) }, "#h-confirm")}
                    >
                      {/* The day, for a list of links read out of its context. */}
                      <span className="visually-hidden">{dayName(d.day)}, </span>
                      {times(s)}
                      {many && <span className="sb-who"> {s.specialistName}</span>}
                      {s.crisis && (
                        <span className="sb-crisis"> {t("supportBook.slot.crisis")}</span>
                      )}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
      </div>
    </section>
  );
}

/** "Najbliższy wolny termin": a link picking it (and showing its week). */
export function NearestSlot({ w }: { w: WeekView }) {
  const { t } = useI18n();
  const href = useHref();
  const dayName = useDayName();
  if (!w.nearest) return <p>{t("supportBook.nearest.none")}</p>;
  const n = w.nearest;
  const day = warsawDay(new Date(n.startsAt));
  return (
    <p className="sb-nearest">
      {t("supportBook.nearest.label")}{" "}
      <strong>
        {dayName(day)}, {times(n)}
      </strong>{" "}
      · {n.specialistName}{" "}
      <Link className="button" to={href({ week: day, slot: slotKeyOf(n) }, "#h-confirm")}>
        {t("supportBook.nearest.pick")}
      </Link>
    </p>
  );
}

/** The picked slot's facts and the form that books it. */
export function ConfirmSlot({
  w,
  slot,
  hidden,
  busy,
}: {
  w: WeekView;
  slot: WeekSlotView;
  hidden: Record<string, string>;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const href = useHref();
  const dayName = useDayName();
  const dayKey = warsawDay(new Date(slot.startsAt));
  return (
    <section aria-labelledby="h-confirm" className="card sb-confirm">
      <h2 id="h-confirm" tabIndex={-1}>
        {t("supportBook.confirm.title")}
      </h2>
      <dl className="facts">
        <dt>{t("supportBook.field.kind")}</dt>
        <dd>{w.kind ? t(kindKey(w.kind)) : ""}</dd>
        <dt>{t("supportBook.field.when")}</dt>
        <dd>
          {dayName(dayKey)}, {times(slot)}
        </dd>
        <dt>{t("supportBook.field.specialist")}</dt>
        <dd>{slot.specialistName}</dd>
      </dl>
      <Form method="post">
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="specialistId" value={slot.specialistId} />
        <input type="hidden" name="startsAt" value={new Date(slot.startsAt).toISOString()} />
        {slot.modes.length > 1 ? (
          <fieldset>
            <legend>{t("supportBook.field.mode")}</legend>
            {slot.modes.map((m, i) => (
              <div className="field field-check" key={m}>
                <input
                  type="radio"
                  id={`f-mode-${m}`}
                  name="mode"
                  value={m}
                  defaultChecked={i === 0}
                />
                <label htmlFor={`f-mode-${m}`}>{t(modeKey(m))}</label>
              </div>
            ))}
          </fieldset>
        ) : (
          <p>
            {t("supportBook.field.mode")}: {t(modeKey(slot.modes[0] ?? "online"))}
            <input type="hidden" name="mode" value={slot.modes[0] ?? ""} />
          </p>
        )}
        <p className="hint">{t("supportBook.confirm.privacy")}</p>
        <div className="bulk-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t("supportBook.confirm.submit")}
          </button>
          <Link className="button" to={href({ slot: null }, "#h-week")}>
            {t("supportBook.confirm.back")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

/** Other free slots offered after a refusal (the slot was just taken). */
export function Alternatives({
  alternatives,
  names,
}: {
  alternatives: { specialistId: string; startsAt: string; endsAt: string }[];
  names: Map<string, string>;
}) {
  const { t } = useI18n();
  const href = useHref();
  if (alternatives.length === 0) return <p>{t("supportBook.alternatives.none")}</p>;
  return (
    <section aria-labelledby="h-alternatives">
      <h2 id="h-alternatives">{t("supportBook.alternatives.title")}</h2>
      <ul className="sb-slots">
        {alternatives.map((a) => (
          <li key={slotKeyOf(a)}>
            <Link
              className="button sb-slot"
              to={href({ slot: slotKeyOf(a), week: warsawDay(new Date(a.startsAt)) }, "#h-confirm")}
            >
              {formatDate(a.startsAt)}, {times(a)}
              <span className="sb-who"> {names.get(a.specialistId) ?? ""}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What both booking pages (/support and the crisis link's) show once the kind is known: why the
 * slot asked for was refused (or is gone from the link followed), the other slots offered, the
 * picked slot with its form or else the nearest one, and the week.
 */
export function SlotChoice({
  w,
  kind,
  refusal,
  alternatives,
  slotGone,
  names,
  busy,
}: {
  w: WeekView;
  /** The kind the form books ("crisis" on a crisis link's page). */
  kind: string;
  /** The refusal's message (a message key or a text) on `startsAt`. */
  refusal?: string;
  alternatives?: { specialistId: string; startsAt: string; endsAt: string }[];
  slotGone: boolean;
  names: Map<string, string>;
  busy?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      {refusal ? (
        <p className="error" id="f-startsAt" tabIndex={-1}>
          {isMessageKey(refusal) ? t(refusal) : refusal}
        </p>
      ) : (
        slotGone && (
          <div className="error-summary" role="alert">
            <p>{t("supportBook.error.slotGone")}</p>
          </div>
        )
      )}
      {alternatives && <Alternatives alternatives={alternatives} names={names} />}
      {w.picked ? (
        <ConfirmSlot w={w} slot={w.picked} hidden={{ kind }} busy={busy} />
      ) : (
        <NearestSlot w={w} />
      )}
      <SlotWeek w={w} />
    </>
  );
}
