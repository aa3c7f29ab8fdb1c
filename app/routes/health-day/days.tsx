// /health-day — the published Health Days: those to come (with the stations to book) and
// those of the last three months, and one's own bookings.
import { Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { myHealthDayBookings } from "../../../modules/health/book-health-day.ts";
import { listPublishedHealthDays } from "../../../modules/health/health-days.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { EmptyState, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/days";
import "./health-day.css";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "healthday.book");
  const [days, mine] = await Promise.all([
    listPublishedHealthDays(actor),
    myHealthDayBookings(actor),
  ]);
  return { ...days, mine, canManage: can(actor, "healthday.manage") };
}

type DayRow = Awaited<ReturnType<typeof loader>>["upcoming"][number];

function DaysTable({ rows, caption }: { rows: DayRow[]; caption: string }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("healthDay.date")}</th>
            <th scope="col">{t("healthDay.titleField")}</th>
            <th scope="col">{t("healthDay.place")}</th>
            <th scope="col" className="num">
              {t("healthDay.stations")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>{formatDate(d.date)}</td>
              <th scope="row">
                <Link to={`/health-day/${d.id}`}>{d.title}</Link>
              </th>
              <td>{d.place || t("common.none")}</td>
              <td className="num">{d.stations}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function HealthDays() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <Page
      title={t("healthDay.title")}
      crumbs={[{ to: "/", label: t("nav.dashboard") }]}
      actions={
        d.canManage && (
          <Link className="button" to="/health-day/manage">
            {t("healthDay.manageLink")}
          </Link>
        )
      }
    >
      <p className="lead prose">{t("healthDay.intro")}</p>

      {d.mine.length > 0 && (
        <section aria-labelledby="h-mine">
          <h2 id="h-mine">{t("healthDay.myBookings")}</h2>
          <ul className="plain">
            {d.mine.map((b) => (
              <li key={b.id} className="hd-mine">
                <Link to={`/health-day/${b.healthDayId}`}>{b.title}</Link>
                {" — "}
                {t("healthDay.myBookingLine", {
                  date: formatDate(b.date),
                  time: b.label,
                  station: b.stationName,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="h-upcoming">
        <h2 id="h-upcoming">{t("healthDay.upcoming")}</h2>
        {d.upcoming.length === 0 ? (
          <EmptyState>{t("healthDay.noneUpcoming")}</EmptyState>
        ) : (
          <DaysTable rows={d.upcoming} caption={t("healthDay.upcoming")} />
        )}
      </section>

      {d.past.length > 0 && (
        <section aria-labelledby="h-past">
          <h2 id="h-past">{t("healthDay.past")}</h2>
          <DaysTable rows={d.past} caption={t("healthDay.past")} />
        </section>
      )}
    </Page>
  );
}
