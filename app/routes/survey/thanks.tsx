// /survey/dziekujemy — after answering the staff survey: what was stored and what was not.
import { useEffect } from "react";
import { Link } from "react-router";
import { Page } from "../../components/page.tsx";
import { clearSurveyDrafts } from "../../components/survey-form.tsx";
import { useT } from "../../lib/i18n.tsx";

export default function ThanksPage() {
  const t = useT();
  // The answers are stored; the draft this tab kept while they were typed goes now.
  useEffect(() => clearSurveyDrafts(), []);
  return (
    <Page title={t("survey.thanksTitle")}>
      <div className="survey-thanks">
        <p className="lead">{t("survey.thanksStored")}</p>
        <h2>{t("survey.thanksKeptTitle")}</h2>
        <ul>
          <li>{t("survey.thanksKeptAnswers")}</li>
          <li>{t("survey.thanksKeptGroup")}</li>
          <li>{t("survey.thanksKeptDay")}</li>
        </ul>
        <h2>{t("survey.thanksNotKeptTitle")}</h2>
        <ul>
          <li>{t("survey.thanksNotKeptPerson")}</li>
          <li>{t("survey.thanksNotKeptTime")}</li>
          <li>{t("survey.thanksNotKeptLink")}</li>
        </ul>
        <p>{t("survey.thanksClose")}</p>
        <p>
          <Link to="/survey/anonimowosc">{t("survey.anonymityMore")}</Link>
        </p>
      </div>
    </Page>
  );
}
