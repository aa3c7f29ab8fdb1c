// The enrolment box of an activity's page: where the person stands (a place, awaiting
// approval, the waitlist and their position), places left, why they cannot enrol, and the
// buttons to enrol or withdraw with the deadline. Its forms post to /programme/:id/enrol, which
// redirects back here with the outcome in the address (so it works without JavaScript too).
import { Form, Link, useSearchParams } from "react-router";
import type { EnrolmentStatusView } from "../../../modules/programme/enrolment-status.ts";
import { formatDateTime, isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { useT } from "../../lib/i18n.tsx";
import { Notice } from "../page.tsx";
import "./enrol.css";

/** What the enrol route puts in the address after its redirect. */
export const ENROL_OUTCOMES = ["confirmed", "pending", "waitlisted", "cancelled"] as const;

export function EnrolBox(props: EnrolmentStatusView & { activityId: string }) {
  const t = useT();
  const [params] = useSearchParams();
  const e = props.enrolment;
  const outcome = params.get("enrolment");
  const error = params.get("enrolError");
  const position = Number(params.get("position")) || e?.waitlistPosition || 0;
  const deadline = props.cancelDeadline;
  const action = `/programme/${props.activityId}/enrol`;
  const windowText =
    props.enrolOpensAt && props.enrolClosesAt
      ? t("programme.enrol.box.window", {
          from: formatDateTime(props.enrolOpensAt),
          to: formatDateTime(props.enrolClosesAt),
        })
      : props.enrolOpensAt
        ? t("programme.enrol.box.windowFrom", { from: formatDateTime(props.enrolOpensAt) })
        : props.enrolClosesAt
          ? t("programme.enrol.box.windowTo", { to: formatDateTime(props.enrolClosesAt) })
          : null;
  const priorityOpen = props.priorityUntil && new Date(props.priorityUntil) > new Date();
  return (
    <section aria-labelledby="h-enrol" className="card enrol-box">
      <h2 id="h-enrol">{t("programme.enrol.box.title")}</h2>
      {outcome && (ENROL_OUTCOMES as readonly string[]).includes(outcome) && (
        <Notice kind="success">
          {t(`programme.enrol.done.${outcome}` as MessageKey, { position })}
        </Notice>
      )}
      {error && isMessageKey(error) && (
        <div className="error-summary" role="alert">
          <p>{t(error)}</p>
        </div>
      )}
      {e ? (
        <p className={`enrol-status enrol-status-${e.status}`}>
          <strong>
            {t(`programme.enrol.box.status.${e.status}` as MessageKey, {
              position: e.waitlistPosition ?? 0,
            })}
          </strong>
        </p>
      ) : null}
      <ul className="enrol-facts">
        <li>
          {props.placesLeft > 0
            ? t("programme.enrol.box.places", {
                left: props.placesLeft,
                capacity: props.capacity,
              })
            : t("programme.enrol.box.full")}
        </li>
        {props.waitlistLength > 0 && (
          <li>{t("programme.enrol.box.waiting", { count: props.waitlistLength })}</li>
        )}
        {windowText && !e && <li>{windowText}</li>}
        {priorityOpen && !e && (
          <li>
            {t("programme.enrol.box.priority", { date: formatDateTime(props.priorityUntil) })}
          </li>
        )}
        {props.canEnrol.ok && props.canEnrol.approval && (
          <li>{t("programme.enrol.box.approval")}</li>
        )}
      </ul>
      {!e && !props.canEnrol.ok && <p className="enrol-reason">{t(props.canEnrol.reason)}</p>}
      {!e && props.canEnrol.ok && (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="enrol" />
          <button type="submit" className="primary">
            {t(
              props.canEnrol.full
                ? "programme.enrol.box.enrolWaitlist"
                : "programme.enrol.box.enrol",
            )}
          </button>
        </Form>
      )}
      {e && props.canCancel && (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="enrolmentId" value={e.id} />
          {deadline && e.status !== "waitlisted" && (
            <p>{t("programme.enrol.box.deadline", { date: formatDateTime(deadline) })}</p>
          )}
          <button type="submit">
            {t(
              e.status === "waitlisted"
                ? "programme.enrol.box.leaveWaitlist"
                : "programme.enrol.box.cancel",
            )}
          </button>
        </Form>
      )}
      {e && !props.canCancel && deadline && (
        <p>{t("programme.enrol.box.deadlinePassed", { date: formatDateTime(deadline) })}</p>
      )}
      {e && e.status !== "waitlisted" && (
        <p>
          <Link to="/calendar">{t("programme.enrol.box.calendar")}</Link>
        </p>
      )}
    </section>
  );
}
