// /my/health — "Moje badania": the signed-in employee's own occupational-medicine exams (the
// validity of the certificate, an appointment with its referral, the history) and their
// Health Day places. Nobody else's record is reachable from here.
import { Link, useLoaderData } from "react-router";
import { can } from "../../../modules/access/actor.ts";
import { myHealthDayBookings } from "../../../modules/health/book-health-day.ts";
import { myExams } from "../../../modules/health/my-exams.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { HealthStatusBadge, PlannedExamFacts } from "../../components/health/health-ui.tsx";
import { EmptyState, Notice, Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/health";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "health.own");
  const [mine, healthDays] = await Promise.all([
    load(() => myExams(actor)),
    can(actor, "healthday.book") ? myHealthDayBookings(actor) : Promise.resolve([]),
  ]);
  return { ...mine, healthDays };
}

export default function MyHealth() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const crumbs = [{ to: "/", label: t("nav.dashboard") }];
  if (!d.hasRecord) {
    return (
      <Page title={t("health.my.title")} crumbs={crumbs}>
        <EmptyState>{t("health.my.noRecord")}</EmptyState>
      </Page>
    );
  }
  const s = d.situation!;
  const planned = d.exams.find((x) => x.id === s.plannedId) ?? null;
  const history = d.exams.filter((x) => x.status === "done");
  const last = history[0] ?? null;
  return (
    <Page title={t("health.my.title")} crumbs={crumbs}>
      <p className="prose">{t("health.my.intro")}</p>

      <section aria-labelledby="h-status">
        <h2 id="h-status">{t("health.employee.situation")}</h2>
        <p>
          <HealthStatusBadge status={s.status} />
        </p>
        <p>
          {s.validUntil && s.daysLeft !== null && s.daysLeft >= 0
            ? t("health.my.validUntil", {
                date: formatDate(s.validUntil),
                when: t("health.inDays", { count: s.daysLeft }),
              })
            : s.validUntil
              ? t("health.my.expired", { date: formatDate(s.validUntil) })
              : last?.outcome === "unfit"
                ? t("health.my.unfit")
                : t("health.my.noCertificate")}
        </p>
        {s.controlRequired && <Notice>{t("health.my.controlRequired")}</Notice>}
      </section>

      {planned && (
        <section aria-labelledby="h-planned" className="card">
          <h2 id="h-planned">{t("health.my.plannedTitle")}</h2>
          <PlannedExamFacts exam={planned} />
          {planned.referralNumber && (
            <p>
              <a href={`/health/referrals/${planned.id}.pdf`}>{t("health.referral.download")}</a>{" "}
              <span className="muted">{t("health.my.referralHint")}</span>
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="h-history">
        <h2 id="h-history">{t("health.my.historyTitle")}</h2>
        {history.length === 0 ? (
          <p>{t("health.employee.historyNone")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("health.employee.historyCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("health.employee.examDate")}</th>
                  <th scope="col">{t("health.employee.kind")}</th>
                  <th scope="col">{t("health.employee.outcome")}</th>
                  <th scope="col">{t("health.board.validUntil")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((x) => (
                  <tr key={x.id}>
                    <td>{formatDate(x.examDate)}</td>
                    <td>{t(`health.kind.${x.kind}` as MessageKey)}</td>
                    <td>
                      {x.outcome
                        ? t(`health.outcome.${x.outcome}` as MessageKey)
                        : t("common.none")}
                    </td>
                    <td>{formatDate(x.validUntil) || t("common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-healthday">
        <h2 id="h-healthday">{t("health.my.healthDayTitle")}</h2>
        {d.healthDays.length > 0 && (
          <ul>
            {d.healthDays.map((b) => (
              <li key={b.id}>
                <Link to={`/health-day/${b.healthDayId}`}>{b.title}</Link>: {formatDate(b.date)},{" "}
                {b.label} — {b.stationName}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/health-day">{t("health.my.healthDayLink")}</Link>
        </p>
      </section>
    </Page>
  );
}
