// /support/calendar — the specialist's own bookings: a week at a time (with the meetings still
// waiting for an outcome on top), or the whole list with search, filters, sorting and paging.
// The employees' names are shown here and nowhere else in the organisation's pages.
import { Form, Link, useActionData, useLoaderData } from "react-router";
import { formatTime } from "../../../modules/programme/session-text.ts";
import { kindKey, statusKey } from "../../../modules/support/booking-labels.ts";
import { SPECIALIST_STATUS_FILTERS } from "../../../modules/support/calendar-shared.ts";
import { markOutcome } from "../../../modules/support/mark-outcome.ts";
import {
  listSpecialistBookings,
  specialistWeek,
} from "../../../modules/support/specialist-bookings.ts";
import { AppError } from "../../../platform/errors.ts";
import { formatDate, isMessageKey, type MessageKey } from "../../../platform/i18n.ts";
import { addDays, warsawDay } from "../../../platform/warsaw-time.ts";
import { ErrorSummary, type FormState } from "../../components/form.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { BookingItem } from "../../components/support/booking-item.tsx";
import { Pagination, PastLastPage, SortHeader } from "../../components/table.tsx";
import { useI18n, useT } from "../../lib/i18n.tsx";
import { act, load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/calendar";
import "../../components/support/calendar.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "support.specialist");
  const params = pageParams(new URL(request.url));
  if (params.view === "list") {
    const list = await load(() =>
      listSpecialistBookings(actor, { when: "all", dir: "desc", ...params }),
    );
    return { view: "list" as const, list, week: null };
  }
  const week = await load(() => specialistWeek(actor, params.week));
  return { view: "week" as const, week, list: null, today: warsawDay(new Date()) };
}

type Result = FormState & { ok?: boolean; message?: string };

export async function action({ context, request }: Route.ActionArgs) {
  const actor = requirePage(context, request, "support.specialist");
  return act(await request.formData(), async (v): Promise<Result> => {
    if (v.intent !== "outcome") throw new AppError("validation", { _form: "errors.invalid" });
    const r = await markOutcome(actor, v.id ?? "", { outcome: v.outcome });
    return { ok: true, message: `support.calendar.marked.${r.status}` };
  });
}

export default function SpecialistCalendar() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const specialist = d.view === "week" ? d.week.specialist : d.list.specialist;
  return (
    <Page title={t("support.calendar.title")} crumbs={[{ to: "/", label: t("nav.dashboard") }]}>
      <p>{t("support.calendar.intro")}</p>
      {result?.ok && result.message && isMessageKey(result.message) && (
        <Notice kind="success">{t(result.message)}</Notice>
      )}
      {result && !result.ok && <ErrorSummary state={result} labels={{}} />}
      {!specialist ? (
        <Notice>{t("support.calendar.noProfile")}</Notice>
      ) : (
        <>
          <nav aria-label={t("support.calendar.views")}>
            <ul className="support-views">
              <li>
                <Link to="/support/calendar" aria-current={d.view === "week" ? "page" : undefined}>
                  {t("support.calendar.viewWeek")}
                </Link>
              </li>
              <li>
                <Link
                  to="/support/calendar?view=list"
                  aria-current={d.view === "list" ? "page" : undefined}
                >
                  {t("support.calendar.viewList")}
                </Link>
              </li>
              <li>
                <Link to="/support/availability">{t("support.calendar.availabilityLink")}</Link>
              </li>
            </ul>
          </nav>
          {d.view === "week" ? <WeekView d={d} /> : <ListView list={d.list} />}
        </>
      )}
    </Page>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function WeekView({ d }: { d: Extract<Loaded, { view: "week" }> }) {
  const t = useT();
  const { locale } = useI18n();
  const w = d.week;
  const weekday = new Intl.DateTimeFormat(locale === "pl" ? "pl-PL" : "en-GB", {
    weekday: "long",
    timeZone: "UTC",
  });
  const sunday = addDays(w.monday, 6);
  const thisWeek = d.today >= w.monday && d.today <= sunday;
  return (
    <>
      <section aria-labelledby="h-awaiting">
        <h2 id="h-awaiting">{t("support.calendar.awaitingTitle")}</h2>
        {w.awaiting.length === 0 ? (
          <p>{t("support.calendar.awaitingNone")}</p>
        ) : (
          <>
            <p>{t("support.calendar.awaitingIntro", { count: w.awaitingTotal })}</p>
            <ul className="booking-list">
              {w.awaiting.map((b) => (
                <BookingItem key={b.id} b={b} showDate />
              ))}
            </ul>
            {w.awaitingTotal > w.awaiting.length && (
              <p>
                <Link to="/support/calendar?view=list&when=past&status=booked&dir=asc">
                  {t("support.calendar.awaitingAll", { count: w.awaitingTotal })}
                </Link>
              </p>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="h-week">
        <h2 id="h-week">
          {t("support.calendar.weekTitle", {
            from: formatDate(w.monday),
            to: formatDate(sunday),
          })}
        </h2>
        <nav aria-label={t("support.calendar.weekNav")} className="week-nav">
          <Link to={`/support/calendar?week=${addDays(w.monday, -7)}`}>
            {t("support.calendar.previousWeek")}
          </Link>
          {!thisWeek && <Link to="/support/calendar">{t("support.calendar.thisWeek")}</Link>}
          <Link to={`/support/calendar?week=${addDays(w.monday, 7)}`}>
            {t("support.calendar.nextWeek")}
          </Link>
        </nav>
        {w.days.map((day, i) => {
          // Weekends appear only when something is booked on them.
          if (i >= 5 && day.bookings.length === 0) return null;
          const label = `${weekday.format(new Date(`${day.day}T12:00:00Z`))}, ${formatDate(day.day)}`;
          return (
            <section key={day.day} aria-label={label}>
              <h3>
                {label}
                {day.day === d.today && ` (${t("support.calendar.today")})`}
              </h3>
              {day.bookings.length === 0 ? (
                <p className="day-empty">{t("support.calendar.dayEmpty")}</p>
              ) : (
                <ul className="booking-list">
                  {day.bookings.map((b) => (
                    <BookingItem key={b.id} b={b} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </section>
    </>
  );
}

function ListView({ list }: { list: Extract<Loaded, { view: "list" }>["list"] }) {
  const t = useT();
  const sortProps = { sort: list.sort, dir: list.dir };
  const filtered = Boolean(list.q) || list.when !== "all" || list.status !== "all";
  return (
    <section aria-labelledby="h-list">
      <h2 id="h-list">{t("support.calendar.viewList")}</h2>
      <Form method="get" className="filters" role="search">
        <input type="hidden" name="view" value="list" />
        <div className="field">
          <label htmlFor="f-q">{t("support.calendar.search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={list.q} />
        </div>
        <div className="field">
          <label htmlFor="f-when">{t("support.calendar.when")}</label>
          <select id="f-when" name="when" defaultValue={list.when}>
            {(["all", "upcoming", "past"] as const).map((w) => (
              <option key={w} value={w}>
                {t(`support.calendar.when.${w}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("support.calendar.statusLabel")}</label>
          <select id="f-status" name="status" defaultValue={list.status}>
            {SPECIALIST_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "all" || s === "live"
                  ? t(`support.calendar.statusFilter.${s}` as MessageKey)
                  : t(statusKey(s))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t("common.search")}</button>
        {filtered && <Link to="/support/calendar?view=list">{t("common.clear")}</Link>}
      </Form>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState>{t("support.calendar.listEmpty")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("support.calendar.viewList")}</caption>
            <thead>
              <tr>
                <SortHeader column="date" label={t("support.calendar.colWhen")} {...sortProps} />
                <SortHeader column="name" label={t("support.calendar.colPerson")} {...sortProps} />
                <th scope="col">{t("support.calendar.colKind")}</th>
                <th scope="col">{t("support.calendar.statusLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((b) => (
                <ListRow key={b.id} b={b} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </section>
  );
}

function ListRow({ b }: { b: Extract<Loaded, { view: "list" }>["list"]["rows"][number] }) {
  const t = useT();
  return (
    <tr>
      <td>
        <Link to={`/support/bookings/${b.id}`}>
          {formatDate(b.startsAt)}, {formatTime(b.startsAt)}–{formatTime(b.endsAt)}
        </Link>
      </td>
      <th scope="row">
        {b.employee.lastName} {b.employee.firstName}
      </th>
      <td>{t(kindKey(b.kind))}</td>
      <td>
        {t(statusKey(b.status))}
        {b.status === "booked" && b.markable && ` — ${t("support.calendar.awaitingMark")}`}
      </td>
    </tr>
  );
}
