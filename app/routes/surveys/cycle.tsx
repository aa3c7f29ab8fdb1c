import { useEffect, useRef } from "react";
import { Form, Link, redirect, useActionData, useLoaderData, useSearchParams } from "react-router";
import { closeCycle } from "../../../modules/survey/close-cycle.ts";
import { instantField, reminderDatesField } from "../../../modules/survey/cycle-form.ts";
import { cycleOverview } from "../../../modules/survey/cycle-overview.ts";
import { extendCycle } from "../../../modules/survey/extend-cycle.ts";
import { openCycle } from "../../../modules/survey/open-cycle.ts";
import {
  scheduleCycle,
  setReminderDates,
  warsawDay,
  warsawTime,
} from "../../../modules/survey/schedule-cycle.ts";
import { sendReminders } from "../../../modules/survey/send-reminders.ts";
import { AppError, type FieldErrors } from "../../../platform/errors.ts";
import { formatDate, formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { CheckboxField, ErrorSummary, type FormState } from "../../components/form.tsx";
import { Notice, Page } from "../../components/page.tsx";
import {
  CycleStatus,
  DateTimeFields,
  percent,
  REMINDER_FIELDS,
  ReminderDateFields,
} from "../../components/survey-cycle.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { act, load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/cycle";

const ACTIONS = ["open", "schedule", "remind", "extend", "close", "reminders"] as const;
type CycleAction = (typeof ACTIONS)[number];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const o = await load(() => cycleOverview(actor, params.id));
  const c = o.cycle;
  return {
    ...o,
    // Decided here rather than while rendering, so server and browser agree.
    acceptsAnswers: c.status === "open" && c.closesAt.getTime() > Date.now(),
    // Form defaults as Warsaw wall-clock values.
    clock: {
      opensAt: { date: warsawDay(c.opensAt), time: warsawTime(c.opensAt) },
      closesAt: { date: warsawDay(c.closesAt), time: warsawTime(c.closesAt) },
      extendTo: {
        date: warsawDay(new Date(c.closesAt.getTime() + 7 * 24 * 3_600_000)),
        time: warsawTime(c.closesAt),
      },
    },
  };
}

function fromForm<T>(errors: FieldErrors, value: T): T {
  if (Object.keys(errors).length > 0) throw new AppError("validation", errors);
  return value;
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const actor = requirePage(context, request, "survey.manage");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const done = (what: CycleAction, n?: number) =>
    redirect(`/surveys/${params.id}?done=${what}${n === undefined ? "" : `&n=${n}`}`);
  return act(form, async (v) => {
    const errors: FieldErrors = {};
    switch (intent) {
      case "open":
        return done("open", (await openCycle(actor, params.id)).invited);
      case "close":
        await closeCycle(actor, params.id);
        return done("close");
      case "remind":
        return done("remind", (await sendReminders(actor, params.id)).reminded);
      case "extend": {
        const closesAt = fromForm(errors, instantField(v, "closesAt", errors));
        await extendCycle(actor, params.id, { closesAt });
        return done("extend");
      }
      case "schedule": {
        const opensAt = instantField(v, "opensAt", errors);
        const closesAt = instantField(v, "closesAt", errors);
        fromForm(errors, null);
        await scheduleCycle(actor, params.id, { opensAt, closesAt, autoOpen: v.autoOpen });
        return done("schedule");
      }
      case "reminders": {
        const reminderDates = fromForm(errors, reminderDatesField(v, errors));
        await setReminderDates(actor, params.id, { reminderDates });
        return done("reminders");
      }
    }
    throw new AppError("validation", { _form: "errors.invalid" });
  });
}

export default function CyclePage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>() as FormState;
  const [params] = useSearchParams();
  const c = d.cycle;
  const staff = c.kind === "staff";
  const asked = params.get("do") as CycleAction | null;
  const allowed: Record<CycleAction, boolean> = {
    open: c.status === "draft",
    schedule: c.status === "draft",
    remind: d.acceptsAnswers && staff,
    extend: c.status === "open",
    close: c.status !== "closed",
    reminders: c.status !== "closed" && staff,
  };
  const confirming = asked && ACTIONS.includes(asked) && allowed[asked] ? asked : null;
  const done = params.get("done") as CycleAction | null;
  const n = Number(params.get("n") ?? 0);
  return (
    <Page
      title={c.name}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/surveys", label: t("surveys.title") },
      ]}
    >
      {params.get("created") && <Notice kind="success">{t("surveys.created")}</Notice>}
      {done && ACTIONS.includes(done) && (
        <Notice kind="success">{t(`surveys.done.${done}` as MessageKey, { count: n })}</Notice>
      )}
      {d.missedOpening && <Notice>{t("surveys.missedOpening")}</Notice>}

      <dl className="facts">
        <dt>{t("surveys.status")}</dt>
        <dd>
          <CycleStatus status={c.status} autoOpen={c.autoOpen} />
        </dd>
        <dt>{t("surveys.kind")}</dt>
        <dd>{t(`surveys.kind.${c.kind}` as MessageKey)}</dd>
        <dt>{t("surveys.instrument")}</dt>
        <dd>
          <Link to={`/surveys/instruments/${c.instrumentId}`}>
            {c.instrumentTitle[locale]} ({t("surveys.version", { version: c.instrumentVersion })})
          </Link>
        </dd>
        <dt>{t("surveys.opensAt")}</dt>
        <dd>
          {formatDateTime(c.opensAt)}
          {c.status === "draft" && (
            <span className="muted">
              {" "}
              · {t(c.autoOpen ? "surveys.autoOpenOn" : "surveys.autoOpenOff")}
            </span>
          )}
        </dd>
        <dt>{t("surveys.closesAt")}</dt>
        <dd>{formatDateTime(c.closesAt)}</dd>
        {staff && (
          <>
            <dt>{t("surveys.reminderDates")}</dt>
            <dd>
              {c.reminderDates.length
                ? c.reminderDates.map((day) => formatDate(day)).join(", ")
                : t("surveys.noReminders")}
            </dd>
            <dt>{t("surveys.population")}</dt>
            <dd>
              <Population units={d.population.units} groups={d.population.groups} />
            </dd>
          </>
        )}
        <dt>{t("surveys.thresholds")}</dt>
        <dd>
          {t("surveys.thresholdsValue", {
            k: c.minGroupSize,
            comments: c.minCommentGroupSize,
          })}
        </dd>
      </dl>
      {c.status !== "draft" && <p className="hint">{t("surveys.immutable")}</p>}

      {d.toInvite !== null && (
        <p>
          <strong>{t("surveys.toInvite", { count: d.toInvite })}</strong>
        </p>
      )}

      {confirming && (
        <Confirm
          action={confirming}
          state={state}
          toInvite={d.toInvite}
          reminders={d.reminders?.due ?? 0}
          clock={d.clock}
          autoOpen={c.autoOpen}
          reminderDates={c.reminderDates}
        />
      )}

      <section aria-labelledby="h-actions">
        <h2 id="h-actions">{t("surveys.actions")}</h2>
        <ul className="actions">
          {ACTIONS.filter((a) => allowed[a]).map((a) => (
            <li key={a}>
              <Link to={`?do=${a}#confirm`} className={`button${a === "open" ? " primary" : ""}`}>
                {t(`surveys.action.${a}` as MessageKey)}
              </Link>
            </li>
          ))}
          {staff && (
            <li>
              <Link to={`/surveys/${c.id}/paper-codes`} className="button">
                {t("surveys.paperCodes")}
              </Link>
            </li>
          )}
          {c.kind === "client" && (
            <li>
              <Link to={`/surveys/${c.id}/links`} className="button">
                {t("surveys.publicLinks")}
              </Link>
            </li>
          )}
          {c.status === "closed" && (
            <>
              <li>
                <Link to={`/surveys/${c.id}/comments`} className="button">
                  {t("surveys.comments")}
                </Link>
              </li>
              <li>
                <Link to={`/surveys/${c.id}/results`} className="button primary">
                  {t("surveys.results")}
                </Link>
              </li>
            </>
          )}
        </ul>
        {d.reminders && (
          <p>
            {t("surveys.remindersDue", { count: d.reminders.due })}{" "}
            {d.reminders.remindedToday > 0 &&
              t("surveys.remindedToday", { count: d.reminders.remindedToday })}
          </p>
        )}
        {d.comments && (
          <p>
            {t("surveys.commentsCount", { count: d.comments.total })}{" "}
            {d.comments.pending > 0 && t("surveys.commentsPending", { count: d.comments.pending })}
          </p>
        )}
        {c.status === "open" && <p className="hint">{t("surveys.commentsAfterClose")}</p>}
      </section>

      {d.rate && (
        <section aria-labelledby="h-rate">
          <h2 id="h-rate">{t("surveys.responseRate")}</h2>
          {c.status === "open" && <p className="hint">{t("surveys.rateLive")}</p>}
          <ul className="stats">
            <li>
              {t("surveys.rateTotal", {
                responded: d.rate.responded,
                invited: d.rate.invited,
                percent: percent(d.rate.responded, d.rate.invited, locale),
              })}
            </li>
            {staff && (
              <li>
                {t("surveys.rateLinks", {
                  answered: d.rate.links.answered,
                  invited: d.rate.links.invited,
                })}
              </li>
            )}
            {d.rate.paper.issued > 0 && (
              <li>
                {t("surveys.ratePaper", { used: d.rate.paper.used, issued: d.rate.paper.issued })}
              </li>
            )}
          </ul>
          <UnitRates rate={d.rate} />
        </section>
      )}
    </Page>
  );
}

function Population({ units, groups }: { units: string[]; groups: string[] }) {
  const { t } = useI18n();
  if (units.length === 0 && groups.length === 0) return <>{t("surveys.populationAll")}</>;
  return (
    <>
      {units.length > 0 && (
        <>
          {t("surveys.populationUnitsList", { units: units.join(", ") })}
          <br />
        </>
      )}
      {groups.length > 0 && t("surveys.populationGroupsList", { groups: groups.join(", ") })}
    </>
  );
}

type Rate = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["rate"]>;

/**
 * The rate by unit, only where enough were invited (and showing it gives away no smaller
 * unit's); the others are one line together, without a figure, so a small unit cannot be
 * watched while colleagues answer.
 */
function UnitRates({ rate }: { rate: Rate }) {
  const { t, locale } = useI18n();
  const shown = rate.units.filter((u) => u.responded !== null);
  const hidden = rate.units.filter((u) => u.responded === null);
  if (rate.units.length === 0) return null;
  return (
    <>
      {shown.length > 0 && (
        <div className="table-scroll">
          <table>
            <caption>{t("surveys.rateByUnit")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("surveys.unit")}</th>
                <th scope="col" className="num">
                  {t("surveys.invited")}
                </th>
                <th scope="col" className="num">
                  {t("surveys.responded")}
                </th>
                <th scope="col" className="num">
                  {t("surveys.rateColumn")}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={u.unitId}>
                  <th scope="row" className={u.depth ? `depth-${Math.min(u.depth, 4)}` : undefined}>
                    {u.name}
                  </th>
                  <td className="num">{u.invited}</td>
                  <td className="num">{u.responded}</td>
                  <td className="num">{percent(u.responded ?? 0, u.invited, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hidden.length > 0 && (
        <p>{t("surveys.otherUnits", { count: hidden.length, k: rate.minGroupSize })}</p>
      )}
    </>
  );
}

function Confirm({
  action,
  state,
  toInvite,
  reminders,
  clock,
  autoOpen,
  reminderDates,
}: {
  action: CycleAction;
  state: FormState;
  toInvite: number | null;
  reminders: number;
  clock: ReturnType<typeof useLoaderData<typeof loader>>["clock"];
  autoOpen: boolean;
  reminderDates: string[];
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The error summary takes the focus when there are errors; otherwise the card's heading.
    if (!state?.fieldErrors) heading.current?.focus();
  }, [state]);
  const labels: Record<string, string> = {
    opensAt: t("surveys.opensDate"),
    opensAtTime: t("surveys.opensTime"),
    closesAt: t("surveys.closesDate"),
    closesAtTime: t("surveys.closesTime"),
    reminderDates: t("surveys.reminderDates"),
  };
  for (let i = 0; i < REMINDER_FIELDS; i++) {
    labels[`reminderDates.${i}`] = t("surveys.reminderDay", { n: i + 1 });
  }
  return (
    <section id="confirm" aria-labelledby="h-confirm" className="card">
      <h2 id="h-confirm" tabIndex={-1} ref={heading}>
        {t(`surveys.confirm.${action}.title` as MessageKey)}
      </h2>
      <p className="prose">
        {action === "open" && toInvite === null
          ? t("surveys.confirm.openClient.text")
          : t(`surveys.confirm.${action}.text` as MessageKey, {
              count: action === "open" ? (toInvite ?? 0) : reminders,
            })}
      </p>
      <ErrorSummary state={state} labels={labels} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={action} />
        {action === "schedule" && (
          <>
            <DateTimeFields
              name="opensAt"
              legend={t("surveys.opens")}
              dateLabel={labels.opensAt}
              timeLabel={labels.opensAtTime}
              hint={t("surveys.warsawTime")}
              state={state}
              date={clock.opensAt.date}
              time={clock.opensAt.time}
            />
            <DateTimeFields
              name="closesAt"
              legend={t("surveys.closes")}
              dateLabel={labels.closesAt}
              timeLabel={labels.closesAtTime}
              state={state}
              date={clock.closesAt.date}
              time={clock.closesAt.time}
            />
            <CheckboxField
              name="autoOpen"
              label={t("surveys.autoOpen")}
              hint={t("surveys.autoOpenHint")}
              state={state}
              defaultChecked={autoOpen || !state}
            />
          </>
        )}
        {action === "extend" && (
          <DateTimeFields
            name="closesAt"
            legend={t("surveys.newClose")}
            dateLabel={labels.closesAt}
            timeLabel={labels.closesAtTime}
            hint={t("surveys.warsawTime")}
            state={state}
            date={clock.extendTo.date}
            time={clock.extendTo.time}
          />
        )}
        {action === "reminders" && (
          <ReminderDateFields state={state} dates={reminderDates} legend={labels.reminderDates} />
        )}
        <div className="bulk-actions">
          <button type="submit" className="primary">
            {t(`surveys.confirm.${action}.button` as MessageKey)}
          </button>
          <Link to="?" className="button">
            {t("common.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}
