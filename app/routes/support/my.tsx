// /support/my — "Moje konsultacje": the employee's own upcoming bookings (with the link or
// place, and cancelling until the centre's deadline, after a confirmation) and past ones, paged.
import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import { formatTime } from "../../../modules/programme/session-text.ts";
import { kindKey, modeKey, statusKey } from "../../../modules/support/booking-labels.ts";
import {
  CancelDeadlineError,
  cancelSupportBooking,
} from "../../../modules/support/cancel-booking.ts";
import { type MyBooking, myBookings } from "../../../modules/support/my-bookings.ts";
import { AppError, type FieldErrors } from "../../../platform/errors.ts";
import { formatDate, formatDateTime, isMessageKey } from "../../../platform/i18n.ts";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { PrevNext } from "../../components/table.tsx";
import { useT } from "../../lib/i18n.tsx";
import { pageParams, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/my";
import "../../components/support/booking.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.book");
  const url = new URL(request.url);
  const r = await myBookings(actor, pageParams(url));
  const cancelId = url.searchParams.get("cancel");
  return {
    ...r,
    hasEmployee: Boolean(actor.employeeId),
    confirming: r.upcoming.find((b) => b.id === cancelId && b.canCancel) ?? null,
    booked: url.searchParams.has("booked"),
    cancelled: url.searchParams.has("cancelled"),
  };
}

type Result = { fieldErrors?: FieldErrors };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.book");
  const form = await request.formData();
  try {
    if (form.get("intent") !== "cancel")
      throw new AppError("validation", { _form: "errors.invalid" });
    await cancelSupportBooking(actor, String(form.get("id") ?? ""));
    return redirect("/support/my?cancelled=1");
  } catch (e) {
    if (e instanceof CancelDeadlineError) {
      const message = tOf(context)("supportBook.cancel.error.deadline", {
        deadline: formatDateTime(e.deadline),
      });
      return data<Result>({ fieldErrors: { _form: message } }, { status: 422 });
    }
    if (e instanceof AppError && (e.code === "conflict" || e.code === "validation")) {
      return data<Result>({ fieldErrors: e.fieldErrors }, { status: 422 });
    }
    if (e instanceof AppError) throw data(null, { status: e.status });
    throw e;
  }
}

const when = (b: Pick<MyBooking, "startsAt" | "endsAt">) =>
  `${formatDate(b.startsAt)}, ${formatTime(b.startsAt)}–${formatTime(b.endsAt)}`;

export default function MyBookings() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const error = result?.fieldErrors?._form;
  return (
    <Page
      title={t("supportBook.my.title")}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/support", label: t("supportBook.title") },
      ]}
      actions={
        <Link className="button primary" to="/support">
          {t("supportBook.my.bookNew")}
        </Link>
      }
    >
      <p>{t("supportBook.privacy")}</p>
      {d.booked && <Notice kind="success">{t("supportBook.my.booked")}</Notice>}
      {d.cancelled && <Notice kind="success">{t("supportBook.my.cancelled")}</Notice>}
      {error && (
        <div className="error-summary" role="alert">
          <p>{isMessageKey(error) ? t(error) : error}</p>
        </div>
      )}
      {!d.hasEmployee && <Notice>{t("supportBook.error.noEmployee")}</Notice>}
      {d.confirming && <ConfirmCancel b={d.confirming} />}
      <section aria-labelledby="h-upcoming">
        <h2 id="h-upcoming">{t("supportBook.my.upcoming")}</h2>
        {d.upcoming.length === 0 ? (
          <EmptyState action={<Link to="/support">{t("supportBook.my.bookNew")}</Link>}>
            {t("supportBook.my.noUpcoming")}
          </EmptyState>
        ) : (
          <ul className="sb-bookings">
            {d.upcoming.map((b) => (
              <li key={b.id} className="sb-booking">
                <BookingFacts b={b} />
                {b.canCancel ? (
                  <p>
                    {t("supportBook.my.cancelUntil", { deadline: formatDateTime(b.cancelUntil) })}{" "}
                    <Link
                      to={`?cancel=${b.id}#h-cancel`}
                      aria-label={t("supportBook.my.cancelLabel", { when: when(b) })}
                    >
                      {t("supportBook.my.cancel")}
                    </Link>
                  </p>
                ) : (
                  <p className="hint">
                    {t("supportBook.my.cancelClosed", {
                      deadline: formatDateTime(b.cancelUntil),
                    })}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="h-past">
        <h2 id="h-past">{t("supportBook.my.past")}</h2>
        {d.past.length === 0 ? (
          <p>{t(d.page > 1 ? "supportBook.my.pastPageEmpty" : "supportBook.my.noPast")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("supportBook.my.past")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("supportBook.field.when")}</th>
                  <th scope="col">{t("supportBook.field.kind")}</th>
                  <th scope="col">{t("supportBook.field.specialist")}</th>
                  <th scope="col">{t("supportBook.field.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.past.map((b) => (
                  <tr key={b.id}>
                    <th scope="row">{when(b)}</th>
                    <td>{t(kindKey(b.kind))}</td>
                    <td>{b.specialistName}</td>
                    <td>{t(statusKey(b.status))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <PrevNext page={d.page} hasNext={d.hasNext} />
      </section>
    </Page>
  );
}

function BookingFacts({ b }: { b: MyBooking }) {
  const t = useT();
  const online = b.mode === "online";
  return (
    <>
      <p>
        <span className="sb-when">{when(b)}</span> · {t(kindKey(b.kind))}
        {b.crisis && ` · ${t("supportBook.my.crisis")}`}
      </p>
      <p>
        {t("supportBook.field.specialist")}: {b.specialistName}
        {b.specialistTitle && ` (${b.specialistTitle})`}
      </p>
      <p>
        {t(modeKey(b.mode))}
        {b.where &&
          (online && /^https:\/\//.test(b.where) ? (
            <>
              {" — "}
              <a href={b.where}>{t("supportBook.my.join")}</a>
            </>
          ) : (
            ` — ${b.where}`
          ))}
      </p>
    </>
  );
}

function ConfirmCancel({ b }: { b: MyBooking }) {
  const t = useT();
  return (
    <section aria-labelledby="h-cancel" className="card sb-confirm">
      <h2 id="h-cancel" tabIndex={-1}>
        {t("supportBook.my.cancelTitle")}
      </h2>
      <BookingFacts b={b} />
      <p>{t("supportBook.my.cancelText")}</p>
      <Form method="post" className="bulk-actions">
        <input type="hidden" name="intent" value="cancel" />
        <input type="hidden" name="id" value={b.id} />
        <button type="submit" className="primary">
          {t("supportBook.my.cancelConfirm")}
        </button>
        <Link className="button" to="/support/my">
          {t("supportBook.my.cancelKeep")}
        </Link>
      </Form>
    </section>
  );
}
