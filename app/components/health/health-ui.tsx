import type { HealthStatus } from "../../../modules/health/exam-status.ts";
import { formatDateTime, type MessageKey } from "../../../platform/i18n.ts";
import { useT } from "../../lib/i18n.tsx";
import "./health.css";

/** An employee's exam status as a badge: the word always, colour only adds to it. */
export function HealthStatusBadge({ status }: { status: HealthStatus }) {
  const t = useT();
  return (
    <span className={`badge badge-health-${status}`}>
      {t(`health.status.${status}` as MessageKey)}
    </span>
  );
}

/** A planned exam as the coordinator and the employee both see it: kind, when, where, referral. */
export function PlannedExamFacts({
  exam,
}: {
  exam: {
    kind: string;
    appointmentAt: Date | string | null;
    clinicName: string | null;
    clinicAddress: string | null;
    referralNumber: string | null;
  };
}) {
  const t = useT();
  return (
    <dl className="facts">
      <dt>{t("health.employee.kind")}</dt>
      <dd>{t(`health.kind.${exam.kind}` as MessageKey)}</dd>
      <dt>{t("health.employee.appointment")}</dt>
      <dd>{exam.appointmentAt ? formatDateTime(exam.appointmentAt) : t("common.none")}</dd>
      <dt>{t("health.employee.clinic")}</dt>
      <dd>
        {exam.clinicName
          ? [exam.clinicName, exam.clinicAddress].filter(Boolean).join(", ")
          : t("health.employee.clinicNone")}
      </dd>
      <dt>{t("health.employee.referral")}</dt>
      <dd>{exam.referralNumber ?? t("common.none")}</dd>
    </dl>
  );
}

/** "za 5 dni" / "3 dni temu" next to a date. */
export function DaysFrom({ days }: { days: number | null }) {
  const t = useT();
  if (days === null) return null;
  return (
    <span className="muted">
      {" "}
      ({days >= 0 ? t("health.inDays", { count: days }) : t("health.daysAgo", { count: -days })})
    </span>
  );
}
