// The status of a Health Day as a badge (not a route: shared by the Health Day's pages).
import type { HealthDayStatus } from "../../../modules/health/schema.ts";
import type { MessageKey } from "../../../platform/i18n.ts";
import { useT } from "../../lib/i18n.tsx";

const CLASS = {
  draft: "badge badge-draft",
  published: "badge badge-open",
  cancelled: "badge badge-closed",
} as const satisfies Record<HealthDayStatus, string>;

export function HealthDayStatusBadge({ status }: { status: HealthDayStatus }) {
  const t = useT();
  return <span className={CLASS[status]}>{t(`healthDay.status.${status}` as MessageKey)}</span>;
}
