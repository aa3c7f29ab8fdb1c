// One booking in the specialist's calendar: when, what, with whom, its status, and — once the
// meeting has started — the two buttons that record how it went. The buttons name the person
// and the time for screen readers, since a week holds many of them.
import { Form, Link } from "react-router";
import { formatTime } from "../../../modules/programme/session-text.ts";
import { kindKey, statusKey } from "../../../modules/support/booking-labels.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { useT } from "../../lib/i18n.tsx";
import "./calendar.css";

export type CalendarBooking = {
  id: string;
  kind: string;
  mode: string;
  startsAt: Date | string;
  endsAt: Date | string;
  status: string;
  crisis: boolean;
  markable: boolean;
  employee: { firstName: string; lastName: string; email: string };
};

/** The calendar's own wording of the mode ("Na miejscu"), not the booking pages' one. */
export function modeLabel(mode: string): MessageKey {
  return `support.calendar.mode.${mode}` as MessageKey;
}

export function OutcomeButtons({
  id,
  status,
  who,
}: {
  id: string;
  status: string;
  /** "Anna Kowalska, 12.03.2026 09:00": names the meeting in the buttons' accessible names. */
  who: string;
}) {
  const t = useT();
  return (
    <Form method="post" className="outcome-form">
      <input type="hidden" name="intent" value="outcome" />
      <input type="hidden" name="id" value={id} />
      {(["took_place", "no_show"] as const).map((outcome) => (
        <button
          key={outcome}
          type="submit"
          name="outcome"
          value={outcome}
          className={outcome === "took_place" ? "primary" : undefined}
          disabled={status === outcome}
          aria-label={t(
            outcome === "took_place"
              ? "support.calendar.markTookPlaceLabel"
              : "support.calendar.markNoShowLabel",
            { who },
          )}
        >
          {t(
            outcome === "took_place"
              ? "support.calendar.markTookPlace"
              : "support.calendar.markNoShow",
          )}
        </button>
      ))}
    </Form>
  );
}

export function BookingItem({ b, showDate }: { b: CalendarBooking; showDate?: boolean }) {
  const t = useT();
  const name = `${b.employee.firstName} ${b.employee.lastName}`;
  const when = `${showDate ? `${formatDate(b.startsAt)}, ` : ""}${formatTime(b.startsAt)}–${formatTime(b.endsAt)}`;
  return (
    <li className={`booking-item status-${b.status}`}>
      <p>
        <span className="booking-when">{when}</span> · {t(kindKey(b.kind))} · {t(modeLabel(b.mode))}
        {b.crisis && <> · {t("support.calendar.crisis")}</>}
      </p>
      <p>
        <Link to={`/support/bookings/${b.id}`}>{name}</Link>{" "}
        <span className="muted">({b.employee.email})</span>
      </p>
      <p className="booking-status">
        {t("support.calendar.statusLabel")}: {t(statusKey(b.status))}
        {b.status === "booked" && b.markable && ` — ${t("support.calendar.awaitingMark")}`}
      </p>
      {b.markable && (
        <OutcomeButtons
          id={b.id}
          status={b.status}
          who={`${name}, ${formatDate(b.startsAt)} ${formatTime(b.startsAt)}`}
        />
      )}
    </li>
  );
}
