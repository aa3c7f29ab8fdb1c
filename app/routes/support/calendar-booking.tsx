// /support/bookings/:id — one booking, for its two parties only: the specialist sees who booked
// and records how the meeting went; the employee sees when, where and with whom. Anyone else,
// whatever their role, gets "not found" (modules/support/find-booking.ts). The specialist may
// also call a booked meeting off (illness, an emergency); the employee cancels on /support/my.
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { formatSessionWhen, formatTime } from "../../../modules/programme/session-text.ts";
import { kindKey, statusKey } from "../../../modules/support/booking-labels.ts";
import { cancelSupportBooking } from "../../../modules/support/cancel-booking.ts";
import { markOutcome } from "../../../modules/support/mark-outcome.ts";
import { bookingView } from "../../../modules/support/specialist-bookings.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, isMessageKey } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import { modeLabel, OutcomeButtons } from "../../components/support/booking-item.tsx";
import { useT } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/calendar-booking";
import "../../components/support/calendar.css";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.book");
  const b = await load(() => bookingView(actor, params.id));
  return { ...b, confirmingCancel: new URL(request.url).searchParams.has("cancel") };
}

type Result = FormState & { ok?: boolean; message?: string };

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.book");
  return act(await request.formData(), async (v): Promise<Result> => {
    if (v.intent === "cancel") {
      await cancelSupportBooking(actor, params.id);
      return { ok: true, message: "support.calendar.booking.cancelled" };
    }
    if (v.intent !== "outcome") throw new AppError("validation", { _form: "errors.invalid" });
    const r = await markOutcome(actor, params.id, { outcome: v.outcome });
    return { ok: true, message: `support.calendar.marked.${r.status}` };
  });
}

export default function BookingPage() {
  const t = useT();
  const b = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const crumbs =
    b.viewer === "specialist"
      ? [
          { to: "/", label: t("nav.dashboard") },
          { to: "/support/calendar", label: t("support.calendar.title") },
        ]
      : [
          { to: "/", label: t("nav.dashboard") },
          { to: "/support/my", label: t("support.calendar.booking.myBookings") },
        ];
  const person = b.viewer === "specialist" ? b.employee : null;
  return (
    <Page title={t("support.calendar.booking.title", { kind: t(kindKey(b.kind)) })} crumbs={crumbs}>
      {result?.ok && result.message && isMessageKey(result.message) && (
        <Notice kind="success">{t(result.message)}</Notice>
      )}
      {result && !result.ok && <ErrorSummary state={result} labels={{}} />}
      <p>{t("support.calendar.booking.confidential")}</p>
      <dl className="facts">
        <dt>{t("support.calendar.booking.when")}</dt>
        <dd>{formatSessionWhen(b)}</dd>
        <dt>{t("support.calendar.colKind")}</dt>
        <dd>
          {t(kindKey(b.kind))}
          {b.crisis && ` (${t("support.calendar.crisis")})`}
        </dd>
        {person ? (
          <>
            <dt>{t("support.calendar.colPerson")}</dt>
            <dd>
              {person.firstName} {person.lastName} (
              <a href={`mailto:${person.email}`}>{person.email}</a>)
            </dd>
          </>
        ) : (
          <>
            <dt>{t("support.calendar.booking.specialist")}</dt>
            <dd>
              {b.specialist.name}
              {b.specialist.title && `, ${b.specialist.title}`}
            </dd>
          </>
        )}
        <dt>{t("support.calendar.booking.mode")}</dt>
        <dd>
          {t(modeLabel(b.mode))}
          {/^https:\/\//.test(b.specialist.meetingLink) && (
            <>
              {" — "}
              <a href={b.specialist.meetingLink} rel="noreferrer noopener">
                {t("support.calendar.booking.meetingLink")}
              </a>
            </>
          )}
          {b.specialist.place && ` — ${b.specialist.place}`}
        </dd>
        <dt>{t("support.calendar.statusLabel")}</dt>
        <dd className="booking-status">{t(statusKey(b.status))}</dd>
      </dl>
      {person && b.markable && (
        <section aria-labelledby="h-outcome">
          <h2 id="h-outcome">{t("support.calendar.booking.outcomeTitle")}</h2>
          <p>{t("support.calendar.booking.outcomeIntro")}</p>
          <OutcomeButtons
            id={b.id}
            status={b.status}
            who={`${person.firstName} ${person.lastName}, ${formatDate(b.startsAt)} ${formatTime(b.startsAt)}`}
          />
        </section>
      )}
      {person && !b.markable && b.status === "booked" && (
        <p>{t("support.calendar.booking.notStarted")}</p>
      )}
      {person && b.status === "booked" && !b.confirmingCancel && (
        <p>
          <Link to="?cancel#h-cancel">{t("support.calendar.booking.cancel")}</Link>
        </p>
      )}
      {person && b.status === "booked" && b.confirmingCancel && (
        <section aria-labelledby="h-cancel" className="card">
          <h2 id="h-cancel" tabIndex={-1}>
            {t("support.calendar.booking.cancelTitle")}
          </h2>
          <p>{t("support.calendar.booking.cancelText")}</p>
          <Form method="post" action="." className="bulk-actions">
            <input type="hidden" name="intent" value="cancel" />
            <button type="submit" className="primary">
              {t("support.calendar.booking.cancelConfirm")}
            </button>
            <Link className="button" to=".">
              {t("support.calendar.booking.cancelKeep")}
            </Link>
          </Form>
        </section>
      )}
      {!person && b.status === "booked" && (
        <p>
          <Link to="/support/my">{t("support.calendar.booking.manageOwn")}</Link>
        </p>
      )}
    </Page>
  );
}
