// /rooms — the centre's rooms with each one's bookings of a chosen day (search, sorting,
// paging), to find a free room; each room's own page has the day's plan and the booking form.
import { Form, Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { roomsOfDay } from "../../../modules/support/room-day.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { Field } from "../../components/form.tsx";
import { EmptyState, Page } from "../../components/page.tsx";
import { Pagination, PastLastPage, SortHeader } from "../../components/table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/rooms";
import "./rooms.css";
import { weekdayName } from "./weekday.ts";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "rooms.book");
  const list = await roomsOfDay(actor, pageParams(new URL(request.url)));
  return { list, canManage: can(actor, "rooms.manage") };
}

export default function Rooms() {
  const { t, locale } = useI18n();
  const { list, canManage } = useLoaderData<typeof loader>();
  const sortProps = { sort: list.sort, dir: list.dir };
  const dayLink = (day: string) => {
    const p = new URLSearchParams({ day });
    if (list.q) p.set("q", list.q);
    return `/rooms?${p.toString()}`;
  };
  return (
    <Page
      title={t("rooms.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        canManage && (
          <Link className="button" to="/rooms/manage">
            {t("rooms.manageLink")}
          </Link>
        )
      }
    >
      <p className="prose">{t("rooms.intro")}</p>
      <Form method="get" className="filters" role="search">
        <Field name="day" type="date" label={t("rooms.day")} defaultValue={list.day} />
        <div className="field">
          <label htmlFor="f-q">{t("rooms.search")}</label>
          <input id="f-q" name="q" type="search" defaultValue={list.q} />
        </div>
        <button type="submit">{t("rooms.show")}</button>
      </Form>
      <nav className="rooms-day-nav" aria-label={t("rooms.dayNav")}>
        <Link to={dayLink(list.previous)}>{t("rooms.previousDay")}</Link>
        <strong>
          {weekdayName(list.day, locale)}, {formatDate(list.day)}
        </strong>
        <Link to={dayLink(list.next)}>{t("rooms.nextDay")}</Link>
      </nav>
      <p role="status">{t("common.results", { count: list.total })}</p>
      {list.rows.length === 0 && list.total > 0 ? (
        <PastLastPage pageSize={list.pageSize} total={list.total} />
      ) : list.rows.length === 0 ? (
        <EmptyState
          action={canManage && !list.q && <Link to="/rooms/manage">{t("rooms.addFirst")}</Link>}
        >
          {t(list.q ? "rooms.noResults" : "rooms.empty")}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">
              {t("rooms.tableCaption", { date: formatDate(list.day) })}
            </caption>
            <thead>
              <tr>
                <SortHeader column="name" label={t("rooms.name")} {...sortProps} />
                <SortHeader column="location" label={t("rooms.location")} {...sortProps} />
                <SortHeader column="capacity" label={t("rooms.capacity")} {...sortProps} />
                <th scope="col">{t("rooms.bookingsOfDay")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/rooms/${r.id}?day=${list.day}`}>{r.name}</Link>
                  </th>
                  <td>{r.location || t("common.none")}</td>
                  <td className="num">{r.capacity}</td>
                  <td>
                    {r.bookings.length === 0 ? (
                      <span className="rooms-free">{t("rooms.freeAllDay")}</span>
                    ) : (
                      <ul className="plain">
                        {r.bookings.map((b) => (
                          <li key={b.id}>
                            {b.from}–{b.to}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageSize={list.pageSize} total={list.total} />
    </Page>
  );
}
