// /my/development — "Moje szkolenia": an employee's upcoming sessions, hours attended per
// activity and in total, certificates to download and knowledge test results.
import { Link, useLoaderData } from "react-router";
import { formatHours } from "../../../modules/programme/hours.ts";
import { myDevelopment } from "../../../modules/programme/my-development.ts";
import { formatSessionWhen } from "../../../modules/programme/session-text.ts";
import { formatGain, formatPercent } from "../../../modules/programme/test-scoring.ts";
import { formatDate, type MessageKey } from "../../../platform/i18n.ts";
import { EmptyState, Page } from "../../components/page.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, requirePage } from "../../lib/server.ts";
import type { Route } from "./+types/development";

export async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  return load(() => myDevelopment(actor));
}

export default function MyDevelopmentPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const crumbs = [{ to: "/", label: t("nav.dashboard") }];
  if (!d.hasEmployee) {
    return (
      <Page title={t("myDev.title")} crumbs={crumbs}>
        <EmptyState>{t("myDev.noEmployee")}</EmptyState>
      </Page>
    );
  }
  const unit = (u: "clock" | "academic") =>
    t(u === "academic" ? "attend.unitAcademic" : "attend.unitClock");
  const totals = (["clock", "academic"] as const).filter((u) => d.totals[u] !== undefined);
  return (
    <Page
      title={t("myDev.title")}
      crumbs={crumbs}
      actions={
        <Link className="button" to="/programme">
          {t("myDev.browse")}
        </Link>
      }
    >
      <section aria-labelledby="h-upcoming">
        <h2 id="h-upcoming">{t("myDev.upcoming")}</h2>
        {d.upcoming.length === 0 ? (
          <EmptyState action={<Link to="/programme">{t("myDev.browse")}</Link>}>
            {t("myDev.noUpcoming")}
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("myDev.upcoming")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("attend.when")}</th>
                  <th scope="col">{t("attend.activity")}</th>
                  <th scope="col">{t("myDev.whereOrLink")}</th>
                  <th scope="col">{t("myDev.status")}</th>
                </tr>
              </thead>
              <tbody>
                {d.upcoming.map((s) => (
                  <tr key={s.sessionId}>
                    <td>{formatSessionWhen(s)}</td>
                    <th scope="row">
                      <Link to={`/programme/${s.activityId}`}>{s.title}</Link>
                    </th>
                    <td>
                      {s.place}
                      {s.place && s.meetingUrl && <br />}
                      {s.meetingUrl && (
                        <a href={s.meetingUrl} rel="noopener noreferrer">
                          {t("myDev.meetingLink")}
                        </a>
                      )}
                      {!s.place && !s.meetingUrl && t("common.none")}
                    </td>
                    <td>{t(`myDev.enrolment.${s.status}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-hours">
        <h2 id="h-hours">{t("myDev.hours")}</h2>
        {d.hours.length === 0 ? (
          <EmptyState>{t("myDev.noHours")}</EmptyState>
        ) : (
          <>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t("myDev.hours")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("attend.activity")}</th>
                    <th scope="col" className="num">
                      {t("myDev.attended")}
                    </th>
                    <th scope="col" className="num">
                      {t("myDev.planned")}
                    </th>
                    <th scope="col">{t("attend.col.completed")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.hours.map((h) => (
                    <tr key={h.activityId}>
                      <th scope="row">
                        <Link to={`/programme/${h.activityId}`}>{h.title}</Link>
                      </th>
                      <td className="num">
                        {formatHours(h.attendedCenti, locale)} {unit(h.hourUnit)}
                      </td>
                      <td className="num">
                        {formatHours(h.plannedCenti, locale)} {unit(h.hourUnit)}
                      </td>
                      <td>
                        {t(h.completed ? "attend.completedYes" : "attend.completedNo")} ({h.percent}{" "}
                        %)
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <strong>{t("myDev.total")}:</strong>{" "}
              {totals.map((u) => `${formatHours(d.totals[u] ?? 0, locale)} ${unit(u)}`).join(", ")}
            </p>
            <p className="hint">{t("myDev.unitsHint")}</p>
          </>
        )}
      </section>

      <section aria-labelledby="h-certificates">
        <h2 id="h-certificates">{t("myDev.certificates")}</h2>
        {d.certificates.length === 0 ? (
          <EmptyState>{t("myDev.noCertificates")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("myDev.certificates")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("certificate.number")}</th>
                  <th scope="col">{t("attend.activity")}</th>
                  <th scope="col">{t("verify.dates")}</th>
                  <th scope="col" className="num">
                    {t("verify.hours")}
                  </th>
                  <th scope="col">{t("myDev.file")}</th>
                </tr>
              </thead>
              <tbody>
                {d.certificates.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.number}</th>
                    <td>{c.activityTitle}</td>
                    <td>
                      {c.firstDay === c.lastDay
                        ? formatDate(c.firstDay)
                        : `${formatDate(c.firstDay)}–${formatDate(c.lastDay)}`}
                    </td>
                    <td className="num">
                      {formatHours(c.hoursCenti, locale)} {unit(c.hourUnit)}
                    </td>
                    <td>
                      {c.revokedAt ? (
                        t("myDev.revoked", { date: formatDate(c.revokedAt) })
                      ) : (
                        <a
                          href={`/certificates/${c.id}.pdf`}
                          aria-label={t("myDev.downloadLabel", { number: c.number })}
                        >
                          {t("myDev.download")}
                        </a>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-tests">
        <h2 id="h-tests">{t("myDev.tests")}</h2>
        {d.tests.length === 0 ? (
          <EmptyState>{t("myDev.noTests")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("myDev.tests")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("attend.activity")}</th>
                  <th scope="col" className="num">
                    {t("myDev.pre")}
                  </th>
                  <th scope="col" className="num">
                    {t("myDev.post")}
                  </th>
                  <th scope="col" className="num">
                    {t("myDev.gain")}
                  </th>
                  <th scope="col">{t("myDev.competence")}</th>
                </tr>
              </thead>
              <tbody>
                {d.tests.map((r) => (
                  <tr key={r.activityId}>
                    <th scope="row">
                      <Link to={`/programme/${r.activityId}`}>{r.title}</Link>
                    </th>
                    <td className="num">
                      {r.prePercent === null
                        ? t("common.none")
                        : `${formatPercent(r.prePercent, locale)} %`}
                    </td>
                    <td className="num">
                      {r.postPercent === null
                        ? t("common.none")
                        : `${formatPercent(r.postPercent, locale)} %`}
                    </td>
                    <td className="num">
                      {r.gainPoints === null
                        ? t("common.none")
                        : t("myDev.points", { value: formatGain(r.gainPoints, locale) })}
                    </td>
                    <td>
                      {r.acquired === null
                        ? t("common.none")
                        : t(r.acquired ? "myDev.acquiredYes" : "myDev.acquiredNo")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}
