// A participant's knowledge tests and evaluation of one activity, as links: for the activity
// page and "My development". Data: `participantTestStatus` (take-test.ts) and
// `evaluationStatus` (evaluation.ts). Renders nothing when there is nothing to do or show.
import { Link } from "react-router";
import type { participantTestStatus } from "../../../modules/programme/take-test.ts";
import { formatPercent } from "../../../modules/programme/test-scoring.ts";
import { formatDate, formatDateTime } from "../../../platform/i18n.ts";
import { useI18n } from "../../lib/i18n.tsx";

export type TestLinksData = {
  tests: Awaited<ReturnType<typeof participantTestStatus>> | null;
  evaluation: { canAnswer: boolean; answered: boolean; closesAt: Date | null } | null;
};

export function ParticipantTestLinks({
  activityId,
  tests,
  evaluation,
  headingLevel = 2,
}: TestLinksData & { activityId: string; headingLevel?: 2 | 3 }) {
  const { t, locale } = useI18n();
  const items: React.ReactNode[] = [];
  for (const stage of ["pre", "post"] as const) {
    const s = tests?.[stage];
    if (!s) continue;
    const name = t(stage === "pre" ? "programmeTests.links.pre" : "programmeTests.links.post");
    if (s.state === "open") {
      items.push(
        <li key={stage}>
          <Link to={`/programme/${activityId}/test/${stage}`}>
            {t("programmeTests.links.take", { name })}
          </Link>
          {s.closesAt && ` ${t("programmeTests.links.until", { at: formatDateTime(s.closesAt) })}`}
        </li>,
      );
    } else if (s.state === "submitted" && s.percent !== null) {
      items.push(
        <li key={stage}>
          <Link to={`/programme/${activityId}/test/${stage}`}>
            {t("programmeTests.links.result", { name, percent: formatPercent(s.percent, locale) })}
          </Link>
        </li>,
      );
    } else if (s.state === "notYet" && stage === "post" && s.opensAt) {
      items.push(
        <li key={stage}>{t("programmeTests.links.from", { name, at: formatDate(s.opensAt) })}</li>,
      );
    }
  }
  if (evaluation?.canAnswer) {
    items.push(
      <li key="evaluation">
        <Link to={`/programme/${activityId}/evaluation`}>{t("programmeTests.links.evaluate")}</Link>
        {evaluation.closesAt &&
          ` ${t("programmeTests.links.until", { at: formatDate(evaluation.closesAt) })}`}
      </li>,
    );
  } else if (evaluation?.answered) {
    items.push(<li key="evaluation">{t("programmeTests.links.evaluated")}</li>);
  }
  if (items.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby={`tests-${activityId}`}>
      <Heading id={`tests-${activityId}`}>{t("programmeTests.links.heading")}</Heading>
      <ul className="test-links">{items}</ul>
    </section>
  );
}
