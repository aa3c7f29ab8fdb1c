// /programme/:id/attendance — an activity's sessions with their attendance and scans, and each
// participant's hours so far (the coordinator, or the activity's trainer).
import { Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { attendanceOverview } from "../../../modules/programme/attendance-overview.ts";
import { formatHours, hoursCenti } from "../../../modules/programme/hours.ts";
import { formatSessionWhen } from "../../../modules/programme/session-text.ts";
import { EmptyState, Page } from "../../components/page.tsx";
import { ProgressFilters, ProgressTable } from "../../components/programme/progress-table.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, pageParams, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/attendance";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.attendance");
  const o = await load(() =>
    attendanceOverview(actor, params.id, pageParams(new URL(request.url))),
  );
  return {
    activity: {
      id: o.activity.id,
      title: o.activity.title,
      hourUnit: o.activity.hourUnit,
      completionPercent: o.activity.completionPercent,
      status: o.activity.status,
    },
    enrolled: o.enrolled,
    plannedMinutes: o.plannedMinutes,
    sessions: o.sessions,
    participants: o.participants,
    canCertify: can(actor, "programme.manage"),
  };
}

export default function ActivityAttendancePage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const a = d.activity;
  const unitKey = a.hourUnit === "academic" ? "attend.unitAcademic" : "attend.unitClock";
  return (
    <Page
      title={t("attend.overview.title", { title: a.title })}
      crumbs={[
        { to: "/programme", label: t("attend.crumbProgramme") },
        { to: `/programme/${a.id}`, label: a.title },
      ]}
      actions={
        d.canCertify && (
          <Link className="button" to={`/programme/${a.id}/certificates`}>
            {t("certificate.link")}
          </Link>
        )
      }
    >
      <p>
        {t("attend.overview.rule", {
          hours: formatHours(hoursCenti(d.plannedMinutes, a.hourUnit), locale),
          unit: t(unitKey),
          percent: a.completionPercent,
        })}
      </p>
      <h2>{t("attend.overview.sessions")}</h2>
      {d.sessions.length === 0 ? (
        <EmptyState>{t("attend.overview.noSessions")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("attend.overview.sessions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("attend.col.session")}</th>
                <th scope="col">{t("attend.when")}</th>
                <th scope="col">{t("attend.place")}</th>
                <th scope="col" className="num">
                  {t("attend.col.present")}
                </th>
                <th scope="col">{t("attend.col.scan")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {d.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">{s.number}</th>
                  <td>
                    {formatSessionWhen(s)}
                    {s.cancelled && ` (${t("attend.cancelled")})`}
                  </td>
                  <td>{[s.place, s.meetingUrl].filter(Boolean).join(" · ") || t("common.none")}</td>
                  <td className="num">
                    {s.started
                      ? t("attend.presentOf", {
                          present: s.present,
                          marked: s.marked,
                          enrolled: d.enrolled,
                        })
                      : t("common.none")}
                  </td>
                  <td>{t(s.hasScan ? "common.yes" : "common.no")}</td>
                  <td>
                    <ul className="actions">
                      {!s.cancelled && (
                        <li>
                          <Link
                            to={`/programme/sessions/${s.id}/attendance`}
                            aria-label={t("attend.markSessionLabel", { number: s.number })}
                          >
                            {t(s.started ? "attend.markLink" : "attend.openLink")}
                          </Link>
                        </li>
                      )}
                      <li>
                        <a
                          href={`/programme/sessions/${s.id}/sheet.pdf`}
                          download
                          aria-label={t("attend.sheetSessionLabel", { number: s.number })}
                        >
                          {t("attend.sheetShort")}
                        </a>
                      </li>
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("attend.overview.participants")}</h2>
      <ProgressFilters list={d.participants} clearTo={`/programme/${a.id}/attendance`} />
      {d.participants.total === 0 && !d.participants.q && d.participants.show === "all" ? (
        <EmptyState>{t("attend.nobody")}</EmptyState>
      ) : (
        <ProgressTable
          list={d.participants}
          hourUnit={a.hourUnit}
          caption={t("attend.overview.participants")}
        />
      )}
    </Page>
  );
}
