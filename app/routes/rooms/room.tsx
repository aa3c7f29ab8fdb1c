// /rooms/:id — one room's day: its bookings (times, purpose, who booked) with the days before
// and after, and the form to book it. A time the room is taken is refused with the booking in
// the way; one's own bookings (any, for whoever keeps the rooms) can be cancelled.
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { bookRoom, cancelRoomBooking } from "../../../modules/support/room-bookings.ts";
import { roomDay } from "../../../modules/support/room-day.ts";
import { explainRoomError } from "../../../modules/support/room-messages.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { ErrorSummary, Field, type FormState } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/room";
import "./rooms.css";
import { weekdayName } from "./weekday.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "rooms.book");
  const day = new URL(request.url).searchParams.get("day");
  const view = await load(() => roomDay(actor, params.id, day));
  return view;
}

/**
 * After a refusal too: a place or a time taken in the meantime shows at once, so the choices on
 * the page are the ones still open.
 */
export function shouldRevalidate() {
  return true;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "rooms.book");
  const t = tOf(context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  return act(form, async (v) => {
    try {
      if (intent === "book") {
        await bookRoom(actor, params.id, v);
        return redirect(`/rooms/${params.id}?day=${v.day}&booked=1`);
      }
      if (intent === "cancel") {
        await cancelRoomBooking(actor, v.bookingId ?? "");
        return redirect(`/rooms/${params.id}?day=${v.day ?? ""}&cancelled=1`);
      }
    } catch (e) {
      if (e instanceof AppError) explainRoomError(t, e);
      throw e;
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function RoomPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const intent = state?.values?.intent;
  const bookState = intent === "book" ? state : undefined;
  const room = d.room;
  const labels = {
    day: t("rooms.day"),
    from: t("rooms.from"),
    to: t("rooms.to"),
    purpose: t("rooms.purpose"),
  };
  const dayText = `${weekdayName(d.day, locale)}, ${formatDate(d.day)}`;
  return (
    <Page
      title={room.name}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: `/rooms?day=${d.day}`, label: t("rooms.title") },
      ]}
    >
      {params.get("booked") && <Notice kind="success">{t("rooms.bookedNotice")}</Notice>}
      {params.get("cancelled") && <Notice kind="success">{t("rooms.cancelledNotice")}</Notice>}
      {!room.active && <Notice>{t("rooms.inactiveNotice")}</Notice>}
      <dl className="facts">
        <dt>{t("rooms.location")}</dt>
        <dd>{room.location || t("common.none")}</dd>
        <dt>{t("rooms.capacity")}</dt>
        <dd>{room.capacity}</dd>
      </dl>
      {room.description && <p className="prose">{room.description}</p>}

      <section aria-labelledby="h-day">
        <h2 id="h-day">{t("rooms.planOf", { day: dayText })}</h2>
        <nav className="rooms-day-nav" aria-label={t("rooms.dayNav")}>
          <Link to={`/rooms/${room.id}?day=${d.previous}`}>{t("rooms.previousDay")}</Link>
          {d.day !== d.today && (
            <Link to={`/rooms/${room.id}?day=${d.today}`}>{t("rooms.today")}</Link>
          )}
          <Link to={`/rooms/${room.id}?day=${d.next}`}>{t("rooms.nextDay")}</Link>
        </nav>
        <Form method="get" className="filters">
          <Field
            name="day"
            type="date"
            label={t("rooms.goToDay")}
            defaultValue={d.day}
            idPrefix="go-"
          />
          <button type="submit">{t("rooms.show")}</button>
        </Form>
        {intent === "cancel" && <ErrorSummary state={state} labels={{}} />}
        {d.bookings.length === 0 ? (
          <EmptyState>{t("rooms.freeAllDay")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("rooms.planOf", { day: dayText })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("rooms.time")}</th>
                  <th scope="col">{t("rooms.purpose")}</th>
                  <th scope="col">{t("rooms.bookedBy")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {d.bookings.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">
                      {b.from}–{b.to}
                    </th>
                    <td>{b.purpose}</td>
                    <td>
                      {b.bookedByName}
                      {b.mine && <span className="muted"> ({t("rooms.you")})</span>}
                    </td>
                    <td>
                      {b.canCancel && (
                        <Form method="post">
                          <input type="hidden" name="intent" value="cancel" />
                          <input type="hidden" name="bookingId" value={b.id} />
                          <input type="hidden" name="day" value={d.day} />
                          <button
                            type="submit"
                            aria-label={t("rooms.cancelOf", { time: `${b.from}–${b.to}` })}
                          >
                            {t("rooms.cancelBooking")}
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {room.active && (
        <section aria-labelledby="h-book" className="card narrow">
          <h2 id="h-book">{t("rooms.bookTitle")}</h2>
          <p className="rooms-warning" id="purpose-warning">
            {t("rooms.noClientNames")}
          </p>
          <ErrorSummary state={bookState} labels={labels} />
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="book" />
            <Field
              name="day"
              type="date"
              label={labels.day}
              required
              state={bookState}
              defaultValue={d.day}
            />
            <div className="rooms-times">
              <Field name="from" type="time" label={labels.from} required state={bookState} />
              <Field name="to" type="time" label={labels.to} required state={bookState} />
            </div>
            <Field
              name="purpose"
              label={labels.purpose}
              hint={t("rooms.purposeHint")}
              required
              maxLength={300}
              state={bookState}
            />
            <button type="submit" className="primary">
              {t("rooms.book")}
            </button>
          </Form>
        </section>
      )}
    </Page>
  );
}
