import { Link, useLoaderData, useSearchParams } from "react-router";
import { type AudienceNames, activityDetail } from "../../../modules/programme/activity-detail.ts";
import { activityTypeLabel } from "../../../modules/programme/activity-types.ts";
import { enrolmentStatus } from "../../../modules/programme/enrolment-status.ts";
import { evaluationStatus } from "../../../modules/programme/evaluation.ts";
import { formatHours } from "../../../modules/programme/hours.ts";
import { formatSessionWhen } from "../../../modules/programme/session-text.ts";
import { participantTestStatus } from "../../../modules/programme/take-test.ts";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  type MessageKey,
} from "../../../platform/i18n.ts";
import { Notice, Page } from "../../components/page.tsx";
import { ActivityStatusBadge, PlacesLeft } from "../../components/programme/catalogue.tsx";
import { EnrolBox } from "../../components/programme/enrol-box.tsx";
import { ParticipantTestLinks } from "../../components/programme/test-links.tsx";
import { useI18n } from "../../lib/i18n.tsx";
import { load, requirePage, t as tOf } from "../../lib/server.ts";
import type { Route } from "./+types/activity";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const actor = requirePage(context, request, "programme.enrol");
  const t = tOf(context);
  const d = await load(() => activityDetail(actor, params.id));
  const a = d.activity;
  const enrolment = a.status === "draft" ? null : await enrolmentStatus(actor, a.id);
  // Tests and the evaluation concern people who took part; for anyone else there is nothing.
  const participant = enrolment?.enrolment?.status === "confirmed";
  const [tests, evaluation] = participant
    ? await Promise.all([
        participantTestStatus(actor, a.id).catch(() => null),
        evaluationStatus(actor, a.id).catch(() => null),
      ])
    : [null, null];
  const seesLinks = d.can.manage || d.can.attendance || participant;
  return {
    activity: {
      id: a.id,
      title: a.title,
      description: a.description,
      status: a.status,
      format: a.format,
      hourUnit: a.hourUnit,
      provider: a.provider,
      capacity: a.capacity,
      enrolOpensAt: a.enrolOpensAt,
      enrolClosesAt: a.enrolClosesAt,
      priorityUntil: a.priorityUntil,
      cancelDeadlineHours: a.cancelDeadlineHours,
      requiresApproval: a.requiresApproval,
      completionPercent: a.completionPercent,
      // What the activity costs is the organisers' business, not the catalogue's.
      costGrosze: d.can.manage || d.can.reports ? a.costGrosze : null,
    },
    typeLabel: d.type ? activityTypeLabel(t, d.type) : "",
    trainerName: d.trainerName,
    hoursCenti: d.hoursCenti,
    placesLeft: d.placesLeft,
    sessions: d.sessions.map((s) => ({
      id: s.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      place: s.place,
      // Meeting links go to the people taking part and those running it, not the whole centre.
      meetingUrl: seesLinks ? s.meetingUrl : s.meetingUrl ? "hidden" : "",
      cancelled: Boolean(s.cancelledAt),
    })),
    target: d.target,
    priority: d.priority,
    can: d.can,
    enrolment,
    tests,
    evaluation,
  };
}

function AudienceList({ names, allLabel }: { names: AudienceNames; allLabel: string }) {
  const { t } = useI18n();
  const rows: [MessageKey, { id: string; name: string }[]][] = [
    ["catalogue.audience.groups", names.staffGroups],
    ["catalogue.audience.positions", names.positions],
    ["catalogue.audience.units", names.units],
  ];
  const given = rows.filter(([, list]) => list.length > 0);
  if (given.length === 0) return <p>{allLabel}</p>;
  return (
    <ul className="audience-list">
      {given.map(([label, list]) => (
        <li key={label}>
          {t(label)}: {list.map((x) => x.name).join(", ")}
        </li>
      ))}
    </ul>
  );
}

export default function ActivityPage() {
  const { t, locale } = useI18n();
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const a = d.activity;
  const live = d.sessions.filter((s) => !s.cancelled);
  const first = live[0];
  const last = live.at(-1);
  const hours = formatHours(d.hoursCenti, locale);
  const links: { to: string; label: MessageKey }[] = [];
  if (d.can.manage) links.push({ to: `/programme/${a.id}/edit`, label: "catalogue.link.edit" });
  if (d.can.enrolments && a.status !== "draft") {
    links.push({ to: `/programme/${a.id}/enrolments`, label: "catalogue.link.enrolments" });
  }
  if (d.can.attendance && a.status !== "draft") {
    links.push({ to: `/programme/${a.id}/attendance`, label: "catalogue.link.attendance" });
  }
  if (d.can.manage) {
    links.push({ to: `/programme/${a.id}/certificates`, label: "catalogue.link.certificates" });
  }
  // The test's page: its bank for whoever runs the programme, its results for report readers.
  if (d.can.manage || d.can.reports) {
    links.push({ to: `/programme/${a.id}/test`, label: "catalogue.link.test" });
  }
  if ((d.can.manage || d.can.reports) && a.status !== "draft") {
    links.push({
      to: `/programme/${a.id}/evaluation/results`,
      label: "catalogue.link.evaluation",
    });
  }
  const hasPriority =
    d.priority.staffGroups.length + d.priority.positions.length + d.priority.units.length > 0;
  return (
    <Page
      title={a.title}
      crumbs={[
        { to: "/", label: t("nav.dashboard") },
        { to: "/programme", label: t("catalogue.title") },
      ]}
    >
      {params.get("cancelled") && a.status === "cancelled" && (
        <Notice kind="success">{t("catalogue.cancelledNotice")}</Notice>
      )}
      {a.status === "cancelled" && !params.get("cancelled") && (
        <Notice>{t("catalogue.isCancelled")}</Notice>
      )}
      {a.status === "draft" && <Notice>{t("catalogue.isDraft")}</Notice>}
      {links.length > 0 && (
        <nav aria-label={t("catalogue.manageLinks")}>
          <ul className="activity-links">
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to}>{t(l.label)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <dl className="facts">
        <dt>{t("catalogue.type")}</dt>
        <dd>{d.typeLabel}</dd>
        {d.can.manage && (
          <>
            <dt>{t("catalogue.status")}</dt>
            <dd>
              <ActivityStatusBadge status={a.status} />
            </dd>
          </>
        )}
        <dt>{t("catalogue.format")}</dt>
        <dd>{t(`catalogue.format.${a.format}` as MessageKey)}</dd>
        {a.provider && (
          <>
            <dt>{t("catalogue.provider")}</dt>
            <dd>{a.provider}</dd>
          </>
        )}
        {d.trainerName && (
          <>
            <dt>{t("catalogue.trainer")}</dt>
            <dd>{d.trainerName}</dd>
          </>
        )}
        <dt>{t("catalogue.dates")}</dt>
        <dd>
          {first && last
            ? formatDate(first.startsAt) === formatDate(last.endsAt)
              ? formatDate(first.startsAt)
              : `${formatDate(first.startsAt)} – ${formatDate(last.endsAt)}`
            : t("catalogue.noSessions")}
        </dd>
        <dt>{t("catalogue.hours")}</dt>
        <dd>
          {t(a.hourUnit === "academic" ? "catalogue.hours.academic" : "catalogue.hours.clock", {
            hours,
          })}
        </dd>
        <dt>{t("catalogue.places")}</dt>
        <dd>
          <PlacesLeft capacity={a.capacity} placesLeft={d.placesLeft} />
        </dd>
        <dt>{t("catalogue.enrolment")}</dt>
        <dd>
          {a.enrolOpensAt || a.enrolClosesAt
            ? t("catalogue.enrolWindow", {
                from: a.enrolOpensAt ? formatDateTime(a.enrolOpensAt) : "—",
                to: a.enrolClosesAt ? formatDateTime(a.enrolClosesAt) : "—",
              })
            : t("catalogue.enrolAlways")}
          {a.requiresApproval && (
            <>
              <br />
              {t("catalogue.approvalNeeded")}
            </>
          )}
        </dd>
        <dt>{t("catalogue.cancellation")}</dt>
        <dd>{t("catalogue.cancellationRule", { count: a.cancelDeadlineHours })}</dd>
        <dt>{t("catalogue.completion")}</dt>
        <dd>{t("catalogue.completionRule", { percent: a.completionPercent })}</dd>
        {a.costGrosze !== null && (
          <>
            <dt>{t("catalogue.cost")}</dt>
            <dd>{formatMoney(a.costGrosze, locale)}</dd>
          </>
        )}
      </dl>

      {d.enrolment && <EnrolBox activityId={a.id} {...d.enrolment} />}
      <ParticipantTestLinks activityId={a.id} tests={d.tests} evaluation={d.evaluation} />

      {a.description && (
        <section aria-labelledby="h-description">
          <h2 id="h-description">{t("catalogue.description")}</h2>
          <p className="activity-description">{a.description}</p>
        </section>
      )}

      <section aria-labelledby="h-sessions">
        <h2 id="h-sessions">{t("catalogue.sessions")}</h2>
        {d.sessions.length === 0 ? (
          <p>{t("catalogue.noSessions")}</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("catalogue.sessions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("catalogue.when")}</th>
                  <th scope="col">{t("catalogue.place")}</th>
                </tr>
              </thead>
              <tbody>
                {d.sessions.map((s) => (
                  <tr key={s.id} className={s.cancelled ? "session-cancelled" : undefined}>
                    <th scope="row">
                      <span className="session-when">{formatSessionWhen(s)}</span>
                      {s.cancelled && ` — ${t("catalogue.sessionCancelled")}`}
                    </th>
                    <td>
                      {s.place}
                      {s.place && s.meetingUrl && <br />}
                      {s.meetingUrl === "hidden" ? (
                        <span className="muted">{t("catalogue.linkForParticipants")}</span>
                      ) : (
                        s.meetingUrl && (
                          <a href={s.meetingUrl} rel="noopener noreferrer">
                            {t("catalogue.joinMeeting")}
                          </a>
                        )
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-target">
        <h2 id="h-target">{t("catalogue.target")}</h2>
        <AudienceList names={d.target} allLabel={t("catalogue.forEveryone")} />
        {hasPriority && a.priorityUntil && (
          <>
            <p>{t("catalogue.priorityNote", { until: formatDateTime(a.priorityUntil) })}</p>
            <AudienceList names={d.priority} allLabel="" />
          </>
        )}
      </section>
    </Page>
  );
}
