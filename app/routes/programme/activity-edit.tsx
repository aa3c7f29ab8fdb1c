import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { activityDetail } from "../../../modules/programme/activity-detail.ts";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import { cancelActivity } from "../../../modules/programme/cancel-activity.ts";
import { publishActivity } from "../../../modules/programme/publish-activity.ts";
import {
  activityFormDefaults,
  activityFormInput,
  activityFormOptions,
  saveActivity,
} from "../../../modules/programme/save-activity.ts";
import {
  cancelSession,
  saveSession,
  sessionFormInput,
} from "../../../modules/programme/save-session.ts";
import { formatSessionWhen } from "../../../modules/programme/session-text.ts";
import { warsawDay, warsawTime } from "../../../modules/survey/schedule-cycle.ts";
import { AppError } from "../../../platform/errors.ts";
import type { MessageKey, T } from "../../../platform/i18n.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import {
  ActivityForm,
  ActivityStatusBadge,
  joinAudience,
  SessionForm,
} from "../../components/programme/catalogue.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/activity-edit";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const t = tOf(context);
  const d = await load(() => activityDetail(actor, params.id));
  const o = await activityFormOptions(actor, d.activity.typeId);
  return {
    activity: {
      id: d.activity.id,
      title: d.activity.title,
      status: d.activity.status,
      format: d.activity.format,
      seatsTaken: d.activity.seatsTaken,
    },
    sessions: d.sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      place: s.place,
      meetingUrl: s.meetingUrl,
      cancelled: Boolean(s.cancelledAt),
      form: {
        date: warsawDay(s.startsAt),
        startTime: warsawTime(s.startsAt),
        endTime: warsawTime(s.endsAt),
        place: s.place,
        meetingUrl: s.meetingUrl,
      },
    })),
    initial: activityFormDefaults(d.activity),
    options: {
      types: o.types.map((ty) => ({
        value: ty.id,
        label:
          activityTypeLabel(t, ty) + (ty.archived ? ` (${t("catalogue.types.hiddenShort")})` : ""),
      })),
      trainers: o.trainers.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` })),
      groups: o.groups.map((g) => ({ value: g.id, label: g.name })),
      positions: o.positions.map((p) => ({ value: p.id, label: p.name })),
      units: o.units.map((u) => ({ value: u.id, label: u.name, depth: u.depth })),
    },
  };
}

/** A capacity below the places taken is refused with their number, in the reader's language. */
async function withSeatsTaken<R>(t: T, fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && typeof e.extensions.seatsTaken === "number") {
      e.fieldErrors.capacity = t("errors.programmeCapacityBelowSeatsCount", {
        count: e.extensions.seatsTaken,
      });
    }
    throw e;
  }
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "programme.manage");
  const t = tOf(context);
  const form = await request.formData();
  joinAudience(form);
  const intent = String(form.get("intent"));
  const here = `/programme/${params.id}/edit`;
  return act(form, async (v) => {
    if (intent === "save") {
      await withSeatsTaken(t, () => saveActivity(actor, params.id, activityFormInput(v)));
      return redirect(`${here}?saved=1`);
    }
    if (intent === "publish") {
      await publishActivity(actor, params.id);
      return redirect(`${here}?published=1`);
    }
    if (intent === "cancel") {
      await cancelActivity(actor, params.id);
      return redirect(`/programme/${params.id}?cancelled=1`);
    }
    if (intent === "session-save") {
      await saveSession(actor, params.id, v.sessionId || null, sessionFormInput(v));
      return redirect(`${here}?sessionSaved=1#sessions`);
    }
    if (intent === "session-cancel") {
      await cancelSession(actor, v.sessionId ?? "");
      return redirect(`${here}?sessionCancelled=1#sessions`);
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

const NOTICES: [string, MessageKey][] = [
  ["created", "catalogue.created"],
  ["saved", "common.saved"],
  ["published", "catalogue.publishedNotice"],
  ["sessionSaved", "catalogue.sessionSaved"],
  ["sessionCancelled", "catalogue.sessionCancelledNotice"],
];

export default function EditActivity() {
  const { t } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const a = d.activity;
  const intent = state?.values?.intent;
  const cancelled = a.status === "cancelled";
  const editing = d.sessions.find(
    (s) => s.id === (state?.values?.sessionId || params.get("session")),
  );
  const confirmSession = d.sessions.find((s) => s.id === params.get("cancelSession"));
  const notice = NOTICES.find(([p]) => params.get(p));
  const here = `/programme/${a.id}/edit`;
  const online = a.format === "online";
  return (
    <Page
      title={t("catalogue.editTitle", { title: a.title })}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
    >
      {notice && <Notice kind="success">{t(notice[1])}</Notice>}

      <section aria-labelledby="h-status" className="card">
        <h2 id="h-status">{t("catalogue.status")}</h2>
        <p>
          <ActivityStatusBadge status={a.status} />{" "}
          {t(`catalogue.statusHint.${a.status}` as MessageKey)}
        </p>
        {(intent === "publish" || intent === "cancel") && (
          <ErrorSummary state={state} labels={{}} />
        )}
        <div className="row-actions">
          {a.status === "draft" && (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="publish" />
              <button type="submit" className="primary">
                {t("catalogue.publish")}
              </button>
            </Form>
          )}
          {!cancelled && params.get("confirm") !== "cancel" && (
            <Link className="button" to={`${here}?confirm=cancel#h-status`}>
              {t("catalogue.cancelActivity")}
            </Link>
          )}
          <Link to={`/programme/${a.id}`}>{t("catalogue.viewPage")}</Link>
        </div>
        {!cancelled && params.get("confirm") === "cancel" && (
          <div className="confirm">
            <p>
              {a.status === "published"
                ? t("catalogue.cancelConfirmPublished", { count: a.seatsTaken })
                : t("catalogue.cancelConfirmDraft")}
            </p>
            <div className="row-actions">
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="cancel" />
                <button type="submit" className="danger">
                  {t("catalogue.cancelActivityConfirm")}
                </button>
              </Form>
              <Link to={here}>{t("catalogue.keep")}</Link>
            </div>
          </div>
        )}
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">{t("catalogue.sessions")}</h2>
        {d.sessions.length === 0 ? (
          <p>{t("catalogue.noSessionsYet")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("catalogue.sessions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("catalogue.when")}</th>
                  <th scope="col">{t(online ? "catalogue.meetingUrl" : "catalogue.place")}</th>
                  <th scope="col">{t("catalogue.status")}</th>
                  {!cancelled && <th scope="col">{t("common.actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id} className={s.cancelled ? "session-cancelled" : undefined}>
                    <th scope="row">
                      <span className="session-when">{formatSessionWhen(s)}</span>
                    </th>
                    <td>{online ? s.meetingUrl || s.place : s.place || s.meetingUrl}</td>
                    <td>
                      {t(s.cancelled ? "catalogue.sessionCancelled" : "catalogue.sessionPlanned")}
                    </td>
                    {!cancelled && (
                      <td>
                        {!s.cancelled && (
                          <div className="row-actions">
                            <Link
                              to={`${here}?session=${s.id}#session-form`}
                              aria-label={t("catalogue.editSessionOf", {
                                when: formatSessionWhen(s),
                              })}
                            >
                              {t("common.edit")}
                            </Link>
                            <Link
                              to={`${here}?cancelSession=${s.id}#sessions`}
                              aria-label={t("catalogue.cancelSessionOf", {
                                when: formatSessionWhen(s),
                              })}
                            >
                              {t("catalogue.cancelSession")}
                            </Link>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {intent === "session-cancel" && <ErrorSummary state={state} labels={{}} />}
        {confirmSession && !confirmSession.cancelled && !cancelled && (
          <div className="confirm">
            <p>
              {t(
                a.status === "published"
                  ? "catalogue.cancelSessionConfirmPublished"
                  : "catalogue.cancelSessionConfirmDraft",
                { when: formatSessionWhen(confirmSession) },
              )}
            </p>
            <div className="row-actions">
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="session-cancel" />
                <input type="hidden" name="sessionId" value={confirmSession.id} />
                <button type="submit" className="danger">
                  {t("catalogue.cancelSessionConfirm")}
                </button>
              </Form>
              <Link to={`${here}#sessions`}>{t("catalogue.keep")}</Link>
            </div>
          </div>
        )}
        {!cancelled && (
          <section aria-labelledby="session-form" className="card">
            <h3 id="session-form" tabIndex={-1}>
              {editing && !editing.cancelled
                ? t("catalogue.editSession", { when: formatSessionWhen(editing) })
                : t("catalogue.addSession")}
            </h3>
            <SessionForm
              key={editing?.id ?? "new"}
              state={intent === "session-save" ? state : undefined}
              online={online}
              sessionId={editing && !editing.cancelled ? editing.id : undefined}
              initial={editing && !editing.cancelled ? editing.form : undefined}
            />
            {editing && <Link to={`${here}#sessions`}>{t("catalogue.addSessionInstead")}</Link>}
          </section>
        )}
      </section>

      {!cancelled && (
        <section aria-labelledby="h-details">
          <h2 id="h-details">{t("catalogue.details")}</h2>
          <ActivityForm
            state={intent === "save" ? state : undefined}
            options={d.options}
            initial={d.initial}
            submitLabel={t("common.save")}
          />
        </section>
      )}
    </Page>
  );
}
