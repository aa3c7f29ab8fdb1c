// Upcoming activities of the catalogue that deliver the kinds of support a survey scale calls
// for (modules/programme/matching-activities.ts), as links, for the survey results page.
import { Link } from "react-router";
import type { MatchingActivity } from "../../../modules/programme/matching-activities.ts";
import { formatDate } from "../../../platform/i18n.ts";
import { useT } from "../../lib/i18n.tsx";
import "./knowledge-test.css";

export function MatchingActivities({
  kinds,
  matching,
}: {
  kinds: readonly string[];
  matching: Partial<Record<string, MatchingActivity[]>>;
}) {
  const t = useT();
  const seen = new Set<string>();
  const list: MatchingActivity[] = [];
  for (const kind of kinds) {
    for (const a of matching[kind] ?? []) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      list.push(a);
    }
  }
  if (list.length === 0) return null;
  list.sort((a, b) => new Date(a.nextStart).getTime() - new Date(b.nextStart).getTime());
  return (
    <div className="matching">
      <span>{t("programmeTests.matching.label")}</span>
      <ul className="matching-activities">
        {list.slice(0, 3).map((a) => (
          <li key={a.id}>
            <Link to={`/programme/${a.id}`}>{a.title}</Link>{" "}
            {t("programmeTests.matching.from", { at: formatDate(a.nextStart) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
