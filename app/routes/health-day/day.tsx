// /health-day/:id — one Health Day: its stations, each with its slots and the places left;
// choosing a time books it (one slot per station), and one's bookings can be given back until
// the day starts. A plain form per station: it works without JavaScript and on a 320 px phone.
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { bookHealthDay, cancelHealthDayBooking } from "../../../modules/health/book-health-day.ts";
import { explainHealthDayError } from "../../../modules/health/health-day-messages.ts";
import { healthDaySlots } from "../../../modules/health/health-day-slots.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState, useFieldError } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/day";
import "./health-day.css";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "healthday.book");
  const view = await load(() => healthDaySlots(actor, params.id));
  return { ...view, canManage: can(actor, "healthday.manage"), hasEmployee: !!actor.employeeId };
}

/**
 * After a refusal too: a place or a time taken in the meantime shows at once, so the choices on
 * the page are the ones still open.
 */
export function shouldRevalidate() {
  return true;
}

type Result = FormState & { ok?: boolean; message?: MessageKey; detail?: string };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "healthday.book");
  const t = tOf(context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  return act(form, async (v) => {
    try {
      if (intent === "book") {
        const r = await bookHealthDay(actor, params.id, { stationId: v.stationId, time: v.time });
        return { ok: true, message: "healthDay.bookedNotice", detail: r.time } satisfies Result;
      }
      if (intent === "cancel") {
        await cancelHealthDayBooking(actor, v.bookingId ?? "");
        return { ok: true, message: "healthDay.cancelledNotice" } satisfies Result;
      }
    } catch (e) {
      if (e instanceof AppError) explainHealthDayError(t, e);
      throw e;
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

type Station = Awaited<ReturnType<typeof loader>>["stations"][number];

function StationForm({ s, state }: { s: Station; state: FormState }) {
  const t = useT();
  const mine = state?.values?.stationId === s.id ? state : undefined;
  const error = useFieldError(mine);
  const prefix = `st-${s.id}-`;
  const timeError = error("time") ?? error("stationId");
  const chosen = mine?.values?.time;
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="stationId" value={s.id} />
      <ErrorSummary
        state={mine}
        labels={{ time: t("healthDay.chooseTime"), stationId: t("healthDay.chooseTime") }}
        idPrefix={prefix}
      />
      <fieldset
        id={`${prefix}time`}
        tabIndex={-1}
        className={`hd-slot-fieldset${timeError ? " field-invalid" : ""}`}
        aria-describedby={timeError ? `${prefix}error` : undefined}
      >
        <legend>{t("healthDay.chooseTimeAt", { station: s.name })}</legend>
        {timeError && (
          <p className="error" id={`${prefix}error`}>
            {timeError}
          </p>
        )}
        <ul className="hd-slots">
          {s.slots.map((slot) => {
            const id = `${prefix}${slot.startMinute}`;
            const closed = slot.past || slot.left === 0;
            return (
              <li key={slot.startMinute} className="hd-slot">
                <input
                  type="radio"
                  id={id}
                  name="time"
                  value={slot.time}
                  disabled={closed}
                  defaultChecked={!closed && chosen === slot.time}
                />
                <label htmlFor={id}>
                  <span className="hd-time">{slot.label}</span>
                  <span className="hd-left">
                    {slot.past
                      ? t("healthDay.slotPast")
                      : slot.left === 0
                        ? t("healthDay.slotFull")
                        : t("healthDay.slotLeft", { count: slot.left })}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <button type="submit" className="primary">
        {t("healthDay.bookAt", { station: s.name })}
      </button>
    </Form>
  );
}

export default function HealthDayPage() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const intent = result?.values?.intent;
  const day = d.day;
  return (
    <Page
      title={day.title}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/health-day", label: t("healthDay.title") },
      ]}
      actions={
        d.canManage && (
          <Link className="button" to={`/health-day/manage/${day.id}`}>
            {t("healthDay.manageThis")}
          </Link>
        )
      }
    >
      {result?.ok && result.message && (
        <Notice kind="success">{t(result.message, { time: result.detail ?? "" })}</Notice>
      )}
      {day.status === "cancelled" && <Notice>{t("healthDay.cancelledDay")}</Notice>}
      {day.status === "draft" && <Notice>{t("healthDay.draftNotice")}</Notice>}
      <dl className="facts">
        <dt>{t("healthDay.date")}</dt>
        <dd>{formatDate(day.date)}</dd>
        <dt>{t("healthDay.place")}</dt>
        <dd>{day.place || t("common.none")}</dd>
      </dl>
      {day.description && <p className="prose">{day.description}</p>}

      <section aria-labelledby="h-mine">
        <h2 id="h-mine">{t("healthDay.myBookingsHere")}</h2>
        {intent === "cancel" && <ErrorSummary state={result} labels={{}} />}
        {d.mine.length === 0 ? (
          <p>{t("healthDay.noBookingsHere")}</p>
        ) : (
          <ul className="plain">
            {d.mine.map((b) => (
              <li key={b.id} className="hd-mine hd-row-actions">
                <span>{t("healthDay.myBookingAt", { station: b.stationName, time: b.label })}</span>
                {d.canCancelOwn && (
                  <Form method="post">
                    <input type="hidden" name="intent" value="cancel" />
                    <input type="hidden" name="bookingId" value={b.id} />
                    <button type="submit">
                      {t("healthDay.giveUp", { station: b.stationName, time: b.time })}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        {d.mine.length > 0 && d.open && !d.canCancelOwn && (
          <p className="hint">{t("healthDay.tooLateToCancel")}</p>
        )}
        {!d.hasEmployee && <p className="hint">{t("errors.healthDayNoEmployee")}</p>}
      </section>

      {d.stations.map((s) => (
        <section key={s.id} aria-labelledby={`h-${s.id}`} className="card hd-station">
          <h2 id={`h-${s.id}`}>{s.name}</h2>
          {s.description && <p>{s.description}</p>}
          <p className="hint">
            {t("healthDay.stationHours", {
              from: s.from,
              to: s.to,
              minutes: s.slotMinutes,
              count: s.capacity,
            })}
          </p>
          {s.mine ? (
            <p>
              {t("healthDay.haveHere", {
                time: s.slots.find((x) => x.startMinute === s.mine?.startMinute)?.label ?? "",
              })}
            </p>
          ) : d.open && d.hasEmployee ? (
            <StationForm s={s} state={intent === "book" ? result : undefined} />
          ) : (
            <ul className="plain">
              {s.slots.map((slot) => (
                <li key={slot.startMinute}>
                  {slot.label}: {t("healthDay.slotLeft", { count: slot.left })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </Page>
  );
}
