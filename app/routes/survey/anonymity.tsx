// /survey/anonimowosc — the anonymity guarantees in plain words, public: linked from every
// answer page, before the first question. The full account is docs/methodology.pl.md.

import type { MessageKey } from "../../../platform/i18n.ts";
import { Page } from "../../components/page.tsx";
import { useT } from "../../lib/i18n.tsx";

const STAFF: MessageKey[] = [
  "anonymity.staff.separate",
  "anonymity.staff.stored",
  "anonymity.staff.notStored",
  "anonymity.staff.groups",
  "anonymity.staff.comments",
  "anonymity.staff.nobody",
];

const CLIENT: MessageKey[] = [
  "anonymity.client.stored",
  "anonymity.client.notStored",
  "anonymity.client.comments",
];

export default function AnonymityPage() {
  const t = useT();
  return (
    <Page title={t("anonymity.title")}>
      <div className="prose">
        <p className="lead">{t("anonymity.intro")}</p>
        <h2>{t("anonymity.staffTitle")}</h2>
        <ul>
          {STAFF.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
        <h2>{t("anonymity.clientTitle")}</h2>
        <ul>
          {CLIENT.map((k) => (
            <li key={k}>{t(k)}</li>
          ))}
        </ul>
        <h2>{t("anonymity.browserTitle")}</h2>
        <p>{t("anonymity.browser")}</p>
      </div>
    </Page>
  );
}
